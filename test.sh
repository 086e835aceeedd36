#!/usr/bin/env bash
# Runs every test in the solution (Release), then proves the firmware image is NativeAOT-clean: the simulator board
# (firmware + engine + hal + device model) is published with PublishAot (warnings are errors) and the native binary
# must boot to READY. System tests start the simulator as a separate process; tests that need root or Debian packages
# expect .ci/run to have installed them.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build opte-nic.sln -c Release -nologo -clp:ErrorsOnly
dotnet test opte-nic.sln -c Release --no-build -nologo "$@"

echo "== NativeAOT: publishing opte-nic-sim (firmware image on the simulator board)"
aot_out="artifacts/aot/opte-nic-sim"
dotnet publish hw-sim/OpteNic.Sim -c Release -r linux-x64 -p:PublishAot=true -nologo -clp:ErrorsOnly -o "$aot_out"
state="$(mktemp -d)"; sim_pid=""
trap 'if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; fi; rm -rf "$state"' EXIT
"$aot_out/opte-nic-sim" run --state "$state/card" > "$state/sim.log" 2>&1 & sim_pid=$!
for _ in $(seq 1 100); do grep -q READY "$state/sim.log" && break; sleep 0.1; done
grep -q READY "$state/sim.log" || { cat "$state/sim.log"; echo "NativeAOT simulator did not reach READY" >&2; exit 1; }
dotnet artifacts/bin/OpteAdm/release/opteadm.dll -d "$state/card" version
kill -TERM "$sim_pid"; wait "$sim_pid"
echo "== NativeAOT: native simulator booted, answered the mailbox and stopped cleanly"
