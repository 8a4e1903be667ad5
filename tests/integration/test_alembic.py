#!/usr/bin/python3
"""The Alembic adoption workflow, end to end, against PostgreSQL 15 and the
installed Alembic.

    /usr/bin/python3 tests/integration/test_alembic.py --bin build/pgbaseline
        [--dump samples/shop.sql] [--keep] [-v]

What a team does with `pgbaseline baseline`, on samples/shop.sql restored
into a throwaway cluster (pgharness.py), each step one check:

 1. baseline: `pgbaseline baseline --init --dir alembic --untracked
    audit_logs DUMP`, run in an empty project directory, exits 0 and writes
    alembic.ini, alembic/{env.py,script.py.mako,README} and
    alembic/versions/<rev>_<slug>.py with <rev>_stamp.sql beside it.
 2. heads/history: `alembic heads` and `alembic history` show the baseline.
 3. stamp: `psql -v ON_ERROR_STOP=1 -f <rev>_stamp.sql` exits 0, then
    `alembic current` prints "<rev> (head)".
 4. schema unchanged: a catalog snapshot (tables, columns, constraints,
    indexes) taken before the stamp equals the one after it, apart from
    the version table.
 5. stamp twice: running the stamp SQL again exits 0 and leaves one row.
 6. drift refused: on a fresh restore with users.password_hash dropped, the
    stamp SQL fails, its error names the column, and no version table is
    left behind.
 7. same as alembic stamp: `alembic stamp <rev>` on another fresh restore
    makes a version table identical to ours (columns, types, constraints,
    contents).
 8. stamp-sql = alembic stamp --sql: `pgbaseline stamp-sql --rev <rev>`
    prints byte for byte what `alembic stamp --sql <rev>` prints, with the
    default version table, with version_table / version_table_schema set in
    alembic.ini (quoted names too), and for a project made with
    --version-table/--version-table-schema.
 9. include_object: with env.py's target_metadata patched to an empty
    MetaData(), `alembic revision --autogenerate` drops exactly the tracked
    tables, never audit_logs nor the version table; with UNTRACKED_TABLES
    emptied (control) it does drop audit_logs.
10. migration: `alembic revision -m "add test column"` (script.py.mako's
    annotated shape), edited to add / drop users.test_column, upgrades and
    downgrades on top of the baseline; the stamp SQL refuses to run while
    the database is at that later revision.
11. hostile names: a dump whose names hold quotes, dollar-quote tags,
    newlines and % signs gets a stamp SQL that runs cleanly on it (and
    breaks nothing), and names the hostile column when it is dropped.

Closing line: `alembic: N passed, M failed`; exit status 1 when anything
failed.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import Failure, PgCluster, Script, check, script_exit, script_main  # noqa: E402

REPO = HERE.parent.parent
DEFAULT_DUMP = REPO / "samples" / "shop.sql"
REV = "001_baseline"
UNTRACKED = "audit_logs"
TIMEOUT = 300

# A dump (plain SQL, as psql restores it) whose names try to break out of
# every quoting context the stamp SQL uses.
HOSTILE_DUMP = r"""
SET standard_conforming_strings = on;
CREATE SCHEMA "Weird $pgb$ schema";
CREATE TABLE "Weird $pgb$ schema"."t'); DROP TABLE public.sentinel; --" (
    "col
with newline" integer NOT NULL,
    "back\slash" text,
    "per%cent %s %I" character varying(5),
    "quote""d" numeric(3,1),
    "ünï $$" text[]
);
CREATE TABLE public."$pgb$" (
    id integer NOT NULL,
    "$pgb1$" text
);
CREATE TABLE public.sentinel (id integer);
ALTER TABLE ONLY public."$pgb$" ADD CONSTRAINT "pk'; --" PRIMARY KEY (id);
CREATE INDEX "ix
evil" ON public."$pgb$" USING btree ("$pgb1$");
"""


class Run(Script):
    timeout = TIMEOUT

    def __init__(self, args):
        super().__init__(args)
        self.dump = os.path.abspath(args.dump)
        self.proj = None

    # ---- processes ---------------------------------------------------------

    def tool(self, *args, cwd=None):
        return self.run([self.bin] + list(args), cwd=cwd or self.proj)

    def alembic_env(self, db):
        env = self.pg._env()
        if db is None:
            env.pop("DATABASE_URL", None)
        else:
            env["DATABASE_URL"] = self.pg.sqlalchemy_url(db)
        return env

    def alembic(self, db, *args, cwd=None):
        return self.run([sys.executable, "-m", "alembic"] + list(args),
                        cwd=cwd or self.proj, env=self.alembic_env(db))

    def psql_file(self, db, path):
        argv = self.pg.psql_argv(db, "-v", "ON_ERROR_STOP=1", "-f", path)
        return self.run(argv, env=self.pg._env())

    def sql(self, db, text):
        ok, out, err = self.pg.psql(db, text)
        if not ok:
            raise Failure("SQL failed on %s: %s\n%s" % (db, err.strip(), text))
        return out

    def sql_json(self, db, query):
        return json.loads(self.sql(db, "SELECT coalesce(json_agg(q), '[]') FROM (%s) q;" % query)
                          or "[]")

    def restore(self, db, path=None):
        self.pg.createdb(db)
        ok, err = self.pg.psql_file(db, path or self.dump)
        if not ok:
            raise Failure("restoring %s into %s failed:\n%s" % (path or self.dump, db, err))

    # ---- catalog -----------------------------------------------------------

    SNAPSHOT = {
        "tables": """
            SELECT n.nspname, c.relname, c.relkind::text
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') {filter}
             ORDER BY 1, 2""",
        "columns": """
            SELECT n.nspname, c.relname, a.attnum, a.attname::text,
                   format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid)
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND a.attnum > 0
               AND NOT a.attisdropped {filter}
             ORDER BY 1, 2, 3""",
        "constraints": """
            SELECT n.nspname, c.relname, con.conname::text, con.contype::text,
                   pg_get_constraintdef(con.oid)
              FROM pg_constraint con
              JOIN pg_class c ON c.oid = con.conrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE true {filter}
             ORDER BY 1, 2, 3, 5""",
        "indexes": """
            SELECT n.nspname, c.relname, pg_get_indexdef(i.indexrelid)
              FROM pg_index i
              JOIN pg_class ic ON ic.oid = i.indexrelid
              JOIN pg_class c ON c.oid = i.indrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE true {filter}
             ORDER BY 1, 2, 3""",
    }

    def snapshot(self, db, version_table="alembic_version"):
        """The user tables, columns, constraints and indexes, without the version table."""
        filt = ("AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
                "AND n.nspname NOT LIKE 'pg_temp%%' AND n.nspname NOT LIKE 'pg_toast_temp%%' "
                "AND c.relname <> '%s'" % version_table.replace("'", "''"))
        return {k: self.sql_json(db, q.replace("{filter}", filt))
                for k, q in self.SNAPSHOT.items()}

    def version_table_shape(self, db, table="alembic_version"):
        reg = "'%s'" % table.replace("'", "''")
        return {
            "columns": self.sql_json(db, """
                SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid)
                  FROM pg_attribute a
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 WHERE a.attrelid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum""" % reg),
            "constraints": self.sql_json(db, """
                SELECT conname::text, contype::text, pg_get_constraintdef(oid)
                  FROM pg_constraint WHERE conrelid = to_regclass(%s) ORDER BY 1""" % reg),
            "indexes": self.sql_json(db, """
                SELECT ic.relname::text, i.indisunique, i.indisprimary
                  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                 WHERE i.indrelid = to_regclass(%s) ORDER BY 1""" % reg),
            "rows": self.sql_json(db, "SELECT version_num FROM %s ORDER BY 1" % table),
        }

    def regclass(self, db, name):
        return self.sql(db, "SELECT to_regclass('%s');" % name.replace("'", "''")).strip()

    # ---- the project -------------------------------------------------------

    def revision_file(self, proj=None):
        vdir = os.path.join(proj or self.proj, "alembic", "versions")
        files = sorted(glob.glob(os.path.join(vdir, REV + "_*.py")))
        check(len(files) == 1, "expected one %s_*.py in %s, found %s" % (REV, vdir, files))
        return files[0]

    def stamp_file(self, proj=None):
        return os.path.join(proj or self.proj, "alembic", "versions", REV + "_stamp.sql")

    # ---- checks ------------------------------------------------------------

    def check_baseline(self):
        rc, out, err = self.tool("baseline", "--init", "--dir", "alembic",
                                 "--untracked", UNTRACKED, self.dump)
        check(rc == 0, "pgbaseline baseline exited %d:\n%s%s" % (rc, out, err))
        for f in ("alembic.ini", "alembic/env.py", "alembic/script.py.mako",
                  "alembic/README", "alembic/versions/%s_stamp.sql" % REV):
            check(os.path.isfile(os.path.join(self.proj, f)), "missing %s" % f)
        self.revision_file()
        env = Path(self.proj, "alembic", "env.py").read_text()
        check("DATABASE_URL" in env and "def include_object(" in env,
              "env.py lacks DATABASE_URL or include_object")
        check(re.search(r"\(\s*'public',\s*'%s'\s*\)" % UNTRACKED, env),
              "env.py's UNTRACKED_TABLES does not list public.%s" % UNTRACKED)

    def check_heads_history(self):
        rc, out, err = self.alembic("main", "heads")
        check(rc == 0 and "%s (head)" % REV in out, "alembic heads: rc %d\n%s%s" % (rc, out, err))
        rc, out, err = self.alembic("main", "history")
        check(rc == 0 and re.search(r"<base> -> %s \(head\)" % REV, out),
              "alembic history: rc %d\n%s%s" % (rc, out, err))

    def check_stamp(self):
        self.before = self.snapshot("main")
        rc, out, err = self.psql_file("main", self.stamp_file())
        check(rc == 0, "stamp SQL exited %d:\n%s" % (rc, err))
        rc, out, err = self.alembic("main", "current")
        check(rc == 0 and out.strip() == "%s (head)" % REV,
              "alembic current after the stamp: rc %d, %r\n%s" % (rc, out, err))

    def check_schema_unchanged(self):
        after = self.snapshot("main")
        for k in self.before:
            check(self.before[k] == after[k], "%s changed by the stamp:\nbefore %s\nafter  %s"
                  % (k, self.before[k], after[k]))
        check(self.before["tables"], "the snapshot is empty: the restore did not happen?")

    def check_stamp_twice(self):
        rc, out, err = self.psql_file("main", self.stamp_file())
        check(rc == 0, "second stamp exited %d:\n%s" % (rc, err))
        rows = self.sql_json("main", "SELECT version_num FROM alembic_version")
        check(rows == [{"version_num": REV}], "version table after two runs: %s" % rows)

    def check_drift_refused(self):
        self.restore("drifted")
        self.sql("drifted", "ALTER TABLE public.users DROP COLUMN password_hash;")
        rc, out, err = self.psql_file("drifted", self.stamp_file())
        check(rc != 0, "the stamp SQL succeeded on a database missing users.password_hash")
        check("password_hash" in err, "the error does not name the column:\n%s" % err)
        check(self.regclass("drifted", "alembic_version") == "",
              "a version table was left behind after the failed stamp")

    def check_same_as_alembic(self):
        self.restore("alembic_stamped")
        rc, out, err = self.alembic("alembic_stamped", "stamp", REV)
        check(rc == 0, "alembic stamp exited %d:\n%s%s" % (rc, out, err))
        theirs = self.version_table_shape("alembic_stamped")
        ours = self.version_table_shape("main")
        check(theirs == ours, "version tables differ:\nalembic    %s\npgbaseline %s"
              % (theirs, ours))

    def _compare_stamp_sql(self, proj, tool_args, label):
        rc, theirs, err = self.alembic(None, "stamp", "--sql", REV, cwd=proj)
        check(rc == 0, "%s: alembic stamp --sql exited %d:\n%s" % (label, rc, err))
        rc, ours, err = self.tool("stamp-sql", "--rev", REV, *tool_args, cwd=proj)
        check(rc == 0, "%s: pgbaseline stamp-sql exited %d:\n%s" % (label, rc, err))
        check(ours == theirs, "%s: stamp-sql differs from alembic stamp --sql:\n"
              "--- alembic\n%s--- pgbaseline\n%s" % (label, theirs, ours))

    def check_stamp_sql_plain(self):
        self._compare_stamp_sql(self.proj, [], "default version table")
        variants = [("my_versions", None), ("Version Table", "ops"), ("user", "Ops")]
        for table, schema in variants:
            proj = os.path.join(self.tmp, "variant")
            shutil.rmtree(proj, ignore_errors=True)
            shutil.copytree(self.proj, proj)
            ini = Path(proj, "alembic.ini")
            text = ini.read_text()
            settings = "version_table = %s\n" % table.replace("%", "%%")
            if schema:
                settings += "version_table_schema = %s\n" % schema.replace("%", "%%")
            text, n = re.subn(r"^\[alembic\]\n", "[alembic]\n" + settings, text, flags=re.M)
            check(n == 1, "no [alembic] section in alembic.ini")
            ini.write_text(text)
            args = ["--version-table", table]
            if schema:
                args += ["--version-table-schema", schema]
            self._compare_stamp_sql(proj, args, "alembic.ini %s" % args)
        # A project made with the options: alembic.ini and env.py carry them.
        proj = os.path.join(self.tmp, "vtproj")
        os.mkdir(proj)
        args = ["--version-table", "Schema Versions", "--version-table-schema", "ops"]
        rc, out, err = self.tool("baseline", "--init", "--dir", "alembic", *args, self.dump,
                                 cwd=proj)
        check(rc == 0, "pgbaseline baseline %s exited %d:\n%s" % (args, rc, err))
        self._compare_stamp_sql(proj, args, "baseline %s" % args)
        stamp = Path(self.stamp_file(proj)).read_text()
        check('ops."Schema Versions"' in stamp,
              "the stamp SQL of that project does not use ops.\"Schema Versions\"")

    def _autogenerate_drops(self, proj, label):
        rc, out, err = self.alembic("main", "revision", "--autogenerate", "-m", "check",
                                    cwd=proj)
        check(rc == 0, "%s: alembic revision --autogenerate exited %d:\n%s%s"
              % (label, rc, out, err))
        files = glob.glob(os.path.join(proj, "alembic", "versions", "*_check.py"))
        check(len(files) == 1, "%s: no generated *_check.py" % label)
        text = Path(files[0]).read_text()
        os.unlink(files[0])
        return set(re.findall(r"op\.drop_table\('([^']+)'", text))

    def check_include_object(self):
        proj = os.path.join(self.tmp, "autogen")
        shutil.rmtree(proj, ignore_errors=True)
        shutil.copytree(self.proj, proj)
        envpy = Path(proj, "alembic", "env.py")
        text, n = re.subn(r"^target_metadata = None$",
                          "from sqlalchemy import MetaData\ntarget_metadata = MetaData()",
                          envpy.read_text(), flags=re.M)
        check(n == 1, "env.py has no `target_metadata = None` line to patch")
        envpy.write_text(text)
        tables = {r["relname"] for r in self.sql_json("main", """
            SELECT c.relname::text AS relname FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')""")}
        expected = tables - {UNTRACKED, "alembic_version"}
        dropped = self._autogenerate_drops(proj, "include_object")
        check(UNTRACKED not in dropped, "autogenerate drops the untracked %s" % UNTRACKED)
        check("alembic_version" not in dropped, "autogenerate drops the version table")
        check(dropped == expected, "autogenerate drops %s, expected the tracked tables %s"
              % (sorted(dropped), sorted(expected)))
        # Control: without the set, the same run does drop audit_logs.
        text, n = re.subn(r"^UNTRACKED_TABLES = \{\n(?:    .*\n)*\}\n", "UNTRACKED_TABLES = set()\n",
                          envpy.read_text(), flags=re.M)
        check(n == 1, "env.py has no UNTRACKED_TABLES set literal to empty")
        envpy.write_text(text)
        dropped = self._autogenerate_drops(proj, "control")
        check(UNTRACKED in dropped,
              "control run: with UNTRACKED_TABLES empty, %s is not dropped either, so the "
              "check above proves nothing" % UNTRACKED)

    def check_migration(self):
        rc, out, err = self.alembic("main", "revision", "-m", "add test column")
        check(rc == 0, "alembic revision exited %d:\n%s%s" % (rc, out, err))
        files = glob.glob(os.path.join(self.proj, "alembic", "versions", "*_add_test_column.py"))
        check(len(files) == 1, "no *_add_test_column.py generated")
        path = Path(files[0])
        text = path.read_text()
        rev = re.search(r"^revision: str = '([^']+)'$", text, re.M)
        check(rev and "from typing import Sequence, Union" in text
              and re.search(r"^down_revision: Union\[str, Sequence\[str\], None\] = '%s'$"
                            % REV, text, re.M),
              "the new revision does not have script.py.mako's annotated shape:\n" + text)
        rev = rev.group(1)
        parts = text.split("\n    pass\n")
        check(len(parts) == 3, "expected two `pass` bodies in the new revision:\n" + text)
        text = (parts[0]
                + "\n    op.add_column('users', sa.Column('test_column', sa.String(50), "
                  "nullable=True))\n"
                + parts[1] + "\n    op.drop_column('users', 'test_column')\n" + parts[2])
        path.write_text(text)

        def has_column():
            return self.sql("main", "SELECT count(*) FROM information_schema.columns WHERE "
                            "table_schema = 'public' AND table_name = 'users' "
                            "AND column_name = 'test_column';").strip() == "1"

        rc, out, err = self.alembic("main", "upgrade", "head")
        check(rc == 0, "alembic upgrade head exited %d:\n%s%s" % (rc, out, err))
        check(has_column(), "users.test_column missing after the upgrade")
        rc, out, err = self.alembic("main", "current")
        check(out.strip() == "%s (head)" % rev, "alembic current after upgrade: %r" % out)
        # The stamp SQL now refuses: Alembic already tracks this database.
        rc, out, err = self.psql_file("main", self.stamp_file())
        check(rc != 0 and "already" in err and rev in err,
              "the stamp SQL did not refuse a database at revision %s:\n%s" % (rev, err))
        rc, out, err = self.alembic("main", "downgrade", "-1")
        check(rc == 0, "alembic downgrade -1 exited %d:\n%s%s" % (rc, out, err))
        check(not has_column(), "users.test_column still there after the downgrade")
        rc, out, err = self.alembic("main", "current")
        check(out.strip() == REV, "alembic current after downgrade: %r" % out)

    def check_hostile_names(self):
        dump = os.path.join(self.tmp, "hostile.sql")
        Path(dump).write_text(HOSTILE_DUMP)
        proj = os.path.join(self.tmp, "hostile")
        os.mkdir(proj)
        rc, out, err = self.tool("baseline", "--init", "--dir", "alembic", dump, cwd=proj)
        check(rc == 0, "pgbaseline baseline on the hostile dump exited %d:\n%s" % (rc, err))
        stamp = self.stamp_file(proj)
        self.restore("hostile", dump)
        rc, out, err = self.psql_file("hostile", stamp)
        check(rc == 0, "the stamp SQL failed on the hostile dump's own database:\n%s" % err)
        check(self.regclass("hostile", "public.sentinel") == "sentinel",
              "public.sentinel is gone")
        rows = self.sql_json("hostile", "SELECT version_num FROM alembic_version")
        check(rows == [{"version_num": REV}], "hostile: version table holds %s" % rows)
        self.sql("hostile", 'DROP TABLE alembic_version; ALTER TABLE "Weird $pgb$ schema".'
                 '"t\'); DROP TABLE public.sentinel; --" DROP COLUMN "per%cent %s %I";')
        rc, out, err = self.psql_file("hostile", stamp)
        check(rc != 0 and '"per%cent %s %I": missing' in err,
              "hostile: the dropped column is not reported:\n%s" % err)
        check(self.regclass("hostile", "alembic_version") == "",
              "hostile: a version table was left behind")

    CHECKS = [
        ("baseline", "check_baseline"),
        ("heads/history", "check_heads_history"),
        ("stamp", "check_stamp"),
        ("schema unchanged", "check_schema_unchanged"),
        ("stamp twice", "check_stamp_twice"),
        ("drift refused", "check_drift_refused"),
        ("same as alembic stamp", "check_same_as_alembic"),
        ("stamp-sql = alembic stamp --sql", "check_stamp_sql_plain"),
        ("include_object", "check_include_object"),
        ("migration", "check_migration"),
        ("hostile names", "check_hostile_names"),
    ]
    # A check that cannot run without an earlier one.
    NEEDS = {
        "heads/history": "baseline", "stamp": "baseline", "schema unchanged": "stamp",
        "stamp twice": "stamp", "drift refused": "baseline",
        "same as alembic stamp": "stamp", "stamp-sql = alembic stamp --sql": "baseline",
        "include_object": "stamp", "migration": "stamp",
    }

    def main(self):
        base = tempfile.gettempdir()
        self.tmp = tempfile.mkdtemp(prefix="pgb-alembic-", dir=base)
        self.proj = os.path.join(self.tmp, "project")
        os.mkdir(self.proj)
        ok = {}
        try:
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                self.restore("main")
                for name, method in self.CHECKS:
                    need = self.NEEDS.get(name)
                    if need and not ok.get(need):
                        print("FAIL %s: skipped, %s failed" % (name, need))
                        self.failed += 1
                        ok[name] = False
                        continue
                    try:
                        getattr(self, method)()
                    except Failure as e:
                        print("FAIL %s: %s" % (name, e))
                        self.failed += 1
                        ok[name] = False
                    except (OSError, subprocess.SubprocessError, ValueError) as e:
                        print("FAIL %s: %s" % (name, e))
                        if self.verbose:
                            traceback.print_exc()
                        self.failed += 1
                        ok[name] = False
                    else:
                        print("ok   %s" % name)
                        self.passed += 1
                        ok[name] = True
        finally:
            self.drop_tmp()


def main(argv=None):
    return script_main("alembic", __doc__, Run, argv, dump=(str(DEFAULT_DUMP), "the sample dump (shop.sql)"),
                       keep_help="keep the cluster and the projects")


if __name__ == "__main__":
    script_exit("alembic", main)
