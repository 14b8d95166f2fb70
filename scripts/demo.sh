#!/usr/bin/env bash
# Runs OvsNet's main demo after installing what it needs (run as root on Debian 12).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run --project samples/OvsNet.Samples.Hypervisor -c Release -- "$@"
