// tests/support/optimizer_checks.hpp: what the tests of the optimisers share, whatever the
// optimiser. A state is compared and checked member by member through the walk ctnn's
// serialization uses (ctnn/detail/serialization_fields.hpp), so an optimiser added later needs
// nothing here. A scenario of three steps on a network of two weights, whose expected values
// come from a reference computed apart (run, check_steps). And the checks every optimiser must
// pass:
//   check_checked_step<T>(opt)       the trainer's checked step: a finite step is the plain step,
//                                    bit for bit; a non-finite one changes nothing
//   check_fit_is_own_loop<T>(opt)    ctnn::fit is its own loop of backprop and step, bit for bit
//   check_trainer_is_own_loop<T>(opt)  and so is a ctnn::trainer, minibatch by minibatch
//   check_resume<T>(opt)             training resumed from a saved state (binary and text) gives
//                                    the bits of training straight through
#pragma once

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <sstream>
#include <type_traits>
#include <utility>

#include <ctnn/detail/serialization_fields.hpp>
#include <ctnn/initializer.hpp>
#include <ctnn/loss.hpp>
#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/serialization.hpp>
#include <ctnn/dataset.hpp>
#include <ctnn/train.hpp>
#include <ctnn/trainer.hpp>

namespace optimizer_checks {

// Every value's bits (padding left out: it holds nothing).
template <class P>
bool same_bits(const P& a, const P& b)
{
    const auto x = a.values();
    const auto y = b.values();
    return std::memcmp(x.data(), y.data(), x.size_bytes()) == 0;
}

// Calls f(member of a, member of b) for each member of two states of type S, in declaration
// order, and tells whether every call returned true.
template <class S, class F>
bool all_members(const S& a, const S& b, F f)
{
    constexpr std::size_t n = ctnn::detail::field_count<S>();
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return (f(ctnn::detail::field_at<I, n>(a), ctnn::detail::field_at<I, n>(b)) && ...);
    }(std::make_index_sequence<n>{});
}

// Everything a state remembers, bit for bit: each parameters<Net> member value by value, each
// number by its bytes (padding between members is not part of the state).
template <class S>
bool same_state(const S& a, const S& b)
{
    return all_members(a, b, [](const auto& x, const auto& y) {
        if constexpr (requires { x.values(); })
            return same_bits(x, y);
        else
            return std::memcmp(&x, &y, sizeof x) == 0;
    });
}

// Every floating-point value the state remembers is finite.
template <class S>
bool state_finite(const S& s)
{
    return all_members(s, s, [](const auto& x, const auto&) {
        if constexpr (requires { x.values(); }) {
            for (const auto v : x.values())
                if (!std::isfinite(v))
                    return false;
            return true;
        }
        else if constexpr (std::is_floating_point_v<std::remove_cvref_t<decltype(x)>>)
            return static_cast<bool>(std::isfinite(x));
        else
            return true;
    });
}

// Distinct, varied values in [-scale, scale).
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

// 5*7 + 7 + 7*3 + 3 = 66 parameters: more than one vector's worth, so a vectorised loop's main
// part and its remainder both run.
template <class T>
using net_5_7_3 = ctnn::basic_network<ctnn::options<T>, 5, 7, 3>;

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
void check_checked_step(const Opt& opt)
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

// ctnn::fit for 50 epochs on XOR against the same 50 backprops and steps written out.
template <class T, class Opt>
void check_fit_is_own_loop(const Opt& opt)
{
    using Net = ctnn::basic_network<ctnn::options<T>, 2, 4, 1>;
    const ctnn::batch<T, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<T, 4, 1> t{{{0}, {1}, {1}, {0}}};
    Net by_fit;
    fill(by_fit, 3, 1.0);
    Net by_hand = by_fit;
    const auto result = ctnn::fit(by_fit, x, t, ctnn::half_sum_squares{}, opt, 50);
    CHECK(result.stop == ctnn::training_stop::none);
    CHECK(result.epochs == 50);
    ctnn::optimizer_state<Opt, Net> state{};
    ctnn::gradient<Net> grad;
    for (int e = 0; e < 50; ++e) {
        by_hand.backprop(x, t, grad, ctnn::half_sum_squares{});
        opt.step(by_hand, grad, state, static_cast<T>(opt.learning_rate));
    }
    CHECK(same_bits(by_fit, by_hand));
}

// Two weights, no bias: p = (w0, w1). The optimisers only see the flat parameters, so the
// activation does not matter.
template <class T>
using line = ctnn::basic_network<ctnn::options<T, ctnn::no_bias, ctnn::identity>, 2, 1>;

using values2 = std::array<double, 2>;

// The scenario of tests/optimizer/optimizer_reference.py: p starts at (0.5, -0.3) and three steps
// at rate 0.1 (or another) see these gradients.
constexpr values2 start{0.5, -0.3};
constexpr std::array<values2, 3> gradients{{{0.2, -0.4}, {-0.1, 0.05}, {0.3, 0.0}}};
constexpr double rate = 0.1;

template <class T>
constexpr line<T> make_line(const values2& v)
{
    line<T> net;
    net.values()[0] = static_cast<T>(v[0]);
    net.values()[1] = static_cast<T>(v[1]);
    return net;
}

template <class T>
constexpr ctnn::gradient<line<T>> make_gradient(const values2& g)
{
    ctnn::gradient<line<T>> grad;
    grad.values()[0] = static_cast<T>(g[0]);
    grad.values()[1] = static_cast<T>(g[1]);
    return grad;
}

// x, as the compiler cannot see it: computed from unseen(x), run() runs at run time. From values
// it can see, clang folds run() while compiling too, and there a * b + c may be fused (LLVM's
// fmuladd, folded exactly), which the constant evaluator never does: 1 ulp apart in rmsprop.
template <class T>
T unseen(T x)
{
    T* volatile where = &x;
    return *where;
}

// The parameters after each of the three steps, at learning rate step_rate; at compile time too.
template <class T, class Opt>
constexpr std::array<values2, 3> run(const Opt& opt, double step_rate = rate)
{
    auto net = make_line<T>(start);
    ctnn::optimizer_state<Opt, line<T>> state;
    std::array<values2, 3> after{};
    for (std::size_t step = 0; step < 3; ++step) {
        opt.step(net, make_gradient<T>(gradients[step]), state, static_cast<T>(step_rate));
        after[step] = {static_cast<double>(net.values()[0]), static_cast<double>(net.values()[1])};
    }
    return after;
}

// float keeps about 7 digits, and the steps round the inputs (0.1, 0.3, ...) to float first.
template <class T>
constexpr double relative_tolerance = std::is_same_v<T, float> ? 2e-6 : 1e-14;

template <class T>
void check_steps(const std::array<values2, 3>& got, const std::array<values2, 3>& expected)
{
    for (std::size_t step = 0; step < 3; ++step)
        for (std::size_t k = 0; k < 2; ++k) {
            INFO("step " << step + 1 << ", parameter " << k);
            CHECK(got[step][k] ==
                  Approx(expected[step][k]).epsilon(relative_tolerance<T>).margin(1e-300));
        }
}


// A trainer of minibatches of 4, in stored order, over 8 samples for 3 epochs, against the same
// 6 backprops and steps written out: the same weights and state, bit for bit.
template <class T, class Opt>
void check_trainer_is_own_loop(const Opt& opt)
{
    using Net = ctnn::basic_network<ctnn::options<T>, 2, 4, 1>;
    std::array<std::array<T, 2>, 8> x{};
    std::array<std::array<T, 1>, 8> t{};
    for (std::size_t s = 0; s < 8; ++s) {
        x[s] = {static_cast<T>(s % 2), static_cast<T>(s) / T(8)};
        t[s] = {static_cast<T>((s / 2) % 2)};
    }
    Net by_trainer;
    fill(by_trainer, 4, 1.0);
    Net by_hand = by_trainer;
    ctnn::trainer<Net, ctnn::half_sum_squares, Opt, 4> trainer(opt, {}, {.shuffle = false});
    REQUIRE(trainer.fit(by_trainer, ctnn::dataset_for<Net>(x, t), 3).completed());
    ctnn::optimizer_state<Opt, Net> state{};
    ctnn::gradient<Net> grad;
    for (int epoch = 0; epoch < 3; ++epoch)
        for (std::size_t first : {std::size_t{0}, std::size_t{4}}) {
            ctnn::batch<T, 4, 2> xb;
            ctnn::batch<T, 4, 1> tb;
            for (std::size_t r = 0; r < 4; ++r) {
                xb[r] = x[first + r];
                tb[r] = t[first + r];
            }
            by_hand.backprop(xb, tb, grad, ctnn::half_sum_squares{});
            opt.step(by_hand, grad, state, static_cast<T>(opt.learning_rate));
        }
    CHECK(same_bits(by_trainer, by_hand));
    CHECK(same_state(trainer.state(), state));
}

template <class T>
using net_2_3_1 = ctnn::basic_network<ctnn::options<T>, 2, 3, 1>;

template <class Net, class Opt>
void train_steps(Net& net, ctnn::optimizer_state<Opt, Net>& state, const Opt& opt, int steps)
{
    using T = typename Net::scalar_type;
    const ctnn::batch<T, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<T, 4, 1> t{{{0}, {1}, {1}, {0}}};
    ctnn::gradient<Net> grad;
    for (int s = 0; s < steps; ++s) {
        net.backprop(x, t, grad, ctnn::mean_squared_error{});
        opt.step(net, grad, state, static_cast<T>(opt.learning_rate));
    }
}

// 3 steps, a save, a load into fresh objects and 2 more steps give the bits of 5 steps straight,
// in both formats. Returns the resumed state (of the text format, the last) for further checks.
template <class T, class Opt>
ctnn::optimizer_state<Opt, net_2_3_1<T>> check_resume(const Opt& opt)
{
    using Net = net_2_3_1<T>;
    Net straight;
    ctnn::initialize(straight, ctnn::uniform01{}, 42);
    Net interrupted = straight;
    ctnn::optimizer_state<Opt, Net> straight_state{}, interrupted_state{}, resumed_state{};

    train_steps(straight, straight_state, opt, 5);
    train_steps(interrupted, interrupted_state, opt, 3);
    // Training moved the weights: the comparison below is not vacuous.
    REQUIRE_FALSE(same_bits(interrupted, straight));

    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::stringstream checkpoint;
        REQUIRE(ctnn::save<Opt>(interrupted, interrupted_state, checkpoint, how));
        Net resumed;
        resumed_state = {};
        const auto r = ctnn::load<Opt>(resumed, resumed_state, checkpoint);
        INFO(r.message());
        REQUIRE(r);
        train_steps(resumed, resumed_state, opt, 2);
        CHECK(same_bits(resumed, straight));
        CHECK(same_state(resumed_state, straight_state));
    }
    return resumed_state;
}

} // namespace optimizer_checks
