// ctnn/serialization/save.hpp: `save`: a network (and optionally an optimiser's state) to a stream
// or a file, in either format; refuses non-finite values; never throws.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ios>
#include <ostream>
#include <string_view>
#include <type_traits>

#include <ctnn/serialization/binary.hpp>
#include <ctnn/serialization/file.hpp>
#include <ctnn/serialization/text.hpp>

namespace ctnn {

namespace detail {

template <class Opt, class Net, class State>
io_result encode(const Net& net, const State* state, format how, byte_buffer& out) noexcept
{
    using layout = serial_layout<Net>;
    constexpr bool with_state = !std::is_same_v<State, no_state>;

    finite_checker finite;
    if (!walk_network<Net>(net, finite))
        return finite.result;
    if constexpr (with_state)
        if (!walk_state<Opt, Net>(*state, finite))
            return finite.result;

    const io_result no_memory(io_error::out_of_memory, "no memory for the file's bytes");
    bool ok = true;
    if (how == format::binary) {
        std::string_view state_signature;
        std::size_t payload = layout::network_payload_size;
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
        ok = ok && walk_network<Net>(net, w);
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
        ok = walk_network<Net>(net, w);
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

} // namespace detail

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

} // namespace ctnn
