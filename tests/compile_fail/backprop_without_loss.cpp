// expect: backprop\(inputs, targets, grad, loss\) needs the loss as its last argument
//
// Mistake: no loss; ctnn never picks one for you (the tutorial's is half_sum_squares).
#include <array>

#include <ctnn/network.hpp>

int main()
{
    const ctnn::basic_network<ctnn::options<double>, 2, 3, 1> net{};
    ctnn::gradient<ctnn::basic_network<ctnn::options<double>, 2, 3, 1>> grad;
    const std::array<std::array<double, 2>, 4> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const std::array<std::array<double, 1>, 4> t{{{0}, {1}, {1}, {0}}};
#ifdef CTNN_COMPILE_FAIL
    return net.backprop(x, t, grad) >= 0 ? 0 : 1;
#else
    return net.backprop(x, t, grad, ctnn::half_sum_squares{}) >= 0 ? 0 : 1;
#endif
}
