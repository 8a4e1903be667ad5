# tests/cli/t_revision.sh
#	revision, sourced by tests/cli/run.sh (its helpers and $T): the next
#	Alembic revision of a baselined project from OLD to NEW, with
#	<rev>_schema.sql beside it; the module compiles and runs Alembic
#	operations and, for the rest, exactly the plan's statements (checked
#	with a stand-in for alembic.op); the same
#	inputs give the same bytes; every refusal (no project, no revision,
#	several heads, no change, a file or id taken, bad options) exits 2 and
#	writes nothing.  tests/integration/test_revision.py runs the revisions
#	with Alembic on PostgreSQL 15.

REV_DATA="$REPO/tests/integration/data/diff"

rev_v1='CREATE TABLE public.users (id bigint NOT NULL, email text NOT NULL, gone integer);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);'
rev_v2='CREATE TABLE public.users (id bigint NOT NULL, email text NOT NULL, phone text);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
CREATE TABLE public.orders (id bigint NOT NULL, user_id bigint);
ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);'

# A project baselined from v1.sql in $T/rproj (v2.sql beside it).
rev_project() {
	rm -rf "$T/rproj"
	mkdir -p "$T/rproj"
	cd "$T/rproj" || exit 1
	printf '%s\n' "$rev_v1" >v1.sql
	printf '%s\n' "$rev_v2" >v2.sql
	"$BIN" baseline --init --date 2026-01-01 v1.sql >/dev/null 2>baseline.err ||
		problem "baseline --init failed: $(cat baseline.err)"
}

# The files of the project, for "nothing written".
rev_listing() { find . -type f ! -name out ! -name err | LC_ALL=C sort; }

# rev_ops MODULE: run upgrade() and downgrade() of MODULE with a stand-in for
# alembic.op that prints each call, one a line as Python's repr: ("upgrade",
# "execute", statement) or ("upgrade", "drop_column", args, kwargs).
rev_ops() {
	mkdir -p stub/alembic
	cat >stub/alembic/__init__.py <<'PYEOF'
import contextlib, sys
class _Ctx:
    @contextlib.contextmanager
    def autocommit_block(self):
        print(repr((op.phase, "autocommit")))
        yield
class _Op:
    phase = ""
    def get_context(self):
        return _Ctx()
    def __getattr__(self, name):
        def call(*a, **kw):
            print(repr((self.phase, name, a, kw)))
        return call
op = _Op()
PYEOF
	PYTHONPATH=stub "$PY" - "$1" <<'PYEOF'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("rev", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
from alembic import op
for phase in ("upgrade", "downgrade"):
    op.phase = phase
    getattr(m, phase)()
PYEOF
}

begin "revision: writes the module and <rev>_schema.sql, down_revision the head, and the module compiles"
rev_project
run revision -m "add phone and orders" v1.sql v2.sql
status 0
mod=$(sed -n 's/^wrote \(.*\.py\)$/\1/p' out)
sql=$(sed -n 's/^wrote \(.*_schema\.sql\)$/\1/p' out)
case "$mod" in
alembic/versions/[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]_add_phone_and_orders.py) ;;
*) problem "module name: '$mod'" ;;
esac
[ "$sql" = "${mod%%_add_phone*}_schema.sql" ] || problem "schema SQL name: '$sql'"
[ -s "$sql" ] || problem "no schema SQL"
grep -q "^down_revision: .* = '001_baseline'$" "$mod" || problem "down_revision is not the head"
grep -q "Written by pgbaseline" "$mod" || problem "the docstring does not say pgbaseline wrote it"
grep -q "OLD: v1.sql" "$mod" && grep -q "NEW: v2.sql" "$mod" || problem "the docstring does not name OLD and NEW"
grep -q "column gone  \[data-loss\]" "$mod" || problem "the docstring lacks the change and its hazard"
"$PY" -m py_compile "$mod" 2>pyc.err || problem "does not compile: $(cat pyc.err)"
cd "$T" || exit 1
end

begin "revision: drops, the new table and its keys are Alembic operations, in the plan's order"
rev_project
run revision v1.sql v2.sql
status 0
mod=$(sed -n 's/^wrote \(.*\.py\)$/\1/p' out)
rev_ops "$mod" >ops.txt 2>ops.err || problem "running the module failed: $(head -c 500 ops.err)"
grep -qF "('upgrade', 'drop_column', ('users', 'gone'), {'schema': 'public'})" ops.txt ||
	problem "no op.drop_column for the dropped column: $(head -c 600 ops.txt)"
grep -qF "('downgrade', 'drop_table', ('orders',), {'schema': 'public'})" ops.txt ||
	problem "no op.drop_table in downgrade(): $(head -c 600 ops.txt)"
grep -qF "('upgrade', 'create_foreign_key', ('orders_user_id_fkey', 'orders', 'users', ['user_id'], ['id']), {'source_schema': 'public', 'referent_schema': 'public'})" ops.txt ||
	problem "no op.create_foreign_key for the foreign key: $(head -c 900 ops.txt)"
grep -q "^('upgrade', 'create_table', ('orders', Column('id', BigInteger(), table=None, nullable=False), Column('user_id', BigInteger(), table=None)), {'schema': 'public'})$" ops.txt ||
	problem "no op.create_table for the new table: $(head -c 900 ops.txt)"
# the table before its foreign key, as the plan runs them
[ "$(grep -n "'create_table'" ops.txt | cut -d: -f1)" -lt "$(grep -n "'create_foreign_key'" ops.txt | cut -d: -f1)" ] ||
	problem "the foreign key comes before its table"
grep -qF 'FOREIGN KEY' ops.txt && problem "the foreign key runs as SQL too"
grep -q "('upgrade', 'drop_constraint'" ops.txt && problem "an operation for a statement that is not one"
grep -qF "('downgrade', 'drop_constraint', ('orders_user_id_fkey', 'orders'), {'schema': 'public'})" ops.txt ||
	problem "no op.drop_constraint for the foreign key in downgrade()"
cd "$T" || exit 1
end

begin "revision: the same inputs write the same bytes; --rev names the revision"
rev_project
run revision -m same v1.sql v2.sql
status 0
cp out out1
mod=$(sed -n 's/^wrote \(.*\.py\)$/\1/p' out)
sql=$(sed -n 's/^wrote \(.*_schema\.sql\)$/\1/p' out)
cp "$mod" first.py
cp "$sql" first.sql
rm -f "$mod" "$sql"
run revision -m same v1.sql v2.sql
status 0
cmp -s out out1 || problem "other file names the second time"
cmp -s "$mod" first.py || problem "the module differs the second time"
cmp -s "$sql" first.sql || problem "the schema SQL differs the second time"
rm -f "$mod" "$sql"
run revision -m other v1.sql v2.sql
status 0
grep -q "^wrote $mod" out && problem "another message gave the same id"
rm -f alembic/versions/*_other.py alembic/versions/*_schema.sql
run revision --rev 002_next -m "next one" v1.sql v2.sql
status 0
out_has "^wrote alembic/versions/002_next_next_one\.py$"
out_has "^wrote alembic/versions/002_next_schema\.sql$"
grep -q "^revision: str = '002_next'$" alembic/versions/002_next_next_one.py || problem "--rev not the id"
cd "$T" || exit 1
end

begin "revision: verify finds NEW's schema in the new revision's record"
rev_project
run revision v1.sql v2.sql
status 0
run verify v2.sql
status 0
run verify v1.sql
status 1
cd "$T" || exit 1
end

begin "revision: a file there is refused without --force (nothing written), replaced with it"
rev_project
run revision --rev 002_x -m x v1.sql v2.sql
status 0
echo "keep me" >alembic/versions/003_y_schema.sql
before=$(rev_listing)
run revision --rev 003_y -m y v1.sql v2.sql
status 2
err_has "exists"
[ "$(rev_listing)" = "$before" ] || problem "something was written"
[ "$(cat alembic/versions/003_y_schema.sql)" = "keep me" ] || problem "overwritten without --force"
run revision --force --rev 003_y -m y v1.sql v2.sql
status 0
grep -q "keep me" alembic/versions/003_y_schema.sql && problem "--force did not replace it"
cd "$T" || exit 1
end

begin "revision: an id the project has already is refused"
rev_project
run revision --rev 001_baseline -m again v1.sql v2.sql
status 2
err_has "revision 001_baseline exists already"
cd "$T" || exit 1
end

begin "revision: OLD and NEW the same is refused, nothing written"
rev_project
before=$(rev_listing)
run revision v1.sql v1.sql
status 2
err_has "would change nothing"
[ "$(rev_listing)" = "$before" ] || problem "something was written"
cd "$T" || exit 1
end

begin "revision: no alembic.ini is refused"
rm -rf "$T/rnone" && mkdir -p "$T/rnone" && cd "$T/rnone" || exit 1
printf '%s\n' "$rev_v1" >v1.sql
printf '%s\n' "$rev_v2" >v2.sql
run revision v1.sql v2.sql
status 2
err_prefix "alembic.ini:" "no Alembic project here"
[ -e alembic ] && problem "something was written"
cd "$T" || exit 1
end

begin "revision: a project with no revision is refused, suggesting baseline"
rev_project
rm -f alembic/versions/*
run revision v1.sql v2.sql
status 2
err_has "no revision here.*pgbaseline baseline"
[ -z "$(ls alembic/versions)" ] || problem "something was written"
cd "$T" || exit 1
end

begin "revision: several heads are refused, each named"
rev_project
cat >alembic/versions/002_a_a.py <<'PYEOF'
revision = "002_a"
down_revision = "001_baseline"
PYEOF
cat >alembic/versions/002_b_b.py <<'PYEOF'
revision = "002_b"
down_revision = "001_baseline"
PYEOF
before=$(rev_listing)
run revision v1.sql v2.sql
status 2
err_has "2 heads \(002_a, 002_b\).*alembic merge"
[ "$(rev_listing)" = "$before" ] || problem "something was written"
cd "$T" || exit 1
end

begin "revision: usage errors (operands, --rev, -m, --rename) exit 2, nothing written"
rev_project
before=$(rev_listing)
run revision v1.sql
status 2
err_has "two dumps"
run revision --rev 'bad-id' v1.sql v2.sql
status 2
err_has "not usable"
run revision -m '' v1.sql v2.sql
status 2
err_has "needs a message"
run revision --rename public.nosuch=other v1.sql v2.sql
status 2
err_has "matches no dropped"
run revision - - 
status 2
[ "$(rev_listing)" = "$before" ] || problem "something was written"
cd "$T" || exit 1
end

begin "revision: the script location from --dir and alembic.ini's version_locations"
rev_project
mkdir -p elsewhere
sed -i 's|^\[alembic\]$|[alembic]\nversion_locations = elsewhere|' alembic.ini
mv alembic/versions/001_baseline_* elsewhere/
run revision --rev 002_loc -m loc v1.sql v2.sql
status 0
out_has "^wrote elsewhere/002_loc_loc\.py$"
cd "$T" || exit 1
end

begin "revision: hostile names compile and run as the plan's exact statements"
rev_project
cp "$REV_DATA/hostile/old.sql" h1.sql
cp "$REV_DATA/hostile/new.sql" h2.sql
run revision -m 'hostile "names"; $$ \ :x' h1.sql h2.sql
status 0
mod=$(sed -n 's/^wrote \(.*\.py\)$/\1/p' out)
"$PY" -m py_compile "$mod" 2>pyc.err || problem "does not compile: $(cat pyc.err)"
"$BIN" diff --format sql h1.sql h2.sql >up.sql 2>/dev/null
"$BIN" diff --format sql h2.sql h1.sql >down.sql 2>/dev/null
rev_ops "$mod" >ops.txt 2>ops.err || problem "running the module failed: $(head -c 500 ops.err)"
"$PY" - ops.txt up.sql down.sql <<'PYEOF' >check.err 2>&1 || problem "$(head -c 800 check.err)"
import ast, sys
calls = []
for l in open(sys.argv[1], encoding="utf-8"):
    try:
        calls.append(ast.literal_eval(l))
    except (ValueError, SyntaxError):  # an operation's SQLAlchemy objects (test_revision.py)
        pass
scripts = {"upgrade": open(sys.argv[2], encoding="utf-8").read(),
           "downgrade": open(sys.argv[3], encoding="utf-8").read()}
n = 0
for c in calls:
    if not isinstance(c, tuple) or len(c) < 3 or c[1] != "execute":
        continue
    stmt = c[2][0]
    if "pgbaseline.search_path" in stmt:
        continue
    # _execute escapes each colon for SQLAlchemy's text(), which takes the escape off
    stmt = stmt.replace("\\:", ":")
    if stmt + ";\n" not in scripts[c[0]]:
        print("%s runs a statement the plan does not hold: %r" % (c[0], stmt[:300]))
        sys.exit(1)
    n += 1
if n < 5:
    print("only %d statements ran" % n)
    sys.exit(1)
PYEOF
cd "$T" || exit 1
end
