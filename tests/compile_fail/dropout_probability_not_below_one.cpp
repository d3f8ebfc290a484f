// expect: the probability Numerator / Denominator must be at least 0 and below 1
// expect: dropout_probability_in_0_1<1(L)?, 1(L)?>
//
// Mistake: a dropout that drops everything (p = 1); PyTorch's nn.Dropout(p=1.0) zeroes every
// value, which trains nothing.
#include <ctnn/network.hpp>
#include <ctnn/layer/dropout.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                           ctnn::dropout<1, 1>, ctnn::dense<1>>
        net{};
#else
    const ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>,
                           ctnn::dropout<1, 2>, ctnn::dense<1>>
        net{};
#endif
    return net.forward({1.0f, 2.0f})[0] > 0.0f ? 0 : 1;
}
