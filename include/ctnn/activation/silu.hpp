// ctnn/activation/silu.hpp: the sigmoid-weighted linear unit (SiLU, also called swish),
// a = z sigmoid(z) = z / (1 + exp(-z)), as PyTorch's nn.SiLU.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string_view>
#include <type_traits>

#include <ctnn/detail/branch_free.hpp>
#include <ctnn/detail/elementwise_inline.hpp>
#include <ctnn/detail/exact_product.hpp>
#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/detail/times_sigmoid.hpp>
#include <ctnn/exp.hpp>

namespace ctnn {

struct silu;

namespace detail {

// z / (1 + exp(-z)) in double with the C library's exp (or another policy's), branching: so
// while exp(-z) is finite; below, z exp(z) = z h h with h = exp(z / 2) (1 + exp(z) rounds to 1
// there), z h kept exact as a sum of two doubles so that only the last product rounds (this range
// only); -0 past -800 (and at -inf).
template <class Exp>
double silu_double_library(double z) noexcept
{
    if (z < -800.0)
        return -0.0;
    if (!(z < -709.0))
        return z / (1.0 + Exp::exp(-z));
    const double h = Exp::exp(z * 0.5);
    const auto [zh, zh_error] = exact_product(z, h);
    return std::fma(zh, h, zh_error * h); // one rounding (a library call without an FMA unit)
}

} // namespace detail

// silu with the exponential chosen by an exp policy (ctnn/exp.hpp), as the sigmoid's is:
//   ctnn::silu                               default_exp: branch-free where the policy's double
//                                            exp is (with AVX2, and on non-x86 targets), the C
//                                            library's exp otherwise
//   ctnn::basic_silu<ctnn::polynomial_exp>   always branch-free
//   ctnn::basic_silu<ctnn::std_exp>          std::exp, with branches
// Computed in double for float too (z converted exactly, the result rounded once more), so the
// choice follows the policy's choice for double. Branch-free: detail::times_sigmoid(z, z), which
// computes exp by polynomial_exp's reduction whatever branch-free policy is named; otherwise
// detail::silu_double_library on the policy's exp. Both are within 2 ulp of the correctly rounded
// result in double and 1 in float (tests/unit/activation_accuracy_test.cpp; the branch-free steps
// done in float reach 3 ulp, which is why they are not). silu(+inf) = +inf, silu(-inf) = -0,
// silu(+-0) = +-0, NaN gives NaN; the same code runs in constant expressions.
// The derivative s (1 + z (1 - s)), in T, with s = sigmoid(z) and 1 - s = sigmoid(-z) both formed
// from exp(-|z|) without cancellation (detail::sigmoid_times_one_plus, which keeps exp(z) scaled
// where it is subnormal and the derivative is not: 27 ulp at z = -714 in double, 6 at -90 in
// float, before it did): 1 at +inf, 0 at -inf. Within 2 ulp but near its zero at z = -1.2785,
// where 1 + z (1 - s) cancels (tests/unit/activation_saturation_test.cpp).
template <class Exp>
struct basic_silu {
    using exp_policy = Exp;
    using family = silu; // the same function whatever the policy

    static constexpr std::string_view name = "silu";
    static constexpr detail::fixed_name<96> source_text =
        detail::policy_spelling<Exp>("ctnn::basic_silu<");
    static constexpr std::string_view source_name = source_text.view();
    static constexpr std::size_t transcendentals = 1;

    template <class T>
    CTNN_ELEMENTWISE static constexpr T value(T z) noexcept
    {
        if constexpr (detail::calls_c_library<Exp, double>) {
            if (!std::is_constant_evaluated())
                return static_cast<T>(detail::silu_double_library<Exp>(static_cast<double>(z)));
        }
        if (std::is_constant_evaluated()) {
            // The half not chosen makes a NaN from +-inf, which constant evaluation refuses.
            if (z > std::numeric_limits<T>::max())
                return z;
            if (z < std::numeric_limits<T>::lowest())
                return -T(0);
        }
        const auto z_double = static_cast<double>(z);
        return static_cast<T>(detail::times_sigmoid(z_double, z_double, 0.0));
    }

    template <class T>
    CTNN_ELEMENTWISE static constexpr T derivative(T z, T /*a*/) noexcept
    {
        constexpr T max = std::numeric_limits<T>::max();
        // +-inf taken as +-max: z (1 - s) is then 0 and z, not NaN.
        const T bounded_z = detail::select(detail::mask<T>(z > max), max,
                                           detail::select(detail::mask<T>(z < -max), -max, z));
        return detail::sigmoid_times_one_plus<Exp>(z, T(0), bounded_z);
    }
};

struct silu : basic_silu<default_exp> {
    static constexpr std::string_view source_name = "ctnn::silu";
};

} // namespace ctnn
