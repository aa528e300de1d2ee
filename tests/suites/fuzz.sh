#!/bin/sh
# fuzz.sh -- replays every fuzz corpus with the build's replay_NAME (TAP).
# Usage: fuzz.sh BIN   (BIN's folder holds replay_NAME: make replays)
#
# Each corpus tests/fuzz/NAME.in/ holds the seeds and every crash ever
# found (regress-*); replay_NAME runs the fuzz target's
# LLVMFuzzerTestOneInput on each file, without libFuzzer, so that make
# check (gcc) and make asan (ASan, UBSan) keep them fixed.
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
build=$(dirname "$bin")
top=$(cd "$(dirname "$0")/../.." && pwd)
n=0
fail=0
cd "$top" || exit 2
for corpus in tests/fuzz/*.in; do
	[ -d "$corpus" ] || continue
	name=$(basename "$corpus" .in)
	n=$((n + 1))
	if [ ! -x "$build/replay_$name" ]; then
		echo "not ok $n - fuzz/$name: $build/replay_$name is not built (make replays)"
		fail=$((fail + 1))
		continue
	fi
	out=$("$build/replay_$name" "$name" "$corpus" 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep '^ok - ' | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$line" ]; then
		echo "ok $n - fuzz/$name: ${line#ok - $name: }"
	else
		echo "not ok $n - fuzz/$name: replay exited with status $rc"
		printf '%s\n' "$out" | tail -n 40 | sed 's/^/# /'
		fail=$((fail + 1))
	fi
done
echo "1..$n"
[ "$fail" -eq 0 ]
