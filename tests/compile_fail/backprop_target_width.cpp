// expect: the target width does not match the network's output_size
// expect: target_width_expected_got<1, 2>
//
// Mistake: targets of 2 values for a network with 1 output.
#include <ctnn/network.hpp>

int main()
{
    using net_type = ctnn::network<2, 3, 1>;
    const net_type net{};
    ctnn::gradient<net_type> grad;
    const ctnn::batch<float, 4, 2> samples{};
#ifdef CTNN_COMPILE_FAIL
    const ctnn::batch<float, 4, 2> targets{};
#else
    const ctnn::batch<float, 4, 1> targets{};
#endif
    return net.backprop(samples, targets, grad, ctnn::mean_squared_error{}) >= 0.0f ? 0 : 1;
}
