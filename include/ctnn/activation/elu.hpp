// ctnn/activation/elu.hpp: the exponential linear unit, a = z for z > 0, alpha (exp(z) - 1) else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include <ctnn/detail/elementwise_inline.hpp>
#include <ctnn/detail/branch_free.hpp>
#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/exp.hpp>

namespace ctnn {

template <std::intmax_t Numerator = 1, std::intmax_t Denominator = 1>
struct elu;

// elu with alpha = Numerator / Denominator (1 by default, Clevert et al. 2015) and expm1 from an
// exp policy (ctnn/exp.hpp), as the sigmoid's exp is:
//   ctnn::elu<N, D>                               default_exp: branch-free for float, and for
//                                                 double with AVX2; std::expm1 otherwise
//   ctnn::basic_elu<N, D, ctnn::polynomial_exp>   always branch-free, polynomial_exp::expm1
//   ctnn::basic_elu<N, D, ctnn::std_exp>          std::expm1, called only for z <= 0
// The branch-free value(), whose loops vectorise: expm1 runs on min(z, 0), where it cannot
// overflow, and a mask picks z for z > 0. Within 1 ulp of alpha expm1(z) rounded once
// (tests/unit/activation_accuracy_test.cpp, alpha = 1); exactly -alpha below -40 (double) or -18
// (float) and at -inf; elu(-0) = -0; NaN gives NaN. The same code runs in constant
// expressions. The derivative for z <= 0 is alpha exp(z), from z with the policy's exp (branch-
// free, a mask picks 1 for z > 0): a + alpha from the stored value would cancel as a nears
// -alpha: a's rounding divided by exp(z) (5e-8 relative at z = -20 in double), and 0 in place of
// alpha exp(z) once a rounds to -alpha (below z = -37.4 in double, -17.3 in float;
// tests/unit/activation_saturation_test.cpp).
// The price is a second exp, in the backward pass; within 2 ulp of alpha exp(z).
template <std::intmax_t Numerator, std::intmax_t Denominator, class Exp>
struct basic_elu {
    static_assert(Denominator != 0, "ctnn::elu<Numerator, Denominator>: Denominator is 0");
    static_assert(requires(float x) { Exp::expm1(x); },
                  "ctnn::basic_elu<Numerator, Denominator, Exp>: the exp policy Exp has no "
                  "expm1; use ctnn::default_exp, ctnn::polynomial_exp or ctnn::std_exp, or give "
                  "it `template <std::floating_point T> static T expm1(T)`");
    static constexpr double alpha = static_cast<double>(Numerator) / static_cast<double>(Denominator);

    using exp_policy = Exp;
    using family = elu<Numerator, Denominator>; // the same function whatever the policy

    static constexpr detail::fixed_name<96> name_text =
        detail::ratio_spelling("elu(", Numerator, "/", Denominator, ")");
    static constexpr std::string_view name = name_text.view();
    static constexpr detail::fixed_name<96> source_text = [] {
        detail::fixed_name<96> text = detail::policy_spelling<Exp>("");
        if (text.size == 0)
            return text;
        return detail::ratio_spelling("ctnn::basic_elu<", Numerator, ", ", Denominator, ", ")
            .append(text.view());
    }();
    static constexpr std::string_view source_name = source_text.view();
    static constexpr std::size_t transcendentals = 1; // expm1, counted for every z: an upper bound
    // RTNeural's JSON has only ELU with alpha 1.
    static constexpr std::string_view rtneural_name = Numerator == Denominator ? "elu" : "?";

    template <class T>
    CTNN_ELEMENTWISE static constexpr T value(T z) noexcept
    {
        if constexpr (detail::calls_c_library<Exp, T>) {
            if (!std::is_constant_evaluated())
                return z > T(0) ? z : static_cast<T>(alpha) * Exp::expm1(z);
        }
        const detail::float_uint<T> positive = detail::mask<T>(z > T(0));
        const T at_most_zero = detail::select(positive, T(0), z);
        return detail::select(positive, z, static_cast<T>(alpha) * Exp::expm1(at_most_zero));
    }

    template <class T>
    CTNN_ELEMENTWISE static constexpr T derivative(T z, T /*a*/) noexcept
    {
        // exp of min(z, 0): it cannot overflow, and NaN stays NaN.
        const detail::float_uint<T> positive = detail::mask<T>(z > T(0));
        return detail::select(positive, T(1),
                              static_cast<T>(alpha) * Exp::exp(detail::select(positive, T(0), z)));
    }
};

template <std::intmax_t Numerator, std::intmax_t Denominator>
struct elu : basic_elu<Numerator, Denominator, default_exp> {
    static constexpr detail::fixed_name<96> source_text =
        detail::ratio_spelling("ctnn::elu<", Numerator, ", ", Denominator, ">");
    static constexpr std::string_view source_name = source_text.view();
};

} // namespace ctnn
