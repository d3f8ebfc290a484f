// ctnn/detail/serialization_fields.hpp: the members of an optimiser state, visited in declaration
// order without naming them, so that ctnn/serialization.hpp saves any state that is a plain
// aggregate (ctnn's own are: sgd's is empty, momentum's one parameters<Net>, Adam's two
// parameters<Net> and three counters) without each optimiser declaring anything.
#pragma once

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ctnn::detail {

// Converts to anything: S{any_field{}, ...} compiles exactly when S is an aggregate with at
// least that many members (the technique of Boost.PFR). Never called, only named in requires.
struct any_field {
    template <class U>
    constexpr operator U() const noexcept; // NOLINT(google-explicit-constructor)
};
template <std::size_t>
using any_field_at = any_field;

template <class S, std::size_t... I>
constexpr bool brace_initializable(std::index_sequence<I...>) noexcept
{
    return requires { S{any_field_at<I>{}...}; };
}

inline constexpr std::size_t max_state_fields = 8;

// The number of members of aggregate S (up to max_state_fields), or max_state_fields + 1 if more.
template <class S, std::size_t N = 0>
constexpr std::size_t field_count() noexcept
{
    if constexpr (N > max_state_fields)
        return N;
    else if constexpr (!brace_initializable<S>(std::make_index_sequence<N + 1>{}))
        return N;
    else
        return field_count<S, N + 1>();
}

// Calls f(member) for each member of s in declaration order. N is field_count<S>().
template <std::size_t N, class S, class F>
constexpr void for_each_field(S& s, F&& f)
{
    if constexpr (N == 0) {
        (void)s;
        (void)f;
    }
    else if constexpr (N == 1) {
        auto& [a] = s;
        f(a);
    }
    else if constexpr (N == 2) {
        auto& [a, b] = s;
        f(a), f(b);
    }
    else if constexpr (N == 3) {
        auto& [a, b, c] = s;
        f(a), f(b), f(c);
    }
    else if constexpr (N == 4) {
        auto& [a, b, c, d] = s;
        f(a), f(b), f(c), f(d);
    }
    else if constexpr (N == 5) {
        auto& [a, b, c, d, e] = s;
        f(a), f(b), f(c), f(d), f(e);
    }
    else if constexpr (N == 6) {
        auto& [a, b, c, d, e, g] = s;
        f(a), f(b), f(c), f(d), f(e), f(g);
    }
    else if constexpr (N == 7) {
        auto& [a, b, c, d, e, g, h] = s;
        f(a), f(b), f(c), f(d), f(e), f(g), f(h);
    }
    else if constexpr (N == 8) {
        auto& [a, b, c, d, e, g, h, i] = s;
        f(a), f(b), f(c), f(d), f(e), f(g), f(h), f(i);
    }
}

// Member I of s, N being field_count<S>() (at least 1).
template <std::size_t I, std::size_t N, class S>
constexpr auto& field_at(S& s) noexcept
{
    if constexpr (N == 1) {
        auto& [a] = s;
        return std::get<I>(std::tie(a));
    }
    else if constexpr (N == 2) {
        auto& [a, b] = s;
        return std::get<I>(std::tie(a, b));
    }
    else if constexpr (N == 3) {
        auto& [a, b, c] = s;
        return std::get<I>(std::tie(a, b, c));
    }
    else if constexpr (N == 4) {
        auto& [a, b, c, d] = s;
        return std::get<I>(std::tie(a, b, c, d));
    }
    else if constexpr (N == 5) {
        auto& [a, b, c, d, e] = s;
        return std::get<I>(std::tie(a, b, c, d, e));
    }
    else if constexpr (N == 6) {
        auto& [a, b, c, d, e, f] = s;
        return std::get<I>(std::tie(a, b, c, d, e, f));
    }
    else if constexpr (N == 7) {
        auto& [a, b, c, d, e, f, g] = s;
        return std::get<I>(std::tie(a, b, c, d, e, f, g));
    }
    else {
        auto& [a, b, c, d, e, f, g, h] = s;
        return std::get<I>(std::tie(a, b, c, d, e, f, g, h));
    }
}


} // namespace ctnn::detail
