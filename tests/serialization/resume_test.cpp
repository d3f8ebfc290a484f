// Training resumed from a checkpoint continues exactly: 3 Adam steps, save, load into fresh
// objects, 2 more steps gives the same bits as 5 steps straight.
#include <catch2/catch.hpp>

#include <sstream>

#include <ctnn/initializer.hpp>
#include <ctnn/loss.hpp>
#include <ctnn/optimizer.hpp>

#include "support.hpp"

using namespace ctnn_test;

namespace {

template <class Net, class Opt>
void train(Net& net, ctnn::optimizer_state<Opt, Net>& state, const Opt& opt, int steps)
{
    using T = typename Net::scalar_type;
    const ctnn::batch<T, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<T, 4, 1> t{{{0}, {1}, {1}, {0}}};
    ctnn::gradient<Net> grad;
    for (int s = 0; s < steps; ++s) {
        net.backprop(x, t, grad, ctnn::mean_squared_error{});
        opt.step(net, grad, state, static_cast<T>(opt.learning_rate));
    }
}

} // namespace

TEMPLATE_TEST_CASE("training resumed from a checkpoint is bit-identical to training straight",
                   "[serialization]", float, double)
{
    using net_type = ctnn::basic_network<ctnn::options<TestType>, 2, 3, 1>;
    const ctnn::adam opt{.learning_rate = 0.05};

    net_type straight;
    ctnn::initialize(straight, ctnn::uniform01{}, 42);
    net_type interrupted = straight;
    ctnn::optimizer_state<ctnn::adam, net_type> straight_state, interrupted_state;

    train(straight, straight_state, opt, 5);
    train(interrupted, interrupted_state, opt, 3);
    // Training moved the weights: the comparison below is not vacuous.
    REQUIRE(bytes_of(interrupted) != bytes_of(straight));

    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::stringstream checkpoint;
        REQUIRE(ctnn::save<ctnn::adam>(interrupted, interrupted_state, checkpoint, how));
        net_type resumed;
        ctnn::optimizer_state<ctnn::adam, net_type> resumed_state;
        const auto r = ctnn::load<ctnn::adam>(resumed, resumed_state, checkpoint);
        INFO(r.message());
        REQUIRE(r);
        train(resumed, resumed_state, opt, 2);
        CHECK(bytes_of(resumed) == bytes_of(straight));
        CHECK(bytes_of(resumed_state.m) == bytes_of(straight_state.m));
        CHECK(bytes_of(resumed_state.v) == bytes_of(straight_state.v));
        CHECK(resumed_state.step_count == 5);
    }
}
