// ctnn/detail/constexpr_activation_math.hpp: expm1, log1p and tanh for constant expressions, where
// <cmath> is not constexpr, computed in double from + - * /, ctnn::polynomial_exp and
// detail::constexpr_log, and rounded to T once. The activations no longer use them: tanh, elu and
// softplus now run the same branch-free code in constant expressions as at run time
// (ctnn/exp.hpp's expm1, detail/polynomial_log1p.hpp). Only tests/constexpr/math.cpp still
// measures these against <cmath>; they can go with those tests.
#pragma once

#include <limits>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/exp.hpp>

namespace ctnn::detail {

// exp(x) - 1 without the cancellation of the naive form near 0: for |x| < 1/2 the Taylor series
// x (1 + x/2 (1 + x/3 (...))) to x^18 (the next term is below 2^-70 relative); elsewhere
// exp(x) - 1, whose result is at least 0.39 in size, so the subtraction loses under a bit.
constexpr double constexpr_expm1(double x) noexcept
{
    if (x != x)
        return x;
    if (x < -0.5 || x > 0.5)
        return polynomial_exp::exp(x) - 1.0;
    double sum = 1.0;
    for (int n = 18; n >= 2; --n)
        sum = 1.0 + x / n * sum;
    return x * sum;
}

// log(1 + x) for x > -1: u = 1 + x rounds, and log(u) * x / (u - 1) corrects for that rounding
// (Goldberg, "What every computer scientist should know about floating-point arithmetic").
constexpr double constexpr_log1p(double x) noexcept
{
    const double u = 1.0 + x;
    if (u == 1.0)
        return x; // |x| below half an ulp of 1: log1p(x) = x to double precision
    if (u == std::numeric_limits<double>::infinity())
        return u;
    return constexpr_log(u) * x / (u - 1.0);
}

// tanh(z) = expm1(2z) / (expm1(2z) + 2), exact in sign and accurate near 0; |z| > 20 gives +-1,
// as tanh(20) rounds to 1 in double.
constexpr double constexpr_tanh(double z) noexcept
{
    if (z != z)
        return z;
    if (z > 20.0)
        return 1.0;
    if (z < -20.0)
        return -1.0;
    const double e = constexpr_expm1(2.0 * z);
    return e / (e + 2.0);
}

} // namespace ctnn::detail
