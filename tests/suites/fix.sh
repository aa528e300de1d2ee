#!/bin/sh
# fix.sh -- --fix and --diff on the cases of tests/golden/fix (TAP).
# Usage: fix.sh BIN [--update]
#
# For each case (see tests/golden/fix/README.md), in a copy of the area:
#   - --diff prints CASE.diff exactly, exits 1 when it is not empty;
#   - git apply --check takes it, in a scratch repository, and applying it
#     gives CASE.fixed;
#   - --fix turns the input into CASE.fixed, an $INCLUDEd file into its
#     NAME.fixed, and changes no other file;
#   - a second --fix changes nothing, and --diff then prints nothing;
#   - the fixed input reports none of the findings marked [*] before, but
#     those --fix says it left (a conflict), and no finding is marked [*]
#     any more.
set -u
bin=$1
update=${2:-}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
area=$(cd "$(dirname "$0")/../golden/fix" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0
fail=0
have_git=1
command -v git >/dev/null 2>&1 || have_git=0

result() {	# result OK NAME [DETAIL-FILE]
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - fix $2"
	else
		echo "not ok $n - fix $2"
		[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/# /' "$3" | head -40
		fail=$((fail + 1))
	fi
}

# "NAME RULE" of each finding of a text report, for the marked ones only
# with "marked".
pairs() {
	if [ "${2:-}" = marked ]; then grep '\[\*\]' "$1"; else cat "$1"; fi |
	    sed -n "s/^[^']*'\([^']*\)'.* \[\([a-z0-9-]*\)\]\$/\1 \2/p" | sort -u
}

for input in "$area"/*; do
	[ -f "$input" ] || continue
	file=$(basename "$input")
	case $file in
	*.expected|*.args|*.rc|*.fixed|*.diff|README*) continue ;;
	esac
	base=${file%.*}
	args=""
	[ -f "$area/$base.args" ] && args=$(cat "$area/$base.args")
	rm -rf "$tmp/w" "$tmp/g"
	cp -R "$area" "$tmp/w"
	# --diff
	(cd "$tmp/w" && eval "\"\$bin\" -q --color=never $args --diff \"\$file\"") \
	    > "$tmp/diff" 2> "$tmp/err"
	rc=$?
	# --fix
	(cd "$tmp/w" && eval "\"\$bin\" --color=never $args --fix \"\$file\"") \
	    > "$tmp/after" 2> "$tmp/fixerr"
	if [ -n "$update" ]; then
		cp "$tmp/diff" "$area/$base.diff"
		cp "$tmp/w/$file" "$area/$base.fixed"
		for f in "$tmp"/w/incl/*; do
			case $f in *.fixed) continue ;; esac
			if ! cmp -s "$f" "$area/incl/$(basename "$f")"; then
				cp "$f" "$area/incl/$(basename "$f").fixed"
			fi
		done
		continue
	fi
	want_rc=0
	[ -s "$area/$base.diff" ] && want_rc=1
	{ [ "$rc" = "$want_rc" ] && diff -u "$area/$base.diff" "$tmp/diff"; } \
	    > "$tmp/d" 2>&1
	r=$?
	[ "$rc" = "$want_rc" ] || echo "--diff exit $rc, want $want_rc" >> "$tmp/d"
	cat "$tmp/err" >> "$tmp/d"
	result "$r" "$file: --diff" "$tmp/d"
	# git apply takes the diff and makes the fixed file.
	if [ "$have_git" = 1 ]; then
		mkdir -p "$tmp/g" && cp -R "$area"/. "$tmp/g" &&
		    (cd "$tmp/g" && git init -q . && git apply --check "$tmp/diff" &&
		    git apply "$tmp/diff") > "$tmp/d" 2>&1 &&
		    cmp "$tmp/g/$file" "$area/$base.fixed" >> "$tmp/d" 2>&1
		result $? "$file: git apply --check takes the diff, which gives the fixed file" "$tmp/d"
	else
		n=$((n + 1)); echo "ok $n - fix $file: git apply # SKIP git is not installed"
	fi
	# --fix wrote the fixed file, the include's, and nothing else.
	bad=0
	: > "$tmp/d"
	cmp "$tmp/w/$file" "$area/$base.fixed" >> "$tmp/d" 2>&1 || {
		bad=1; diff -u "$area/$base.fixed" "$tmp/w/$file" >> "$tmp/d"; }
	for f in "$area"/*; do
		g=$(basename "$f")
		[ "$g" = "$file" ] && continue
		[ -f "$f" ] && ! cmp -s "$f" "$tmp/w/$g" && {
			bad=1; echo "--fix changed $g" >> "$tmp/d"; }
	done
	for f in "$area"/incl/*; do
		g=$(basename "$f")
		case $g in *.fixed) continue ;; esac
		want=$f
		[ -f "$f.fixed" ] && grep -q "incl/$g" "$input" && want=$f.fixed
		cmp -s "$want" "$tmp/w/incl/$g" || {
			bad=1; echo "incl/$g is not as expected" >> "$tmp/d"; }
	done
	result "$bad" "$file: --fix writes the fixed file and only that" "$tmp/d"
	# A second --fix changes nothing, and --diff has nothing to say.
	cp -R "$tmp/w" "$tmp/w2"
	(cd "$tmp/w" && eval "\"\$bin\" -q --color=never $args --fix \"\$file\"") \
	    > /dev/null 2>&1
	(cd "$tmp/w" && eval "\"\$bin\" -q --color=never $args --diff \"\$file\"") \
	    > "$tmp/diff2" 2>&1
	rc=$?
	{ diff -r "$tmp/w2" "$tmp/w" && [ ! -s "$tmp/diff2" ] && [ "$rc" = 0 ]; } \
	    > "$tmp/d" 2>&1
	r=$?
	cat "$tmp/diff2" >> "$tmp/d"
	result "$r" "$file: a second --fix changes nothing" "$tmp/d"
	rm -rf "$tmp/w2"
	# None of the findings fixed is reported again.
	sed -n "s/^proxylint: note: [^']*'\([^']*\)' \[\([a-z0-9-]*\)\] not fixed: .*/\1 \2/p" \
	    "$tmp/fixerr" | sort -u > "$tmp/kept"
	pairs "$area/$base.expected" marked | comm -23 - "$tmp/kept" > "$tmp/fixed"
	pairs "$tmp/after" > "$tmp/left"
	comm -12 "$tmp/fixed" "$tmp/left" > "$tmp/d"
	grep '\[\*\]' "$tmp/after" >> "$tmp/d"
	[ -s "$tmp/d" ] && r=1 || r=0
	result "$r" "$file: the fixed findings are gone, and no [*] is left" "$tmp/d"
done
[ -n "$update" ] && { echo "# fix expectations rewritten: review them with git diff"; exit 0; }
echo "1..$n"
[ "$fail" -eq 0 ]
