# shellcheck shell=bash
# tests/cli/t_plan.sh: `diff --format sql`, the plan of a comparison: nothing
# for one schema, statements in dependency order inside one transaction,
# enum values added before it, a view dropped and made again around its
# column's new type, USING only where no assignment cast exists, hazards
# as comments that no name can end, the same bytes each run, and the JSON
# format's statements.  tests/integration/test_diff_roundtrip.py runs the
# scripts against PostgreSQL 15.  Sourced by tests/cli/run.sh.

# line_of PATTERN: the number of the first line of out matching PATTERN (grep -E), or 0.
line_of() {
	local n
	n=$(grep -nE -- "$1" out | head -n 1 | cut -d: -f1)
	echo "${n:-0}"
}
# before A B: the first line matching A comes before the first matching B (both there).
before() {
	local a b
	a=$(line_of "$1")
	b=$(line_of "$2")
	if [ "$a" -eq 0 ] || [ "$b" -eq 0 ] || [ "$a" -ge "$b" ]; then
		problem "want /$1/ (line $a) before /$2/ (line $b)"
	fi
}

cat >plan-a.sql <<'EOF'
CREATE TYPE public.mood AS ENUM ('sad', 'happy');
CREATE TYPE public.status AS ENUM ('new', 'legacy', 'done');
CREATE TABLE public.t (id integer NOT NULL, gone integer, s text, n integer, st public.status);
CREATE VIEW public.v AS
 SELECT t.id, t.n
   FROM public.t;
EOF
cat >plan-b.sql <<'EOF'
CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE public.status AS ENUM ('new', 'done');
CREATE TABLE public.t (id integer NOT NULL, s integer, n bigint, st public.status, m public.mood DEFAULT 'ok'::public.mood);
CREATE VIEW public.v AS
 SELECT t.id, t.n
   FROM public.t;
CREATE TABLE public.a (id integer NOT NULL, b_id integer);
CREATE TABLE public.b (id integer NOT NULL, a_id integer);
ALTER TABLE ONLY public.a ADD CONSTRAINT a_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.b ADD CONSTRAINT b_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.a ADD CONSTRAINT a_b_fkey FOREIGN KEY (b_id) REFERENCES public.b(id);
ALTER TABLE ONLY public.b ADD CONSTRAINT b_a_fkey FOREIGN KEY (a_id) REFERENCES public.a(id);
EOF

begin "plan: diff --format sql of one schema twice is exit 0 and writes nothing"
run diff --format sql plan-a.sql plan-a.sql
status 0
[ -s out ] && problem "wrote $(wc -c <out) bytes for no difference"
end

begin "plan: the script is one transaction after its settings, and exit 1"
run diff --format sql plan-a.sql plan-b.sql
status 1
out_has "^SELECT pg_catalog.set_config\('search_path', '', false\);$"
out_has "^SET check_function_bodies = false;$"
before "^BEGIN;$" "^COMMIT;$"
[ "$(grep -c '^BEGIN;$' out)" = 1 ] || problem "want one BEGIN"
[ "$(tail -n 1 out)" = "COMMIT;" ] || problem "the script does not end in COMMIT"
end

begin "plan: an added enum value comes before the transaction that uses it, with its neighbour"
run diff --format sql plan-a.sql plan-b.sql
status 1
out_has "^ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad';$"
before "ADD VALUE 'ok'" "^BEGIN;$"
before "^BEGIN;$" "SET DEFAULT 'ok'::public.mood|ADD COLUMN m public.mood"
end

begin "plan: a removed enum value makes the type again inside the transaction (look-alike of the added value)"
run diff --format sql plan-a.sql plan-b.sql
status 1
before "^BEGIN;$" "^ALTER TYPE public.status RENAME TO status_pgb_old;$"
out_has "ALTER COLUMN st TYPE public.status USING st::text::public.status;$"
before "RENAME TO status_pgb_old" "^DROP TYPE public.status_pgb_old;$"
grep -q "ADD VALUE 'legacy'\|ADD VALUE 'new'\|ADD VALUE 'done'" out && problem "a kept value was added again"
end

begin "plan: a view over a column whose type changes is dropped before and made again after"
run diff --format sql plan-a.sql plan-b.sql
status 1
before "^DROP VIEW public.v;$" "ALTER COLUMN n TYPE bigint"
before "ALTER COLUMN n TYPE bigint" "^CREATE VIEW public.v AS"
end

begin "plan: USING where no assignment cast exists (text to integer), none for integer to bigint"
run diff --format sql plan-a.sql plan-b.sql
status 1
out_has "ALTER COLUMN s TYPE integer USING s::integer;$"
out_has "ALTER COLUMN n TYPE bigint;$"
end

begin "plan: tables that reference each other are created first, their foreign keys after both"
run diff --format sql plan-a.sql plan-b.sql
status 1
before "^CREATE TABLE public.b " "ADD CONSTRAINT a_b_fkey FOREIGN KEY"
before "^CREATE TABLE public.a " "ADD CONSTRAINT b_a_fkey FOREIGN KEY"
before "ADD CONSTRAINT a_pkey PRIMARY KEY" "ADD CONSTRAINT a_b_fkey"
end

begin "plan: the reverse script drops in reverse (foreign keys, then tables) and says the data loss"
run diff --format sql plan-b.sql plan-a.sql
status 1
before "DROP CONSTRAINT a_b_fkey" "^DROP TABLE public.b;$"
out_has "^-- hazard data-loss: drop column public.t.m$"
out_has "^ALTER TABLE public.t ADD COLUMN gone integer;$"
end

begin "plan: the same comparison writes the same bytes"
run diff --format sql plan-a.sql plan-b.sql
cp out plan-run1
run diff --format sql plan-a.sql plan-b.sql
cmp -s out plan-run1 || problem "two runs differ"
end

cat >plan-h1.sql <<'EOF'
CREATE TABLE public.t (id integer, "gone
); DROP TABLE x; --" integer, plain integer);
EOF
cat >plan-h2.sql <<'EOF'
CREATE TABLE public.t (id integer);
EOF

begin "plan: a name with a newline ends no hazard comment (escaped), and is quoted in its statement"
run diff --format sql plan-h1.sql plan-h2.sql
status 1
grep -q '^); DROP TABLE x; --$' out && problem "the name's second line stands alone as SQL"
grep -qF -- '-- hazard data-loss: drop column public.t."gone\n); DROP TABLE x; --"' out ||
	problem "no escaped hazard comment"
grep -qF -- 'DROP COLUMN "gone' out || problem "the column is not quoted"
out_has "^-- hazard data-loss: drop column public.t.plain$"
end

begin "plan: the JSON format's changes carry their up and down statements"
run diff --format json plan-h1.sql plan-h2.sql
status 1
json "isinstance(d.get(\"changes\"), list)" "the JSON has its changes"
"$PY" - out <<'EOF' >plan-json 2>&1 || problem "statements: $(head -c 300 plan-json)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
plain = [c for c in d["changes"] if c.get("name") == "plain"]
assert plain, "no change for column plain"
st = plain[0]["statements"]
assert st["up"] == ["ALTER TABLE public.t DROP COLUMN plain;\n"], st
assert st["down"] == ["ALTER TABLE public.t ADD COLUMN plain integer;\n"], st
EOF
end

begin "plan: diff --format sql -o FILE writes the script, and refuses an existing FILE without --force"
rm -f plan-out.sql
run diff --format sql -o plan-out.sql plan-a.sql plan-b.sql
status 1
grep -q '^COMMIT;$' plan-out.sql || problem "no script in plan-out.sql"
run diff --format sql -o plan-out.sql plan-a.sql plan-b.sql
status 2
err_has "exists|force"
end

cat >plan-c1.sql <<'EOF'
CREATE TABLE public.t (a integer, c integer);
EOF
cat >plan-c2.sql <<'EOF'
CREATE TABLE public.t (a integer, b integer, c integer, z2 integer, z1 integer);
EOF

begin "plan: added columns come in the table's order, and one that cannot take its place says so (not one at the end)"
run diff --format sql plan-c1.sql plan-c2.sql
status 1
out_has "^-- column order: ADD COLUMN puts b after c \(PostgreSQL cannot move a column\)$"
before "ADD COLUMN b integer" "ADD COLUMN z2 integer"
before "ADD COLUMN z2 integer" "ADD COLUMN z1 integer"
grep -q "puts z" out && problem "a column added at the end has a column order comment"
end
