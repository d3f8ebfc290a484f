// expect: the first layer must be ctnn::input<Width>
// expect: first_layer_is_input<ctnn::dense<2(UL)?> ?>
// (Both compilers go on to report every member of the network: about 19 errors with GCC 12.)
//
// Mistake: the full form starting with a dense layer instead of ctnn::input<Width>.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::sequential<ctnn::options<>, ctnn::dense<2>, ctnn::dense<1>> net{};
#else
    const ctnn::sequential<ctnn::options<>, ctnn::input<2>, ctnn::dense<1>> net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
