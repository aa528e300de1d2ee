#!/bin/sh
# cli.sh -- the command line: options, exit statuses, stdin, errors (TAP).
# Usage: cli.sh BIN
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
cli=$here/cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0
fail=0

# check NAME WANT_RC WANT_STDOUT_FILE|- WANT_STDERR_PATTERN|- -- ARGS...
# Runs BIN ARGS (standard input from $stdin, default /dev/null) and compares
# the exit status, the exact standard output (when a file is given) and a
# grep pattern on standard error.
stdin=/dev/null
check() {
	name=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 5
	n=$((n + 1))
	(cd "$cli" && "$bin" "$@" < "$stdin" > "$tmp/out" 2> "$tmp/err")
	rc=$?
	msg=""
	[ "$rc" = "$want_rc" ] || msg="exit $rc, want $want_rc"
	if [ "$want_out" != "-" ] && ! diff -u "$cli/$want_out" "$tmp/out" > "$tmp/diff" 2>&1; then
		msg="$msg stdout differs"
	fi
	if [ "$want_err" != "-" ] && ! grep -q -e "$want_err" "$tmp/err"; then
		msg="$msg stderr lacks '$want_err'"
	fi
	if [ -z "$msg" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name: $msg"
		sed 's/^/# /' "$tmp/diff" "$tmp/err" 2>/dev/null | head -40
		fail=$((fail + 1))
	fi
	rm -f "$tmp/diff"
}

check "findings exit 1 with text output" 1 misproxied.expected "1 error, 1 warning in 1 file" -- --color=never misproxied.zone
check "clean zone exits 0" 0 empty.out "no findings in 1 file" -- --color=never clean.zone
check "--fail-on error ignores warnings" 0 warning-only.expected - -- --color=never --fail-on error warning-only.zone
check "--fail-on never" 0 misproxied.expected - -- --color=never --fail-on never misproxied.zone
check "--fail-on info fails on infos" 1 info-only.expected - -- --color=never --fail-on info info-only.zone
check "info alone does not fail by default" 0 info-only.expected - -- --color=never info-only.zone
check "-q drops the summary" 1 misproxied.expected - -- --color=never -q misproxied.zone
n=$((n + 1))
if [ -s "$tmp/err" ]; then echo "not ok $n - -q leaves stderr empty"; fail=$((fail + 1)); else echo "ok $n - -q leaves stderr empty"; fi
check "JSON output" 1 misproxied.json - -- --format json misproxied.zone
check "several files in one run" 1 two-files.expected "in 2 files" -- --color=never misproxied.zone warning-only.zone
stdin=$cli/misproxied.zone
check "stdin with -" 1 stdin.expected - -- --color=never -
stdin=/dev/null
check "missing file exits 2" 2 empty.out "cannot open 'nonexistent.zone': No such file or directory" -- nonexistent.zone
check "a folder exits 2 and suggests -r" 2 empty.out "'.' is a folder: give -r (--recursive)" -- .
check "missing file still lints the others" 2 misproxied.expected - -- --color=never misproxied.zone nonexistent.zone
check "no file is a usage error" 2 empty.out "no input file" --
check "unknown option" 2 empty.out "Try 'proxylint --help'" -- --frobnicate x.zone
check "bad --format" 2 empty.out "invalid --format 'xml'" -- --format xml misproxied.zone
check "bad --fail-on" 2 empty.out "invalid --fail-on 'fatal'" -- --fail-on fatal misproxied.zone
check "bad --default-proxy" 2 empty.out "invalid --default-proxy 'orange'" -- --default-proxy orange misproxied.zone
check "bad --color" 2 empty.out "invalid --color" -- --color=sometimes misproxied.zone
check "bad --input-format" 2 empty.out "invalid --input-format" -- --input-format zonefile misproxied.zone
check "--help" 0 - - -- --help
n=$((n + 1))
if grep -q '^usage: proxylint' "$tmp/out" && grep -q -- '--fail-on' "$tmp/out"; then echo "ok $n - --help prints the usage on stdout"; else echo "not ok $n - --help prints the usage on stdout"; fail=$((fail + 1)); fi
check "--version" 0 version.expected - -- --version
check "--list-rules" 0 list-rules.expected - -- --list-rules
check "--list-rules --format json" 0 list-rules.json - -- --list-rules --format json
check "--explain" 0 explain-mail-host-proxied.expected - -- --explain mail-host-proxied
check "--explain unknown rule" 2 empty.out "unknown rule 'no-such-rule'" -- --explain no-such-rule
check "--default-proxy dns-only on an untagged file" 0 untagged-dns-only.expected - -- --color=never --default-proxy dns-only untagged.zone
check "--assume-proxied on an untagged file" 1 untagged-proxied.expected - -- --color=never --assume-proxied untagged.zone
check "untagged file: proxy-status-unknown" 0 untagged.expected - -- --color=never untagged.zone
check "--color=always colours the severity" 1 color.expected - -- --color=always misproxied.zone
NO_COLOR=1 check "NO_COLOR keeps auto colourless" 1 misproxied.expected - -- misproxied.zone
check "--origin for a zone without one" 1 relative.expected - -- --color=never --origin example.org relative.zone
check "not zone data exits 2" 2 empty.out "is not a zone file" -- notazone.txt
check "-r lints a Markdown file with zone data, skips one without" 1 recursive-markdown.expected "skipping 'docs/README.md': not zone data" -- --color=never -r docs
check "a Markdown file named on the command line without zone data exits 2" 2 empty.out "holds no zone data" -- docs/README.md

# Every rule of the catalogue is listed and explained.
for id in $(cd "$cli" && "$bin" --list-rules | awk '{print $1}'); do
	n=$((n + 1))
	if (cd "$cli" && "$bin" --explain "$id") > "$tmp/x" 2>&1 &&
	    grep -q '^How to fix:' "$tmp/x" && grep -q '^Documentation:' "$tmp/x" &&
	    grep -q '^  https://' "$tmp/x"; then
		echo "ok $n - --explain $id"
	else
		echo "not ok $n - --explain $id"
		fail=$((fail + 1))
	fi
done

# The README and the man page document every rule.
for id in $(cd "$cli" && "$bin" --list-rules | awk '{print $1}'); do
	n=$((n + 1))
	if grep -q "\`$id\`" "$here/../README.md" && grep -q "^\.It Sy $id " "$here/../proxylint.1"; then
		echo "ok $n - $id is in README.md and proxylint.1"
	else
		echo "not ok $n - $id is missing from README.md or proxylint.1"
		fail=$((fail + 1))
	fi
done

# A closed pipe or a full disk is an error, never a silent success.
if [ -w /dev/full ]; then
	n=$((n + 1))
	(cd "$cli" && "$bin" --color=never misproxied.zone > /dev/full 2> "$tmp/err")
	rc=$?
	if [ "$rc" = 2 ] && grep -q "cannot write" "$tmp/err"; then
		echo "ok $n - /dev/full: exit 2 with a message"
	else
		echo "not ok $n - /dev/full: exit $rc"
		fail=$((fail + 1))
	fi
fi
echo "1..$n"
[ "$fail" -eq 0 ]
