#!/bin/sh
# bench/smoke.sh BIN - correctness-only smoke version of the benchmark, for
# `make check`.  No timing: it generates zones with bench/genzone.py, runs
# `BIN --format json` on them and checks the exit status (0 or 1), that the
# output is JSON, that summary.records is the number of records written, and
# that -j 1 and -j 2 give byte-identical output.  Prints TAP; exits 1 if any
# test failed, 0 otherwise (also when everything is skipped).
#
# Environment: SMOKE_RECORDS (default 2000), SMOKE_ZONES (default 20).
set -eu

[ $# -eq 1 ] || { echo "usage: sh bench/smoke.sh PATH/TO/proxylint" >&2; exit 2; }
BIN=$1
case $BIN in */*) ;; *) BIN=./$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
GEN=$HERE/genzone.py
RECORDS=${SMOKE_RECORDS:-2000}
ZONES=${SMOKE_ZONES:-20}

T=0
FAILED=0
ok() { T=$((T + 1)); echo "ok $T - $*"; }
notok() { T=$((T + 1)); FAILED=1; echo "not ok $T - $*"; }
skip() { T=$((T + 1)); echo "ok $T - $* # SKIP $SKIPWHY"; }
check() { # check DESC CMD...: ok when CMD succeeds
	d=$1; shift
	if "$@"; then ok "$d"; else notok "$d"; fi
}

if [ ! -f "$BIN" ] || [ ! -x "$BIN" ]; then
	echo "not ok 1 - $BIN exists and is executable (build it first)"
	echo "1..1"
	exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 not found (needed by genzone.py)"
	exit 0
fi
# python3 with its standard library is there, so json.tool is too; test it.
HAVE_JSON=
if echo '{}' | python3 -m json.tool >/dev/null 2>&1; then HAVE_JSON=1; fi
SKIPWHY="python3 -m json.tool not usable"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/proxylint-smoke.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# records FILE...: the records the files hold (non-empty, non-comment lines;
# genzone.py writes one record per line).
records() { cat "$@" | grep -v '^[[:space:]]*;' | grep -c '[^[:space:]]' || true; }

# summary_records JSONFILE: prints summary.records, fails on bad JSON.
summary_records() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d["summary"]["records"])' "$1" 2>"$TMP/pyerr"
}

# lint NAME EXPECTED_RECORDS ARGS...: the checks on one run.
lint() {
	name=$1 want=$2; shift 2
	set +e
	"$BIN" --format json "$@" >"$TMP/out.json" 2>"$TMP/err"
	rc=$?
	set -e
	case $rc in
	0 | 1) ok "$name: exit status $rc (0 or 1)" ;;
	*) notok "$name: exit status $rc (want 0 or 1)"; sed 's/^/# /' "$TMP/err" | head -n 5 ;;
	esac
	if [ -z "$HAVE_JSON" ]; then
		skip "$name: output is JSON"
		skip "$name: summary.records is $want"
		return 0
	fi
	if python3 -m json.tool "$TMP/out.json" >/dev/null 2>"$TMP/jerr"; then
		ok "$name: output is JSON"
	else
		notok "$name: output is JSON"; sed 's/^/# /' "$TMP/jerr" | head -n 3
	fi
	got=$(summary_records "$TMP/out.json") || got="(none: $(tail -n 1 "$TMP/pyerr"))"
	if [ "$got" = "$want" ]; then
		ok "$name: summary.records is $want"
	else
		notok "$name: summary.records is $want"; echo "# got $got"
	fi
}

# 1. A zone as Cloudflare exports it (SOA owner without its dot).
python3 "$GEN" -n "$RECORDS" --seed 5 -o "$TMP/export.zone" 2>/dev/null
n=$(records "$TMP/export.zone")
check "genzone.py wrote $RECORDS records" [ "$n" = "$RECORDS" ]
lint "Cloudflare export, $RECORDS records" "$n" "$TMP/export.zone"

# 2. The benchmark's variant (SOA with its dot, CAA in RFC 3597 form).
python3 "$GEN" -n "$RECORDS" --seed 5 --peer-compatible -o "$TMP/peer.zone" 2>/dev/null
lint "benchmark zone (--peer-compatible)" "$(records "$TMP/peer.zone")" "$TMP/peer.zone"

# 3. Many small zones in one run, the same output with one thread or two.
python3 "$GEN" -n 50 --zones "$ZONES" --dir "$TMP/many" --seed 5 2>/dev/null
lint "$ZONES zones in one run" "$(records "$TMP/many"/*.zone)" -j 2 "$TMP/many"/*.zone
set +e
"$BIN" --format json -j 1 "$TMP/many"/*.zone "$TMP/export.zone" >"$TMP/j1" 2>&1; r1=$?
"$BIN" --format json -j 2 "$TMP/many"/*.zone "$TMP/export.zone" >"$TMP/j2" 2>&1; r2=$?
set -e
check "-j 1 and -j 2: same exit status ($r1, $r2)" [ "$r1" = "$r2" ]
check "-j 1 and -j 2: byte-identical output" cmp -s "$TMP/j1" "$TMP/j2"

echo "1..$T"
exit "$FAILED"
