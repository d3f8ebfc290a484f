#!/usr/bin/env bash
# Builds ctnn's libFuzzer targets (tests/fuzz) with clang++, AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs each for a bounded time from its seed corpus. Fails on any
# crash, leak, timeout or sanitizer report; prints the executions of every target.
#   scripts/fuzz.sh                              every target, 60 s each
#   scripts/fuzz.sh --seconds 600 native_text    one target, longer
#   scripts/fuzz.sh --jobs 2 --build-dir build/fuzz-long
# Needs clang++ 14 and libFuzzer (Debian: clang-14 and libclang-rt-14-dev). New inputs the fuzzer
# finds go to build/.../fuzz-work/<target>/corpus, not into the committed seeds; a crashing
# input is saved as build/.../fuzz-work/<target>/crash-* and reproduces with
#   build/fuzz/tests/fuzz/fuzz_<target> <that file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
build_dir=build/fuzz
jobs=2
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build-dir) build_dir="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(native_binary native_text csv idx_images idx_labels gzip rtneural_json)

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S . -B "${build_dir}" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER="${CXX:-clang++}" -DCTNN_BUILD_FUZZERS=ON \
      -DCTNN_BUILD_TESTS=OFF -DCTNN_BUILD_EXAMPLES=OFF -DCTNN_BUILD_BENCH=OFF \
      -DCTNN_WARNINGS_AS_ERRORS="${CTNN_WARNINGS_AS_ERRORS:-OFF}" >/dev/null
# Every fuzz target this machine can build (tests, examples and benchmarks are off).
cmake --build "${build_dir}" -j "${jobs}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

# One fuzzer per core (--jobs, default 2): each target runs for its full time, so the wall time
# is about seconds * targets / jobs.
fuzz_one() {
  local target=$1
  local work="${build_dir}/fuzz-work/${target}"
  rm -rf "${work}"
  mkdir -p "${work}/corpus"
  local log="${work}/fuzz.log"
  local status=0
  "${build_dir}/tests/fuzz/fuzz_${target}" "${work}/corpus" "tests/fuzz/corpus/${target}" \
      -max_total_time="${seconds}" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
      -print_final_stats=1 -artifact_prefix="${work}/" >"${log}" 2>&1 || status=$?
  local executions
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "${log}" | tail -1)
  if [[ ${status} -ne 0 ]] || grep -qE "ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:" "${log}"; then
    { echo "--- ${target} FAILED (exit ${status}); the end of ${log}:"; tail -40 "${log}"; } >"${work}/verdict"
    echo "${target}: FAILED after ${executions:-?} executions" >"${work}/summary"
  else
    : >"${work}/verdict"
    echo "${target}: ${executions:-?} executions in ${seconds} s, no findings" >"${work}/summary"
  fi
}

present=()
for target in "${targets[@]}"; do
  if [[ -x "${build_dir}/tests/fuzz/fuzz_${target}" ]]; then
    present+=("${target}")
  else
    echo "fuzz.sh: fuzz_${target} was not built (its dependency is missing: rtneural_json needs nlohmann-json3-dev); skipped" >&2
  fi
done
echo "=== fuzzing ${present[*]}: ${seconds} s each, ${jobs} at a time"
running=0
for target in "${present[@]}"; do
  fuzz_one "${target}" &
  running=$((running + 1))
  if [[ ${running} -ge ${jobs} ]]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

failed=()
summary=()
for target in "${present[@]}"; do
  work="${build_dir}/fuzz-work/${target}"
  summary+=("$(cat "${work}/summary")")
  if [[ -s "${work}/verdict" ]]; then
    cat "${work}/verdict"
    failed+=("${target}")
  fi
done

echo "=== fuzzing summary"
printf '  %s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: findings in: ${failed[*]}" >&2
  exit 1
fi
