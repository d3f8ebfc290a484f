// The fixed-point arithmetic of int8 networks (ctnn/quantized/requantize.hpp) on hand-worked
// values: rounding of ties either side of zero, saturation at the int32 limits, every shift.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include <ctnn/quantized/requantize.hpp>

namespace fp = ctnn::fixed_point;

namespace {
constexpr std::int32_t min32 = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t max32 = std::numeric_limits<std::int32_t>::max();
constexpr std::int32_t half = std::int32_t{1} << 30; // 0.5 as a multiplier
} // namespace

TEST_CASE("doubling_high_mul rounds 2ab / 2^32 to nearest, ties toward +infinity")
{
    CHECK(fp::doubling_high_mul(half, half) == (1 << 29));       // exact
    CHECK(fp::doubling_high_mul(1, half) == 1);                   // 0.5 -> 1
    CHECK(fp::doubling_high_mul(-1, half) == 0);                  // -0.5 -> 0
    CHECK(fp::doubling_high_mul(3, half) == 2);                   // 1.5 -> 2
    CHECK(fp::doubling_high_mul(-3, half) == -1);                 // -1.5 -> -1
    CHECK(fp::doubling_high_mul(3, 3 << 28) == 1);                // 1.125 -> 1
    CHECK(fp::doubling_high_mul(-3, 3 << 28) == -1);              // -1.125 -> -1
    CHECK(fp::doubling_high_mul(7, 3 << 28) == 3);                // 2.625 -> 3
    CHECK(fp::doubling_high_mul(-7, 3 << 28) == -3);              // -2.625 -> -3
    CHECK(fp::doubling_high_mul(max32, max32) == 2147483646);     // 2^31 - 2 + 2^-31
    CHECK(fp::doubling_high_mul(min32, max32) == -2147483647);    // -(2^31 - 1)
    CHECK(fp::doubling_high_mul(min32, min32) == max32);          // the one overflow saturates
    CHECK(fp::doubling_high_mul(0, min32) == 0);
}

TEST_CASE("rounding_shift_right rounds x / 2^e to nearest, ties away from zero")
{
    CHECK(fp::rounding_shift_right(5, 1) == 3);   // 2.5
    CHECK(fp::rounding_shift_right(-5, 1) == -3); // -2.5
    CHECK(fp::rounding_shift_right(6, 2) == 2);   // 1.5
    CHECK(fp::rounding_shift_right(-6, 2) == -2); // -1.5
    CHECK(fp::rounding_shift_right(5, 2) == 1);   // 1.25
    CHECK(fp::rounding_shift_right(-5, 2) == -1); // -1.25
    CHECK(fp::rounding_shift_right(7, 2) == 2);   // 1.75
    CHECK(fp::rounding_shift_right(-7, 2) == -2); // -1.75
    CHECK(fp::rounding_shift_right(-7, 0) == -7);
    CHECK(fp::rounding_shift_right(min32, 31) == -1);  // exact
    CHECK(fp::rounding_shift_right(max32, 31) == 1);   // 0.99999...
    CHECK(fp::rounding_shift_right(half, 31) == 1);    // 0.5
    CHECK(fp::rounding_shift_right(-half, 31) == -1);  // -0.5
    CHECK(fp::rounding_shift_right(half - 1, 31) == 0);
    CHECK(fp::rounding_shift_right(-half + 1, 31) == 0);

    // Every shift 0..31 against sign(x) floor((|x| + 2^(e-1)) / 2^e) in 64 bits.
    const std::int32_t xs[] = {0, 1, -1, 2, -2, 3, -3, 1000, -1000, 12345679, -12345679,
                               half, -half, half + 1, -half - 1, max32, min32, min32 + 1};
    for (int e = 0; e <= 31; ++e)
        for (std::int32_t x : xs) {
            const std::int64_t magnitude = x < 0 ? -std::int64_t{x} : std::int64_t{x};
            const std::int64_t bump = e == 0 ? 0 : std::int64_t{1} << (e - 1);
            const std::int64_t rounded = (magnitude + bump) >> e;
            INFO("x = " << x << ", shift " << e);
            CHECK(fp::rounding_shift_right(x, e) == (x < 0 ? -rounded : rounded));
        }
}

TEST_CASE("scale multiplies by multiplier 2^(shift - 31) with both roundings")
{
    CHECK(fp::scale(1000, half, 0) == 500);
    CHECK(fp::scale(1000, half, -3) == 63);   // 62.5
    CHECK(fp::scale(-1000, half, -3) == -63); // -62.5
    CHECK(fp::scale(3, half, 0) == 2);        // 1.5, the high multiply's tie
    CHECK(fp::scale(-3, half, 0) == -1);      // -1.5
    CHECK(fp::scale(1000, half, 2) == 2000);  // a left shift
    CHECK(fp::scale(-1000, half, 2) == -2000);
    // The left shift saturates: 2^30 * 4 is past int32, so x = 2^31 - 1.
    CHECK(fp::scale(half, max32, 2) == 2147483646);
    CHECK(fp::scale(-half, max32, 2) == -2147483647);
    // (2^31 - 1) / 2^32 is below 0.5, but rounded twice: the high multiply's 2^30 - 0.5 goes up
    // to 2^30, then 2^30 / 2^31 = 0.5 away from zero.
    CHECK(fp::scale(max32, half, -31) == 1);
    CHECK(fp::scale(max32, max32, -31) == 1); // ~0.99999999953 -> 1
    CHECK(fp::scale(12345, 0, 0) == 0);       // multiplier 0: the output is the zero point
}

TEST_CASE("clamp_int8 saturates at the bounds it is given")
{
    CHECK(fp::clamp_int8(200, -128, 127) == 127);
    CHECK(fp::clamp_int8(-200, -128, 127) == -128);
    CHECK(fp::clamp_int8(-5, -3, 127) == -3);
    CHECK(fp::clamp_int8(17, -128, 127) == 17);
}
