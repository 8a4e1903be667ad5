#!/usr/bin/python3
"""test_i11ren: renames reach every text that refers to the renamed object,
as PostgreSQL 15's catalog shows them.

Usage: test_i11ren.py --bin PATH [--keep] [-v] [--dump FILE]

The fixture (data/i11ren.sql, or --dump) makes views, a materialized view,
policies, triggers, indexes, CHECK and exclusion constraints, generated
columns, defaults, a rule and a statistics object, then renames columns and
relations they refer to (RENAME COLUMN of tables and views, RENAME TO and
SET SCHEMA of tables, views and sequences, RENAME VALUE of an enum), next
to look-alikes that must keep their names.  It is
restored into a throwaway PostgreSQL 15 (pgharness) and compared with
`pgbaseline inspect --format json` of the same file.

The model's texts are libpg_query's deparse, not ruleutils' print (which
qualifies columns and adds casts), so each text is compared by making the
object again from it, under another name and inside a savepoint that is
rolled back, and requiring PostgreSQL's own print of the copy to be the
original's (name aside), under the fixture's search_path:

- views and materialized views: pg_get_viewdef() and the column names of
  `CREATE VIEW ... AS <definition>`;
- policies: pg_policies' qual and with_check of `CREATE POLICY` from the
  model's command, roles, USING and WITH CHECK;
- triggers: pg_get_triggerdef() of `CREATE TRIGGER` from the model's timing,
  events (UPDATE OF columns), level, WHEN and function;
- CHECK constraints and exclusion constraints (from `elements` and `where`):
  pg_get_constraintdef();
- indexes of tables and materialized views (from `columns`, `include` and
  `where`): pg_get_indexdef();
- generated columns: pg_get_expr() of a column added with the expression;
- rules and statistics objects: the original dropped and its definition
  run: pg_get_ruledef() / pg_get_statisticsobjdef();
- defaults: pg_get_expr() of the column's default set from the model's.

Each check also fails when the object is missing on either side.  Prints
`i11ren: N passed, M failed`; exits 1 when something failed.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from pgharness import Failure, PgCluster, Script, script_exit, script_main  # noqa: E402

FIXTURE = os.path.join(HERE, "data", "i11ren.sql")
SEARCH_PATH = "ren, public"
CHK = "pgb_i11ren_check"


def qi(name):
    return '"%s"' % name.replace('"', '""')


def qn(schema, name):
    return "%s.%s" % (qi(schema), qi(name))


class Run(Script):
    def __init__(self, args):
        super().__init__(args)
        self.cur = None

    def check(self, what, problems, n):
        if problems:
            self.fail("%s: %d of %d differ" % (what, len(problems), n), "\n".join(problems))
        else:
            self.ok("%s: %d compared" % (what, n))

    def try_sql(self, sql, read, args=()):
        """sql in a savepoint; read's first row (or 'ERROR: ...'), then rolled back."""
        cur = self.cur
        cur.execute("SAVEPOINT k")
        try:
            cur.execute(sql)
            cur.execute(read, args)
            row = cur.fetchone()
            return tuple(row) if row else "(not found)"
        except Exception as e:  # noqa: BLE001 - PostgreSQL's refusal is the finding
            return "ERROR: %s" % str(e).strip().splitlines()[0]
        finally:
            cur.execute("ROLLBACK TO SAVEPOINT k")

    def live(self, read, args=()):
        self.cur.execute(read, args)
        row = self.cur.fetchone()
        return tuple(row) if row else "(not found)"

    def compare(self, problems, what, model_text, live, rebuilt):
        if live != rebuilt:
            problems.append("%s\n      model:   %s\n      catalog: %s\n      rebuilt: %s"
                            % (what, model_text, live, rebuilt))

    # -- views ---------------------------------------------------------------
    VIEW_READ = """
        SELECT pg_catalog.pg_get_viewdef(c.oid),
               (SELECT pg_catalog.array_agg(a.attname ORDER BY a.attnum)
                  FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
          FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %s AND c.relname = %s"""

    def check_views(self, m):
        problems = []
        for v in m["views"]:
            live = self.live(self.VIEW_READ, (v["schema"], v["name"]))
            rebuilt = self.try_sql("CREATE VIEW %s.%s AS %s" % (qi(v["schema"]), CHK,
                                                                v["definition"]),
                                   self.VIEW_READ, (v["schema"], CHK))
            self.compare(problems, "view %s.%s" % (v["schema"], v["name"]), v["definition"],
                         live, rebuilt)
        self.check("views and materialized views", problems, len(m["views"]))

    # -- policies ------------------------------------------------------------
    POLICY_READ = """
        SELECT qual, with_check FROM pg_catalog.pg_policies
         WHERE schemaname = %s AND tablename = %s AND policyname = %s"""

    def check_policies(self, m):
        problems = []
        for p in m["policies"]:
            live = self.live(self.POLICY_READ, (p["schema"], p["table"], p["name"]))
            sql = "CREATE POLICY %s ON %s AS %s FOR %s TO %s" % (
                CHK, qn(p["schema"], p["table"]),
                "PERMISSIVE" if p["permissive"] else "RESTRICTIVE", p["command"],
                ", ".join("PUBLIC" if r == "PUBLIC" else qi(r) for r in p["roles"]))
            if p["using"] is not None:
                sql += " USING (%s)" % p["using"]
            if p["with_check"] is not None:
                sql += " WITH CHECK (%s)" % p["with_check"]
            rebuilt = self.try_sql(sql, self.POLICY_READ, (p["schema"], p["table"], CHK))
            self.compare(problems, "policy %s on %s.%s" % (p["name"], p["schema"], p["table"]),
                         (p["using"], p["with_check"]), live, rebuilt)
        self.check("policies", problems, len(m["policies"]))

    # -- triggers ------------------------------------------------------------
    TRIGGER_READ = """
        SELECT pg_catalog.replace(pg_catalog.pg_get_triggerdef(t.oid), t.tgname, 'T')
          FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %s AND c.relname = %s AND t.tgname = %s"""

    def check_triggers(self, m):
        problems = []
        for t in m["triggers"]:
            live = self.live(self.TRIGGER_READ, (t["schema"], t["table"], t["name"]))
            sql = "CREATE TRIGGER %s %s %s ON %s FOR EACH %s%s EXECUTE FUNCTION %s" % (
                CHK, t["timing"], t["events"], qn(t["schema"], t["table"]), t["level"],
                " WHEN (%s)" % t["when"] if t["when"] else "", t["function"])
            rebuilt = self.try_sql(sql, self.TRIGGER_READ, (t["schema"], t["table"], CHK))
            self.compare(problems, "trigger %s on %s.%s" % (t["name"], t["schema"], t["table"]),
                         (t["events"], t["when"]), live, rebuilt)
        self.check("triggers (UPDATE OF and WHEN)", problems, len(m["triggers"]))

    # -- constraints, indexes, generated columns, defaults -------------------
    CON_READ = """
        SELECT pg_catalog.pg_get_constraintdef(k.oid)
          FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %s AND c.relname = %s AND k.conname = %s"""
    INDEX_READ = """
        SELECT pg_catalog.replace(pg_catalog.pg_get_indexdef(i.oid), ' ' || i.relname || ' ', ' I ')
          FROM pg_catalog.pg_class i JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace
         WHERE n.nspname = %s AND i.relname = %s"""
    GENERATED_READ = """
        SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid)
          FROM pg_catalog.pg_attrdef d
          JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
          JOIN pg_catalog.pg_class c ON c.oid = d.adrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %s AND c.relname = %s AND a.attname = %s"""

    def check_tables(self, m):
        checks, excl, idx, gen, defaults = [], [], [], [], []
        counts = {"checks": 0, "excl": 0, "idx": 0, "gen": 0, "defaults": 0}
        views = [dict(v, check_constraints=[], exclusion_constraints=[], columns=[])
                 for v in m["views"]]
        for t in m["tables"] + views:
            s, n = t["schema"], t["name"]
            where = "%s.%s" % (s, n)
            for c in t["check_constraints"]:
                counts["checks"] += 1
                live = self.live(self.CON_READ, (s, n, c["name"]))
                rebuilt = self.try_sql("ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s)"
                                       % (qn(s, n), CHK, c["expression"]),
                                       self.CON_READ, (s, n, CHK))
                self.compare(checks, "check %s on %s" % (c["name"], where), c["expression"],
                             live, rebuilt)
            for c in t["exclusion_constraints"]:
                counts["excl"] += 1
                live = self.live(self.CON_READ, (s, n, c["name"]))
                sql = "ALTER TABLE %s ADD CONSTRAINT %s EXCLUDE USING %s (%s)" % (
                    qn(s, n), CHK, c["method"], ", ".join(c["elements"]))
                if c["where"]:
                    sql += " WHERE (%s)" % c["where"]
                rebuilt = self.try_sql(sql, self.CON_READ, (s, n, CHK))
                self.compare(excl, "exclusion %s on %s" % (c["name"], where),
                             (c["elements"], c["where"]), live, rebuilt)
            for ix in t.get("indexes") or []:
                counts["idx"] += 1
                live = self.live(self.INDEX_READ, (s, ix["name"]))
                sql = "CREATE %sINDEX %s ON %s USING %s (%s)" % (
                    "UNIQUE " if ix["unique"] else "", CHK, qn(s, n), ix["method"],
                    ", ".join(ix["columns"]))
                if ix["include"]:
                    sql += " INCLUDE (%s)" % ", ".join(qi(c) for c in ix["include"])
                if ix["where"]:
                    sql += " WHERE (%s)" % ix["where"]
                rebuilt = self.try_sql(sql, self.INDEX_READ, (s, CHK))
                self.compare(idx, "index %s on %s" % (ix["name"], where),
                             (ix["columns"], ix["where"]), live, rebuilt)
            for col in t["columns"]:
                if col["generated"]:
                    counts["gen"] += 1
                    live = self.live(self.GENERATED_READ, (s, n, col["name"]))
                    rebuilt = self.try_sql(
                        "ALTER TABLE %s ADD COLUMN %s %s GENERATED ALWAYS AS (%s) STORED"
                        % (qn(s, n), CHK, col["type"], col["generated"]),
                        self.GENERATED_READ, (s, n, CHK))
                    self.compare(gen, "generated %s.%s" % (where, col["name"]),
                                 col["generated"], live, rebuilt)
                elif col["default"] is not None:
                    counts["defaults"] += 1
                    live = self.live(self.GENERATED_READ, (s, n, col["name"]))
                    rebuilt = self.try_sql("ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s"
                                           % (qn(s, n), qi(col["name"]), col["default"]),
                                           self.GENERATED_READ, (s, n, col["name"]))
                    self.compare(defaults, "default %s.%s" % (where, col["name"]),
                                 col["default"], live, rebuilt)
        self.check("CHECK constraints", checks, counts["checks"])
        self.check("exclusion constraints", excl, counts["excl"])
        self.check("indexes (keys and WHERE)", idx, counts["idx"])
        self.check("generated columns", gen, counts["gen"])
        self.check("defaults (sequences renamed and moved, enum labels)", defaults, counts["defaults"])

    # -- rules and statistics objects ----------------------------------------
    RULE_READ = """
        SELECT pg_catalog.pg_get_ruledef(r.oid)
          FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %s AND r.rulename = %s"""
    STATS_READ = """
        SELECT pg_catalog.pg_get_statisticsobjdef(s.oid)
          FROM pg_catalog.pg_statistic_ext s
          JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
         WHERE n.nspname = %s AND s.stxname = %s"""

    def check_objects(self, m):
        problems, n = [], 0
        for o in m["objects"]:
            if o["kind"] == "rule":
                read = self.RULE_READ
                drop = "DROP RULE %s ON %s" % (qi(o["name"]), o["on"])
            elif o["kind"] == "statistics":
                read = self.STATS_READ
                drop = "DROP STATISTICS %s" % qn(o["schema"], o["name"])
            else:
                continue
            n += 1
            live = self.live(read, (o["schema"], o["name"]))
            rebuilt = self.try_sql("%s; %s" % (drop, o["definition"]), read,
                                   (o["schema"], o["name"]))
            self.compare(problems, "%s %s.%s" % (o["kind"], o["schema"], o["name"]),
                         o["definition"], live, rebuilt)
        self.check("rules and statistics objects", problems, n)

    def main(self):
        import psycopg2

        dump = self.args.dump
        rc, out, err = self.inspect([dump])
        if rc != 0:
            raise Failure("pgbaseline inspect exited %d: %s" % (rc, err))
        model = json.loads(out)
        quiet = err.strip().splitlines() + ["unparsed: %s" % u.get("message")
                                           for u in model.get("unparsed") or []]
        self.result("quiet (every statement understood)", not quiet, "\n".join(quiet))
        with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
            pg.createdb("i11ren")
            ok, err = pg.psql_file("i11ren", dump)
            if not ok:
                raise Failure("restore: %s" % err.strip().splitlines()[0])
            conn = psycopg2.connect(pg.dsn("i11ren"))
            try:
                self.cur = conn.cursor()
                self.cur.execute("SET search_path = " + SEARCH_PATH)
                self.check_views(model)
                self.check_policies(model)
                self.check_triggers(model)
                self.check_tables(model)
                self.check_objects(model)
                conn.rollback()
            finally:
                conn.close()


def main(argv=None):
    return script_main("i11ren", __doc__, Run, argv,
                       dump=(FIXTURE, "the DDL to check (default: data/i11ren.sql)"),
                       keep_help="keep the cluster")


if __name__ == "__main__":
    try:
        script_exit("i11ren", main)
    except subprocess.SubprocessError as e:
        print("i11ren: %s" % e)
        sys.exit(1)
