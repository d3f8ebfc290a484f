// libFuzzer target: ctnn::io::read_idx_labels (ctnn/io/idx.hpp).
#include <cstdlib>

#include <ctnn/io/idx.hpp>

#include "idx_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = ctnn_fuzz::as_memory_file(data, size);
    try {
        const auto labels = ctnn::io::read_idx_labels(path);
        if (8 + labels.size() != size)
            std::abort();
    }
    catch (const ctnn::io::load_error&) {
    }
    return 0;
}
