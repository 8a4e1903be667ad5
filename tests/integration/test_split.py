#!/usr/bin/python3
"""test_split: nothing can hide a table from the inventory (issue 9).

Usage: test_split.py --bin PATH [--keep] [--verbose]

A throwaway PostgreSQL 15 (pgharness) is the ground truth.  Each case is a
small script fed to the real psql (no ON_ERROR_STOP, no single transaction,
as a user would restore a dump), into a fresh database; the tables psql
created are compared with `pgbaseline inspect --format json`:

- standard_conforming_strings turned off (or not) in every form PostgreSQL
  accepts, with a quoted string that hides a table when the setting is read
  wrongly: the tables must be equal, and --strict must pass;
- psql meta-commands and conditionals: a constant \\if is followed exactly;
  where psql runs SQL pgbaseline cannot see, --strict must exit 3;
- a custom archive made by pg_dump 15 whose COMMENT entry is edited to
  hold an unterminated quote: `pg_restore -d` still creates the next
  table, and pgbaseline must report it too, with the broken entry as a
  located warning that --strict fails on; and one whose TABLE entry ends
  in a psql meta-command, which the server refuses.

The invariant over every case: when psql created a table pgbaseline does
not report, `--strict` exits 3.

Prints `split: N passed, M failed`; exits 1 when something failed.
Standard library only.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from pgharness import PgCluster, Script  # noqa: E402
from test_archives import parse_custom_1_14, pg_dump, write_custom  # noqa: E402

HIDE = "COMMENT ON SCHEMA public IS 'a\\' -- ';\nCREATE TABLE public.hidden (a int);\n"
SHOW = "COMMENT ON SCHEMA public IS 'b\\';\nCREATE TABLE public.on_only (a int);\n-- ';\n"

# (name, the setting's statements); each is followed by HIDE and by SHOW.
SET_CASES = [
    ("= false", "SET standard_conforming_strings = false;"),
    ("= 0", "SET standard_conforming_strings = 0;"),
    ("= no", "SET standard_conforming_strings = no;"),
    ("= 'off'", "SET standard_conforming_strings = 'off';"),
    ("= \"off\"", "SET standard_conforming_strings = \"off\";"),
    ("TO OFF, mixed case", "set Standard_Conforming_Strings TO OFF;"),
    ("prefix of", "SET standard_conforming_strings = of;"),
    ("'F'", "SET standard_conforming_strings TO 'F';"),
    ("SET SESSION", "SET SESSION standard_conforming_strings = off;"),
    ("quoted name", "SET \"standard_conforming_strings\" = 'n';"),
    ("set_config", "SELECT pg_catalog.set_config('standard_conforming_strings', 'off', false);"),
    ("set_config mixed case", "SELECT set_config('Standard_Conforming_Strings', 'no', false);"),
    ("set_config local", "SELECT set_config('standard_conforming_strings', 'off', true);"),
    ("SET LOCAL outside a transaction", "SET LOCAL standard_conforming_strings = off;"),
    ("ambiguous o", "SET standard_conforming_strings = o;"),
    ("not a boolean", "SET standard_conforming_strings = 'offf';"),
    ("two values", "SET standard_conforming_strings = off, off;"),
    ("ROLLBACK", "BEGIN;\nSET standard_conforming_strings = off;\nROLLBACK;"),
    ("COMMIT", "BEGIN;\nSET standard_conforming_strings = off;\nCOMMIT;"),
    ("SET LOCAL, COMMIT", "BEGIN;\nSET LOCAL standard_conforming_strings = off;\nCOMMIT;"),
    ("SET LOCAL in a transaction", "BEGIN;\nSET LOCAL standard_conforming_strings = off;"),
    ("ROLLBACK TO SAVEPOINT", "BEGIN;\nSAVEPOINT s;\nSET standard_conforming_strings = off;\n"
     "ROLLBACK TO SAVEPOINT s;\nCOMMIT;"),
    ("RELEASE SAVEPOINT", "BEGIN;\nSAVEPOINT s;\nSET standard_conforming_strings = off;\n"
     "RELEASE SAVEPOINT s;\nCOMMIT;"),
    ("RESET", "SET standard_conforming_strings = off;\nRESET standard_conforming_strings;"),
    ("TO DEFAULT", "SET standard_conforming_strings = off;\n"
     "SET standard_conforming_strings TO DEFAULT;"),
    ("RESET ALL", "SET standard_conforming_strings = off;\nRESET ALL;"),
    ("\\connect -", "SET standard_conforming_strings = off;\n\\connect -"),
    ("one line", "SELECT 1; SET standard_conforming_strings = off; SELECT 2;"),
]

# Meta-command scripts: (name, script, the tables must be equal?)
META_CASES = [
    ("\\if false / \\elif / \\else",
     "\\if false\nCREATE TABLE public.n1 (a int);\n\\elif 0\nCREATE TABLE public.n2 (a int);\n"
     "\\else\nCREATE TABLE public.y1 (a int);\n\\endif\n", True),
    ("\\if :variable",
     "\\set flag on\n\\if :flag\nCREATE TABLE public.y2 (a int);\n\\endif\n"
     "\\if :unset\nCREATE TABLE public.n3 (a int);\n\\endif\n", True),
    ("\\if :{?variable}",
     "\\if :{?x}\nCREATE TABLE public.n6 (a int);\n\\endif\n\\set x\n"
     "\\if :{?x}\nCREATE TABLE public.y5 (a int);\n\\endif\n", True),
    ("nested \\if",
     "\\if yes\n\\if off\nCREATE TABLE public.n4 (a int);\n\\else\n"
     "CREATE TABLE public.y3 (a int);\n\\endif\n\\endif\n", True),
    ("\\q", "CREATE TABLE public.y4 (a int);\n\\q\nCREATE TABLE public.n5 (a int);\n", True),
    ("\\g, \\gdesc, \\;",
     "CREATE TABLE public.g (a int) \\g\nCREATE TABLE public.gd (a int) \\gdesc\n"
     "CREATE TABLE public.c (x int)\\; CREATE TABLE public.d (y int);\n"
     "CREATE TABLE public.e (a int \\echo mid\n);\n", True),
    ("harmless meta-commands",
     "\\encoding UTF8\n\\echo CREATE TABLE public.nope (a int);\n\\pset format aligned\n"
     "\\set n 1\n\\unset n\n\\o\n\\timing on\nCREATE TABLE public.h (a int);\n", True),
    ("\\gexec", "SELECT 'CREATE TABLE public.gx (a int)' \\gexec\n", False),
    ("\\i", "\\i INCLUDED\n", False),
    ("\\set and :var", "\\set x 'CREATE TABLE public.v (a int)'\n:x;\n", False),
    ("\\copy from program",
     "CREATE TABLE public.t (a text);\n\\copy public.t from program 'echo x'\n", False),
    ("\\! psql", "\\! PSQL -c 'CREATE TABLE public.sh (a int)'\n", False),
    ("\\if :DBNAME", "\\if :DBNAME\nCREATE TABLE public.m (a int);\n\\endif\n", False),
]


class Runner(Script):
    def inspect(self, path, strict=False):
        return super().inspect([path] + (["--strict"] if strict else []))


def model_tables(out):
    d = json.loads(out)
    return {"%s.%s" % (t["schema"], t["name"]) for t in d["tables"]}


def server_tables(pg, db):
    ok, out, err = pg.psql(db, "SELECT schemaname || '.' || tablename FROM pg_tables "
                               "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
                               "ORDER BY 1;\n")
    if not ok:
        raise RuntimeError("listing tables failed: %s" % err)
    return set(out.split())


class Cases:
    def __init__(self, run, pg, work):
        self.run, self.pg, self.work = run, pg, work
        self.n = 0

    def fresh_db(self):
        self.n += 1
        db = "split_%d" % self.n
        self.pg.createdb(db)
        return db

    def compare(self, name, script, must_equal):
        """psql runs the script; pgbaseline reads it.  Returns nothing; records the result."""
        path = os.path.join(self.work, "case_%d.sql" % (self.n + 1))
        with open(path, "w") as f:
            f.write(script)
        db = self.fresh_db()
        self.pg.psql_file(db, path, single_transaction=False, on_error_stop=False)
        try:
            created = server_tables(self.pg, db)
        except RuntimeError as e:
            self.run.fail(name, str(e))
            return
        rc, out, err = self.run.inspect(path)
        if rc != 0:
            self.run.fail(name, "inspect exit %d\n%s" % (rc, err))
            return
        reported = model_tables(out)
        src, _, serr = self.run.inspect(path, strict=True)
        hidden = created - reported
        if hidden and src != 3:
            self.run.fail(name, "psql created %s, not reported, and --strict exited %d\n%s"
                          % (sorted(hidden), src, serr))
        elif must_equal and created != reported:
            self.run.fail(name, "psql created %s, pgbaseline reports %s\n%s"
                          % (sorted(created), sorted(reported), err))
        elif not must_equal and src != 3:
            self.run.fail(name, "--strict exited %d, expected 3 (a warning)\n%s" % (src, serr))
        else:
            self.run.ok(name)


def check_settings(cases):
    # The closing COMMIT keeps what an open transaction created (psql would roll it back).
    for name, setting in SET_CASES:
        for label, tail in (("hides", HIDE), ("shows", SHOW)):
            cases.compare("standard_conforming_strings %s, then a string that %s a table"
                          % (name, label), setting + "\n" + tail + "COMMIT;\n", True)


def check_meta(cases, work):
    included = os.path.join(work, "included.sql")
    with open(included, "w") as f:
        f.write("CREATE TABLE public.inc (a int);\n")
    psql = cases.pg.psql_argv("x")[0]
    for name, script, equal in META_CASES:
        script = script.replace("INCLUDED", included).replace(
            "PSQL", "%s -X -h %s -p %d -d %s" % (psql, cases.pg.dir, cases.pg.port,
                                                 "split_%d" % (cases.n + 1)))
        cases.compare("psql meta-commands: %s" % name, script, equal)


def edit_comment(entries):
    """The COMMENT entry pg_dump wrote, with its closing quote gone: the quote
    would run into the TABLE entry after it."""
    for e in entries:
        if e["desc"] == b"COMMENT":
            e["defn"] = b"COMMENT ON TABLE public.a IS 'hel;\n"
            return True
    return False


def edit_backslash(entries):
    """A psql meta-command in the TABLE entry of b: the server refuses it."""
    for e in entries:
        if e["desc"] == b"TABLE" and e["tag"] == b"b":
            e["defn"] = e["defn"].rstrip(b"\n") + b" \\gexec\n"
            return True
    return False


# (what, edit, the tables pg_restore -d creates, a word the warning has)
ARCHIVE_EDITS = [
    ("a COMMENT entry's unterminated quote does not swallow the next entry", edit_comment,
     {"public.a", "public.b"}, "unterminated"),
    ("a backslash in a TABLE entry: the server refuses the entry", edit_backslash,
     {"public.a"}, "backslash"),
]


def check_archive(run, pg, work):
    pg.createdb("arc_src")
    ok, _, err = pg.psql("arc_src", "CREATE TABLE public.a (x int);\n"
                                    "COMMENT ON TABLE public.a IS 'hello';\n"
                                    "CREATE TABLE public.b (y int);\n")
    if not ok:
        run.fail("custom archive: source database", err)
        return
    src = os.path.join(work, "arc.dump")
    r = pg_dump(pg, "arc_src", ["-Fc"], src)
    if r.returncode != 0:
        run.fail("custom archive: pg_dump", r.stderr.decode(errors="replace"))
        return
    with open(src, "rb") as f:
        data = f.read()

    for k, (what, edit, want, word) in enumerate(ARCHIVE_EDITS):
        label = "custom archive made by pg_dump 15, edited: " + what
        head, entries, tail, toc_end = parse_custom_1_14(data)
        if not edit(entries):
            run.fail(label, "the entry to edit is not in the archive")
            continue
        first = write_custom(head, entries, tail, (1, 14, 0), 0)
        delta = (len(first) - len(tail)) - toc_end
        edited = os.path.join(work, "arc-edited-%d.dump" % k)
        with open(edited, "wb") as f:
            f.write(write_custom(head, entries, tail, (1, 14, 0), delta))
        db = "arc_dst_%d" % k
        pg.createdb(db)
        r = subprocess.run([os.path.join(pg.bindir, "pg_restore"), "-d", db, edited],
                           env=pg._env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=300)
        created = server_tables(pg, db)
        rc, out, err = run.inspect(edited)
        src_rc, _, serr = run.inspect(edited, strict=True)
        where = "arc-edited-%d.dump (restore script):" % k
        if rc != 0:
            run.fail(label, "inspect exit %d\n%s" % (rc, err))
        elif created != want:
            run.fail(label, "pg_restore -d created %s, expected %s\n%s"
                     % (sorted(created), sorted(want), r.stderr.decode(errors="replace")))
        elif model_tables(out) != created:
            run.fail(label, "pg_restore created %s, pgbaseline reports %s\n%s"
                     % (sorted(created), sorted(model_tables(out)), err))
        elif where not in err or word not in err:
            run.fail(label, "no located warning about the edited entry:\n%s" % err)
        elif src_rc != 3:
            run.fail(label, "--strict exited %d, expected 3\n%s" % (src_rc, serr))
        else:
            run.ok(label)

    # The archive as pg_dump wrote it reads as before: nothing unparsed.
    label = "custom archive made by pg_dump 15: --strict passes"
    rc, out, err = run.inspect(src, strict=True)
    if rc != 0 or model_tables(out) != {"public.a", "public.b"}:
        run.fail(label, "exit %d, tables %s\n%s" % (rc, out[:200], err))
    else:
        run.ok(label)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the pgbaseline binary")
    ap.add_argument("--keep", action="store_true", help="keep the cluster and the files")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)

    run = Runner(args)
    work = tempfile.mkdtemp(prefix="pgb-split-")
    os.chmod(work, 0o777)
    try:
        with PgCluster(keep=args.keep, verbose=args.verbose) as pg:
            cases = Cases(run, pg, work)
            check_settings(cases)
            check_meta(cases, work)
            check_archive(run, pg, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("kept the files in %s" % work)

    print("split: %d passed, %d failed" % (run.passed, run.failed))
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
