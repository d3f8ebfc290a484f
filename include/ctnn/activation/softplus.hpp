// ctnn/activation/softplus.hpp: softplus, a = log(1 + exp(z)), a smooth relu.
#pragma once

#include <cmath>
#include <type_traits>

#include <ctnn/detail/constexpr_activation_math.hpp>
#include <ctnn/exp.hpp>

namespace ctnn {

// Written as max(z, 0) + log1p(exp(-|z|)), which never overflows: softplus(1000) is 1000 and
// softplus(-1000) is 0 (exactly, in float and double), where the naive formula gives inf for the
// first. The derivative is the logistic sigmoid of z, written stably on either side of 0.
// In constant expressions, where <cmath> is not constexpr, the same formulas run on
// detail::constexpr_log1p and polynomial_exp, in double, rounded to T once.
struct softplus {
    template <class T>
    static constexpr T value(T z) noexcept
    {
        if (std::is_constant_evaluated()) {
            const double x = static_cast<double>(z);
            return static_cast<T>((x > 0.0 ? x : 0.0) +
                                  detail::constexpr_log1p(polynomial_exp::exp(x > 0.0 ? -x : x)));
        }
        return (z > T(0) ? z : T(0)) + std::log1p(std::exp(-std::fabs(z)));
    }

    template <class T>
    static constexpr T derivative(T z, T /*a*/) noexcept
    {
        if (std::is_constant_evaluated()) {
            if (z >= T(0))
                return T(1) / (T(1) + polynomial_exp::exp(-z));
            const T e = polynomial_exp::exp(z);
            return e / (T(1) + e);
        }
        if (z >= T(0))
            return T(1) / (T(1) + std::exp(-z));
        const T e = std::exp(z);
        return e / (T(1) + e);
    }
};

} // namespace ctnn
