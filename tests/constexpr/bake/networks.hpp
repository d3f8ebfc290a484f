// The networks of the bake test, shared by the generator (which trains and bakes them) and the
// consumer (which includes what was baked and checks it against these types and values).
#pragma once

#include <ctnn/ctnn.hpp>

#include <array>
#include <cstddef>
#include <limits>

namespace bake_test {

// A classifier in float: 4 inputs, 8 relu units, 3 softmax outputs.
using float_net = ctnn::sequential<ctnn::options<float>, ctnn::input<4>,
                                   ctnn::dense<8, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;

// A regressor in double with options a header must spell exactly: a network-wide activation and
// alignment, a layer without bias, parameterised and policy-templated activations (each spelled
// by the activation itself: ctnn/activation/concept.hpp).
using double_net = ctnn::sequential<
    ctnn::options<double, ctnn::tanh, ctnn::alignment<8>>, ctnn::input<2>,
    ctnn::dense<5, ctnn::leaky_relu<1, 20>>, ctnn::dense<4, ctnn::no_bias>,
    ctnn::dense<3, ctnn::elu<1, 2>>, ctnn::dense<3, ctnn::basic_tanh<ctnn::polynomial_exp>>,
    ctnn::dense<3, ctnn::basic_elu<1, 2, ctnn::polynomial_exp>>,
    ctnn::dense<2, ctnn::basic_softplus<ctnn::polynomial_exp>>, ctnn::dense<2, ctnn::silu>,
    ctnn::dense<2, ctnn::gelu_tanh>, ctnn::dense<2, ctnn::gelu>,
    ctnn::dense<1, ctnn::basic_sigmoid<ctnn::polynomial_exp>>>;

// Every built-in layer kind beyond dense, with running state (batch_norm's) that a baked header
// must carry as well as the trained values.
using norm_net = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                  ctnn::dense<4, ctnn::tanh>, ctnn::layer_norm,
                                  ctnn::dropout<1, 4>, ctnn::dense<4, ctnn::identity>,
                                  ctnn::batch_norm, ctnn::dense<2, ctnn::identity>>;

// Values a literal must carry exactly: signed zeros, subnormals, the extremes, and fractions with
// no short decimal form.
template <class T>
constexpr std::array<T, 8> edge_values()
{
    using limits = std::numeric_limits<T>;
    return {T(-0.0), limits::denorm_min(), -limits::denorm_min() * T(3), limits::min(),
            limits::max(), limits::lowest(), T(1) / T(3), T(0.1)};
}

// A 4-2 identity network holds the eight values: weights row by row, no bias.
template <class T>
using edge_net = ctnn::sequential<ctnn::options<T, ctnn::identity, ctnn::no_bias>,
                                  ctnn::input<4>, ctnn::dense<2>>;

// The inputs at which the generator records the trained networks' outputs.
inline constexpr std::size_t probe_count = 5;
inline constexpr ctnn::batch<float, probe_count, 4> float_probes{{{0.1f, 0.2f, 0.3f, 0.4f},
                                                                  {-1.0f, 0.5f, 2.0f, 0.0f},
                                                                  {0.9f, -0.3f, 0.2f, 1.5f},
                                                                  {0.0f, 0.0f, 0.0f, 0.0f},
                                                                  {2.5f, 1.0f, -0.5f, -2.0f}}};
inline constexpr ctnn::batch<double, probe_count, 2> double_probes{
    {{0.1, 0.2}, {-1.0, 0.5}, {0.9, -0.3}, {0.0, 0.0}, {2.5, -2.0}}};

inline constexpr ctnn::batch<double, probe_count, 3> norm_probes{
    {{0.1, 0.2, 0.3}, {-1.0, 0.5, 2.0}, {0.9, -0.3, 0.2}, {0.0, 0.0, 0.0}, {2.5, 1.0, -2.0}}};

} // namespace bake_test
