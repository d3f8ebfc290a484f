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
# Where Debian's AArch64 cross compiler and qemu-user are installed, g++ for x86-64 (-O3
# -march=native) is also compared with aarch64-linux-gnu-g++ (-O2, run under qemu-aarch64): with
# -ffp-contract=off they must agree; with each compiler's default both fuse multiply-adds, each
# in its own places, so that one is only reported.
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
# digest <compiler> <flags>: builds and runs weights_digest, prints the output file's name
digest() {
  local cxx="$1" flags="$2" tag file runner=()
  tag=$(echo "${cxx} ${flags}" | tr -c 'A-Za-z0-9=\n' '_')
  file="${out}/digest_${tag}"
  [[ "${cxx}" == aarch64-linux-gnu-* ]] && runner=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
  # shellcheck disable=SC2086
  "${cxx}" -std=gnu++20 ${flags} -Iinclude tests/robust/weights_digest.cpp -o "${file}"
  ${runner[@]+"${runner[@]}"} "${file}" >"${file}.txt"
  echo "${file}.txt"
}

# compare <what> <compiler> <flags> <compiler> <flags> <required: yes|no>
compare() {
  local what="$1" required="$6" fa fb
  fa=$(digest "$2" "$3")
  fb=$(digest "$4" "$5")
  if cmp -s "${fa}" "${fb}"; then
    echo "same      ${what}: $(grep -v '^ ' "${fa}" | tr '\n' ' ')"
  else
    local differing
    differing=$(diff <(grep '^ ' "${fa}") <(grep '^ ' "${fb}") | grep -c '^<' || true)
    if [[ "${required}" == yes ]]; then
      echo "DIFFERENT ${what}: ${differing} weights differ (must agree)"
      status=1
    else
      echo "different ${what}: ${differing} weights differ (allowed: contraction defaults differ)"
    fi
    diff <(grep -v '^ ' "${fa}") <(grep -v '^ ' "${fb}") | sed 's/^/    /' || true
  fi
}

echo "=== ${a} against ${b}"
for flags in "${must_agree[@]}"; do compare "${flags}" "${a}" "${flags}" "${b}" "${flags}" yes; done
for flags in "${may_differ[@]}"; do compare "${flags}" "${a}" "${flags}" "${b}" "${flags}" no; done

# x86-64 against AArch64. The double run's sigmoid takes ctnn::default_exp, which is the
# polynomial exp on AArch64 and, on x86-64, only with AVX2 (the C library's exp at the baseline):
# so the x86-64 side is the -march=native build, on a CPU with AVX2.
arm=aarch64-linux-gnu-g++
if command -v "${arm}" >/dev/null && command -v qemu-aarch64 >/dev/null &&
   grep -qw avx2 /proc/cpuinfo; then
  echo "=== ${a} (x86-64, -O3 -march=native) against ${arm} (AArch64, -O2, under qemu-aarch64)"
  compare "-ffp-contract=off" "${a}" "-O3 -march=native -ffp-contract=off" \
          "${arm}" "-O2 -ffp-contract=off" yes
  compare "each target's default contraction" "${a}" "-O3 -march=native" "${arm}" "-O2" no
else
  echo "=== x86-64 against AArch64: skipped (needs ${arm}, qemu-aarch64 and a CPU with AVX2)"
fi
exit "${status}"
