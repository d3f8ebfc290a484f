// expect: ctnn::fit: the inputs and the targets hold different numbers of samples
// expect: input_and_target_batch_sizes_equal<4(UL)?, 5(UL)?>
//
// Mistake: fit with one target row too many.
#include <array>

#include <ctnn/network.hpp>
#include <ctnn/train.hpp>

int main()
{
    ctnn::basic_network<ctnn::options<double>, 2, 3, 1> net{};
    const std::array<std::array<double, 2>, 4> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
#ifdef CTNN_COMPILE_FAIL
    const std::array<std::array<double, 1>, 5> t{{{0}, {1}, {1}, {0}, {1}}};
#else
    const std::array<std::array<double, 1>, 4> t{{{0}, {1}, {1}, {0}}};
#endif
    const auto r = ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{0.5}, 10);
    return r.epochs == 10 ? 0 : 1;
}
