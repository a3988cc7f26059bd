#!/usr/bin/env bash
# bash scripts/check-deb.sh DEB: checks that a .deb made by `cpack -G DEB` (cmake/package.cmake)
# installs and runs on Debian 12. It installs the package with dpkg into a scratch root (its own
# dpkg database, no root needed), checks every Depends can be met from the Debian archive apt
# knows, that the files are where Debian looks for them and nothing is left in share/edgecalc/,
# then runs the installed binary on an installed example, renders `man edgecalc` from the
# installed page and loads the installed bash completion. Exit 0 when all hold, 1 at the first
# that does not (what failed goes to stderr). Used by ctest (install.deb) and scripts/dev.sh test.
set -euo pipefail
deb=$(realpath "$1")
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() { echo "check-deb: $*" >&2; exit 1; }
for tool in dpkg dpkg-deb apt-cache man bash; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done

# The control fields.
[ "$(dpkg-deb -f "$deb" Package)" = edgecalc ] || fail "Package is not edgecalc"
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
version=$(dpkg-deb -f "$deb" Version)

# Every dependency names a package the archive has, in a version that meets it.
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] || fail "no Depends (dpkg-shlibdeps did not run?)"
IFS=',' read -ra relations <<<"$depends"
for relation in "${relations[@]}"; do
  relation=$(echo "$relation" | xargs)
  name=${relation%% *}
  candidate=$(apt-cache policy "$name" 2>/dev/null | sed -n 's/^ *Candidate: //p')
  [ -n "$candidate" ] && [ "$candidate" != "(none)" ] || fail "Depends: $name is not in the archive"
  if [[ $relation =~ \((.*)\ (.*)\) ]]; then
    dpkg --compare-versions "$candidate" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" ||
      fail "Depends: $relation, the archive has $candidate"
  fi
done

# Install with dpkg itself into the scratch root (its dependencies are the host's).
mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-not-root --force-depends -i "$deb" >"$root/dpkg.log" 2>&1 ||
  { cat "$root/dpkg.log" >&2; fail "dpkg -i failed"; }
[ "$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status}' edgecalc)" = "install ok installed" ] ||
  fail "dpkg does not list edgecalc as installed"

usr=$root/usr
for file in bin/edgecalc share/man/man1/edgecalc.1 share/bash-completion/completions/edgecalc \
            share/zsh/vendor-completions/_edgecalc share/doc/edgecalc/copyright \
            share/doc/edgecalc/README.md share/doc/edgecalc/schema/profile-v1.schema.json \
            share/doc/edgecalc/schema/report-v1.schema.json; do
  [ -s "$usr/$file" ] || fail "/usr/$file is missing"
done
[ ! -e "$usr/share/edgecalc" ] || fail "/usr/share/edgecalc is installed, and the binary reads nothing there"

# The installed binary runs from anywhere, with no data directory, on an installed example.
edgecalc=$usr/bin/edgecalc
cd "$root"
[ "$("$edgecalc" --version)" = "edgecalc $version" ] || fail "--version is not edgecalc $version"
examples=("$usr"/share/doc/edgecalc/examples/*.yaml)
[ ${#examples[@]} -ge 1 ] && [ -s "${examples[0]}" ] || fail "no example profiles"
status=0
"$edgecalc" "$usr/share/doc/edgecalc/examples/doorbell-keyword-spotting.yaml" >"$root/verdict.txt" || status=$?
[ "$status" -le 1 ] || fail "edgecalc on the installed example exited $status"
head -1 "$root/verdict.txt" | grep -Eq '^doorbell-keyword-spotting: (edge|cloud|hybrid)$' || fail "no verdict in: $(head -5 "$root/verdict.txt")"
"$edgecalc" init gpu-server | "$edgecalc" - --format json >/dev/null || [ $? -eq 1 ] ||
  fail "a starter profile from edgecalc init did not evaluate"

# man edgecalc, from the installed page.
page=$(MANWIDTH=80 MANPAGER=cat man -M "$usr/share/man" edgecalc 2>&1) || fail "man edgecalc failed: $page"
grep -q "edgecalc" <<<"$page" && grep -q "EXIT STATUS" <<<"$page" || fail "man edgecalc shows: ${page:0:200}"

# The installed bash completion registers itself and completes a subcommand.
words=$(bash --norc -c "source '$usr/share/bash-completion/completions/edgecalc'; complete -p edgecalc >/dev/null &&
  COMP_WORDS=(edgecalc cal); COMP_CWORD=1; COMP_LINE='edgecalc cal'; COMP_POINT=\${#COMP_LINE};
  \$(complete -p edgecalc | sed -n 's/.*-F \([^ ]*\).*/\1/p') edgecalc cal edgecalc; echo \"\${COMPREPLY[*]}\"") ||
  fail "the bash completion did not load"
[[ $words == *calibrate* ]] || fail "the bash completion gave '$words' for 'edgecalc cal'"
echo "check-deb: $(basename "$deb") installs and runs ($(dpkg-deb -f "$deb" Installed-Size) KiB installed; Depends: $depends)"
