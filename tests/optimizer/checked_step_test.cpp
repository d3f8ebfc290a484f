// The checked step that the trainer and ctnn::fit take (detail::checked_step): for every built-in
// optimiser, in float and double, on a network of 66 parameters (more than one vector's worth, so
// the vectorised loop's main part and its remainder both run), a finite step is bit for bit the
// plain step(), and a step made non-finite anywhere (a NaN or infinite gradient value, an
// overflow from an absurd rate) leaves the network and the state bit for bit as they were (the
// checks are tests/support/optimizer_checks.hpp's, which an optimiser's own tests also call). A
// user's optimiser without a rule takes the copying path with the same guarantee. Also the
// finiteness test on the bits against std::isfinite over the special values, and fit() and a
// trainer with every optimiser against their own loops.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

#include <ctnn/ctnn.hpp>

#include "../support/optimizer_checks.hpp"

using optimizer_checks::check_checked_step;
using optimizer_checks::fill;
using optimizer_checks::net_5_7_3;
using optimizer_checks::same_bits;

namespace {

// A user's optimiser without a rule: plain sgd written out, with a state it checks itself.
struct plain_user_optimizer {
    double learning_rate = 0.01;

    template <class Net>
    struct state {
        typename Net::scalar_type last_step = 0;
        constexpr bool finite() const noexcept { return std::isfinite(last_step); }
    };

    template <class Net>
    void step(Net& net, const ctnn::gradient<Net>& grad, state<Net>& s,
              typename Net::scalar_type rate) const noexcept
    {
        for (std::size_t k = 0; k < net.values().size(); ++k)
            net.values()[k] -= rate * grad.values()[k];
        s.last_step = rate * grad.values()[0];
    }
};

static_assert(ctnn::per_parameter_optimizer<ctnn::sgd, net_5_7_3<float>>);
static_assert(ctnn::per_parameter_optimizer<ctnn::momentum, net_5_7_3<float>>);
static_assert(ctnn::per_parameter_optimizer<ctnn::nesterov, net_5_7_3<double>>);
static_assert(ctnn::per_parameter_optimizer<ctnn::adam, net_5_7_3<double>>);
static_assert(ctnn::per_parameter_optimizer<ctnn::adamw, net_5_7_3<float>>);
static_assert(ctnn::optimizer<plain_user_optimizer, net_5_7_3<float>>);
static_assert(!ctnn::per_parameter_optimizer<plain_user_optimizer, net_5_7_3<float>>);

} // namespace

TEMPLATE_TEST_CASE("checked_step: sgd", "[optimizer][checked]", float, double)
{
    check_checked_step<TestType>(ctnn::sgd{0.1});
}

TEMPLATE_TEST_CASE("checked_step: momentum and nesterov", "[optimizer][checked]", float, double)
{
    check_checked_step<TestType>(ctnn::momentum{0.1, 0.9});
    check_checked_step<TestType>(ctnn::nesterov{0.1, 0.9});
}

TEMPLATE_TEST_CASE("checked_step: adam and adamw, step count included", "[optimizer][checked]",
                   float, double)
{
    check_checked_step<TestType>(ctnn::adam{});
    check_checked_step<TestType>(ctnn::adamw{.weight_decay = 0.1});
}

TEMPLATE_TEST_CASE("checked_step: a user's optimiser without a rule", "[optimizer][checked]",
                   float, double)
{
    check_checked_step<TestType>(plain_user_optimizer{});
}

TEMPLATE_TEST_CASE("is_finite and all_finite on the bits agree with std::isfinite",
                   "[optimizer][checked]", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    const std::array<T, 14> values{T(0),
                                   -T(0),
                                   T(1),
                                   -T(2.5),
                                   lim::min(),
                                   lim::denorm_min(),
                                   -lim::denorm_min(),
                                   lim::max(),
                                   -lim::max(),
                                   lim::infinity(),
                                   -lim::infinity(),
                                   lim::quiet_NaN(),
                                   -lim::quiet_NaN(),
                                   lim::signaling_NaN()};
    for (const T x : values) {
        CAPTURE(x);
        CHECK(ctnn::detail::is_finite(x) == std::isfinite(x));
        // x alone among finite values, at every position of a 35-value span (two 16-lane halves
        // and a tail in the old code; any position in the new).
        for (std::size_t at = 0; at < 35; ++at) {
            std::array<T, 35> span{};
            span.fill(T(0.5));
            span[at] = x;
            CHECK(ctnn::detail::all_finite(std::span<const T, 35>(span)) == std::isfinite(x));
        }
    }
    static_assert(ctnn::detail::is_finite(1.0f) && !ctnn::detail::is_finite(lim::infinity()));
}

TEMPLATE_TEST_CASE("fit with any optimiser is its own loop of backprop and step",
                   "[optimizer][checked][fit]", ctnn::sgd, ctnn::momentum, ctnn::nesterov,
                   ctnn::adam, ctnn::adamw)
{
    TestType opt{};
    opt.learning_rate = 0.05;
    optimizer_checks::check_fit_is_own_loop<double>(opt);
}

TEMPLATE_TEST_CASE("a trainer with any optimiser is its own loop of backprop and step",
                   "[optimizer][checked][trainer]", ctnn::sgd, ctnn::momentum, ctnn::nesterov,
                   ctnn::adam, ctnn::adamw)
{
    TestType opt{};
    opt.learning_rate = 0.05;
    optimizer_checks::check_trainer_is_own_loop<float>(opt);
    optimizer_checks::check_trainer_is_own_loop<double>(opt);
}

TEST_CASE("fit with adam stops on an overflowing update and keeps the last finite weights",
          "[optimizer][checked][fit]")
{
    using Net = ctnn::basic_network<ctnn::options<float, ctnn::identity>, 1, 1>;
    const ctnn::batch<float, 1, 1> x{{{1e30f}}};
    const ctnn::batch<float, 1, 1> t{{{0}}};
    Net net;
    net.values()[0] = 1e-30f; // the weight; the bias is 0
    const Net before = net;
    // The loss 0.5 (1e30 * 1e-30)^2 = 0.5 is finite, the weight's gradient 1e30 too, but Adam's
    // v = 0.001 * 1e60 overflows float.
    const auto result = ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::adam{}, 10);
    CHECK(result.stop == ctnn::training_stop::non_finite);
    CHECK(result.epochs == 0);
    CHECK(same_bits(net, before));
}

TEMPLATE_TEST_CASE("a large network's step is the update written out by hand",
                   "[optimizer][checked]", float, double)
{
    using T = TestType;
    // 32*32 + 32 + 32 + 1 = 1089 parameters: an odd count, so a vectorised loop has a remainder.
    using Net = ctnn::basic_network<ctnn::options<T>, 32, 32, 1>;
    static_assert(Net::parameter_count == 1089);
    Net net;
    fill(net, 5, 1.0);
    ctnn::gradient<Net> grad;
    fill(grad, 6, 0.5);
    const auto p0 = net.values();
    std::array<double, 1089> before{};
    for (std::size_t k = 0; k < before.size(); ++k)
        before[k] = static_cast<double>(p0[k]);
    const double rate = 0.01;
    // Every parameter within a few roundings of T of the update computed in double: of the
    // terms' size, |p| + 2 lr, since p - step may cancel.
    const auto check = [&](const Net& after, auto expected) {
        for (std::size_t k = 0; k < before.size(); ++k) {
            CAPTURE(k);
            const double bound =
                8 * std::numeric_limits<T>::epsilon() * (std::abs(before[k]) + 2 * rate);
            REQUIRE(std::abs(static_cast<double>(after.values()[k]) - expected(k)) <= bound);
        }
    };
    const auto g = [&](std::size_t k) { return static_cast<double>(grad.values()[k]); };
    SECTION("sgd, plain and checked")
    {
        Net a = net, b = net;
        ctnn::sgd{rate}.step(a, grad);
        ctnn::sgd::state<Net> s;
        ctnn::undo_record<ctnn::sgd, Net> undo;
        REQUIRE(ctnn::detail::checked_step(ctnn::sgd{rate}, b, grad, s, T(rate), undo));
        check(a, [&](std::size_t k) { return before[k] - rate * g(k); });
        check(b, [&](std::size_t k) { return before[k] - rate * g(k); });
    }
    SECTION("momentum, two steps: v = g, then v = 0.9 g + g")
    {
        Net a = net;
        ctnn::optimizer_state<ctnn::momentum, Net> s;
        ctnn::momentum{rate, 0.9}.step(a, grad, s, T(rate));
        ctnn::momentum{rate, 0.9}.step(a, grad, s, T(rate));
        check(a, [&](std::size_t k) { return before[k] - rate * g(k) - rate * 1.9 * g(k); });
    }
    SECTION("adam, one step: p - lr g / (|g| + eps)")
    {
        // After one step m_hat = g and v_hat = g^2 (the bias corrections undo the averages).
        Net a = net;
        ctnn::optimizer_state<ctnn::adam, Net> s;
        ctnn::adam{}.step(a, grad, s, T(rate));
        check(a, [&](std::size_t k) { return before[k] - rate * g(k) / (std::abs(g(k)) + 1e-8); });
    }
}
