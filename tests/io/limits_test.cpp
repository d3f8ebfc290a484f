// The limits every ctnn::io loader takes (ctnn/io/gzip.hpp): max_bytes refuses one byte more than
// it allows and reads exactly as many, for plain and gzip data, one gzip member or several;
// IDX checks its header's sizes against the limit before decompressing the body; csv_options's
// max_label moves the largest label; messages quote a short prefix of a field, whole UTF-8
// characters only. The attacks these limits answer are in attacks_test.cpp.
#include <ctnn/io/csv.hpp>
#include <ctnn/io/gzip.hpp>
#include <ctnn/io/idx.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using ctnn::io::csv_options;
using ctnn::io::read_bytes;
using ctnn::io::read_contents;
using ctnn::io::read_csv;
using ctnn::io::read_gzip;
using ctnn::io::read_idx_images;
using ctnn::io::read_idx_labels;
using io_test::big_endian;

std::string rows_of_text(std::size_t rows)
{
    std::string text;
    for (std::size_t i = 0; i < rows; ++i)
        text += std::to_string(i % 97) + "," + std::to_string(i % 2) + "\n";
    return text;
}

std::string beyond(std::size_t max_bytes)
{
    return "the limit of " + std::to_string(max_bytes) +
           " bytes; pass a larger max_bytes to read it";
}

} // namespace

TEST_CASE("max_bytes: the default is 1 GiB", "[io]")
{
    STATIC_REQUIRE(ctnn::io::default_max_bytes == std::size_t{1} << 30);
    STATIC_REQUIRE(csv_options{}.max_bytes == ctnn::io::default_max_bytes);
    STATIC_REQUIRE(csv_options{}.max_label == 65535);
}

TEST_CASE("max_bytes: plain data of exactly the limit is read, one byte more is refused unread",
          "[io]")
{
    const io_test::scratch_dir dir;
    const std::string text = rows_of_text(500);
    const auto file = dir.write("rows.csv", text);
    CHECK(read_bytes(file, text.size()) == text);
    CHECK(read_contents(file, text.size()) == text);
    const std::string problem = "the file holds " + std::to_string(text.size()) +
                                " bytes, more than " + beyond(text.size() - 1);
    CHECK_LOAD_ERROR(read_bytes(file, text.size() - 1), file, problem);
    CHECK_LOAD_ERROR(read_contents(file, text.size() - 1), file, problem);
    CHECK_LOAD_ERROR(read_csv<1>(file, {.max_bytes = text.size() - 1}), file, problem);
    CHECK(read_csv<1>(file, {.max_bytes = text.size()}).size() == 500);
    CHECK(read_bytes(dir.write("empty.bin", ""), 0).empty());
}

TEST_CASE("max_bytes: gzip data is limited after decompression, in one member or several",
          "[io]")
{
    const io_test::scratch_dir dir;
    const std::string text = rows_of_text(5000);
    const auto one = dir.write_gz("one.csv.gz", text);
    CHECK(read_gzip(one, text.size()) == text);
    CHECK(read_contents(one, text.size()) == text);
    const std::string problem = "decompressed, the data runs past " + beyond(text.size() - 1);
    CHECK_LOAD_ERROR(read_gzip(one, text.size() - 1), one, problem);
    CHECK_LOAD_ERROR(read_contents(one, text.size() - 1), one, problem);
    CHECK_LOAD_ERROR(read_csv<1>(one, {.max_bytes = text.size() - 1}), one, problem);

    // The trailer states only the last member's size: the first guess is short, the rest is
    // counted, then read again. Also where the limit falls inside the first or the last member.
    const std::string tail = "tail\n";
    const auto two = dir.write("two.gz", io_test::gzip(text) + io_test::gzip(tail));
    const std::size_t total = text.size() + tail.size();
    CHECK(read_gzip(two, total) == text + tail);
    CHECK(read_gzip(two) == text + tail);
    CHECK_LOAD_ERROR(read_gzip(two, total - 1), two,
                     "decompressed, the data runs past " + beyond(total - 1));
    CHECK_LOAD_ERROR(read_gzip(two, 100), two, "decompressed, the data runs past " + beyond(100));
    const auto big_last = dir.write("big_last.gz", io_test::gzip(tail) + io_test::gzip(text));
    CHECK(read_gzip(big_last, total) == tail + text);
    CHECK_LOAD_ERROR(read_gzip(big_last, total - 1), big_last,
                     "decompressed, the data runs past " + beyond(total - 1));
}

TEST_CASE("gunzip: gzip data in memory, with the same limit and messages", "[io]")
{
    const std::string text = rows_of_text(300);
    const std::string compressed = io_test::gzip(text) + io_test::gzip(text);
    CHECK(ctnn::io::detail::gunzip(compressed, "memory.gz") == text + text);
    const std::size_t limit = 2 * text.size() - 1;
    CHECK_LOAD_ERROR(ctnn::io::detail::gunzip(compressed, "memory.gz", limit), "memory.gz",
                     "decompressed, the data runs past " + beyond(limit));
    CHECK_THAT(io_test::problem_of(
                   [&] { ctnn::io::detail::gunzip(compressed.substr(0, 30), "memory.gz"); }),
               Catch::Matchers::StartsWith("gzip data truncated: the compressed stream ends "
                                           "before its end marker ("));
    CHECK_LOAD_ERROR(ctnn::io::detail::gunzip("", "memory.gz"), "memory.gz", "file is empty");
    CHECK_LOAD_ERROR(ctnn::io::detail::gunzip("plain", "memory"), "memory",
                     "not gzip data (it does not start with the gzip signature 1f 8b)");
}

TEST_CASE("IDX: the header's sizes are checked against max_bytes before the body is read", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string header = std::string("\x00\x00\x08\x03", 4) + big_endian(2) +
                               big_endian(2) + big_endian(3);
    const std::string bytes = header + std::string(12, '\x07');
    for (const auto& file :
         {dir.write("images.idx", bytes), dir.write_gz("images.idx.gz", bytes)}) {
        INFO(file);
        CHECK(read_idx_images<6>(file, 1.0f, 28).size() == 2);
        CHECK_LOAD_ERROR(read_idx_images<6>(file, 1.0f, 27), file,
                         "the file would hold 16 + 12 bytes (header and pixels), more than " +
                             beyond(27));
    }
    const std::string labels = std::string("\x00\x00\x08\x01", 4) + big_endian(3) + "\x01\x02\x03";
    for (const auto& file :
         {dir.write("labels.idx", labels), dir.write_gz("labels.idx.gz", labels)}) {
        INFO(file);
        CHECK(read_idx_labels(file, 11).size() == 3);
        CHECK_LOAD_ERROR(read_idx_labels(file, 10), file,
                         "the file would hold 8 + 3 bytes (header and labels), more than " +
                             beyond(10));
    }

    // The largest count the header can state: for a plain file, its size tells first; for a .gz
    // file, the limit does, without decompressing anything past the header.
    const std::string huge = std::string("\x00\x00\x08\x03", 4) + big_endian(0xffffffff) +
                             big_endian(28) + big_endian(28);
    const auto plain = dir.write("huge.idx", huge);
    CHECK_LOAD_ERROR(read_idx_images<784>(plain), plain,
                     "truncated: expected 3367254359280 bytes of pixels, found 0");
    const auto gz = dir.write("huge.idx.gz", io_test::gzip(huge) + io_test::gzip_zeros(1 << 20, 1));
    CHECK_LOAD_ERROR(read_idx_images<784>(gz), gz,
                     "the file would hold 16 + 3367254359280 bytes (header and pixels), more "
                     "than " + beyond(ctnn::io::default_max_bytes));
    // Two gzip members: the trailer states only the second's size, so the body is counted first.
    const auto two_members =
        dir.write("two.idx.gz", io_test::gzip(header) + io_test::gzip(std::string(12, '\x07')));
    CHECK(read_idx_images<6>(two_members, 1.0f)[1][5] == 7.0f);
    // A trailer made to state the promised size: read as it arrives, and refused at its end.
    const std::string short_body = header + std::string(5, '\x07');
    std::string lying = io_test::gzip(short_body);
    lying.replace(lying.size() - 4, 4, std::string("\x1c\x00\x00\x00", 4)); // 16 + 12
    const auto lying_gz = dir.write("lying.idx.gz", lying);
    CHECK_LOAD_ERROR(read_idx_images<6>(lying_gz), lying_gz,
                     "gzip data corrupt (incorrect length check)");
    const auto longer_gz = dir.write_gz("longer.idx.gz", bytes + "\x01");
    CHECK_LOAD_ERROR(read_idx_images<6>(longer_gz), longer_gz,
                     "expected 12 bytes of pixels, found more: the file is longer than its header "
                     "says");
}

TEST_CASE("read_csv: csv_options::max_label moves the largest label", "[io]")
{
    const io_test::scratch_dir dir;
    const auto file = dir.write("labels.csv", "0.5,0\n0.25,70000\n");
    CHECK(read_csv<1>(file, {.max_label = 70000}).class_count == 70001);
    CHECK_LOAD_ERROR(read_csv<1>(file, {.max_label = 69999}), file,
                     "line 2, column 2: label 70000 is too large; the largest label read_csv "
                     "accepts is 69999 (csv_options::max_label)");
    // The largest size_t would make class_count wrap: max_label stops one short of it.
    const auto top = dir.write("top.csv", "0.5,18446744073709551615\n");
    CHECK_LOAD_ERROR(read_csv<1>(top, {.max_label = SIZE_MAX}), top,
                     "line 1, column 2: label 18446744073709551615 is too large; the largest "
                     "label read_csv accepts is 18446744073709551614 (csv_options::max_label)");
    CHECK(read_csv<1>(dir.write("below_top.csv", "0.5,18446744073709551614\n"),
                      {.max_label = SIZE_MAX})
              .class_count == SIZE_MAX);
}

TEST_CASE("read_csv: a header names at most max_label + 1 classes", "[io]")
{
    const io_test::scratch_dir dir;
    std::string names;
    for (std::size_t k = 0; k < 65537; ++k)
        names += ",c";
    const auto file = dir.write("classes.csv", "1,1" + names + "\n0.5,0\n");
    const std::string problem = "line 1: the header names 65537 classes, more than the 65536 "
                                "that labels up to csv_options::max_label (65535) allow";
    CHECK_LOAD_ERROR(read_csv<1>(file), file, problem);
    CHECK_LOAD_ERROR(read_csv<1>(file, {.header = csv_options::header_mode::present}), file,
                     problem);
    CHECK(read_csv<1>(file, {.max_label = 65536}).class_count == 65537);
}

TEST_CASE("read_csv: a quoted field is cut at 40 bytes, before a UTF-8 continuation byte", "[io]")
{
    const io_test::scratch_dir dir;
    // "a" then 30 two-byte characters: byte 40 is the second byte of the 20th, so the cut is at
    // 39, after 19 whole characters.
    std::string accented = "a";
    for (int k = 0; k < 30; ++k)
        accented += "\xC3\xA9"; // U+00E9
    std::string shown = "a";
    for (int k = 0; k < 19; ++k)
        shown += "\xC3\xA9";
    const auto file = dir.write("utf8.csv", "1,0\n" + accented + ",0\n");
    CHECK_LOAD_ERROR(read_csv<1>(file), file,
                     "line 2, column 1: \"" + shown + "...\" (61 bytes) is not a number");
    // Exactly 40 bytes are shown whole.
    const std::string forty(40, 'y');
    const auto whole = dir.write("forty.csv", "1,0\n" + forty + ",0\n");
    CHECK_LOAD_ERROR(read_csv<1>(whole), whole,
                     "line 2, column 1: \"" + forty + "\" is not a number");
    // A header row that is not one is quoted the same way.
    const std::string row = "0.5," + std::string(100, 'z');
    const auto header = dir.write("header.csv", row + "\n");
    CHECK_LOAD_ERROR(read_csv<1>(header, {.header = csv_options::header_mode::present}), header,
                     "line 1: expected a header row \"n_samples,n_features,class names...\", "
                     "found \"0.5," + std::string(36, 'z') + "...\" (104 bytes)");
}
