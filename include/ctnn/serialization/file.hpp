// ctnn/serialization/file.hpp: saving to and loading from a file: the atomic replacement of a
// file's contents, the bounded read of one, and the file's name in a message.
#pragma once

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ios>
#include <istream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctnn/detail/atomic_file.hpp>
#include <ctnn/serialization/result.hpp>

namespace ctnn::detail {

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

} // namespace ctnn::detail
