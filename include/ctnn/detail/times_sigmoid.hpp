// ctnn/detail/times_sigmoid.hpp: x sigmoid(y) = x / (1 + exp(-y)) in double, to within 2 ulp and
// branch-free, for the activations that are a value times a logistic sigmoid (silu, gelu_tanh),
// and the sigmoid pair their derivatives take.
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

// sigmoid(y) and 1 - sigmoid(y) = sigmoid(-y), both from e = exp(-|y|) and neither by a
// subtraction (silu's and gelu_tanh's derivatives).
template <class T>
struct sigmoid_pair {
    T s;
    T one_minus_s;
};

template <class T>
constexpr sigmoid_pair<T> sigmoid_and_complement(T y, T e) noexcept
{
    const float_uint<T> non_negative = mask<T>(y >= T(0));
    return {select(non_negative, T(1), e) / (T(1) + e), select(non_negative, e, T(1)) / (T(1) + e)};
}

} // namespace ctnn::detail
