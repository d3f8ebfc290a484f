// Numbers in ctnn::detail::fixed_name (issue 14), the fixed buffer the data checks' messages are
// built in without the heap (detail/invalid_argument.hpp): counts and fractions must read exactly
// as std::to_string writes them, as when the messages were std::strings (tests/data checks them
// character for character). Compared here over special values, every multiple of 2^-21 below 2
// (many exact ties at the seventh decimal) and a million random bit patterns.
#include <ctnn/detail/fixed_name.hpp>

#include "../support/emulator.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

namespace {

constexpr std::size_t capacity = 400; // more than the 316 chars of -DBL_MAX

std::string written(double value)
{
    ctnn::detail::fixed_name<capacity> text;
    return std::string(text.append_fixed(value).view());
}

} // namespace

TEST_CASE("fixed_name: counts as std::to_string writes them")
{
    for (std::size_t n : {std::size_t{0}, std::size_t{7}, std::size_t{10}, std::size_t{4096},
                          std::numeric_limits<std::size_t>::max()}) {
        ctnn::detail::fixed_name<capacity> text;
        CHECK(text.append_unsigned(n).view() == std::to_string(n));
    }
}

TEST_CASE("fixed_name: fractions as std::to_string writes them (printf's %f)")
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    for (double v : {0.0, -0.0, 0.7, 0.4, 1.5, -0.1, 5e-7, 1.5e-6, 2.5e-6, 0.9999995, 0.12500050,
                     123456789.1234565, 1e19, 1.8446744073709552e19, 1e300, -1e300, 1e-300,
                     4.9e-324, std::numeric_limits<double>::max(),
                     -std::numeric_limits<double>::max(), inf, -inf,
                     std::numeric_limits<double>::quiet_NaN(),
                     -std::numeric_limits<double>::quiet_NaN()})
        CHECK(written(v) == std::to_string(v));
    for (std::uint32_t k = 0; k < (1u << 22); k += 3 * ctnn_test::sweep_thinning) {
        const double v = std::ldexp(static_cast<double>(k), -21);
        REQUIRE(written(v) == std::to_string(v));
    }
    std::mt19937_64 bits(14);
    for (int i = 0; i < 1'000'000 / ctnn_test::sweep_thinning; ++i) {
        const double v = std::bit_cast<double>(bits());
        REQUIRE(written(v) == std::to_string(v));
    }
}

// The checks that use it are constexpr, so it works in constant expressions too.
static_assert([] {
    ctnn::detail::fixed_name<64> text;
    text.append("label ").append_unsigned(3).append(" at ").append_fixed(0.25);
    return text.view() == "label 3 at 0.250000";
}());
