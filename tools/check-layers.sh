#!/bin/sh
# check-layers.sh BUILD_DIR -- the objects of src/ depend on each other in
# one direction only.  From nm(1): an object depends on each object that
# defines a symbol it uses.  Every dependency must point to the same layer
# or one below (the table), and the graph must have no circle.  Prints TAP.
set -u
build=${1:-build}
# Layers, bottom to top; a file of src/ missing here is an error.
layers='
0 util log rules_builtin
1 zone anchor cftags yaml json_pull kinds match template
2 rule config
3 diag autofix
4 engine suppress filter read read_bind read_cfjson read_tfplan read_octodns read_tf hcl_lex hcl_parse hcl_json hcl_eval hcl_func hcl read_dnscontrol read_markdown read_text
5 out out_text out_full out_json out_sarif out_github out_rules out_gitlab baseline
6 fix
7 lint inputs
8 main options usage
'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
for o in "$build"/*.o; do
	b=$(basename "$o" .o)
	case $b in test_* | fuzz_* | replay*) continue ;; esac
	nm "$o" 2>/dev/null | awk -v obj="$b" '
	    $2 ~ /^[TDBRC]$/ { print "def", $3, obj }
	    $1 == "U" { print "use", $2, obj }' >> "$tmp/syms"
	echo "$b" >> "$tmp/objs"
done
if [ ! -s "$tmp/objs" ]; then
	echo "not ok 1 - layering: no objects in $build (build first)"
	exit 1
fi
echo "$layers" | awk 'NF > 1 { for (i = 2; i <= NF; i++) print $i, $1 }' > "$tmp/rank"
# the edges: user -> definer
awk '$1 == "def" { d[$2] = $3 } $1 == "use" { u[NR] = $2 " " $3 }
    END { for (k in u) { split(u[k], a, " "); if (a[1] in d && d[a[1]] != a[2]) print a[2], d[a[1]], a[1] } }' \
    "$tmp/syms" | sort -u > "$tmp/edges"
# 1. every object has a layer
missing=$(awk 'NR == FNR { r[$1] = 1; next } !($1 in r) { print $1 }' "$tmp/rank" "$tmp/objs")
n=$((n + 1))
if [ -n "$missing" ]; then
	echo "not ok $n - layering: objects with no layer in tools/check-layers.sh: $missing"
	fail=1
else
	echo "ok $n - layering: every object of src/ has a layer"
fi
# 2. no edge points up
up=$(awk 'NR == FNR { r[$1] = $2; next } (r[$1] < r[$2]) { print $1 " -> " $2 " (" $3 ")" }' "$tmp/rank" "$tmp/edges")
n=$((n + 1))
if [ -n "$up" ]; then
	echo "not ok $n - layering: dependencies that point up a layer"
	echo "$up" | sed 's/^/#   /'
	fail=1
else
	echo "ok $n - layering: no dependency points up a layer"
fi
# 3. no circle: tsort reports one
awk '{ print $1, $2 }' "$tmp/edges" | sort -u > "$tmp/pairs"
n=$((n + 1))
if tsort "$tmp/pairs" > /dev/null 2> "$tmp/cycle"; then
	echo "ok $n - layering: the objects' dependencies have no circle"
else
	echo "not ok $n - layering: a circle among the objects"
	sed 's/^/#   /' "$tmp/cycle"
	fail=1
fi
echo "1..$n"
exit $fail
