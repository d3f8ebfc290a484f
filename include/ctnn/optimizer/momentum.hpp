// ctnn/optimizer/momentum.hpp: `momentum`, torch.optim.SGD with momentum: v = beta v + g;
// p -= lr v, and detail::velocity_state, the one velocity per parameter it remembers (nesterov
// remembers the same).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ctnn/detail/finite.hpp>
#include <ctnn/optimizer/rule.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {
namespace detail {

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

// torch.optim.SGD with momentum=beta (dampening 0). The velocity v accumulates a running sum of
// past gradients, which speeds progress along directions where the gradient is consistent and
// damps oscillation across narrow valleys.
struct momentum {
    static constexpr std::string_view name = "momentum";
    // v = b v + g (2); p -= lr v (2).
    static constexpr std::size_t flops_per_parameter = 4;

    double learning_rate;
    double beta = 0.9;

    template <class Net>
    using state = detail::velocity_state<Net>;

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        step_rate<typename Net::scalar_type> rate = {}) const noexcept
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

} // namespace ctnn
