#!/usr/bin/env bash
# Runs every test in the solution (Release). System tests start the simulator as a separate process; tests that
# need root or Debian packages (namespaces, TAP, tshark) expect .ci/run to have installed them.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build opte-nic.sln -c Release -nologo -clp:ErrorsOnly
dotnet test opte-nic.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"
