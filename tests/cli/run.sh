#!/usr/bin/env bash
# tests/cli/run.sh BIN: command-line and bad-input tests for pgbaseline.
#
# Every call runs under `timeout 60` (CLI_TIMEOUT=N overrides) with stdin
# from /dev/null (unless the test feeds stdin), in a scratch directory, with
# relative file names, so messages are expected to start with exactly
# `NAME:LINE:COL:`.  Each test
# asserts the exit status, that nothing crashed (status >= 128, or 124 =
# hung and killed by timeout), that no sanitizer report appeared, and some
# output.  Message wording beyond the location prefix is matched loosely
# (grep -Ei on a keyword).
#
# Exit statuses (include/pgb.h): 0 ok, 1 internal failure, 2 usage error or
# unreadable/malformed input, 3 --strict and something could not be parsed.
#
# Prints `ok - NAME` or `FAIL - NAME` lines and closes with
# `cli: N passed, M failed`; exits 1 when anything failed.  -v as a second
# argument shows stderr of every call.
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 BIN [-v]" >&2
	exit 2
fi
BIN=$1
VERBOSE=${2:-}
case "$BIN" in
/*) ;;
*) BIN="$(pwd)/$BIN" ;;
esac
PY=/usr/bin/python3
TMO=${CLI_TIMEOUT:-60}
[ -x "$PY" ] || PY=python3

pass=0
fail=0
REPO=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/pgbaseline-cli.XXXXXX")
cleanup() { rm -rf "$T"; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
cd "$T" || exit 1

if [ ! -x "$BIN" ]; then
	echo "cli: binary $BIN does not exist or is not executable (run make)"
	echo "cli: 0 passed, 1 failed"
	exit 1
fi

# ---------------------------------------------------------------------------
# helpers

NAME=""
PROBLEMS=""
ST=0

begin() {
	NAME=$1
	PROBLEMS=""
}

problem() {
	PROBLEMS="${PROBLEMS}    $1
"
}

# run ARGS...: BIN with stdin from /dev/null; sets ST, fills out / err
run() {
	timeout -k 5 "$TMO" "$BIN" "$@" </dev/null >out 2>err
	ST=$?
	sanity
}

# run_in FILE ARGS...: the same with stdin from FILE
run_in() {
	local f=$1
	shift
	timeout -k 5 "$TMO" "$BIN" "$@" <"$f" >out 2>err
	ST=$?
	sanity
}

sanity() {
	if [ "$ST" -eq 124 ]; then
		problem "hung: killed by timeout after $TMO s"
	elif [ "$ST" -ge 128 ]; then
		problem "crashed: status $ST (signal $((ST - 128)))"
	fi
	if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' err; then
		problem "sanitizer report on stderr"
	fi
}

# status N...: the exit status is one of these
status() {
	local s
	for s in "$@"; do
		[ "$ST" -eq "$s" ] && return 0
	done
	problem "exit status $ST, expected $*"
}

# err_has REGEX / out_has REGEX: extended regex, case-insensitive
err_has() { grep -Eiq -- "$1" err || problem "stderr lacks /$1/"; }
out_has() { grep -Eiq -- "$1" out || problem "stdout lacks /$1/"; }

# err_prefix TEXT [KEYWORD_REGEX]: some stderr line starts with TEXT exactly
# (and, when given, that same line matches KEYWORD_REGEX case-insensitively)
err_prefix() {
	local pre=$1 kw=${2:-}
	if ! awk -v p="$pre" -v k="$kw" 'BEGIN { IGNORECASE = 1; f = 1 }
		index($0, p) == 1 && (k == "" || tolower($0) ~ tolower(k)) { f = 0 }
		END { exit f }' err; then
		if [ -n "$kw" ]; then
			problem "no stderr line starts with '$pre' and matches /$kw/"
		else
			problem "no stderr line starts with '$pre'"
		fi
	fi
}

# json PYTHON_EXPR [DESCRIPTION]: stdout is JSON and the expression (over d,
# with helper tables(d) = {"schema.name"}) is true
json() {
	local expr=$1 desc=${2:-$1}
	if ! "$PY" - "$expr" out <<'EOF' 2>json.err; then
import json, sys
expr, path = sys.argv[1], sys.argv[2]
try:
    with open(path, "rb") as f:
        d = json.loads(f.read().decode("utf-8"))
except (UnicodeDecodeError, ValueError) as e:
    print("stdout is not UTF-8 JSON: %s" % e, file=sys.stderr)
    sys.exit(1)
def tables(d):
    return {"%s.%s" % (t["schema"], t["name"]) for t in d["tables"]}
def unparsed(d):
    return [(u["line"], u["column"]) for u in d["unparsed"]]
try:
    ok = eval(expr, {"d": d, "tables": tables, "unparsed": unparsed})
except Exception as e:
    print("%s: %s" % (type(e).__name__, e), file=sys.stderr)
    sys.exit(1)
if not ok:
    print("false: got tables=%s unparsed=%s" % (
        sorted(tables(d)) if isinstance(d, dict) and isinstance(d.get("tables"), list) else "?",
        d.get("unparsed") if isinstance(d, dict) else "?"), file=sys.stderr)
sys.exit(0 if ok else 1)
EOF
		problem "JSON check failed: $desc ($(tr '\n' ' ' <json.err | cut -c1-300))"
	fi
}

end() {
	if [ -z "$PROBLEMS" ]; then
		pass=$((pass + 1))
		echo "ok - $NAME"
	else
		fail=$((fail + 1))
		echo "FAIL - $NAME"
		printf '%s' "$PROBLEMS"
		echo "    (status $ST) stderr:"
		head -c 1500 err | head -n 8 | sed 's/^/      | /'
	fi
	if [ "$VERBOSE" = "-v" ] && [ -z "$PROBLEMS" ]; then
		head -n 5 err | sed 's/^/      | /'
	fi
}

# ---------------------------------------------------------------------------
# fixtures

cat >small.sql <<'EOF'
--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6
-- Dumped by pg_dump version 15.6

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE SCHEMA app;

CREATE SCHEMA other;

CREATE TABLE public.a (
    id integer NOT NULL,
    note text
);

CREATE TABLE public.b (
    id integer NOT NULL,
    a_id integer
);

CREATE TABLE public."MixedCase" (
    x integer
);

CREATE TABLE app.c (
    id bigint NOT NULL
);

CREATE TABLE app.d (
    c_id bigint
);

CREATE TABLE other.e (
    v character varying(10)
);

CREATE TABLE other.ab (
    v text
);

ALTER TABLE ONLY public.a
    ADD CONSTRAINT a_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.b
    ADD CONSTRAINT b_a_id_fkey FOREIGN KEY (a_id) REFERENCES public.a(id);

--
-- PostgreSQL database dump complete
--

EOF

ALL_SMALL='{"public.a","public.b","public.MixedCase","app.c","app.d","other.e","other.ab"}'

# ---------------------------------------------------------------------------
# the command line

begin "--help exits 0 and mentions inspect"
run --help
status 0
out_has 'inspect'
end

begin "--version prints pgbaseline and the PostgreSQL 15 grammar"
run --version
status 0
out_has 'pgbaseline'
out_has '(^|[^0-9.])15([^0-9]|$)'
end

begin "inspect --help exits 0 and describes --format"
run inspect --help
status 0
out_has 'format'
end

begin "unknown option: exit 2 and Try 'pgbaseline --help'"
run --no-such-option
status 2
err_has "Try 'pgbaseline --help'"
end

begin "unknown option after inspect: exit 2 and Try 'pgbaseline --help'"
run inspect --no-such-option small.sql
status 2
err_has "Try 'pgbaseline --help'"
end

begin "inspect without a file: exit 2"
run inspect
status 2
err_has "Try 'pgbaseline --help'"
end

begin "unknown command: exit 2"
run no-such-command small.sql
status 2
err_has "Try 'pgbaseline --help'"
end

begin "bad --format value: exit 2"
run inspect --format yaml small.sql
status 2
err_has "Try 'pgbaseline --help'"
end

# ---------------------------------------------------------------------------
# files that cannot be read

begin "missing file: exit 2, message names it"
run inspect no-such-file.sql
status 2
err_prefix "no-such-file.sql:" 'no such file|not found|does not exist|cannot open'
end

begin "a directory: exit 2, message names it"
mkdir -p adir
run inspect adir
status 2
err_prefix "adir:" 'directory'
end

begin "truncated gzip: exit 2, message names the file"
gzip -n -c small.sql >whole.sql.gz
size=$(wc -c <whole.sql.gz)
head -c $((size / 2)) whole.sql.gz >trunc.sql.gz
run inspect trunc.sql.gz --format json
status 2
err_prefix "trunc.sql.gz:" 'gzip|truncat|unexpected end|end of (file|input|stream)|corrupt|incomplete'
end

begin "corrupt gzip (bad bytes after the header): exit 2, message names the file"
"$PY" -c '
import sys
d = bytearray(open("whole.sql.gz", "rb").read())
for i in range(12, len(d) - 8):
    d[i] ^= 0x5A
open("corrupt.sql.gz", "wb").write(bytes(d))'
run inspect corrupt.sql.gz
status 2
err_prefix "corrupt.sql.gz:" 'gzip|corrupt|invalid|data error|inflate|bad|truncat'
end

# ---------------------------------------------------------------------------
# malformed text

begin "binary garbage (4096 seeded random bytes, NULs included): exit 2, located message"
"$PY" -c '
import random, sys
random.seed(20240601)
sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(4096)))' >garbage.bin
run inspect garbage.bin --format json
status 2
err_prefix "garbage.bin:"
end

begin "binary garbage without NUL bytes: no crash; JSON when it exits 0 or 3"
"$PY" -c '
import random, sys
random.seed(77)
sys.stdout.buffer.write(bytes(random.randrange(1, 256) for _ in range(65536)))' >garbage-nonul.bin
run inspect garbage-nonul.bin --format json
status 0 2 3
if [ "$ST" -eq 0 ] || [ "$ST" -eq 3 ]; then
	json 'd["format"] == "pgbaseline.inventory/1"' "valid UTF-8 JSON with the format tag"
	json 'all(isinstance(u["line"], int) and u["line"] > 0 and u["column"] > 0 for u in d["unparsed"])' \
		"every unparsed entry located"
else
	err_prefix "garbage-nonul.bin:"
fi
end

begin "NUL byte inside a statement: exit 2 at FILE:LINE:COL"
printf 'CREATE TABLE ok (a integer);\nCREATE TABLE t (\n  a int\000eger\n);\n' >nul.sql
run inspect nul.sql
status 2
# the NUL itself (3:8) or the start of its statement (2:1)
if ! grep -Eq '^nul\.sql:(3:8|2:1): ' err; then
	problem "no stderr line starts with 'nul.sql:3:8: ' (the NUL) or 'nul.sql:2:1: ' (its statement)"
fi
err_has 'nul|\\0|zero byte'
end

cat >dollar.sql <<'EOF'
CREATE TABLE ok (a integer);

CREATE FUNCTION public.f() RETURNS integer LANGUAGE sql
  AS $body$
SELECT 1;
$$ not the end $bod$ nor this
EOF
begin "unterminated dollar quote: exit 2 at the FILE:LINE:COL where it starts"
run inspect dollar.sql
status 2
err_prefix "dollar.sql:4:6:" 'unterminated|dollar'
end

cat >string.sql <<'EOF'
SELECT 1;
-- a comment's quote does not count
SELECT 'closed', E'esc\'aped',
    'never closed;
CREATE TABLE t (a integer);
EOF
begin "unterminated string: exit 2 at the FILE:LINE:COL where it starts"
run inspect string.sql
status 2
err_prefix "string.sql:4:5:" 'unterminated|string|quote'
end

printf 'CREATE TABLE ok (a integer);\nCREATE TABLE "never closed (a integer);\n' >ident.sql
begin "unterminated quoted identifier: exit 2 at the FILE:LINE:COL where it starts"
run inspect ident.sql
status 2
err_prefix "ident.sql:2:14:" 'unterminated|identifier|quote'
end

printf 'CREATE TABLE ok (a integer);\n  /* outer /* nested */ still a comment\nCREATE TABLE t (a integer);\n' >comment.sql
begin "unterminated nested block comment: exit 2 at the FILE:LINE:COL where it starts"
run inspect comment.sql
status 2
err_prefix "comment.sql:2:3:" 'unterminated|comment'
end

# VALGRIND=1 (make valgrind) skips it: 100 MB through memcheck takes minutes
# and tests nothing the small inputs do not.
if [ "${VALGRIND:-}" = 1 ]; then
	echo "skip - 100 MB single line: VALGRIND=1"
else
	begin "100 MB single line: no crash, no hang, 0/2/3 with a message when not 0"
	"$PY" -c '
import sys
w = sys.stdout.buffer
w.write(b"CREATE TABLE before_big (a integer);\nSELECT \x27")
chunk = b"x" * (1 << 20)
for _ in range(100):
    w.write(chunk)
w.write(b"\x27;\nCREATE TABLE after_big (a integer);\n")' >big.sql
	run inspect big.sql --format json
	status 0 2 3
	if [ "$ST" -ne 0 ]; then
		err_prefix "big.sql:"
	fi
	rm -f big.sql
	end
fi

# ---------------------------------------------------------------------------
# what is read

begin "empty file: exit 0, zero tables"
: >empty.sql
run inspect empty.sql --format json
status 0
json 'd["format"] == "pgbaseline.inventory/1"'
json 'd["tables"] == [] and d["summary"]["tables"] == 0' "no tables, summary.tables == 0"
json 'd["source"]["statements"] == 0 and d["unparsed"] == []' "zero statements, nothing unparsed"
end

begin "empty file, text format: exit 0"
run inspect empty.sql
status 0
end

begin "small dump, text format: exit 0, names its tables"
run inspect small.sql
status 0
out_has 'public\.a|\ba\b'
end

cat >unparsed.sql <<'EOF'
CREATE TABLE public.good (id integer);
CREATE TABLE public.x (a int,);
CREATE TABLE public.good2 (id integer); CREATE TABLE public.y (a int,, b int);
EOF
begin "statement that does not parse: exit 0, located warning, listed in JSON"
run inspect unparsed.sql --format json
status 0
err_prefix "unparsed.sql:2:30:" 'warning: cannot parse'
err_prefix "unparsed.sql:3:70:" 'warning: cannot parse'
json 'len(d["unparsed"]) == 2 and d["summary"]["unparsed"] == 2 and d["source"]["unparsed"] == 2' \
	"two unparsed statements, counted in summary and source"
# the contract: unparsed[] gives where the parser stopped, as a file position
json 'unparsed(d) == [(2, 30), (3, 70)]' "unparsed at the parser's error positions: 2:30 and 3:70"
json 'all(isinstance(u["message"], str) and u["message"] for u in d["unparsed"])' "each has a message"
json 'tables(d) == {"public.good", "public.good2"}' "the parseable tables are still read"
end

begin "statement that does not parse, --strict: exit 3"
run inspect --strict unparsed.sql --format json
status 3
err_prefix "unparsed.sql:2:" 'warning: cannot parse'
end

begin "reading stdin with -"
run_in small.sql inspect - --format json
status 0
json 'd["source"]["file"] == "-"' 'source.file is "-"'
json "tables(d) == $ALL_SMALL" "all seven tables"
end

begin "gzip from stdin"
run_in whole.sql.gz inspect - --format json
status 0
json 'd["source"]["compression"] == "gzip"'
json "tables(d) == $ALL_SMALL" "all seven tables"
end

begin "gzip detected by magic bytes when named .sql"
cp whole.sql.gz gzipped-but-named.sql
run inspect gzipped-but-named.sql --format json
status 0
json 'd["source"]["compression"] == "gzip"'
json "tables(d) == $ALL_SMALL" "all seven tables"
end

begin "plain text named .gz is read as plain"
cp small.sql plain-but-named.sql.gz
run inspect plain-but-named.sql.gz --format json
status 0
json 'd["source"]["compression"] == "plain"'
json "tables(d) == $ALL_SMALL" "all seven tables"
end

begin "same input, same bytes (deterministic JSON)"
run inspect small.sql --format json
cp out out.first
run inspect small.sql --format json
cmp -s out out.first || problem "two runs gave different JSON"
end

# ---------------------------------------------------------------------------
# -n / -N / -t / -T (pg_dump's pattern rules)

filter_case() { # DESCRIPTION EXPECTED_SET ARGS...
	local desc=$1 want=$2
	shift 2
	begin "filter $desc"
	run inspect --format json "$@" small.sql
	status 0
	json "tables(d) == $want" "tables == $want"
	json 'd["summary"]["tables"] == len(d["tables"])' "summary.tables counts the selected tables"
	end
}

filter_case "-n app" '{"app.c","app.d"}' -n app
filter_case "-n APP (folded to lower case)" '{"app.c","app.d"}' -n APP
filter_case "-N app" '{"public.a","public.b","public.MixedCase","other.e","other.ab"}' -N app
filter_case "-n app -n other" '{"app.c","app.d","other.e","other.ab"}' -n app -n other
filter_case "-t public.a" '{"public.a"}' -t public.a
filter_case "-t b (any schema)" '{"public.b"}' -t b
filter_case "-t 'a*' (any schema)" '{"public.a","other.ab"}' -t 'a*'
filter_case "-t 'app.*'" '{"app.c","app.d"}' -t 'app.*'
filter_case "-t '?'" '{"public.a","public.b","app.c","app.d","other.e"}' -t '?'
filter_case "-t '\"MixedCase\"'" '{"public.MixedCase"}' -t '"MixedCase"'
filter_case "-T public.b" '{"public.a","public.MixedCase","app.c","app.d","other.e","other.ab"}' -T public.b
filter_case "-n app -T app.d" '{"app.c"}' -n app -T app.d
filter_case "-t public.a -t app.c" '{"public.a","app.c"}' -t public.a -t app.c
filter_case "--schema=other --exclude-table=other.e" '{"other.ab"}' --schema=other --exclude-table=other.e

begin "filter -t public.b: its foreign key is still reported"
run inspect --format json -t public.b small.sql
status 0
json '[fk["name"] for t in d["tables"] for fk in t["foreign_keys"]] == ["b_a_id_fkey"]' \
	"public.b keeps b_a_id_fkey"
end

# --- pgbaseline diagram: formats, -o / --force -------------------------------

begin "diagram --help exits 0 and describes mermaid, dot and --output"
run diagram --help
status 0
out_has 'mermaid'
out_has 'dot'
out_has '--output'
end

begin "diagram: mermaid by default, on stdout"
run diagram small.sql
status 0
out_has '^erDiagram$'
out_has 'b_a_id_fkey'
end

begin "diagram --format dot: a digraph"
run diagram --format dot small.sql
status 0
out_has '^digraph schema \{$'
out_has 'b_a_id_fkey'
end

begin "diagram bad --format value: exit 2, names the formats, nothing on stdout"
run diagram --format png small.sql
status 2
err_has 'unknown format "png" \(mermaid, dot or svg\)'
err_has "Try 'pgbaseline --help'"
[ ! -s out ] || problem "something was written to stdout"
end

begin "diagram -o FILE: the same bytes as on stdout, nothing on stdout"
run diagram -f dot small.sql
cp out diagram-stdout.dot
rm -f d1.dot
run diagram -f dot -o d1.dot small.sql
status 0
[ ! -s out ] || problem "something was written to stdout"
cmp -s d1.dot diagram-stdout.dot || problem "d1.dot differs from the stdout output"
end

begin "diagram -o an existing FILE without --force: exit 2, refused, FILE unchanged"
printf 'keep me\n' >d2.mmd
run diagram -o d2.mmd small.sql
status 2
err_prefix "d2.mmd:" 'already exists'
err_has '--force'
[ "$(cat d2.mmd)" = "keep me" ] || problem "d2.mmd was changed"
[ -z "$(ls -A . | grep -F .pgbaseline-)" ] || problem "a temporary file was left behind"
end

begin "diagram -o an existing FILE --force: replaced"
run diagram --force --output d2.mmd small.sql
status 0
head -n 1 d2.mmd | grep -qx 'erDiagram' || problem "d2.mmd was not replaced: $(head -c 80 d2.mmd)"
end

begin "diagram -o with an unreadable dump: exit 2, no FILE written"
rm -f d3.mmd
run diagram -o d3.mmd no-such-file.sql
status 2
[ ! -e d3.mmd ] || problem "d3.mmd was written"
end

begin "diagram --strict with unparsed statements: exit 3, the diagram still written"
rm -f d4.mmd
run diagram --strict -q -o d4.mmd unparsed.sql
status 3
grep -q 'good2' d4.mmd 2>/dev/null || problem "d4.mmd lacks table good2"
end

begin "diagram -t public.b: the referenced table a is drawn as a stub"
run diagram -f dot -t public.b small.sql
status 0
out_has 'public\.b</B>'
out_has 'shape=box, style=dashed, label=<public\.a>'
end

# --- pgbaseline baseline: the guards good practice asks for -------------------

SHOP=$REPO/samples/shop.sql

begin "baseline without a project and without --init: exit 2, says --init"
mkdir -p p0 && (cd p0 && timeout 60 "$BIN" baseline "$SHOP" >../out 2>../err); ST=$?
status 2
err_has "alembic.ini"
err_has "--init"
[ ! -e p0/alembic ] || problem "something was written: $(ls -R p0)"
end

begin "baseline --init writes the revision, the stamp SQL and the scaffold"
mkdir -p p1 && (cd p1 && timeout 60 "$BIN" baseline --init --date 2026-01-01 "$SHOP" >../out 2>../err); ST=$?
status 0
for f in alembic.ini alembic/env.py alembic/script.py.mako alembic/README \
	alembic/versions/001_baseline_baseline_existing_schema.py alembic/versions/001_baseline_stamp.sql; do
	[ -s "p1/$f" ] || problem "missing $f"
done
end

begin "baseline again: the revision file exists, refused without --force, file unchanged"
cp p1/alembic/versions/001_baseline_baseline_existing_schema.py before.py
(cd p1 && timeout 60 "$BIN" baseline --date 2030-01-01 "$SHOP" >../out 2>../err); ST=$?
status 2
err_has "already exists"
err_has "--force"
cmp -s before.py p1/alembic/versions/001_baseline_baseline_existing_schema.py || problem "file changed"
end

begin "baseline --force replaces the revision file"
(cd p1 && timeout 60 "$BIN" baseline --force --date 2030-01-01 "$SHOP" >../out 2>../err); ST=$?
status 0
grep -q "Create Date: 2030-01-01" p1/alembic/versions/001_baseline_baseline_existing_schema.py ||
	problem "not replaced"
end

begin "baseline when versions/ already holds a revision: Alembic is tracking, refused"
printf 'revision = "abc123"\n' >p1/alembic/versions/abc123_first.py
(cd p1 && timeout 60 "$BIN" baseline --force --rev 002_other "$SHOP" >../out 2>../err); ST=$?
status 2
err_has "already tracking"
err_has "already holds revision [a-z0-9_]+\.py"
[ ! -e p1/alembic/versions/002_other_baseline_existing_schema.py ] || problem "written anyway"
end

begin "baseline with dumps whose schemas differ: refused, names the difference"
sed 's/ON DELETE CASCADE/ON DELETE SET NULL/' "$SHOP" >shop-drifted.sql
mkdir -p p2 && (cd p2 && timeout 60 "$BIN" baseline --init "$SHOP" ../shop-drifted.sql >../out 2>../err); ST=$?
status 2
err_has "differs"
err_has "SET NULL"
[ ! -e p2/alembic ] || problem "something was written"
end

begin "baseline with identical dumps from several environments is accepted"
cp "$SHOP" shop-staging.sql
mkdir -p p3 && (cd p3 && timeout 60 "$BIN" baseline --init "$SHOP" ../shop-staging.sql >../out 2>../err); ST=$?
status 0
end

begin "baseline --rev longer than 32 characters: refused (VARCHAR(32))"
mkdir -p p4 && (cd p4 && timeout 60 "$BIN" baseline --init --rev 0123456789012345678901234567890123 "$SHOP" >../out 2>../err); ST=$?
status 2
err_has "32"
end

begin "baseline --version-table too long for <table>_pkc, or with a newline: refused"
mkdir -p p5 && (cd p5 && timeout 60 "$BIN" baseline --init --version-table \
	vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv "$SHOP" >../out 2>../err); ST=$?
status 2
err_has "1 to 59 bytes"
(cd p5 && timeout 60 "$BIN" baseline --init --version-table "$(printf 'a\nb')" "$SHOP" >../out 2>../err); ST=$?
status 2
err_has "control characters"
[ ! -e p5/alembic ] || problem "something was written"
end

begin "a cut custom-format archive piped to stdin: located error naming <stdin>, no file left"
printf 'PGDMP\001\016\000\004\010\001' >fake.dump
mkdir -p spool
TMPDIR=$PWD/spool run_in fake.dump inspect -
status 2
err_has "^<stdin>: error: truncated archive"
[ -z "$(ls spool)" ] || problem "a spooled copy was left behind: $(ls spool)"
end

# Valgrind keeps its own files in TMPDIR, so under make valgrind it would
# fail before pgbaseline starts.
if [ "${VALGRIND:-}" = 1 ]; then
	echo "skip - an archive on stdin with TMPDIR not writable: VALGRIND=1"
else
	begin "an archive on stdin with TMPDIR not writable: says so, exit 2"
	# A whole archive: a cut one is refused (by its header) before TMPDIR is used.
	TMPDIR=$PWD/no-such-dir run_in "$REPO/tests/fuzz/corpus/archive/shop-custom" inspect -
	status 2
	err_has "TMPDIR"
	end
fi

begin "stamp-sql prints Alembic's stamp SQL"
run stamp-sql --rev 001_baseline
status 0
out_has "INSERT INTO alembic_version \(version_num\) VALUES \('001_baseline'\)"
end

begin "stats-query prints a psql \\copy of estimated row counts"
run stats-query
status 0
out_has "reltuples"
out_has "stats.csv"
end

# ---------------------------------------------------------------------------
# zstd and lz4 (the command-line tools are optional; the unit tests cover the library side)

for tool in zstd lz4; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "skip - $tool tests: no $tool command"
		continue
	fi
	ext=$tool
	[ "$tool" = zstd ] && ext=zst
	"$tool" -q -c small.sql >"whole.sql.$ext"

	begin "$tool: detected by magic bytes, source.compression is $tool"
	cp "whole.sql.$ext" "$tool-named.sql"
	run inspect "$tool-named.sql" --format json
	status 0
	json "d['source']['compression'] == '$tool'"
	json "tables(d) == $ALL_SMALL" "all seven tables"
	end

	begin "$tool from stdin, two concatenated frames"
	cat "whole.sql.$ext" "whole.sql.$ext" >"twice.sql.$ext"
	run_in "twice.sql.$ext" inspect - --format json -q
	status 0
	json "d['source']['compression'] == '$tool'"
	json "tables(d) == $ALL_SMALL" "all seven tables"
	end

	begin "truncated $tool: exit 2, message names the file"
	size=$(wc -c <"whole.sql.$ext")
	head -c $((size / 2)) "whole.sql.$ext" >"trunc.sql.$ext"
	run inspect "trunc.sql.$ext"
	status 2
	err_prefix "trunc.sql.$ext:" "truncated $tool stream"
	end

	begin "corrupt $tool (bad bytes after the magic): exit 2, message names the file"
	"$PY" -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
for i in range(4, len(d)):
    d[i] ^= 0x5A
open(sys.argv[2], "wb").write(bytes(d))' "whole.sql.$ext" "corrupt.sql.$ext"
	run inspect "corrupt.sql.$ext"
	status 2
	err_prefix "corrupt.sql.$ext:" "corrupt $tool stream"
	end
done

# ---------------------------------------------------------------------------
# pg_dumpall output: databases template1, crm (table customers), postgres,
# shop (table orders); roles app, postgres, reporting.  Made by
# pg_dumpall --schema-only of PostgreSQL 15.

DUMPALL=$REPO/tests/cli/data/dumpall-pg15.sql

begin "pg_dumpall output without --dbname: exit 2, the databases are listed"
run inspect "$DUMPALL"
status 2
err_has "pg_dumpall output with databases template1, crm, postgres, shop: choose one with --dbname"
end

begin "pg_dumpall output --dbname shop: only shop's tables"
run inspect --dbname shop "$DUMPALL" --format json
status 0
json 'tables(d) == {"public.orders"}'
end

begin "pg_dumpall output --dbname crm: only crm's tables"
run inspect "$DUMPALL" --dbname crm --format json
status 0
json 'tables(d) == {"public.customers"}'
json '[s["name"] for s in d["sequences"]] == ["customers_id_seq"]'
end

begin "pg_dumpall output --dbname that is not there: exit 2, the databases are listed"
run inspect --dbname nosuch "$DUMPALL"
status 2
err_has "no such database.*template1, crm, postgres, shop"
end

begin "--dbname on a dump without \\connect lines: exit 2"
run inspect --dbname shop small.sql
status 2
err_has "no .connect lines"
end

begin "pg_dump -C output (one \\connect): read whole without --dbname"
{ printf 'CREATE DATABASE app;\n\\connect app\n'; cat small.sql; } >created.sql
run inspect created.sql --format json
status 0
json "tables(d) == $ALL_SMALL" "all seven tables"
end

begin "baseline --dbname shop on pg_dumpall output"
mkdir -p p5 && (cd p5 && timeout 60 "$BIN" baseline --init --dbname shop "$DUMPALL" >../out 2>../err); ST=$?
status 0
grep -q "orders" p5/alembic/versions/*.py 2>/dev/null || problem "the revision lacks table orders"
! grep -q "customers" p5/alembic/versions/*.py 2>/dev/null || problem "the revision has crm's table"
end

begin "baseline on pg_dumpall output without --dbname: refused, nothing written"
mkdir -p p6 && (cd p6 && timeout 60 "$BIN" baseline --init "$DUMPALL" >../out 2>../err); ST=$?
status 2
err_has "choose one with --dbname"
[ ! -e p6/alembic/versions ] || [ -z "$(ls p6/alembic/versions)" ] || problem "a revision was written"
end

# ---------------------------------------------------------------------------
# resource bounds (include/pgb.h): nesting depth and number of objects

begin "100,000 nested parentheses: a located warning, the statement unparsed, the rest read"
"$PY" -c '
n = 100000
print("CREATE TABLE before_deep (a integer);")
print("CREATE VIEW v AS SELECT " + "(" * n + "1" + ")" * n + " AS x;")
print("CREATE TABLE after_deep (a integer);")' >deep-parens.sql
run inspect deep-parens.sql --format json
status 0
err_prefix "deep-parens.sql:2:" 'warning: cannot parse.*nested too deeply'
json 'tables(d) == {"public.before_deep", "public.after_deep"} and len(d["unparsed"]) == 1' \
	"both tables read, one statement unparsed"
end

begin "a+a+...+a and NOT NOT ... with 100,000 terms (left-deep trees without brackets): located warnings; a flat AND chain is read"
"$PY" -c '
n = 100000
print("CREATE TABLE ok (a integer);")
print("CREATE TABLE t (a integer CHECK (" + "+".join(["a"] * n) + " > 0));")
print("ALTER TABLE ONLY ok ADD CONSTRAINT c CHECK (" + "NOT " * n + "a > 0);")
print("ALTER TABLE ONLY ok ADD CONSTRAINT flat CHECK (" + " AND ".join(["a <> 0"] * n) + ");")' >deep-ops.sql
run inspect deep-ops.sql --format json --strict
status 3
err_prefix "deep-ops.sql:2:" 'nested too deeply'
err_prefix "deep-ops.sql:3:" 'nested too deeply'
json 'tables(d) == {"public.ok"} and [u["line"] for u in d["unparsed"]] == [2, 3]' \
	"table ok read, lines 2 and 3 unparsed"
json '[c["name"] for t in d["tables"] for c in t["check_constraints"]] == ["flat"]' \
	"the 100,000-term AND chain (one flat node) is parsed"
end

begin "900 levels of nesting are still parsed (the limit is 1000)"
"$PY" -c '
n = 900
print("CREATE TABLE t (a integer DEFAULT " + "abs(" * n + "1" + ")" * n + ");")
print("CREATE VIEW v AS " + " UNION ALL ".join(["SELECT 1 AS x"] * n) + ";")' >nested-ok.sql
run inspect nested-ok.sql --format json
status 0
json 'tables(d) == {"public.t"} and len(d["views"]) == 1 and d["unparsed"] == []' \
	"table and view read, nothing unparsed"
end

# 500,001 one-column tables: 1,000,002 objects (PGB_MAX_OBJECTS is 1,000,000)
if [ "${VALGRIND:-}" = 1 ]; then
	echo "skip - too many objects: VALGRIND=1"
else
	begin "more than 1,000,000 objects: exit 2, too many objects"
	"$PY" -c '
import sys
sys.stdout.write("".join("CREATE TABLE t%d (a int);\n" % i for i in range(500001)))' >many.sql
	run inspect many.sql --format json
	status 2
	err_has 'too many objects'
	[ ! -s out ] || problem "something was written to stdout"
	rm -f many.sql
	end
fi

# Further tests, one file per area (tests/cli/t_*.sh), sourced here so they
# share the helpers and fixtures above.
for t_file in "$REPO"/tests/cli/t_*.sh; do
	[ -e "$t_file" ] || continue
	# shellcheck source=/dev/null
	. "$t_file"
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
