// libFuzzer target: ctnn::load of the native text format (ctnn/serialization.hpp).
#include "native_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string magic = "ctnn text\n";
    ctnn_fuzz::fuzz_one(data, size, magic, ctnn_fuzz::resealed_text);
    return 0;
}
