#!/usr/bin/env bash
# Prices layout and schedule changes of the million-flow burst on this machine (engine README, "Seventh pass"): builds
# uft-memory-model.c and runs it on the engine's layout and schedule, then with one thing changed at a time; each row
# is the median of three runs. Its schedule is the seventh pass's (prefetch distance 9, frames copied from a large
# array); the engine now prefetches 14 ahead and its benchmark takes frames from cache (README, "Eighth pass").
#   tests/OpteNic.Benchmarks/memory-model/memory-model.sh [work-units]
# work-units (default 8) stands in for the engine's per-packet work: calibrate it so that the 4k-flow row is close to
# the engine's 4k-flow burst figure (OPTE_BENCH_FLOWS=4096 opte-bench --flows) before comparing rows. Needs a C
# compiler and an x86-64 CPU with AVX2 and BMI2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-8}"
case "$work" in
  ''|*[!0-9]*) echo "work-units must be a whole number, not '$work'" >&2; exit 2 ;;
esac
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
cc -O2 -march=native -mavx2 -mbmi2 -Wall -Wextra -o "$bin/model" "$here/uft-memory-model.c"
row() {
  local label="$1"; shift
  local runs=()
  for _ in 1 2 3; do
    runs+=("$("$bin/model" --work "$work" "$@" | awk '{print $1}')")
  done
  local median
  median="$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)"
  printf '%-46s %6s ns/packet  (runs: %s)\n' "$label" "$median" "${runs[*]}"
}
row "4k flows (calibration; engine at 4k)" --flows 4096
row "1M flows, engine layout and schedule" --flows 1048576
row "1M, no work (the memory side alone)" --flows 1048576 --work 0
row "1M, frames already in cache" --flows 1048576 --cached-frames
row "1M, no index read (slot address from hash)" --flows 1048576 --no-index
row "1M, one-line slots" --flows 1048576 --slot-lines 1
row "1M, one-line slots and no index read" --flows 1048576 --slot-lines 1 --no-index
row "1M, rolling pipeline, bursts of 256" --flows 1048576 --rolling --burst 256
