#!/usr/bin/env bash
# The exhaustive sweeps whole: CI (scripts/dev.sh test) runs a fixed sample of each so that it
# stays under 10 minutes; this runs every case of them (EDGECALC_FULL_SWEEPS=1), under the
# sanitizers by default. Today that is the report-without-one-key sweep: 7,738 renders instead
# of about 2,900.
#   bash scripts/full-sweeps.sh [asan|dev]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-asan}
case "$preset" in asan|dev) ;; *) echo "usage: bash scripts/full-sweeps.sh [asan|dev]" >&2; exit 2 ;; esac
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc 2>/dev/null || echo 2)" --target edgecalc_tests
start=$SECONDS
EDGECALC_FULL_SWEEPS=1 ctest --preset "$preset" -j "$(nproc 2>/dev/null || echo 2)" -L unit
echo "full-sweeps.sh: the unit tests with every sweep whole took $((SECONDS - start)) s ($preset)"
