# tests/cli/t_models.sh
#	pgbaseline models, sourced by tests/cli/run.sh (its helpers and $T):
#	hostile names (quotes, keywords, `metadata`, non-ASCII, names that
#	differ only in case, dots, colons) give a module that compiles, loads
#	under SQLAlchemy and holds each name exactly; the docstring lists what
#	models cannot express and include_object leaves those tables out;
#	-o refuses to overwrite without --force; baseline --init --models wires
#	the module into env.py.  tests/integration/test_models.py runs
#	Alembic's autogenerate against the models on PostgreSQL 15.

cat >"$T/models_hostile.sql" <<'EOF_SQL'
CREATE SCHEMA "Sch""ema";
CREATE SCHEMA "class";
CREATE TYPE public."mo'od" AS ENUM ('a''b', 'x"y', 'new
line');
CREATE TABLE public.metadata (
    "class" integer NOT NULL,
    registry text DEFAULT 'it''s :name here'::text,
    "Registry" text,
    "ünï" public."mo'od",
    "a.b" text,
    "x""y" text,
    "def" text,
    CONSTRAINT "pk""q" PRIMARY KEY ("class")
);
COMMENT ON TABLE public.metadata IS '"""; import os #
second line \n';
CREATE TABLE public."Metadata" ("ID" integer);
CREATE TABLE "Sch""ema"."tab.le" ("k" integer NOT NULL PRIMARY KEY, ref integer);
CREATE TABLE "class"."import" ("k" integer);
ALTER TABLE ONLY "Sch""ema"."tab.le" ADD CONSTRAINT "fk.1" FOREIGN KEY (ref) REFERENCES public.metadata("class");
CREATE INDEX "ix:1" ON public.metadata USING btree (lower(registry)) WHERE ("Registry" > ':x');
CREATE TABLE public.events (id integer, at date) PARTITION BY RANGE (at);
CREATE TABLE public."events 2024" PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.ev2 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') PARTITION BY LIST (id);
CREATE TABLE public.parent (id integer);
CREATE TABLE public.child (extra text) INHERITS (public.parent);
CREATE VIEW public."v'iew" AS SELECT 1 AS one;
CREATE MATERIALIZED VIEW public.mv AS SELECT 1 AS one;
CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER "trg""1" BEFORE INSERT ON public.metadata FOR EACH ROW EXECUTE FUNCTION public.f();
CREATE POLICY "pol'1" ON public.metadata USING (true);
EOF_SQL

# models_check PYTHON: the module in m.py compiles, loads, and the expression over m holds
models_check() {
	"$PY" - "$1" <<'EOF_PY' || problem "models.py: $1"
import importlib.util, sys, warnings
warnings.simplefilter("ignore")
spec = importlib.util.spec_from_file_location("m", "m.py")
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
t = m.metadata.tables
sys.exit(0 if eval(sys.argv[1]) else 1)
EOF_PY
}

begin "models: hostile names give a module that compiles and loads with every name exact"
cd "$T" || exit 1
run models models_hostile.sql
status 0
cp out m.py
"$PY" -c 'import sys; compile(open("m.py", encoding="utf-8").read(), "m.py", "exec")' 2>/dev/null ||
	problem "not valid Python"
if "$PY" -m pyflakes --version >/dev/null 2>&1; then
	"$PY" -m pyflakes m.py >/dev/null 2>&1 || problem "pyflakes complains"
fi
models_check 'sorted(t) == sorted(["metadata", "Metadata", "Sch\"ema.tab.le", "class.import", "events", "parent"])'
models_check '[c.name for c in t["metadata"].c] == ["class", "registry", "Registry", "ünï", "a.b", "x\"y", "def"]'
models_check 't["metadata"].comment == "\"\"\"; import os #\nsecond line \\n"'
models_check 'str(t["metadata"].c["registry"].server_default.arg.compile()) == "'"'it''s :name here'"'::text"'
models_check 'm.ENUMS[0].enums == ["a'"'"'b", "x\"y", "new\nline"] and m.ENUMS[0].name == "mo'"'"'od"'
models_check '[k.name for k in t["Sch\"ema.tab.le"].foreign_key_constraints] == ["fk.1"]'
models_check 'list(t["Sch\"ema.tab.le"].foreign_key_constraints)[0].elements[0].column is t["metadata"].c["class"]'
models_check '[i.name for i in t["metadata"].indexes] == ["ix:1"]'
models_check '"Registry" in str(list(t["metadata"].indexes)[0].dialect_options["postgresql"]["where"].compile())'
models_check 't["metadata"].primary_key.name == "pk\"q"'
end

begin "models: the docstring lists what models cannot express; include_object leaves those tables out"
cd "$T" || exit 1
run models models_hostile.sql
status 0
cp out m.py
models_check '"- partition public.\"events 2024\" of public.events" in m.__doc__'
models_check '"- inheritance child public.child (INHERITS public.parent)" in m.__doc__'
models_check '"- partition public.ev2 of public.events (the parent is modelled)" in m.__doc__ and "ev2" not in t'
models_check '"- view public.\"v'"'"'iew\"" in m.__doc__ and "- materialized view public.mv" in m.__doc__'
models_check '"- function public.f()" in m.__doc__'
models_check '"- trigger \"trg\"\"1\" on public.metadata" in m.__doc__'
models_check '"- policy \"pol'"'"'1\" on public.metadata" in m.__doc__'
models_check '"events 2024" not in t and "child" not in t and "events" in t and "parent" in t'
models_check 'm.include_object(type("T", (), {"schema": None})(), "events 2024", "table", True, None) is False'
models_check 'm.include_object(type("T", (), {"schema": None})(), "child", "table", True, None) is False'
models_check 'm.include_object(type("T", (), {"schema": None})(), "events", "table", True, None) is True'
end

begin "models -o: written whole, not overwritten without --force; --format python only"
cd "$T" || exit 1
rm -f mo.py
run models -o mo.py models_hostile.sql
status 0
[ -s mo.py ] || problem "mo.py not written"
echo keep >mo.py
run models -o mo.py models_hostile.sql
status 2
[ "$(cat mo.py)" = keep ] || problem "mo.py overwritten without --force"
run models -o mo.py --force models_hostile.sql
status 0
grep -q '^metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)$' mo.py || problem "--force did not replace mo.py"
run models --format python models_hostile.sql
status 0
run models --format text models_hostile.sql
status 2
end

begin "baseline --init --models: models.py beside env.py, which compares against it"
rm -rf "$T/mproj" && mkdir "$T/mproj" && cd "$T/mproj" || exit 1
run baseline --init --models --date 2026-01-01 ../models_hostile.sql
status 0
[ -f alembic/models.py ] || problem "alembic/models.py not written"
grep -q '^wrote alembic/models.py$' out || problem "models.py not reported"
grep -q '^target_metadata = models.metadata$' alembic/env.py || problem "env.py does not use the models"
for opt in 'compare_type=models.compare_type' 'compare_server_default=models.compare_server_default' \
	'include_schemas=True'; do
	[ "$(grep -c "            $opt,\$" alembic/env.py)" -eq 1 ] || problem "env.py online lacks $opt"
done
grep -q 'return models.include_object(object, name, type_, reflected, compare_to)' alembic/env.py ||
	problem "env.py's include_object does not ask the models"
"$PY" -c 'import sys; compile(open("alembic/env.py").read(), "env.py", "exec")' 2>/dev/null ||
	problem "env.py is not valid Python"
run baseline --init --date 2026-01-01 ../models_hostile.sql
status 2
cd "$T" || exit 1
end

begin "baseline without --models: env.py as before, no models.py"
rm -rf "$T/mproj2" && mkdir "$T/mproj2" && cd "$T/mproj2" || exit 1
run baseline --init --date 2026-01-01 ../models_hostile.sql
status 0
[ ! -e alembic/models.py ] || problem "models.py written without --models"
grep -q '^target_metadata = None$' alembic/env.py || problem "env.py changed without --models"
cd "$T" || exit 1
end
