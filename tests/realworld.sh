#!/bin/sh
# realworld.sh -- lints real zone data (TAP).
# Usage: realworld.sh BIN
#
# For each FILE listed in tests/realworld/*.findings, the warnings and errors
# that proxylint reports on it must be exactly the lines of that list
# ("LOCATION RULE-ID", sorted), so a record that the sources say should be
# flagged is flagged with the right rule, and nothing more is.  The exit
# status must be 0 or 1 and the JSON output must parse.  FILE is looked up
# in tests/realworld/data/ (permissively licensed files kept here, see its
# SOURCES.md), then in ../shared/realworld/ (not part of this repository:
# those cases skip when it is absent).
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
shared=${PROXYLINT_SHARED:-$here/../../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0
fail=0
for list in "$here"/realworld/*.findings; do
	[ -f "$list" ] || continue
	file=$(sed -n 's/^# file: //p' "$list")
	args=$(sed -n 's/^# args: //p' "$list")
	n=$((n + 1))
	if [ -f "$here/realworld/data/$file" ]; then
		dir=$here/realworld/data
	elif [ -f "$shared/realworld/$file" ]; then
		dir=$shared/realworld
	else
		echo "ok $n - $file # SKIP not in tests/realworld/data nor ../shared/realworld"
		n=$((n + 1))
		echo "ok $n - $file # SKIP"
		continue
	fi
	# shellcheck disable=SC2086
	(cd "$dir" && "$bin" --color=never -q --fail-on never $args "$file") > "$tmp/out" 2> "$tmp/err"
	rc=$?
	# FILE:LINE:COL: or FILE:LINE: or FILE:POINTER:; the column is dropped
	sed 's/^\([^ ]*:[0-9][0-9]*\):[0-9][0-9]*: /\1: /' "$tmp/out" |
	    sed -n 's/^[^ ]*:\([^:]*\): \(error\|warning\): .*\[\([a-z0-9-]*\)\]$/\1 \3/p' | sort > "$tmp/got"
	grep -v '^#' "$list" | sort > "$tmp/want"
	if [ "$rc" = 0 ] && diff -u "$tmp/want" "$tmp/got" > "$tmp/diff"; then
		echo "ok $n - $file: $(wc -l < "$tmp/want") findings at warning or above, as listed"
	else
		echo "not ok $n - $file (exit $rc)"
		sed 's/^/# /' "$tmp/diff" "$tmp/err" | head -40
		fail=$((fail + 1))
	fi
	n=$((n + 1))
	# shellcheck disable=SC2086
	(cd "$dir" && "$bin" --format json $args "$file") > "$tmp/json" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -le 1 ] && head -c 1 "$tmp/json" | grep -q '{' &&
	    grep -q '"summary"' "$tmp/json"; then
		echo "ok $n - $file: --format json exits $rc"
	else
		echo "not ok $n - $file: --format json exits $rc"
		sed 's/^/# /' "$tmp/err" | head -5
		fail=$((fail + 1))
	fi
done
echo "1..$n"
[ "$fail" -eq 0 ]
