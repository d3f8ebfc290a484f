// ctnn/optimizer/rmsprop.hpp: `rmsprop`, torch.optim.RMSprop (Hinton, 2012): each parameter's
// step divided by the root of a moving average of its squared gradient.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/detail/finite.hpp>
#include <ctnn/optimizer/rule.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// torch.optim.RMSprop with its defaults (lr 0.01, alpha 0.99, eps 1e-8), as PyTorch writes it:
//   v = alpha v + (1 - alpha) g^2;  p -= lr g / (sqrt(v) + eps)
// v starts at zero. alpha and 1 - alpha are computed in double and rounded once to the network's
// scalar, as PyTorch rounds its Python floats. The state is one parameter-shaped array:
// sizeof(rmsprop::state<Net>) == sizeof(parameters<Net>).
//
// PyTorch's momentum, centered and weight_decay (all off by default) are not supported: momentum
// and centered would each add a second parameter-shaped array to every state, used or not, and
// weight_decay is an L2 term that ctnn::adam does not take either (ctnn::adamw decays apart).
struct rmsprop {
    static constexpr std::string_view name = "rmsprop";
    // v = a v + (1-a) g g (4); p -= lr g / (sqrt(v) + eps) (5).
    static constexpr std::size_t flops_per_parameter = 9;

    double learning_rate = 1e-2;
    double alpha = 0.99;
    double epsilon = 1e-8;

    template <class Net>
    struct state {
        parameters<Net> square_average; // v

        // v overflows at a gradient above sqrt(max / (1 - alpha)), about 1.8e20 in float.
        constexpr bool finite() const noexcept
        {
            return detail::all_finite(square_average.values());
        }

        constexpr auto arrays(parameters<Net>& p) noexcept
        {
            return std::array{p.values().data(), square_average.values().data()};
        }
    };

    template <class Net>
    constexpr void step(Net& net, const gradient<Net>& grad, state<Net>& s,
                        step_rate<typename Net::scalar_type> rate = {}) const noexcept
    {
        detail::rule_step(*this, net, grad, s, rate);
    }

    // The square root as in Adam's rule (ctnn/optimizer/adam.hpp says when the loop vectorises).
    template <class Net, class T>
    constexpr auto rule(state<Net>& /*state*/, T rate) const noexcept
    {
        return [rate, a = static_cast<T>(alpha), one_minus_a = static_cast<T>(1.0 - alpha),
                eps = static_cast<T>(epsilon)](T g, T& p, T& v) {
            v = a * v + one_minus_a * g * g;
            p -= rate * g / (detail::constexpr_sqrt(v) + eps);
        };
    }
};

} // namespace ctnn
