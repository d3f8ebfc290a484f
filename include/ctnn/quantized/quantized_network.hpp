// ctnn/quantized/quantized_network.hpp: `quantized`, an int8 network whose shape is in its type,
// and its integer-only forward pass (issue 14, section 3).
//
//   ctnn::quantized<64, ctnn::int8_dense<32, ctnn::int8_activation::relu>,
//                       ctnn::int8_dense<10, ctnn::int8_activation::softmax>>
//
// is what ctnn::quantize (ctnn/quantized/quantize.hpp) makes of a trained 64-32-10 relu/softmax
// network. Each layer holds int8 weights with one scale per output unit, int32 biases, and per
// output unit the 32-bit multiplier and shift that requantise its int32 accumulator
// (ctnn/quantized/requantize.hpp); activations are int8 with one scale and zero point per layer.
// forward() takes and returns int8 and uses integers only, so it builds with
// -mgeneral-regs-only, and this header includes nothing that computes in floating point (the
// float conversions are in ctnn/quantized/quantize.hpp).
//
// One layer, In inputs x (zero point zx) to Out outputs, for each output o:
//   acc   = bias[o] + sum over i of (x[i] - zx) * weights[o * In + i]        (exact in int32)
//   v     = fixed_point::scale(acc, multiplier[o], shift[o])
//   relu, identity, softmax:  y[o] = clamp(v + zy, relu ? max(zy, -128) : -128, 127)
//   sigmoid, tanh:            y[o] = table[clamp(v, -128, 127) + 128]   (lookup_table.hpp)
// where zy is the layer's output_zero_point; relu is the clamp at the output's real zero. A
// softmax output layer computes its logits as identity does: forward() returns int8 logits (their
// argmax is the class), and predict() applies softmax in float to the dequantised logits.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ctnn/detail/static_checks.hpp>
#include <ctnn/quantized/kernels.hpp>
#include <ctnn/quantized/lookup_table.hpp>
#include <ctnn/quantized/requantize.hpp>

namespace ctnn {

// What follows a layer's requantisation (see the top of this file).
enum class int8_activation : unsigned char { identity, relu, sigmoid, tanh, softmax };

// Its name in files, headers and messages.
constexpr const char* int8_activation_name(int8_activation a) noexcept
{
    switch (a) {
    case int8_activation::identity: return "identity";
    case int8_activation::relu: return "relu";
    case int8_activation::sigmoid: return "sigmoid";
    case int8_activation::tanh: return "tanh";
    case int8_activation::softmax: return "softmax";
    }
    return "";
}

// A layer as written in a quantized<...> list: Width outputs, then Activation.
template <std::size_t Width, int8_activation Activation>
struct int8_dense {
    static constexpr std::size_t width = Width;
    static constexpr int8_activation activation = Activation;
};

namespace detail {

// The largest |bias|: with |x - zx| <= 255, |w| <= 127 and at most 33155 inputs
// (detail/static_checks.hpp), every partial sum of the accumulator stays inside int32.
inline constexpr std::int32_t int8_bias_limit = std::int32_t{1} << 30;

} // namespace detail

// Layer parameters: In inputs, Out outputs. Plain data, so that bake() and load() fill it.
template <std::size_t In, std::size_t Out, int8_activation Activation>
struct int8_layer {
    static_assert(detail::int8_layer_inputs_at_most_33155<In>,
                  "ctnn::quantized: an int8 layer takes at most 33155 inputs, so that its int32 "
                  "accumulator cannot overflow (the requirement names the width)");

    static constexpr std::size_t in_size = In;
    static constexpr std::size_t out_size = Out;
    static constexpr int8_activation activation = Activation;
    // sigmoid and tanh layers requantise to the table's input and output its fixed format.
    static constexpr bool uses_table =
        Activation == int8_activation::sigmoid || Activation == int8_activation::tanh;

    std::array<std::int8_t, In * Out> weights{}; // output-major: weights[o * In + i]
    std::array<std::int32_t, Out> bias{};        // scale input_scale * weight_scale[o]
    std::array<std::int32_t, Out> multiplier{};  // input_scale * weight_scale[o] / output_scale
    std::array<std::int8_t, Out> shift{};        // ~= multiplier * 2^(shift - 31)
    std::int8_t output_zero_point = 0;           // sigmoid -128, tanh 0 (fixed formats)

    friend constexpr bool operator==(const int8_layer&, const int8_layer&) = default;

    // y = the layer of x, whose zero point is input_zero_point (see the top of this file).
    constexpr void forward(const std::int8_t* x, std::int32_t input_zero_point,
                           std::int8_t* y) const noexcept
    {
        const std::int32_t zero = output_zero_point;
        const std::int32_t low = Activation == int8_activation::relu && zero > -128 ? zero : -128;
        const std::int8_t* table = nullptr;
        if constexpr (Activation == int8_activation::sigmoid)
            table = fixed_point::lookup_table<fixed_point::table_function::sigmoid>.data();
        else if constexpr (Activation == int8_activation::tanh)
            table = fixed_point::lookup_table<fixed_point::table_function::tanh>.data();
        const detail::int8_requantization q{bias.data(), multiplier.data(), shift.data(),
                                            zero,        low,               table};
        detail::int8_forward<In, Out, uses_table>(weights.data(), x, input_zero_point, q, y);
    }
};

namespace detail {

template <std::size_t In, class... Layers>
struct int8_layer_list;
template <std::size_t In>
struct int8_layer_list<In> {
    using type = std::tuple<>;
};
template <std::size_t In, class First, class... Rest>
struct int8_layer_list<In, First, Rest...> {
    using type = decltype(std::tuple_cat(
        std::declval<std::tuple<int8_layer<In, First::width, First::activation>>>(),
        std::declval<typename int8_layer_list<First::width, Rest...>::type>()));
};

template <class Spec>
inline constexpr bool is_int8_dense = false;
template <std::size_t Width, int8_activation A>
inline constexpr bool is_int8_dense<int8_dense<Width, A>> = true;

} // namespace detail

// An int8 network: Input inputs, then Layers, each an int8_dense<Width, Activation>. Its
// members are the quantisation parameters; quantize() sets them from a float network, bake()
// writes them as a header, load() reads them from a file.
template <std::size_t Input, class... Layers>
class quantized {
    static_assert(sizeof...(Layers) > 0,
                  "ctnn::quantized<Input, Layers...> needs at least one layer, e.g. "
                  "quantized<2, int8_dense<1, int8_activation::identity>>");
    static_assert((... && detail::is_int8_dense<Layers>),
                  "ctnn::quantized<Input, Layers...>: every layer is a ctnn::int8_dense<Width, "
                  "Activation>");

public:
    using layers_type = typename detail::int8_layer_list<Input, Layers...>::type;
    static constexpr std::size_t layer_count = sizeof...(Layers);
    static constexpr std::array<std::size_t, layer_count + 1> widths{Input, Layers::width...};
    static constexpr std::size_t input_size = Input;
    static constexpr std::size_t output_size = widths[layer_count];
    static constexpr std::array<int8_activation, layer_count> activations{Layers::activation...};
    template <std::size_t L>
    using layer_type = std::tuple_element_t<L, layers_type>;

private:
    static consteval bool check_layers()
    {
        static_assert(detail::width_at_position_is_positive<0, Input>,
                      "ctnn::quantized<Input, Layers...>: every width must be positive (the "
                      "requirement names the position and the width)");
        [[maybe_unused]] constexpr bool widths_positive =
            []<std::size_t... L>(std::index_sequence<L...>) {
                static_assert((... && detail::width_at_position_is_positive<L + 1,
                                                                            Layers::width>),
                              "ctnn::quantized<Input, Layers...>: every width must be positive "
                              "(the requirement names the position and the width)");
                static_assert(
                    (... && (Layers::activation != int8_activation::softmax ||
                             detail::int8_softmax_only_on_the_output_layer<L, layer_count>)),
                    "ctnn::quantized<Input, Layers...>: softmax may only follow the output "
                    "layer (the requirement names the layer)");
                return true;
            }(std::make_index_sequence<layer_count>{});
        return true;
    }
    static_assert(check_layers());

public:
    using input_type = std::array<std::int8_t, input_size>;
    using output_type = std::array<std::int8_t, output_size>;

    // The input's format: real = input_scale * (q - input_zero_point). Scales are kept as the
    // bits of an IEEE-754 single (std::bit_cast<float>(input_scale_bits)), so that the type
    // holds integers only; ctnn/quantized/quantize.hpp converts.
    std::int8_t input_zero_point = 0;
    std::uint32_t input_scale_bits = 0;
    // The output's scale; its zero point is the last layer's output_zero_point.
    std::uint32_t output_scale_bits = 0;
    layers_type layers{};

    template <std::size_t L>
    constexpr layer_type<L>& layer() noexcept
    {
        static_assert(detail::layer_index_in_range<L, layer_count>,
                      "ctnn::quantized::layer<L>(): L is past the last layer (the requirement "
                      "names L and the layer count)");
        return std::get<L < layer_count ? L : 0>(layers);
    }
    template <std::size_t L>
    constexpr const layer_type<L>& layer() const noexcept
    {
        static_assert(detail::layer_index_in_range<L, layer_count>,
                      "ctnn::quantized::layer<L>(): L is past the last layer (the requirement "
                      "names L and the layer count)");
        return std::get<L < layer_count ? L : 0>(layers);
    }

    constexpr std::int8_t output_zero_point() const noexcept
    {
        return std::get<layer_count - 1>(layers).output_zero_point;
    }

    friend constexpr bool operator==(const quantized&, const quantized&) = default;

    // The network's int8 output for one int8 sample, in integers only.
    template <class U, std::size_t N>
    constexpr output_type forward(const std::array<U, N>& x) const noexcept
    {
        static_assert(std::is_same_v<U, std::int8_t>,
                      "ctnn::quantized::forward() takes int8 inputs, std::array<std::int8_t, "
                      "input_size>; convert float ones with quantize_input(), or call predict() "
                      "(ctnn/quantized/quantize.hpp)");
        static_assert(detail::input_width_expected_got<input_size, N>,
                      "ctnn::quantized::forward(): the input width does not match the "
                      "network's input_size (the requirement names expected and given widths)");
        output_type out{};
        if constexpr (std::is_same_v<U, std::int8_t> && N == input_size)
            run<0>(x.data(), input_zero_point, out);
        return out;
    }

private:
    template <std::size_t L>
    constexpr void run(const std::int8_t* x, std::int32_t zero_point,
                       output_type& out) const noexcept
    {
        const auto& lay = std::get<L>(layers);
        if constexpr (L + 1 == layer_count) {
            lay.forward(x, zero_point, out.data());
        }
        else {
            std::int8_t y[layer_type<L>::out_size];
            lay.forward(x, zero_point, y);
            run<L + 1>(y, lay.output_zero_point, out);
        }
    }
};

// The index of the largest int8 output (the first of equals): the class, with no float at all.
template <std::size_t N>
constexpr std::size_t argmax(const std::array<std::int8_t, N>& y) noexcept
{
    std::size_t best = 0;
    for (std::size_t k = 1; k < N; ++k)
        best = y[k] > y[best] ? k : best;
    return best;
}

} // namespace ctnn
