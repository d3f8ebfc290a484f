// ctnn/io/idx.hpp: readers for IDX, the format of LeCun's MNIST and of Fashion-MNIST:
// `read_idx_images`, `read_idx_labels` and `read_fashion_mnist`, which reads the four files of
// the data set from one directory. Files whose names end in .gz are read through zlib.
//
//   const auto fashion = ctnn::io::read_fashion_mnist(); // Debian's dataset-fashion-mnist
//   // fashion.train.size() == 60000, fashion.test.size() == 10000,
//   // fashion.train.features[i] is a std::array<float, 784> of pixels in [0, 1]
//   const auto images = ctnn::io::read_idx_images<784>("t10k-images-idx3-ubyte.gz");
//   const auto labels = ctnn::io::read_idx_labels("t10k-labels-idx1-ubyte.gz");
//
// IDX: a big-endian magic number 0x00000803 (unsigned bytes, 3 dimensions) for images or
// 0x00000801 (1 dimension) for labels, then each dimension as a big-endian 32-bit count, then
// the bytes. The file must hold exactly what its header says; anything else is a load_error.
//
// Bounds (see ctnn/io/gzip.hpp): at most `max_bytes` bytes a file, decompressed (by default
// default_max_bytes, 1 GiB), regular files only. The header is read first, and the size it
// promises is checked against max_bytes and against the file before the result is reserved: a
// plain file's size; a .gz file's trailer, or where the trailer does not state that size, the
// body decompressed and counted, keeping nothing. Memory: the result, filled as the bytes arrive,
// and about 200 KiB. A gzip bomb is refused after its header or at most max_bytes into its body.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <ctnn/io/gzip.hpp>
#include <ctnn/io/labelled_data.hpp>
#include <ctnn/io/load_error.hpp>

namespace ctnn::io {

namespace detail {

inline constexpr std::uint32_t idx_images_magic = 0x00000803;
inline constexpr std::uint32_t idx_labels_magic = 0x00000801;

inline std::uint32_t big_endian_u32(std::string_view bytes, std::size_t offset) noexcept
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value = value << 8 | static_cast<unsigned char>(bytes[offset + i]);
    return value;
}

inline std::string hex32(std::uint32_t value)
{
    constexpr const char* digits = "0123456789abcdef";
    std::string text = "0x00000000";
    for (std::size_t i = 0; i < 8; ++i)
        text[9 - i] = digits[(value >> (4 * i)) & 0xfu];
    return text;
}

// Checks the magic number and that the header of `header_size` bytes is all there; `bytes` is
// what the file's first header_size bytes were (fewer if the file is shorter).
inline void check_idx_header(std::string_view bytes, const std::filesystem::path& file,
                             std::uint32_t expected, const char* kind, std::size_t header_size)
{
    if (bytes.empty())
        throw load_error(file, "file is empty");
    if (bytes.size() >= 4) {
        const std::uint32_t magic = big_endian_u32(bytes, 0);
        if (magic != expected) {
            std::string problem = "bad magic number " + hex32(magic) + ", expected " +
                                  hex32(expected) + " for IDX " + kind;
            if (magic == idx_labels_magic)
                problem += "; this is an IDX label file";
            else if (magic == idx_images_magic)
                problem += "; this is an IDX image file";
            else if (static_cast<unsigned char>(bytes[0]) == 0x1f &&
                     static_cast<unsigned char>(bytes[1]) == 0x8b)
                problem += "; the data is gzip-compressed, so give the file a name ending in .gz";
            throw load_error(file, problem);
        }
    }
    if (bytes.size() < header_size)
        throw load_error(file, "truncated: expected an IDX header of " +
                                   std::to_string(header_size) + " bytes, found " +
                                   std::to_string(bytes.size()));
}

// Reads the first header_size bytes (at most 16) into `header` and checks them.
inline std::string_view read_idx_header(byte_reader& reader, std::array<char, 16>& header,
                                        std::uint32_t expected, const char* kind,
                                        std::size_t header_size)
{
    const std::string_view bytes(header.data(), reader.read(header.data(), header_size));
    check_idx_header(bytes, reader.file(), expected, kind, header_size);
    return bytes;
}

// The body after the header must be exactly the `expected` bytes it promises (a shorter file lost
// data; a longer one is not what its header describes), and within max_bytes. Checked before the
// result is allocated: against the file's size for a plain file. For a .gz file, against the
// limit, and then the size: when the gzip trailer states the size the header promises (as it
// does for every file of one gzip member), while the body is read into the result, which holds
// only what has arrived; else by decompressing and counting the body first, keeping nothing and
// going no further than one byte past the promise, after which the reader is back at the body.
inline void check_idx_body(byte_reader& reader, std::size_t header_size, std::uint64_t expected,
                           const char* what, std::size_t max_bytes)
{
    const std::filesystem::path& file = reader.file();
    const auto check_limit = [&] {
        if (expected > max_bytes - std::min(max_bytes, header_size))
            throw load_error(file, "the file would hold " + std::to_string(header_size) + " + " +
                                       std::to_string(expected) + " bytes (header and " + what +
                                       "), more than " + beyond_limit(max_bytes));
    };
    std::uint64_t found = expected;
    if (const auto size = reader.known_size()) {
        found = *size - std::min<std::uint64_t>(*size, header_size);
    }
    else {
        check_limit();
        if (reader.trailer_states(header_size + expected))
            return;
        found = count_to_end(reader, expected);
        reader.rewind();
        std::array<char, 16> skipped{};
        reader.read(skipped.data(), header_size);
    }
    if (found < expected)
        throw load_error(file, "truncated: expected " + std::to_string(expected) + " bytes of " +
                                   what + ", found " + std::to_string(found));
    if (found > expected)
        throw load_error(file, "expected " + std::to_string(expected) + " bytes of " + what +
                                   ", found " + (reader.gzip() ? "more" : std::to_string(found)) +
                                   ": the file is longer than its header says");
    check_limit();
}

// Reads the body, the `expected` bytes after the header, handing each piece to
// take(const char*, std::size_t); refuses a body that ends early or runs on (a .gz file whose size
// was not counted first, or a file that changed since it was checked).
template <class Take>
void read_idx_body(byte_reader& reader, std::uint64_t expected, const char* what, Take&& take)
{
    std::string piece(read_piece, '\0');
    std::uint64_t found = 0;
    while (found < expected) {
        const auto want =
            static_cast<std::size_t>(std::min<std::uint64_t>(piece.size(), expected - found));
        const std::size_t got = reader.read(piece.data(), want);
        if (got == 0)
            throw load_error(reader.file(), "truncated: expected " + std::to_string(expected) +
                                                " bytes of " + what + ", found " +
                                                std::to_string(found));
        take(piece.data(), got);
        found += got;
    }
    if (reader.read(piece.data(), 1) != 0)
        throw load_error(reader.file(), "expected " + std::to_string(expected) + " bytes of " +
                                            what + ", found more: the file is longer than its "
                                            "header says");
}

} // namespace detail

// Images of Pixels unsigned bytes each (rows * cols in the header must equal Pixels), each byte
// multiplied by `scale`: by default 1/255, so values are in [0, 1]. The file holds at most
// max_bytes bytes (decompressed), and the header's count is checked against it and against the
// file before the images are reserved: they take count * Pixels * sizeof(T) bytes.
template <std::size_t Pixels, class T = float>
std::vector<std::array<T, Pixels>> read_idx_images(const std::filesystem::path& file,
                                                   T scale = T(1) / T(255),
                                                   std::size_t max_bytes = default_max_bytes)
{
    static_assert(Pixels > 0, "ctnn::io::read_idx_images<Pixels>: Pixels is rows * cols of one "
                              "image, e.g. 784 for 28x28, and must be at least 1");
    static_assert(std::floating_point<T>, "ctnn::io::read_idx_images<Pixels, T>: T must be a "
                                          "floating-point type (float, double, long double)");
    return detail::reporting_memory(file, [&] {
        constexpr std::size_t header_size = 16;
        detail::byte_reader reader(file, file.extension() == ".gz");
        std::array<char, 16> header_bytes{};
        const std::string_view header = detail::read_idx_header(
            reader, header_bytes, detail::idx_images_magic, "images", header_size);

        const std::uint64_t count = detail::big_endian_u32(header, 4);
        const std::uint64_t rows = detail::big_endian_u32(header, 8);
        const std::uint64_t cols = detail::big_endian_u32(header, 12);
        if (rows * cols != Pixels)
            throw load_error(file, "the images are " + std::to_string(rows) + "x" +
                                       std::to_string(cols) + " = " + std::to_string(rows * cols) +
                                       " pixels, but read_idx_images<" + std::to_string(Pixels) +
                                       "> reads " + std::to_string(Pixels));
        // count < 2^32, so the product overflows only for absurd Pixels.
        if (count > UINT64_MAX / Pixels)
            throw load_error(file, "the header's image count " + std::to_string(count) +
                                       " is too large");
        detail::check_idx_body(reader, header_size, count * Pixels, "pixels", max_bytes);

        // Reserved, then filled as the pixels arrive: memory is touched only for what arrived.
        std::vector<std::array<T, Pixels>> images;
        images.reserve(static_cast<std::size_t>(count));
        std::size_t pixel = 0;
        const auto take = [&](const char* bytes, std::size_t n) {
            for (std::size_t k = 0; k < n; ++k) {
                if (pixel == 0)
                    images.emplace_back();
                images.back()[pixel] = static_cast<T>(static_cast<unsigned char>(bytes[k])) * scale;
                pixel = pixel + 1 == Pixels ? 0 : pixel + 1;
            }
        };
        detail::read_idx_body(reader, count * Pixels, "pixels", take);
        return images;
    });
}

// One unsigned byte a label; at most max_bytes bytes in the file (decompressed), checked as for
// read_idx_images.
inline std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& file,
                                                 std::size_t max_bytes = default_max_bytes)
{
    return detail::reporting_memory(file, [&] {
        constexpr std::size_t header_size = 8;
        detail::byte_reader reader(file, file.extension() == ".gz");
        std::array<char, 16> header_bytes{};
        const std::string_view header = detail::read_idx_header(
            reader, header_bytes, detail::idx_labels_magic, "labels", header_size);
        const std::uint64_t count = detail::big_endian_u32(header, 4);
        detail::check_idx_body(reader, header_size, count, "labels", max_bytes);
        std::vector<std::uint8_t> labels;
        labels.reserve(static_cast<std::size_t>(count));
        detail::read_idx_body(reader, count, "labels", [&](const char* bytes, std::size_t n) {
            labels.insert(labels.end(), bytes, bytes + n);
        });
        return labels;
    });
}

// The classes of Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017), in label order.
inline constexpr std::array<const char*, 10> fashion_mnist_class_names{
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

template <class T = float>
struct mnist_split {
    labelled_data<784, T> train, test;
};

// Where Debian's dataset-fashion-mnist package installs the data set.
inline constexpr const char* fashion_mnist_default_dir = "/usr/share/datasets/fashion-mnist";

namespace detail {

template <class T>
labelled_data<784, T> read_mnist_part(const std::filesystem::path& images_file,
                                      const std::filesystem::path& labels_file,
                                      std::size_t max_bytes)
{
    labelled_data<784, T> data;
    data.features = read_idx_images<784, T>(images_file, T(1) / T(255), max_bytes);
    const std::vector<std::uint8_t> labels = read_idx_labels(labels_file, max_bytes);
    if (labels.size() != data.features.size())
        throw load_error(labels_file, "holds " + std::to_string(labels.size()) +
                                          " labels, but " + images_file.filename().string() +
                                          " holds " + std::to_string(data.features.size()) +
                                          " images; the counts must agree");
    constexpr std::size_t classes = fashion_mnist_class_names.size();
    data.labels.reserve(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] >= classes)
            throw load_error(labels_file, "label " + std::to_string(labels[i]) + " at index " +
                                              std::to_string(i) + " is out of range: there are " +
                                              std::to_string(classes) + " classes (0 to 9)");
        data.labels.push_back(labels[i]);
    }
    data.class_count = classes;
    data.class_names.assign(fashion_mnist_class_names.begin(), fashion_mnist_class_names.end());
    return data;
}

} // namespace detail

// Fashion-MNIST, or MNIST (then class_names are Fashion-MNIST's, which is wrong for digits),
// from a directory holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
// t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz. Pixels are scaled to [0, 1]. Each
// file holds at most max_bytes bytes, decompressed (the largest, the training images, 47 MB).
template <class T = float>
mnist_split<T> read_fashion_mnist(const std::filesystem::path& dir = fashion_mnist_default_dir,
                                  std::size_t max_bytes = default_max_bytes)
{
    static_assert(std::floating_point<T>, "ctnn::io::read_fashion_mnist<T>: T must be a "
                                          "floating-point type (float, double, long double)");
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (status.type() == fs::file_type::not_found)
        throw load_error(dir, "directory not found; Debian's dataset-fashion-mnist package "
                              "installs the data set in /usr/share/datasets/fashion-mnist");
    if (status.type() != fs::file_type::directory)
        throw load_error(dir, "is not a directory; read_fashion_mnist takes the directory "
                              "holding the four IDX files");
    return detail::reporting_memory(dir, [&] {
        mnist_split<T> split;
        split.train = detail::read_mnist_part<T>(dir / "train-images-idx3-ubyte.gz",
                                                 dir / "train-labels-idx1-ubyte.gz", max_bytes);
        split.test = detail::read_mnist_part<T>(dir / "t10k-images-idx3-ubyte.gz",
                                                dir / "t10k-labels-idx1-ubyte.gz", max_bytes);
        return split;
    });
}

} // namespace ctnn::io
