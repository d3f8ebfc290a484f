// expect: the inputs and the targets hold different numbers of samples
// expect: input_and_target_batch_sizes_equal<4(UL)?, 3(UL)?>
//
// Mistake: four input rows and three target rows (a target left out).
#include <array>

#include <ctnn/network.hpp>

int main()
{
    const ctnn::basic_network<ctnn::options<double>, 2, 3, 1> net{};
    ctnn::gradient<ctnn::basic_network<ctnn::options<double>, 2, 3, 1>> grad;
    const std::array<std::array<double, 2>, 4> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
#ifdef CTNN_COMPILE_FAIL
    const std::array<std::array<double, 1>, 3> t{{{0}, {1}, {1}}};
#else
    const std::array<std::array<double, 1>, 4> t{{{0}, {1}, {1}, {0}}};
#endif
    return net.backprop(x, t, grad, ctnn::half_sum_squares{}) >= 0 ? 0 : 1;
}
