// expect: ctnn::network needs at least an input and an output width
// expect: network_has_input_and_output_width<1(UL)?>
// (GCC names the count, 1. Clang 14 prints the predicate unsubstituted, sizeof...(Widths).)
//
// Mistake: a network of one width: an input and no layer.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::network<2> net{};
#else
    const ctnn::network<2, 1> net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
