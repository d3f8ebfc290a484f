// ctnn/serialization/signature.hpp: the format's constants and the type signature a file carries:
// the network's widths, activations and biases, the optimiser state's member kinds, their sizes,
// and the mismatch message.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctnn/detail/network_traits.hpp>
#include <ctnn/detail/serialization_bytes.hpp>
#include <ctnn/detail/serialization_fields.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/optimizer/concept.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/serialization/names.hpp>
#include <ctnn/serialization/result.hpp>

namespace ctnn::detail {

inline constexpr std::uint32_t serialization_version = 1;
inline constexpr std::array<unsigned char, 8> binary_magic{0x89, 'C',  'T',  'N',
                                                           'N',  '\r', '\n', 0x1a};
inline constexpr std::string_view text_magic = "ctnn text\n";
inline constexpr std::size_t binary_header_size = 28;

template <class T>
consteval std::string_view scalar_signature_name()
{
    if constexpr (std::is_same_v<T, float>)
        return "float";
    else
        return "double";
}

template <class T>
inline constexpr bool serializable_scalar =
    (std::is_same_v<T, float> || std::is_same_v<T, double>) &&
    std::numeric_limits<T>::is_iec559 && sizeof(T) == sizeof(float_bits<T>);

constexpr bool name_is_one_token(std::string_view name)
{
    if (name.empty())
        return false;
    for (char c : name)
        if (c <= ' ' || c > '~')
            return false;
    return true;
}

// Counts the characters a signature writer appends, to size its storage.
struct signature_counter {
    std::size_t size = 0;
    constexpr void append(std::string_view text) noexcept { size += text.size(); }
    constexpr void append_integer(std::intmax_t value) noexcept
    {
        fixed_name<24> digits;
        digits.append_integer(value);
        size += digits.size;
    }
};

// The text Writer::write_signature(sink) writes, as a constant of exactly its size.
template <class Writer>
struct written_signature {
    static constexpr std::size_t size = [] {
        signature_counter c;
        Writer::write_signature(c);
        return c.size;
    }();
    static constexpr fixed_name<size> storage = [] {
        fixed_name<size> name;
        Writer::write_signature(name);
        return name;
    }();
    static constexpr std::string_view view = storage.view();
};

// A network type's file facts: its signature, its payload's size, and how its values are
// walked. A network type of another kind specialises it (ctnn/quantized/serialization.hpp: an
// int8 network, which also names the `buffer` a load parses into, and `walk`s, `validate`s and
// `commit`s it itself).
template <class Net>
struct serial_layout {
    using traits = network_traits<Net>;
    using scalar = typename traits::scalar;
    static constexpr std::size_t layer_count = traits::layer_count;

    // Each layer's description in the signature, as it declares it ("sigmoid/bias").
    static constexpr std::array<std::string_view, layer_count> layer_names =
        []<std::size_t... L>(std::index_sequence<L...>) {
            return std::array<std::string_view, layer_count>{
                std::string_view(traits::template layer<L>::file_name)...};
        }(std::make_index_sequence<layer_count>{});
    static constexpr bool layers_named = [] {
        for (auto name : layer_names)
            if (name.empty())
                return false;
        return true;
    }();
    // Whether layer L has a block named "bias" (RTNeural's format writes a zero one otherwise).
    static constexpr std::array<bool, layer_count> has_bias =
        []<std::size_t... L>(std::index_sequence<L...>) {
            return std::array<bool, layer_count>{
                (block_index<typename traits::template layer<L>>("bias") <
                 traits::template layer<L>::blocks.size())...};
        }(std::make_index_sequence<layer_count>{});

    static constexpr bool names_are_tokens = [] {
        for (auto name : layer_names)
            if (!name.empty() && !name_is_one_token(name))
                return false;
        return true;
    }();

    // "float 2-3-1 sigmoid/bias identity/no-bias"
    template <class Sink>
    static constexpr void write_signature(Sink& out) noexcept
    {
        out.append(scalar_signature_name<scalar>());
        out.append(" ");
        for (std::size_t k = 0; k <= layer_count; ++k) {
            if (k != 0)
                out.append("-");
            out.append_integer(static_cast<std::intmax_t>(traits::widths[k]));
        }
        for (std::size_t l = 0; l < layer_count; ++l) {
            out.append(" ");
            out.append(layer_names[l]);
        }
    }

    static constexpr std::size_t signature_size = [] {
        signature_counter c;
        write_signature(c);
        return c.size;
    }();
    static constexpr fixed_name<signature_size> signature_storage = [] {
        fixed_name<signature_size> name;
        write_signature(name);
        return name;
    }();
    static constexpr std::string_view signature = signature_storage.view();
    // The trained parameters' bytes (a parameters<Net> member of an optimiser state), and the
    // network's: those and its running state.
    static constexpr std::size_t payload_size = traits::parameter_count * sizeof(scalar);
    static constexpr std::size_t network_payload_size =
        (traits::parameter_count + traits::state_count) * sizeof(scalar);
};

// An optimiser state's members, as the file describes them.
template <class Net, class Field>
consteval std::string_view field_kind()
{
    using F = std::remove_cv_t<Field>;
    if constexpr (std::is_same_v<F, parameters<Net>>)
        return "parameters";
    else if constexpr (std::is_same_v<F, float>)
        return "f32";
    else if constexpr (std::is_same_v<F, double>)
        return "f64";
    else if constexpr (std::is_integral_v<F> && !std::is_same_v<F, bool> && std::is_unsigned_v<F>)
        return "u64";
    else if constexpr (std::is_integral_v<F> && !std::is_same_v<F, bool>)
        return "i64";
    else
        return {};
}

// The bytes a member of kind `kind` takes in a binary payload (0 for a kind ctnn does not write).
constexpr std::size_t kind_bytes(std::string_view kind, std::size_t parameter_bytes) noexcept
{
    if (kind == "parameters")
        return parameter_bytes;
    if (kind == "f32")
        return 4;
    if (kind == "f64" || kind == "u64" || kind == "i64")
        return 8;
    return 0;
}

template <class Net, class Field>
constexpr std::size_t field_bytes() noexcept
{
    return kind_bytes(field_kind<Net, Field>(), serial_layout<Net>::payload_size);
}

// The payload bytes a state signature read from a file ("adam: parameters parameters u64 f64
// f64") calls for with this network, or 0 if it is not one ctnn writes. Bounds what a load of a
// network alone reads of a file that also holds a state.
template <class Net>
constexpr std::size_t state_bytes_of_signature(std::string_view signature) noexcept
{
    const std::size_t colon = signature.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return 0;
    std::string_view rest = signature.substr(colon + 1);
    std::size_t total = 0;
    while (!rest.empty()) {
        if (rest.front() != ' ')
            return 0;
        rest.remove_prefix(1);
        const std::string_view kind = rest.substr(0, rest.find(' '));
        const std::size_t bytes = kind_bytes(kind, serial_layout<Net>::payload_size);
        if (bytes == 0)
            return 0;
        total += bytes; // at most 2048 members of bounded size: no overflow
        rest.remove_prefix(kind.size());
    }
    return total;
}

// The longest signature a file may declare (ctnn's own are far shorter): the header's sizes are
// checked against it before anything they announce is read.
inline constexpr std::size_t max_signature_bytes = 4096;

template <class Opt, class Net>
struct state_layout {
    using state = optimizer_state<Opt, Net>;
    static constexpr bool is_aggregate = std::is_aggregate_v<state>;
    static constexpr std::size_t fields = is_aggregate ? field_count<state>() : 0;
    static constexpr bool fits = fields <= max_state_fields;

    // The type of member I, named through a structured binding.
    template <std::size_t I>
    using field_type = std::remove_cvref_t<decltype(field_at<I, fields>(std::declval<state&>()))>;

    template <std::size_t... I>
    static consteval bool check_kinds(std::index_sequence<I...>)
    {
        return (... && !field_kind<Net, field_type<I>>().empty());
    }


    static constexpr bool kinds_known = [] {
        if constexpr (is_aggregate && fits)
            return check_kinds(std::make_index_sequence<fields>{});
        else
            return false;
    }();

    // "adam: parameters parameters u64 f64 f64"
    template <class Sink>
    static constexpr void write_signature(Sink& out) noexcept
    {
        out.append(optimizer_name<Opt>::value);
        out.append(":");
        [&out]<std::size_t... I>(std::index_sequence<I...>) {
            ((out.append(" "), out.append(field_kind<Net, field_type<I>>())), ...);
        }(std::make_index_sequence<fields>{});
    }
    static constexpr std::size_t signature_size = [] {
        signature_counter c;
        write_signature(c);
        return c.size;
    }();
    static constexpr fixed_name<signature_size> signature_storage = [] {
        fixed_name<signature_size> name;
        write_signature(name);
        return name;
    }();
    static constexpr std::string_view signature = signature_storage.view();
    static constexpr std::size_t payload_size =
        []<std::size_t... I>(std::index_sequence<I...>) {
            return (std::size_t{0} + ... + field_bytes<Net, field_type<I>>());
        }(std::make_index_sequence<fields>{});
};

// One rule per static_assert, at the function the user called.
template <class Net>
consteval bool check_serializable_network()
{
    using layout = serial_layout<Net>;
    static_assert(serializable_scalar<typename layout::scalar> ||
                      std::is_integral_v<typename layout::scalar>, // an int8 network's
                  "ctnn::save/load: only networks of float or double (IEEE-754) can be saved; "
                  "use options<float> or options<double>");
    static_assert(layout::layers_named,
                  "ctnn::save/load: a layer of this network has no name for the file: an "
                  "activation without one (give it `static constexpr std::string_view name = "
                  "\"my_activation\";` or specialise ctnn::activation_name<A>), or a layer "
                  "whose file_name is empty");
    static_assert(layout::names_are_tokens,
                  "ctnn::save/load: an activation's or layer's name must be non-empty printable "
                  "ASCII without spaces");
    return true;
}

template <class Opt, class Net>
consteval bool check_serializable_state()
{
    using layout = state_layout<Opt, Net>;
    static_assert(requires { typename optimizer_state<Opt, Net>; },
                  "ctnn::save/load<Opt>: Opt must be an optimiser with a state<Net> member "
                  "template, e.g. save<ctnn::adam>(net, state, file)");
    static_assert(requires {
        { optimizer_name<Opt>::value } -> std::convertible_to<std::string_view>;
    }, "ctnn::save/load<Opt>: the optimiser has no name for the file; give it `static constexpr "
       "std::string_view name = \"my_optimizer\";` or specialise ctnn::optimizer_name<Opt>");
    static_assert(layout::is_aggregate,
                  "ctnn::save/load<Opt>: the optimiser's state must be an aggregate (a struct of "
                  "public members, no constructors) to be saved member by member");
    static_assert(layout::fits,
                  "ctnn::save/load<Opt>: the optimiser's state has more than 8 members");
    static_assert(layout::kinds_known,
                  "ctnn::save/load<Opt>: each member of the optimiser's state must be a "
                  "ctnn::parameters<Net>, a float, a double or an integer");
    static_assert(std::is_trivially_copyable_v<optimizer_state<Opt, Net>>,
                  "ctnn::save/load<Opt>: the optimiser's state must be trivially copyable, so "
                  "that committing a loaded state cannot fail");
    return true;
}

inline io_result mismatch(std::string_view what, std::string_view found,
                          std::string_view expected) noexcept
{
    io_result r(io_error::type_mismatch, "file holds ");
    r.append(what).append(found.empty() ? std::string_view("nothing") : found.substr(0, 160));
    r.append(", this ").append(what[0] == 'n' ? "network is " : "load expects ");
    r.append(expected.empty() ? std::string_view("nothing") : expected);
    return r;
}

template <class T>
constexpr std::string_view hex_digits(T value, char (&out)[16]) noexcept
{
    constexpr const char* digits = "0123456789abcdef";
    for (std::size_t k = 0; k < 16; ++k)
        out[15 - k] = digits[(value >> (4 * k)) & 0xfu];
    return std::string_view(out, 16);
}

struct no_state {};

// What a load parses into before it commits: a parameters<Net>, or the `buffer` its serial_layout
// names.
template <class Net>
struct load_buffer {
    using type = parameters<Net>;
};
template <class Net>
    requires requires { typename serial_layout<Net>::buffer; }
struct load_buffer<Net> {
    using type = typename serial_layout<Net>::buffer;
};

} // namespace ctnn::detail
