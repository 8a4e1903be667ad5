#!/usr/bin/python3
"""test_diff.py: diff's table-rewrite hazard is what PostgreSQL 15 does.

For each change of a column (its type, a new column with a default, UNLOGGED),
`pgbaseline diff --format json` of the two one-table dumps says whether the
change rewrites the table; PostgreSQL is asked the same: the table (with a
row) is altered in a real database and its relfilenode compared before and
after, a rewrite being a new relfilenode.  Binary-coercible type changes
(varchar(n) to a longer varchar or text, numeric to a larger precision, a
longer bit varying, a timestamp precision raised, cidr to inet) must not be
called rewrites, and every other must.  Closes with `diff: N passed, M failed`.
"""
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import PgCluster, Script, script_exit, script_main  # noqa: E402

# (old column type, new column type, a value both hold)
TYPES = [
    ("character varying(10)", "character varying(20)", "'abc'"),
    ("character varying(20)", "character varying(10)", "'abc'"),
    ("character varying(10)", "text", "'abc'"),
    ("character varying(10)", "character varying", "'abc'"),
    ("text", "character varying", "'abc'"),
    ("text", "character varying(5)", "'abc'"),
    ("numeric(10,2)", "numeric(12,2)", "1.5"),
    ("numeric(10,2)", "numeric(10,1)", "1.5"),
    ("numeric(10,2)", "numeric(12,3)", "1.5"),
    ("numeric(10,2)", "numeric", "1.5"),
    ("integer", "bigint", "1"),
    ("bigint", "integer", "1"),
    ("integer", "numeric", "1"),
    ("integer", "text", "1"),
    ("real", "double precision", "1"),
    ("character(5)", "character(10)", "'abc'"),
    ("bit varying(5)", "bit varying(10)", "B'101'"),
    ("timestamp(3) without time zone", "timestamp(6) without time zone", "'2020-01-01'"),
    ("timestamp(6) without time zone", "timestamp(3) without time zone", "'2020-01-01'"),
    ("interval(3)", "interval", "'1 day'"),
    ("cidr", "inet", "'10.0.0.0/8'"),
    ("xml", "text", "'<a/>'"),
    ("text", "text COLLATE \"C\"", "'abc'"),
]

# (what, old table, new table, the ALTER that makes it, the change's kind and name)
SHAPES = [
    ("a new column with a constant default", "CREATE TABLE public.t (a integer);",
     "CREATE TABLE public.t (a integer, b integer DEFAULT 7);",
     "ALTER TABLE public.t ADD COLUMN b integer DEFAULT 7", ("column", "b")),
    ("a new column with a volatile default", "CREATE TABLE public.t (a integer);",
     "CREATE TABLE public.t (a integer, b double precision DEFAULT random());",
     "ALTER TABLE public.t ADD COLUMN b double precision DEFAULT random()", ("column", "b")),
    ("a new identity column", "CREATE TABLE public.t (a integer);",
     "CREATE TABLE public.t (a integer, b integer NOT NULL GENERATED ALWAYS AS IDENTITY);",
     "ALTER TABLE public.t ADD COLUMN b integer NOT NULL GENERATED ALWAYS AS IDENTITY",
     ("column", "b")),
    ("a new nullable column", "CREATE TABLE public.t (a integer);",
     "CREATE TABLE public.t (a integer, b text);", "ALTER TABLE public.t ADD COLUMN b text",
     ("column", "b")),
    ("SET UNLOGGED", "CREATE TABLE public.t (a integer);",
     "CREATE UNLOGGED TABLE public.t (a integer);", "ALTER TABLE public.t SET UNLOGGED",
     ("table", "t")),
    ("SET NOT NULL", "CREATE TABLE public.t (a integer);",
     "CREATE TABLE public.t (a integer NOT NULL);",
     "ALTER TABLE public.t ALTER COLUMN a SET NOT NULL", ("column", "a")),
]


class Run(Script):
    def main(self):
        self.tmp = self.work = tempfile.mkdtemp(prefix="pgb-diff-")
        try:
            self.cases()
        finally:
            self.drop_tmp()

    def cases(self):
        with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
            pg.createdb("difftest")
            for i, (old, new, value) in enumerate(TYPES):
                col_type = new.replace(" COLLATE \"C\"", "")
                collate = " COLLATE \"C\"" if "COLLATE" in new else ""
                alter = "ALTER TABLE public.t ALTER COLUMN a TYPE %s%s USING a::%s" % (
                    col_type, collate, col_type)
                self.one(pg, i, "%s to %s" % (old, new),
                         "CREATE TABLE public.t (a %s);" % old,
                         "CREATE TABLE public.t (a %s);" % new,
                         "INSERT INTO public.t VALUES (%s)" % value, alter, ("column", "a"))
            for j, (what, old, new, alter, target) in enumerate(SHAPES):
                self.one(pg, len(TYPES) + j, what, old, new,
                         "INSERT INTO public.t (a) VALUES (1)", alter, target)

    def rewrites(self, pg, old_sql, fill, alter):
        """Does PostgreSQL give the table a new relfilenode for ALTER?"""
        ok, out, err = pg.psql("difftest",
                               "DROP TABLE IF EXISTS public.t;\n%s\n%s;\n"
                               "SELECT pg_relation_filenode('public.t');\n%s;\n"
                               "SELECT pg_relation_filenode('public.t');\n"
                               % (old_sql, fill, alter))
        if not ok:
            return None, err
        nodes = out.split()
        return nodes[0] != nodes[1], ""

    def one(self, pg, i, what, old_sql, new_sql, fill, alter, target):
        rewritten, err = self.rewrites(pg, old_sql, fill, alter)
        if rewritten is None:
            self.fail("%s: PostgreSQL refused the change" % what, err)
            return
        old_path = os.path.join(self.work, "old%d.sql" % i)
        new_path = os.path.join(self.work, "new%d.sql" % i)
        Path(old_path).write_text(old_sql + "\n")
        Path(new_path).write_text(new_sql + "\n")
        rc, out, err = self.run([self.bin, "diff", "--format", "json", old_path, new_path])
        if rc != 1:
            self.fail("%s: diff exited %d" % (what, rc), err)
            return
        changes = [c for c in json.loads(out)["changes"]
                   if (c["kind"], c["name"]) == target]
        said = any("table-rewrite" in c["hazards"] for c in changes)
        self.result("%s: %s (PostgreSQL %s)" % (
            what, "a rewrite" if said else "no rewrite",
            "rewrites" if rewritten else "does not"), bool(changes) and said == rewritten,
            "diff said %s" % json.dumps(changes))


def main(argv=None):
    return script_main("diff", __doc__, Run, argv, keep_help="keep the cluster and files")


if __name__ == "__main__":
    script_exit("diff", main)
