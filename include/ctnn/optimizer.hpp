// ctnn/optimizer.hpp: the `optimizer` concept and the optimisers `sgd`, `momentum`, `nesterov`,
// `adam` and `adamw`, each defined as PyTorch defines it (torch.optim.SGD, Adam, AdamW).
//
//   ctnn::adam opt{.learning_rate = 1e-3};
//   ctnn::optimizer_state<ctnn::adam, Net> state;          // zeros: a fresh start
//   for (...) {
//       net.backprop(x, t, grad, loss);
//       opt.step(net, grad, state, rate);                  // rate: this epoch's learning rate
//   }
//   ctnn::sgd{0.5}.step(net, grad);                        // stateless sgd at its own rate
//
// An optimiser holds hyper-parameters only; what it remembers between steps lives in a separate
// state object shaped like the network, so one optimiser value can train several networks and a
// trainer controls when the state starts afresh.
#pragma once

#include <concepts>
#include <cstddef>
#include <span>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// What optimiser Opt keeps between steps when it trains a Net.
template <class Opt, class Net>
using optimizer_state = typename Opt::template state<Net>;

// An optimiser for Net is a value type with
//
//   opt.learning_rate                        its base rate (a double); a trainer multiplies it
//                                            by a schedule's factor
//   Opt::state<Net>                          what it remembers between steps, inline (no heap);
//                                            default construction is a fresh start
//   opt.step(net, grad, state, rate)         one update of every parameter of net from grad,
//                                            the gradient of the loss, at learning rate `rate`
//                                            (Net::scalar_type), advancing state
//   state.finite()           (optional)      false once anything the state remembers is NaN or
//                                            infinite; a state without it is never checked
//
// The state is copyable: a trainer keeps a copy from before each step, so that a step it rejects
// leaves no trace, in the weights or in the state. step() does not check for NaN or infinity:
// the trainer checks the loss and the gradient before calling it, and the weights and
// state.finite() after, and undoes the step if any is not finite.
template <class Opt, class Net>
concept optimizer = requires(const Opt& opt, Net& net, const gradient<Net>& grad,
                             optimizer_state<Opt, Net>& state,
                             typename Net::scalar_type rate) {
    { opt.learning_rate } -> std::convertible_to<double>;
    opt.step(net, grad, state, rate);
} && std::default_initializable<optimizer_state<Opt, Net>> &&
     std::copyable<optimizer_state<Opt, Net>>;

namespace detail {

// True for finite x. Unlike std::isfinite it is constexpr, and it vectorises.
template <class T>
constexpr bool is_finite(T x) noexcept
{
    return x - x == T(0);
}

// In 16 independent partial sums: one running sum would be a chain of dependent additions
// (3 or 4 cycles each, 0.2 ms for a 235k-parameter gradient, checked after every minibatch),
// where the partial sums vectorise. The order of the sums does not matter: any NaN or infinity
// makes its lane, and so the total, NaN.
template <class T, std::size_t N>
constexpr bool all_finite(std::span<const T, N> values) noexcept
{
    constexpr std::size_t lanes = 16;
    constexpr std::size_t whole = N / lanes * lanes;
    T part[lanes]{};
    for (std::size_t k = 0; k < whole; k += lanes)
        for (std::size_t l = 0; l < lanes; ++l)
            part[l] += values[k + l] * T(0); // NaN if the value is NaN or infinite, else 0
    T acc = 0;
    for (std::size_t l = 0; l < lanes; ++l)
        acc += part[l];
    for (std::size_t k = whole; k < N; ++k)
        acc += values[k] * T(0);
    return acc == T(0);
}

// state.finite() where the state defines it, else true (nothing to check: sgd's empty state, or
// a user's optimiser that does not say).
template <class State>
constexpr bool state_is_finite(const State& state) noexcept
{
    if constexpr (requires { { state.finite() } -> std::convertible_to<bool>; })
        return static_cast<bool>(state.finite());
    else
        return true;
}

} // namespace detail

// torch.optim.SGD without momentum: p -= lr g. It remembers nothing.
struct sgd {
    double learning_rate;

    template <class Net>
    struct state {};

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& /*state*/,
                        typename Net::scalar_type rate) const noexcept
    {
        auto p = net.values();
        const auto g = grad.values();
        for (std::size_t k = 0; k < p.size(); ++k)
            p[k] -= rate * g[k];
    }

    // At its own learning_rate, for loops that need no state (ctnn::fit).
    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad) const noexcept
    {
        state<Net> none;
        step(net, grad, none, static_cast<typename Net::scalar_type>(learning_rate));
    }
};

// torch.optim.SGD with momentum=beta (dampening 0): v = beta v + g; p -= lr v. The velocity v
// accumulates a running sum of past gradients, which speeds progress along directions where
// the gradient is consistent and damps oscillation across narrow valleys.
struct momentum {
    double learning_rate;
    double beta = 0.9;

    template <class Net>
    struct state {
        parameters<Net> velocity; // zeros: PyTorch's first step sets v = g, and beta 0 + g = g

        constexpr bool finite() const noexcept { return detail::all_finite(velocity.values()); }
    };

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        typename Net::scalar_type rate) const noexcept
    {
        using T = typename Net::scalar_type;
        const T b = static_cast<T>(beta);
        auto p = net.values();
        const auto g = grad.values();
        auto v = s.velocity.values();
        for (std::size_t k = 0; k < p.size(); ++k) {
            v[k] = b * v[k] + g[k];
            p[k] -= rate * v[k];
        }
    }
};

// torch.optim.SGD with momentum=beta, nesterov=True: v = beta v + g; p -= lr (g + beta v), the
// step taken from where the momentum is about to carry the parameters (Sutskever et al., 2013,
// in PyTorch's formulation).
struct nesterov {
    double learning_rate;
    double beta = 0.9;

    template <class Net>
    struct state {
        parameters<Net> velocity;

        constexpr bool finite() const noexcept { return detail::all_finite(velocity.values()); }
    };

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        typename Net::scalar_type rate) const noexcept
    {
        using T = typename Net::scalar_type;
        const T b = static_cast<T>(beta);
        auto p = net.values();
        const auto g = grad.values();
        auto v = s.velocity.values();
        for (std::size_t k = 0; k < p.size(); ++k) {
            v[k] = b * v[k] + g[k];
            p[k] -= rate * (g[k] + b * v[k]);
        }
    }
};

namespace detail {

// What Adam and AdamW remember: the moving averages of the gradient (m) and of its square (v),
// and the step count t with beta1^t and beta2^t kept as running products (no pow per step).
// sizeof == 2 * sizeof(parameters<Net>) + Net's alignment (64 bytes by default): the two
// averages, then the three counters padded to the alignment.
template <class Net>
struct adam_state {
    parameters<Net> m;
    parameters<Net> v;
    std::size_t step_count = 0;
    double beta1_power = 1.0; // beta1^step_count
    double beta2_power = 1.0; // beta2^step_count

    // v overflows first: a gradient above sqrt(max / (1 - beta2)), about 5.8e20 in float, makes
    // v infinite while m and the weights stay finite, and every later step of that weight is 0.
    constexpr bool finite() const noexcept
    {
        return all_finite(m.values()) && all_finite(v.values());
    }
};

// One Adam update as torch.optim.Adam writes it (amsgrad=False, maximize=False):
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
// which is lr * m_hat / (sqrt(v_hat) + eps) with the bias corrections m_hat = m / (1 - b1^t) and
// v_hat = v / (1 - b2^t) that undo the averages' start at zero. The scalars are computed in
// double and rounded once. AdamW's decoupled decay, p *= decay before the update, happens in the
// same pass; Adam passes decay 1, an exact multiplication.
template <class Net>
constexpr void adam_update(Net& net, const gradient<Net>& grad, adam_state<Net>& s,
                           typename Net::scalar_type rate, double beta1, double beta2,
                           double epsilon, typename Net::scalar_type decay) noexcept
{
    using T = typename Net::scalar_type;
    ++s.step_count;
    s.beta1_power *= beta1;
    s.beta2_power *= beta2;
    const T step_size = static_cast<T>(static_cast<double>(rate) / (1.0 - s.beta1_power));
    const T inverse_root_correction2 =
        static_cast<T>(1.0 / detail::constexpr_sqrt(1.0 - s.beta2_power));
    const T b1 = static_cast<T>(beta1);
    const T b2 = static_cast<T>(beta2);
    const T one_minus_b1 = static_cast<T>(1.0 - beta1);
    const T one_minus_b2 = static_cast<T>(1.0 - beta2);
    const T eps = static_cast<T>(epsilon);

    auto p = net.values();
    const auto g = grad.values();
    auto m = s.m.values();
    auto v = s.v.values();
    // std::sqrt may set errno (for a negative argument, which cannot occur here), and that
    // branch keeps GCC 12 and Clang 14 from vectorising this loop unless math errno is off
    // (-fno-math-errno, which -ffast-math implies); then both do. The loop is O(parameters)
    // per step, small beside backprop's O(batch * parameters).
    for (std::size_t k = 0; k < p.size(); ++k) {
        m[k] = b1 * m[k] + one_minus_b1 * g[k];
        v[k] = b2 * v[k] + one_minus_b2 * g[k] * g[k];
        p[k] *= decay;
        p[k] -= step_size * m[k] / (constexpr_sqrt(v[k]) * inverse_root_correction2 + eps);
    }
}

} // namespace detail

// torch.optim.Adam (Kingma and Ba, 2015): a per-parameter step from running averages of the
// gradient and of its square, so each parameter moves about learning_rate per step whatever
// the scale of its gradient. The state is two parameter-shaped arrays and a step count:
// sizeof(adam::state<Net>) == 2 * sizeof(parameters<Net>) + Net's alignment.
struct adam {
    double learning_rate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;

    template <class Net>
    using state = detail::adam_state<Net>;

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        typename Net::scalar_type rate) const noexcept
    {
        detail::adam_update(net, grad, s, rate, beta1, beta2, epsilon,
                            typename Net::scalar_type(1));
    }
};

// torch.optim.AdamW (Loshchilov and Hutter, 2019): Adam with decoupled weight decay. Every
// parameter first shrinks by the factor (1 - lr weight_decay), then takes the Adam step; unlike
// an L2 term added to the loss, the decay is not rescaled by Adam's per-parameter step size.
// PyTorch decays every parameter it is given, biases included, and so does this.
struct adamw {
    double learning_rate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    double weight_decay = 1e-2;

    template <class Net>
    using state = detail::adam_state<Net>;

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        typename Net::scalar_type rate) const noexcept
    {
        using T = typename Net::scalar_type;
        // In double and rounded once, as PyTorch computes the Python scalar 1 - lr * wd.
        const T decay = static_cast<T>(1.0 - static_cast<double>(rate) * weight_decay);
        detail::adam_update(net, grad, s, rate, beta1, beta2, epsilon, decay);
    }
};

} // namespace ctnn
