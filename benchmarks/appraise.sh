#!/usr/bin/env bash
# benchmarks/appraise.sh: wall time of `sendsim appraise` on the example
# options file of the default county (scenarios/essex-options.yaml: 10
# options, one group of two), 100 replications per portfolio, on 2 threads.
# The issue's target: 10 options x 100 replications within 5 minutes on 2
# cores.
#
#   benchmarks/appraise.sh [BUILD_DIR]
#
# Settings, from the environment:
#   REPLICATIONS=100   replications per portfolio
#   THREADS=2          worker threads
#   OUT=results/bench-appraise   the appraisal folder (replaced)
# Prints the portfolios run, the search used, the screening replications,
# the finalists, the replications simulated in all, the wall time and the CPU
# time (user + system) in seconds (`key value` lines), and the load average
# before and after the run: on a shared machine the wall time grows with the
# load, the CPU time much less, so cpu_seconds / threads is what the run
# would take on otherwise idle cores (an estimate, not a measurement).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
replications=${REPLICATIONS:-100}
threads=${THREADS:-2}
out=${OUT:-results/bench-appraise}
binary="$build/sim/app/sendsim"
[ -x "$binary" ] || { echo "appraise.sh: $binary not built (cmake --build $build --target sendsim)" >&2; exit 2; }
echo "loadavg_before $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ',')"
times=$(mktemp)
trap 'rm -f "$times"' EXIT
start=$(date +%s.%N)
# The shell's `time` of the child: real, user and system seconds.
TIMEFORMAT='%R %U %S'
{ time "$binary" appraise scenarios/essex-options.yaml --replications "$replications" --threads "$threads" \
    --out "$out" --quiet 2>&3; } 3>&2 2>"$times"
end=$(date +%s.%N)
echo "loadavg_after $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ',')"
read -r _ user system <"$times"
portfolios=$(($(wc -l < "$out/appraisal.csv") - 1))
json() { sed -n "s/.*\"$1\": \"\{0,1\}\([a-z0-9.]*\)\"\{0,1\},\{0,1\}$/\1/p" "$out/summary.json"; }
echo "options 10"
echo "replications $replications"
echo "threads $threads"
echo "portfolios_run $portfolios"
echo "method $(json method)"
echo "screening_replications $(json screening_replications)"
echo "finalists $(json finalists)"
echo "replications_run $(json replications_run)"
echo "chosen $(sed -n 's/.*"chosen": "\(.*\)",$/\1/p' "$out/summary.json")"
echo "wall_seconds $(echo "$end - $start" | bc)"
echo "cpu_seconds $(echo "$user + $system" | bc)"
echo "cpu_seconds_per_thread $(echo "($user + $system) / $threads" | bc -l | cut -c1-6)"
