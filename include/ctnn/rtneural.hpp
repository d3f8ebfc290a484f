// ctnn/rtneural.hpp: read and write RTNeural's JSON model format, so that dense networks move
// between ctnn and RTNeural (or Keras, through RTNeural's exporter) in both directions.
//
//   ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::dense<8, ctnn::tanh>,
//                    ctnn::dense<1, ctnn::identity>> net;
//   if (auto r = ctnn::load_rtneural(net, "model.json"); !r)       // strong guarantee
//       std::printf("%s\n", r.message());
//       // "type mismatch: layer 2 (dense 1): "shape" gives width 4, this network's layer 1 has 2"
//   ctnn::save_rtneural(net, "model.json");                         // RTNeural's parseJson reads it
//   nlohmann::json j;
//   ctnn::to_rtneural_json(net, j);  ctnn::from_rtneural_json(net, j);   // without a file
//
// Optional: the only ctnn header that needs nlohmann-json (Debian: nlohmann-json3-dev; CMake:
// find_package(nlohmann_json 3) and link nlohmann_json::nlohmann_json). Errors are ctnn::io_result
// as in ctnn/serialization.hpp: nothing throws, and a failed load leaves the network unchanged.
//
// Bounds: load_rtneural reads at most max_bytes of JSON, by default rtneural_max_bytes<Net> (1 MiB
// and 128 bytes a number of the model, at most 1 GiB), and refuses more before parsing, so that
// the parsed document stays small (nlohmann-json's document takes at most about 40 bytes of
// memory a byte of JSON, for "[{},{},...]"): its destructor allocates, and a std::bad_alloc there
// ends the process whatever catches it. From a path it reads regular files only: a device
// (/dev/zero) or a FIFO is refused unopened.
//
// The format, as RTNeural's loader reads it (RTNeural/model_loader.h, json_parser::parseJson and
// loadDense; python/model_utils.py writes it from Keras):
//
//   { "in_shape": [null, 4],                      last entry: the input width
//     "layers": [
//       { "type": "dense", "activation": "tanh", "shape": [null, 8],   last entry: the width
//         "weights": [ [[w00, ..., w07], ..., [w30, ..., w37]],   kernel: In rows of Out values
//                      [b0, ..., b7] ] },                          bias: Out values
//       { "type": "activation", "activation": "softmax", "shape": [null, 8], "weights": [] } ] }
//
// The kernel is Keras's, In x Out: loadDense reads weights[0][i][j] as the weight from input i
// to output j (it stores it transposed, denseWeights[j][i]). That is ctnn's own orientation
// (input-major), so rows map to rows. Activations: "tanh", "relu", "sigmoid", "softmax", "elu"
// (RTNeural's ELU has alpha 1) and "" for a linear layer (RTNeural's Keras exporter writes ""
// for linear; "linear" is also accepted here). A separate "activation" layer applies to the
// dense layer before it; a ctnn dense layer has one activation, so at most one non-linear
// activation may follow each dense layer. "time-distributed-dense" reads as "dense", as in
// RTNeural. Any other layer type is refused.
//
// A ctnn layer without a bias is written with a zero bias (RTNeural's dense layer always has
// one); reading into such a layer accepts a zero bias or none (Keras's use_bias=False).
// Numbers are written by nlohmann-json's shortest round-trip form of the double (a float
// network's values widened exactly), so a file read back gives the same bits.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <limits>
#include <memory>
#include <new>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include <ctnn/activation/concept.hpp>
#include <ctnn/detail/network_traits.hpp>
#include <ctnn/layer/normalization.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/serialization.hpp>

namespace ctnn {

namespace detail {

// RTNeural's name for activation A, as A declares it (`rtneural_name`: "" for the identity, as
// RTNeural's exporter writes a linear layer; "elu" for elu with alpha 1, RTNeural's only ELU in
// JSON), or its family's; "?" when RTNeural's JSON has no such activation.
template <class A>
constexpr std::string_view rtneural_activation() noexcept
{
    if constexpr (requires { std::string_view(A::rtneural_name); })
        return A::rtneural_name;
    else if constexpr (!std::is_same_v<activation_family_t<A>, A>)
        return rtneural_activation<activation_family_t<A>>();
    else
        return "?";
}

// A layer RTNeural's "batchnorm" holds: gain, shift, running mean and variance, of the width.
template <class L>
consteval bool rtneural_batchnorm_like()
{
    constexpr std::string_view names[] = {"gain", "shift", "running_mean", "running_var"};
    if constexpr (L::blocks.size() != 4 || L::in_size != L::out_size)
        return false;
    else {
        for (std::size_t b = 0; b < 4; ++b)
            if (L::blocks[b].name != names[b] || L::blocks[b].size() != L::out_size ||
                L::blocks[b].trained != (b < 2))
                return false;
        return std::string_view(L::kind) == "batch_norm";
    }
}

template <class L>
consteval std::string_view rtneural_activation_of()
{
    if constexpr (rtneural_batchnorm_like<L>())
        return "";
    else
        return rtneural_activation<typename layer_activation<L>::type>();
}

template <class Net>
struct rtneural_layout {
    using layout = serial_layout<Net>;
    using traits = network_traits<Net>;
    static constexpr std::size_t layer_count = layout::layer_count;

    static constexpr std::array<std::string_view, layer_count> activations =
        []<std::size_t... L>(std::index_sequence<L...>) {
            return std::array<std::string_view, layer_count>{
                rtneural_activation_of<typename traits::template layer<L>>()...};
        }(std::make_index_sequence<layer_count>{});
    // Each layer's RTNeural type: "dense" or "batchnorm".
    static constexpr std::array<std::string_view, layer_count> types =
        []<std::size_t... L>(std::index_sequence<L...>) {
            return std::array<std::string_view, layer_count>{
                (rtneural_batchnorm_like<typename traits::template layer<L>>()
                     ? std::string_view("batchnorm")
                     : std::string_view("dense"))...};
        }(std::make_index_sequence<layer_count>{});
    static constexpr bool activations_supported = [] {
        for (auto name : activations)
            if (name == "?")
                return false;
        return true;
    }();
};

// A layer RTNeural's "dense" (and a following "activation") holds: a weights matrix, in_size x
// out_size, an optional bias, and one activation.
template <class L>
consteval bool rtneural_dense_like()
{
    constexpr std::size_t w = block_index<L>("weights");
    constexpr std::size_t b = block_index<L>("bias");
    if constexpr (std::is_same_v<typename layer_activation<L>::type, no_activation>)
        return false;
    else
        return w == 0 && L::blocks[0].rows == L::in_size && L::blocks[0].cols == L::out_size &&
               L::blocks.size() == (b < L::blocks.size() ? 2u : 1u) &&
               (b == L::blocks.size() || b == 1);
}

// Layer is the position, Kind the layer the compiler names in the requirement.
template <std::size_t Layer, class Kind>
inline constexpr bool rtneural_has_this_layer_kind =
    rtneural_dense_like<Kind>() || rtneural_batchnorm_like<Kind>();

template <class Net>
consteval bool check_rtneural_layers()
{
    using traits = network_traits<Net>;
    return []<std::size_t... L>(std::index_sequence<L...>) {
        static_assert((... && rtneural_has_this_layer_kind<L, typename traits::template layer<L>>),
                      "ctnn::save_rtneural/load_rtneural: ctnn reads and writes RTNeural's dense, "
                      "activation and batchnorm layers only; this network has another kind of "
                      "layer (the requirement names its position and type)");
        return true;
    }(std::make_index_sequence<traits::layer_count>{});
}

template <class Net>
consteval bool check_rtneural_network()
{
    static_assert(check_serializable_network<Net>());
    static_assert(check_rtneural_layers<Net>());
    static_assert(rtneural_layout<Net>::activations_supported,
                  "ctnn::save_rtneural/load_rtneural: RTNeural's JSON models share only the "
                  "activations tanh, relu, sigmoid, softmax, elu<1, 1> and identity with ctnn; "
                  "this network uses another (leaky_relu, softplus, an elu with alpha other than "
                  "1, or a custom one)");
    return true;
}

// Where a parse failed, in nlohmann-json's words: a second, SAX pass that builds nothing. Used
// only after the DOM parse (which cannot say where, without exceptions) has failed.
class json_error_finder : public nlohmann::json_sax<nlohmann::json> {
public:
    std::string message;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&,
                     const nlohmann::json::exception& error) override
    {
        // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." less the tag.
        std::string_view what = error.what();
        if (const std::size_t tag_end = what.find("] "); tag_end != std::string_view::npos)
            what.remove_prefix(tag_end + 2);
        message.assign(what.substr(0, 300));
        return false;
    }
};

// A JSON value's text for a message: a string's contents (cut to 40 characters), else its kind.
inline std::string_view json_describe(const nlohmann::json& j) noexcept
{
    if (j.is_string()) {
        const std::string& s = j.get_ref<const std::string&>();
        return std::string_view(s).substr(0, 40);
    }
    return j.type_name();
}

// The member `key` of object j, or nullptr (find, not operator[] or at: neither inserts nor
// throws).
inline const nlohmann::json* json_member(const nlohmann::json& j, const char* key) noexcept
{
    if (!j.is_object())
        return nullptr;
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

// A JSON number as a double (integers too, as Keras may write 0 for 0.0).
inline bool json_number(const nlohmann::json& j, double& value) noexcept
{
    switch (j.type()) {
    case nlohmann::json::value_t::number_float:
        value = j.get_ref<const nlohmann::json::number_float_t&>();
        return true;
    case nlohmann::json::value_t::number_integer:
        value = static_cast<double>(j.get_ref<const nlohmann::json::number_integer_t&>());
        return true;
    case nlohmann::json::value_t::number_unsigned:
        value = static_cast<double>(j.get_ref<const nlohmann::json::number_unsigned_t&>());
        return true;
    default: return false;
    }
}

// The last entry of a Keras shape ([null, 8] or [null, null, 8]): a width.
inline bool json_width(const nlohmann::json* shape, std::uint64_t& width) noexcept
{
    if (shape == nullptr || !shape->is_array() || shape->empty())
        return false;
    const nlohmann::json& last = shape->back();
    if (last.is_number_unsigned()) {
        width = last.get_ref<const nlohmann::json::number_unsigned_t&>();
        return true;
    }
    if (last.is_number_integer() && last.get_ref<const nlohmann::json::number_integer_t&>() >= 0) {
        width = static_cast<std::uint64_t>(last.get_ref<const nlohmann::json::number_integer_t&>());
        return true;
    }
    return false;
}

// An "activation" member: RTNeural's name, "" for linear; false if it is not a string.
inline bool json_activation(const nlohmann::json& layer, std::string_view& name) noexcept
{
    const nlohmann::json* a = json_member(layer, "activation");
    if (a == nullptr) {
        name = "";
        return true;
    }
    if (!a->is_string())
        return false;
    name = a->get_ref<const std::string&>();
    if (name == "linear")
        name = "";
    return true;
}

inline bool known_rtneural_activation(std::string_view name) noexcept
{
    return name.empty() || name == "tanh" || name == "relu" || name == "sigmoid" ||
           name == "softmax" || name == "elu";
}

// "layer 3 (dense 1): ", the prefix of a message about one JSON layer.
inline fixed_name<96> layer_prefix(std::size_t json_layer, std::string_view type,
                                   std::size_t dense_layer) noexcept
{
    fixed_name<96> prefix;
    prefix.append("layer ");
    prefix.append_integer(static_cast<std::intmax_t>(json_layer));
    prefix.append(" (");
    prefix.append(type);
    if (type == "dense" || type == "batchnorm") {
        prefix.append(" ");
        prefix.append_integer(static_cast<std::intmax_t>(dense_layer));
    }
    prefix.append("): ");
    return prefix;
}

inline io_result layer_error(io_error error, std::size_t json_layer, std::string_view type,
                             std::size_t dense_layer) noexcept
{
    return io_result(error, layer_prefix(json_layer, type, dense_layer).view());
}

// A value for T: finite, and within T's range (a double beyond float's largest is refused, not
// rounded to infinity; one that rounds to the largest float is taken as it).
template <class T>
bool to_scalar(double value, T& out) noexcept
{
    if (!std::isfinite(value))
        return false;
    if constexpr (std::is_same_v<T, float>) {
        constexpr double beyond = 0x1.ffffffp+127; // halfway to 2^128: rounds to infinity
        constexpr double largest = std::numeric_limits<float>::max();
        if (std::fabs(value) >= beyond)
            return false;
        if (std::fabs(value) > largest)
            value = value > 0 ? largest : -largest;
    }
    out = static_cast<T>(value);
    return true;
}

template <class T>
io_result read_values(const nlohmann::json* row, std::size_t count, T* out,
                      std::string_view where, std::string_view what,
                      std::size_t first_index) noexcept
{
    if (row == nullptr || !row->is_array()) {
        io_result r(io_error::malformed, where);
        return r.append(what).append(" is not an array");
    }
    if (row->size() != count) {
        io_result r(io_error::type_mismatch, where);
        r.append(what).append(" has ").append(row->size()).append(" values, this network's ");
        return r.append(count);
    }
    for (std::size_t k = 0; k < count; ++k) {
        double value = 0;
        if (!json_number((*row)[k], value)) {
            io_result r(io_error::malformed, where);
            r.append(what).append(" value ").append(k).append(" is ");
            return r.append((*row)[k].type_name()).append(", not a number");
        }
        if (!to_scalar(value, out[k])) {
            io_result r(io_error::non_finite_value, where);
            r.append(what).append(" value ").append(k).append(" (parameter ");
            r.append(first_index + k).append(") does not fit ");
            r.append(std::is_same_v<T, float> ? "a float" : "a double");
            return r.append("; a network is loaded only with finite parameters");
        }
    }
    return io_result();
}

// A "batchnorm" JSON layer into ctnn layer l, a batch_norm: its gain and shift (1 and 0 when the
// file has only the running statistics), running mean and variance.
template <class Net>
io_result read_batchnorm(const nlohmann::json& layer, std::size_t k, std::size_t l,
                         parameters<Net>& params) noexcept
{
    using traits = network_traits<Net>;
    using T = typename traits::scalar;
    const std::size_t width = traits::widths[l + 1];
    std::uint64_t shape_width = 0;
    if (!json_width(json_member(layer, "shape"), shape_width))
        return layer_error(io_error::malformed, k, "batchnorm", l)
            .append("no \"shape\" array ending in a non-negative integer width");
    if (shape_width != width) {
        io_result r = layer_error(io_error::type_mismatch, k, "batchnorm", l);
        r.append("\"shape\" gives width ").append(shape_width).append(", this network's layer ");
        return r.append(l).append(" has ").append(width);
    }
    double epsilon = 0;
    const nlohmann::json* eps = json_member(layer, "epsilon");
    if (eps == nullptr || !json_number(*eps, epsilon))
        return layer_error(io_error::malformed, k, "batchnorm", l)
            .append("no \"epsilon\" number");
    // 1e-5 as a float widened to double differs from 1e-5 in the 9th digit.
    if (!(std::fabs(epsilon - normalization_eps) <= 1e-6 * normalization_eps)) {
        io_result r = layer_error(io_error::type_mismatch, k, "batchnorm", l);
        r.append("\"epsilon\" is not 1e-5, ctnn::batch_norm's (Keras's default is 1e-3)");
        return r;
    }
    const nlohmann::json* weights = json_member(layer, "weights");
    if (weights == nullptr || !weights->is_array())
        return layer_error(io_error::malformed, k, "batchnorm", l)
            .append("no \"weights\" array ([gamma, beta, running mean, running variance])");
    if (weights->size() != 4 && weights->size() != 2) {
        io_result r = layer_error(io_error::type_mismatch, k, "batchnorm", l);
        r.append("\"weights\" has ").append(weights->size()).append(" entries, not 4 (gamma, ");
        return r.append("beta, running mean, running variance) or 2 (the running statistics)");
    }
    const fixed_name<96> prefix = layer_prefix(k, "batchnorm", l);
    const std::string_view where = prefix.view();
    const std::size_t trained_at = traits::offsets[l];
    const std::size_t state_at = traits::state_offsets[l];
    T* gain = params.values().data() + trained_at;
    T* mean = params.state().data() + state_at;
    const std::size_t first = weights->size() == 4 ? 2 : 0;
    if (first == 2) {
        if (io_result r = read_values(&(*weights)[0], width, gain, where, "gamma", trained_at); !r)
            return r;
        if (io_result r = read_values(&(*weights)[1], width, gain + width, where, "beta",
                                      trained_at + width);
            !r)
            return r;
    }
    else {
        for (std::size_t o = 0; o < width; ++o) {
            gain[o] = T(1);
            gain[width + o] = T(0);
        }
    }
    const std::size_t state_index = traits::parameter_count + state_at;
    if (io_result r = read_values(&(*weights)[first], width, mean, where, "the running mean",
                                  state_index);
        !r)
        return r;
    return read_values(&(*weights)[first + 1], width, mean + width, where,
                       "the running variance", state_index + width);
}

template <class Net>
io_result read_rtneural(const nlohmann::json& root, parameters<Net>& params) noexcept
{
    using traits = network_traits<Net>;
    using rl = rtneural_layout<Net>;
    using T = typename traits::scalar;
    constexpr std::size_t layer_count = traits::layer_count;

    if (!root.is_object())
        return io_result(io_error::malformed, "an RTNeural model is a JSON object with "
                                              "\"in_shape\" and \"layers\"; this is not an object");
    std::uint64_t in_width = 0;
    const nlohmann::json* in_shape = json_member(root, "in_shape");
    if (in_shape == nullptr || !in_shape->is_array())
        return io_result(io_error::malformed, "the model has no \"in_shape\" array");
    if (in_shape->size() == 4)
        return io_result(io_error::type_mismatch, "\"in_shape\" has 4 entries, a 2-D "
                                                  "convolution's input; ctnn reads dense models");
    if (!json_width(in_shape, in_width))
        return io_result(io_error::malformed, "the last entry of \"in_shape\" is not a "
                                              "non-negative integer");
    if (in_width != traits::widths[0]) {
        io_result r(io_error::type_mismatch, "\"in_shape\" gives ");
        r.append(in_width).append(" inputs, this network takes ");
        return r.append(traits::widths[0]);
    }
    const nlohmann::json* layers = json_member(root, "layers");
    if (layers == nullptr || !layers->is_array())
        return io_result(io_error::malformed, "the model has no \"layers\" array");

    std::array<std::string_view, layer_count> found{}; // each dense layer's activation, as read
    std::array<std::size_t, layer_count> found_at{};   // the JSON layer that set it
    std::size_t dense = 0;
    for (std::size_t k = 0; k < layers->size(); ++k) {
        const nlohmann::json& layer = (*layers)[k];
        const nlohmann::json* type_member = json_member(layer, "type");
        if (type_member == nullptr || !type_member->is_string()) {
            io_result r(io_error::malformed, "layer ");
            return r.append(k).append(" has no \"type\" string");
        }
        std::string_view type = type_member->get_ref<const std::string&>();
        if (type == "time-distributed-dense")
            type = "dense";
        if (type != "dense" && type != "activation" && type != "batchnorm") {
            io_result r(io_error::type_mismatch, "layer ");
            r.append(k).append(" has type \"").append(json_describe(*type_member));
            return r.append("\"; ctnn reads RTNeural's dense, activation and batchnorm layers "
                            "only");
        }
        std::string_view activation;
        if (!json_activation(layer, activation))
            return layer_error(io_error::malformed, k, type, dense)
                .append("\"activation\" is not a string");
        if (!known_rtneural_activation(activation))
            return layer_error(io_error::type_mismatch, k, type, dense)
                .append("activation \"")
                .append(activation.substr(0, 40))
                .append("\" is not one that ctnn and RTNeural share (tanh, relu, sigmoid, "
                        "softmax, elu, or \"\" for linear)");

        if (type == "activation") {
            if (activation.empty())
                continue;
            if (dense == 0 || rl::types[dense - 1] != "dense")
                return layer_error(io_error::type_mismatch, k, type, dense)
                    .append(dense == 0 ? "an activation before any dense layer"
                                       : "an activation after a batchnorm layer")
                    .append("; ctnn applies activations after a dense layer only");
            std::uint64_t width = 0;
            const nlohmann::json* shape = json_member(layer, "shape");
            if (shape != nullptr && json_width(shape, width) &&
                width != traits::widths[dense]) {
                io_result r = layer_error(io_error::type_mismatch, k, type, dense);
                r.append("\"shape\" gives width ").append(width).append(", the dense layer ");
                return r.append("before it has ").append(traits::widths[dense]);
            }
            if (!found[dense - 1].empty()) {
                io_result r = layer_error(io_error::type_mismatch, k, type, dense);
                r.append("activation \"").append(activation).append("\" follows \"");
                r.append(found[dense - 1]).append("\" on dense layer ").append(dense - 1);
                return r.append("; a ctnn dense layer applies one activation");
            }
            found[dense - 1] = activation;
            found_at[dense - 1] = k;
            continue;
        }
        if (dense == layer_count) {
            io_result r = layer_error(io_error::type_mismatch, k, type, dense);
            r.append("one ").append(type).append(" layer more than this network's ");
            return r.append(layer_count);
        }
        if (type != rl::types[dense]) {
            io_result r = layer_error(io_error::type_mismatch, k, type, dense);
            r.append("this network's layer ").append(dense).append(" is RTNeural's \"");
            return r.append(rl::types[dense]).append("\"");
        }
        if (type == "batchnorm") {
            if (!activation.empty())
                return layer_error(io_error::type_mismatch, k, type, dense)
                    .append("a batchnorm layer with an activation; ctnn applies activations "
                            "after a dense layer only");
            if (io_result r = read_batchnorm<Net>(layer, k, dense, params); !r)
                return r;
            found_at[dense] = k;
            ++dense;
            continue;
        }

        const std::size_t in = traits::widths[dense];
        const std::size_t out = traits::widths[dense + 1];
        const fixed_name<96> prefix = layer_prefix(k, type, dense);
        const std::string_view where = prefix.view();
        std::uint64_t width = 0;
        if (!json_width(json_member(layer, "shape"), width))
            return layer_error(io_error::malformed, k, type, dense)
                .append("no \"shape\" array ending in a non-negative integer width");
        if (width != out) {
            io_result r = layer_error(io_error::type_mismatch, k, type, dense);
            r.append("\"shape\" gives width ").append(width).append(", this network's layer ");
            return r.append(dense).append(" has ").append(out);
        }
        const nlohmann::json* weights = json_member(layer, "weights");
        if (weights == nullptr || !weights->is_array())
            return layer_error(io_error::malformed, k, type, dense)
                .append("no \"weights\" array ([kernel, bias])");
        const bool has_bias = serial_layout<Net>::has_bias[dense];
        const bool bias_optional = !has_bias;
        if (weights->size() != 2 && !(bias_optional && weights->size() == 1)) {
            io_result r = layer_error(io_error::type_mismatch, k, type, dense);
            r.append("\"weights\" has ").append(weights->size()).append(" entries, not 2 ");
            return r.append(has_bias ? "(kernel, bias)" : "(kernel, bias) or 1 (kernel)");
        }
        const nlohmann::json& kernel = (*weights)[0];
        if (!kernel.is_array())
            return layer_error(io_error::malformed, k, type, dense)
                .append("the kernel (\"weights\"[0]) is not an array of rows");
        if (kernel.size() != in) {
            io_result r = layer_error(io_error::type_mismatch, k, type, dense);
            r.append("the kernel has ").append(kernel.size()).append(" rows (inputs), this ");
            return r.append("network's layer ").append(dense).append(" takes ").append(in);
        }
        T* values = params.values().data() + traits::offsets[dense];
        for (std::size_t i = 0; i < in; ++i) {
            label_text row;
            row.add("kernel row ").add(i);
            if (io_result r = read_values(&kernel[i], out, values + i * out, where,
                                          row.text.view(), traits::offsets[dense] + i * out);
                !r)
                return r;
        }
        if (weights->size() == 2) {
            const std::size_t bias_at = traits::offsets[dense] + in * out;
            if (has_bias) {
                if (io_result r = read_values(&(*weights)[1], out, params.values().data() + bias_at,
                                              where, "the bias", bias_at);
                    !r)
                    return r;
            }
            else {
                // Read into a scratch row: the network has nowhere to keep it, and it must be 0.
                std::array<T, traits::max_width> bias{};
                if (io_result r =
                        read_values(&(*weights)[1], out, bias.data(), where, "the bias", 0);
                    !r)
                    return r;
                for (std::size_t o = 0; o < out; ++o)
                    if (bias[o] != T(0)) {
                        io_result e = layer_error(io_error::type_mismatch, k, type, dense);
                        e.append("bias value ").append(o).append(" is not 0, and this ");
                        return e.append("network's layer ").append(dense).append(" has no bias");
                    }
            }
        }
        found[dense] = activation;
        found_at[dense] = k;
        ++dense;
    }
    if (dense != layer_count) {
        io_result r(io_error::type_mismatch, "the model has ");
        r.append(dense).append(dense == 1 ? " dense layer" : " dense layers");
        return r.append(", this network has ").append(layer_count);
    }
    for (std::size_t l = 0; l < layer_count; ++l)
        if (found[l] != rl::activations[l]) {
            const auto quoted = [](std::string_view name) {
                return name.empty() ? std::string_view("\"\" (linear)") : name;
            };
            io_result r(io_error::type_mismatch, "dense layer ");
            r.append(l).append(" (JSON layer ").append(found_at[l]).append(") has activation ");
            r.append(quoted(found[l])).append(", this network's layer ").append(l);
            return r.append(" has ").append(quoted(rl::activations[l]));
        }
    return io_result();
}

template <class Net>
io_result write_rtneural(const Net& net, nlohmann::json& root)
{
    using traits = network_traits<Net>;
    using rl = rtneural_layout<Net>;

    finite_checker finite;
    if (!walk_network<Net>(net, finite))
        return finite.result;

    const auto values = net.values();
    nlohmann::json layers = nlohmann::json::array();
    for (std::size_t l = 0; l < traits::layer_count; ++l) {
        const std::size_t in = traits::widths[l];
        const std::size_t out = traits::widths[l + 1];
        const std::size_t at = traits::offsets[l];
        if (rl::types[l] == "batchnorm") {
            // gamma, beta from the trained values; running mean and variance from the state.
            nlohmann::json weights = nlohmann::json::array();
            for (std::size_t b = 0; b < 4; ++b) {
                const auto* from = b < 2 ? values.data() + at + b * out
                                         : net.state().data() + traits::state_offsets[l] +
                                               (b - 2) * out;
                nlohmann::json row = nlohmann::json::array();
                for (std::size_t o = 0; o < out; ++o)
                    row.push_back(static_cast<double>(from[o]));
                weights.push_back(std::move(row));
            }
            nlohmann::json layer = nlohmann::json::object();
            layer["type"] = "batchnorm";
            layer["shape"] = nlohmann::json::array({nullptr, out});
            layer["weights"] = std::move(weights);
            layer["epsilon"] = normalization_eps;
            layers.push_back(std::move(layer));
            continue;
        }
        nlohmann::json kernel = nlohmann::json::array();
        for (std::size_t i = 0; i < in; ++i) {
            nlohmann::json row = nlohmann::json::array();
            for (std::size_t o = 0; o < out; ++o)
                row.push_back(static_cast<double>(values[at + i * out + o]));
            kernel.push_back(std::move(row));
        }
        nlohmann::json bias = nlohmann::json::array();
        for (std::size_t o = 0; o < out; ++o)
            bias.push_back(serial_layout<Net>::has_bias[l]
                               ? static_cast<double>(values[at + in * out + o])
                               : 0.0);
        nlohmann::json layer = nlohmann::json::object();
        layer["type"] = "dense";
        layer["activation"] = std::string(rl::activations[l]);
        layer["shape"] = nlohmann::json::array({nullptr, out});
        layer["weights"] = nlohmann::json::array({std::move(kernel), std::move(bias)});
        layers.push_back(std::move(layer));
    }
    nlohmann::json model = nlohmann::json::object();
    model["in_shape"] = nlohmann::json::array({nullptr, traits::widths[0]});
    model["layers"] = std::move(layers);
    root = std::move(model);
    return io_result();
}

template <class Net>
io_result load_rtneural_json(Net& net, const nlohmann::json& root) noexcept
{
    std::unique_ptr<parameters<Net>> params(new (std::nothrow) parameters<Net>());
    if (!params)
        return io_result(io_error::out_of_memory, "no memory for the temporary parameters");
    if (io_result r = read_rtneural<Net>(root, *params); !r)
        return r;
    // The commit: copies of plain values, which cannot fail.
    std::copy(params->values().begin(), params->values().end(), net.values().begin());
    std::copy(params->state().begin(), params->state().end(), net.state().begin());
    return io_result();
}

// The default of load_rtneural's max_bytes: see rtneural_max_bytes.
template <class Net>
constexpr std::size_t rtneural_default_max_bytes() noexcept
{
    static_assert(check_rtneural_network<Net>());
    using traits = network_traits<Net>;
    std::uint64_t numbers = 0; // kernel and bias, also for a layer without bias
    for (std::size_t l = 0; l < traits::layer_count; ++l)
        numbers += (std::uint64_t{traits::widths[l]} + 1) * traits::widths[l + 1];
    const std::uint64_t bytes = (std::uint64_t{1} << 20) + 128 * numbers;
    return static_cast<std::size_t>(std::min(bytes, std::uint64_t{1} << 30));
}

// The end of a message refusing a model larger than max_bytes.
inline io_result& beyond_max_bytes(io_result& r, std::size_t max_bytes) noexcept
{
    r.append("max_bytes, ").append(max_bytes).append(" bytes (by default 1 MiB and 128 bytes a ");
    return r.append("number of this network's model); pass a larger max_bytes if the file is "
                    "right");
}

// Reads `in` to its end into `text`, but never more than max_bytes: past them, the load is
// refused with the stream left where the reading stopped.
inline io_result read_json_text(std::istream& in, std::size_t max_bytes, std::string& text)
{
    char piece[16384];
    for (;;) {
        in.read(piece, sizeof piece);
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got > max_bytes - text.size()) {
            io_result r(io_error::malformed, "the JSON runs past ");
            return beyond_max_bytes(r, max_bytes);
        }
        text.append(piece, got);
        if (!in)
            break;
    }
    if (in.bad())
        return io_result(io_error::io_failure, "the stream failed while reading");
    return io_result();
}

// A file load_rtneural can bound: a regular file (after following symbolic links; a device such
// as /dev/zero or a FIFO may never end, and opening a FIFO blocks) of at most max_bytes. A path
// that does not exist or whose status cannot be read passes, for the open to report.
inline io_result check_rtneural_file(const std::filesystem::path& file,
                                     std::size_t max_bytes) noexcept
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(file, ec);
    io_result r;
    switch (status.type()) {
    case fs::file_type::not_found:
    case fs::file_type::none: return r;
    case fs::file_type::regular: {
        const std::uintmax_t size = fs::file_size(file, ec);
        if (ec || size <= max_bytes)
            return r;
        r = io_result(io_error::malformed, "the file holds ");
        r.append(size).append(" bytes, more than ");
        beyond_max_bytes(r, max_bytes);
        break;
    }
    case fs::file_type::directory:
        r = io_result(io_error::io_failure, "is a directory, not a file");
        break;
    default:
        r = io_result(io_error::io_failure, "is ");
        r.append(status.type() == fs::file_type::character ? "a character device"
                 : status.type() == fs::file_type::block   ? "a block device"
                 : status.type() == fs::file_type::fifo    ? "a FIFO (named pipe)"
                 : status.type() == fs::file_type::socket  ? "a socket"
                                                           : "a special file");
        r.append(", not a regular file; load_rtneural reads regular files, or a std::istream "
                 "up to max_bytes");
        break;
    }
    return name_file(r, file);
}

} // namespace detail

// The most bytes load_rtneural reads for a network of type Net unless told otherwise: 1 MiB, and
// 128 for each number a model of Net holds (kernel and bias; a double in JSON takes at most 24
// characters, the rest is room for indentation), at most 1 GiB. A larger input, such as a model
// of a much larger network, is refused before it is parsed, so parsing never holds more than
// this much JSON. Pass a larger max_bytes for a file padded further.
template <class Net>
inline constexpr std::size_t rtneural_max_bytes = detail::rtneural_default_max_bytes<Net>();

// Writes net as an RTNeural model into `json` (replacing what it held). Refuses a network holding
// a NaN or an infinity (non_finite_value), leaving `json` unchanged. Never throws.
template <class Net>
io_result to_rtneural_json(const Net& net, nlohmann::json& json) noexcept
{
    static_assert(detail::check_rtneural_network<Net>());
    return detail::guarded([&] { return detail::write_rtneural(net, json); });
}

// Reads an RTNeural model from parsed JSON. On failure net is unchanged.
template <class Net>
io_result from_rtneural_json(Net& net, const nlohmann::json& json) noexcept
{
    static_assert(detail::check_rtneural_network<Net>());
    return detail::guarded([&] { return detail::load_rtneural_json(net, json); });
}

// Writes net as RTNeural's JSON to `out`, indented by `indent` spaces (-1: one line).
template <class Net>
io_result save_rtneural(const Net& net, std::ostream& out, int indent = 2) noexcept
{
    static_assert(detail::check_rtneural_network<Net>());
    return detail::guarded([&] {
        nlohmann::json json;
        if (io_result r = detail::write_rtneural(net, json); !r)
            return r;
        const std::string text = json.dump(indent) + "\n";
        if (!out.write(text.data(), static_cast<std::streamsize>(text.size())) || !out.flush())
            return io_result(io_error::io_failure, "the stream refused the data");
        return io_result();
    });
}

// Reads RTNeural's JSON from `in` (to its end, at most max_bytes: a longer stream is refused,
// malformed, before anything is parsed). On failure net is unchanged.
template <class Net>
io_result load_rtneural(Net& net, std::istream& in,
                        std::size_t max_bytes = rtneural_max_bytes<Net>) noexcept
{
    static_assert(detail::check_rtneural_network<Net>());
    return detail::guarded([&] {
        std::string text;
        if (io_result r = detail::read_json_text(in, max_bytes, text); !r)
            return r;
        if (text.empty())
            return io_result(io_error::truncated, "the stream is empty");
        const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
        if (json.is_discarded()) {
            detail::json_error_finder finder;
            nlohmann::json::sax_parse(text, &finder);
            io_result r(io_error::malformed, "not valid JSON: ");
            return r.append(finder.message.empty() ? std::string_view("parse error")
                                                   : std::string_view(finder.message));
        }
        return detail::load_rtneural_json(net, json);
    });
}

template <class Net>
io_result save_rtneural(const Net& net, const std::filesystem::path& file,
                        int indent = 2) noexcept
{
    static_assert(detail::check_rtneural_network<Net>());
    return detail::save_file_through_stream(
        file, [&](std::ostream& out) { return save_rtneural(net, out, indent); });
}

// Reads RTNeural's JSON from a regular file of at most max_bytes (a device, a FIFO or a larger
// file is refused unread). On failure net is unchanged.
template <class Net>
io_result load_rtneural(Net& net, const std::filesystem::path& file,
                        std::size_t max_bytes = rtneural_max_bytes<Net>) noexcept
{
    static_assert(detail::check_rtneural_network<Net>());
    if (io_result r = detail::check_rtneural_file(file, max_bytes); !r)
        return r;
    return detail::load_file(file,
                             [&](std::istream& in) { return load_rtneural(net, in, max_bytes); });
}

} // namespace ctnn
