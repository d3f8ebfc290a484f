// ctnn/detail/constexpr_math.hpp: the few elementary functions the library needs in constant
// expressions, where <cmath> is not constexpr (C++20, Clang): a correctly rounded square root,
// a natural logarithm, cos(pi r) and an integer power.
//
// Bit-for-bit reproducibility is the point of constexpr_sqrt and constexpr_log (random_engine's
// normal sampler uses them): both are written with integer operations and + - * / only, which
// IEEE 754 defines exactly, so every compiler and library gives the same bits, at compile time
// and at run time. The one caveat is floating-point contraction: a compiler allowed to fuse
// a * b + c into one FMA instruction (GCC's default -ffp-contract=fast on targets with FMA, e.g.
// -march=haswell or AArch64) changes the last bit of some results; build with
// -ffp-contract=off where bit-identical results across machines matter.
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace ctnn::detail {

// The square root of x rounded to nearest, as IEEE 754 requires of std::sqrt, computed digit by
// digit on the integer significand (the schoolbook method, two bits of x per bit of the root),
// so that it is exact in constant expressions too. 54 iterations; at run time prefer
// constexpr_sqrt, which calls the hardware instruction and gives the same bits.
constexpr double sqrt_by_integers(double x) noexcept
{
    if (x == 0.0 || x == std::numeric_limits<double>::infinity())
        return x; // keeps the sign of -0, as std::sqrt does
    if (!(x > 0.0))
        return std::numeric_limits<double>::quiet_NaN(); // negative or NaN

    constexpr std::uint64_t hidden_bit = std::uint64_t{1} << 52;
    const auto bits = std::bit_cast<std::uint64_t>(x);
    std::int64_t biased_exponent = static_cast<std::int64_t>(bits >> 52); // x > 0: no sign bit
    std::uint64_t significand = bits & (hidden_bit - 1);
    if (biased_exponent == 0) { // subnormal: normalise so that the hidden bit is set
        biased_exponent = 1;
        while ((significand & hidden_bit) == 0) {
            significand <<= 1;
            --biased_exponent;
        }
    }
    else {
        significand |= hidden_bit;
    }
    // x = significand * 2^exponent with significand in [2^52, 2^53); make the exponent even so
    // that it halves exactly, leaving the significand in [2^52, 2^54).
    std::int64_t exponent = biased_exponent - 1075;
    if (exponent % 2 != 0) {
        significand <<= 1;
        --exponent;
    }

    // root = floor(sqrt(significand * 2^54)), a 54-bit integer: the 53 bits of the result and
    // one rounding bit; remainder != 0 says whether anything lies beyond it. 27 pairs of bits come
    // from the significand, then 27 pairs of zeros. remainder < 2 root + 1 < 2^55 throughout.
    std::uint64_t root = 0;
    std::uint64_t remainder = 0;
    for (int pair = 26; pair >= -27; --pair) {
        const std::uint64_t next_two_bits = pair >= 0 ? (significand >> (2 * pair)) & 3u : 0u;
        remainder = (remainder << 2) | next_two_bits;
        const std::uint64_t trial = (root << 2) | 1u;
        root <<= 1;
        if (remainder >= trial) {
            remainder -= trial;
            root |= 1u;
        }
    }

    // sqrt(x) = root * 2^(exponent / 2 - 27). Round to nearest, ties to even (a square root is
    // never exactly halfway between two doubles, but the rule costs nothing).
    std::uint64_t result = root >> 1;
    std::int64_t result_exponent = exponent / 2 - 26;
    if ((root & 1u) != 0 && (remainder != 0 || (result & 1u) != 0)) {
        ++result;
        if (result == (hidden_bit << 1)) {
            result >>= 1;
            ++result_exponent;
        }
    }
    // result in [2^52, 2^53) times 2^result_exponent; the square root of any positive double
    // is a normal double, so the biased exponent is in range.
    const auto biased = static_cast<std::uint64_t>(result_exponent + 52 + 1023);
    return std::bit_cast<double>((biased << 52) | (result & (hidden_bit - 1)));
}

// Correctly rounded square root usable everywhere: the integer method in constant expressions,
// the hardware's (equally exact) std::sqrt at run time.
constexpr double constexpr_sqrt(double x) noexcept
{
    if (std::is_constant_evaluated())
        return sqrt_by_integers(x);
    return std::sqrt(x);
}

// A float square root rounded once in double and again to float is still correctly rounded
// (53 >= 2 * 24 + 2), so it equals std::sqrt(float).
constexpr float constexpr_sqrt(float x) noexcept
{
    if (std::is_constant_evaluated())
        return static_cast<float>(sqrt_by_integers(static_cast<double>(x)));
    return std::sqrt(x);
}

// The natural logarithm, within 1 ulp of the exact value (tests check <= 2 ulp against
// std::log), from + - * / and the bits of x. The method is fdlibm's e_log.c: x = 2^k m with m in
// [sqrt(1/2), sqrt(2)), f = m - 1, s = f / (2 + f), and
//   log(1 + f) = 2 atanh(s) = f - (f^2/2 - s (f^2/2 + R)),  R = 2s^2/3 + 2s^4/5 + ...,
// written so that the large part, f, is exact and the rounding errors sit in small corrections.
// ln 2 is split in two so that k ln2_hi is exact. R uses the Taylor series itself (fdlibm uses a
// minimax fit): with |s| <= 0.1716, 12 terms leave a truncation error far below an ulp.
constexpr double constexpr_log(double x) noexcept
{
    constexpr double infinity = std::numeric_limits<double>::infinity();
    if (x != x || x < 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0)
        return -infinity;
    if (x == infinity)
        return x;

    constexpr std::uint64_t fraction_mask = (std::uint64_t{1} << 52) - 1;
    int k = 0;
    auto bits = std::bit_cast<std::uint64_t>(x);
    if ((bits >> 52) == 0) { // subnormal: scale into the normal range first (exact)
        bits = std::bit_cast<std::uint64_t>(x * 0x1.0p54);
        k = -54;
    }
    k += static_cast<int>(bits >> 52) - 1023;
    double m = std::bit_cast<double>((bits & fraction_mask) | (std::uint64_t{1023} << 52));
    if (m > 1.4142135623730951) { // sqrt(2): keep |f| small
        m *= 0.5;
        ++k;
    }
    const double f = m - 1.0; // exact (Sterbenz)
    const double s = f / (2.0 + f);
    const double z = s * s;
    double r = 0.0;
    for (int term = 12; term >= 1; --term)
        r = (r + 2.0 / (2.0 * term + 1.0)) * z;
    const double half_f_squared = 0.5 * f * f;
    constexpr double ln2_hi = 6.93147180369123816490e-01; // 0x3fe62e42fee00000: 32 zero bits
    constexpr double ln2_lo = 1.90821492927058770002e-10; // ln 2 - ln2_hi
    const double dk = k;
    return dk * ln2_hi - ((half_f_squared - (s * (half_f_squared + r) + dk * ln2_lo)) - f);
}

// cos(pi r) for r in [0, 1], to a few ulp: folded onto [0, 1/4] with cos(pi r) = -cos(pi (1 - r))
// and cos(pi r) = sin(pi (1/2 - r)) (both subtractions exact), then a Taylor series.
constexpr double cos_pi(double r) noexcept
{
    constexpr double pi = 3.141592653589793;
    double sign = 1.0;
    if (r > 0.5) {
        r = 1.0 - r;
        sign = -1.0;
    }
    const bool use_sine = r > 0.25;
    const double t = pi * (use_sine ? 0.5 - r : r); // |t| <= pi/4
    const double t2 = t * t;
    // Horner form of the series: cos t = 1 - t^2/(1*2) (1 - t^2/(3*4) (1 - ...)) and
    // sin t = t (1 - t^2/(2*3) (1 - t^2/(4*5) (1 - ...))), to t^18 (the next term is < 1e-19).
    double sum = 1.0;
    for (int n = use_sine ? 19 : 18; n >= 2; n -= 2)
        sum = 1.0 - t2 / ((n - 1.0) * n) * sum;
    if (use_sine)
        sum *= t;
    return sign * sum;
}

// base^exponent for a whole exponent, by repeated squaring.
constexpr double integer_power(double base, std::size_t exponent) noexcept
{
    double result = 1.0;
    while (exponent != 0) {
        if (exponent & 1u)
            result *= base;
        base *= base;
        exponent >>= 1;
    }
    return result;
}

} // namespace ctnn::detail
