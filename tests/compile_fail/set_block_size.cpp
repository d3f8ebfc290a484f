// expect: set_block<Layer, Block>: wrong number of values
// expect: block_size_of_layer_expected_got<1(UL)?, 0(UL)?, 3(UL)?, 2(UL)?>
//
// Mistake: two gains for a layer_norm of width 3.
#include <ctnn/network.hpp>
#include <ctnn/layer/layer_norm.hpp>

int main()
{
    ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>, ctnn::layer_norm,
                     ctnn::dense<1>>
        net{};
#ifdef CTNN_COMPILE_FAIL
    net.set_block<1, 0>({1.0f, 2.0f});
#else
    net.set_block<1, 0>({1.0f, 2.0f, 3.0f});
#endif
    return net.block<1, 0>()[0] == 1.0f ? 0 : 1;
}
