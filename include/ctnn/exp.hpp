// ctnn/exp.hpp: the exponential behind ctnn's activations, chosen by a policy type.
//
//   ctnn::polynomial_exp   branch-free, vectorises without -ffast-math, constexpr
//   ctnn::std_exp          std::exp, a call into the C library per value
//   ctnn::default_exp      polynomial_exp where its loops are the faster (float everywhere;
//                          double with AVX2 or on non-x86 targets), std::exp otherwise, and
//                          polynomial_exp in constant expressions
//
//   ctnn::sigmoid                                uses default_exp
//   ctnn::basic_sigmoid<ctnn::polynomial_exp>    the same maths, always the polynomial
//   ctnn::basic_sigmoid<ctnn::std_exp>           the same maths, always std::exp
//
// A policy is a type with `template <std::floating_point T> static T exp(T)`.
#pragma once

#include <bit>
#include <cmath>
#include <type_traits>
#include <concepts>
#include <cstdint>
#include <limits>

namespace ctnn {

// exp(x) as Cody and Waite reduce it: x = n ln2 + r with n an integer and |r| <= ln2 / 2, then
// exp(x) = 2^n p(r) with p the Taylor polynomial of exp of degree 13 (double) or 7 (float),
// whose truncation error is below 0.05 ulp on that interval. Every step is arithmetic on the
// value or on its bits, with no branch and no table, so a loop of them vectorises (GCC -O3,
// Clang -O2; GCC's double loop needs SSE4.2's 64-bit compares on x86-64) and the same code runs
// in constant expressions.
//
// Accuracy (tests/unit/exp.cpp measures it against std::exp over the whole range): within 1 ulp
// in float and double, including results that underflow into the subnormal range (rounded once,
// as std::exp's are). Overflow gives +inf, a large negative x gives +0, NaN gives NaN.
struct polynomial_exp {
    template <std::floating_point T>
    static constexpr T exp(T x) noexcept
    {
        if (std::is_constant_evaluated()) {
            // Constant evaluation refuses an inf or NaN made from finite numbers, which the
            // branch-free code below makes on its way to +inf and +0: answer those cases first.
            constexpr bool is_double = sizeof(T) == sizeof(double);
            constexpr T overflow = is_double ? T(709.782712893384) : T(88.72283935546875);
            constexpr T underflow = is_double ? T(-745.1332191019412) : T(-103.972084f);
            if (x != x || x > overflow)
                return x + std::numeric_limits<T>::infinity();
            if (x < underflow)
                return T(0);
        }
        if constexpr (sizeof(T) == sizeof(double))
            return saturate<std::uint64_t>(x, -746.0, 710.0, exp_double(x));
        else
            return saturate<std::uint32_t>(x, -104.0f, 89.0f, exp_float(x));
    }

private:
    // 2^k, with the exponent field written directly; k must be in the normal range. Integer work
    // is unsigned: it wraps (harmlessly, the result is replaced) for inputs out of range, where
    // signed arithmetic would be undefined, and an error in a constant expression.
    static constexpr double pow2(std::uint64_t k) noexcept
    {
        return std::bit_cast<double>((k + 1023) << 52);
    }
    static constexpr float pow2(std::uint32_t k) noexcept
    {
        return std::bit_cast<float>((k + 127) << 23);
    }

    // y, except +inf where x > high and +0 where x < low. The core below runs on x unclamped,
    // and beyond those bounds computes garbage (its integer work wraps harmlessly) that this
    // replaces; within them it gives +inf and +0 itself where exp(x) overflows or underflows.
    // Done last and with bit masks rather than ?:, for two reasons. A clamp of x first would sit
    // on the dependency chain before everything else (this sits after, in parallel with the
    // polynomial); and ?: becomes a branch, the compiler then folds or sinks floating-point work
    // into one side, and with -ftrapping-math (the default) it will not turn that back into a
    // select, so the loop would not vectorise. NaN fails both comparisons and stays NaN.
    template <class U, class T>
    static constexpr T saturate(T x, T low, T high, T y) noexcept
    {
        const U to_inf = U(0) - U(x > high);
        const U to_zero = U(0) - U(x < low);
        return std::bit_cast<T>((std::bit_cast<U>(std::numeric_limits<T>::infinity()) & to_inf) |
                                (std::bit_cast<U>(y) & ~(to_inf | to_zero)));
    }

    // Exact for x in [-746, 710] (past those bounds exp(x) is +inf or rounds to +0, and the
    // scaling below gives exactly that at the bounds) and for NaN; garbage elsewhere.
    static constexpr double exp_double(double x) noexcept
    {
        // n = round(x / ln2) by the 1.5 * 2^52 shifter: adding it rounds to an integer (to
        // nearest even, as the hardware does), and the integer is then in the low bits.
        constexpr double shifter = 6755399441055744.0;
        const double shifted = x * 1.4426950408889634 + shifter;
        const double n = shifted - shifter;
        const std::uint64_t k =
            std::bit_cast<std::uint64_t>(shifted) - std::bit_cast<std::uint64_t>(shifter);
        // ln2 split so that n * ln2_hi is exact for |n| < 2^11 (fdlibm's constants).
        const double r = (x - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10;
        // exp(r) = 1 + (r + r^2 t(r)), the tail t by Estrin's scheme: five dependent steps
        // where Horner's has thirteen, and the 1 added last so that r keeps all its bits.
        const double r2 = r * r;
        const double r4 = r2 * r2;
        const double r8 = r4 * r4;
        const double q1 = 1.0 / 2 + r * (1.0 / 6);
        const double q2 = 1.0 / 24 + r * (1.0 / 120);
        const double q3 = 1.0 / 720 + r * (1.0 / 5040);
        const double q4 = 1.0 / 40320 + r * (1.0 / 362880);
        const double q5 = 1.0 / 3628800 + r * (1.0 / 39916800);
        const double q6 = 1.0 / 479001600 + r * (1.0 / 6227020800);
        const double t = (q1 + r2 * q2) + r4 * (q3 + r2 * q4) + r8 * (q5 + r2 * q6);
        const double p = 1.0 + (r + r2 * t);
        // 2^n in two factors, each a normal number for every n in [-1076, 1025]: the second
        // multiplication rounds once into the subnormal range, as std::exp's result is. n / 2 is
        // rounded by the shifter too: SSE2 has no 64-bit arithmetic shift to vectorise.
        const std::uint64_t k1 =
            std::bit_cast<std::uint64_t>(n * 0.5 + shifter) - std::bit_cast<std::uint64_t>(shifter);
        return p * pow2(k1) * pow2(k - k1);
    }

    // Exact for x in [-104, 89] and for NaN; garbage elsewhere.
    static constexpr float exp_float(float x) noexcept
    {
        constexpr float shifter = 12582912.0f; // 1.5 * 2^23
        const float shifted = x * 1.44269504f + shifter;
        const float n = shifted - shifter;
        const std::uint32_t k =
            std::bit_cast<std::uint32_t>(shifted) - std::bit_cast<std::uint32_t>(shifter);
        // Cephes' split of ln2: n * 0.693359375 is exact for |n| < 2^15.
        const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
        const float r2 = r * r;
        const float r4 = r2 * r2;
        const float q1 = 1.0f / 2 + r * (1.0f / 6);
        const float q2 = 1.0f / 24 + r * (1.0f / 120);
        const float q3 = 1.0f / 720 + r * (1.0f / 5040);
        const float p = 1.0f + (r + r2 * ((q1 + r2 * q2) + r4 * q3));
        const std::uint32_t k1 =
            std::bit_cast<std::uint32_t>(n * 0.5f + shifter) - std::bit_cast<std::uint32_t>(shifter);
        return p * pow2(k1) * pow2(k - k1);
    }
};

// The C library's exp: correctly rounded or nearly so, but one call per value, which keeps a
// loop of them scalar unless -ffast-math lets the compiler use a vector library.
struct std_exp {
    template <std::floating_point T>
    static T exp(T x) noexcept
    {
        return std::exp(x);
    }
};

namespace detail {
// Whether the polynomial's loops vectorise (and so beat the C library's exp) for T. Double needs
// 64-bit integer compares in vector registers: SSE4.2 has them, but the measured break-even on
// x86-64 is AVX2 (bench/: 0.9 ns against 3.1 ns per exp with AVX2; 3.3 against 2.6 with
// SSE4.2; 6.2 against 2.8 with plain SSE2, where it stays scalar). Other targets' vector units
// (AArch64's NEON) have them.
#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
#if defined(__AVX2__)
inline constexpr bool polynomial_exp_double_vectorises = true;
#else
inline constexpr bool polynomial_exp_double_vectorises = false;
#endif
#else
inline constexpr bool polynomial_exp_double_vectorises = true;
#endif
} // namespace detail

// ctnn's default: the faster of the two for the target the code is compiled for, decided at
// compile time, and the polynomial during constant evaluation (std::exp is not constexpr), so
// that the same network type trains in the compiler (ctnn/constexpr examples). Results of
// default_exp at compile time and at run time are therefore bit-identical where the polynomial
// is chosen and within an ulp of each other elsewhere. Choose polynomial_exp or std_exp
// explicitly for results that do not depend on the target.
struct default_exp {
    template <std::floating_point T>
    static constexpr T exp(T x) noexcept
    {
        if (std::is_constant_evaluated())
            return polynomial_exp::exp(x);
        if constexpr (sizeof(T) == sizeof(float) || detail::polynomial_exp_double_vectorises)
            return polynomial_exp::exp(x);
        else
            return std::exp(x);
    }
};

// What an exp policy must provide.
template <class P, class T>
concept exp_policy = std::floating_point<T> && requires(T x) {
    { P::exp(x) } -> std::same_as<T>;
};

} // namespace ctnn
