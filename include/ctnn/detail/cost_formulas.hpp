// ctnn/detail/cost_formulas.hpp: the counts behind ctnn::cost (ctnn/cost.hpp, which documents
// them) that a network type also reports as its own static members. They live here, and not in
// cost.hpp, because network.hpp needs them and cost.hpp includes network.hpp. The one public name,
// ctnn::activation_cost, is defined here for the same reason; users reach it through cost.hpp.
#pragma once

#include <cstddef>
#include <concepts>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ctnn/activation.hpp>
#include <ctnn/detail/network_traits.hpp>

namespace ctnn {

namespace detail {
template <class A>
concept declares_transcendentals = requires {
    { A::transcendentals } -> std::convertible_to<std::size_t>;
};
} // namespace detail

// activation_cost<A>::transcendentals_per_unit: calls of exp, log, tanh and the like that
// activation A makes per output unit in a forward pass (its derivative is not counted), as A
// states it with `static constexpr std::size_t transcendentals = n;` (every built-in does, as its
// value() is written); one that declares a family (`using family = F;`) and no count costs what F
// does; any other is counted as 1 per unit, the conservative guess for a smooth function.
template <class A>
struct activation_cost {
    static constexpr std::size_t transcendentals_per_unit = [] {
        if constexpr (detail::declares_transcendentals<A>)
            return static_cast<std::size_t>(A::transcendentals);
        else if constexpr (!std::is_same_v<activation_family_t<A>, A>)
            return activation_cost<activation_family_t<A>>::transcendentals_per_unit;
        else
            return std::size_t{1};
    }();
};

namespace detail {

// Sums f(layer<L>) over a network's layers.
template <class Net, class F>
constexpr std::size_t sum_over_layers(F f) noexcept
{
    using traits = network_traits<Net>;
    return [&]<std::size_t... L>(std::index_sequence<L...>) {
        return (std::size_t{0} + ... + f(static_cast<typename traits::template layer<L>*>(nullptr)));
    }(std::make_index_sequence<traits::layer_count>{});
}

// One sample through one layer: a multiply and an add per weight, an add per bias.
template <class Layer>
constexpr std::size_t layer_forward_flops() noexcept
{
    return 2 * Layer::in_size * Layer::out_size + (Layer::has_bias ? Layer::out_size : 0);
}

template <class Net>
inline constexpr std::size_t forward_flops = sum_over_layers<Net>([]<class Layer>(Layer*) {
    return layer_forward_flops<Layer>();
});

template <class Net>
inline constexpr std::size_t transcendentals_per_sample =
    sum_over_layers<Net>([]<class Layer>(Layer*) {
        return Layer::out_size *
               activation_cost<typename Layer::activation_type>::transcendentals_per_unit;
    });

// One sample back through every layer: the weight gradient x^T delta (a multiply and an add per
// weight), the bias gradient (an add per bias), the gradient to the previous layer delta W^T (a
// multiply and an add per weight, for every layer but the first, whose input needs none) and the
// activation's derivative applied to delta (a multiply per unit).
template <class Net>
inline constexpr std::size_t backward_flops_per_sample =
    sum_over_layers<Net>([]<class Layer>(Layer*) {
        return 2 * Layer::in_size * Layer::out_size +
               (Layer::has_bias ? Layer::out_size : 0) + Layer::out_size;
    }) +
    [] {
        using traits = network_traits<Net>;
        std::size_t input_gradients = 0;
        for (std::size_t l = 1; l < traits::layer_count; ++l)
            input_gradients += 2 * traits::widths[l] * traits::widths[l + 1];
        return input_gradients;
    }();

} // namespace detail
} // namespace ctnn
