// The tutorial's OR network trained by the compiler for 10 epochs: its epoch-10 loss must match
// the figure NumPy printed (tests/golden/tutorial_figures.hpp, from ../shared/seed/SUMMARY.md)
// within 1e-12 relative. The network is the tutorial's: 2-3-1, double, sigmoid, no bias, fixed
// initial weights, learning rate 0.05, half the sum of squared errors, full-batch descent.
#include <catch2/catch.hpp>

#include "../golden/tutorial_figures.hpp"

#include <ctnn/ctnn.hpp>

#include <cstddef>

namespace {

using or_network = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;

constexpr double or_loss_after(std::size_t epochs)
{
    or_network net;
    net.set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    net.set_weights<1>({{0.7}, {0.8}, {0.9}});
    // fit reports the loss of the last epoch's forward pass, measured before its update: the
    // number the tutorial prints for that epoch.
    return ctnn::fit(net, tutorial::inputs, tutorial::or_targets, ctnn::half_sum_squares{},
                     ctnn::sgd{tutorial::learning_rate}, epochs)
        .loss;
}

constexpr bool within_relative(double value, double reference, double tolerance)
{
    const double d = (value - reference) / reference;
    return (d < 0 ? -d : d) <= tolerance;
}

static_assert(tutorial::or_losses[0].epoch == 1 && tutorial::or_losses[1].epoch == 10);
constexpr double epoch_1_loss = or_loss_after(1);
constexpr double epoch_10_loss = or_loss_after(10);
static_assert(within_relative(epoch_1_loss, tutorial::or_losses[0].loss, 1e-12),
              "the compile-time OR network's epoch-1 loss differs from NumPy's");
static_assert(within_relative(epoch_10_loss, tutorial::or_losses[1].loss, 1e-12),
              "the compile-time OR network's epoch-10 loss differs from NumPy's");

} // namespace

TEST_CASE("the OR network trained by the compiler matches NumPy's epoch-10 loss",
          "[constexpr][golden]")
{
    // The static_asserts above are the test; this case reports the numbers.
    CAPTURE(epoch_10_loss, tutorial::or_losses[1].loss);
    CHECK(epoch_10_loss == Approx(tutorial::or_losses[1].loss).epsilon(1e-12));
}
