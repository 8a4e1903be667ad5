#!/usr/bin/python3
"""test_revision: `pgbaseline revision OLD NEW` as Alembic runs it on PostgreSQL 15.

Usage: test_revision.py --bin PATH [--keep] [-v] [--only NAME[,NAME...]]

For each scenario of tests/integration/data/diff/ in SCENARIOS (columns,
keys and checks, indexes, views around a changed column, an enum value
added, a new table with a foreign key, renames with --rename hints,
hostile names; and colons and percent signs, which SQLAlchemy and
psycopg2 would read as parameters, in data/revision/colons; and the
same in every operation, with keywords, non-ASCII names, names that
differ only in case, quotes, `:x` and `%(y)s`, in data/revision/hostile_ops),
in one throwaway PostgreSQL 15 (pgharness) and the installed Alembic:

- project: old.sql restored; `baseline --init --dir alembic old.sql` and
  `alembic stamp 001_baseline`;
- revision: `revision -m MSG [args.up] old.sql new.sql` exits 0, writes the
  module and <rev>_schema.sql, and the module compiles (py_compile); run
  again with the same inputs (--force) it writes the same bytes;
- operations: the module (read with ast) calls the Alembic operations
  OPS gives for the scenario, and no statement that OPS says an operation
  writes runs through _execute();
- upgrade: `alembic upgrade head` exits 0 and `pgbaseline diff new.sql
  REDUMP` exits 0 (REDUMP: `pg_dump -s -O` of the database, Alembic's
  version table left out with -T);
- verify: `pgbaseline verify REDUMP` in the project exits 0;
- downgrade: `alembic downgrade -1` exits 0 and `diff old.sql REDUMP2`
  exits 0;
- offline: in a second database restored from old.sql and stamped,
  `alembic upgrade 001_baseline:head --sql` prints SQL that psql runs
  with ON_ERROR_STOP, after which `diff new.sql REDUMP3` exits 0; and
  `alembic downgrade head:001_baseline --sql` run on that database gives
  OLD back (`diff old.sql REDUMP4`).

A check that fails for a reason outside the revision is in KNOWN with the
reason and printed as `known -`, not counted.

Closing line: `revision: N passed, M failed`; exit status 1 when anything failed.
"""

import os
import py_compile
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import PgCluster, Script, script_exit, script_main  # noqa: E402
import test_catalog  # noqa: E402

DATA = HERE / "data" / "diff"
OWN = HERE / "data" / "revision"  # scenarios of this test's own
ROLES = {"pgb_reader", "pgb_writer"}
SCENARIOS = ["columns", "column_types", "defaults", "not_null", "keys", "checks",
             "foreign_keys", "indexes", "tables", "views", "view_definition", "enum_add",
             "enum_remove", "renames", "sequences", "hostile", "colons", "hostile_ops"]
BASE = "001_baseline"
VT = ["-T", "public.alembic_version"]

ORDER = "a dropped column added back comes last: ALTER TABLE cannot put it in its place"
KNOWN = {
    ("columns", "downgrade"): ORDER,
    ("hostile", "downgrade"): ORDER,
    ("columns", "offline downgrade"): ORDER,
    ("hostile", "offline downgrade"): ORDER,
}

# The Alembic operations each scenario's module must call, and the
# statements (by their start) that must not run through _execute(): an
# operation writes them.  What stays in _execute() is what Alembic has no
# operation for, or what SQLAlchemy 1.4 cannot write exactly (a collation,
# NOT VALID, INCLUDE or NULLS NOT DISTINCT on a key, an unlogged table, a
# USING that holds a '%', an identity's sequence).
ALTER_TABLE_OPS = ("ALTER TABLE public.", "ALTER TABLE ONLY public.", "ALTER TABLE \"")
OPS = {
    "columns": (["add_column", "drop_column"], ["ALTER TABLE"]),
    "column_types": (["alter_column:type_"], ["ALTER TABLE public.t ALTER COLUMN a TYPE"]),
    "defaults": (["alter_column:server_default"], ["ALTER TABLE"]),
    "not_null": (["alter_column:nullable"], ["ALTER TABLE"]),
    "keys": (["create_primary_key", "create_unique_constraint", "drop_constraint"],
             ["ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey", "ALTER TABLE public.t DROP"]),
    "checks": (["create_check_constraint", "drop_constraint"],
               ["ALTER TABLE public.t DROP", "ALTER TABLE public.t ADD CONSTRAINT t_a_pos"]),
    "foreign_keys": (["create_foreign_key", "create_table", "drop_table", "drop_constraint"],
                     ["CREATE TABLE", "DROP TABLE", "ALTER TABLE ONLY public.c ADD CONSTRAINT "
                      "c_p_fkey"]),
    "indexes": (["create_index", "drop_index"], ["CREATE INDEX", "CREATE UNIQUE INDEX",
                                                  "DROP INDEX"]),
    "tables": (["create_table", "drop_table", "create_primary_key", "create_foreign_key"],
               ["CREATE TABLE public.books", "CREATE TABLE public.obsolete", "DROP TABLE"]),
    "renames": (["rename_table", "alter_column:new_column_name"], ["ALTER TABLE public.t"]),
    "hostile": (["create_table", "add_column", "drop_column", "create_index",
                 "create_check_constraint", "create_primary_key"],
                ["CREATE TABLE", "CREATE INDEX", "DROP INDEX"] + list(ALTER_TABLE_OPS)),
    "colons": (["add_column", "drop_column", "alter_column:type_", "alter_column:server_default",
                "create_check_constraint", "drop_constraint", "create_index", "drop_index"],
               ["CREATE INDEX", "DROP INDEX", "ALTER TABLE \"s:x\".\"t:y\" ADD",
                "ALTER TABLE \"s:x\".\"t:y\" DROP"]),
    "hostile_ops": (["create_table", "add_column", "drop_column", "alter_column:type_",
                     "alter_column:server_default", "alter_column:nullable",
                     "alter_column:postgresql_using", "create_index", "drop_index",
                     "create_primary_key", "create_unique_constraint",
                     "create_check_constraint", "create_foreign_key", "drop_constraint",
                     "drop_table"],
                    ["CREATE TABLE", "CREATE INDEX", "CREATE UNIQUE INDEX", "DROP INDEX",
                     "DROP TABLE", "ALTER TABLE \"order\".\"user\" ALTER COLUMN cnt ",
                     "ALTER TABLE ONLY \"order\".\"T"]),
}


def module_calls(source):
    """The module's op.NAME calls (NAME, and NAME:KEYWORD for each keyword)
    and the statements it gives _execute()."""
    import ast
    ops, executed = set(), []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "op":
            ops.add(f.attr)
            ops.update("%s:%s" % (f.attr, k.arg) for k in node.keywords if k.arg)
        elif isinstance(f, ast.Name) and f.id == "_execute" and node.args and \
                isinstance(node.args[0], ast.Constant):
            executed.append(node.args[0].value)
    return ops, executed


class Run(Script):
    def check_ops(self, name, source):
        if name not in OPS:
            return
        want, never = OPS[name]
        ops, executed = module_calls(source)
        missing = [o for o in want if o not in ops]
        self.result("%s: the module uses %s" % (name, ", ".join(want)), not missing,
                    "missing %s; the module calls %s" % (missing, sorted(ops)))
        wrong = [e for e in executed for p in never if e.startswith(p)]
        self.result("%s: no statement an operation writes runs through _execute()" % name,
                    not wrong, "\n".join(repr(w) for w in wrong))

    def offline(self, name, old, new, proj, db):
        """`alembic upgrade --sql` (and downgrade --sql), run by psql on a fresh restore."""
        odb = db + "_offline"
        self.pg.createdb(odb)
        try:
            self.offline_steps(name, old, new, proj, odb)
        finally:
            self.pg.dropdb(odb)

    def offline_steps(self, name, old, new, proj, odb):
        ok, err = self.pg.psql_file(odb, old)
        rc, _, err2 = self.alembic(proj, odb, "stamp", BASE)
        if not ok or rc != 0:
            self.fail("%s: offline: restore and stamp" % name, err + err2[-2000:])
            return
        for what, rng, want, key in (("upgrade", BASE + ":head", new, "offline upgrade"),
                                     ("downgrade", "head:" + BASE, old, "offline downgrade")):
            rc, sql, err = self.alembic(proj, odb, what, rng, "--sql")
            if rc != 0:
                self.fail("%s: alembic %s --sql" % (name, what), err[-3000:])
                return
            path = os.path.join(self.tmp, "%s_%s_offline.sql" % (name, what))
            Path(path).write_text(sql, encoding="utf-8")
            ok, err = self.pg.psql_file(odb, path, single_transaction=False)
            if not ok:
                self.fail("%s: psql runs the %s --sql output" % (name, what),
                          err[-3000:] + "\n--- SQL:\n" + sql[:4000])
                return
            self.ok("%s: psql runs the %s --sql output" % (name, what))
            redump = os.path.join(self.tmp, "%s_%s_offline_dump.sql" % (name, what))
            ok, err = self.pg_dump(odb, redump)
            if not ok:
                self.fail("%s: pg_dump after the %s --sql output" % (name, what), err)
                return
            rc, out, err = self.tool(proj, "diff", *(VT + [want, redump]))
            self.checked((name, key), "%s: %s --sql gives %s" % (
                name, what, "NEW" if want == new else "OLD"), rc == 0,
                "diff exited %d:\n%s%s" % (rc, out[:3000], err[:1000]))
            if rc != 0 and what == "upgrade":
                return

    def main(self):
        names = SCENARIOS
        if self.args.only:
            names = [n for n in self.args.only.split(",") if n]
        self.tmp = tempfile.mkdtemp(prefix="pgb-revision-")
        os.chmod(self.tmp, 0o777)  # pg_dump writes there as the invoking user
        try:
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                test_catalog.ensure_roles(pg, ROLES)
                for name in names:
                    self.scenario(name)
        finally:
            self.drop_tmp()

    def tool(self, cwd, *args):
        return self.run([self.bin] + list(args), cwd=cwd)

    def alembic(self, proj, db, *args):
        env = self.pg._env()
        env["DATABASE_URL"] = self.pg.sqlalchemy_url(db)
        return self.run([sys.executable, "-m", "alembic"] + list(args), cwd=proj, env=env)

    def pg_dump(self, db, path):
        rc, _, err = self.run([os.path.join(self.pg.bindir, "pg_dump"), "-s", "-O", "-d", db,
                               "-f", path], env=self.pg._env())
        return rc == 0, err

    def checked(self, key, what, good, detail):
        if key not in KNOWN:
            self.result(what, good, detail)
        elif good:
            print("ok - %s: now passes; take it out of KNOWN" % what)
            self.passed += 1
        else:
            print("known - %s: %s" % (what, KNOWN[key]))

    def scenario(self, name):
        data = OWN if (OWN / name).is_dir() else DATA
        old = str(data / name / "old.sql")
        new = str(data / name / "new.sql")
        hints = data / name / "args.up"
        extra = [a for a in hints.read_text().split("\n") if a] if hints.is_file() else []
        proj = os.path.join(self.tmp, name)
        os.mkdir(proj)
        db = "rev_%s" % name
        self.pg.createdb(db)
        try:
            self.steps(name, old, new, extra, proj, db)
        finally:
            self.pg.dropdb(db)

    def steps(self, name, old, new, extra, proj, db):
        ok, err = self.pg.psql_file(db, old)
        if not ok:
            self.fail("%s: restore old.sql" % name, test_catalog.first_error_line(err))
            return
        rc, out, err = self.tool(proj, "baseline", "--init", "--dir", "alembic", old)
        if rc != 0:
            self.fail("%s: baseline" % name, "exit %d\n%s" % (rc, err[:2000]))
            return
        rc, out, err = self.alembic(proj, db, "stamp", BASE)
        if rc != 0:
            self.fail("%s: alembic stamp" % name, err[-2000:])
            return
        msg = "%s changes" % name
        argv = ["revision", "-m", msg] + extra + [old, new]
        rc, out, err = self.tool(proj, *argv)
        wrote = [l[len("wrote "):] for l in out.splitlines() if l.startswith("wrote ")]
        if rc != 0 or len(wrote) != 2:
            self.fail("%s: revision" % name, "exit %d\n%s%s" % (rc, out, err[:2000]))
            return
        module = os.path.join(proj, wrote[0])
        schema_sql = os.path.join(proj, wrote[1])
        self.result("%s: revision writes the module and its schema SQL" % name,
                    module.endswith(".py") and schema_sql.endswith("_schema.sql")
                    and os.path.isfile(module) and os.path.isfile(schema_sql), out)
        try:
            py_compile.compile(module, doraise=True, cfile=os.path.join(self.tmp, "c.pyc"))
            self.ok("%s: the module compiles" % name)
        except py_compile.PyCompileError as e:
            self.fail("%s: the module compiles" % name, str(e))
            return
        # the same inputs again, the first files taken away: the same names and bytes
        first = [Path(module).read_bytes(), Path(schema_sql).read_bytes()]
        os.unlink(module)
        os.unlink(schema_sql)
        rc2, out2, err2 = self.tool(proj, *argv)
        same = (rc2 == 0 and out2 == out and os.path.isfile(module)
                and [Path(module).read_bytes(), Path(schema_sql).read_bytes()] == first)
        self.result("%s: the same inputs write the same bytes" % name, same,
                    "exit %d\n%s%s" % (rc2, out2, err2[:1000]))
        if not same:
            return

        self.check_ops(name, Path(module).read_text(encoding="utf-8"))
        self.offline(name, old, new, proj, db)

        rc, out, err = self.alembic(proj, db, "upgrade", "head")
        if rc != 0:
            self.fail("%s: alembic upgrade head" % name,
                      err[-3000:] + "\n--- module:\n" + Path(module).read_text()[:4000])
            return
        self.ok("%s: alembic upgrade head" % name)
        redump = os.path.join(self.tmp, "%s_up.sql" % name)
        ok, err = self.pg_dump(db, redump)
        if not ok:
            self.fail("%s: pg_dump after upgrade" % name, err)
            return
        rc, out, err = self.tool(proj, "diff", *(VT + [new, redump]))
        self.checked((name, "upgrade"), "%s: upgrade gives NEW (diff new.sql REDUMP)" % name,
                     rc == 0, "diff exited %d:\n%s%s" % (rc, out[:3000], err[:1000]))
        rc, out, err = self.tool(proj, "verify", redump)
        self.result("%s: verify REDUMP after the upgrade" % name, rc == 0,
                    "verify exited %d:\n%s%s" % (rc, out[:3000], err[:1000]))

        rc, out, err = self.alembic(proj, db, "downgrade", "-1")
        if rc != 0:
            self.fail("%s: alembic downgrade -1" % name, err[-3000:])
            return
        self.ok("%s: alembic downgrade -1" % name)
        redump2 = os.path.join(self.tmp, "%s_down.sql" % name)
        ok, err = self.pg_dump(db, redump2)
        if not ok:
            self.fail("%s: pg_dump after downgrade" % name, err)
            return
        rc, out, err = self.tool(proj, "diff", *(VT + [old, redump2]))
        self.checked((name, "downgrade"),
                     "%s: downgrade gives OLD back (diff old.sql REDUMP2)" % name, rc == 0,
                     "diff exited %d:\n%s%s" % (rc, out[:3000], err[:1000]))


def main(argv=None):
    import argparse

    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--only", default=None)
    known, rest = pre.parse_known_args(argv if argv is not None else sys.argv[1:])

    def make(args):
        args.only = known.only
        return Run(args)

    return script_main("revision", __doc__, make, rest, keep_help="keep the cluster and files")


if __name__ == "__main__":
    script_exit("revision", main)
