// ctnn/layer/layer_norm.hpp: `layer_norm`, PyTorch's nn.LayerNorm over the layer's width: each
// sample's values are normalised to zero mean and unit (biased) variance, eps 1e-5, then scaled
// by a learnable gain and shifted by a learnable shift (PyTorch's weight and bias, which start at
// 1 and 0). The same in training and inference.
//
//   ctnn::sequential<ctnn::options<float>, ctnn::input<8>, ctnn::dense<32, ctnn::identity>,
//                    ctnn::layer_norm, ctnn::dense<1, ctnn::identity>>
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ctnn/layer/concept.hpp>
#include <ctnn/layer/normalization.hpp>

namespace ctnn {

template <class Scalar, std::size_t Width>
struct layer_norm_layer;

struct layer_norm {
    template <class Options, std::size_t In>
    using resolve = layer_norm_layer<typename Options::scalar_type, In>;

    static constexpr std::string_view source = "ctnn::layer_norm";
};

template <class Scalar, std::size_t Width>
struct layer_norm_layer {
    using scalar_type = Scalar;
    static constexpr std::size_t in_size = Width;
    static constexpr std::size_t out_size = Width;

    static constexpr std::string_view kind = "layer_norm";
    static constexpr std::array<parameter_block, 2> blocks{
        parameter_block{"gain", 1, Width, true, block_init::one},
        parameter_block{"shift", 1, Width, true, block_init::zero}};
    static constexpr std::string_view file_name = "layer_norm";
    // A sample: the mean (an add a value), the variance (a subtract, a multiply and an add), the
    // normalisation (a subtract and a multiply) and the affine map (a multiply and an add), 7 a
    // value, and one square root. Backward: the gain's and shift's gradients (3 a value) and the
    // input's (dxhat, two sums and the formula: about 8 a value).
    static constexpr std::size_t forward_flops = 7 * Width;
    static constexpr std::size_t backward_flops = 3 * Width;
    static constexpr std::size_t input_gradient_flops = 8 * Width;
    static constexpr std::size_t transcendentals = 1;

    // Each sample's 1 / sqrt(variance + eps), for backward.
    template <std::size_t Batch>
    static constexpr std::size_t scratch_size = Batch;

    // saved holds xhat, the normalised values.
    template <std::size_t Rows, class Context>
    static constexpr void forward(const layer_buffers<Scalar>& b, Context&) noexcept
    {
        const Scalar* gain = b.params;
        const Scalar* shift = b.params + Width;
        const std::size_t rows = Rows ? Rows : b.rows;
        for (std::size_t s = 0; s < rows; ++s) {
            const Scalar* x = b.x + s * Width;
            const detail::moments<Scalar> m = detail::measure(x, Width, 1);
            b.scratch[s] = m.inv_std;
            for (std::size_t k = 0; k < Width; ++k) {
                const Scalar xhat = (x[k] - m.mean) * m.inv_std;
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
            const Scalar* gain = b.params;
            for (std::size_t s = 0; s < rows; ++s)
                detail::normalization_gradient(b.saved + s * Width, delta + s * Width,
                                               dx + s * Width, Width, 1, b.scratch[s],
                                               [gain](std::size_t k) { return gain[k]; });
        }
    }
};

} // namespace ctnn
