#!/bin/sh
# install.sh -- make install and make uninstall, into a scratch DESTDIR (TAP).
# Usage: install.sh BIN   (BIN's folder is the build folder to install from)
set -u
bin=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
build=$(basename "$(dirname "$bin")")
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT INT TERM
n=0
fail=0
t() {	# t DESCRIPTION COMMAND...
	desc=$1
	shift
	n=$((n + 1))
	if "$@" > "$dest/.out" 2>&1; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		sed 's/^/# /' "$dest/.out" | head -10
		fail=$((fail + 1))
	fi
}
root=$dest/root
t "make install DESTDIR PREFIX" make -s -C "$top" BUILD="$build" \
    DESTDIR="$root" PREFIX=/usr install
for f in bin/proxylint share/man/man1/proxylint.1 \
    share/bash-completion/completions/proxylint \
    share/zsh/site-functions/_proxylint; do
	t "installs $f" test -f "$root/usr/$f"
done
t "the installed binary runs, with its rules built in" sh -c \
    "'$root/usr/bin/proxylint' --list-rules | grep -q '^mail-host-proxied '"
if command -v bash >/dev/null 2>&1; then
	# Complete "proxylint --fail-on w" as bash would.
	t "bash completes option values" bash -c "
	    . '$root/usr/share/bash-completion/completions/proxylint'
	    COMP_WORDS=(proxylint --fail-on w); COMP_CWORD=2
	    _proxylint; [ \"\${COMPREPLY[*]}\" = warning ]"
	t "bash completes rule ids for --explain" bash -c "
	    PATH='$root/usr/bin':\$PATH
	    . '$root/usr/share/bash-completion/completions/proxylint'
	    COMP_WORDS=(proxylint --explain mail-h); COMP_CWORD=2
	    _proxylint; [ \"\${COMPREPLY[*]}\" = mail-host-proxied ]"
fi
if command -v zsh >/dev/null 2>&1; then
	t "zsh completion parses" zsh -n "$root/usr/share/zsh/site-functions/_proxylint"
fi
t "make uninstall" make -s -C "$top" BUILD="$build" DESTDIR="$root" \
    PREFIX=/usr uninstall
t "nothing is left" sh -c "[ -z \"\$(find '$root' -type f)\" ]"
echo "1..$n"
[ "$fail" -eq 0 ]
