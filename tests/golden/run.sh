#!/bin/sh
# Golden-file tests: each case in cases.txt runs pgbaseline and compares its
# stdout and stderr byte for byte with tests/golden/expected/NAME.{out,err}
# and its exit status with NAME.rc.  UPDATE=1 rewrites the expected files
# (review the diff by eye before committing).
set -u
bin=$1
here=$(dirname "$0")
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while read -r name args; do
	case "$name" in '' | '#'*) continue ;; esac
	eval "set -- $args"
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/rc"
	exp="$here/expected/$name"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$exp.out"
		cp "$tmp/err" "$exp.err"
		cp "$tmp/rc" "$exp.rc"
		echo "updated $name"
		continue
	fi
	ok=1
	for part in out err rc; do
		if ! cmp -s "$tmp/$part" "$exp.$part"; then
			ok=0
			echo "FAIL $name ($part differs):"
			diff -u "$exp.$part" "$tmp/$part" | head -40
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done <"$here/cases.txt"
# Determinism: the same dump twice gives the same bytes.
"$bin" inspect --format json samples/shop.sql >"$tmp/a" 2>/dev/null
"$bin" inspect --format json samples/shop.sql >"$tmp/b" 2>/dev/null
if cmp -s "$tmp/a" "$tmp/b"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL determinism"; fi
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
