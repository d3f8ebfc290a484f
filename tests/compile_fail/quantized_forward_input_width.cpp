// expect: ctnn::quantized::forward\(\): the input width does not match the network's input_size
// expect: input_width_expected_got<2, 3>
//
// Mistake: one int8 sample of 3 values given to an int8 network with 2 inputs.
#include <array>
#include <cstdint>

#include <ctnn/quantized/quantized_network.hpp>

int main()
{
    const ctnn::quantized<2, ctnn::int8_dense<1, ctnn::int8_activation::identity>> q{};
#ifdef CTNN_COMPILE_FAIL
    const std::array<std::int8_t, 3> sample{};
#else
    const std::array<std::int8_t, 2> sample{};
#endif
    return q.forward(sample)[0];
}
