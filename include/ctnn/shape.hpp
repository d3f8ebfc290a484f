// ctnn/shape.hpp: concepts and aliases for static shape tests of your own code: which inputs a
// network takes, which networks chain, which datasets fit.
//
//   using encoder = ctnn::network<8, 4, 2>;
//   using decoder = ctnn::network<2, 4, 8>;
//   static_assert(ctnn::can_forward<encoder, std::array<float, 8>>);
//   static_assert(!ctnn::can_forward<encoder, std::array<double, 8>>);   // wrong scalar type
//   static_assert(ctnn::chainable<encoder, decoder>);
//   static_assert(ctnn::dataset_matches<ctnn::dataset<float, 8, 2>, encoder>);
//
// Every concept here is computed from the types' shape facts, never by trying a call: forward()
// accepts any std::array and rejects a wrong width with a static_assert in its body, which a
// concept cannot see (asking whether such a call compiles is itself a hard error).
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

#include <ctnn/dataset.hpp>
#include <ctnn/detail/network_traits.hpp>
#include <ctnn/network.hpp>

namespace ctnn {

namespace detail {

template <class T>
inline constexpr bool is_sequential = false;
template <class Options, class Input, class... Layers>
inline constexpr bool is_sequential<sequential<Options, Input, Layers...>> = true;

template <class T>
inline constexpr bool is_dataset = false;
template <class T, std::size_t Inputs, std::size_t Outputs>
inline constexpr bool is_dataset<dataset<T, Inputs, Outputs>> = true;

// What forward()'s checks decide for a std::array<U, N>: U is the scalar and N the input width
// (one sample), or U is itself std::array<scalar, input_size> (a batch of N samples, N >= 0).
template <class Net, class U, std::size_t N>
consteval bool forward_input_fits()
{
    using T = typename Net::scalar_type;
    if constexpr (is_std_array<U>)
        return std::is_same_v<typename U::value_type, T> &&
               std::tuple_size_v<U> == Net::input_size;
    else
        return std::is_same_v<U, T> && N == Net::input_size;
}

// Declared with forward()'s own parameter type, so that deduction (a class derived from
// std::array included) matches exactly the arguments forward() deduces.
template <class Net, class U, std::size_t N>
auto forward_accepts(const std::array<U, N>&) -> std::bool_constant<forward_input_fits<Net, U, N>()>;
// One sample as a built-in array (or a braced list) of the scalar, or a span of fixed extent.
template <class Net, class U, std::size_t N>
auto forward_accepts(const U (&)[N])
    -> std::bool_constant<std::is_same_v<U, typename Net::scalar_type> && N == Net::input_size>;
template <class Net, class U, std::size_t N>
auto forward_accepts(const std::span<U, N>&)
    -> std::bool_constant<std::is_same_v<std::remove_const_t<U>, typename Net::scalar_type> &&
                          N != std::dynamic_extent && N != 0 && N % Net::input_size == 0>;

template <class NetA, class NetB>
consteval bool same_widths()
{
    if constexpr (NetA::layer_count == NetB::layer_count)
        return NetA::widths == NetB::widths;
    else
        return false;
}

} // namespace detail

// is_network<T>: T (ignoring const and references) is a ctnn network type, any
// ctnn::sequential<...>, hence also any network<...> or basic_network<...>.
//   static_assert(ctnn::is_network<my_net>);
template <class T>
concept is_network = detail::is_sequential<std::remove_cvref_t<T>>;

// input_of<Net> and output_of<Net>: one sample in and out, std::array<scalar_type, width>.
//   ctnn::output_of<my_net> y = net.forward(ctnn::input_of<my_net>{...});
template <is_network Net>
using input_of = typename std::remove_cvref_t<Net>::input_type;
template <is_network Net>
using output_of = typename std::remove_cvref_t<Net>::output_type;

// can_forward<Net, Input>: net.forward(x) compiles for an x of type Input, which is
// std::array<scalar_type, input_size> (one sample) or ctnn::batch<scalar_type, B, input_size>
// (B samples), a scalar_type[input_size] (one sample), or a std::span of scalar_type whose
// extent is input_size (one sample) or B * input_size (a flat batch of B rows). Nothing else: no
// other scalar type, no std::vector, no span of dynamic extent.
//   static_assert(ctnn::can_forward<my_net, decltype(my_sample)>);
template <class Net, class Input>
concept can_forward =
    is_network<Net> && requires(const Input& x) {
        requires decltype(detail::forward_accepts<std::remove_cvref_t<Net>>(x))::value;
    };

// chainable<NetA, NetB>: NetB can take NetA's output, net_b.forward(net_a.forward(x)): NetA's
// output width is NetB's input width, and the scalar types are the same.
//   static_assert(ctnn::chainable<encoder, decoder>);
template <class NetA, class NetB>
concept chainable =
    is_network<NetA> && is_network<NetB> &&
    std::is_same_v<typename std::remove_cvref_t<NetA>::scalar_type,
                   typename std::remove_cvref_t<NetB>::scalar_type> &&
    std::remove_cvref_t<NetA>::output_size == std::remove_cvref_t<NetB>::input_size;

// same_shape<NetA, NetB>: the same widths, layer by layer, and the same scalar type, so one's
// inputs, outputs and batches fit the other. Activations, biases and layer kinds may differ (so may
// parameter_count: compare that separately if it matters).
//   static_assert(ctnn::same_shape<candidate, baseline>);
template <class NetA, class NetB>
concept same_shape =
    is_network<NetA> && is_network<NetB> &&
    std::is_same_v<typename std::remove_cvref_t<NetA>::scalar_type,
                   typename std::remove_cvref_t<NetB>::scalar_type> &&
    detail::same_widths<std::remove_cvref_t<NetA>, std::remove_cvref_t<NetB>>();

// dataset_matches<Dataset, Net>: Dataset is a ctnn::dataset<T, In, Out> whose scalar type,
// input width and target width are Net's, so a trainer can fit Net on it
// (ctnn::dataset_for<Net> is that type).
//   static_assert(ctnn::dataset_matches<decltype(training_data), my_net>);
template <class Dataset, class Net>
concept dataset_matches =
    detail::is_dataset<std::remove_cvref_t<Dataset>> && is_network<Net> &&
    std::is_same_v<typename std::remove_cvref_t<Dataset>::scalar_type,
                   typename std::remove_cvref_t<Net>::scalar_type> &&
    std::remove_cvref_t<Dataset>::input_size == std::remove_cvref_t<Net>::input_size &&
    std::remove_cvref_t<Dataset>::output_size == std::remove_cvref_t<Net>::output_size;

} // namespace ctnn
