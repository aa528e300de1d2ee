#!/bin/sh
# fit.sh BIN -- proxylint in real repositories (issue 12): it fails closed,
# reports what it could not read in every format, skips what is not zone
# data by one rule, writes GitLab Code Quality reports with stable
# fingerprints, and keeps baselines (TAP).
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
unset PROXYLINT_CONFIG GITHUB_ACTIONS
n=0
fail=0
py=$(command -v python3 || true)

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=$((fail + 1))
		sed 's/^/# /' "$tmp/out" | head -20
	fi
}

cd "$tmp" || exit 2
cp "$top/examples/example.com.txt" zone.txt

# --- fail closed
mkdir empty terraform notes
printf 'resource "aws_instance" "x" {\n  ami = "ami-1"\n}\n' > terraform/main.go
printf 'just notes\n' > notes/todo.txt
"$bin" -r empty > out 2>&1
[ $? = 2 ] && grep -q "no zone data in what was given" out
result $? "an empty folder linted with -r exits 2 with a message"
"$bin" -r terraform notes > out 2>&1
[ $? = 2 ] && grep -q "2 files looked at, 2 skipped as not zone data" out &&
    grep -q "proxylint reads BIND zone files" out
result $? "folders of no zone data exit 2 and say what was looked at"
"$bin" --skip-non-zone notes/todo.txt > out 2>&1
[ $? = 0 ] && ! grep -q "skipping" out
result $? "--skip-non-zone: a named file that is not zone data is skipped quietly"
"$bin" --skip-non-zone nosuch.txt > out 2>&1
[ $? = 2 ]
result $? "--skip-non-zone: a missing file is still an error"

# --- a missing file in the summary, the JSON and the SARIF
"$bin" --format text nosuch.txt zone.txt > out.txt 2> out
[ $? = 2 ] && grep -q "in 1 file, 1 input could not be read$" out &&
    grep -q "cannot open 'nosuch.txt'" out
result $? "a missing file is counted in the summary and exits 2"
"$bin" --format json nosuch.txt zone.txt > out.json 2> /dev/null
if [ -n "$py" ]; then
	"$py" - out.json > out 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
e = d["errors"]
assert len(e) == 1 and e[0]["file"] == "nosuch.txt", e
assert "No such file" in e[0]["message"], e
assert d["summary"]["unreadable"] == 1 and d["summary"]["files"] == 1, d["summary"]
PY
	result $? "the JSON lists the missing file in 'errors'"
	"$bin" --format sarif nosuch.txt zone.txt > out.sarif 2> /dev/null
	"$py" - out.sarif > out 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
inv = d["runs"][0]["invocations"][0]
assert inv["executionSuccessful"] is False, inv
n = inv["toolExecutionNotifications"]
assert len(n) == 1 and n[0]["level"] == "error", n
assert n[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nosuch.txt", n
assert "No such file" in n[0]["message"]["text"], n
PY
	result $? "the SARIF says the run was not successful, naming the file"
else
	result 0 "JSON errors # SKIP python3 is not installed"
	result 0 "SARIF invocations # SKIP python3 is not installed"
fi

# --- -r over an octoDNS repository with a config/ folder
mkdir -p octo/config octo/zones
printf 'providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n  cloudflare:\n    class: octodns_cloudflare.CloudflareProvider\nzones:\n  example.com.:\n    sources: [config]\n    targets: [cloudflare]\n' > octo/config/production.yaml
printf "'':\n  type: A\n  value: 203.0.113.10\n  octodns:\n    cloudflare:\n      proxied: true\nmail:\n  type: A\n  value: 203.0.113.25\n  octodns:\n    cloudflare:\n      proxied: true\n" > octo/zones/example.com.yaml
printf '# zones\n' > octo/README.md
printf '# sources\n' > octo/SOURCES.md
"$bin" -r octo > out 2>&1
rc=$?
{ [ $rc = 0 ] || [ $rc = 1 ]; } && grep -q "skipping 'octo/config/production.yaml': not zone data" out &&
    grep -q "skipping 'octo/README.md'" out && grep -q "skipping 'octo/SOURCES.md'" out &&
    grep -q "octo/zones/example.com.yaml:7: error: .*\[mail-host-proxied\]" out
result $? "-r over an octoDNS repository: the config and the Markdown are skipped, the zone linted (exit $rc)"
"$bin" -r octo --exclude 'zones' > out 2>&1
[ $? = 2 ] && grep -q "no zone data" out
result $? "--exclude: a folder glob leaves its files out"
printf 'exclude: [zones/*.yaml]\n' > octo/.proxylint.yaml
"$bin" -r octo > out 2>&1
[ $? = 2 ]
result $? "the config's exclude globs are relative to its folder"
rm octo/.proxylint.yaml

# --- GitLab Code Quality
if [ -n "$py" ]; then
	"$bin" --format gitlab zone.txt > gl1.json 2> /dev/null
	# The same records one line further down.
	{ printf ';; moved\n'; cat zone.txt; } > moved.txt
	cp moved.txt zone2.txt
	mv zone.txt zone.orig
	cp zone2.txt zone.txt
	"$bin" --format gitlab zone.txt > gl2.json 2> /dev/null
	mv zone.orig zone.txt
	"$py" - gl1.json gl2.json > out 2>&1 <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
assert len(a) == 6, len(a)  # the DKIM CNAME is one finding (also: underscore-name-proxied)
for i in a:
    for k in ("description", "check_name", "fingerprint", "severity"):
        assert isinstance(i[k], str) and i[k], (k, i)
    assert i["severity"] in ("info", "minor", "major", "critical", "blocker"), i
    assert i["location"]["path"] == "zone.txt", i
    assert isinstance(i["location"]["lines"]["begin"], int), i
fa = [i["fingerprint"] for i in a]
assert len(set(fa)) == len(fa), "fingerprints are not unique"
fb = [i["fingerprint"] for i in b]
assert fa == fb, "fingerprints changed when the records moved"
assert [i["location"]["lines"]["begin"] + 1 for i in a] == [i["location"]["lines"]["begin"] for i in b]
PY
	result $? "--format gitlab: every field, unique fingerprints, the same after the records move a line"
else
	result 0 "gitlab # SKIP python3 is not installed"
fi
"$bin" --format gitlab --output gl.json zone.txt > out 2>&1
[ $? = 1 ] && [ -s gl.json ] && grep -q "^zone.txt:19: error:" out
result $? "--output writes the report to a file and the findings to the log"

# --- baselines
"$bin" --write-baseline base.json zone.txt > out 2>&1
[ $? = 0 ] && grep -q "wrote 6 findings to the baseline 'base.json'" out
result $? "--write-baseline records the findings and exits 0"
"$bin" --baseline base.json zone.txt > out 2>&1
[ $? = 0 ] && grep -q "no findings in 1 file" out
result $? "--baseline on the same zone: nothing new, exit 0"
{ cat zone.txt; printf 'smtp.example.com.\t1\tIN\tA\t203.0.113.26 ; cf_tags=cf-proxied:true\n'; } > zone3.txt
{ printf ';; moved\n'; cat zone3.txt; } > zone.txt
"$bin" --baseline base.json zone.txt > out 2>&1
[ $? = 1 ] && [ "$(grep -c ': error: \|: warning: ' out)" = 1 ] &&
    grep -q "^zone.txt:[0-9]*: error: .*'smtp.example.com.'.*\[mail-host-proxied\]" out
result $? "one more misproxied record (the others moved a line): exit 1, that record only"
grep -v mail.example.com zone.txt > zone4.txt && mv zone4.txt zone.txt
"$bin" --baseline base.json zone.txt > out 2>&1
grep -q "note: 1 entry of the baseline 'base.json' no longer occurs" out
result $? "--baseline counts the entries that no longer occur"

# --- errors that help
"$bin" --formt json zone.txt > out 2>&1
[ $? = 2 ] && grep -q "unknown option '--formt' (did you mean '--format'?)" out
result $? "a misspelt option: did you mean"
"$bin" --format jsno zone.txt > out 2>&1
[ $? = 2 ] && grep -q "invalid --format 'jsno' (did you mean 'json'?" out
result $? "a misspelt option value: did you mean"
"$bin" --explain MAIL-HOST-PROXIED > out 2>&1
[ $? = 0 ] && grep -q "^mail-host-proxied (error" out
result $? "--explain ignores case"
"$bin" --explain mail-host-proxed > out 2>&1
[ $? = 2 ] && grep -q "unknown rule 'mail-host-proxed' (did you mean 'mail-host-proxied'?)" out
result $? "--explain with a typo: did you mean"
mkdir broken
printf 'fail_on: error\n' > broken/.proxylint.yaml
(cd broken && "$bin" --list-rules) > out 2>&1
[ $? = 0 ] && grep -q "did you mean 'fail-on'" out &&
    grep -q "warning: the config above has an error: showing the rules without it" out &&
    grep -q "^mail-host-proxied " out
result $? "--list-rules works with a broken config, with a warning"
(cd broken && "$bin" --explain mail-host-proxied) > out 2>&1
[ $? = 0 ] && grep -q "^How to fix:" out
result $? "--explain works with a broken config"

echo "1..$n"
[ "$fail" -eq 0 ]
