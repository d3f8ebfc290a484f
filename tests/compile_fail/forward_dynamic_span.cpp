// expect: ctnn: forward\(\) takes a span of fixed extent
//
// Mistake: one sample as a span of dynamic extent, whose length the compiler cannot check.
#include <array>
#include <span>

#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
    const std::array<float, 2> values{0.5f, 1.0f};
#ifdef CTNN_COMPILE_FAIL
    const std::span<const float> sample(values);
#else
    const std::span<const float, 2> sample(values);
#endif
    return net.forward(sample)[0] > 0.0f ? 0 : 1;
}
