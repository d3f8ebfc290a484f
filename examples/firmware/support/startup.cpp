// examples/firmware/support/startup.cpp: what runs before and after main() on the Cortex-M boards
// (boards/*.ld lay out the memory): the vector table, a reset handler that enables the FPU where
// there is one, copies .data's initial values from flash, zeroes .bss, runs static constructors,
// calls main() and passes its result to QEMU through semihosting; abort() and faults end the
// program the same way, with a failure status. Linked with -nostartfiles: nothing of newlib's
// crt0 is used.
#include "semihosting.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" {
// boards/sections.ld
extern std::uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern std::uint32_t __stack_top[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();

int main();
[[noreturn]] void ctnn_firmware_reset();
[[noreturn]] void ctnn_firmware_fault();

// std::abort(), which ctnn calls after a caller's mistake when built without exceptions: newlib's
// would raise SIGABRT through syscalls these boards do not have. 134 is a shell's status for an
// abort.
[[noreturn]] void abort() { firmware::semihosting::exit(134); }
}

namespace {

using handler = void (*)();

// The ARMv6-M/ARMv7-M exception table's first 16 entries: the initial stack pointer, reset, then
// the faults (no interrupt is enabled, so no peripheral vector is needed).
struct vector_table {
    void* initial_stack;
    handler reset;
    handler exceptions[14];
};

[[gnu::section(".vectors"), gnu::used]] const vector_table vectors{
    __stack_top,
    ctnn_firmware_reset,
    {ctnn_firmware_fault, ctnn_firmware_fault, ctnn_firmware_fault, ctnn_firmware_fault,
     ctnn_firmware_fault, ctnn_firmware_fault, ctnn_firmware_fault, ctnn_firmware_fault,
     ctnn_firmware_fault, ctnn_firmware_fault, ctnn_firmware_fault, ctnn_firmware_fault,
     ctnn_firmware_fault, ctnn_firmware_fault}};

} // namespace

extern "C" void ctnn_firmware_reset()
{
#if defined(__ARM_FP)
    // CPACR: full access to coprocessors 10 and 11 (the FPU), before any floating-point
    // instruction; the core resets with it off and would fault on the first one.
    *reinterpret_cast<volatile std::uint32_t*>(0xE000ED88) |= 0xFu << 20;
    asm volatile("dsb\n\tisb" ::: "memory");
#endif
    for (std::uint32_t *from = __data_load, *to = __data_start; to < __data_end;)
        *to++ = *from++;
    for (std::uint32_t* to = __bss_start; to < __bss_end;)
        *to++ = 0;
    for (auto* constructor = __init_array_start; constructor < __init_array_end; ++constructor)
        (*constructor)();
    // ISO C++ lets no program call main; a startup routine is what does, hence the pragma.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
    const int status = main();
#pragma GCC diagnostic pop
    firmware::semihosting::exit(status);
}

// A fault (a bad address, an undefined instruction, the FPU left off) ends the run with status
// 99 rather than a hang until the test's timeout.
extern "C" void ctnn_firmware_fault()
{
    firmware::semihosting::call(firmware::semihosting::sys_write0, "firmware: fault\n");
    firmware::semihosting::exit(99);
}
