// libFuzzer target: ctnn::io's gzip path (ctnn/io/gzip.hpp), as the loaders take it. The input is
// gzip data: it is decompressed in memory (detail::gunzip) and from a memory file (read_gzip),
// then read through links named *.gz by read_csv, read_idx_images and read_idx_labels, each with
// a 1 MiB limit, so that inputs reach the limit, the multi-member path and its second pass. Any
// exception other than load_error, any crash or sanitizer report is a bug, and so is a broken
// invariant: both decompressions agree, byte for byte or by message; what decompressed fits the
// limit; each loader's result through the .gz name is what it gives for the decompressed bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <stdlib.h>

#include <ctnn/io/csv.hpp>
#include <ctnn/io/gzip.hpp>
#include <ctnn/io/idx.hpp>

#include "idx_support.hpp"

namespace {

constexpr std::size_t max_bytes = std::size_t{1} << 20;

[[noreturn]] void violated(const char* what)
{
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
}

// A scratch directory of links to the memory file, one per name the loaders tell apart,
// removed at exit.
struct links {
    std::filesystem::path dir, csv, images, labels;

    explicit links(const std::string& target)
    {
        char name[] = "/tmp/ctnn_fuzz_gzip_XXXXXX";
        if (mkdtemp(name) == nullptr) {
            std::perror("mkdtemp");
            std::abort();
        }
        dir = name;
        csv = dir / "input.csv.gz";
        images = dir / "images.idx.gz";
        labels = dir / "labels.idx.gz";
        for (const auto& link : {csv, images, labels})
            std::filesystem::create_symlink(target, link);
    }
    ~links()
    {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

// The load's result, or the problem of its load_error.
template <class Load>
auto outcome(Load&& load) -> std::pair<std::optional<decltype(load())>, std::string>
{
    try {
        return {load(), {}};
    }
    catch (const ctnn::io::load_error& error) {
        return {std::nullopt, error.problem()};
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = ctnn_fuzz::as_memory_file(data, size);
    static const links names(path); // the memory file keeps its path from one input to the next
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);

    const auto in_memory =
        outcome([&] { return ctnn::io::detail::gunzip(bytes, names.csv, max_bytes); });
    const auto from_file = outcome([&] { return ctnn::io::read_gzip(names.csv, max_bytes); });
    if (in_memory.first != from_file.first || in_memory.second != from_file.second)
        violated("gunzip and read_gzip disagree");
    if (!from_file.first)
        return 0;
    const std::string& text = *from_file.first;
    if (text.size() > max_bytes)
        violated("more than max_bytes decompressed");

    // Each loader through the .gz name, against the same loader on the decompressed bytes.
    const ctnn::io::csv_options options{.max_bytes = max_bytes};
    const auto csv = outcome([&] { return ctnn::io::read_csv<4>(names.csv, options); });
    const auto csv_plain =
        outcome([&] { return ctnn::io::detail::parse_csv<4, float>(text, names.csv, options); });
    if (csv.first.has_value() != csv_plain.first.has_value() || csv.second != csv_plain.second ||
        (csv.first && csv.first->labels != csv_plain.first->labels))
        violated("read_csv through .gz differs from parsing the decompressed text");

    const auto images = outcome(
        [&] { return ctnn::io::read_idx_images<4>(names.images, 1.0f, max_bytes); });
    if (images.first && 16 + 4 * images.first->size() != text.size())
        violated("read_idx_images accepted a body that is not its header's size");
    const auto labels = outcome([&] { return ctnn::io::read_idx_labels(names.labels, max_bytes); });
    if (labels.first) {
        // char aliases any byte.
        const std::string_view read(reinterpret_cast<const char*>(labels.first->data()),
                                    labels.first->size());
        if (8 + read.size() != text.size() || read != std::string_view(text).substr(8))
            violated("read_idx_labels differs from the decompressed bytes");
    }
    return 0;
}
