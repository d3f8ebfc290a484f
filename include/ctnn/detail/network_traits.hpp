// ctnn/detail/network_traits.hpp: what ctnn derives from a layer list: the resolved layers (each
// spec through ctnn::layer_for), the widths, and where each layer's parameters and running state
// sit in the flat parameter array.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ctnn/detail/static_checks.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/layer/default.hpp>
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

template <class Widths, std::size_t... I>
consteval bool check_widths(std::index_sequence<I...>)
{
    return (... && check_width<I, Widths::value[I]>());
}

template <class Spec, class Options, std::size_t In>
consteval bool check_layer_spec()
{
    static_assert(layer_spec_for<Spec, Options, In>,
                  "ctnn::sequential<Options, input<N>, Layers...>: each layer after the input must "
                  "be a layer spec, e.g. ctnn::dense<Width, Modifiers...>, ctnn::dropout<1, 2>, "
                  "ctnn::layer_norm (see ctnn/layer/concept.hpp)");
    return true;
}

template <class Options, std::size_t In, class Spec>
struct resolve_layer {
    static_assert(check_layer_spec<Spec, Options, In>());
    using type = layer_for<stand_in_layer, Options, In>; // keeps the error above the only one
};
template <class Options, std::size_t In, class Spec>
    requires layer_spec_for<Spec, Options, In>
struct resolve_layer<Options, In, Spec> {
    using type = layer_for<Spec, Options, In>;
};

// The resolved layers, as std::tuple<layer...>: each takes the previous one's output width.
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
    using head = typename resolve_layer<Options, In, Spec>::type;
    using rest = typename resolve_layers<Options, head::out_size, Rest...>::type;
    using type = typename prepend<head, rest>::type;
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
    : network_traits<sequential<Options, input<1>, stand_in_layer>> {
    static_assert(check_input_spec<Input>());
};

template <class Options, std::size_t InWidth>
struct network_traits<sequential<Options, input<InWidth>>>
    : network_traits<sequential<Options, input<InWidth>, stand_in_layer>> {
    static_assert(check_width_count<1, Options>());
};

template <class Options, std::size_t InWidth, class... Layers>
struct network_traits<sequential<Options, input<InWidth>, Layers...>> {
    using options = Options;
    using scalar = typename Options::scalar_type;
    static constexpr std::size_t layer_count = sizeof...(Layers);

    using layers = typename resolve_layers<Options, InWidth, Layers...>::type;

    template <std::size_t L>
    using layer = std::tuple_element_t<L, layers>;

    static constexpr std::array<std::size_t, layer_count + 1> widths =
        []<std::size_t... I>(std::index_sequence<I...>) {
            return std::array<std::size_t, layer_count + 1>{InWidth, layer<I>::out_size...};
        }(std::make_index_sequence<layer_count>{});

    struct widths_holder {
        static constexpr auto value = widths;
    };
    static_assert(check_widths<widths_holder>(std::make_index_sequence<layer_count + 1>{}));

    // Where each layer's trained blocks start in the flat array, and where its running state
    // starts: all trained values come first (what an optimiser updates), then all state.
    template <bool Trained>
    static constexpr std::array<std::size_t, layer_count + 1> starts =
        []<std::size_t... I>(std::index_sequence<I...>) {
            std::array<std::size_t, layer_count + 1> out{};
            std::size_t at = 0;
            ((out[I] = at, at += Trained ? trained_count<layer<I>> : state_count<layer<I>>), ...);
            out[layer_count] = at;
            return out;
        }(std::make_index_sequence<layer_count>{});

    static constexpr std::array<std::size_t, layer_count + 1> offsets = starts<true>;
    static constexpr std::array<std::size_t, layer_count + 1> state_offsets = starts<false>;
    static constexpr std::size_t parameter_count = offsets[layer_count];
    static constexpr std::size_t state_count = state_offsets[layer_count];
    // Whether a layer draws random numbers while training (dropout): the workspace then holds
    // a generator.
    static constexpr bool draws_random = []<std::size_t... I>(std::index_sequence<I...>) {
        return (false || ... || draws_random_numbers<layer<I>>);
    }(std::make_index_sequence<layer_count>{});
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
