#!/usr/bin/env bash
# Builds and runs every test (unit, golden, gradient, no-heap, static, compile-fail, consumer,
# examples, benchmark smoke runs) with g++ and then clang++, each in its own build directory.
#   scripts/test.sh            both compilers
#   CXX_LIST=clang++ scripts/test.sh
# CI sets CTNN_WARNINGS_AS_ERRORS=ON.
set -euo pipefail
cd "$(dirname "$0")/.."

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
jobs=$(nproc 2>/dev/null || echo 2)

for cxx in ${CXX_LIST:-g++ clang++}; do
  dir="build/test-${cxx}"
  echo "=== ${cxx}: configure, build and test in ${dir}"
  cmake -S . -B "${dir}" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CXX_COMPILER="${cxx}" \
        -DCTNN_WARNINGS_AS_ERRORS="${CTNN_WARNINGS_AS_ERRORS:-OFF}"
  cmake --build "${dir}" -j "${jobs}"
  ctest --test-dir "${dir}" --output-on-failure -j "${jobs}"
done
