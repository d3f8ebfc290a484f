// The optimisers against updates computed by hand (sgd, momentum, nesterov) or by the independent
// scalar reference optimizer_reference.py (adam, adamw), on a float and a double network, plus
// the identities that tie them together.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <type_traits>

#include <ctnn/ctnn.hpp>

#include "../support/optimizer_checks.hpp"

using namespace optimizer_checks;

TEMPLATE_TEST_CASE("sgd: p -= lr g", "", float, double)
{
    // 0.5 - 0.1 * 0.2 = 0.48;   -0.3 - 0.1 * (-0.4) = -0.26
    // 0.48 - 0.1 * (-0.1) = 0.49;  -0.26 - 0.1 * 0.05 = -0.265
    // 0.49 - 0.1 * 0.3 = 0.46;     -0.265 - 0 = -0.265
    check_steps<TestType>(run<TestType>(ctnn::sgd{123.0}), // the rate passed to step() counts
                          {{{0.48, -0.26}, {0.49, -0.265}, {0.46, -0.265}}});

    SECTION("the two-argument step uses the optimiser's own learning rate")
    {
        auto net = make_line<TestType>(start);
        ctnn::sgd{0.1}.step(net, make_gradient<TestType>(gradients[0]));
        CHECK(static_cast<double>(net.values()[0]) == Approx(0.48).epsilon(1e-7));
        CHECK(static_cast<double>(net.values()[1]) == Approx(-0.26).epsilon(1e-7));
    }
}

TEMPLATE_TEST_CASE("momentum: v = beta v + g, p -= lr v", "", float, double)
{
    // w0: v = 0.2, p = 0.5 - 0.02 = 0.48; v = 0.18 - 0.1 = 0.08, p = 0.48 - 0.008 = 0.472;
    //     v = 0.072 + 0.3 = 0.372, p = 0.472 - 0.0372 = 0.4348
    // w1: v = -0.4, p = -0.26; v = -0.36 + 0.05 = -0.31, p = -0.26 + 0.031 = -0.229;
    //     v = -0.279 + 0 = -0.279, p = -0.229 + 0.0279 = -0.2011
    check_steps<TestType>(run<TestType>(ctnn::momentum{.learning_rate = 9.0, .beta = 0.9}),
                          {{{0.48, -0.26}, {0.472, -0.229}, {0.4348, -0.2011}}});
}

TEMPLATE_TEST_CASE("nesterov: v = beta v + g, p -= lr (g + beta v)", "", float, double)
{
    // w0: v = 0.2, g + 0.9 v = 0.38, p = 0.5 - 0.038 = 0.462
    //     v = 0.08, g + 0.9 v = -0.1 + 0.072 = -0.028, p = 0.462 + 0.0028 = 0.4648
    //     v = 0.372, g + 0.9 v = 0.3 + 0.3348 = 0.6348, p = 0.4648 - 0.06348 = 0.40132
    // w1: v = -0.4, g + 0.9 v = -0.76, p = -0.3 + 0.076 = -0.224
    //     v = -0.31, g + 0.9 v = 0.05 - 0.279 = -0.229, p = -0.224 + 0.0229 = -0.2011
    //     v = -0.279, g + 0.9 v = -0.2511, p = -0.2011 + 0.02511 = -0.17599
    check_steps<TestType>(run<TestType>(ctnn::nesterov{.learning_rate = 9.0}), // beta 0.9
                          {{{0.462, -0.224}, {0.4648, -0.2011}, {0.40132, -0.17599}}});
}

TEMPLATE_TEST_CASE("adam against the PyTorch formulas", "", float, double)
{
    // Step 1 by hand: m = 0.1 g, v = 0.001 g^2, so m_hat = g and v_hat = g^2 and the update is
    // lr g / (|g| + 1e-8): 0.5 - 0.1 / (1 + 5e-8) = 0.400000005 (and -0.3 + 0.1 / (1 + 2.5e-8)).
    // Steps 2 and 3 from optimizer_reference.py.
    check_steps<TestType>(run<TestType>(ctnn::adam{.learning_rate = 5.0}),
                          {{{0.4000000049999997, -0.2000000024999999},
                            {0.3733663027186757, -0.1427465469362124},
                            {0.3098342873247408, -0.09848946019654811}}});

    SECTION("the state counts steps and keeps beta^t")
    {
        auto net = make_line<TestType>(start);
        ctnn::optimizer_state<ctnn::adam, line<TestType>> state;
        CHECK(state.step_count == 0);
        for (const auto& g : gradients)
            ctnn::adam{}.step(net, make_gradient<TestType>(g), state, TestType(0.1));
        CHECK(state.step_count == 3);
        CHECK(state.beta1_power == Approx(0.729).epsilon(1e-15));
        CHECK(state.beta2_power == Approx(0.997002999).epsilon(1e-15));
        // m for w0 after three steps: 0.1 (0.9^2 * 0.2 + 0.9 * (-0.1) + 0.3) = 0.1 * 0.372
        CHECK(static_cast<double>(state.m.values()[0]) ==
              Approx(0.0372).epsilon(relative_tolerance<TestType>));
        // v for w0: 0.001 (0.998001 * 0.04 + 0.999 * 0.01 + 0.09) = 0.001 * 0.13991004
        CHECK(static_cast<double>(state.v.values()[0]) ==
              Approx(0.00013991004).epsilon(relative_tolerance<TestType>));
    }
}

TEMPLATE_TEST_CASE("adamw: decay by (1 - lr wd), then adam", "", float, double)
{
    // Step 1 by hand: 0.5 (1 - 0.001) - 0.1 / (1 + 5e-8) = 0.3995000049999997...
    // Steps 2 and 3 from optimizer_reference.py.
    check_steps<TestType>(
        run<TestType>(ctnn::adamw{.learning_rate = 5.0, .weight_decay = 0.01}),
        {{{0.3995000049999997, -0.1997000024999999},
          {0.3724668027136757, -0.14224684693371237},
          {0.3085623205170271, -0.09784751334711439}}});
}

TEMPLATE_TEST_CASE("momentum and nesterov with beta 0 are sgd, bit for bit", "", float, double)
{
    using net_t = line<TestType>;
    auto plain = make_line<TestType>(start);
    auto with_momentum = plain;
    auto with_nesterov = plain;
    ctnn::optimizer_state<ctnn::sgd, net_t> no_state;
    ctnn::optimizer_state<ctnn::momentum, net_t> momentum_state;
    ctnn::optimizer_state<ctnn::nesterov, net_t> nesterov_state;
    const std::array<TestType, 3> rates{TestType(0.1), TestType(0.05), TestType(0.3)};
    for (std::size_t step = 0; step < 3; ++step) {
        const auto g = make_gradient<TestType>(gradients[step]);
        ctnn::sgd{0.0}.step(plain, g, no_state, rates[step]);
        ctnn::momentum{.learning_rate = 0.0, .beta = 0.0}.step(with_momentum, g, momentum_state,
                                                               rates[step]);
        ctnn::nesterov{.learning_rate = 0.0, .beta = 0.0}.step(with_nesterov, g, nesterov_state,
                                                               rates[step]);
        CHECK(with_momentum == plain);
        CHECK(with_nesterov == plain);
    }
}

TEMPLATE_TEST_CASE("adamw with weight_decay 0 is adam, bit for bit", "", float, double)
{
    using net_t = line<TestType>;
    auto a = make_line<TestType>(start);
    auto w = a;
    ctnn::optimizer_state<ctnn::adam, net_t> adam_state;
    ctnn::optimizer_state<ctnn::adamw, net_t> adamw_state;
    for (std::size_t step = 0; step < 3; ++step) {
        const auto g = make_gradient<TestType>(gradients[step]);
        ctnn::adam{}.step(a, g, adam_state, TestType(0.1));
        ctnn::adamw{.weight_decay = 0.0}.step(w, g, adamw_state, TestType(0.1));
        CHECK(w == a);
    }
}

TEMPLATE_TEST_CASE("adamw on a zero gradient only decays, by exactly (1 - lr wd) per step", "",
                   float, double)
{
    using net_t = line<TestType>;
    auto net = make_line<TestType>(start);
    ctnn::optimizer_state<ctnn::adamw, net_t> state;
    const ctnn::gradient<net_t> zero;
    const double lr = 0.1;
    const double wd = 0.5;
    // The factor as PyTorch forms it (a double 1 - lr wd), applied in the network's precision.
    const auto factor = static_cast<TestType>(1.0 - static_cast<double>(TestType(lr)) * wd);
    TestType w0 = TestType(0.5);
    TestType w1 = TestType(-0.3);
    for (int step = 0; step < 5; ++step) {
        ctnn::adamw{.weight_decay = wd}.step(net, zero, state, TestType(lr));
        w0 *= factor;
        w1 *= factor;
        CHECK(net.values()[0] == w0);
        CHECK(net.values()[1] == w1);
    }
    CHECK(static_cast<double>(net.values()[0]) == Approx(0.5 * std::pow(0.95, 5)).epsilon(1e-6));
}

TEST_CASE("adam matches the textbook formula over many steps")
{
    // An independent scalar implementation in the arrangement of the brief's formula (with pow,
    // and the bias corrections applied to m and v themselves), against ctnn's PyTorch
    // arrangement; gradients of varied sign and scale, a learning rate that changes each step.
    using net_t = line<double>;
    auto net = make_line<double>(start);
    ctnn::optimizer_state<ctnn::adam, net_t> state;
    const ctnn::adam opt{.learning_rate = 0.0, .beta1 = 0.8, .beta2 = 0.99, .epsilon = 1e-6};
    values2 p = start, m{}, v{};
    ctnn::random_engine rng(3);
    for (int t = 1; t <= 200; ++t) {
        const double lr = 0.01 * (1.0 + 0.5 * std::sin(t));
        values2 g{};
        for (auto& x : g)
            x = (2 * rng.uniform01<double>() - 1) * std::pow(10.0, 4 * rng.uniform01<double>() - 2);
        for (std::size_t k = 0; k < 2; ++k) {
            m[k] = opt.beta1 * m[k] + (1 - opt.beta1) * g[k];
            v[k] = opt.beta2 * v[k] + (1 - opt.beta2) * g[k] * g[k];
            const double m_hat = m[k] / (1 - std::pow(opt.beta1, t));
            const double v_hat = v[k] / (1 - std::pow(opt.beta2, t));
            p[k] -= lr * m_hat / (std::sqrt(v_hat) + opt.epsilon);
        }
        opt.step(net, make_gradient<double>(g), state, lr);
    }
    CHECK(net.values()[0] == Approx(p[0]).epsilon(1e-12));
    CHECK(net.values()[1] == Approx(p[1]).epsilon(1e-12));
}

TEST_CASE("adam's first step is about lr per parameter whatever the gradient's scale")
{
    for (double scale : {1e-4, 1.0, 1e4}) {
        auto net = make_line<double>({0.0, 0.0});
        ctnn::optimizer_state<ctnn::adam, line<double>> state;
        ctnn::adam{}.step(net, make_gradient<double>({scale, -2 * scale}), state, 0.01);
        INFO("gradient scale " << scale);
        CHECK(net.values()[0] == Approx(-0.01).epsilon(1e-3));
        CHECK(net.values()[1] == Approx(0.01).epsilon(1e-3));
    }
}

TEST_CASE("an adam step gives the same bits at compile time and at run time")
{
    // Compile time takes the integer square root, run time the hardware's: both are exact.
    constexpr auto train = [] {
        line<double> net;
        net.values()[0] = 0.5;
        net.values()[1] = -0.3;
        ctnn::optimizer_state<ctnn::adamw, line<double>> state;
        for (const auto& g : gradients) {
            ctnn::gradient<line<double>> grad;
            grad.values()[0] = g[0];
            grad.values()[1] = g[1];
            ctnn::adamw{}.step(net, grad, state, 0.1);
        }
        return std::array<double, 2>{net.values()[0], net.values()[1]};
    };
    constexpr auto at_compile_time = train();
    const auto at_run_time = train();
    CHECK(at_compile_time == at_run_time);
}

TEST_CASE("optimisers train a network with bias in both layers")
{
    // An end-to-end smoke test on the tutorial's problem shape: every optimiser lowers the loss.
    using net_t = ctnn::basic_network<ctnn::options<float>, 2, 3, 1>;
    const ctnn::batch<float, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<float, 4, 1> t{{{0}, {1}, {1}, {1}}};
    const auto train = [&](const auto& opt) {
        net_t net;
        ctnn::initialize(net, ctnn::xavier_uniform{}, 5);
        ctnn::optimizer_state<std::remove_cvref_t<decltype(opt)>, net_t> state;
        ctnn::gradient<net_t> grad;
        const float first = net.backprop(x, t, grad, ctnn::half_sum_squares{});
        float last = first;
        for (int epoch = 0; epoch < 300; ++epoch) {
            last = net.backprop(x, t, grad, ctnn::half_sum_squares{});
            opt.step(net, grad, state, static_cast<float>(opt.learning_rate));
        }
        INFO("loss " << first << " -> " << last);
        CHECK(last < 0.5f * first);
    };
    train(ctnn::sgd{1.0});
    train(ctnn::momentum{0.5});
    train(ctnn::nesterov{0.5});
    train(ctnn::adam{.learning_rate = 0.05});
    train(ctnn::adamw{.learning_rate = 0.05});
}
