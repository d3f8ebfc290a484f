// ctnn/activation/cost.hpp: activation_cost, the reader of what an activation declares about its
// cost (its transcendental calls per unit), for the cost report (ctnn/cost.hpp documents it).
#pragma once

#include <concepts>
#include <cstddef>
#include <type_traits>

#include <ctnn/activation/concept.hpp>

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

} // namespace ctnn
