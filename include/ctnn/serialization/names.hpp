// ctnn/serialization/names.hpp: how activations and optimisers are named in a file's type
// signature: activation_name and optimizer_name, each reading the member the built-in declares.
#pragma once

#include <concepts>
#include <string_view>
#include <type_traits>

namespace ctnn {

namespace detail {

template <class A>
concept has_member_name = requires {
    { A::name } -> std::convertible_to<std::string_view>;
};

// An activation that declares `using family = F;` computes F's function (basic_sigmoid<Exp> is
// the sigmoid for every exp policy Exp): it is named after F.
template <class A>
concept has_other_family =
    requires { typename A::family; } && !std::is_same_v<typename A::family, A>;

} // namespace detail

// activation_name<A>::value: how activation A is named in a file: the function it computes, never
// how (a file saved with one exp policy loads with another). A::name, as every built-in declares
// it (a type derived from a built-in inherits it); otherwise its family's name if A declares
// `using family = F;`; or a specialisation of this template. Without any of these, saving or
// loading a network that uses A is a compile-time error.
template <class A>
struct activation_name {};

template <class A>
    requires detail::has_member_name<A>
struct activation_name<A> {
    static constexpr std::string_view value = A::name;
};

template <class A>
    requires(!detail::has_member_name<A> && detail::has_other_family<A>)
struct activation_name<A> : activation_name<typename A::family> {};

// optimizer_name<Opt>::value: how optimiser Opt is named in a file holding its state: Opt::name
// (every built-in states its own). Specialise it for an optimiser you cannot change.
template <class Opt>
struct optimizer_name {};
template <class Opt>
    requires detail::has_member_name<Opt>
struct optimizer_name<Opt> {
    static constexpr std::string_view value = Opt::name;
};

} // namespace ctnn
