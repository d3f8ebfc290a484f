// What every built-in activation says about itself (activation/concept.hpp lists the facts), read
// through the one reader of each: activation_name (files), activation_source (bake) and
// activation_cost (the cost report); the RTNeural names are checked in tests/interop. The
// spellings are checked character by character here; that each names the right type is checked
// by the bake test, which compiles a header written with them (tests/constexpr/bake).
#include <string_view>

#include <ctnn/bake.hpp>
#include <ctnn/cost.hpp>
#include <ctnn/serialization.hpp>

namespace {

using ctnn::activation_cost;
using ctnn::activation_name;
using ctnn::activation_source;

template <class A>
constexpr std::string_view name = activation_name<A>::value;
template <class A>
constexpr std::string_view source = activation_source<A>::value;
template <class A>
constexpr std::size_t transcendentals = activation_cost<A>::transcendentals_per_unit;

// Names in files: the function, whatever the exp policy.
static_assert(name<ctnn::basic_tanh<ctnn::std_exp>> == "tanh");
static_assert(name<ctnn::basic_softplus<ctnn::polynomial_exp>> == "softplus");
static_assert(name<ctnn::basic_softmax<ctnn::std_exp>> == "softmax");
static_assert(name<ctnn::basic_elu<1, 2, ctnn::polynomial_exp>> == "elu(1/2)");
static_assert(name<ctnn::elu<-3, 7>> == "elu(-3/7)");
static_assert(name<ctnn::silu> == "silu" && name<ctnn::basic_silu<ctnn::std_exp>> == "silu");

// C++ spellings: each type's own.
static_assert(source<ctnn::sigmoid> == "ctnn::sigmoid");
static_assert(source<ctnn::tanh> == "ctnn::tanh");
static_assert(source<ctnn::softplus> == "ctnn::softplus");
static_assert(source<ctnn::softmax> == "ctnn::softmax");
static_assert(source<ctnn::silu> == "ctnn::silu");
static_assert(source<ctnn::gelu_tanh> == "ctnn::gelu_tanh");
static_assert(name<ctnn::gelu_tanh> == "gelu_tanh");
static_assert(source<ctnn::gelu> == "ctnn::gelu" && name<ctnn::gelu> == "gelu");
static_assert(source<ctnn::basic_silu<ctnn::polynomial_exp>> ==
              "ctnn::basic_silu<ctnn::polynomial_exp>");
static_assert(source<ctnn::relu> == "ctnn::relu");
static_assert(source<ctnn::identity> == "ctnn::identity");
static_assert(source<ctnn::leaky_relu<>> == "ctnn::leaky_relu<1, 100>");
static_assert(source<ctnn::leaky_relu<-1, 5>> == "ctnn::leaky_relu<-1, 5>");
static_assert(source<ctnn::elu<>> == "ctnn::elu<1, 1>");
static_assert(source<ctnn::elu<1, 2>> == "ctnn::elu<1, 2>");
static_assert(source<ctnn::basic_sigmoid<ctnn::polynomial_exp>> ==
              "ctnn::basic_sigmoid<ctnn::polynomial_exp>");
static_assert(source<ctnn::basic_tanh<ctnn::std_exp>> == "ctnn::basic_tanh<ctnn::std_exp>");
static_assert(source<ctnn::basic_softplus<ctnn::default_exp>> ==
              "ctnn::basic_softplus<ctnn::default_exp>");
static_assert(source<ctnn::basic_softmax<ctnn::std_exp>> == "ctnn::basic_softmax<ctnn::std_exp>");
static_assert(source<ctnn::basic_elu<1, 2, ctnn::polynomial_exp>> ==
              "ctnn::basic_elu<1, 2, ctnn::polynomial_exp>");

// An exp policy without a spelling (none, or an empty one): the activation on it cannot be
// baked (rather than be spelled wrong), but it still saves under its function's name.
struct unspelled_exp {
    template <class T>
    static constexpr T exp(T x) noexcept { return ctnn::polynomial_exp::exp(x); }
    template <class T>
    static constexpr T expm1(T x) noexcept { return ctnn::polynomial_exp::expm1(x); }
};
struct blank_exp : ctnn::polynomial_exp {
    static constexpr std::string_view source_name = "";
};
static_assert(!ctnn::has_activation_source<ctnn::basic_tanh<unspelled_exp>>);
static_assert(!ctnn::has_activation_source<ctnn::basic_elu<1, 2, unspelled_exp>>);
static_assert(!ctnn::has_activation_source<ctnn::basic_sigmoid<blank_exp>>);
static_assert(name<ctnn::basic_tanh<unspelled_exp>> == "tanh");
static_assert(name<ctnn::basic_elu<1, 2, unspelled_exp>> == "elu(1/2)");

// A user's activation derived from a built-in inherits its facts; one of its own declares them.
struct my_sigmoid : ctnn::sigmoid {};
static_assert(name<my_sigmoid> == "sigmoid" && transcendentals<my_sigmoid> == 1);
struct cube {
    static constexpr std::string_view name = "cube";
    static constexpr std::size_t transcendentals = 0;
    template <class T>
    static constexpr T value(T z) noexcept { return z * z * z; }
    template <class T>
    static constexpr T derivative(T z, T) noexcept { return 3 * z * z; }
};
static_assert(name<cube> == "cube" && transcendentals<cube> == 0);
static_assert(!ctnn::has_activation_source<cube>);

// Transcendental calls per unit, as each value() is written.
static_assert(transcendentals<ctnn::basic_softplus<ctnn::std_exp>> == 2);
static_assert(transcendentals<ctnn::basic_elu<1, 2, ctnn::polynomial_exp>> == 1);
static_assert(transcendentals<ctnn::basic_softmax<ctnn::std_exp>> == 1);
static_assert(transcendentals<ctnn::silu> == 1 && transcendentals<ctnn::gelu_tanh> == 1);
static_assert(transcendentals<ctnn::gelu> == 1);

} // namespace
