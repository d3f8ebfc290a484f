// ctnn::adagrad: its steps against adagrad_reference.py (torch.optim.Adagrad's documented update
// in decimal arithmetic, not ctnn's code), its facts (PyTorch's defaults, its name in files, its
// cost), and every feature an optimiser takes part in: constant evaluation, the trainer's checked
// step, ctnn::fit, ctnn::trainer, and a resume from a saved state, bit for bit.
#include <catch2/catch.hpp>

#include <limits>
#include <sstream>
#include <string>
#include <type_traits>

#include <ctnn/cost.hpp>
#include <ctnn/optimizer.hpp>

#include "../support/optimizer_checks.hpp"

namespace {

using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;

// PyTorch's defaults, designated-initialisable.
static_assert(std::is_aggregate_v<ctnn::adagrad>);
constexpr ctnn::adagrad defaults{};
static_assert(defaults.learning_rate == 0.01 && defaults.lr_decay == 0.0 &&
              defaults.initial_accumulator_value == 0.0 && defaults.epsilon == 1e-10);
static_assert(ctnn::adagrad{.lr_decay = 0.5}.learning_rate == 0.01);

// An optimiser with a rule, so the trainer's checked step is one pass; its state, inline, is a
// parameter-shaped array and the step count padded to the 64-byte alignment, and reports whether
// it is finite.
static_assert(ctnn::per_parameter_optimizer<ctnn::adagrad, tutorial>);
static_assert(ctnn::per_parameter_optimizer<ctnn::adagrad, ctnn::network<2, 3, 1>>);
static_assert(sizeof(ctnn::adagrad::state<tutorial>) == sizeof(ctnn::parameters<tutorial>) + 64);
static_assert(ctnn::adagrad::state<tutorial>{}.finite());

// Its name in files, and its cost: 7 FLOPs a parameter (sum = sum + g g: a multiply and an add;
// p -= clr g / (sqrt(sum) + eps): a multiply, a root, an add, a divide and a subtract). The
// tutorial's network has 9 parameters, and a sample costs 18 FLOPs forward and 28 backward
// (tests/static/cost.cpp): at batch 4, 4 * 46 + 63 = 247. Its state: 9 doubles, 72 bytes, padded
// to the 64-byte alignment, 128, and the 8-byte step count padded likewise: 192.
static_assert(ctnn::optimizer_name<ctnn::adagrad>::value == "adagrad");
static_assert(ctnn::optimizer_cost<ctnn::adagrad>::flops_per_parameter == 7);
static_assert(ctnn::cost<tutorial>::update_flops<ctnn::adagrad> == 63);
static_assert(ctnn::cost<tutorial>::train_step_flops<ctnn::adagrad>(4) == 247);
static_assert(ctnn::cost<tutorial>::optimizer_state_bytes<ctnn::adagrad> == 192);

} // namespace

TEMPLATE_TEST_CASE("adagrad: sum += g^2, p -= lr / (1 + (t - 1) lr_decay) g / (sqrt(sum) + eps)",
                   "[optimizer][adagrad]", float, double)
{
    using optimizer_checks::check_steps;
    using optimizer_checks::run;
    // Step 1 by hand: sum = initial + g^2; with the defaults sqrt(sum) = |g| and
    // p = p0 - lr g / (|g| + eps), for w0: 0.5 - 0.01 * 0.2 / (0.2 + 1e-10) = 0.490000000005.
    // Steps 2 and 3 from adagrad_reference.py:
    //   adagrad defaults: lr 0.01, lr_decay 0, initial_accumulator_value 0, eps 1e-10
    //     step 1: 0.49000000000500000, -0.29000000000250000   (sum 0.04, 0.16)
    //     step 2: 0.49447213595799958, -0.29124034734808439   (sum 0.05, 0.1625)
    //     step 3: 0.48645429870276970, -0.29124034734808439   (sum 0.14, 0.1625)
    //   adagrad lr 0.05, lr_decay 0.5, initial_accumulator_value 0.1, eps 0.001
    //     step 1: 0.47334511398814319, -0.26085354548599968   (sum 0.14, 0.26)
    //     step 2: 0.48192957865392411, -0.26410020889105379   (sum 0.15, 0.2625)
    //     step 3: 0.46665145410267695, -0.26410020889105379   (sum 0.24, 0.2625)
    // (w1's third gradient is 0: it does not move.)
    check_steps<TestType>(run<TestType>(ctnn::adagrad{}, 0.01),
                          {{{0.49000000000500000, -0.29000000000250000},
                            {0.49447213595799958, -0.29124034734808439},
                            {0.48645429870276970, -0.29124034734808439}}});
    const ctnn::adagrad decaying{.lr_decay = 0.5, .initial_accumulator_value = 0.1,
                                 .epsilon = 0.001};
    check_steps<TestType>(run<TestType>(decaying, 0.05),
                          {{{0.47334511398814319, -0.26085354548599968},
                            {0.48192957865392411, -0.26410020889105379},
                            {0.46665145410267695, -0.26410020889105379}}});

    SECTION("the state is the sum of the squared gradients from the initial value, and the count")
    {
        auto net = optimizer_checks::make_line<TestType>(optimizer_checks::start);
        ctnn::optimizer_state<ctnn::adagrad, optimizer_checks::line<TestType>> state;
        for (const auto& g : optimizer_checks::gradients)
            decaying.step(net, optimizer_checks::make_gradient<TestType>(g), state,
                          TestType(0.05));
        // 0.1 + 0.2^2 + 0.1^2 + 0.3^2 and 0.1 + 0.4^2 + 0.05^2 + 0^2
        const double tolerance = optimizer_checks::relative_tolerance<TestType>;
        CHECK(static_cast<double>(state.sum.values()[0]) == Approx(0.24).epsilon(tolerance));
        CHECK(static_cast<double>(state.sum.values()[1]) == Approx(0.2625).epsilon(tolerance));
        CHECK(state.step_count == 3);
    }
}

TEST_CASE("adagrad: a step gives the same bits at compile time and at run time",
          "[optimizer][adagrad][constexpr]")
{
    // Compile time takes the integer square root, run time the hardware's: both are exact.
    constexpr ctnn::adagrad opt{.lr_decay = 0.5, .initial_accumulator_value = 0.1};
    constexpr auto at_compile_time = optimizer_checks::run<double>(opt, 0.01);
    CHECK(at_compile_time == optimizer_checks::run<double>(optimizer_checks::unseen(opt), 0.01));
}

TEMPLATE_TEST_CASE("adagrad: the trainer's checked step keeps a finite step and undoes any other",
                   "[optimizer][adagrad][checked]", float, double)
{
    optimizer_checks::check_checked_step<TestType>(ctnn::adagrad{});
    optimizer_checks::check_checked_step<TestType>(
        ctnn::adagrad{.lr_decay = 0.1, .initial_accumulator_value = 0.5});
}

TEMPLATE_TEST_CASE("adagrad: a rejected first step leaves a fresh state, which the next step "
                   "starts from the initial value",
                   "[optimizer][adagrad][checked]", float, double)
{
    using line = optimizer_checks::line<TestType>;
    const ctnn::adagrad opt{.initial_accumulator_value = 0.1};
    auto net = optimizer_checks::make_line<TestType>(optimizer_checks::start);
    const auto before = net;
    ctnn::optimizer_state<ctnn::adagrad, line> state{};
    ctnn::undo_record<ctnn::adagrad, line> undo;
    auto spoiled = optimizer_checks::make_gradient<TestType>(optimizer_checks::gradients[0]);
    spoiled.values()[1] = std::numeric_limits<TestType>::quiet_NaN();
    CHECK_FALSE(ctnn::detail::checked_step(opt, net, spoiled, state, TestType(0.01), undo));
    CHECK(optimizer_checks::same_bits(net, before));
    CHECK(optimizer_checks::same_state(state, ctnn::optimizer_state<ctnn::adagrad, line>{}));

    const auto g = optimizer_checks::make_gradient<TestType>(optimizer_checks::gradients[0]);
    REQUIRE(ctnn::detail::checked_step(opt, net, g, state, TestType(0.01), undo));
    auto fresh_net = before;
    ctnn::optimizer_state<ctnn::adagrad, line> fresh{};
    opt.step(fresh_net, g, fresh, TestType(0.01));
    CHECK(optimizer_checks::same_bits(net, fresh_net));
    CHECK(optimizer_checks::same_state(state, fresh));
    // 0.1 + 0.2^2: the initial value was taken.
    CHECK(static_cast<double>(state.sum.values()[0]) ==
          Approx(0.14).epsilon(optimizer_checks::relative_tolerance<TestType>));
}

TEMPLATE_TEST_CASE("adagrad: fit and the trainer are their own loops of backprop and step",
                   "[optimizer][adagrad][fit][trainer]", float, double)
{
    const ctnn::adagrad opt{.learning_rate = 0.1, .lr_decay = 0.01};
    optimizer_checks::check_fit_is_own_loop<TestType>(opt);
    optimizer_checks::check_trainer_is_own_loop<TestType>(opt);
}

TEMPLATE_TEST_CASE("adagrad: training resumed from a saved state is bit-identical",
                   "[optimizer][adagrad][serialization]", float, double)
{
    const auto resumed = optimizer_checks::check_resume<TestType>(
        ctnn::adagrad{.learning_rate = 0.1, .lr_decay = 0.01, .initial_accumulator_value = 0.1});
    CHECK(resumed.step_count == 5);
}

TEST_CASE("adagrad: a file names its state: the sums and the step count",
          "[optimizer][adagrad][serialization]")
{
    tutorial net;
    ctnn::optimizer_state<ctnn::adagrad, tutorial> state{};
    std::stringstream file;
    REQUIRE(ctnn::save<ctnn::adagrad>(net, state, file, ctnn::format::text));
    CHECK_THAT(file.str(), Catch::Contains("\nstate adagrad: parameters u64\n"));
}
