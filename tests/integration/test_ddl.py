#!/usr/bin/python3
"""test_ddl: hand-written DDL, as PostgreSQL 15 applies it.

Usage: test_ddl.py --bin PATH [--keep] [--verbose] [--dump FILE]

The fixture (data/handwritten.sql, or --dump) is DDL written by hand, not
by pg_dump: partitions that get their parent's indexes and keys, parents
whose new columns, NOT NULLs, defaults and CHECKs reach their children
(and ONLY / NO INHERIT look-alikes that do not), serial columns outside
public, LIKE with its INCLUDING / EXCLUDING options, renames and SET
SCHEMA, and every name PostgreSQL makes up.  It is restored into a
throwaway PostgreSQL 15 (pgharness) and compared with `pgbaseline inspect
--format json` of the same file:

- catalog: test_catalog.compare_models() (tables, columns, keys, indexes,
  checks, sequences...) must find no disagreement;
- defaults: each column default's text is what pg_get_expr() prints with
  an empty search_path;
- sequences: each sequence's data type and OWNED BY column;
- index keys: each index's key columns and expressions (parentheses,
  spaces and quotes aside), as pg_get_indexdef() prints them;
- constraints: every table's constraints by name and kind (exclusion
  constraints too);
- owners: of tables, views and sequences (an owned sequence follows its
  table's ALTER TABLE OWNER TO);
- triggers: which table has which (a partition gets its parent's row
  triggers);
- quiet: pgbaseline understood every statement (no warning, nothing
  unparsed).

The same checks then run on `pg_dump -s` of the restored database: the
model of a dump of that schema must agree with the catalog as well.

Prints `ddl: N passed, M failed`; exits 1 when something failed.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from pgharness import PgCluster, script_exit, script_main  # noqa: E402
import test_catalog  # noqa: E402

FIXTURE = os.path.join(HERE, "data", "handwritten.sql")

DEFAULTS_SQL = """
SELECT n.nspname, c.relname, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid)
FROM pg_catalog.pg_attrdef d
JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
JOIN pg_catalog.pg_class c ON c.oid = d.adrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND a.attgenerated = ''
ORDER BY 1, 2, 3
"""

SEQ_SQL = """
SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL),
       tn.nspname, t.relname, a.attname
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
     AND d.objid = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
     AND d.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
ORDER BY 1, 2
"""


TRIGGER_SQL = """
SELECT n.nspname, c.relname, t.tgname
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal
ORDER BY 1, 2, 3
"""


CONSTRAINT_SQL = """
SELECT n.nspname, c.relname, k.conname, k.contype
FROM pg_catalog.pg_constraint k
JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relkind IN ('r', 'p')
  AND NOT (k.contype = 'f' AND k.conparentid <> 0 AND EXISTS (
      SELECT 1 FROM pg_catalog.pg_constraint p
      WHERE p.oid = k.conparentid AND p.conrelid = k.conrelid))
ORDER BY 1, 2, 3
"""


INDEX_SQL = """
SELECT n.nspname, ic.relname,
       pg_catalog.translate(pg_catalog.pg_get_indexdef(i.indexrelid), E'\n\t', '  ')
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid
                  AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
ORDER BY 1, 2
"""


# Hand-written index expressions whose text pg_get_indexdef() completes with
# what only type inference knows (a literal's type, CASE's implicit ELSE
# NULL): their keys are compared by building the index again in PostgreSQL
# from the model's text (in a rolled-back transaction) and comparing the
# server's own print of both, as test_keys.py does for every dump.
KEYS_REBUILT = {
    ("app", "names_t_coalesce_case_idx"):
        "''::text and ELSE NULL::integer are inferred types, written as '' and no ELSE",
}


def index_keys(indexdef):
    """The key list of pg_get_indexdef()'s text, without parentheses, spaces or
    double quotes (the model keeps a plain key column's name unquoted)."""
    start = indexdef.index(" USING ")
    start = indexdef.index("(", start)
    depth, i, quote = 0, start, None
    while True:
        ch = indexdef[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        else:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0:
                break
        i += 1
    return "".join(ch for ch in indexdef[start + 1:i] if ch not in '() "')


OWNER_SQL = """
SELECT n.nspname, c.relname, pg_catalog.pg_get_userbyid(c.relowner)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
ORDER BY 1, 2
"""


class Run:
    def __init__(self, args):
        self.args = args
        self.passed = 0
        self.failed = 0
        self.db = "ddl"  # the database query() reads

    def result(self, what, problems):
        if problems:
            self.failed += 1
            print("ddl: FAIL %s: %d disagreement%s" % (what, len(problems),
                                                       "" if len(problems) == 1 else "s"))
            for p in problems if self.args.verbose else problems[:60]:
                print("    " + p)
            if not self.args.verbose and len(problems) > 60:
                print("    ... and %d more (-v shows all)" % (len(problems) - 60))
        else:
            self.passed += 1
            print("ddl: ok %s" % what)

    def main(self):
        dump = self.args.dump
        proc = subprocess.run([self.args.bin, "inspect", dump, "--format", "json"],
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
        model = json.loads(proc.stdout.decode())
        stderr = proc.stderr.decode(errors="replace").strip()
        quiet = []
        if proc.returncode != 0:
            quiet.append("exit status %d" % proc.returncode)
        quiet += ["stderr: " + l for l in stderr.splitlines()]
        quiet += ["unparsed %s:%s: %s" % (u.get("line"), u.get("column"), u.get("message"))
                  for u in model.get("unparsed") or []]
        self.result("quiet (every statement understood)", quiet)

        with PgCluster(keep=self.args.keep, verbose=self.args.verbose) as pg:
            pg.createdb("ddl")
            ok, err = pg.psql_file("ddl", dump)
            if not ok:
                self.result("restore", [test_catalog.first_error_line(err)])
                return
            live = test_catalog.read_live_model(pg.sqlalchemy_url("ddl"))
            self.compare_all(pg, live, model, "")
            # The same database as pg_dump writes it: what the model makes of a
            # dump (casts, defaults as pg_get_expr printed them) must agree too.
            path = os.path.join(pg.dir, "roundtrip.sql")
            argv = pg.psql_argv("ddl")
            conn = [a for a in argv[1:] if a not in ("-X", "-q")]
            proc = subprocess.run([os.path.join(pg.bindir, "pg_dump"), "-s", "-f", path] + conn,
                                  env=pg._env(), capture_output=True, timeout=300)
            if proc.returncode != 0:
                self.result("pg_dump", [proc.stderr.decode(errors="replace")])
                return
            dproc = subprocess.run([self.args.bin, "inspect", path, "--format", "json"],
                                   stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
            dmodel = json.loads(dproc.stdout.decode())
            # ... compared with that dump restored (pg_dump does not keep the column
            # order of a child whose parent gained columns after it was made)
            pg.createdb("ddl_dump")
            ok, err = pg.psql_file("ddl_dump", path)
            if not ok:
                self.result("pg_dump of it: restore", [test_catalog.first_error_line(err)])
                return
            self.db = "ddl_dump"
            dlive = test_catalog.read_live_model(pg.sqlalchemy_url("ddl_dump"))
            self.compare_all(pg, dlive, dmodel, "pg_dump of it: ")

    def compare_all(self, pg, live, model, prefix):
        counts, dis = test_catalog.compare_models(live, model)
        dis = ["%s: live %s, offline %s" % (w, test_catalog._short(l), test_catalog._short(o))
               for w, l, o in dis] + ["harness self-check: " + p for p in live["selfcheck"]]
        self.result(prefix + "catalog (%s)" % test_catalog.fmt_counts(counts), dis)
        self.result(prefix + "defaults", self.compare_defaults(pg, model))
        self.result(prefix + "sequences", self.compare_sequences(pg, model))
        self.result(prefix + "triggers", self.compare_triggers(pg, model))
        self.result(prefix + "constraints", self.compare_constraints(pg, model))
        self.result(prefix + "index keys", self.compare_index_keys(pg, model))
        self.result(prefix + "owners", self.compare_owners(pg, model))

    def query(self, pg, sql):
        ok, out, err = pg.psql(self.db, "SET search_path = '';\n\\pset format unaligned\n"
                               "\\pset fieldsep '\\t'\n\\pset tuples_only on\n" + sql)
        if not ok:
            raise RuntimeError(err)
        return [tuple(None if f == "" else f for f in l.split("\t"))
                for l in out.splitlines() if l]

    def compare_defaults(self, pg, model):
        live = {(s, t, c): d for s, t, c, d in self.query(pg, DEFAULTS_SQL)}
        off = {}
        for t in model.get("tables") or []:
            for c in t.get("columns") or []:
                if c.get("default") is not None:
                    off[(t["schema"], t["name"], c["name"])] = c["default"]
        p = []
        for k in sorted(set(live) | set(off)):
            if live.get(k) != off.get(k):
                p.append("%s.%s.%s default: live %r, offline %r" % (k + (live.get(k), off.get(k))))
        return p

    def compare_triggers(self, pg, model):
        live = set(self.query(pg, TRIGGER_SQL))
        off = {(t.get("schema"), t.get("table"), t.get("name")) for t in model.get("triggers") or []}
        return (["trigger %s.%s %s: live present, offline missing" % k for k in sorted(live - off)]
                + ["trigger %s.%s %s: live missing, offline present" % k
                   for k in sorted(off - live, key=str)])

    def compare_constraints(self, pg, model):
        live = set(self.query(pg, CONSTRAINT_SQL))
        off = set()
        for t in model.get("tables") or []:
            k = (t["schema"], t["name"])
            if t.get("primary_key"):
                off.add(k + (t["primary_key"]["name"], "p"))
            for key, typ in (("unique_constraints", "u"), ("check_constraints", "c"),
                             ("foreign_keys", "f"), ("exclusion_constraints", "x")):
                off.update(k + (c["name"], typ) for c in t.get(key) or [])
        return (["constraint %s.%s %s (%s): live present, offline missing" % k
                 for k in sorted(live - off)]
                + ["constraint %s.%s %s (%s): live missing, offline present" % k
                   for k in sorted(off - live, key=str)])

    def compare_index_keys(self, pg, model):
        live = {(s, n): index_keys(d) for s, n, d in self.query(pg, INDEX_SQL)}
        off = {}
        for t in (model.get("tables") or []) + (model.get("views") or []):
            for ix in t.get("indexes") or []:
                k = (t["schema"], ix["name"])
                if k in KEYS_REBUILT and k in live:
                    # the server's print of the model's text, rebuilt
                    off[k] = index_keys(self.rebuilt_indexdef(pg, t, ix))
                    continue
                off[k] = "".join(
                    ch for ch in ",".join(ix.get("columns") or []) if ch not in '() "')
        return ["index %s.%s keys: live %r, offline %r" % (k + (live.get(k), off.get(k)))
                for k in sorted(set(live) | set(off)) if live.get(k) != off.get(k)]

    def rebuilt_indexdef(self, pg, t, ix):
        """pg_get_indexdef() of ix built again from the model's key texts, rolled back."""
        q = lambda n: '"%s"' % n.replace('"', '""')
        sql = ("BEGIN;\nCREATE %sINDEX pgb_rebuilt ON %s.%s USING %s (%s)%s;\n"
               "SELECT pg_catalog.translate(pg_catalog.pg_get_indexdef("
               "'%s.pgb_rebuilt'::regclass), E'\\n\\t', '  ');\nROLLBACK;\n") % (
                   "UNIQUE " if ix.get("unique") else "", q(t["schema"]), q(t["name"]),
                   ix.get("method") or "btree", ", ".join(ix["columns"]),
                   " WHERE %s" % ix["where"] if ix.get("where") else "", q(t["schema"]))
        rows = self.query(pg, sql)
        return rows[0][0] if rows else ""

    def compare_owners(self, pg, model):
        """Owners of tables, views and sequences; no OWNER TO is the restoring user."""
        live = {(s, n): o for s, n, o in self.query(pg, OWNER_SQL)}
        off = {}
        for key in ("tables", "views", "sequences"):
            for o in model.get(key) or []:
                off[(o["schema"], o["name"])] = o.get("owner") or "postgres"
        return ["%s.%s owner: live %r, offline %r" % (k + (live.get(k), off.get(k)))
                for k in sorted(set(live) | set(off)) if live.get(k) != off.get(k)]

    def compare_sequences(self, pg, model):
        live = {}
        for s, n, typ, ts, tn, col in self.query(pg, SEQ_SQL):
            live[(s, n)] = (typ, "%s.%s.%s" % (ts, tn, col) if tn else None)
        off = {}
        for s in model.get("sequences") or []:
            ob = s.get("owned_by")
            off[(s["schema"], s["name"])] = (s.get("data_type"), ob)
        p = []
        for k in sorted(set(live) | set(off)):
            if live.get(k) != off.get(k):
                p.append("sequence %s.%s (type, owned by): live %r, offline %r"
                         % (k + (live.get(k), off.get(k))))
        return p


def main(argv=None):
    return script_main("ddl", __doc__, Run, argv,
                       dump=(FIXTURE, "the hand-written DDL (default: data/handwritten.sql)"),
                       keep_help="leave the PostgreSQL cluster running")


if __name__ == "__main__":
    script_exit("ddl", main)
