// expect: ctnn: the input width does not match the network's input_size
// expect: input_width_expected_got<2, 1>
//
// Mistake: a braced list of 1 value given to a network with 2 inputs (a std::array parameter
// would have padded it with a zero, silently).
#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    return net.forward({0.5f})[0] > 0.0f ? 0 : 1;
#else
    return net.forward({0.5f, 1.0f})[0] > 0.0f ? 0 : 1;
#endif
}
