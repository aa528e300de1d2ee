#!/bin/sh
# run-all.sh -- runs every test suite and ends with "N passed, N failed".
# Usage: run-all.sh BUILD_DIR   (the folder holding proxylint and test_*)
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
# Outside settings that change what proxylint prints: a GitHub Actions job
# would switch the default output to workflow commands, and a config named
# in the environment would apply to every golden case.
unset GITHUB_ACTIONS PROXYLINT_CONFIG
log=$(mktemp)
trap 'rm -f "$log"' EXIT INT TERM

suite() {
	name=$1
	shift
	echo "# --- $name"
	"$@" > "$log.out" 2>&1
	rc=$?
	cat "$log.out"
	cat "$log.out" >> "$log"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$log.out"; then
		# A suite that died without saying which test failed.
		echo "not ok - $name exited with status $rc" | tee -a "$log"
	fi
	rm -f "$log.out"
}

for t in "$build"/test_*; do
	[ -x "$t" ] || continue
	suite "unit $(basename "$t")" "$t"
done
suite golden sh tests/run-golden.sh "$build/proxylint"
suite cli sh tests/cli.sh "$build/proxylint"
suite realworld sh tests/realworld.sh "$build/proxylint"
[ -f bench/smoke.sh ] && suite "bench smoke" sh bench/smoke.sh "$build/proxylint"
for s in tests/suites/*.sh; do
	[ -f "$s" ] || continue
	suite "$(basename "$s" .sh)" sh "$s" "$build/proxylint"
done

passed=$(grep -c '^ok' "$log")
failed=$(grep -c '^not ok' "$log")
skipped=$(grep -c '^ok.*# SKIP' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
