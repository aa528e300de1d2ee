#!/bin/sh
# github.sh -- --format github: workflow commands that GitHub's runner
# parses back to the same file, line, rule and message as --format json,
# with %, CR, LF, ':' and ',' escaped; the default under GITHUB_ACTIONS
# (TAP).
# Usage: github.sh BIN
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tests=$(cd "$(dirname "$0")/.." && pwd)
top=$(cd "$tests/.." && pwd)
shared=${PROXYLINT_SHARED:-$top/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
unset PROXYLINT_CONFIG GITHUB_ACTIONS
n=0
fail=0

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=$((fail + 1))
		[ -f "$tmp/why" ] && sed 's/^/# /' "$tmp/why" | head -20
	fi
	rm -f "$tmp/why"
}

py=""
for p in python3 /usr/bin/python3; do
	command -v "$p" > /dev/null 2>&1 && { py=$p; break; }
done

# A file whose name needs every property escape, and a rule whose message
# holds %, CR, LF, ':' and ','.
mkdir -p "$tmp/rules"
cat > "$tmp/rules/odd.yaml" <<'EOF'
use-case: odd
title: Odd
doc: https://developers.cloudflare.com/dns/proxy-status/
rules:
  - id: odd-message
    severity: warning
    check: name
    when: proxied
    labels: [odd]
    summary: s
    message: "100% odd: '{name}', proxied\r\nsecond line"
    fix: f
    explain: e
    example: "odd.example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true"
    sources: [s]
EOF
odd='we%ird,na:me.zone'
printf '%s\n' '$ORIGIN example.com.' \
    'odd.example.com.	1	IN	A	203.0.113.9 ; cf_tags=cf-proxied:true' \
    'mail.example.com.	1	IN	A	203.0.113.25 ; cf_tags=cf-proxied:true' \
    'www.example.com.	1	IN	A	203.0.113.11 ; cf_tags=cf-proxied:false' > "$tmp/$odd"
(cd "$tmp" && "$bin" --format github --rules rules "$odd") > "$tmp/out" 2> "$tmp/err"
rc=$?
[ "$rc" = 1 ]
result $? "--format github exits 1 on findings"
want="::warning file=we%25ird%2Cna%3Ame.zone,line=2,title=odd-message::100%25 odd: 'odd.example.com.', proxied%0D%0Asecond line [odd-message]"
grep -q -x -F "$want" "$tmp/out" || { echo "want: $want"; cat "$tmp/out"; } > "$tmp/why"
result $? "escapes %, CR and LF in data, and also ':' and ',' in properties"
grep -q -x -F "::error file=we%25ird%2Cna%3Ame.zone,line=3,title=mail-host-proxied::mail host 'mail.example.com.' is proxied, but Cloudflare does not proxy SMTP, IMAP or POP (SMTP only through Spectrum): mail clients and servers that connect to this name reach Cloudflare and fail [mail-host-proxied]" "$tmp/out"
result $? "error findings are ::error"
grep -q '^::notice file=[^,]*,line=4,title=web-host-dns-only::' "$tmp/out"
result $? "info findings are ::notice"
[ "$(tail -n 1 "$tmp/out")" = "proxylint: 1 error, 1 warning, 1 info in 1 file" ]
result $? "a closing summary line"
[ ! -s "$tmp/err" ]
result $? "nothing on standard error"
(cd "$tmp" && "$bin" -q --format github --rules rules "$odd") > "$tmp/out" 2>&1
! grep -q '^proxylint:' "$tmp/out" && [ "$(wc -l < "$tmp/out")" = 3 ]
result $? "-q drops the summary line"

# Chosen by default in a GitHub Actions job, when the output is no terminal.
cp "$top/examples/example.com.txt" "$tmp/ex.txt"
(cd "$tmp" && GITHUB_ACTIONS=true "$bin" ex.txt) > "$tmp/out" 2> "$tmp/err"
head -n 1 "$tmp/out" | grep -q '^::error file=ex.txt,line=19,title=mail-host-proxied::'
result $? "GITHUB_ACTIONS=true: github by default"
(cd "$tmp" && GITHUB_ACTIONS=true "$bin" --format text ex.txt) > "$tmp/out" 2> "$tmp/err"
head -n 1 "$tmp/out" | grep -q '^ex.txt:19: error: '
result $? "GITHUB_ACTIONS=true: --format text still wins"
(cd "$tmp" && GITHUB_ACTIONS=false "$bin" ex.txt) > "$tmp/out" 2> "$tmp/err"
head -n 1 "$tmp/out" | grep -q '^ex.txt:19: error: '
result $? "GITHUB_ACTIONS=false: text"
if command -v script > /dev/null 2>&1; then
	(cd "$tmp" && GITHUB_ACTIONS=true script -qec "'$bin' --color=never ex.txt" /dev/null) > "$tmp/out" 2>&1 < /dev/null
	grep -q -- '--> ex.txt:19' "$tmp/out" && ! grep -q '^::' "$tmp/out"
	result $? "GITHUB_ACTIONS=true on a terminal: the full format for a person"
else
	result 0 "GITHUB_ACTIONS=true on a terminal # SKIP script(1) is not installed"
fi
# An absolute path below the working folder is made relative, as the
# annotations want paths from the repository root.
(cd "$tmp" && "$bin" --format github "$tmp/ex.txt") > "$tmp/out" 2>&1
head -n 1 "$tmp/out" | grep -q '^::error file=ex.txt,line=19,'
result $? "an absolute path below the working folder is made relative"

# Every line parses as a workflow command the way the runner parses it
# (actions/runner ActionCommand.TryParseV2), and says what the JSON says.
if [ -z "$py" ]; then
	result 0 "workflow commands parse # SKIP python3 is not installed"
else
	cat > "$tmp/parse.py" <<'EOF'
import json, sys

def unescape(s, prop):
    s = s.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%25", "%")

level = {"error": "error", "warning": "warning", "info": "notice"}
gh, js = open(sys.argv[1], encoding="utf-8", errors="surrogateescape"), \
    json.load(open(sys.argv[2], encoding="utf-8"))
got = []
lines = gh.read().split("\n")
assert lines[-1] == "", "the output ends with a newline"
for line in lines[:-1]:
    if line.startswith("proxylint: "):
        continue        # the summary
    assert line.startswith("::"), "not a command: %r" % line
    cmd, sep, data = line[2:].partition("::")
    assert sep, "no '::' after the properties: %r" % line
    name, _, props = cmd.partition(" ")
    assert name in ("error", "warning", "notice"), name
    p = {}
    for kv in props.split(","):
        k, eq, v = kv.partition("=")
        assert eq and k in ("file", "line", "col", "title"), \
            "bad property %r" % kv
        p[k] = unescape(v, True)
    got.append((name, p["file"], int(p.get("line", 0)),
                int(p.get("col", 0)), p["title"], unescape(data, False)))
want = []
for f in js["findings"]:
    msg = f["message"]
    if f["line"] is None and f["pointer"] is not None:
        msg = f["pointer"] + ": " + msg
    want.append((level[f["severity"]], f["file"], f["line"] or 0,
                 f.get("column") or 0, f["rule"], msg + " [" + f["rule"] + "]"))
assert got == want, "differs:\n%s\n%s" % (got[:3], want[:3])
print(len(got))
EOF
	# check NAME DIR ARGS...
	check() {
		name=$1 dir=$2
		shift 2
		(cd "$dir" && "$bin" --format github "$@") > "$tmp/gh" 2> /dev/null
		(cd "$dir" && "$bin" --format json "$@") > "$tmp/js" 2> /dev/null
		if count=$("$py" "$tmp/parse.py" "$tmp/gh" "$tmp/js" 2> "$tmp/why"); then
			result 0 "$name: $count commands parse back to the JSON findings"
		else
			result 1 "$name: commands parse back to the JSON findings"
		fi
	}
	check "odd names and messages" "$tmp" --rules rules "$odd"
	check "example" "$top" examples/example.com.txt
	check "API JSON (pointers)" "$tests/golden/suppress" api.json
	check "Terraform (addresses)" "$tests/golden/terraform-plan" \
	    acm-validation-known.json modules-planned-values.json
	check "suppressions and includes" "$tests/golden/suppress" include.zone bind-forms.zone
	if [ -d "$shared/realworld" ]; then
		for list in "$tests"/realworld/*.findings; do
			[ -f "$list" ] || continue
			file=$(sed -n 's/^# file: //p' "$list")
			args=$(sed -n 's/^# args: //p' "$list")
			[ -f "$shared/realworld/$file" ] || continue
			# shellcheck disable=SC2086
			check "real world $file" "$shared/realworld" $args "$file"
		done
	else
		result 0 "real-world exports # SKIP ../shared/realworld is absent"
	fi
fi

echo "1..$n"
[ "$fail" -eq 0 ]
