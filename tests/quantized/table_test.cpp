// The compile-time sigmoid and tanh tables (ctnn/quantized/lookup_table.hpp) against the closed
// form computed here with std::exp and std::tanh, entry by entry.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>

#include <ctnn/quantized/lookup_table.hpp>

namespace fp = ctnn::fixed_point;

namespace {
long long clamp8(long long v) { return v < -128 ? -128 : v > 127 ? 127 : v; }
} // namespace

TEST_CASE("the sigmoid table holds clamp(round(256 sigmoid(q / 16)) - 128) for every q")
{
    const auto& table = fp::lookup_table<fp::table_function::sigmoid>;
    for (int q = -128; q <= 127; ++q) {
        const double s = 1.0 / (1.0 + std::exp(-q / 16.0));
        INFO("q = " << q);
        CHECK(table[static_cast<std::size_t>(q + 128)] == clamp8(std::llround(256 * s) - 128));
    }
    // Landmarks: sigmoid(0) = 1/2 is the output's zero point + 128; the ends saturate.
    CHECK(table[128] == 0);
    CHECK(table[0] == -128);   // 256 sigmoid(-8) = 0.086
    CHECK(table[255] == 127);  // 256 sigmoid(7.94) = 255.9, 256 - 128 clamped
    CHECK(table[128 + 16] == 59); // 256 sigmoid(1) = 187.1
}

TEST_CASE("the tanh table holds clamp(round(128 tanh(q / 16))) for every q")
{
    const auto& table = fp::lookup_table<fp::table_function::tanh>;
    for (int q = -128; q <= 127; ++q) {
        INFO("q = " << q);
        CHECK(table[static_cast<std::size_t>(q + 128)] ==
              clamp8(std::llround(128 * std::tanh(q / 16.0))));
    }
    CHECK(table[128] == 0);
    CHECK(table[0] == -128);       // 128 tanh(-8) = -127.99998
    CHECK(table[255] == 127);      // 128 is clamped
    CHECK(table[128 + 8] == 59);   // 128 tanh(0.5) = 59.15
    CHECK(table[128 - 8] == -59);  // odd
}

// Built by the compiler: usable in constant expressions.
static_assert(fp::lookup_table<fp::table_function::sigmoid>[128] == 0);
static_assert(fp::lookup_table<fp::table_function::tanh>[128] == 0);
