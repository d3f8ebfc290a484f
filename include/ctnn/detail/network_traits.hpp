// ctnn/detail/network_traits.hpp: what ctnn derives from a layer list: the resolved layers, the
// widths, and where each layer's parameters sit in the flat parameter array.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ctnn/detail/static_checks.hpp>
#include <ctnn/layer/dense.hpp>
#include <ctnn/options.hpp>

namespace ctnn {

// The input of a network, as written first in its layer list: ctnn::input<Width>.
template <std::size_t Width>
struct input {
    static constexpr std::size_t width = Width;
};

template <class Options, class Input, class... Layers>
class sequential;

namespace detail {

// The checks are consteval functions called from a static_assert rather than assertions in the
// traits class: when one fails, the class stays complete and usable, so the failed rule is the
// only error. Template parameters (not expressions) carry the sizes, so that the compiler prints
// their values.

// One static_assert per width, so that the failing one names its position and value.
template <std::size_t Position, std::size_t Width>
consteval bool check_width()
{
    static_assert(width_at_position_is_positive<Position, Width>,
                  "ctnn::network: every width must be at least 1 (the note or requirement "
                  "after this line names the position, counting the input as 0, and the width)");
    return true;
}

// Context only makes a call dependent, so that it is checked when the user's type is formed.
template <std::size_t WidthCount, class... Context>
consteval bool check_width_count()
{
    static_assert(network_has_input_and_output_width<WidthCount>,
                  "ctnn::network needs at least an input and an output width, e.g. network<2, 1> "
                  "or sequential<options<>, input<2>, dense<1>>");
    return true;
}

template <class Scalar, class... Modifiers>
consteval bool check_dense_modifiers()
{
    static_assert((... && (is_bias_tag<Modifiers> || activation<Modifiers, Scalar>)),
                  "ctnn::dense<Width, Modifiers...>: every modifier must be an activation "
                  "(e.g. ctnn::identity) or a bias tag (ctnn::with_bias, ctnn::no_bias)");
    static_assert(count_of<bias_pred, Modifiers...> <= 1,
                  "ctnn::dense<Width, ...> names more than one bias tag; keep one");
    static_assert(count_of<activation_pred_for<Scalar>::template pred, Modifiers...> <= 1,
                  "ctnn::dense<Width, ...> names more than one activation; keep one");
    return true;
}


template <class Widths, std::size_t... I>
consteval bool check_widths(std::index_sequence<I...>)
{
    return (... && check_width<I, Widths::value[I]>());
}

template <class Spec>
inline constexpr bool is_dense = false;
template <std::size_t W, class... M>
inline constexpr bool is_dense<dense<W, M...>> = true;

template <class Spec>
consteval bool check_layer_spec()
{
    static_assert(is_dense<Spec>,
                  "ctnn::sequential<Options, input<N>, Layers...>: each layer after the input must "
                  "be ctnn::dense<Width, Modifiers...>");
    return true;
}

template <class Options, std::size_t In, class Spec>
struct resolve_layer {
    static_assert(check_layer_spec<Spec>());
    using type = dense_layer<typename Options::scalar_type, In, 1, sigmoid, true>; // stand-in
};

template <class Options, std::size_t In, std::size_t Width, class... Modifiers>
struct resolve_layer<Options, In, dense<Width, Modifiers...>> {
    using scalar = typename Options::scalar_type;
    static_assert(check_dense_modifiers<scalar, Modifiers...>());

    using type = dense_layer<
        scalar, In, Width,
        typename first_or<activation_pred_for<scalar>::template pred,
                          typename Options::activation_type, Modifiers...>::type,
        first_or<bias_pred, std::conditional_t<Options::has_bias, with_bias, no_bias>,
                 Modifiers...>::type::enabled>;
};

template <class Spec>
struct width_of {
    static constexpr std::size_t value = 1; // not a layer: resolve_layer reports it
};
template <std::size_t W, class... M>
struct width_of<dense<W, M...>> {
    static constexpr std::size_t value = W;
};

// The resolved layers, as std::tuple<dense_layer...>: each takes the previous width as input.
template <class Head, class Tail>
struct prepend;
template <class Head, class... Ts>
struct prepend<Head, std::tuple<Ts...>> {
    using type = std::tuple<Head, Ts...>;
};

template <class Options, std::size_t In, class... Specs>
struct resolve_layers {
    using type = std::tuple<>;
};
template <class Options, std::size_t In, class Spec, class... Rest>
struct resolve_layers<Options, In, Spec, Rest...> {
    using type = typename prepend<
        typename resolve_layer<Options, In, Spec>::type,
        typename resolve_layers<Options, width_of<Spec>::value, Rest...>::type>::type;
};

template <class T>
inline constexpr bool is_std_array = false;
template <class T, std::size_t N>
inline constexpr bool is_std_array<std::array<T, N>> = true;

template <class Net>
struct network_traits;

template <class Input>
consteval bool check_input_spec()
{
    static_assert(first_layer_is_input<Input>,
                  "ctnn::sequential<Options, Input, Layers...>: the first layer must be "
                  "ctnn::input<Width>, e.g. sequential<options<>, input<2>, dense<1>>");
    return true;
}

// Mistakes keep compiling against a valid stand-in network, so that the error is the only one.
template <class Options, class Input, class... Layers>
struct network_traits<sequential<Options, Input, Layers...>>
    : network_traits<sequential<Options, input<1>, dense<1>>> {
    static_assert(check_input_spec<Input>());
};

template <class Options, std::size_t InWidth>
struct network_traits<sequential<Options, input<InWidth>>>
    : network_traits<sequential<Options, input<InWidth>, dense<1>>> {
    static_assert(check_width_count<1, Options>());
};

template <class Options, std::size_t InWidth, class... Layers>
struct network_traits<sequential<Options, input<InWidth>, Layers...>> {
    using options = Options;
    using scalar = typename Options::scalar_type;
    static constexpr std::size_t layer_count = sizeof...(Layers);
    static constexpr std::array<std::size_t, layer_count + 1> widths{InWidth,
                                                                     width_of<Layers>::value...};

    struct widths_holder {
        static constexpr auto value = widths;
    };
    static_assert(check_widths<widths_holder>(std::make_index_sequence<layer_count + 1>{}));

    using layers = typename resolve_layers<Options, InWidth, Layers...>::type;

    template <std::size_t L>
    using layer = std::tuple_element_t<L, layers>;

    // Offsets of each layer's weights in the flat array; the bias follows its weights.
    static constexpr std::array<std::size_t, layer_count + 1> offsets =
        []<std::size_t... I>(std::index_sequence<I...>) {
            std::array<std::size_t, layer_count + 1> out{};
            std::size_t at = 0;
            ((out[I] = at, at += std::tuple_element_t<I, layers>::parameter_count), ...);
            out[layer_count] = at;
            return out;
        }(std::make_index_sequence<layer_count>{});

    static constexpr std::size_t parameter_count = offsets[layer_count];
    static constexpr std::size_t alignment = Options::alignment;
    static constexpr std::size_t max_width = [] {
        std::size_t m = 0;
        for (std::size_t w : widths)
            m = w > m ? w : m;
        return m;
    }();
};

} // namespace detail
} // namespace ctnn
