// ctnn/layer/standardize.hpp: `standardize`, a layer that standardises its inputs with fixed
// statistics: y = (x - mean) * scale per value, the same in training and inference. mean and
// scale are running state, not trained: saved, loaded and baked with the network, never touched
// by an optimiser; they start at 0 and 1 (the identity). Put it first, and a deployed network
// takes raw features:
//
//   using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::standardize,
//                                  ctnn::dense<8, ctnn::tanh>, ctnn::dense<3, ctnn::softmax>>;
//   ctnn::set_standardizer<0>(net, ctnn::standardizer<float, 4>::fit(parts.train));
//
// ctnn::standardizer and set_standardizer are in ctnn/data/standardizer.hpp. The layer computes
// exactly what standardizer::operator() computes, so a network with the layer gives the bits of
// one without it fed standardised rows.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ctnn/layer/concept.hpp>

namespace ctnn {

template <class Scalar, std::size_t Width>
struct standardize_layer;

struct standardize {
    template <class Options, std::size_t In>
    using resolve = standardize_layer<typename Options::scalar_type, In>;

    static constexpr std::string_view source = "ctnn::standardize";
};

template <class Scalar, std::size_t Width>
struct standardize_layer {
    using scalar_type = Scalar;
    static constexpr std::size_t in_size = Width;
    static constexpr std::size_t out_size = Width;

    static constexpr std::string_view kind = "standardize";
    static constexpr std::array<parameter_block, 2> blocks{
        parameter_block{"mean", 1, Width, false, block_init::zero},
        parameter_block{"scale", 1, Width, false, block_init::one}};
    static constexpr std::string_view file_name = "standardize";
    // A subtract and a multiply a value; backward passes the gradient through the scale.
    static constexpr std::size_t forward_flops = 2 * Width;
    static constexpr std::size_t backward_flops = 0;
    static constexpr std::size_t input_gradient_flops = Width;
    static constexpr std::size_t transcendentals = 0;

    template <std::size_t Rows, class Context>
    static constexpr void forward(const layer_buffers<Scalar>& b, Context&) noexcept
    {
        const Scalar* mean = b.state;
        const Scalar* scale = b.state + Width;
        const std::size_t rows = Rows ? Rows : b.rows;
        for (std::size_t s = 0; s < rows; ++s)
            for (std::size_t k = 0; k < Width; ++k)
                b.y[s * Width + k] = (b.x[s * Width + k] - mean[k]) * scale[k];
    }

    template <std::size_t Rows, bool ApplyActivation, bool InputGradient>
    static constexpr void backward(const layer_buffers<Scalar>& b, Scalar* delta, Scalar*,
                                   Scalar* dx) noexcept
    {
        if constexpr (InputGradient) {
            const Scalar* scale = b.state + Width;
            const std::size_t rows = Rows ? Rows : b.rows;
            for (std::size_t s = 0; s < rows; ++s)
                for (std::size_t k = 0; k < Width; ++k)
                    dx[s * Width + k] = delta[s * Width + k] * scale[k];
        }
    }
};

} // namespace ctnn
