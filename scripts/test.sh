#!/usr/bin/env bash
# Builds and runs every test (unit, golden, gradient, no-heap, static, compile-fail, consumer,
# examples, benchmark smoke runs, Cortex-M firmware under QEMU where its tools are installed)
# with g++ and then clang++, each in its own build directory.
#   scripts/test.sh            both compilers
#   CXX_LIST=clang++ scripts/test.sh
# CI sets CTNN_WARNINGS_AS_ERRORS=ON, and CTNN_SANITIZE_CLANG=1: its clang++ build is then the
# ASan + UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
jobs=$(nproc 2>/dev/null || echo 2)

# The Cortex-M firmware tests (tests/firmware) do not depend on the host's compiler: the first
# build runs them, the others leave them out.
firmware=ON
for cxx in ${CXX_LIST:-g++ clang++}; do
  dir="build/test-${cxx}"
  flags=(-DCTNN_FIRMWARE_TESTS="${firmware}")
  firmware=OFF
  exclude=()
  if [[ "${cxx}" == clang++* && "${CTNN_SANITIZE_CLANG:-0}" == 1 ]]; then
    # CI: the clang++ build is the AddressSanitizer + UndefinedBehaviorSanitizer build (one
    # build instead of two; scripts/sanitize.sh explains the flags). The no-heap test
    # interposes malloc as ASan does, so it runs in the g++ build only; the benchmarks' smoke
    # run and agreement check (the largest TUs) run in the g++ build only, for CI's time. -O0:
    # it compiles the suite in under half the time -O1 takes with the sanitizers (1036 -> 498
    # CPU seconds, 2026-12-08), and the tests' run time grows by less than that once the
    # accuracy sweeps take every 16th point under a sanitizer (tests/support/emulator.hpp). The
    # debug information is line tables only (what a sanitizer's stack trace prints), which
    # compiles faster than -g's full information.
    dir="build/test-${cxx}-sanitized"
    flags+=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -gline-tables-only"
           -DCTNN_BUILD_BENCH=OFF
           -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
           -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined")
    exclude=(--exclude-regex '^heap_zero_allocation:')
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
  else
    flags+=(-DCMAKE_BUILD_TYPE=Release)
  fi
  echo "=== ${cxx}: configure, build and test in ${dir}"
  cmake -S . -B "${dir}" "${generator[@]}" "${flags[@]}" \
        -DCMAKE_CXX_COMPILER="${cxx}" \
        -DCTNN_WARNINGS_AS_ERRORS="${CTNN_WARNINGS_AS_ERRORS:-OFF}"
  cmake --build "${dir}" -j "${jobs}"
  ctest --test-dir "${dir}" --output-on-failure -j "${jobs}" ${exclude[@]+"${exclude[@]}"}
done
