#!/usr/bin/env bash
# The peer comparison (docs/performance.md): OvsNet, a raw-socket floor, the OVS Python IDL and ovs-vsctl, each on a
# fresh private ovsdb-server per case (temp dir, stopped by pid). Installs what it needs first, like scripts/setup.sh.
#
#   bash scripts/bench.sh [--n 100,1000,10000] [--reps 3] [--tcp] [--clients ovsnet,floor,python,vsctl]
#                         [--workloads bulk,churn,pipelined,sync,latency-echo,latency-select] [--calls 1000]
#                         [--case-timeout 600] [--out .tmp/bench]
#
# Prints the table and the PASS/MISS targets; writes results.csv, targets.csv and results.md to --out.
# SIGTERM or Ctrl+C mid-run stops every process the run started (by pid) and removes every temp directory it made.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ovs-vsctl's bulk case is one invocation with ~2 MB of arguments at N = 10,000; execve's limit (ARG_MAX) is a quarter
# of the stack rlimit, capped at 6 MB. Raise the soft limit for this process tree if the hard limit allows.
ulimit -s 65536 2>/dev/null || ulimit -s unlimited 2>/dev/null || true

dotnet build benchmarks/OvsNet.Benchmarks.Runner/OvsNet.Benchmarks.Runner.csproj -c Release --no-restore --verbosity quiet -nologo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (the runner prints it again at the end)"

# Stopped with SIGTERM or Ctrl+C, the runner stops its own children and servers and removes their directories. This
# script backs that up: the runner's temp directories all live under one directory of this run, and on any exit every
# ovsdb-server whose pidfile is there (and whose command line names it) is stopped by pid, and the directory removed.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/ovsnet-bench-run.XXXXXX")
runner_pid=""

stop_pid() { # PID: SIGTERM, then SIGKILL after 10 s; returns when it is gone
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local pidfile pid
  trap - EXIT INT TERM
  if [ -n "$runner_pid" ]; then
    # The runner's own handler does the work; wait for it (and force it after a while).
    stop_pid "$runner_pid"
    wait "$runner_pid" 2>/dev/null || true
  fi
  for pidfile in "$run_dir"/*/ovsdb-server.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile" 2>/dev/null) || continue
    if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$(dirname "$pidfile")"; then
      stop_pid "$pid"
    fi
  done
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 130' INT

# In the background so that a signal runs the trap at once (bash defers traps while a foreground child runs).
TMPDIR="$run_dir" dotnet benchmarks/OvsNet.Benchmarks.Runner/bin/Release/net10.0/OvsNet.Benchmarks.Runner.dll "$@" &
runner_pid=$!
status=0
wait "$runner_pid" || status=$?
runner_pid=""
exit "$status"
