#!/usr/bin/env bash
# Renders the OR and XOR examples' pictures (loss curve, decision boundary over the input plane)
# with gnuplot: configures and builds in build/ as the README's quick start does, runs both
# examples with --plot and gnuplot on their scripts, and checks the PNGs (examples/pictures.cmake).
#   scripts/pictures.sh          pictures, data and gnuplot scripts in build/pictures/
#   scripts/pictures.sh --copy   also copy the four PNGs into examples/pictures/ (the README's)
# Needs gnuplot: on Debian, apt-get install gnuplot-nox. BUILD_DIR overrides build/.
set -euo pipefail
cd "$(dirname "$0")/.."

copy=0
case "${1-}" in
  "") ;;
  --copy) copy=1 ;;
  *) echo "usage: $0 [--copy]" >&2; exit 2 ;;
esac

if ! command -v gnuplot >/dev/null; then
  echo "gnuplot not found; on Debian: apt-get install gnuplot-nox" >&2
  exit 1
fi

dir="${BUILD_DIR:-build}"
configure=(cmake -S . -B "${dir}" -DCMAKE_BUILD_TYPE=Release)
# A new build directory gets Ninja if there is one; an existing one keeps its generator (CMake
# refuses to change it).
if [ ! -f "${dir}/CMakeCache.txt" ] && command -v ninja >/dev/null; then
  configure+=(-G Ninja)
fi
"${configure[@]}"
cmake --build "${dir}" --target pictures

if [ "${copy}" = 1 ]; then
  cp "${dir}"/pictures/{xor,or}_{boundary,loss}.png examples/pictures/
  echo "copied to examples/pictures/: xor_boundary.png xor_loss.png or_boundary.png or_loss.png"
fi
