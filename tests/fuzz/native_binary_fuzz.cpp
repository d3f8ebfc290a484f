// libFuzzer target: ctnn::load of the native binary format (ctnn/serialization.hpp).
#include "native_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string magic("\x89" "CTNN\r\n\x1a", 8);
    ctnn_fuzz::fuzz_one(data, size, magic, ctnn_fuzz::resealed_binary);
    return 0;
}
