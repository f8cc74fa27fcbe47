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
# Prints the portfolios run, the search used and the wall time in seconds
# (`key value` lines), and the load average before the run (a shared machine
# slows it).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
replications=${REPLICATIONS:-100}
threads=${THREADS:-2}
out=${OUT:-results/bench-appraise}
binary="$build/sim/app/sendsim"
[ -x "$binary" ] || { echo "appraise.sh: $binary not built (cmake --build $build --target sendsim)" >&2; exit 2; }
echo "loadavg_before $(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ',')"
start=$(date +%s.%N)
"$binary" appraise scenarios/essex-options.yaml --replications "$replications" --threads "$threads" --out "$out" --quiet
end=$(date +%s.%N)
portfolios=$(($(wc -l < "$out/appraisal.csv") - 1))
method=$(sed -n 's/.*"method": "\([a-z]*\)".*/\1/p' "$out/summary.json")
echo "options 10"
echo "replications $replications"
echo "threads $threads"
echo "portfolios_run $portfolios"
echo "method $method"
echo "wall_seconds $(echo "$end - $start" | bc)"
echo "seconds_per_portfolio $(echo "($end - $start) / $portfolios" | bc -l | cut -c1-6)"
