// ctnn/optimizer/adam.hpp: `adam` and `adamw`, torch.optim.Adam and AdamW: a per-parameter step
// from running averages of the gradient and of its square. AdamW is Adam with decoupled weight
// decay; both remember the same (detail::adam_state) and take the same rule (detail::adam_rule).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/detail/finite.hpp>
#include <ctnn/optimizer/rule.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {
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

// m = b1 m + (1-b1) g (3); v = b2 v + (1-b2) g g (4); p *= decay (1);
// p -= s m / (sqrt(v) c + eps) (6).
inline constexpr std::size_t adam_flops_per_parameter = 14;

} // namespace detail

// torch.optim.Adam (Kingma and Ba, 2015): each parameter moves about learning_rate per step
// whatever the scale of its gradient. The state is two parameter-shaped arrays and a step count:
// sizeof(adam::state<Net>) == 2 * sizeof(parameters<Net>) + Net's alignment.
struct adam {
    static constexpr std::string_view name = "adam";
    static constexpr std::size_t flops_per_parameter = detail::adam_flops_per_parameter;

    double learning_rate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;

    template <class Net>
    using state = detail::adam_state<Net>;

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        step_rate<typename Net::scalar_type> rate = {}) const noexcept
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
// PyTorch decays every parameter it is given, biases included, and so does this. Its state is
// Adam's, yet the two are named apart in files: resuming one as the other is refused.
struct adamw {
    static constexpr std::string_view name = "adamw";
    static constexpr std::size_t flops_per_parameter = detail::adam_flops_per_parameter;

    double learning_rate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    double weight_decay = 1e-2;

    template <class Net>
    using state = detail::adam_state<Net>;

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        step_rate<typename Net::scalar_type> rate = {}) const noexcept
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
