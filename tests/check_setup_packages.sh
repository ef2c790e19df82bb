#!/bin/sh
# Fails when the build found a CMake package that setup.sh does not install.
#
# CMake remembers where it found every package as <Name>_DIR in CMakeCache.txt.
# Each of those files belongs to a Debian package (dpkg -S); that package must
# be in setup.sh's list, or be pulled in by it through Depends (Recommends do
# not count: setup.sh installs with --no-install-recommends). A machine that
# happened to have the package already would otherwise hide a fresh-machine
# configure failure, as Qt6OpenGL once did.
#
# usage: check_setup_packages.sh CMakeCache.txt setup.sh
# exit: 0 covered, 1 something is missing, 77 not a Debian system (skipped)
set -eu
cache=$1
setup=$2

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-cache >/dev/null 2>&1; then
  echo "SKIP: dpkg/apt-cache not found; this check is for Debian"
  exit 77
fi

listed=$(sh "$setup" packages)
closure=$(mktemp)
trap 'rm -f "$closure"' EXIT
# shellcheck disable=SC2086
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances $listed 2>/dev/null |
  grep -v '^ ' | sed 's/:.*//' | sort -u >"$closure"
for p in $listed; do echo "$p"; done >>"$closure"

checked=0
missing=0
# <Name>_DIR:PATH=/dir of a package config; the *_INCLUDE_DIR entries that
# point at /usr/include are owned by hundreds of packages and say nothing.
for entry in $(grep -E '^[A-Za-z0-9_]+_DIR:PATH=/' "$cache" | grep -v '_INCLUDE_DIR:'); do
  name=${entry%%_DIR:PATH=*}
  dir=${entry#*:PATH=}
  [ -d "$dir" ] || continue
  file=$(ls "$dir"/*onfig.cmake "$dir"/*-config.cmake 2>/dev/null | head -n 1 || true)
  [ -n "$file" ] || file=$dir
  owner=$(dpkg-query -S "$file" 2>/dev/null | head -n 1 | sed 's/[:,].*//' || true)
  if [ -z "$owner" ]; then
    echo "MISSING: $name ($file) belongs to no Debian package: setup.sh cannot install it"
    missing=$((missing + 1))
    continue
  fi
  checked=$((checked + 1))
  if grep -qx "$owner" "$closure"; then
    echo "ok: $name <- $owner"
  else
    echo "MISSING: $name was found in $dir, from the Debian package $owner," \
         "which setup.sh neither lists nor pulls in through Depends: add $owner to setup.sh"
    missing=$((missing + 1))
  fi
done

echo "$checked CMake packages checked, $missing missing"
[ "$checked" -gt 0 ] || { echo "FAIL: no <Name>_DIR entries in $cache"; exit 1; }
[ "$missing" -eq 0 ]
