#!/usr/bin/env bash
# Fuzz the packet parsers and header transformations (or the VPC network) for a bounded time.
#   tests/OpteNic.Fuzz/run-fuzz.sh [SECONDS] [packets|vpc]   (defaults 60, packets)
# vpc: a whole VpcPort in both directions plus the gateway's DHCP/DHCPv6/NDP option walkers (VpcFuzzTarget); its
# corpus is corpus-vpc/, it instruments OpteNic.Packets, OpteNic.Engine and OpteNic.Vpc, and crashes go to
# tests/OpteNic.Vpc.Tests/FuzzRegressions/.
# With AFL++ (Debian package afl++) and the SharpFuzz CLI (dotnet tool SharpFuzz.CommandLine, installed into
# artifacts/tools on first use): publishes opte-fuzz, instruments OpteNic.Packets.dll, runs afl-fuzz -V SECONDS over
# the seed corpus. Without afl-fuzz it falls back to opte-fuzz's in-process mutation driver and says so.
# Crashing inputs are copied to tests/OpteNic.Packets.Tests/FuzzRegressions/ (replayed by FuzzRegressionTests).
set -euo pipefail

seconds="${1:-60}"
target="${2:-packets}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/artifacts/fuzz"
case "$target" in
  packets)
    suffix=""; corpus="$here/corpus"; regressions="$root/tests/OpteNic.Packets.Tests/FuzzRegressions"
    instrument=(OpteNic.Packets.dll) ;;
  vpc)
    suffix="-vpc"; corpus="$here/corpus-vpc"; regressions="$root/tests/OpteNic.Vpc.Tests/FuzzRegressions"
    instrument=(OpteNic.Packets.dll OpteNic.Engine.dll OpteNic.Vpc.dll)
    work="$work/vpc" ;;
  *) echo "unknown target '$target' (packets or vpc)"; exit 2 ;;
esac
publish="$work/bin"
mkdir -p "$work" "$regressions"

echo "building opte-fuzz (Release)..."
dotnet publish "$here/OpteNic.Fuzz.csproj" -c Release -o "$publish" --nologo -v quiet

if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then
  "$publish/opte-fuzz" "seeds$suffix" "$corpus"
fi

save_crashes() {
  local from="$1" count=0
  [ -d "$from" ] || { echo "crashes: 0"; return 0; }
  for crash in "$from"/*; do
    [ -f "$crash" ] || continue
    case "$(basename "$crash")" in README.txt) continue ;; esac
    cp "$crash" "$regressions/$(sha1sum "$crash" | cut -c1-16).bin"
    count=$((count + 1))
  done
  echo "crashes: $count (copied to $regressions)"
  [ "$count" -eq 0 ]
}

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "afl-fuzz not found: using the in-process mutation driver (coverage-blind fallback) for ${seconds}s"
  rm -rf "$work/random"
  status=0
  "$publish/opte-fuzz" "random$suffix" "$seconds" "$corpus" "$work/random" || status=$?
  save_crashes "$work/random/crashes" || true
  exit "$status"
fi

sharpfuzz_cli="$(command -v sharpfuzz || true)"
if [ -z "$sharpfuzz_cli" ]; then
  if [ ! -x "$root/artifacts/tools/sharpfuzz" ]; then
    dotnet tool install SharpFuzz.CommandLine --tool-path "$root/artifacts/tools" >/dev/null
  fi
  sharpfuzz_cli="$root/artifacts/tools/sharpfuzz"
fi

for assembly in "${instrument[@]}"; do
  echo "instrumenting $assembly..."
  "$sharpfuzz_cli" "$publish/$assembly"
done

findings="$work/afl"
rm -rf "$findings"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
echo "afl-fuzz for ${seconds}s..."
afl-fuzz -i "$corpus" -o "$findings" -V "$seconds" -t 5000 -m none -- "$publish/opte-fuzz" "afl$suffix" > "$work/afl.log" 2>&1 || {
  echo "afl-fuzz failed; see $work/afl.log"; tail -20 "$work/afl.log"; exit 1; }
grep -E "execs_done|execs_per_sec|corpus_count|saved_crashes|bitmap_cvg" "$findings/default/fuzzer_stats" || true
save_crashes "$findings/default/crashes"
