#!/bin/sh
# bench.sh BIN: time `BIN inspect DUMP --format json` against a bare
# libpg_query parse of the same statements (tools/bench-parse.c), and
# `BIN diff DUMP DUMP2` (DUMP2: DUMP with one column's type changed) against
# one `BIN inspect DUMP` (goal: diff <= 2.2 x inspect).
#
# The machine is shared and noisy, so nothing here passes or fails on time:
# both programs run alternately in the same session, the report gives the
# medians and their ratio, and the goal (pgbaseline <= 1.25 x the bare parse,
# on one core) is reported as met or not.  Exit status is 0 unless something
# failed to build, generate or run.
#
# The dump (tools/gen-tenant-dump.py: 1000 tenant schemas, ~33,000
# statements) is generated once and cached in build/bench/; it is remade when
# the generator changes.
#
# Environment:
#   BENCH_RUNS=5        timed runs of each program (after one untimed warm-up each)
#   BENCH_SCHEMAS=1000  tenant schemas in the generated dump
#   BENCH_DUMP=FILE     benchmark this schema-only dump instead
#   BENCH_GEN_MODE=     --via-postgres or --direct (default: the generator's choice)
#   BENCH_CPU=0         pin both programs to this CPU with taskset; empty: no pinning
#   BENCH_CALLGRIND=1   also count instructions once each under valgrind (slow)
#   BENCH_RSS_VIA=wait4 measure peak RSS without /usr/bin/time (less exact)
#   BENCH_DIFF=1        also time diff against inspect; 0 skips it
#   BENCH_LINT=1        also time lint against inspect (goal: lint <= 1.3 x inspect); 0 skips it
#   BENCH_MODELS=1      also time models against inspect (goal: models <= 1.5 x inspect); 0 skips it
#   BENCH_REPORT=1      also time report against inspect (goal: report <= 10 x inspect, its
#                       HTML <= 50 MB); 0 skips it
#   BENCH_SHAPES=1      also time the pathological shapes (below); 0 skips them
#   BENCH_SHAPE_RUNS=3  timed runs of each shape and of its plain dump
#
# Pathological shapes (tools/gen-shapes.py), each against a plain dump of
# the same size in bytes (tools/gen-tenant-dump.py --direct, as many tenant
# schemas as make that size), alternately in the same run: the ratio of
# their wall-clock times per byte says whether the shape costs what its
# bytes cost (the goal: the same order, under ~3x) or something quadratic.
# Sizes are the issue's, scaled down where the run would take too long:
#   columns 200000       one table of 200,000 columns
#   inline-keys 30000    30,000 tables with unnamed inline PRIMARY KEY / REFERENCES
#   grant-revoke 120000  240,000 statements: GRANTs to 120,000 roles, then REVOKEs
#   same-grant 1000000   1,000,000 identical GRANTs (the issue's 3,000,000 / 3)
#   bad-lines 3000000    3,000,000 lines of `x;` (the issue's 12,000,000 / 4)
set -eu

if [ $# -ne 1 ]; then
	echo "usage: tools/bench.sh BIN" >&2
	exit 2
fi
BIN=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build
OUT=$BUILD/bench
PYTHON=${PYTHON:-/usr/bin/python3}
RUNS=${BENCH_RUNS:-5}
SCHEMAS=${BENCH_SCHEMAS:-1000}
BARE=$BUILD/bench-parse

case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
if [ ! -x "$BIN" ]; then
	echo "bench: $BIN is not an executable" >&2
	exit 1
fi
mkdir -p "$OUT"

# newer A B: A was modified after B (POSIX sh has no -nt).
newer() {
	[ -n "$(find "$1" -newer "$2" 2>/dev/null)" ]
}

# -- the baseline program ---------------------------------------------------
if [ ! -x "$BARE" ] || newer "$ROOT/tools/bench-parse.c" "$BARE"; then
	echo "bench: building $BARE" >&2
	${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
		-o "$BARE" "$ROOT/tools/bench-parse.c" -lpg_query -lprotobuf-c
fi

# -- the dump -----------------------------------------------------------------
if [ -n "${BENCH_DUMP:-}" ]; then
	DUMP=$BENCH_DUMP
else
	DUMP=$OUT/tenant-$SCHEMAS.sql
	if [ ! -s "$DUMP" ] || newer "$ROOT/tools/gen-tenant-dump.py" "$DUMP"; then
		echo "bench: generating $DUMP ($SCHEMAS schemas)" >&2
		# shellcheck disable=SC2086
		if ! "$PYTHON" "$ROOT/tools/gen-tenant-dump.py" "$DUMP" --schemas "$SCHEMAS" \
			${BENCH_GEN_MODE:-}; then
			# --direct writes the same bytes (but the \restrict key) without a server.
			[ -z "${BENCH_GEN_MODE:-}" ] || exit 1
			echo "bench: generating through PostgreSQL failed; using --direct" >&2
			"$PYTHON" "$ROOT/tools/gen-tenant-dump.py" "$DUMP" --schemas "$SCHEMAS" --direct
		fi
	fi
fi
if [ ! -r "$DUMP" ]; then
	echo "bench: cannot read $DUMP" >&2
	exit 1
fi

# -- one core -----------------------------------------------------------------
PIN=""
CPU=${BENCH_CPU-0}
if [ -n "$CPU" ]; then
	if command -v taskset >/dev/null 2>&1 && taskset -c "$CPU" true 2>/dev/null; then
		PIN="taskset -c $CPU"
	else
		echo "bench: cannot pin to CPU $CPU (no taskset?); running unpinned" >&2
		CPU=""
	fi
fi

# -- timing -------------------------------------------------------------------
# Peak RSS: GNU time's %M when /usr/bin/time is there (its child starts
# small).  Otherwise the runner's own wait4() rusage, whose ru_maxrss keeps
# the forking Python's size across exec: a floor of ~10 MB, reported as such.
RSSVIA=${BENCH_RSS_VIA:-time}
if [ "$RSSVIA" = time ] && ! /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
	RSSVIA=wait4
fi

# run.py RESULTS LABEL STDOUT RSSVIA CMD...: run CMD once and append to RESULTS
#   "LABEL wall_s cpu_s maxrss_kb [CMD's output, when STDOUT is -]".
RUNPY='
import os, subprocess, sys, tempfile, time
results, label, stdout, rssvia, cmd = sys.argv[1:5] + [sys.argv[5:]]
capture = stdout == "-"
if rssvia == "time":
    fd, rssfile = tempfile.mkstemp(prefix="pgb-bench-rss-")
    os.close(fd)
    cmd = ["/usr/bin/time", "-f", "%M", "-o", rssfile] + cmd
t0 = time.monotonic()
p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                     stdout=subprocess.PIPE if capture else open(stdout, "wb"))
out = p.stdout.read().decode() if capture else ""
_, status, ru = os.wait4(p.pid, 0)
wall = time.monotonic() - t0
code = os.waitstatus_to_exitcode(status)
rss = ru.ru_maxrss
if rssvia == "time":
    lines = open(rssfile).read().split()
    os.unlink(rssfile)
    rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
if code != 0:
    sys.stderr.write("bench: %s exited with %d\n" % (" ".join(cmd), code))
    sys.exit(1)
with open(results, "a") as f:
    f.write("%s %.6f %.6f %d %s\n" % (label, wall, ru.ru_utime + ru.ru_stime,
                                       rss, out.strip()))
'
RESULTS=$OUT/results.txt
: >"$RESULTS"

run_bare() {
	# shellcheck disable=SC2086
	"$PYTHON" -c "$RUNPY" "$1" bare - "$RSSVIA" $PIN "$BARE" "$DUMP"
}
# The floors (tools/bench-parse.c): parse + protobuf-c unpack, and the raw parse.
run_mode() {
	# shellcheck disable=SC2086
	"$PYTHON" -c "$RUNPY" "$1" "$2" - "$RSSVIA" $PIN "$BARE" "--$2" "$DUMP"
}
run_pgb() {
	# shellcheck disable=SC2086
	"$PYTHON" -c "$RUNPY" "$1" pgb /dev/null "$RSSVIA" $PIN "$BIN" inspect "$DUMP" --format json
}
run_floor() {
	"$PYTHON" -c "$RUNPY" "$1" floor /dev/null "$RSSVIA" true
}

echo "bench: warm-up, then $RUNS runs of each, alternating" >&2
run_bare /dev/null
run_pgb /dev/null
run_floor "$RESULTS"
i=0
while [ "$i" -lt "$RUNS" ]; do
	run_bare "$RESULTS"
	run_pgb "$RESULTS"
	run_mode "$RESULTS" unpack
	run_mode "$RESULTS" raw
	i=$((i + 1))
done

# -- instruction counts (optional) -------------------------------------------
CGBARE=""
CGUNPACK=""
CGBARE_ALL=""
CGPGB=""
if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
	if command -v valgrind >/dev/null 2>&1; then
		# Summed over processes, for a BIN that is a wrapper script.
		collected() {
			awk '/^==[0-9]+== Collected : [0-9]+/ { n += $4; ok = 1 }
			     END { if (ok) printf "%.0f\n", n }' "$1"
		}
		echo "bench: counting instructions under callgrind (slow)" >&2
		valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			--toggle-collect=parse_all "$BARE" "$DUMP" \
			>/dev/null 2>"$OUT/callgrind-bare.log"
		CGBARE=$(collected "$OUT/callgrind-bare.log")
		valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			--toggle-collect=parse_all "$BARE" --unpack "$DUMP" \
			>/dev/null 2>"$OUT/callgrind-unpack.log"
		CGUNPACK=$(collected "$OUT/callgrind-unpack.log")
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BARE" "$DUMP" \
			>/dev/null 2>"$OUT/callgrind-bare-all.log"
		CGBARE_ALL=$(collected "$OUT/callgrind-bare-all.log")
		valgrind --tool=callgrind --callgrind-out-file=/dev/null --trace-children=yes \
			"$BIN" inspect "$DUMP" --format json \
			>/dev/null 2>"$OUT/callgrind-pgb.log"
		CGPGB=$(collected "$OUT/callgrind-pgb.log")
		if [ -z "$CGBARE" ] || [ -z "$CGBARE_ALL" ] || [ -z "$CGPGB" ]; then
			echo "bench: could not read callgrind's counts; see $OUT/callgrind-*.log" >&2
			exit 1
		fi
	else
		echo "bench: BENCH_CALLGRIND=1 but valgrind is not installed; skipped" >&2
	fi
fi

# -- report -------------------------------------------------------------------
"$PYTHON" - "$RESULTS" "$DUMP" "$BIN" "$RUNS" "$CPU" "$RSSVIA" "$CGBARE" "$CGBARE_ALL" "$CGPGB" "$CGUNPACK" <<'EOF'
import os, statistics, sys

results, dump, binary, runs, cpu, rssvia, cg_bare, cg_bare_all, cg_pgb, cg_unpack = sys.argv[1:]
GOAL = 1.25
bare_parse, bare_wall, bare_rss = [], [], []
pgb_wall, pgb_cpu, pgb_rss = [], [], []
statements = errors = None
floor = 0
floors = {"unpack": [], "raw": []}
for line in open(results):
    f = line.split()
    label, wall, cpu_s, rss = f[0], float(f[1]), float(f[2]), int(f[3])
    if label == "floor":
        floor = rss
    elif label in floors:
        kv = dict(x.split("=", 1) for x in f[4:])
        floors[label].append(float(kv["parse_seconds"]))
    elif label == "bare":
        kv = dict(x.split("=", 1) for x in f[4:])
        bare_parse.append(float(kv["parse_seconds"]))
        statements, errors = int(kv["statements"]), int(kv["errors"])
        bare_wall.append(wall)
        bare_rss.append(rss)
    else:
        pgb_wall.append(wall)
        pgb_cpu.append(cpu_s)
        pgb_rss.append(rss)

size = os.path.getsize(dump)
mb = size / 1e6
med = statistics.median

def row(name, xs, unit="s"):
    return "  %-44s %9.4f %9.4f %9.4f  %s" % (name, med(xs), min(xs), max(xs), unit)

ratio = med(pgb_wall) / med(bare_parse)
print()
print("pgbaseline benchmark")
print("  dump        %s" % dump)
print("              %.2f MB, %d statements%s" % (
    mb, statements, "" if not errors else ", %d failed to parse (!)" % errors))
print("  pgbaseline  %s inspect DUMP --format json > /dev/null" % binary)
print("  runs        %s each, alternating, after one warm-up; %s" % (
    runs, "pinned to CPU %s" % cpu if cpu else "not pinned"))
print()
print("  %-44s %9s %9s %9s" % ("wall clock", "median", "min", "max"))
print(row("bare parse (bench-parse, timed parse loop)", bare_parse))
print(row("bench-parse, whole process", bare_wall))
print(row("pgbaseline inspect, whole process", pgb_wall))
print(row("pgbaseline inspect, CPU time (user+sys)", pgb_cpu))
print()
print("  ratio pgbaseline / bare parse   %.2f   (goal <= %.2f on one core: %s)" % (
    ratio, GOAL, "met" if ratio <= GOAL else "NOT met"))
print("  ratio pgbaseline / bench-parse  %.2f   (whole processes, for reference)" % (
    med(pgb_wall) / med(bare_wall)))
print()
print("  where the goal stands (timed loops of tools/bench-parse.c, medians):")
print("    parse + protobuf-c unpack / bare parse  %.2f   the floor of any reader of the" % (
    med(floors["unpack"]) / med(bare_parse)))
print("                                                  protobuf-c structs, before any work")
print("    raw parse (node structs) / bare parse   %.2f   pg_query_raw_parse, no protobuf" % (
    med(floors["raw"]) / med(bare_parse)))
print()
print("  %-28s %14s %10s" % ("throughput (medians)", "statements/s", "MB/s"))
for name, t in (("bare parse", med(bare_parse)), ("pgbaseline", med(pgb_wall))):
    print("  %-28s %14s %10.1f" % (name, "{:,.0f}".format(statements / t), mb / t))
print()
print("  peak RSS    pgbaseline %.1f MB (max of runs)   bench-parse %.1f MB" % (
    max(pgb_rss) / 1024, max(bare_rss) / 1024))
if rssvia == "wait4":
    print("              (via wait4: includes the Python runner's %.1f MB, as `true` shows;"
          % (floor / 1024))
    print("               install GNU time for exact figures)")
if cg_pgb:
    b, ba, p = int(cg_bare), int(cg_bare_all), int(cg_pgb)
    print()
    print("  instructions (callgrind, one run each)")
    print("    bare parse loop     {:>16,}".format(b))
    print("    parse+unpack loop   {:>16,}   (%.2f x bare)".format(int(cg_unpack)) % (
        int(cg_unpack) / b))
    print("    bench-parse total   {:>16,}".format(ba))
    print("    pgbaseline total    {:>16,}".format(p))
    print("    ratio pgbaseline / bare parse loop  %.2f" % (p / b))
print()
EOF

# -- diff ---------------------------------------------------------------------
# diff reads two dumps and compares them: the goal is at most 2.2 x one
# inspect of one of them (two loads and a comparison linear in their size).
# It exits 1 (they differ), so it runs under a shell that maps 1 to 0.
if [ "${BENCH_DIFF:-1}" = 1 ]; then
	DUMP2=$OUT/diff-new.sql
	if [ ! -s "$DUMP2" ] || newer "$DUMP" "$DUMP2"; then
		sed '0,/^    note text,$/s//    note character varying(200),/' "$DUMP" >"$DUMP2"
	fi
	if cmp -s "$DUMP" "$DUMP2"; then
		echo "bench: no '    note text,' column in $DUMP to change; diff not timed" >&2
	else
		DIFF_RESULTS=$OUT/diff.txt
		: >"$DIFF_RESULTS"
		# shellcheck disable=SC2016
		DIFFSH='"$0" diff "$1" "$2" >/dev/null; [ $? -eq 1 ]'
		echo "bench: diff against inspect, $RUNS runs each, alternating" >&2
		# shellcheck disable=SC2086
		"$PYTHON" -c "$RUNPY" /dev/null warm /dev/null "$RSSVIA" $PIN sh -c "$DIFFSH" \
			"$BIN" "$DUMP" "$DUMP2"
		i=0
		while [ "$i" -lt "$RUNS" ]; do
			# shellcheck disable=SC2086
			"$PYTHON" -c "$RUNPY" "$DIFF_RESULTS" inspect /dev/null "$RSSVIA" $PIN "$BIN" \
				inspect "$DUMP" --format json
			# shellcheck disable=SC2086
			"$PYTHON" -c "$RUNPY" "$DIFF_RESULTS" diff /dev/null "$RSSVIA" $PIN sh -c \
				"$DIFFSH" "$BIN" "$DUMP" "$DUMP2"
			i=$((i + 1))
		done
		"$PYTHON" - "$DIFF_RESULTS" <<'EOF'
import statistics, sys

wall = {"inspect": [], "diff": []}
cpu = {"inspect": [], "diff": []}
rss = {"inspect": [], "diff": []}
for line in open(sys.argv[1]):
    f = line.split()
    wall[f[0]].append(float(f[1]))
    cpu[f[0]].append(float(f[2]))
    rss[f[0]].append(int(f[3]))
GOAL = 2.2
med = statistics.median
ratio = med(wall["diff"]) / med(wall["inspect"])
print("diff of two dumps that differ in one column, against one inspect --format json")
print("  %-30s %9.4f s   peak RSS %.1f MB" % (
    "inspect DUMP, median", med(wall["inspect"]), max(rss["inspect"]) / 1024))
print("  %-30s %9.4f s   peak RSS %.1f MB" % (
    "diff DUMP DUMP2, median", med(wall["diff"]), max(rss["diff"]) / 1024))
print("  ratio diff / inspect  %.2f   (goal <= %.1f: %s)" % (
    ratio, GOAL, "met" if ratio <= GOAL else "NOT met"))
print("  ratio of CPU times    %.2f   (user+sys, less affected by a busy machine)" % (
    med(cpu["diff"]) / med(cpu["inspect"])))
print()
EOF
	fi
fi

# -- lint ---------------------------------------------------------------------
# lint loads the dump as inspect does and applies its rules: the goal is at
# most 1.3 x inspect --format json.  It exits 0 or 1 (findings), so it runs
# under a shell that maps 1 to 0.
if [ "${BENCH_LINT:-1}" = 1 ]; then
	LINT_RESULTS=$OUT/lint.txt
	: >"$LINT_RESULTS"
	# shellcheck disable=SC2016
	LINTSH='"$0" lint --format json "$1" >/dev/null; [ $? -le 1 ]'
	echo "bench: lint against inspect, $RUNS runs each, alternating" >&2
	# shellcheck disable=SC2086
	"$PYTHON" -c "$RUNPY" /dev/null warm /dev/null "$RSSVIA" $PIN sh -c "$LINTSH" "$BIN" "$DUMP"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		# shellcheck disable=SC2086
		"$PYTHON" -c "$RUNPY" "$LINT_RESULTS" inspect /dev/null "$RSSVIA" $PIN "$BIN" \
			inspect "$DUMP" --format json
		# shellcheck disable=SC2086
		"$PYTHON" -c "$RUNPY" "$LINT_RESULTS" lint /dev/null "$RSSVIA" $PIN sh -c \
			"$LINTSH" "$BIN" "$DUMP"
		i=$((i + 1))
	done
	"$PYTHON" - "$LINT_RESULTS" <<'EOF'
import statistics, sys

wall = {"inspect": [], "lint": []}
cpu = {"inspect": [], "lint": []}
for line in open(sys.argv[1]):
    f = line.split()
    wall[f[0]].append(float(f[1]))
    cpu[f[0]].append(float(f[2]))
GOAL = 1.3
med = statistics.median
ratio = med(wall["lint"]) / med(wall["inspect"])
print("lint --format json against inspect --format json, one dump")
print("  %-30s %9.4f s" % ("inspect DUMP, median", med(wall["inspect"])))
print("  %-30s %9.4f s" % ("lint DUMP, median", med(wall["lint"])))
print("  ratio lint / inspect  %.2f   (goal <= %.1f: %s)" % (
    ratio, GOAL, "met" if ratio <= GOAL else "NOT met"))
print("  ratio of CPU times    %.2f   (user+sys, less affected by a busy machine)" % (
    med(cpu["lint"]) / med(cpu["inspect"])))
print()
EOF
fi

# -- models -------------------------------------------------------------------
# models loads the dump as inspect does and writes one Python module (tables,
# classes, relationships, the naming convention): the goal is at most
# 1.5 x inspect --format json.
if [ "${BENCH_MODELS:-1}" = 1 ]; then
	MODELS_RESULTS=$OUT/models.txt
	: >"$MODELS_RESULTS"
	echo "bench: models against inspect, $RUNS runs each, alternating" >&2
	# shellcheck disable=SC2086
	"$PYTHON" -c "$RUNPY" /dev/null warm /dev/null "$RSSVIA" $PIN "$BIN" models "$DUMP"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		# shellcheck disable=SC2086
		"$PYTHON" -c "$RUNPY" "$MODELS_RESULTS" inspect /dev/null "$RSSVIA" $PIN "$BIN" \
			inspect "$DUMP" --format json
		# shellcheck disable=SC2086
		"$PYTHON" -c "$RUNPY" "$MODELS_RESULTS" models /dev/null "$RSSVIA" $PIN "$BIN" \
			models "$DUMP"
		i=$((i + 1))
	done
	"$PYTHON" - "$MODELS_RESULTS" <<'EOF'
import statistics, sys

wall = {"inspect": [], "models": []}
cpu = {"inspect": [], "models": []}
for line in open(sys.argv[1]):
    f = line.split()
    wall[f[0]].append(float(f[1]))
    cpu[f[0]].append(float(f[2]))
GOAL = 1.5
med = statistics.median
ratio = med(wall["models"]) / med(wall["inspect"])
print("models against inspect --format json, one dump")
print("  %-30s %9.4f s" % ("inspect DUMP, median", med(wall["inspect"])))
print("  %-30s %9.4f s" % ("models DUMP, median", med(wall["models"])))
print("  ratio models / inspect  %.2f   (goal <= %.1f: %s)" % (
    ratio, GOAL, "met" if ratio <= GOAL else "NOT met"))
print("  ratio of CPU times      %.2f   (user+sys, less affected by a busy machine)" % (
    med(cpu["models"]) / med(cpu["inspect"])))
print()
EOF
fi

# -- report against inspect ---------------------------------------------------
if [ "${BENCH_REPORT:-1}" = 1 ]; then
	REPORT_RESULTS=$OUT/report.txt
	REPORT_HTML=$OUT/report.html
	: >"$REPORT_RESULTS"
	# shellcheck disable=SC2016
	REPORTSH='"$0" report -q --force -o "$2" "$1"'
	echo "bench: report against inspect, $RUNS runs each, alternating" >&2
	# shellcheck disable=SC2086
	"$PYTHON" -c "$RUNPY" /dev/null warm /dev/null "$RSSVIA" $PIN sh -c "$REPORTSH" "$BIN" \
		"$DUMP" "$REPORT_HTML"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		# shellcheck disable=SC2086
		"$PYTHON" -c "$RUNPY" "$REPORT_RESULTS" inspect /dev/null "$RSSVIA" $PIN "$BIN" \
			inspect "$DUMP" --format json
		# shellcheck disable=SC2086
		"$PYTHON" -c "$RUNPY" "$REPORT_RESULTS" report /dev/null "$RSSVIA" $PIN sh -c \
			"$REPORTSH" "$BIN" "$DUMP" "$REPORT_HTML"
		i=$((i + 1))
	done
	"$PYTHON" - "$REPORT_RESULTS" "$REPORT_HTML" <<'EOF'
import os, statistics, sys

wall = {"inspect": [], "report": []}
cpu = {"inspect": [], "report": []}
for line in open(sys.argv[1]):
    f = line.split()
    wall[f[0]].append(float(f[1]))
    cpu[f[0]].append(float(f[2]))
GOAL, GOAL_MB = 10.0, 50.0
med = statistics.median
ratio = med(wall["report"]) / med(wall["inspect"])
mb = os.path.getsize(sys.argv[2]) / 1e6
print("report -o FILE against inspect --format json, one dump")
print("  %-30s %9.4f s" % ("inspect DUMP, median", med(wall["inspect"])))
print("  %-30s %9.4f s" % ("report DUMP, median", med(wall["report"])))
print("  ratio report / inspect  %.2f   (goal <= %.0f: %s)" % (
    ratio, GOAL, "met" if ratio <= GOAL else "NOT met"))
print("  ratio of CPU times      %.2f   (user+sys, less affected by a busy machine)" % (
    med(cpu["report"]) / med(cpu["inspect"])))
print("  report size             %.1f MB (goal <= %.0f MB: %s)" % (
    mb, GOAL_MB, "met" if mb <= GOAL_MB else "NOT met"))
print()
EOF
fi

# -- pathological shapes ------------------------------------------------------
if [ "${BENCH_SHAPES:-1}" = 1 ]; then
	SRUNS=${BENCH_SHAPE_RUNS:-3}
	SHAPES_RESULTS=$OUT/shapes.txt
	: >"$SHAPES_RESULTS"
	echo "bench: pathological shapes, $SRUNS runs each against a plain dump of the same size" >&2
	for spec in columns:200000 inline-keys:30000 grant-revoke:120000 same-grant:1000000 \
		bad-lines:3000000 psql-vars:200000; do
		shape=${spec%%:*}
		n=${spec#*:}
		sdump=$OUT/shape-$shape-$n.sql
		if [ ! -s "$sdump" ] || newer "$ROOT/tools/gen-shapes.py" "$sdump"; then
			"$PYTHON" "$ROOT/tools/gen-shapes.py" "$shape" "$n" "$sdump"
		fi
		size=$(wc -c <"$sdump")
		# tenant schemas of ~5,974 bytes each: the count nearest the shape's size
		schemas=$(((size + 2987) / 5974))
		[ "$schemas" -ge 1 ] || schemas=1
		plain=$OUT/plain-$schemas.sql
		if [ ! -s "$plain" ] || newer "$ROOT/tools/gen-tenant-dump.py" "$plain"; then
			"$PYTHON" "$ROOT/tools/gen-tenant-dump.py" "$plain" --schemas "$schemas" --direct
		fi
		# one untimed warm-up of each, then alternating timed runs
		for f in "$plain" "$sdump"; do
			# shellcheck disable=SC2086
			"$PYTHON" -c "$RUNPY" /dev/null warm /dev/null "$RSSVIA" $PIN "$BIN" inspect \
				"$f" --format json 2>/dev/null
		done
		i=0
		while [ "$i" -lt "$SRUNS" ]; do
			for f in "$plain" "$sdump"; do
				which=shape
				[ "$f" = "$sdump" ] || which=plain
				# shellcheck disable=SC2086
				"$PYTHON" -c "$RUNPY" "$SHAPES_RESULTS" "$shape:$which:$(wc -c <"$f")" \
					/dev/null "$RSSVIA" $PIN "$BIN" inspect "$f" --format json 2>/dev/null
			done
			i=$((i + 1))
		done
	done
	"$PYTHON" - "$SHAPES_RESULTS" <<'EOF'
import collections, statistics, sys

runs = collections.defaultdict(lambda: {"wall": [], "rss": [], "size": 0})
order = []
for line in open(sys.argv[1]):
    f = line.split()
    shape, which, size = f[0].split(":")
    if shape not in order:
        order.append(shape)
    r = runs[(shape, which)]
    r["wall"].append(float(f[1]))
    r["rss"].append(int(f[3]))
    r["size"] = int(size)

print("pathological shapes (tools/gen-shapes.py), each against a plain dump of its size")
print("  inspect --format json > /dev/null; medians; ratio = (wall / bytes) / (plain's wall / bytes);")
print("  a shape with many objects per byte writes more JSON per byte (inline-keys: ~8x the plain")
print("  dump's output), which its ratio includes")
print()
print("  %-13s %8s %8s %8s %8s %6s %10s %10s" % (
    "shape", "MB", "plain MB", "wall s", "plain s", "ratio", "peak RSS", "plain RSS"))
for shape in order:
    s, p = runs[(shape, "shape")], runs[(shape, "plain")]
    sw, pw = statistics.median(s["wall"]), statistics.median(p["wall"])
    ratio = (sw / s["size"]) / (pw / p["size"])
    print("  %-13s %8.2f %8.2f %8.3f %8.3f %6.2f %7.1f MB %7.1f MB" % (
        shape, s["size"] / 1e6, p["size"] / 1e6, sw, pw, ratio,
        max(s["rss"]) / 1024, max(p["rss"]) / 1024))
print()
EOF
fi
