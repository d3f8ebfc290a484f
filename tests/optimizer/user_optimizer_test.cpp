// The optimiser extension point: an optimiser with state, defined in this file alone as a user
// would (no ctnn::detail), works in every feature an optimiser takes part in without any library
// file knowing it: its steps, the trainer's one-pass checked step, ctnn::fit, ctnn::trainer,
// saving and resuming, and the cost report.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string_view>

#include <ctnn/cost.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/serialization.hpp>

#include "../support/optimizer_checks.hpp"

namespace {

// SGD on a moving average of the gradient: v = beta v + (1 - beta) g; p -= lr v (PyTorch's SGD
// with momentum and dampening = momentum). It counts its steps, to show that a counter is saved
// and undone like the arrays.
struct averaged_sgd {
    static constexpr std::string_view name = "averaged_sgd";
    // b v, (1 - b) g, their sum, lr v, p - lr v.
    static constexpr std::size_t flops_per_parameter = 5;

    double learning_rate = 0.1;
    double beta = 0.9;

    template <class Net>
    struct state {
        ctnn::parameters<Net> average;
        std::size_t step_count = 0;

        bool finite() const noexcept
        {
            for (const auto v : average.values())
                if (!std::isfinite(v))
                    return false;
            return true;
        }
        constexpr auto arrays(ctnn::parameters<Net>& p) noexcept
        {
            return std::array{p.values().data(), average.values().data()};
        }
        constexpr void copy_counters(state& to) const noexcept { to.step_count = step_count; }
    };

    template <class Net, class T>
    constexpr auto rule(state<Net>& s, T rate) const noexcept
    {
        ++s.step_count;
        return [rate, b = static_cast<T>(beta), one_minus_b = static_cast<T>(1.0 - beta)](
                   T g, T& p, T& v) {
            v = b * v + one_minus_b * g;
            p -= rate * v;
        };
    }

    template <class Net>
    constexpr void step(Net& net, const ctnn::gradient<Net>& grad, state<Net>& s,
                        typename Net::scalar_type rate) const noexcept
    {
        const auto update = rule(s, rate);
        const auto g = grad.values();
        auto p = net.values();
        auto v = s.average.values();
        for (std::size_t k = 0; k < p.size(); ++k)
            update(g[k], p[k], v[k]);
    }
};

using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;
static_assert(ctnn::per_parameter_optimizer<averaged_sgd, tutorial>);
// 5 FLOPs for each of the tutorial's 9 parameters; at batch 4, 4 * (18 + 28) + 45.
static_assert(ctnn::cost<tutorial>::update_flops<averaged_sgd> == 45);
static_assert(ctnn::cost<tutorial>::train_step_flops<averaged_sgd>(4) == 229);
static_assert(ctnn::optimizer_name<averaged_sgd>::value == "averaged_sgd");

} // namespace

TEMPLATE_TEST_CASE("a user's optimiser: v = beta v + (1 - beta) g, p -= lr v",
                   "[optimizer][extension]", float, double)
{
    // w0: v = 0.02, p = 0.5 - 0.002 = 0.498; v = 0.018 - 0.01 = 0.008, p = 0.4972;
    //     v = 0.0072 + 0.03 = 0.0372, p = 0.49348
    // w1: v = -0.04, p = -0.296; v = -0.036 + 0.005 = -0.031, p = -0.2929;
    //     v = -0.0279, p = -0.29011
    optimizer_checks::check_steps<TestType>(optimizer_checks::run<TestType>(averaged_sgd{}),
                                            {{{0.498, -0.296},
                                              {0.4972, -0.2929},
                                              {0.49348, -0.29011}}});
}

TEMPLATE_TEST_CASE("a user's optimiser in the checked step, fit, the trainer and a resume",
                   "[optimizer][extension]", float, double)
{
    optimizer_checks::check_checked_step<TestType>(averaged_sgd{});
    optimizer_checks::check_fit_is_own_loop<TestType>(averaged_sgd{});
    optimizer_checks::check_trainer_is_own_loop<TestType>(averaged_sgd{});
    CHECK(optimizer_checks::check_resume<TestType>(averaged_sgd{}).step_count == 5);
}

TEST_CASE("a user's optimiser names its state in a file", "[optimizer][extension]")
{
    tutorial net;
    const ctnn::optimizer_state<averaged_sgd, tutorial> state{};
    std::stringstream file;
    REQUIRE(ctnn::save<averaged_sgd>(net, state, file, ctnn::format::text));
    CHECK_THAT(file.str(), Catch::Contains("\nstate averaged_sgd: parameters u64\n"));
}
