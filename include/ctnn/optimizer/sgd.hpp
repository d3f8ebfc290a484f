// ctnn/optimizer/sgd.hpp: `sgd`, torch.optim.SGD without momentum: p -= lr g.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ctnn/optimizer/rule.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// It remembers nothing: its state is empty.
struct sgd {
    static constexpr std::string_view name = "sgd";
    // p -= lr g: a multiply and a subtraction.
    static constexpr std::size_t flops_per_parameter = 2;

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
                        step_rate<typename Net::scalar_type> rate = {}) const noexcept
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

} // namespace ctnn
