#!/bin/bash
# run-tests.sh: what `make test` runs, in order, ending with one line that
# sums every suite: its checks passed and failed, the plain build first,
# then the ASan+UBSan build (san-), then fuzz-check.  The plain step also
# checks the static binary, the package and reproducible builds (dist-check).
#
#   tools/run-tests.sh MAKE
#
# Each suite closes with `NAME: N passed, M failed` (run-unit.sh, the golden,
# CLI and layers runners, each integration script); those lines are read
# from the log of each step.  The first failing step stops the run, as make
# would, and the summary still says what ran.
set -u
make_cmd=${1:-make}
log_dir=${BUILD:-build}/test-logs
rm -rf "$log_dir" && mkdir -p "$log_dir"
summary=()
status=0

# step NAME PREFIX MAKE-ARGS...: run make, keep its output, note the counts.
step() {
	local name=$1 prefix=$2
	shift 2
	local log=$log_dir/$name.log
	$make_cmd --no-print-directory "$@" 2>&1 | tee "$log"
	local rc=${PIPESTATUS[0]}
	while read -r suite pass fail; do
		summary+=("$prefix$suite $pass/$((pass + fail))")
	done < <(sed -nE 's/^([a-z][a-z0-9_-]*): ([0-9]+) passed, ([0-9]+) failed$/\1 \2 \3/p' "$log")
	if [ "$rc" != 0 ]; then
		summary+=("$name FAILED")
		status=$rc
	fi
	return "$rc"
}

step plain "" all unit layers golden cli integration dist-check &&
	step sanitize san- SANITIZE=1 unit golden cli integration &&
	step fuzz "" fuzz-check &&
	summary+=("fuzz-check ok")

IFS=,
echo "test summary: ${summary[*]}" | sed 's/,/, /g'
exit "$status"
