// read_bytes, read_gzip and read_contents: bytes come back exactly, gzip data made by zlib's own
// deflate decompresses to what went in, and each kind of bad file has its own message.
#include <ctnn/io/gzip.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using ctnn::io::read_bytes;
using ctnn::io::read_contents;
using ctnn::io::read_gzip;

// Text that compresses well but not trivially: numbered CSV-like rows.
std::string sample_text(std::size_t rows)
{
    std::string text;
    for (std::size_t i = 0; i < rows; ++i)
        text += std::to_string(i) + "," + std::to_string(i * i % 977) + ",0.5\r\n";
    return text;
}

} // namespace

TEST_CASE("read_bytes returns the stored bytes unchanged, NUL and CR included", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string bytes("a\0b\r\n\xff\x1f\x8b", 8);
    CHECK(read_bytes(dir.write("raw.bin", bytes)) == bytes);
    CHECK(read_bytes(dir.write("empty.bin", "")).empty());
}

TEST_CASE("read_gzip inverts zlib's deflate, for empty, small and multi-megabyte data", "[io]")
{
    const io_test::scratch_dir dir;
    CHECK(read_gzip(dir.write_gz("empty.gz", "")).empty());
    CHECK(read_gzip(dir.write_gz("small.gz", "hello\n")) == "hello\n");
    const std::string big = sample_text(200000); // about 3 MB
    CHECK(read_gzip(dir.write_gz("big.gz", big)) == big);
}

TEST_CASE("read_gzip reads every member of concatenated gzip data, as gunzip does", "[io]")
{
    // `cat a.gz b.gz > ab.gz` is valid gzip. The size stored at the end is only the last
    // member's, so this also checks that the output grows past that first guess.
    const io_test::scratch_dir dir;
    const std::string first = sample_text(5000);
    const std::string second = "tail\n";
    CHECK(read_gzip(dir.write("ab.gz", io_test::gzip(first) + io_test::gzip(second))) ==
          first + second);
}

TEST_CASE("read_contents decompresses a .gz name and leaves any other name as stored", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string compressed = io_test::gzip("1,2,3\n");
    CHECK(read_contents(dir.write("data.csv.gz", compressed)) == "1,2,3\n");
    CHECK(read_contents(dir.write("data.bin", compressed)) == compressed);
    CHECK(read_contents(dir.write("data.csv", "1,2,3\n")) == "1,2,3\n");
}

TEST_CASE("read_bytes errors: a missing file, a directory, an unreadable file", "[io]")
{
    const io_test::scratch_dir dir;
    const auto missing = dir.path("no_such_file.csv");
    CHECK_LOAD_ERROR(read_bytes(missing), missing, "file not found");
    CHECK_LOAD_ERROR(read_contents(dir.path("no_such_file.gz")), dir.path("no_such_file.gz"),
                     "file not found");
    CHECK_LOAD_ERROR(read_bytes(dir.root()), dir.root(), "is a directory, not a file");

    const auto locked = dir.write("locked.csv", "1,0\n");
    std::filesystem::permissions(locked, std::filesystem::perms::none);
    if (std::ifstream(locked).good()) {
        // Root (as in many containers) reads whatever the permissions say.
        WARN("skipped the unreadable-file check: this user can read a file with no permissions");
    } else {
        const auto error = io_test::load_error_from([&] { read_bytes(locked); });
        CHECK(error.file() == locked);
        CHECK_THAT(error.problem(), Catch::Matchers::StartsWith("cannot be opened for reading"));
    }
    std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
}

TEST_CASE("read_gzip errors: empty, not gzip, truncated and corrupt gzip data", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string text = sample_text(3000);
    const std::string good = io_test::gzip(text);
    REQUIRE(good.size() > 100);

    const auto empty = dir.write("empty.gz", "");
    CHECK_LOAD_ERROR(read_gzip(empty), empty, "file is empty");

    const auto plain = dir.write("plain.csv.gz", "1,2,3\n");
    CHECK_LOAD_ERROR(read_contents(plain), plain,
                     "not gzip data (it does not start with the gzip signature 1f 8b), although "
                     "its name ends in .gz");

    SECTION("cut in the middle of the compressed stream")
    {
        const auto cut = dir.write("cut.gz", good.substr(0, good.size() / 2));
        const auto error = io_test::load_error_from([&] { read_gzip(cut); });
        CHECK(error.file() == cut);
        CHECK_THAT(error.problem(),
                   Catch::Matchers::StartsWith("gzip data truncated: the compressed stream ends "
                                               "before its end marker ("));
    }
    SECTION("cut inside the 8-byte trailer (CRC-32 and size)")
    {
        const auto cut = dir.write("trailer.gz", good.substr(0, good.size() - 3));
        const auto error = io_test::load_error_from([&] { read_gzip(cut); });
        CHECK_THAT(error.problem(), Catch::Matchers::StartsWith("gzip data truncated"));
        // Everything was decompressed; only the check was missing.
        CHECK_THAT(error.problem(), Catch::Matchers::EndsWith(
                                        "(" + std::to_string(text.size()) + " bytes decompressed)"));
    }
    SECTION("a wrong CRC-32 in the trailer")
    {
        std::string bad = good;
        bad[bad.size() - 8] = static_cast<char>(bad[bad.size() - 8] ^ 0x01);
        const auto file = dir.write("crc.gz", bad);
        CHECK_LOAD_ERROR(read_gzip(file), file, "gzip data corrupt (incorrect data check)");
    }
    SECTION("a wrong uncompressed size in the trailer")
    {
        std::string bad = good;
        bad[bad.size() - 4] = static_cast<char>(bad[bad.size() - 4] ^ 0x01);
        const auto file = dir.write("size.gz", bad);
        CHECK_LOAD_ERROR(read_gzip(file), file, "gzip data corrupt (incorrect length check)");
    }
    SECTION("an unknown compression method in the header")
    {
        std::string bad = good;
        bad[2] = 7; // 8 is deflate, the only method gzip defines
        const auto file = dir.write("method.gz", bad);
        CHECK_LOAD_ERROR(read_gzip(file), file, "gzip data corrupt (unknown compression method)");
    }
    SECTION("garbage after the gzip data")
    {
        const auto file = dir.write("garbage.gz", good + "garbage after the end");
        CHECK_LOAD_ERROR(read_gzip(file), file, "gzip data corrupt (incorrect header check)");
    }
}
