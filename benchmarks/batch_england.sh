#!/usr/bin/env bash
# benchmarks/batch_england.sh [DATA] [WORK]: all of England as a batch.
#
# 1. Calibrates every LA of the SEN2 2025 release (`sendsim calibrate`, two at
#    a time) into WORK/models/<code>.yaml; an LA that cannot be calibrated is
#    listed in WORK/calibrate-failed.txt and left out.
# 2. Writes WORK/england.yaml: a sweep over those models with their regions,
#    10 years from the models' start (September 2022 to August 2032), one seed
#    per LA (seeds: per_scenario) and total: true (England summed within each
#    replication; england.csv by LA, region and England).
# 3. Times `sendsim batch` of it with 1 replication and with 100 (2 threads),
#    with /usr/bin/time for the peak memory, printing the medians of 3 runs of
#    the first.
# DATA defaults to $SENDSIM_DATA, else /work/shared/data; WORK to build/england;
# SENDSIM to build/release/sim/app/sendsim. ENGLAND_TIMING=0 stops after step 2.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-${SENDSIM_DATA:-/work/shared/data}}
work=${2:-build/england}
S=${SENDSIM:-build/release/sim/app/sendsim}
mkdir -p "$work/models"

# Old LA code and region of every LA with a January 2025 caseload.
zcat "$data/sen2/release-2025/caseload.csv.gz" |
  awk -F, 'NR > 1 && $3 == "Local authority" && $1 == "202425" { print $9 "," $7 }' | sort -u >"$work/las.csv"
echo "LAs: $(wc -l <"$work/las.csv")"

calibrate_one() {  # CODE: a model unless there is one already
  local code=$1
  [ -s "$work/models/$code.yaml" ] && return 0
  if ! "$S" calibrate --la "$code" --data "$data" --out "$work/models/$code.yaml" --threads 1 --quiet \
      >"$work/models/$code.log" 2>&1; then
    echo "$code" >>"$work/calibrate-failed.txt"
  fi
}
export -f calibrate_one
export S data work
rm -f "$work/calibrate-failed.txt"
start=$(date +%s)
cut -d, -f1 "$work/las.csv" | xargs -P 2 -I{} bash -c 'calibrate_one {}'
echo "calibrated in $(( $(date +%s) - start )) s; failed: $(cat "$work/calibrate-failed.txt" 2>/dev/null | wc -l)"

sweep=$work/england.yaml
{
  echo "# All of England: every LA model calibrated by benchmarks/batch_england.sh."
  echo "sweep:"
  echo "  name: england"
  echo "  description: Every English LA calibrated to SEN2, 10 years, summed within each replication"
  echo "  replications: 1"
  echo "  seed: 20250101"
  echo "  seeds: per_scenario"
  echo "  total: true"
  echo "set:"
  echo "  scenario.end_date: 2032-08-31"
  echo "scenarios:"
  while IFS=, read -r code region; do
    [ -s "$work/models/$code.yaml" ] || continue
    echo "  - {file: models/$code.yaml, region: \"$region\"}"
  done <"$work/las.csv"
} >"$sweep"
echo "sweep: $sweep ($(grep -c 'file:' "$sweep") LAs)"

[ "${ENGLAND_TIMING:-1}" = 1 ] || exit 0  # ENGLAND_TIMING=0: calibrate and write the sweep only

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
times=()
for i in 1 2 3; do
  rm -rf "$work/out1"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$S" batch "$sweep" --out "$work/out1" --threads 2 --quiet --no-report
  times+=("$(cat "$work/time.txt")")
  echo "1 replication, run $i: $(cut -d' ' -f1 "$work/time.txt") s, peak $(( $(cut -d' ' -f2 "$work/time.txt") / 1024 )) MB"
done
printf '%s\n' "${times[@]}" | cut -d' ' -f1 | median | sed 's/^/1 replication: median wall s = /'
printf '%s\n' "${times[@]}" | cut -d' ' -f2 | median | awk '{ printf "1 replication: median peak MB = %d\n", $1 / 1024 }'
rm -rf "$work/out100"
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$S" batch "$sweep" --out "$work/out100" --replications 100 --threads 2 --quiet
echo "100 replications: $(cut -d' ' -f1 "$work/time.txt") s, peak $(( $(cut -d' ' -f2 "$work/time.txt") / 1024 )) MB"
grep '^england,England,,ehc_plans,' "$work/out100/england.csv" | head -12
