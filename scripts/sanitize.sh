#!/usr/bin/env bash
# Builds and runs ctnn's test suite (tests and examples; benchmarks and fuzzers off) under
# sanitizers with clang++:
#   1. AddressSanitizer + UndefinedBehaviorSanitizer, every CTest test but the ones below, in
#      build/sanitize;
#   2. ThreadSanitizer, only tests/robust/thread_test.cpp (const forward passes on one network
#      from several threads), in build/sanitize-thread.
# Any sanitizer report aborts the test that made it (-fno-sanitize-recover=all, halt_on_error), so
# a finding is a failing test. -O1 with debug information: run time close to -O2's, stack traces
# with line numbers; assertions stay on.
#
# Excluded from the ASan/UBSan run, because nothing they run is built with these flags:
#   compile_fail  (label) each test runs the compiler and checks its error message
#   consumer_     (name)  each test configures and builds a separate project with plain flags
#   static        (label) static_assert files: compiling them is the whole test
#   heap_zero_allocation  (name) replaces operator new and interposes malloc/free itself,
#                 forwarding to glibc's __libc_malloc; ASan interposes the same functions, and
#                 memory then crosses allocators (glibc's free() of an ASan pointer aborts). The
#                 ordinary builds run it.
#
#   scripts/sanitize.sh                 both runs
#   scripts/sanitize.sh address         only the ASan/UBSan run (or: thread)
#   JOBS=1 scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."

[[ $# -gt 0 ]] || set -- address thread
runs=("$@")
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
cxx="${CXX_SANITIZE:-clang++}"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

common=(-DCMAKE_CXX_COMPILER="${cxx}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g"
        -DCTNN_BUILD_BENCH=OFF -DCTNN_BUILD_FUZZERS=OFF
        -DCTNN_WARNINGS_AS_ERRORS="${CTNN_WARNINGS_AS_ERRORS:-OFF}")

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"

for run in "${runs[@]}"; do
  start=$(date +%s)
  case "${run}" in
    address)
      dir=build/sanitize
      flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
      echo "=== ASan + UBSan (${cxx}): configure, build and test in ${dir}"
      cmake -S . -B "${dir}" "${generator[@]}" "${common[@]}" -DCTNN_BUILD_TESTS=ON \
            -DCTNN_BUILD_EXAMPLES=ON -DCMAKE_CXX_FLAGS="${flags}" \
            -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
      cmake --build "${dir}" -j "${jobs}"
      ctest --test-dir "${dir}" --output-on-failure -j "${jobs}" \
            --label-exclude '^(compile_fail|static)$' --exclude-regex '^(consumer_|heap_zero_allocation:)'
      ;;
    thread)
      dir=build/sanitize-thread
      flags="-fsanitize=thread -fno-sanitize-recover=all -fno-omit-frame-pointer"
      echo "=== TSan (${cxx}): build and run robust_thread in ${dir}"
      cmake -S . -B "${dir}" "${generator[@]}" "${common[@]}" -DCTNN_BUILD_TESTS=ON \
            -DCTNN_BUILD_EXAMPLES=OFF -DCMAKE_CXX_FLAGS="${flags}" \
            -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
      cmake --build "${dir}" -j "${jobs}" --target robust_thread
      "${dir}/tests/robust/robust_thread"
      ;;
    *) echo "sanitize.sh: unknown run '${run}' (address or thread)" >&2; exit 2 ;;
  esac
  echo "=== ${run}: $(( $(date +%s) - start )) s"
done
