#!/usr/bin/env bash
# Where the fast-path burst loop spends its time, instruction by instruction (engine README, "Sixth pass").
#   tests/OpteNic.Benchmarks/profile-burst.sh [flows] [method-regex]
# Builds nothing: run ./build.sh --no-run first. Needs perf, objdump and python3, and the right to read another
# process's memory (root, or kernel.yama.ptrace_scope = 0). Samples with the CPU clock (no PMU counters needed), reads
# each optimised method's code from the running process (the perf map gives its address), and prints the methods
# matching method-regex (default: the staged burst loop) with every instruction's sample count.
# The loop delivers frames as opte-bench --flows does (rebuilt from a template beyond 512 KiB of frames); set
# OPTE_BENCH_FRAMES=streamed to profile the earlier harness, whose frames are copied from one array.
set -euo pipefail
flows="${1:-1048576}"
pattern="${2:-Port::ProcessStagedBurst}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dll="$root/artifacts/bin/OpteNic.Benchmarks/release/opte-bench.dll"
[ -f "$dll" ] || { echo "profile-burst: not built yet; run ./build.sh --no-run" >&2; exit 127; }
work="$(mktemp -d)"
pid=""     # the benchmark while it runs
bench=""   # its process id, kept for the perf map it may leave in /tmp
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  if [ -n "$bench" ]; then rm -f "/tmp/perf-$bench.map"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "profile-burst: $1" >&2; cat "$work/err.txt" >&2 2>/dev/null || true; exit 1; }

OPTE_BENCH_FLOWS="$flows" DOTNET_PerfMapEnabled=3 DOTNET_PerfMapJitDumpPath="$work" \
  dotnet "$dll" --burst-loop 12 > "$work/out.txt" 2> "$work/err.txt" &
pid=$!
bench=$pid
until grep -q "burst loop running" "$work/err.txt" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || fail "the benchmark exited before its loop started"
  sleep 0.2
done
sleep 3 # let the loop reach its optimised code
perf record -q -e cpu-clock -F 4000 -p "$pid" -o "$work/perf.data" -- sleep 5 || fail "perf record failed"
map="$work/perf-$pid.map"
[ -f "$map" ] || map="/tmp/perf-$pid.map"
[ -f "$map" ] || fail "no perf map for process $pid"
python3 - "$pid" "$map" "$work" <<'PY'
import os, sys
pid, map_path, work = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(f"{work}/code", exist_ok=True)
with open(f"/proc/{pid}/mem", "rb") as mem, open(f"{work}/methods.txt", "w") as out:
    for line in open(map_path):
        address, size, name = line.rstrip("\n").split(" ", 2)
        if "Optimized" not in name:
            continue
        mem.seek(int(address, 16))
        open(f"{work}/code/{address}.bin", "wb").write(mem.read(int(size, 16)))
        out.write(f"{address} {int(size, 16)} {name}\n")
PY
wait "$pid" || fail "the benchmark failed"
pid=""
cat "$work/out.txt"
perf script -i "$work/perf.data" -F ip > "$work/ips.txt" || fail "perf script failed"
python3 - "$work" "$pattern" <<'PY'
import collections, re, subprocess, sys
work, pattern = sys.argv[1], sys.argv[2]
ips = [int(x, 16) for x in open(f"{work}/ips.txt").read().split() if re.fullmatch(r"[0-9a-f]+", x)]
for line in open(f"{work}/methods.txt"):
    address, size, name = line.rstrip("\n").split(" ", 2)
    if not re.search(pattern, name):
        continue
    start, size = int(address, 16), int(size)
    hits = collections.Counter(ip for ip in ips if start <= ip < start + size)
    print(f"## {name}: {sum(hits.values())} of {len(ips)} samples")
    listing = subprocess.run(["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", f"--adjust-vma={start}",
                              f"{work}/code/{address}.bin"], capture_output=True, text=True, check=True).stdout
    for row in listing.splitlines():
        m = re.match(r"\s*([0-9a-f]+):", row)
        if m:
            print(f"{hits.get(int(m.group(1), 16), 0):6d} {row}")
PY
