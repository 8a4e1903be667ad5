# tests/cli/t_rel.sh
#	The revision's Relationships section, sourced by tests/cli/run.sh (its
#	helpers and $T): when a table references another more than once, each
#	relationship names its key's columns; a single reference stays as it was.

cat >rel.sql <<'EOF2'
CREATE TABLE public.users (id integer PRIMARY KEY);
CREATE TABLE public.orders (
    id integer PRIMARY KEY,
    created_by integer REFERENCES public.users (id),
    "Updated By" integer REFERENCES public.users (id) ON DELETE SET NULL,
    user_id integer
);
CREATE TABLE public.notes (id integer PRIMARY KEY, user_id integer REFERENCES public.users (id));
EOF2

begin "baseline: a table related twice to another names each key's columns; one relation does not"
rm -rf rel-proj && mkdir rel-proj && cp rel.sql rel-proj/
(cd rel-proj && timeout -k 5 "$TMO" "$BIN" baseline --init --date 2026-01-01 rel.sql \
	</dev/null >../out 2>../err)
ST=$?
sanity
status 0
py=$(ls rel-proj/alembic/versions/001_baseline_*.py 2>/dev/null | head -1)
[ -n "$py" ] || problem "no revision written: $(cat err)"
grep -q -- '- users ← orders \[created_by\] (One-to-Many, NO ACTION)' "$py" ||
	problem "created_by's relationship lacks its column: $(grep -A6 'Relationships:' "$py" | tr '\n' '|')"
grep -q -- '- users ← orders \["Updated By"\] (One-to-Many, SET NULL)' "$py" ||
	problem "\"Updated By\"'s relationship lacks its (quoted) column"
grep -q -- '- users ← notes (One-to-Many, NO ACTION)' "$py" ||
	problem "notes' single relationship should name no column"
/usr/bin/python3 -c "import ast,sys; ast.parse(open(sys.argv[1]).read())" "$py" ||
	problem "the revision is not valid Python"
end
