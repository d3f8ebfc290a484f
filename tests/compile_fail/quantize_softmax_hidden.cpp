// expect: ctnn::quantize / ctnn::quantized_for<Net>: softmax may only follow the output layer of an int8 network
// expect: int8_softmax_only_on_the_output_layer<0(UL)?,
//
// Mistake: quantising a network with softmax on a hidden layer, which int8 networks compute only
// on the output (in float, after dequantising).
#include <array>

#include <ctnn/quantized/quantize.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    using hidden = ctnn::dense<3, ctnn::softmax>;
#else
    using hidden = ctnn::dense<3, ctnn::sigmoid>;
#endif
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, hidden,
                           ctnn::dense<2, ctnn::softmax>>
        net{};
    const std::array<std::array<float, 2>, 1> calibration{};
    const auto q = ctnn::quantize(net, calibration);
    return q.forward(std::array<std::int8_t, 2>{})[0];
}
