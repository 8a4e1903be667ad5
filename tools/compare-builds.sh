#!/usr/bin/env bash
# tools/compare-builds.sh OLD_BIN NEW_BIN [DUMP...]
#
# Shows that a change did not change behaviour: runs both binaries on every
# sample (samples/*.sql), every public dump ($PUBLIC_DUMPS or ../shared/dumps/public/*, when
# present) and the given dumps, with every inspect format, both diagram
# formats and baseline --init at each --doc level (fixed --date), and
# compares stdout, stderr and exit status byte for byte (paths of the
# scratch directories are the same for both runs).  Prints one line per
# difference and closes with `compare: N passed, M failed`; exit 1 when
# anything differs.
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 OLD_BIN NEW_BIN [DUMP...]" >&2
	exit 2
fi
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
OLD=$(abs "$1")
NEW=$(abs "$2")
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
dumps=("$ROOT"/samples/*.sql)
pub=${PUBLIC_DUMPS:-$ROOT/../shared/dumps/public}
for d in "$pub"/*.sql "$pub"/*.sql.gz; do
	[ -e "$d" ] && dumps+=("$d")
done
for d in "$@"; do dumps+=("$(abs "$d")"); done

T=$(mktemp -d "${TMPDIR:-/tmp}/pgb-compare.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

# one BIN ARGS...: run in $T/run (emptied first), record out/err/status in $T/$tag
one() {
	local tag=$1 bin=$2
	shift 2
	rm -rf "$T/run" && mkdir "$T/run"
	(cd "$T/run" && "$bin" "$@" </dev/null >"$T/$tag.out" 2>"$T/$tag.err"; echo $? >"$T/$tag.st")
	# files a command wrote, in a stable order, with their contents
	(cd "$T/run" && find . -type f | LC_ALL=C sort | while read -r f; do
		echo "== $f"
		cat "$f"
	done) >"$T/$tag.files"
}

compare() { # compare LABEL ARGS...
	local label=$1
	shift
	one old "$OLD" "$@"
	one new "$NEW" "$@"
	local what=""
	for k in out err st files; do
		cmp -s "$T/old.$k" "$T/new.$k" || what="$what $k"
	done
	if [ -z "$what" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "DIFF -$what: $label"
	fi
}

for d in "${dumps[@]}"; do
	name=$(basename "$d")
	for f in text markdown json; do
		compare "inspect --format $f $name" inspect --format "$f" "$d"
	done
	for f in mermaid dot; do
		compare "diagram -f $f $name" diagram -f "$f" "$d"
	done
	for doc in minimal standard comprehensive; do
		compare "baseline --init --doc $doc $name" baseline --init --doc "$doc" \
			--date 2024-01-01 "$d"
	done
done
echo "compare: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
