# tests/cli/t_norm_s21.sh
#	One view, rule or function is one definition whichever pg_dump wrote
#	it (sourced by tests/cli/run.sh: its helpers and $T).  The pairs
#	below are what pg_dump 9.x / 17 and pg_dump 15 print for one object
#	(taken from pagila-0.10.1, pgschema-employee and pgadmin4 and their
#	re-dumps): diff finds them the same.  The look-alikes change a
#	column, a qualifier that picks another column, a literal, an alias
#	that picks another table, an output name ORDER BY finds first: each
#	is a difference.

# The tables every case reads; $1: the old (search_path) or the new (qualified) style.
nv_head() {
	if [ "$1" = old ]; then
		printf 'SET search_path = public, pg_catalog;\n'
		printf 'CREATE TABLE dept_emp (emp_no integer, from_date date, to_date date);\n'
		printf 'CREATE TABLE a (id integer, k integer, v text, x integer);\n'
		printf 'CREATE TABLE b (id integer, k integer, w text, x integer);\n'
		printf 'CREATE TABLE c (name text, city text, activebool boolean);\n'
		printf 'CREATE TABLE payment (payment_id integer, payment_date timestamp);\n'
		printf 'CREATE TABLE payment_p1 (payment_id integer, payment_date timestamp);\n'
	else
		printf "SELECT pg_catalog.set_config('search_path', '', false);\n"
		printf 'CREATE TABLE public.dept_emp (emp_no integer, from_date date, to_date date);\n'
		printf 'CREATE TABLE public.a (id integer, k integer, v text, x integer);\n'
		printf 'CREATE TABLE public.b (id integer, k integer, w text, x integer);\n'
		printf 'CREATE TABLE public.c (name text, city text, activebool boolean);\n'
		printf 'CREATE TABLE public.payment (payment_id integer, payment_date timestamp);\n'
		printf 'CREATE TABLE public.payment_p1 (payment_id integer, payment_date timestamp);\n'
	fi
}

# nv_case NAME EXPECTED(0 same, 1 different) OLD-STATEMENTS NEW-STATEMENTS
nv_case() {
	begin "views and routines by two pg_dumps: $1"
	{ nv_head old; printf '%s\n' "$3"; } >nv-old.sql
	{ nv_head new; printf '%s\n' "$4"; } >nv-new.sql
	run diff -q nv-old.sql nv-new.sql
	status "$2"
	if [ "$2" = 0 ]; then
		[ -s out ] && problem "a difference printed: $(head -c 600 out)"
	fi
	end
}

nv_case "pg_dump 17 drops the table of a column of a one-table query (pgschema-employee)" 0 \
	'CREATE VIEW dept_emp_latest_date AS SELECT emp_no, max(from_date) AS from_date, max(to_date) AS to_date FROM public.dept_emp GROUP BY emp_no;' \
	'CREATE VIEW public.dept_emp_latest_date AS SELECT dept_emp.emp_no, max(dept_emp.from_date) AS from_date, max(dept_emp.to_date) AS to_date FROM public.dept_emp GROUP BY dept_emp.emp_no;'
nv_case "look-alike: another column under the same name" 1 \
	'CREATE VIEW dept_emp_latest_date AS SELECT emp_no, max(from_date) AS from_date, max(to_date) AS to_date FROM public.dept_emp GROUP BY emp_no;' \
	'CREATE VIEW public.dept_emp_latest_date AS SELECT dept_emp.emp_no, max(dept_emp.from_date) AS from_date, max(dept_emp.from_date) AS to_date FROM public.dept_emp GROUP BY dept_emp.emp_no;'

nv_case "bare names under search_path, a subquery's aliases renamed by pg_dump 15 (pagila actor_info)" 0 \
	'CREATE FUNCTION _group_concat(text, text) RETURNS text AS $_$ SELECT $1 || $2 $_$ LANGUAGE sql IMMUTABLE;
CREATE AGGREGATE group_concat(text) (SFUNC = _group_concat, STYPE = text);
CREATE VIEW info AS SELECT a.id, group_concat(DISTINCT (c.name || '"': '::text"') || (SELECT group_concat(b.w) AS group_concat FROM b JOIN a fa ON b.k = fa.k WHERE fa.id = a.id GROUP BY fa.id)) AS film_info FROM a LEFT JOIN a fa ON a.k = fa.k LEFT JOIN c ON fa.v = c.name GROUP BY a.id;' \
	'CREATE FUNCTION public._group_concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $_$ SELECT $1 || $2 $_$;
CREATE AGGREGATE public.group_concat(text) (SFUNC = public._group_concat, STYPE = text);
CREATE VIEW public.info AS SELECT a.id, public.group_concat(DISTINCT (c.name || '"': '::text"') || (SELECT public.group_concat(b.w) AS group_concat FROM (public.b JOIN public.a fa_1 ON ((b.k = fa_1.k))) WHERE (fa_1.id = a.id) GROUP BY fa_1.id)) AS film_info FROM ((public.a LEFT JOIN public.a fa ON ((a.k = fa.k))) LEFT JOIN public.c ON ((fa.v = c.name))) GROUP BY a.id;'
nv_case "look-alike: an alias that picks the other table" 1 \
	'CREATE VIEW j AS SELECT p.v FROM a p JOIN a q ON p.k = q.id;' \
	'CREATE VIEW public.j AS SELECT q.v FROM (public.a p JOIN public.a q ON ((p.k = q.id)));'
nv_case "look-alike: a qualifier that picks the other table's column of that name" 1 \
	'CREATE VIEW j AS SELECT a.x FROM a JOIN b ON a.k = b.k;' \
	'CREATE VIEW public.j AS SELECT b.x FROM (public.a JOIN public.b ON ((a.k = b.k)));'
nv_case "a column only one table has, qualified or not" 0 \
	'CREATE VIEW j AS SELECT v, w FROM a JOIN b ON a.k = b.k;' \
	'CREATE VIEW public.j AS SELECT a.v, b.w FROM (public.a JOIN public.b ON ((a.k = b.k)));'
nv_case "look-alike: an outer column in a subquery is not the inner one" 1 \
	'CREATE VIEW s AS SELECT (SELECT a.id FROM b WHERE b.k = a.k) AS r FROM a;' \
	'CREATE VIEW public.s AS SELECT (SELECT b.id FROM public.b WHERE (b.k = a.k)) AS r FROM public.a;'
nv_case "look-alike: another schema's table of that name" 1 \
	'CREATE SCHEMA other; CREATE TABLE other.a (id integer, k integer, v text, x integer); CREATE VIEW s AS SELECT id FROM a;' \
	'CREATE SCHEMA other; CREATE TABLE other.a (id integer, k integer, v text, x integer); CREATE VIEW public.s AS SELECT a.id FROM other.a;'
nv_case "look-alike: ORDER BY finds an output name before the column" 1 \
	'CREATE VIEW o AS SELECT c.name AS city, c.city AS town FROM c ORDER BY c.city;' \
	'CREATE VIEW public.o AS SELECT c.name AS city, c.city AS town FROM public.c ORDER BY city;'
nv_case "ORDER BY a column that is its own output" 0 \
	'CREATE VIEW o AS SELECT city FROM c ORDER BY city;' \
	'CREATE VIEW public.o AS SELECT c.city FROM public.c ORDER BY c.city;'
nv_case "a constant's name written out, pg_catalog's relation bare (pgadmin4)" 0 \
	'CREATE VIEW f AS SELECT 2; CREATE VIEW g AS SELECT pg_class.relname FROM pg_catalog.pg_class LIMIT 10;' \
	'CREATE VIEW public.f AS SELECT 2 AS "?column?"; CREATE VIEW public.g AS SELECT pg_class.relname FROM pg_class LIMIT 10;'
nv_case "look-alike: another literal" 1 \
	"CREATE VIEW l AS SELECT CASE WHEN c.activebool THEN 'active'::text ELSE ''::text END AS notes FROM c;" \
	"CREATE VIEW public.l AS SELECT CASE WHEN c.activebool THEN 'inactive'::text ELSE ''::text END AS notes FROM public.c;"
nv_case "look-alike: another constant under the written-out name" 1 \
	'CREATE VIEW f AS SELECT 2;' \
	'CREATE VIEW public.f AS SELECT 3 AS "?column?";'
nv_case "a materialized view, qualified or not" 0 \
	'CREATE MATERIALIZED VIEW m AS SELECT a.id, b.w FROM a, b WHERE a.k = b.k;' \
	'CREATE MATERIALIZED VIEW public.m AS SELECT a.id, b.w FROM public.a, public.b WHERE (a.k = b.k);'

nv_case "a rule's tables bare or qualified (pagila payment_insert_p1)" 0 \
	"CREATE RULE r1 AS ON INSERT TO payment WHERE new.payment_date >= '2007-01-01 00:00:00'::timestamp DO INSTEAD INSERT INTO payment_p1 (payment_id, payment_date) VALUES (DEFAULT, new.payment_date);" \
	"CREATE RULE r1 AS ON INSERT TO public.payment WHERE (new.payment_date >= '2007-01-01 00:00:00'::timestamp without time zone) DO INSTEAD  INSERT INTO public.payment_p1 (payment_id, payment_date) VALUES (DEFAULT, new.payment_date);"
nv_case "look-alike: a rule into another table" 1 \
	"CREATE RULE r1 AS ON INSERT TO payment DO INSTEAD INSERT INTO payment_p1 (payment_id) VALUES (new.payment_id);" \
	"CREATE RULE r1 AS ON INSERT TO public.payment DO INSTEAD  INSERT INTO public.payment (payment_id) VALUES (new.payment_id);"

nv_case "a function's body before or after LANGUAGE, NOT LEAKPROOF written out" 0 \
	'CREATE FUNCTION f(integer) RETURNS integer AS $$ SELECT $1 $$ LANGUAGE sql IMMUTABLE NOT LEAKPROOF;' \
	'CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$;'
nv_case "look-alike: another body" 1 \
	'CREATE FUNCTION f(integer) RETURNS integer AS $$ SELECT $1 $$ LANGUAGE sql IMMUTABLE;' \
	'CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1 + 1 $$;'
nv_case "look-alike: LEAKPROOF, not the default" 1 \
	'CREATE FUNCTION f(integer) RETURNS integer AS $$ SELECT $1 $$ LANGUAGE sql IMMUTABLE;' \
	'CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql IMMUTABLE LEAKPROOF AS $$ SELECT $1 $$;'
nv_case "look-alike: an aggregate's state function in another schema" 1 \
	'CREATE SCHEMA other; CREATE FUNCTION other.g(text, text) RETURNS text AS $$ SELECT $1 $$ LANGUAGE sql; CREATE FUNCTION g(text, text) RETURNS text AS $$ SELECT $1 $$ LANGUAGE sql; CREATE AGGREGATE agg(text) (SFUNC = g, STYPE = text);' \
	'CREATE SCHEMA other; CREATE FUNCTION other.g(text, text) RETURNS text LANGUAGE sql AS $$ SELECT $1 $$; CREATE FUNCTION public.g(text, text) RETURNS text LANGUAGE sql AS $$ SELECT $1 $$; CREATE AGGREGATE public.agg(text) (SFUNC = other.g, STYPE = text);'

# Column order: the same columns, one added later in one environment.
printf 'CREATE TABLE public.t (id integer, a text, b text);\n' >co-1.sql
printf 'CREATE TABLE public.t (id integer, b text, a text);\n' >co-2.sql
printf 'CREATE TABLE public.t (id integer, b text, a integer);\n' >co-3.sql

begin "diff: the same columns in another order are a change of their own, with no statement"
run diff co-1.sql co-2.sql
status 1
out_has '^table public\.t: changed$'
out_has '^    column_order: id, a, b -> id, b, a$'
out_has 'no statement: PostgreSQL cannot move a column.*--ignore-column-order'
run diff --format sql co-1.sql co-2.sql
status 1
grep -Eiq 'ALTER TABLE|DROP|CREATE' out && problem "a statement for a column order: $(cat out)"
run diff --format json co-1.sql co-2.sql
status 1
json '[f["field"] for c in d["changes"] for f in c["fields"]] == ["column_order"] and d["changes"][0]["statements"]["up"] == []'
end

begin "diff --ignore-column-order: the order is no difference, a type still is (look-alike)"
run diff --ignore-column-order co-1.sql co-2.sql
status 0
[ -s out ] && problem "a difference printed: $(cat out)"
run diff --ignore-column-order co-1.sql co-3.sql
status 1
out_has '^  ~ column a'
grep -q column_order out && problem "column_order with --ignore-column-order"
end

begin "verify: a column order is drift; --ignore-column-order leaves it out"
rm -rf "$T/coproj" && mkdir -p "$T/coproj" && cp co-1.sql co-2.sql co-3.sql "$T/coproj/"
cd "$T/coproj" || exit 1
"$BIN" baseline --init --date 2026-01-01 co-1.sql >/dev/null 2>baseline.err ||
	problem "baseline failed: $(cat baseline.err)"
run verify co-2.sql
status 1
out_has 'column_order: id, a, b -> id, b, a'
run verify --ignore-column-order co-2.sql
status 0
run verify --ignore-column-order co-3.sql
status 1
cd "$T" || exit 1
end

begin "baseline: dumps whose columns are in another order do not agree (the stamp counts positions)"
rm -rf "$T/coproj2" && mkdir -p "$T/coproj2" && cp co-1.sql co-2.sql "$T/coproj2/"
(cd "$T/coproj2" && timeout -k 5 "$TMO" "$BIN" baseline --init --date 2026-01-01 co-1.sql \
	co-2.sql </dev/null >../out 2>../err)
ST=$?
status 2
err_has 'column_order: id, a, b -> id, b, a'
err_has 'cannot move a column'
run baseline --ignore-column-order co-1.sql co-2.sql
status 2
err_has 'ignore-column-order'
end

# Defaults and generated expressions as pg_dump 9.x and 15 print one value.
nv_case "now() and CURRENT_TIMESTAMP, ('now'::text)::date and CURRENT_DATE, \"current_user\"() and CURRENT_USER" 0 \
	"CREATE TABLE d (t timestamp with time zone DEFAULT now(), d date DEFAULT ('now'::text)::date, u name DEFAULT \"current_user\"(), l timestamp DEFAULT ('now'::text)::timestamp without time zone);" \
	"CREATE TABLE public.d (t timestamp with time zone DEFAULT CURRENT_TIMESTAMP, d date DEFAULT CURRENT_DATE, u name DEFAULT CURRENT_USER, l timestamp DEFAULT LOCALTIMESTAMP);"
nv_case "look-alike: 'now'::date is the day the default was set, not CURRENT_DATE" 1 \
	"CREATE TABLE d (d date DEFAULT 'now'::date);" \
	"CREATE TABLE public.d (d date DEFAULT CURRENT_DATE);"
nv_case "look-alike: clock_timestamp() is not now()" 1 \
	"CREATE TABLE d (t timestamp with time zone DEFAULT now());" \
	"CREATE TABLE public.d (t timestamp with time zone DEFAULT clock_timestamp());"
nv_case "a generated column's function bare under search_path or qualified, its casts" 0 \
	'CREATE FUNCTION twice(integer) RETURNS integer AS $$ SELECT 2 * $1 $$ LANGUAGE sql IMMUTABLE;
CREATE TABLE g (a integer, b integer GENERATED ALWAYS AS (twice(a)) STORED, c numeric(10,2) GENERATED ALWAYS AS ((a)::numeric(10,2) * 2::numeric) STORED);' \
	'CREATE FUNCTION public.twice(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * $1 $$;
CREATE TABLE public.g (a integer, b integer GENERATED ALWAYS AS (public.twice(a)) STORED, c numeric(10,2) GENERATED ALWAYS AS (((a)::numeric(10,2) * (2)::numeric)) STORED);'
nv_case "look-alike: a generated column's function in another schema" 1 \
	'CREATE SCHEMA other; CREATE FUNCTION other.twice(integer) RETURNS integer AS $$ SELECT 2 * $1 $$ LANGUAGE sql IMMUTABLE; CREATE FUNCTION twice(integer) RETURNS integer AS $$ SELECT 2 * $1 $$ LANGUAGE sql IMMUTABLE;
CREATE TABLE g (a integer, b integer GENERATED ALWAYS AS (twice(a)) STORED);' \
	'CREATE SCHEMA other; CREATE FUNCTION other.twice(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * $1 $$; CREATE FUNCTION public.twice(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * $1 $$;
CREATE TABLE public.g (a integer, b integer GENERATED ALWAYS AS (other.twice(a)) STORED);'
nv_case "look-alike: a generated column's cast to another precision" 1 \
	'CREATE TABLE g (a integer, c numeric GENERATED ALWAYS AS ((a)::numeric(10,2)) STORED);' \
	'CREATE TABLE public.g (a integer, c numeric GENERATED ALWAYS AS ((a)::numeric(12,2)) STORED);'

# An extension's comment: CREATE EXTENSION sets the control file's, whether the dump writes it or not.
nv_case "an extension's comment one dump writes and the other leaves to the control file" 0 \
	"CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public; COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';" \
	"CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;"
nv_case "look-alike: two comments on one extension" 1 \
	"CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public; COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';" \
	"CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public; COMMENT ON EXTENSION pgcrypto IS 'ours';"

nv_case "a range's subtype written bpchar or character (pgadmin4), or with a typmod a range does not keep" 0 \
	'CREATE TYPE r1 AS RANGE (subtype = bpchar); CREATE TYPE r2 AS RANGE (subtype = numeric(10,2));' \
	'CREATE TYPE public.r1 AS RANGE (subtype = character); CREATE TYPE public.r2 AS RANGE (subtype = numeric);'
nv_case "look-alike: a range of another subtype" 1 \
	'CREATE TYPE r1 AS RANGE (subtype = bpchar);' \
	'CREATE TYPE public.r1 AS RANGE (subtype = text);'
nv_case "a cast's implicit name is its type's: AS text written out or not" 0 \
	'CREATE VIEW n AS SELECT (a.x + 1)::text AS text FROM a;' \
	'CREATE VIEW public.n AS SELECT ((a.x + 1))::text FROM public.a;'
nv_case "look-alike: AS \"?column?\" on a cast names the column otherwise" 1 \
	'CREATE VIEW n AS SELECT (a.x + 1)::text AS "?column?" FROM a;' \
	'CREATE VIEW public.n AS SELECT ((a.x + 1))::text FROM public.a;'
