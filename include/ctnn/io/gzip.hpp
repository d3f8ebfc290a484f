// ctnn/io/gzip.hpp: a file's bytes, read whole: `read_bytes` as stored, `read_gzip` decompressed
// through zlib, and `read_contents`, which decompresses when the name ends in ".gz". The other
// loaders read through the same reader, so each of them accepts a gzip-compressed file.
//
//   const std::string text = ctnn::io::read_contents("data/digits.csv.gz"); // decompressed
//
// Bounds, shared by every ctnn::io loader:
// - At most `max_bytes` bytes of data, counted after decompression; by default
//   `default_max_bytes`, 1 GiB. A file holding more is refused before it is read (a plain file,
//   by its size) or once its decompressed data runs past the limit (a .gz file; a gzip bomb
//   costs time, about 2 s a GiB, but no more memory than its trailer states, at most max_bytes):
//     "big.csv.gz: decompressed, the data runs past the limit of 1073741824 bytes; pass a larger
//      max_bytes to read it"
// - Regular files only, after following symbolic links: a device (/dev/zero, /dev/urandom), a
//   FIFO or a socket has no size to check and may never end, so it is refused unopened:
//     "/dev/zero: is a character device, not a regular file; ctnn::io reads regular files only"
// - Memory: the result, at most max_bytes, allocated once and never grown: a .gz file is read
//   into the size its trailer states, and when the data runs past that (several members, more
//   than 4 GiB) the rest is counted, keeping nothing, and the whole read again into the size
//   counted. Plus about 200 KiB for reading and zlib.
//
// Every failure (no such file, not a regular file, unreadable, corrupt or truncated gzip data,
// beyond the limit, out of memory) is a load_error naming the file. Needs zlib: link ctnn::io.
#pragma once

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include <zlib.h>

#include <ctnn/io/load_error.hpp>

namespace ctnn::io {

// The most bytes of data a loader reads unless told otherwise: 1 GiB, after decompression.
inline constexpr std::size_t default_max_bytes = std::size_t{1} << 30;

namespace detail {

// The piece in which files are read and decompressed.
inline constexpr std::size_t read_piece = 64 * 1024;

// "...more than the limit of N bytes; pass a larger max_bytes to read it": the end of every
// message about the limit, naming the parameter that raises it.
inline std::string beyond_limit(std::size_t max_bytes)
{
    return "the limit of " + std::to_string(max_bytes) +
           " bytes; pass a larger max_bytes to read it";
}

inline const char* not_regular_kind(std::filesystem::file_type type) noexcept
{
    using std::filesystem::file_type;
    switch (type) {
    case file_type::character: return "a character device";
    case file_type::block: return "a block device";
    case file_type::fifo: return "a FIFO (named pipe)";
    case file_type::socket: return "a socket";
    default: return "a special file";
    }
}

// A file's bytes in pieces, as stored or decompressed (every gzip member, as `cat a.gz b.gz`
// makes them), from a file or from memory. Not copyable or movable: zlib's state points back at
// its z_stream.
class byte_reader {
public:
    // `file`, which must be a regular file after following symbolic links. Checked before it is
    // opened, so that a FIFO without a writer cannot block the open.
    byte_reader(const std::filesystem::path& file, bool gzip) : file_(file), gzip_(gzip)
    {
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::file_status status = fs::status(file, ec);
        switch (status.type()) {
        case fs::file_type::not_found: throw load_error(file, "file not found");
        case fs::file_type::directory: throw load_error(file, "is a directory, not a file");
        // none: the status could not be read (a directory on the path without search
        // permission); opening the file says why.
        case fs::file_type::regular:
        case fs::file_type::none: break;
        default:
            throw load_error(file, std::string("is ") + not_regular_kind(status.type()) +
                                       ", not a regular file; ctnn::io reads regular files only");
        }
        errno = 0;
        in_.open(file, std::ios::binary);
        if (!in_) {
            // errno is what the failed open() left; it is not guaranteed, so say only what we
            // know.
            const int error = errno;
            throw load_error(file, error != 0 ? "cannot be opened for reading: " +
                                                    std::generic_category().message(error)
                                              : std::string("cannot be opened for reading"));
        }
        const std::uintmax_t size = fs::file_size(file, ec);
        if (!ec)
            stored_size_ = size;
        if (gzip_) {
            piece_.resize(read_piece);
            start_gzip();
        }
    }

    // `bytes`, which must outlive the reader; `name` names them in messages.
    byte_reader(std::string_view bytes, const std::filesystem::path& name, bool gzip)
        : file_(name), gzip_(gzip), from_memory_(true), memory_(bytes),
          stored_size_(bytes.size())
    {
        if (gzip_)
            start_gzip();
    }

    byte_reader(const byte_reader&) = delete;
    byte_reader& operator=(const byte_reader&) = delete;

    const std::filesystem::path& file() const noexcept { return file_; }
    bool gzip() const noexcept { return gzip_; }

    // The number of bytes the reader delivers in all, when known without reading them: a plain
    // file's size (a file that changes while it is read can still differ).
    std::optional<std::uint64_t> known_size() const noexcept
    {
        if (gzip_)
            return std::nullopt;
        return stored_size_;
    }

    // A first guess at that number, never used as more than a guess: a plain file's size; for
    // gzip data, the size modulo 2^32 that its last member's trailer states (only the last
    // member's, and unchecked until the end), capped by deflate's largest ratio, about 1032:1.
    std::uint64_t size_guess() const noexcept
    {
        if (!gzip_ || !stored_size_)
            return stored_size_.value_or(0);
        return std::min<std::uint64_t>(trailer_size_, 1032 * *stored_size_);
    }

    // Whether gzip data's trailer states `total` as its size (modulo 2^32, as a trailer holds it):
    // true of a file of one member of that size, and of a file made to look so.
    bool trailer_states(std::uint64_t total) const noexcept
    {
        return gzip_ && stored_size_ && *stored_size_ >= 18 &&
               trailer_size_ == (total & 0xffffffffu);
    }

    // Up to n bytes into out; fewer only at the end of the data. Throws load_error for corrupt
    // or truncated gzip data and for a read error.
    std::size_t read(char* out, std::size_t n)
    {
        std::size_t done = 0;
        if (!gzip_)
            done = read_stored(out, n);
        else
            while (done < n && !finished_)
                done += inflate_some(out + done, n - done);
        return done;
    }

    // Back to the first byte.
    void rewind()
    {
        if (from_memory_)
            memory_pos_ = 0;
        else {
            in_.clear();
            in_.seekg(0);
            if (!in_)
                throw load_error(file_, "read error (the file cannot be read again from its "
                                        "start)");
        }
        if (gzip_) {
            if (inflateReset(&zlib_.stream) != Z_OK)
                throw load_error(file_, "zlib could not be reset");
            zlib_.stream.avail_in = 0;
            inflated_ = 0;
            finished_ = false;
            input_ended_ = false;
            check_signature();
        }
    }

private:
    std::size_t read_stored(char* out, std::size_t n)
    {
        if (from_memory_) {
            const std::size_t take = std::min(n, memory_.size() - memory_pos_);
            if (take != 0)
                std::memcpy(out, memory_.data() + memory_pos_, take);
            memory_pos_ += take;
            return take;
        }
        std::size_t done = 0;
        // istream::read counts in streamsize; a piece at a time keeps every count small.
        while (done < n && in_) {
            const std::size_t take = std::min(n - done, std::size_t{1} << 30);
            in_.read(out + done, static_cast<std::streamsize>(take));
            done += static_cast<std::size_t>(in_.gcount());
        }
        if (in_.bad())
            throw load_error(file_, "read error");
        return done;
    }

    // The next piece of compressed input for zlib; input_ended_ once there is none.
    void refill()
    {
        if (from_memory_) {
            // zlib counts in uInt (32 bits), so memory is handed over in slices. It never writes
            // through next_in (only ZLIB_CONST says so in the type).
            const std::size_t take = std::min(memory_.size() - memory_pos_, std::size_t{UINT_MAX});
            zlib_.stream.next_in =
                reinterpret_cast<Bytef*>(const_cast<char*>(memory_.data() + memory_pos_));
            zlib_.stream.avail_in = static_cast<uInt>(take);
            memory_pos_ += take;
        }
        else {
            const std::size_t got = read_stored(piece_.data(), piece_.size());
            zlib_.stream.next_in = reinterpret_cast<Bytef*>(piece_.data());
            zlib_.stream.avail_in = static_cast<uInt>(got);
        }
        input_ended_ = zlib_.stream.avail_in == 0;
    }

    void start_gzip()
    {
        // 15 + 16: the largest window, and a gzip wrapper only (never raw zlib data).
        if (inflateInit2(&zlib_.stream, 15 + 16) != Z_OK)
            throw load_error(file_, "zlib could not be initialised");
        zlib_.ready = true;
        if (stored_size_ && *stored_size_ >= 18) { // the smallest gzip member
            unsigned char trailer[4]{};
            if (from_memory_)
                std::memcpy(trailer, memory_.data() + memory_.size() - 4, 4);
            else {
                in_.seekg(-4, std::ios::end);
                in_.read(reinterpret_cast<char*>(trailer), 4); // char aliases any byte
                in_.clear();
                in_.seekg(0);
            }
            trailer_size_ = std::uint64_t{trailer[0]} | std::uint64_t{trailer[1]} << 8 |
                            std::uint64_t{trailer[2]} << 16 | std::uint64_t{trailer[3]} << 24;
        }
        check_signature();
    }

    // Reads the first piece, which must start with the gzip signature.
    void check_signature()
    {
        refill();
        const auto* first = zlib_.stream.next_in;
        if (zlib_.stream.avail_in == 0)
            throw load_error(file_, "file is empty");
        if (zlib_.stream.avail_in < 2 || first[0] != 0x1f || first[1] != 0x8b)
            throw load_error(file_, std::string("not gzip data (it does not start with the gzip "
                                                "signature 1f 8b)") +
                                        (file_.extension() == ".gz"
                                             ? ", although its name ends in .gz"
                                             : ""));
    }

    std::size_t inflate_some(char* out, std::size_t n)
    {
        if (zlib_.stream.avail_in == 0 && !input_ended_)
            refill();
        const std::size_t room = std::min(n, std::size_t{UINT_MAX});
        zlib_.stream.next_out = reinterpret_cast<Bytef*>(out);
        zlib_.stream.avail_out = static_cast<uInt>(room);
        const int result = inflate(&zlib_.stream, Z_NO_FLUSH);
        const std::size_t produced = room - zlib_.stream.avail_out;
        inflated_ += produced;

        if (result == Z_STREAM_END) {
            if (zlib_.stream.avail_in == 0)
                refill();
            if (input_ended_) {
                finished_ = true;
                return produced;
            }
            // Another member follows; garbage after the first is reported by the next inflate().
            if (inflateReset(&zlib_.stream) != Z_OK)
                throw load_error(file_, "zlib could not be reset for the next gzip member");
            return produced;
        }
        if (result == Z_DATA_ERROR) {
            const char* why = zlib_.stream.msg != nullptr ? zlib_.stream.msg : "invalid data";
            throw load_error(file_, std::string("gzip data corrupt (") + why + ")");
        }
        if (result == Z_MEM_ERROR)
            throw load_error(file_, "out of memory while decompressing");
        if (result != Z_OK && result != Z_BUF_ERROR)
            throw load_error(file_, "zlib failed with error " + std::to_string(result));
        // Output space is left, so inflate() stopped for want of input: if none is left, the
        // stream ended before its end-of-stream marker and checksum.
        if (zlib_.stream.avail_out != 0 && zlib_.stream.avail_in == 0 && input_ended_)
            throw load_error(file_, "gzip data truncated: the compressed stream ends before its "
                                    "end marker (" + std::to_string(inflated_) +
                                    " bytes decompressed)");
        return produced;
    }

    std::filesystem::path file_;
    bool gzip_ = false;
    bool from_memory_ = false;
    std::string_view memory_;
    std::size_t memory_pos_ = 0;
    std::ifstream in_;
    std::optional<std::uint64_t> stored_size_;
    std::uint64_t trailer_size_ = 0;
    std::string piece_; // compressed input read from the file
    // zlib's state, freed by the member's destructor: also when a constructor throws after
    // inflateInit2 (the reader's own destructor does not run then).
    struct inflate_state {
        z_stream stream{};
        bool ready = false;
        inflate_state() = default;
        inflate_state(const inflate_state&) = delete;
        inflate_state& operator=(const inflate_state&) = delete;
        ~inflate_state()
        {
            if (ready)
                inflateEnd(&stream);
        }
    } zlib_;
    bool input_ended_ = false;
    bool finished_ = false;
    std::uint64_t inflated_ = 0; // since the start, for the truncation message
};

// Reads on to the end, keeping nothing, and returns the number of bytes read; stops early once
// that is past `limit` (the caller needs only to know that there are more).
inline std::uint64_t count_to_end(byte_reader& reader, std::uint64_t limit)
{
    std::string scratch(read_piece, '\0');
    std::uint64_t count = 0;
    while (count <= limit) {
        const std::size_t got = reader.read(scratch.data(), scratch.size());
        if (got == 0)
            break;
        count += got;
    }
    return count;
}

[[noreturn]] inline void throw_beyond_limit(const byte_reader& reader, std::size_t max_bytes)
{
    throw load_error(reader.file(), std::string(reader.gzip() ? "decompressed, the data"
                                                              : "the file's data") +
                                        " runs past " + beyond_limit(max_bytes));
}

// All of the reader's bytes, at most max_bytes. The result is allocated once: at the guessed size
// when the data ends within it; else (the guess was wrong: several gzip members, more than 4 GiB,
// a damaged trailer, a file that grew) the rest is counted without being kept, and the data read
// again into the size counted.
inline std::string read_all(byte_reader& reader, std::size_t max_bytes)
{
    if (const auto size = reader.known_size(); size && *size > max_bytes)
        throw load_error(reader.file(), "the file holds " + std::to_string(*size) +
                                            " bytes, more than " + beyond_limit(max_bytes));
    std::string scratch(read_piece, '\0');
    std::string out;
    // Reads into `out`, reserved for `planned` bytes; 0 when the data fits, else its full size.
    const auto read_into = [&](std::size_t planned) -> std::uint64_t {
        out.reserve(planned);
        for (;;) {
            const std::size_t got = reader.read(scratch.data(), scratch.size());
            if (got == 0)
                return 0;
            if (got > planned - out.size()) {
                std::uint64_t total = out.size() + std::uint64_t{got};
                if (total <= max_bytes)
                    total += count_to_end(reader, max_bytes - total);
                if (total > max_bytes)
                    throw_beyond_limit(reader, max_bytes);
                return total;
            }
            out.append(scratch.data(), got);
        }
    };
    const std::uint64_t guess = std::min<std::uint64_t>(reader.size_guess(), max_bytes);
    const std::uint64_t total = read_into(static_cast<std::size_t>(guess));
    if (total == 0) {
        // A guess far above the data (a damaged trailer) gives back what it took.
        if (out.size() < out.capacity() / 2)
            out.shrink_to_fit();
        return out;
    }
    std::string().swap(out); // the first attempt's memory, before the second's
    reader.rewind();
    if (read_into(static_cast<std::size_t>(total)) != 0 || out.size() != total)
        throw load_error(reader.file(), "the file changed while it was being read");
    return out;
}

// Decompresses gzip data held in memory (every member); `name` names it in messages.
inline std::string gunzip(std::string_view compressed, const std::filesystem::path& name,
                          std::size_t max_bytes = default_max_bytes)
{
    return reporting_memory(name, [&] {
        byte_reader reader(compressed, name, true);
        return read_all(reader, max_bytes);
    });
}

} // namespace detail

// The file's bytes as stored, at most max_bytes.
inline std::string read_bytes(const std::filesystem::path& file,
                              std::size_t max_bytes = default_max_bytes)
{
    return detail::reporting_memory(file, [&] {
        detail::byte_reader reader(file, false);
        return detail::read_all(reader, max_bytes);
    });
}

// The file's bytes decompressed, at most max_bytes of them; the file must be gzip data whatever
// its name.
inline std::string read_gzip(const std::filesystem::path& file,
                             std::size_t max_bytes = default_max_bytes)
{
    return detail::reporting_memory(file, [&] {
        detail::byte_reader reader(file, true);
        return detail::read_all(reader, max_bytes);
    });
}

// Decompressed when the name ends in ".gz", as stored otherwise; at most max_bytes either way.
inline std::string read_contents(const std::filesystem::path& file,
                                 std::size_t max_bytes = default_max_bytes)
{
    if (file.extension() == ".gz")
        return read_gzip(file, max_bytes);
    return read_bytes(file, max_bytes);
}

} // namespace ctnn::io
