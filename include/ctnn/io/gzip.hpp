// ctnn/io/gzip.hpp: a file's bytes, read whole: `read_bytes` as stored, `read_gzip` decompressed
// through zlib, and `read_contents`, which decompresses when the name ends in ".gz". The other
// loaders read through read_contents, so each of them accepts a gzip-compressed file.
//
//   const std::string text = ctnn::io::read_contents("data/digits.csv.gz"); // decompressed
//
// Every failure (no such file, unreadable, corrupt or truncated gzip data) is a load_error
// naming the file. Needs zlib: link ctnn::io.
#pragma once

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include <zlib.h>

#include <ctnn/io/load_error.hpp>

namespace ctnn::io {

// The file's bytes as stored.
inline std::string read_bytes(const std::filesystem::path& file)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(file, ec);
    if (status.type() == fs::file_type::not_found)
        throw load_error(file, "file not found");
    if (status.type() == fs::file_type::directory)
        throw load_error(file, "is a directory, not a file");

    errno = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        // errno is what the failed open() left; it is not guaranteed, so say only what we know.
        const int error = errno;
        throw load_error(file, error != 0 ? "cannot be opened for reading: " +
                                                std::generic_category().message(error)
                                          : std::string("cannot be opened for reading"));
    }

    std::string bytes;
    if (status.type() == fs::file_type::regular) {
        // One read of the known size: the Fashion-MNIST training images are 26 MB compressed.
        const std::uintmax_t size = fs::file_size(file, ec);
        if (!ec) {
            bytes.resize(static_cast<std::size_t>(size));
            in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            bytes.resize(static_cast<std::size_t>(in.gcount()));
            if (in.bad())
                throw load_error(file, "read error");
            // A file that grew since file_size() (or that reported no size) is read to its end.
            if (in.good())
                bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            return bytes;
        }
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad())
        throw load_error(file, "read error");
    return bytes;
}

namespace detail {

// Decompresses gzip data (RFC 1952), every member of it when members are concatenated as
// `cat a.gz b.gz` makes them. `file` only names the source in error messages.
inline std::string gunzip(std::string compressed, const std::filesystem::path& file)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(compressed[i]); };
    if (compressed.empty())
        throw load_error(file, "file is empty");
    if (compressed.size() < 2 || byte(0) != 0x1f || byte(1) != 0x8b)
        throw load_error(file, "not gzip data (it does not start with the gzip signature "
                               "1f 8b), although its name ends in .gz");

    // The last four bytes hold the uncompressed size modulo 2^32: a good first guess, but only a
    // guess (the data may be corrupt), so it is capped by deflate's largest ratio, about 1032:1.
    const std::size_t n = compressed.size();
    std::size_t guess = 4 * n;
    if (n >= 18) {
        const std::size_t stated = std::size_t{byte(n - 4)} | std::size_t{byte(n - 3)} << 8 |
                                   std::size_t{byte(n - 2)} << 16 | std::size_t{byte(n - 1)} << 24;
        guess = std::min(stated, 1032 * n);
    }
    std::string out(std::max<std::size_t>(guess, 1024), '\0');

    z_stream stream{};
    // 15 + 16: the largest window, and a gzip wrapper only (never raw zlib data).
    if (inflateInit2(&stream, 15 + 16) != Z_OK)
        throw load_error(file, "zlib could not be initialised");
    struct end_on_exit {
        z_stream* s;
        ~end_on_exit() { inflateEnd(s); }
    } end{&stream};

    // zlib counts in uInt (32 bits), so input and output are handed over in slices.
    constexpr std::size_t slice = UINT_MAX;
    std::size_t in_pos = 0;
    std::size_t out_pos = 0;
    for (;;) {
        if (stream.avail_in == 0 && in_pos < n) {
            const std::size_t take = std::min(n - in_pos, slice);
            stream.next_in = reinterpret_cast<Bytef*>(compressed.data() + in_pos);
            stream.avail_in = static_cast<uInt>(take);
            in_pos += take;
        }
        if (out_pos == out.size())
            out.resize(2 * out.size());
        const std::size_t room = std::min(out.size() - out_pos, slice);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + out_pos);
        stream.avail_out = static_cast<uInt>(room);

        const int result = inflate(&stream, Z_NO_FLUSH);
        out_pos += room - stream.avail_out;

        if (result == Z_STREAM_END) {
            if (stream.avail_in == 0 && in_pos == n)
                break;
            // Another member follows; garbage after the first is reported by the next inflate().
            if (inflateReset(&stream) != Z_OK)
                throw load_error(file, "zlib could not be reset for the next gzip member");
            continue;
        }
        if (result == Z_DATA_ERROR)
            throw load_error(file, std::string("gzip data corrupt (") +
                                       (stream.msg != nullptr ? stream.msg : "invalid data") +
                                       ")");
        if (result == Z_MEM_ERROR)
            throw load_error(file, "out of memory while decompressing");
        if (result != Z_OK && result != Z_BUF_ERROR)
            throw load_error(file, "zlib failed with error " + std::to_string(result));
        // Output space is left, so inflate() stopped for want of input: if none is left, the
        // stream ended before its end-of-stream marker and checksum.
        if (stream.avail_out != 0 && stream.avail_in == 0 && in_pos == n)
            throw load_error(file, "gzip data truncated: the compressed stream ends before its "
                                   "end marker (" + std::to_string(out_pos) +
                                   " bytes decompressed)");
    }
    out.resize(out_pos);
    return out;
}

} // namespace detail

// The file's bytes decompressed; the file must be gzip data whatever its name.
inline std::string read_gzip(const std::filesystem::path& file)
{
    return detail::gunzip(read_bytes(file), file);
}

// Decompressed when the name ends in ".gz", as stored otherwise.
inline std::string read_contents(const std::filesystem::path& file)
{
    if (file.extension() == ".gz")
        return read_gzip(file);
    return read_bytes(file);
}

} // namespace ctnn::io
