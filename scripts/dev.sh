#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   bash scripts/dev.sh run   install dependencies, build (release), run edgecalc on an example
#   bash scripts/dev.sh test  install dependencies, build with -Werror under ASan+UBSan and
#                             run every test there (unit, end-to-end, browser, the fuzz
#                             targets replaying their corpora), then build the release CLI
#                             with -Werror, run every example profile with it and make the
#                             .deb (build/ci-release/package/), installed into a scratch root
#                             and run by scripts/check-deb.sh; each phase prints its time
#                             (timed fuzzing: scripts/fuzz.sh, docs/fuzzing.md)
#   bash scripts/dev.sh deps  only install missing Debian packages (needs root)
# `run --record` also writes the build time, the date, core count and commit, and whether the
# build started from nothing, to docs/measured/dev-run.txt (the README quotes it verbatim).
set -euo pipefail
cd "$(dirname "$0")/.."

# Every dependency is a Debian 12 package; nothing is downloaded at build time.
packages=(g++ make cmake libcli11-dev nlohmann-json3-dev libfmt-dev catch2 libyaml-cpp-dev libboost-math-dev)
# For `test`: zlib reads the browser test's screenshots; zsh and groff check the completion and the
# man page (man-db runs `man edgecalc` on the installed .deb); dpkg-dev brings dpkg-shlibdeps
# for the .deb. Chromium renders the HTML report; a machine that cannot install Chromium still
# runs every other test (that one is skipped).
test_packages=(zlib1g-dev zsh groff-base man-db dpkg-dev)
browser_package=chromium
example=profiles/doorbell-keyword-spotting.yaml
jobs=$(nproc 2>/dev/null || echo 2)

install_deps() {  # $@ = extra packages
  local missing=()
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "dev.sh: missing Debian packages: ${missing[*]}" >&2
    echo "dev.sh: run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
  echo "dev.sh: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

phase() {  # $1 = what, $2... = the command: runs it and prints how long it took
  local what=$1 start=$SECONDS
  shift
  "$@"
  echo "dev.sh: $what took $((SECONDS - start)) s"
}

# Every example profile through the release binary: exit 0, or 1 where a profile's own gate
# fails by design; 2 or 3 would be a bug the sanitizer build did not reach.
run_examples() {
  local exe=$1 p code
  for p in profiles/*.yaml profiles/*.json; do
    code=0
    "$exe" "$p" --format json >/dev/null || code=$?
    if [ "$code" -gt 1 ]; then
      echo "dev.sh: $exe $p exited $code" >&2
      return 1
    fi
  done
  "$exe" "$example"
}

package_deb() {  # $1 = a build tree: makes $1/package/edgecalc_VERSION_ARCH.deb and checks it
  rm -rf "$1/package"
  (cd "$1" && cpack -G DEB -B package >/dev/null)
  bash scripts/check-deb.sh "$1"/package/*.deb
}

build() {  # $1 = preset, $2... = targets (default: all)
  local preset=$1
  shift
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs" ${1:+--target "$@"}
}

case "${1:-}" in
  deps) install_deps ;;
  run)
    install_deps
    fresh=no
    [ -d build/release ] || fresh=yes
    start=$SECONDS
    build release edgecalc  # the CLI only: the test suite is `test`'s business
    cache=off
    command -v ccache >/dev/null && [ -z "${CCACHE_DISABLE:-}" ] && cache=on
    built="the CLI built in $((SECONDS - start)) s (release, -j $jobs, empty build directory: $fresh, ccache: $cache)"
    echo "dev.sh: $built" >&2
    if [ "${2:-}" = --record ]; then
      mkdir -p docs/measured
      printf 'scripts/dev.sh run, %s, %s cores, commit %s\n%s\n' "$(date -u +%Y-%m-%d)" "$(nproc)" \
        "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$built" >docs/measured/dev-run.txt
    fi
    ./build/release/src/edgecalc "$example"
    ;;
  test)
    total=$SECONDS
    phase "installing packages" install_deps "${test_packages[@]}"
    (install_deps "$browser_package") ||
      echo "dev.sh: $browser_package could not be installed; the browser test will be skipped" >&2
    phase "the ASan+UBSan build (-Werror)" build asan
    phase "every test under ASan+UBSan" ctest --preset asan -j "$jobs"
    phase "the release CLI (-O2, -Werror), its man page and completions" build ci-release edgecalc edgecalc_manual
    phase "every example profile on the release CLI" run_examples build/ci-release/src/edgecalc
    phase "the .deb (cpack -G DEB), installed into a scratch root and run" package_deb build/ci-release
    echo "dev.sh: test took $((SECONDS - total)) s in all"
    ;;
  *)
    echo "usage: bash scripts/dev.sh run|test|deps" >&2
    exit 2
    ;;
esac
