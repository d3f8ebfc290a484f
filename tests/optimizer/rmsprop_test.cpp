// ctnn::rmsprop: its steps against rmsprop_reference.py (torch.optim.RMSprop's documented update
// in decimal arithmetic, not ctnn's code), its facts (PyTorch's defaults, its name in files, its
// cost), and every feature an optimiser takes part in: constant evaluation, the trainer's checked
// step, ctnn::fit, ctnn::trainer, and a resume from a saved state, bit for bit.
#include <catch2/catch.hpp>

#include <concepts>
#include <sstream>
#include <string>
#include <type_traits>

#include <ctnn/cost.hpp>
#include <ctnn/optimizer.hpp>

#include "../support/optimizer_checks.hpp"

namespace {

using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;

// PyTorch's defaults, designated-initialisable.
static_assert(std::is_aggregate_v<ctnn::rmsprop>);
constexpr ctnn::rmsprop defaults{};
static_assert(defaults.learning_rate == 0.01 && defaults.alpha == 0.99 &&
              defaults.epsilon == 1e-8);
static_assert(ctnn::rmsprop{.alpha = 0.9}.learning_rate == 0.01);

// An optimiser with a rule, so the trainer's checked step is one pass; its state is one
// parameter-shaped array of zeros, inline, that reports whether it is finite.
static_assert(ctnn::per_parameter_optimizer<ctnn::rmsprop, tutorial>);
static_assert(ctnn::per_parameter_optimizer<ctnn::rmsprop, ctnn::network<2, 3, 1>>);
static_assert(sizeof(ctnn::rmsprop::state<tutorial>) == sizeof(ctnn::parameters<tutorial>));
static_assert(ctnn::rmsprop::state<tutorial>{}.finite());

// Its name in files, and its cost: 9 FLOPs a parameter (v = a v + (1-a) g g: 3 multiplies and an
// add; p -= lr g / (sqrt(v) + eps): a multiply, a root, an add, a divide and a subtract). The
// tutorial's network has 9 parameters, and a sample costs 18 FLOPs forward and 28 backward
// (tests/static/cost.cpp): at batch 4, 4 * 46 + 81 = 265. Its state: 9 doubles, 72 bytes,
// padded to the 64-byte alignment: 128.
static_assert(ctnn::optimizer_name<ctnn::rmsprop>::value == "rmsprop");
static_assert(ctnn::optimizer_cost<ctnn::rmsprop>::flops_per_parameter == 9);
static_assert(ctnn::cost<tutorial>::update_flops<ctnn::rmsprop> == 81);
static_assert(ctnn::cost<tutorial>::train_step_flops<ctnn::rmsprop>(4) == 265);
static_assert(ctnn::cost<tutorial>::optimizer_state_bytes<ctnn::rmsprop> == 128);

} // namespace

TEMPLATE_TEST_CASE("rmsprop: v = alpha v + (1 - alpha) g^2, p -= lr g / (sqrt(v) + eps)",
                   "[optimizer][rmsprop]", float, double)
{
    using optimizer_checks::check_steps;
    using optimizer_checks::run;
    // Step 1 by hand: v = (1 - alpha) g^2, so sqrt(v) = sqrt(1 - alpha) |g| and
    // p = p0 - lr g / (sqrt(1 - alpha) |g| + eps). With the defaults, for w0:
    // 0.5 - 0.01 * 0.2 / (0.1 * 0.2 + 1e-8) = 0.5 - 0.002 / 0.02000001 = 0.400000049999975...
    // Steps 2 and 3 from rmsprop_reference.py:
    //   rmsprop defaults: lr 0.01, alpha 0.99, eps 1e-8
    //     step 1: 0.40000004999997500, -0.20000002499999375   (v 0.0004, 0.0016)
    //     step 2: 0.44490135534538746, -0.21246501326608003   (v 0.000496, 0.001609)
    //     step 3: 0.36446519540100597, -0.21246501326608003   (v 0.00139104, 0.00159291)
    //   rmsprop lr 0.05, alpha 0.9, eps 0.01
    //     step 1: 0.36347294050418568, -0.15347030640662242   (v 0.004, 0.016)
    //     step 2: 0.42772105142779977, -0.17254886042193205   (v 0.0046, 0.01465)
    //     step 3: 0.30736464148080191, -0.17254886042193205   (v 0.01314, 0.013185)
    // (w1's third gradient is 0: it does not move.)
    check_steps<TestType>(run<TestType>(ctnn::rmsprop{}, 0.01),
                          {{{0.40000004999997500, -0.20000002499999375},
                            {0.44490135534538746, -0.21246501326608003},
                            {0.36446519540100597, -0.21246501326608003}}});
    check_steps<TestType>(run<TestType>(ctnn::rmsprop{.alpha = 0.9, .epsilon = 0.01}, 0.05),
                          {{{0.36347294050418568, -0.15347030640662242},
                            {0.42772105142779977, -0.17254886042193205},
                            {0.30736464148080191, -0.17254886042193205}}});

    SECTION("the state is the moving average of the squared gradient")
    {
        auto net = optimizer_checks::make_line<TestType>(optimizer_checks::start);
        ctnn::optimizer_state<ctnn::rmsprop, optimizer_checks::line<TestType>> state;
        for (const auto& g : optimizer_checks::gradients)
            ctnn::rmsprop{}.step(net, optimizer_checks::make_gradient<TestType>(g), state,
                                 TestType(0.01));
        // 0.01 (0.99^2 * 0.2^2 + 0.99 * 0.1^2 + 0.3^2) and 0.01 (0.99^2 * 0.4^2 + 0.99 * 0.05^2)
        const double tolerance = optimizer_checks::relative_tolerance<TestType>;
        CHECK(static_cast<double>(state.square_average.values()[0]) ==
              Approx(0.00139104).epsilon(tolerance));
        CHECK(static_cast<double>(state.square_average.values()[1]) ==
              Approx(0.00159291).epsilon(tolerance));
    }
}

TEST_CASE("rmsprop: a step gives the same bits at compile time and at run time",
          "[optimizer][rmsprop][constexpr]")
{
    // Compile time takes the integer square root, run time the hardware's: both are exact.
    constexpr ctnn::rmsprop opt{};
    constexpr auto at_compile_time = optimizer_checks::run<double>(opt, 0.01);
    CHECK(at_compile_time == optimizer_checks::run<double>(optimizer_checks::unseen(opt), 0.01));
}

TEMPLATE_TEST_CASE("rmsprop: the trainer's checked step keeps a finite step and undoes any other",
                   "[optimizer][rmsprop][checked]", float, double)
{
    optimizer_checks::check_checked_step<TestType>(ctnn::rmsprop{});
}

TEMPLATE_TEST_CASE("rmsprop: fit and the trainer are their own loops of backprop and step",
                   "[optimizer][rmsprop][fit][trainer]", float, double)
{
    optimizer_checks::check_fit_is_own_loop<TestType>(ctnn::rmsprop{.learning_rate = 0.05});
    optimizer_checks::check_trainer_is_own_loop<TestType>(ctnn::rmsprop{.learning_rate = 0.05});
}

TEMPLATE_TEST_CASE("rmsprop: training resumed from a saved state is bit-identical",
                   "[optimizer][rmsprop][serialization]", float, double)
{
    optimizer_checks::check_resume<TestType>(ctnn::rmsprop{.learning_rate = 0.05});
}

TEST_CASE("rmsprop: a file names its state, and momentum's state of the same shape is refused",
          "[optimizer][rmsprop][serialization]")
{
    tutorial net;
    ctnn::optimizer_state<ctnn::rmsprop, tutorial> state{};
    std::stringstream file;
    REQUIRE(ctnn::save<ctnn::rmsprop>(net, state, file, ctnn::format::text));
    CHECK_THAT(file.str(), Catch::Contains("\nstate rmsprop: parameters\n"));
    ctnn::optimizer_state<ctnn::momentum, tutorial> velocity{};
    const auto r = ctnn::load<ctnn::momentum>(net, velocity, file);
    CHECK(r.error() == ctnn::io_error::type_mismatch);
}
