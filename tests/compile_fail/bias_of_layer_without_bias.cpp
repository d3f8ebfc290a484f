// expect: bias<L>\(\) of a layer without a bias
// expect: layer_has_a_bias<1(UL)?, false>
//
// Mistake: asking for the bias of a layer declared with ctnn::no_bias.
#include <ctnn/network.hpp>

int main()
{
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                           ctnn::dense<1, ctnn::no_bias>>
        net{};
#ifdef CTNN_COMPILE_FAIL
    return net.bias<1>()[0] == 0.0f ? 0 : 1;
#else
    return net.bias<0>()[0] == 0.0f ? 0 : 1;
#endif
}
