// tests/support/bounded_child.hpp: a Catch2 test's view of capped_child.hpp: run a load in a child
// under an address-space cap where caps work, with a 20-second alarm (a FIFO that blocks an
// open, a device read forever), warning once per process where a sanitizer makes the cap
// meaningless and the child runs without one. Under QEMU's user mode (a cross build's tests) a
// forked child spins without end (seen with qemu-aarch64 7.2 on Debian 12), so there the load
// runs in the test's own process, without a cap or an alarm: the outcome is checked, the bound is
// checked by the native builds.
#pragma once

#include <cstddef>
#include <utility>

#include <catch2/catch.hpp>
#include <unistd.h>

#include "capped_child.hpp"

namespace ctnn::test {

template <class F>
child_outcome run_bounded(std::size_t cap, F&& f)
{
#if defined(CTNN_TEST_UNDER_EMULATOR)
    static_cast<void>(cap);
    static bool warned_emulated = false;
    if (!std::exchange(warned_emulated, true))
        WARN("under an emulator the load runs in this process: only the outcome is checked here, "
             "not the memory bound");
    try {
        return {f(), 0};
    }
    catch (...) {
        return {124, 0}; // an exception escaped the callback, as in a child
    }
#else
    const bool capped = address_space_caps_work;
    static bool warned = false; // once a process: CTest runs each test case in its own
    if (!capped && !std::exchange(warned, true))
        WARN("address-space caps do not work under this build's sanitizers: only the outcome is "
             "checked here, not the memory bound");
    return run_capped({.address_space = capped ? cap : 0}, [&] {
        alarm(20);
        return f();
    });
#endif
}

} // namespace ctnn::test
