// ctnn/detail/times_sigmoid.hpp: x sigmoid(y) = x / (1 + exp(-y)) in double, to within 2 ulp and
// branch-free, for the activations that are a value times a logistic sigmoid (silu, gelu_tanh),
// and the form their derivatives take.
#pragma once

#include <bit>
#include <cstdint>
#include <type_traits>

#include <ctnn/detail/branch_free.hpp>
#include <ctnn/exp.hpp>

namespace ctnn::detail {

// x / (1 + exp(-(y + y_lo))), with y_lo a correction far below an ulp of y (the rounding error of
// y, where the caller knows it; 0 otherwise). exp(-y) is formed as polynomial_exp forms it,
// 2^n (1 + q) with |q| < 0.42 (the correction folded into q to first order), and then:
//   y >= 0 (n <= 0):  x / (1 + (1 + q) 2^n), where exp(-y) <= 1 damps its own error;
//   y <  0 (n >= 0):  (x / (1 + (2^-n + q))) 2^-n, so that 1 + q is never rounded on its own,
//                     nothing overflows, and 2^-n, applied last in two factors, rounds at most
//                     once, where the result is subnormal. exp(-y) overflows below y = -709 and
//                     x exp(y) would lose up to 52 bits where exp(y) is subnormal and the result
//                     is not; this form has neither problem.
// Within 2 ulp of the correctly rounded result where y is exact (tests/unit: silu, gelu_tanh).
// Beyond |y| = 800 the sigmoid is 1 or 0: the result is x or a zero of x's sign. NaN in x or y
// gives NaN.
constexpr double times_sigmoid(double x, double y, double y_lo) noexcept
{
    using U = std::uint64_t;
    const U negative = mask<double>(y < 0.0);
    const U saturated = mask<double>(bit_abs(y) > 800.0);
    const double a = select(saturated, 0.0, -y); // in range for the reduction; NaN stays
    const auto [n, k, r, r_hi, r_lo] = reduce_exp(a);
    const double r2 = r * r;
    const double q0 = r + r2 * exp_taylor_tail(r, r2);
    const double q = q0 - (y_lo + y_lo * q0); // (1 + q0)(1 - y_lo) - 1
    constexpr double shifter = round_shifter<double>;
    const U k1 = std::bit_cast<U>(n * 0.5 + shifter) - std::bit_cast<U>(shifter);
    const U k2 = k - k1;
    const double inverse1 = pow2(U(0) - k1); // 2^-n in two factors, for y < 0
    const double inverse2 = pow2(U(0) - k2);
    const auto at_least_zero_denominator = [&] {
        return 1.0 + ((1.0 + q) * pow2(k1)) * pow2(k2);
    };
    const auto below_zero_denominator = [&] { return 1.0 + (inverse1 * inverse2 + q); };
    const double saturated_value = select(negative, bit_copysign(0.0, x), x);
    if (std::is_constant_evaluated()) {
        // The half not chosen overflows, which constant evaluation refuses.
        if (saturated != 0)
            return saturated_value;
        if (negative != 0)
            return (x / below_zero_denominator()) * inverse1 * inverse2;
        return x / at_least_zero_denominator();
    }
    // One division: the denominator is chosen, and so is the scale after it (1 for y >= 0,
    // exact), giving the same bits as the two forms above.
    const double quotient =
        x / select(negative, below_zero_denominator(), at_least_zero_denominator());
    return select(saturated, saturated_value,
                  quotient * select(negative, inverse1, 1.0) * select(negative, inverse2, 1.0));
}

// s (1 + m (1 - s)) with s = sigmoid(y + y_lo), the form of silu's derivative (m = z) and
// gelu_tanh's (m = z y'(z)), branch-free on the exp policy Exp, in T. Neither s nor 1 - s is
// formed by a subtraction: with e = exp(-|y|) and d = 1 + e,
//   y >= 0:  (1 + m e / d) / d
//   y <  0:  e (1 + m / d) / d,
// y_lo (a correction far below an ulp of y, 0 if y is exact) entering as exp(-|y + y_lo|) =
// e (1 -+ y_lo). Past |y| = K ln2_hi (K = 32 in float, 64 in double) e is taken scaled by 2^K,
// and a result for y < 0 scaled back last, so that where e is subnormal but the result is not
// (float from y = -87.3, double from -708.4) e keeps its digits and the result rounds once:
// there K ln2_hi - |y| is exact (ln2_hi has 9 significant bits in float and 32 in double, and
// the difference is smaller than |y|; closer to 0 it would round, hence the switch), and
// exp(K ln2_lo) is a constant.
template <class Exp, class T>
constexpr T sigmoid_times_one_plus(T y, T y_lo, T m) noexcept
{
    constexpr bool is_double = sizeof(T) == sizeof(double);
    constexpr T k = is_double ? T(64) : T(32);
    constexpr T ln2_hi = is_double ? T(6.93147180369123816490e-01) : T(0.693359375f);
    constexpr T ln2_lo = is_double ? T(1.90821492927058770002e-10) : T(-2.12194440e-4f);
    constexpr T scale_down = is_double ? T(0x1p-64) : T(0x1p-32f);
    constexpr T exp_k_ln2_lo = polynomial_exp::exp(k * ln2_lo);
    const T abs_y = bit_abs(y);
    const float_uint<T> negative = mask<T>(y < T(0));
    const float_uint<T> scaled = mask<T>(abs_y > k * ln2_hi);
    const T up = select(scaled, exp_k_ln2_lo, T(1));
    const T down = select(scaled, scale_down, T(1));
    const T e_scaled = Exp::exp(select_or_zero(scaled, k * ln2_hi) - abs_y) *
                       (up - up * select(negative, -y_lo, y_lo));
    const T e = e_scaled * down;
    const T d = T(1) + e;
    const T at_least_zero = (T(1) + m * (e / d)) / d;
    const T below_zero = (e_scaled * (T(1) + m / d) / d) * down;
    return select(negative, below_zero, at_least_zero);
}

} // namespace ctnn::detail
