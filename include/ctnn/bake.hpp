// ctnn/bake.hpp: `bake`, which writes a trained network as a C++ header: a constexpr network whose
// weights are compiled into the program, for targets with no file system (or no need of one).
//
//   my_net net;  /* ... train ... */
//   std::ofstream out("sensor_net.hpp");
//   ctnn::bake(net, out, {.variable_name = "sensor_net", .namespace_name = "model"});
//
// writes a header that includes <ctnn/network.hpp> and defines
//
//   namespace model {
//   using sensor_net_type = ctnn::sequential<...>;            // the same type as my_net
//   inline constexpr sensor_net_type sensor_net = [] { ... set_block<Layer, Block> ... }();
//   }
//
// so that `model::sensor_net.forward(x)` is a constant expression, and at run time reads no file.
// Every parameter is written as a hexadecimal floating literal (printf's %a), which a compiler
// converts back exactly: the baked network's parameters are bit-identical to the trained ones,
// for float and double, including -0, subnormals and the largest finite values.
//
// The type is spelled from the network's own template arguments, so activations need a source
// spelling: ctnn::activation_source<A>::value, the activation's own source_name. The built-ins
// have one ("ctnn::sigmoid", "ctnn::leaky_relu<1, 100>", "ctnn::basic_tanh<ctnn::polynomial_exp>",
// ...); a custom activation provides `static constexpr std::string_view source_name =
// "my::swish";` and the header that defines it goes in bake_options::extra_include.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

#include <ctnn/activation.hpp>
#include <ctnn/network.hpp>

namespace ctnn {


namespace detail {

template <class T>
constexpr std::string_view scalar_source() noexcept
{
    return std::is_same_v<T, float> ? "float" : "double";
}

// A modifier of options<>: a bias tag, an alignment or an activation.
template <class M>
constexpr bool modifier_has_source() noexcept
{
    return is_bias_tag<M> || is_alignment<M> || has_activation_source<M>;
}

template <class M>
void append_modifier(std::string& out)
{
    out += ", ";
    if constexpr (is_alignment<M>)
        out += "ctnn::alignment<" + std::to_string(M::value) + ">";
    else
        out += modifier_source<M>();
}

// A layer spec spells itself: Spec::source ("ctnn::dense<3, ctnn::relu>"), empty when it cannot.
template <class Spec>
struct spec_source {
    static constexpr bool known = [] {
        if constexpr (requires { std::string_view(Spec::source); })
            return !std::string_view(Spec::source).empty();
        else
            return false;
    }();
    static void append(std::string& out) { out += std::string_view(Spec::source); }
};

template <class Scalar, class... Modifiers>
struct spec_source<options<Scalar, Modifiers...>> {
    static constexpr bool known = (... && modifier_has_source<Modifiers>());
    static void append(std::string& out)
    {
        out += "ctnn::options<";
        out += scalar_source<Scalar>();
        (append_modifier<Modifiers>(out), ...);
        out += ">";
    }
};
template <std::size_t Width>
struct spec_source<input<Width>> {
    static constexpr bool known = true;
    static void append(std::string& out) { out += "ctnn::input<" + std::to_string(Width) + ">"; }
};
template <class Net>
struct network_spec;
template <class Options, class Input, class... Layers>
struct network_spec<sequential<Options, Input, Layers...>> {
    static constexpr bool known =
        spec_source<Options>::known && (... && spec_source<Layers>::known);
    static std::string source()
    {
        std::string out = "ctnn::sequential<";
        spec_source<Options>::append(out);
        out += ", ";
        spec_source<Input>::append(out);
        ((out += ", ", spec_source<Layers>::append(out)), ...);
        out += ">";
        return out;
    }
};

} // namespace detail

// The C++ spelling of network type Net, as its template arguments name it:
//   ctnn::network_source<ctnn::network<2, 3, 1>>()
//     == "ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<3>, ctnn::dense<1>>"
// which names the very same type (network<...> is an alias of it).
template <class Net>
std::string network_source()
{
    static_assert(detail::network_spec<Net>::known,
                  "ctnn::network_source / ctnn::bake: an activation of this network has no C++ "
                  "spelling; give it `static constexpr std::string_view source_name = "
                  "\"my_namespace::my_activation\";` (or specialise ctnn::activation_source); or "
                  "a layer spec has none: give it `static constexpr std::string_view source`");
    return detail::network_spec<Net>::source();
}

// value as a C++ literal that converts back to exactly value: a hexadecimal floating literal
// (printf's %a, exact by construction), with an f suffix for float. -0 keeps its sign; infinity
// and NaN, which have no literal, are written as std::numeric_limits<T>::infinity() and
// quiet_NaN() (a NaN's payload is not kept).
template <class T>
std::string literal_source(T value)
{
    static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>,
                  "ctnn::literal_source<T>: T must be float or double");
    const std::string limits = std::string("std::numeric_limits<") +
                               std::string(detail::scalar_source<T>()) + ">::";
    if (value != value)
        return limits + "quiet_NaN()";
    if (value == std::numeric_limits<T>::infinity())
        return limits + "infinity()";
    if (value == -std::numeric_limits<T>::infinity())
        return "-" + limits + "infinity()";
    std::array<char, 64> buffer{};
    // A float is passed to printf as a double, exactly, so %a prints its exact value as well.
    const int length =
        std::snprintf(buffer.data(), buffer.size(), "%a", static_cast<double>(value));
    std::string out(buffer.data(), static_cast<std::size_t>(length > 0 ? length : 0));
    if constexpr (std::is_same_v<T, float>)
        out += 'f';
    return out;
}

namespace detail {

// net.set_block<L, B>({...}); for block B of layer L: a matrix a row a line.
template <std::size_t L, std::size_t B, class Net>
void bake_block(const Net& net, std::ostream& os)
{
    using T = typename Net::scalar_type;
    constexpr parameter_block block = Net::template layer<L>::blocks[B];
    const auto values = net.template block<L, B>();
    os << "    net.set_block<" << L << ", " << B << ">({";
    if (block.matrix) {
        os << " // layer " << L << ' ' << block.name << ' ' << block.rows << 'x' << block.cols
           << '\n';
        for (std::size_t r = 0; r < block.rows; ++r) {
            os << "        ";
            for (std::size_t c = 0; c < block.cols; ++c)
                os << (c ? ", " : "") << literal_source<T>(values[r * block.cols + c]);
            os << ",\n";
        }
        os << "    });\n";
    }
    else {
        for (std::size_t k = 0; k < values.size(); ++k)
            os << (k ? ", " : "") << literal_source<T>(values[k]);
        os << "}); // layer " << L << ' ' << block.name << '\n';
    }
}

template <std::size_t L, class Net>
void bake_layer(const Net& net, std::ostream& os)
{
    [&]<std::size_t... B>(std::index_sequence<B...>) {
        (bake_block<L, B>(net, os), ...);
    }(std::make_index_sequence<Net::template layer<L>::blocks.size()>{});
}

} // namespace detail

// What bake() names, and how the header is guarded.
struct bake_options {
    std::string_view variable_name = "baked_network"; // the constexpr network
    std::string_view type_name = {};      // its type alias; empty: variable_name + "_type"
    std::string_view namespace_name = {}; // may be nested ("app::model"); empty: global namespace
    std::string_view include_guard = {};  // a macro name; empty: #pragma once
    std::string_view extra_include = {};  // e.g. "my/activations.hpp", for custom activations
    std::string_view comment = {};        // written at the top, e.g. how to regenerate the file
};

namespace detail {

// The parts of a baked header around its definitions, shared by every kind of network bake()
// writes: the comment lines (`summary`, without "// "), the guard, `include` (e.g.
// "<ctnn/network.hpp>"), the namespace; then bake_close ends the namespace and the guard.
inline void bake_open(std::ostream& os, const bake_options& options, std::string_view summary,
                      std::string_view include, bool limits)
{
    os << "// Generated by ctnn::bake (ctnn/bake.hpp): a trained network as constants. "
          "Do not edit.\n";
    if (!options.comment.empty())
        os << "// " << options.comment << '\n';
    os << "// " << summary << '\n';
    if (options.include_guard.empty())
        os << "#pragma once\n";
    else
        os << "#ifndef " << options.include_guard << "\n#define " << options.include_guard
           << '\n';
    os << '\n';
    if (limits)
        os << "#include <limits>\n\n";
    os << "#include " << include << '\n';
    if (!options.extra_include.empty())
        os << "#include \"" << options.extra_include << "\"\n";
    os << '\n';
    if (!options.namespace_name.empty())
        os << "namespace " << options.namespace_name << " {\n\n";
}

inline void bake_close(std::ostream& os, const bake_options& options)
{
    if (!options.namespace_name.empty())
        os << "\n} // namespace " << options.namespace_name << '\n';
    if (!options.include_guard.empty())
        os << "\n#endif // " << options.include_guard << '\n';
}

// "using <type_name> =\n    <type source, one template argument a line>;"
inline void bake_type_alias(std::ostream& os, const std::string& type_name,
                            const std::string& type_source)
{
    std::string type_lines;
    int depth = 0;
    for (std::size_t k = 0; k < type_source.size(); ++k) {
        const char c = type_source[k];
        depth += c == '<' ? 1 : (c == '>' ? -1 : 0);
        if (depth == 1 && c == ',' && k + 1 < type_source.size() && type_source[k + 1] == ' ') {
            type_lines += ",\n        ";
            ++k;
        }
        else {
            type_lines += c;
        }
    }
    os << "using " << type_name << " =\n    " << type_lines << ";\n\n";
}

inline std::string baked_type_name(const bake_options& options)
{
    return options.type_name.empty() ? std::string(options.variable_name) + "_type"
                                     : std::string(options.type_name);
}

} // namespace detail

// Writes a self-contained C++ header defining net as a constexpr network (see the top of this
// file). The output depends only on the network's type and parameters.
template <class Net>
void bake(const Net& net, std::ostream& os, const bake_options& options = {})
{
    const std::string type_source = network_source<Net>();
    const std::string variable(options.variable_name);
    const std::string type_name = detail::baked_type_name(options);

    std::string summary = std::to_string(Net::parameter_count) + " parameters, widths";
    for (std::size_t w : Net::widths)
        summary += ' ' + std::to_string(w);
    summary += "; every value a hexadecimal literal, exact.";
    detail::bake_open(os, options, summary, "<ctnn/network.hpp>", true);
    detail::bake_type_alias(os, type_name, type_source);
    os << "inline constexpr " << type_name << ' ' << variable << " = [] {\n";
    os << "    " << type_name << " net;\n";
    // Every block of every layer, trained and running state, as the layers declare them.
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (detail::bake_layer<L>(net, os), ...);
    }(std::make_index_sequence<Net::layer_count>{});
    os << "    return net;\n}();\n";
    detail::bake_close(os, options);
}

} // namespace ctnn
