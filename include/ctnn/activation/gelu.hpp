// ctnn/activation/gelu.hpp: the Gaussian error linear unit, a = z Phi(z) = z/2 erfc(-z / sqrt 2),
// as PyTorch's nn.GELU() (its exact, erf form).
#pragma once

#include <cmath>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <ctnn/detail/constexpr_erfc.hpp>
#include <ctnn/detail/exact_product.hpp>

namespace ctnn {

namespace detail {

// t = -z / sqrt 2 as t + t_lo, the error of its rounding: erfc multiplies it by about 2t^2 (some
// 1,500 ulp at t = 27) into its relative error.
struct gelu_erfc_argument {
    double t;
    double t_lo;
};

constexpr gelu_erfc_argument gelu_argument(double z) noexcept
{
    constexpr double r_hi = 0.7071067811865476; // 1 / sqrt 2 = r_hi + r_lo
    constexpr double r_lo = -4.833646656726457e-17;
    const auto [t, t_error] = exact_product(z, -r_hi);
    return {t, t_error - z * r_lo};
}

// erfc(t + t_lo) as erfc(t) - t_lo 2/sqrt(pi) exp(-t^2): the C library's erfc at run time, ctnn's
// own (detail/constexpr_erfc.hpp) in constant expressions.
constexpr double gelu_erfc(double t, double t_lo) noexcept
{
    constexpr double two_over_sqrt_pi = 1.1283791670955126;
    const double erfc_t = std::is_constant_evaluated() ? constexpr_erfc(t) : std::erfc(t);
    return erfc_t - t_lo * (two_over_sqrt_pi * exp_minus_square(t));
}

} // namespace detail

// gelu(z) = z/2 erfc(-z / sqrt 2), in double for float too (z converted exactly, the result
// rounded once more), on the C library's erfc: not branch-free, and its loop stays scalar (one
// erfc call a unit) where gelu_tanh's vectorises. Accuracy against the correctly rounded result
// (tests/unit/activation_accuracy_test.cpp): float within 1 ulp, double within the C library's
// erfc (4 ulp with glibc 2.36), and in constant expressions, on ctnn's own erfc, within 5 ulp of
// the C library's. Past z = 39 gelu is z, below -39 it is -0 (it underflows from -38.6);
// gelu(+-0) = +-0, NaN gives NaN.
// The derivative Phi(z) + z phi(z) = erfc(-z / sqrt 2) / 2 + z exp(-z^2 / 2) / sqrt(2 pi), both
// on -z / sqrt 2 carried to twice double's precision: within 2 ulp in the tails
// (tests/unit/activation_saturation_test.cpp).
struct gelu {
    static constexpr std::string_view name = "gelu";
    static constexpr std::string_view source_name = "ctnn::gelu";
    static constexpr std::size_t transcendentals = 1; // an erfc

    template <class T>
    static constexpr T value(T z) noexcept
    {
        if (z > T(39))
            return z;
        if (z < T(-39))
            return -T(0);
        const auto z_double = static_cast<double>(z);
        const auto [t, t_lo] = detail::gelu_argument(z_double);
        if (t > 25.0) {
            // erfc(t) is subnormal or nearly while z/2 erfc(t) is not: scaled by 2^128 until the
            // last product. erfc(t) = exp(-t^2) / (sqrt(pi) f), and erfc(t + t_lo) = erfc(t) (1 -
            // 2 t_lo f) to first order.
            constexpr double one_over_sqrt_pi = 0.5641895835477563;
            const double f = detail::erfc_continued_fraction(t);
            const double scaled = one_over_sqrt_pi * detail::exp_minus_square_times_2_128(t) / f *
                                  (1.0 - 2.0 * t_lo * f);
            return static_cast<T>((0.5 * z_double * scaled) * 0x1p-128);
        }
        return static_cast<T>(0.5 * z_double * detail::gelu_erfc(t, t_lo));
    }

    template <class T>
    static constexpr T derivative(T z, T /*a*/) noexcept
    {
        if (z > T(39))
            return T(1);
        if (z < T(-39))
            return T(0);
        constexpr double one_over_sqrt_two_pi = 0.3989422804014327;
        const auto z_double = static_cast<double>(z);
        const auto [t, t_lo] = detail::gelu_argument(z_double);
        // phi(z) = exp(-(t + t_lo)^2) / sqrt(2 pi) = exp(-t^2) (1 - 2 t t_lo) / sqrt(2 pi): without
        // t_lo, exp would multiply z / sqrt 2's rounding by 2t^2 (1,000 ulp at z = -28.6).
        return static_cast<T>(0.5 * detail::gelu_erfc(t, t_lo) +
                              z_double * one_over_sqrt_two_pi * detail::exp_minus_square(t) *
                                  (1.0 - 2.0 * t * t_lo));
    }
};

} // namespace ctnn
