#!/usr/bin/env bash
# Builds every test for 64-bit Arm Linux with Debian's cross compiler and runs them under QEMU's
# user mode (CTest's emulator, set by cmake/toolchains/aarch64-linux-gnu.cmake), at -O2 (what most
# projects build with; it compiles faster than CMake's Release -O3) with the target's default
# floating-point flags: GCC contracts a * b + c into fused multiply-adds there, so the tests that
# need exact bits say so and build with -ffp-contract=off, and the others compare within bounds.
# The compile-fail and header tests are the native builds' (tests/CMakeLists.txt says why).
#   scripts/test_aarch64.sh
# Needs g++-aarch64-linux-gnu, qemu-user, and zlib for arm64 (dpkg --add-architecture arm64;
# apt-get update; apt-get install zlib1g-dev:arm64); .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in aarch64-linux-gnu-g++ qemu-aarch64; do
  command -v "${tool}" >/dev/null || {
    echo "test_aarch64.sh: ${tool} not found (Debian: g++-aarch64-linux-gnu, qemu-user)" >&2
    exit 1
  }
done

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
jobs=$(nproc 2>/dev/null || echo 2)
dir=build/test-aarch64

# The benchmarks are not built: their smoke runs time nothing (the native builds run them), and
# Google Benchmark would be one more arm64 package. The Cortex-M firmware tests do not depend on
# the host (the native g++ build runs them).
echo "=== aarch64-linux-gnu-g++: configure, build and test in ${dir} (under qemu-aarch64)"
cmake -S . -B "${dir}" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
      -DCMAKE_TOOLCHAIN_FILE="${PWD}/cmake/toolchains/aarch64-linux-gnu.cmake" \
      -DCTNN_BUILD_BENCH=OFF -DCTNN_FIRMWARE_TESTS=OFF \
      -DCTNN_WARNINGS_AS_ERRORS="${CTNN_WARNINGS_AS_ERRORS:-OFF}"
cmake --build "${dir}" -j "${jobs}"
ctest --test-dir "${dir}" --output-on-failure -j "${jobs}"
