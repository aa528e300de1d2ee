#!/bin/sh
# precommit.sh -- the pre-commit hook of .pre-commit-hooks.yaml, run for real
# with pre-commit try-repo: a misproxied zone fails with the findings, a
# clean one passes, and a config or an inline suppression silences exactly
# what it names (TAP).
# Usage: precommit.sh BIN
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
unset PROXYLINT_CONFIG GITHUB_ACTIONS
n=0
fail=0

if ! command -v pre-commit > /dev/null 2>&1; then
	echo "1..0 # SKIP pre-commit is not installed (apt-get install pre-commit)"
	exit 0
fi
if ! command -v git > /dev/null 2>&1; then
	echo "1..0 # SKIP git is not installed"
	exit 0
fi

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=$((fail + 1))
		sed 's/^/# /' "$tmp/out" | head -30
	fi
}

# language: system runs the proxylint on PATH: the one under test.  The
# binary must be called proxylint.
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/proxylint"
PATH=$tmp/bin:$PATH
export PATH
# pre-commit's cache and git's identity, inside the test.
PRE_COMMIT_HOME=$tmp/cache
GIT_CONFIG_GLOBAL=$tmp/gitconfig
GIT_CONFIG_NOSYSTEM=1
export PRE_COMMIT_HOME GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM
git config --global user.name "proxylint tests"
git config --global user.email "tests@example.invalid"
git config --global init.defaultBranch main
git config --global commit.gpgsign false

# The hook repository: this checkout's .pre-commit-hooks.yaml, committed
# in a repository of its own (try-repo reads committed files).
mkdir "$tmp/hooks"
cp "$top/.pre-commit-hooks.yaml" "$tmp/hooks/"
(cd "$tmp/hooks" && git init -q && git add .pre-commit-hooks.yaml &&
    git commit -q -m hooks) > "$tmp/out" 2>&1
result $? "a hook repository holding .pre-commit-hooks.yaml"

# project NAME: a new repository $tmp/NAME.
project() {
	rm -rf "${tmp:?}/$1"
	mkdir "$tmp/$1"
	(cd "$tmp/$1" && git init -q)
}

# try NAME: pre-commit try-repo on every file of $tmp/NAME; sets rc.
try() {
	(cd "$tmp/$1" && git add -A && pre-commit try-repo "$tmp/hooks" \
	    proxylint --all-files --color never) > "$tmp/out" 2>&1 < /dev/null
	rc=$?
}

misproxied='$ORIGIN example.com.
example.com.	1	IN	A	203.0.113.10 ; cf_tags=cf-proxied:true
mail.example.com.	1	IN	A	203.0.113.25 ; cf_tags=cf-proxied:true
ssh.example.com.	1	IN	A	203.0.113.22 ; cf_tags=cf-proxied:true
example.com.	1	IN	MX	10 mail.example.com.'
clean='$ORIGIN example.com.
example.com.	1	IN	A	203.0.113.10 ; cf_tags=cf-proxied:true
mail.example.com.	1	IN	A	203.0.113.25 ; cf_tags=cf-proxied:false
example.com.	1	IN	MX	10 mail.example.com.'

project bad
printf '%s\n' "$misproxied" > "$tmp/bad/example.com.zone"
printf '# notes\nnot a zone\n' > "$tmp/bad/notes.txt"
try bad
[ "$rc" != 0 ] && grep -q '^proxylint.*Failed' "$tmp/out"
result $? "a misproxied zone fails the hook"
grep -q "^example.com.zone:3: error: .*\[mail-host-proxied\]$" "$tmp/out" &&
    grep -q "^example.com.zone:4: warning: .*\[non-http-host-proxied\]$" "$tmp/out"
result $? "the hook prints the findings"
! grep -q "notes.txt" "$tmp/out"
result $? "a notes .txt matched by the hook is skipped quietly"

project good
printf '%s\n' "$clean" > "$tmp/good/example.com.zone"
try good
[ "$rc" = 0 ] && grep -q '^proxylint.*Passed' "$tmp/out"
result $? "a clean zone passes the hook"

# Several files go to one run (pass_filenames, require_serial), matched
# by the hook's default file names.
project many
mkdir "$tmp/many/dns"
printf '%s\n' "$misproxied" > "$tmp/many/dns/db.example.com"
printf '%s\n' "$clean" > "$tmp/many/dns/example.org.zone.txt"
printf '%s\n' "$misproxied" > "$tmp/many/dns/example.net.db"
try many
[ "$rc" != 0 ] && grep -q "^dns/db.example.com:3: error:" "$tmp/out" &&
    grep -q "^dns/example.net.db:3: error:" "$tmp/out" &&
    grep -q "in 3 files$" "$tmp/out"
result $? "db.NAME, *.db and *.zone.txt are linted in one run"

# A config file silences exactly the findings it names.
project config
printf '%s\n' "$misproxied" > "$tmp/config/example.com.zone"
printf 'ignore:\n  - name: ssh.example.com\n    rules: [non-http-host-proxied]\n    reason: bastion behind Access\n' > "$tmp/config/.proxylint.yaml"
try config
[ "$rc" != 0 ] && grep -q "\[mail-host-proxied\]$" "$tmp/out" &&
    ! grep -q "\[non-http-host-proxied\]$" "$tmp/out"
result $? "the repository's .proxylint.yaml silences only what it names"
printf 'ignore:\n  - name: ssh.example.com\n    rules: [non-http-host-proxied]\n  - name: mail.example.com\n    rules: [mail-host-proxied]\n' > "$tmp/config/.proxylint.yaml"
try config
[ "$rc" = 0 ]
result $? "with every finding ignored the hook passes"

# So does an inline suppression.
project inline
printf '%s\n' '$ORIGIN example.com.' \
    'example.com.	1	IN	A	203.0.113.10 ; cf_tags=cf-proxied:true' \
    'mail.example.com.	1	IN	A	203.0.113.25 ; proxylint: ignore[mail-host-proxied] Spectrum SMTP cf_tags=cf-proxied:true' \
    'ssh.example.com.	1	IN	A	203.0.113.22 ; cf_tags=cf-proxied:true' \
    'example.com.	1	IN	MX	10 mail.example.com.' > "$tmp/inline/example.com.zone"
try inline
[ "$rc" != 0 ] && ! grep -q "\[mail-host-proxied\]$" "$tmp/out" &&
    grep -q "\[non-http-host-proxied\]$" "$tmp/out"
result $? "an inline suppression silences only what it names"

# Issue 12: a repository as people keep one.  Cloudflare's dashboard saves
# exports as <zone>.txt; next to it a clean export, a notes file, an
# octoDNS config and a README.  A real commit, through "pre-commit
# install", fails on the misproxied export only, and passes once it is
# fixed.
project repo
export_bad=';;
;; Domain:     example.com.
;;
;; SOA Record
example.com	3600	IN	SOA	ns.cloudflare.com. dns.cloudflare.com. 2049453583 10000 2400 604800 3600
;; A Records
example.com.	1	IN	A	203.0.113.10 ; cf_tags=cf-proxied:true
mail.example.com.	1	IN	A	203.0.113.25 ; cf_tags=cf-proxied:true
;; MX Records
example.com.	1	IN	MX	10 mail.example.com.'
export_good=$(printf '%s\n' "$export_bad" | sed 's/^mail\(.*\)cf-proxied:true/mail\1cf-proxied:false/')
printf '%s\n' "$export_bad" > "$tmp/repo/example.com.txt"
printf '%s\n' "$export_good" | sed 's/example\.com/example.org/g' > "$tmp/repo/example.org.txt"
printf 'Notes: the A record of www moved, and MX stays as is.\nAsk ops.\n' > "$tmp/repo/notes.txt"
mkdir -p "$tmp/repo/config"
printf 'providers:\n  cloudflare:\n    class: octodns_cloudflare.CloudflareProvider\nzones:\n  example.com.:\n    sources: [config]\n    targets: [cloudflare]\n' > "$tmp/repo/config/production.yaml"
printf '# DNS\n\nThe zones of example.com and example.org, as A and MX records.\n' > "$tmp/repo/README.md"
rev=$(cd "$tmp/hooks" && git rev-parse HEAD)
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: proxylint\n' "$tmp/hooks" "$rev" > "$tmp/repo/.pre-commit-config.yaml"
(cd "$tmp/repo" && pre-commit install && git add -A &&
    git commit -q -m zones) > "$tmp/out" 2>&1 < /dev/null
rc=$?
[ "$rc" != 0 ] && grep -q '^example.com.txt:8: error: .*\[mail-host-proxied\]$' "$tmp/out"
result $? "a commit with a misproxied Cloudflare export (example.com.txt) fails"
! grep -q 'example.org.txt:\|notes.txt\|production.yaml\|README.md' "$tmp/out" &&
    grep -q "in 2 files$" "$tmp/out"
result $? "the clean export, the notes, the octoDNS config and the README give nothing"
printf '%s\n' "$export_good" > "$tmp/repo/example.com.txt"
(cd "$tmp/repo" && git add -A && git commit -q -m zones) > "$tmp/out" 2>&1 < /dev/null
result $? "the commit passes once the export is fixed"
printf 'More notes.\n' >> "$tmp/repo/notes.txt"
(cd "$tmp/repo" && git add -A && git commit -q -m notes) > "$tmp/out" 2>&1 < /dev/null
result $? "a commit that changes no zone passes"

echo "1..$n"
[ "$fail" -eq 0 ]
