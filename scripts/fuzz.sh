#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang, ASan+UBSan) and runs each on its seed corpus
# with its dictionary (docs/fuzzing.md):
#   bash scripts/fuzz.sh SECONDS [TARGET...]    targets: profile render diff set litellm catalog
# A crash, an exit 3 or a report that fails its schema stops the run: the input is printed (as
# text and base64) and kept in build/fuzz/crashes/, and the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: bash scripts/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(profile render diff set litellm catalog)

# libFuzzer comes with clang; CI does not install it (it replays the corpora as tests instead).
if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "install ok installed"; then
  echo "fuzz.sh: needs clang and libFuzzer: sudo apt-get install clang libclang-rt-14-dev" >&2
  exit 2
fi
if ! log=$(cmake --preset fuzz 2>&1 && cmake --build --preset fuzz -j "$(nproc 2>/dev/null || echo 2)" 2>&1); then
  echo "$log" >&2
  echo "fuzz.sh: the fuzz build failed" >&2
  exit 1
fi

# Seed corpora: the repository's own profiles, reports, catalogs and price files (fuzz/seeds.txt,
# which the fuzz.replay.* tests replay too), and the inputs kept in fuzz/regress/TARGET/.
seeds() {  # $1 = target, prints seed directories
  if [ "$1" = diff ]; then echo build/fuzz/seeds/diff; else awk -v t="$1" '$1 == t { $1 = ""; print }' fuzz/seeds.txt; fi
  [ -d "fuzz/regress/$1" ] && echo "fuzz/regress/$1"
  return 0
}
dict() { case "$1" in render|diff) echo fuzz/report.dict ;; *) echo fuzz/profile.dict ;; esac; }

# diff needs pairs: consecutive golden reports joined at a "====" line.
mkdir -p build/fuzz/seeds/diff
reports=(tests/golden/report/*.json)
for ((i = 0; i + 1 < ${#reports[@]}; i++)); do
  { cat "${reports[i]}"; printf '\n====\n'; cat "${reports[i + 1]}"; } > "build/fuzz/seeds/diff/pair-$i.json"
done

status=0
for t in "${targets[@]}"; do
  exe=build/fuzz/fuzz/fuzz_$t
  [ -x "$exe" ] || { echo "fuzz.sh: no target '$t'" >&2; exit 2; }
  corpus=build/fuzz/corpus/$t crashes=build/fuzz/crashes/$t
  mkdir -p "$corpus" "$crashes"
  # shellcheck disable=SC2046
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$exe" "$corpus" $(seeds "$t") -dict="$(dict "$t")" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
       >"build/fuzz/$t.log" 2>&1; then
    echo "fuzz $t: $(grep -E '^stat::number_of_executed_units' "build/fuzz/$t.log" | awk '{print $2}') runs," \
         "$(grep -oE 'cov: [0-9]+' "build/fuzz/$t.log" | tail -1), no crash in ${seconds}s"
  else
    status=1
    echo "fuzz $t: FAILED" >&2
    tail -n 60 "build/fuzz/$t.log" >&2
    for f in "$crashes"/*; do
      [ -f "$f" ] || continue
      echo "---- input $f (base64):" >&2
      base64 -w 100 "$f" >&2
    done
  fi
done
exit $status
