// expect: ctnn::quantize / ctnn::quantized_for<Net>: an int8 layer's activation is relu, identity, sigmoid, tanh, or softmax on the output layer
// expect: int8_activation_is_relu_identity_sigmoid_tanh_or_softmax<0(UL)?, ctnn::dense_layer<float, 2, 3, ctnn::elu<
//
// Mistake: quantising a network whose hidden layer uses an activation with no int8 form (elu).
#include <array>

#include <ctnn/quantized/quantize.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    using hidden = ctnn::dense<3, ctnn::elu<>>;
#else
    using hidden = ctnn::dense<3, ctnn::relu>;
#endif
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, hidden,
                           ctnn::dense<1, ctnn::identity>>
        net{};
    const std::array<std::array<float, 2>, 1> calibration{};
    const auto q = ctnn::quantize(net, calibration);
    return q.forward(std::array<std::int8_t, 2>{})[0];
}
