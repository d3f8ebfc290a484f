// expect: a flat span must hold whole samples, a multiple of input_size values
// expect: flat_batch_length_is_whole_samples_of<5(UL)?, 2(UL)?>
//
// Mistake: a flat batch of 5 values for a network of 2 inputs (two and a half samples).
#include <array>
#include <span>

#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
    const std::array<float, 6> flat{0, 1, 1, 0, 1, 1};
#ifdef CTNN_COMPILE_FAIL
    const auto y = net.forward(std::span<const float, 5>(flat.data(), 5));
#else
    const auto y = net.forward(std::span<const float, 6>(flat));
#endif
    return y[0][0] > 0.0f ? 0 : 1;
}
