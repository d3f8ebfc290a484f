// The README's program: learn XOR with a 2-4-1 network whose shape is its type.
#include <ctnn/ctnn.hpp>

#include <cstdio>

int main()
{
    using net_t = ctnn::network<2, 4, 1>; // float, sigmoid, with bias
    static_assert(net_t::parameter_count == 2 * 4 + 4 + 4 * 1 + 1);

    net_t net; // 17 floats inline, no heap
    ctnn::initialize(net, ctnn::uniform01{}, /*seed=*/1);

    const ctnn::batch<float, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<float, 4, 1> y{{{0}, {1}, {1}, {0}}};
    const auto result = ctnn::fit(net, x, y, ctnn::half_sum_squares{}, ctnn::sgd{0.5}, 20'000);

    std::printf("loss after %zu epochs: %.6f\n", result.epochs, static_cast<double>(result.loss));
    for (const auto& sample : x)
        std::printf("%g xor %g -> %.3f\n", static_cast<double>(sample[0]),
                    static_cast<double>(sample[1]), static_cast<double>(net.forward(sample)[0]));
    return result.loss < 0.01f ? 0 : 1;
}
