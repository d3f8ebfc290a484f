// expect: ctnn: the input width does not match the network's input_size
// expect: input_width_expected_got<2, 3>
//
// Mistake: one sample of 3 values given to a network with 2 inputs.
#include <array>

#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    const std::array<float, 3> sample{};
#else
    const std::array<float, 2> sample{};
#endif
    return net.forward(sample)[0] > 0.0f ? 0 : 1;
}
