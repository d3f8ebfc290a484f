// ctnn/loss.hpp: the `loss` concept and the losses ctnn ships (half_sum_squares,
// mean_squared_error).
#pragma once

#include <concepts>
#include <cstddef>
#include <span>

namespace ctnn {

// A loss is a stateless type that scores a batch of network outputs against targets, both
// row-major with Batch rows of Width values:
//
//   L::template value<Batch, Width>(out, target)             -> the loss
//   L::template gradient<Batch, Width>(out, target, grad)    -> the loss, and writes
//                                                               grad = dLoss/dout
//
// with out and target as std::span<const T, Batch * Width> and grad as std::span<T, ...>.
// The loss of a batch is one number: how it combines samples (sum or mean) is the loss's choice,
// and the gradient must be the exact derivative of that number.
template <class L, class T>
concept loss = std::floating_point<T> &&
               requires(std::span<const T, 6> out, std::span<const T, 6> target,
                        std::span<T, 6> grad) {
                   { L::template value<2, 3>(out, target) } -> std::same_as<T>;
                   { L::template gradient<2, 3>(out, target, grad) } -> std::same_as<T>;
               };

// The tutorial's loss: E = sum over the batch and the outputs of 0.5 (o - t)^2.
// dE/do = o - t. Not averaged: the gradient grows with the batch size.
struct half_sum_squares {
    template <std::size_t Batch, std::size_t Width, class T>
    static constexpr T value(std::span<const T, Batch * Width> out,
                             std::span<const T, Batch * Width> target) noexcept
    {
        T sum = 0;
        for (std::size_t k = 0; k < Batch * Width; ++k) {
            const T e = out[k] - target[k];
            sum += T(0.5) * e * e;
        }
        return sum;
    }

    template <std::size_t Batch, std::size_t Width, class T>
    static constexpr T gradient(std::span<const T, Batch * Width> out,
                                std::span<const T, Batch * Width> target,
                                std::span<T, Batch * Width> grad) noexcept
    {
        T sum = 0;
        for (std::size_t k = 0; k < Batch * Width; ++k) {
            const T e = out[k] - target[k];
            sum += T(0.5) * e * e;
            grad[k] = e;
        }
        return sum;
    }
};

// Mean squared error: E = (1 / (Batch * Width)) * sum of (o - t)^2, the mean over every output
// of every sample (as Keras and PyTorch's default reduction compute it).
// dE/do = 2 (o - t) / (Batch * Width).
struct mean_squared_error {
    template <std::size_t Batch, std::size_t Width, class T>
    static constexpr T value(std::span<const T, Batch * Width> out,
                             std::span<const T, Batch * Width> target) noexcept
    {
        T sum = 0;
        for (std::size_t k = 0; k < Batch * Width; ++k) {
            const T e = out[k] - target[k];
            sum += e * e;
        }
        return sum / T(Batch * Width);
    }

    template <std::size_t Batch, std::size_t Width, class T>
    static constexpr T gradient(std::span<const T, Batch * Width> out,
                                std::span<const T, Batch * Width> target,
                                std::span<T, Batch * Width> grad) noexcept
    {
        constexpr T scale = T(2) / T(Batch * Width);
        T sum = 0;
        for (std::size_t k = 0; k < Batch * Width; ++k) {
            const T e = out[k] - target[k];
            sum += e * e;
            grad[k] = scale * e;
        }
        return sum / T(Batch * Width);
    }
};

} // namespace ctnn
