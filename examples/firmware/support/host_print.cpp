// examples/firmware/support/host_print.cpp: firmware::print on the host, where the firmware
// examples are built too, as the x86-64 reference their board outputs are compared with.
#include "output.hpp"

#include <cstdio>

void firmware::print(const char* text)
{
    std::fputs(text, stdout);
}
