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

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <utility>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/detail/finite.hpp>
#include <ctnn/detail/parameter_update.hpp>
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
// and, optionally (every built-in has them), its update as one rule per parameter:
//
//   state.arrays(p)                          the weights (p, a parameters<Net>) and each
//                                            parameter-shaped array of the state, as a
//                                            std::array of pointers to their first values
//   opt.rule(state, rate)                    a callable rule(g, p, s...) that updates one
//                                            weight p and its state values s... from its
//                                            gradient value g; making it may advance what the
//                                            state keeps once per step (Adam's step count)
//   state.copy_counters(to)      (optional)  copies that once-per-step part into `to`
//
// The state is copyable: a trainer must be able to undo a step it rejects, leaving no trace in
// the weights or in the state. step() itself does not check for NaN or infinity; a trainer and
// ctnn::fit check the loss, then take the step through detail::checked_step, which keeps it only
// if the gradient, every weight and the state are finite after it. With a rule, that is one pass
// that updates every array and records what it overwrites; without, a copy of the weights and
// the state, the step, and a check of both after it (state.finite()).
template <class Opt, class Net>
concept optimizer = requires(const Opt& opt, Net& net, const gradient<Net>& grad,
                             optimizer_state<Opt, Net>& state,
                             typename Net::scalar_type rate) {
    { opt.learning_rate } -> std::convertible_to<double>;
    opt.step(net, grad, state, rate);
} && std::default_initializable<optimizer_state<Opt, Net>> &&
     std::copyable<optimizer_state<Opt, Net>>;

template <class Opt, class Net>
concept per_parameter_optimizer =
    optimizer<Opt, Net> && requires(const Opt& opt, parameters<Net>& p,
                                    optimizer_state<Opt, Net>& state,
                                    typename Net::scalar_type rate) {
        state.arrays(p);
        opt.rule(state, rate);
    };

// What one step overwrote: the weights and the optimiser's state from before it, which
// restore() puts back exactly. As large as the network and the state together; a trainer keeps
// one inline.
template <class Opt, class Net>
struct undo_record {
    parameters<Net> weights{};
    [[no_unique_address]] optimizer_state<Opt, Net> state{};

    constexpr void restore(Net& net, optimizer_state<Opt, Net>& s) const noexcept
    {
        static_cast<parameters<Net>&>(net) = weights;
        s = state;
    }
};

namespace detail {

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

// One step of opt, kept only if the gradient and everything the step wrote are finite: returns
// false after restoring net and state from undo (bit for bit as they were) otherwise.
template <class Opt, class Net>
constexpr bool checked_step(const Opt& opt, Net& net, const gradient<Net>& grad,
                            optimizer_state<Opt, Net>& state, typename Net::scalar_type rate,
                            undo_record<Opt, Net>& undo) noexcept
{
    bool finite = true;
    if constexpr (per_parameter_optimizer<Opt, Net>) {
        if constexpr (requires { state.copy_counters(undo.state); })
            state.copy_counters(undo.state);
        finite = update_recorded(grad.values(), state.arrays(net),
                                 undo.state.arrays(undo.weights), opt.rule(state, rate));
    }
    else {
        if (!all_finite(grad.values()))
            return false;
        undo.weights = net;
        undo.state = state;
        opt.step(net, grad, state, rate);
        finite = all_finite(std::as_const(net).values()) && state_is_finite(std::as_const(state));
    }
    if (!finite)
        undo.restore(net, state);
    return finite;
}

// step(net, grad, state, rate) of an optimiser with a rule.
template <class Opt, class Net>
constexpr void rule_step(const Opt& opt, Net& net, const gradient<Net>& grad,
                         optimizer_state<Opt, Net>& state, typename Net::scalar_type rate) noexcept
{
    update_in_place(grad.values(), state.arrays(net), opt.rule(state, rate));
}

} // namespace detail

// torch.optim.SGD without momentum: p -= lr g. It remembers nothing.
struct sgd {
    double learning_rate;

    template <class Net>
    struct state {
        static constexpr auto arrays(parameters<Net>& p) noexcept
        {
            return std::array{p.values().data()};
        }
    };

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        typename Net::scalar_type rate) const noexcept
    {
        detail::rule_step(*this, net, grad, s, rate);
    }

    // At its own learning_rate, for loops that need no state.
    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad) const noexcept
    {
        state<Net> none;
        step(net, grad, none, static_cast<typename Net::scalar_type>(learning_rate));
    }

    template <class Net, class T>
    constexpr auto rule(state<Net>& /*state*/, T rate) const noexcept
    {
        return [rate](T g, T& p) { p -= rate * g; };
    }
};

namespace detail {

// What momentum and nesterov remember: one velocity per parameter.
template <class Net>
struct velocity_state {
    parameters<Net> velocity; // zeros: PyTorch's first step sets v = g, and beta 0 + g = g

    constexpr bool finite() const noexcept { return all_finite(velocity.values()); }

    constexpr auto arrays(parameters<Net>& p) noexcept
    {
        return std::array{p.values().data(), velocity.values().data()};
    }
};

} // namespace detail

// torch.optim.SGD with momentum=beta (dampening 0): v = beta v + g; p -= lr v. The velocity v
// accumulates a running sum of past gradients, which speeds progress along directions where
// the gradient is consistent and damps oscillation across narrow valleys.
struct momentum {
    double learning_rate;
    double beta = 0.9;

    template <class Net>
    using state = detail::velocity_state<Net>;

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        typename Net::scalar_type rate) const noexcept
    {
        detail::rule_step(*this, net, grad, s, rate);
    }

    template <class Net, class T>
    constexpr auto rule(state<Net>& /*state*/, T rate) const noexcept
    {
        return [rate, b = static_cast<T>(beta)](T g, T& p, T& v) {
            v = b * v + g;
            p -= rate * v;
        };
    }
};

// torch.optim.SGD with momentum=beta, nesterov=True: v = beta v + g; p -= lr (g + beta v), the
// step taken from where the momentum is about to carry the parameters (Sutskever et al., 2013,
// in PyTorch's formulation).
struct nesterov {
    double learning_rate;
    double beta = 0.9;

    template <class Net>
    using state = detail::velocity_state<Net>;

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        typename Net::scalar_type rate) const noexcept
    {
        detail::rule_step(*this, net, grad, s, rate);
    }

    template <class Net, class T>
    constexpr auto rule(state<Net>& /*state*/, T rate) const noexcept
    {
        return [rate, b = static_cast<T>(beta)](T g, T& p, T& v) {
            v = b * v + g;
            p -= rate * (g + b * v);
        };
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

    constexpr auto arrays(parameters<Net>& p) noexcept
    {
        return std::array{p.values().data(), m.values().data(), v.values().data()};
    }

    constexpr void copy_counters(adam_state& to) const noexcept
    {
        to.step_count = step_count;
        to.beta1_power = beta1_power;
        to.beta2_power = beta2_power;
    }
};

// Adam's rule as torch.optim.Adam writes it (amsgrad=False, maximize=False):
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
// which is lr * m_hat / (sqrt(v_hat) + eps) with the bias corrections m_hat = m / (1 - b1^t) and
// v_hat = v / (1 - b2^t) that undo the averages' start at zero. The scalars are computed in
// double and rounded once. AdamW's decoupled decay, p *= decay before the update, happens in the
// same pass; Adam passes decay 1, an exact multiplication. Advances the step count.
template <class Net, class T>
constexpr auto adam_rule(adam_state<Net>& s, T rate, double beta1, double beta2, double epsilon,
                         T decay) noexcept
{
    ++s.step_count;
    s.beta1_power *= beta1;
    s.beta2_power *= beta2;
    // std::sqrt may set errno (for a negative argument, which cannot occur here), and that
    // branch keeps GCC 12 and Clang 14 from vectorising the loop unless math errno is off
    // (-fno-math-errno, which -ffast-math implies); then both do. The loop is O(parameters)
    // per step, small beside backprop's O(batch * parameters).
    return [step_size = static_cast<T>(static_cast<double>(rate) / (1.0 - s.beta1_power)),
            inverse_root_correction2 = static_cast<T>(1.0 / constexpr_sqrt(1.0 - s.beta2_power)),
            b1 = static_cast<T>(beta1), b2 = static_cast<T>(beta2),
            one_minus_b1 = static_cast<T>(1.0 - beta1), one_minus_b2 = static_cast<T>(1.0 - beta2),
            eps = static_cast<T>(epsilon), decay](T g, T& p, T& m, T& v) {
        m = b1 * m + one_minus_b1 * g;
        v = b2 * v + one_minus_b2 * g * g;
        p *= decay;
        p -= step_size * m / (constexpr_sqrt(v) * inverse_root_correction2 + eps);
    };
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
        detail::rule_step(*this, net, grad, s, rate);
    }

    template <class Net, class T>
    constexpr auto rule(state<Net>& s, T rate) const noexcept
    {
        return detail::adam_rule(s, rate, beta1, beta2, epsilon, T(1));
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
        detail::rule_step(*this, net, grad, s, rate);
    }

    // The decay in double and rounded once, as PyTorch computes the Python scalar 1 - lr * wd.
    template <class Net, class T>
    constexpr auto rule(state<Net>& s, T rate) const noexcept
    {
        return detail::adam_rule(s, rate, beta1, beta2, epsilon,
                                 static_cast<T>(1.0 - static_cast<double>(rate) * weight_decay));
    }
};

} // namespace ctnn
