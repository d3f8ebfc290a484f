// ctnn/serialization/load_binary.hpp: reading the binary format into a buffer and checking it
// whole (magic, version, checksum, signature, every value) before anything is written to the
// network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string_view>
#include <type_traits>

#include <ctnn/serialization/binary.hpp>

namespace ctnn::detail {

template <class Opt, class Net, class Params, class State>
io_result decode_binary(byte_buffer& bytes, std::istream& in, Params& params,
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
                                    ? layout::network_payload_size + state_bytes
                                    : 4 * std::uint64_t{layout::network_payload_size} + 65536;
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
    std::size_t expected_payload = layout::network_payload_size;
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
    if (!walk_network<Net>(params, reader))
        return reader.result;
    if constexpr (with_state)
        if (!walk_state<Opt, Net>(*state, reader))
            return reader.result;
    return io_result();
}

} // namespace ctnn::detail
