#!/bin/sh
# run-golden.sh -- runs every golden case and prints TAP.
# Usage: run-golden.sh BIN [--update]
#
# A case is a file tests/golden/AREA/CASE.EXT (any extension) with, beside it:
#   CASE.expected       the exact standard output of 'proxylint [ARGS] CASE.EXT'
#   CASE.args           optional: extra arguments, one line
#   CASE.rc             optional: the exit status (default: 0 when .expected
#                       is empty, else 1)
#   CASE.json-expected  optional: the exact output of '--format json' too
#   CASE.fixed, CASE.diff  the fix area's expectations (tests/suites/fix.sh)
# The command runs inside the area folder, so file names stay relative.
# A folder CASE/ with a CASE.expected beside it is a case too, linted
# with 'proxylint -r CASE' (a Terraform module is a folder); other folders
# inside an area hold fixtures (for $INCLUDE) and are not cases.
set -u
bin=$1
update=${2:-}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/golden" && pwd)
n=0
fail=0
for dir in "$top"/*/; do
	area=$(basename "$dir")
	for input in "$dir"*; do
		file=$(basename "$input")
		if [ -d "$input" ]; then
			[ -f "$input.expected" ] || continue
			# Not a fixture folder of a CASE.EXT of the same name.
			for sib in "$input".*; do
				case $sib in
				*.expected|*.args|*.rc|*.json-expected) ;;
				*) continue 2 ;;
				esac
			done
			base=$file
			file="-r $file"
		else
			[ -f "$input" ] || continue
			case $file in
			*.expected|*.args|*.rc|*.json-expected|*.stderr|*.js|*.fixed|*.diff|README*) continue ;;
			esac
			base=${file%.*}
		fi
		exp="$dir$base.expected"
		[ -f "$exp" ] || [ -n "$update" ] || continue
		args=""
		[ -f "$dir$base.args" ] && args=$(cat "$dir$base.args")
		out=$(cd "$dir" && eval "\"\$bin\" --color=never -q $args $file" 2>/dev/null)
		rc=$?
		if [ -n "$update" ]; then
			if [ -n "$out" ]; then printf '%s\n' "$out" > "$exp"; else : > "$exp"; fi
			if [ -f "$dir$base.json-expected" ]; then
				(cd "$dir" && eval "\"\$bin\" --format json $args $file" > "$dir$base.json-expected" 2>/dev/null)
			fi
			want_rc=0; [ -s "$exp" ] && want_rc=1
			if [ "$rc" != "$want_rc" ]; then echo "$rc" > "$dir$base.rc"; else rm -f "$dir$base.rc"; fi
			continue
		fi
		want_rc=0
		[ -s "$exp" ] && want_rc=1
		[ -f "$dir$base.rc" ] && want_rc=$(cat "$dir$base.rc")
		n=$((n + 1))
		diffout=$(printf '%s\n' "$out" | sed '/^$/d' | diff -u "$exp" - 2>&1)
		if [ -z "$out" ] && [ ! -s "$exp" ]; then diffout=""; fi
		if [ -n "$diffout" ] || [ "$rc" != "$want_rc" ]; then
			echo "not ok $n - golden $area/$file (exit $rc, want $want_rc)"
			printf '%s\n' "$diffout" | sed 's/^/# /'
			fail=$((fail + 1))
			continue
		fi
		if [ -f "$dir$base.json-expected" ]; then
			jout=$(cd "$dir" && eval "\"\$bin\" --format json $args $file" 2>/dev/null)
			jdiff=$(printf '%s\n' "$jout" | diff -u "$dir$base.json-expected" - 2>&1)
			if [ -n "$jdiff" ]; then
				echo "not ok $n - golden $area/$file (json)"
				printf '%s\n' "$jdiff" | sed 's/^/# /'
				fail=$((fail + 1))
				continue
			fi
		fi
		echo "ok $n - golden $area/$file"
	done
done
[ -n "$update" ] && { echo "# golden files rewritten: review them with git diff"; exit 0; }
echo "1..$n"
[ "$fail" -eq 0 ]
