#!/usr/bin/env bash
# scripts/hana_compile_time.sh: why ctnn's core walks its layers with pack expansion and leaves
# Boost.Hana to the optional <ctnn/hana.hpp> (README, "Boost.Hana"). Compiles, with
# `g++ -std=c++20 -O2 -c`, RUNS times each (7 unless told), interleaved:
#   * a unit including <ctnn/ctnn.hpp>, then the same with <boost/hana.hpp>, and with
#     <ctnn/hana.hpp>: what including Hana costs;
#   * units that define 40 network types (2 to 5 layers) and count each one's parameters in a
#     static_assert, with Hana included in all of them: by nothing (the baseline), by the core's
#     pack expansion, by hana::fold_left over a hana::tuple_t of the layer types, and by
#     hana::fold_left over the network through <ctnn/hana.hpp>. A row's extra time over its
#     baseline, divided by 40, is what that walk costs per network type.
# and prints the median CPU seconds of the compiler (user + system: less sensitive than wall time
# to other work on a shared machine) with the load average before and after.
#
#   scripts/hana_compile_time.sh
#   CXX=clang++ RUNS=9 scripts/hana_compile_time.sh
#
# Needs Boost's headers (Debian: libboost-dev) and python3 for the clock.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cxx=${CXX:-g++}
runs=${RUNS:-7}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || {
    echo "hana_compile_time.sh: RUNS must be a whole number above 0" >&2
    exit 2
}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# 40 network types: widths i+2, then 1 to 4 hidden widths, then 1 to 3 outputs.
{
    echo '#include <ctnn/ctnn.hpp>'
    echo '#include <boost/hana.hpp>'
    echo '#include <utility>'
    echo 'namespace hana = boost::hana;'
    echo 'template <class N> inline constexpr N instance{};'
    each='#define EACH(X)'
    for i in $(seq 0 39); do
        widths=$((i + 2))
        for k in $(seq 0 $((i % 4))); do widths="$widths, $((i + 3 + k))"; done
        echo "using n$i = ctnn::network<$widths, $((1 + i % 3))>;"
        each="$each X(n$i)"
    done
    echo "$each"
} >"$out/nets.hpp"

printf '#include <ctnn/ctnn.hpp>\n' >"$out/core.cpp"
printf '#include <ctnn/ctnn.hpp>\n#include <boost/hana.hpp>\n' >"$out/core_boost_hana.cpp"
printf '#include <ctnn/ctnn.hpp>\n#include <ctnn/hana.hpp>\n' >"$out/core_ctnn_hana.cpp"

baseline='#define USE(N) static_assert(instance<N>.values().size() == N::parameter_count);'
printf '#include "nets.hpp"\n%s\nEACH(USE)\n' "$baseline" >"$out/baseline.cpp"
printf '#include "nets.hpp"\n#include <ctnn/hana.hpp>\n%s\nEACH(USE)\n' "$baseline" \
    >"$out/baseline_adapter.cpp"
cat >"$out/pack_expansion.cpp" <<'EOF'
#include "nets.hpp"
template <class Net>
constexpr std::size_t count()
{
    return []<std::size_t... L>(std::index_sequence<L...>) {
        return (std::size_t{0} + ... + ctnn::detail::trained_count<typename Net::template layer<L>>);
    }(std::make_index_sequence<Net::layer_count>{});
}
#define USE(N) static_assert(instance<N>.values().size() == count<N>());
EACH(USE)
EOF
cat >"$out/hana_layer_types.cpp" <<'EOF'
#include "nets.hpp"
template <class Net>
constexpr std::size_t count()
{
    constexpr auto layers = []<std::size_t... L>(std::index_sequence<L...>) {
        return hana::tuple_t<typename Net::template layer<L>...>;
    }(std::make_index_sequence<Net::layer_count>{});
    return hana::fold_left(layers, std::size_t{0}, [](std::size_t n, auto layer) {
        return n + ctnn::detail::trained_count<typename decltype(layer)::type>;
    });
}
#define USE(N) static_assert(instance<N>.values().size() == count<N>());
EACH(USE)
EOF
cat >"$out/hana_adapter.cpp" <<'EOF'
#include "nets.hpp"
#include <ctnn/hana.hpp>
template <class Net>
constexpr std::size_t count(const Net& net)
{
    return hana::fold_left(net, std::size_t{0},
                           [](std::size_t n, auto layer) { return n + layer.parameter_count; });
}
#define USE(N) static_assert(instance<N>.values().size() == count(instance<N>));
EACH(USE)
EOF

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), ${cpu:-unknown CPU}, $($cxx --version | head -n 1)," \
     "median of $runs, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$cxx" "$runs" "$root/include" "$out" <<'EOF'
import resource, statistics, subprocess, sys
cxx, runs, include, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
units = ["core", "core_boost_hana", "core_ctnn_hana", "baseline", "pack_expansion",
         "hana_layer_types", "baseline_adapter", "hana_adapter"]
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
times = {unit: [] for unit in units}
for _ in range(runs):
    for unit in units:
        start = cpu()
        subprocess.run([cxx, "-std=c++20", "-O2", "-I", include, "-I", out, "-c",
                        f"{out}/{unit}.cpp", "-o", "/dev/null"], check=True)
        times[unit].append(cpu() - start)
median = {unit: statistics.median(t) for unit, t in times.items()}
for unit in units:
    print(f"{unit:18s} {median[unit]:6.3f} s")
print(f"including <boost/hana.hpp>: +{median['core_boost_hana'] - median['core']:.3f} s")
for unit, base in [("pack_expansion", "baseline"), ("hana_layer_types", "baseline"),
                   ("hana_adapter", "baseline_adapter")]:
    print(f"{unit}: {(median[unit] - median[base]) * 1000 / 40:.1f} ms per network type")
EOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
