// expect: this loss is fused with an output activation \(cross-entropy with sigmoid or softmax\) and the network's last layer has another one
// expect: output_activation_expected_got<ctnn::softmax, ctnn::sigmoid>
//
// Mistake: categorical_cross_entropy, whose gradient is fused with softmax, on a network whose
// output layer is a sigmoid (the short form's default). Its twin gives the last layer softmax.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    using net_type = ctnn::network<2, 3, 3>;
#else
    using net_type = ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                                      ctnn::dense<3, ctnn::softmax>>;
#endif
    const net_type net{};
    const ctnn::batch<float, 4, 2> samples{};
    const ctnn::batch<float, 4, 3> labels{};
    ctnn::gradient<net_type> grad;
    return net.backprop(samples, labels, grad, ctnn::categorical_cross_entropy{}) >= 0.0f ? 0 : 1;
}
