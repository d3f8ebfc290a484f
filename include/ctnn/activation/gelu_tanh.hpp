// ctnn/activation/gelu_tanh.hpp: the Gaussian error linear unit in its tanh approximation,
// a = z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))), as PyTorch's nn.GELU(approximate="tanh").
#pragma once

#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>

#include <ctnn/detail/branch_free.hpp>
#include <ctnn/detail/elementwise_inline.hpp>
#include <ctnn/detail/exact_product.hpp>
#include <ctnn/detail/times_sigmoid.hpp>
#include <ctnn/exp.hpp>

namespace ctnn {

namespace detail {

// y = 2 sqrt(2/pi) (z + 0.044715 z^3) as y_hi + y_lo, the constants and every product carried as
// sums of two doubles (detail::exact_product): exp(-y) multiplies y's absolute error into the
// result's relative one (about 90 ulp at z = -10 with y rounded once), so the sigmoid needs y to
// some 2^-100. Past |z| = 2^20 y_lo is dropped: the sigmoid is exactly 0 or 1 there.
struct gelu_tanh_argument {
    double hi;
    double lo;
};

constexpr gelu_tanh_argument gelu_tanh_y(double z) noexcept
{
    constexpr double c_hi = 1.5957691216057308;   // 2 sqrt(2/pi) = 1.5957691216057307117597...
    constexpr double c_lo = -9.96930880911092e-17;
    constexpr double k_hi = 0.044715;             // 0.044715 exactly = k_hi + k_lo
    constexpr double k_lo = 2.1960211427085595e-18;
    const auto [z2, z2_lo] = exact_product(z, z);
    const auto [z3, z3_error] = exact_product(z2, z);
    const double z3_lo = z3_error + z2_lo * z;
    const auto [kz3, kz3_error] = exact_product(k_hi, z3);
    const double kz3_lo = kz3_error + (k_hi * z3_lo + k_lo * z3);
    const double s = z + kz3; // Knuth's two-sum: s + s_lo = z + kz3 exactly
    const double b = s - z;
    const double s_lo = ((z - (s - b)) + (kz3 - b)) + kz3_lo;
    const auto [y, y_error] = exact_product(c_hi, s);
    const double y_lo = y_error + (c_hi * s_lo + c_lo * s);
    return {y, select_or_zero(mask<double>(bit_abs(z) < 1048576.0), y_lo)};
}

// y for the derivative, in T, as y_hi + y_lo: double carries gelu_tanh_y's; float rounds y
// computed in double (plain arithmetic, which a float loop still vectorises: no double masks),
// whose error, a few 2^-53 of |y|, is far below float's.
template <class T>
struct split_argument {
    T hi;
    T lo;
};

constexpr split_argument<double> gelu_tanh_y_split(double z) noexcept
{
    const gelu_tanh_argument y = gelu_tanh_y(z);
    return {y.hi, y.lo};
}

constexpr split_argument<float> gelu_tanh_y_split(float z) noexcept
{
    const auto zd = static_cast<double>(z);
    const double y = 1.5957691216057308 * (zd + 0.044715 * zd * zd * zd);
    const auto hi = static_cast<float>(y);
    return {hi, static_cast<float>(y - static_cast<double>(hi))};
}

} // namespace detail

// gelu_tanh(z) = z sigmoid(2 sqrt(2/pi) (z + 0.044715 z^3)), the same function as PyTorch's
// z/2 (1 + tanh(...)) (1 + tanh(u) = 2 sigmoid(2u)) written without its cancellation for z < 0.
// Branch-free, in double for float too (detail::times_sigmoid on detail::gelu_tanh_y): float
// correctly rounded over the sweep of tests/unit/activation_accuracy_test.cpp, double within 2
// ulp of the correctly rounded result of the formula with exact constants. gelu_tanh(+inf) =
// +inf, gelu_tanh(-inf) = -0, +-0 and subnormals give z/2, NaN gives NaN; constexpr. Always the
// polynomial exp: in double at baseline x86-64 (no SSE4.2) its loop stays scalar.
// The derivative s + z s (1 - s) y'(z), y' = 2 sqrt(2/pi) (1 + 3 0.044715 z^2), in T, with
// s = sigmoid(y) (detail::sigmoid_times_one_plus). exp multiplies an error in y by |y| into its
// relative error (374 ulp at z = -16.3 in double, 15 at z = -9.3 in float, with y rounded in T),
// so y is carried to twice T's precision (detail::gelu_tanh_y_split); and where exp(y) is
// subnormal but the derivative is not (690 ulp at z = -21.2 in double) it is scaled.
struct gelu_tanh {
    static constexpr std::string_view name = "gelu_tanh";
    static constexpr std::string_view source_name = "ctnn::gelu_tanh";
    static constexpr std::size_t transcendentals = 1;

    template <class T>
    CTNN_ELEMENTWISE static constexpr T value(T z) noexcept
    {
        if (std::is_constant_evaluated()) {
            // z^3 overflows and the half not chosen makes NaN from +-inf, which constant
            // evaluation refuses; past 2^20 the sigmoid is exactly 0 or 1.
            if (z > T(1048576))
                return z;
            if (z < T(-1048576))
                return -T(0);
        }
        const auto z_double = static_cast<double>(z);
        const detail::gelu_tanh_argument y = detail::gelu_tanh_y(z_double);
        return static_cast<T>(detail::times_sigmoid(z_double, y.hi, y.lo));
    }

    template <class T>
    CTNN_ELEMENTWISE static constexpr T derivative(T z, T /*a*/) noexcept
    {
        constexpr T c = T(1.5957691216057308);
        // Past +-2^10 s (1 - s) is 0 and z y' would overflow float: z is held there.
        const T held = detail::select(detail::mask<T>(z > T(1024)), T(1024),
                                      detail::select(detail::mask<T>(z < T(-1024)), T(-1024), z));
        const auto [y, y_lo] = detail::gelu_tanh_y_split(held);
        const T slope = c * (T(1) + T(3 * 0.044715) * held * held);
        return detail::sigmoid_times_one_plus<polynomial_exp>(y, y_lo, held * slope);
    }
};

} // namespace ctnn
