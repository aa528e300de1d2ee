#!/bin/sh
# sarif.sh -- --format sarif passes the official SARIF 2.1.0 schema
# (../shared/schemas, with python3-jsonschema) and Microsoft's SARIF
# multitool (npx @microsoft/sarif-multitool validate) with no error and no
# warning, for the golden cases, odd file names, several configs in one
# run and the real-world exports (TAP).
# Usage: sarif.sh BIN
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tests=$(cd "$(dirname "$0")/.." && pwd)
top=$(cd "$tests/.." && pwd)
shared=${PROXYLINT_SHARED:-$top/../shared}
schema=$shared/schemas/sarif-schema-2.1.0.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
unset PROXYLINT_CONFIG GITHUB_ACTIONS
mkdir "$tmp/logs"
n=0
fail=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	fail=$((fail + 1))
}

# log NAME DIR ARGS...: writes the SARIF of 'proxylint ARGS' run in DIR to
# logs/NAME.sarif; the run must exit 0 or 1.
log() {
	name=$1 dir=$2
	shift 2
	(cd "$dir" && "$bin" --format sarif "$@") > "$tmp/logs/$name.sarif" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		not_ok "$name: --format sarif exits $rc"
		sed 's/^/# /' "$tmp/err" | head -5
		rm -f "$tmp/logs/$name.sarif"
	fi
}

# The golden cases of every area, with their arguments.
for dir in "$tests"/golden/*/; do
	area=$(basename "$dir")
	for input in "$dir"*; do
		[ -f "$input" ] || continue
		file=$(basename "$input")
		case $file in
		*.expected|*.args|*.rc|*.json-expected|*.stderr|*.fixed|*.diff|README*) continue ;;
		esac
		base=${file%.*}
		[ -f "$dir$base.expected" ] || continue
		[ -f "$dir$base.rc" ] && [ "$(cat "$dir$base.rc")" = 2 ] && continue
		args=""
		[ -f "$dir$base.args" ] && args=$(sed 's/--format [a-z]*//' "$dir$base.args")
		# Arguments may redirect standard input from a file there.
		cd "$dir" || exit 2
		eval "log \"$area-$base\" \"\$dir\" $args \"\$file\""
		cd "$top" || exit 2
	done
done
log example "$top" examples/example.com.txt

# Odd file names: a URI reference must encode them; an absolute path; stdin.
mkdir -p "$tmp/odd dir"
odd="$tmp/odd dir/zone 100% #1:a,b é.txt"
cp "$top/examples/example.com.txt" "$odd"
log odd-name "$tmp/odd dir" "zone 100% #1:a,b é.txt"
log absolute "$tmp" "$odd"
log stdin "$top" - < "$top/examples/example.com.txt"
# Octets that are not UTF-8 in a name and a comment.
printf '$ORIGIN example.com.\ncaf\351.example.com.\t1\tIN\tA\t10.0.0.1 ; \377 cf_tags=cf-proxied:true\n' > "$tmp/latin1.zone"
log latin1 "$tmp" latin1.zone

# Two inputs with two configs: the second one's rules-dir adds a rule that
# the first input's ruleset has not, so it must be listed all the same.
mkdir -p "$tmp/two/.git" "$tmp/two/a" "$tmp/two/b/rules"
cp "$top/examples/example.com.txt" "$tmp/two/a/zone.txt"
cp "$top/examples/example.com.txt" "$tmp/two/b/zone.txt"
printf 'rules-dir: rules\n' > "$tmp/two/b/.proxylint.yaml"
cat > "$tmp/two/b/rules/acme.yaml" <<'EOF'
use-case: acme
title: ACME
doc: https://developers.cloudflare.com/dns/proxy-status/
rules:
  - id: acme-mail
    severity: warning
    check: name
    when: any
    labels: [mail]
    summary: a proxied mail name, ACME style
    message: "acme mail '{name}'"
    fix: f
    explain: e
    example: "mail.example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true"
    sources: [s]
EOF
log two-configs "$tmp/two" a/zone.txt b/zone.txt
grep -q '"ruleId": "acme-mail"' "$tmp/logs/two-configs.sarif" &&
    grep -q '"id": "acme-mail"' "$tmp/logs/two-configs.sarif"
if [ $? = 0 ]; then ok "a rule of another input's config is listed"
else not_ok "a rule of another input's config is listed"; fi

# The real-world exports, as tests/realworld.sh lints them.
if [ -d "$shared/realworld" ]; then
	for list in "$tests"/realworld/*.findings; do
		[ -f "$list" ] || continue
		file=$(sed -n 's/^# file: //p' "$list")
		args=$(sed -n 's/^# args: //p' "$list")
		[ -f "$shared/realworld/$file" ] || continue
		# shellcheck disable=SC2086
		log "realworld-$(basename "$list" .findings)" "$shared/realworld" $args "$file"
	done
	realworld=1
else
	realworld=0
fi
count=$(ls "$tmp/logs" | wc -l)
ok "$count SARIF logs written"
[ "$realworld" = 1 ] || ok "real-world exports # SKIP ../shared/realworld is absent"

# 1. The official schema, and what the schema cannot say: every ruleIndex
# points at the rule of its ruleId, every result has a fingerprint and a
# start line, and every URI is a valid relative reference or file: URI.
py=""
for p in /usr/bin/python3 python3; do
	if command -v "$p" > /dev/null 2>&1 &&
	    "$p" -c 'import jsonschema' > /dev/null 2>&1; then
		py=$p
		break
	fi
done
if [ ! -f "$schema" ]; then
	ok "SARIF schema # SKIP ../shared/schemas/sarif-schema-2.1.0.json is absent (run beside the shared folder)"
elif [ -z "$py" ]; then
	ok "SARIF schema # SKIP python3-jsonschema is not installed (apt-get install python3-jsonschema)"
else
	"$py" - "$schema" "$tmp"/logs/*.sarif > "$tmp/schema.out" 2>&1 <<'EOF'
import json, re, sys
from jsonschema import validators

schema = json.load(open(sys.argv[1]))
check = validators.validator_for(schema)(schema)
uri_ok = re.compile(r"^(file://)?([A-Za-z0-9._~!$&'()*+,;=@/-]|%[0-9A-F]{2})+$")
for path in sys.argv[2:]:
    name = path.rsplit("/", 1)[-1]
    try:
        log = json.load(open(path, encoding="utf-8"))
    except Exception as e:
        print("FAIL %s: not JSON: %s" % (name, e))
        continue
    errors = sorted(check.iter_errors(log), key=lambda e: list(e.path))
    problems = ["%s: %s" % ("/".join(map(str, e.path)), e.message)
                for e in errors[:3]]
    run = log["runs"][0] if log.get("runs") else {}
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        problems.append("a rule is listed twice")
    for i, res in enumerate(run.get("results", [])):
        k = res.get("ruleIndex")
        if k is None or k >= len(rules) or rules[k]["id"] != res["ruleId"]:
            problems.append("results[%d]: ruleIndex %s is not %s"
                            % (i, k, res.get("ruleId")))
        if not res.get("partialFingerprints"):
            problems.append("results[%d]: no partialFingerprints" % i)
        loc = res["locations"][0]["physicalLocation"]
        if loc.get("region", {}).get("startLine", 0) < 1:
            problems.append("results[%d]: no startLine" % i)
        if not uri_ok.match(loc["artifactLocation"]["uri"]):
            problems.append("results[%d]: bad uri %r"
                            % (i, loc["artifactLocation"]["uri"]))
    if problems:
        print("FAIL %s: %s" % (name, "; ".join(problems[:3])))
    else:
        print("PASS %s" % name)
EOF
	while read -r verdict rest; do
		case $verdict in
		PASS) ok "schema: $rest" ;;
		FAIL) not_ok "schema: $rest" ;;
		*) not_ok "schema: $verdict $rest" ;;
		esac
	done < "$tmp/schema.out"
fi

# 2. Microsoft's multitool.  It exits 0 even when it reports errors, and
# prints nothing for an unknown enum value (the schema check above catches
# those): read its output.  SARIF2006 (are the URIs reachable?) is off:
# it would look the doc links up on the network.
cat > "$tmp/policy.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8" ?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
EOF
if ! command -v npx > /dev/null 2>&1; then
	ok "SARIF multitool # SKIP npx is not installed (apt-get install npm)"
else
	(cd "$tmp/logs" && npx --yes @microsoft/sarif-multitool validate \
	    -c "$tmp/policy.xml" ./*.sarif) > "$tmp/mt.out" 2>&1 < /dev/null
	if ! grep -q "^Done\. $count files scanned" "$tmp/mt.out"; then
		if grep -q "files scanned" "$tmp/mt.out"; then
			not_ok "SARIF multitool scanned every log"
			sed 's/^/# /' "$tmp/mt.out" | head -20
		else
			ok "SARIF multitool # SKIP it did not run: $(grep -v '^$' "$tmp/mt.out" | head -1)"
		fi
	else
		for f in "$tmp"/logs/*.sarif; do
			name=$(basename "$f")
			if grep -F "$name(" "$tmp/mt.out" | grep -q -E ': (error|warning) '; then
				not_ok "multitool: $name"
				grep -F "$name(" "$tmp/mt.out" | grep -E ': (error|warning) ' |
				    cut -c1-300 | sed 's/^/# /' | head -5
			else
				ok "multitool: $name"
			fi
		done
		# Nothing else: no tool error, no warning but the one for the
		# rule turned off above.
		if grep -i -E '(error|warning)' "$tmp/mt.out" | grep -v -F ".sarif(" |
		    grep -v 'WRN999.RuleExplicitlyDisabled : Rule .SARIF2006.' |
		    grep -q .; then
			not_ok "multitool: no other error or warning"
			grep -i -E '(error|warning)' "$tmp/mt.out" | grep -v -F ".sarif(" |
			    sed 's/^/# /' | head -5
		else
			ok "multitool: no other error or warning"
		fi
	fi
fi

echo "1..$n"
[ "$fail" -eq 0 ]
