#!/usr/bin/env bash
# scripts/parse_time.sh: what including a header costs before any template is instantiated. For
# each header, a translation unit holding only `#include <header>` is parsed with
# `<compiler> -std=c++20 -O2 -I include -fsyntax-only`, five times with g++ and clang++ (those
# installed); the best wall time is printed with the number of files the header pulls in (from -H,
# each file counted once). Issue 12 asks that <ctnn/network.hpp> stay cheap: not the cost report,
# <chrono> or <ostream>; tests/headers proves each header compiles on its own, this how much it costs.
#
#   scripts/parse_time.sh                          ctnn/network.hpp and ctnn/ctnn.hpp
#   scripts/parse_time.sh ctnn/train.hpp           any headers, spelled as in #include <...>
#   CXX_LIST=clang++ RUNS=9 scripts/parse_time.sh
#
# The best of the runs, not the mean: on a shared machine other work only ever adds time. Needs
# python3 for the clock.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v python3 >/dev/null 2>&1 || {
    echo "parse_time.sh: python3 is needed for timing (Debian: apt-get install python3)" >&2
    exit 2
}
runs=${RUNS:-5}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || {
    echo "parse_time.sh: RUNS must be a whole number above 0" >&2
    exit 2
}
headers=("$@")
((${#headers[@]})) || headers=(ctnn/network.hpp ctnn/ctnn.hpp)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mhz=$(sed -n 's/^cpu MHz[[:space:]]*: \([0-9]*\).*/\1/p' /proc/cpuinfo 2>/dev/null | head -n 1)
[[ -n "$mhz" ]] && cpu="$cpu $mhz MHz"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), ${cpu:-unknown CPU}, $(git rev-parse --short HEAD 2>/dev/null ||
    echo 'not a git checkout'), best of $runs"
printf '%-10s %-26s %8s %7s\n' compiler header "best ms" files
for cxx in ${CXX_LIST:-g++ clang++}; do
    if ! command -v "$cxx" >/dev/null 2>&1; then
        echo "parse_time.sh: $cxx not found; skipped" >&2
        continue
    fi
    for header in "${headers[@]}"; do
        printf '#include <%s>\n' "$header" >"$out/unit.cpp"
        command=("$cxx" -std=c++20 -O2 -I include -fsyntax-only "$out/unit.cpp")
        # Once with -H: proves the unit compiles, counts the files and warms the file cache.
        if ! "${command[@]}" -H 2>"$out/tree"; then
            cat "$out/tree" >&2
            echo "parse_time.sh: $cxx failed to parse a unit including <$header>" >&2
            exit 1
        fi
        files=$(sed -n 's/^\.\+ //p' "$out/tree" | sort -u | wc -l)
        best=$(python3 - "$runs" "${command[@]}" <<'EOF'
import subprocess, sys, time
runs, command = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, check=True)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(f"{best * 1000:.0f}")
EOF
        )
        printf '%-10s %-26s %8s %7s\n' "$cxx" "<$header>" "$best" "$files"
    done
done
