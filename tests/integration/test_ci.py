#!/usr/bin/python3
"""baseline --ci: the migration chain checked on an empty database, against
PostgreSQL 15 and the installed Alembic.

    /usr/bin/python3 tests/integration/test_ci.py --bin build/pgbaseline
        [--dump samples/shop.sql] [--keep] [-v]

 1. files: `baseline --init --ci DUMP` in an empty directory writes the
    revision, its stamp SQL, its schema SQL, alembic/ci_check.sh and
    .github/workflows/migrations.yml; the workflow is YAML whose service is
    postgres:<the dump's major version> and whose last step runs the script.
 2. empty database: `sh alembic/ci_check.sh` with DATABASE_URL (SQLAlchemy's
    postgresql+psycopg2 form) exits 0 and leaves the database at the
    baseline's schema and revision; the catalog then has every table of
    the dump.
 3. a real migration: `alembic revision` edited to add a column to a
    baseline table and a new table with a foreign key to one passes on
    another empty database, which ends with both.
 4. a broken downgrade (it leaves the new table behind) fails, exit 1,
    naming the step ("upgrade head after the downgrade").
 5. a downgrade that raises fails naming the downgrade step.
 6. a database that already holds the schema: the script fails at its
    first step and the database is left as it was (no version table).
 7. no DATABASE_URL, or run from elsewhere than the project: a clear
    message, exit 1, nothing run.

Closing line: `ci: N passed, M failed`.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import Failure, PgCluster, Script, check, script_exit, script_main  # noqa: E402

REPO = HERE.parent.parent
DEFAULT_DUMP = REPO / "samples" / "shop.sql"
REV = "001_baseline"

MIGRATION = '''"""add a column and a table

Revision ID: 002_more
Revises: 001_baseline
"""
from alembic import op
import sqlalchemy as sa

revision = "002_more"
down_revision = "001_baseline"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("nickname", sa.Text(), nullable=True))
    op.create_table(
        "user_notes",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("note", sa.Text()),
    )


def downgrade():
    DOWNGRADE
'''

GOOD_DOWNGRADE = 'op.drop_table("user_notes")\n    op.drop_column("users", "nickname")'
LEAKY_DOWNGRADE = 'op.drop_column("users", "nickname")'
RAISING_DOWNGRADE = 'raise RuntimeError("this downgrade is broken")'


class Run(Script):
    timeout = 300

    def __init__(self, args):
        super().__init__(args)
        self.dump = os.path.abspath(args.dump)
        self.proj = None
        self.n_db = 0

    def env(self, db):
        env = self.pg._env()
        env["PATH"] = self.pg.bindir + os.pathsep + env.get("PATH", "")
        env["ALEMBIC"] = "%s -m alembic" % sys.executable
        if db is not None:
            env["DATABASE_URL"] = self.pg.sqlalchemy_url(db)
        else:
            env.pop("DATABASE_URL", None)
        return env

    def fresh_db(self):
        self.n_db += 1
        db = "ci_%d" % self.n_db
        self.pg.createdb(db)
        return db

    def ci_check(self, db, cwd=None):
        return self.run(["sh", "alembic/ci_check.sh"], cwd=cwd or self.proj, env=self.env(db))

    def tables(self, db):
        ok, out, err = self.pg.psql(db, "SELECT n.nspname || '.' || c.relname FROM pg_class c "
                                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                        "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN "
                                        "('pg_catalog', 'information_schema') ORDER BY 1;")
        if not ok:
            raise Failure(err)
        return out.split()

    def columns(self, db, table):
        ok, out, err = self.pg.psql(db, "SELECT attname FROM pg_attribute WHERE attrelid = "
                                        "'%s'::regclass AND attnum > 0 AND NOT attisdropped;"
                                    % table)
        if not ok:
            raise Failure(err)
        return out.split()

    def version(self, db):
        ok, out, _ = self.pg.psql(db, "SELECT version_num FROM alembic_version;")
        return out.strip() if ok else None

    def write_migration(self, downgrade):
        path = os.path.join(self.proj, "alembic", "versions", "002_more.py")
        with open(path, "w") as f:
            f.write(MIGRATION.replace("DOWNGRADE", downgrade))

    # ---- checks ---------------------------------------------------------------

    def check_files(self):
        rc, out, err = self.run([self.bin, "baseline", "--init", "--ci", self.dump],
                                cwd=self.proj)
        check(rc == 0, "baseline --init --ci: exit %d\n%s" % (rc, err))
        for f in ("alembic/versions/%s_stamp.sql" % REV, "alembic/versions/%s_schema.sql" % REV,
                  "alembic/ci_check.sh", ".github/workflows/migrations.yml"):
            check(os.path.isfile(os.path.join(self.proj, f)), "%s was not written" % f)
            check(f in out, "%s is not among the files reported:\n%s" % (f, out))
        import yaml
        with open(os.path.join(self.proj, ".github/workflows/migrations.yml")) as f:
            wf = yaml.safe_load(f)
        job = wf["jobs"]["migrations"]
        check(job["services"]["postgres"]["image"] == "postgres:15",
              "service image: %r" % job["services"]["postgres"]["image"])
        check(job["steps"][-1]["run"] == "sh 'alembic'/ci_check.sh",
              "last step: %r" % job["steps"][-1]["run"])
        rc, out, err = self.run(["sh", "-n", "alembic/ci_check.sh"], cwd=self.proj)
        check(rc == 0, "sh -n: %s" % err)

    def check_empty_database(self):
        db = self.fresh_db()
        rc, out, err = self.ci_check(db)
        check(rc == 0, "ci_check.sh: exit %d\n%s" % (rc, err))
        check("ci_check: passed" in err, "no 'passed' line:\n%s" % err)
        check(self.version(db) == REV, "version: %r" % self.version(db))
        tables = self.tables(db)
        for t in ("public.users", "public.orders", "public.products"):
            check(t in tables, "%s missing after ci_check: %s" % (t, tables))

    def check_migration(self):
        self.write_migration(GOOD_DOWNGRADE)
        db = self.fresh_db()
        rc, out, err = self.ci_check(db)
        check(rc == 0, "ci_check.sh with 002_more: exit %d\n%s" % (rc, err))
        check(self.version(db) == "002_more", "version: %r" % self.version(db))
        check("public.user_notes" in self.tables(db), "user_notes missing")
        check("nickname" in self.columns(db, "users"), "users.nickname missing")

    def check_leaky_downgrade(self):
        self.write_migration(LEAKY_DOWNGRADE)
        db = self.fresh_db()
        rc, out, err = self.ci_check(db)
        check(rc == 1, "a downgrade that leaves user_notes behind passed: exit %d\n%s"
              % (rc, err))
        check("FAILED: alembic upgrade head after the downgrade" in err, "message:\n%s" % err)

    def check_raising_downgrade(self):
        self.write_migration(RAISING_DOWNGRADE)
        db = self.fresh_db()
        rc, out, err = self.ci_check(db)
        check(rc == 1, "a raising downgrade passed: exit %d\n%s" % (rc, err))
        check("FAILED: alembic downgrade %s: a migration's downgrade() is broken" % REV in err,
              "message:\n%s" % err)
        self.write_migration(GOOD_DOWNGRADE)

    def check_not_empty(self):
        db = self.fresh_db()
        ok, err = self.pg.psql_file(db, self.dump)
        check(ok, "restore: %s" % err)
        before = self.tables(db)
        rc, out, err = self.ci_check(db)
        check(rc == 1, "ci_check on a restored database: exit %d\n%s" % (rc, err))
        check("FAILED: the baseline schema did not load" in err, "message:\n%s" % err)
        check(self.tables(db) == before, "the database changed")
        check(self.version(db) is None, "a version table was left behind")

    def check_usage(self):
        rc, out, err = self.ci_check(None)
        check(rc == 1 and "set DATABASE_URL" in err, "no DATABASE_URL: %d %s" % (rc, err))
        rc, out, err = self.run(["sh", os.path.join(self.proj, "alembic/ci_check.sh")],
                                cwd=self.tmp, env=self.env("postgres"))
        check(rc == 1 and "run from the directory that holds alembic.ini" in err,
              "elsewhere: %d %s" % (rc, err))

    CHECKS = [
        ("files", "check_files"),
        ("empty database", "check_empty_database"),
        ("a real migration", "check_migration"),
        ("a downgrade that leaves a table behind", "check_leaky_downgrade"),
        ("a downgrade that raises", "check_raising_downgrade"),
        ("a database that already holds the schema", "check_not_empty"),
        ("usage", "check_usage"),
    ]

    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-ci-")
        self.proj = os.path.join(self.tmp, "project")
        os.mkdir(self.proj)
        try:
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                files_ok = True
                for name, method in self.CHECKS:
                    if not files_ok:
                        self.fail(name, "skipped: the files were not written")
                        continue
                    try:
                        getattr(self, method)()
                        self.ok(name)
                    except (Failure, OSError, subprocess.SubprocessError, KeyError) as e:
                        self.fail(name, str(e))
                        if method == "check_files":
                            files_ok = False
        finally:
            self.drop_tmp()


def main(argv=None):
    return script_main("ci", __doc__, Run, argv,
                       dump=(str(DEFAULT_DUMP), "the sample dump (shop.sql)"),
                       keep_help="keep the cluster and the project")


if __name__ == "__main__":
    script_exit("ci", main)
