// Golden tests: ctnn reproduces the seed tutorial's NumPy figures (../shared/seed/SUMMARY.md).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>

#include <ctnn/ctnn.hpp>

#include "tutorial_figures.hpp"

namespace {

// The tutorial's network: double, sigmoid everywhere, no bias.
using or_net = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;
using xor_net = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 4, 1>;
using single_net = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 1>;

constexpr double golden_tolerance = 1e-8; // relative, as issue 2 asks

double relative_error(double got, double expected)
{
    return std::fabs(got - expected) / std::fabs(expected);
}

or_net tutorial_or_start()
{
    or_net net;
    net.set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    net.set_weights<1>({{0.7}, {0.8}, {0.9}});
    return net;
}

} // namespace

TEST_CASE("The OR gate run reproduces the tutorial's loss at every reported epoch")
{
    or_net net = tutorial_or_start();
    std::size_t next = 0;
    const auto result = ctnn::fit(net, tutorial::inputs, tutorial::or_targets,
                                  ctnn::half_sum_squares{}, ctnn::sgd{tutorial::learning_rate},
                                  tutorial::or_epochs, [&](const ctnn::epoch_report<double>& e) {
                                      if (next < tutorial::or_losses.size() &&
                                          e.epoch == tutorial::or_losses[next].epoch) {
                                          INFO("epoch " << e.epoch);
                                          CHECK(relative_error(e.loss, tutorial::or_losses[next].loss) <=
                                                golden_tolerance);
                                          ++next;
                                      }
                                  });
    CHECK(next == tutorial::or_losses.size()); // every reported epoch was seen
    CHECK(result.epochs == tutorial::or_epochs);
    CHECK(result.stop == ctnn::training_stop::none);

    SECTION("and its final weights")
    {
        const auto wh = net.weights<0>();
        for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t h = 0; h < 3; ++h) {
                INFO("Wh(" << i << ", " << h << ") = " << wh(i, h));
                CHECK(relative_error(wh(i, h), tutorial::or_final_hidden[i][h]) <= golden_tolerance);
            }
        const auto wo = net.weights<1>();
        for (std::size_t h = 0; h < 3; ++h) {
            INFO("Wo(" << h << ", 0) = " << wo(h, 0));
            CHECK(relative_error(wo(h, 0), tutorial::or_final_output[h][0]) <= golden_tolerance);
        }
    }

    SECTION("and its four predictions")
    {
        for (const auto& p : tutorial::or_predictions) {
            const double out = net.forward(p.input)[0];
            INFO("input (" << p.input[0] << ", " << p.input[1] << ") gives " << out);
            CHECK(relative_error(out, p.output) <= golden_tolerance);
        }
    }
}

TEST_CASE("The tutorial's final OR weights give its predictions (forward pass alone)")
{
    or_net net;
    net.set_weights<0>(tutorial::or_final_hidden);
    net.set_weights<1>(tutorial::or_final_output);
    for (const auto& p : tutorial::or_predictions)
        CHECK(relative_error(net.forward(p.input)[0], p.output) <= 1e-14);
}

TEST_CASE("A single layer without bias cannot learn OR as well, and cannot learn XOR at all")
{
    // SUMMARY.md: 2-1, no bias, W = [[0.1], [0.2]], lr 0.05, 10,000 epochs, correct derivative:
    // E = 0.126125, predictions 0.5 0.9665 0.9665 0.9988 (given to 6 and 4 digits).
    single_net single;
    single.set_weights<0>({{0.1}, {0.2}});
    ctnn::fit(single, tutorial::inputs, tutorial::or_targets, ctnn::half_sum_squares{},
              ctnn::sgd{tutorial::learning_rate}, 10'000);
    const double single_loss = single.loss(tutorial::inputs, tutorial::or_targets,
                                           ctnn::half_sum_squares{});
    CHECK(single_loss == Approx(0.126125).margin(5e-7));
    const double expected[4] = {0.5, 0.9665, 0.9665, 0.9988};
    for (std::size_t s = 0; s < 4; ++s)
        CHECK(single.forward(tutorial::inputs[s])[0] == Approx(expected[s]).margin(5e-5));
    // (0, 0) gives z = 0 whatever the weights: without a bias it can never leave 0.5.
    CHECK(single.forward(tutorial::inputs[0])[0] == 0.5);

    SECTION("while the 2-3-1 network with a hidden layer does far better on the same budget")
    {
        or_net hidden = tutorial_or_start();
        ctnn::fit(hidden, tutorial::inputs, tutorial::or_targets, ctnn::half_sum_squares{},
                  ctnn::sgd{tutorial::learning_rate}, 200'000);
        const double hidden_loss = hidden.loss(tutorial::inputs, tutorial::or_targets,
                                               ctnn::half_sum_squares{});
        CHECK(hidden_loss < single_loss / 100);
        CHECK(hidden.forward(tutorial::inputs[0])[0] < 0.05); // (0, 0) -> 0 is learnt
    }

    SECTION("on XOR every prediction of the single layer stays at 0.5 (E = 0.5)")
    {
        single_net xor_single;
        xor_single.set_weights<0>({{0.1}, {0.2}});
        ctnn::fit(xor_single, tutorial::inputs, tutorial::xor_targets, ctnn::half_sum_squares{},
                  ctnn::sgd{tutorial::learning_rate}, 10'000);
        CHECK(xor_single.loss(tutorial::inputs, tutorial::xor_targets, ctnn::half_sum_squares{}) ==
              Approx(0.5).margin(1e-9));
        for (const auto& x : tutorial::inputs)
            CHECK(xor_single.forward(x)[0] == Approx(0.5).margin(1e-9));
    }
}

TEST_CASE("XOR 2-4-1 without bias converges from uniform [0, 1) weights for ten seeds")
{
    // SUMMARY.md: converged for each of ten NumPy seeds; every prediction within 0.03 of its
    // target. The issue asks for 0.05 with ctnn's own generator.
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        xor_net net;
        ctnn::initialize(net, ctnn::uniform01{}, seed);
        const auto result = ctnn::fit(net, tutorial::inputs, tutorial::xor_targets,
                                      ctnn::half_sum_squares{},
                                      ctnn::sgd{tutorial::learning_rate}, 200'000);
        REQUIRE(result.stop == ctnn::training_stop::none);
        for (std::size_t s = 0; s < 4; ++s) {
            const double out = net.forward(tutorial::inputs[s])[0];
            INFO("seed " << seed << ", sample " << s << ": " << out << " (final loss "
                         << result.loss << ")");
            CHECK(std::fabs(out - tutorial::xor_targets[s][0]) <= 0.05);
        }
    }
}

TEST_CASE("The OR run in float follows the double run closely")
{
    using float_net = ctnn::basic_network<ctnn::options<float, ctnn::no_bias>, 2, 3, 1>;
    float_net net;
    net.set_weights<0>({{0.1f, 0.2f, 0.3f}, {0.4f, 0.5f, 0.6f}});
    net.set_weights<1>({{0.7f}, {0.8f}, {0.9f}});
    const ctnn::batch<float, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<float, 4, 1> t{{{0}, {1}, {1}, {1}}};
    ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{0.05}, 200'000);
    for (const auto& p : tutorial::or_predictions) {
        const std::array<float, 2> in{static_cast<float>(p.input[0]),
                                      static_cast<float>(p.input[1])};
        CHECK(net.forward(in)[0] == Approx(p.output).margin(2e-3));
    }
}
