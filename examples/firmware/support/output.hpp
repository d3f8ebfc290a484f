// examples/firmware/support/output.hpp: how the firmware examples print, the same on the board
// and on the host, so that their outputs can be compared line for line. Numbers are printed as
// their exact bits in hexadecimal (no float formatting, which would need stdio on the board and
// could round two different values alike): `label 0x3f800000` for a float, 16 digits for a
// double.
#pragma once

#include <cstdint>

namespace firmware {

// Writes text as it is: semihosting on the board (semihosting_print.cpp), stdout on the host
// (host_print.cpp).
void print(const char* text);

// `label 0x<bits>\n`
void print_bits(const char* label, float value);
void print_bits(const char* label, double value);
void print_bits(const char* label, std::int8_t value); // two digits, no floating point

} // namespace firmware
