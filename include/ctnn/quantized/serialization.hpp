// ctnn/quantized/serialization.hpp: saving and loading int8 networks with ctnn::save and
// ctnn::load (ctnn/serialization.hpp), in both formats, with the same guarantees: a type
// signature of their own, the checksum, all or nothing.
//
//   auto q = ctnn::quantize(net, calibration);
//   ctnn::save(q, "digits.int8.ctnn");
//   ctnn::quantized_for<net_t> deployed;
//   if (auto r = ctnn::load(deployed, "digits.int8.ctnn"); !r) ...
//
// Include this header where you save or load one: it specialises the file layout for
// ctnn::quantized. The signature is "int8 <widths> <activation> ...", e.g.
// "int8 64-32-10 relu softmax", so a float network's file does not load into an int8 network
// nor the other way round (type_mismatch, showing both). The payload: the input's zero point
// (1 byte) and scale (the 4 bytes of its IEEE-754 single), the output's scale (4), then per
// layer its weights (Out rows of In int8, output-major), biases (int32), multipliers (int32),
// shifts (int8) and output zero point (int8), little-endian; the text format writes them in
// decimal under labels as for float networks. A load checks the ranges the arithmetic relies on
// (weights in [-127, 127], |bias| <= 2^30, multiplier 0 or in [2^30, 2^31), shift in [-31, 30],
// scales positive and finite, the fixed zero points of sigmoid and tanh layers): outside them
// the file is `malformed`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include <ctnn/quantized/quantized_network.hpp>
#include <ctnn/serialization.hpp>

namespace ctnn::detail {

// "int8 64-32-10 relu softmax"
template <class Network>
struct int8_signature {
    template <class Sink>
    static constexpr void write_signature(Sink& out) noexcept
    {
        out.append("int8 ");
        for (std::size_t k = 0; k < Network::widths.size(); ++k) {
            if (k != 0)
                out.append("-");
            out.append_integer(static_cast<std::intmax_t>(Network::widths[k]));
        }
        for (int8_activation a : Network::activations) {
            out.append(" ");
            out.append(int8_activation_name(a));
        }
    }
};

template <std::size_t Input, class... Layers>
struct serial_layout<quantized<Input, Layers...>> {
    using network = quantized<Input, Layers...>;
    using buffer = network;
    using scalar = std::int8_t; // the payload's smallest value: bounds a text file's length
    static constexpr bool layers_named = true;
    static constexpr bool names_are_tokens = true;
    static constexpr std::string_view signature = written_signature<int8_signature<network>>::view;

    static constexpr std::size_t network_payload_size =
        9 + []<std::size_t... L>(std::index_sequence<L...>) {
            return (std::size_t{0} + ... +
                    (network::widths[L] * network::widths[L + 1] + 9 * network::widths[L + 1] + 1));
        }(std::make_index_sequence<network::layer_count>{});
    static constexpr std::size_t payload_size = network_payload_size;

    // The payload in file order, for any visitor of walk.hpp.
    template <class Q, class Visitor>
    static bool walk(Q& q, Visitor& v) noexcept
    {
        const value_context at{"parameter", 0, 0};
        bool ok = v.label("input zero_point scale") && v.values(&q.input_zero_point, 1, at) &&
                  v.values(&q.input_scale_bits, 1, at) && v.label("output scale") &&
                  v.values(&q.output_scale_bits, 1, at);
        [&]<std::size_t... L>(std::index_sequence<L...>) {
            ((ok = ok && walk_layer<L>(q.template layer<L>(), v)), ...);
        }(std::make_index_sequence<network::layer_count>{});
        return ok;
    }

    template <std::size_t L, class Layer, class Visitor>
    static bool walk_layer(Layer& l, Visitor& v) noexcept
    {
        const value_context at{"parameter", 0, 0};
        const auto label = [&](std::string_view what, std::size_t size, std::size_t rows) {
            label_text text;
            text.add("layer ").add(L).add(" ").add(what).add(" ");
            if (rows > 1)
                text.add(rows).add("x");
            text.add(size);
            return v.label(text.text.view());
        };
        constexpr std::size_t in = Layer::in_size, out = Layer::out_size;
        bool ok = label("weights", in, out);
        for (std::size_t o = 0; ok && o < out; ++o)
            ok = v.values(l.weights.data() + o * in, in, at);
        return ok && label("bias", out, 1) && v.values(l.bias.data(), out, at) &&
               label("multiplier", out, 1) && v.values(l.multiplier.data(), out, at) &&
               label("shift", out, 1) && v.values(l.shift.data(), out, at) &&
               label("output_zero_point", 1, 1) && v.values(&l.output_zero_point, 1, at);
    }

    // The ranges forward() relies on (see the top of this file).
    static io_result validate(const network& q) noexcept
    {
        io_result r;
        const auto scale_ok = [](std::uint32_t bits) {
            // A positive, finite single: sign 0, exponent not all ones, not zero.
            return (bits >> 31) == 0 && ((bits >> 23) & 0xffu) != 0xffu && bits != 0;
        };
        if (!scale_ok(q.input_scale_bits) || !scale_ok(q.output_scale_bits))
            r = io_result(io_error::malformed, "a scale is not a positive finite number");
        [&]<std::size_t... L>(std::index_sequence<L...>) {
            ((r = r ? validate_layer<L>(q.template layer<L>()) : r), ...);
        }(std::make_index_sequence<network::layer_count>{});
        return r;
    }

    template <std::size_t L, class Layer>
    static io_result validate_layer(const Layer& l) noexcept
    {
        const auto fail = [](const char* what) {
            io_result r(io_error::malformed, "layer ");
            return r.append(L).append(": ").append(std::string_view(what));
        };
        for (std::int8_t w : l.weights)
            if (w < -127)
                return fail("a weight is -128; weights are in [-127, 127]");
        for (std::int32_t b : l.bias)
            if (b < -int8_bias_limit || b > int8_bias_limit)
                return fail("a bias is outside [-2^30, 2^30]");
        for (std::int32_t m : l.multiplier)
            if (m != 0 && m < (std::int32_t{1} << 30))
                return fail("a multiplier is neither 0 nor in [2^30, 2^31)");
        for (std::int8_t s : l.shift)
            if (s < -31 || s > 30)
                return fail("a shift is outside [-31, 30]");
        if (l.activation == int8_activation::sigmoid &&
            l.output_zero_point != fixed_point::sigmoid_output_zero_point)
            return fail("a sigmoid layer's output zero point is not -128");
        if (l.activation == int8_activation::tanh &&
            l.output_zero_point != fixed_point::tanh_output_zero_point)
            return fail("a tanh layer's output zero point is not 0");
        return io_result();
    }

    static void commit(network& q, const network& loaded) noexcept { q = loaded; }
};

} // namespace ctnn::detail
