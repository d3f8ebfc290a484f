// Saving and loading int8 networks (ctnn/quantized/serialization.hpp): round trips in both
// formats, the type signature against float networks and other shapes, damaged and
// out-of-range files refused with the destination unchanged.
#include <catch2/catch.hpp>

#include <cstdint>
#include <sstream>
#include <string>

#include <ctnn/detail/serialization_bytes.hpp>
#include <ctnn/quantized/serialization.hpp>

#include "bake_networks.hpp"

namespace {

using int8_net = ctnn::quantized_for<bake_test::float_net>;

std::string saved(const auto& net, ctnn::format how = ctnn::format::binary)
{
    std::ostringstream out(std::ios::binary);
    REQUIRE(ctnn::save(net, out, how));
    return std::move(out).str();
}

ctnn::io_result loaded(auto& net, const std::string& bytes)
{
    std::istringstream in(bytes, std::ios::binary);
    return ctnn::load(net, in);
}

// A binary file with byte `at` set to `value` and its checksum made to hold again.
std::string altered(std::string bytes, std::size_t at, unsigned char value)
{
    bytes[at] = static_cast<char>(value);
    ctnn::detail::fnv1a64 hash;
    const std::size_t body = bytes.size() - 8;
    hash.update(reinterpret_cast<const unsigned char*>(bytes.data()), body);
    unsigned char sum[8];
    ctnn::detail::put_le(sum, hash.value());
    for (std::size_t k = 0; k < 8; ++k)
        bytes[body + k] = static_cast<char>(sum[k]);
    return bytes;
}

} // namespace

TEST_CASE("an int8 network survives a round trip in either format")
{
    const auto q = bake_test::network();
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        int8_net back;
        REQUIRE(loaded(back, saved(q, how)));
        CHECK(back == q);
    }
    // 28 header + 43 signature + 9 + (In Out + 9 Out + 1 per layer) payload + 8 checksum.
    const std::string binary = saved(q);
    CHECK(binary.size() == 28 + 43 + 9 + 801 + 1313 + 329 + 69 + 8);
    CHECK(binary.substr(28, 43) == "int8 16-32-32-8-4 relu tanh sigmoid softmax");
}

TEST_CASE("the text format labels int8 blocks and writes decimal integers")
{
    const std::string text = saved(bake_test::network(), ctnn::format::text);
    CHECK(text.find("network int8 16-32-32-8-4 relu tanh sigmoid softmax\n") != std::string::npos);
    CHECK(text.find("\nlayer 0 weights 32x16\n") != std::string::npos);
    CHECK(text.find("\nlayer 2 output_zero_point 1\n-128\n") != std::string::npos);
    CHECK(text.find("\nlayer 1 output_zero_point 1\n0\n") != std::string::npos);
}

TEST_CASE("int8 and float files do not load into each other's networks")
{
    const auto q = bake_test::network();
    bake_test::float_net net;
    const auto before = net;
    const auto r = loaded(net, saved(q));
    CHECK(r.error() == ctnn::io_error::type_mismatch);
    CHECK(std::string(r.message()).find("file holds network int8 16-32-32-8-4 relu tanh sigmoid "
                                        "softmax, this network is float 16-32-32-8-4") !=
          std::string::npos);
    CHECK(net == before);

    int8_net other = q;
    CHECK(loaded(other, saved(net)).error() == ctnn::io_error::type_mismatch);
    CHECK(loaded(other, saved(net, ctnn::format::text)).error() == ctnn::io_error::type_mismatch);
    CHECK(other == q);

    ctnn::quantized<16, ctnn::int8_dense<4, ctnn::int8_activation::relu>> shape{};
    CHECK(loaded(shape, saved(q)).error() == ctnn::io_error::type_mismatch);
}

TEST_CASE("a damaged or out-of-range int8 file is refused and the network kept")
{
    const auto q = bake_test::network();
    const std::string bytes = saved(q);
    const std::size_t payload = 28 + 43;
    // Layer 0's first multiplier: after 9 bytes, 512 weights and 32 biases.
    const std::size_t multiplier = payload + 9 + 512 + 128;
    int8_net target = q;
    target.layer<0>().bias[0] += 1; // a network that differs from the file's

    const auto keep = target;
    std::string damaged = bytes;
    damaged[multiplier] = static_cast<char>(damaged[multiplier] ^ 1);
    CHECK(loaded(target, damaged).error() == ctnn::io_error::bad_checksum);
    CHECK(loaded(target, bytes.substr(0, bytes.size() - 3)).error() ==
          ctnn::io_error::truncated);

    // Checksums that hold over values the arithmetic does not allow.
    const auto refused = [&](std::size_t at, unsigned char value, const char* why) {
        const auto r = loaded(target, altered(bytes, at, value));
        CHECK(r.error() == ctnn::io_error::malformed);
        CHECK(std::string(r.message()).find(why) != std::string::npos);
    };
    refused(multiplier + 3, 0x10, "multiplier is neither 0 nor in [2^30, 2^31)");
    refused(payload + 9, 0x80, "weight is -128");
    refused(payload + 9 + 512 + 3, 0x7f, "bias is outside");
    refused(payload + 9 + 512 + 256, 31, "shift is outside");
    refused(payload + 1 + 3, 0xff, "scale is not a positive finite number");
    CHECK(target == keep);

    // Within the ranges, an altered value loads: the checks are not over-strict.
    REQUIRE(loaded(target, altered(bytes, payload + 9, 0x81))); // weight -127
    CHECK(target.layer<0>().weights[0] == -127);
}
