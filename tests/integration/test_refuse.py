#!/usr/bin/python3
"""The stamp SQL's refusals, against PostgreSQL 15: it records the baseline
only on a database that is what the dump says.

    /usr/bin/python3 tests/integration/test_refuse.py --bin build/pgbaseline
        [--keep] [-v]

A hand-written dump (two schemas, a mixed-case name, a partitioned table
with its partitions, an inheritance child, a primary and a foreign key) is
baselined with `pgbaseline baseline`, restored into fresh databases, and
its stamp SQL (`<rev>_stamp.sql`) run with `psql -v ON_ERROR_STOP=1 -f`.

Checks, each on a fresh restore:
 1. look-alike: on the exact database the stamp records the revision, and
    a second run changes nothing (the version table is no extra table);
 2. a database with one table more than the dump (public.extra, and
    public."Extra Mixed"): the stamp aborts naming each, and writes
    nothing (no version table);
 3. --untracked 'public.scratch*': a database with public.scratch_1 more
    is stamped (look-alike), one with public.other more is refused;
 4. -n app: a database with a table more in public (outside the filter)
    is stamped (look-alike), one with app.extra more is refused; the same
    for -t 'app.*' -T 'app.tmp*' (app.tmp_1 and public.x pass, app.new
    does not) and -N app (app.x passes, public.x does not): the stamp
    tests the filters with pg_dump's regexes, as pgbaseline did;
 5. pg_dump -Fc, -Fd and -Ft archives of a database that Alembic tracks
    (its alembic_version holds a revision), its data as COPY or as INSERTs:
    `pgbaseline baseline` refuses each, naming the table and the revision
    read from the archive's data;
    the same archives without alembic_version are baselined (look-alike),
    and a --data-only archive is refused as data-only;
 6. the stamp SQL of a baseline that tracks no table (emitted from an
    empty model by a small program linked with pgbaseline's library, since
    `pgbaseline baseline` refuses such a dump) aborts on an empty database
    and on the restored one, and writes nothing.

Closing line: `refuse: N passed, M failed`; exit status 1 when anything
failed.
"""

import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from pgharness import Failure, PgCluster, Script, check, script_exit, script_main  # noqa: E402

REV = "001_baseline"
TIMEOUT = 300

DUMP = """\
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE SCHEMA app;

CREATE TABLE public.users (
    id integer NOT NULL,
    name text
);

CREATE TABLE public."Audit Log" (
    at timestamp with time zone
);

CREATE TABLE public.payment (
    id integer NOT NULL,
    paid date NOT NULL
)
PARTITION BY RANGE (paid);

CREATE TABLE public.payment_2025 (
    id integer NOT NULL,
    paid date NOT NULL
);

CREATE TABLE public.payment_2026 (
    id integer NOT NULL,
    paid date NOT NULL
);

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2025
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2026
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE TABLE app.orders (
    id integer NOT NULL,
    user_id integer
);

CREATE TABLE app.big_orders (
    weight integer
)
INHERITS (app.orders);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);
"""

# Emits the stamp SQL of an empty model, as emit_stamp_sql_checked writes it.
EMPTY_STAMP_C = r"""
#include "baseline.h"
#include "model.h"

#include <stdio.h>

int main(void)
{
	struct model *m = model_new();
	struct baseline_opts o = {.rev = "001_baseline", .version_table = "alembic_version"};
	struct strbuf sb;

	sb_init(&sb);
	emit_stamp_sql_checked(m, &o, &sb);
	fwrite(sb.data, 1, sb.len, stdout);
	sb_free(&sb);
	model_free(m);
	return ferror(stdout) ? 1 : 0;
}
"""

LDLIBS = ["-lpg_query", "-lprotobuf-c", "-lpcre2-8", "-lz", "-lzstd", "-llz4", "-larchive",
          "-ljansson", "-lcrypto", "-lm"]


class Run(Script):
    timeout = TIMEOUT

    def __init__(self, args):
        super().__init__(args)
        self.n_db = 0

    def project(self, name, *options):
        """`pgbaseline baseline --init OPTIONS dump.sql` in a new directory; the stamp SQL."""
        proj = os.path.join(self.tmp, name)
        os.mkdir(proj)
        rc, _, err = self.run([self.bin, "baseline", "--init", "--date", "2026-01-01"]
                              + list(options) + [self.dump], cwd=proj)
        if rc != 0:
            raise Failure("pgbaseline baseline %s exited %d:\n%s" % (" ".join(options), rc, err))
        stamp = os.path.join(proj, "alembic", "versions", REV + "_stamp.sql")
        check(os.path.isfile(stamp), "%s: no stamp SQL written" % name)
        return stamp

    def empty_stamp(self):
        """The stamp SQL of a baseline that tracks no table, from pgbaseline's library."""
        build = Path(self.bin).parent
        src = os.path.join(self.tmp, "empty_stamp.c")
        exe = os.path.join(self.tmp, "empty_stamp")
        with open(src, "w") as f:
            f.write(EMPTY_STAMP_C)
        argv = ["cc", "-std=c11", "-D_GNU_SOURCE", "-I", str(REPO / "include"), "-o", exe, src,
                str(build / "libpgb.a")] + LDLIBS
        if build.name == "build-san":  # the library was built with the sanitizers
            argv[1:1] = ["-fsanitize=address,undefined"]
        rc, _, err = self.run(argv)
        if rc != 0:
            raise Failure("cannot build the empty-model stamp program:\n%s" % err)
        rc, out, err = self.run([exe])
        if rc != 0:
            raise Failure("the empty-model stamp program exited %d:\n%s" % (rc, err))
        path = os.path.join(self.tmp, "empty_stamp.sql")
        with open(path, "w") as f:
            f.write(out)
        return path

    # ---- databases -----------------------------------------------------------

    def fresh_db(self, restore=True):
        self.n_db += 1
        db = "refuse%d" % self.n_db
        self.pg.createdb(db)
        if restore:
            ok, err = self.pg.psql_file(db, self.dump)
            if not ok:
                raise Failure("restoring the dump failed:\n%s" % err)
        return db

    def sql(self, db, text):
        ok, out, err = self.pg.psql(db, text)
        if not ok:
            raise Failure("SQL failed on %s: %s\n%s" % (db, err.strip(), text))
        return out.strip()

    def stamp(self, db, path):
        return self.run(self.pg.psql_argv(db, "-v", "ON_ERROR_STOP=1", "-f", path),
                        env=self.pg._env())

    def versions(self, db):
        if self.sql(db, "SELECT to_regclass('public.alembic_version') IS NULL;") == "t":
            return "<none>"
        return self.sql(db, "SELECT coalesce(string_agg(version_num, ','), '<empty>') "
                            "FROM public.alembic_version;")

    def expect_stamped(self, db, stamp, what):
        rc, _, err = self.stamp(db, stamp)
        check(rc == 0, "%s: the stamp SQL exited %d:\n%s" % (what, rc, err))
        check(self.versions(db) == REV, "%s: the version table holds %s, not %s"
              % (what, self.versions(db), REV))

    def expect_refused(self, db, stamp, what, *named):
        rc, _, err = self.stamp(db, stamp)
        check(rc != 0, "%s: the stamp SQL passed" % what)
        for text in named:
            check(text in err, "%s: the refusal does not say %r:\n%s" % (what, text, err))
        check(self.versions(db) == "<none>", "%s: a refused stamp left a version table (%s)"
              % (what, self.versions(db)))

    # ---- checks --------------------------------------------------------------

    def check_exact(self):
        db = self.fresh_db()
        self.expect_stamped(db, self.stamps["all"], "the exact database")
        rc, _, err = self.stamp(db, self.stamps["all"])
        check(rc == 0, "the second run exited %d:\n%s" % (rc, err))
        check("already recorded" in err, "the second run did not say it is recorded:\n%s" % err)
        self.pg.dropdb(db)

    def check_extra_table(self):
        db = self.fresh_db()
        self.sql(db, 'CREATE TABLE public.extra (x integer); '
                     'CREATE TABLE public."Extra Mixed" (y text);')
        self.expect_refused(db, self.stamps["all"], "a database with two tables more",
                            "table public.extra: not in the dump",
                            'table public."Extra Mixed": not in the dump',
                            "(2 differences)")
        check(self.sql(db, "SELECT to_regclass('public.extra') IS NOT NULL;") == "t",
              "the extra table is gone")
        self.pg.dropdb(db)

    def check_untracked(self):
        stamp = self.stamps["untracked"]
        db = self.fresh_db()
        self.sql(db, "CREATE TABLE public.scratch_1 (x integer);")
        self.expect_stamped(db, stamp, "an --untracked table more (look-alike)")
        self.pg.dropdb(db)
        db = self.fresh_db()
        self.sql(db, "CREATE TABLE public.scratch_1 (x integer); "
                     "CREATE TABLE public.other (x integer);")
        self.expect_refused(db, stamp, "a table more outside --untracked",
                            "table public.other: not in the dump", "(1 difference)")
        self.pg.dropdb(db)

    def check_filtered(self):
        stamp = self.stamps["app"]
        db = self.fresh_db()
        self.sql(db, "CREATE TABLE public.elsewhere (x integer);")
        self.expect_stamped(db, stamp, "-n app, a table more in public (look-alike)")
        self.pg.dropdb(db)
        db = self.fresh_db()
        self.sql(db, "CREATE TABLE app.extra (x integer);")
        self.expect_refused(db, stamp, "-n app, a table more in app",
                            "table app.extra: not in the dump")
        self.pg.dropdb(db)

    def check_filter_kinds(self):
        cases = [
            ("tT", ["CREATE TABLE app.tmp_1 (x integer);", "CREATE TABLE public.x (x integer);"],
             "CREATE TABLE app.new (x integer);", "table app.new: not in the dump"),
            ("N", ["CREATE TABLE app.x (x integer);"],
             "CREATE TABLE public.x (x integer);", "table public.x: not in the dump"),
        ]
        for key, passing, refused, named in cases:
            stamp = self.stamps[key]
            db = self.fresh_db()
            self.sql(db, " ".join(passing))
            self.expect_stamped(db, stamp, "%s: tables outside the filter (look-alike)" % key)
            self.pg.dropdb(db)
            db = self.fresh_db()
            self.sql(db, refused)
            self.expect_refused(db, stamp, "%s: a table inside the filter" % key, named)
            self.pg.dropdb(db)

    def pg_dump(self, db, path, *options):
        argv = [os.path.join(self.pg.bindir, "pg_dump"), "-h", self.pg.dir,
                "-p", str(self.pg.port), "-U", self.pg.SUPERUSER, "-f", path] + list(options)
        rc, _, err = self.run(argv + [db], env=self.pg._env())
        if rc != 0:
            raise Failure("pg_dump %s failed:\n%s" % (" ".join(options), err))

    def baseline_of(self, name, dump):
        proj = os.path.join(self.tmp, name)
        os.mkdir(proj)
        return self.run([self.bin, "baseline", "--init", "--date", "2026-01-01", dump], cwd=proj)

    def check_archives(self):
        db = self.fresh_db()
        for fmt in ("c", "d", "t"):
            path = os.path.join(self.tmp, "plain-%s.dump" % fmt)
            self.pg_dump(db, path, "-F", fmt)
            rc, _, err = self.baseline_of("plain-" + fmt, path)
            check(rc == 0, "-F%s without alembic_version: baseline exited %d:\n%s"
                  % (fmt, rc, err))
        self.sql(db, "CREATE TABLE public.alembic_version (version_num varchar(32) NOT NULL "
                     "PRIMARY KEY); INSERT INTO public.alembic_version VALUES ('c0ffee42');")
        for fmt in ("c", "d", "t", "c --inserts", "d --column-inserts"):
            name = "tracked-" + fmt.replace(" ", "")
            path = os.path.join(self.tmp, name + ".dump")
            self.pg_dump(db, path, "-F", *fmt.split())
            rc, _, err = self.baseline_of(name, path)
            check(rc == 2, "-F%s with alembic_version: baseline exited %d" % (fmt, rc))
            check("public.alembic_version, at revision c0ffee42" in err,
                  "-F%s: the refusal does not name the table and its revision:\n%s" % (fmt, err))
        path = os.path.join(self.tmp, "data-only.dump")
        self.pg_dump(db, path, "-F", "c", "--data-only")
        rc, _, err = self.baseline_of("data-only", path)
        check(rc == 2 and "data-only" in err,
              "a --data-only archive: baseline exited %d:\n%s" % (rc, err))
        self.pg.dropdb(db)

    def check_empty_baseline(self):
        stamp = self.empty_stamp()
        db = self.fresh_db(restore=False)
        self.expect_refused(db, stamp, "no table tracked, an empty database", "tracks no table")
        self.pg.dropdb(db)
        db = self.fresh_db()
        self.expect_refused(db, stamp, "no table tracked, the restored database",
                            "tracks no table")
        self.pg.dropdb(db)

    CHECKS = [
        ("look-alike: the exact database is stamped, twice", "check_exact"),
        ("a database with tables the dump does not have is refused", "check_extra_table"),
        ("--untracked: its tables may be extra, no others", "check_untracked"),
        ("-n app: extra tables outside it pass, inside it are refused", "check_filtered"),
        ("-t/-T and -N: the same regexes in the stamp", "check_filter_kinds"),
        ("archives: Alembic's version table and its revision, a data-only archive",
         "check_archives"),
        ("a baseline that tracks no table is recorded on no database", "check_empty_baseline"),
    ]

    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-refuse-")
        try:
            self.dump = os.path.join(self.tmp, "dump.sql")
            with open(self.dump, "w") as f:
                f.write(DUMP)
            self.stamps = {
                "all": self.project("all"),
                "untracked": self.project("untracked", "--untracked", "public.scratch*"),
                "app": self.project("app", "-n", "app"),
                "tT": self.project("tT", "-t", "app.*", "-T", "app.tmp*"),
                "N": self.project("N", "-N", "app"),
            }
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                for name, method in self.CHECKS:
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
        finally:
            self.drop_tmp()


def main(argv=None):
    return script_main("refuse", __doc__, Run, argv,
                       keep_help="keep the cluster and projects")


if __name__ == "__main__":
    script_exit("refuse", main)
