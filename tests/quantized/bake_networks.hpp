// The int8 network the bake and integer-only tests share: a float 16-32-32-8-4 network (relu,
// tanh, sigmoid, softmax: every int8 form) from a fixed seed, quantised on fixed inputs, and
// the inputs whose outputs the baked header is checked against.
#pragma once

#include <array>
#include <cstdint>

#include <ctnn/initializer.hpp>
#include <ctnn/network.hpp>
#include <ctnn/quantized/quantize.hpp>
#include <ctnn/random.hpp>

namespace bake_test {

using float_net = ctnn::sequential<ctnn::options<float>, ctnn::input<16>,
                                   ctnn::dense<32, ctnn::relu>, ctnn::dense<32, ctnn::tanh>,
                                   ctnn::dense<8, ctnn::sigmoid>, ctnn::dense<4, ctnn::softmax>>;

inline std::array<std::array<float, 16>, 64> inputs(std::uint64_t seed)
{
    ctnn::random_engine rng(seed);
    std::array<std::array<float, 16>, 64> out{};
    for (auto& x : out)
        for (float& v : x)
            v = static_cast<float>(2 * rng.uniform01<double>() - 1);
    return out;
}

inline ctnn::quantized_for<float_net> network()
{
    float_net net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 14);
    return ctnn::quantize(net, inputs(1));
}

} // namespace bake_test
