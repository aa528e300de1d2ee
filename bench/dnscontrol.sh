#!/bin/sh
# bench/dnscontrol.sh BIN [RECORDS] - the DNSControl reader against the BIND
# reader, on the same records.
#
#   sh bench/dnscontrol.sh build/proxylint 100000
#
# Writes a Cloudflare-export zone of RECORDS records (bench/genzone.py,
# default 100000), then the IR that 'dnscontrol print-ir' would print for
# it and its dnsconfig.js (bench/gendnscontrol.py), and times
# 'BIN --format json' on each BENCH_RUNS times (default 5): median wall
# time, peak RSS, and the IR's time over the zone's (the budget is 2).  It
# also checks that both runs read every record and make the same findings
# (rule, owner, type and content; only the places differ).
# Files are kept in $BENCH_CACHE (default bench/.cache).
set -eu

[ $# -ge 1 ] || { echo "usage: sh bench/dnscontrol.sh BIN [RECORDS]" >&2; exit 2; }
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
N=${2:-100000}
RUNS=${BENCH_RUNS:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${BENCH_CACHE:-$HERE/.cache}
mkdir -p "$CACHE/dnscontrol-$N"
D=$CACHE/dnscontrol-$N
if [ ! -s "$D/zone.txt" ] || [ "$HERE/genzone.py" -nt "$D/zone.txt" ] ||
    [ "$HERE/gendnscontrol.py" -nt "$D/ir.json" ]; then
	python3 "$HERE/genzone.py" -n "$N" -o "$D/zone.txt" 2>/dev/null
	python3 "$HERE/gendnscontrol.py" "$D/zone.txt" -o "$D/ir.json" \
	    --js "$D/dnsconfig.js" 2>/dev/null
fi

# The two inputs' runs alternate, so that a busy machine slows both alike;
# each gets the median wall seconds and peak KiB of its RUNS runs.
: > "$D/times.zone.txt"
: > "$D/times.ir.json"
i=0
while [ $i -lt "$RUNS" ]; do
	for f in zone.txt ir.json; do
		/usr/bin/time -f '%e %M' -o "$D/t" "$BIN" --format json \
		    --fail-on never "$D/$f" > /dev/null 2>&1 || true
		cat "$D/t" >> "$D/times.$f"
	done
	i=$((i + 1))
done
median() {
	sort -n "$D/times.$1" | awk -v n="$RUNS" 'NR == int((n + 1) / 2)'
}
cd "$D"
set -- $(median zone.txt)
bind_s=$1 bind_k=$2
set -- $(median ir.json)
ir_s=$1 ir_k=$2
echo "records: $N; $(wc -c < zone.txt) octets of zone, $(wc -c < ir.json) of IR, $(wc -c < dnsconfig.js) of dnsconfig.js"
echo "BIND zone:      $bind_s s, peak $((bind_k / 1024)) MiB (median of $RUNS)"
echo "DNSControl IR:  $ir_s s, peak $((ir_k / 1024)) MiB (median of $RUNS)"
awk -v a="$ir_s" -v b="$bind_s" 'BEGIN { printf "IR / BIND:      %.2fx (budget 2x)\n", a / b }'
# The same records, the same findings.
"$BIN" --format json --fail-on never zone.txt > bind.out 2>/dev/null || true
"$BIN" --format json --fail-on never ir.json > ir.out 2>/dev/null || true
python3 - bind.out ir.out <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
key = lambda d: sorted((f["rule"], f["name"], f["type"], f["content"])
                       for f in d["findings"])
same = key(a) == key(b)
print("records read:   %d (zone), %d (IR); findings %d and %d, %s" % (
    a["summary"]["records"], b["summary"]["records"], len(a["findings"]),
    len(b["findings"]), "the same" if same else "DIFFERENT"))
sys.exit(0 if same and a["summary"]["records"] == b["summary"]["records"]
         else 1)
PY
