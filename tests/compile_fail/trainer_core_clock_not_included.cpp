// expect: its clock is ctnn::steady_clock by default on a hosted target
//
// Mistake: a trainer on its default clock with <ctnn/core.hpp> alone, on a hosted target (this
// one), where the default is ctnn::steady_clock and <chrono> is left to <ctnn/trainer.hpp>. The
// twin names ctnn::no_clock, as a firmware would.
#include <array>
#include <cstddef>

#include <ctnn/core.hpp>

int main()
{
    using net_t = ctnn::basic_network<ctnn::options<float>, 2, 3, 1>;
#ifdef CTNN_COMPILE_FAIL
    using clock = ctnn::default_clock;
#else
    using clock = ctnn::no_clock;
#endif
    const std::array<std::array<float, 2>, 2> x{{{0, 0}, {1, 1}}};
    const std::array<std::size_t, 2> labels{0, 1};
    const ctnn::dataset<float, 2, 1> data(x, labels);
    net_t net;
    ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::sgd, 2, ctnn::constant_rate, clock> train(
        ctnn::sgd{0.1});
    return train.fit(net, data, 1).epochs == 1 ? 0 : 1;
}
