// ctnn/serialization/load.hpp: `load`: a network (and optionally an optimiser's state) from a
// stream or a file in either format, told apart by the magic; on failure nothing changes; never
// throws.
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <istream>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>

#include <ctnn/serialization/file.hpp>
#include <ctnn/serialization/load_binary.hpp>
#include <ctnn/serialization/load_text.hpp>

namespace ctnn {

namespace detail {

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
    using buffer = typename load_buffer<Net>::type;
    std::unique_ptr<buffer> params(new (std::nothrow) buffer());
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

    // Checks of the values' ranges, where the layout has them.
    if constexpr (requires { serial_layout<Net>::validate(*params); })
        if (io_result valid = serial_layout<Net>::validate(*params); !valid)
            return valid;

    // The commit: copies of plain values, which cannot fail.
    if constexpr (requires { serial_layout<Net>::commit(net, *params); }) {
        serial_layout<Net>::commit(net, *params);
    }
    else {
        std::copy(params->values().begin(), params->values().end(), net.values().begin());
        std::copy(params->state().begin(), params->state().end(), net.state().begin());
    }
    if constexpr (!std::is_same_v<State, no_state>)
        *state = *fresh;
    return io_result();
}

} // namespace detail

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

} // namespace ctnn
