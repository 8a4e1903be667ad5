#!/usr/bin/python3
"""The stamp SQL under client encodings that could break it, against
PostgreSQL 15.

    /usr/bin/python3 tests/integration/test_stamp.py --bin build/pgbaseline
        [--keep] [-v]

A DBA on a console whose encoding is SJIS, BIG5 or GBK runs the stamp SQL
(`<rev>_stamp.sql`, written by `pgbaseline baseline`) with `psql -v
ON_ERROR_STOP=1 -f`.  Read in those encodings, UTF-8 names mean other
names, and a byte before a backslash can swallow it (0x5c is a second byte
there), so a backslash escape could end a literal early.  The stamp SQL
must mean the same in every client encoding.

A hand-written dump holds tables named "顧客", names ending in a backslash,
with quotes, `$$`, `$pgb$`, `$tag$`, characters whose SJIS/BIG5/GBK forms
end in 0x5c (ソ 表 能 功), "ぁ" (its last UTF-8 byte starts a character in
SJIS), and one injection name per encoding:

    t<LF><X>\\'||pgbtrace.hit()::text,NULL,NULL,NULL)--

where <X> is a character whose last UTF-8 byte and the backslash after it
are one character in that encoding (ß for SJIS, 両 for BIG5, 丁 for GBK).
The injection tables have no column, so that the name's only row is the
last of the VALUES list (the "--" must comment out just that row's end).
pgbtrace.hit(), created in each database beside the restored dump, advances
a sequence: a trace that a rollback does not undo.

Checks: the stamp SQL sets client_encoding before its first byte beyond
ASCII and holds no E'' literal; then, each on a fresh restore:
 1. for PGCLIENTENCODING SJIS, BIG5, GBK and UTF8 (server default
    backslash_quote): the stamp SQL exits 0, records the revision, runs
    again harmlessly (one row), and pgbtrace.hit() never ran;
 2. the same under psql --single-transaction (SJIS);
 3. look-alike: on a database that lacks "顧客", the pre-flight refuses
    under SJIS, names the table, and records nothing;
 4. on a server with backslash_quote = on, for SJIS, BIG5 and GBK: the
    whole dump as in 1, and a dump holding only that encoding's injection
    name (so that nothing else in the file fails first): the stamp passes
    and pgbtrace.hit() never ran.

And alembic.ini read as the installed Alembic (1.8) reads it, with no
database: `alembic heads` sees the revision where pgbaseline wrote it for
script_location = myapp:migrations (a package resource) and for
version_locations (%(here)s, split on spaces and commas, or on
version_path_separator); a revision Alembic sees in another version
location stops the baseline.

Closing line: `stamp: N passed, M failed`; exit status 1 when anything
failed.
"""

import os
import re
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import Failure, PgCluster, Script, check, script_exit, script_main  # noqa: E402

REV = "001_baseline"
TIMEOUT = 300
ENCODINGS = ("SJIS", "BIG5", "GBK", "UTF8")

# A character whose last UTF-8 byte starts a two-byte character of the
# encoding, so that byte and a backslash after it read as one character.
SWALLOWER = {"SJIS": "ß", "BIG5": "両", "GBK": "丁"}
PAYLOAD = "\\'||pgbtrace.hit()::text,NULL,NULL,NULL)--"


def injection_name(enc):
    return "t\n" + SWALLOWER[enc] + PAYLOAD


def qi(name):
    return '"' + name.replace('"', '""') + '"'


HEADER = "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n"


def main_dump():
    stmts = [
        'CREATE TABLE public."顧客" ("名前" text NOT NULL, "ソ表能功" integer);',
        'ALTER TABLE ONLY public."顧客" ADD CONSTRAINT "顧客_pkey" PRIMARY KEY ("名前");',
    ]
    for enc in SWALLOWER:
        stmts.append("CREATE TABLE public.%s ();" % qi(injection_name(enc)))
    stmts += [
        'CREATE TABLE public."ends with \\" ("ソ\\" integer, "表\'" text, "能$$" text, '
        '"功\\\'" text);',
        'CREATE INDEX "ix_功\\" ON public."ends with \\" USING btree ("ソ\\");',
        'CREATE TABLE public."it\'s ""quoted""" (id integer);',
        'CREATE TABLE public."$$" (id integer);',
        'CREATE TABLE public."$pgb$" ("$tag$" integer, "$pgb1$" text);',
        'CREATE TABLE public."$tag$" (id integer);',
        'CREATE TABLE public."ぁ" ("ぁ" integer);',
        'CREATE SCHEMA "スキーマ\\";',
        'CREATE TABLE "スキーマ\\"."表" (id integer NOT NULL);',
    ]
    return HEADER + "\n".join(stmts) + "\n"


def injection_dump(enc):
    return (HEADER + "CREATE TABLE public.plain (id integer);\n"
            "CREATE TABLE public.%s ();\n" % qi(injection_name(enc)))


TRACE_SQL = """
CREATE SCHEMA pgbtrace;
CREATE SEQUENCE pgbtrace.hits;
CREATE FUNCTION pgbtrace.hit() RETURNS integer LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''pgbtrace.hits'')::integer';
"""


class Run(Script):
    timeout = TIMEOUT

    def __init__(self, args):
        super().__init__(args)
        self.n_db = 0

    # ---- projects ------------------------------------------------------------

    def project(self, name, dump_text):
        """Write the dump, run `pgbaseline baseline --init` on it; returns (dump, stamp)."""
        proj = os.path.join(self.tmp, name)
        os.mkdir(proj)
        dump = os.path.join(proj, "dump.sql")
        with open(dump, "wb") as f:
            f.write(dump_text.encode("utf-8"))
        rc, out, err = self.run([self.bin, "baseline", "--init", "--doc", "comprehensive",
                                 "--date", "2026-01-01 00:00:00 UTC", "dump.sql"], cwd=proj)
        if rc != 0:
            raise Failure("pgbaseline baseline on %s exited %d:\n%s" % (name, rc, err))
        stamp = os.path.join(proj, "alembic", "versions", REV + "_stamp.sql")
        check(os.path.isfile(stamp), "%s: no stamp SQL written" % name)
        return dump, stamp

    def check_text(self):
        for dump, stamp in [self.main_proj] + list(self.injection.values()):
            with open(stamp, "rb") as f:
                data = f.read()
            first_non_ascii = next((i for i, b in enumerate(data) if b >= 0x80), len(data))
            set_at = data.find(b"\nSET client_encoding = 'UTF8';\n")
            check(0 <= set_at < first_non_ascii,
                  "%s: SET client_encoding does not come before the first non-ASCII byte"
                  % stamp)
            check(re.search(rb"(?<![A-Za-z0-9_$'])[Ee]'", data) is None,
                  "%s: the stamp SQL holds an E'' literal" % stamp)

    # ---- databases -----------------------------------------------------------

    def fresh_db(self, dump):
        self.n_db += 1
        db = "stamp%d" % self.n_db
        self.pg.createdb(db)
        ok, err = self.pg.psql_file(db, dump)
        if not ok:
            raise Failure("restoring %s failed:\n%s" % (dump, err))
        self.sql(db, TRACE_SQL)
        return db

    def sql(self, db, text):
        ok, out, err = self.pg.psql(db, text)
        if not ok:
            raise Failure("SQL failed on %s: %s\n%s" % (db, err.strip(), text))
        return out.strip()

    def stamp(self, db, path, encoding, single_transaction=False):
        env = self.pg._env()
        env["PGCLIENTENCODING"] = encoding
        extra = ["-1"] if single_transaction else []
        argv = self.pg.psql_argv(db, "-v", "ON_ERROR_STOP=1", *extra, "-f", path)
        return self.run(argv, env=env)

    def versions(self, db):
        if self.sql(db, "SELECT to_regclass('public.alembic_version') IS NULL;") == "t":
            return "<none>"
        return self.sql(db, "SELECT coalesce(string_agg(version_num, ','), '<empty>') "
                            "FROM public.alembic_version;")

    def traced(self, db):
        return self.sql(db, "SELECT is_called FROM pgbtrace.hits;") == "t"

    def stamp_twice(self, dump, stamp, encoding, single_transaction=False):
        db = self.fresh_db(dump)
        rc, _, err = self.stamp(db, stamp, encoding, single_transaction)
        check(not self.traced(db), "%s: the injected code ran" % encoding)
        check(rc == 0, "%s: the stamp SQL exited %d:\n%s" % (encoding, rc, err))
        check(self.versions(db) == REV,
              "%s: version table holds %s, not %s" % (encoding, self.versions(db), REV))
        rc, _, err = self.stamp(db, stamp, encoding, single_transaction)
        check(rc == 0, "%s: the second run exited %d:\n%s" % (encoding, rc, err))
        check("already recorded" in err, "%s: the second run did not say the revision is "
              "already recorded:\n%s" % (encoding, err))
        check(self.versions(db) == REV, "%s: after the second run the version table holds %s"
              % (encoding, self.versions(db)))
        check(not self.traced(db), "%s: the injected code ran on the second run" % encoding)
        self.pg.dropdb(db)

    # ---- checks --------------------------------------------------------------

    def check_encodings(self):
        for enc in ENCODINGS:
            self.stamp_twice(self.main_proj[0], self.main_proj[1], enc)

    def check_single_transaction(self):
        self.stamp_twice(self.main_proj[0], self.main_proj[1], "SJIS", single_transaction=True)

    def check_lookalike_refused(self):
        db = self.fresh_db(self.main_proj[0])
        self.sql(db, 'DROP TABLE public."顧客";')
        rc, _, err = self.stamp(db, self.main_proj[1], "SJIS")
        check(rc != 0, "the stamp SQL passed on a database without \"顧客\"")
        check("does not match baseline revision" in err and "\"顧客\": missing" in err,
              "the refusal does not name the missing table:\n%s" % err)
        check("(1 difference)" in err, "more than the one missing table reported:\n%s" % err)
        check(self.versions(db) == "<none>", "a refused stamp left a version table: %s"
              % self.versions(db))
        check(not self.traced(db), "the injected code ran")
        self.pg.dropdb(db)

    def check_backslash_quote_on(self):
        check(self.sql("postgres", "SHOW backslash_quote;") == "on",
              "the server's backslash_quote is not on")
        problems = []
        for enc in SWALLOWER:
            for dump, stamp in (self.injection[enc], self.main_proj):
                try:
                    self.stamp_twice(dump, stamp, enc)
                except Failure as e:
                    problems.append("%s: %s" % (os.path.basename(os.path.dirname(dump)), e))
        check(not problems, "\n".join(problems))

    # ---- alembic.ini, as the installed Alembic reads it (no database) --------

    def alembic(self, proj, *args):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.pop("DATABASE_URL", None)
        return self.run([sys.executable, "-m", "alembic"] + list(args), cwd=proj, env=env)

    def ini_project(self, name, ini, dirs=(), files=None):
        proj = os.path.join(self.tmp, name)
        os.mkdir(proj)
        with open(os.path.join(proj, "alembic.ini"), "w") as f:
            f.write("[alembic]\n" + ini)
        for d in dirs:
            os.makedirs(os.path.join(proj, d), exist_ok=True)
        for path, text in (files or {}).items():
            os.makedirs(os.path.dirname(os.path.join(proj, path)), exist_ok=True)
            with open(os.path.join(proj, path), "w") as f:
                f.write(text)
        with open(os.path.join(proj, "d.sql"), "w") as f:
            f.write("CREATE TABLE public.t (a integer);\n")
        return proj

    def expect_alembic_sees(self, proj, where):
        rc, out, err = self.run([self.bin, "baseline", "d.sql"], cwd=proj)
        check(rc == 0, "pgbaseline baseline exited %d:\n%s" % (rc, err))
        written = os.path.join(proj, where, REV + "_baseline_existing_schema.py")
        check(os.path.isfile(written), "the revision is not in %s:\n%s" % (where, out))
        rc, out, err = self.alembic(proj, "heads")
        check(rc == 0 and (REV + " (head)") in out,
              "alembic heads does not see %s:\n%s%s" % (REV, out, err))

    def check_ini_package_resource(self):
        proj = self.ini_project(
            "ini-package", "script_location = myapp:migrations\nprepend_sys_path = .\n",
            dirs=["myapp/migrations/versions"], files={"myapp/__init__.py": ""})
        self.expect_alembic_sees(proj, "myapp/migrations/versions")
        check(not os.path.exists(os.path.join(proj, "myapp:migrations")),
              "a literal myapp:migrations directory was made")

    def check_ini_version_locations(self):
        # no separator: Alembic 1.8 splits on spaces and commas; %(here)s interpolated
        proj = self.ini_project(
            "ini-locations", "script_location = alembic\n"
            "version_locations = %(here)s/db/versions, %(here)s/other/versions\n",
            dirs=["alembic", "db/versions", "other/versions"])
        self.expect_alembic_sees(proj, "db/versions")
        check(not os.path.exists(os.path.join(proj, "alembic", "versions")),
              "written to alembic/versions, which Alembic does not read")
        # version_path_separator = ;
        proj = self.ini_project(
            "ini-locations-semicolon", "script_location = alembic\n"
            "version_path_separator = ;\n"
            "version_locations = %(here)s/a dir/versions;%(here)s/alembic/versions\n",
            dirs=["alembic/versions", "a dir/versions"])
        self.expect_alembic_sees(proj, "alembic/versions")

    def check_ini_tracked_elsewhere(self):
        existing = ('revision = "abc123"\ndown_revision = None\nbranch_labels = None\n'
                    'depends_on = None\n\n\ndef upgrade():\n    pass\n\n\n'
                    'def downgrade():\n    pass\n')
        proj = self.ini_project(
            "ini-tracked", "script_location = alembic\n"
            "version_locations = %(here)s/alembic/versions %(here)s/other\n",
            dirs=["alembic/versions"], files={"other/abc123_first.py": existing})
        rc, out, _ = self.alembic(proj, "history")
        check(rc == 0 and "abc123" in out, "alembic history does not see abc123: %s" % out)
        rc, _, err = self.run([self.bin, "baseline", "d.sql"], cwd=proj)
        check(rc == 2 and "already holds revision abc123_first.py" in err,
              "the guard missed the revision in other/ (exit %d):\n%s" % (rc, err))
        check(os.listdir(os.path.join(proj, "alembic", "versions")) == [],
              "files written although Alembic already tracks this project")

    def check_stats_query(self):
        """stats-query's CSV is UTF-8 under SJIS, so --stats finds "顧客"."""
        # "顧客" and no name with a newline: stats.c reads no CSV field with one yet
        dump, _ = self.project("stats-dump", HEADER +
                               'CREATE TABLE public."顧客" ("名前" text NOT NULL);\n'
                               'CREATE TABLE public."ソ\\" (a integer);\n')
        db = self.fresh_db(dump)
        self.sql(db, 'INSERT INTO public."顧客" SELECT g::text FROM generate_series(1, 1234) g;'
                     ' ANALYZE public."顧客";')
        rc, query, err = self.run([self.bin, "stats-query"])
        check(rc == 0, "stats-query exited %d: %s" % (rc, err))
        work = os.path.join(self.tmp, "stats")
        os.makedirs(work, exist_ok=True)
        path = os.path.join(work, "q.sql")
        with open(path, "w") as f:
            f.write(query)
        env = self.pg._env()
        env["PGCLIENTENCODING"] = "SJIS"
        rc, _, err = self.run(self.pg.psql_argv(db, "-v", "ON_ERROR_STOP=1", "-f", path),
                              cwd=work, env=env)
        check(rc == 0, "the stats query failed under SJIS: %s" % err)
        with open(os.path.join(work, "stats.csv"), "rb") as f:
            csv = f.read()
        check('"public.""顧客""",1234\n'.encode("utf-8") in csv,
              "stats.csv lacks the UTF-8 row for \"顧客\": %r" % csv[:300])
        proj = os.path.join(self.tmp, "stats-proj")
        os.mkdir(proj)
        rc, _, err = self.run([self.bin, "baseline", "--init", "--doc", "comprehensive",
                               "--stats", os.path.join(work, "stats.csv"), dump], cwd=proj)
        check(rc == 0, "baseline --stats exited %d: %s" % (rc, err))
        rev = os.path.join(proj, "alembic", "versions",
                           REV + "_baseline_existing_schema.py")
        with open(rev, encoding="utf-8") as f:
            text = f.read()
        # quoted as psql takes it, in the source as in __doc__
        check('"顧客": ~1.2K records' in text, "the revision lacks the row count of \"顧客\"")
        self.pg.dropdb(db)

    CHECKS = [
        ("alembic.ini: script_location = myapp:migrations, as alembic heads sees it",
         "check_ini_package_resource", None),
        ("alembic.ini: version_locations, as alembic heads sees them",
         "check_ini_version_locations", None),
        ("alembic.ini: a revision in another version location is found",
         "check_ini_tracked_elsewhere", None),
        ("UTF-8 declared first, no E'' literal", "check_text", {}),
        ("client encodings SJIS, BIG5, GBK, UTF8", "check_encodings", {}),
        ("psql --single-transaction under SJIS", "check_single_transaction", {}),
        ("look-alike: a missing \"顧客\" is refused under SJIS", "check_lookalike_refused", {}),
        ("stats-query: a UTF-8 CSV under SJIS, read by --stats", "check_stats_query", {}),
        ("backslash_quote = on: no injection in SJIS, BIG5, GBK", "check_backslash_quote_on",
         {"backslash_quote": "on"}),
    ]

    def run_checks(self, checks):
        for name, method in checks:
            try:
                getattr(self, method)()
            except Failure as e:
                print("FAIL %s: %s" % (name, e))
                self.failed += 1
            except (OSError, subprocess.SubprocessError, ValueError) as e:
                print("FAIL %s: %s" % (name, e))
                if self.verbose:
                    traceback.print_exc()
                self.failed += 1
            else:
                print("ok   %s" % name)
                self.passed += 1

    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-stamp-")
        try:
            self.main_proj = self.project("main", main_dump())
            self.injection = {enc: self.project("inj-" + enc, injection_dump(enc))
                              for enc in SWALLOWER}
            by_conf = {}
            for name, method, conf in self.CHECKS:
                key = None if conf is None else tuple(sorted(conf.items()))
                by_conf.setdefault(key, []).append((name, method))
            for conf, checks in by_conf.items():
                if conf is None:  # no database needed
                    self.run_checks(checks)
                    continue
                with PgCluster(keep=self.args.keep, verbose=self.verbose,
                               extra_conf=dict(conf)) as pg:
                    self.pg = pg
                    self.run_checks(checks)
        finally:
            self.drop_tmp()


def main(argv=None):
    return script_main("stamp", __doc__, Run, argv,
                       keep_help="keep the clusters and projects")


if __name__ == "__main__":
    script_exit("stamp", main)
