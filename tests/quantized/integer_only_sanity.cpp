// The integer-only check's sanity case: one floating-point operation, which must fail it.
#include <cstdint>

extern "C" std::int32_t ctnn_int8_half(std::int32_t x)
{
    return static_cast<std::int32_t>(static_cast<float>(x) * 0.5f);
}
