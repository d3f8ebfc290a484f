// expect: ctnn: the input's scalar type differs from the network's
// expect: scalar_type_expected_got<float, double>
//
// Mistake: a double sample given to a float network.
#include <array>

#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    const std::array<double, 2> sample{};
#else
    const std::array<float, 2> sample{};
#endif
    return net.forward(sample)[0] > 0.0f ? 0 : 1;
}
