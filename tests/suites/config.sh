#!/bin/sh
# config.sh -- .proxylint.yaml: where it is found, -c, --no-config,
# PROXYLINT_CONFIG, command-line overrides, and errors FILE:LINE:COL (TAP).
# Usage: config.sh BIN
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
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
		sed 's/^/# stdout: /' "$tmp/out"
		sed 's/^/# stderr: /' "$tmp/err"
	fi
}

# run DIR ARGS...: proxylint in DIR; sets rc, and the rule ids found in
# "ids" (sorted, one line, "FILE:RULE" pairs).
run() {
	dir=$1
	shift
	(cd "$dir" && "$bin" --color=never -q "$@" > "$tmp/out" 2> "$tmp/err")
	rc=$?
	ids=$(sed -n 's/^\([^:]*\):.*\[\([a-z0-9-]*\)\]$/\1:\2/p' "$tmp/out" |
	    sort | tr '\n' ' ')
}

# expect NAME WANT_RC WANT_IDS
expect() {
	if [ "$rc" = "$2" ] && [ "$ids" = "$3" ]; then
		result 0 "$1"
	else
		echo "# exit $rc, want $2; ids '$ids', want '$3'"
		result 1 "$1"
	fi
}

zone() {
	printf '%s\n' '$ORIGIN example.com.' \
	    'mail.example.com.	1	IN	A	203.0.113.25 ; cf_tags=cf-proxied:true' \
	    'ssh.example.com.	1	IN	A	203.0.113.22 ; cf_tags=cf-proxied:true' > "$1"
}

# A repository: a config at its root, another one in zones/team, and a
# broken one above the root that must never be read.
repo=$tmp/work/repo
mkdir -p "$repo/.git" "$repo/zones/team" "$repo/cfg/rules"
zone "$repo/zones/a.zone"
zone "$repo/zones/team/b.zone"
printf 'rules:\n  non-http-host-proxied: off\n' > "$repo/.proxylint.yaml"
printf 'rules:\n  mail-host-proxied: off\n' > "$repo/zones/team/.proxylint.yaml"
printf 'this: [is not valid\n' > "$tmp/work/.proxylint.yaml"
both="a.zone:mail-host-proxied a.zone:non-http-host-proxied "

run "$repo/zones" a.zone
expect "the config at the repository root applies to a zone below it" 1 \
    "a.zone:mail-host-proxied "
run "$repo/zones/team" b.zone
expect "the nearest config wins, without merging the root's" 1 \
    "b.zone:non-http-host-proxied "
run "$repo" zones/a.zone zones/team/b.zone
expect "each input of one run uses the config of its own folder" 1 \
    "zones/a.zone:mail-host-proxied zones/team/b.zone:non-http-host-proxied "
run "$repo/zones/team" ../a.zone
expect "the search starts at the input's folder, not the working folder" 1 \
    "../a.zone:mail-host-proxied "
run "$repo/zones/team" - < "$repo/zones/a.zone"
expect "standard input uses the config of the working folder" 1 \
    "<stdin>:non-http-host-proxied "
run "$repo/zones" --no-config a.zone
expect "--no-config reads no config" 1 "$both"

# The search stops at the folder holding .git: the broken config above the
# root is never read, even with no config inside the repository.
rm "$repo/.proxylint.yaml"
run "$repo/zones" a.zone
expect "the search stops at the repository root (.git)" 1 "$both"
rmdir "$repo/.git"
printf 'gitdir: /elsewhere\n' > "$repo/.git"
run "$repo/zones" a.zone
expect "a .git file (worktree) marks the root too" 1 "$both"
rm "$repo/.git"
run "$repo/zones" a.zone
n=$((n + 1))
if [ "$rc" = 2 ] && grep -q "/work/.proxylint.yaml:2:1: " "$tmp/err"; then
	echo "ok $n - without .git the search goes up to the file system's root"
else
	echo "not ok $n - without .git the search goes up to the file system's root (exit $rc)"
	fail=$((fail + 1))
fi
rm "$tmp/work/.proxylint.yaml"
mkdir "$repo/.git"
printf 'rules:\n  non-http-host-proxied: off\n' > "$repo/.proxylint.yaml"

# -c, PROXYLINT_CONFIG and --no-config.
printf 'rules:\n  mail-host-proxied: warning\n  non-http-host-proxied: error\n' > "$repo/cfg/other.yaml"
run "$repo/zones" -c ../cfg/other.yaml a.zone
expect "-c FILE replaces the config found" 1 "$both"
[ "$(cut -d: -f3 "$tmp/out" | tr -d ' ' | tr '\n' ' ')" = "warning error " ]
result $? "-c FILE: its severities are in force"
run "$repo/zones" --config=../cfg/other.yaml team/b.zone
expect "--config=FILE applies to inputs of any folder" 1 \
    "team/b.zone:mail-host-proxied team/b.zone:non-http-host-proxied "
PROXYLINT_CONFIG=../cfg/other.yaml run "$repo/zones" team/b.zone
expect "PROXYLINT_CONFIG names the config" 1 \
    "team/b.zone:mail-host-proxied team/b.zone:non-http-host-proxied "
printf 'rules:\n  mail-host-proxied: off\n  non-http-host-proxied: off\n' > "$repo/cfg/quiet.yaml"
PROXYLINT_CONFIG=../cfg/other.yaml run "$repo/zones" -c ../cfg/quiet.yaml a.zone
expect "-c beats PROXYLINT_CONFIG" 0 ""
PROXYLINT_CONFIG=../cfg/quiet.yaml run "$repo/zones" --no-config a.zone
expect "--no-config beats PROXYLINT_CONFIG" 1 "$both"
PROXYLINT_CONFIG='' run "$repo/zones" a.zone
expect "an empty PROXYLINT_CONFIG is unset" 1 "a.zone:mail-host-proxied "
run "$repo/zones" -c ../cfg/quiet.yaml --no-config a.zone
[ "$rc" = 2 ] && grep -q "exclude each other" "$tmp/err"
result $? "-c with --no-config is a usage error"
run "$repo/zones" -c ../cfg/missing.yaml a.zone
[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] &&
    grep -q "cannot open '../cfg/missing.yaml'" "$tmp/err"
result $? "a missing -c file exits 2"
PROXYLINT_CONFIG=../cfg/missing.yaml run "$repo/zones" a.zone
[ "$rc" = 2 ] && grep -q "missing.yaml" "$tmp/err"
result $? "a missing PROXYLINT_CONFIG file exits 2"

# Command-line options override the config's keys.
printf 'fail-on: never\ndefault-proxy: dns-only\norigin: example.org\n' > "$repo/cfg/keys.yaml"
printf 'mail\t300\tIN\tA\t203.0.113.25\n' > "$repo/zones/untagged.zone"
run "$repo/zones" -c ../cfg/keys.yaml --no-inline-ignores a.zone
expect "fail-on: never in the config" 0 "$both"
run "$repo/zones" -c ../cfg/keys.yaml --fail-on error a.zone
expect "--fail-on overrides the config's fail-on" 1 "$both"
run "$repo/zones" -c ../cfg/keys.yaml --assume-proxied untagged.zone
expect "--assume-proxied overrides the config's default-proxy" 0 \
    "untagged.zone:mail-host-proxied "
grep -q "'mail.example.org.'" "$tmp/out"
result $? "origin in the config names the zone"
run "$repo/zones" -c ../cfg/keys.yaml --assume-proxied --origin example.net untagged.zone
grep -q "'mail.example.net.'" "$tmp/out"
result $? "--origin overrides the config's origin"

# Per-input fail-on: each input fails by its own config.
printf 'fail-on: never\n' > "$repo/zones/team/.proxylint.yaml"
run "$repo" zones/team/b.zone
expect "an input whose config says fail-on: never passes" 0 \
    "zones/team/b.zone:mail-host-proxied zones/team/b.zone:non-http-host-proxied "
run "$repo" zones/team/b.zone zones/a.zone
expect "the run fails when another input's config fails it" 1 \
    "zones/a.zone:mail-host-proxied zones/team/b.zone:mail-host-proxied zones/team/b.zone:non-http-host-proxied "

# rules-dir is relative to the config file, from any working folder.
cat > "$repo/cfg/rules/acme.yaml" <<'EOF'
use-case: acme
title: ACME
doc: https://developers.cloudflare.com/dns/proxy-status/
rules:
  - id: acme-mail
    severity: warning
    check: name
    when: any
    labels: [mail]
    summary: s
    message: "acme mail '{name}'"
    fix: f
    explain: e
    example: "mail.example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true"
    sources: [s]
EOF
printf 'rules-dir: rules\nrules:\n  acme-mail: error\n' > "$repo/cfg/rd.yaml"
run "$tmp" -c work/repo/cfg/rd.yaml work/repo/zones/a.zone
case $ids in *"a.zone:acme-mail "*) result 0 "rules-dir is found beside the config" ;;
*) result 1 "rules-dir is found beside the config" ;; esac
grep -q ": error: acme mail" "$tmp/out"
result $? "rules: applies to a rule of rules-dir"

# --list-rules and --explain show the rules as the working folder's config
# has them.
run "$repo/zones/team" --list-rules
printf 'rules:\n  mail-host-proxied: off\n' > "$repo/zones/team/.proxylint.yaml"
run "$repo/zones/team" --list-rules
grep -q '^mail-host-proxied  *off ' "$tmp/out"
result $? "--list-rules shows the config's severities"
run "$repo/zones/team" --explain mail-host-proxied
grep -q '^mail-host-proxied (off,' "$tmp/out"
result $? "--explain shows the config's severity"

# Errors: FILE:LINE:COL: message on standard error, nothing on standard
# output, exit status 2, before any input is read.
# bad NAME WANT_STDERR CONFIG_TEXT
bad() {
	printf '%s\n' "$3" > "$repo/cfg/bad.yaml"
	(cd "$repo" && "$bin" -c cfg/bad.yaml zones/a.zone > "$tmp/out" 2> "$tmp/err")
	rc=$?
	if [ "$rc" = 2 ] && [ ! -s "$tmp/out" ] &&
	    [ "$(cat "$tmp/err")" = "$2" ]; then
		result 0 "error: $1"
	else
		echo "# exit $rc; want: $2"
		result 1 "error: $1"
	fi
}
bad "unknown key" \
    "cfg/bad.yaml:2:1: unknown key 'fail_on' in the config (did you mean 'fail-on'?)" \
    "# a comment
fail_on: error"
bad "unknown rule id in rules" \
    "cfg/bad.yaml:3:3: unknown rule 'mail-hots-proxied' (did you mean 'mail-host-proxied'? 'proxylint --list-rules' lists them)" \
    "rules:
  mail-host-proxied: off
  mail-hots-proxied: off"
bad "a rule id that is not kebab-case" \
    "cfg/bad.yaml:2:3: unknown rule 'Mail_Host' (rule ids are kebab-case; 'proxylint --list-rules' lists them)" \
    "rules:
  Mail_Host: off"
bad "unknown severity" \
    "cfg/bad.yaml:2:22: invalid severity 'fatal' for rule 'mail-host-proxied' (expected off, info, warning or error)" \
    "rules:
  mail-host-proxied: fatal"
bad "rules is not a mapping" \
    "cfg/bad.yaml:1:8: 'rules' must be a mapping of rule ids to off, info, warning or error" \
    "rules: [mail-host-proxied]"
bad "duplicate key" \
    "cfg/bad.yaml:2:1: duplicate key 'fail-on'" \
    "fail-on: error
fail-on: warning"
bad "a rule named twice under rules: the first repeat" \
    "cfg/bad.yaml:5:3: duplicate key 'non-http-host-proxied'" \
    "rules:
  proxied-private-address: off
  non-http-host-proxied: off
  mail-host-proxied: warning
  non-http-host-proxied: error
  proxied-private-address: info"
bad "an alias repeating a list beyond the budget" \
    "cfg/bad.yaml:2:9545: the file's values add up to more than 1000000 entries or 64 MiB (YAML aliases repeating a list?)" \
    "ignore:
  - {name: a, rules: &r [$(python3 -c 'print(", ".join(["mail-host-proxied"] * 1500))')]}
$(python3 -c 'print("".join("  - {name: b%d, rules: *r}\n" % i for i in range(1000)), end="")')"
bad "invalid fail-on" \
    "cfg/bad.yaml:1:10: invalid fail-on 'fatal' (expected error, warning, info or never)" \
    "fail-on: fatal"
bad "invalid default-proxy" \
    "cfg/bad.yaml:1:16: invalid default-proxy 'orange' (expected proxied, dns-only or unknown)" \
    "default-proxy: orange"
bad "unknown key in an ignore entry" \
    "cfg/bad.yaml:3:5: unknown key 'rule' in an 'ignore' entry (did you mean 'rules'?)" \
    "ignore:
  - name: mail.example.com
    rule: [mail-host-proxied]"
bad "an ignore entry without a name" \
    "cfg/bad.yaml:2:5: an 'ignore' entry needs a 'name' (a glob over owner names, such as '*.example.com')" \
    "ignore:
  - rules: [mail-host-proxied]"
bad "unknown rule in an ignore entry" \
    "cfg/bad.yaml:3:32: unknown rule 'no-such-rule' ('proxylint --list-rules' lists them)" \
    "ignore:
  - name: mail.example.com
    rules: [mail-host-proxied, no-such-rule]"
bad "unknown list" \
    "cfg/bad.yaml:3:5: unknown list 'suffixes' (expected targets, except-targets, addresses, except-addresses, labels, owner-labels, target-labels, web-labels or ports)" \
    "lists:
  saas-target-proxied:
    suffixes: [example.net]"
bad "a list the rule's check kind does not read" \
    "cfg/bad.yaml:3:5: rule 'mail-host-proxied' has no list 'targets' (its lists: except-targets, labels, web-labels)" \
    "lists:
  mail-host-proxied:
    targets: [example.net]"
bad "unknown rule in lists" \
    "cfg/bad.yaml:2:3: unknown rule 'saas-target' ('proxylint --list-rules' lists them)" \
    "lists:
  saas-target:
    targets: [example.net]"
bad "an invalid address range" \
    "cfg/bad.yaml:3:24: invalid address range '10.0.0.1/8'" \
    "lists:
  proxied-private-address:
    except-addresses: [10.0.0.1/8]"
bad "an invalid port" \
    "cfg/bad.yaml:3:13: invalid port '70000'" \
    "lists:
  srv-target-proxied:
    ports: [70000]"
bad "YAML syntax" \
    "cfg/bad.yaml:2:1: did not find expected ',' or ']'" \
    "spectrum: [ssh.example.com"
bad "a config that is not a mapping" \
    "cfg/bad.yaml:1:1: a config file is a mapping of keys such as 'fail-on', 'rules' and 'ignore'" \
    "- fail-on: error"
bad "a missing rules-dir" \
    "proxylint: cannot open rules folder 'cfg/nowhere': No such file or directory" \
    "rules-dir: nowhere"
printf '' > "$repo/cfg/bad.yaml"
(cd "$repo" && "$bin" -q -c cfg/bad.yaml zones/a.zone > "$tmp/out" 2> "$tmp/err")
[ "$?" = 1 ] && [ ! -s "$tmp/err" ]
result $? "an empty config file is an empty config"

# A bad config of the second input stops the run before any output.
printf 'rules:\n  nope: off\n' > "$repo/zones/team/.proxylint.yaml"
run "$repo" zones/a.zone zones/team/b.zone
[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] &&
    grep -q "^zones/team/.proxylint.yaml:2:3: unknown rule 'nope'" "$tmp/err"
result $? "a bad config of any input exits 2 before linting"

echo "1..$n"
[ "$fail" -eq 0 ]
