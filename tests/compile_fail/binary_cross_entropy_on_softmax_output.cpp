// expect: this loss is fused with an output activation \(cross-entropy with sigmoid or softmax\) and the network's last layer has another one
// expect: output_activation_expected_got<ctnn::sigmoid, ctnn::softmax>
//
// Mistake: binary_cross_entropy, whose gradient is fused with the sigmoid, scoring a softmax
// output. Its twin uses categorical_cross_entropy, the loss that goes with softmax.
#include <ctnn/network.hpp>

int main()
{
    using net_type = ctnn::sequential<ctnn::options<double>, ctnn::input<4>,
                                      ctnn::dense<5, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;
    const net_type net{};
    const ctnn::batch<double, 2, 4> samples{};
    const ctnn::batch<double, 2, 3> labels{};
#ifdef CTNN_COMPILE_FAIL
    return net.loss(samples, labels, ctnn::binary_cross_entropy{}) >= 0.0 ? 0 : 1;
#else
    return net.loss(samples, labels, ctnn::categorical_cross_entropy{}) >= 0.0 ? 0 : 1;
#endif
}
