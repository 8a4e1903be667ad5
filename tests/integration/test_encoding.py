#!/usr/bin/python3
"""Dumps of databases in another encoding than UTF-8, against PostgreSQL 15.

    /usr/bin/python3 tests/integration/test_encoding.py --bin build/pgbaseline
        [--keep] [-v]

pg_dump writes a database's text in the database's encoding and says so
with SET client_encoding.  For a LATIN1, a WIN1252 and an EUC_JP database
holding tables, columns, comments, a view and a function named beyond
ASCII, each dumped plain, plain gzipped, and as -Fc, -Fd and -Ft archives:
`pgbaseline inspect --format json` must give exactly the names the
catalog reports (read over a UTF-8 connection), and say the dump's
client_encoding.  A UTF-8 database is the look-alike: client_encoding
UTF8, nothing converted.  Then the baseline's schema SQL (written in
UTF-8) builds the same tables in a UTF-8 database.

Closing line: `encoding: N passed, M failed`; exit 1 when anything failed.
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import Failure, PgCluster, Script, check, script_exit, script_main  # noqa: E402

# (database encoding, names that the encoding can hold)
CASES = [
    ("LATIN1", {"table": "café", "column": "naïve", "comment": "déjà vu", "view": "vue_été",
                "function": "größe"}),
    ("WIN1252", {"table": "€uro", "column": "prix€", "comment": "„quoted“ – dash", "view": "œuvre",
                 "function": "façade"}),
    ("EUC_JP", {"table": "表", "column": "列名", "comment": "ソ表\\", "view": "ビュー",
                "function": "関数"}),
    ("UTF8", {"table": "naïve_ü", "column": "Ωmega", "comment": "✓ checked", "view": "vüe",
              "function": "fün"}),
]


def q(name):
    return '"%s"' % name.replace('"', '""')


def lit(s):
    return "'%s'" % s.replace("'", "''")


class Run(Script):
    def schema_sql(self, n):
        return (
            "CREATE TABLE public.%s (id integer PRIMARY KEY, %s text DEFAULT %s);\n"
            "COMMENT ON TABLE public.%s IS %s;\n"
            "CREATE VIEW public.%s AS SELECT %s FROM public.%s WHERE %s <> %s;\n"
            "CREATE FUNCTION public.%s() RETURNS text LANGUAGE sql AS $$ SELECT %s::text $$;\n"
            % (q(n["table"]), q(n["column"]), lit(n["comment"]), q(n["table"]), lit(n["comment"]),
               q(n["view"]), q(n["column"]), q(n["table"]), q(n["column"]), lit(n["comment"]),
               q(n["function"]), lit(n["comment"])))

    def catalog(self, db):
        ok, out, err = self.pg.psql(db, """
            SET client_encoding = 'UTF8';
            SELECT json_build_object(
              'tables', (SELECT json_agg(relname ORDER BY relname) FROM pg_class
                         WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'),
              'columns', (SELECT json_agg(attname ORDER BY attname) FROM pg_attribute
                          JOIN pg_class c ON c.oid = attrelid
                          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
                            AND attnum > 0 AND NOT attisdropped),
              'comments', (SELECT json_agg(obj_description(oid, 'pg_class')) FROM pg_class
                           WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'),
              'views', (SELECT json_agg(relname) FROM pg_class
                        WHERE relnamespace = 'public'::regnamespace AND relkind = 'v'),
              'functions', (SELECT json_agg(proname) FROM pg_proc
                            WHERE pronamespace = 'public'::regnamespace));
        """)
        check(ok, "catalog query failed: %s" % err)
        return json.loads(out)

    def model(self, path):
        rc, out, err = self.inspect([path])
        check(rc == 0, "inspect %s exited %d: %s" % (os.path.basename(path), rc, err[:500]))
        d = json.loads(out)
        return d, {
            "tables": sorted(t["name"] for t in d["tables"]),
            "columns": sorted(c["name"] for t in d["tables"] for c in t["columns"]),
            "comments": [t["comment"] for t in d["tables"]],
            "views": [v["name"] for v in d["views"]],
            "functions": [f["name"] for f in d["functions"]],
        }

    def dumps(self, db, enc):
        """Plain, gzipped plain, and the three archives of db."""
        base = os.path.join(self.tmp, db)
        pg_dump = os.path.join(self.pg.bindir, "pg_dump")
        env = self.pg._env()
        out = {}
        for fmt, path in (("p", base + ".sql"), ("c", base + ".dump"), ("d", base + ".dir"),
                          ("t", base + ".tar")):
            r = subprocess.run([pg_dump, "-s", "-F", fmt, "-f", path, "-d", db], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
            check(r.returncode == 0, "pg_dump -F%s %s: %s" % (fmt, db, r.stderr.decode()))
            out[fmt] = path
        with open(out["p"], "rb") as f, gzip.GzipFile(base + ".sql.gz", "wb", mtime=0) as g:
            raw = f.read()
            g.write(raw)
        out["gz"] = base + ".sql.gz"
        if enc != "UTF8":
            check(("SET client_encoding = '%s';" % enc).encode() in raw,
                  "the plain dump does not set client_encoding %s" % enc)
            check(raw.decode("utf-8", errors="replace") != raw.decode("latin-1"),
                  "the plain dump is not in %s bytes" % enc)
        return out

    def case(self, enc, names):
        db = "enc_" + enc.lower()
        ok, _, err = self.pg.psql("postgres", "CREATE DATABASE %s TEMPLATE template0 ENCODING '%s' "
                                  "LC_COLLATE 'C' LC_CTYPE 'C';" % (db, enc))
        check(ok, "CREATE DATABASE %s: %s" % (db, err))
        ok, _, err = self.pg.psql(db, "SET client_encoding = 'UTF8';\n" + self.schema_sql(names))
        check(ok, "schema in %s: %s" % (db, err))
        want = self.catalog(db)
        check(want["tables"] == [names["table"]], "catalog: %s" % want)
        for fmt, path in self.dumps(db, enc).items():
            d, got = self.model(path)
            self.result("%s %s: every name as the catalog has it" % (enc, fmt),
                        got == {k: sorted(v) if k in ("tables", "columns") else v
                                for k, v in want.items()},
                        "model %s\ncatalog %s" % (got, want))
            self.result("%s %s: source.client_encoding is %s" % (enc, fmt, enc),
                        d["source"]["client_encoding"] == enc, str(d["source"]))
        # The baseline's schema SQL is UTF-8: it builds the same names in a UTF-8 database.
        proj = os.path.join(self.tmp, "proj-" + db)
        os.mkdir(proj)
        rc, _, err = self.run([self.bin, "baseline", "-q", "--init", "--date", "2026-01-01",
                               os.path.join(self.tmp, db + ".dump")], cwd=proj)
        check(rc == 0, "baseline: %s" % err)
        sql = os.path.join(proj, "alembic", "versions", "001_baseline_schema.sql")
        back = db + "_back"
        self.pg.createdb(back)
        ok, err = self.pg.psql_file(back, sql, single_transaction=False)
        check(ok, "schema SQL: %s" % err)
        got = self.catalog(back)
        self.result("%s: the schema SQL builds the same names in a UTF-8 database" % enc,
                    got == want, "%s\nvs %s" % (got, want))

    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-encoding-")
        try:
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                for enc, names in CASES:
                    try:
                        self.case(enc, names)
                    except Failure as e:
                        self.fail(enc, str(e))
        finally:
            self.drop_tmp()


def main(argv=None):
    return script_main("encoding", __doc__, Run, argv)


if __name__ == "__main__":
    script_exit("encoding", main)
