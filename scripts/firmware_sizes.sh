#!/usr/bin/env bash
# Prints the Cortex-M size table (README, "Embedded"): ctnn's share of each sized firmware in
# examples/firmware (programs.cmake's SIZE lines), text + data over the empty firmware built
# alike, for the Cortex-M4F, M3 and M0 at -Os and -O2, as Markdown. Builds examples/firmware for
# each core in build/firmware-<core> with cmake/toolchains/arm-none-eabi.cmake (needs
# arm-none-eabi-g++, Debian's gcc-arm-none-eabi and libstdc++-arm-none-eabi-newlib). The numbers
# are tests/firmware/check_sizes.cmake's, which the size-budget tests read too.
#   scripts/firmware_sizes.sh
set -euo pipefail
cd "$(dirname "$0")/.."

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
programs=$(sed -n 's/^ctnn_firmware(\([a-z_0-9]*\) .*\bSIZE\b.*/\1/p' examples/firmware/programs.cmake |
           paste -sd '|')
baseline=$(sed -n 's/^ctnn_firmware(\([a-z_0-9]*\) .*\bSIZE_BASELINE\b.*/\1/p' examples/firmware/programs.cmake)

lines=()
for core in m4f m3 m0; do
  dir="build/firmware-${core}"
  cmake -S examples/firmware -B "${dir}" "${generator[@]}" \
        -DCMAKE_TOOLCHAIN_FILE="${PWD}/cmake/toolchains/arm-none-eabi.cmake" \
        -DCTNN_CORTEX_M="${core}" >/dev/null
  cmake --build "${dir}" --parallel >/dev/null
  built=()  # a program limited to some CORES is not built for the others
  for program in ${programs//|/ }; do
    [[ -f "${dir}/${program}.elf" ]] && built+=("${program}")
  done
  mapfile -t -O "${#lines[@]}" lines < <(cmake -DSIZE=arm-none-eabi-size -DDIR="${dir}" \
      -DCORE="${core}" -DPROGRAMS="$(IFS='|'; echo "${built[*]}")" -DBASELINE="${baseline}" \
      -P tests/firmware/check_sizes.cmake 2>&1)
done

echo "$(arm-none-eabi-g++ --version | head -1), newlib-nano, -fno-exceptions -fno-rtti;" \
     "bytes of text + data over the empty firmware (${baseline}.cpp)"
echo
echo "| program | level | Cortex-M4F | Cortex-M3 | Cortex-M0 |"
echo "| --- | --- | ---: | ---: | ---: |"
for program in ${programs//|/ }; do
  for level in Os O2; do
    row="| ${program} | -${level} |"
    for core in m4f m3 m0; do
      for line in "${lines[@]}"; do
        read -r c p l share total <<<"${line}"
        [[ "${c}" == "${core}" && "${p}" == "${program}" && "${l}" == "${level}" ]] &&
          row+=" ${share} (of ${total}) |"
      done
    done
    echo "${row}"
  done
done
