// ctnn/serialization.hpp: `save` and `load`, a network's parameters (and optionally an optimiser's
// state, to resume training) to and from a stream or file, in ctnn's own binary or text format.
//
//   ctnn::network<2, 3, 1> net;
//   if (auto r = ctnn::save(net, "xor.ctnn"); !r)                     // binary by default
//       std::puts(r.message());
//   if (auto r = ctnn::load(net, "xor.ctnn"); !r)                     // format from the magic
//       std::printf("%s\n", r.message());   // e.g. "type mismatch: file holds double 2-3-1 ..."
//   ctnn::save(net, std::cout, ctnn::format::text);                   // hexadecimal floats
//   ctnn::save<ctnn::adam>(net, adam_state, "checkpoint.ctnn");       // optimiser named: adam
//   ctnn::load<ctnn::adam>(net, adam_state, "checkpoint.ctnn");       // and AdamW differ
//   ctnn::load_or_throw(net, "xor.ctnn");                             // throws serialization_error
//
// save and load never throw and compile with -fno-exceptions: they return an io_result (an error
// code and a message in a fixed buffer). A failed load leaves the network and the state exactly
// as they were: the file is read and checked whole (magic, version, checksum, the network's type
// signature, every value finite) before anything is written to them. The file format is
// described in README.md ("Saving and loading").
//
// Activations are named in the file by ctnn::activation_name<A>; a custom activation names itself
// with `static constexpr std::string_view name = "swish";`.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <filesystem>
#include <fstream>
#include <istream>
#include <limits>
#include <memory>
#include <new>
#include <ostream>
#include <span>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

#if defined(__cpp_exceptions)
#include <stdexcept>
#include <string>
#endif

#include <ctnn/activation.hpp>
#include <ctnn/detail/atomic_file.hpp>
#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/detail/network_traits.hpp>
#include <ctnn/detail/serialization_bytes.hpp>
#include <ctnn/detail/serialization_fields.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// ---------------------------------------------------------------------------------------------
// Names written into a file's type signature.

namespace detail {

template <class A>
concept has_member_name = requires {
    { A::name } -> std::convertible_to<std::string_view>;
};

// An activation that declares `using family = F;` computes F's function (basic_sigmoid<Exp> is
// the sigmoid for every exp policy Exp): it is named after F.
template <class A>
concept has_other_family =
    requires { typename A::family; } && !std::is_same_v<typename A::family, A>;

} // namespace detail

// activation_name<A>::value: how activation A is named in a file: the function it computes, never
// how (a file saved with one exp policy loads with another). A::name, as every built-in declares
// it (a type derived from a built-in inherits it); otherwise its family's name if A declares
// `using family = F;`; or a specialisation of this template. Without any of these, saving or
// loading a network that uses A is a compile-time error.
template <class A>
struct activation_name {};

template <class A>
    requires detail::has_member_name<A>
struct activation_name<A> {
    static constexpr std::string_view value = A::name;
};

template <class A>
    requires(!detail::has_member_name<A> && detail::has_other_family<A>)
struct activation_name<A> : activation_name<typename A::family> {};

// optimizer_name<Opt>::value: how optimiser Opt is named in a file holding its state: Opt::name
// (every built-in states its own). Specialise it for an optimiser you cannot change.
template <class Opt>
struct optimizer_name {};
template <class Opt>
    requires detail::has_member_name<Opt>
struct optimizer_name<Opt> {
    static constexpr std::string_view value = Opt::name;
};

// ---------------------------------------------------------------------------------------------
// Results.

enum class format { binary, text };

enum class io_error {
    none,                // success
    not_a_ctnn_file,     // the magic number is neither ctnn's binary nor its text magic
    unsupported_version, // a format version this ctnn cannot read
    type_mismatch,       // the file holds another network type (or no or another optimiser)
    truncated,           // the data ends before the file's end
    bad_checksum,        // the bytes are not those that were saved
    non_finite_value,    // a NaN or infinite parameter (refused by save and by load)
    malformed,           // the checksum holds but the content is not what the format allows
    io_failure,          // the stream or file could not be opened, read or written
    out_of_memory,       // no memory for the temporary copy a load parses into
};

constexpr std::string_view to_string(io_error error) noexcept
{
    switch (error) {
    case io_error::none: return "success";
    case io_error::not_a_ctnn_file: return "not a ctnn file";
    case io_error::unsupported_version: return "unsupported version";
    case io_error::type_mismatch: return "type mismatch";
    case io_error::truncated: return "truncated";
    case io_error::bad_checksum: return "bad checksum";
    case io_error::non_finite_value: return "non-finite value";
    case io_error::malformed: return "malformed";
    case io_error::io_failure: return "I/O failure";
    case io_error::out_of_memory: return "out of memory";
    }
    return "unknown error";
}

// What save and load report: true on success; otherwise error() says which failure and
// message() explains it in a sentence ("bad checksum: the file's checksum is ..., its contents
// hash to ...; the file was altered or damaged"). The message lives in the object: no heap.
class [[nodiscard]] io_result {
public:
    static constexpr std::size_t message_capacity = 512;

    constexpr io_result() noexcept { append(to_string(io_error::none)); }
    constexpr io_result(io_error error, std::string_view detail) noexcept : error_(error)
    {
        append(to_string(error));
        if (!detail.empty()) {
            append(": ");
            append(detail);
        }
    }

    constexpr explicit operator bool() const noexcept { return error_ == io_error::none; }
    constexpr io_error error() const noexcept { return error_; }
    // Null-terminated.
    constexpr const char* message() const noexcept { return message_.data(); }

    // Appends to the message (cut with "..." past message_capacity).
    constexpr io_result& append(std::string_view text) noexcept
    {
        constexpr std::size_t last = message_capacity - 1;
        for (char c : text) {
            if (size_ == last) {
                message_[last - 3] = message_[last - 2] = message_[last - 1] = '.';
                break;
            }
            message_[size_++] = c;
        }
        message_[size_] = '\0';
        return *this;
    }
    constexpr io_result& append(std::uint64_t value) noexcept
    {
        return append(detail::fixed_name<24>{}.append_unsigned(value).view());
    }

private:
    io_error error_ = io_error::none;
    std::size_t size_ = 0;
    std::array<char, message_capacity> message_{};
};

// ---------------------------------------------------------------------------------------------
// The network's signature and the layout walk shared by both formats.

namespace detail {

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

template <class A>
concept named_activation = requires {
    { activation_name<A>::value } -> std::convertible_to<std::string_view>;
};

template <class Net>
struct serial_layout {
    using traits = network_traits<Net>;
    using scalar = typename traits::scalar;
    static constexpr std::size_t layer_count = traits::layer_count;

    template <std::size_t... L>
    static consteval bool all_named(std::index_sequence<L...>)
    {
        return (... && named_activation<typename traits::template layer<L>::activation_type>);
    }
    static constexpr bool activations_named = all_named(std::make_index_sequence<layer_count>{});

    template <std::size_t L>
    static constexpr std::string_view activation_of() noexcept
    {
        using A = typename traits::template layer<L>::activation_type;
        if constexpr (named_activation<A>)
            return activation_name<A>::value;
        else
            return "?";
    }

    static constexpr std::array<std::string_view, layer_count> activation_names =
        []<std::size_t... L>(std::index_sequence<L...>) {
            return std::array<std::string_view, layer_count>{activation_of<L>()...};
        }(std::make_index_sequence<layer_count>{});
    static constexpr std::array<bool, layer_count> has_bias =
        []<std::size_t... L>(std::index_sequence<L...>) {
            return std::array<bool, layer_count>{traits::template layer<L>::has_bias...};
        }(std::make_index_sequence<layer_count>{});

    static constexpr bool names_are_tokens = [] {
        for (auto name : activation_names)
            if (!name_is_one_token(name))
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
            out.append(activation_names[l]);
            out.append(has_bias[l] ? "/bias" : "/no-bias");
        }
    }

    struct counter {
        std::size_t size = 0;
        constexpr void append(std::string_view text) noexcept { size += text.size(); }
        constexpr void append_integer(std::intmax_t value) noexcept
        {
            fixed_name<24> digits;
            digits.append_integer(value);
            size += digits.size;
        }
    };
    static constexpr std::size_t signature_size = [] {
        counter c;
        write_signature(c);
        return c.size;
    }();
    static constexpr fixed_name<signature_size> signature_storage = [] {
        fixed_name<signature_size> name;
        write_signature(name);
        return name;
    }();
    static constexpr std::string_view signature = signature_storage.view();
    static constexpr std::size_t payload_size = traits::parameter_count * sizeof(scalar);
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
        typename serial_layout<Net>::counter c;
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
    static_assert(serializable_scalar<typename layout::scalar>,
                  "ctnn::save/load: only networks of float or double (IEEE-754) can be saved; "
                  "use options<float> or options<double>");
    static_assert(layout::activations_named,
                  "ctnn::save/load: an activation of this network has no name for the file; give "
                  "it `static constexpr std::string_view name = \"my_activation\";` or specialise "
                  "ctnn::activation_name<A>");
    static_assert(layout::names_are_tokens,
                  "ctnn::save/load: an activation's name must be non-empty printable ASCII "
                  "without spaces");
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

// ---------------------------------------------------------------------------------------------
// The walk: the items of a payload in file order. A visitor sees
//   label(text)                  text format: a line that names what follows
//   values(T* data, n, context)  n scalars of type T (a row); context locates them in messages
//   integer(U& value)            an integer member of a state
// The same walk drives saving and loading in both formats, so the formats cannot disagree.

struct value_context {
    const char* what;        // "parameter" or "optimizer state member"
    std::size_t member;      // the state member (0 for the network)
    std::size_t first_index; // index of data[0] within the parameters (or 0)
};

struct label_text {
    fixed_name<96> text;
    constexpr label_text& add(std::string_view s) noexcept
    {
        text.append(s);
        return *this;
    }
    constexpr label_text& add(std::size_t n) noexcept
    {
        text.append_integer(static_cast<std::intmax_t>(n));
        return *this;
    }
};

template <class Net, class Values, class Visitor>
bool walk_parameters(Values values, Visitor& v, const char* what, std::size_t member) noexcept
{
    using layout = serial_layout<Net>;
    using traits = network_traits<Net>;
    for (std::size_t l = 0; l < layout::layer_count; ++l) {
        const std::size_t in = traits::widths[l];
        const std::size_t out = traits::widths[l + 1];
        const std::size_t at = traits::offsets[l];
        label_text weights;
        weights.add("layer ").add(l).add(" weights ").add(in).add("x").add(out);
        if (!v.label(weights.text.view()))
            return false;
        for (std::size_t i = 0; i < in; ++i)
            if (!v.values(values.data() + at + i * out, out,
                          value_context{what, member, at + i * out}))
                return false;
        if (layout::has_bias[l]) {
            label_text bias;
            bias.add("layer ").add(l).add(" bias ").add(out);
            if (!v.label(bias.text.view()))
                return false;
            if (!v.values(values.data() + at + in * out, out,
                          value_context{what, member, at + in * out}))
                return false;
        }
    }
    return true;
}

template <class Opt, class Net, class State, class Visitor>
bool walk_state(State& state, Visitor& v) noexcept
{
    using layout = state_layout<Opt, Net>;
    bool ok = true;
    std::size_t member = 0;
    for_each_field<layout::fields>(state, [&](auto& field) {
        using F = std::remove_cvref_t<decltype(field)>;
        if (ok) {
            label_text label;
            label.add("state member ").add(member).add(" ").add(field_kind<Net, F>());
            ok = v.label(label.text.view());
        }
        if (ok) {
            if constexpr (std::is_same_v<F, parameters<Net>>)
                ok = walk_parameters<Net>(field.values(), v, "optimizer state member", member);
            else if constexpr (std::is_floating_point_v<F>)
                ok = v.values(&field, 1, value_context{"optimizer state member", member, 0});
            else
                ok = v.integer(field);
        }
        ++member;
    });
    return ok;
}

// Finite checks before saving: every value the walk visits.
struct finite_checker {
    io_result result;

    bool label(std::string_view) noexcept { return true; }
    template <class T>
    bool values(const T* data, std::size_t n, value_context where) noexcept
    {
        for (std::size_t k = 0; k < n; ++k)
            if (!std::isfinite(data[k])) {
                result = describe(where, k, data[k]);
                return false;
            }
        return true;
    }
    template <class U>
    bool integer(const U&) noexcept
    {
        return true;
    }

    // "non-finite value: [line 12: ]parameter 3 is NaN; ..."
    template <class T>
    static io_result describe(value_context where, std::size_t k, T value,
                              std::size_t line = 0) noexcept
    {
        io_result r(io_error::non_finite_value, "");
        r.append(": ");
        if (line != 0)
            r.append("line ").append(line).append(": ");
        r.append(where.what);
        if (where.what[0] == 'o')
            r.append(" ").append(where.member).append(" value");
        r.append(" ").append(where.first_index + k);
        r.append(std::isnan(value) ? " is NaN" : value > 0 ? " is +infinity" : " is -infinity");
        r.append("; a network is saved and loaded only with finite parameters");
        return r;
    }
};

// ---------------------------------------------------------------------------------------------
// Binary.

struct binary_writer {
    byte_buffer& out;
    bool ok = true;

    bool put(const unsigned char* bytes, std::size_t n) noexcept
    {
        for (std::size_t k = 0; k < n && ok; ++k)
            ok = out.push_back(bytes[k]);
        return ok;
    }
    bool label(std::string_view) noexcept { return true; }
    template <class T>
    bool values(const T* data, std::size_t n, value_context) noexcept
    {
        for (std::size_t k = 0; k < n && ok; ++k) {
            unsigned char bytes[sizeof(T)];
            put_le(bytes, std::bit_cast<float_bits<T>>(data[k]));
            put(bytes, sizeof(T));
        }
        return ok;
    }
    template <class U>
    bool integer(const U& value) noexcept
    {
        unsigned char bytes[8];
        put_le(bytes, static_cast<std::uint64_t>(value)); // two's complement for signed
        return put(bytes, 8);
    }
};

struct binary_reader {
    const unsigned char* at;
    const unsigned char* end;
    io_result result;

    bool label(std::string_view) noexcept { return true; }
    template <class T>
    bool values(T* data, std::size_t n, value_context where) noexcept
    {
        if (static_cast<std::size_t>(end - at) < n * sizeof(T)) {
            result = io_result(io_error::malformed,
                               "the payload is shorter than its signature says");
            return false;
        }
        for (std::size_t k = 0; k < n; ++k, at += sizeof(T)) {
            data[k] = std::bit_cast<T>(get_le<float_bits<T>>(at));
            if (!std::isfinite(data[k])) {
                result = finite_checker::describe(where, k, data[k]);
                return false;
            }
        }
        return true;
    }
    template <class U>
    bool integer(U& value) noexcept
    {
        if (end - at < 8) {
            result = io_result(io_error::malformed,
                               "the payload is shorter than its signature says");
            return false;
        }
        const std::uint64_t raw = get_le<std::uint64_t>(at);
        at += 8;
        if constexpr (std::is_unsigned_v<U>) {
            if (raw > std::numeric_limits<U>::max()) {
                result = io_result(io_error::malformed, "a state counter does not fit its type");
                return false;
            }
            value = static_cast<U>(raw);
        }
        else {
            const auto signed_raw = std::bit_cast<std::int64_t>(raw);
            if (signed_raw < std::numeric_limits<U>::min() ||
                signed_raw > std::numeric_limits<U>::max()) {
                result = io_result(io_error::malformed, "a state counter does not fit its type");
                return false;
            }
            value = static_cast<U>(signed_raw);
        }
        return true;
    }
};

// ---------------------------------------------------------------------------------------------
// Text.

struct text_writer {
    byte_buffer& out;
    bool ok = true;

    bool put(std::string_view text) noexcept
    {
        for (std::size_t k = 0; k < text.size() && ok; ++k)
            ok = out.push_back(static_cast<unsigned char>(text[k]));
        return ok;
    }
    bool label(std::string_view text) noexcept { return put(text) && put("\n"); }

    // Hexadecimal, as C's printf %a writes it and std::from_chars reads it: exact for every
    // float and double, and independent of the locale.
    template <class T>
    bool values(const T* data, std::size_t n, value_context) noexcept
    {
        for (std::size_t k = 0; k < n && ok; ++k) {
            char digits[64];
            char* first = digits;
            T value = data[k];
            if (std::signbit(value)) {
                *first++ = '-';
                value = -value;
            }
            *first++ = '0';
            *first++ = 'x';
            const auto [last, ec] = std::to_chars(first, digits + sizeof digits, value,
                                                  std::chars_format::hex);
            if (ec != std::errc{})
                return ok = false;
            if (k != 0)
                put(" ");
            put(std::string_view(digits, static_cast<std::size_t>(last - digits)));
        }
        return put("\n");
    }
    template <class U>
    bool integer(const U& value) noexcept
    {
        char digits[32];
        const auto [last, ec] = std::to_chars(digits, digits + sizeof digits, value);
        if (ec != std::errc{})
            return ok = false;
        return put(std::string_view(digits, static_cast<std::size_t>(last - digits))) && put("\n");
    }
};

// Lines of a text file in memory, numbered from 1.
struct text_lines {
    const char* at;
    const char* end;
    std::size_t line = 0; // number of the line last returned

    bool next(std::string_view& text) noexcept
    {
        if (at == end) {
            ++line; // a message then names the missing line
            return false;
        }
        const auto* stop = static_cast<const char*>(
            std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
        const char* line_end = stop != nullptr ? stop : end;
        text = std::string_view(at, static_cast<std::size_t>(line_end - at));
        at = stop != nullptr ? stop + 1 : end;
        ++line;
        return true;
    }
};

struct text_reader {
    text_lines lines;
    io_result result;

    bool fail_at_line(std::string_view problem, std::string_view found) noexcept
    {
        result = io_result(io_error::malformed, "line ");
        result.append(lines.line).append(": ").append(problem);
        if (!found.empty())
            result.append(", found \"").append(found.substr(0, 80)).append("\"");
        return false;
    }
    bool next_line(std::string_view& text, std::string_view expected) noexcept
    {
        if (!lines.next(text)) {
            result = io_result(io_error::malformed, "the file ends where \"");
            result.append(expected).append("\" was expected");
            return false;
        }
        return true;
    }

    bool label(std::string_view expected) noexcept
    {
        std::string_view text;
        if (!next_line(text, expected))
            return false;
        if (text != expected) {
            result = io_result(io_error::malformed, "line ");
            result.append(lines.line).append(": expected \"").append(expected).append("\"");
            result.append(", found \"").append(text.substr(0, 80)).append("\"");
            return false;
        }
        return true;
    }

    template <class T>
    bool values(T* data, std::size_t n, value_context where) noexcept
    {
        std::string_view text;
        if (!next_line(text, "a row of values"))
            return false;
        std::size_t k = 0;
        while (!text.empty()) {
            const std::size_t space = text.find(' ');
            const std::string_view token = text.substr(0, space);
            text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
            if (token.empty())
                return fail_at_line("values are separated by single spaces", {});
            if (k == n) {
                k = n + 1; // one value too many
                break;
            }
            if (!parse(token, data[k]))
                return fail_at_line("expected a hexadecimal floating-point value such as "
                                    "0x1.8p+1",
                                    token);
            if (!std::isfinite(data[k])) {
                result = finite_checker::describe(where, k, data[k], lines.line);
                return false;
            }
            ++k;
        }
        if (k != n) {
            result = io_result(io_error::malformed, "line ");
            result.append(lines.line).append(": expected ").append(n);
            result.append(n == 1 ? " value" : " values");
            return false;
        }
        return true;
    }

    template <class T>
    static bool parse(std::string_view token, T& value) noexcept
    {
        bool negative = false;
        if (!token.empty() && token.front() == '-') {
            negative = true;
            token.remove_prefix(1);
        }
        // inf and nan parse, so that they are reported as non-finite rather than malformed.
        if (token == "inf" || token == "nan") {
            value = token == "inf" ? std::numeric_limits<T>::infinity()
                                   : std::numeric_limits<T>::quiet_NaN();
            value = negative ? -value : value;
            return true;
        }
        if (token.size() < 3 || token[0] != '0' || (token[1] != 'x' && token[1] != 'X'))
            return false;
        token.remove_prefix(2);
        if (token.front() == '-' || token.front() == '+')
            return false;
        const auto [last, ec] =
            std::from_chars(token.data(), token.data() + token.size(), value,
                            std::chars_format::hex);
        if (ec != std::errc{} || last != token.data() + token.size())
            return false;
        value = negative ? -value : value;
        return true;
    }

    template <class U>
    bool integer(U& value) noexcept
    {
        std::string_view text;
        if (!next_line(text, "an integer"))
            return false;
        const auto [last, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || last != text.data() + text.size() || text.empty())
            return fail_at_line("expected an integer that fits the state's counter", text);
        return true;
    }
};

// ---------------------------------------------------------------------------------------------
// Saving.

template <class T>
constexpr std::string_view hex_digits(T value, char (&out)[16]) noexcept
{
    constexpr const char* digits = "0123456789abcdef";
    for (std::size_t k = 0; k < 16; ++k)
        out[15 - k] = digits[(value >> (4 * k)) & 0xfu];
    return std::string_view(out, 16);
}

struct no_state {};

template <class Opt, class Net, class State>
io_result encode(const Net& net, const State* state, format how, byte_buffer& out) noexcept
{
    using layout = serial_layout<Net>;
    constexpr bool with_state = !std::is_same_v<State, no_state>;

    finite_checker finite;
    if (!walk_parameters<Net>(net.values(), finite, "parameter", 0))
        return finite.result;
    if constexpr (with_state)
        if (!walk_state<Opt, Net>(*state, finite))
            return finite.result;

    const io_result no_memory(io_error::out_of_memory, "no memory for the file's bytes");
    bool ok = true;
    if (how == format::binary) {
        std::string_view state_signature;
        std::size_t payload = layout::payload_size;
        if constexpr (with_state) {
            state_signature = state_layout<Opt, Net>::signature;
            payload += state_layout<Opt, Net>::payload_size;
        }
        ok = out.reserve(binary_header_size + layout::signature.size() + state_signature.size() +
                         payload + 8);
        binary_writer w{out};
        unsigned char header[binary_header_size];
        std::copy(binary_magic.begin(), binary_magic.end(), header);
        put_le(header + 8, serialization_version);
        put_le(header + 12, static_cast<std::uint32_t>(layout::signature.size()));
        put_le(header + 16, static_cast<std::uint32_t>(state_signature.size()));
        put_le(header + 20, static_cast<std::uint64_t>(payload));
        ok = ok && w.put(header, sizeof header);
        for (char c : layout::signature)
            ok = ok && out.push_back(static_cast<unsigned char>(c));
        for (char c : state_signature)
            ok = ok && out.push_back(static_cast<unsigned char>(c));
        ok = ok && walk_parameters<Net>(net.values(), w, "parameter", 0);
        if constexpr (with_state)
            ok = ok && walk_state<Opt, Net>(*state, w);
        ok = ok && w.ok;
        if (!ok)
            return no_memory;
        fnv1a64 hash;
        hash.update(out.data(), out.size());
        unsigned char sum[8];
        put_le(sum, hash.value());
        if (!w.put(sum, 8))
            return no_memory;
    }
    else {
        text_writer w{out};
        w.put(text_magic);
        label_text version;
        version.add("version ").add(std::size_t{serialization_version});
        w.label(version.text.view());
        w.put("network ");
        w.label(layout::signature);
        if constexpr (with_state) {
            w.put("state ");
            w.label(state_layout<Opt, Net>::signature);
        }
        ok = walk_parameters<Net>(net.values(), w, "parameter", 0);
        if constexpr (with_state)
            ok = ok && walk_state<Opt, Net>(*state, w);
        if (!ok || !w.ok)
            return no_memory;
        fnv1a64 hash;
        hash.update(out.data(), out.size());
        char hex[16];
        w.put("checksum fnv1a64 ");
        w.label(hex_digits(hash.value(), hex));
        if (!w.ok)
            return no_memory;
    }
    return io_result();
}

template <class Opt, class Net, class State>
io_result save_to(const Net& net, const State* state, std::ostream& out, format how) noexcept
{
    byte_buffer bytes;
    if (io_result r = encode<Opt>(net, state, how, bytes); !r)
        return r;
    if (!out.write(reinterpret_cast<const char*>(bytes.data()), // char aliases any byte
                   static_cast<std::streamsize>(bytes.size())) ||
        !out.flush())
        return io_result(io_error::io_failure, "the stream refused the data");
    return io_result();
}

// ---------------------------------------------------------------------------------------------
// Loading.

inline io_result mismatch(std::string_view what, std::string_view found,
                          std::string_view expected) noexcept
{
    io_result r(io_error::type_mismatch, "file holds ");
    r.append(what).append(found.empty() ? std::string_view("nothing") : found.substr(0, 160));
    r.append(", this ").append(what[0] == 'n' ? "network is " : "load expects ");
    r.append(expected.empty() ? std::string_view("nothing") : expected);
    return r;
}

template <class Opt, class Net, class State>
io_result decode_binary(byte_buffer& bytes, std::istream& in, parameters<Net>& params,
                        State* state) noexcept
{
    using layout = serial_layout<Net>;
    constexpr bool with_state = !std::is_same_v<State, no_state>;
    using read = byte_buffer::read_outcome;

    auto short_read = [&](read outcome, const char* what) {
        if (outcome == read::out_of_memory)
            return io_result(io_error::out_of_memory, "no memory for the file's bytes");
        if (outcome == read::failed)
            return io_result(io_error::io_failure, "the stream failed while reading");
        io_result r(io_error::truncated, "the data ends inside the ");
        r.append(what).append(" (after ").append(bytes.size()).append(" bytes)");
        return r;
    };

    if (read o = bytes.append_from(in, 4); o != read::complete)
        return short_read(o, "header");
    const auto version = get_le<std::uint32_t>(bytes.data() + 8);
    if (version != serialization_version) {
        io_result r(io_error::unsupported_version, "the file has format version ");
        r.append(version).append("; this ctnn reads version ").append(serialization_version);
        return r;
    }
    if (read o = bytes.append_from(in, binary_header_size - 12); o != read::complete)
        return short_read(o, "header");
    const std::uint64_t network_size = get_le<std::uint32_t>(bytes.data() + 12);
    const std::uint64_t state_size = get_le<std::uint32_t>(bytes.data() + 16);
    const std::uint64_t payload = get_le<std::uint64_t>(bytes.data() + 20);
    if (network_size > max_signature_bytes || state_size > max_signature_bytes) {
        io_result r(io_error::malformed, "the header declares signatures of ");
        r.append(network_size).append(" and ").append(state_size);
        return r.append(" bytes; a signature holds at most ").append(max_signature_bytes);
    }
    const auto signatures = static_cast<std::size_t>(network_size + state_size);
    if (read o = bytes.append_from(in, signatures); o != read::complete)
        return short_read(o, "signatures");

    // Nothing more is read than this network (and the state in the file, or asked for) can
    // fill: a header announcing gigabytes is refused before they are read. A file within the
    // bound is read whole and its checksum checked first, so damage reads as damage.
    const auto signature_text = [&](std::size_t at, std::uint64_t size) {
        return std::string_view(reinterpret_cast<const char*>(bytes.data()) + at, // bytes as chars
                                static_cast<std::size_t>(size));
    };
    const bool same_network = signature_text(binary_header_size, network_size) ==
                              layout::signature;
    const std::string_view announced_state =
        signature_text(binary_header_size + network_size, state_size);
    const std::size_t state_bytes = state_bytes_of_signature<Net>(announced_state);
    const bool state_known = announced_state.empty() || state_bytes != 0;
    const std::uint64_t bound = same_network && state_known
                                    ? layout::payload_size + state_bytes
                                    : 4 * std::uint64_t{layout::payload_size} + 65536;
    if (payload > bound) {
        if (!same_network)
            return mismatch("network ", signature_text(binary_header_size, network_size),
                            layout::signature);
        if constexpr (with_state)
            if (announced_state != state_layout<Opt, Net>::signature)
                return mismatch("optimizer state ", announced_state,
                                state_layout<Opt, Net>::signature);
        io_result r(io_error::malformed, "the payload holds ");
        r.append(payload).append(" bytes where its signatures call for ");
        if (state_known)
            return r.append(bound);
        return r.append("at most ").append(bound).append(" (its optimiser state is unknown)");
    }
    if (read o = bytes.append_from(in, static_cast<std::size_t>(payload) + 8);
        o != read::complete)
        return short_read(o, "body");

    const unsigned char* data = bytes.data();
    const std::size_t body_end = bytes.size() - 8;
    fnv1a64 hash;
    hash.update(data, body_end);
    const auto stored = get_le<std::uint64_t>(data + body_end);
    if (hash.value() != stored) {
        char a[16], b[16];
        io_result r(io_error::bad_checksum, "the file's checksum is ");
        r.append(hex_digits(stored, a)).append(", its contents hash to ");
        r.append(hex_digits(hash.value(), b));
        r.append("; the file was altered or damaged");
        return r;
    }

    // The signatures, bytes read as chars.
    const auto* signature_at = reinterpret_cast<const char*>(data + binary_header_size);
    const std::string_view network(signature_at, static_cast<std::size_t>(network_size));
    const std::string_view file_state(signature_at + network_size,
                                      static_cast<std::size_t>(state_size));
    if (network != layout::signature)
        return mismatch("network ", network, layout::signature);
    std::size_t expected_payload = layout::payload_size;
    if constexpr (with_state) {
        using sl = state_layout<Opt, Net>;
        if (file_state != sl::signature)
            return mismatch("optimizer state ", file_state, sl::signature);
        expected_payload += sl::payload_size;
    }
    // A state the caller did not ask for is skipped: then the payload only has to be longer.
    const bool exact = file_state.empty() || with_state;
    if (exact ? payload != expected_payload : payload < expected_payload) {
        io_result r(io_error::malformed, "the payload holds ");
        r.append(payload).append(" bytes where its signatures call for ").append(expected_payload);
        return r;
    }

    binary_reader reader{data + binary_header_size + network_size + state_size,
                         data + body_end, {}};
    if (!walk_parameters<Net>(params.values(), reader, "parameter", 0))
        return reader.result;
    if constexpr (with_state)
        if (!walk_state<Opt, Net>(*state, reader))
            return reader.result;
    return io_result();
}

template <class Opt, class Net, class State>
io_result decode_text(byte_buffer& bytes, std::istream& in, parameters<Net>& params,
                      State* state) noexcept
{
    using layout = serial_layout<Net>;
    constexpr bool with_state = !std::is_same_v<State, no_state>;
    constexpr std::string_view checksum_prefix = "checksum ";

    // Read to the end of the checksum line, never further (the stream may hold more after it),
    // and never more than a file for this network can hold: at most 64 bytes a value (a double
    // in hexadecimal takes 24) and 16 KiB of labels, counting an optimiser state not asked for as
    // up to 4 values a parameter.
    constexpr std::size_t parameter_values = layout::payload_size / sizeof(typename layout::scalar);
    constexpr std::size_t state_values = [] {
        if constexpr (with_state)
            return state_layout<Opt, Net>::payload_size / 4;
        else
            return 4 * parameter_values + 64;
    }();
    constexpr std::size_t text_limit = 16384 + 64 * (parameter_values + state_values);
    std::size_t line_start = 0;
    for (;;) {
        if (bytes.size() > text_limit) {
            io_result r(io_error::malformed, "the text runs past ");
            r.append(text_limit).append(" bytes without a checksum line, more than a file for ");
            return r.append("this network holds");
        }
        char c;
        if (!in.get(c)) {
            if (in.bad())
                return io_result(io_error::io_failure, "the stream failed while reading");
            io_result r(io_error::truncated, "the text ends after ");
            r.append(bytes.size()).append(" bytes, before its checksum line");
            return r;
        }
        if (!bytes.push_back(static_cast<unsigned char>(c)))
            return io_result(io_error::out_of_memory, "no memory for the file's bytes");
        if (c == '\n') {
            const auto* line = reinterpret_cast<const char*>(bytes.data() + line_start);
            if (std::string_view(line, bytes.size() - line_start).starts_with(checksum_prefix))
                break;
            line_start = bytes.size();
        }
    }
    const auto* text = reinterpret_cast<const char*>(bytes.data()); // bytes as chars
    text_reader reader{text_lines{text + text_magic.size(), text + line_start, 1}, {}};

    std::string_view line;
    if (!reader.lines.next(line) || !line.starts_with("version "))
        return reader.fail_at_line("expected \"version 1\"", line), reader.result;
    std::uint64_t version = 0;
    const auto [vend, vec] = std::from_chars(line.data() + 8, line.data() + line.size(), version);
    if (vec != std::errc{} || vend != line.data() + line.size())
        return reader.fail_at_line("expected \"version 1\"", line), reader.result;
    if (version != serialization_version) {
        io_result r(io_error::unsupported_version, "the file has format version ");
        r.append(version).append("; this ctnn reads version ").append(serialization_version);
        return r;
    }

    const std::string_view checksum_line(text + line_start, bytes.size() - line_start - 1);
    constexpr std::string_view checksum_head = "checksum fnv1a64 ";
    std::uint64_t stored = 0;
    const char* hex_begin = checksum_line.data() + checksum_head.size();
    const char* hex_end = checksum_line.data() + checksum_line.size();
    bool sum_ok = checksum_line.starts_with(checksum_head) && hex_end - hex_begin == 16;
    if (sum_ok) {
        const auto [send, sec] = std::from_chars(hex_begin, hex_end, stored, 16);
        sum_ok = sec == std::errc{} && send == hex_end;
    }
    if (!sum_ok) {
        text_lines count{text, text + line_start, 0};
        std::string_view skipped;
        while (count.next(skipped)) {
        }
        io_result r(io_error::malformed, "line ");
        r.append(count.line + 1);
        r.append(": expected \"checksum fnv1a64 \" and 16 hexadecimal digits");
        return r;
    }
    fnv1a64 hash;
    hash.update(bytes.data(), line_start);
    if (hash.value() != stored) {
        char a[16], b[16];
        io_result r(io_error::bad_checksum, "the file's checksum is ");
        r.append(hex_digits(stored, a)).append(", its contents hash to ");
        r.append(hex_digits(hash.value(), b));
        r.append("; the file was altered or damaged (a text file must be saved again, not edited)");
        return r;
    }

    if (!reader.lines.next(line) || !line.starts_with("network "))
        return reader.fail_at_line("expected \"network \" and the network's signature", line),
               reader.result;
    if (line.substr(8) != layout::signature)
        return mismatch("network ", line.substr(8), layout::signature);
    const text_lines after_network = reader.lines;
    std::string_view file_state;
    if (reader.lines.next(line) && line.starts_with("state "))
        file_state = line.substr(6);
    else
        reader.lines = after_network;
    if constexpr (with_state) {
        using sl = state_layout<Opt, Net>;
        if (file_state != sl::signature)
            return mismatch("optimizer state ", file_state, sl::signature);
    }

    if (!walk_parameters<Net>(params.values(), reader, "parameter", 0))
        return reader.result;
    if constexpr (with_state) {
        if (!walk_state<Opt, Net>(*state, reader))
            return reader.result;
    }
    if (with_state || file_state.empty()) {
        if (reader.lines.next(line))
            return reader.fail_at_line("expected the checksum line", line), reader.result;
    }
    return io_result();
}

template <class Opt, class Net, class State>
io_result load_from(Net& net, State* state, std::istream& in) noexcept
{
    static_assert(check_serializable_network<Net>());
    byte_buffer bytes;
    using read = byte_buffer::read_outcome;

    // The magic: 8 bytes for either format ("ctnn tex" begins the text magic).
    const read first = bytes.append_from(in, binary_magic.size());
    if (first == read::out_of_memory)
        return io_result(io_error::out_of_memory, "no memory for the file's bytes");
    if (first == read::failed)
        return io_result(io_error::io_failure, "the stream failed while reading");
    const auto as_text = [](const unsigned char* b, std::size_t n) {
        return std::string_view(reinterpret_cast<const char*>(b), n); // bytes read as chars
    };
    const std::string_view got = as_text(bytes.data(), bytes.size());
    const std::string_view binary = as_text(binary_magic.data(), binary_magic.size());
    const bool is_binary = got == binary;
    const bool is_text = got == text_magic.substr(0, binary_magic.size());
    if (first == read::ended) {
        if (!got.empty() && (binary.starts_with(got) || text_magic.starts_with(got))) {
            io_result r(io_error::truncated, "the data ends inside the magic number, after ");
            return r.append(got.size()).append(" bytes");
        }
        if (got.empty())
            return io_result(io_error::truncated, "the stream is empty");
    }
    if (!is_binary && !is_text)
        return io_result(io_error::not_a_ctnn_file,
                         "the data does not begin with ctnn's magic number (binary: 89 43 54 4e "
                         "4e 0d 0a 1a; text: \"ctnn text\")");

    // Parsed into a temporary, committed only when the whole file checked out.
    std::unique_ptr<parameters<Net>> params(new (std::nothrow) parameters<Net>());
    if (!params)
        return io_result(io_error::out_of_memory, "no memory for the temporary parameters");
    std::unique_ptr<State> fresh;
    if constexpr (!std::is_same_v<State, no_state>) {
        fresh.reset(new (std::nothrow) State());
        if (!fresh)
            return io_result(io_error::out_of_memory, "no memory for the temporary state");
    }

    io_result r;
    if (is_binary)
        r = decode_binary<Opt, Net>(bytes, in, *params, fresh.get());
    else {
        const std::size_t rest = text_magic.size() - binary_magic.size();
        if (read o = bytes.append_from(in, rest); o != read::complete)
            return io_result(io_error::truncated, "the data ends inside the magic line");
        if (as_text(bytes.data(), bytes.size()) != text_magic)
            return io_result(io_error::not_a_ctnn_file, "the first line is not \"ctnn text\"");
        r = decode_text<Opt, Net>(bytes, in, *params, fresh.get());
    }
    if (!r)
        return r;

    // The commit: copies of plain values, which cannot fail.
    std::copy(params->values().begin(), params->values().end(), net.values().begin());
    if constexpr (!std::is_same_v<State, no_state>)
        *state = *fresh;
    return io_result();
}

// Runs f, turning any exception a standard stream or allocation might throw into a result.
template <class F>
io_result guarded(F&& f) noexcept
{
#if defined(__cpp_exceptions)
    try {
        return f();
    }
    catch (const std::bad_alloc&) {
        return io_result(io_error::out_of_memory, "an allocation failed");
    }
    catch (...) {
        return io_result(io_error::io_failure, "the stream threw an exception");
    }
#else
    return f();
#endif
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// The API.

// Writes net to `out` (binary by default). Refuses (non_finite_value) a network holding a NaN or
// an infinity. Never throws.
template <class Net>
io_result save(const Net& net, std::ostream& out, format how = format::binary) noexcept
{
    static_assert(detail::check_serializable_network<Net>());
    return detail::guarded([&] {
        return detail::save_to<void>(net, static_cast<const detail::no_state*>(nullptr), out, how);
    });
}

// Writes net and the state of optimiser Opt, to resume training: save<ctnn::adam>(net, state, out).
template <class Opt, class Net>
io_result save(const Net& net, const optimizer_state<Opt, Net>& state, std::ostream& out,
               format how = format::binary) noexcept
{
    static_assert(detail::check_serializable_network<Net>());
    static_assert(detail::check_serializable_state<Opt, Net>());
    return detail::guarded([&] { return detail::save_to<Opt>(net, &state, out, how); });
}

// Reads a network saved by save(), in either format (told apart by the magic). Accepts a file
// that also holds an optimiser state, ignoring the state. On failure net is unchanged.
template <class Net>
io_result load(Net& net, std::istream& in) noexcept
{
    static_assert(detail::check_serializable_network<Net>());
    return detail::guarded([&] {
        return detail::load_from<void>(net, static_cast<detail::no_state*>(nullptr), in);
    });
}

// Reads a network and the state of optimiser Opt saved by save<Opt>(net, state, ...). On failure
// both are unchanged.
template <class Opt, class Net>
io_result load(Net& net, optimizer_state<Opt, Net>& state, std::istream& in) noexcept
{
    static_assert(detail::check_serializable_network<Net>());
    static_assert(detail::check_serializable_state<Opt, Net>());
    return detail::guarded([&] { return detail::load_from<Opt>(net, &state, in); });
}

namespace detail {

// "<message> (file <path>)"; the path in the platform's narrow encoding where it has one.
inline io_result& name_file(io_result& r, const std::filesystem::path& path) noexcept
{
    if constexpr (std::is_same_v<std::filesystem::path::value_type, char>)
        r.append(" (file ").append(std::string_view(path.c_str())).append(")");
    return r;
}

// Puts `size` bytes in the file at `path` atomically (detail/atomic_file.hpp): on failure the old
// file is untouched and no temporary remains.
inline io_result replace_file_contents(const std::filesystem::path& path,
                                       const unsigned char* data, std::size_t size) noexcept
{
    const file_outcome written = replace_file(path, data, size);
    if (written)
        return io_result();
    io_result r(io_error::io_failure, written.failure);
    if (written.error != 0)
        r.append(" (").append(std::string_view(std::strerror(written.error))).append(")");
    return r;
}

// Encodes first, so that a refused save (a NaN) touches no file, then replaces the file.
template <class Opt, class Net, class State>
io_result save_file(const Net& net, const State* state, const std::filesystem::path& path,
                    format how) noexcept
{
    return guarded([&] {
        byte_buffer bytes;
        io_result r = encode<Opt>(net, state, how, bytes);
        if (r)
            r = replace_file_contents(path, bytes.data(), bytes.size());
        return r ? r : name_file(r, path);
    });
}

// Saves through a stream writer: `write(out)` into memory, then the file replaced atomically.
template <class F>
io_result save_file_through_stream(const std::filesystem::path& path, F&& write) noexcept
{
    return guarded([&] {
        std::ostringstream out(std::ios::binary);
        io_result r = write(static_cast<std::ostream&>(out));
        if (r) {
            const std::string bytes = std::move(out).str();
            r = replace_file_contents(
                path, reinterpret_cast<const unsigned char*>(bytes.data()), // bytes of chars
                bytes.size());
        }
        return r ? r : name_file(r, path);
    });
}

template <class F>
io_result load_file(const std::filesystem::path& path, F&& read) noexcept
{
    return guarded([&] {
        io_result r;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            r = io_result(io_error::io_failure, "cannot open the file for reading");
        else
            r = read(static_cast<std::istream&>(in));
        return r ? r : name_file(r, path);
    });
}

} // namespace detail

template <class Net>
io_result save(const Net& net, const std::filesystem::path& file,
               format how = format::binary) noexcept
{
    static_assert(detail::check_serializable_network<Net>());
    return detail::save_file<void>(net, static_cast<const detail::no_state*>(nullptr), file, how);
}
template <class Opt, class Net>
io_result save(const Net& net, const optimizer_state<Opt, Net>& state,
               const std::filesystem::path& file, format how = format::binary) noexcept
{
    static_assert(detail::check_serializable_network<Net>());
    static_assert(detail::check_serializable_state<Opt, Net>());
    return detail::save_file<Opt>(net, &state, file, how);
}
template <class Net>
io_result load(Net& net, const std::filesystem::path& file) noexcept
{
    static_assert(detail::check_serializable_network<Net>());
    return detail::load_file(file, [&](std::istream& in) { return load(net, in); });
}
template <class Opt, class Net>
io_result load(Net& net, optimizer_state<Opt, Net>& state,
               const std::filesystem::path& file) noexcept
{
    static_assert(detail::check_serializable_network<Net>());
    static_assert(detail::check_serializable_state<Opt, Net>());
    return detail::load_file(file, [&](std::istream& in) { return load<Opt>(net, state, in); });
}

#if defined(__cpp_exceptions)

// What the _or_throw forms throw: what() is the io_result's message, code() its error.
class serialization_error : public std::runtime_error {
public:
    explicit serialization_error(const io_result& r)
        : std::runtime_error(r.message()), code_(r.error())
    {
    }
    io_error code() const noexcept { return code_; }

private:
    io_error code_;
};

namespace detail {
inline void throw_if_failed(const io_result& r)
{
    if (!r)
        throw serialization_error(r);
}
} // namespace detail

// The same operations, throwing serialization_error instead of returning an io_result.
template <class Net, class Where>
void save_or_throw(const Net& net, Where&& where, format how = format::binary)
{
    detail::throw_if_failed(save(net, std::forward<Where>(where), how));
}
template <class Opt, class Net, class Where>
void save_or_throw(const Net& net, const optimizer_state<Opt, Net>& state, Where&& where,
                   format how = format::binary)
{
    detail::throw_if_failed(save<Opt>(net, state, std::forward<Where>(where), how));
}
template <class Net, class Where>
void load_or_throw(Net& net, Where&& where)
{
    detail::throw_if_failed(load(net, std::forward<Where>(where)));
}
template <class Opt, class Net, class Where>
void load_or_throw(Net& net, optimizer_state<Opt, Net>& state, Where&& where)
{
    detail::throw_if_failed(load<Opt>(net, state, std::forward<Where>(where)));
}

#endif

} // namespace ctnn
