// What the two native-format fuzz targets share: the networks they load into, a checksum fix-up
// that lets the fuzzer's mutations reach the parser behind the checksum, and the invariants
// checked on every input (a failed load changes nothing; a successful one round-trips).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>

#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/serialization.hpp>

#include "load_invariants.hpp"

namespace ctnn_fuzz {

using small_net = ctnn::network<2, 3, 1>;
using mixed_net = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                   ctnn::dense<2, ctnn::leaky_relu<1, 5>, ctnn::no_bias>,
                                   ctnn::dense<2, ctnn::softmax>>;

inline std::uint64_t fnv1a64(const std::string& bytes, std::size_t size)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::size_t k = 0; k < size; ++k) {
        h ^= static_cast<unsigned char>(bytes[k]);
        h *= 0x100000001b3ull;
    }
    return h;
}

// Most mutations break the checksum, and the load stops there; these make the checksum right
// again, so that the parser behind it sees the mutated content.
inline std::string resealed_binary(std::string bytes)
{
    if (bytes.size() < 16)
        return bytes;
    const std::uint64_t h = fnv1a64(bytes, bytes.size() - 8);
    for (std::size_t k = 0; k < 8; ++k)
        bytes[bytes.size() - 8 + k] = static_cast<char>((h >> (8 * k)) & 0xffu);
    return bytes;
}
inline std::string resealed_text(std::string text)
{
    const std::size_t at = text.find("\nchecksum fnv1a64 ");
    if (at == std::string::npos)
        return text;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(fnv1a64(text, at + 1)));
    return text.substr(0, at + 1) + "checksum fnv1a64 " + hex + "\n";
}

// Loads `bytes` into Net (and into Net with an Adam state), checking the invariants.
template <class Net>
void check_load(const std::string& bytes)
{
    const auto net = checked_load<Net>(
        bytes, [](Net& n, std::istream& in) { return ctnn::load(n, in); });
    if (net) {
        // What loaded saves and loads back to the same bits, in both formats.
        for (auto how : {ctnn::format::binary, ctnn::format::text}) {
            std::stringstream again;
            if (!ctnn::save(*net, again, how))
                violated("a loaded network did not save");
            Net copy;
            if (!ctnn::load(copy, again) || !same_bits(copy, *net))
                violated("a loaded network did not round-trip");
        }
    }

    const Net before = marked<Net>();
    Net with_state = before;
    ctnn::optimizer_state<ctnn::adam, Net> state;
    state.step_count = 42;
    std::istringstream in(bytes);
    const ctnn::io_result rs = ctnn::load<ctnn::adam>(with_state, state, in);
    if (!rs && (!same_bits(with_state, before) || state.step_count != 42))
        violated("a failed load<adam> changed the network or the state");
}

inline void fuzz_one(const std::uint8_t* data, std::size_t size, const std::string& magic,
                     std::string (*reseal)(std::string))
{
    std::string bytes(reinterpret_cast<const char*>(data), size);
    // Inputs without the magic get it, so that the fuzzer's time goes into the format itself.
    if (bytes.compare(0, magic.size(), magic) != 0 && !bytes.empty() && (bytes[0] & 1) != 0)
        bytes = magic + bytes.substr(1);
    check_load<small_net>(bytes);
    check_load<mixed_net>(bytes);
    const std::string sealed = reseal(bytes);
    check_load<small_net>(sealed);
    check_load<mixed_net>(sealed);
}

} // namespace ctnn_fuzz
