// read_idx_images, read_idx_labels and read_fashion_mnist: IDX files written byte by byte here
// read back as written, each kind of bad file has its own message, and the real Fashion-MNIST
// (when installed) has the shape and the spot values its documentation and `od` give.
#include <ctnn/io/idx.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using ctnn::io::read_fashion_mnist;
using ctnn::io::read_idx_images;
using ctnn::io::read_idx_labels;
using io_test::big_endian;

std::string idx_images(std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                        const std::string& pixels)
{
    return std::string("\x00\x00\x08\x03", 4) + big_endian(count) + big_endian(rows) +
           big_endian(cols) + pixels;
}

std::string idx_labels(const std::string& labels)
{
    return std::string("\x00\x00\x08\x01", 4) +
           big_endian(static_cast<std::uint32_t>(labels.size())) + labels;
}

// Two 2x3 images; the first spans the byte range in steps of 51 = 255 / 5.
const std::string two_images_pixels("\x00\x33\x66\x99\xcc\xff\x01\x02\x03\x04\x05\x06", 12);

// `count` 28x28 images whose pixel p of image i is (i + p) mod 256.
std::string mnist_images(std::uint32_t count)
{
    std::string pixels;
    for (std::uint32_t i = 0; i < count; ++i)
        for (std::uint32_t p = 0; p < 784; ++p)
            pixels += static_cast<char>(static_cast<unsigned char>((i + p) % 256));
    return idx_images(count, 28, 28, pixels);
}

// A directory laid out like Debian's dataset-fashion-mnist, with tiny files.
void write_mnist_dir(const io_test::scratch_dir& dir, const std::string& train_labels,
                     const std::string& test_labels)
{
    dir.write_gz("train-images-idx3-ubyte.gz", mnist_images(3));
    dir.write_gz("train-labels-idx1-ubyte.gz", idx_labels(train_labels));
    dir.write_gz("t10k-images-idx3-ubyte.gz", mnist_images(2));
    dir.write_gz("t10k-labels-idx1-ubyte.gz", idx_labels(test_labels));
}

} // namespace

TEST_CASE("read_idx_images: pixels in file order, scaled, plain or gzip-compressed", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string bytes = idx_images(2, 2, 3, two_images_pixels);
    for (const auto& file : {dir.write("images.idx", bytes), dir.write_gz("images.idx.gz", bytes)}) {
        INFO(file);
        // scale 1 gives the bytes themselves, exactly.
        const auto raw = read_idx_images<6, double>(file, 1.0);
        REQUIRE(raw.size() == 2);
        CHECK(raw[0] == std::array<double, 6>{0, 51, 102, 153, 204, 255});
        CHECK(raw[1] == std::array<double, 6>{1, 2, 3, 4, 5, 6});
        // The default scale is 1/255, so pixels run from 0 to 1.
        const auto unit = read_idx_images<6>(file);
        for (std::size_t p = 0; p < 6; ++p)
            CHECK(unit[0][p] == Approx(0.2 * static_cast<double>(p)).margin(1e-7));
        CHECK(unit[0][5] == 1.0f);
        CHECK(read_idx_images<6, double>(file, 2.0)[1][5] == 12.0);
    }
    CHECK(read_idx_images<6>(dir.write("none.idx", idx_images(0, 2, 3, ""))).empty());
}

TEST_CASE("read_idx_labels: one byte a label", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string bytes = idx_labels(std::string("\x07\x00\x09", 3));
    CHECK(read_idx_labels(dir.write("labels.idx", bytes)) == std::vector<std::uint8_t>{7, 0, 9});
    CHECK(read_idx_labels(dir.write_gz("labels.idx.gz", bytes)) ==
          std::vector<std::uint8_t>{7, 0, 9});
}

TEST_CASE("read_idx errors: bad magic numbers, each explained", "[io]")
{
    const io_test::scratch_dir dir;
    const auto images = dir.write("images.idx", idx_images(2, 2, 3, two_images_pixels));
    const auto labels = dir.write("labels.idx", idx_labels("\x01\x02"));
    const auto other = dir.write("other.idx", std::string("\x12\x34\x56\x78", 4) + std::string(20, '\0'));
    const auto gz_unnamed = dir.write("images.idx.z", io_test::gzip(idx_images(2, 2, 3, two_images_pixels)));

    CHECK_LOAD_ERROR(read_idx_images<6>(other), other,
                     "bad magic number 0x12345678, expected 0x00000803 for IDX images");
    CHECK_LOAD_ERROR(read_idx_images<6>(labels), labels,
                     "bad magic number 0x00000801, expected 0x00000803 for IDX images; this is an "
                     "IDX label file");
    CHECK_LOAD_ERROR(read_idx_labels(images), images,
                     "bad magic number 0x00000803, expected 0x00000801 for IDX labels; this is an "
                     "IDX image file");
    const auto error = io_test::load_error_from([&] { read_idx_images<6>(gz_unnamed); });
    CHECK_THAT(error.problem(), Catch::Matchers::StartsWith("bad magic number 0x1f8b08"));
    CHECK_THAT(error.problem(),
               Catch::Matchers::EndsWith(
                   "; the data is gzip-compressed, so give the file a name ending in .gz"));
}

TEST_CASE("read_idx errors: empty, short header, wrong dimensions, truncated, too long", "[io]")
{
    const io_test::scratch_dir dir;
    const std::string good = idx_images(2, 2, 3, two_images_pixels);

    const auto empty = dir.write("empty.idx", "");
    CHECK_LOAD_ERROR(read_idx_images<6>(empty), empty, "file is empty");
    CHECK_LOAD_ERROR(read_idx_labels(empty), empty, "file is empty");
    const auto empty_gz = dir.write_gz("empty.idx.gz", "");
    CHECK_LOAD_ERROR(read_idx_images<6>(empty_gz), empty_gz, "file is empty");

    const auto short_header = dir.write("short.idx", good.substr(0, 10));
    CHECK_LOAD_ERROR(read_idx_images<6>(short_header), short_header,
                     "truncated: expected an IDX header of 16 bytes, found 10");

    const auto dims = dir.write("dims.idx", good);
    CHECK_LOAD_ERROR(read_idx_images<4>(dims), dims,
                     "the images are 2x3 = 6 pixels, but read_idx_images<4> reads 4");

    const auto cut = dir.write("cut.idx", good.substr(0, good.size() - 1));
    CHECK_LOAD_ERROR(read_idx_images<6>(cut), cut,
                     "truncated: expected 12 bytes of pixels, found 11");
    const auto cut_gz = dir.write_gz("cut.idx.gz", good.substr(0, good.size() - 7));
    CHECK_LOAD_ERROR(read_idx_images<6>(cut_gz), cut_gz,
                     "truncated: expected 12 bytes of pixels, found 5");

    const auto longer = dir.write("longer.idx", good + '\x00');
    CHECK_LOAD_ERROR(read_idx_images<6>(longer), longer,
                     "expected 12 bytes of pixels, found 13: the file is longer than its header "
                     "says");

    const std::string labels = idx_labels("\x01\x02\x03");
    const auto cut_labels = dir.write("cut_labels.idx", labels.substr(0, labels.size() - 1));
    CHECK_LOAD_ERROR(read_idx_labels(cut_labels), cut_labels,
                     "truncated: expected 3 bytes of labels, found 2");
    const auto short_labels = dir.write("short_labels.idx", labels.substr(0, 6));
    CHECK_LOAD_ERROR(read_idx_labels(short_labels), short_labels,
                     "truncated: expected an IDX header of 8 bytes, found 6");
}

TEST_CASE("read_fashion_mnist: a directory of the four files, in a scratch copy", "[io]")
{
    const io_test::scratch_dir dir;
    write_mnist_dir(dir, std::string("\x09\x00\x03", 3), std::string("\x02\x01", 2));
    const auto split = read_fashion_mnist<double>(dir.root());
    REQUIRE(split.train.size() == 3);
    REQUIRE(split.test.size() == 2);
    CHECK(split.train.labels == std::vector<std::size_t>{9, 0, 3});
    CHECK(split.test.labels == std::vector<std::size_t>{2, 1});
    CHECK(split.train.features[2][0] == 2.0 / 255.0);
    CHECK(split.train.features[1][254] == 1.0); // (1 + 254) mod 256 = 255
    CHECK(split.test.features[1][255] == 0.0);  // (1 + 255) mod 256 = 0
    for (const auto* part : {&split.train, &split.test}) {
        CHECK(part->class_count == 10);
        CHECK(part->class_names ==
              std::vector<std::string>{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                       "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"});
    }
}

TEST_CASE("read_fashion_mnist errors: no directory, a missing file, counts, labels", "[io]")
{
    const io_test::scratch_dir dir;
    const auto nowhere = dir.path("nowhere");
    CHECK_LOAD_ERROR(read_fashion_mnist(nowhere), nowhere,
                     "directory not found; Debian's dataset-fashion-mnist package installs the "
                     "data set in /usr/share/datasets/fashion-mnist");
    const auto not_dir = dir.write("a_file", "x");
    CHECK_LOAD_ERROR(read_fashion_mnist(not_dir), not_dir,
                     "is not a directory; read_fashion_mnist takes the directory holding the four "
                     "IDX files");

    SECTION("a missing file")
    {
        write_mnist_dir(dir, std::string("\x09\x00\x03", 3), std::string("\x02\x01", 2));
        std::filesystem::remove(dir.path("t10k-images-idx3-ubyte.gz"));
        CHECK_LOAD_ERROR(read_fashion_mnist(dir.root()), dir.path("t10k-images-idx3-ubyte.gz"),
                         "file not found");
    }
    SECTION("fewer labels than images")
    {
        write_mnist_dir(dir, std::string("\x09\x00", 2), std::string("\x02\x01", 2));
        CHECK_LOAD_ERROR(read_fashion_mnist(dir.root()), dir.path("train-labels-idx1-ubyte.gz"),
                         "holds 2 labels, but train-images-idx3-ubyte.gz holds 3 images; the "
                         "counts must agree");
    }
    SECTION("more labels than images")
    {
        write_mnist_dir(dir, std::string("\x09\x00\x03", 3), std::string("\x02\x01\x00", 3));
        CHECK_LOAD_ERROR(read_fashion_mnist(dir.root()), dir.path("t10k-labels-idx1-ubyte.gz"),
                         "holds 3 labels, but t10k-images-idx3-ubyte.gz holds 2 images; the "
                         "counts must agree");
    }
    SECTION("a label beyond the ten classes")
    {
        write_mnist_dir(dir, std::string("\x09\x0a\x03", 3), std::string("\x02\x01", 2));
        CHECK_LOAD_ERROR(read_fashion_mnist(dir.root()), dir.path("train-labels-idx1-ubyte.gz"),
                         "label 10 at index 1 is out of range: there are 10 classes (0 to 9)");
    }
}

TEST_CASE("read_fashion_mnist: the real data set, 60000 + 10000 images of 28x28", "[io]")
{
    const std::filesystem::path dir = ctnn::io::fashion_mnist_default_dir;
    if (!std::filesystem::is_directory(dir)) {
        WARN("skipped: " << dir << " is absent (apt-get install dataset-fashion-mnist)");
        return;
    }
    const auto fashion = read_fashion_mnist(dir);
    REQUIRE(fashion.train.size() == 60000);
    REQUIRE(fashion.test.size() == 10000);
    REQUIRE(fashion.train.features.size() == 60000);
    REQUIRE(fashion.test.features.size() == 10000);
    CHECK(fashion.train.class_count == 10);

    // The first labels, read with `zcat ... | od -t u1`: Ankle boot, T-shirt, T-shirt, Dress;
    // and Ankle boot, Pullover, Trouser, Trouser.
    CHECK(std::vector<std::size_t>(fashion.train.labels.begin(), fashion.train.labels.begin() + 4) ==
          std::vector<std::size_t>{9, 0, 0, 3});
    CHECK(std::vector<std::size_t>(fashion.test.labels.begin(), fashion.test.labels.begin() + 4) ==
          std::vector<std::size_t>{9, 2, 1, 1});

    // The first images' pixel sums and centre pixels, from Python's gzip module: 76247 and 217
    // (train), 33456 and 110 (test), in bytes.
    const auto byte_sum = [](const std::array<float, 784>& image) {
        double sum = 0;
        for (float pixel : image)
            sum += static_cast<double>(pixel) * 255.0;
        return sum;
    };
    CHECK(byte_sum(fashion.train.features[0]) == Approx(76247).margin(0.5));
    CHECK(byte_sum(fashion.test.features[0]) == Approx(33456).margin(0.5));
    CHECK(fashion.train.features[0][14 * 28 + 14] * 255.0f == Approx(217));
    CHECK(fashion.test.features[0][14 * 28 + 14] * 255.0f == Approx(110));

    // Balanced classes (6000 and 1000 each, as the data set documents); pixels in [0, 1].
    for (const auto* part : {&fashion.train, &fashion.test}) {
        std::vector<std::size_t> sizes(10, 0);
        for (std::size_t label : part->labels)
            ++sizes.at(label);
        CHECK(sizes == std::vector<std::size_t>(10, part->size() / 10));
        float lowest = 1;
        float highest = 0;
        for (const auto& image : part->features)
            for (float pixel : image) {
                lowest = std::min(lowest, pixel);
                highest = std::max(highest, pixel);
            }
        CHECK(lowest == 0.0f);
        CHECK(highest == 1.0f);
    }
}
