// expect: the loss type does not model ctnn::loss
// (Both compilers also report the use of Loss::value in loss()'s body; GCC 12 reports it FIRST,
// before the library's message, because check_batch<>() is instantiated after loss()'s body.)
//
// Mistake: something that is not a loss passed where the loss goes.
#include <ctnn/network.hpp>

int main()
{
    const ctnn::network<2, 3, 1> net{};
    const ctnn::batch<float, 4, 2> samples{};
    const ctnn::batch<float, 4, 1> targets{};
#ifdef CTNN_COMPILE_FAIL
    return net.loss(samples, targets, 0.5f) >= 0.0f ? 0 : 1;
#else
    return net.loss(samples, targets, ctnn::half_sum_squares{}) >= 0.0f ? 0 : 1;
#endif
}
