// examples/firmware/support/output.cpp: print_bits (output.hpp), compiled for the board and for
// the host alike.
#include "output.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>

namespace firmware {

namespace {

template <class Bits>
void print_hex_line(const char* label, Bits bits)
{
    constexpr std::size_t digits = 2 * sizeof(Bits);
    char text[digits + 5]{' ', '0', 'x'};
    for (std::size_t i = 0; i < digits; ++i)
        text[3 + i] = "0123456789abcdef"[(bits >> (4 * (digits - 1 - i))) & 0xFu];
    text[3 + digits] = '\n';
    print(label);
    print(text);
}

} // namespace

void print_bits(const char* label, float value)
{
    print_hex_line(label, std::bit_cast<std::uint32_t>(value));
}

void print_bits(const char* label, double value)
{
    print_hex_line(label, std::bit_cast<std::uint64_t>(value));
}

void print_bits(const char* label, std::int8_t value)
{
    print_hex_line(label, static_cast<std::uint8_t>(value));
}

} // namespace firmware
