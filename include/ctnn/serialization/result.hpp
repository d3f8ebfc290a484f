// ctnn/serialization/result.hpp: what save and load return: io_result (an io_error and a message
// in a fixed buffer, no heap), format, and detail::guarded, which turns what a stream throws into
// a result.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string_view>

#include <ctnn/detail/fixed_name.hpp>

namespace ctnn {

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

namespace detail {

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

} // namespace ctnn
