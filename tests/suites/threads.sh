#!/bin/sh
# threads.sh -- the output does not depend on the number of threads (TAP).
# Usage: threads.sh BIN
#
# A zone of 80,000 records (over 4 MiB and 65,536 records) is read on two
# threads and its rules run on two; the same zone with directives in it
# makes the two-thread reader fall back to one.  Each must print exactly
# what -j 1 prints, in text and in JSON.
set -u
bin=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is not installed (it writes the test zones)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0
fail=0
python3 "$here/bench/genzone.py" -n 80000 --seed 7 -o "$tmp/big.zone" 2>/dev/null || exit 1
# The same records, with $ORIGIN and $TTL lines, one of them in the second
# half, where the second thread must not guess.
{
	echo '$ORIGIN example.com.'
	echo '$TTL 300'
	head -n 40000 "$tmp/big.zone"
	echo '$TTL 600'
	tail -n +40001 "$tmp/big.zone"
} > "$tmp/directives.zone"
# Half the records with no proxy state, for --default-proxy (applied while
# the index is built, on two threads).
awk 'NR % 2 == 0 { sub(/[ \t]*; cf_tags=.*/, "") } { print }' \
    "$tmp/big.zone" > "$tmp/untagged.zone"
# same NAME ZONE [OPTION...]
same() {
	what=$1
	zone=$2
	shift 2
	for fmt in text json; do
		"$bin" -j 1 -q --format "$fmt" "$@" "$tmp/$zone.zone" > "$tmp/one" 2>&1
		rc1=$?
		"$bin" -j 2 -q --format "$fmt" "$@" "$tmp/$zone.zone" > "$tmp/two" 2>&1
		rc2=$?
		n=$((n + 1))
		if [ "$rc1" = "$rc2" ] && [ "$rc1" -le 1 ] && [ -s "$tmp/one" ] &&
		    cmp -s "$tmp/one" "$tmp/two"; then
			echo "ok $n - $what, $fmt: -j 1 and -j 2 agree byte for byte (exit $rc1)"
		else
			echo "not ok $n - $what, $fmt: -j 1 and -j 2 differ (exit $rc1, $rc2)"
			diff "$tmp/one" "$tmp/two" | head -10 | sed 's/^/# /'
			fail=$((fail + 1))
		fi
	done
}
same big.zone big
same directives.zone directives
same "untagged.zone, --default-proxy proxied" untagged --default-proxy proxied
same "untagged.zone, --default-proxy dns-only" untagged --default-proxy dns-only
same "untagged.zone, no default" untagged
echo "1..$n"
[ "$fail" -eq 0 ]
