#!/usr/bin/env bash
# tests/batch/mpi_test.sh SENDSIM SOURCE WORK: `mpirun -n N sendsim batch`
# for N = 1, 2 and 4 gives the bytes of a threads-only batch (timing.json
# aside); a rank killed with kill -9 mid-batch, then --resume, gives the
# bytes of a batch never interrupted. Open MPI refuses root unless
# OMPI_ALLOW_RUN_AS_ROOT=1 and OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 are set
# (ctest sets them); --oversubscribe lets 4 ranks run on 2 cores.
set -euo pipefail
sendsim=$1
source=$2
work=$3
sweep=$source/tests/batch/sweeps/tiny-grid.yaml
rm -rf "$work"
mkdir -p "$work"
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
same() {  # same DIR_A DIR_B: every file but the batch's timing.json
  diff -r -x timing.json "$1" "$2" >/dev/null || fail "$1 and $2 differ: $(diff -rq -x timing.json "$1" "$2" | head -3)"
  [ -f "$1/cells/000-tiny-scenario/timing.json" ] || fail "$1 has no cell folder"
  cmp -s "$1/cells/000-tiny-scenario/timing.json" "$2/cells/000-tiny-scenario/timing.json" || fail "cell timing differs"
}
mpi=(mpirun --oversubscribe)

"$sendsim" batch "$sweep" --out threads --threads 2 --replications 6 --quiet --no-report
for n in 1 2 4; do
  "${mpi[@]}" -n $n "$sendsim" batch "$sweep" --out mpi$n --threads 1 --replications 6 --quiet --no-report
  same threads mpi$n
  grep -q "\"ranks\": $n," mpi$n/timing.json || fail "mpi$n/timing.json does not say $n ranks"
done
echo "mpirun -n 1, 2, 4: the same bytes as threads"

# A bad sweep under mpirun: exit 2, the message once, nothing written.
set +e
"${mpi[@]}" -n 2 "$sendsim" batch "$source/tests/batch/sweeps/bad/empty-axis.yaml" --out bad >out.txt 2>err.txt
code=$?
set -e
[ $code -eq 2 ] || fail "bad sweep under mpirun: exit $code, not 2"
[ "$(grep -c 'expected at least one value, got an empty list' err.txt)" -eq 1 ] || fail "message not printed once: $(cat err.txt)"
[ ! -e bad ] || fail "a bad sweep wrote bad/"

# Kill rank 1 once its first cell (001; cells are dealt to ranks in turn)
# is written, while its second (003) runs; mpirun then ends the job. 96
# replications a cell, so that the kill lands within that second cell
# (with 24, and the kill timed by rank 0's first cell, the batch sometimes
# finished first on a loaded machine).
"$sendsim" batch "$sweep" --out whole --threads 1 --replications 96 --quiet --no-report
"${mpi[@]}" -n 2 "$sendsim" batch "$sweep" --out killed --threads 1 --replications 96 --quiet --no-report >/dev/null 2>&1 &
launcher=$!
for _ in $(seq 1 3000); do
  [ -f killed/replications/001-tiny-scenario.bin ] && break
  sleep 0.01
done
ranks=$(ps -o pid= --ppid $launcher | tr -d ' ' || true)
victim=""
for p in $ranks; do
  if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=1'; then victim=$p; fi
done
if [ -n "$victim" ]; then
  kill -9 "$victim"
  echo "killed rank 1 (process $victim)"
else
  fail "no rank 1 to kill (the batch ended first?)"
fi
wait $launcher || true
done_before=$(grep -c '"state": "done"' killed/batch.json || true)
echo "cells done before --resume: $done_before of 4"
[ "$done_before" -lt 4 ] || fail "every cell was done before the kill"
"${mpi[@]}" -n 2 "$sendsim" batch "$sweep" --out killed --threads 1 --replications 96 --resume --quiet --no-report
same whole killed
echo "kill -9 of a rank, then --resume: the same bytes as an uninterrupted batch"
