#!/usr/bin/env bash
# setup.sh: installs what is missing (Debian packages), builds, and runs.
#
#   ./setup.sh run [ARGS]  install, build (Release), run the default scenario
#                          (or `sendsim ARGS`, e.g. ./setup.sh run validate models/essex.yaml)
#   ./setup.sh test     install, build (Release), run every test with ctest
#   ./setup.sh sanitize install, build with ASan+UBSan, run every test
#   ./setup.sh bench    install, build (Release), run the benchmarks
#   ./setup.sh format   check every C++ file against .clang-format (clang-format --dry-run --Werror)
#   ./setup.sh install  install the Debian packages only
#
# Idempotent: packages already present are not installed again and builds are
# incremental. Needs root (or sudo) only when a package is missing.
set -euo pipefail
cd "$(dirname "$0")"

# Build and run dependencies, all from Debian 12.
packages=(
  cmake g++ make pkg-config
  libyaml-cpp-dev libboost-graph-dev libxlsxwriter-dev zlib1g-dev
  libcli11-dev nlohmann-json3-dev  # the command line (CLI11) and the JSON files (header-only)
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  locales                         # a decimal-comma locale for the CSV number test (localedef)
  gnuplot-nox fonts-dejavu-core   # charts (sendsim run/report draw them with gnuplot)
  chromium                        # the report's browser test (headless)
  libreoffice-calc-nogui poppler-utils   # the workbook printed to PDF and read back (returns_report_test)
  openmpi-bin libopenmpi-dev      # sendsim batch across processes (mpirun), found by find_package(MPI)
  libssl-dev                      # SHA-256 of the results manifest (OpenSSL libcrypto)
  libjemalloc-dev                 # the allocator sendsim links (less CPU and memory over many replications)
  clang-format                    # the layout check (./setup.sh format, run by CI)
)

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

jobs=${JOBS:-2}

build() {  # build DIR [cmake args...]
  local dir=$1
  shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

cmd=${1:-run}
shift || true
case "$cmd" in
  install)
    install_packages "${packages[@]}"
    ;;
  run)
    install_packages "${packages[@]}"
    build build/release -DCMAKE_BUILD_TYPE=Release
    if [ $# -eq 0 ]; then
      set -- run scenarios/essex-baseline.yaml
    fi
    ./build/release/sim/app/sendsim "$@"
    ;;
  test)
    install_packages "${packages[@]}"
    build build/release -DCMAKE_BUILD_TYPE=Release
    ctest --test-dir build/release --output-on-failure -j "$jobs" "$@"
    ;;
  sanitize)
    install_packages "${packages[@]}"
    build build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSENDSIM_SANITIZE=ON -DSENDSIM_BENCHMARKS=OFF
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --test-dir build/sanitize --output-on-failure -j "$jobs" "$@"
    ;;
  format)
    install_packages clang-format
    git ls-files -z '*.cpp' '*.hpp' '*.h' | xargs -0 clang-format --dry-run --Werror
    echo "setup: every C++ file follows .clang-format"
    ;;
  bench)
    install_packages "${packages[@]}"
    build build/release -DCMAKE_BUILD_TYPE=Release
    exec benchmarks/run_all.sh "$@"
    ;;
  *)
    echo "usage: ./setup.sh [run|test|sanitize|format|bench|install]" >&2
    exit 2
    ;;
esac
