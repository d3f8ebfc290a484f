// ctnn/detail/constexpr_erfc.hpp: the complementary error function erfc(t) = 1 - erf(t) in
// double, for constant expressions (std::erfc is not constexpr): gelu's compile-time path.
#pragma once

#include <ctnn/detail/exact_product.hpp>
#include <ctnn/exp.hpp>

namespace ctnn::detail {

// exp(-t^2), t^2 carried as a sum of two doubles: exp multiplies t^2's rounding error (up to
// 0.5 ulp of t^2, some 2^-47 at t = 26) into its own relative error.
constexpr double exp_minus_square(double t) noexcept
{
    const auto [t2, t2_error] = exact_product(t, t);
    return polynomial_exp::exp(-t2) * (1.0 - t2_error);
}

// f = t + (1/2) / (t + 1 / (t + (3/2) / ...)), so that erfc(t) = exp(-t^2) / (sqrt(pi) f), for
// t >= 0.5, evaluated from depth K up, which is stable; K = 60 + 300 / t^2 levels leave its
// truncation below 2^-53 for every t >= 0.5 (1,260 at 0.5; measured against the C library,
// 1,000 suffice there, 200 at t = 1, 50 at t = 2).
constexpr double erfc_continued_fraction(double t) noexcept
{
    const int depth = 60 + static_cast<int>(300.0 / (t * t));
    double f = t;
    for (int k = depth; k >= 1; --k)
        f = t + 0.5 * k / f;
    return f;
}

// exp(-t^2) 2^128, for t in [20, 33] where exp(-t^2) alone is subnormal or nearly: -t^2 + 128
// ln2_hi is exact there (t^2's ulp is 2^-43 or 2^-42, ln2_hi has 32 significant bits and the sum
// stays below 2^10), then the two small corrections.
constexpr double exp_minus_square_times_2_128(double t) noexcept
{
    constexpr double ln2_hi = 6.93147180369123816490e-01; // fdlibm's split of ln2
    constexpr double ln2_lo = 1.90821492927058770002e-10;
    const auto [t2, t2_error] = exact_product(t, t);
    return polynomial_exp::exp(-t2 + 128 * ln2_hi) * polynomial_exp::exp(128 * ln2_lo) *
           (1.0 - t2_error);
}

// erfc(t), within a few ulp of the C library's (tests/unit/gelu_test.cpp measures it). Three
// ways, as each converges without cancellation:
//   |t| < 0.5   1 - erf(t), erf from its Maclaurin series (alternating, |t| small);
//   t >= 0.5    exp(-t^2) / sqrt(pi) times the continued fraction 1 / (t + (1/2) / (t + 1 /
//               (t + (3/2) / (t + ...)))), evaluated from a fixed depth up;
//   t <= -0.5   2 - erfc(-t).
// erfc(t) is +0 past t = 27.3 (below half the smallest subnormal), 2 below -6; NaN gives NaN.
// Slow (up to 1,260 steps near t = 0.5): for constant expressions, not for loops.
constexpr double constexpr_erfc(double t) noexcept
{
    if (t != t)
        return t;
    if (t < -0.5)
        return 2.0 - constexpr_erfc(-t);
    if (t > 27.3)
        return 0.0;
    constexpr double two_over_sqrt_pi = 1.1283791670955126;
    if (t < 0.5) {
        // erf(t) = 2/sqrt(pi) sum (-1)^n t^(2n+1) / (n! (2n+1))
        const double t2 = t * t;
        double power = t; // (-1)^n t^(2n+1) / n!
        double sum = t;
        for (int n = 1; n < 40; ++n) {
            power *= -t2 / n;
            const double term = power / (2 * n + 1);
            if (sum + term == sum)
                break;
            sum += term;
        }
        return 1.0 - two_over_sqrt_pi * sum;
    }
    return 0.5 * two_over_sqrt_pi * exp_minus_square(t) / erfc_continued_fraction(t);
}

} // namespace ctnn::detail
