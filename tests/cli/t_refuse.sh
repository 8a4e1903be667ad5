# tests/cli/t_refuse.sh
#	Refusals that protect the stamp, sourced by tests/cli/run.sh (its
#	helpers, $T and small.sql): -n/-t patterns that select nothing, a
#	baseline that would track no table, a dump Alembic already tracks,
#	other tools' bookkeeping tables, data-only dumps, --date, and
#	baseline --strict.  Each refusal has a look-alike that must pass.

# A fresh project directory under $T; the caller cd's back to "$T".
refuse_dir() {
	rm -rf "$T/$1"
	mkdir -p "$T/$1"
	cd "$T/$1" || exit 1
}

# No file of the baseline was written.
refuse_nothing_written() {
	[ -e alembic ] && problem "alembic/ written although the baseline was refused"
	[ -e alembic.ini ] && problem "alembic.ini written although the baseline was refused"
	[ -s out ] && problem "something on stdout: $(head -c 200 out)"
}

# ---- -n / -t patterns that select nothing --------------------------------

begin "inspect -t MixedCase: no such table (names the pattern, hints '\"MixedCase\"', exit 2)"
run inspect -t MixedCase small.sql
status 2
err_prefix "small.sql: error:" 'no matching tables.*"MixedCase"'
err_has "did you mean -t '\"MixedCase\"'"
[ -s out ] && problem "a report was written"
end

begin "inspect -t '\"MixedCase\"' selects the table (look-alike)"
run inspect -t '"MixedCase"' small.sql --format json
status 0
json 'tables(d) == {"public.MixedCase"}'
end

begin "inspect -t 'PUBLIC.mixed*': the hint keeps the schema part"
run inspect -t 'PUBLIC.mixed*' small.sql
status 2
err_has "did you mean -t 'public\.\"MixedCase\"'"
end

begin "inspect -t nosuch: no hint when nothing matches with case ignored"
run inspect -t nosuch small.sql
status 2
err_prefix "small.sql: error:" 'pattern "nosuch"'
grep -q 'did you mean' err && problem "a hint for a name that does not exist"
end

begin "inspect -n '\"APP\"': no such schema, hint -n app"
run inspect -n '"APP"' small.sql
status 2
err_prefix "small.sql: error:" 'no matching schemas.*"\\"APP\\""'
err_has "did you mean -n 'app'"
end

begin "every pattern that selects nothing is named (-t a -t zz1 -n zz2)"
run inspect -t a -t zz1 -n zz2 small.sql
status 2
err_has 'pattern "zz1"'
err_has 'pattern "zz2"'
grep -q 'pattern "a"' err && problem "the pattern that matched is reported"
end

begin "-T and -N may select nothing (look-alike)"
run inspect -T nosuch -N nosuch small.sql --format json
status 0
json "tables(d) == $ALL_SMALL"
end

begin "a -t pattern that selects only a view or a sequence is no error"
cat >rf-view.sql <<'EOF'
CREATE TABLE public.t (id integer);
CREATE VIEW public.v AS SELECT id FROM public.t;
CREATE SEQUENCE public.s;
EOF
run inspect -t v -t s rf-view.sql
status 0
end

begin "diagram -t nosuch: exit 2, no diagram"
run diagram -t nosuch small.sql
status 2
err_has 'pattern "nosuch"'
[ -s out ] && problem "a diagram was written"
end

begin "baseline -t nosuch: exit 2, nothing written"
refuse_dir rf-nomatch
run baseline --init -t nosuch ../small.sql
status 2
err_has 'pattern "nosuch"'
refuse_nothing_written
cd "$T" || exit 1
end

# ---- a baseline that tracks no table ---------------------------------------

begin "baseline of a dump with no table (only a view): refused, nothing written"
refuse_dir rf-notable
cat >v.sql <<'EOF'
CREATE VIEW public.v AS SELECT 1 AS one;
EOF
run baseline --init v.sql
status 2
err_prefix "v.sql: error:" 'no table'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline -T '*': every table left out, refused"
refuse_dir rf-allout
run baseline --init -T '*' ../small.sql
status 2
err_has 'no table to baseline'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline --untracked '*': every table untracked, refused"
refuse_dir rf-alluntracked
run baseline --init --untracked '*' ../small.sql
status 2
err_has 'no table to baseline'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline --untracked 'public.*' -n public keeps... nothing; -n app keeps two (look-alike)"
refuse_dir rf-sometracked
run baseline --init -n app --untracked 'app.d' ../small.sql
status 0
[ -e alembic/versions/001_baseline_stamp.sql ] || problem "no stamp SQL written"
cd "$T" || exit 1
end

# ---- Alembic's version table in the dump -----------------------------------

cat >rf-alembic.sql <<'EOF'
CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);
CREATE TABLE public.users (id integer NOT NULL);
COPY public.alembic_version (version_num) FROM stdin;
4f2e9c1a7b3d
\.
EOF

begin "baseline refuses a dump holding alembic_version, naming it and its revision (COPY)"
refuse_dir rf-alembic
run baseline --init ../rf-alembic.sql
status 2
err_prefix "../rf-alembic.sql: error:" 'public\.alembic_version'
err_has 'revision 4f2e9c1a7b3d'
err_has 'already tracks'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline refuses alembic_version with INSERT data, naming its revision"
refuse_dir rf-alembic-ins
cat >d.sql <<'EOF'
CREATE TABLE public.alembic_version (version_num character varying(32) NOT NULL);
CREATE TABLE public.users (id integer NOT NULL);
INSERT INTO public.alembic_version VALUES ('ae1027a6acf');
EOF
run baseline --init d.sql
status 2
err_has 'alembic_version, at revision ae1027a6acf'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline refuses alembic_version without data, naming the table"
refuse_dir rf-alembic-nodata
cat >d.sql <<'EOF'
CREATE TABLE public.alembic_version (version_num character varying(32) NOT NULL);
CREATE TABLE public.users (id integer NOT NULL);
EOF
run baseline --init d.sql
status 2
err_has 'public\.alembic_version'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline refuses the --version-table name, even when -T leaves it out"
refuse_dir rf-vt
cat >d.sql <<'EOF'
CREATE TABLE app.migration_state (version_num character varying(32) NOT NULL);
CREATE TABLE public.users (id integer NOT NULL);
EOF
run baseline --init --version-table migration_state -T 'app.*' d.sql
status 2
err_has 'app\.migration_state'
refuse_nothing_written
cd "$T" || exit 1
end

begin "alembic_versions, and alembic_version outside --version-table-schema, pass (look-alikes)"
refuse_dir rf-vt-like
cat >d.sql <<'EOF'
CREATE SCHEMA audit;
CREATE TABLE public.alembic_versions (version_num character varying(32) NOT NULL);
CREATE TABLE audit.alembic_version (version_num character varying(32) NOT NULL);
CREATE TABLE public.users (id integer NOT NULL);
EOF
run baseline --init --version-table-schema public d.sql
status 0
grep -q 'alembic' err && problem "a warning or error about a look-alike: $(head -c 300 err)"
cd "$T" || exit 1
end

# ---- other tools' bookkeeping tables ---------------------------------------

cat >rf-books.sql <<'EOF'
CREATE TABLE public.schema_migrations (version character varying NOT NULL);
CREATE TABLE public.ar_internal_metadata (key character varying NOT NULL);
CREATE TABLE public.flyway_schema_history (installed_rank integer NOT NULL);
CREATE TABLE public.databasechangelog (id character varying(255) NOT NULL);
CREATE TABLE public.schema_migrations_old (version character varying NOT NULL);
CREATE TABLE public.users (id integer NOT NULL);
EOF

begin "bookkeeping tables of Rails/Ecto, Flyway, Liquibase: a warning each, with --untracked"
refuse_dir rf-books
run baseline --init ../rf-books.sql
status 0
for t in schema_migrations ar_internal_metadata flyway_schema_history databasechangelog; do
	err_has "public\.$t is another migration tool's bookkeeping table.*--untracked 'public\.$t'"
done
grep -q 'schema_migrations_old' err && problem "a warning for schema_migrations_old (look-alike)"
cd "$T" || exit 1
end

begin "bookkeeping tables given to --untracked: no warning (look-alike)"
refuse_dir rf-books-untracked
run baseline --init --untracked schema_migrations --untracked ar_internal_metadata \
	--untracked flyway_schema_history --untracked databasechangelog ../rf-books.sql
status 0
grep -q 'bookkeeping' err && problem "a warning although the tables are untracked"
cd "$T" || exit 1
end

# ---- data-only dumps -------------------------------------------------------

cat >rf-data.sql <<'EOF'
SET client_encoding = 'UTF8';
COPY sw.t_scripts (script_id, script) FROM stdin;
1	<xml/>
2	\N
\.
SELECT pg_catalog.setval('sw.t_scripts_script_id_seq', 2, true);
EOF

begin "inspect of a data-only dump says it is data-only"
run inspect rf-data.sql
status 0
err_prefix "rf-data.sql: warning:" 'data-only'
end

begin "baseline refuses a data-only dump"
refuse_dir rf-dataonly
run baseline --init ../rf-data.sql
status 2
err_prefix "../rf-data.sql: error:" 'data-only'
refuse_nothing_written
cd "$T" || exit 1
end

begin "a dump with schema and data is not data-only (look-alike)"
cat >rf-both.sql <<'EOF'
CREATE TABLE public.t (id integer);
COPY public.t (id) FROM stdin;
1
\.
EOF
run inspect rf-both.sql
status 0
grep -q 'data-only' err && problem "called data-only"
end

# ---- --date ----------------------------------------------------------------

begin "baseline --date yesterday: usage error, nothing written"
refuse_dir rf-date
run baseline --init --date yesterday ../small.sql
status 2
err_has 'not a date'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline --date 2026-03-01T09:30:00Z is ISO 8601 (look-alike)"
refuse_dir rf-date-ok
run baseline --init --date 2026-03-01T09:30:00Z ../small.sql
status 0
grep -q 'Create Date: 2026-03-01T09:30:00Z' alembic/versions/001_baseline_*.py ||
	problem "the Create Date is not the one given"
cd "$T" || exit 1
end

# ---- baseline --strict -----------------------------------------------------

cat >rf-strict.sql <<'EOF'
CREATE TABLE public.good (id integer);
CREATE TABLE public.bad (id integer NOT NULL,, x text);
EOF

begin "baseline --strict: a table that could not be parsed fails the run (exit 3, nothing written)"
refuse_dir rf-strict
run baseline --init --strict ../rf-strict.sql
status 3
err_has 'could not be parsed'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline --strict: a statement not parsed in the second dump fails the run too"
refuse_dir rf-strict2
cat >good.sql <<'EOF'
CREATE TABLE public.good (id integer);
EOF
cat >bad.sql <<'EOF'
CREATE TABLE public.good (id integer);
GRANT SELECT ON public.good TO ,;
EOF
run baseline --init --strict good.sql bad.sql
status 3
err_prefix "bad.sql: error:" 'could not be parsed'
refuse_nothing_written
cd "$T" || exit 1
end

begin "baseline without --strict writes the baseline and warns (look-alike)"
refuse_dir rf-nostrict
run baseline --init ../rf-strict.sql
status 0
err_has 'cannot parse'
cd "$T" || exit 1
end

begin "baseline --strict on a dump that parses writes it (look-alike)"
refuse_dir rf-strict-ok
run baseline --init --strict ../small.sql
status 0
[ -e alembic/versions/001_baseline_stamp.sql ] || problem "no stamp SQL written"
cd "$T" || exit 1
end

# ---- INSERT data counts as COPY data does ----------------------------------

begin "INSERT rows count in Data Volume as COPY rows do (multi-row, quotes, parentheses in strings)"
refuse_dir rf-inserts
cat >d.sql <<'EOF'
SET standard_conforming_strings = on;
CREATE TABLE public.t (id integer, note text);
CREATE TABLE public.u (id integer);
CREATE TABLE public."W" (id integer);
INSERT INTO public.t VALUES (1, 'a ), (b');
INSERT INTO public.t (id, note) VALUES (2, E'it\'s ('), (3, NULL), (4, 'x''y');
INSERT INTO public.t OVERRIDING SYSTEM VALUE VALUES (5, $$)$$);
INSERT INTO public."W" VALUES (1);
COPY public.u (id) FROM stdin;
1
2
\.
EOF
run baseline --init --date 2026-01-01 d.sql
status 0
py=$(ls alembic/versions/001_baseline_*.py 2>/dev/null | head -1)
grep -q -- '- t: 5 records' "$py" || problem "t's 5 INSERT rows not counted: $(grep -A5 'Data Volume' "$py" | tr '\n' '|')"
grep -q -- '- u: 2 records' "$py" || problem "u's 2 COPY rows not counted"
# "W" is shown as psql takes it.
grep -q -- '- "W": 1 record' "$py" || problem "W's INSERT row not counted"
grep -q "COPY and INSERT data" "$py" || problem "Data Volume does not say where the counts come from"
cd "$T" || exit 1
end

begin "an INSERT into a table the dump does not define counts nowhere (look-alike)"
run inspect --format json rf-both.sql
status 0
json 'd["tables"][0]["rows"] == 1'
end

# ---- inspect -o, -V ----------------------------------------------------------

begin "inspect -o FILE writes the report there, nothing on stdout"
rm -f rf-report.txt
run inspect -o rf-report.txt small.sql
status 0
[ -s out ] && problem "something on stdout"
grep -q 'Total tables: 7' rf-report.txt 2>/dev/null || problem "rf-report.txt lacks the report"
end

begin "inspect -o FILE refuses an existing FILE without --force, before reading the dump"
echo keep >rf-report.txt
run inspect -o rf-report.txt no-such-dump.sql
status 2
err_has 'already exists'
[ "$(cat rf-report.txt)" = keep ] || problem "the existing file was changed"
end

begin "inspect -o FILE --force replaces it (look-alike)"
echo keep >rf-report.txt
run inspect -o rf-report.txt --force --format json small.sql
status 0
"$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' rf-report.txt 2>/dev/null ||
	problem "rf-report.txt is not the JSON report"
end

begin "inspect -o FILE on bad input writes no FILE"
rm -f rf-report.txt
printf 'CREATE TABLE t (a text DEFAULT $$x);\n' >rf-bad.sql
run inspect -o rf-report.txt rf-bad.sql
status 2
[ -e rf-report.txt ] && problem "a report was written for bad input"
end

begin "-V is the tool's option only: pgbaseline -V works, inspect -V is refused and its help has no -V"
run -V
status 0
out_has 'pgbaseline'
run inspect -V small.sql
status 2
err_has 'unknown option -V'
run inspect --help
grep -q -- '-V' out && problem "inspect --help mentions -V"
run --help
out_has -- '-V, --version'
end
