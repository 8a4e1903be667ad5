# tests/cli/t_ddl_sql.sh
#	baseline --schema-sql, sourced by tests/cli/run.sh (its helpers and
#	$T): the schema SQL of every sample and public dump reads back as the
#	same model (self round trip through the DDL writer, include/ddl.h),
#	owners and grants only with --with-privileges, objects held only by
#	name refused unless --allow-incomplete, nothing overwritten without
#	--force, hostile names and bodies kept as data, and the same bytes on
#	every run.  tests/integration/test_schema_sql.py runs the SQL in
#	PostgreSQL 15.

ddl_dir() {
	rm -rf "$T/$1"
	mkdir -p "$T/$1"
	cd "$T/$1" || exit 1
}

DDL_SQL=alembic/versions/001_baseline_schema.sql

# ddl_same ORIG SQL [--with-privileges]: inspect JSON of ORIG and of SQL agree, apart from
# what the schema SQL leaves out (owners and grants unless --with-privileges, row counts,
# the source) and what
# the model holds only by name (base and shell types, subscriptions: listed as not written).
ddl_same() {
	"$BIN" inspect -q --format json "$1" >orig.json 2>/dev/null || problem "inspect $1 failed"
	"$BIN" inspect -q --format json "$2" >back.json 2>/dev/null || problem "inspect $2 failed"
	"$PY" - orig.json back.json "${3:-}" <<'EOF' >same.err 2>&1 || problem "models differ: $(head -c 600 same.err)"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
privileges = sys.argv[3] == "--with-privileges"
left_out = {"rows"} | (set() if privileges else {"owner", "grants", "acl_default", "default_privileges"})
def norm(x):
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items() if k not in left_out}
    if isinstance(x, list):
        return [norm(v) for v in x]
    return x
excepted = False
for d in (a, b):
    for k in ("source", "format", "unparsed", "unparsed_omitted", "summary"):
        d.pop(k, None)
    n = len(d["types"]) + len(d["objects"])
    d["types"] = [t for t in d["types"] if t["kind"] != "base"]
    d["objects"] = [o for o in d["objects"] if o["kind"] != "subscription"]
    excepted |= n != len(d["types"]) + len(d["objects"])
# The fingerprint counts what was excepted: not comparable then.
open("excepted", "w").write("yes" if excepted else "")
a, b = norm(a), norm(b)
for k in a:
    if a[k] != b.get(k):
        print("%s: %s\n  vs %s" % (k, json.dumps(a[k])[:250], json.dumps(b.get(k))[:250]))
        sys.exit(1)
EOF
}

# The revision's fingerprint line.
ddl_fingerprint() {
	grep -ho 'sha256v2:[0-9a-f]*' "$1"/alembic/versions/*.py 2>/dev/null | head -n 1
}

# ---- self round trip: every sample and public dump -------------------------

for ddl_dump in "$REPO"/samples/*.sql "$REPO"/tests/cli/data/objects.sql /work/shared/dumps/public/*.sql /work/shared/dumps/public/*.sql.gz; do
	[ -e "$ddl_dump" ] || continue
	case "$ddl_dump" in
	*pnnl-dms*) continue ;; # data only: no schema to baseline
	esac
	ddl_name=$(basename "$ddl_dump")
	begin "schema SQL of $ddl_name reads back as the same model and fingerprint"
	ddl_dir "rt-$ddl_name"
	run baseline -q --init --schema-sql --allow-incomplete --date 2026-01-01 "$ddl_dump"
	status 0
	[ -s "$DDL_SQL" ] || problem "no $DDL_SQL written"
	ddl_same "$ddl_dump" "$DDL_SQL"
	mkdir back && (cd back && "$BIN" baseline -q --init --date 2026-01-01 "../$DDL_SQL" >/dev/null 2>&1)
	fp1=$(ddl_fingerprint .)
	fp2=$(ddl_fingerprint back)
	[ -n "$fp1" ] && { [ -s excepted ] || [ "$fp1" = "$fp2" ]; } || problem "fingerprints differ: $fp1 vs $fp2"
	cd "$T" || exit 1
	end
done

cat >"$T/ddl-grants.sql" <<'EOF'
CREATE SCHEMA app;
ALTER SCHEMA app OWNER TO "own er";
CREATE TABLE app.t (id integer, "we;ird" text);
ALTER TABLE app.t OWNER TO "own er";
GRANT SELECT, INSERT ON TABLE app.t TO reader;
GRANT UPDATE ("we;ird") ON TABLE app.t TO "wri""ter" WITH GRANT OPTION;
CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS 'select 1';
REVOKE ALL ON FUNCTION app.f() FROM PUBLIC;
GRANT ALL ON FUNCTION app.f() TO reader;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO PUBLIC;
EOF
for ddl_dump in "$T/ddl-grants.sql" /work/shared/dumps/public/graphile-starter-schema.sql; do
	[ -e "$ddl_dump" ] || continue
	begin "schema SQL --with-privileges keeps owners and grants ($(basename "$ddl_dump"))"
	ddl_dir rt-priv
	run baseline -q --init --schema-sql --with-privileges --date 2026-01-01 "$ddl_dump"
	status 0
	! grep -q 'OWNER TO' "$ddl_dump" || grep -q 'OWNER TO' "$DDL_SQL" ||
		problem "no OWNER TO with --with-privileges"
	grep -q '^GRANT ' "$DDL_SQL" || problem "no GRANT with --with-privileges"
	grep -q '^REVOKE ALL ON FUNCTION' "$DDL_SQL" || problem "no REVOKE of a function's default EXECUTE"
	ddl_same "$ddl_dump" "$DDL_SQL" --with-privileges
	cd "$T" || exit 1
	end
done

begin "schema SQL without --with-privileges has no owners or grants (look-alike, ddl-grants.sql)"
ddl_dir rt-nopriv
run baseline -q --init --schema-sql --date 2026-01-01 "$T/ddl-grants.sql"
status 0
grep -Eq 'OWNER TO|^GRANT |^REVOKE ' "$DDL_SQL" && problem "owners or grants written without --with-privileges"
grep -q 'Owners and grants are left out' "$DDL_SQL" || problem "the header does not say owners and grants are left out"
cd "$T" || exit 1
end

# ---- the file, its options, its guards ---------------------------------------

begin "baseline without --schema-sql still records the schema (for verify); what it cannot write is a warning, not a refusal"
ddl_dir plain
run baseline --init "$T/small.sql"
status 0
[ -e "$DDL_SQL" ] || problem "no schema SQL: verify has nothing to compare with"
grep -q "^wrote $DDL_SQL\$" out || problem "the schema SQL is not among the files reported"
ddl_dir plain2
printf '%s\n' 'CREATE TYPE public.shell;' 'CREATE TABLE public.t (a integer);' >shell.sql
run baseline --init shell.sql
status 0
err_has 'leaves out 1 object'
run baseline --init --force --schema-sql shell.sql
status 2
err_has 'cannot create 1 object'
cd "$T" || exit 1
end

begin "the schema SQL is the same bytes on every run"
ddl_dir det
run baseline -q --init --schema-sql --date 2026-01-01 "$REPO/samples/shop-full.sql"
status 0
cp "$DDL_SQL" first.sql
run baseline -q --schema-sql --force --date 2026-01-01 "$REPO/samples/shop-full.sql"
status 0
cmp -s first.sql "$DDL_SQL" || problem "a second run wrote other bytes"
grep -qF 'DO $pgb$' "$DDL_SQL" || problem "no pre-flight block"
head -n 3 "$DDL_SQL" | grep -q 'schema SQL for revision 001_baseline' || problem "no header"
cd "$T" || exit 1
end

begin "an existing schema SQL is not overwritten without --force, nothing else is written"
ddl_dir noforce
run baseline -q --init --schema-sql "$T/small.sql"
status 0
echo "-- mine" >"$DDL_SQL"
rm -f alembic/versions/001_baseline_*.py
run baseline -q --schema-sql "$T/small.sql"
status 2
err_has 'exist|force'
[ "$(cat "$DDL_SQL")" = "-- mine" ] || problem "the schema SQL was overwritten"
ls alembic/versions/001_baseline_*.py >/dev/null 2>&1 && problem "the revision was written although the schema SQL was refused"
run baseline --schema-sql --force "$T/small.sql"
status 0
grep -q 'CREATE TABLE public.a' "$DDL_SQL" || problem "--force did not replace the schema SQL"
out_has "wrote $DDL_SQL"
out_has "ON_ERROR_STOP=1 -f $DDL_SQL"
cd "$T" || exit 1
end

ddl_shell() {
	cat >shell.sql <<'EOF'
CREATE TABLE public.t (id integer NOT NULL);
CREATE TYPE public."sh;ell";
CREATE TYPE public.box2 (INPUT = box2_in, OUTPUT = box2_out);
EOF
}

begin "baseline --schema-sql refuses objects it cannot write, naming them, writing nothing"
ddl_dir incomplete
ddl_shell
run baseline --init --schema-sql shell.sql
status 2
err_prefix "shell.sql:" 'only by name'
err_has 'type public\."sh;ell"'
err_has 'type public\.box2'
err_has 'allow-incomplete'
[ -e alembic/versions ] && problem "files written although refused"
cd "$T" || exit 1
end

begin "baseline --schema-sql --allow-incomplete lists them at the top and warns"
ddl_dir incomplete-ok
ddl_shell
run baseline --init --schema-sql --allow-incomplete shell.sql
status 0
err_has 'leaves out 2 objects'
sed -n '1,/^BEGIN;/p' "$DDL_SQL" | grep -q '^--     type public\."sh;ell"' || problem "the header does not list the shell type"
grep -q 'CREATE TABLE public.t' "$DDL_SQL" || problem "the table is not written"
cd "$T" || exit 1
end

begin "--allow-incomplete without --schema-sql: usage error, nothing written; --with-privileges alone applies to the recorded schema"
ddl_dir alone
run baseline --init --allow-incomplete "$T/small.sql"
status 2
err_has 'allow-incomplete.*--schema-sql'
[ -e alembic ] && problem "files written"
run baseline --init --with-privileges "$T/small.sql"
status 0
grep -q 'Owners and grants are left out' "$DDL_SQL" && problem "--with-privileges alone was ignored"
cd "$T" || exit 1
end

begin "a schema SQL with nothing unwritable needs no --allow-incomplete (look-alike)"
ddl_dir complete
run baseline --init --schema-sql "$T/small.sql"
status 0
grep -q 'INCOMPLETE' "$DDL_SQL" && problem "a complete schema is called incomplete"
cd "$T" || exit 1
end

# ---- hostile names, comments and bodies --------------------------------------

begin "hostile names, comments and function bodies are data in the schema SQL"
ddl_dir hostile
cp "$REPO/tests/integration/data/ddl-hostile.sql" h.sql
run baseline -q --init --schema-sql h.sql
status 0
ddl_same h.sql "$DDL_SQL"
# The pre-flight's dollar quote is not the one a table name holds.
grep -qF 'DO $pgb1$' "$DDL_SQL" || problem "the pre-flight uses a dollar tag that a name holds"
# Nothing of a comment escapes its literal onto a line of SQL of its own.
grep -q '^second line' "$DDL_SQL" && ! grep -q "^second line';" "$DDL_SQL" && problem "the comment's second line is not in its literal"
cd "$T" || exit 1
end

begin "statements kept as written (BEGIN ATOMIC) and later ALTERs end once, in order"
ddl_dir atomic
cat >a.sql <<'EOF2'
CREATE TABLE public.t (id integer);
CREATE FUNCTION public.atomic(x integer) RETURNS integer LANGUAGE sql
BEGIN ATOMIC
 SELECT x + 1; -- one; more
END;
ALTER FUNCTION public.atomic(integer) SECURITY DEFINER;
CREATE AGGREGATE public.agg(integer) (SFUNC = int4pl, STYPE = integer);
COMMENT ON AGGREGATE public.agg(integer) IS 'agg';
CREATE RULE r AS ON INSERT TO public.t DO INSTEAD NOTHING;
CREATE TRIGGER "tr;g" BEFORE UPDATE OF id ON public.t FOR EACH ROW WHEN (new.id > 0)
    EXECUTE FUNCTION public."f$$x"('a''b');
EOF2
run baseline -q --init --schema-sql a.sql
status 0
ddl_same a.sql "$DDL_SQL"
grep -q ';;' "$DDL_SQL" && problem "a statement ends twice (;;)"
grep -q '^ALTER FUNCTION public.atomic(int) SECURITY DEFINER;$' "$DDL_SQL" || problem "the ALTER FUNCTION is not written after the function"
grep -qF 'EXECUTE FUNCTION public."f$$x"(' "$DDL_SQL" || problem "the trigger's function name is not quoted"
cd "$T" || exit 1
end
