// ctnn/serialization/load_text.hpp: reading the text format into a buffer and checking it whole
// before anything is written to the network.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <string_view>
#include <system_error>
#include <type_traits>

#include <ctnn/serialization/text.hpp>

namespace ctnn::detail {

template <class Opt, class Net, class Params, class State>
io_result decode_text(byte_buffer& bytes, std::istream& in, Params& params,
                      State* state) noexcept
{
    using layout = serial_layout<Net>;
    constexpr bool with_state = !std::is_same_v<State, no_state>;
    constexpr std::string_view checksum_prefix = "checksum ";

    // Read to the end of the checksum line, never further (the stream may hold more after it),
    // and never more than a file for this network can hold: at most 64 bytes a value (a double
    // in hexadecimal takes 24) and 16 KiB of labels, counting an optimiser state not asked for as
    // up to 4 values a parameter.
    constexpr std::size_t parameter_values =
        layout::network_payload_size / sizeof(typename layout::scalar);
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

    if (!walk_network<Net>(params, reader))
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

} // namespace ctnn::detail
