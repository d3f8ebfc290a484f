// expect: the targets' scalar type differs from the network's
// expect: scalar_type_expected_got<float, double>
//
// Mistake: double targets for a float network.
#include <ctnn/network.hpp>

int main()
{
    using net_type = ctnn::network<2, 3, 1>;
    const net_type net{};
    ctnn::gradient<net_type> grad;
    const ctnn::batch<float, 4, 2> samples{};
#ifdef CTNN_COMPILE_FAIL
    const ctnn::batch<double, 4, 1> targets{};
#else
    const ctnn::batch<float, 4, 1> targets{};
#endif
    return net.backprop(samples, targets, grad, ctnn::half_sum_squares{}) >= 0.0f ? 0 : 1;
}
