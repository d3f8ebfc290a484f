// ctnn/optimizer/adagrad.hpp: `adagrad`, torch.optim.Adagrad (Duchi, Hazan and Singer, 2011):
// each parameter's step divided by the root of the sum of all its squared gradients so far.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/detail/finite.hpp>
#include <ctnn/optimizer/rule.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// torch.optim.Adagrad with its defaults (lr 0.01, lr_decay 0, initial_accumulator_value 0,
// eps 1e-10), as PyTorch writes it, at step t = 1, 2, ...:
//   sum += g^2;  clr = lr / (1 + (t - 1) lr_decay);  p -= clr g / (sqrt(sum) + eps)
// clr is computed in double and rounded once to the network's scalar, as PyTorch rounds its
// Python float. The state is one parameter-shaped array of sums and the step count, padded to
// the network's alignment: sizeof(parameters<Net>) + 64 bytes by default.
//
// PyTorch fills the sums with initial_accumulator_value when the optimiser is made; here a state
// is made without the optimiser (default construction, zeros, is a fresh start), so the first
// step takes initial_accumulator_value instead of the sum: the same arithmetic,
// initial_accumulator_value + g^2. PyTorch's weight_decay (off by default) is not supported: it is
// an L2 term that ctnn::adam does not take either (ctnn::adamw decays apart).
struct adagrad {
    static constexpr std::string_view name = "adagrad";
    // sum = sum + g g (2); p -= clr g / (sqrt(sum) + eps) (5).
    static constexpr std::size_t flops_per_parameter = 7;

    double learning_rate = 1e-2;
    double lr_decay = 0.0;
    double initial_accumulator_value = 0.0;
    double epsilon = 1e-10;

    template <class Net>
    struct state {
        parameters<Net> sum; // of the squared gradients, from initial_accumulator_value
        std::size_t step_count = 0;

        // The sum only grows: a gradient above sqrt(max), about 1.8e19 in float, or many large
        // ones, make it infinite.
        constexpr bool finite() const noexcept { return detail::all_finite(sum.values()); }

        constexpr auto arrays(parameters<Net>& p) noexcept
        {
            return std::array{p.values().data(), sum.values().data()};
        }

        constexpr void copy_counters(state& to) const noexcept { to.step_count = step_count; }
    };

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        step_rate<typename Net::scalar_type> rate = {}) const noexcept
    {
        detail::rule_step(*this, net, grad, s, rate);
    }

    // Advances the step count. The square root as in Adam's rule (ctnn/optimizer/adam.hpp says
    // when the loop vectorises).
    template <class Net, class T>
    constexpr auto rule(state<Net>& s, T rate) const noexcept
    {
        const bool first = s.step_count == 0;
        ++s.step_count;
        const double decay = 1.0 + static_cast<double>(s.step_count - 1) * lr_decay;
        return [first, initial = static_cast<T>(initial_accumulator_value),
                clr = static_cast<T>(static_cast<double>(rate) / decay),
                eps = static_cast<T>(epsilon)](T g, T& p, T& sum) {
            sum = (first ? initial : sum) + g * g;
            p -= clr * g / (detail::constexpr_sqrt(sum) + eps);
        };
    }
};

} // namespace ctnn
