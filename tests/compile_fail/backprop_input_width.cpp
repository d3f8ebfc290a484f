// expect: the input width does not match the network's input_size
// expect: input_width_expected_got<2, 3>
// (The message says "forward():" although the call was backprop(); the regex leaves that out.)
//
// Mistake: samples of 3 values for a network with 2 inputs.
#include <ctnn/network.hpp>

int main()
{
    using net_type = ctnn::network<2, 3, 1>;
    const net_type net{};
    ctnn::gradient<net_type> grad;
#ifdef CTNN_COMPILE_FAIL
    const ctnn::batch<float, 4, 3> samples{};
#else
    const ctnn::batch<float, 4, 2> samples{};
#endif
    const ctnn::batch<float, 4, 1> targets{};
    return net.backprop(samples, targets, grad, ctnn::mean_squared_error{}) >= 0.0f ? 0 : 1;
}
