// The checked step that the trainer and ctnn::fit take (detail::checked_step): for every built-in
// optimiser, in float and double, on a network of 66 parameters (more than one vector's worth, so
// the vectorised loop's main part and its remainder both run), a finite step is bit for bit the
// plain step(), and a step
// made non-finite anywhere (a NaN or infinite gradient value, an overflow from an absurd rate)
// leaves the network and the state bit for bit as they were. A user's optimiser without a rule
// takes the copying path with the same guarantee. Also the finiteness test on the bits against
// std::isfinite over the special values, and fit() with every optimiser against its own loop.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace {

// 5*7 + 7 + 7*3 + 3 = 66 parameters.
template <class T>
using net_5_7_3 = ctnn::basic_network<ctnn::options<T>, 5, 7, 3>;

// Every value's bits (padding left out: it holds nothing).
template <class P>
bool same_bits(const P& a, const P& b)
{
    const auto x = a.values();
    const auto y = b.values();
    return std::memcmp(x.data(), y.data(), x.size_bytes()) == 0;
}

template <class S>
bool same_state(const S& a, const S& b)
{
    if constexpr (requires { a.velocity; })
        return same_bits(a.velocity, b.velocity);
    else if constexpr (requires { a.m; })
        return same_bits(a.m, b.m) && same_bits(a.v, b.v) && a.step_count == b.step_count &&
               a.beta1_power == b.beta1_power && a.beta2_power == b.beta2_power;
    else if constexpr (requires { a.last_step; })
        return std::memcmp(&a.last_step, &b.last_step, sizeof a.last_step) == 0;
    else
        return std::is_empty_v<S>; // sgd: nothing to differ
}

// Distinct, varied values: weights in [-1, 1), gradients in [-0.5, 0.5).
template <class P>
void fill(P& p, unsigned seed, double scale)
{
    auto v = p.values();
    for (std::size_t k = 0; k < v.size(); ++k) {
        const unsigned h = (static_cast<unsigned>(k) * 2654435761u) ^ (seed * 40503u);
        v[k] = static_cast<std::remove_reference_t<decltype(v[k])>>(
            scale * (static_cast<double>(h % 2000) / 1000.0 - 1.0));
    }
}

// A network and an optimiser state after three ordinary steps, so the state is not all zeros.
template <class T, class Opt>
struct setup {
    using Net = net_5_7_3<T>;
    Net net;
    ctnn::optimizer_state<Opt, Net> state{};
    ctnn::gradient<Net> grad;

    explicit setup(const Opt& opt)
    {
        fill(net, 1, 1.0);
        for (unsigned s = 0; s < 3; ++s) {
            fill(grad, 10 + s, 0.5);
            opt.step(net, grad, state, T(0.01));
        }
        fill(grad, 20, 0.5);
    }
};

template <class T, class Opt>
void check_optimizer(const Opt& opt)
{
    using Net = net_5_7_3<T>;
    SECTION("a finite step is the plain step, bit for bit")
    {
        setup<T, Opt> plain(opt), checked(opt);
        ctnn::undo_record<Opt, Net> undo;
        REQUIRE(same_bits(plain.net, checked.net));
        opt.step(plain.net, plain.grad, plain.state, T(0.01));
        CHECK(ctnn::detail::checked_step(opt, checked.net, checked.grad, checked.state, T(0.01),
                                         undo));
        CHECK(same_bits(plain.net, checked.net));
        CHECK(same_state(plain.state, checked.state));
        CHECK_FALSE(same_bits(plain.net, setup<T, Opt>(opt).net)); // it did move
    }
    const auto refused = [&](auto spoil, T rate) {
        setup<T, Opt> s(opt);
        spoil(s.grad);
        const auto net_before = s.net;
        const auto state_before = s.state;
        ctnn::undo_record<Opt, Net> undo;
        const bool kept = ctnn::detail::checked_step(opt, s.net, s.grad, s.state, rate, undo);
        CHECK_FALSE(kept);
        CHECK(same_bits(s.net, net_before));
        CHECK(same_state(s.state, state_before));
    };
    const T nan = std::numeric_limits<T>::quiet_NaN();
    const T inf = std::numeric_limits<T>::infinity();
    SECTION("a NaN gradient value, first, in the middle or last, changes nothing")
    {
        for (std::size_t k : {std::size_t{0}, std::size_t{40}, std::size_t{65}})
            refused([&](auto& g) { g.values()[k] = nan; }, T(0.01));
    }
    SECTION("an infinite gradient value changes nothing")
    {
        refused([&](auto& g) { g.values()[64] = -inf; }, T(0.01));
    }
    SECTION("a step that overflows a weight changes nothing")
    {
        // One huge but finite gradient value: sgd and momentum overflow p at the absurd rate,
        // Adam overflows v (g^2), and then p; every optimiser sees something non-finite.
        refused([&](auto& g) { g.values()[33] = std::numeric_limits<T>::max() / 4; },
                std::numeric_limits<T>::max() / 2);
    }
}

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
    check_optimizer<TestType>(ctnn::sgd{0.1});
}

TEMPLATE_TEST_CASE("checked_step: momentum and nesterov", "[optimizer][checked]", float, double)
{
    check_optimizer<TestType>(ctnn::momentum{0.1, 0.9});
    check_optimizer<TestType>(ctnn::nesterov{0.1, 0.9});
}

TEMPLATE_TEST_CASE("checked_step: adam and adamw, step count included", "[optimizer][checked]",
                   float, double)
{
    check_optimizer<TestType>(ctnn::adam{});
    check_optimizer<TestType>(ctnn::adamw{.weight_decay = 0.1});
}

TEMPLATE_TEST_CASE("checked_step: a user's optimiser without a rule", "[optimizer][checked]",
                   float, double)
{
    check_optimizer<TestType>(plain_user_optimizer{});
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
                   "[optimizer][checked][fit]", ctnn::sgd, ctnn::momentum, ctnn::adam)
{
    using Net = ctnn::basic_network<ctnn::options<double>, 2, 4, 1>;
    const ctnn::batch<double, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<double, 4, 1> t{{{0}, {1}, {1}, {0}}};
    TestType opt{};
    opt.learning_rate = 0.05;
    Net by_fit;
    fill(by_fit, 3, 1.0);
    Net by_hand = by_fit;
    const auto result = ctnn::fit(by_fit, x, t, ctnn::half_sum_squares{}, opt, 50);
    CHECK(result.status == ctnn::training_status::completed);
    CHECK(result.epochs == 50);
    ctnn::optimizer_state<TestType, Net> state{};
    ctnn::gradient<Net> grad;
    for (int e = 0; e < 50; ++e) {
        by_hand.backprop(x, t, grad, ctnn::half_sum_squares{});
        opt.step(by_hand, grad, state, 0.05);
    }
    CHECK(same_bits(by_fit, by_hand));
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
    CHECK(result.status == ctnn::training_status::non_finite_loss);
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
