// libFuzzer target: ctnn::io::read_idx_images (ctnn/io/idx.hpp), 2x2-pixel images.
#include <cstdlib>

#include <ctnn/io/idx.hpp>

#include "idx_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string path = ctnn_fuzz::as_memory_file(data, size);
    try {
        const auto images = ctnn::io::read_idx_images<4>(path);
        if (16 + 4 * images.size() != size)
            std::abort();
    }
    catch (const ctnn::io::load_error&) {
    }
    return 0;
}
