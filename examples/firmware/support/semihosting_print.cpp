// examples/firmware/support/semihosting_print.cpp: firmware::print on the board, through
// semihosting's SYS_WRITE0 (QEMU writes the string to its stdout).
#include "output.hpp"
#include "semihosting.hpp"

void firmware::print(const char* text)
{
    semihosting::call(semihosting::sys_write0, text);
}
