// expect: ctnn::alignment<Bytes> needs a power of two
// expect: alignment_is_power_of_two<12(UL)?>
// (Both compilers go on to reject the alignas() in parameters.hpp: GCC "requested alignment '3'
// is not a positive power of 2", Clang "'aligned' attribute requires integer constant".)
//
// Mistake: an alignment that is not a power of two.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::basic_network<ctnn::options<float, ctnn::alignment<12>>, 2, 1> net{};
#else
    const ctnn::basic_network<ctnn::options<float, ctnn::alignment<16>>, 2, 1> net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
