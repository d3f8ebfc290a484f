// examples/firmware/support/semihosting.hpp: the two ARM semihosting calls the firmware needs, to
// print a line and to end the program with a status, without newlib's stdio (which would add
// kilobytes to the size figures and printf to the link map). A semihosting call is `bkpt 0xab`
// with the operation in r0 and its argument in r1; the debugger, here qemu-system-arm run with
// -semihosting-config enable=on,target=native, performs it (ARM's "Semihosting for AArch32 and
// AArch64", version 2). On a board without a debugger attached the breakpoint faults: these
// programs are for the emulator.
#pragma once

#include <cstdint>

namespace firmware::semihosting {

enum operation : std::uint32_t {
    sys_write0 = 0x04,        // r1: a NUL-terminated string, written to the host's stdout
    sys_exit_extended = 0x20, // r1: {reason, status}; QEMU exits with the status
};

// ADP_Stopped_ApplicationExit: the program ended by itself (as opposed to a fault).
inline constexpr std::uint32_t application_exit = 0x20026;

inline std::uint32_t call(operation op, const void* argument)
{
    register std::uint32_t r0 asm("r0") = op;
    register const void* r1 asm("r1") = argument;
    asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

// Ends the program: qemu-system-arm exits with `status` as its own exit status.
[[noreturn]] inline void exit(int status)
{
    const std::uint32_t block[2]{application_exit, static_cast<std::uint32_t>(status)};
    call(sys_exit_extended, block);
    for (;;) // not reached under QEMU; on a board without a debugger, wait for the watchdog
        asm volatile("wfi");
}

} // namespace firmware::semihosting
