// ctnn/activation/concept.hpp: the concepts that activation functions model: element-wise
// (`elementwise_activation`), row-wise (`row_activation`, e.g. softmax), and `activation`, either.
#pragma once

#include <concepts>
#include <cstddef>

namespace ctnn {

// An element-wise activation is a stateless type applied to each pre-activation z of a layer:
//
//   A::value(z)         -> a, the activation of z
//   A::derivative(z, a) -> da/dz at z, given also a == A::value(z)
//
// both static, for every scalar type the network uses. The derivative receives the value already
// computed, so that it costs nothing extra when it can be written in terms of a (the sigmoid's
// a * (1 - a) needs no second exp), yet z stays available for activations whose derivative needs
// it (relu). Adding an activation is one new header defining such a type; nothing in the library
// changes. Make value() numerically safe for any finite z (no overflow to inf or NaN).
template <class A, class T>
concept elementwise_activation = std::floating_point<T> && requires(T z, T a) {
    { A::value(z) } -> std::same_as<T>;
    { A::derivative(z, a) } -> std::same_as<T>;
};

// What an activation says about itself, as static members, each read in one place:
//
//   name               its name in saved files: the function, never how it is computed, so a
//                      file saved with one exp policy loads with another ("sigmoid",
//                      "leaky_relu(1/100)"); one token. Read by ctnn::activation_name.
//   source_name        its C++ spelling, qualified, for headers that bake() writes
//                      ("ctnn::elu<1, 2>"). Read by ctnn::activation_source.
//   transcendentals    exp, log, tanh and the like per output unit of a forward pass, for the
//                      cost report. Read by ctnn::activation_cost.
//   rtneural_name      its name in RTNeural's JSON models, where that format has it ("" for the
//                      identity, a linear layer). Read by ctnn/rtneural.hpp.
//   family             (a type) the built-in whose function it computes: basic_sigmoid<Exp>
//                      is the sigmoid for every exp policy Exp.
//
// All are optional for an activation of one's own: without a name (or a family) it cannot be
// saved, without a source_name it cannot be baked, without transcendentals it counts as one per
// unit, without an rtneural_name it is not written to RTNeural's format. A type derived from a
// built-in inherits its facts; the built-ins declare the spelling of each of their types.

// A row activation maps a layer's whole row of Width pre-activations at once (softmax does):
//
//   A::template forward<Width>(const T* z, T* a)            writes a = A(z)
//   A::template backward<Width>(const T* z, const T* a, T* g)
//       turns g = dLoss/da into dLoss/dz in place (the Jacobian-vector product)
template <class A, class T>
concept row_activation = std::floating_point<T> && requires(const T* z, T* a, T* g) {
    A::template forward<3>(z, a);
    A::template backward<3>(z, a, g);
};

template <class A, class T>
concept activation = elementwise_activation<A, T> || row_activation<A, T>;

// The mathematical function an activation computes, whatever its exp policy: an activation may
// declare `using family = F;` (basic_sigmoid<Exp> declares sigmoid), otherwise it is its own.
// A loss fused with an output activation accepts any member of that activation's family.
template <class A>
struct activation_family {
    using type = A;
};
template <class A>
    requires requires { typename A::family; }
struct activation_family<A> {
    using type = typename A::family;
};
template <class A>
using activation_family_t = typename activation_family<A>::type;

} // namespace ctnn
