// bench/compile_time/ten_layers.cpp: what a deep network costs to compile: ten dense layers,
// 16-32-32-32-32-32-32-32-32-32-4 (float, sigmoid, bias), a forward pass and a trainer fit
// (mean squared error, momentum, minibatches of 8). Every layer is its own type, so the cost of
// instantiating layer templates per layer shows here. Compiled, never run: scripts/compile_time.sh
// times it (issue 4: under 10 s with g++ -O2), and the normal build compiles it as part of
// ctnn_compile_time.
#include <ctnn/ctnn.hpp>

#include <array>
#include <cstddef>
#include <span>

namespace {

using net_t = ctnn::network<16, 32, 32, 32, 32, 32, 32, 32, 32, 32, 4>;
using trainer_t = ctnn::trainer<net_t, ctnn::mean_squared_error, ctnn::momentum, 8>;
static_assert(net_t::layer_count == 10);

} // namespace

// Trains a fresh network for `epochs` on inputs and targets and returns its output for the first
// input. External linkage, so that the compiler has to generate all of it.
std::array<float, 4> compile_time_ten_layers(std::span<const std::array<float, 16>> inputs,
                                             std::span<const std::array<float, 4>> targets,
                                             std::size_t epochs)
{
    const ctnn::dataset_for<net_t> data(inputs, targets);
    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, /*seed=*/1);
    trainer_t trainer(ctnn::momentum{.learning_rate = 0.1});
    trainer.fit(net, data, epochs);
    return net.forward(inputs[0]);
}
