#!/usr/bin/env bash
# benchmarks/scenario_timing.sh: wall time of whole runs of the default
# county through the command line, as a user runs it: one replication on one
# thread, and 100 replications on 2 threads. Prints each run's time and the
# median of RUNS runs (default 5). Targets (issue 3): one 15-year replication
# in at most 0.5 s on one core; 100 replications in at most 30 s on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
runs=${RUNS:-5}
cmake --build "$build" --target sendsim -j "${JOBS:-2}" >/dev/null
sendsim=$build/sim/app/sendsim
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

time_run() {  # label, sendsim args...
  local label=$1
  shift
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$sendsim" "$@" --quiet --no-report --out "$out/r" >/dev/null
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')")
  done
  printf '%s: runs %s s; median %s s\n' "$label" "${times[*]}" "$(printf '%s\n' "${times[@]}" | median)"
}

time_run "1 replication, 1 thread" run scenarios/essex-baseline.yaml --replications 1 --threads 1
time_run "100 replications, 2 threads" run scenarios/essex-baseline.yaml --replications 100 --threads 2
