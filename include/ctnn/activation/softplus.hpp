// ctnn/activation/softplus.hpp: softplus, a = log(1 + exp(z)), a smooth relu.
#pragma once

#include <cmath>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <ctnn/detail/branch_free.hpp>
#include <ctnn/detail/elementwise_inline.hpp>
#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/detail/polynomial_log1p.hpp>
#include <ctnn/exp.hpp>

namespace ctnn {

struct softplus;

// softplus with the exponential chosen by an exp policy (ctnn/exp.hpp), as the sigmoid's is:
//   ctnn::softplus                               default_exp: branch-free for float, and for
//                                                double with AVX2; the C library otherwise
//   ctnn::basic_softplus<ctnn::polynomial_exp>   always branch-free, on polynomial_exp
//   ctnn::basic_softplus<ctnn::std_exp>          std::log1p and std::exp
// Written as max(z, 0) + log1p(exp(-|z|)), which never overflows: softplus(1000) is 1000 and
// softplus(-1000) is 0 (exactly, in float and double), where the naive formula gives inf for the
// first. Above 48 ln2 = 33.27 (double) or 21 ln2 = 14.56 (float) log1p(exp(-z)) is below half an
// ulp of z and the sum rounds to z by itself, with no threshold to choose (PyTorch's fixed 20 is
// 5.8e5 ulp short of softplus(20) in double; tests/unit/activation_saturation_test.cpp checks
// that the result is z from the first value above these points). Branch-free, the log1p is detail::log1p_unit_interval and a mask takes max(z, 0), so
// that a layer's loop vectorises. Within 2 ulp of the correctly rounded softplus in float and
// double (tests/unit/activation_accuracy_test.cpp); softplus(-inf) = +0, softplus(+inf) = +inf, NaN
// gives NaN. The same code runs in constant expressions.
// The derivative is the logistic sigmoid of z, 1 / (1 + exp(-z)) for z >= 0 and
// exp(z) / (1 + exp(z)) below (chosen by a mask, or by a branch with the C library).
template <class Exp>
struct basic_softplus {
    using exp_policy = Exp;
    using family = softplus; // the same function whatever the policy

    static constexpr std::string_view name = "softplus";
    static constexpr detail::fixed_name<96> source_text =
        detail::policy_spelling<Exp>("ctnn::basic_softplus<");
    static constexpr std::string_view source_name = source_text.view();
    static constexpr std::size_t transcendentals = 2; // an exp and a log1p

    template <class T>
    CTNN_ELEMENTWISE static constexpr T value(T z) noexcept
    {
        if constexpr (detail::calls_c_library<Exp, T>) {
            if (!std::is_constant_evaluated())
                return (z > T(0) ? z : T(0)) + std::log1p(Exp::exp(-std::fabs(z)));
        }
        const T e = Exp::exp(-detail::bit_abs(z));
        return detail::select_or_zero(detail::mask<T>(z > T(0)), z) +
               detail::log1p_unit_interval(e);
    }

    template <class T>
    CTNN_ELEMENTWISE static constexpr T derivative(T z, T /*a*/) noexcept
    {
        if constexpr (detail::calls_c_library<Exp, T>) {
            if (!std::is_constant_evaluated()) {
                if (z >= T(0))
                    return T(1) / (T(1) + Exp::exp(-z));
                const T e = Exp::exp(z);
                return e / (T(1) + e);
            }
        }
        const T e = Exp::exp(-detail::bit_abs(z));
        return detail::select(detail::mask<T>(z >= T(0)), T(1), e) / (T(1) + e);
    }
};

struct softplus : basic_softplus<default_exp> {
    static constexpr std::string_view source_name = "ctnn::softplus";
};

} // namespace ctnn
