#!/usr/bin/env bash
# scripts/compile_time.sh: how long a user's translation unit takes to compile (issue 4: each
# under 10 s with g++ -O2). Compiles every bench/compile_time/*.cpp except main.cpp with
# `<compiler> -O2 -std=c++20 -I include -c`, with g++ and clang++ (those installed), three times
# each, and prints the best wall time of the three. Exits non-zero if any best time exceeds the
# limit.
#
#   scripts/compile_time.sh            limit 10 s
#   scripts/compile_time.sh 15         limit 15 s
#   CXX_LIST=g++ scripts/compile_time.sh
#
# The best of three, not the mean: on a shared machine other work only ever adds time. Needs
# python3 for the clock (bash's own has no sub-second resolution everywhere).
set -euo pipefail

limit=${1:-10}
[[ "$limit" =~ ^[0-9]+([.][0-9]+)?$ ]] || {
    echo "usage: scripts/compile_time.sh [LIMIT_SECONDS]" >&2
    exit 2
}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v python3 >/dev/null 2>&1 || {
    echo "compile_time.sh: python3 is needed for timing (Debian: apt-get install python3)" >&2
    exit 2
}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

now() { python3 -c 'import time; print(time.monotonic())'; }

failed=0
printf '%-10s %-32s %8s %8s\n' compiler "translation unit" "best s" "limit s"
for cxx in ${CXX_LIST:-g++ clang++}; do
    if ! command -v "$cxx" >/dev/null 2>&1; then
        echo "compile_time.sh: $cxx not found; skipped" >&2
        continue
    fi
    for source in bench/compile_time/*.cpp; do
        [[ "$(basename "$source")" == main.cpp ]] && continue
        best=""
        for _ in 1 2 3; do
            start=$(now)
            if ! "$cxx" -O2 -std=c++20 -I include -c "$source" -o "$out/unit.o"; then
                echo "compile_time.sh: $cxx failed to compile $source" >&2
                exit 1
            fi
            end=$(now)
            best=$(python3 -c "t = $end - $start; b = '$best'; print(f'{min(t, float(b)) if b else t:.2f}')")
        done
        verdict=""
        if python3 -c "import sys; sys.exit(0 if $best > $limit else 1)"; then
            verdict="  over the limit"
            failed=1
        fi
        printf '%-10s %-32s %8s %8s%s\n' "$cxx" "$(basename "$source")" "$best" "$limit" "$verdict"
    done
done
exit "$failed"
