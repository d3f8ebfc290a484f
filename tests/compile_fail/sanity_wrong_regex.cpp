// expect: ctnn: the input width does not match the network's input_size
// expect: input_width_expected_got<2, 4>
// sanity: a real mistake (3 values for 2 inputs) checked against the right message but the wrong
// sizes, <2, 4>: the test fails. Registered with WILL_FAIL: it passes only if the sizes in a
// regex are really checked.
#include <array>

#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    const std::array<float, 3> sample{};
#else
    const std::array<float, 2> sample{};
#endif
    return net.forward(sample)[0] > 0.0f ? 0 : 1;
}
