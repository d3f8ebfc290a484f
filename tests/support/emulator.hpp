// tests/support/emulator.hpp: what the tests change when they run under an emulator (a cross
// build's tests under QEMU's user mode, where CMake defines CTNN_TEST_UNDER_EMULATOR: see
// tests/CMakeLists.txt). The accuracy sweeps, millions of points against a long double reference
// (binary128 in software on AArch64, under emulation), take every sweep_thinning-th point: the
// same functions, ranges and breakpoints, checked on a sixteenth of the points.
#pragma once

namespace ctnn_test {

#if defined(CTNN_TEST_UNDER_EMULATOR)
inline constexpr int sweep_thinning = 16;
#else
inline constexpr int sweep_thinning = 1;
#endif

} // namespace ctnn_test
