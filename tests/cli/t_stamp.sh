# tests/cli/t_stamp.sh
#	The baseline's files and alembic.ini, sourced by tests/cli/run.sh (its
#	helpers and $T): the schema fingerprint tells near-identical dumps
#	apart, the comprehensive docstring keeps every character of a name it
#	wraps, its validation queries declare UTF-8 for names beyond ASCII, and
#	alembic.ini is read as Alembic reads it.

# A fresh project directory under $T; the caller cd's back to "$T".
stamp_dir() {
	rm -rf "$T/$1"
	mkdir -p "$T/$1"
	cd "$T/$1" || exit 1
}

# ---- the fingerprint -------------------------------------------------------

begin "baseline refuses two dumps whose lists only join the same (ENUM 'x, y' + UNIQUE \"a, b\")"
stamp_dir fp-collision
cat >a.sql <<'EOF'
CREATE TYPE public.e AS ENUM ('x, y');
CREATE TABLE public.t (a integer, b integer, "a, b" integer);
ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE ("a, b");
EOF
cat >b.sql <<'EOF'
CREATE TYPE public.e AS ENUM ('x', 'y');
CREATE TABLE public.t (a integer, b integer, "a, b" integer);
ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE (a, b);
EOF
run baseline --init a.sql b.sql
status 2
err_prefix "b.sql:" 'differs'
[ -e alembic/versions ] && problem "files written although the dumps differ"
cd "$T" || exit 1
end

begin "baseline accepts the same schema written in another order (look-alike)"
stamp_dir fp-same
cat >a.sql <<'EOF'
CREATE TYPE public.e AS ENUM ('x, y');
CREATE TABLE public.t (a integer, b integer, "a, b" integer);
ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE ("a, b");
EOF
cat >b.sql <<'EOF'
CREATE TABLE public.t (
    a integer,
    b integer,
    "a, b" integer
);
ALTER TABLE ONLY public.t ADD CONSTRAINT u UNIQUE ("a, b");
CREATE TYPE public.e AS ENUM (
    'x, y'
);
EOF
run baseline --init a.sql b.sql
status 0
grep -q 'sha256v2:[0-9a-f]\{64\}' alembic/versions/001_baseline_*.py ||
	problem "the revision carries no sha256v2: fingerprint"
cd "$T" || exit 1
end

# ---- the comprehensive docstring -------------------------------------------

begin "--doc comprehensive wraps a long entry without losing a name's leading ' ,: '"
stamp_dir doc-wrap
cat >w.sql <<'EOF'
CREATE TABLE public.t (id integer NOT NULL, " ,: leading" integer, "trailing ,: " text);
CREATE INDEX ix_a_rather_long_index_name_that_makes_the_entry_wrap_somewhere ON public.t USING btree (" ,: leading", "trailing ,: ");
CREATE MATERIALIZED VIEW public.a_materialized_view_with_a_long_name_to_wrap_the_line AS SELECT 1 AS x;
COMMENT ON MATERIALIZED VIEW public.a_materialized_view_with_a_long_name_to_wrap_the_line IS ', : starts like a separator';
EOF
run baseline --init --doc comprehensive w.sql
status 0
if ! "$PY" - alembic/versions/001_baseline_*.py >doc.err 2>&1 <<'EOF'; then
import ast, sys
doc = ast.get_docstring(ast.parse(open(sys.argv[1], encoding="utf-8").read()), clean=False)
want = [" ,: leading: integer NULL", '" ,: leading", "trailing ,: "', ", : starts like a separator"]
missing = [w for w in want if w not in doc]
if missing:
    print("__doc__ lacks %r" % missing)
    sys.exit(1)
EOF
	problem "$(cat doc.err)"
fi
cd "$T" || exit 1
end

begin "--doc comprehensive: validation queries set client_encoding only for names beyond ASCII"
stamp_dir doc-encoding
printf 'CREATE SCHEMA "\xe3\x82\xbd\\";\nCREATE TABLE "\xe3\x82\xbd\\".t (a integer);\n' >u.sql
printf 'CREATE SCHEMA s;\nCREATE TABLE s.t (a integer);\n' >plain.sql
run baseline --init --doc comprehensive u.sql
status 0
grep -q "^    SET client_encoding = 'UTF8';$" alembic/versions/001_baseline_*.py ||
	problem "no SET client_encoding before queries naming a non-ASCII schema"
stamp_dir doc-encoding-plain
printf 'CREATE SCHEMA s;\nCREATE TABLE s.t (a integer);\n' >plain.sql
run baseline --init --doc comprehensive plain.sql
status 0
grep -q "client_encoding" alembic/versions/001_baseline_*.py &&
	problem "SET client_encoding written although every name is ASCII"
cd "$T" || exit 1
end

# ---- stats-query -----------------------------------------------------------

begin "stats-query: a UTF-8 CSV and no backslash in the SQL"
run stats-query
status 0
out_has "ENCODING 'UTF8'"
grep -q '\\[^c]' out && problem "stats-query prints a backslash other than \\copy"
end

# ---- alembic.ini -------------------------------------------------------------

stamp_ini() {
	printf '[alembic]\n%s\n' "$1" >alembic.ini
	printf 'CREATE TABLE public.t (a integer);\n' >d.sql
}

begin "alembic.ini: a version_table over 59 bytes is refused as --version-table is"
stamp_dir ini-vt-long
stamp_ini "script_location = alembic
version_table = $(printf 'v%.0s' $(seq 60))"
mkdir -p alembic/versions
run baseline d.sql
status 2
err_has 'version_table must be 1 to 59 bytes'
[ -n "$(ls alembic/versions)" ] && problem "files written although the ini's version_table is refused"
stamp_dir ini-vt-59
stamp_ini "script_location = alembic
version_table = $(printf 'v%.0s' $(seq 59))"
mkdir -p alembic/versions
run baseline d.sql
status 0
grep -q "$(printf 'v%.0s' $(seq 59))" alembic/versions/001_baseline_stamp.sql ||
	problem "the 59-byte version table from alembic.ini is not in the stamp SQL"
cd "$T" || exit 1
end

begin "alembic.ini: script_location = myapp:migrations is the package's directory"
stamp_dir ini-package
stamp_ini "script_location = myapp:migrations
prepend_sys_path = ."
mkdir -p myapp/migrations/versions
: >myapp/__init__.py
run baseline d.sql
status 0
[ -f myapp/migrations/versions/001_baseline_stamp.sql ] ||
	problem "the revision is not in myapp/migrations/versions"
[ -e "myapp:migrations" ] && problem "a literal ./myapp:migrations was created"
out_has 'wrote myapp/migrations/versions/001_baseline_'
cd "$T" || exit 1
end

begin "alembic.ini: a package resource that is not here is refused, nothing written"
stamp_dir ini-package-missing
stamp_ini "script_location = otherapp:migrations"
run baseline d.sql
status 2
err_prefix "alembic.ini:2:" 'package resource.*otherapp'
[ -e "otherapp:migrations" ] && problem "a literal ./otherapp:migrations was created"
[ -e alembic ] && problem "files written to alembic/ instead"
cd "$T" || exit 1
end

begin "alembic.ini: a version_path_separator Alembic refuses is refused, nothing written"
stamp_dir ini-bad-separator
stamp_ini "script_location = alembic
version_path_separator = comma
version_locations = a,b"
mkdir -p alembic/versions
run baseline d.sql
status 2
err_prefix "alembic.ini:3:" "'comma' is not a valid value for version_path_separator"
[ -n "$(ls alembic/versions)" ] && problem "files written although the ini is refused"
cd "$T" || exit 1
end

begin "alembic.ini: path_separator = os splits version_locations on ':' (Alembic 1.16)"
stamp_dir ini-path-separator
stamp_ini "script_location = alembic
path_separator = os
version_locations = %(here)s/one dir/versions:%(here)s/two"
mkdir -p alembic "one dir/versions" two
run baseline d.sql
status 0
[ -f "one dir/versions/001_baseline_stamp.sql" ] || problem "not written to the first location"
[ -e alembic/versions ] && problem "written to alembic/versions, which Alembic does not read"
cd "$T" || exit 1
end

begin "alembic.ini: a version location in a package that is not here is refused"
stamp_dir ini-location-package
stamp_ini "script_location = alembic
version_locations = nopkg:versions"
mkdir -p alembic/versions
run baseline d.sql
status 2
err_prefix "alembic.ini:3:" 'version_locations "nopkg:versions" names a package resource'
[ -n "$(ls alembic/versions)" ] && problem "files written although the ini is refused"
cd "$T" || exit 1
end
