#!/usr/bin/env bash
# benchmarks/batch_speedup.sh: the batch's speed-up and overhead, medians of
# RUNS rounds (default 3), printed as the table in benchmarks/README.md.
#
#   1 -> 2 threads   sendsim batch scenarios/sweeps/school-timing-12.yaml: the
#                    sweep of scenarios/sweeps/essex-school-timing.yaml with a
#                    fourth request growth (12 county cells, REPS replications
#                    each, default 10: 120 tasks, about a minute of CPU, so
#                    loading and the sweep's own files are a few per cent,
#                    and 12 cells share evenly among 1, 2, 3 or 4 ranks)
#                    with --threads 1 and --threads 2
#   1 -> 2 ranks     the same under mpirun -n 1 and -n 2, --threads 1 each
#   overhead         sendsim run scenarios/essex-baseline.yaml --replications
#                    RUN_REPS (default 20) --threads 2 --no-report against a
#                    batch of that one scenario (one cell, the same
#                    replications, 2 threads, --no-report)
# The runs alternate: each round runs every configuration once, in turn
# (1 thread, 2 threads, 1 rank, 2 ranks, run, batch), so a change in the
# machine's load during the measurement falls on all of them alike rather
# than on whichever ran last; each figure is the median over the rounds.
# Every batch's folder is checked to be the same bytes (timing.json aside),
# and the one-cell batch's tables against run's. Besides the wall time each
# run's CPU time (user + system, of every process) is recorded: a loaded
# machine inflates wall-clock ratios, and the CPU time shows how much work
# each configuration does.
#
#   benchmarks/batch_speedup.sh            the measurement (wait for an idle machine)
#   benchmarks/batch_speedup.sh --smoke    a dry run that only shows the script works:
#                                          1 round, 1 replication a cell, 2 for the
#                                          overhead pair, no waiting for idle (its
#                                          figures mean nothing)
#
# SENDSIM (default build/sim/app/sendsim), WORK (default build/batch-bench),
# RUNS, REPS, RUN_REPS and IDLE_WAIT (seconds to wait for idle before each
# run, default 300) may be set. As root, Open MPI needs
# OMPI_ALLOW_RUN_AS_ROOT=1 and OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 (set here).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--smoke" ]; then
  RUNS=1 REPS=1 RUN_REPS=2 IDLE_WAIT=0
elif [ $# -gt 0 ]; then
  echo "usage: benchmarks/batch_speedup.sh [--smoke]" >&2
  exit 2
fi
S=${SENDSIM:-build/sim/app/sendsim}
work=${WORK:-build/batch-bench}
runs=${RUNS:-3}
reps=${REPS:-10}
run_reps=${RUN_REPS:-20}
idle_wait=${IDLE_WAIT:-300}
sweep=scenarios/sweeps/school-timing-12.yaml
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
rm -rf "$work"
mkdir -p "$work"

# Waits (up to IDLE_WAIT s) until the machine has been idle:
# under 10% of one core busy over 5 s, as for the other figures; counts the
# runs that started on a busy machine.
wait_idle() {
  local waited=0
  [ "$idle_wait" -eq 0 ] && return 0
  while :; do
    read -r _ u1 n1 s1 i1 w1 x1 y1 _ </proc/stat
    sleep 5
    read -r _ u2 n2 s2 i2 w2 x2 y2 _ </proc/stat
    local busy=$(( (u2 + n2 + s2 + x2 + y2) - (u1 + n1 + s1 + x1 + y1) ))
    local total=$(( busy + (i2 + w2) - (i1 + w1) ))
    # 2 cores: 10% of one core is 5% of the machine.
    [ $(( busy * 100 )) -lt $(( total * 5 )) ] && return 0
    waited=$(( waited + 5 ))
    if [ "$waited" -ge "$idle_wait" ]; then
      echo busy >>"$work/busy.txt"
      return 0
    fi
  done
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
once() {  # once NAME COMMAND...: one run, its wall seconds appended to NAME.times
  local name=$1
  shift
  rm -rf "${work:?}/$name"
  wait_idle
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >/dev/null 2>"$work/$name.err" ||
    { echo "FAIL: $name exited non-zero:"; cat "$work/$name.err"; exit 1; }
  local wall user sys
  read -r wall user sys < <(tail -1 "$work/time.txt")
  printf '%s ' "$wall" >>"$work/$name.times"
  printf '%s ' "$(awk "BEGIN { printf \"%.2f\", $user + $sys }")" >>"$work/$name.cpu"
}
median_of() { tr ' ' '\n' <"$work/$1.times" | grep . | median; }
cpu_of() { tr ' ' '\n' <"$work/$1.cpu" | grep . | median; }

cat >"$work/one.yaml" <<YAML
sweep: {name: one, replications: $run_reps}
scenarios: [$PWD/scenarios/essex-baseline.yaml]
YAML

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
batch_args=(--replications "$reps" --threads 1 --quiet --no-report)
for round in $(seq 1 "$runs"); do
  once threads1 "$S" batch "$sweep" --out "$work/threads1" "${batch_args[@]}"
  once threads2 "$S" batch "$sweep" --out "$work/threads2" --replications "$reps" --threads 2 --quiet --no-report
  once ranks1 mpirun --oversubscribe -n 1 "$S" batch "$sweep" --out "$work/ranks1" "${batch_args[@]}"
  once ranks2 mpirun --oversubscribe -n 2 "$S" batch "$sweep" --out "$work/ranks2" "${batch_args[@]}"
  for d in threads2 ranks1 ranks2; do
    diff -r -x timing.json "$work/threads1" "$work/$d" >/dev/null || { echo "FAIL: $d differs from threads1"; exit 1; }
  done
  once run "$S" run scenarios/essex-baseline.yaml --out "$work/run" --replications "$run_reps" --threads 2 --quiet --no-report
  once one "$S" batch "$work/one.yaml" --out "$work/one" --threads 2 --quiet --no-report
  for f in ehc_snapshot.csv spend.csv waiting_snapshot.csv; do
    cmp -s "$work/run/$f" "$work/one/cells/000-essex-baseline/$f" || { echo "FAIL: batch cell $f differs from run"; exit 1; }
  done
  echo "round $round of $runs done"
done
t1=$(median_of threads1)
t2=$(median_of threads2)
r1=$(median_of ranks1)
r2=$(median_of ranks2)
run=$(median_of run)
one=$(median_of one)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); runs started on a busy machine: $(cat "$work/busy.txt" 2>/dev/null | wc -l)"

echo
echo "| what | command | runs (s) | median (s) | CPU, median (s) | ratio |"
echo "|---|---|---|---|---|---|"
echo "| 1 thread | \`sendsim batch school-timing-12.yaml --replications $reps --threads 1\` | $(cat "$work/threads1.times")| $t1 | $(cpu_of threads1) | |"
echo "| 2 threads | \`... --threads 2\` | $(cat "$work/threads2.times")| $t2 | $(cpu_of threads2) | speed-up $(awk "BEGIN { printf \"%.2f\", $t1 / $t2 }")x |"
echo "| 1 rank | \`mpirun -n 1 sendsim batch ... --threads 1\` | $(cat "$work/ranks1.times")| $r1 | $(cpu_of ranks1) | |"
echo "| 2 ranks | \`mpirun -n 2 sendsim batch ... --threads 1\` | $(cat "$work/ranks2.times")| $r2 | $(cpu_of ranks2) | speed-up $(awk "BEGIN { printf \"%.2f\", $r1 / $r2 }")x |"
echo "| plain run | \`sendsim run scenarios/essex-baseline.yaml --replications $run_reps --threads 2 --no-report\` | $(cat "$work/run.times")| $run | $(cpu_of run) | |"
echo "| batch of it | \`sendsim batch one.yaml\` (that scenario, $run_reps replications, 2 threads) | $(cat "$work/one.times")| $one | $(cpu_of one) | overhead $(awk "BEGIN { printf \"%+.1f\", ($one / $run - 1) * 100 }")% |"
