// expect: ctnn::quantized::forward\(\) takes int8 inputs
//
// Mistake: a float sample given to the integer forward pass, which takes int8 ones.
#include <array>
#include <cstdint>

#include <ctnn/quantized/quantized_network.hpp>

int main()
{
    const ctnn::quantized<2, ctnn::int8_dense<1, ctnn::int8_activation::identity>> q{};
#ifdef CTNN_COMPILE_FAIL
    const std::array<float, 2> sample{};
#else
    const std::array<std::int8_t, 2> sample{};
#endif
    return q.forward(sample)[0];
}
