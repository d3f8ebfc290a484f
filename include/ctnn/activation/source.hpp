// ctnn/activation/source.hpp: activation_source, the reader of an activation's C++ spelling (its
// source_name), for the headers bake() writes.
#pragma once

#include <concepts>
#include <string_view>

namespace ctnn {

// activation_source<A>::value: how activation A is written in C++ source, qualified, so that a
// generated header can name it: A::source_name, as every built-in declares it ("ctnn::sigmoid",
// "ctnn::leaky_relu<1, 100>", "ctnn::basic_sigmoid<ctnn::polynomial_exp>"), or a specialisation
// of this template. Without either (or for a built-in on an exp policy that has no source_name,
// whose spelling is then empty) bake() does not compile.
template <class A>
struct activation_source {};

template <class A>
    requires requires {
        { A::source_name } -> std::convertible_to<std::string_view>;
    } && (std::string_view(A::source_name).size() != 0)
struct activation_source<A> {
    static constexpr std::string_view value = A::source_name;
};

template <class A>
concept has_activation_source = requires {
    { activation_source<A>::value } -> std::convertible_to<std::string_view>;
};

} // namespace ctnn
