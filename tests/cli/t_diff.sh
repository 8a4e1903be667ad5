# tests/cli/t_diff.sh
#	pgbaseline diff OLD NEW (sourced by tests/cli/run.sh: its helpers and
#	$T): exit statuses as diff(1), the text, Markdown and JSON formats,
#	filters, --rename, --fail-on, --no-owners/--no-grants/--no-comments,
#	hostile names, -o, every sample and public dump the same as itself,
#	and baseline's readable refusal of dumps that differ.

cat >diff-old.sql <<'EOF2'
CREATE SCHEMA app;
CREATE TABLE public.users (id integer NOT NULL, name character varying(50), age integer, legacy text);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE public.users OWNER TO alice;
CREATE TABLE public.gone (a integer, b text);
CREATE TABLE app.keep (x integer);
CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
COMMENT ON TABLE public.users IS 'people';
EOF2
cat >diff-new.sql <<'EOF2'
CREATE SCHEMA app;
CREATE TABLE public.users (id integer NOT NULL, name text, age bigint NOT NULL, email text);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE public.users ADD CONSTRAINT age_ck CHECK (age > 0);
ALTER TABLE public.users OWNER TO bob;
CREATE TABLE public.gone2 (a integer, b text);
CREATE TABLE app.keep (x bigint);
CREATE TYPE public.mood AS ENUM ('sad', 'happy');
CREATE INDEX users_name ON public.users (name);
EOF2

begin "diff: the same dump is exit 0 and prints nothing"
run diff diff-old.sql diff-old.sql
status 0
[ -s out ] && problem "something printed for no difference"
[ -s err ] && problem "something on stderr"
end

begin "diff: different dumps are exit 1, per table, with hazards"
run diff diff-old.sql diff-new.sql
status 1
out_has '^--- diff-old\.sql$'
out_has '^\+\+\+ diff-new\.sql$'
out_has '^table public\.users: changed$'
out_has '^  ~ column age  \[table-rewrite, access-exclusive, not-null-scan\]$'
out_has '^      type: integer -> bigint$'
out_has '^  - column legacy  \[data-loss, possible-rename\]$'
out_has '^  \+ column email: text  \[possible-rename\]$'
out_has '^  \+ constraint age_ck: CHECK \(age > 0\)  \[validation-scan\]$'
out_has '^  \+ index users_name: USING btree \(name\)  \[index-build\]$'
out_has '^table public\.gone: dropped  \[data-loss, possible-rename\]$'
out_has "^~ type public\.mood  \[data-loss, recreate\]$"
out_has '^    owner: alice -> bob$'
out_has '^    comment: people -> \(none\)$'
out_has '^  data-loss: drops data$'
end

begin "diff: varchar to text and a longer varchar are no rewrite (look-alike)"
printf 'CREATE TABLE public.t (a character varying(5), b character varying(5));\n' >dv-old.sql
printf 'CREATE TABLE public.t (a text, b character varying(9));\n' >dv-new.sql
run diff dv-old.sql dv-new.sql
status 1
out_has '^  ~ column a$'
out_has '^  ~ column b$'
grep -q 'rewrite' out && problem "a binary-coercible change is called a rewrite"
end

begin "diff --format json: the documented contract"
run diff --format json diff-old.sql diff-new.sql
status 1
json 'd["format"] == "pgbaseline.diff/1" and d["version"] == 1'
json 'd["old"]["file"] == "diff-old.sql" and d["new"]["file"] == "diff-new.sql"'
json '[(c["kind"], c["action"], c["name"]) for c in d["changes"] if c["table"] == "users" and c["kind"] == "column"] == [("column", "alter", "age"), ("column", "add", "email"), ("column", "drop", "legacy"), ("column", "alter", "name")]'
json '[c for c in d["changes"] if c["name"] == "age"][0]["fields"] == [{"field": "type", "old": "integer", "new": "bigint"}, {"field": "not_null", "old": "false", "new": "true"}]'
json '[c for c in d["changes"] if c["name"] == "legacy"][0]["hazards"] == ["data-loss", "possible-rename"]'
json 'all(list(c["statements"]) == ["up", "down"] and all(isinstance(x, str) and x.endswith(";\n") for x in c["statements"]["up"] + c["statements"]["down"]) for c in d["changes"])' "statements are up and down lists of SQL"
json 'any("ALTER COLUMN age TYPE bigint" in x for x in [c for c in d["changes"] if c["name"] == "age"][0]["statements"]["up"])' "the type change's statement"
json 'list(d["changes"][0]) == ["kind", "object_kind", "action", "schema", "table", "name", "qualifier", "old_schema", "old_name", "fields", "hazards", "statements"]'
json 'd["summary"]["changes"] == len(d["changes"])'
end

begin "diff --format json of the same dump: a document with no changes, exit 0"
run diff --format json diff-old.sql diff-old.sql
status 0
json 'd["changes"] == [] and d["summary"]["changes"] == 0'
end

begin "diff --format markdown: a review document"
run diff --format md diff-old.sql diff-new.sql
status 1
out_has '^# Schema differences$'
out_has '^## Hazards$'
out_has '^## table public\.users$'
out_has '^\| changed \| column age \| type: integer → bigint<br>not\\_null: false → true \| table-rewrite, access-exclusive, not-null-scan \|$'
end

begin "diff: an unknown format and a missing dump are refused (exit 2)"
run diff --format sql2 diff-old.sql diff-new.sql
status 2
err_has 'unknown format'
run diff diff-old.sql
status 2
err_has 'two dumps'
run diff diff-old.sql nonexistent.sql
status 2
run diff - - 
status 2
err_has 'only one'
end

begin "diff: filters apply to both dumps"
run diff -n app diff-old.sql diff-new.sql
status 1
out_has '^table app\.keep$'
grep -q 'public' out && problem "-n app still shows public"
run diff -N app -T 'public.*' diff-old.sql diff-new.sql
status 1
out_has '^~ type public\.mood'
grep -q 'table ' out && problem "-T still shows tables"
run diff -t app.keep diff-old.sql diff-old.sql
status 0
end

begin "diff --no-owners --no-comments: those are no difference"
printf 'CREATE TABLE public.t (a integer);\nALTER TABLE public.t OWNER TO a;\nCOMMENT ON TABLE public.t IS $$x$$;\nGRANT SELECT ON public.t TO r;\n' >do-old.sql
printf 'CREATE TABLE public.t (a integer);\nALTER TABLE public.t OWNER TO b;\n' >do-new.sql
run diff do-old.sql do-new.sql
status 1
out_has 'owner: a -> b'
out_has 'grants: r=SELECT -> \(none\)'
run diff --no-owners --no-comments do-old.sql do-new.sql
status 1
grep -q 'owner' out && problem "--no-owners still shows the owner"
run diff --no-owners --no-comments --no-grants do-old.sql do-new.sql
status 0
[ -s out ] && problem "output with nothing different"
end

begin "diff --rename: a table and a column rename instead of drop and add"
printf 'CREATE TABLE public.a (x integer, y text);\n' >dr-old.sql
printf 'CREATE TABLE public.b (x integer, z text);\n' >dr-new.sql
run diff --rename public.a=b --rename public.a.y=z dr-old.sql dr-new.sql
status 1
out_has '^table public\.b: renamed from public\.a$'
out_has '^  > column y renamed to z$'
grep -Eq ': dropped|^  - |data-loss' out && problem "a hinted rename still a drop"
run diff --format json --rename public.a=public.b dr-old.sql dr-new.sql
status 1
json '[(c["action"], c["old_schema"], c["old_name"], c["name"]) for c in d["changes"] if c["kind"] == "table"] == [("rename", "public", "a", "b")]'
end

begin "diff --rename that matches nothing, or malformed: refused (exit 2)"
run diff --rename public.nope=other dr-old.sql dr-new.sql
status 2
err_has 'public\.nope=other matches no dropped table'
[ -s out ] && problem "a report written despite the unused hint"
run diff --rename public.a.nope=zz dr-old.sql dr-new.sql
status 2
err_has 'matches no dropped column'
run diff --rename a=b dr-old.sql dr-new.sql
status 2
err_has 'is not OLD=NEW'
end

begin "diff --fail-on: exit 4 for the named hazard, 1 for another (look-alike)"
run diff --fail-on data-loss diff-old.sql diff-new.sql
status 4
out_has 'data-loss'
run diff --fail-on data-loss dv-old.sql dv-new.sql
status 1
run diff --fail-on index-build,not-null-scan diff-old.sql diff-new.sql
status 4
run diff --fail-on any dv-old.sql dv-new.sql
status 1
run diff --fail-on any diff-old.sql diff-old.sql
status 0
run diff --fail-on nonsense diff-old.sql diff-new.sql
status 2
err_has 'unknown hazard'
end

begin "diff: hostile names stay exact and inert in text, Markdown and JSON"
cat >dh-old.sql <<'EOF2'
CREATE TABLE public."we""ird
name" ("col|`*_<b>" integer, "x" integer);
EOF2
cat >dh-new.sql <<'EOF2'
CREATE TABLE public."we""ird
name" ("col|`*_<b>" bigint);
EOF2
run diff dh-old.sql dh-new.sql
status 1
out_has '^table public\."we""ird\\nname"$'
out_has '^  ~ column "col\|`\*_<b>"  \['
[ "$(grep -c '' out)" -eq "$(grep -c '^' out)" ] || problem "line count"
run diff --format json dh-old.sql dh-new.sql
status 1
json '[c["table"] for c in d["changes"]] == ["we\"ird\nname", "we\"ird\nname"] and {c["name"] for c in d["changes"]} == {"col|`*_<b>", "x"}'
run diff --format markdown dh-old.sql dh-new.sql
status 1
grep -q '<b>' out && problem "raw HTML from a name in Markdown"
out_has 'col\\\|\\`\\\*\\_&lt;b&gt;'
end

begin "diff -o FILE: written whole, refused when it exists without --force"
run diff -o dd.txt diff-old.sql diff-new.sql
status 1
[ -s dd.txt ] || problem "dd.txt not written"
[ -s out ] && problem "stdout used with -o"
run diff -o dd.txt diff-old.sql diff-new.sql
status 2
err_has 'exists'
run diff --force -o dd.txt diff-old.sql diff-new.sql
status 1
end

begin "diff X X is exit 0 with no output for every sample and public dump"
for f in "$REPO"/samples/*.sql /work/shared/dumps/public/*.sql*; do
	[ -e "$f" ] || continue
	run diff -q "$f" "$f"
	[ "$ST" -eq 0 ] || problem "$(basename "$f"): exit $ST"
	[ -s out ] && problem "$(basename "$f"): output"
done
end

begin "diff: the sequence default bare or qualified (kanboard, sanbase2 9.6) is no difference"
printf 'SET search_path = public, pg_catalog;\nCREATE SEQUENCE currencies_id_seq;\nCREATE TABLE currencies (id integer DEFAULT nextval($$currencies_id_seq$$::regclass) NOT NULL);\n' >dn-old.sql
printf 'CREATE SEQUENCE public.currencies_id_seq;\nCREATE TABLE public.currencies (id integer DEFAULT nextval($$public.currencies_id_seq$$::regclass) NOT NULL);\n' >dn-new.sql
run diff dn-old.sql dn-new.sql
status 0
[ -s out ] && problem "a difference printed"
end

begin "baseline with dumps that differ: refused, every difference as diff's text"
mkdir -p db1 && (cd db1 && timeout 60 "$BIN" baseline --init ../diff-old.sql ../diff-new.sql >../out 2>../err); ST=$?
status 2
err_prefix "../diff-new.sql: error: the schema differs from ../diff-old.sql in "
err_has '^  ~ column age  \['
err_has '^      type: integer -> bigint$'
err_has '^table public\.gone: dropped'
err_has '^~ type public\.mood'
grep -q 'owner:' err && problem "baseline counts owners (its fingerprint leaves them out)"
[ -e db1/alembic ] && problem "something was written"
end

begin "diff --dbname: each pg_dumpall input read at that database; without it refused"
run diff --dbname shop "$REPO/tests/cli/data/dumpall-pg15.sql" "$REPO/tests/cli/data/dumpall-pg15.sql"
status 0
run diff "$REPO/tests/cli/data/dumpall-pg15.sql" diff-old.sql
status 2
err_has 'choose one with --dbname'
run diff --dbname crm "$REPO/tests/cli/data/dumpall-pg15.sql" diff-old.sql
status 2
err_has 'no .connect lines'
end

begin "diff --strict: exit 3 when a statement could not be parsed; without it the comparison stands"
printf 'CREATE TABLE public.t (a integer);\nCREATE FROBNICATOR x;\n' >ds-bad.sql
printf 'CREATE TABLE public.t (a integer);\n' >ds-good.sql
run diff --strict ds-bad.sql ds-good.sql
status 3
err_has 'could not be parsed'
run diff -q ds-bad.sql ds-good.sql
status 0
end

begin "diff reads any input inspect reads: standard input, gzip"
run_in diff-old.sql diff - diff-new.sql
status 1
out_has '^--- -$'
gzip -c diff-new.sql >diff-new.sql.gz
run diff diff-new.sql diff-new.sql.gz
status 0
[ -s out ] && problem "a compressed copy differs"
end
