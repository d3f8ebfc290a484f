// ctnn/detail/exact_product.hpp: a double product and its rounding error, p + e = a b exactly, for
// the activations that carry an argument to more than double's precision (gelu_tanh).
#pragma once

#include <type_traits>

namespace ctnn::detail {

struct double_product {
    double p; // a b rounded
    double e; // a b - p, exactly
};

// With a fused multiply-add in hardware, e = fma(a, b, -p). Without one (baseline x86-64, where
// std::fma is a library call a loop cannot vectorise) and in constant expressions, Dekker's
// product on Veltkamp's halves: exact while |a| and |b| stay below 2^995 (the split's 2^27 + 1
// would overflow above) and a b does not underflow; garbage (possibly NaN) otherwise.
constexpr double_product exact_product(double a, double b) noexcept
{
    const double p = a * b;
#if defined(__FMA__) || defined(__FP_FAST_FMA) || defined(__ARM_FEATURE_FMA)
    if (!std::is_constant_evaluated())
        return {p, __builtin_fma(a, b, -p)};
#endif
    constexpr double splitter = 134217729.0; // 2^27 + 1
    const double ta = splitter * a;
    const double a_hi = ta - (ta - a);
    const double a_lo = a - a_hi;
    const double tb = splitter * b;
    const double b_hi = tb - (tb - b);
    const double b_lo = b - b_hi;
    return {p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo};
}

} // namespace ctnn::detail
