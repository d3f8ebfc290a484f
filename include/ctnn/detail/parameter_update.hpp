// ctnn/detail/parameter_update.hpp: an optimiser's per-parameter rule run over the arrays it
// updates (the weights, then whatever it keeps per parameter: a velocity, Adam's two moments),
// either in place (update_in_place) or recording every value it overwrites and telling whether
// the gradient and every new value are finite (update_recorded): the trainer's checked step in
// one pass over memory, where a copy of everything before the step and a check after it take
// three.
//
// A rule is called once per parameter as rule(g, p, s...) with the gradient value g and
// references to the parameter p and its state values s..., which it updates; it is written once
// per optimiser and serves both forms, so they compute the same bits.
//
// The loop carries CTNN_DETAIL_INDEPENDENT_ITERATIONS: the arrays are distinct objects (a
// network, an optimiser's state, an undo record) that the compiler cannot prove apart.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <utility>

#include <ctnn/detail/finite.hpp>
#include <ctnn/detail/independent_iterations.hpp>

namespace ctnn::detail {

// rule(g[k], live[0][k], live[1][k], ...) for every parameter k; with Record, each value it
// overwrites first goes to undo[a][k], and the result tells whether every g[k] and every new
// value is finite (without, it is true).
template <bool Record, class T, std::size_t N, std::size_t A, class Rule>
constexpr bool update_parameters(std::span<const T, N> g, const std::array<T*, A>& live,
                                 const std::array<T*, A>& undo, const Rule& rule) noexcept
{
    const T* const gradient = g.data();
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        T* const arrays[A] = {live[I]...};
        T* const records[A] = {undo[I]...};
        float_uint<T> flags = 0;
        CTNN_DETAIL_INDEPENDENT_ITERATIONS
        for (std::size_t k = 0; k < N; ++k) {
            T value[A] = {arrays[I][k]...};
            const T gk = gradient[k];
            if constexpr (Record) {
                ((records[I][k] = value[I]), ...);
                flags |= non_finite_flag(gk);
            }
            rule(gk, value[I]...);
            ((arrays[I][k] = value[I]), ...);
            if constexpr (Record)
                flags |= (non_finite_flag(value[I]) | ...);
        }
        return finite_flags_clear<T>(flags);
    }(std::make_index_sequence<A>{});
}

template <class T, std::size_t N, std::size_t A, class Rule>
constexpr void update_in_place(std::span<const T, N> g, const std::array<T*, A>& live,
                               const Rule& rule) noexcept
{
    update_parameters<false>(g, live, live, rule);
}

// Copying undo back restores the arrays exactly.
template <class T, std::size_t N, std::size_t A, class Rule>
constexpr bool update_recorded(std::span<const T, N> g, const std::array<T*, A>& live,
                               const std::array<T*, A>& undo, const Rule& rule) noexcept
{
    return update_parameters<true>(g, live, undo, rule);
}

} // namespace ctnn::detail
