// tests/support/bounded_child.hpp: a Catch2 test's view of capped_child.hpp: run a load in a child
// under an address-space cap where caps work, with a 20-second alarm (a FIFO that blocks an
// open, a device read forever), warning once per process where a sanitizer makes the cap
// meaningless and the child runs without one.
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
    const bool capped = address_space_caps_work;
    static bool warned = false; // once a process: CTest runs each test case in its own
    if (!capped && !std::exchange(warned, true))
        WARN("address-space caps do not work under this build's sanitizers: only the outcome is "
             "checked here, not the memory bound");
    return run_capped({.address_space = capped ? cap : 0}, [&] {
        alarm(20);
        return f();
    });
}

} // namespace ctnn::test
