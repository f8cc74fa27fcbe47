#!/usr/bin/env bash
# benchmarks/allocator_ab.sh: two builds of the same commit, one linked with
# glibc's malloc (cmake -DSENDSIM_JEMALLOC=OFF) and one with jemalloc (the
# default), run alternately: the 12-cell county sweep
# (scenarios/sweeps/school-timing-12.yaml) at 4
# replications a cell on 1 and 2 threads, 100 county replications on 2
# threads and 1 on 1 thread (all --no-report); prints each run, then the
# medians, the ratio of medians and the median of the rounds' own ratios, CPU
# and peak memory, and checks the folders are the same bytes.
#
#   benchmarks/allocator_ab.sh GLIBC_SENDSIM JEMALLOC_SENDSIM [ROUNDS (default 5)]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: benchmarks/allocator_ab.sh GLIBC_SENDSIM JEMALLOC_SENDSIM [ROUNDS]" >&2; exit 2; }
declare -A bin=([glibc]=$(realpath "$1") [jemalloc]=$(realpath "$2"))
rounds=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
county=scenarios/essex-baseline.yaml
for round in $(seq 1 "$rounds"); do
  for b in glibc jemalloc; do
    S=${bin[$b]}
    for t in 1 2; do
      rm -rf "$work/sweep_t$t.$b"
      /usr/bin/time -a -o "$work/times" -f "$b sweep_t$t %e %U %S %M" \
        "$S" batch scenarios/sweeps/school-timing-12.yaml --out "$work/sweep_t$t.$b" --replications 4 --threads "$t" --quiet --no-report
    done
    rm -rf "$work/run100.$b" "$work/run1.$b"
    /usr/bin/time -a -o "$work/times" -f "$b run100 %e %U %S %M" \
      "$S" run "$county" --out "$work/run100.$b" --replications 100 --threads 2 --quiet --no-report
    /usr/bin/time -a -o "$work/times" -f "$b run1 %e %U %S %M" \
      "$S" run "$county" --out "$work/run1.$b" --replications 1 --threads 1 --quiet --no-report
  done
  for what in sweep_t1 sweep_t2 run100 run1; do
    diff -r -x timing.json -x manifest.txt "$work/$what.glibc" "$work/$what.jemalloc" >/dev/null ||
      { echo "FAIL: $what differs between the allocators"; exit 1; }
  done
  echo "round $round of $rounds done"
done
cat "$work/times"
python3 - "$work/times" <<'PY'
import collections, statistics, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    b, what, wall, user, sys_, kb = line.split()
    d[(b, what)].append((float(wall), float(user) + float(sys_), int(kb) / 1000))
print("| what | glibc wall, median (s) | jemalloc | ratio of medians | median of the rounds' ratios | CPU (s) glibc / jemalloc | peak MB glibc / jemalloc |")
print("|---|---|---|---|---|---|---|")
for what in ("sweep_t1", "sweep_t2", "run100", "run1"):
    g, j = d[("glibc", what)], d[("jemalloc", what)]
    mg, mj = statistics.median(x[0] for x in g), statistics.median(x[0] for x in j)
    paired = statistics.median(a[0] / b[0] for a, b in zip(g, j))
    print(f"| {what} | {mg:.2f} | {mj:.2f} | {mg / mj:.2f}x | {paired:.2f}x | "
          f"{statistics.median(x[1] for x in g):.2f} / {statistics.median(x[1] for x in j):.2f} | "
          f"{max(x[2] for x in g):.0f} / {max(x[2] for x in j):.0f} |")
PY
