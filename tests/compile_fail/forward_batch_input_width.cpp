// expect: ctnn: the input width does not match the network's input_size
// expect: input_width_expected_got<2, 3>
//
// Mistake: a batch of 4 samples of 3 values given to a network with 2 inputs.
#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    const ctnn::batch<float, 4, 3> samples{};
#else
    const ctnn::batch<float, 4, 2> samples{};
#endif
    return net.forward(samples)[3][0] > 0.0f ? 0 : 1;
}
