#!/usr/bin/env bash
# Speed and memory of a release build, against the targets of the CI-gates issue:
#   one profile end to end (process start to exit, --format json) within 4x /bin/true,
#   under 16 MB peak memory; 1,000 profiles in one batch call in under 1 s.
# And the sensitivity issue's: --sensitivity on every example profile within 10x the time of a
# plain run of the same profile; a 1,000-point scan in under 0.5 s.
# And the uncertainty issue's: 10,000 samples of each example profile (its own ranges, or two
# added with --set) within 20x its plain run; 100,000 samples of pi-fleet-llm with three ranges
# in under 1 s on one thread.
# Prints the figures; exits 1 when a target is missed. Usage: bash scripts/bench.sh [--record] [runs]
# --record also writes the figures, with the date, core count and commit, to docs/measured/bench.txt,
# which the README's Speed section quotes verbatim (tests/test_doc_figures.cpp checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --record ]; then
  shift
  mkdir -p docs/measured
  out=docs/measured/bench.txt
  set +e  # a missed target is recorded too, and still exits 1
  { echo "scripts/bench.sh, $(date -u +%Y-%m-%d), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    bash "$0" "$@"; } | tee "$out.tmp"
  status=${PIPESTATUS[0]}
  mv "$out.tmp" "$out"
  exit "$status"
fi
runs=${1:-300}
exe=build/release/src/edgecalc
# Always build: an existing binary may be older than the sources (incremental, quick when current).
cmake --preset release >/dev/null && cmake --build --preset release -j "$(nproc)" --target edgecalc >/dev/null
profile=profiles/team-gpu-server.yaml   # a server deployment: break-even by bisection, the slowest path

now() { date +%s.%N; }
per_run_ms() {  # $1 = command string, run $runs times
  local start end
  start=$(now)
  for ((i = 0; i < runs; i++)); do eval "$1" >/dev/null; done
  end=$(now)
  awk -v s="$start" -v e="$end" -v n="$runs" 'BEGIN { print (e - s) * 1000 / n }'
}

true_ms=$(per_run_ms "/bin/true")
one_ms=$(per_run_ms "$exe $profile --format json")
ratio=$(awk -v a="$one_ms" -v b="$true_ms" 'BEGIN { print a / b }')

peak_kb=n/a
if [ -x /usr/bin/time ]; then
  peak_kb=$(/usr/bin/time -f %M "$exe" "$profile" --format json 2>&1 >/dev/null | tail -n 1)
fi

# Whether profile $1 has ranges (a Monte Carlo section in its report).
has_ranges() { "$exe" "$1" --samples 1 --format json | grep -q '"uncertainty"'; }
# The batch target is for point profiles: a profile with ranges samples 10,000 times by design.
mapfile -t point_profiles < <(for p in profiles/*.yaml; do has_ranges "$p" || echo "$p"; done)
mapfile -t batch < <(for ((i = 0; i < 1000; i++)); do printf '%s\n' "${point_profiles[@]}"; done | head -n 1000)
start=$(now)
"$exe" "${batch[@]}" --format json >/dev/null || true
end=$(now)
batch_s=$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')

printf 'one profile, --format json : %.2f ms per run (/bin/true %.2f ms): %.2fx (target <= 4x)\n' "$one_ms" "$true_ms" "$ratio"
printf 'peak memory, one profile   : %s KB (target < 16384 KB)\n' "$peak_kb"
printf '1,000 profiles in one call : %.3f s (target < 1 s)\n' "$batch_s"

# Per example profile, the same number of runs of a plain command and of the one measured.
sens_runs=$(( runs / 10 > 5 ? runs / 10 : 5 ))
# $1 label, $2 target ratio, $3 and $4 functions that print a profile's plain and measured flags
# (for eval: quote a $ amount); prints each profile's ratio and leaves the worst in $worst.
compare_each() {
  local p plain_ms ms r saved
  worst=0
  for p in profiles/*.yaml profiles/*.json; do
    saved=$runs; runs=$sens_runs
    plain_ms=$(per_run_ms "$exe $p $("$3" "$p") --format json")
    ms=$(per_run_ms "$exe $p $("$4" "$p") --format json")
    runs=$saved
    r=$(awk -v a="$ms" -v b="$plain_ms" 'BEGIN { print a / b }')
    printf '%s %-36s: %.1f ms vs %.1f ms plain: %.2fx (target <= %sx)\n' "$1" "$(basename "$p")" "$ms" "$plain_ms" "$r" "$2"
    worst=$(awk -v a="$r" -v b="$worst" 'BEGIN { print (a > b) ? a : b }')
  done
}

no_flags() { :; }
sensitivity_flags() { echo --sensitivity; }
compare_each sensitivity 10 no_flags sensitivity_flags
worst_sens=$worst

start=$(now)
"$exe" profiles/team-gpu-server.yaml --scan workload.calls=1/day..1000/day:lin:1000 --format csv >/dev/null
end=$(now)
scan_s=$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')
printf '1,000-point scan           : %.3f s (target < 0.5 s)\n' "$scan_s"

# Uncertainty: the plain run has no ranges (a ranged profile: one sample, as good as none); a
# profile without ranges gets two with --set.
two_ranges="--set horizon=24months..48months --set 'edge.energy_price=\$0.10/kWh..\$0.30/kWh'"
point_flags() { if has_ranges "$1"; then echo "--samples 1"; fi; }
sample_flags() { if has_ranges "$1"; then echo "--samples 10000"; else echo "$two_ranges --samples 10000"; fi; }
compare_each "10,000 samples" 20 point_flags sample_flags
worst_mc=$worst

start=$(now)
"$exe" profiles/pi-fleet-llm.yaml --threads 1 --samples 100000 --set workload.calls=2/day..8/day \
  --set fleet.size=600..2400 --set 'edge.unit_cost=$60..$150' --format json >/dev/null
end=$(now)
mc_s=$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')
printf '100,000 samples, 1 thread  : %.3f s (target < 1 s)\n' "$mc_s"

fail=0
awk -v r="$worst_mc" 'BEGIN { exit !(r > 20) }' && { echo "MISSED: 10,000 samples over 20x a plain run"; fail=1; }
awk -v t="$mc_s" 'BEGIN { exit !(t >= 1) }' && { echo "MISSED: 100,000 samples in 1 s"; fail=1; }
awk -v r="$worst_sens" 'BEGIN { exit !(r > 10) }' && { echo "MISSED: --sensitivity over 10x a plain run"; fail=1; }
awk -v t="$scan_s" 'BEGIN { exit !(t >= 0.5) }' && { echo "MISSED: 1,000-point scan"; fail=1; }
awk -v r="$ratio" 'BEGIN { exit !(r > 4) }' && { echo "MISSED: start-to-exit over 4x /bin/true"; fail=1; }
[ "$peak_kb" != n/a ] && (( peak_kb >= 16384 )) && { echo "MISSED: peak memory"; fail=1; }
awk -v t="$batch_s" 'BEGIN { exit !(t >= 1) }' && { echo "MISSED: batch of 1,000"; fail=1; }
exit $fail
