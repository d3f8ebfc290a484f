// The attacks of issue 10 on the ctnn::io loaders (items 2 and 7), each reproduced through the
// API as it was before the fix (default limits), so that every test here fails on that code: a
// gzip bomb, /dev/zero, /dev/urandom and a FIFO, an IDX header that promises less than its gzip
// body holds, running out of memory, a label of 2^64 - 1, a 50 MB field quoted whole, a line of
// 16 million commas. The memory bounds are checked in a child process under an address-space cap
// 256 MiB above this process's (tests/support/capped_child.hpp), where the build allows it.
#include <ctnn/io/csv.hpp>
#include <ctnn/io/gzip.hpp>
#include <ctnn/io/idx.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <sys/stat.h>

namespace {

using ctnn::io::read_bytes;
using ctnn::io::read_contents;
using ctnn::io::read_csv;
using ctnn::io::read_gzip;
using ctnn::io::read_idx_images;
using ctnn::io::read_idx_labels;
using io_test::big_endian;
using io_test::check_refused_in_bounded_memory;

constexpr std::size_t mib = std::size_t{1} << 20;
constexpr std::size_t cap = 256 * mib;

std::string idx_images_header(std::uint32_t count, std::uint32_t rows, std::uint32_t cols)
{
    return std::string("\x00\x00\x08\x03", 4) + big_endian(count) + big_endian(rows) +
           big_endian(cols);
}

std::string idx_labels_header(std::uint32_t count)
{
    return std::string("\x00\x00\x08\x01", 4) + big_endian(count);
}

} // namespace

TEST_CASE("attack: a gzip bomb (1.25 GiB of zeros in 1.3 MB) is refused at 1 GiB, in bounded "
          "memory",
          "[io][attack]")
{
    // Before: read_csv grew its buffer to 2 GiB and threw std::bad_alloc.
    const io_test::scratch_dir dir;
    const auto bomb = dir.write("bomb.csv.gz", io_test::gzip_zeros(16 * mib, 80));
    check_refused_in_bounded_memory(
        cap,
        "decompressed, the data runs past the limit of 1073741824 bytes; pass a larger "
        "max_bytes to read it",
        [&] { read_csv<4>(bomb); });
}

TEST_CASE("attack: an IDX header that promises less than its gzip body holds is refused before "
          "the body is kept",
          "[io][attack]")
{
    // Before: the whole body was decompressed first (1.25 GiB), and std::bad_alloc escaped.
    const io_test::scratch_dir dir;
    const std::string bomb = io_test::gzip_zeros(16 * mib, 80);
    const auto images =
        dir.write("images.idx.gz", io_test::gzip(idx_images_header(1000, 28, 28)) + bomb);
    check_refused_in_bounded_memory(
        cap,
        "expected 784000 bytes of pixels, found more: the file is longer than its header says",
        [&] { read_idx_images<784>(images); });
    const auto labels = dir.write("labels.idx.gz", io_test::gzip(idx_labels_header(1000)) + bomb);
    check_refused_in_bounded_memory(
        cap, "expected 1000 bytes of labels, found more: the file is longer than its header says",
        [&] { read_idx_labels(labels); });
    // A bomb without a header is refused at its first four bytes.
    const auto headless = dir.write("headless.idx.gz", bomb);
    check_refused_in_bounded_memory(
        cap, "bad magic number 0x00000000, expected 0x00000803 for IDX images",
        [&] { read_idx_images<784>(headless); });
}

TEST_CASE("attack: /dev/zero, /dev/urandom, a FIFO and a .gz link to /dev/zero are refused "
          "unopened",
          "[io][attack]")
{
    // Before: /dev/zero and /dev/urandom were read until std::bad_alloc; opening the FIFO blocked
    // for ever.
    const io_test::scratch_dir dir;
    const auto fifo = dir.path("fifo.csv");
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    const auto zero_gz = dir.path("zero.csv.gz");
    std::filesystem::create_symlink("/dev/zero", zero_gz);

    const std::string device = "is a character device, not a regular file; ctnn::io reads "
                               "regular files only";
    const std::string pipe = "is a FIFO (named pipe), not a regular file; ctnn::io reads regular "
                             "files only";
    const std::vector<std::pair<std::filesystem::path, std::string>> files{
        {"/dev/zero", device}, {"/dev/urandom", device}, {zero_gz, device}, {fifo, pipe}};
    for (const auto& entry : files) {
        // Not a structured binding: clang 14 cannot capture one in a lambda.
        const std::filesystem::path& file = entry.first;
        const std::string& problem = entry.second;
        INFO(file);
        check_refused_in_bounded_memory(cap, problem, [&] { read_bytes(file); });
        check_refused_in_bounded_memory(cap, problem, [&] { read_gzip(file); });
        check_refused_in_bounded_memory(cap, problem, [&] { read_contents(file); });
        check_refused_in_bounded_memory(cap, problem, [&] { read_csv<4>(file); });
        check_refused_in_bounded_memory(cap, problem, [&] { read_idx_images<784>(file); });
        check_refused_in_bounded_memory(cap, problem, [&] { read_idx_labels(file); });
    }
}

TEST_CASE("attack: running out of memory is a load_error, not std::bad_alloc", "[io][attack]")
{
    if (!ctnn::test::address_space_caps_work) {
        WARN("skipped: address-space caps do not work under this build's sanitizers, and this "
             "test needs an allocation to fail");
        return;
    }
    const io_test::scratch_dir dir;
    // 16 Mi rows of "0,0": 64 MiB of text, 192 MiB of data set; 128 MiB of address space is not
    // enough.
    std::string rows;
    rows.reserve(64 * mib);
    while (rows.size() < 64 * mib)
        rows += "0,0\n";
    const auto csv = dir.write("rows.csv", rows);
    check_refused_in_bounded_memory(128 * mib,
                                    "out of memory while loading (an allocation failed)",
                                    [&] { read_csv<1>(csv); });
    // 100000 images, 78 MB decompressed from 77 KB, are 314 MB of floats.
    const auto images = dir.write(
        "images.idx.gz",
        io_test::gzip(idx_images_header(100000, 28, 28)) + io_test::gzip_zeros(784 * 100000, 1));
    check_refused_in_bounded_memory(cap, "out of memory while loading (an allocation failed)",
                                    [&] { read_idx_images<784>(images); });
}

TEST_CASE("attack: a label of 2^64 - 1 is refused, not wrapped to class_count 0", "[io][attack]")
{
    // Before: it loaded with class_count == 0 (1 + the largest label, wrapped), which the CSV
    // fuzz target's own invariant (label < class_count) aborts on.
    const io_test::scratch_dir dir;
    const auto file = dir.write("labels.csv", "0.5,0\n0.25,18446744073709551615\n");
    CHECK_LOAD_ERROR(read_csv<1>(file), file,
                     "line 2, column 2: label 18446744073709551615 is too large; the largest "
                     "label read_csv accepts is 65535 (csv_options::max_label)");
    const auto wide = dir.write("wide.csv", "0.5,65536\n");
    CHECK_LOAD_ERROR(read_csv<1>(wide), wide,
                     "line 1, column 2: label 65536 is too large; the largest label read_csv "
                     "accepts is 65535 (csv_options::max_label)");
    const auto as_float = dir.write("float.csv", "0.5,1e10\n");
    CHECK_LOAD_ERROR(read_csv<1>(as_float), as_float,
                     "line 1, column 2: label 10000000000 is too large; the largest label "
                     "read_csv accepts is 65535 (csv_options::max_label)");
    const auto largest = read_csv<1>(dir.write("largest.csv", "0.5,65535\n"));
    CHECK(largest.class_count == 65536);
}

TEST_CASE("attack: a 50 MB field is quoted by its first 40 bytes and its length", "[io][attack]")
{
    // Before: the message quoted all 50 MB of it.
    const io_test::scratch_dir dir;
    const std::string field(50 * mib, 'x');
    const std::string shown = "\"" + std::string(40, 'x') + "...\" (52428800 bytes)";
    // Lengths first: a failure then prints two numbers, not 50 MB.
    const auto feature = dir.write("feature.csv", "1,0\n" + field + ",0\n");
    const std::string feature_problem = io_test::problem_of([&] { read_csv<1>(feature); });
    REQUIRE(feature_problem.size() < 200);
    CHECK(feature_problem == "line 2, column 1: " + shown + " is not a number");
    const auto label = dir.write("label.csv", "1,0\n1," + field + "\n");
    const std::string label_problem = io_test::problem_of([&] { read_csv<1>(label); });
    REQUIRE(label_problem.size() < 200);
    CHECK(label_problem == "line 2, column 2: label " + shown +
                               " is not a number; labels are class indices 0, 1, 2, ...");
}

TEST_CASE("attack: a line of 16 million commas is counted, not split into 16 million fields",
          "[io][attack]")
{
    // Before: the fields of the line took 16 bytes each, 256 MiB, and std::bad_alloc escaped.
    const io_test::scratch_dir dir;
    const auto file = dir.write("commas.csv", std::string(16000000, ',') + "\n");
    check_refused_in_bounded_memory(
        cap, "line 1: expected 5 fields (4 features and a label), found 16000001",
        [&] { read_csv<4>(file); });
}
