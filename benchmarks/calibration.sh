#!/usr/bin/env bash
# benchmarks/calibration.sh: the calibration's speed and the backtest's
# accuracy on the published files (not in CI: the full backtest takes about a
# quarter of an hour on 2 cores).
#
#   benchmarks/calibration.sh [DATA]      DATA: the published files (default ../shared/data)
#
# Prints the wall time of `sendsim calibrate` for three LAs of different size
# (median of three runs each), then runs `sendsim backtest --la all` over
# origins 2019-2024 with horizon 5 under /usr/bin/time -v (wall time and peak
# memory) and prints its headline: MAPE of total EHC plans by horizon for the
# model and the three naive forecasts, and the coverage of its intervals.
# The figures of the last run are in models/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
sendsim=build/release/sim/app/sendsim
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for la in 882 352 886; do
  times=()
  for i in 1 2 3; do
    start=$(date +%s.%N)
    "$sendsim" calibrate --la "$la" --data "$data" --out "$out/m-$la.yaml" --quiet
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | awk '{printf "%.2f", $1 - $3}')")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "calibrate --la $la: median ${median} s of ${times[*]}"
done

/usr/bin/time -v "$sendsim" backtest --la all --data "$data" --origins 2019-2024 --horizon 5 \
    --out "$out/backtest" --no-report --quiet 2> "$out/time.txt"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$out/time.txt"
python3 - "$out/backtest/scores.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("series horizon n  sendsim  naive_a  naive_b  naive_c  cover50 cover80 cover90")
for r in rows:
    if r["series"] in ("plans", "state_special", "independent_special", "mainstream", "further_education"):
        print("%-19s %s %4s  %6.1f%%  %6.1f%%  %6.1f%%  %6.1f%%   %5.1f%%  %5.1f%%  %5.1f%%" % (
            r["series"], r["horizon"], r["n"], float(r["mape"]), float(r["mape_naive_a"]),
            float(r["mape_naive_b"]), float(r["mape_naive_c"]), float(r["coverage_50"]),
            float(r["coverage_80"]), float(r["coverage_90"])))
PY
