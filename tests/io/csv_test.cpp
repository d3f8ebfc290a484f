// read_csv: the three shipped data sets load with the shapes and values their sources document
// (the spot values were read off the files with head, tail and zcat), small files show each rule
// of the format, and every kind of broken file has its own message naming line and column.
#include <ctnn/io/csv.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

namespace {

using ctnn::io::csv_options;
using ctnn::io::read_csv;
using header_mode = csv_options::header_mode;

const std::filesystem::path data_dir = CTNN_EXAMPLES_DATA_DIR;

// How many samples carry each label.
std::vector<std::size_t> class_sizes(const std::vector<std::size_t>& labels, std::size_t classes)
{
    std::vector<std::size_t> sizes(classes, 0);
    for (std::size_t label : labels)
        ++sizes.at(label);
    return sizes;
}

// A 4-feature file with scikit-learn's header naming three classes, then `rows`.
std::string iris_like(const std::string& rows, std::size_t samples = 2)
{
    return std::to_string(samples) + ",4,a,b,c\n" + rows;
}

} // namespace

TEMPLATE_TEST_CASE("read_csv: iris.csv, 150 samples of 4 features in 3 classes", "[io]", float,
                   double)
{
    using T = TestType;
    const auto iris = read_csv<4, T>(data_dir / "iris.csv");
    static_assert(std::is_same_v<typename decltype(iris.features)::value_type, std::array<T, 4>>);
    REQUIRE(iris.size() == 150);
    REQUIRE(iris.features.size() == 150);
    CHECK(iris.class_count == 3);
    CHECK(iris.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
    CHECK(class_sizes(iris.labels, 3) == std::vector<std::size_t>{50, 50, 50});

    // First and last rows: "5.1,3.5,1.4,0.2,0" and "5.9,3.0,5.1,1.8,2". from_chars rounds each
    // decimal once, correctly, to T, as the compiler rounds a literal of that type.
    if constexpr (std::is_same_v<T, float>) {
        CHECK(iris.features.front() == std::array<float, 4>{5.1f, 3.5f, 1.4f, 0.2f});
        CHECK(iris.features.back() == std::array<float, 4>{5.9f, 3.0f, 5.1f, 1.8f});
    } else {
        CHECK(iris.features.front() == std::array<double, 4>{5.1, 3.5, 1.4, 0.2});
        CHECK(iris.features.back() == std::array<double, 4>{5.9, 3.0, 5.1, 1.8});
    }
    CHECK(iris.labels.front() == 0);
    CHECK(iris.labels.back() == 2);
}

TEST_CASE("read_csv: breast_cancer.csv, 569 samples of 30 features in 2 classes", "[io]")
{
    const auto cancer = read_csv<30, double>(data_dir / "breast_cancer.csv");
    REQUIRE(cancer.size() == 569);
    CHECK(cancer.class_count == 2);
    CHECK(cancer.class_names == std::vector<std::string>{"malignant", "benign"});
    // 212 malignant and 357 benign, as the UCI description of the data set says.
    CHECK(class_sizes(cancer.labels, 2) == std::vector<std::size_t>{212, 357});
    CHECK(cancer.features.front()[0] == 17.99);
    CHECK(cancer.features.front()[29] == 0.1189);
    CHECK(cancer.labels.front() == 0);
    CHECK(cancer.features.back()[0] == 7.76);
    CHECK(cancer.features.back()[29] == 0.07039);
    CHECK(cancer.labels.back() == 1);
}

TEST_CASE("read_csv: digits.csv.gz, gzip-compressed, no header, 1797 samples of 64 pixels",
          "[io]")
{
    const auto digits = read_csv<64>(data_dir / "digits.csv.gz");
    REQUIRE(digits.size() == 1797);
    // No header: no names, and class_count is 1 + the largest label.
    CHECK(digits.class_names.empty());
    CHECK(digits.class_count == 10);
    CHECK(class_sizes(digits.labels, 10) ==
          std::vector<std::size_t>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180});
    // The first row begins "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0" and is a 0.
    const std::array<float, 16> first_two_rows_of_pixels{0, 0, 5,  13, 9,  1,  0, 0,
                                                         0, 0, 13, 15, 10, 15, 5, 0};
    for (std::size_t k = 0; k < first_two_rows_of_pixels.size(); ++k)
        CHECK(digits.features.front()[k] == first_two_rows_of_pixels[k]);
    CHECK(digits.labels.front() == 0);
    CHECK(digits.labels.back() == 8);
    // Pixels are grey levels 0..16.
    bool in_range = true;
    for (const auto& image : digits.features)
        for (float pixel : image)
            in_range = in_range && pixel >= 0 && pixel <= 16 && pixel == std::floor(pixel);
    CHECK(in_range);
}

TEST_CASE("read_csv: LF, CRLF, no final newline and trailing blank lines read the same", "[io]")
{
    const io_test::scratch_dir dir;
    const std::vector<std::string> spellings{
        "0.5,-2,1\n1e-3,+4.25,0\n",     "0.5,-2,1\r\n1e-3,+4.25,0\r\n",
        "0.5,-2,1\n1e-3,+4.25,0",       "0.5,-2,1\r\n1e-3,+4.25,0\r\n\r\n \n",
        " 0.5 ,\t-2, 1\n1e-3,+4.25 ,0\n", "\xEF\xBB\xBF" "0.5,-2,1\n1e-3,+4.25,0\n"};
    for (const std::string& text : spellings) {
        INFO("file text: " << text);
        const auto data = read_csv<2, double>(dir.write("rows.csv", text));
        REQUIRE(data.size() == 2);
        CHECK(data.features[0] == std::array<double, 2>{0.5, -2.0});
        CHECK(data.features[1] == std::array<double, 2>{0.001, 4.25});
        CHECK(data.labels == std::vector<std::size_t>{1, 0});
        CHECK(data.class_count == 2);
        CHECK(data.class_names.empty());
    }
}

TEST_CASE("read_csv: a .csv.gz file reads as the same text uncompressed", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string text = "3,2,no,yes\n0.25,0.5,1\n1,2,0\n-3,4,1\n";
    const auto plain = read_csv<2>(dir.write("small.csv", text));
    const auto compressed = read_csv<2>(dir.write_gz("small.csv.gz", text));
    CHECK(compressed.features == plain.features);
    CHECK(compressed.labels == plain.labels);
    CHECK(compressed.class_names == std::vector<std::string>{"no", "yes"});
}

TEST_CASE("read_csv: labels, header detection and class_count", "[io]")
{
    const io_test::scratch_dir dir;

    SECTION("without a header class_count is 1 + the largest label, seen or not")
    {
        const auto data = read_csv<1>(dir.write("gaps.csv", "0.5,4\n0.25,0\n"));
        CHECK(data.class_count == 5);
    }
    SECTION("a label written as a whole floating-point number is that integer")
    {
        const auto data = read_csv<1>(dir.write("float_labels.csv", "0.5,2.0\n0.25,1e1\n"));
        CHECK(data.labels == std::vector<std::size_t>{2, 10});
    }
    SECTION("a value too small for float rounds towards zero, as the literal would")
    {
        const auto data = read_csv<1>(dir.write("tiny.csv", "1e-50,0\n-1e-60,0\n"));
        CHECK(data.features[0][0] == 0.0f);
        CHECK(data.features[1][0] == 0.0f);
    }
    SECTION("header_mode::present accepts numeric class names; automatic reads them as data")
    {
        const auto file = dir.write("numeric_names.csv", "2,1,0,1\n0.5,1\n0.25,0\n");
        const auto data = read_csv<1>(file, {header_mode::present});
        CHECK(data.size() == 2);
        CHECK(data.class_names == std::vector<std::string>{"0", "1"});
        CHECK_LOAD_ERROR(read_csv<1>(file), file,
                         "line 1: expected 2 fields (1 feature and a label), found 4");
    }
    SECTION("header_mode::present with only the two counts: class_count from the labels")
    {
        const auto data = read_csv<1>(dir.write("counts_only.csv", "2,1\n0.5,3\n0.25,0\n"),
                                      {header_mode::present});
        CHECK(data.size() == 2);
        CHECK(data.class_names.empty());
        CHECK(data.class_count == 4);
    }
    SECTION("header_mode::present refuses a first row that is not a header")
    {
        const auto file = dir.write("no_header.csv", "0.5,1\n0.25,0\n");
        CHECK_LOAD_ERROR(read_csv<1>(file, {header_mode::present}), file,
                         "line 1: expected a header row \"n_samples,n_features,class names...\", "
                         "found \"0.5,1\"");
    }
    SECTION("header_mode::absent reads a header-shaped first row as data")
    {
        const auto file = dir.write("header.csv", "2,1,yes,no\n0.5,1\n0.25,0\n");
        CHECK(read_csv<1>(file).class_names == std::vector<std::string>{"yes", "no"});
        CHECK_LOAD_ERROR(read_csv<1>(file, {header_mode::absent}), file,
                         "line 1: expected 2 fields (1 feature and a label), found 4");
    }
    SECTION("a header with no data and n_samples 0 is an empty data set")
    {
        const auto data = read_csv<4>(dir.write("none.csv", "0,4,a,b,c\n"));
        CHECK(data.size() == 0);
        CHECK(data.class_count == 3);
    }
}

TEST_CASE("read_csv errors: missing, empty and blank files", "[io]")
{
    const io_test::scratch_dir dir;
    const auto missing = dir.path("missing.csv");
    CHECK_LOAD_ERROR(read_csv<4>(missing), missing, "file not found");
    const auto empty = dir.write("empty.csv", "");
    CHECK_LOAD_ERROR(read_csv<4>(empty), empty, "file is empty");
    const auto empty_gz = dir.write_gz("empty.csv.gz", "");
    CHECK_LOAD_ERROR(read_csv<4>(empty_gz), empty_gz, "file is empty");
    const auto blank = dir.write("blank.csv", "\r\n  \n\n");
    CHECK_LOAD_ERROR(read_csv<4>(blank), blank, "file is empty (it holds only blank lines)");
    const auto gap = dir.write("gap.csv", iris_like("1,2,3,4,0\n\n1,2,3,4,1\n"));
    CHECK_LOAD_ERROR(read_csv<4>(gap), gap,
                     "line 3: blank line; blank lines are allowed only at the end of the file");
}

TEST_CASE("read_csv errors: a row with too few or too many fields, with its line", "[io]")
{
    const io_test::scratch_dir dir;
    const auto few = dir.write("few.csv", iris_like("1,2,3,4,0\n1,2,3,0\n"));
    CHECK_LOAD_ERROR(read_csv<4>(few), few,
                     "line 3: expected 5 fields (4 features and a label), found 4");
    const auto many = dir.write("many.csv", iris_like("1,2,3,4,5,0\n1,2,3,4,0\n"));
    CHECK_LOAD_ERROR(read_csv<4>(many), many,
                     "line 2: expected 5 fields (4 features and a label), found 6");
    const auto trailing_comma = dir.write("comma.csv", "1,2,3,4,0,\n");
    CHECK_LOAD_ERROR(read_csv<4>(trailing_comma), trailing_comma,
                     "line 1: expected 5 fields (4 features and a label), found 6");
}

TEST_CASE("read_csv errors: a field that is not a finite number, with line and column", "[io]")
{
    const io_test::scratch_dir dir;
    const auto check_row = [&](const std::string& row, const std::string& problem) {
        const auto file = dir.write("bad.csv", iris_like("1,2,3,4,0\n" + row + "\n"));
        CHECK_LOAD_ERROR(read_csv<4>(file), file, problem);
    };
    check_row("1,2,x1.4,4,0", "line 3, column 3: \"x1.4\" is not a number");
    check_row("1,2,1.4abc,4,0", "line 3, column 3: \"1.4abc\" is not a number");
    check_row("1,,3,4,0", "line 3, column 2: empty field; expected a number");
    check_row("nan,2,3,4,0", "line 3, column 1: \"nan\" is not a finite number");
    check_row("1,2,3,-inf,0", "line 3, column 4: \"-inf\" is not a finite number");
    check_row("1,2,1e39,4,0", "line 3, column 3: \"1e39\" is out of range for float");

    const auto huge = dir.write("huge.csv", "1e309,0\n");
    CHECK_LOAD_ERROR((read_csv<1, double>(huge)), huge,
                     "line 1, column 1: \"1e309\" is out of range for double");
    // On line 1 the likeliest mistake is a header of another shape, and the message says so.
    const auto names = dir.write("names.csv", "sepal_length,sepal_width,label\n1,2,0\n");
    CHECK_LOAD_ERROR(read_csv<2>(names), names,
                     "line 1, column 1: \"sepal_length\" is not a number (a header row must "
                     "read \"n_samples,n_features,class names...\")");
}

TEST_CASE("read_csv errors: a label that is negative, not an integer or out of range", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string rule = "; labels are class indices 0, 1, 2, ...";
    const auto check_label = [&](const std::string& label, const std::string& problem) {
        const auto file = dir.write("label.csv", iris_like("1,2,3,4,0\n1,2,3,4," + label + "\n"));
        CHECK_LOAD_ERROR(read_csv<4>(file), file, problem);
    };
    check_label("-1", "line 3, column 5: label \"-1\" is negative" + rule);
    check_label("1.5", "line 3, column 5: label \"1.5\" is not an integer" + rule);
    check_label("setosa", "line 3, column 5: label \"setosa\" is not a number" + rule);
    check_label("", "line 3, column 5: empty label" + rule);
    check_label("3", "line 3, column 5: label 3 is out of range: the header names 3 classes, so "
                     "labels run from 0 to 2");
    check_label("99999999999999999999999",
                "line 3, column 5: label \"99999999999999999999999\" is too large; the largest "
                "label read_csv accepts is 65535 (csv_options::max_label)");
}

TEST_CASE("read_csv errors: header counts that disagree with the data", "[io]")
{
    const io_test::scratch_dir dir;
    const auto features = dir.write("features.csv", "2,3,a,b\n1,2,3,0\n1,2,3,1\n");
    CHECK_LOAD_ERROR(read_csv<4>(features), features,
                     "line 1: the header says each sample has 3 features, but read_csv<4> reads 4");
    const auto fewer = dir.write("fewer.csv", iris_like("1,2,3,4,0\n1,2,3,4,1\n", 3));
    CHECK_LOAD_ERROR(read_csv<4>(fewer), fewer,
                     "truncated: the header says 3 samples, but the file holds 2 rows of data");
    const auto more = dir.write("more.csv", iris_like("1,2,3,4,0\n1,2,3,4,1\n1,2,3,4,2\n", 2));
    CHECK_LOAD_ERROR(read_csv<4>(more), more,
                     "the header says 2 samples, but the file holds 3 rows of data");
    const auto empty_name = dir.write("empty_name.csv", "1,1,yes,,no\n0.5,0\n");
    CHECK_LOAD_ERROR(read_csv<1>(empty_name, {header_mode::present}), empty_name,
                     "line 1, column 4: empty class name");
}

TEST_CASE("read_csv errors: iris.csv with its last row lost is reported truncated", "[io]")
{
    const io_test::scratch_dir dir;
    std::string text = ctnn::io::read_bytes(data_dir / "iris.csv");
    text.erase(text.find_last_of('\n', text.size() - 2) + 1); // drop "5.9,3.0,5.1,1.8,2\n"
    const auto cut = dir.write("iris.csv", text);
    CHECK_LOAD_ERROR(read_csv<4>(cut), cut,
                     "truncated: the header says 150 samples, but the file holds 149 rows of data");
    const auto cut_gz = dir.write_gz("iris.csv.gz", text);
    CHECK_LOAD_ERROR(read_csv<4>(cut_gz), cut_gz,
                     "truncated: the header says 150 samples, but the file holds 149 rows of data");
}
