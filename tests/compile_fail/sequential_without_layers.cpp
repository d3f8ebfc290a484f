// expect: ctnn::network needs at least an input and an output width
// expect: network_has_input_and_output_width<1(UL)?>
// (Clang 14 goes on to report every member of the network that depends on the missing layer.)
//
// Mistake: the full form with an input and no layer after it.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::sequential<ctnn::options<>, ctnn::input<2>> net{};
#else
    const ctnn::sequential<ctnn::options<>, ctnn::input<2>, ctnn::dense<1>> net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
