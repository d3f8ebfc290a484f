// libFuzzer target: ctnn::io's CSV parser (ctnn/io/csv.hpp), through its in-memory entry point
// detail::parse_csv, which read_csv calls on the file's contents. Any exception other than
// load_error, any crash and any sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <ctnn/io/csv.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the header mode; the rest is the file.
    using mode = ctnn::io::csv_options::header_mode;
    const mode header = data[0] % 3 == 0   ? mode::automatic
                        : data[0] % 3 == 1 ? mode::present
                                           : mode::absent;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        const auto set = ctnn::io::detail::parse_csv<4, float>(text, "fuzz.csv", {header});
        if (set.features.size() != set.labels.size())
            std::abort();
        for (std::size_t label : set.labels)
            if (label >= set.class_count)
                std::abort();
    }
    catch (const ctnn::io::load_error&) {
    }
    try {
        (void)ctnn::io::detail::parse_csv<1, double>(text, "fuzz.csv", {header});
    }
    catch (const ctnn::io::load_error&) {
    }
    return 0;
}
