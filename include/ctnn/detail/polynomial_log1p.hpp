// ctnn/detail/polynomial_log1p.hpp: log(1 + e) for e in [0, 1], branch-free and constexpr: the
// log1p in softplus's max(z, 0) + log1p(exp(-|z|)), whose argument is always in that interval.
#pragma once

#include <concepts>

#include <ctnn/detail/branch_free.hpp>

namespace ctnn::detail {

// 1 + e = 2^k (1 + f) with f exact: k = 0 and f = e for e < 1/2; k = 1 and f = (e - 1) / 2 for
// e >= 1/2 (e - 1 is exact there, by Sterbenz's lemma). So f is in [-1/4, 1/2), and
//   log(1 + f) = 2 atanh(s) = f - (f^2/2 - s (f^2/2 + R(s^2))),   s = f / (2 + f), |s| <= 1/5,
// fdlibm's form, in which f carries the result and s only small corrections. R(z) = 2 atanh(s)/s
// - 2 by a minimax polynomial in z = s^2 (Remez, weighted by the relative error of log(1 + f)):
// 0.012 ulp (double, degree 8) and 0.0012 ulp (float, degree 4) on |s| <= 1/5. Where k = 1,
// ln2 is added in two parts, the larger last. Within 1 ulp of log1p(e) in double and float
// (tests/unit/activation_accuracy_test.cpp, through softplus). NaN gives NaN; log1p(+0) = +0.
template <std::floating_point T>
constexpr T log1p_unit_interval(T e) noexcept
{
    const float_uint<T> upper = mask<T>(e >= T(0.5));
    const T f = select(upper, (e - T(1)) * T(0.5), e);
    const T s = f / (T(2) + f);
    const T z = s * s;
    const T z2 = z * z;
    T tail; // R(z) / z
    T ln2_hi;
    T ln2_lo;
    if constexpr (sizeof(T) == sizeof(double)) {
        const T z4 = z2 * z2;
        tail = (0.66666666666666665 + z * 0.40000000000009412) +
               z2 * (0.2857142856482988 + z * 0.22222223590756226) +
               z4 * ((0.18181691795058477 + z * 0.15390687327053852) +
                     z2 * (0.13175385619158174 + z * 0.13857662719131164));
        ln2_hi = 6.93147180369123816490e-01; // fdlibm's split of ln2
        ln2_lo = 1.90821492927058770002e-10;
    }
    else {
        tail = (0.666666654f + z * 0.40000727f) + z2 * (0.285070598f + z * 0.241493399f);
        ln2_hi = 6.9313812256e-01f;
        ln2_lo = 9.0580006145e-06f;
    }
    const T r = z * tail;
    const T half_f2 = T(0.5) * f * f;
    return select_or_zero(upper, ln2_hi) -
           ((half_f2 - (s * (half_f2 + r) + select_or_zero(upper, ln2_lo))) - f);
}

} // namespace ctnn::detail
