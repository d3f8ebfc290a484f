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
// Why the recorded form goes through chunks in local arrays: the arrays are distinct objects the
// compiler cannot prove apart, so one loop that reads and writes them all would need a run-time
// overlap test per pair of arrays before it could vectorise (GCC gives up beyond ten: Adam's
// three arrays and their three records are fifteen pairs). Copying a chunk of each into local
// arrays first leaves loops that each touch one array in memory and locals, which GCC and Clang
// vectorise.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <utility>

#include <ctnn/detail/finite.hpp>

namespace ctnn::detail {

template <bool Record, std::size_t Count, class T, std::size_t A, class Rule>
constexpr float_uint<T> update_chunk(std::size_t k0, const T* g, const std::array<T*, A>& live,
                                     const std::array<T*, A>& undo, const Rule& rule) noexcept
{
    T gk[Count];
    T x[A][Count];
    for (std::size_t l = 0; l < Count; ++l)
        gk[l] = g[k0 + l];
    for (std::size_t a = 0; a < A; ++a)
        for (std::size_t l = 0; l < Count; ++l)
            x[a][l] = live[a][k0 + l];
    if constexpr (Record)
        for (std::size_t a = 0; a < A; ++a)
            for (std::size_t l = 0; l < Count; ++l)
                undo[a][k0 + l] = x[a][l];
    for (std::size_t l = 0; l < Count; ++l)
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            rule(gk[l], x[I][l]...);
        }(std::make_index_sequence<A>{});
    float_uint<T> flags = 0;
    for (std::size_t a = 0; a < A; ++a)
        for (std::size_t l = 0; l < Count; ++l)
            live[a][k0 + l] = x[a][l];
    if constexpr (Record) {
        for (std::size_t l = 0; l < Count; ++l)
            flags |= non_finite_flag(gk[l]);
        for (std::size_t a = 0; a < A; ++a)
            for (std::size_t l = 0; l < Count; ++l)
                flags |= non_finite_flag(x[a][l]);
    }
    return flags;
}

template <bool Record, class T, std::size_t N, std::size_t A, class Rule>
constexpr bool update_chunks(std::span<const T, N> g, const std::array<T*, A>& live,
                             const std::array<T*, A>& undo, const Rule& rule) noexcept
{
    constexpr std::size_t chunk = 32;
    constexpr std::size_t whole = N / chunk * chunk;
    float_uint<T> flags = 0;
    for (std::size_t k0 = 0; k0 < whole; k0 += chunk)
        flags |= update_chunk<Record, chunk>(k0, g.data(), live, undo, rule);
    if constexpr (N % chunk != 0)
        flags |= update_chunk<Record, N % chunk>(whole, g.data(), live, undo, rule);
    return finite_flags_clear<T>(flags);
}

// live[a][k] for every parameter k, each array updated by rule(g[k], live[0][k], live[1][k], ...).
// A small network's arrays directly in memory: its step is a short chain, faster without the
// copies into locals (measured, AVX-512: a 4-4 float training step 53 against 57 ns, 8-8 123
// against 152 ns), and few enough pairs of arrays for the compilers' overlap tests. A large
// one's through chunks, which vectorise whatever the overlap tests decide (measured: an Adam step
// of 235,146 float parameters 123 us through chunks, 545 us in the scalar loop that the overlap
// tests fell back to in a plain loop over the same arrays).
template <class T, std::size_t N, std::size_t A, class Rule>
constexpr void update_in_place(std::span<const T, N> g, const std::array<T*, A>& live,
                               const Rule& rule) noexcept
{
    if constexpr (N >= 1024) {
        update_chunks<false>(g, live, live, rule);
    }
    else {
        const T* const gradient = g.data();
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            [&](auto* const... arrays) {
                for (std::size_t k = 0; k < N; ++k)
                    rule(gradient[k], arrays[k]...);
            }(live[I]...);
        }(std::make_index_sequence<A>{});
    }
}

// The same update, each overwritten value first written to undo[a][k]. True when every g[k] and
// every new value is finite; otherwise copying undo back restores the arrays exactly. Always
// through chunks: with the record, the arrays are too many pairs for the overlap tests.
template <class T, std::size_t N, std::size_t A, class Rule>
constexpr bool update_recorded(std::span<const T, N> g, const std::array<T*, A>& live,
                               const std::array<T*, A>& undo, const Rule& rule) noexcept
{
    return update_chunks<true>(g, live, undo, rule);
}

} // namespace ctnn::detail
