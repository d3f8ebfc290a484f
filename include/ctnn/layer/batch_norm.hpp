// ctnn/layer/batch_norm.hpp: `batch_norm`, PyTorch's nn.BatchNorm1d over the layer's width. While
// training, each unit is normalised with the batch's mean and biased variance (eps 1e-5), then
// scaled by a learnable gain and shifted by a learnable shift (PyTorch's weight and bias, which
// start at 1 and 0); after each step that training keeps, the running mean and variance move
// towards the batch's (momentum 0.1; the running variance takes the unbiased batch variance, as
// PyTorch does, and is left alone for a batch of one sample, whose unbiased variance does not
// exist). When inferring, the running mean and variance are used. They are running state: saved,
// loaded and baked with the network, never touched by the optimiser.
//
//   ctnn::sequential<ctnn::options<float>, ctnn::input<8>, ctnn::dense<32, ctnn::identity>,
//                    ctnn::batch_norm, ctnn::dense<1, ctnn::identity>>
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/layer/normalization.hpp>

namespace ctnn {

template <class Scalar, std::size_t Width>
struct batch_norm_layer;

struct batch_norm {
    template <class Options, std::size_t In>
    using resolve = batch_norm_layer<typename Options::scalar_type, In>;

    static constexpr std::string_view source = "ctnn::batch_norm";
};

template <class Scalar, std::size_t Width>
struct batch_norm_layer {
    using scalar_type = Scalar;
    static constexpr std::size_t in_size = Width;
    static constexpr std::size_t out_size = Width;
    static constexpr double momentum = 0.1; // PyTorch's default

    static constexpr std::string_view kind = "batch_norm";
    static constexpr std::array<parameter_block, 4> blocks{
        parameter_block{"gain", 1, Width, true, block_init::one},
        parameter_block{"shift", 1, Width, true, block_init::zero},
        parameter_block{"running_mean", 1, Width, false, block_init::zero},
        parameter_block{"running_var", 1, Width, false, block_init::one}};
    static constexpr std::string_view file_name = "batch_norm";
    // Inferring, a sample: a subtract and a multiply (by 1 / sqrt(running_var + eps)), and the
    // affine map, 4 a value, and a square root a unit. Backward: as layer_norm's.
    static constexpr std::size_t forward_flops = 4 * Width;
    static constexpr std::size_t backward_flops = 3 * Width;
    static constexpr std::size_t input_gradient_flops = 8 * Width;
    static constexpr std::size_t transcendentals = Width;

    // The batch's mean, biased variance and 1 / sqrt(variance + eps), a unit each.
    template <std::size_t Batch>
    static constexpr std::size_t scratch_size = 3 * Width;

    // saved holds xhat, the normalised values (training).
    template <std::size_t Rows, class Context>
    static constexpr void forward(const layer_buffers<Scalar>& b, Context&) noexcept
    {
        const Scalar* gain = b.params;
        const Scalar* shift = b.params + Width;
        const std::size_t rows = Rows ? Rows : b.rows;
        const Scalar eps = static_cast<Scalar>(detail::normalization_eps);
        for (std::size_t k = 0; k < Width; ++k) {
            Scalar mean;
            Scalar inv_std;
            if constexpr (Context::training) {
                const detail::moments<Scalar> m = detail::measure(b.x + k, rows, Width);
                b.scratch[k] = mean = m.mean;
                b.scratch[Width + k] = m.variance;
                b.scratch[2 * Width + k] = inv_std = m.inv_std;
            }
            else {
                mean = b.state[k];
                inv_std = Scalar(1) / detail::constexpr_sqrt(b.state[Width + k] + eps);
            }
            for (std::size_t s = 0; s < rows; ++s) {
                const Scalar xhat = (b.x[s * Width + k] - mean) * inv_std;
                if constexpr (Context::training)
                    b.saved[s * Width + k] = xhat;
                b.y[s * Width + k] = gain[k] * xhat + shift[k];
            }
        }
    }

    template <std::size_t Rows, bool ApplyActivation, bool InputGradient>
    static constexpr void backward(const layer_buffers<Scalar>& b, Scalar* delta, Scalar* grad,
                                   Scalar* dx) noexcept
    {
        const std::size_t rows = Rows ? Rows : b.rows;
        detail::affine_gradient(delta, b.saved, grad, rows, Width);
        if constexpr (InputGradient) {
            for (std::size_t k = 0; k < Width; ++k) {
                const Scalar g = b.params[k];
                detail::normalization_gradient(b.saved + k, delta + k, dx + k, rows, Width,
                                               b.scratch[2 * Width + k],
                                               [g](std::size_t) { return g; });
            }
        }
    }

    // running = (1 - momentum) running + momentum batch, the variance unbiased (n / (n - 1)).
    static constexpr void update_state(Scalar* state, const layer_buffers<Scalar>& b) noexcept
    {
        const Scalar m = static_cast<Scalar>(momentum);
        const Scalar keep = static_cast<Scalar>(1 - momentum);
        const Scalar n = static_cast<Scalar>(b.rows);
        for (std::size_t k = 0; k < Width; ++k) {
            state[k] = keep * state[k] + m * b.scratch[k];
            if (b.rows > 1)
                state[Width + k] =
                    keep * state[Width + k] + m * (b.scratch[Width + k] * n / (n - Scalar(1)));
        }
    }
};

} // namespace ctnn
