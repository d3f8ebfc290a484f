// ctnn/quantized/requantize.hpp: the fixed-point arithmetic of int8 networks: a 32-bit
// multiplier and a shift that scale an int32 accumulator by a real number in integers alone, with
// the rounding defined exactly (the scheme of TFLite (Micro) and CMSIS-NN, gemmlowp's functions).
//
// A real multiplier M > 0 is held as (multiplier, shift) with M ~= multiplier * 2^(shift - 31),
// multiplier in [2^30, 2^31) (or 0 for M too small to matter) and shift in [-31, 30]:
//
//   doubling_high_mul(a, b)        2ab / 2^32 rounded to nearest, ties toward +infinity: with
//                                  p = a * b in 64 bits, (p + (p >= 0 ? 2^30 : 1 - 2^30)) / 2^31
//                                  dividing with truncation toward zero; the one overflowing
//                                  case, a == b == INT32_MIN, saturates to INT32_MAX
//                                  (gemmlowp's SaturatingRoundingDoublingHighMul).
//   rounding_shift_right(x, e)     x / 2^e rounded to nearest, ties away from zero, for e in
//                                  [0, 31]: (x >> e) + (x mod 2^e > 2^(e-1) - 1 + [x < 0])
//                                  with >> arithmetic (gemmlowp's RoundingDivideByPOT).
//   scale(acc, multiplier, shift)  rounding_shift_right(doubling_high_mul(x, multiplier),
//                                  max(-shift, 0)), where x = acc * 2^max(shift, 0) saturated
//                                  to int32 (TFLite's MultiplyByQuantizedMultiplier, with the
//                                  left shift saturating instead of overflowing).
//
// Every function is constexpr, uses integers only, and is defined for every input.
#pragma once

#include <cstdint>
#include <limits>

namespace ctnn::detail {

inline constexpr std::int32_t int32_min = std::numeric_limits<std::int32_t>::min();
inline constexpr std::int32_t int32_max = std::numeric_limits<std::int32_t>::max();

constexpr std::int32_t saturate_int32(std::int64_t x) noexcept
{
    return x < int32_min ? int32_min : x > int32_max ? int32_max : static_cast<std::int32_t>(x);
}

} // namespace ctnn::detail

namespace ctnn::fixed_point {

// 2ab / 2^32, rounded to nearest with ties toward +infinity; the one overflow saturates.
constexpr std::int32_t doubling_high_mul(std::int32_t a, std::int32_t b) noexcept
{
    if (a == detail::int32_min && b == detail::int32_min)
        return detail::int32_max;
    const std::int64_t product = std::int64_t{a} * std::int64_t{b};
    const std::int64_t nudge = product >= 0 ? (std::int64_t{1} << 30) : 1 - (std::int64_t{1} << 30);
    return static_cast<std::int32_t>((product + nudge) / (std::int64_t{1} << 31));
}

// x / 2^exponent, rounded to nearest with ties away from zero; exponent in [0, 31].
constexpr std::int32_t rounding_shift_right(std::int32_t x, int exponent) noexcept
{
    const std::int32_t mask = static_cast<std::int32_t>((std::int64_t{1} << exponent) - 1);
    const std::int32_t remainder = x & mask;
    const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// acc * multiplier * 2^(shift - 31), rounded as the top of this file says; shift in [-31, 30].
constexpr std::int32_t scale(std::int32_t acc, std::int32_t multiplier, int shift) noexcept
{
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    const std::int32_t x = detail::saturate_int32(std::int64_t{acc} * (std::int64_t{1} << left));
    return rounding_shift_right(doubling_high_mul(x, multiplier), right);
}

// v clamped to [low, high], as an int8.
constexpr std::int8_t clamp_int8(std::int32_t v, std::int32_t low, std::int32_t high) noexcept
{
    return static_cast<std::int8_t>(v < low ? low : v > high ? high : v);
}

} // namespace ctnn::fixed_point
