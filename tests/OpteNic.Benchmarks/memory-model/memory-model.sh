#!/usr/bin/env bash
# What the machine allows the million-flow burst (engine README, "Seventh pass"): builds uft-memory-model.c and runs it
# on the engine's layout and schedule, then with one thing changed at a time.
#   tests/OpteNic.Benchmarks/memory-model/memory-model.sh [work-units]
# work-units stands in for the engine's per-packet work; the default (44) makes the 4k-flow row ≈ the engine's
# 4k-flow burst figure (opte-bench --flows with OPTE_BENCH_FLOWS=4096) on the machine this was written on: calibrate
# with that row before comparing. Needs a C compiler; x86-64 only (PREFETCHT0).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-44}"
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
cc -O2 -march=native -o "$bin/model" "$here/uft-memory-model.c"
run() { printf '%-44s ' "$1"; shift; "$bin/model" --work "$work" "$@"; }
run "4k flows (calibration: ≈ engine at 4k)" --flows 4096
run "1M flows, engine layout and schedule" --flows 1048576
run "1M, no work (the memory side alone)" --flows 1048576 --work 0
run "1M, frames already in cache" --flows 1048576 --cached-frames
run "1M, no index read (slot from the hash)" --flows 1048576 --no-index
run "1M, one-line slots" --flows 1048576 --slot-lines 1
run "1M, rolling pipeline, bursts of 256" --flows 1048576 --rolling --burst 256
