// expect: ctnn: the input's scalar type differs from the network's
// expect: scalar_type_expected_got<float, double>
//
// Mistake: a batch of double samples given to a float network. ctnn::can_forward says no to it
// (tests/static/shape.cpp); this proves the call itself does not compile.
#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    const ctnn::batch<double, 4, 2> samples{};
#else
    const ctnn::batch<float, 4, 2> samples{};
#endif
    return net.forward(samples)[3][0] > 0.0f ? 0 : 1;
}
