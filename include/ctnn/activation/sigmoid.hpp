// ctnn/activation/sigmoid.hpp: the logistic sigmoid, s(z) = 1 / (1 + exp(-z)).
#pragma once

#include <cstddef>
#include <string_view>

#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/exp.hpp>

namespace ctnn {

struct sigmoid;

// The tutorial's activation, with the exponential chosen by an exp policy (ctnn/exp.hpp):
//   ctnn::sigmoid                               default_exp: the faster for the target, constexpr
//   ctnn::basic_sigmoid<ctnn::polynomial_exp>   always the vectorising polynomial
//   ctnn::basic_sigmoid<ctnn::std_exp>          always std::exp
// value() is written as the tutorial's NumPy code computes it, 1 / (1 + exp(-z)), so that ctnn
// reproduces its figures to the last few bits with either policy (tests/golden); exp(-z)
// overflowing to +inf gives exactly 0. The derivative s'(z) = s(z) (1 - s(z)) is taken from the
// stored value: no second exp.
template <class Exp>
struct basic_sigmoid {
    using exp_policy = Exp;
    using family = sigmoid; // the same function whatever the policy: cross-entropy fuses with it

    static constexpr std::string_view name = "sigmoid";
    static constexpr detail::fixed_name<96> source_text =
        detail::policy_spelling<Exp>("ctnn::basic_sigmoid<");
    static constexpr std::string_view source_name = source_text.view();
    static constexpr std::size_t transcendentals = 1;
    static constexpr std::string_view rtneural_name = "sigmoid";

    template <class T>
    static constexpr T value(T z) noexcept
    {
        return T(1) / (T(1) + Exp::exp(-z));
    }

    template <class T>
    static constexpr T derivative(T /*z*/, T a) noexcept
    {
        return a * (T(1) - a);
    }
};

struct sigmoid : basic_sigmoid<default_exp> {
    static constexpr std::string_view source_name = "ctnn::sigmoid";
};

} // namespace ctnn
