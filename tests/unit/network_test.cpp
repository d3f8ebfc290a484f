// The network's run-time behaviour against hand-computed closed forms.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace {

double logistic(double z) { return 1 / (1 + std::exp(-z)); }

// 2 inputs, 2 hidden (sigmoid, bias), 1 linear output with bias.
using small_net = ctnn::sequential<ctnn::options<double>, ctnn::input<2>, ctnn::dense<2>,
                                   ctnn::dense<1, ctnn::identity>>;

small_net make_small()
{
    small_net net;
    net.set_weights<0>({{0.5, -1.0}, {2.0, 0.25}});
    net.set_bias<0>({0.1, -0.2});
    net.set_weights<1>({{1.5}, {-0.5}});
    net.set_bias<1>({0.3});
    return net;
}

// The same network computed by hand.
double small_by_hand(double x0, double x1)
{
    const double h0 = logistic(x0 * 0.5 + x1 * 2.0 + 0.1);
    const double h1 = logistic(x0 * -1.0 + x1 * 0.25 - 0.2);
    return h0 * 1.5 + h1 * -0.5 + 0.3;
}

} // namespace

TEST_CASE("Weights are stored input-major, each layer's bias after its weights")
{
    const small_net net = make_small();
    CHECK(net.weights<0>()(0, 1) == -1.0); // input 0 -> hidden 1
    CHECK(net.weights<0>()(1, 0) == 2.0);  // input 1 -> hidden 0
    CHECK(net.weights<0>()[1][1] == 0.25);
    const std::array<double, 9> expected{0.5, -1.0, 2.0, 0.25, 0.1, -0.2, 1.5, -0.5, 0.3};
    for (std::size_t k = 0; k < expected.size(); ++k)
        CHECK(net.values()[k] == expected[k]);
    CHECK(net.bias<1>()[0] == 0.3);
}

TEST_CASE("A default-constructed network holds zeros")
{
    const ctnn::network<3, 4, 2> net;
    for (float v : net.values())
        CHECK(v == 0.0f);
}

TEST_CASE("forward() of one sample matches the closed form")
{
    const small_net net = make_small();
    for (const auto& x : {std::array<double, 2>{0, 0}, std::array<double, 2>{1, -2},
                          std::array<double, 2>{0.3, 0.7}}) {
        CHECK(net.forward(x)[0] == Approx(small_by_hand(x[0], x[1])).epsilon(1e-15));
    }
}

TEST_CASE("forward() of one sample takes a braced list, a built-in array or a fixed-extent span")
{
    const small_net net = make_small();
    const double by_hand = small_by_hand(1, -2);
    CHECK(net.forward({1.0, -2.0})[0] == Approx(by_hand).epsilon(1e-15));
    CHECK(net.forward({1, -2})[0] == Approx(by_hand).epsilon(1e-15)); // integer constants convert
    const double values[2] = {1, -2};
    CHECK(net.forward(values)[0] == Approx(by_hand).epsilon(1e-15));
    const std::array<double, 2> x{1, -2};
    CHECK(net.forward(std::span<const double, 2>(x))[0] == Approx(by_hand).epsilon(1e-15));
    std::array<double, 2> writable{1, -2};
    CHECK(net.forward(std::span<double, 2>(writable))[0] == Approx(by_hand).epsilon(1e-15));
    // The same loops as std::array's: the same bits.
    CHECK(net.forward({1.0, -2.0}) == net.forward(x));
    static_assert(std::is_same_v<decltype(net.forward({1.0, -2.0})), small_net::output_type>);
}

TEST_CASE("forward() of a batch equals forward() of each sample")
{
    const small_net net = make_small();
    const ctnn::batch<double, 3, 2> xs{{{0, 0}, {1, -2}, {0.3, 0.7}}};
    const auto out = net.forward(xs);
    for (std::size_t s = 0; s < 3; ++s)
        CHECK(out[s][0] == net.forward(xs[s])[0]); // same loops, same order: bit-identical
}

TEST_CASE("Losses match their definitions")
{
    const small_net net = make_small();
    const ctnn::batch<double, 2, 2> x{{{1, -2}, {0.3, 0.7}}};
    const ctnn::batch<double, 2, 1> t{{{0.5}, {-1.0}}};
    const double e0 = small_by_hand(1, -2) - 0.5;
    const double e1 = small_by_hand(0.3, 0.7) + 1.0;
    CHECK(net.loss(x, t, ctnn::half_sum_squares{}) ==
          Approx(0.5 * e0 * e0 + 0.5 * e1 * e1).epsilon(1e-14));
    CHECK(net.loss(x, t, ctnn::mean_squared_error{}) ==
          Approx((e0 * e0 + e1 * e1) / 2).epsilon(1e-14));
}

TEST_CASE("backprop() returns the loss it differentiates and the chain-rule gradient")
{
    // One sigmoid unit, no bias: o = s(w0 x0 + w1 x1), E = 0.5 (o - t)^2,
    // dE/dwi = (o - t) o (1 - o) xi, worked by hand.
    using unit = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 1>;
    unit net;
    net.set_weights<0>({{0.3}, {-0.8}});
    const ctnn::batch<double, 1, 2> x{{{1.5, 0.5}}};
    const ctnn::batch<double, 1, 1> t{{{1.0}}};
    const double o = logistic(0.3 * 1.5 - 0.8 * 0.5);
    ctnn::gradient<unit> g;
    const double e = net.backprop(x, t, g, ctnn::half_sum_squares{});
    CHECK(e == Approx(0.5 * (o - 1) * (o - 1)).epsilon(1e-15));
    CHECK(e == net.loss(x, t, ctnn::half_sum_squares{}));
    CHECK(g.weights<0>()(0, 0) == Approx((o - 1) * o * (1 - o) * 1.5).epsilon(1e-14));
    CHECK(g.weights<0>()(1, 0) == Approx((o - 1) * o * (1 - o) * 0.5).epsilon(1e-14));

    SECTION("with a workspace the caller owns, the same numbers")
    {
        ctnn::workspace<unit, 1> ws;
        ctnn::gradient<unit> g2;
        CHECK(net.backprop(x, t, g2, ws, ctnn::half_sum_squares{}) == e);
        CHECK(g2 == g);
    }
}

TEST_CASE("backprop() overwrites the gradient rather than accumulating into it")
{
    const small_net net = make_small();
    const ctnn::batch<double, 2, 2> x{{{1, -2}, {0.3, 0.7}}};
    const ctnn::batch<double, 2, 1> t{{{0.5}, {-1.0}}};
    ctnn::gradient<small_net> fresh;
    net.backprop(x, t, fresh, ctnn::half_sum_squares{});
    ctnn::gradient<small_net> used;
    for (double& v : used.values())
        v = 123.0;
    net.backprop(x, t, used, ctnn::half_sum_squares{});
    CHECK(used == fresh);
}

TEST_CASE("sgd moves every parameter against its gradient")
{
    small_net net = make_small();
    const small_net before = net;
    ctnn::gradient<small_net> g;
    for (std::size_t k = 0; k < g.values().size(); ++k)
        g.values()[k] = static_cast<double>(k) - 4.0;
    ctnn::sgd{0.25}.step(net, g);
    for (std::size_t k = 0; k < g.values().size(); ++k)
        CHECK(net.values()[k] == before.values()[k] - 0.25 * g.values()[k]);
}

TEST_CASE("fit() reports every epoch and stops when the callback says so")
{
    small_net net = make_small();
    const ctnn::batch<double, 2, 2> x{{{1, -2}, {0.3, 0.7}}};
    const ctnn::batch<double, 2, 1> t{{{0.5}, {-1.0}}};

    SECTION("epochs count from 1, each loss is measured before that epoch's update")
    {
        small_net manual = net;
        std::size_t seen = 0;
        const auto r = ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{0.1}, 5,
                                 [&](const ctnn::epoch_report<double>& e) {
                                     ++seen;
                                     CHECK(e.epoch == seen);
                                     ctnn::gradient<small_net> g;
                                     CHECK(e.loss == manual.backprop(x, t, g, ctnn::half_sum_squares{}));
                                     ctnn::sgd{0.1}.step(manual, g);
                                 });
        CHECK(seen == 5);
        CHECK(r.epochs == 5);
        CHECK(r.stop == ctnn::training_stop::none);
        CHECK(r.completed());
        CHECK(r.stop_epoch == 0);
        CHECK(r.stop_batch == 0);
        CHECK(net == manual);
    }
    SECTION("control::stop ends training after that epoch")
    {
        const auto r = ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{0.1}, 100,
                                 [](const ctnn::epoch_report<double>& e) {
                                     return e.epoch == 3 ? ctnn::control::stop
                                                         : ctnn::control::proceed;
                                 });
        CHECK(r.epochs == 3);
        CHECK(r.stop == ctnn::training_stop::callback);
        CHECK_FALSE(r.completed());
        CHECK(r.stop_epoch == 3); // after epoch 3, at its end
        CHECK(r.stop_batch == 0);
    }
    SECTION("training reduces the loss")
    {
        const double start = net.loss(x, t, ctnn::half_sum_squares{});
        ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{0.1}, 200);
        CHECK(net.loss(x, t, ctnn::half_sum_squares{}) < start / 10);
    }
}

TEST_CASE("Divergence is reported and never written into the weights")
{
    // A linear network with a learning rate far too large: the loss grows without bound until it
    // overflows. fit() must stop there, with every weight still finite.
    using linear = ctnn::basic_network<ctnn::options<double, ctnn::identity>, 2, 3, 1>;
    linear net;
    ctnn::initialize(net, ctnn::uniform01{}, 1);
    const ctnn::batch<double, 2, 2> x{{{100, -200}, {300, 50}}};
    const ctnn::batch<double, 2, 1> t{{{1}, {-1}}};
    const auto r = ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{10.0}, 10'000);
    CHECK(r.stop == ctnn::training_stop::non_finite);
    CHECK(r.epochs < 10'000);
    CHECK(r.stop_epoch == r.epochs + 1); // the epoch whose update was refused, its one batch
    CHECK(r.stop_batch == 1);
    for (double v : net.values())
        CHECK(std::isfinite(v));

    SECTION("and a NaN input is caught on the first epoch")
    {
        linear fresh;
        const ctnn::batch<double, 1, 2> bad{{{std::numeric_limits<double>::quiet_NaN(), 1}}};
        const ctnn::batch<double, 1, 1> target{{{0}}};
        const linear before = fresh;
        const auto r2 = ctnn::fit(fresh, bad, target, ctnn::half_sum_squares{}, ctnn::sgd{0.1}, 5);
        CHECK(r2.stop == ctnn::training_stop::non_finite);
        CHECK(r2.epochs == 0);
        CHECK(r2.stop_epoch == 1);
        CHECK(fresh == before);
    }
}

TEST_CASE("a flat span of whole samples runs as a batch, row by row", "[network][forward]")
{
    ctnn::basic_network<ctnn::options<double>, 2, 3, 2> net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 5);
    const std::array<double, 6> flat{0.5, -1.0, 2.0, 0.25, -0.75, 1.5};
    const auto ys = net.forward(std::span<const double, 6>(flat));
    STATIC_REQUIRE(std::is_same_v<std::remove_const_t<decltype(ys)>, ctnn::batch<double, 3, 2>>);
    for (std::size_t r = 0; r < 3; ++r) {
        const auto y = net.forward(std::array<double, 2>{flat[2 * r], flat[2 * r + 1]});
        REQUIRE(ys[r] == y); // the same arithmetic, so the same bits
    }
}
