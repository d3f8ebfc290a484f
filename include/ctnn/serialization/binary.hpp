// ctnn/serialization/binary.hpp: the binary format's visitors: a writer and a reader of the walk's
// items as little-endian bytes.
#pragma once

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>

#include <ctnn/serialization/walk.hpp>

namespace ctnn::detail {

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
            put_le(bytes, std::bit_cast<value_bits<T>>(data[k]));
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
            data[k] = std::bit_cast<T>(get_le<value_bits<T>>(at));
            if constexpr (std::is_floating_point_v<T>)
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

} // namespace ctnn::detail
