// tests/support/capped_child.hpp: run a piece of a test in a forked child process under resource
// limits (address space, file size), so that a test can prove a bound ("this load never needs
// more than 256 MiB") or survive an attack that would otherwise take the test runner down.
//
//   const auto outcome = ctnn::test::run_capped({.address_space = 256 << 20}, [] {
//       try { ctnn::io::read_csv<4>(bomb); } catch (const ctnn::io::load_error&) { return 0; }
//       return 1;                                           // the child's exit code
//   });
//   REQUIRE(outcome.exit_code == 0);
//
// The child reports through its exit code (0-125 are the callback's; a signal is reported as
// `signal`). Address-space caps are meaningless under AddressSanitizer (it reserves terabytes of
// shadow memory up front), so `address_space_caps_work` is false there and such tests say so; and
// under QEMU's user mode (a cross build's tests), whose own address space the cap would limit.
#pragma once

#include "emulator.hpp"

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ctnn::test {

inline constexpr bool address_space_caps_work =
    !ctnn_test::under_sanitizer && !ctnn_test::under_emulator;

struct limits {
    // Bytes of address space the child may map beyond what the process has mapped when it forks
    // (0: no cap). Measured from the current size so the cap is the same whatever the runner
    // already holds.
    std::size_t address_space = 0;
    // The largest file the child may write (0: no cap). SIGXFSZ is ignored in the child, so a
    // write past the cap fails with EFBIG as a full disk would.
    std::size_t file_size = 0;
};

struct child_outcome {
    int exit_code = -1; // the callback's return value, or -1 when the child died of a signal
    int signal = 0;     // the signal that ended the child, 0 if it exited
};

// The address space this process has mapped now, in bytes (VmSize of /proc/self/status).
inline std::size_t mapped_bytes()
{
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    std::size_t kib = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmSize: %zu kB", &kib) == 1)
            break;
    std::fclose(f);
    return kib * 1024;
}

// Forks; the child applies the limits, runs f (which returns an int exit code) and _exits with
// it, so no destructor, atexit handler or Catch2 reporter of the parent runs twice.
template <class F>
child_outcome run_capped(limits caps, F&& f)
{
    std::fflush(nullptr);
    const std::size_t base = mapped_bytes();
    const pid_t pid = fork();
    if (pid < 0)
        return {};
    if (pid == 0) {
        if (caps.address_space != 0) {
            const rlimit cap{base + caps.address_space, base + caps.address_space};
            if (setrlimit(RLIMIT_AS, &cap) != 0)
                _exit(126);
        }
        if (caps.file_size != 0) {
            signal(SIGXFSZ, SIG_IGN);
            const rlimit cap{caps.file_size, caps.file_size};
            if (setrlimit(RLIMIT_FSIZE, &cap) != 0)
                _exit(126);
        }
        int code = 125;
        try {
            code = f();
        }
        catch (...) {
            code = 124; // an exception escaped the callback
        }
        std::fflush(nullptr);
        _exit(code);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    if (WIFSIGNALED(status))
        return {-1, WTERMSIG(status)};
    return {WEXITSTATUS(status), 0};
}

} // namespace ctnn::test
