#!/bin/sh
# valgrind.sh -- runs the unit tests and the output suites under Valgrind
# memcheck: any invalid read or write, use of uninitialised memory, or
# definite or indirect leak fails the test it happens in (exit 99).
# Usage: valgrind.sh BUILD_DIR   (a gcc build: make all units)
#
# The hostile, fuzz, bench and install suites are left out: they time
# their runs, and Valgrind is 20 to 50 times slower (make asan runs them
# with LeakSanitizer).  Ends with "N passed, N failed", as run-all.sh.
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
case $build in /*) ;; *) build=$top/$build ;; esac
if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed (apt-get install valgrind)"
	echo "0 passed, 0 failed"
	exit 0
fi
vg=$(mktemp -d)
trap 'rm -rf "$vg"' EXIT INT TERM
# One wrapper per program, named as run-all.sh looks for them.
for prog in "$build"/proxylint "$build"/test_*; do
	[ -x "$prog" ] || continue
	cat > "$vg/$(basename "$prog")" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\
    "$prog" "\$@"
WRAP
	chmod +x "$vg/$(basename "$prog")"
done
log=$(mktemp)
trap 'rm -rf "$vg" "$log"' EXIT INT TERM
unset GITHUB_ACTIONS PROXYLINT_CONFIG
for t in "$vg"/test_*; do
	echo "# --- unit $(basename "$t")"
	"$t" 2>&1 | tee -a "$log"
done
echo "# --- golden"
sh tests/run-golden.sh "$vg/proxylint" 2>&1 | tee -a "$log"
echo "# --- cli"
sh tests/cli.sh "$vg/proxylint" 2>&1 | tee -a "$log"
for s in config sarif github fix; do
	echo "# --- $s"
	sh "tests/suites/$s.sh" "$vg/proxylint" 2>&1 | tee -a "$log"
done
passed=$(grep -c '^ok' "$log")
failed=$(grep -c '^not ok' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
