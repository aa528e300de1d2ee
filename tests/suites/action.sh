#!/bin/sh
# action.sh -- action.yml, run the way a GitHub runner runs a composite
# action: each step's script under bash -eo pipefail, with its env, the
# inputs and runner paths filled in; the build step really builds (TAP).
# Usage: action.sh BIN   (BIN is not used: the action builds its own)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
unset PROXYLINT_CONFIG GITHUB_ACTIONS
n=0
fail=0

py=""
for p in python3 /usr/bin/python3; do
	if command -v "$p" > /dev/null 2>&1 &&
	    "$p" -c 'import yaml' > /dev/null 2>&1; then
		py=$p
		break
	fi
done
if [ -z "$py" ] || ! command -v bash > /dev/null 2>&1; then
	echo "1..0 # SKIP needs bash and python3 with PyYAML (apt-get install python3-yaml)"
	exit 0
fi

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=$((fail + 1))
		sed 's/^/# /' "$tmp/out" | tail -30
	fi
}

# Writes one script per step into DIR, from action.yml and the inputs
# given as NAME=VALUE arguments, as the runner would run them.
cat > "$tmp/steps.py" <<'EOF'
import os, re, shlex, sys, yaml

action = yaml.safe_load(open(sys.argv[1]))
out, runner_temp = sys.argv[2], sys.argv[3]
given = dict(a.split("=", 1) for a in sys.argv[4:])
inputs = {}
for name, spec in action["inputs"].items():
    if name in given:
        inputs[name] = given[name]
    elif spec.get("required"):
        sys.exit("input %s is required" % name)
    else:
        inputs[name] = str(spec.get("default", ""))

def expand(text):
    def one(m):
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr == "runner.temp":
            return runner_temp
        if expr in ("runner.os", "runner.arch"):
            return {"runner.os": "Linux", "runner.arch": "X64"}[expr]
        sys.exit("unknown expression %s" % expr)
    return re.sub(r"\$\{\{(.*?)\}\}", one, text)

assert action["runs"]["using"] == "composite"
for i, step in enumerate(action["runs"]["steps"]):
    if "uses" in step:
        # GitHub's own actions (the build cache) are not run here: the
        # runs below are cache misses.
        assert step["uses"].startswith("actions/"), step["uses"]
        continue
    assert step.get("shell") == "bash", "every step says its shell"
    # The scripts themselves hold no expression: inputs come through env.
    assert "${{" not in step["run"], "step %d: an expression in run" % i
    with open("%s/%02d.sh" % (out, i), "w") as f:
        for k, v in (step.get("env") or {}).items():
            f.write("export %s=%s\n" % (k, shlex.quote(expand(str(v)))))
        f.write(step["run"])
EOF

# act NAME DIR INPUT=VALUE...: runs every step of the action in DIR (the
# workspace); sets rc to the first failing step's status, or 0.
act() {
	dir=$2
	shift 2
	rm -rf "$tmp/steps" && mkdir "$tmp/steps"
	: > "$tmp/output"
	if ! "$py" "$tmp/steps.py" "$top/action.yml" "$tmp/steps" "$tmp/runner" "$@" > "$tmp/out" 2>&1; then
		rc=99
		return
	fi
	rc=0
	: > "$tmp/log"
	for s in "$tmp"/steps/*.sh; do
		(cd "$dir" && GITHUB_ACTION_PATH=$top RUNNER_TEMP=$tmp/runner \
		    GITHUB_OUTPUT=$tmp/output GITHUB_ACTIONS=true \
		    bash --noprofile --norc -eo pipefail "$s") >> "$tmp/log" 2>&1 < /dev/null
		rc=$?
		[ "$rc" = 0 ] || break
	done
	cp "$tmp/log" "$tmp/out"
}

"$py" - "$top/action.yml" > "$tmp/out" 2>&1 <<'EOF'
import sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
for k in ("files", "format", "fail-on", "config", "sarif-file"):
    assert k in a["inputs"], k
    assert a["inputs"][k].get("description"), k
assert a["inputs"]["files"]["required"] is True
assert a["runs"]["using"] == "composite"
assert a["outputs"]["sarif-file"]["value"]
EOF
result $? "action.yml is a composite action with inputs files, format, fail-on, config, sarif-file"

mkdir -p "$tmp/runner" "$tmp/ws/zones" "$tmp/ws/.git"
cp "$top/examples/example.com.txt" "$tmp/ws/zones/example.com.txt"
printf '%s\n' '$ORIGIN example.org.' \
    'example.org.	1	IN	A	203.0.113.10 ; cf_tags=cf-proxied:true' > "$tmp/ws/zones/clean.zone"
printf 'not a zone\n' > "$tmp/ws/zones/README"

act "misproxied" "$tmp/ws" files=zones/example.com.txt sarif-file=results.sarif
[ "$rc" = 1 ]
result $? "the action builds proxylint, lints, and fails on findings"
[ -x "$tmp/runner/proxylint-build/proxylint" ]
result $? "it builds in the runner's temporary folder"
grep -q '^zones/example.com.txt:19: error: ' "$tmp/out" && ! grep -q '^::error' "$tmp/out"
result $? "with sarif-file the log is text: code scanning annotates from the SARIF, not twice"
grep -q '"ruleId": "mail-host-proxied"' "$tmp/ws/results.sarif" &&
    grep -q '"uri": "zones/example.com.txt"' "$tmp/ws/results.sarif"
result $? "it writes the SARIF file, with paths from the workspace"
grep -q '^sarif-file=results.sarif$' "$tmp/output"
result $? "it sets the sarif-file output"

act "annotations" "$tmp/ws" files=zones/example.com.txt
[ "$rc" = 1 ] && grep -q '^::error file=zones/example.com.txt,line=19,title=mail-host-proxied::' "$tmp/out" &&
    [ "$(grep -c '^::error file=zones/example.com.txt,line=19,' "$tmp/out")" = 1 ]
result $? "without sarif-file it annotates each finding once (format github)"
act "sarif and annotations" "$tmp/ws" files=zones/example.com.txt sarif-file=both.sarif format=github
[ "$rc" = 1 ] && [ "$(grep -c '^::error file=zones/example.com.txt,line=19,' "$tmp/out")" = 1 ] &&
    grep -q '"ruleId": "mail-host-proxied"' "$tmp/ws/both.sarif"
result $? "format github with sarif-file: one run writes both"

act "clean" "$tmp/ws" files=zones/clean.zone
[ "$rc" = 0 ] && grep -q "no findings in 1 file" "$tmp/out"
result $? "a clean zone passes"

act "fail-on never" "$tmp/ws" files=zones/example.com.txt fail-on=never
[ "$rc" = 0 ] && grep -q '^::error ' "$tmp/out"
result $? "fail-on: never passes with findings"

act "folder and glob" "$tmp/ws" "files=zones
zones/*.zone" format=text
[ "$rc" = 1 ] && grep -q "^zones/example.com.txt:19: error:" "$tmp/out" &&
    grep -q "skipping 'zones/README'" "$tmp/out" &&
    grep -q "in 3 files" "$tmp/out"
result $? "files: folders and globs, one per line; format: text"

printf 'rules:\n  mail-host-proxied: off\n' > "$tmp/ws/strict.yaml"
act "config" "$tmp/ws" files=zones/example.com.txt config=strict.yaml
[ "$rc" = 1 ] && ! grep -q "mail-host-proxied" "$tmp/out" &&
    grep -q "non-http-host-proxied" "$tmp/out"
result $? "config: names the config file"

act "missing" "$tmp/ws" files=zones/nothing.zone sarif-file=results.sarif
[ "$rc" = 2 ]
result $? "an input that cannot be read fails with status 2"

act "no input" "$tmp/ws"
[ "$rc" = 99 ]
result $? "files is required"

# The README's recipes: the GitHub workflow uses this action's inputs and
# uploads its SARIF; the GitLab job's script runs as written.
cat > "$tmp/recipes.py" <<'EOF2'
import re, sys, yaml

readme = open(sys.argv[1]).read()
def block(heading):
    part = readme.split("\n### " + heading + "\n", 1)[1]
    return re.search(r"```yaml\n(.*?)```", part, re.S).group(1)
action = yaml.safe_load(open(sys.argv[2]))
if sys.argv[3] == "github":
    wf = yaml.safe_load(block("GitHub Actions"))
    steps = wf["jobs"]["proxylint"]["steps"]
    ours = [s for s in steps if "proxylint/proxylint" in s.get("uses", "")]
    assert len(ours) == 1, "one step uses the action"
    assert set(ours[0]["with"]) <= set(action["inputs"]), "known inputs"
    assert "files" in ours[0]["with"], "files is given"
    up = [s for s in steps if s.get("uses", "").startswith(
        "github/codeql-action/upload-sarif@")]
    assert len(up) == 1, "one upload-sarif step"
    assert up[0]["with"]["sarif_file"] == ours[0]["with"]["sarif-file"]
    assert up[0]["if"] == "always()", "uploads after a failed lint too"
    assert wf["permissions"]["security-events"] == "write"
else:
    job = yaml.safe_load(block("GitLab CI"))["proxylint"]
    with open(sys.argv[4], "w") as f:
        for line in job["script"]:
            f.write(line.replace("\n", " ").strip() + "\n")
    assert job["artifacts"]["reports"]["codequality"] == \
        "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
EOF2
"$py" "$tmp/recipes.py" "$top/README.md" "$top/action.yml" github > "$tmp/out" 2>&1
result $? "README: the GitHub workflow uses the action's inputs and uploads its SARIF"

if [ -n "$py" ]; then
	"$py" "$tmp/recipes.py" "$top/README.md" "$top/action.yml" gitlab "$tmp/gitlab.sh" > "$tmp/out" 2>&1
	result $? "README: the GitLab job has a Code Quality report"
	mkdir -p "$tmp/gl/dns" "$tmp/gl/bin"
	ln -s "$tmp/runner/proxylint-build/proxylint" "$tmp/gl/bin/proxylint"
	cp "$top/examples/example.com.txt" "$tmp/gl/dns/"
	cp "$top/tests/golden/suppress/api.json" "$tmp/gl/dns/"
	# GitLab runs the lines one by one and stops at the first failure.
	rc=0
	: > "$tmp/out"
	while IFS= read -r line; do
		(cd "$tmp/gl" && PATH=$tmp/gl/bin:$PATH sh -c "$line") >> "$tmp/out" 2>&1 || { rc=$?; break; }
	done < "$tmp/gitlab.sh"
	[ "$rc" = 1 ] && grep -q "dns/example.com.txt:19: error:" "$tmp/out"
	result $? "README: the GitLab job fails on findings, with the text output last"
	"$py" - "$tmp/gl/gl-code-quality-report.json" > "$tmp/out" 2>&1 <<'EOF2'
import json, sys
report = json.load(open(sys.argv[1]))
# example.com.txt (6, its DKIM CNAME one finding with also) + api.json (3)
assert isinstance(report, list) and len(report) == 9, len(report)
prints = set()
for r in report:
    assert set(r) == {"description", "check_name", "fingerprint", "severity",
                      "location"}, r
    assert r["severity"] in ("info", "minor", "major"), r
    assert isinstance(r["location"]["lines"]["begin"], int)
    assert r["location"]["path"].startswith("dns/")
    prints.add(r["fingerprint"])
assert len(prints) == len(report), "fingerprints are unique"
EOF2
	result $? "README: the GitLab job writes a Code Quality report"
else
	result 0 "README: the GitLab job # SKIP python3 is not installed"
fi

echo "1..$n"
[ "$fail" -eq 0 ]
