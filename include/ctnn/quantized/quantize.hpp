// ctnn/quantized/quantize.hpp: post-training quantisation, `quantize`, which turns a trained float
// network into a ctnn::quantized int8 network calibrated on inputs the caller passes, and the
// float conversions around the integer forward pass: quantize_input, dequantize_output, predict.
//
//   auto q = ctnn::quantize(net, calibration_inputs);   // a range of std::array<T, input_size>
//   std::array<std::int8_t, 64> x = ctnn::quantize_input(q, image);
//   auto logits = q.forward(x);                         // integers only
//   std::array<float, 10> p = ctnn::predict(q, image);  // the three steps, softmax in float
//
// The scheme (TFLite's post-training int8 quantisation, computed in double, scales stored as
// float):
//  * weights: per output unit o, symmetric: weight_scale[o] = max_i |W(i, o)| / 127 (1 for an all
//    zero column), w = round(W / weight_scale[o]) in [-127, 127];
//  * activations: per layer, from the smallest and largest value the float network produces on
//    the calibration inputs, widened to hold 0: scale = (max - min) / 255 (1 if max == min),
//    zero_point = round(-128 - min / scale) clamped to [-128, 127]; the input likewise, from the
//    calibration inputs themselves; a relu layer's range starts at 0, a softmax layer's is its
//    logits'; sigmoid and tanh layers have the fixed formats of lookup_table.hpp;
//  * bias: round(b / (input_scale * weight_scale[o])) clamped to [-2^30, 2^30];
//  * requantisation: M = input_scale * weight_scale[o] / output_scale (the table's input scale
//    1/16 for sigmoid and tanh) written as M = f 2^e, f in [0.5, 1): multiplier = round(f 2^31)
//    (2^30 and e + 1 if that rounds to 2^31), shift = e; M < 2^-32 gives multiplier 0, shift 0,
//    and shift is capped at 30 (with multiplier 2^31 - 1).
// round() is to nearest, ties away from zero, throughout. An empty calibration range leaves
// every range [0, 0] (scale 1): calibrate on inputs like the real ones, a few hundred suffice.
//
// Which float networks: dense layers (with or without bias, float or double) with relu,
// identity, sigmoid or tanh (any exp policy), and softmax on the output layer. Anything else is
// refused at compile time by quantized_for<Net> (one static_assert naming the layer).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include <ctnn/detail/finite.hpp>
#include <ctnn/detail/invalid_argument.hpp>
#include <ctnn/activation/identity.hpp>
#include <ctnn/activation/relu.hpp>
#include <ctnn/activation/sigmoid.hpp>
#include <ctnn/activation/softmax.hpp>
#include <ctnn/activation/tanh.hpp>
#include <ctnn/layer/dense.hpp>
#include <ctnn/network.hpp>
#include <ctnn/shape.hpp>
#include <ctnn/quantized/quantized_network.hpp>

namespace ctnn {

namespace detail {

template <class Activation>
constexpr int int8_form_of() noexcept // -1: none
{
    using family = activation_family_t<Activation>;
    if constexpr (std::is_same_v<family, relu>)
        return static_cast<int>(int8_activation::relu);
    else if constexpr (std::is_same_v<family, identity>)
        return static_cast<int>(int8_activation::identity);
    else if constexpr (std::is_same_v<family, sigmoid>)
        return static_cast<int>(int8_activation::sigmoid);
    else if constexpr (std::is_same_v<family, tanh>)
        return static_cast<int>(int8_activation::tanh);
    else if constexpr (std::is_same_v<family, softmax>)
        return static_cast<int>(int8_activation::softmax);
    else
        return -1;
}

template <class Layer>
struct int8_layer_form {
    static constexpr bool dense = false;
    static constexpr int activation = -1;
};
template <class Scalar, std::size_t In, std::size_t Out, class Activation, bool HasBias>
struct int8_layer_form<dense_layer<Scalar, In, Out, Activation, HasBias>> {
    static constexpr bool dense = true;
    static constexpr int activation = int8_form_of<Activation>();
};

// The predicates of quantized_for's checks: false names the layer and what it is.
template <std::size_t Layer, class LayerType>
inline constexpr bool int8_layer_is_dense = int8_layer_form<LayerType>::dense;
template <std::size_t Layer, class LayerType>
inline constexpr bool int8_activation_is_relu_identity_sigmoid_tanh_or_softmax =
    !int8_layer_form<LayerType>::dense || int8_layer_form<LayerType>::activation >= 0;

// Whether ctnn::quantize takes Net (the rules of int8_form, without an error: the cost report
// asks).
template <class Net>
inline constexpr bool int8_quantizable = []<std::size_t... L>(std::index_sequence<L...>) {
    using traits = network_traits<Net>;
    constexpr std::size_t count = traits::layer_count;
    return (... && (int8_layer_is_dense<L, typename traits::template layer<L>> &&
                    int8_layer_inputs_at_most_33155<traits::widths[L]> &&
                    int8_activation_is_relu_identity_sigmoid_tanh_or_softmax<
                        L, typename traits::template layer<L>> &&
                    (int8_layer_form<typename traits::template layer<L>>::activation !=
                         static_cast<int>(int8_activation::softmax) ||
                     int8_softmax_only_on_the_output_layer<L, count>)));
}(std::make_index_sequence<network_traits<Net>::layer_count>{});

template <class Net>
struct int8_form {
    using traits = network_traits<Net>;
    template <std::size_t L>
    using layer = typename traits::template layer<L>;
    template <std::size_t L>
    static constexpr bool is_softmax =
        int8_layer_form<layer<L>>::activation == static_cast<int>(int8_activation::softmax);

    template <std::size_t L>
    static consteval bool check_layer()
    {
        static_assert(int8_layer_is_dense<L, layer<L>>,
                      "ctnn::quantize / ctnn::quantized_for<Net>: int8 networks hold dense layers "
                      "only (the requirement names the layer and its type)");
        static_assert(int8_activation_is_relu_identity_sigmoid_tanh_or_softmax<L, layer<L>>,
                      "ctnn::quantize / ctnn::quantized_for<Net>: an int8 layer's activation is "
                      "relu, identity, sigmoid, tanh, or softmax on the output layer (the "
                      "requirement names the layer and its type)");
        if constexpr (is_softmax<L>)
            static_assert(int8_softmax_only_on_the_output_layer<L, traits::layer_count>,
                          "ctnn::quantize / ctnn::quantized_for<Net>: softmax may only follow "
                          "the output layer of an int8 network (the requirement names the layer)");
        return true;
    }
    static_assert([]<std::size_t... L>(std::index_sequence<L...>) {
        return (... && check_layer<L>());
    }(std::make_index_sequence<traits::layer_count>{}));

    // After an error above, identity stands in, so that the error stays the only one.
    template <std::size_t L>
    static constexpr int8_activation activation_of =
        int8_layer_form<layer<L>>::activation >= 0 &&
                (!is_softmax<L> || L + 1 == traits::layer_count)
            ? static_cast<int8_activation>(int8_layer_form<layer<L>>::activation)
            : int8_activation::identity;

    using type = decltype([]<std::size_t... L>(std::index_sequence<L...>) {
        return quantized<traits::widths[0],
                         int8_dense<traits::widths[L + 1], activation_of<L>>...>{};
    }(std::make_index_sequence<traits::layer_count>{}));
};

// An activation's format: real = scale * (q - zero_point).
struct int8_format {
    double scale = 1;
    int zero_point = 0;
};

inline long long round_half_away(double v) noexcept
{
    return static_cast<long long>(std::round(v));
}

// The format of values in [low, high], widened to hold 0 (see the top of this file). The scale
// is rounded to float, as it is stored.
inline int8_format calibrated_format(double low, double high) noexcept
{
    low = std::min(low, 0.0);
    high = std::max(high, 0.0);
    const double scale = high > low ? static_cast<double>(static_cast<float>((high - low) / 255))
                                    : 1.0;
    const long long zero = round_half_away(-128.0 - low / scale);
    return {scale, static_cast<int>(std::clamp(zero, -128LL, 127LL))};
}

// M as (multiplier, shift), M ~= multiplier 2^(shift - 31) (see the top of this file).
inline std::pair<std::int32_t, int> fixed_point_multiplier(double m) noexcept
{
    if (!(m > 0))
        return {0, 0};
    int exponent = 0;
    const double fraction = std::frexp(m, &exponent);
    long long multiplier = round_half_away(std::ldexp(fraction, 31));
    if (multiplier == (1LL << 31)) {
        multiplier /= 2;
        ++exponent;
    }
    if (exponent < -31)
        return {0, 0};
    if (exponent > 30)
        return {std::numeric_limits<std::int32_t>::max(), 30};
    return {static_cast<std::int32_t>(multiplier), exponent};
}

template <class Net, std::size_t L, class Q>
void quantize_layer(const Net& net, Q& q, int8_format in, int8_format out)
{
    using float_layer = typename network_traits<Net>::template layer<L>;
    auto& lay = q.template layer<L>();
    constexpr std::size_t in_size = float_layer::in_size;
    constexpr std::size_t out_size = float_layer::out_size;
    const auto w = net.template weights<L>();
    constexpr bool table = std::remove_cvref_t<decltype(lay)>::uses_table;
    const double requantised_scale =
        table ? 1.0 / fixed_point::table_input_scale_inverse : out.scale;
    for (std::size_t o = 0; o < out_size; ++o) {
        double largest = 0;
        for (std::size_t i = 0; i < in_size; ++i)
            largest = std::max(largest, std::abs(static_cast<double>(w(i, o))));
        const double weight_scale = largest > 0 ? largest / 127 : 1.0;
        for (std::size_t i = 0; i < in_size; ++i)
            lay.weights[o * in_size + i] = static_cast<std::int8_t>(std::clamp(
                round_half_away(static_cast<double>(w(i, o)) / weight_scale), -127LL, 127LL));
        if constexpr (float_layer::has_bias) {
            const double b = static_cast<double>(net.template bias<L>()[o]);
            lay.bias[o] = static_cast<std::int32_t>(
                std::clamp(round_half_away(b / (in.scale * weight_scale)),
                           -static_cast<long long>(int8_bias_limit),
                           static_cast<long long>(int8_bias_limit)));
        }
        const auto [multiplier, shift] =
            fixed_point_multiplier(in.scale * weight_scale / requantised_scale);
        lay.multiplier[o] = multiplier;
        lay.shift[o] = static_cast<std::int8_t>(shift);
    }
    lay.output_zero_point = static_cast<std::int8_t>(out.zero_point);
}

// The format of layer L's output: fixed for the tables, else calibrated on [low, high].
inline int8_format output_format(int8_activation a, double low, double high) noexcept
{
    if (a == int8_activation::sigmoid)
        return {1.0 / fixed_point::sigmoid_output_scale_inverse,
                fixed_point::sigmoid_output_zero_point};
    if (a == int8_activation::tanh)
        return {1.0 / fixed_point::tanh_output_scale_inverse, fixed_point::tanh_output_zero_point};
    return calibrated_format(low, high);
}

} // namespace detail

// The int8 network type that quantize() makes of float network type Net.
template <class Net>
    requires is_network<Net>
using quantized_for = typename detail::int8_form<Net>::type;

// Quantises net, calibrating the activations' formats on `inputs`, a range (std::vector, span,
// array, a dataset's features) of samples std::array<T, input_size> with the network's scalar T.
// Allocates nothing: the float pass runs one sample at a time. A parameter, a calibration value or
// a layer's output that is not finite would give a scale that is not one: std::invalid_argument
// (-fno-exceptions: the error handler, then abort) names it, as the data helpers do.
template <class Net, class Inputs>
    requires is_network<Net>
quantized_for<Net> quantize(const Net& net, const Inputs& inputs)
{
    using traits = detail::network_traits<Net>;
    using T = typename Net::scalar_type;
    using Q = quantized_for<Net>; // its static_asserts state the rules
    if constexpr (!detail::int8_quantizable<Net>)
        return Q{};
    else {
        constexpr std::size_t layers = Net::layer_count;

        if (!detail::all_finite(net.values()))
            detail::invalid_argument("ctnn::quantize: the network has a parameter that is not "
                                     "finite");

        // The range of the input and of every layer's output (a softmax layer's logits).
        std::array<double, layers + 1> low{}, high{};
        std::size_t sample = 0;
        for (const auto& x : inputs) {
            static_assert(std::is_same_v<std::remove_cvref_t<decltype(x)>,
                                         std::array<T, Net::input_size>>,
                          "ctnn::quantize(net, inputs): inputs holds samples std::array<T, "
                          "input_size> of the network's scalar type");
            for (std::size_t i = 0; i < x.size(); ++i) {
                if (!detail::is_finite(x[i]))
                    detail::invalid_argument("ctnn::quantize: feature ", i, " of sample ", sample,
                                             " is not finite");
                low[0] = std::min(low[0], static_cast<double>(x[i]));
                high[0] = std::max(high[0], static_cast<double>(x[i]));
            }
            std::array<T, std::ranges::max(Net::widths)> a{}, b{}, z{};
            std::copy(x.begin(), x.end(), a.begin());
            [&]<std::size_t... L>(std::index_sequence<L...>) {
                (
                    [&] {
                        using lay = typename traits::template layer<L>;
                        const T* bias = nullptr;
                        if constexpr (lay::has_bias)
                            bias = net.template bias<L>().data();
                        lay::template forward<1>(&net.template weights<L>()(0, 0), bias, a.data(),
                                                 z.data(), b.data(), 1);
                        const auto& seen = Q::activations[L] == int8_activation::softmax ? z : b;
                        for (std::size_t o = 0; o < lay::out_size; ++o) {
                            if (!detail::is_finite(seen[o]))
                                detail::invalid_argument("ctnn::quantize: layer ", L,
                                                         " gives an output that is not finite "
                                                         "for sample ", sample);
                            low[L + 1] = std::min(low[L + 1], static_cast<double>(seen[o]));
                            high[L + 1] = std::max(high[L + 1], static_cast<double>(seen[o]));
                        }
                        a = b;
                    }(),
                    ...);
            }(std::make_index_sequence<layers>{});
            ++sample;
        }

        Q q;
        const detail::int8_format input = detail::calibrated_format(low[0], high[0]);
        q.input_zero_point = static_cast<std::int8_t>(input.zero_point);
        q.input_scale_bits = std::bit_cast<std::uint32_t>(static_cast<float>(input.scale));
        detail::int8_format in = input;
        [&]<std::size_t... L>(std::index_sequence<L...>) {
            (
                [&] {
                    const detail::int8_format out =
                        detail::output_format(Q::activations[L], low[L + 1], high[L + 1]);
                    detail::quantize_layer<Net, L>(net, q, in, out);
                    in = out;
                }(),
                ...);
        }(std::make_index_sequence<layers>{});
        q.output_scale_bits = std::bit_cast<std::uint32_t>(static_cast<float>(in.scale));
        return q;
    }
}

// x in q's input format: clamp(round(x / input_scale) + input_zero_point, -128, 127), computed in
// double (a NaN gives the zero point).
template <std::size_t Input, class... Layers, class T>
std::array<std::int8_t, Input> quantize_input(const quantized<Input, Layers...>& q,
                                              const std::array<T, Input>& x) noexcept
{
    const double scale = static_cast<double>(std::bit_cast<float>(q.input_scale_bits));
    std::array<std::int8_t, Input> out{};
    for (std::size_t i = 0; i < Input; ++i) {
        const double v = static_cast<double>(x[i]) / scale;
        const double r = v == v ? std::round(std::clamp(v, -512.0, 512.0)) : 0.0;
        out[i] = static_cast<std::int8_t>(
            std::clamp(static_cast<long long>(r) + q.input_zero_point, -128LL, 127LL));
    }
    return out;
}

// y as reals: output_scale * (y - output_zero_point).
template <class T = float, std::size_t Input, class... Layers>
auto dequantize_output(const quantized<Input, Layers...>& q,
                       const typename quantized<Input, Layers...>::output_type& y) noexcept
{
    constexpr std::size_t n = quantized<Input, Layers...>::output_size;
    const T scale = static_cast<T>(std::bit_cast<float>(q.output_scale_bits));
    std::array<T, n> out{};
    for (std::size_t k = 0; k < n; ++k)
        out[k] = scale * static_cast<T>(y[k] - q.output_zero_point());
    return out;
}

// The float outputs for a float sample: quantize_input, forward, dequantize_output, and softmax
// (in float, ctnn::softmax) when the output layer has it.
template <std::size_t Input, class... Layers, class T>
std::array<T, quantized<Input, Layers...>::output_size>
predict(const quantized<Input, Layers...>& q, const std::array<T, Input>& x) noexcept
{
    using Q = quantized<Input, Layers...>;
    auto out = dequantize_output<T>(q, q.forward(quantize_input(q, x)));
    if constexpr (Q::activations[Q::layer_count - 1] == int8_activation::softmax) {
        auto logits = out;
        softmax::forward<Q::output_size>(logits.data(), out.data());
    }
    return out;
}

} // namespace ctnn
