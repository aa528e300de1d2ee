#!/bin/sh
# dnscontrol.sh -- the DNSControl reader from the command line (TAP).
#
# First what needs nothing but proxylint: a folder walked with -r (the IR is
# zone data, its dnsconfig.js and other JSON are not), the pre-commit hook's
# --skip-non-zone, standard input, the config's dnscontrol-providers, and
# the column in every output format.
#
# Then DNSControl's own parse tests: every pair in
# ../shared/realworld/dnscontrol-parse-tests (a dnsconfig.js and the JSON
# "dnscontrol print-ir" prints for it, MIT, LICENSE there) is read, and the
# records and proxy states proxylint reads must be those the JSON says, as
# computed here apart from the reader (python3): domains on a provider of
# type CLOUDFLAREAPI (or "-" with a Cloudflare name, or none of a known
# type with cloudflare_* metadata or Cloudflare pseudo-records), no
# pseudo-record, ALIAS as CNAME, cloudflare_proxy over
# cloudflare_proxy_default (unset: off), other types DNS-only.  Findings
# land in the .js at the filepos.  Those skip when ../shared is absent.
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
golden=$here/golden/dnscontrol
shared=${PROXYLINT_SHARED:-$here/../../shared}
dir=$shared/realworld/dnscontrol-parse-tests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0
fail=0

# t NAME COMMAND...: ok when COMMAND succeeds.
t() {
	name=$1
	shift
	n=$((n + 1))
	if "$@" > "$tmp/log" 2>&1; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		sed 's/^/# /' "$tmp/log"
		fail=$((fail + 1))
	fi
}

mkdir -p "$tmp/repo/dns"
cp "$golden/default-js.json" "$tmp/repo/dns/ir.json"
cp "$golden/dnsconfig.js" "$tmp/repo/dns/dnsconfig.js"
printf '{"name": "app", "version": "1.0.0", "registrars": ["npm"]}\n' \
    > "$tmp/repo/package.json"
printf '{"compilerOptions": {"strict": true}}\n' > "$tmp/repo/tsconfig.json"

walk() {
	(cd "$tmp/repo" && "$bin" -r --color=never . > "$tmp/out" 2> "$tmp/err")
	[ $? = 1 ] &&
	    grep -q '^\./dns/dnsconfig.js:5:5: error: .*\[mail-host-proxied\]$' \
	    "$tmp/out" &&
	    grep -q "skipping './dns/dnsconfig.js': not zone data" "$tmp/err" &&
	    grep -q "skipping './package.json': not zone data" "$tmp/err" &&
	    grep -q "skipping './tsconfig.json': not zone data" "$tmp/err" &&
	    [ "$(wc -l < "$tmp/out")" = 1 ]
}
t "-r: the IR is zone data, its dnsconfig.js and other JSON are not" walk

hook() {
	(cd "$tmp/repo" && "$bin" --skip-non-zone --color=never \
	    dns/dnsconfig.js package.json > "$tmp/out" 2>/dev/null) || return 1
	[ ! -s "$tmp/out" ] || return 1
	(cd "$tmp/repo" && "$bin" --skip-non-zone --color=never \
	    dns/dnsconfig.js dns/ir.json package.json > "$tmp/out" 2>&1)
	[ $? = 1 ] && grep -q 'dns/dnsconfig.js:5:5: error' "$tmp/out"
}
t "--skip-non-zone (the hook): a commit of the .js alone passes, the IR is linted" hook

stdin() {
	"$bin" --color=never --input-format dnscontrol \
	    --dnscontrol-js "$tmp/repo/dns/dnsconfig.js" - \
	    < "$tmp/repo/dns/ir.json" > "$tmp/out" 2>&1
	[ $? = 1 ] && grep -q "dnsconfig.js:5:5: error: " "$tmp/out"
}
t "standard input with --input-format dnscontrol and --dnscontrol-js" stdin

detect() {
	"$bin" --color=never - < "$tmp/repo/dns/ir.json" > "$tmp/out" 2>&1
	# no dnsconfig.js in the working folder: the IR's pointer
	[ $? = 1 ] && grep -q "^<stdin>:/domains/0/records/0: error: " "$tmp/out"
}
t "detected by content on standard input; no .js: the IR's pointer" detect

mkdir -p "$tmp/cfg"
cp "$golden/provider-unknown.json" "$tmp/cfg/ir.json"
config() {
	(cd "$tmp/cfg" && "$bin" --color=never ir.json > "$tmp/out" 2>&1)
	grep -q "domain-not-on-cloudflare" "$tmp/out" || return 1
	printf 'dnscontrol-providers: [DNS1]\n' > "$tmp/cfg/.proxylint.yaml"
	(cd "$tmp/cfg" && "$bin" -f json ir.json > "$tmp/out" 2>&1) &&
	    ! grep -q "domain-not-on-cloudflare" "$tmp/out" &&
	    grep -q '"records": 1,' "$tmp/out"
}
t "the config's dnscontrol-providers takes a provider as Cloudflare" config

columns() {
	d=$tmp/repo/dns
	(cd "$d" && "$bin" -f json ir.json) > "$tmp/out" 2>/dev/null
	grep -q '"column": 5,' "$tmp/out" || return 1
	(cd "$d" && "$bin" -f sarif ir.json) > "$tmp/out" 2>/dev/null
	grep -q '"startColumn": 5' "$tmp/out" || return 1
	(cd "$d" && "$bin" -f github ir.json) > "$tmp/out" 2>/dev/null
	grep -q '^::error file=dnsconfig.js,line=5,col=5,title=mail-host-proxied::' \
	    "$tmp/out" || return 1
	(cd "$d" && "$bin" -f full --color=never ir.json) > "$tmp/out" 2>/dev/null
	grep -q -- '--> dnsconfig.js:5:5' "$tmp/out"
}
t "the .js column in JSON, SARIF, GitHub and full output" columns

if [ ! -d "$dir" ] || ! command -v python3 >/dev/null 2>&1; then
	n=$((n + 1))
	echo "ok $n # SKIP DNSControl's parse tests: $dir or python3 is absent"
	echo "1..$n"
	[ "$fail" -eq 0 ]
	exit
fi
for ir in "$dir"/*.json; do
	base=$(basename "$ir" .json)
	n=$((n + 1))
	"$bin" --rules "$here/dnscontrol-dump" --dnscontrol-js "$dir/$base.js" \
	    -f json --fail-on never "$ir" > "$tmp/out.json" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "not ok $n - dnscontrol/$base: exit $rc"
		sed 's/^/# /' "$tmp/err"
		fail=$((fail + 1))
		continue
	fi
	if diff=$(python3 - "$ir" "$tmp/out.json" "$dir/$base.js" <<'PY' 2>&1
import json, sys
ir = json.load(open(sys.argv[1]))
out = json.load(open(sys.argv[2]))
PSEUDO = {"URL", "URL301", "FRAME", "LUA", "ANAME", "AKAMAICDN", "AKAMAITLC",
          "IMPORT_TRANSFORM", "PAGE_RULE", "WORKER_ROUTE"}
def pseudo(t):
    return "_" in t or t.upper() in PSEUDO
def cfname(n):
    l = n.lower()
    return ("cloudflare" in l or l == "cf" or l[:3] in ("cf-", "cf_", "cf.")
            or l[-3:] in ("-cf", "_cf", ".cf"))
types = {p["name"]: p.get("type") for p in ir.get("dns_providers") or []}
want = []
for d in ir["domains"]:
    yes = known = False
    for p in d.get("dnsProviders") or {}:
        t = types.get(p)
        if t == "CLOUDFLAREAPI":
            yes = True
        elif t in (None, "", "-"):
            yes = yes or cfname(p)
        else:
            known = True
    meta = d.get("meta") or {}
    if not yes and not known:
        yes = any(k.startswith("cloudflare_") for k in meta) or any(
            r["type"].startswith(("CF_", "CLOUDFLAREAPI_")) or
            any(k.startswith("cloudflare_") for k in r.get("meta") or {})
            for r in d.get("records") or [])
    if not yes:
        continue
    default = (meta.get("cloudflare_proxy_default") or "off").lower()
    for r in d.get("records") or []:
        t = r["type"].upper()
        if pseudo(t):
            continue
        if t == "ALIAS":
            t = "CNAME"
        name = r["name"]
        owner = d["name"] + "." if name == "@" else name + "." + d["name"] + "."
        p = ((r.get("meta") or {}).get("cloudflare_proxy") or "").lower()
        if not p:
            p = default if t in ("A", "AAAA", "CNAME") else "off"
        want.append((owner.lower(), t, p in ("on", "full")))
got = [(f["name"], f["type"], f["proxied"]) for f in out["findings"]
       if f["rule"] == "dump-record"]
if sorted(want) != sorted(got):
    print("want", sorted(want))
    print("got ", sorted(got))
    sys.exit(1)
bad = [f for f in out["findings"] if f["rule"] == "syntax-error"]
if bad:
    print("syntax errors:", [f["message"] for f in bad])
    sys.exit(1)
js = sys.argv[3].rsplit("/", 1)[-1]
for f in out["findings"]:
    if f["rule"] == "dump-record" and not (f["file"].endswith(js) and
                                           f["line"] and f["column"]):
        print("not in the .js:", f["name"], f["file"], f["pointer"])
        sys.exit(1)
print(len(want))
PY
	); then
		echo "ok $n - dnscontrol/$base: $diff records, proxy states as the IR says, located in the .js"
	else
		echo "not ok $n - dnscontrol/$base"
		printf '%s\n' "$diff" | sed 's/^/# /'
		fail=$((fail + 1))
	fi
done
echo "1..$n"
[ "$fail" -eq 0 ]
