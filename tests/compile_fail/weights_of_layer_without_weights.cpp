// expect: weights<L>\(\) of a layer without weights
// expect: layer_has_weights<1(UL)?, false>
//
// Mistake: asking a layer_norm for weights; its blocks are a gain and a shift (block<1, 0>()).
#include <ctnn/network.hpp>
#include <ctnn/layer/layer_norm.hpp>

int main()
{
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                           ctnn::layer_norm, ctnn::dense<1>>
        net{};
#ifdef CTNN_COMPILE_FAIL
    return net.weights<1>()(0, 0) == 0.0f ? 0 : 1;
#else
    return net.block<1, 0>()[0] == 0.0f ? 0 : 1;
#endif
}
