// expect: ctnn::fit needs at least one training sample: std::array<X, 0> is an empty training set
//
// Mistake: full-batch training on an empty batch (it would "complete" with loss 0 and teach the
// network nothing).
#include <ctnn/network.hpp>
#include <ctnn/train.hpp>

int main()
{
    ctnn::network<2, 3, 1> net{};
#ifdef CTNN_COMPILE_FAIL
    const ctnn::batch<float, 0, 2> inputs{};
    const ctnn::batch<float, 0, 1> targets{};
#else
    const ctnn::batch<float, 1, 2> inputs{{{0.0f, 1.0f}}};
    const ctnn::batch<float, 1, 1> targets{{{1.0f}}};
#endif
    const auto result = ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{}, ctnn::sgd{0.1}, 3);
    return result.epochs == 3 ? 0 : 1;
}
