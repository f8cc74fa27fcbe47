#!/usr/bin/env bash
# benchmarks/scaling.sh: cost per event from the default county to England's
# size. Writes scaled copies of the county (benchmarks/scale_model.py: the
# "scaled" shape, population, stock and places times F, and the "england"
# shape, F copies of the districts and settings side by side) and runs one
# replication of each (1 thread, --quiet --no-report), printing a table:
# shape, factor, engine events (summary.json), ns per event (the
# simulation's wall time from timing.json over the events), CPU ns per event
# (the whole command's user + system time over the events: less sensitive to
# a loaded machine, but it includes loading and writing), the whole
# command's wall time and its peak memory (/usr/bin/time -v, "Maximum
# resident set size").
#
# usage: benchmarks/scaling.sh [SENDSIM]   (default build/sim/app/sendsim,
#        built first when it is the default)
# environment: FACTORS (default "1 5 20 60"), SHAPES (default "scaled
#        england"), RUNS (runs per row, median reported; default 1),
#        SCENARIO (default scenarios/essex-baseline.yaml)
# Target (issue 14): ns per event flat within 10% from F = 1 to F = 60 in both
# shapes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sendsim=${1:-}
if [[ -z $sendsim ]]; then
  cmake --build "$root/build" --target sendsim -j "${JOBS:-2}" >/dev/null
  sendsim=$root/build/sim/app/sendsim
fi
sendsim=$(cd "$(dirname "$sendsim")" && pwd)/$(basename "$sendsim")
factors=${FACTORS:-1 5 20 60}
shapes=${SHAPES:-scaled england}
runs=${RUNS:-1}
scenario=${SCENARIO:-$root/scenarios/essex-baseline.yaml}
if [[ ! -x /usr/bin/time ]]; then
  echo "scaling.sh: /usr/bin/time is needed (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "sendsim: $sendsim"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %6s %10s %9s %9s %8s %8s\n' shape factor events ns/event cpu_ns/ev wall_s peak_MB
for shape in $shapes; do
  for f in $factors; do
    python3 "$root/benchmarks/scale_model.py" "$scenario" "$shape" "$f" "$work" >/dev/null
    ns=() cpus=() walls=() mems=() events=0
    for _ in $(seq "$runs"); do
      rm -rf "$work/out"
      /usr/bin/time -v -o "$work/time.txt" "$sendsim" run "$work/$shape-$f.yaml" --replications 1 --threads 1 \
        --quiet --no-report --out "$work/out" >/dev/null
      events=$(sed -n 's/^ *"events": \([0-9]*\),*$/\1/p' "$work/out/summary.json" | head -1)
      sim=$(sed -n 's/^ *"wall_seconds": \([0-9.e+-]*\),*$/\1/p' "$work/out/timing.json")
      ns+=("$(awk -v s="$sim" -v e="$events" 'BEGIN {printf "%.0f", s * 1e9 / e}')")
      cpus+=("$(awk -v e="$events" -F': ' '/(User|System) time/ {t += $2} END {printf "%.0f", t * 1e9 / e}' \
        "$work/time.txt")")
      walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); t = 0;
                  for (i = 1; i <= n; ++i) t = t * 60 + p[i]; printf "%.2f", t}' "$work/time.txt")")
      mems+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")")
    done
    printf '%-8s %6s %10s %9s %9s %8s %8s\n' "$shape" "$f" "$events" \
      "$(printf '%s\n' "${ns[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" \
      "$(printf '%s\n' "${walls[@]}" | median)" \
      "$(printf '%s\n' "${mems[@]}" | median)"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
