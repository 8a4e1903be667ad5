# shellcheck shell=bash
# tests/cli/t_i11drop.sh: DROP of types, domains, functions, schemas,
# extensions, triggers, policies, rules and the objects held by name, as
# PostgreSQL applies them (each next to a look-alike that must not drop:
# IF EXISTS of nothing, a dependent without CASCADE, the wrong kind);
# default privileges; foreign tables' column options; names quoted and
# inert in every report.  tests/integration/test_i11drop.py checks the
# same against a real PostgreSQL 15.
# Sourced by tests/cli/run.sh (its helpers and scratch directory).

cat >drop-types.sql <<'EOF'
CREATE TYPE public.mood AS ENUM ('a');
CREATE TYPE public.spare AS ENUM ('b');
CREATE TYPE public.spare2 AS ENUM ('c');
CREATE DOMAIN public.moody AS public.mood;
CREATE TYPE public.pair AS (x integer, m public.mood);
CREATE TABLE public.t (id integer, m public.mood, mm public.moody, ms public.mood[]);
CREATE TABLE public.kid () INHERITS (public.t);
CREATE INDEX t_m ON public.t (m);
CREATE FUNCTION public.g(public.mood) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE VIEW public.v AS SELECT m FROM public.t;
DROP TYPE public.mood;
DROP DOMAIN public.spare;
DROP TYPE IF EXISTS public.nope;
DROP TYPE public.nope;
DROP TYPE public.spare, public.spare2;
DROP TYPE public.mood CASCADE;
EOF

begin "drop: DROP TYPE refused while a column uses it, CASCADE takes columns, attributes, domains, functions along"
run inspect drop-types.sql --format json
status 0
err_prefix "drop-types.sql:11:" "cannot drop type public.mood: column m of table public.t depends on it"
err_prefix "drop-types.sql:12:" "public.spare is not a domain"
err_prefix "drop-types.sql:14:" "type public.nope does not exist"
err_prefix "drop-types.sql:16:" "view public.v may use it"
grep -q "drop-types.sql:13:" err && problem "DROP TYPE IF EXISTS of nothing warned"
json '[t["name"] for t in d["types"]] == ["pair"]' "only pair is left"
json '[a["name"] for t in d["types"] for a in t["attributes"]] == ["x"]' "pair lost its attribute m"
json '[[c["name"] for c in t["columns"]] for t in d["tables"]] == [["id"], ["id"]]' "columns m, mm, ms gone from t and kid"
json 'd["tables"][1]["indexes"] == []' "the index on m went with it"
json 'd["functions"] == []' "g(mood) went with it"
end

cat >drop-funcs.sql <<'EOF'
CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION public.f(text) RETURNS text LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION public.one() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION public.two(OUT a integer, b text) LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION public.trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION public.used() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE public.p(integer) LANGUAGE sql AS 'SELECT 1';
CREATE AGGREGATE public.agg(integer) (SFUNC = int4pl, STYPE = integer);
CREATE TABLE public.t (id integer DEFAULT public.used());
CREATE TRIGGER t_trg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.trg();
DROP FUNCTION public.f;
DROP FUNCTION public.trg();
DROP PROCEDURE public.f(integer);
DROP FUNCTION IF EXISTS public.nope(integer);
DROP FUNCTION public.nope(integer);
DROP FUNCTION public.f(integer), public.one, public.two(text);
DROP PROCEDURE public.p(integer);
DROP AGGREGATE public.agg(integer);
DROP FUNCTION public.trg() CASCADE;
DROP FUNCTION public.used();
EOF

begin "drop: DROP FUNCTION by name or argument list, several at once; a trigger refuses it, CASCADE takes it"
run inspect drop-funcs.sql --format json
status 0
err_prefix "drop-funcs.sql:11:" "function name public.f is not unique"
err_prefix "drop-funcs.sql:12:" "cannot drop function public.trg\(\): trigger t_trg on table public.t depends on it"
err_prefix "drop-funcs.sql:13:" "function public.f\(integer\) is not a procedure"
err_prefix "drop-funcs.sql:15:" "function public.nope\(integer\) does not exist"
err_prefix "drop-funcs.sql:20:" "column id of table public.t may use it"
grep -q "drop-funcs.sql:14:" err && problem "DROP FUNCTION IF EXISTS of nothing warned"
json '[f["signature"] for f in d["functions"]] == ["f(text)"]' "only f(text) is left"
json 'd["triggers"] == []' "the trigger went with CASCADE"
end

cat >drop-schema.sql <<'EOF'
CREATE SCHEMA s;
CREATE SCHEMA "Empty";
CREATE TYPE s.color AS ENUM ('red');
CREATE TABLE s.t (id integer PRIMARY KEY);
CREATE SEQUENCE s.seq;
CREATE VIEW s.v AS SELECT 1 AS x;
CREATE FUNCTION s.h() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE public.u (id integer, c s.color, t_id integer REFERENCES s.t);
CREATE TRIGGER u_trg BEFORE INSERT ON public.u FOR EACH ROW EXECUTE FUNCTION s.h();
CREATE COLLATION s.coll (locale = 'C');
DROP SCHEMA s;
DROP SCHEMA IF EXISTS nope;
DROP SCHEMA nope;
DROP SCHEMA "Empty";
DROP SCHEMA s CASCADE;
EOF

begin "drop: DROP SCHEMA refused when not empty; CASCADE drops everything in it and what uses it elsewhere"
run inspect drop-schema.sql --format json
status 0
err_prefix "drop-schema.sql:11:" "cannot drop schema s: table s.t depends on it"
err_prefix "drop-schema.sql:13:" "schema nope does not exist"
grep -q "drop-schema.sql:1[24]:" err && problem "a DROP that PostgreSQL accepts warned"
json '[s["name"] for s in d["schemas"]] == ["public"]' "schemas s and Empty are gone"
json '[t["name"] for t in d["tables"]] == ["u"]' "only public.u is left"
json '[c["name"] for c in d["tables"][0]["columns"]] == ["id", "t_id"]' "u.c (of type s.color) went"
json 'd["tables"][0]["foreign_keys"] == [] and d["triggers"] == []' "the foreign key into s.t and the trigger on s.h went"
json 'd["types"] == d["functions"] == d["views"] == d["sequences"] == d["objects"] == []' "nothing of s is left"
end

cat >drop-parts.sql <<'EOF'
CREATE TABLE public.t (id integer);
CREATE FUNCTION public.trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t1 BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.trg();
CREATE TRIGGER t2 BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.trg();
CREATE POLICY p1 ON public.t USING (true);
CREATE POLICY p2 ON public.t USING (true);
CREATE RULE r1 AS ON DELETE TO public.t DO INSTEAD NOTHING;
CREATE RULE r2 AS ON UPDATE TO public.t DO INSTEAD NOTHING;
CREATE TABLE public.pt (id integer, at date) PARTITION BY RANGE (at);
CREATE TABLE public.pt_1 PARTITION OF public.pt FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TRIGGER pt_trg AFTER INSERT ON public.pt FOR EACH ROW EXECUTE FUNCTION public.trg();
CREATE MATERIALIZED VIEW public.mv AS SELECT 1 AS x;
CREATE VIEW public.v AS SELECT 1 AS x;
CREATE EXTENSION hstore;
CREATE SERVER srv FOREIGN DATA WRAPPER postgres_fdw;
CREATE FOREIGN TABLE public.ft (a integer) SERVER srv;
DROP TRIGGER t1 ON public.t;
DROP TRIGGER IF EXISTS nope ON public.t;
DROP TRIGGER nope ON public.t;
DROP POLICY p1 ON public.t;
DROP POLICY nope ON public.t;
DROP RULE r1 ON public.t;
DROP RULE nope ON public.t;
DROP TRIGGER pt_trg ON public.pt;
DROP VIEW public.mv;
DROP MATERIALIZED VIEW public.v;
DROP MATERIALIZED VIEW public.mv;
DROP EXTENSION hstore;
DROP EXTENSION IF EXISTS hstore;
DROP SERVER srv;
DROP SERVER srv CASCADE;
EOF

begin "drop: DROP TRIGGER (a partitioned table's takes its partitions'), POLICY, RULE, MATERIALIZED VIEW, EXTENSION, SERVER"
run inspect drop-parts.sql --format json
status 0
err_prefix "drop-parts.sql:19:" "trigger nope on table public.t does not exist"
err_prefix "drop-parts.sql:21:" "policy nope on table public.t does not exist"
err_prefix "drop-parts.sql:23:" "rule nope on table public.t does not exist"
err_prefix "drop-parts.sql:25:" "public.mv is not a view"
err_prefix "drop-parts.sql:26:" "public.v is not a materialized view"
err_prefix "drop-parts.sql:28:" "extension hstore dropped"
err_prefix "drop-parts.sql:30:" "cannot drop server srv: foreign table public.ft depends on it"
grep -Eq "drop-parts.sql:(18|29):" err && problem "DROP IF EXISTS of nothing warned"
json '[t["name"] for t in d["triggers"]] == ["t2"]' "t1 and pt_trg (with its partition's clone) are gone"
json '[p["name"] for p in d["policies"]] == ["p2"]' "p1 is gone"
json '[o["name"] for o in d["objects"] if o["kind"] == "rule"] == ["r2"]' "r1 is gone"
json '[v["name"] for v in d["views"]] == ["v"]' "mv is gone, v stays"
json 'd["extensions"] == []' "hstore is gone"
json '[t["name"] for t in d["tables"]] == ["pt", "pt_1", "t"]' "the foreign table went with its server"
json 'not any(o["kind"] == "server" for o in d["objects"])' "the server is gone"
end

cat >drop-clean.sql <<'EOF'
DROP TRIGGER IF EXISTS trg ON public.t;
DROP POLICY IF EXISTS p ON public.t;
DROP FUNCTION IF EXISTS public.f();
DROP TYPE IF EXISTS public.e;
DROP DOMAIN IF EXISTS public.d;
DROP SCHEMA IF EXISTS s;
DROP EXTENSION IF EXISTS hstore;
DROP AGGREGATE IF EXISTS public.a(integer);
DROP OPERATOR IF EXISTS public.=== (integer, integer);
DROP COLLATION IF EXISTS public.c;
DROP SERVER IF EXISTS srv;
CREATE TYPE public.e AS ENUM ('a');
CREATE TABLE public.t (id integer);
EOF

begin "drop: pg_dump --clean --if-exists's DROPs before the objects exist are silent"
run inspect drop-clean.sql --format json
status 0
[ -s err ] && problem "warned: $(head -c 300 err)"
json '[t["name"] for t in d["types"]] == ["e"]' "type e is created after its DROP IF EXISTS"
end

cat >fdw-cols.sql <<'EOF'
CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER srv FOREIGN DATA WRAPPER w;
CREATE FOREIGN TABLE public.ft (a integer OPTIONS (column_name 'x', "odd|`" 'it''s'), b text, "C" integer, d integer OPTIONS (column_name 'd1')) SERVER srv OPTIONS (table_name 'y');
ALTER FOREIGN TABLE public.ft ALTER COLUMN b OPTIONS (ADD column_name 'bee');
ALTER FOREIGN TABLE public.ft ALTER COLUMN a OPTIONS (SET column_name 'z', DROP "odd|`");
ALTER FOREIGN TABLE public.ft ALTER COLUMN "C" OPTIONS (ADD "<b>x</b>" '<script>|`');
ALTER FOREIGN TABLE public.ft ALTER COLUMN d OPTIONS (DROP column_name);
ALTER FOREIGN TABLE public.ft ALTER COLUMN a OPTIONS (DROP nope);
ALTER FOREIGN TABLE public.ft ALTER COLUMN a OPTIONS (ADD column_name 'twice');
ALTER FOREIGN TABLE public.ft OPTIONS (ADD schema_name 'r', SET table_name 'yy');
CREATE TABLE public.plain (a integer);
EOF

begin "fdw: a foreign table's column OPTIONS, then ADD / SET / DROP, in the JSON; a bad one is PostgreSQL's error and changes nothing"
run inspect fdw-cols.sql --format json
status 0
json '{c["name"]: c["foreign_options"] for c in d["tables"][0]["columns"]} == {"a": "column_name '"'z'"'", "b": "column_name '"'bee'"'", "C": "<b>x</b> '"'<script>|\`'"'", "d": None}' "column options after the ALTERs"
json 'd["tables"][0]["foreign_options"] == "table_name '"'yy'"', schema_name '"'r'"'"' "table options: SET in place, ADD at the end"
json 'd["tables"][1]["columns"][0]["foreign_options"] is None' "a plain table's column has none"
err_prefix "fdw-cols.sql:8:" 'option "nope" of column a of public.ft not found'
err_prefix "fdw-cols.sql:9:" 'option "column_name" of column a of public.ft provided more than once'
[ "$(grep -c warning err)" -eq 2 ] || problem "expected two warnings, got: $(tr '\n' ' ' <err | cut -c1-300)"
end

begin "fdw: column OPTIONS in text and Markdown, inert there"
run inspect fdw-cols.sql --format text
status 0
out_has "^    a +integer +null +options \(column_name 'z'\)$"
grep -q "^    plain.*options" out && problem "a plain column shows options"
run inspect fdw-cols.sql --format markdown
status 0
grep -qF 'Column `a` options: `column_name '"'z'"'`.' out || problem "Markdown lacks column a's options"
grep -qF 'Column `"C"` options: ``<b>x</b> '"'<script>|\`'"'``.' out || problem "Markdown lacks column C's options as an inert code span: $(grep -F 'Column `"C"`' out)"
end

cat >defacl.sql <<'EOF'
CREATE SCHEMA app;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO reader;
ALTER DEFAULT PRIVILEGES FOR ROLE "Owner|`x`" REVOKE ALL ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT USAGE ON TYPES TO reader;
ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE USAGE ON TYPES FROM reader;
ALTER DEFAULT PRIVILEGES FOR ROLE owner, other IN SCHEMA app GRANT INSERT ON TABLES TO "<script>" WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SCHEMAS TO reader;
CREATE TABLE app.by_script (id integer);
SET ROLE owner;
CREATE TABLE app.by_owner (id integer);
CREATE TABLE public.elsewhere (id integer);
RESET ROLE;
CREATE TABLE public.outside (id integer);
EOF

begin "defacl: ALTER DEFAULT PRIVILEGES as pg_default_acl rows; a REVOKE back to the default leaves none; IN SCHEMA ON SCHEMAS is PostgreSQL's error"
run inspect defacl.sql --format json
status 0
json '[(x["role"], x["schema"], x["object_kind"]) for x in d["default_privileges"]] == [(None, "app", "tables"), ("Owner|`x`", None, "functions"), ("other", "app", "tables"), ("owner", "app", "tables")]' "the rows, sorted (the types row went back to the default)"
json 'd["default_privileges"][1]["grants"] == [{"grantee": "Owner|`x`", "privileges": "ALL", "grant_option": False}]' "PUBLIC's EXECUTE revoked: only the role's own ALL is left"
json 'd["default_privileges"][3]["grants"] == [{"grantee": "<script>", "privileges": "INSERT", "grant_option": True}]' "with grant option"
err_prefix "defacl.sql:7:" "cannot use IN SCHEMA clause"
end

begin "defacl: tables created later get the defaults of the role creating them, in that schema only"
run inspect defacl.sql --format json
status 0
json '{t["name"]: [(g["grantee"], g["privileges"]) for g in t["grants"]] for t in d["tables"]} == {"by_script": [("reader", "SELECT")], "by_owner": [("<script>", "INSERT")], "elsewhere": [], "outside": []}' "grants of the tables created after the defaults"
end

begin "defacl: text and Markdown list the default privileges, names quoted and inert"
run inspect defacl.sql --format text
status 0
out_has '^  for role "Owner\|`x`" on functions: "Owner\|`x`" ALL$'
out_has '^  for role \(the script.s role\) in schema app on tables: reader SELECT$'
run inspect defacl.sql --format markdown
status 0
out_has '^### Default privileges$'
grep -qF '| `owner` | `app` | tables | `"<script>"`: INSERT (with grant option) |' out || problem "Markdown row: $(grep -F '`owner`' out)"
grep -qF '``"Owner|`x`"``' out || grep -qF '"Owner\|`x`"' out || problem "the role is not an inert code span: $(grep -F 'Owner' out | head -3)"
end

begin "defacl: a dump without ALTER DEFAULT PRIVILEGES has none"
run inspect small.sql --format json
status 0
json 'd["default_privileges"] == []' "no default privileges"
run inspect small.sql --format markdown
grep -q "Default privileges" out && problem "Markdown shows default privileges"
end

cat >setrole.sql <<'EOF'
SET SESSION AUTHORIZATION 'alice';
CREATE TABLE public.a (id integer);
CREATE TABLE public.b (id integer);
ALTER TABLE public.b OWNER TO bob;
RESET SESSION AUTHORIZATION;
CREATE TABLE public.c (id integer);
SET ROLE carol;
CREATE TABLE public.d (id integer);
SET ROLE NONE;
CREATE TABLE public.e (id integer);
EOF

begin "setrole: what SET SESSION AUTHORIZATION or SET ROLE's role creates is its own; RESET and NONE end it"
run inspect setrole.sql --format json
status 0
json '{t["name"]: t["owner"] for t in d["tables"]} == {"a": "alice", "b": "bob", "c": None, "d": "carol", "e": None}' "owners"
end

cat >quote.sql <<'EOF'
CREATE SCHEMA "My|Schema";
CREATE SCHEMA plain;
CREATE TYPE "My|Schema"."Odd`Type" AS ENUM ('a');
CREATE FUNCTION "My|Schema"."Fn<script>"(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION plain.fn(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
ALTER FUNCTION "My|Schema"."Fn<script>"(integer) OWNER TO "Role|x";
ALTER FUNCTION plain.fn(integer) OWNER TO alice;
GRANT EXECUTE ON FUNCTION "My|Schema"."Fn<script>"(integer) TO "Grantee`y";
GRANT EXECUTE ON FUNCTION plain.fn(integer) TO bob;
CREATE OPERATOR "My|Schema".~<< (LEFTARG = integer, RIGHTARG = integer, FUNCTION = "My|Schema"."Fn<script>");
CREATE OPERATOR plain.~<< (LEFTARG = integer, RIGHTARG = integer, FUNCTION = plain.fn);
ALTER OPERATOR "My|Schema".~<< (integer, integer) OWNER TO "Role|x";
ALTER OPERATOR plain.~<< (integer, integer) OWNER TO alice;
CREATE CAST (text AS "My|Schema"."Odd`Type") WITH INOUT;
EOF

begin "quote: Markdown names operators, casts and the owners table's functions and roles as psql takes them, inert"
run inspect quote.sql --format markdown
status 0
grep -qF -- '- `"My|Schema".~<<(integer, integer)`, owner `"Role|x"`' out || problem "operator: $(grep -F '~<<' out | head -2)"
grep -qF -- '- `plain.~<<(integer, integer)`, owner `alice`' out || problem "a plain operator got quotes: $(grep -F 'plain.~<<' out | head -1)"
grep -qF -- '- ``(text AS "My|Schema"."Odd`Type")``' out || problem "cast: $(grep -F '(text AS' out)"
grep -qF '| `"My\|Schema"."Fn<script>"(integer)` | function | `"Role\|x"` | `PUBLIC`: EXECUTE<br>``"Grantee`y"``: EXECUTE |' out || problem "function row: $(grep -F 'Fn<script>' out | tail -1)"
grep -qF '| `plain.fn(integer)` | function | `alice` | `PUBLIC`: EXECUTE<br>`bob`: EXECUTE |' out || problem "a plain function row: $(grep -F 'plain.fn' out | tail -1)"
grep -q '<script>' out && ! grep -q '`[^`]*<script>' out && problem "<script> outside a code span"
end

begin "quote: text names operators' owners and grantees as psql takes them; PUBLIC stays a keyword"
run inspect quote.sql --format text
status 0
out_has '^  "My\|Schema"\.~<<\(integer, integer\) \(owner "Role\|x"\)$'
out_has '^  plain\.~<<\(integer, integer\) \(owner alice\)$'
out_has '^  function "My\|Schema"\."Fn<script>"\(integer\): "Grantee`y" EXECUTE$'
out_has '^  function plain\.fn\(integer\): PUBLIC EXECUTE$'
end

cat >drop-table-objs.sql <<'EOF'
CREATE TABLE public.doomed (a integer, b integer);
CREATE TABLE public.kept (a integer, b integer);
CREATE RULE doomed_rule AS ON DELETE TO public.doomed DO INSTEAD NOTHING;
CREATE RULE kept_rule AS ON DELETE TO public.kept DO INSTEAD NOTHING;
CREATE STATISTICS public.doomed_stats ON a, b FROM public.doomed;
CREATE STATISTICS public.kept_stats ON a, b FROM public.kept;
DROP TABLE public.doomed;
EOF

begin "drop: DROP TABLE takes its rules and statistics objects along, not another table's"
run inspect drop-table-objs.sql --format json
status 0
json 'sorted(o["name"] for o in d["objects"]) == ["kept_rule", "kept_stats"]' "only the kept table's rule and statistics are left"
end

cat >defacl-filter.sql <<'EOF'
CREATE SCHEMA app;
CREATE SCHEMA other;
CREATE SCHEMA gone;
CREATE TABLE app.t (id integer);
CREATE TABLE other.t (id integer);
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA other GRANT SELECT ON TABLES TO reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA gone GRANT SELECT ON TABLES TO reader;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON SEQUENCES TO reader;
DROP SCHEMA gone;
EOF

begin "defacl: -n keeps the default privileges of the schemas it selects; DROP SCHEMA takes its own along"
run inspect defacl-filter.sql --format json
status 0
json '[x["schema"] for x in d["default_privileges"]] == [None, "app", "other"]' "all but gone's without a filter"
run inspect defacl-filter.sql --format json -n app
status 0
json '[x["schema"] for x in d["default_privileges"]] == ["app"]' "only app's with -n app"
end
