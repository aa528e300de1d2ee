#!/bin/sh
# hostile.sh -- hostile inputs: limits, includes, devices, write errors,
# linear time, inputs left untouched, Valgrind (TAP).
# Usage: hostile.sh BIN
#
# The inputs are generated at test time by tests/hostile/make-inputs.py;
# the cases, each with its exit status and message patterns, are in
# tests/hostile/cases.sh (see tests/hostile/README.md).  Every run has
# HOSTILE_LIMIT seconds (default 10), under ASan too.  Cases of known,
# reported bugs are skipped unless HOSTILE_KNOWN_BUGS=1; HOSTILE_VALGRIND=0
# skips the Valgrind step.
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
limit=${HOSTILE_LIMIT:-10}
# The 200,000-record runs get three times as long under the sanitizers,
# which slow every memory access and check each libc call's whole buffer.
biglimit=$limit
if ldd "$bin" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	sanitized=1
	biglimit=$((limit * 3))
else
	sanitized=0
fi
CANARY=PLHOSTILE-CANARY-3f9a71c2
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is not installed (it writes the hostile inputs)"
	exit 0
fi
if ! command -v timeout >/dev/null 2>&1; then
	echo "1..0 # SKIP timeout(1) is not installed"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
W=$tmp/in
n=0
fail=0
nknown=0
stdin=
if ! python3 "$top/tests/hostile/make-inputs.py" "$W" 2> "$tmp/gen.err"; then
	echo "not ok 1 - tests/hostile/make-inputs.py failed"
	sed 's/^/# /' "$tmp/gen.err"
	echo "1..1"
	exit 1
fi
cd "$W" || exit 2

# What the inputs are before the runs: names, sizes, times and checksums.
snapshot() {
	find . -print | LC_ALL=C sort
	find . -type f -exec stat -c '%n %s %Y %y' {} + | LC_ALL=C sort
	find . -type f -exec cksum {} + | LC_ALL=C sort
}
snapshot > "$tmp/before"

now_ms() {
	date +%s%3N
}

# Memory: without sanitizers (which reserve terabytes of address space),
# each run gets HOSTILE_MEM_MB of address space, 3 GiB by default: room
# for the largest input proxylint accepts (2 GiB), not for twice that.
memkb=$(( ${HOSTILE_MEM_MB:-3072} * 1024 ))
limit_memory() {
	[ "$sanitized" = 1 ] || ulimit -v "$memkb" 2>/dev/null || :
}

# Runs the binary with the case's arguments; sets rc and secs, and keeps
# the last MiB of stdout + stderr in $tmp/out.
run() {
	t0=$(now_ms)
	{ ( limit_memory
	    exec timeout "$limit" "$bin" "$@" < "${stdin:-/dev/null}" 2>&1 )
	  echo $? > "$tmp/rc"; } | tail -c 1048576 > "$tmp/out"
	t1=$(now_ms)
	rc=$(cat "$tmp/rc")
	secs=$(awk "BEGIN { printf \"%.2f\", ($t1 - $t0) / 1000 }")
}

# Checks common to every run: the status, the sanitizers, the canary.
check_run() {
	rcs=$1
	why=
	if [ "$rc" = 124 ]; then
		why="did not finish within $limit s"
	else
		case "|$rcs|" in
		*"|$rc|"*) ;;
		*) why="exit status $rc, expected $rcs" ;;
		esac
	fi
	if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$tmp/out"; then
		why="${why:+$why; }a sanitizer report"
	fi
	if grep -qi "$CANARY" "$tmp/out"; then
		why="${why:+$why; }the content of the file outside the zone's folder was printed"
	fi
}

report() {
	name=$1
	n=$((n + 1))
	if [ -z "$why" ]; then
		echo "ok $n - $name (exit $rc, $secs s)"
	else
		echo "not ok $n - $name: $why"
		head -n 20 "$tmp/out" | cut -c 1-300 | sed 's/^/# /'
		fail=$((fail + 1))
	fi
}

expect() {
	name=$1
	rcs=$2
	shift 2
	: > "$tmp/pats"
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		printf '%s\n' "$1" >> "$tmp/pats"
		shift
	done
	shift
	run "$@"
	check_run "$rcs"
	while IFS= read -r pat; do
		case $pat in
		'') ;;
		!*)	if grep -Eq -- "${pat#!}" "$tmp/out"; then
				why="${why:+$why; }a line matches /${pat#!}/"
			fi ;;
		*)	if ! grep -Eq -- "$pat" "$tmp/out"; then
				why="${why:+$why; }no line matches /$pat/"
			fi ;;
		esac
	done < "$tmp/pats"
	report "$name"
}

expect_json() {
	name=$1
	shift 2
	why=
	for fmt in json sarif; do
		t0=$(now_ms)
		( limit_memory
		  exec timeout "$limit" "$bin" --format "$fmt" "$@" \
		    < /dev/null > "$tmp/out" 2> "$tmp/err" )
		rc=$?
		t1=$(now_ms)
		secs=$(awk "BEGIN { printf \"%.2f\", ($t1 - $t0) / 1000 }")
		cat "$tmp/err" >> "$tmp/out"
		check_run "0|1"
		if ! timeout "$limit" "$bin" --format "$fmt" "$@" < /dev/null \
		    2> /dev/null | python3 -m json.tool > /dev/null 2> "$tmp/jerr"; then
			why="${why:+$why; }--format $fmt: not valid JSON: $(head -n 1 "$tmp/jerr")"
		fi
		[ -z "$why" ] || break
	done
	report "$name (--format json and sarif parse)"
}

expect_full() {
	name=$1
	rcs=$2
	shift 3
	t0=$(now_ms)
	( limit_memory
	  exec timeout "$limit" "$bin" "$@" < /dev/null > /dev/full \
	    2> "$tmp/out" )
	rc=$?
	t1=$(now_ms)
	secs=$(awk "BEGIN { printf \"%.2f\", ($t1 - $t0) / 1000 }")
	check_run "$rcs"
	if [ "$rcs" = 2 ] && ! grep -q 'cannot write' "$tmp/out"; then
		why="${why:+$why; }no 'cannot write' message"
	fi
	report "$name (standard output is /dev/full)"
}

# A case over a big input: the limit of the sanitizer build is longer.
big() {
	saved=$limit
	limit=$biglimit
	"$@"
	limit=$saved
}

known_bug() {
	desc=$1
	shift
	if [ "${HOSTILE_KNOWN_BUGS:-0}" = 1 ]; then
		"$@"
		return
	fi
	n=$((n + 1))
	nknown=$((nknown + 1))
	echo "ok $n - $2 # SKIP known bug: $desc"
}

. "$top/tests/hostile/cases.sh"

# --- a closed pipe.  With SIGPIPE ignored (as a parent may leave it), the
# write fails with EPIPE: exit 2 and a message.  With the default action
# the kernel ends the process (status 141 in a shell): not a success either.
n=$((n + 1))
( trap '' PIPE
  { "$bin" -q --no-config big/one-address.zone 2> "$tmp/pipe.err"
    echo $? > "$tmp/pipe.rc"; } | head -c 1 > /dev/null )
rc=$(cat "$tmp/pipe.rc")
if [ "$rc" = 2 ] && grep -q 'cannot write' "$tmp/pipe.err"; then
	echo "ok $n - closed pipe, SIGPIPE ignored: exit 2 with a message"
else
	echo "not ok $n - closed pipe, SIGPIPE ignored: exit $rc"
	sed 's/^/# /' "$tmp/pipe.err" | head -n 5
	fail=$((fail + 1))
fi
n=$((n + 1))
{ "$bin" -q --no-config big/one-address.zone 2> /dev/null
  echo $? > "$tmp/pipe.rc"; } | head -c 1 > /dev/null
rc=$(cat "$tmp/pipe.rc")
if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
	echo "ok $n - closed pipe, SIGPIPE default: no success (exit $rc)"
else
	echo "not ok $n - closed pipe, SIGPIPE default: exit $rc, as if all was written"
	fail=$((fail + 1))
fi

# --- Valgrind memcheck: a few small inputs of each reader and loader.
if [ "${HOSTILE_VALGRIND:-1}" = 1 ] && command -v valgrind >/dev/null 2>&1 &&
    [ "$sanitized" = 0 ]; then
	while read -r vname vargs; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		timeout 120 valgrind -q --leak-check=full --error-exitcode=99 \
		    "$bin" -q --no-config $vargs < /dev/null > /dev/null 2> "$tmp/vg"
		rc=$?
		if [ "$rc" -le 2 ]; then
			echo "ok $n - valgrind: $vname (exit $rc)"
		else
			echo "not ok $n - valgrind: $vname: exit $rc"
			grep '==' "$tmp/vg" | head -n 30 | sed 's/^/# /'
			fail=$((fail + 1))
		fi
	done <<EOF
bind-nul nul.zone
bind-utf8 --format json utf8.zone
bind-includes inc/escape.zone
bind-tags --format sarif tags.zone
api-json numbers.json
api-json-deep deep.json
terraform numbers.tf.json
octodns --origin example.com numbers.yaml
octodns-bomb --origin example.com bomb.yaml
rules-error --rules rules-deep inc/self.zone
rules-many --rules rules-many inc/self.zone
EOF
else
	n=$((n + 1))
	echo "ok $n - valgrind # SKIP not installed, an ASan build, or HOSTILE_VALGRIND=0"
fi

# --- nothing was written: the inputs are as they were, and no file came
# to be next to them (output goes to standard output only).
snapshot > "$tmp/after"
n=$((n + 1))
if cmp -s "$tmp/before" "$tmp/after"; then
	echo "ok $n - no input file was changed or added ($(grep -c '^\./' "$tmp/before") paths: names, sizes, times, checksums)"
else
	echo "not ok $n - the input folder changed during the runs"
	diff "$tmp/before" "$tmp/after" | head -n 10 | sed 's/^/# /'
	fail=$((fail + 1))
fi
echo "1..$n"
[ "$nknown" -eq 0 ] || echo "# $nknown cases of known bugs skipped (HOSTILE_KNOWN_BUGS=1 runs them)"
[ "$fail" -eq 0 ]
