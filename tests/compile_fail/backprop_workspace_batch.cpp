// expect: the workspace was made for another batch size
// expect: workspace_batch_expected_got<4(UL)?, 3(UL)?>
//
// Mistake: a workspace for batches of 3 passed with a batch of 4 samples.
#include <ctnn/network.hpp>

int main()
{
    using net_type = ctnn::network<2, 3, 1>;
    const net_type net{};
    ctnn::gradient<net_type> grad;
    const ctnn::batch<float, 4, 2> samples{};
    const ctnn::batch<float, 4, 1> targets{};
#ifdef CTNN_COMPILE_FAIL
    net_type::workspace_type<3> scratch;
#else
    net_type::workspace_type<4> scratch;
#endif
    return net.backprop(samples, targets, grad, scratch, ctnn::mean_squared_error{}) >= 0.0f ? 0
                                                                                           : 1;
}
