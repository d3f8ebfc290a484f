#!/usr/bin/env bash
# scripts/bench.sh: builds ctnn's benchmarks (bench/) in Release, runs them pinned to one core and
# prints one table: for each case, the median time of ctnn and of the naive std::vector baseline
# and their ratio. The raw results stay in the build directory (bench.json, bench.txt).
#
#   scripts/bench.sh                          build-bench/ beside the sources, -O3
#   scripts/bench.sh --native                 and -march=native
#   scripts/bench.sh --build-dir /tmp/b --cxx clang++ -- --benchmark_filter=train_step
#
# Needs cmake, a C++20 compiler, Google Benchmark (Debian: libbenchmark-dev) and python3.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/bench.sh [options] [-- benchmark arguments...]
  --native           compile the benchmarks with -march=native (CTNN_BENCH_NATIVE=ON)
  --build-dir DIR    build directory (default: build-bench/ in the source tree)
  --cxx COMPILER     C++ compiler for a new build directory (e.g. clang++)
  --repetitions N    repetitions per benchmark; the table shows their median (default 5)
  -j N               build jobs (default 2)
  -h, --help         this text
Arguments after -- go to the benchmark binary, e.g. --benchmark_filter=forward.
EOF
}

die() {
    echo "bench.sh: $*" >&2
    exit 1
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$root/build-bench"
native=OFF
cxx=""
repetitions=5
jobs=2
bench_args=()

while [[ $# -gt 0 ]]; do
    case "$1" in
    --native) native=ON ;;
    --build-dir) [[ $# -ge 2 ]] || die "--build-dir needs a directory"; build_dir=$2; shift ;;
    --cxx) [[ $# -ge 2 ]] || die "--cxx needs a compiler"; cxx=$2; shift ;;
    --repetitions) [[ $# -ge 2 ]] || die "--repetitions needs a number"; repetitions=$2; shift ;;
    -j) [[ $# -ge 2 ]] || die "-j needs a number"; jobs=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; bench_args=("$@"); break ;;
    *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
done

# Checked first, so that a missing tool fails before minutes of building, not after.
command -v python3 >/dev/null 2>&1 ||
    die "python3 is needed to read the benchmark's JSON output and print the table; install it (Debian: apt-get install python3)"
command -v cmake >/dev/null 2>&1 || die "cmake is needed; install it (Debian: apt-get install cmake)"

generator=()
if command -v ninja >/dev/null 2>&1 && [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
    generator=(-G Ninja)
fi
compiler=()
[[ -n "$cxx" ]] && compiler=(-DCMAKE_CXX_COMPILER="$cxx")

# Only the benchmarks: the tests and examples would double the build time and time nothing.
# CMAKE_CXX_FLAGS_RELEASE is spelled out so that the table's flags are what was asked for.
echo "bench.sh: configuring $build_dir (Release, -O3; -march=native: $native)" >&2
if ! configure_log=$(cmake -S "$root" -B "$build_dir" ${generator[@]+"${generator[@]}"} \
    ${compiler[@]+"${compiler[@]}"} \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O3 -DNDEBUG" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCTNN_BUILD_TESTS=OFF -DCTNN_BUILD_EXAMPLES=OFF -DCTNN_INSTALL=OFF \
    -DCTNN_BUILD_BENCH=ON -DCTNN_BENCH_NATIVE="$native" 2>&1); then
    echo "$configure_log" >&2
    die "cmake failed to configure $build_dir"
fi
# bench/CMakeLists.txt says so, and skips itself, when find_package(benchmark) fails.
if grep -q 'Google Benchmark not found' <<<"$configure_log"; then
    die "Google Benchmark was not found, so there is nothing to run; install it (Debian: apt-get install libbenchmark-dev) or point CMake at it with -Dbenchmark_DIR=..."
fi

echo "bench.sh: building ctnn_bench" >&2
cmake --build "$build_dir" --target ctnn_bench -j "$jobs" >&2
binary="$build_dir/bench/ctnn_bench"
[[ -x "$binary" ]] || die "the build did not produce $binary"

# One core: a benchmark that migrates between cores measures the scheduler. Core 0 may be outside
# this process's allowed set (containers), so try it first.
pin=()
pinned="not pinned (taskset unavailable or core 0 not allowed)"
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    pin=(taskset -c 0)
    pinned="pinned to core 0"
fi

json="$build_dir/bench.json"
console="$build_dir/bench.txt"
echo "bench.sh: running ctnn_bench, $repetitions repetitions, $pinned (console output in $console)" >&2
# Random interleaving runs the repetitions of all benchmarks in a shuffled order, so a burst of
# load on a shared machine is spread over ctnn and the baseline rather than landing on one.
# Its console output (and the machine description it prints on stderr) goes to a file; the
# start-up agreement check's verdict, lines starting "bench:", is shown either way.
if ! ${pin[@]+"${pin[@]}"} "$binary" \
    --benchmark_repetitions="$repetitions" \
    --benchmark_report_aggregates_only=true \
    --benchmark_enable_random_interleaving=true \
    --benchmark_out="$json" --benchmark_out_format=json \
    ${bench_args[@]+"${bench_args[@]}"} >"$console" 2>&1; then
    cat "$console" >&2
    die "ctnn_bench failed (output above)"
fi
grep '^bench:' "$console" >&2 || true

# What the numbers depend on, for the table's heading.
cxx_path=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build_dir/CMakeCache.txt")
compiler_version=$("$cxx_path" --version | head -n 1)
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
[[ -n "$cpu" ]] || cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)

python3 - "$json" "$build_dir/compile_commands.json" "$compiler_version" "${cpu:-unknown}" \
    "$pinned" <<'PY'
import json
import re
import sys

results_path, commands_path, compiler, cpu, pinned = sys.argv[1:6]

with open(results_path) as f:
    results = json.load(f)

# The flags that change code generation, read from the real compile command of a bench file.
flags = "?"
try:
    with open(commands_path) as f:
        for entry in json.load(f):
            if entry["file"].endswith("bench/train_step.cpp"):
                keep = re.compile(r"^-(O|m|f|std=|D|g)")
                flags = " ".join(t for t in entry["command"].split() if keep.match(t))
                break
except OSError:
    pass

to_ns = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
name_pattern = re.compile(r"^(ctnn|naive)_(\w+)<(.+)>$")
# CPU time, not wall time: on a shared machine the time other processes hold our core is not
# ctnn's, and Google Benchmark's rate counters are per CPU second too, so the columns agree.
medians = {}  # (operation, case) -> {implementation: median aggregate}
variation = {}  # run name -> coefficient of variation of the repetitions
for bm in results["benchmarks"]:
    if bm.get("run_type") != "aggregate":
        continue
    match = name_pattern.match(bm["run_name"])
    if not match:
        continue
    if bm.get("aggregate_name") == "cv":
        variation[bm["run_name"]] = bm["cpu_time"]
    if bm.get("aggregate_name") != "median":
        continue
    implementation, operation, case = match.groups()
    bm["ns"] = bm["cpu_time"] * to_ns[bm["time_unit"]]
    medians.setdefault((operation, case), {})[implementation] = bm

if not medians:
    sys.exit("bench.sh: no median results in " + results_path + " (was every benchmark filtered out?)")

context = results["context"]
repetitions = next(iter(next(iter(medians.values())).values())).get("repetitions", "?")
print(f"compiler: {compiler}")
print(f"flags:    {flags}")
print(f"CPU:      {cpu} ({context.get('num_cpus', '?')} CPUs, {context.get('mhz_per_cpu', '?')} MHz), {pinned}")
print(f"times:    median CPU time of {repetitions} repetitions, ns per iteration "
      "(train_step: one epoch, batch 4; forward: one sample)")
load = context.get("load_avg")
if load:
    print(f"load:     {load[0]:.2f} (1-minute load average at start)")
if variation:
    worst = max(variation, key=variation.get)
    print(f"noise:    repetitions vary by up to {100 * variation[worst]:.0f}% (coefficient of "
          f"variation, {worst})")
if context.get("cpu_scaling_enabled"):
    print("note:     CPU frequency scaling is enabled; timings may vary from run to run")
if context.get("library_build_type") == "debug":
    print("note:     the Google Benchmark library reports a debug build; that affects its harness "
          "only, the timed loops are compiled with the flags above")
print()

header = ("case", "ctnn ns", "naive ns", "naive/ctnn", "ctnn GFLOP/s", "ctnn Msamples/s")
rows = []
operation_order = {"train_step": 0, "forward": 1}
for (operation, case) in sorted(medians, key=lambda k: (operation_order.get(k[0], 9), k)):
    pair = medians[(operation, case)]
    ours, theirs = pair.get("ctnn"), pair.get("naive")
    rows.append((
        f"{operation} {case}",
        f"{ours['ns']:.1f}" if ours else "-",
        f"{theirs['ns']:.1f}" if theirs else "-",
        f"{theirs['ns'] / ours['ns']:.2f}" if ours and theirs else "-",
        f"{ours['FLOP/s'] / 1e9:.2f}" if ours and "FLOP/s" in ours else "-",
        f"{ours['samples/s'] / 1e6:.1f}" if ours and "samples/s" in ours else "-",
    ))
widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
def line(cells):
    return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
print(line(header))
print(line(tuple("-" * w for w in widths)))
for r in rows:
    print(line(r))
PY
