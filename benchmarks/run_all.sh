#!/usr/bin/env bash
# benchmarks/run_all.sh: every benchmark, tier by tier. Called by
# `./setup.sh bench` after the Release build in build/release; arguments are
# passed to engine_bench (Google Benchmark flags, e.g.
# --benchmark_filter=Hold).
#
# Tier 1, the engine: engine_bench (hold model, M/M/3 engine vs bare loop)
# and compare.sh (engine vs bare loop vs SimPy). Later tiers (one behaviour,
# whole scenarios) are added below as they are written.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release

# The Release build may have been configured with the benchmarks off; turn
# them on and build them (incremental, quick when up to date).
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSENDSIM_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target engine_bench mm3_compare -j "${JOBS:-2}" >/dev/null

echo "== engine_bench"
"$build/benchmarks/engine_bench" "$@"
echo
echo "== compare.sh"
benchmarks/compare.sh

# Tiers 2 and 3: one behaviour and whole scenarios.
cmake --build "$build" --target scenario_bench -j "${JOBS:-2}" >/dev/null
echo
echo "== scenario_bench"
"$build/benchmarks/scenario_bench"
echo
echo "== scenario_timing.sh"
benchmarks/scenario_timing.sh
