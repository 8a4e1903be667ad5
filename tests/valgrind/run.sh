#!/bin/sh
# tests/valgrind/run.sh UNIT_BIN...: the unit tests, the golden runs and the
# CLI runs under valgrind memcheck (`make valgrind`).
#
# The unit binaries run under valgrind directly, with --error-exitcode=1.
# The golden and CLI runners get tests/valgrind/vg-pgbaseline as their BIN,
# which writes memcheck's report to one log file per process in
# build/valgrind/ (their stderr is compared byte for byte, so it must stay
# clean); every log is scanned at the end, and a non-empty one is a failure.
# Then every sample, golden case or not, in each format and as a baseline.
# VALGRIND=1 makes the CLI runner skip its 100 MB input.
#
# Closes with `valgrind: N passed, M failed`; exits 1 when anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
logdir=$top/build/valgrind
supp=$here/pgbaseline.supp
pass=0
fail=0

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: the valgrind command is missing (apt-get install valgrind)"
	exit 1
fi
rm -rf "$logdir"
mkdir -p "$logdir"

result() { # NAME STATUS
	if [ "$2" -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok - $1"
	else
		fail=$((fail + 1))
		echo "FAIL - $1"
	fi
}

for t in "$@"; do
	valgrind --tool=memcheck --quiet --error-exitcode=1 --leak-check=full \
		--show-leak-kinds=definite,possible --errors-for-leak-kinds=definite,possible \
		--suppressions="$supp" "$t" >"$logdir/$(basename "$t").out" 2>&1
	st=$?
	[ $st -eq 0 ] || tail -n 40 "$logdir/$(basename "$t").out"
	result "unit $(basename "$t")" $st
done

VG_LOGDIR=$logdir "$top/tests/golden/run.sh" "$here/vg-pgbaseline" >"$logdir/golden.out" 2>&1
st=$?
tail -n 1 "$logdir/golden.out"
[ $st -eq 0 ] || grep -A3 '^FAIL' "$logdir/golden.out" | head -n 40
result "golden runs" $st

VALGRIND=1 CLI_TIMEOUT=${CLI_TIMEOUT:-300} VG_LOGDIR=$logdir \
	"$top/tests/cli/run.sh" "$here/vg-pgbaseline" >"$logdir/cli.out" 2>&1
st=$?
tail -n 1 "$logdir/cli.out"
[ $st -eq 0 ] || grep -A6 '^FAIL' "$logdir/cli.out" | head -n 60
result "CLI runs" $st

# The samples the golden cases leave out (hostile names above all), in
# every format and through `baseline --init --doc comprehensive`.
scratch=$(mktemp -d)
st=0
for f in "$top"/samples/*.sql; do
	for fmt in text markdown json; do
		VG_LOGDIR=$logdir "$here/vg-pgbaseline" inspect --format $fmt "$f" >/dev/null 2>&1 ||
			{ echo "inspect --format $fmt $f: exit $?"; st=1; }
	done
	proj=$scratch/$(basename "$f" .sql)
	mkdir -p "$proj"
	(cd "$proj" && VG_LOGDIR=$logdir "$here/vg-pgbaseline" baseline --init --doc comprehensive \
		--date 2026-01-01 "$f" >/dev/null 2>&1) || { echo "baseline $f: exit $?"; st=1; }
done
rm -rf "$scratch"
result "samples in every format and as a baseline" $st

# Every pgbaseline process run through vg-pgbaseline left a log; an empty
# log is a clean run.
bad=$(find "$logdir" -name 'vg.*.log' -size +0 | sort)
runs=$(find "$logdir" -name 'vg.*.log' | wc -l)
if [ -n "$bad" ]; then
	for f in $bad; do
		echo "--- $f"
		head -n 60 "$f"
	done
	result "memcheck logs of $runs pgbaseline runs" 1
else
	result "memcheck logs of $runs pgbaseline runs" 0
fi

echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
