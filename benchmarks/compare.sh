#!/usr/bin/env bash
# benchmarks/compare.sh: the engine, a bare event loop and SimPy on the same
# M/M/3 model (arrival 2.4, service 1), side by side on this machine.
#
#   benchmarks/compare.sh
#
# Installs python3-simpy (Debian) if no SimPy is importable, builds
# mm3_compare in build/release if needed (incremental), then prints model
# events per second for each and the ratios engine/bare-loop and
# engine/SimPy. Settings, from the environment:
#   CUSTOMERS=1000000        customers per C++ run
#   RUNS=7                   interleaved engine / bare-loop runs (median taken)
#   SIMPY_CUSTOMERS=1000000  customers per SimPy run
#   SIMPY_RUNS=3             SimPy runs (median taken)
#   JOBS=2                   build parallelism
set -euo pipefail
cd "$(dirname "$0")/.."

customers=${CUSTOMERS:-1000000}
runs=${RUNS:-7}
simpy_customers=${SIMPY_CUSTOMERS:-1000000}
simpy_runs=${SIMPY_RUNS:-3}
jobs=${JOBS:-2}
build=build/release

# Debian's python3-simpy installs for Debian's own interpreter, which may not
# be the first python3 on PATH (pyenv, a virtualenv), so use it by full path.
python=/usr/bin/python3
has_simpy() { "$python" -c 'import simpy' 2>/dev/null || "$python" -c 'import SimPy.Simulation' 2>/dev/null; }
if ! has_simpy; then
  echo "compare: installing python3-simpy"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends python3 python3-simpy >/dev/null
fi

# Configure every time (quick when nothing changed): the benchmarks may have
# been switched off in an existing build/release cache.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSENDSIM_BENCHMARKS=ON >/dev/null
cmake --build "$build" --target mm3_compare -j "$jobs" >/dev/null

echo "compare: M/M/3 on $(nproc) cores of $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
cxx_out=$("$build/benchmarks/mm3_compare" "$customers" "$runs")
echo "$cxx_out" | sed 's/^/  mm3_compare: /'
py_out=$("$python" benchmarks/mm3_simpy.py "$simpy_customers" "$simpy_runs")
echo "$py_out" | sed 's/^/  mm3_simpy:   /'

value() { echo "$1" | awk -v k="$2" '$1 == k { print $2 }'; }
engine=$(value "$cxx_out" engine_events_per_second)
bare=$(value "$cxx_out" bare_loop_events_per_second)
simpy=$(value "$py_out" simpy_events_per_second)

awk -v e="$engine" -v b="$bare" -v s="$simpy" 'BEGIN {
  printf "%-28s %14s\n", "M/M/3 model events/s", "median"
  printf "%-28s %14.4g\n", "engine (run_mmc)", e
  printf "%-28s %14.4g\n", "bare loop (priority_queue)", b
  printf "%-28s %14.4g\n", "SimPy", s
  printf "ratio engine/bare-loop %.2f (target >= 0.8)\n", e / b
  printf "ratio engine/SimPy     %.1f (target >= 50)\n", e / s
}'
