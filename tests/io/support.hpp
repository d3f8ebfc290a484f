// Helpers for the loader tests: a scratch directory that removes itself, files written into it
// (gzip-compressed by zlib's own deflate when asked, so the reader is checked against zlib rather
// than against itself), gzip bombs, CHECK_LOAD_ERROR, which checks the load_error a call throws,
// and check_refused_in_bounded_memory, which checks it in a child under a memory cap.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <new>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <unistd.h>
#include <zlib.h>

#include <ctnn/io/load_error.hpp>

#include "../support/bounded_child.hpp"

namespace io_test {

// gzip data for `text`, made by zlib's deflate (windowBits 15 + 16 selects the gzip wrapper).
inline std::string gzip(std::string_view text)
{
    z_stream stream{};
    REQUIRE(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) == Z_OK);
    std::string input(text);
    std::string output(deflateBound(&stream, static_cast<uLong>(input.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(input.data());
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(output.data());
    stream.avail_out = static_cast<uInt>(output.size());
    const int result = deflate(&stream, Z_FINISH);
    output.resize(stream.total_out);
    deflateEnd(&stream);
    REQUIRE(result == Z_STREAM_END);
    return output;
}

// A fresh directory under the system's temporary directory, removed with everything in it when
// the test ends (also when it fails).
class scratch_dir {
public:
    scratch_dir()
    {
        std::random_device entropy;
        root_ = std::filesystem::temp_directory_path() /
                ("ctnn_io_test_" + std::to_string(entropy()) + std::to_string(entropy()));
        std::filesystem::create_directories(root_);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    ~scratch_dir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
    }

    const std::filesystem::path& root() const noexcept { return root_; }
    std::filesystem::path path(const std::string& name) const { return root_ / name; }

    std::filesystem::path write(const std::string& name, std::string_view bytes) const
    {
        const std::filesystem::path file = root_ / name;
        std::ofstream out(file, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        REQUIRE(out.good());
        return file;
    }

    std::filesystem::path write_gz(const std::string& name, std::string_view text) const
    {
        return write(name, gzip(text));
    }

private:
    std::filesystem::path root_;
};

// The load_error `load` throws; fails the test if it throws none.
template <class Load>
ctnn::io::load_error load_error_from(Load&& load)
{
    try {
        load();
    } catch (const ctnn::io::load_error& error) {
        return error;
    }
    FAIL("no ctnn::io::load_error was thrown");
    throw std::logic_error("unreachable: FAIL throws");
}

// gzip data that decompresses to `members` * `zeros_per_member` zero bytes: one member made by
// zlib's deflate (about 1 KiB per MiB of zeros, the format's largest ratio), repeated, as
// `cat a.gz a.gz ...` would. A gzip bomb, made in a fraction of a second.
inline std::string gzip_zeros(std::size_t zeros_per_member, std::size_t members)
{
    z_stream stream{};
    REQUIRE(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) == Z_OK);
    std::string zeros(std::size_t{1} << 20, '\0');
    std::string piece(std::size_t{1} << 16, '\0');
    std::string member;
    std::size_t left = zeros_per_member;
    int result = Z_OK;
    do {
        const std::size_t take = std::min(left, zeros.size());
        left -= take;
        stream.next_in = reinterpret_cast<Bytef*>(zeros.data());
        stream.avail_in = static_cast<uInt>(take);
        do {
            stream.next_out = reinterpret_cast<Bytef*>(piece.data());
            stream.avail_out = static_cast<uInt>(piece.size());
            result = deflate(&stream, left == 0 ? Z_FINISH : Z_NO_FLUSH);
            member.append(piece.data(), piece.size() - stream.avail_out);
        } while (stream.avail_out == 0);
    } while (left != 0);
    deflateEnd(&stream);
    REQUIRE(result == Z_STREAM_END);
    std::string bomb;
    bomb.reserve(member.size() * members);
    for (std::size_t k = 0; k < members; ++k)
        bomb += member;
    return bomb;
}

// The problem() of the load_error `load` throws, or "(no load_error)"; any other exception
// passes through.
template <class Load>
std::string problem_of(Load&& load)
{
    try {
        load();
    } catch (const ctnn::io::load_error& error) {
        return error.problem();
    }
    return "(no load_error)";
}

// Runs `load` in a child process under an address-space cap of `cap` bytes beyond what this
// process maps (tests/support/bounded_child.hpp) and a 20-second alarm (a FIFO that blocks the
// open, a device read forever), and checks that it threw a load_error whose problem() starts with
// `expected`: not std::bad_alloc, not an abort, not a hang. Where sanitizers make address-space
// caps meaningless, the child runs without one and the bound is not checked (a WARN says so).
template <class Load>
void check_refused_in_bounded_memory(std::size_t cap, const std::string& expected, Load&& load)
{
    const ctnn::test::child_outcome outcome = ctnn::test::run_bounded(cap, [&] {
        try {
            const std::string problem = problem_of(load);
            if (problem.starts_with(expected))
                return 0;
            std::fprintf(stderr, "child: the problem was \"%.300s\"\n", problem.c_str());
            return 1;
        } catch (const std::bad_alloc&) {
            std::fprintf(stderr, "child: std::bad_alloc escaped the loader\n");
            return 2;
        }
    });
    INFO("the child's exit code: 0 the expected load_error, 1 another problem (printed above), 2 "
         "std::bad_alloc, 124 another exception, -1 a signal; it was "
         << outcome.exit_code << " (signal " << outcome.signal << ")");
    CHECK(outcome.exit_code == 0);
}

// A 32-bit big-endian number as four bytes, written out by hand for the IDX fixtures.
inline std::string big_endian(std::uint32_t value)
{
    std::string bytes(4, '\0');
    for (std::size_t i = 0; i < 4; ++i)
        bytes[3 - i] = static_cast<char>(static_cast<unsigned char>(value >> (8 * i)));
    return bytes;
}

} // namespace io_test

// `expr` throws a load_error for `expected_file` whose problem() is exactly `expected_problem` and whose
// what() is "<file>: <problem>". A macro so that a failure reports the test's own line.
#define CHECK_LOAD_ERROR(expr, expected_file, expected_problem)                                    \
    do {                                                                                           \
        const ctnn::io::load_error caught_ = io_test::load_error_from([&] { (void)(expr); });      \
        CHECK(caught_.file() == (expected_file));                                                  \
        CHECK(caught_.problem() == std::string(expected_problem));                                 \
        CHECK(std::string(caught_.what()) == std::filesystem::path(expected_file).string() +       \
                                                 ": " + std::string(expected_problem));            \
    } while (false)
