#!/bin/sh
# Word splitting of $(repeat ...) results and of $BENCH_ARGS is wanted here.
# shellcheck disable=SC2046,SC2086
# bench/run.sh BIN - benchmark proxylint against the zone checkers people run.
#
#   sh bench/run.sh build/proxylint        (what `make bench` runs)
#
# For each zone size it times `BIN --format json FILE >/dev/null` and the peers
# (kzonecheck, named-checkzone, validns) on the same generated file, BENCH_RUNS
# times each, and prints median wall time, peak RSS, records/s and each peer's
# time divided by proxylint's.  Then the many-zones case: one proxylint run over
# BENCH_MANY small zones against one kzonecheck process per zone.
#
# Environment (defaults in brackets):
#   BENCH_SIZES          zone sizes in records          [10000 100000 1000000]
#   BENCH_RUNS           runs per tool and size, median taken               [5]
#   BENCH_MANY           zones in the many-zones case (0 skips it)      [10000]
#   BENCH_MANY_RECORDS   records per zone there                            [50]
#   BENCH_MANY_RUNS      runs of the many-zones case   [min(BENCH_RUNS, 3)]
#   BENCH_JOBS           proxylint -j in the many-zones case          [nproc]
#   BENCH_PEERS          peers to run       [kzonecheck named-checkzone validns]
#   BENCH_ARGS           extra proxylint arguments                     [none]
#   BENCH_MANY_HOW       how proxylint gets the many zones: recursive
#                        (--recursive DIR), args (DIR/*.zone) or xargs
#                        [recursive if its --help mentions it, else args]
#   BENCH_CACHE          where zones are kept                 [bench/.cache]
#   BENCH_NO_INSTALL=1   never apt-get install a missing peer
#   BENCH_STRICT=1       exit 1 when a goal of issue 5 is missed
# Quick smoke run:  BENCH_SIZES=1000 BENCH_RUNS=1 BENCH_MANY=100 sh bench/run.sh BIN
#
# Zones come from bench/genzone.py --peer-compatible (SOA owner with its dot,
# CAA in RFC 3597 form), since the peers reject a raw Cloudflare export; the
# files are kept in the cache and rebuilt when genzone.py changes.
# The output is also saved to $BENCH_CACHE/last-run.txt.
set -eu

usage() { echo "usage: sh bench/run.sh PATH/TO/proxylint" >&2; exit 2; }
die() { echo "bench: $*" >&2; exit 2; }
note() { echo "bench: $*" >&2; }

[ $# -eq 1 ] || usage
BIN=$1
case $BIN in */*) ;; *) BIN=./$BIN ;; esac
if [ ! -f "$BIN" ] || [ ! -x "$BIN" ]; then die "$1: no such executable (build it first: make)"; fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

HERE=$(cd "$(dirname "$0")" && pwd)
GEN=$HERE/genzone.py
CACHE=${BENCH_CACHE:-$HERE/.cache}
SIZES=${BENCH_SIZES:-10000 100000 1000000}
RUNS=${BENCH_RUNS:-5}
MANY=${BENCH_MANY:-10000}
MANY_RECORDS=${BENCH_MANY_RECORDS:-50}
NPROC=$(nproc 2>/dev/null || echo 1)
JOBS=${BENCH_JOBS:-$NPROC}
PEERS=${BENCH_PEERS:-kzonecheck named-checkzone validns}
ARGS=${BENCH_ARGS:-}
if [ -z "${BENCH_MANY_RUNS:-}" ]; then
	if [ "$RUNS" -lt 3 ]; then MANY_RUNS=$RUNS; else MANY_RUNS=3; fi
else
	MANY_RUNS=$BENCH_MANY_RUNS
fi
for v in "$RUNS" "$MANY" "$MANY_RECORDS" "$MANY_RUNS" "$JOBS" $SIZES; do
	case $v in '' | *[!0-9]*) die "not a whole number: '$v' (check the BENCH_* variables)" ;; esac
done
if [ "$RUNS" -lt 1 ] || [ "$MANY_RUNS" -lt 1 ]; then die "BENCH_RUNS and BENCH_MANY_RUNS must be at least 1"; fi
command -v python3 >/dev/null || die "python3 is needed to generate the zones"
mkdir -p "$CACHE" || die "cannot create $CACHE"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/proxylint-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# ---- tools -----------------------------------------------------------------
APT_UPDATED=
pkg_of() {
	case $1 in
	kzonecheck) echo knot-dnssecutils ;;
	named-checkzone) echo bind9-utils ;;
	validns) echo validns ;;
	time) echo time ;;
	*) echo "" ;;
	esac
}
# ensure CMD PATH_TO_TEST: install CMD's Debian package if it is missing.
ensure() {
	cmd=$1 path=$2 pkg=$(pkg_of "$1")
	[ -x "$path" ] && return 0
	if [ -n "${BENCH_NO_INSTALL:-}" ]; then note "$cmd not found (BENCH_NO_INSTALL set)"; return 1; fi
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || [ -z "$pkg" ]; then
		note "$cmd not found, and cannot install $pkg here (needs root and apt-get)"
		return 1
	fi
	cand=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
	if { [ -z "$cand" ] || [ "$cand" = "(none)" ]; } && [ -z "$APT_UPDATED" ]; then
		note "apt-get update (looking for $pkg)"
		apt-get update -qq >"$TMP/apt.log" 2>&1 || note "apt-get update failed"
		APT_UPDATED=1
		cand=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
	fi
	if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then
		note "$cmd: package $pkg has no install candidate"
		return 1
	fi
	note "installing $pkg $cand for $cmd"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >"$TMP/apt.log" 2>&1; then
		note "apt-get install $pkg failed:"; tail -n 5 "$TMP/apt.log" >&2
		return 1
	fi
	[ -x "$path" ]
}

TIMEBIN=/usr/bin/time
if ! ensure time "$TIMEBIN" || ! "$TIMEBIN" -f '%M' true >/dev/null 2>&1; then
	note "GNU time not usable: peak RSS will show as n/a"
	TIMEBIN=
fi
HAVE=
for p in $PEERS; do
	case $p in kzonecheck | named-checkzone | validns) ;; *) die "unknown peer '$p'" ;; esac
	path=$(command -v "$p" 2>/dev/null || echo "/usr/bin/$p")
	if ensure "$p" "$path"; then HAVE="$HAVE $p"; else note "skipping peer $p"; fi
done

pkgver() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "?"; }

# ---- measuring -------------------------------------------------------------
now() { date +%s.%N; }
# measure LOG CMD...: run once; append "wall_s rss_kib status" to $TMP/m.
# Output goes to LOG, or only stderr does when SINK names a file for stdout.
SINK=
measure() {
	log=$1; shift
	t0=$(now)
	set +e
	if [ -n "$TIMEBIN" ]; then
		set -- "$TIMEBIN" -o "$TMP/rss" -f '%M' "$@"
	fi
	if [ -n "$SINK" ]; then "$@" >"$SINK" 2>"$log"; else "$@" >"$log" 2>&1; fi
	rc=$?
	set -e
	t1=$(now)
	rss=n/a
	[ -n "$TIMEBIN" ] && rss=$(tail -n 1 "$TMP/rss")
	echo "$t0 $t1 $rss $rc" | awk '{ printf "%.6f %s %s\n", $2 - $1, $3, $4 }' >>"$TMP/m"
}
# repeat N LOG CMD...: N runs; prints "median_wall max_rss_kib worst_status"
repeat() {
	n=$1; shift
	: >"$TMP/m"
	i=0
	while [ "$i" -lt "$n" ]; do measure "$@"; i=$((i + 1)); done
	sort -n "$TMP/m" | awk '
		{ t[NR] = $1; if ($2 != "n/a" && $2 + 0 > rss) rss = $2 + 0; if ($2 == "n/a") na = 1
		  if ($3 != 0) rc = $3 }
		END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		      printf "%.6f %s %d\n", m, na ? "n/a" : rss, rc }'
}

OUT=$CACHE/last-run.txt
: >"$OUT"
say() { printf '%s\n' "$*" | tee -a "$OUT"; }
row() { # row TOOL RECORDS WALL RSS_KIB RATIO STATUS...
	line=$(echo "$1 $2 $3 $4 $5" | awk '{
		rss = ($4 == "n/a") ? "n/a" : sprintf("%.1f", $4 / 1024)
		rps = ($3 > 0) ? sprintf("%.0f", $2 / $3) : "-"
		printf "%-16s %9d %10.3f %9s %12s %8s", $1, $2, $3, rss, rps, $5 }')
	say "$line  $6"
}

# ---- machine and versions --------------------------------------------------
say "proxylint benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
say "machine: $NPROC cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null) memory, $(uname -sr)"
plv=$("$BIN" --version 2>/dev/null | head -n 1) || plv=
say "proxylint: ${plv:-version unknown} ($BIN)"
for p in $HAVE; do
	case $p in
	kzonecheck) v=$(kzonecheck -V 2>&1 | head -n 1); pk=knot-dnssecutils ;;
	named-checkzone) v="named-checkzone $(named-checkzone -v 2>&1 | head -n 1)"; pk=bind9-utils ;;
	validns) v=validns; pk=validns ;;
	esac
	say "$p: $v (Debian $pk $(pkgver "$pk"))"
done
say "runs: $RUNS per tool and size (median wall, max RSS); proxylint --format json${ARGS:+ $ARGS} FILE >/dev/null"

# ---- zones -----------------------------------------------------------------
newer() { [ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]; }
gen_zone() { # gen_zone RECORDS -> path
	f=$CACHE/zone-$1.zone
	if [ ! -s "$f" ] || newer "$GEN" "$f"; then
		note "generating $1-record zone"
		python3 "$GEN" -n "$1" --peer-compatible --seed 1 -o "$f.tmp" 2>/dev/null ||
			die "genzone.py failed for $1 records"
		mv "$f.tmp" "$f"
	fi
	echo "$f"
}

# ---- single zones ----------------------------------------------------------
# Each peer is run as its Debian package installs it, default options:
#   kzonecheck -o ORIGIN FILE, named-checkzone ORIGIN FILE, validns -z ORIGIN FILE
say ""
hdr=$(printf '%-16s %9s %10s %9s %12s %8s  %s' tool records 'wall s' 'RSS MiB' 'records/s' 'peer/pl' status)
say "$hdr"
: >"$TMP/pl"
: >"$TMP/peers"
last=
for n in $SIZES; do
	zone=$(gen_zone "$n")
	last=$n
	SINK=/dev/null
	set -- $(repeat "$RUNS" "$TMP/log" "$BIN" --format json $ARGS "$zone")
	SINK=
	plt=$1
	case $3 in 0 | 1) st=ok ;; *) st="FAILED (exit $3): $(head -n 2 "$TMP/log" | tr '\n' ' ')" ;; esac
	echo "$n $1 $2 $3" >>"$TMP/pl"
	row proxylint "$n" "$1" "$2" - "$st"
	for p in $HAVE; do
		case $p in
		kzonecheck) set -- kzonecheck -o example.com "$zone" ;;
		named-checkzone) set -- named-checkzone example.com "$zone" ;;
		validns) set -- validns -z example.com "$zone" ;;
		esac
		set -- $(repeat "$RUNS" "$TMP/log" "$@")
		ratio=$(awk -v a="$1" -v b="$plt" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
		if [ "$3" = 0 ]; then st=ok; else st="REJECTED (exit $3): $(head -n 2 "$TMP/log" | tr '\n' ' ')"; fi
		row "$p" "$n" "$1" "$2" "$ratio" "$st"
		echo "$n $p $1 $2 $3" >>"$TMP/peers"
	done
done

# Time and memory should grow linearly: compare the two largest sizes.
if [ "$(wc -l <"$TMP/pl")" -ge 2 ]; then
	say ""
	sort -n "$TMP/pl" | tail -n 2 | tr '\n' ' ' | awk '{
		if ($1 > 0 && $2 > 0) {
			rr = ($3 != "n/a" && $7 != "n/a" && $3 > 0) ? sprintf("x%.2f", $7 / $3) : "n/a"
			printf "linearity: %d -> %d records (x%.1f): proxylint time x%.2f, RSS %s (goal: time at most x%.1f)\n",
				$1, $5, $5 / $1, $6 / $2, rr, 1.1 * $5 / $1 }
	}' | tee -a "$OUT"
fi

# Same findings whatever the thread count (largest zone).
if [ -n "$last" ]; then
	zone=$CACHE/zone-$last.zone
	set +e
	"$BIN" --format json -j 1 $ARGS "$zone" >"$TMP/j1" 2>&1; r1=$?
	"$BIN" --format json -j 2 $ARGS "$zone" >"$TMP/j2" 2>&1; r2=$?
	set -e
	if [ "$r1" -gt 1 ] || [ "$r2" -gt 1 ]; then
		say "threads: $last-record zone, proxylint failed with -j 1 or -j 2 (exit $r1, $r2)"
	elif [ "$r1" = "$r2" ] && cmp -s "$TMP/j1" "$TMP/j2"; then
		say "threads: $last-record zone, -j 1 and -j 2 give byte-identical output (exit $r1)"
	else
		say "threads: $last-record zone, -j 1 and -j 2 DIFFER (exit $r1 vs $r2)"
	fi
fi

# ---- many zones ------------------------------------------------------------
MANY_RATIO=
MANY_FAILED=
if [ "$MANY" -gt 0 ]; then
	dir=$CACHE/many-$MANY-$MANY_RECORDS
	stamp=$dir.done
	if [ ! -f "$stamp" ] || newer "$GEN" "$stamp"; then
		note "generating $MANY zones of $MANY_RECORDS records"
		rm -rf "$dir" "$stamp"
		python3 "$GEN" -n "$MANY_RECORDS" --zones "$MANY" --dir "$dir" --peer-compatible --seed 1 2>/dev/null ||
			die "genzone.py failed for the many-zones case"
		: >"$stamp"
	fi
	total=$((MANY * MANY_RECORDS))
	say ""
	say "many zones: $MANY zones of $MANY_RECORDS records ($total records), $MANY_RUNS runs each, median"
	say "$hdr"
	# How proxylint gets the files: --recursive DIR when its --help mentions
	# it, else the file names on one command line (xargs if they would not fit).
	mode=${BENCH_MANY_HOW:-}
	if [ -z "$mode" ]; then
		argmax=$(getconf ARG_MAX 2>/dev/null || echo 131072)
		if "$BIN" --help 2>&1 | grep -q -e '--recursive'; then
			mode=recursive
		elif [ "$((MANY * 40 + 4096))" -lt "$((argmax / 2))" ]; then
			mode=args
		else
			mode="xargs"
		fi
	fi
	case $mode in
	recursive)
		how="--recursive DIR"
		set -- "$BIN" --format json -j "$JOBS" $ARGS --recursive "$dir"
		;;
	args)
		how="DIR/*.zone on one command line"
		# shellcheck disable=SC2016
		set -- sh -c 'd=$1; shift; cd "$d" && exec "$@" *.zone' sh "$dir" "$BIN" --format json -j "$JOBS" $ARGS
		;;
	xargs)
		how="file names through xargs (may be several runs)"
		# shellcheck disable=SC2016
		set -- sh -c 'd=$1; shift; cd "$d" && ls | grep "\.zone$" | xargs "$@"; r=$?; [ $r = 123 ] && r=1; exit $r' sh "$dir" "$BIN" --format json -j "$JOBS" $ARGS
		;;
	*) die "BENCH_MANY_HOW must be recursive, args or xargs" ;;
	esac
	SINK=/dev/null
	set -- $(repeat "$MANY_RUNS" "$TMP/log" "$@")
	SINK=
	plt=$1
	case $3 in
	0 | 1) st="ok, -j $JOBS, $how" ;;
	*) st="FAILED (exit $3): $(head -n 2 "$TMP/log" | tr '\n' ' ')"; MANY_FAILED=1 ;;
	esac
	row proxylint "$total" "$1" "$2" - "$st"
	case " $HAVE " in
	*" kzonecheck "*)
		# shellcheck disable=SC2016
		set -- $(repeat "$MANY_RUNS" "$TMP/log" sh -c '
			bad=0
			for f in "$1"/*.zone; do
				o=${f##*/}; o=${o%.zone}
				kzonecheck -o "$o" "$f" >/dev/null 2>&1 || bad=$((bad + 1))
			done
			echo "zones rejected: $bad"
			[ "$bad" = 0 ]' sh "$dir")
		MANY_RATIO=$(awk -v a="$1" -v b="$plt" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
		if [ "$3" = 0 ]; then st="ok, one process per zone"; else st="REJECTED: $(tail -n 1 "$TMP/log")"; fi
		row kzonecheck "$total" "$1" "$2" "$MANY_RATIO" "$st"
		;;
	*) say "(kzonecheck missing: no peer for the many-zones case)" ;;
	esac
fi

# ---- goals of issue 5 --------------------------------------------------------
say ""
MISSED=0
goal() { # goal TEXT VALUE OP LIMIT
	if awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { exit !((op == ">=") ? v >= l : v <= l) }'; then
		say "goal: $1: $2 (needs $3 $4) met"
	else
		say "goal: $1: $2 (needs $3 $4) MISSED"
		MISSED=1
	fi
}
if [ -n "$last" ]; then
	set -- $(awk -v n="$last" '$1 == n' "$TMP/pl")
	if [ "$4" -gt 1 ]; then say "goal: proxylint failed on $last records: goals MISSED"; MISSED=1; fi
	[ "$3" != n/a ] && [ "$4" -le 1 ] && goal "proxylint peak RSS on $last records, MiB" "$(awk -v k="$3" 'BEGIN { printf "%.1f", k / 1024 }')" "<=" 200
	plt=$2
	k=$(awk -v n="$last" '$1 == n && $2 == "kzonecheck" && $5 == 0 { print $3 }' "$TMP/peers")
	if [ -z "$k" ] && grep -q "^$last kzonecheck " "$TMP/peers"; then
		say "goal: kzonecheck rejected the $last-record zone: no ratio"; MISSED=1
	fi
	[ -n "$k" ] && [ "$4" -le 1 ] && goal "kzonecheck/proxylint on $last records" "$(awk -v a="$k" -v b="$plt" 'BEGIN { printf "%.2f", a / b }')" ">=" 2
fi
if [ -n "$MANY_FAILED" ]; then say "goal: proxylint failed on the many-zones case: MISSED"; MISSED=1; fi
[ -n "$MANY_RATIO" ] && [ -z "$MANY_FAILED" ] && goal "kzonecheck per zone / proxylint on $MANY zones" "$MANY_RATIO" ">=" 10
say "(saved to $OUT)"
if [ -n "${BENCH_STRICT:-}" ] && [ "$MISSED" = 1 ]; then exit 1; fi
exit 0
