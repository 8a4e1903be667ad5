#!/usr/bin/python3
"""GRANT and REVOKE, end to end: the model's grants are PostgreSQL's ACLs.

    /usr/bin/python3 tests/integration/test_model.py --bin build/pgbaseline
        [--seed N] [--keep] [-v]

A dump of tables and sequences of GRANT / REVOKE statements (merging,
revoking, WITH GRANT OPTION, REVOKE GRANT OPTION FOR, ALL PRIVILEGES,
PUBLIC, column privileges, a table-level REVOKE that takes column
privileges too, and a few hundred pseudo-random statements with a fixed
seed) is restored into a throwaway PostgreSQL 15 (pgharness.py) and read
with `inspect --format json`.  For every table:

 1. acl: the set of (grantee, privilege, column or none, grantable) the
    JSON's grants stand for ("ALL" read as every table privilege) equals
    what aclexplode() gives for pg_class.relacl and pg_attribute.attacl,
    the owner's own entry left out (the model records what was granted).
 2. items: each grantee has at most one entry with the grant option and one
    without, as PostgreSQL keeps one ACL item per grantee: 50 identical
    GRANTs are one entry.

Closing line: `model: N passed, M failed` (one check of each kind per
table); exit status 1 when anything failed.
"""

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgharness import HarnessError, PgCluster  # noqa: E402

OWNER = "postgres"
ROLES = ("r1", "r2", "r3", "r4")
TABLE_PRIVS = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
COLUMN_PRIVS = ("SELECT", "INSERT", "UPDATE", "REFERENCES")
COLUMNS = ("a", "b", "c")

# name -> statements on public.<name> (a, b, c integer), in order
SCENARIOS = collections.OrderedDict([
    ("identical", ["GRANT SELECT ON TABLE public.identical TO r1;"] * 50),
    ("merged", [
        "GRANT SELECT ON TABLE public.merged TO r1;",
        "GRANT INSERT ON TABLE public.merged TO r1;",
        "GRANT UPDATE, DELETE ON TABLE public.merged TO r1, r2;",
        "GRANT SELECT ON TABLE public.merged TO r1;",
    ]),
    ("revoked", [
        "GRANT ALL ON TABLE public.revoked TO r1;",
        "REVOKE DELETE ON TABLE public.revoked FROM r1;",
        "REVOKE TRUNCATE, TRIGGER ON TABLE public.revoked FROM r1;",
        "REVOKE SELECT ON TABLE public.revoked FROM r2;",
    ]),
    ("option", [
        "GRANT SELECT, INSERT ON TABLE public.option TO r1 WITH GRANT OPTION;",
        "GRANT UPDATE ON TABLE public.option TO r1;",
        "GRANT SELECT ON TABLE public.option TO r1;",
        "REVOKE GRANT OPTION FOR INSERT ON TABLE public.option FROM r1;",
    ]),
    ("all_privileges", [
        "GRANT ALL PRIVILEGES ON TABLE public.all_privileges TO r2;",
        "REVOKE ALL ON TABLE public.all_privileges FROM r2;",
        "GRANT SELECT ON TABLE public.all_privileges TO r2;",
        "GRANT ALL ON TABLE public.all_privileges TO r3;",
    ]),
    ("to_public", [
        "GRANT SELECT ON TABLE public.to_public TO PUBLIC;",
        "GRANT INSERT ON TABLE public.to_public TO PUBLIC;",
        "REVOKE SELECT ON TABLE public.to_public FROM PUBLIC;",
        "GRANT SELECT ON TABLE public.to_public TO r1;",
    ]),
    ("columns", [
        "GRANT SELECT(a), UPDATE(a, b) ON TABLE public.columns TO r1;",
        "GRANT SELECT(b) ON TABLE public.columns TO r1;",
        "GRANT SELECT(b) ON TABLE public.columns TO r1;",
        "REVOKE UPDATE(a) ON TABLE public.columns FROM r1;",
        "GRANT INSERT(b) ON TABLE public.columns TO r1 WITH GRANT OPTION;",
        "GRANT INSERT(b, c) ON TABLE public.columns TO r1;",
    ]),
    ("column_cascade", [
        "GRANT SELECT(a, b), UPDATE(c) ON TABLE public.column_cascade TO r1;",
        "GRANT SELECT ON TABLE public.column_cascade TO r1;",
        "REVOKE SELECT ON TABLE public.column_cascade FROM r1;",
    ]),
    ("option_from_all", [
        "GRANT ALL ON TABLE public.option_from_all TO r3 WITH GRANT OPTION;",
        "REVOKE GRANT OPTION FOR SELECT ON TABLE public.option_from_all FROM r3;",
    ]),
    ("all_then_option", [
        "GRANT ALL ON TABLE public.all_then_option TO r1;",
        "GRANT SELECT ON TABLE public.all_then_option TO r1 WITH GRANT OPTION;",
    ]),
    ("option_then_all", [
        "GRANT SELECT ON TABLE public.option_then_all TO r1 WITH GRANT OPTION;",
        "GRANT ALL ON TABLE public.option_then_all TO r1;",
    ]),
    ("option_for_all", [
        "GRANT SELECT, INSERT ON TABLE public.option_for_all TO r1 WITH GRANT OPTION;",
        "GRANT SELECT(a) ON TABLE public.option_for_all TO r1 WITH GRANT OPTION;",
        "GRANT UPDATE ON TABLE public.option_for_all TO r1;",
        "REVOKE GRANT OPTION FOR ALL ON TABLE public.option_for_all FROM r1;",
    ]),
    ("back_to_all", [
        "GRANT ALL ON TABLE public.back_to_all TO r1;",
        "REVOKE SELECT ON TABLE public.back_to_all FROM r1;",
        "GRANT SELECT ON TABLE public.back_to_all TO r1;",
    ]),
    ("regranted", [
        "GRANT SELECT ON TABLE public.regranted TO r1, r2, r3;",
        "REVOKE SELECT ON TABLE public.regranted FROM r2;",
        "REVOKE ALL ON TABLE public.regranted FROM r1;",
        "GRANT INSERT ON TABLE public.regranted TO r2;",
        "REVOKE INSERT ON TABLE public.regranted FROM r4;",
    ]),
    ("column_option", [
        "GRANT SELECT(a) ON TABLE public.column_option TO r2 WITH GRANT OPTION;",
        "GRANT SELECT ON TABLE public.column_option TO r2 WITH GRANT OPTION;",
        "REVOKE GRANT OPTION FOR SELECT ON TABLE public.column_option FROM r2;",
    ]),
    ("column_option_one", [
        "GRANT SELECT(a, b) ON TABLE public.column_option_one TO r2 WITH GRANT OPTION;",
        "REVOKE GRANT OPTION FOR SELECT(b) ON TABLE public.column_option_one FROM r2;",
    ]),
])


def random_statements(table, seed, n):
    """n GRANT / REVOKE statements PostgreSQL accepts, from a fixed seed."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        grant = rnd.random() < 0.6
        option = rnd.random() < 0.3
        if rnd.random() < 0.15:
            privs = "ALL"
        elif rnd.random() < 0.35:
            privs = ", ".join(
                "%s(%s)" % (p, ", ".join(rnd.sample(COLUMNS, rnd.randint(1, 3))))
                for p in rnd.sample(COLUMN_PRIVS, rnd.randint(1, 2)))
        else:
            privs = ", ".join(rnd.sample(TABLE_PRIVS, rnd.randint(1, 3)))
        who = rnd.sample(ROLES + ("PUBLIC",), rnd.randint(1, 2))
        if grant:
            out.append("GRANT %s ON TABLE public.%s TO %s%s;" % (
                privs, table, ", ".join(who), " WITH GRANT OPTION" if option and
                "PUBLIC" not in who else ""))
        else:
            out.append("REVOKE %s%s ON TABLE public.%s FROM %s;" % (
                "GRANT OPTION FOR " if option else "", privs, table, ", ".join(who)))
    return out


def catalog_acl(pg, db):
    """{table: set of (grantee, privilege, column or None, grantable)}, owner left out."""
    sql = """
SELECT c.relname, coalesce(r.rolname, 'PUBLIC'), x.privilege_type, '', x.is_grantable
  FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) x
  LEFT JOIN pg_roles r ON r.oid = x.grantee
 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
UNION ALL
SELECT c.relname, coalesce(r.rolname, 'PUBLIC'), x.privilege_type, a.attname, x.is_grantable
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
  CROSS JOIN LATERAL aclexplode(a.attacl) x
  LEFT JOIN pg_roles r ON r.oid = x.grantee
 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0;
"""
    ok, out, err = pg.psql(db, sql)
    if not ok:
        raise HarnessError("reading the ACLs failed: %s" % err.strip())
    acl = collections.defaultdict(set)
    for line in out.splitlines():
        table, grantee, priv, column, grantable = line.split("|")
        if grantee != OWNER:
            acl[table].add((grantee, priv, column or None, grantable == "t"))
    return acl


def split_privileges(text):
    """"SELECT, UPDATE(a, b)" -> ["SELECT", "UPDATE(a, b)"] (commas in parentheses kept)."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def model_acl(grants):
    """The JSON grants of one table as the same set of tuples."""
    acl = set()
    for g in grants:
        if g["grantee"] == OWNER:
            continue
        for tok in split_privileges(g["privileges"]):
            if "(" in tok:
                name, cols = tok.split("(", 1)
                names = [name] if name else list(COLUMN_PRIVS)  # "(a, b)": ALL (a, b)
                for n in names:
                    for col in cols.rstrip(")").split(", "):
                        acl.add((g["grantee"], n, col, g["grant_option"]))
            else:
                for n in TABLE_PRIVS if tok == "ALL" else [tok]:
                    acl.add((g["grantee"], n, None, g["grant_option"]))
    return acl


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="build/pgbaseline")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    binary = os.path.abspath(args.bin)

    scenarios = collections.OrderedDict(SCENARIOS)
    for i in range(3):
        name = "random_%d" % i
        scenarios[name] = random_statements(name, args.seed * 100 + i, 300)

    lines = ["SELECT pg_catalog.set_config('search_path', '', false);"]
    for name, stmts in scenarios.items():
        lines.append("CREATE TABLE public.%s (a integer, b integer, c integer);" % name)
        lines.extend(stmts)
    sql = "\n".join(lines) + "\n"

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="pgb-model-") as tmp:
        dump = os.path.join(tmp, "grants.sql")
        with open(dump, "w") as f:
            f.write(sql)
        r = subprocess.run([binary, "inspect", dump, "--format", "json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        if r.returncode != 0:
            print("FAIL - inspect exited %d: %s" % (r.returncode, r.stderr.decode()[:500]))
            print("model: 0 passed, 1 failed")
            return 1
        doc = json.loads(r.stdout)
        grants = {t["name"]: t["grants"] for t in doc["tables"]}
        try:
            with PgCluster(keep=args.keep, verbose=args.verbose) as pg:
                for role in ROLES:
                    pg.psql("postgres", "CREATE ROLE %s NOLOGIN;" % role)
                pg.createdb("grants")
                ok, err = pg.psql_file("grants", dump)
                if not ok:
                    print("FAIL - PostgreSQL rejected the statements: %s" % err.strip()[:500])
                    print("model: 0 passed, 1 failed")
                    return 1
                live = catalog_acl(pg, "grants")
        except HarnessError as e:
            print("FAIL - %s" % e)
            print("model: 0 passed, 1 failed")
            return 1

    for name in scenarios:
        want, got = live.get(name, set()), model_acl(grants.get(name, []))
        if want == got:
            passed += 1
            print("ok - acl %s" % name)
        else:
            failed += 1
            print("FAIL - acl %s" % name)
            for x in sorted(want - got, key=str):
                print("    catalog only: %s" % (x,))
            for x in sorted(got - want, key=str):
                print("    model only:   %s" % (x,))
            if args.verbose:
                print("    grants: %s" % json.dumps(grants.get(name)))
        keys = collections.Counter((g["grantee"], g["grant_option"]) for g in grants.get(name, []))
        dups = [k for k, n in keys.items() if n > 1]
        if dups:
            failed += 1
            print("FAIL - items %s: more than one entry for %s" % (name, dups))
        else:
            passed += 1
            print("ok - items %s" % name)
    print("model: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
