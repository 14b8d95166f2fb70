#!/usr/bin/env bash
# The peer comparison (docs/performance.md): OvsNet, a raw-socket floor, the OVS Python IDL and ovs-vsctl, each on a
# fresh private ovsdb-server per case (temp dir, stopped by pid). Installs what it needs first, like scripts/setup.sh.
#
#   bash scripts/bench.sh [--n 100,1000,10000] [--reps 3] [--tcp] [--clients ovsnet,floor,python,vsctl]
#                         [--workloads bulk,churn,pipelined,sync,latency-echo,latency-select] [--calls 1000]
#                         [--case-timeout 600] [--out .tmp/bench]
#
# Prints the table and the PASS/MISS targets; writes results.csv, targets.csv and results.md to --out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ovs-vsctl's bulk case is one invocation with ~2 MB of arguments at N = 10,000; execve's limit (ARG_MAX) is a quarter
# of the stack rlimit, capped at 6 MB. Raise the soft limit for this process tree if the hard limit allows.
ulimit -s 65536 2>/dev/null || ulimit -s unlimited 2>/dev/null || true

dotnet build benchmarks/OvsNet.Benchmarks.Runner/OvsNet.Benchmarks.Runner.csproj -c Release --no-restore --verbosity quiet -nologo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (the runner prints it again at the end)"
exec dotnet benchmarks/OvsNet.Benchmarks.Runner/bin/Release/net10.0/OvsNet.Benchmarks.Runner.dll "$@"
