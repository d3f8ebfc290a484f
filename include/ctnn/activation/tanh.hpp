// ctnn/activation/tanh.hpp: the hyperbolic tangent, a = tanh(z), in (-1, 1).
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <ctnn/detail/branch_free.hpp>
#include <ctnn/detail/elementwise_inline.hpp>
#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/exp.hpp>

namespace ctnn {

struct tanh;

namespace detail {

// Below this |z| tanh(z) < 1/2, and the odd polynomial below serves; from it on, 1 - 2 / (e^2|z|
// + 1), whose result is at least 1/2 (atanh(1/2) = 0.549306...).
template <std::floating_point T>
inline constexpr T tanh_polynomial_below = T(0.5493);

// tanh(x) for |x| < 0.5493 as x + x q(x^2), q(w) = w Q(w) with Q the minimax polynomial (Remez,
// weighted by the relative error of tanh) for (tanh(x)/x - 1) / w: 0.12 ulp (double, degree
// 10) and 0.1 ulp (float, degree 4). |q| <= 0.09, so the sum rounds to within about 0.6 ulp.
// A subnormal x gives x.
constexpr double tanh_polynomial(double x) noexcept
{
    const double w = x * x;
    const double w2 = w * w;
    const double w4 = w2 * w2;
    const double w8 = w4 * w4;
    const double q = (-0.33333333333333333 + w * 0.13333333333333126) +
                     w2 * (-0.05396825396765548 + w * 0.021869488491130493) +
                     w4 * ((-8.8632341116617067e-3 + w * 3.5921045689530556e-3) +
                           w2 * (-1.4556053440686967e-3 + w * 5.8863013191427471e-4)) +
                     w8 * ((-2.336891243860107e-4 + w * 8.3549623917332753e-5) +
                           w2 * -1.9528042989515558e-5);
    return x + x * (w * q);
}

constexpr float tanh_polynomial(float x) noexcept
{
    const float w = x * x;
    const float w2 = w * w;
    const float q = (-0.333333306f + w * 0.133328662f) + w2 * (-0.0538664044f + w * 0.0210855649f) +
                    (w2 * w2) * -6.25132911e-3f;
    return x + x * (w * q);
}

} // namespace detail

// tanh with its maths chosen by an exp policy (ctnn/exp.hpp), as the sigmoid's is:
//   ctnn::tanh                               default_exp: branch-free for float, and for double
//                                            with AVX2; std::tanh otherwise; constexpr
//   ctnn::basic_tanh<ctnn::polynomial_exp>   always branch-free, on polynomial_exp
//   ctnn::basic_tanh<ctnn::std_exp>          std::tanh
// The branch-free value(), whose loops vectorise: for |z| < 0.5493 an odd polynomial; beyond,
// 1 - 2 / (exp(2|z|) + 1) with the sign of z, whose error is exp's scaled by 2 / (exp(2|z|) + 1)
// <= 1/2; both are computed and a mask chooses. Within 2 ulp of the correctly rounded tanh in
// float and double (tests/unit/activation_accuracy_test.cpp); exactly +-1 once 2 / (exp(2|z|) +
// 1) is below half an ulp of 1, and for +-inf; +-0 and subnormals give themselves; NaN gives
// NaN. The same code runs in constant expressions.
// The derivative 1 - a^2 comes from the stored value, as (1 - a)(1 + a): for |a| >= 1/2, 1 - a
// or 1 + a is exact (Sterbenz), so the result is within 1 ulp of 1 - a^2 for the given a,
// where 1 - a * a rounds a^2 first and loses up to 2^-53 / (1 - a^2) relative (3.2e-10 at a =
// 0.99999993; tests/unit/activation_saturation_test.cpp). What remains at saturation is a's own
// rounding, magnified by 2|a| / (1 - a^2): removing it would take exp(-2|z|) again in the
// backward pass, a second transcendental, so the derivative is exact given a and no more.
template <class Exp>
struct basic_tanh {
    using exp_policy = Exp;
    using family = tanh; // the same function whatever the policy

    static constexpr std::string_view name = "tanh";
    static constexpr detail::fixed_name<96> source_text =
        detail::policy_spelling<Exp>("ctnn::basic_tanh<");
    static constexpr std::string_view source_name = source_text.view();
    static constexpr std::size_t transcendentals = 1; // one exp (or std::tanh)
    static constexpr std::string_view rtneural_name = "tanh";

    template <class T>
    CTNN_ELEMENTWISE static constexpr T value(T z) noexcept
    {
        if constexpr (detail::calls_c_library<Exp, T>) {
            if (!std::is_constant_evaluated())
                return std::tanh(z);
        }
        const T abs_z = detail::bit_abs(z);
        if (std::is_constant_evaluated()) {
            // The branch-free code makes infs from finite numbers (z^2 and 2|z| overflowing in
            // the half not chosen), which constant evaluation refuses; there the result is +-1.
            if (abs_z > T(20))
                return detail::bit_copysign(T(1), z);
        }
        // On |z|, and the sign of z put back last: the polynomial's x + x q(x^2) would make
        // -0 into +0 (q < 0), and the sign is needed for the other half anyway.
        const T inner = detail::tanh_polynomial(abs_z);
        T outer;
        if constexpr (requires { Exp::half_exp(z); }) // the same number (see half_exp), faster
            outer = T(1) - T(1) / (Exp::half_exp(abs_z + abs_z) + T(0.5));
        else
            outer = T(1) - T(2) / (Exp::exp(abs_z + abs_z) + T(1));
        return detail::bit_copysign(
            detail::select(detail::mask<T>(abs_z < detail::tanh_polynomial_below<T>), inner, outer),
            z);
    }

    template <class T>
    CTNN_ELEMENTWISE static constexpr T derivative(T /*z*/, T a) noexcept
    {
        return (T(1) - a) * (T(1) + a);
    }
};

// A zero-centred sigmoid.
struct tanh : basic_tanh<default_exp> {
    static constexpr std::string_view source_name = "ctnn::tanh";
};

} // namespace ctnn
