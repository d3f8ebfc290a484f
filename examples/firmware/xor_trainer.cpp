// examples/firmware/xor_trainer.cpp: XOR learned on a microcontroller by ctnn's minibatch trainer,
// from <ctnn/core.hpp> alone: a float 2-4-1 sigmoid network with bias from seeded uniform
// weights, minibatches of 2 shuffled by the trainer's seed, sgd, and the trainer's clock
// ctnn::no_clock (a board has no std::chrono). It prints the final loss and the 17 weights as
// bits and fails unless the network computes XOR.
//
// Its link map is the one tests/firmware checks for stdio, exceptions, clocks and the heap: the
// trainer, the dataset (with its error path for a caller's mistake) and inference are all here.
#include "support/output.hpp"

#include <ctnn/core.hpp>

#include <array>
#include <cstddef>

namespace {

using xor_network = ctnn::network<2, 4, 1>;

constexpr ctnn::batch<float, 4, 2> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
constexpr std::array<std::size_t, 4> labels{0, 1, 1, 0};
constexpr std::size_t epochs = 4'000;

} // namespace

int main()
{
    xor_network net;
    ctnn::initialize(net, ctnn::uniform01{}, /*seed=*/1);
    const ctnn::dataset<float, 2, 1> data(inputs, labels);
    ctnn::trainer<xor_network, ctnn::half_sum_squares, ctnn::sgd, 2, ctnn::constant_rate,
                  ctnn::no_clock>
        trainer(ctnn::sgd{1.0}, {.seed = 1});
    const auto result = trainer.fit(net, data, epochs);
    firmware::print_bits("loss", result.loss);
    char name[] = "w00";
    for (std::size_t i = 0; i < xor_network::parameter_count; ++i) {
        name[1] = static_cast<char>('0' + i / 10);
        name[2] = static_cast<char>('0' + i % 10);
        firmware::print_bits(name, net.values()[i]);
    }
    bool learned = result.completed();
    for (std::size_t s = 0; s < inputs.size(); ++s)
        learned = learned && (net.forward(inputs[s])[0] >= 0.5f) == (labels[s] == 1);
    firmware::print(learned ? "learned XOR\n" : "did not learn XOR\n");
    return learned ? 0 : 1;
}
