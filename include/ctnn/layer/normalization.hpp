// ctnn/layer/normalization.hpp: the arithmetic layer_norm and batch_norm share: normalising n
// values (a row of a sample, or a unit's column over a batch) to zero mean and unit variance, and
// the gradient back through that normalisation. One place, so the two layers cannot drift apart.
#pragma once

#include <cstddef>

#include <ctnn/detail/constexpr_math.hpp>

namespace ctnn::detail {

// PyTorch's default for nn.LayerNorm and nn.BatchNorm1d.
inline constexpr double normalization_eps = 1e-5;

template <class T>
struct moments {
    T mean;
    T variance; // biased: divided by n, as both layers normalise with
    T inv_std;  // 1 / sqrt(variance + eps)
};

// The mean and biased variance of x[0], x[stride], ..., x[(n-1) stride] (two passes: the mean,
// then the squared deviations from it, as PyTorch computes them), and 1 / sqrt(variance + eps).
template <class T>
constexpr moments<T> measure(const T* x, std::size_t n, std::size_t stride) noexcept
{
    T sum = 0;
    for (std::size_t k = 0; k < n; ++k)
        sum += x[k * stride];
    const T mean = sum / static_cast<T>(n);
    T squares = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const T d = x[k * stride] - mean;
        squares += d * d;
    }
    const T variance = squares / static_cast<T>(n);
    return {mean, variance,
            T(1) / constexpr_sqrt(variance + static_cast<T>(normalization_eps))};
}

// dLoss/dx for xhat = (x - mean) * inv_std over n values (stride apart), given dLoss/dxhat as
// delta[k] * gain(k):
//   dx = inv_std / n * (n dxhat - sum(dxhat) - xhat sum(dxhat xhat))
template <class T, class Gain>
constexpr void normalization_gradient(const T* xhat, const T* delta, T* dx, std::size_t n,
                                      std::size_t stride, T inv_std, Gain gain) noexcept
{
    T sum = 0;
    T dot = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const T d = delta[k * stride] * gain(k);
        sum += d;
        dot += d * xhat[k * stride];
    }
    const T count = static_cast<T>(n);
    const T scale = inv_std / count;
    for (std::size_t k = 0; k < n; ++k) {
        const T d = delta[k * stride] * gain(k);
        dx[k * stride] = scale * (count * d - sum - xhat[k * stride] * dot);
    }
}

// The affine map's gradients, gain then shift, over `rows` rows of width values:
//   dLoss/dgain[k] = sum over rows of delta xhat,  dLoss/dshift[k] = sum over rows of delta.
template <class T>
constexpr void affine_gradient(const T* delta, const T* xhat, T* grad, std::size_t rows,
                               std::size_t width) noexcept
{
    T* grad_gain = grad;
    T* grad_shift = grad + width;
    for (std::size_t k = 0; k < width; ++k)
        grad_gain[k] = grad_shift[k] = T(0);
    for (std::size_t s = 0; s < rows; ++s)
        for (std::size_t k = 0; k < width; ++k) {
            grad_gain[k] += delta[s * width + k] * xhat[s * width + k];
            grad_shift[k] += delta[s * width + k];
        }
}

} // namespace ctnn::detail
