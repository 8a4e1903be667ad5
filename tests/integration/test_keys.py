#!/usr/bin/python3
"""Rebuild every index and exclusion constraint from the JSON and compare
with what PostgreSQL 15 itself prints.

    /usr/bin/python3 tests/integration/test_keys.py --bin build/pgbaseline
        [--only SUBSTRING]... [--dump PATH]... [-v]

Input dumps: the ones test_catalog.py reads (samples/, dumps/, the public
dumps in $PUBLIC_DUMPS or <repo>/../shared/dumps/public, any --dump PATH),
restored the same way.  For every restorable dump, every index of a table or
materialized view in `pgbaseline inspect --format json` is created again under
another name twice, once from its `keys` (each {"column"} or {"expression"}
with its collation, opclass and parameters, order and nulls) and once from its
`columns` (pasted as they are), with the JSON's INCLUDE, NULLS NOT DISTINCT and
WHERE; pg_get_indexdef() of each must be the original's, name aside.  Every
exclusion constraint is added again the same way from `keys` and from
`elements` and compared with pg_get_constraintdef().  What the JSON does not
carry (storage parameters, DEFERRABLE) is left out of the comparison.  Each rebuild runs inside
a savepoint that is rolled back.

Closing line: `keys: N passed, M failed` (one check per restorable dump);
exit status 1 when anything failed.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import test_catalog as tc  # noqa: E402
from pgharness import HarnessError, PgCluster  # noqa: E402

CHECK_NAME = "pgb_keys_check"


def qi(name):
    """Always quoted: valid for every name."""
    return '"%s"' % name.replace('"', '""')


def ql(s):
    return "'%s'" % s.replace("'", "''")


def key_sql(k):
    """One key from its structure, as a consumer of the JSON would write it."""
    if "column" in k:
        s = qi(k["column"])
    else:
        s = "(%s)" % k["expression"]
    if "collation" in k:
        s += " COLLATE " + k["collation"]
    if "opclass" in k:
        s += " " + k["opclass"]
        params = k.get("opclass_parameters")
        if params:
            s += " (%s)" % ", ".join(
                qi(n) if v is None else "%s=%s" % (qi(n), ql(v)) for n, v in params.items())
    if "order" in k:
        s += " " + k["order"]
    if "nulls" in k:
        s += " NULLS " + k["nulls"]
    if "operator" in k:
        s += " WITH " + k["operator"]
    return s


def index_sql(schema, table, only, ix, elems):
    sql = "CREATE %sINDEX %s ON %s%s.%s USING %s (%s)" % (
        "UNIQUE " if ix["unique"] else "", CHECK_NAME, "ONLY " if only else "",
        qi(schema), qi(table), ix["method"], ", ".join(elems))
    if ix["include"]:
        sql += " INCLUDE (%s)" % ", ".join(qi(c) for c in ix["include"])
    if ix["nulls_not_distinct"]:
        sql += " NULLS NOT DISTINCT"
    if ix["where"]:
        sql += " WHERE (%s)" % ix["where"]
    return sql


def exclusion_sql(schema, table, c, elems):
    sql = "ALTER TABLE %s.%s ADD CONSTRAINT %s EXCLUDE USING %s (%s)" % (
        qi(schema), qi(table), CHECK_NAME, c["method"], ", ".join(elems))
    if c["where"]:
        sql += " WHERE (%s)" % c["where"]
    return sql


# What the JSON does not carry for an index or exclusion constraint, and this test does not
# rebuild: storage parameters ") WITH (fillfactor='12')" and DEFERRABLE / INITIALLY.
_STORAGE = re.compile(r"\) WITH \((?:[^()']|'(?:[^']|'')*')*\)")
_DEFERRABLE = re.compile(r" (?:NOT )?DEFERRABLE(?: INITIALLY (?:DEFERRED|IMMEDIATE))?$")


def unmodelled_out(definition):
    return _DEFERRABLE.sub("", _STORAGE.sub(")", definition))


def try_sql(cur, sql, read, args):
    """Run sql in a savepoint, return read's first value (or 'ERROR: ...')."""
    cur.execute("SAVEPOINT k")
    try:
        cur.execute(sql)
        cur.execute(read, args)
        row = cur.fetchone()
        return row[0] if row else "(not found)"
    except Exception as e:  # noqa: BLE001 - PostgreSQL's refusal is the finding
        return "ERROR: %s" % str(e).strip().splitlines()[0]
    finally:
        cur.execute("ROLLBACK TO SAVEPOINT k")


LIVE_INDEX = """
SELECT pg_catalog.pg_get_indexdef(i.oid), t.relkind
  FROM pg_catalog.pg_class i
  JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace
  JOIN pg_catalog.pg_index x ON x.indexrelid = i.oid
  JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
 WHERE n.nspname = %s AND i.relname = %s"""
NEW_INDEX = """
SELECT pg_catalog.pg_get_indexdef(i.oid)
  FROM pg_catalog.pg_class i JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace
 WHERE n.nspname = %s AND i.relname = '""" + CHECK_NAME + "'"
LIVE_CON = """
SELECT pg_catalog.pg_get_constraintdef(c.oid)
  FROM pg_catalog.pg_constraint c
  JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = %s AND t.relname = %s AND c.conname = %s"""


def check_dump(cur, model):
    """[problem], number of indexes and exclusion constraints compared."""
    problems = []
    n = 0
    rels = [(t, "table") for t in model.get("tables") or []]
    rels += [(v, "view") for v in model.get("views") or []]
    for rel, _ in rels:
        schema, table = rel["schema"], rel["name"]
        for ix in rel.get("indexes") or []:
            n += 1
            where = "index %s.%s" % (schema, ix["name"])
            cur.execute(LIVE_INDEX, (schema, ix["name"]))
            row = cur.fetchone()
            if row is None:
                problems.append("%s: not in the catalog" % where)
                continue
            live_def, relkind = row
            cur.execute("SELECT pg_catalog.quote_ident(%s)", (ix["name"],))
            qname = cur.fetchone()[0]
            want = unmodelled_out(
                live_def.replace("INDEX %s ON" % qname, "INDEX %s ON" % CHECK_NAME, 1))
            only = relkind == "p"
            for label, elems in (("keys", [key_sql(k) for k in ix["keys"]]),
                                 ("columns", ix["columns"])):
                sql = index_sql(schema, table, only, ix, elems)
                got = try_sql(cur, sql, NEW_INDEX, (schema,))
                if got != want:
                    problems.append("%s from %s:\n      want %s\n      got  %s\n      from %s"
                                    % (where, label, want, got, sql))
        for c in rel.get("exclusion_constraints") or []:
            n += 1
            where = "exclusion %s.%s.%s" % (schema, table, c["name"])
            cur.execute(LIVE_CON, (schema, table, c["name"]))
            row = cur.fetchone()
            if row is None:
                problems.append("%s: not in the catalog" % where)
                continue
            want = unmodelled_out(row[0])
            if " INCLUDE (" in want:
                continue  # the JSON has no INCLUDE for an exclusion constraint
            for label, elems in (("keys", [key_sql(k) for k in c["keys"]]),
                                 ("elements", c["elements"])):
                sql = exclusion_sql(schema, table, c, elems)
                got = try_sql(cur, sql, LIVE_CON, (schema, table, CHECK_NAME))
                if got != want:
                    problems.append("%s from %s:\n      want %s\n      got  %s\n      from %s"
                                    % (where, label, want, got, sql))
    return problems, n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(tc.REPO / "build" / "pgbaseline"))
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--dump", action="append", default=[], metavar="PATH")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    dumps, notes = tc.discover_dumps(args.only, args.dump)
    for note in notes:
        print("keys: note: " + note)
    passed = failed = 0
    not_restorable = []
    try:
        pg = PgCluster(verbose=args.verbose, log=lambda m: print(m, flush=True))
        pg.__enter__()
    except HarnessError as e:
        print("keys: cannot start PostgreSQL: %s" % e)
        print("keys: 0 passed, %d failed" % len(dumps))
        return 1
    import psycopg2
    try:
        for i, (label, path) in enumerate(dumps, 1):
            problems, model, _ = tc.run_binary(Path(args.bin), path)
            if problems or model is None:
                failed += 1
                print("%s: FAIL: the binary: %s" % (label, "; ".join(problems)))
                continue
            db = tc.dbname_for(i, label)
            try:
                ok, err = tc.restore(pg, db, path)
            except (OSError, HarnessError, subprocess.SubprocessError) as e:
                ok, err = False, "harness: %s" % e
            if not ok:
                why = tc.first_error_line(err)
                not_restorable.append(label)
                print("%s: not restorable: %s" % (label, tc._short(why, 200)))
                continue
            conn = psycopg2.connect(pg.dsn(db))
            try:
                cur = conn.cursor()
                cur.execute("SET search_path = ''")
                dis, n = check_dump(cur, model)
                conn.rollback()
            finally:
                conn.close()
            pg.dropdb(db)
            if dis:
                failed += 1
                print("%s: FAIL: %d of %d rebuilt differently:" % (label, len(dis), n))
                for d in dis if args.verbose else dis[:20]:
                    print("    " + d)
            else:
                passed += 1
                print("%s: ok: %d index(es) and exclusion constraint(s) rebuilt from keys "
                      "and from columns" % (label, n))
            sys.stdout.flush()
    finally:
        pg.cleanup()
    if not_restorable:
        print("keys: %d dump(s) PostgreSQL 15 does not restore: %s"
              % (len(not_restorable), ", ".join(not_restorable)))
    print("keys: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
