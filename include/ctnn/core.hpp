// ctnn/core.hpp: the freestanding-friendly umbrella (issue 14): networks, forward and backprop,
// losses, optimisers, schedules, initialisers, `fit`, the trainer with its evaluation and
// callbacks, datasets and the data helpers, the shape kit, int8 networks and their quantisation
// (ctnn/quantized/: the integer type alone, quantized_network.hpp, is what an int8 baked header
// needs), and everything a baked header needs.
//
// Built with -fno-exceptions -fno-rtti, nothing it includes pulls <chrono>, <ostream>,
// <iostream>, <string>, <stdexcept>, <cstdio>, <thread> or <mutex>, and nothing in it allocates
// (tests/headers checks the includes with the compiler, tests/core a program's symbols). What it
// leaves out, and <ctnn/ctnn.hpp> adds:
//  * the trainer's steady_clock (<chrono>, ctnn/training/steady_clock.hpp). On a hosted target
//    it is the trainer's default clock, so with this header alone give the trainer
//    ctnn::no_clock (ctnn/training/clock.hpp), or include that header; on bare metal the
//    default is no_clock already;
//  * operator<< for a confusion matrix (ctnn/training/confusion_ostream.hpp);
//  * the cost report (ctnn/cost.hpp, whose report() prints with <cstdio>; a network's
//    inline_bytes, forward_flops and transcendentals_per_sample are members of its type) and
//    gradient_check (a testing tool that prints with <ostream>);
//  * bake, serialization, progress, the loaders (io/) and the adapters, which format, allocate
//    or read files (so also ctnn/quantized/bake.hpp and ctnn/quantized/serialization.hpp).
// A caller's mistake found at run time (counts that differ, a label out of range) throws
// std::invalid_argument where exceptions are on and otherwise goes to the error handler
// (ctnn/error_handler.hpp), then std::abort().
#pragma once

#include <ctnn/activation.hpp>
#include <ctnn/data.hpp>
#include <ctnn/dataset.hpp>
#include <ctnn/error_handler.hpp>
#include <ctnn/initializer.hpp>
#include <ctnn/layers.hpp>
#include <ctnn/loss.hpp>
#include <ctnn/matrix_ref.hpp>
#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/options.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/quantized/quantize.hpp>
#include <ctnn/quantized/quantized_network.hpp>
#include <ctnn/random.hpp>
#include <ctnn/rules_of_thumb.hpp>
#include <ctnn/schedule.hpp>
#include <ctnn/shape.hpp>
#include <ctnn/shuffle.hpp>
#include <ctnn/train.hpp>
#include <ctnn/training/callbacks.hpp>
#include <ctnn/training/clock.hpp>
#include <ctnn/training/evaluation.hpp>
#include <ctnn/training/trainer.hpp>
#include <ctnn/version.hpp>
#include <ctnn/workspace.hpp>
