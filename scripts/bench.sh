#!/usr/bin/env bash
# scripts/bench.sh: builds ctnn's benchmarks (bench/) in Release with -O3 -march=native, runs them
# pinned to one core and prints one table: for every operation, case and scalar type, the median
# time of ctnn, of the hand-written Eigen baseline and of the naive std::vector baseline, the
# baselines' time over ctnn's, and ctnn's GFLOP/s and samples/s. A summary against issue 11's
# targets follows, then ctnn's time over Eigen's for every operation of the tanh, elu and
# softplus cases. The raw results stay in the build directory (bench.json, bench.txt).
#
#   scripts/bench.sh                              build-bench/ beside the sources
#   scripts/bench.sh --filter 'train_step.*784'   only the benchmarks whose name matches
#   scripts/bench.sh --default-flags              -O2, no -march: build-bench-default-flags/
#   scripts/bench.sh --portable --build-dir /tmp/b --cxx clang++
#
# Needs cmake, a C++20 compiler, Google Benchmark (Debian: libbenchmark-dev), Eigen (Debian:
# libeigen3-dev) and python3. About 5 minutes with the defaults on a 2-core machine, once built.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/bench.sh [options] [-- benchmark arguments...]
  --filter REGEX     run only the benchmarks whose name matches (--benchmark_filter), e.g.
                     'train_step', 'mlp_784', 'forward<.*float'
  --portable         -O3 without -march=native (CTNN_BENCH_NATIVE=OFF)
  --default-flags    a compiler's default optimisation, -O2, and no -march or other flag of
                     ours (CMAKE_CXX_FLAGS emptied); its own build directory by default,
                     build-bench-default-flags/, so the -O3 -march=native build stays as it is
  --build-dir DIR    build directory (default: build-bench/ in the source tree)
  --cxx COMPILER     C++ compiler for a new build directory (e.g. clang++)
  --repetitions N    repetitions per benchmark; the table shows their median (default 3)
  --min-time SECONDS minimum time per repetition (default 0.05)
  --core N           the core to pin the run to (default 0)
  -j N               build jobs (default 2)
  -h, --help         this text
Arguments after -- go to the benchmark binary as they are.
EOF
}

die() {
    echo "bench.sh: $*" >&2
    exit 1
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=""
native=ON
# -O3 unless --default-flags; CMAKE_CXX_FLAGS is left as the build directory has it unless
# --default-flags, which empties it.
optimization=-O3
default_flags=OFF
cxx=""
repetitions=3
# 288 benchmarks x 3 repetitions: at 0.05 s each (and Google Benchmark's run-up to it) the whole
# suite takes about 5 minutes, yet the smallest cases still run ~10^6 iterations a repetition.
min_time=0.05
core=0
jobs=2
filter=""
bench_args=()

while [[ $# -gt 0 ]]; do
    case "$1" in
    --filter) [[ $# -ge 2 ]] || die "--filter needs a regular expression"; filter=$2; shift ;;
    --portable) native=OFF ;;
    --native) native=ON ;; # the default; kept so that older command lines still work
    --default-flags) default_flags=ON; native=OFF; optimization=-O2 ;;
    --build-dir) [[ $# -ge 2 ]] || die "--build-dir needs a directory"; build_dir=$2; shift ;;
    --cxx) [[ $# -ge 2 ]] || die "--cxx needs a compiler"; cxx=$2; shift ;;
    --repetitions) [[ $# -ge 2 ]] || die "--repetitions needs a number"; repetitions=$2; shift ;;
    --min-time) [[ $# -ge 2 ]] || die "--min-time needs seconds"; min_time=$2; shift ;;
    --core) [[ $# -ge 2 ]] || die "--core needs a core number"; core=$2; shift ;;
    -j) [[ $# -ge 2 ]] || die "-j needs a number"; jobs=$2; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; bench_args=("$@"); break ;;
    *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
done
if [[ -z "$build_dir" ]]; then
    if [[ $default_flags == ON ]]; then
        build_dir="$root/build-bench-default-flags"
    else
        build_dir="$root/build-bench"
    fi
fi
[[ $default_flags == ON && $native == ON ]] &&
    die "--default-flags builds without -march=native; drop --native"

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
# --default-flags: nothing but -O2 (and -DNDEBUG), even where the build directory's cache or the
# environment's CXXFLAGS had added -march or the like.
extra_flags=()
[[ $default_flags == ON ]] && extra_flags=(-DCMAKE_CXX_FLAGS=)

# Only the benchmarks: the tests and examples would double the build time and time nothing.
# CMAKE_CXX_FLAGS_RELEASE is spelled out so that the table's flags are what was asked for.
echo "bench.sh: configuring $build_dir (Release, $optimization; -march=native: $native)" >&2
if ! configure_log=$(cmake -S "$root" -B "$build_dir" ${generator[@]+"${generator[@]}"} \
    ${compiler[@]+"${compiler[@]}"} ${extra_flags[@]+"${extra_flags[@]}"} \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="$optimization -DNDEBUG" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCTNN_BUILD_TESTS=OFF -DCTNN_BUILD_EXAMPLES=OFF -DCTNN_INSTALL=OFF \
    -DCTNN_BUILD_BENCH=ON -DCTNN_BENCH_NATIVE="$native" 2>&1); then
    echo "$configure_log" >&2
    die "cmake failed to configure $build_dir"
fi
# bench/CMakeLists.txt says so, and skips itself, when a dependency is missing.
if grep -q 'Google Benchmark not found' <<<"$configure_log"; then
    die "Google Benchmark was not found, so there is nothing to run; install it (Debian: apt-get install libbenchmark-dev) or point CMake at it with -Dbenchmark_DIR=..."
fi
if grep -q 'Eigen 3.3 or later not found' <<<"$configure_log"; then
    die "Eigen was not found, and the benchmarks time ctnn against it; install it (Debian: apt-get install libeigen3-dev) or point CMake at it with -DEigen3_DIR=..."
fi

echo "bench.sh: building ctnn_bench" >&2
cmake --build "$build_dir" --target ctnn_bench -j "$jobs" >&2
binary="$build_dir/bench/ctnn_bench"
[[ -x "$binary" ]] || die "the build did not produce $binary"
# The table's flags line reads the real compile command; --default-flags checks it first.
if [[ $default_flags == ON ]] &&
    grep -q -- '-march\|-mtune\|-O3' "$build_dir/compile_commands.json" 2>/dev/null; then
    die "--default-flags: a compile command in $build_dir still has -march, -mtune or -O3 (from CXXFLAGS or the toolchain?); use a fresh --build-dir"
fi

# One core: a benchmark that migrates between cores measures the scheduler. The core may be
# outside this process's allowed set (containers), so try it first.
pin=()
pinned="not pinned (taskset unavailable or core $core not allowed)"
if command -v taskset >/dev/null 2>&1 && taskset -c "$core" true 2>/dev/null; then
    pin=(taskset -c "$core")
    pinned="pinned to core $core"
fi

filter_args=()
[[ -n "$filter" ]] && filter_args=(--benchmark_filter="$filter")

json="$build_dir/bench.json"
console="$build_dir/bench.txt"
echo "bench.sh: running ctnn_bench, $repetitions repetitions of at least ${min_time} s, $pinned (console output in $console)" >&2
# Random interleaving runs the repetitions of all benchmarks in a shuffled order, so a burst of
# load on a shared machine is spread over ctnn and the baselines rather than landing on one.
# Its console output (and the machine description it prints on stderr) goes to a file; the
# start-up agreement check's verdict, lines starting "bench:", is shown either way.
if ! ${pin[@]+"${pin[@]}"} "$binary" \
    --benchmark_repetitions="$repetitions" \
    --benchmark_min_time="$min_time" \
    --benchmark_report_aggregates_only=true \
    --benchmark_enable_random_interleaving=true \
    --benchmark_out="$json" --benchmark_out_format=json \
    ${filter_args[@]+"${filter_args[@]}"} \
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
            if entry["file"].endswith("bench/tutorial.cpp"):
                keep = re.compile(r"^-(O|m|f|std=|D|g)")
                flags = " ".join(t for t in entry["command"].split() if keep.match(t))
                break
except OSError:
    pass

to_ns = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
# ctnn_train_step<mlp_64_32_10<float>>: implementation, operation, case, scalar.
name_pattern = re.compile(r"^(ctnn|eigen|naive)_(\w+)<(\w+)<(float|double)>>$")
# CPU time, not wall time: on a shared machine the time other processes hold our core is not
# ctnn's, and Google Benchmark's rate counters are per CPU second too, so the columns agree.
medians = {}  # (operation, case, scalar) -> {implementation: median aggregate}
variation = {}  # run name -> coefficient of variation of the repetitions
for bm in results["benchmarks"]:
    # With --repetitions 1 Google Benchmark reports the one run and no aggregate: that run is
    # its own median.
    single = bm.get("run_type") == "iteration" and bm.get("repetitions", 1) == 1
    if bm.get("run_type") != "aggregate" and not single:
        continue
    match = name_pattern.match(bm["run_name"])
    if not match:
        continue
    if bm.get("aggregate_name") == "cv":
        variation[bm["run_name"]] = bm["cpu_time"]
    if bm.get("aggregate_name") != "median" and not single:
        continue
    implementation, operation, case, scalar = match.groups()
    bm["ns"] = bm["cpu_time"] * to_ns[bm["time_unit"]]
    medians.setdefault((operation, case, scalar), {})[implementation] = bm

if not medians:
    sys.exit("bench.sh: no median results in " + results_path + " (was every benchmark filtered out?)")

context = results["context"]
repetitions = next(iter(next(iter(medians.values())).values())).get("repetitions", "?")
print(f"compiler: {compiler}")
print(f"flags:    {flags}")
print(f"CPU:      {cpu} ({context.get('num_cpus', '?')} CPUs, {context.get('mhz_per_cpu', '?')} MHz), {pinned}")
runs = "the one run" if repetitions == 1 else f"median of {repetitions} repetitions"
print(f"times:    CPU time per iteration, {runs}: train_step one "
      "batch (backprop + sgd), forward and forward_chained one sample, forward_batch one batch")
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

def duration(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}" if ns < 100 * scale else f"{ns / scale:.0f} {unit}"
    return f"{ns:.3g} ns" if ns < 100 else f"{ns:.0f} ns"

def rate(value):
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if value >= scale:
            return f"{value / scale:.3g}{unit}"
    return f"{value:.3g}"

operation_order = {"train_step": 0, "forward": 1, "forward_chained": 2, "forward_batch": 3}
case_order = {c: k for k, c in enumerate(["or_2_3_1", "xor_2_4_1", "dense_4_4", "dense_8_8",
                                          "mlp_16_32_32_1", "mlp_64_32_10", "mlp_784_128_64_10",
                                          "mlp_784_256_128_10", "mlp_16_32_32_1_tanh",
                                          "mlp_64_32_10_tanh", "mlp_16_32_32_1_elu",
                                          "mlp_16_32_32_1_softplus"])}
def sort_key(key):
    operation, case, scalar = key
    return (operation_order.get(operation, 9), case_order.get(case, 99), case, scalar != "double")

header = ("operation", "case", "scalar", "ctnn", "eigen", "naive", "eigen/ctnn", "naive/ctnn",
          "ctnn GFLOP/s", "ctnn samples/s")
rows = []
# Issue 11's targets, as ctnn's time over Eigen's: (description, operations, which cases, at most,
# aim). The tanh target applies to all four operations of the tanh cases.
tutorial_cases = ("or_2_3_1", "xor_2_4_1")
def every_case(case):
    return True
def tutorial_case(case):
    return case in tutorial_cases
def tanh_case(case):
    return case.endswith("_tanh")
targets = [
    ("train_step, every case", ("train_step",), every_case, 0.7, None),
    ("train_step, OR 2-3-1 and XOR 2-4-1", ("train_step",), tutorial_case, 0.5, None),
    ("forward, every case", ("forward",), every_case, 0.8, None),
    ("forward_chained, every case", ("forward_chained",), every_case, 0.8, None),
    ("tanh cases, every operation", tuple(operation_order), tanh_case, 0.8, 0.5),
]
# The cases whose hidden activation is not the sigmoid: every operation's ratio is shown.
activation_suffixes = ("_tanh", "_elu", "_softplus")
ratios = {}  # (case, scalar) -> {operation: ctnn / Eigen}
for key in sorted(medians, key=sort_key):
    operation, case, scalar = key
    found = medians[key]
    ours, eigen, naive = found.get("ctnn"), found.get("eigen"), found.get("naive")
    rows.append((
        operation, case, scalar,
        duration(ours["ns"]) if ours else "-",
        duration(eigen["ns"]) if eigen else "-",
        duration(naive["ns"]) if naive else "-",
        f"{eigen['ns'] / ours['ns']:.2f}" if ours and eigen else "-",
        f"{naive['ns'] / ours['ns']:.2f}" if ours and naive else "-",
        f"{ours['FLOP/s'] / 1e9:.2f}" if ours and "FLOP/s" in ours else "-",
        rate(ours["samples/s"]) if ours and "samples/s" in ours else "-",
    ))
    if ours and eigen:
        ratios.setdefault((case, scalar), {})[operation] = ours["ns"] / eigen["ns"]

widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
def line(cells):
    return "  ".join(c.ljust(w) if i < 3 else c.rjust(w)
                     for i, (c, w) in enumerate(zip(cells, widths)))
print(line(header))
print(line(tuple("-" * w for w in widths)))
previous = None
for r in rows:
    if previous is not None and r[0] != previous:
        print()
    previous = r[0]
    print(line(r))

def case_key(case_scalar):
    case, scalar = case_scalar
    return (case_order.get(case, 99), case, scalar != "double")

print()
print("summary: ctnn's time over Eigen's against issue 11's targets")
for description, operations, applies, limit, aim in targets:
    measured = sorted(((ratio, f"{operation} {case}<{scalar}>" if len(operations) > 1
                        else f"{case}<{scalar}>")
                       for (case, scalar), by_operation in ratios.items() if applies(case)
                       for operation, ratio in by_operation.items() if operation in operations),
                      reverse=True)
    if not measured:
        continue
    missed = [(ratio, label) for ratio, label in measured if ratio > limit]
    verdict = (f"met on all {len(measured)}" if not missed
               else f"missed on {len(missed)} of {len(measured)}")
    if aim is not None:
        short = sum(1 for ratio, _ in measured if ratio > aim)
        verdict += f"; aim <= {aim}: " + ("met" if short == 0 else f"not yet on {short}")
    worst_ratio, worst_label = measured[0]
    print(f"  {description:<36} target <= {limit}: {verdict}; worst {worst_ratio:.2f} "
          f"({worst_label})")
    for ratio, label in missed:
        print(f"      {label}: {ratio:.2f}")

activation_rows = sorted((key for key in ratios if key[0].endswith(activation_suffixes)),
                         key=case_key)
if activation_rows:
    print()
    print("ctnn's time over Eigen's on the tanh, elu and softplus cases (hidden activation in the "
          "name, linear output)")
    operations = sorted(operation_order, key=operation_order.get)
    head = ("case", "scalar") + tuple(operations)
    body = [(case, scalar) + tuple(f"{ratios[(case, scalar)][op]:.2f}"
                                   if op in ratios[(case, scalar)] else "-" for op in operations)
            for case, scalar in activation_rows]
    column = [max(len(r[i]) for r in body + [head]) for i in range(len(head))]
    for r in [head, tuple("-" * w for w in column)] + body:
        print("  " + "  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, column))))
PY
