// expect: forward\(\): the input width does not match the network's input_size
// expect: input_width_expected_got<2, 3>
// sanity: the right message with the right sizes, plus a second, unrelated error: the rule that a
// mistake gives exactly one error makes the test fail. Registered with WILL_FAIL: it passes only
// if that rule is really checked.
#include <array>

#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    const std::array<float, 3> sample{};
    const int unrelated = "not an int";
    (void)unrelated;
#else
    const std::array<float, 2> sample{};
#endif
    return net.forward(sample)[0] > 0.0f ? 0 : 1;
}
