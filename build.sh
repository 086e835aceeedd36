#!/usr/bin/env bash
# Builds everything (Release) and runs the main job on its embedded default: the simulated card, booting the
# firmware, with its state in ./.sim-state (BAR0 and host memory files) until Ctrl-C.
#   ./build.sh                 build, then run the simulator
#   ./build.sh --no-run        build only
#   ./build.sh -- ARGS...      build, then run `opte-nic-sim ARGS...`
set -euo pipefail
cd "$(dirname "$0")"
dotnet build opte-nic.sln -c Release -nologo -clp:ErrorsOnly
run=1; args=(run --state .sim-state)
while [ $# -gt 0 ]; do
  case "$1" in
    --no-run) run=0 ;;
    --) shift; args=("$@"); break ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
echo "Built. Tools: ./bin/opte-nic-sim ./bin/opteadm ./bin/opte-bench"
if [ "$run" = 1 ]; then
  echo "Starting the simulated card: ./bin/opte-nic-sim ${args[*]}"
  echo "In another terminal: ./bin/opteadm -d .sim-state version"
  exec ./bin/opte-nic-sim "${args[@]}"
fi
