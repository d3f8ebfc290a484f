// tests/support/emulator.hpp: what the tests change when they run under an emulator (a cross
// build's tests under QEMU's user mode, where CMake defines CTNN_TEST_UNDER_EMULATOR: see
// tests/CMakeLists.txt) or under AddressSanitizer or ThreadSanitizer. The accuracy sweeps,
// millions of points against a long double reference (binary128 in software on AArch64, under
// emulation), take every sweep_thinning-th point: the same functions, ranges and breakpoints,
// checked on a sixteenth of the points. Under a sanitizer the sweeps are there to run every
// range and branch of the code through its checks; their accuracy on every point is the
// uninstrumented builds' to check (CI's clang++ build is ASan + UBSan at -O0, where a full
// sweep takes minutes: scripts/test.sh).
#pragma once

namespace ctnn_test {

// Whether this build runs under QEMU's user mode or an address-space-reserving sanitizer
// (AddressSanitizer, ThreadSanitizer, MemorySanitizer): both change what a test can afford or
// measure (here the sweeps; in capped_child.hpp, address-space caps).
#if defined(CTNN_TEST_UNDER_EMULATOR)
inline constexpr bool under_emulator = true;
#else
inline constexpr bool under_emulator = false;
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool under_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                        \
    __has_feature(memory_sanitizer)
inline constexpr bool under_sanitizer = true;
#else
inline constexpr bool under_sanitizer = false;
#endif
#else
inline constexpr bool under_sanitizer = false;
#endif

inline constexpr int sweep_thinning = under_emulator || under_sanitizer ? 16 : 1;

} // namespace ctnn_test
