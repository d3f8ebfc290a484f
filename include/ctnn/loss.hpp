// ctnn/loss.hpp: the `loss` concept and the losses ctnn ships: half_sum_squares (the tutorial's),
// mean_squared_error, binary_cross_entropy (on a sigmoid output) and categorical_cross_entropy
// (on a softmax output).
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <type_traits>

#include <ctnn/activation/sigmoid.hpp>
#include <ctnn/activation/softmax.hpp>
#include <ctnn/detail/constexpr_math.hpp>

namespace ctnn {

// How a loss combines the samples of a batch: their sum, or their mean (so that a dataset's loss
// can be put together from its minibatches' losses).
enum class reduction { sum, mean };

// A loss is a stateless type that scores `rows` network outputs against targets, both row-major
// with Width values a row (out.size() == target.size() == rows * Width):
//
//   L::reduction                                          ctnn::reduction::sum or ::mean
//   L::template value<Width>(out, target, rows)           -> the loss of the batch
//   L::template gradient<Width>(out, target, grad, rows)  -> the loss, and writes grad
//
// with out, target as std::span<const T> and grad as std::span<T>. grad is dLoss/dout, the exact
// derivative of the returned number; except for a fused loss, which declares
//   using fused_activation = A;   // e.g. ctnn::sigmoid
// and then writes dLoss/dz, the gradient with respect to the output layer's pre-activation,
// where the output layer's activation must be A. Cross-entropy does this: its fused gradient,
// a - t, is both cheaper and numerically stabler than the chain rule through the activation.
template <class L, class T>
concept loss = std::floating_point<T> &&
               requires(std::span<const T> out, std::span<const T> target, std::span<T> grad,
                        std::size_t rows) {
                   { L::reduction } -> std::convertible_to<reduction>;
                   { L::template value<3>(out, target, rows) } -> std::same_as<T>;
                   { L::template gradient<3>(out, target, grad, rows) } -> std::same_as<T>;
               };

namespace detail {

template <class L>
concept fused_loss = requires { typename L::fused_activation; };

// The probability clamp for logarithms: log(0) would be -inf. 1e-7 for float (as Keras) and
// 1e-15 for double keep every loss finite; the fused gradients need no clamp.
template <class T>
constexpr T probability_floor() noexcept
{
    return std::is_same_v<T, float> ? T(1e-7) : T(1e-15);
}

template <class T>
constexpr T clamp_probability(T p) noexcept
{
    constexpr T low = probability_floor<T>();
    return p < low ? low : (p > T(1) - low ? T(1) - low : p);
}

// std::log at run time; in constant expressions, where it is not constexpr,
// detail::constexpr_log (within an ulp, in double, rounded to T once), so that the cross-entropies
// train in the compiler too.
template <class T>
constexpr T natural_log(T x) noexcept
{
    if (std::is_constant_evaluated())
        return static_cast<T>(constexpr_log(static_cast<double>(x)));
    return std::log(x);
}

// The sum of term(0) .. term(n - 1). From 16 terms on, in 8 independent partial sums added at the
// end: one running sum is a chain of dependent additions (3 to 4 cycles each) that holds up a
// small network's whole training step, where partial sums overlap. Fewer terms (the tutorial's
// 4) are summed in order, as NumPy sums them.
template <class T, class Term>
constexpr T sum_of(std::size_t n, Term&& term) noexcept
{
    constexpr std::size_t lanes = 8;
    const std::size_t whole = n >= 2 * lanes ? n / lanes * lanes : 0;
    T part[lanes]{};
    for (std::size_t k = 0; k < whole; k += lanes)
        for (std::size_t l = 0; l < lanes; ++l)
            part[l] += term(k + l);
    T sum = 0;
    if (whole > 0)
        for (std::size_t l = 0; l < lanes; ++l)
            sum += part[l];
    for (std::size_t k = whole; k < n; ++k)
        sum += term(k);
    return sum;
}

} // namespace detail

// The tutorial's loss: E = sum over the batch and the outputs of 0.5 (o - t)^2.
// dE/do = o - t. A sum, not a mean: the gradient grows with the batch size.
struct half_sum_squares {
    static constexpr ctnn::reduction reduction = ctnn::reduction::sum;

    template <std::size_t Width, class T>
    static constexpr T value(std::span<const T> out, std::span<const T> target,
                             std::size_t rows) noexcept
    {
        return detail::sum_of<T>(rows * Width, [&](std::size_t k) {
            const T e = out[k] - target[k];
            return T(0.5) * e * e;
        });
    }

    template <std::size_t Width, class T>
    static constexpr T gradient(std::span<const T> out, std::span<const T> target,
                                std::span<T> grad, std::size_t rows) noexcept
    {
        return detail::sum_of<T>(rows * Width, [&](std::size_t k) {
            const T e = out[k] - target[k];
            grad[k] = e;
            return T(0.5) * e * e;
        });
    }
};

// Mean squared error: E = (1 / (rows * Width)) * sum of (o - t)^2, the mean over every output
// of every sample (as Keras and PyTorch's default reduction compute it).
// dE/do = 2 (o - t) / (rows * Width).
struct mean_squared_error {
    static constexpr ctnn::reduction reduction = ctnn::reduction::mean;

    template <std::size_t Width, class T>
    static constexpr T value(std::span<const T> out, std::span<const T> target,
                             std::size_t rows) noexcept
    {
        const T sum = detail::sum_of<T>(rows * Width, [&](std::size_t k) {
            const T e = out[k] - target[k];
            return e * e;
        });
        return sum / static_cast<T>(rows * Width);
    }

    template <std::size_t Width, class T>
    static constexpr T gradient(std::span<const T> out, std::span<const T> target,
                                std::span<T> grad, std::size_t rows) noexcept
    {
        const T scale = T(2) / static_cast<T>(rows * Width);
        const T sum = detail::sum_of<T>(rows * Width, [&](std::size_t k) {
            const T e = out[k] - target[k];
            grad[k] = scale * e;
            return e * e;
        });
        return sum / static_cast<T>(rows * Width);
    }
};

// Binary cross-entropy for sigmoid outputs and targets in [0, 1]:
// E = -(1 / (rows * Width)) * sum of t log(o) + (1 - t) log(1 - o), with o clamped away from 0
// and 1. Fused with the sigmoid: writes dE/dz = (o - t) / (rows * Width).
struct binary_cross_entropy {
    static constexpr ctnn::reduction reduction = ctnn::reduction::mean;
    using fused_activation = sigmoid;

    template <std::size_t Width, class T>
    static constexpr T value(std::span<const T> out, std::span<const T> target,
                             std::size_t rows) noexcept
    {
        T sum = 0;
        for (std::size_t k = 0; k < rows * Width; ++k) {
            // o and 1 - o clamped each: clamping o alone would leave 1 - o at 1 - (1 - floor)
            // as rounded, which in float is 2^-23, not the floor.
            const T o = detail::clamp_probability(out[k]);
            const T not_o = detail::clamp_probability(T(1) - out[k]);
            sum -= target[k] * detail::natural_log(o) +
                   (T(1) - target[k]) * detail::natural_log(not_o);
        }
        return sum / static_cast<T>(rows * Width);
    }

    template <std::size_t Width, class T>
    static constexpr T gradient(std::span<const T> out, std::span<const T> target,
                                std::span<T> grad, std::size_t rows) noexcept
    {
        const T scale = T(1) / static_cast<T>(rows * Width);
        for (std::size_t k = 0; k < rows * Width; ++k)
            grad[k] = scale * (out[k] - target[k]);
        return value<Width>(out, target, rows);
    }
};

// Categorical cross-entropy for softmax outputs and targets that are probability rows (one-hot
// labels, or any rows summing to 1): E = -(1 / rows) * sum over samples and classes of
// t log(o), o clamped away from 0. Fused with softmax: writes dE/dz = (o - t) / rows.
struct categorical_cross_entropy {
    static constexpr ctnn::reduction reduction = ctnn::reduction::mean;
    using fused_activation = softmax;

    template <std::size_t Width, class T>
    static constexpr T value(std::span<const T> out, std::span<const T> target,
                             std::size_t rows) noexcept
    {
        T sum = 0;
        for (std::size_t k = 0; k < rows * Width; ++k)
            if (target[k] != T(0))
                sum -= target[k] * detail::natural_log(detail::clamp_probability(out[k]));
        return sum / static_cast<T>(rows);
    }

    template <std::size_t Width, class T>
    static constexpr T gradient(std::span<const T> out, std::span<const T> target,
                                std::span<T> grad, std::size_t rows) noexcept
    {
        const T scale = T(1) / static_cast<T>(rows);
        for (std::size_t k = 0; k < rows * Width; ++k)
            grad[k] = scale * (out[k] - target[k]);
        return value<Width>(out, target, rows);
    }
};

} // namespace ctnn
