// expect: this loss is fused with an output activation \(cross-entropy with sigmoid or softmax\) and the network's last layer has another one
// expect: output_activation_expected_got<ctnn::sigmoid, ctnn::identity>
//
// Mistake: binary_cross_entropy through the minibatch overload, backprop(workspace, rows, grad,
// loss), on a network with a linear output. Its twin gives the output layer a sigmoid.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    using net_type = ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                                      ctnn::dense<1, ctnn::identity>>;
#else
    using net_type = ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                                      ctnn::dense<1, ctnn::sigmoid>>;
#endif
    const net_type net{};
    net_type::workspace_type<4> ws;
    for (std::size_t r = 0; r < 4; ++r) {
        ws.input(r)[0] = 0.0f;
        ws.input(r)[1] = 1.0f;
        ws.target(r)[0] = 1.0f;
    }
    ctnn::gradient<net_type> grad;
    return net.backprop(ws, 4, grad, ctnn::binary_cross_entropy{}) >= 0.0f ? 0 : 1;
}
