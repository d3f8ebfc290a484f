// ctnn/exp.hpp: the exponential behind ctnn's activations, exp and expm1, chosen by a policy type.
//
//   ctnn::polynomial_exp   branch-free, vectorises without -ffast-math, constexpr
//   ctnn::std_exp          the C library: std::exp and std::expm1, a call per value
//   ctnn::default_exp      polynomial_exp where its loops are the faster (float everywhere;
//                          double with AVX2 or on non-x86 targets), the C library otherwise, and
//                          polynomial_exp in constant expressions
//
//   ctnn::sigmoid                                uses default_exp
//   ctnn::basic_sigmoid<ctnn::polynomial_exp>    the same maths, always the polynomial
//   ctnn::basic_sigmoid<ctnn::std_exp>           the same maths, always std::exp
// and likewise ctnn::tanh, ctnn::elu<N, D> and ctnn::softplus (basic_tanh<Exp>,
// basic_elu<N, D, Exp>, basic_softplus<Exp>), which with the C library call std::tanh,
// std::expm1 and std::log1p themselves (see detail::calls_c_library below).
//
// A policy is a type with `template <std::floating_point T> static T exp(T)`, and
// `static T expm1(T)` for elu; optionally `template <std::floating_point T> static constexpr
// bool calls_c_library`, and `static constexpr std::string_view source_name` (its C++ spelling,
// which bake() needs to write an activation that uses it).
#pragma once

#include <bit>
#include <cmath>
#include <type_traits>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string_view>

#include <ctnn/detail/branch_free.hpp>
#include <ctnn/detail/elementwise_inline.hpp>

namespace ctnn {

namespace detail {

// 2^k, with the exponent field written directly; k must be in the normal range. Integer work
// is unsigned: it wraps (harmlessly, the result is replaced) for inputs out of range, where
// signed arithmetic would be undefined, and an error in a constant expression.
constexpr double pow2(std::uint64_t k) noexcept
{
    return std::bit_cast<double>((k + 1023) << 52);
}
constexpr float pow2(std::uint32_t k) noexcept
{
    return std::bit_cast<float>((k + 127) << 23);
}

// Rounding to an integer by a shifter, 1.5 * 2^(digits - 1): adding it rounds to an integer (to
// nearest even, as the hardware does), and the integer is then in the low bits.
template <std::floating_point T>
inline constexpr T round_shifter = sizeof(T) == sizeof(double) ? T(6755399441055744.0)
                                                               : T(12582912.0f);

// Cody and Waite's reduction, shared by exp and expm1: x = n ln2 + r with n an integer (as a
// value, and as k, its bits' integer, for pow2) and |r| <= ln2 / 2 (a hair more where the
// rounding of x / ln2 is a tie). r = r_hi + r_lo rounded, with r_hi = x - n ln2_hi exact: expm1
// keeps the two apart; r is exact (r_hi, r_lo = 0) where n = 0.
template <std::floating_point T>
struct exp_reduction {
    T n;
    float_uint<T> k;
    T r;
    T r_hi;
    T r_lo;
};

constexpr exp_reduction<double> reduce_exp(double x) noexcept
{
    constexpr double shifter = round_shifter<double>;
    const double shifted = x * 1.4426950408889634 + shifter;
    const double n = shifted - shifter;
    const std::uint64_t k =
        std::bit_cast<std::uint64_t>(shifted) - std::bit_cast<std::uint64_t>(shifter);
    // ln2 split so that n * ln2_hi is exact for |n| < 2^11 (fdlibm's constants).
    const double r_hi = x - n * 6.93147180369123816490e-01;
    const double r = r_hi - n * 1.90821492927058770002e-10;
    return {n, k, r, r_hi, -(n * 1.90821492927058770002e-10)};
}

constexpr exp_reduction<float> reduce_exp(float x) noexcept
{
    constexpr float shifter = round_shifter<float>;
    const float shifted = x * 1.44269504f + shifter;
    const float n = shifted - shifter;
    const std::uint32_t k =
        std::bit_cast<std::uint32_t>(shifted) - std::bit_cast<std::uint32_t>(shifter);
    // Cephes' split of ln2: n * 0.693359375 is exact for |n| < 2^15.
    const float r_hi = x - n * 0.693359375f;
    const float r = r_hi + n * 2.12194440e-4f;
    return {n, k, r, r_hi, n * 2.12194440e-4f};
}

// t(r) such that 1 + r + r^2 t(r) is the Taylor polynomial of exp of degree 13 (double) or 7
// (float), given r and r^2: for |r| <= ln2 / 2 its truncation error is below 0.05 ulp of exp(r),
// and below 0.06 ulp (double) and 0.25 ulp (float) of exp(r) - 1. Estrin's scheme: five
// dependent steps where Horner's has thirteen.
constexpr double exp_taylor_tail(double r, double r2) noexcept
{
    const double r4 = r2 * r2;
    const double r8 = r4 * r4;
    const double q1 = 1.0 / 2 + r * (1.0 / 6);
    const double q2 = 1.0 / 24 + r * (1.0 / 120);
    const double q3 = 1.0 / 720 + r * (1.0 / 5040);
    const double q4 = 1.0 / 40320 + r * (1.0 / 362880);
    const double q5 = 1.0 / 3628800 + r * (1.0 / 39916800);
    const double q6 = 1.0 / 479001600 + r * (1.0 / 6227020800);
    return (q1 + r2 * q2) + r4 * (q3 + r2 * q4) + r8 * (q5 + r2 * q6);
}

constexpr float exp_taylor_tail(float r, float r2) noexcept
{
    const float r4 = r2 * r2;
    const float q1 = 1.0f / 2 + r * (1.0f / 6);
    const float q2 = 1.0f / 24 + r * (1.0f / 120);
    const float q3 = 1.0f / 720 + r * (1.0f / 5040);
    return (q1 + r2 * q2) + r4 * q3;
}

// y, except high_value where x > high and low_value where x < low. Done last and with bit masks
// rather than ?:, for two reasons. A clamp of x first would sit on the dependency chain before
// everything else (this sits after, in parallel with the polynomial); and ?: becomes a branch
// (detail/branch_free.hpp). NaN fails both comparisons and stays NaN.
template <std::floating_point T>
constexpr T saturate(T x, T low, T low_value, T high, T high_value, T y) noexcept
{
    using U = float_uint<T>;
    const U to_high = mask<T>(x > high);
    const U to_low = mask<T>(x < low);
    return std::bit_cast<T>((std::bit_cast<U>(high_value) & to_high) |
                            (std::bit_cast<U>(low_value) & to_low) |
                            (std::bit_cast<U>(y) & ~(to_high | to_low)));
}

} // namespace detail

// exp(x) as Cody and Waite reduce it: x = n ln2 + r with n an integer and |r| <= ln2 / 2, then
// exp(x) = 2^n p(r) with p the Taylor polynomial of exp of degree 13 (double) or 7 (float),
// whose truncation error is below 0.05 ulp on that interval. Every step is arithmetic on the
// value or on its bits, with no branch and no table, so a loop of them vectorises (GCC -O3,
// Clang -O2; GCC's double loop needs SSE4.2's 64-bit compares on x86-64) and the same code runs
// in constant expressions.
//
// Accuracy (tests/unit/exp_test.cpp measures it against std::exp over the whole range): within 1
// ulp in float and double, including results that underflow into the subnormal range (rounded
// once, as std::exp's are). Overflow gives +inf, a large negative x gives +0, NaN gives NaN.
//
// expm1(x) = exp(x) - 1 from the same reduction and polynomial, without the cancellation of
// that subtraction near 0 (tests/unit/activation_accuracy_test.cpp measures it against the
// correctly rounded result: within 1 ulp in float and double). Below -40 (double) or -18 (float)
// it is exactly -1.
struct polynomial_exp {
    static constexpr std::string_view source_name = "ctnn::polynomial_exp";

    template <std::floating_point T>
    static constexpr bool calls_c_library = false;

    template <std::floating_point T>
    static constexpr T exp(T x) noexcept
    {
        if (std::is_constant_evaluated()) {
            // Constant evaluation refuses an inf or NaN made from finite numbers, which the
            // branch-free code below makes on its way to +inf and +0: answer those cases first.
            if (x != x || x > overflow<T>)
                return x + std::numeric_limits<T>::infinity();
            if (x < underflow<T>)
                return T(0);
        }
        constexpr T inf = std::numeric_limits<T>::infinity();
        if constexpr (sizeof(T) == sizeof(double))
            return detail::saturate(x, -746.0, 0.0, 710.0, inf, exp_double(x));
        else
            return detail::saturate(x, -104.0f, 0.0f, 89.0f, inf, exp_float(x));
    }

    template <std::floating_point T>
    static constexpr T expm1(T x) noexcept
    {
        constexpr bool is_double = sizeof(T) == sizeof(double);
        // Below this exp(x) < half an ulp of 1, so exp(x) - 1 rounds to -1.
        constexpr T minus_one_below = is_double ? T(-40) : T(-18);
        if (std::is_constant_evaluated()) {
            if (x != x || x > overflow<T>)
                return x + std::numeric_limits<T>::infinity();
            if (x < minus_one_below)
                return T(-1);
        }
        constexpr T inf = std::numeric_limits<T>::infinity();
        // expm1(x) has the sign of x; the copy gives -0 for -0, which the sum below makes +0.
        const T y = detail::saturate(x, minus_one_below, T(-1), is_double ? T(710) : T(89), inf,
                                     expm1_core(x));
        return detail::bit_copysign(y, x);
    }

    // exp(x) / 2, bit for bit exp(x) halved, for x from -707 (double) or -86 (float) up; +0
    // below, +inf from where exp(x) overflows. tanh's 2 / (exp(2|z|) + 1) is 1 / (half_exp(2|z|)
    // + 0.5), bit for bit: exp(2|z|) + 1 rounds to twice what half_exp(2|z|) + 0.5 rounds to,
    // and both quotients are one rounding of the same number. What it saves: on that range
    // exp(x) / 2 is a normal number, so 2^(n-1) scales p(r) in one multiplication, where exp
    // needs two factors (and their reduction) to round once into the subnormal range.
    template <std::floating_point T>
    CTNN_ELEMENTWISE static constexpr T half_exp(T x) noexcept
    {
        constexpr T inf = std::numeric_limits<T>::infinity();
        constexpr T low = sizeof(T) == sizeof(double) ? T(-707) : T(-86);
        // The largest x whose exp is finite.
        constexpr T finite_up_to = sizeof(T) == sizeof(double) ? T(709.782712893384)
                                                               : T(88.72283172607421875);
        if (std::is_constant_evaluated()) {
            // As in exp: past the bounds the branch-free code makes infs from finite numbers.
            if (x != x || x > finite_up_to)
                return x + inf;
            if (x < low)
                return T(0);
        }
        // exp_float's and exp_double's steps, then 2^(n-1) in one factor.
        const auto [n, k, r, r_hi, r_lo] = detail::reduce_exp(x);
        const T r2 = r * r;
        const T p = T(1) + (r + r2 * detail::exp_taylor_tail(r, r2));
        return detail::saturate(x, low, T(0), finite_up_to, inf,
                                p * detail::pow2(k - detail::float_uint<T>(1)));
    }

private:
    // Where exp(x) overflows and where it rounds to +0: log(max) and log(denorm_min / 2), the
    // nearest floating-point values on the far side.
    template <class T>
    static constexpr T overflow = sizeof(T) == sizeof(double) ? T(709.782712893384)
                                                              : T(88.72283935546875);
    template <class T>
    static constexpr T underflow = sizeof(T) == sizeof(double) ? T(-745.1332191019412)
                                                               : T(-103.972084f);

    // Exact for x in [-746, 710] (past those bounds exp(x) is +inf or rounds to +0, and the
    // scaling below gives exactly that at the bounds) and for NaN; garbage elsewhere.
    static constexpr double exp_double(double x) noexcept
    {
        const auto [n, k, r, r_hi, r_lo] = detail::reduce_exp(x);
        // exp(r) = 1 + (r + r^2 t(r)): the 1 added last so that r keeps all its bits.
        const double r2 = r * r;
        const double p = 1.0 + (r + r2 * detail::exp_taylor_tail(r, r2));
        // 2^n in two factors, each a normal number for every n in [-1076, 1025]: the second
        // multiplication rounds once into the subnormal range, as std::exp's result is. n / 2 is
        // rounded by the shifter too: SSE2 has no 64-bit arithmetic shift to vectorise.
        constexpr double shifter = detail::round_shifter<double>;
        const std::uint64_t k1 =
            std::bit_cast<std::uint64_t>(n * 0.5 + shifter) - std::bit_cast<std::uint64_t>(shifter);
        return p * detail::pow2(k1) * detail::pow2(k - k1);
    }

    // Exact for x in [-104, 89] and for NaN; garbage elsewhere.
    static constexpr float exp_float(float x) noexcept
    {
        const auto [n, k, r, r_hi, r_lo] = detail::reduce_exp(x);
        const float r2 = r * r;
        const float p = 1.0f + (r + r2 * detail::exp_taylor_tail(r, r2));
        constexpr float shifter = detail::round_shifter<float>;
        const std::uint32_t k1 =
            std::bit_cast<std::uint32_t>(n * 0.5f + shifter) - std::bit_cast<std::uint32_t>(shifter);
        return p * detail::pow2(k1) * detail::pow2(k - k1);
    }

    // exp(x) - 1 = 2^n (1 + p) - 1 with p = expm1(r) = r_hi + (r_lo + r^2 t(r)):
    //   (2^n - 1) + 2^n r_hi + 2^n (r_lo + r^2 t(r)),
    // where the first two terms and their sum's rounding error are exact (2^n is a power of two;
    // 2^n - 1 is exact for n up to the significand's width, beyond which the 1 no longer
    // matters; |2^n - 1| >= |2^n r_hi|), so only the small third term and the final sum round:
    // within an ulp where n != 0, without the two ulp that rounding p first would cost where
    // 2^n p and 2^n - 1 nearly cancel (x just above ln2 / 2). 2^n must be a normal number: for x
    // in [-40, -18] n >= -58, and where n would be 1024 (double) or 128 (float), within a hair
    // of overflow, the sum is formed with 2^(n-1) and doubled. Exact for x in [-40, 710] (double)
    // or [-18, 89] (float) and NaN, where it overflows to +inf by itself; garbage elsewhere, which
    // expm1 replaces. +0 for -0 (expm1 puts the sign back).
    template <std::floating_point T>
    static constexpr T expm1_core(T x) noexcept
    {
        using U = detail::float_uint<T>;
        constexpr bool is_double = sizeof(T) == sizeof(double);
        const auto [n, k, r, r_hi, r_lo] = detail::reduce_exp(x);
        const T r2 = r * r;
        const U top = detail::mask<T>(x > (is_double ? T(709) : T(88)));
        const T s = detail::pow2(k - (top & U(1)));
        const T one = detail::select(top, T(0.5), T(1));
        const T a = s - one;
        const T b = s * r_hi;
        const T sum = a + b;
        const T error = (a - sum) + b;
        const T y = sum + (error + s * (r_lo + r2 * detail::exp_taylor_tail(r, r2)));
        return y + detail::select_or_zero(top, y);
    }
};

// The C library's exp and expm1: correctly rounded or nearly so, but one call per value, which
// keeps a loop of them scalar unless -ffast-math lets the compiler use a vector library.
struct std_exp {
    static constexpr std::string_view source_name = "ctnn::std_exp";

    template <std::floating_point T>
    static constexpr bool calls_c_library = true;

    template <std::floating_point T>
    static T exp(T x) noexcept
    {
        return std::exp(x);
    }

    template <std::floating_point T>
    static T expm1(T x) noexcept
    {
        return std::expm1(x);
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
    static constexpr std::string_view source_name = "ctnn::default_exp";

    template <std::floating_point T>
    static constexpr bool calls_c_library =
        sizeof(T) != sizeof(float) && !detail::polynomial_exp_double_vectorises;

    template <std::floating_point T>
    static constexpr T exp(T x) noexcept
    {
        if (std::is_constant_evaluated())
            return polynomial_exp::exp(x);
        if constexpr (!calls_c_library<T>)
            return polynomial_exp::exp(x);
        else
            return std::exp(x);
    }

    // Where the polynomial is the choice for T: its half_exp (tanh uses it).
    template <std::floating_point T>
        requires(!calls_c_library<T>)
    CTNN_ELEMENTWISE static constexpr T half_exp(T x) noexcept
    {
        return polynomial_exp::half_exp(x);
    }

    template <std::floating_point T>
    static constexpr T expm1(T x) noexcept
    {
        if (std::is_constant_evaluated())
            return polynomial_exp::expm1(x);
        if constexpr (!calls_c_library<T>)
            return polynomial_exp::expm1(x);
        else
            return std::expm1(x);
    }
};

// What an exp policy must provide: exp, and expm1 for ctnn::elu.
template <class P, class T>
concept exp_policy = std::floating_point<T> && requires(T x) {
    { P::exp(x) } -> std::same_as<T>;
};

namespace detail {
// Whether exp policy P calls the C library for T (std_exp; default_exp for double without
// AVX2), as a policy declares with `template <std::floating_point T> static constexpr bool
// calls_c_library`; a policy that does not say is taken to be branch-free. Where it does, a
// layer's loop is scalar anyway, so tanh, elu and softplus call the C library's own functions
// (std::tanh, std::expm1, std::log1p), with a branch where that saves a call, as ctnn did before
// its polynomials; otherwise they run branch-free code built on P::exp and P::expm1.
template <class P, class T>
inline constexpr bool calls_c_library = [] {
    if constexpr (requires { P::template calls_c_library<T>; })
        return static_cast<bool>(P::template calls_c_library<T>);
    else
        return false;
}();
} // namespace detail

} // namespace ctnn
