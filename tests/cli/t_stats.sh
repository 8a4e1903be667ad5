# tests/cli/t_stats.sh: --stats CSV files as PostgreSQL's COPY ... CSV writes
# them (sourced by tests/cli/run.sh; uses its helpers).

stats_run() { # stats_run DIR ARGS...: BIN in DIR (created), stdin from /dev/null
	local d=$1
	shift
	rm -rf "$d" && mkdir -p "$d"
	(cd "$d" && timeout -k 5 "$TMO" "$BIN" "$@" </dev/null >../out 2>../err)
	ST=$?
	sanity
}

printf 'CREATE TABLE public."new\nline" (a integer);\nCREATE TABLE public.plain (a integer);\n' >stats-nl.sql

begin "--stats: a quoted name holding a line feed (COPY ... CSV quotes it) is one record"
printf 'table,rows\n"public.""new\nline""",123456\npublic.plain,7\n' >stats-nl.csv
stats_run st1 baseline --init --stats ../stats-nl.csv ../stats-nl.sql
status 0
grep -qF '"new\nline": ~123K records' st1/alembic/versions/*_baseline_existing_schema.py ||
	problem "the row count of \"new<LF>line\" was not read"
grep -q 'plain: 7 records' st1/alembic/versions/*_baseline_existing_schema.py ||
	problem "the row count of plain was not read"
end

begin "--stats: the record after a multi-line one is located at its own line"
printf 'table,rows\n"public.""new\nline""",1\nnot a record\n' >stats-nl.csv
stats_run st2 baseline --init --stats ../stats-nl.csv ../stats-nl.sql
status 2
err_prefix "../stats-nl.csv:4:1:" 'expected `schema.table,rows`'
[ ! -e st2/alembic ] || problem "something was written"
end

begin "--stats /dev/zero: refused at once (no unbounded line), nothing written"
stats_run st3 baseline --init --stats /dev/zero ../stats-nl.sql
status 2
err_prefix "/dev/zero:1:1:" 'NUL byte'
[ ! -e st3/alembic ] || problem "something was written"
end

begin "--stats with a 100,000-byte record: refused, located"
"$PY" -c 'print("table,rows"); print("public." + "x" * 100000 + ",1")' >stats-long.csv
stats_run st4 baseline --init --stats ../stats-long.csv ../stats-nl.sql
status 2
err_prefix "../stats-long.csv:2:1:" 'longer than 65536 bytes'
end
