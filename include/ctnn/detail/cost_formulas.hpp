// ctnn/detail/cost_formulas.hpp: the counts behind ctnn::cost (ctnn/cost.hpp, which documents
// them) that a network type also reports as its own static members: each a sum of what every
// layer declares (see ctnn/layer/concept.hpp). They live here, and not in cost.hpp, because
// network.hpp needs them and cost.hpp includes network.hpp.
#pragma once

#include <cstddef>
#include <utility>

#include <ctnn/activation/cost.hpp>
#include <ctnn/detail/network_traits.hpp>

namespace ctnn::detail {

// Sums f(layer<L>*) over a network's layers.
template <class Net, class F>
constexpr std::size_t sum_over_layers(F f) noexcept
{
    using traits = network_traits<Net>;
    return [&]<std::size_t... L>(std::index_sequence<L...>) {
        return (std::size_t{0} + ... +
                f(static_cast<typename traits::template layer<L>*>(nullptr)));
    }(std::make_index_sequence<traits::layer_count>{});
}

template <class Net>
inline constexpr std::size_t forward_flops = sum_over_layers<Net>([]<class Layer>(Layer*) {
    return std::size_t{Layer::forward_flops};
});

template <class Net>
inline constexpr std::size_t transcendentals_per_sample =
    sum_over_layers<Net>([]<class Layer>(Layer*) { return std::size_t{Layer::transcendentals}; });

// One sample back through every layer: what each layer declares, plus the gradient to each
// layer's input but the first's, which nothing needs.
template <class Net>
inline constexpr std::size_t backward_flops_per_sample =
    sum_over_layers<Net>([]<class Layer>(Layer*) {
        return std::size_t{Layer::backward_flops} + std::size_t{Layer::input_gradient_flops};
    }) -
    network_traits<Net>::template layer<0>::input_gradient_flops;

} // namespace ctnn::detail
