#!/usr/bin/python3
"""test_models.py: the models of `pgbaseline models` are what the database holds.

For every sample, every public dump PostgreSQL 15 restores and the edge-case
fixture data/models_edge.sql:

1. restore the dump into a fresh database;
2. `pgbaseline baseline --init --models` in an empty project directory;
3. alembic/models.py passes py_compile and pyflakes, and its classes
   configure (sa.orm.configure_mappers(), SQLAlchemy's warnings as errors);
4. `alembic stamp 001_baseline`, then `alembic revision --autogenerate`:
   the generated revision's upgrade() and downgrade() hold no operation
   (only Alembic's `pass` between its comment lines).  THE test.
5. `metadata.create_all()` on an empty database (the samples and the
   fixture; for the other dumps, the restored dump with its modelled tables
   dropped, since models do not create the functions and types their
   defaults and indexes use) gives the same tables, columns (type, NOT NULL, default, identity,
   generated), constraints (pg_get_constraintdef) and indexes
   (pg_get_indexdef) as the restored dump, over the tables the models hold.

Dumps in KNOWN are reported, not failed, with the reason written next to
them.  Closes with `models: N passed, M failed`.

    /usr/bin/python3 tests/integration/test_models.py --bin build/pgbaseline [--only NAME]
"""
import glob
import json
import os
import py_compile
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import PgCluster, Script, script_main  # noqa: E402
import test_catalog  # noqa: E402  (the dumps, their roles and preparation)

REV = "001_baseline"
FIXTURE = HERE / "data" / "models_edge.sql"

# Dumps whose autogenerate still proposes operations, each with why.
KNOWN = {
}

# Differences create_all() cannot avoid, per dump: constraint or index name, or
# table.column -> why.
CREATE_ALL_KNOWN = {
    "pg15-edge-cases.sql": {
        "misc_id_uq": "NULLS NOT DISTINCT: SQLAlchemy 1.4 cannot say it (models.py says so)",
        "types.pi": "a column of a NOT NULL domain: the model says nullable=False, as "
                    "SQLAlchemy reflects it (autogenerate's silence), so create_all makes "
                    "the column NOT NULL itself",
    },
    "pgadmin4-schema-diff-source.sql": {
        "unique": "a UNIQUE constraint on the primary key's columns: PostgreSQL drops it "
                  "from a CREATE TABLE that has both (pg_dump adds it after), and "
                  "create_all writes one CREATE TABLE",
        "Exclusion": "WITH (fillfactor) of an exclusion constraint: neither the model nor "
                     "SQLAlchemy's ExcludeConstraint holds storage parameters",
    },
    "models_edge.sql": {
        "users_email_key": "SQLAlchemy 1.4's UniqueConstraint has no INCLUDE "
                           "(models.py says so in a comment)",
    },
}

# What create_all() needs that models do not create (composite types), per dump.
PRE_CREATE = {
    "models_edge.sql": ["CREATE TYPE public.pair AS (a integer, b text)",
                        "CREATE COLLATION public.mycoll (locale = 'C')"],
    "shop.sql": ["CREATE TYPE public.money_amount AS (currency character(3), cents bigint)"],
    "shop-full.sql": ["CREATE TYPE public.money_amount AS (currency character(3), cents bigint)"],
}

CREATE_ALL = r"""
import importlib.util, sys, warnings
import sqlalchemy as sa
warnings.simplefilter("ignore")
spec = importlib.util.spec_from_file_location("m", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
eng = sa.create_engine(sys.argv[2])
if sys.argv[3] == "dropped":
    # the dump is restored there: its modelled tables go, the rest stays
    with eng.begin() as conn:
        for t in m.metadata.tables.values():
            conn.exec_driver_sql("DROP TABLE IF EXISTS %s CASCADE" % ".".join(
                '"%s"' % p.replace('"', '""') for p in (t.schema, t.name) if p))
with eng.begin() as conn:
    for s in sorted({t.schema for t in m.metadata.tables.values() if t.schema}
                    | {q.schema for q in m.metadata._sequences.values() if q.schema}
                    | {e.schema for e in m.ENUMS if e.schema}):
        conn.exec_driver_sql('CREATE SCHEMA IF NOT EXISTS "%s"' % s.replace('"', '""'))
    for e in m.EXTENSIONS:
        conn.exec_driver_sql('CREATE EXTENSION IF NOT EXISTS "%s"' % e.replace('"', '""'))
    for stmt in sys.argv[4:]:
        conn.exec_driver_sql(stmt)
    for e in m.ENUMS:
        e.create(conn, checkfirst=True)
    m.metadata.create_all(conn)
print("\n".join(sorted("%s\t%s" % (t.schema or "public", t.name)
                       for t in m.metadata.tables.values())))
"""

# The mapped classes and their relationships configure, with SQLAlchemy's warnings as errors.
CONFIGURE = r"""
import importlib.util, sys, warnings
import sqlalchemy as sa
warnings.simplefilter("error", sa.exc.SAWarning)
spec = importlib.util.spec_from_file_location("m", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
sa.orm.configure_mappers()
classes = [c for c in m.Base.registry._class_registry.values() if isinstance(c, type)]
for c in classes:
    assert c.__table__ is m.metadata.tables[c.__table__.key], c
print(len(classes), "classes")
"""

# What the catalog says about a set of tables (their oids in a temp table `pick`).
Q_COLUMNS = """
SELECT n.nspname, c.relname, a.attname,
       format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) AS type,
       a.attnotnull, pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity, a.attgenerated,
       CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text
       END AS collation
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attnum > 0 AND NOT a.attisdropped AND (n.nspname, c.relname) IN (%s)
 ORDER BY 1, 2, a.attnum"""
Q_CONSTRAINTS = """
SELECT n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid) AS def
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE (n.nspname, c.relname) IN (%s)
   AND k.conparentid = 0  -- not PostgreSQL's copies of a key to a partitioned table
 ORDER BY 1, 2, 3"""
Q_INDEXES = """
SELECT n.nspname, c.relname, i.relname AS index, pg_get_indexdef(i.oid) AS def
  FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE (n.nspname, c.relname) IN (%s) ORDER BY 1, 2, 3"""


def sql_lit(s):
    return "'" + s.replace("'", "''") + "'"


class Run(Script):
    timeout = 900

    def main(self):
        found, notes = test_catalog.discover_dumps(None)
        for n in notes:
            print("note - %s" % n)
        found.append(("fixture/models_edge.sql", FIXTURE))
        only = os.environ.get("PGB_MODELS_ONLY")
        if only:
            found = [(lbl, p) for lbl, p in found if only in lbl]
        self.pyflakes = self.find_pyflakes()
        self.work = tempfile.mkdtemp(prefix="pgb-models-")
        os.chmod(self.work, 0o777)
        self.failing = []
        with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
            self.pg = pg
            for i, (label, path) in enumerate(found):
                self.one(i, label, path)
        if self.failing:
            print("failing dumps:")
            for label, why in self.failing:
                print("  %s: %s" % (label, why))

    def find_pyflakes(self):
        rc, _, _ = self.run([sys.executable, "-m", "pyflakes", "--version"])
        if rc != 0:
            print("note - pyflakes is not installed for %s (python3-pyflakes)" % sys.executable)
            return False
        return True

    def env(self, db):
        env = self.pg._env()
        env["DATABASE_URL"] = self.pg.sqlalchemy_url(db)
        return env

    def alembic(self, db, proj, *args):
        return self.run([sys.executable, "-m", "alembic"] + list(args), cwd=proj,
                        env=self.env(db))

    def json_rows(self, db, query):
        ok, out, err = self.pg.psql(db, "SELECT coalesce(json_agg(q), '[]') FROM (%s) q;"
                                    % query)
        if not ok:
            raise RuntimeError(err)
        return json.loads(out or "[]")

    def one(self, i, label, path):
        db = "models%d" % i
        ok, err = test_catalog.restore(self.pg, db, path)
        if not ok:
            print("skip - %s: not restorable: %s" % (label, err.strip().splitlines()[0][:160]))
            return
        proj = os.path.join(self.work, "proj%d" % i)
        os.mkdir(proj)
        rc, out, err = self.run([self.bin, "baseline", "--init", "--models", "--date",
                                 "2026-01-01", "-q", str(path)], cwd=proj)
        if rc != 0:
            self.fail("%s: baseline --init --models" % label, "exit %d\n%s" % (rc, err[:2000]))
            self.failing.append((label, "baseline exited %d" % rc))
            return
        models = os.path.join(proj, "alembic", "models.py")
        try:
            py_compile.compile(models, doraise=True)
            self.ok("%s: models.py compiles" % label)
        except py_compile.PyCompileError as e:
            self.fail("%s: models.py compiles" % label, str(e))
            self.failing.append((label, "py_compile"))
            return
        if self.pyflakes:
            rc, out, err = self.run([sys.executable, "-m", "pyflakes", models])
            self.result("%s: pyflakes finds nothing in models.py" % label, rc == 0, out + err)
        rc, out, err = self.run([sys.executable, "-c", CONFIGURE, models])
        self.result("%s: the mapped classes configure (configure_mappers, no warning)" % label,
                    rc == 0, (out + err)[-3000:])

        rc, out, err = self.alembic(db, proj, "stamp", REV)
        if rc != 0:
            self.fail("%s: alembic stamp" % label, err[-3000:])
            self.failing.append((label, "alembic stamp failed"))
            return
        self.autogenerate(label, db, proj, path)
        self.create_all(i, label, db, path, models)
        if label.startswith("fixture/"):
            self.existing_project(i, label, db, path)

    def existing_project(self, i, label, db, path):
        """`baseline --models` in a project of `alembic init`: env.py is left as it
        was, stderr says what to set in it, and env.py set so gives an empty
        autogenerate."""
        proj = os.path.join(self.work, "existing%d" % i)
        os.mkdir(proj)
        rc, out, err = self.run([sys.executable, "-m", "alembic", "init", "alembic"], cwd=proj)
        if rc != 0:
            self.fail("%s: alembic init" % label, err[-2000:])
            return
        env_py = Path(proj, "alembic", "env.py")
        before = env_py.read_text()
        rc, out, err = self.run([self.bin, "baseline", "--models", "--date", "2026-01-01",
                                 str(path)], cwd=proj)
        self.result("%s: baseline --models in an existing project" % label,
                    rc == 0 and Path(proj, "alembic", "models.py").is_file(), err[-2000:])
        self.result("%s: baseline --models leaves the project's env.py as it was" % label,
                    env_py.read_text() == before, "env.py changed")
        m = re.search(r"^alembic/env.py: not changed.*?set in it:\n(.*?)^and pass to both "
                      r"context.configure\(\) calls.*?:\n(.*?)^\(", err, re.S | re.M)
        self.result("%s: baseline --models says on stderr what to set in env.py" % label,
                    m is not None, err[-2000:])
        if m is None:
            return
        # env.py as the message says; Alembic's template passes target_metadata already
        setup = "\n".join(l[4:] for l in m.group(1).splitlines())
        kwargs = " ".join(l.strip() for l in m.group(2).splitlines())
        text = before.replace("target_metadata = None\n", setup + "\n")
        text = text.replace("target_metadata=target_metadata,", kwargs)
        text = text.replace("connection=connection, target_metadata=target_metadata",
                            "connection=connection, " + kwargs)
        env_py.write_text(text)
        ini = Path(proj, "alembic.ini")
        ini.write_text(ini.read_text().replace(
            "driver://user:pass@localhost/dbname",
            self.pg.sqlalchemy_url(db).replace("%", "%%")))
        rc, out, err = self.alembic(db, proj, "stamp", REV)
        if rc != 0:
            self.fail("%s: alembic stamp (existing project)" % label, err[-3000:])
            return
        self.autogenerate(label + " (existing project, env.py as told)", db, proj, path)

    def autogenerate(self, label, db, proj, path):
        rc, out, err = self.alembic(db, proj, "revision", "--autogenerate", "-m", "check")
        name = Path(label).name
        if rc != 0:
            why = "autogenerate exited %d: %s" % (rc, (err.strip().splitlines() or [""])[-1])
            if name in KNOWN:
                print("known - %s: %s" % (label, KNOWN[name]))
                return
            self.fail("%s: alembic revision --autogenerate" % label, err[-3000:])
            self.failing.append((label, why))
            return
        files = glob.glob(os.path.join(proj, "alembic", "versions", "*_check.py"))
        text = Path(files[0]).read_text() if len(files) == 1 else ""
        ops = []
        for fn in ("upgrade", "downgrade"):
            m = re.search(r"^def %s\(\)[^\n]*:\n(.*?)(?=^def |\Z)" % fn, text, re.S | re.M)
            body = m.group(1) if m else "<missing>"
            for line in body.splitlines():
                s = line.strip()
                if s and not s.startswith("#") and s != "pass" and not s.startswith('"""'):
                    ops.append("%s: %s" % (fn, s))
        good = len(files) == 1 and not ops
        if name in KNOWN:
            if good:
                print("ok - %s: autogenerate is now empty; take it out of KNOWN" % label)
                self.passed += 1
            else:
                print("known - %s: %s" % (label, KNOWN[name]))
            return
        self.result("%s: autogenerate against the models finds no operation" % label, good,
                    "%d operation lines:\n%s" % (len(ops), "\n".join(ops[:40])))
        if not good:
            self.failing.append((label, "%d operation lines, first: %s"
                                 % (len(ops), ops[0] if ops else "no revision file")))

    def create_all(self, i, label, db, path, models):
        """The samples and the fixture: create_all on an empty database (with
        PRE_CREATE).  The other dumps use functions, types and collations in
        their defaults, checks and indexes, which models do not create: the
        dump is restored, its modelled tables dropped (CASCADE), and
        create_all makes them again."""
        empty = "models_empty%d" % i
        mode = "empty"
        if label.startswith("samples/") or label.startswith("fixture/"):
            self.pg.createdb(empty)
        else:
            mode = "dropped"
            ok, err = test_catalog.restore(self.pg, empty, path)
            if not ok:
                self.fail("%s: restore for create_all" % label, err[-2000:])
                return
        rc, out, err = self.run([sys.executable, "-c", CREATE_ALL, models,
                                 self.pg.sqlalchemy_url(empty), mode]
                                + PRE_CREATE.get(Path(label).name, []), env=self.pg._env())
        if rc != 0:
            self.fail("%s: metadata.create_all() on an empty database" % label, err[-3000:])
            self.failing.append((label, "create_all: %s" % (err.strip().splitlines() or [""])[-1]))
            return
        tables = [tuple(line.split("\t")) for line in out.splitlines() if line]
        keys = ", ".join("(%s, %s)" % (sql_lit(s), sql_lit(t)) for s, t in tables) or "(NULL, NULL)"
        for what, q in (("columns", Q_COLUMNS), ("constraints", Q_CONSTRAINTS),
                        ("indexes", Q_INDEXES)):
            theirs = self.json_rows(db, q % keys)
            ours = self.json_rows(empty, q % keys)
            known = CREATE_ALL_KNOWN.get(Path(label).name, {})
            for name in sorted(known):
                if any(name in (r.get("conname"), r.get("index"),
                                "%s.%s" % (r.get("relname"), r.get("attname"))) for r in theirs):
                    print("known - %s: %s differs: %s" % (label, name, known[name]))
            for r in theirs:
                # what SQLAlchemy cannot say (models.py says so in a comment)
                for tail in (" NOT VALID", " NO INHERIT"):
                    if r.get("def", "").endswith(tail):
                        print("known - %s: %s is%s in the dump" % (label, r["conname"], tail))
                        r["def"] = r["def"][:-len(tail)]

            def key(r):
                return r.get("conname", r.get("index", "%s.%s" % (r.get("relname"),
                                                                   r.get("attname"))))
            a = {json.dumps(r, sort_keys=True) for r in theirs if key(r) not in known}
            b = {json.dumps(r, sort_keys=True) for r in ours if key(r) not in known}
            detail = "only in the dump:\n  %s\nonly from create_all:\n  %s" % (
                "\n  ".join(sorted(a - b)[:15]), "\n  ".join(sorted(b - a)[:15]))
            self.result("%s: create_all gives the dump's %s" % (label, what), a == b, detail)


def main(argv=None):
    return script_main("models", __doc__, Run, argv, keep_help="keep the cluster")


if __name__ == "__main__":
    sys.exit(main())
