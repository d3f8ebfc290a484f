// opt.step(net, grad, state) without a rate steps at the optimiser's own learning_rate: for every
// built-in, bit for bit the same as passing that rate (rounded to the network's scalar type, as
// ctnn::fit does), and different from passing another.
#include <catch2/catch.hpp>

#include <array>
#include <cstddef>

#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>

namespace {

using net_t = ctnn::basic_network<ctnn::options<float>, 2, 3, 1>;

template <class Opt>
void require_own_rate(const Opt& opt)
{
    net_t start;
    ctnn::initialize(start, ctnn::xavier_uniform{}, 3);
    const ctnn::batch<float, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<float, 4, 1> t{{{0}, {1}, {1}, {0}}};
    net_t implicit = start, explicit_rate = start, other = start;
    ctnn::optimizer_state<Opt, net_t> s1{}, s2{}, s3{};
    ctnn::gradient<net_t> grad;
    for (int k = 0; k < 3; ++k) { // a few steps, so that the state matters too
        implicit.backprop(x, t, grad, ctnn::half_sum_squares{});
        opt.step(implicit, grad, s1);
        explicit_rate.backprop(x, t, grad, ctnn::half_sum_squares{});
        opt.step(explicit_rate, grad, s2, static_cast<float>(opt.learning_rate));
        other.backprop(x, t, grad, ctnn::half_sum_squares{});
        opt.step(other, grad, s3, static_cast<float>(opt.learning_rate) * 0.5f);
    }
    REQUIRE(implicit == explicit_rate);
    REQUIRE(!(implicit == other));
}

} // namespace

TEST_CASE("every built-in optimiser steps at its own learning_rate without a rate argument",
          "[optimizer]")
{
    require_own_rate(ctnn::sgd{0.3});
    require_own_rate(ctnn::momentum{.learning_rate = 0.2});
    require_own_rate(ctnn::nesterov{.learning_rate = 0.2});
    require_own_rate(ctnn::adam{.learning_rate = 0.05});
    require_own_rate(ctnn::adamw{.learning_rate = 0.05});
    require_own_rate(ctnn::rmsprop{.learning_rate = 0.02});
    require_own_rate(ctnn::adagrad{.learning_rate = 0.1});
}
