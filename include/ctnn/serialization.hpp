// ctnn/serialization.hpp: `save` and `load`, a network's parameters (and optionally an optimiser's
// state, to resume training) to and from a stream or file, in ctnn's own binary or text format.
//
//   ctnn::network<2, 3, 1> net;
//   if (auto r = ctnn::save(net, "xor.ctnn"); !r)                     // binary by default
//       std::puts(r.message());
//   if (auto r = ctnn::load(net, "xor.ctnn"); !r)                     // format from the magic
//       std::printf("%s\n", r.message());   // e.g. "type mismatch: file holds double 2-3-1 ..."
//   ctnn::save(net, std::cout, ctnn::format::text);                   // hexadecimal floats
//   ctnn::save<ctnn::adam>(net, adam_state, "checkpoint.ctnn");       // optimiser named: adam
//   ctnn::load<ctnn::adam>(net, adam_state, "checkpoint.ctnn");       // and AdamW differ
//   ctnn::load_or_throw(net, "xor.ctnn");                             // throws serialization_error
//
// save and load never throw and compile with -fno-exceptions: they return an io_result (an error
// code and a message in a fixed buffer). A failed load leaves the network and the state exactly
// as they were: the file is read and checked whole (magic, version, checksum, the network's type
// signature, every value finite) before anything is written to them. The file format is
// described in README.md ("Saving and loading").
//
// Activations are named in the file by ctnn::activation_name<A>; a custom activation names itself
// with `static constexpr std::string_view name = "swish";`.
#pragma once

// What a file names and holds: every built-in activation and optimiser, as before the split.
#include <ctnn/activation.hpp>
#include <ctnn/optimizer.hpp>

#include <ctnn/serialization/binary.hpp>
#include <ctnn/serialization/file.hpp>
#include <ctnn/serialization/load.hpp>
#include <ctnn/serialization/load_binary.hpp>
#include <ctnn/serialization/load_text.hpp>
#include <ctnn/serialization/names.hpp>
#include <ctnn/serialization/result.hpp>
#include <ctnn/serialization/save.hpp>
#include <ctnn/serialization/signature.hpp>
#include <ctnn/serialization/text.hpp>
#include <ctnn/serialization/throwing.hpp>
#include <ctnn/serialization/walk.hpp>
