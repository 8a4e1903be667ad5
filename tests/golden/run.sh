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
# Baseline cases: run in an empty project directory, compare every file written.
top=$(pwd)
bin_abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
while read -r name args; do
	case "$name" in '' | '#'*) continue ;; esac
	# Dumps are named through ../repo so the paths written into files are stable.
	proj="$tmp/p/$name"
	mkdir -p "$proj"
	[ -e "$tmp/p/repo" ] || ln -s "$top" "$tmp/p/repo"
	args=$(printf '%s' "$args" | sed "s#@#../repo#g")
	eval "set -- $args"
	(cd "$proj" && "$bin_abs" baseline "$@" >/dev/null 2>"$tmp/err")
	rc=$?
	exp="$here/expected/baseline/$name"
	if [ "${UPDATE:-}" = 1 ]; then
		rm -rf "$exp"
		mkdir -p "$exp"
		(cd "$proj" && find . -type f | sort) >"$exp.files"
		cp -R "$proj/." "$exp/"
		echo "updated baseline $name"
		continue
	fi
	ok=1
	[ $rc = 0 ] || { ok=0; echo "FAIL baseline $name: exit $rc"; cat "$tmp/err"; }
	if ! (cd "$proj" && find . -type f | sort) | cmp -s - "$exp.files"; then
		ok=0
		echo "FAIL baseline $name: other files written"
		(cd "$proj" && find . -type f | sort) | diff -u "$exp.files" -
	fi
	if ! diff -r -u "$exp" "$proj" >"$tmp/diff"; then
		ok=0
		echo "FAIL baseline $name:"
		head -60 "$tmp/diff"
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done <"$here/baseline-cases.txt"

# Determinism: the same dump twice gives the same bytes.
"$bin" inspect --format json samples/shop.sql >"$tmp/a" 2>/dev/null
"$bin" inspect --format json samples/shop.sql >"$tmp/b" 2>/dev/null
if cmp -s "$tmp/a" "$tmp/b"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL determinism"; fi
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
