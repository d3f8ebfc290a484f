// ctnn/activation/concept.hpp: the `activation` concept that every activation function models.
#pragma once

#include <concepts>

namespace ctnn {

// An activation is a stateless type applied element-wise to a layer's pre-activation z:
//
//   A::value(z)         -> a, the activation of z
//   A::derivative(z, a) -> da/dz at z, given also a == A::value(z)
//
// both static, constexpr where the maths allows, for every scalar type the network uses. The
// derivative receives the value it already computed so that it costs nothing extra when it can
// be written in terms of a (the sigmoid's a * (1 - a) needs no second exp), yet z stays available
// for activations whose derivative needs it. Adding an activation is one new header that defines
// such a type; nothing in the library needs to change.
template <class A, class T>
concept activation = std::floating_point<T> && requires(T z, T a) {
    { A::value(z) } -> std::same_as<T>;
    { A::derivative(z, a) } -> std::same_as<T>;
};

} // namespace ctnn
