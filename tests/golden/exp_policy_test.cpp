// Golden tests: the tutorial's OR run (../shared/seed/SUMMARY.md, NumPy float64) reproduced with
// each exp policy named explicitly, so that the figures hold whichever one ctnn::sigmoid's
// default_exp picks for the target: the vectorising polynomial and the C library's std::exp.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <type_traits>

#include <ctnn/ctnn.hpp>

#include "tutorial_figures.hpp"

namespace {

template <class Exp>
using or_net = ctnn::basic_network<ctnn::options<double, ctnn::no_bias, ctnn::basic_sigmoid<Exp>>,
                                   2, 3, 1>;

constexpr double golden_tolerance = 1e-8; // relative, as tutorial_test.cpp (issue 2)

double relative_error(double got, double expected)
{
    return std::fabs(got - expected) / std::fabs(expected);
}

} // namespace

TEMPLATE_TEST_CASE("The OR run reproduces the tutorial's figures with each exp policy", "",
                   ctnn::polynomial_exp, ctnn::std_exp)
{
    using net_type = or_net<TestType>;
    static_assert(std::is_same_v<typename net_type::template layer<1>::activation_type,
                                 ctnn::basic_sigmoid<TestType>>);
    net_type net;
    net.template set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    net.template set_weights<1>({{0.7}, {0.8}, {0.9}});

    std::size_t next = 0;
    const auto result = ctnn::fit(net, tutorial::inputs, tutorial::or_targets,
                                  ctnn::half_sum_squares{}, ctnn::sgd{tutorial::learning_rate},
                                  tutorial::or_epochs, [&](const ctnn::epoch_report<double>& e) {
                                      if (next < tutorial::or_losses.size() &&
                                          e.epoch == tutorial::or_losses[next].epoch) {
                                          INFO("epoch " << e.epoch << ": " << e.loss);
                                          CHECK(relative_error(e.loss, tutorial::or_losses[next].loss) <=
                                                golden_tolerance);
                                          ++next;
                                      }
                                  });
    CHECK(next == tutorial::or_losses.size()); // every reported epoch was seen
    CHECK(result.epochs == tutorial::or_epochs);
    CHECK(result.stop == ctnn::training_stop::none);

    const auto wh = net.template weights<0>();
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t h = 0; h < 3; ++h) {
            INFO("Wh(" << i << ", " << h << ") = " << wh(i, h));
            CHECK(relative_error(wh(i, h), tutorial::or_final_hidden[i][h]) <= golden_tolerance);
        }
    const auto wo = net.template weights<1>();
    for (std::size_t h = 0; h < 3; ++h) {
        INFO("Wo(" << h << ", 0) = " << wo(h, 0));
        CHECK(relative_error(wo(h, 0), tutorial::or_final_output[h][0]) <= golden_tolerance);
    }
    for (const auto& p : tutorial::or_predictions) {
        const double out = net.forward(p.input)[0];
        INFO("input (" << p.input[0] << ", " << p.input[1] << ") gives " << out);
        CHECK(relative_error(out, p.output) <= golden_tolerance);
    }
}

TEMPLATE_TEST_CASE("The tutorial's final OR weights give its predictions with each exp policy", "",
                   ctnn::polynomial_exp, ctnn::std_exp)
{
    or_net<TestType> net;
    net.template set_weights<0>(tutorial::or_final_hidden);
    net.template set_weights<1>(tutorial::or_final_output);
    for (const auto& p : tutorial::or_predictions)
        CHECK(relative_error(net.forward(p.input)[0], p.output) <= 1e-14);
}
