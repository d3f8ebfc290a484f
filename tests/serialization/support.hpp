// Shared by the serialization tests: the networks they save, values that stress exactness, an
// independent FNV-1a (so that tests can craft files with valid checksums without trusting the
// library's), and byte-level snapshots for "unchanged" checks.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <ctnn/network.hpp>
#include <ctnn/random.hpp>
#include <ctnn/serialization.hpp>

namespace ctnn_test {

template <class T>
using mixed_net = ctnn::sequential<ctnn::options<T>, ctnn::input<3>,
                                   ctnn::dense<4, ctnn::tanh>,
                                   ctnn::dense<3, ctnn::leaky_relu<1, 5>, ctnn::no_bias>,
                                   ctnn::dense<2, ctnn::elu<1, 2>>,
                                   ctnn::dense<3, ctnn::softplus, ctnn::no_bias>,
                                   ctnn::dense<2, ctnn::relu>, ctnn::dense<2, ctnn::softmax>>;

// The value bits of every parameter, to compare networks bit for bit (NaN payloads and -0
// included, which == would not distinguish).
template <class P>
std::vector<unsigned char> bytes_of(const P& p)
{
    const auto v = p.values();
    std::vector<unsigned char> out(v.size() * sizeof(v[0]));
    std::memcpy(out.data(), v.data(), out.size());
    return out;
}

// Random values, then the awkward ones: -0, the smallest subnormal, the extremes, and values
// with every mantissa bit set, which decimal printing at default precision would round.
template <class Net>
void fill(Net& net, std::uint64_t seed)
{
    using T = typename Net::scalar_type;
    ctnn::random_engine rng(seed);
    auto v = net.values();
    for (auto& x : v)
        x = (rng.template uniform01<T>() - T(0.5)) * T(8);
    const T special[] = {T(-0.0),
                         std::numeric_limits<T>::denorm_min(),
                         std::numeric_limits<T>::max(),
                         std::numeric_limits<T>::lowest(),
                         std::numeric_limits<T>::min(),
                         T(1) / T(3),
                         -std::numeric_limits<T>::epsilon()};
    for (std::size_t k = 0; k < std::size(special) && k < v.size(); ++k)
        v[k * 2 % v.size()] = special[k];
}

inline std::uint64_t reference_fnv1a64(const std::string& bytes, std::size_t size)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::size_t k = 0; k < size; ++k) {
        h ^= static_cast<unsigned char>(bytes[k]);
        h *= 0x100000001b3ull;
    }
    return h;
}

// Replaces a binary file's last 8 bytes by the checksum of the rest.
inline void reseal_binary(std::string& bytes)
{
    const std::uint64_t h = reference_fnv1a64(bytes, bytes.size() - 8);
    for (std::size_t k = 0; k < 8; ++k)
        bytes[bytes.size() - 8 + k] = static_cast<char>((h >> (8 * k)) & 0xffu);
}

// Replaces a text file's checksum line by the checksum of the lines before it.
inline void reseal_text(std::string& text)
{
    const std::size_t at = text.rfind("checksum fnv1a64 ");
    const std::uint64_t h = reference_fnv1a64(text, at);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    text = text.substr(0, at) + "checksum fnv1a64 " + hex + "\n";
}

template <class Net>
std::string saved(const Net& net, ctnn::format how)
{
    std::ostringstream out;
    const auto r = ctnn::save(net, out, how);
    if (!r)
        throw std::runtime_error(r.message());
    return out.str();
}

template <class Net>
ctnn::io_result load_string(Net& net, const std::string& bytes)
{
    std::istringstream in(bytes);
    return ctnn::load(net, in);
}

} // namespace ctnn_test
