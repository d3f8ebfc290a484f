// ctnn/quantized/bake.hpp: `bake` for int8 networks: writes a ctnn::quantized network as a C++
// header of integer constants that includes <ctnn/quantized/quantized_network.hpp> only, so it
// compiles where no floating point is (the firmware of a Cortex-M0, -mgeneral-regs-only).
//
//   auto q = ctnn::quantize(net, calibration);
//   std::ofstream out("digits_int8.hpp");
//   ctnn::bake(q, out, {.variable_name = "digits_int8", .namespace_name = "model"});
//
// writes
//
//   namespace model {
//   using digits_int8_type = ctnn::quantized<64, ctnn::int8_dense<32, ...>, ...>;
//   inline constexpr digits_int8_type digits_int8 = [] { ... }();
//   }
//
// so that model::digits_int8.forward(x) is a constant expression. Scales are written as the
// bits of their IEEE-754 singles (hexadecimal integers, with the value in a comment): the baked
// network is equal (==) to q.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <string>
#include <utility>

#include <ctnn/bake.hpp>
#include <ctnn/quantized/quantized_network.hpp>

namespace ctnn {

namespace detail {

template <class Values>
void bake_integers(std::ostream& os, const char* target, const Values& values, std::size_t per_line)
{
    os << "    " << target << " = {";
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (k % per_line == 0)
            os << "\n        ";
        os << static_cast<long long>(values[k]) << ',';
    }
    os << "\n    };\n";
}

inline std::string scale_bits_source(std::uint32_t bits)
{
    char text[64];
    float value = 0;
    static_assert(sizeof value == sizeof bits);
    std::memcpy(&value, &bits, sizeof bits);
    std::snprintf(text, sizeof text, "0x%08xu; // %a", static_cast<unsigned>(bits),
                  static_cast<double>(value));
    return text;
}

} // namespace detail

// The C++ spelling of an int8 network type.
template <std::size_t Input, class... Layers>
std::string quantized_source(const quantized<Input, Layers...>&)
{
    std::string out = "ctnn::quantized<" + std::to_string(Input);
    ((out += ", ctnn::int8_dense<" + std::to_string(Layers::width) + ", ctnn::int8_activation::" +
             int8_activation_name(Layers::activation) + ">"),
     ...);
    return out + ">";
}

// Writes a self-contained header defining q as a constexpr int8 network (see the top of this
// file).
template <std::size_t Input, class... Layers>
void bake(const quantized<Input, Layers...>& q, std::ostream& os, const bake_options& options = {})
{
    using Q = quantized<Input, Layers...>;
    const std::string variable(options.variable_name);
    const std::string type_name = detail::baked_type_name(options);
    std::string summary = "An int8 network (ctnn/quantized/), widths";
    for (std::size_t w : Q::widths)
        summary += ' ' + std::to_string(w);
    summary += "; integers only.";
    detail::bake_open(os, options, summary, "<ctnn/quantized/quantized_network.hpp>", false);
    detail::bake_type_alias(os, type_name, quantized_source(q));
    os << "inline constexpr " << type_name << ' ' << variable << " = [] {\n";
    os << "    " << type_name << " q;\n";
    os << "    q.input_zero_point = " << int{q.input_zero_point} << ";\n";
    os << "    q.input_scale_bits = " << detail::scale_bits_source(q.input_scale_bits) << '\n';
    os << "    q.output_scale_bits = " << detail::scale_bits_source(q.output_scale_bits) << '\n';
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                const auto& l = q.template layer<L>();
                const std::string at = "q.layer<" + std::to_string(L) + ">().";
                os << "    // layer " << L << ": " << l.in_size << " -> " << l.out_size << ", "
                   << int8_activation_name(l.activation) << '\n';
                detail::bake_integers(os, (at + "weights").c_str(), l.weights, l.in_size);
                detail::bake_integers(os, (at + "bias").c_str(), l.bias, 8);
                detail::bake_integers(os, (at + "multiplier").c_str(), l.multiplier, 8);
                detail::bake_integers(os, (at + "shift").c_str(), l.shift, 16);
                os << "    " << at << "output_zero_point = " << int{l.output_zero_point}
                   << ";\n";
            }(),
            ...);
    }(std::make_index_sequence<Q::layer_count>{});
    os << "    return q;\n}();\n";
    detail::bake_close(os, options);
}

} // namespace ctnn
