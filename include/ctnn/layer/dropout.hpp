// ctnn/layer/dropout.hpp: `dropout<Numerator, Denominator>`, inverted dropout (PyTorch's
// nn.Dropout): while training, each value is zeroed with probability p = Numerator / Denominator
// and the others are scaled by 1 / (1 - p); when inferring, the identity.
//
//   ctnn::sequential<ctnn::options<float>, ctnn::input<16>, ctnn::dense<64, ctnn::relu>,
//                    ctnn::dropout<1, 5>, ctnn::dense<1, ctnn::identity>>      p = 0.2
//
// The masks come from the workspace's generator (ctnn::random_engine, workspace::seed(); a
// trainer seeds it from training_options::seed), so a seed gives the same run with every
// compiler. It has no parameters.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/random.hpp>

namespace ctnn {

template <class Scalar, std::size_t Width, std::intmax_t Numerator, std::intmax_t Denominator>
struct dropout_layer;

namespace detail {
template <std::intmax_t Numerator, std::intmax_t Denominator>
inline constexpr bool dropout_probability_in_0_1 =
    Denominator > 0 && Numerator >= 0 && Numerator < Denominator;

// The check sits here, not in dropout itself, so that after its error the network keeps
// compiling against a valid stand-in (p = 0) and the error stays the only one.
template <std::intmax_t Numerator, std::intmax_t Denominator>
consteval bool check_dropout_probability()
{
    static_assert(dropout_probability_in_0_1<Numerator, Denominator>,
                  "ctnn::dropout<Numerator, Denominator>: the probability Numerator / Denominator "
                  "must be at least 0 and below 1 (the requirement names both)");
    return true;
}

template <class Scalar, std::size_t In, std::intmax_t Numerator, std::intmax_t Denominator>
struct resolve_dropout {
    static_assert(check_dropout_probability<Numerator, Denominator>());
    static constexpr bool valid = dropout_probability_in_0_1<Numerator, Denominator>;
    using type = dropout_layer<Scalar, In, valid ? Numerator : 0, valid ? Denominator : 1>;
};
} // namespace detail

// p = Numerator / Denominator, 0 <= p < 1: dropout<> and dropout<1, 2> drop half (PyTorch's
// default p = 0.5), dropout<1, 10> a tenth. A ratio of integers, like leaky_relu's slope.
template <std::intmax_t Numerator = 1, std::intmax_t Denominator = 2>
struct dropout {
    template <class Options, std::size_t In>
    using resolve = typename detail::resolve_dropout<typename Options::scalar_type, In, Numerator,
                                                     Denominator>::type;

    static constexpr detail::fixed_name<96> source_text =
        detail::ratio_spelling("ctnn::dropout<", Numerator, ", ", Denominator, ">");
    static constexpr std::string_view source = source_text.view();
};

template <class Scalar, std::size_t Width, std::intmax_t Numerator, std::intmax_t Denominator>
struct dropout_layer {
    using scalar_type = Scalar;
    static constexpr std::size_t in_size = Width;
    static constexpr std::size_t out_size = Width;
    static constexpr double probability =
        static_cast<double>(Numerator) / static_cast<double>(Denominator);
    // A value is dropped when the top 53 bits of a draw, as an integer, fall below this.
    static constexpr std::uint64_t threshold =
        static_cast<std::uint64_t>(probability * 9007199254740992.0); // p 2^53, exact
    static constexpr Scalar scale =
        static_cast<Scalar>(static_cast<double>(Denominator) /
                            static_cast<double>(Denominator - Numerator));

    static constexpr std::string_view kind = "dropout";
    static constexpr bool draws_random = true;
    static constexpr std::array<parameter_block, 0> blocks{};
    static constexpr detail::fixed_name<96> file_text =
        detail::ratio_spelling("dropout(", Numerator, "/", Denominator, ")");
    static constexpr std::string_view file_name = file_text.view();
    // Inferring costs nothing; backward multiplies each value by its mask.
    static constexpr std::size_t forward_flops = 0;
    static constexpr std::size_t backward_flops = 0;
    static constexpr std::size_t input_gradient_flops = Width;
    static constexpr std::size_t transcendentals = 0;

    // saved holds each value's mask, 0 or 1 / (1 - p), for backward.
    template <std::size_t Rows, class Context>
    static constexpr void forward(const layer_buffers<Scalar>& b, Context& context) noexcept
    {
        const std::size_t n = (Rows ? Rows : b.rows) * Width;
        if constexpr (Context::training) {
            random_engine& rng = *context.rng;
            for (std::size_t k = 0; k < n; ++k) {
                const Scalar mask = (rng() >> 11) < threshold ? Scalar(0) : scale;
                b.saved[k] = mask;
                b.y[k] = b.x[k] * mask;
            }
        }
        else {
            for (std::size_t k = 0; k < n; ++k)
                b.y[k] = b.x[k];
        }
    }

    template <std::size_t Rows, bool ApplyActivation, bool InputGradient>
    static constexpr void backward(const layer_buffers<Scalar>& b, Scalar* delta, Scalar*,
                                   Scalar* dx) noexcept
    {
        if constexpr (InputGradient) {
            const std::size_t n = (Rows ? Rows : b.rows) * Width;
            for (std::size_t k = 0; k < n; ++k)
                dx[k] = delta[k] * b.saved[k];
        }
    }
};

} // namespace ctnn
