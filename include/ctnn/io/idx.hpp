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
#pragma once

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

// Checks the magic number and that the header of `header_size` bytes is all there.
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

// The body must be exactly what the header promised: a shorter file lost data, and a longer one
// is not what its header describes.
inline void check_idx_body(std::string_view bytes, const std::filesystem::path& file,
                           std::size_t header_size, std::uint64_t expected, const char* what)
{
    const std::uint64_t found = bytes.size() - header_size;
    if (found < expected)
        throw load_error(file, "truncated: expected " + std::to_string(expected) + " bytes of " +
                                   what + ", found " + std::to_string(found));
    if (found > expected)
        throw load_error(file, "expected " + std::to_string(expected) + " bytes of " + what +
                                   ", found " + std::to_string(found) +
                                   ": the file is longer than its header says");
}

} // namespace detail

// Images of Pixels unsigned bytes each (rows * cols in the header must equal Pixels), each byte
// multiplied by `scale`: by default 1/255, so values are in [0, 1].
template <std::size_t Pixels, class T = float>
std::vector<std::array<T, Pixels>> read_idx_images(const std::filesystem::path& file,
                                                   T scale = T(1) / T(255))
{
    static_assert(Pixels > 0, "ctnn::io::read_idx_images<Pixels>: Pixels is rows * cols of one "
                              "image, e.g. 784 for 28x28, and must be at least 1");
    static_assert(std::floating_point<T>, "ctnn::io::read_idx_images<Pixels, T>: T must be a "
                                          "floating-point type (float, double, long double)");
    constexpr std::size_t header_size = 16;
    const std::string bytes = read_contents(file);
    detail::check_idx_header(bytes, file, detail::idx_images_magic, "images", header_size);

    const std::uint64_t count = detail::big_endian_u32(bytes, 4);
    const std::uint64_t rows = detail::big_endian_u32(bytes, 8);
    const std::uint64_t cols = detail::big_endian_u32(bytes, 12);
    if (rows * cols != Pixels)
        throw load_error(file, "the images are " + std::to_string(rows) + "x" +
                                   std::to_string(cols) + " = " + std::to_string(rows * cols) +
                                   " pixels, but read_idx_images<" + std::to_string(Pixels) +
                                   "> reads " + std::to_string(Pixels));
    // count < 2^32, so the product overflows only for absurd Pixels.
    if (count > UINT64_MAX / Pixels)
        throw load_error(file, "the header's image count " + std::to_string(count) +
                                   " is too large");
    detail::check_idx_body(bytes, file, header_size, count * Pixels, "pixels");

    std::vector<std::array<T, Pixels>> images(static_cast<std::size_t>(count));
    const char* pixel = bytes.data() + header_size;
    for (auto& image : images)
        for (T& value : image)
            value = static_cast<T>(static_cast<unsigned char>(*pixel++)) * scale;
    return images;
}

// One unsigned byte a label.
inline std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& file)
{
    constexpr std::size_t header_size = 8;
    const std::string bytes = read_contents(file);
    detail::check_idx_header(bytes, file, detail::idx_labels_magic, "labels", header_size);
    const std::uint64_t count = detail::big_endian_u32(bytes, 4);
    detail::check_idx_body(bytes, file, header_size, count, "labels");
    return std::vector<std::uint8_t>(bytes.begin() + header_size, bytes.end());
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
                                      const std::filesystem::path& labels_file)
{
    labelled_data<784, T> data;
    data.features = read_idx_images<784, T>(images_file);
    const std::vector<std::uint8_t> labels = read_idx_labels(labels_file);
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
// t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz. Pixels are scaled to [0, 1].
template <class T = float>
mnist_split<T> read_fashion_mnist(const std::filesystem::path& dir = fashion_mnist_default_dir)
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
    mnist_split<T> split;
    split.train = detail::read_mnist_part<T>(dir / "train-images-idx3-ubyte.gz",
                                             dir / "train-labels-idx1-ubyte.gz");
    split.test = detail::read_mnist_part<T>(dir / "t10k-images-idx3-ubyte.gz",
                                            dir / "t10k-labels-idx1-ubyte.gz");
    return split;
}

} // namespace ctnn::io
