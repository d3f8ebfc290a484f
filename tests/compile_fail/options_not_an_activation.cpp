// expect: ctnn::options<Scalar, Modifiers\.\.\.>: every modifier must be an activation
// expect: activation<ctnn::half_sum_squares, double>
//
// Mistake: a network-wide modifier that is neither an activation, a bias tag nor an alignment
// (here a loss, written where the activation goes). Its twin names an activation.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    using net_type = ctnn::basic_network<ctnn::options<double, ctnn::half_sum_squares>, 2, 3, 1>;
#else
    using net_type = ctnn::basic_network<ctnn::options<double, ctnn::tanh>, 2, 3, 1>;
#endif
    const net_type net{};
    return net.forward(std::array<double, 2>{})[0] == 0.0 ? 0 : 1;
}
