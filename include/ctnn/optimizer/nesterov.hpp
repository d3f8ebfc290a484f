// ctnn/optimizer/nesterov.hpp: `nesterov`, torch.optim.SGD with momentum and nesterov=True:
// v = beta v + g; p -= lr (g + beta v).
#pragma once

#include <cstddef>
#include <string_view>

#include <ctnn/optimizer/momentum.hpp>
#include <ctnn/optimizer/rule.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// The step taken from where the momentum is about to carry the parameters (Sutskever et al.,
// 2013, in PyTorch's formulation). It remembers what momentum does: one velocity per parameter.
struct nesterov {
    static constexpr std::string_view name = "nesterov";
    // v = b v + g (2); p -= lr (g + b v) (4).
    static constexpr std::size_t flops_per_parameter = 6;

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
            p -= rate * (g + b * v);
        };
    }
};

} // namespace ctnn
