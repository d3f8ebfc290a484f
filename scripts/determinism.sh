#!/usr/bin/env bash
# Determinism across compilers (issue 6, item 7): builds tests/robust/weights_digest.cpp, a fixed
# training run that prints the FNV-1a digest of its trained weights and every weight in hex, with
# g++ and clang++ at the same flags, and compares the two outputs bit for bit.
#
# Flag sets that must agree (the script fails if they do not):
#   -O2 -ffp-contract=off
#   -O3 -march=native -ffp-contract=off
# Flag sets that are only reported, because the compilers legitimately differ there (README,
# "Determinism"): each compiler's default floating-point contraction, where the target has FMA,
# fuses a different set of a * b + c into one rounding.
#   -O2                    (x86-64 baseline: no FMA instruction, so these agree too in practice)
#   -O3 -march=native      (FMA when the CPU has it: GCC fuses across statements by default,
#                           -ffp-contract=fast; Clang 14 only within one expression, =on)
#
# Where Debian's AArch64 cross compiler and qemu-user are installed, g++ for x86-64 is also
# compared with aarch64-linux-gnu-g++ (run under qemu-aarch64): at -O2 -ffp-contract=off they must
# agree; at -O2 GCC fuses multiply-adds on AArch64 (every AArch64 has FMA) and not on baseline
# x86-64, so that one is only reported.
#
#   scripts/determinism.sh                 every flag set
#   CXX_A=g++-13 CXX_B=clang++-16 scripts/determinism.sh
set -euo pipefail
cd "$(dirname "$0")/.."

a="${CXX_A:-g++}"
b="${CXX_B:-clang++}"
out=build/determinism
mkdir -p "${out}"

must_agree=("-O2 -ffp-contract=off" "-O3 -march=native -ffp-contract=off")
may_differ=("-O2" "-O3 -march=native")

status=0
compare() { # compare <flags> <required: yes|no>, for the compilers a and b
  local flags="$1" required="$2" tag runner
  tag=$(echo "${flags}" | tr -c 'A-Za-z0-9=\n' '_')
  for cxx in "${a}" "${b}"; do
    runner=()
    [[ "${cxx}" == aarch64-linux-gnu-* ]] && runner=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
    # shellcheck disable=SC2086
    "${cxx}" -std=gnu++20 ${flags} -Iinclude tests/robust/weights_digest.cpp \
        -o "${out}/digest_${cxx}_${tag}"
    ${runner[@]+"${runner[@]}"} "${out}/digest_${cxx}_${tag}" >"${out}/digest_${cxx}_${tag}.txt"
  done
  local fa="${out}/digest_${a}_${tag}.txt" fb="${out}/digest_${b}_${tag}.txt"
  if cmp -s "${fa}" "${fb}"; then
    echo "same      ${flags}: $(grep -v '^ ' "${fa}" | tr '\n' ' ')"
  else
    local differing
    differing=$(diff <(grep '^ ' "${fa}") <(grep '^ ' "${fb}") | grep -c '^<' || true)
    if [[ "${required}" == yes ]]; then
      echo "DIFFERENT ${flags}: ${differing} weights differ (must agree)"
      status=1
    else
      echo "different ${flags}: ${differing} weights differ (allowed: contraction defaults differ)"
    fi
    diff <(grep -v '^ ' "${fa}") <(grep -v '^ ' "${fb}") | sed 's/^/    /' || true
  fi
}

echo "=== ${a} against ${b}"
for flags in "${must_agree[@]}"; do compare "${flags}" yes; done
for flags in "${may_differ[@]}"; do compare "${flags}" no; done
if command -v aarch64-linux-gnu-g++ >/dev/null && command -v qemu-aarch64 >/dev/null; then
  b=aarch64-linux-gnu-g++
  echo "=== ${a} (x86-64) against ${b} (AArch64, under qemu-aarch64)"
  compare "-O2 -ffp-contract=off" yes
  compare "-O2" no
fi
exit "${status}"
