// expect: ctnn::quantize / ctnn::quantized_for<Net>: int8 networks hold dense layers only
// expect: int8_layer_is_dense<1(UL)?, ctnn::layer_norm_layer<
//
// Mistake: quantising a network with a layer other than dense (layer_norm).
#include <array>

#include <ctnn/layer/layer_norm.hpp>
#include <ctnn/quantized/quantize.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    using middle = ctnn::layer_norm;
#else
    using middle = ctnn::dense<3, ctnn::identity>;
#endif
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3, ctnn::relu>,
                           middle, ctnn::dense<1, ctnn::identity>>
        net{};
    const std::array<std::array<float, 2>, 1> calibration{};
    const auto q = ctnn::quantize(net, calibration);
    return q.forward(std::array<std::int8_t, 2>{})[0];
}
