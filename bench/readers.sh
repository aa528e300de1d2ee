#!/bin/sh
# bench/readers.sh BIN [RECORDS] - every reader that has a writer here,
# against the BIND reader, on the same records.
#
#   sh bench/readers.sh build/proxylint 100000
#
# Writes a Cloudflare-export zone of RECORDS records (bench/genzone.py,
# default 100000), then the same records as DNSControl's IR with its
# dnsconfig.js (bench/gendnscontrol.py) and as a Terraform module
# (bench/gentf.py; the SOA is not a Terraform record), and times
# 'BIN --format json' on each BENCH_RUNS times (default 3), the inputs in
# turn so that a busy machine slows all alike.  Prints a table: median
# wall time, peak RSS, records per second, and time and memory per record
# over the BIND reader's (the budget of issue 16 is 2).  Every input must
# make the same findings (rule, owner, type, content; the places differ).
# Not yet here: Cloudflare API JSON, Terraform plan and octoDNS writers.
# Files are kept in $BENCH_CACHE (default bench/.cache).
set -eu

[ $# -ge 1 ] || { echo "usage: sh bench/readers.sh BIN [RECORDS]" >&2; exit 2; }
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
N=${2:-100000}
RUNS=${BENCH_RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${BENCH_CACHE:-$HERE/.cache}
D=$CACHE/readers-$N
mkdir -p "$D"
if [ ! -s "$D/zone.txt" ] || [ "$HERE/genzone.py" -nt "$D/zone.txt" ] ||
    [ "$HERE/gendnscontrol.py" -nt "$D/ir.json" ] ||
    [ "$HERE/gentf.py" -nt "$D/tf/main.tf" ]; then
	python3 "$HERE/genzone.py" -n "$N" -o "$D/zone.txt" 2>/dev/null
	python3 "$HERE/gendnscontrol.py" "$D/zone.txt" -o "$D/ir.json" \
	    --js "$D/dnsconfig.js" 2>/dev/null
	rm -rf "$D/tf"
	python3 "$HERE/gentf.py" "$D/zone.txt" -o "$D/tf" 2>/dev/null
fi
# NAME and the argument that lints it.
set -- "bind zone.txt" "dnscontrol ir.json" "terraform tf/main.tf"
cd "$D"
for f in "$@"; do : > "times.${f%% *}"; done
i=0
while [ $i -lt "$RUNS" ]; do
	for f in "$@"; do
		/usr/bin/time -f '%e %M' -o t "$BIN" --format json \
		    --fail-on never "${f#* }" > /dev/null 2>&1 || true
		cat t >> "times.${f%% *}"
	done
	i=$((i + 1))
done
for f in "$@"; do
	"$BIN" --format json --fail-on never "${f#* }" > "out.${f%% *}" \
	    2> /dev/null || true
	sort -n "times.${f%% *}" | awk -v n="$RUNS" -v name="${f%% *}" \
	    'NR == int((n + 1) / 2) { print name, $1, $2 }'
done > medians
python3 - medians <<'PY'
import json, sys
rows = [l.split() for l in open(sys.argv[1])]
key = lambda d: sorted((f["rule"], f["name"], f["type"], f["content"])
                       for f in d["findings"])
base = json.load(open("out.bind"))
bs, bk, bn = None, None, base["summary"]["records"]
print("| reader | records | wall s | peak MiB | records/s | time/record vs BIND | RSS/record vs BIND | findings |")
print("|---|---|---|---|---|---|---|---|")
bad = 0
for name, s, k in rows:
    d = json.load(open("out." + name))
    n, s, k = d["summary"]["records"], float(s), int(k)
    if name == "bind":
        bs, bk = s / n, k / n
    same = key(d) == key(base)
    # The Terraform module has no SOA: one record fewer, else the same.
    ok = same and (n == bn or (name == "terraform" and n == bn - 1))
    bad |= not ok
    print("| %s | %d | %.2f | %.1f | %.0f | %.2fx | %.2fx | %s |" % (
        name, n, s, k / 1024, n / s if s else 0, (s / n) / bs,
        (k / n) / bk, "same as BIND" if ok else "DIFFERENT"))
sys.exit(1 if bad else 0)
PY
