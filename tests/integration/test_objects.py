#!/usr/bin/python3
"""Every object is at least named: the model's objects are PostgreSQL's.

    /usr/bin/python3 tests/integration/test_objects.py --bin build/pgbaseline [--keep] [-v]

The fixture tests/cli/data/objects.sql (one object of every kind the model
holds by name, a SECURITY DEFINER function, grants on functions, an
aggregate, a schema, a wrapper and a server, a foreign table with options)
is restored into a throwaway PostgreSQL 15 (pgharness.py), after the roles
it uses were created, and read with `inspect --format json`.  Checks, each
the model against what the catalog reports:

 1. objects: the set of (kind, schema, name, qualifier, owner, comment) of
    every kind: pg_event_trigger, pg_rewrite, pg_operator, pg_opclass,
    pg_opfamily, pg_publication, pg_subscription, pg_collation,
    pg_conversion, pg_ts_config, pg_ts_dict, pg_ts_parser, pg_ts_template,
    pg_cast, pg_foreign_data_wrapper, pg_foreign_server, pg_user_mappings,
    pg_statistic_ext, pg_transform, pg_language, pg_am (objects the dump
    created: oid >= 16384), one check per kind.
 2. functions: (schema, name, argument types, kind, SECURITY DEFINER) of
    every function, procedure and aggregate (pg_proc, pg_aggregate).
 3. grants: for every function, schema, table, type, language, wrapper and
    server, the (grantee, privilege, grantable) that aclexplode() gives,
    the owner's own entries left out, against the JSON's grants, "ALL"
    read as every privilege of the kind: PUBLIC's EXECUTE stays after a
    GRANT and goes with REVOKE ALL ... FROM PUBLIC.
 4. foreign table options: pg_foreign_table.ftoptions.

Closing line: `objects: N passed, M failed`; exit status 1 when anything failed.
"""

import collections
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgharness import Failure, PgCluster, check, script_exit, script_main  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "cli", "data", "objects.sql")
ROLES = ("CREATE ROLE objects_owner SUPERUSER NOLOGIN;", "CREATE ROLE objects_reader NOLOGIN;")

# kind -> SQL giving (schema, name, qualifier, owner, comment) of the objects the dump made
NS = "(SELECT nspname FROM pg_namespace WHERE oid = %s)"
OWNER = "pg_get_userbyid(%s)"
CATALOG = collections.OrderedDict([
    ("event_trigger", "SELECT NULL, evtname, NULL, %s, obj_description(oid, 'pg_event_trigger') "
                      "FROM pg_event_trigger" % (OWNER % "evtowner")),
    ("rule", "SELECT n.nspname, r.rulename, n.nspname || '.' || c.relname, NULL, "
             "obj_description(r.oid, 'pg_rewrite') FROM pg_rewrite r "
             "JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE r.oid >= 16384 AND r.rulename <> '_RETURN'"),
    ("operator", "SELECT %s, oprname, "
                 "coalesce(format_type(nullif(oprleft, 0), NULL), 'NONE') || ', ' || "
                 "coalesce(format_type(nullif(oprright, 0), NULL), 'NONE'), %s, "
                 "obj_description(oid, 'pg_operator') FROM pg_operator WHERE oid >= 16384"
                 % (NS % "oprnamespace", OWNER % "oprowner")),
    ("operator_class", "SELECT %s, opcname, a.amname, %s, NULL FROM pg_opclass o "
                       "JOIN pg_am a ON a.oid = o.opcmethod WHERE o.oid >= 16384"
                       % (NS % "opcnamespace", OWNER % "opcowner")),
    ("operator_family", "SELECT %s, opfname, a.amname, %s, NULL FROM pg_opfamily o "
                        "JOIN pg_am a ON a.oid = o.opfmethod WHERE o.oid >= 16384"
                        % (NS % "opfnamespace", OWNER % "opfowner")),
    ("publication", "SELECT NULL, pubname, NULL, %s, NULL FROM pg_publication" % (OWNER % "pubowner")),
    ("subscription", "SELECT NULL, subname, NULL, %s, NULL FROM pg_subscription "
                     "WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                     % (OWNER % "subowner")),
    ("collation", "SELECT %s, collname, NULL, %s, NULL FROM pg_collation WHERE oid >= 16384"
                  % (NS % "collnamespace", OWNER % "collowner")),
    ("conversion", "SELECT %s, conname, NULL, %s, NULL FROM pg_conversion WHERE oid >= 16384"
                   % (NS % "connamespace", OWNER % "conowner")),
    ("text_search_configuration", "SELECT %s, cfgname, NULL, %s, NULL FROM pg_ts_config "
                                  "WHERE oid >= 16384" % (NS % "cfgnamespace", OWNER % "cfgowner")),
    ("text_search_dictionary", "SELECT %s, dictname, NULL, %s, NULL FROM pg_ts_dict "
                               "WHERE oid >= 16384" % (NS % "dictnamespace", OWNER % "dictowner")),
    ("text_search_parser", "SELECT %s, prsname, NULL, NULL, NULL FROM pg_ts_parser "
                           "WHERE oid >= 16384" % (NS % "prsnamespace")),
    ("text_search_template", "SELECT %s, tmplname, NULL, NULL, NULL FROM pg_ts_template "
                             "WHERE oid >= 16384" % (NS % "tmplnamespace")),
    ("cast", "SELECT NULL, '(' || format_type(castsource, NULL) || ' AS ' || "
             "format_type(casttarget, NULL) || ')', NULL, NULL, obj_description(oid, 'pg_cast') "
             "FROM pg_cast WHERE oid >= 16384"),
    ("foreign_data_wrapper", "SELECT NULL, fdwname, NULL, %s, NULL FROM pg_foreign_data_wrapper"
                             % (OWNER % "fdwowner")),
    ("server", "SELECT NULL, srvname, NULL, %s, NULL FROM pg_foreign_server" % (OWNER % "srvowner")),
    ("user_mapping", "SELECT NULL, usename, srvname, NULL, NULL FROM pg_user_mappings"),
    ("statistics", "SELECT %s, stxname, n.nspname || '.' || c.relname, %s, NULL "
                   "FROM pg_statistic_ext s JOIN pg_class c ON c.oid = s.stxrelid "
                   "JOIN pg_namespace n ON n.oid = c.relnamespace"
                   % (NS % "stxnamespace", OWNER % "stxowner")),
    ("transform", "SELECT NULL, format_type(trftype, NULL), l.lanname, NULL, NULL "
                  "FROM pg_transform t JOIN pg_language l ON l.oid = t.trflang"),
    ("language", "SELECT NULL, lanname, NULL, %s, NULL FROM pg_language WHERE oid >= 16384"
                 % (OWNER % "lanowner")),
    ("access_method", "SELECT NULL, amname, NULL, NULL, obj_description(oid, 'pg_am') "
                      "FROM pg_am WHERE oid >= 16384"),
])

FUNCTIONS = """
SELECT n.nspname, p.proname, oidvectortypes(p.proargtypes),
       CASE p.prokind WHEN 'a' THEN 'aggregate' WHEN 'p' THEN 'procedure' ELSE 'function' END,
       p.prosecdef, EXISTS (SELECT 1 FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.oid >= 16384
"""

# kind of grant target -> (catalog, key expression, ACL column, owner column, FROM and WHERE
# clauses, what ALL stands for).  The ACL as aclexplode() gives it, the owner's own entries left
# out (the model records what was granted to others): NULL, the default, has none, and after a
# first GRANT or REVOKE a function's, type's or language's holds PUBLIC's default privilege
# unless it was revoked.
ACL_TARGETS = collections.OrderedDict([
    ("function", ("n.nspname || '.' || o.proname || '(' || oidvectortypes(o.proargtypes) || ')'",
                  "o.proacl", "o.proowner",
                  "pg_proc o JOIN pg_namespace n ON n.oid = o.pronamespace WHERE o.oid >= 16384",
                  ("EXECUTE",))),
    ("schema", ("o.nspname", "o.nspacl", "o.nspowner", "pg_namespace o WHERE o.oid >= 16384",
                ("USAGE", "CREATE"))),
    ("table", ("n.nspname || '.' || o.relname", "o.relacl", "o.relowner",
               "pg_class o JOIN pg_namespace n ON n.oid = o.relnamespace "
               "WHERE o.oid >= 16384 AND o.relkind IN ('r', 'f', 'p')",
               ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"))),
    ("type", ("n.nspname || '.' || o.typname", "o.typacl", "o.typowner",
              "pg_type o JOIN pg_namespace n ON n.oid = o.typnamespace "
              "WHERE o.oid >= 16384 AND o.typtype IN ('c', 'e', 'd', 'r') AND "
              "(o.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = o.typrelid) = 'c')",
              ("USAGE",))),
    ("language", ("o.lanname", "o.lanacl", "o.lanowner", "pg_language o WHERE o.oid >= 16384",
                  ("USAGE",))),
    ("foreign_data_wrapper", ("o.fdwname", "o.fdwacl", "o.fdwowner", "pg_foreign_data_wrapper o",
                              ("USAGE",))),
    ("server", ("o.srvname", "o.srvacl", "o.srvowner", "pg_foreign_server o", ("USAGE",))),
])


def acl_query(key, acl, owner, source):
    """The ACL rows (key, grantee, privilege, grantable) of `source` ("FROM ... WHERE ...")."""
    tables, where = source.split(" WHERE ", 1) if " WHERE " in source else (source, "true")
    return ("SELECT %s, coalesce(r.rolname, 'PUBLIC'), x.privilege_type, x.is_grantable "
            "FROM %s CROSS JOIN LATERAL aclexplode(%s) x "
            "LEFT JOIN pg_roles r ON r.oid = x.grantee WHERE (%s) AND x.grantee <> %s"
            % (key, tables, acl, where, owner))


FOREIGN_OPTIONS = """
SELECT n.nspname || '.' || c.relname, array_to_string(ft.ftoptions, ',')
  FROM pg_foreign_table ft JOIN pg_class c ON c.oid = ft.ftrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
"""


def rows(pg, db, sql):
    ok, out, err = pg.psql(db, sql + ";\n")
    check(ok, "catalog query failed: %s\n%s" % (err.strip(), sql))
    return [tuple(None if f == "" else f for f in line.split("|")) for line in out.splitlines()]


def model_grants(grants, all_privs):
    """The JSON grants of one object as a set of (grantee, privilege, grantable)."""
    out = set()
    for g in grants:
        for tok in g["privileges"].split(", "):
            for p in all_privs if tok == "ALL" else [tok]:
                out.add((g["grantee"], p, g["grant_option"]))
    return out


def model_grant_targets(doc):
    """{kind: {key: grants}} for the kinds of ACL_TARGETS (no "grants" member: none)."""
    t = collections.defaultdict(dict)
    for f in doc["functions"]:
        t["function"]["%s.%s(%s)" % (f["schema"], f["name"], f["arguments"])] = f.get("grants", [])
    for s in doc["schemas"]:
        t["schema"][s["name"]] = s.get("grants", [])
    for ty in doc["types"]:
        t["type"]["%s.%s" % (ty["schema"], ty["name"])] = ty.get("grants", [])
    for tb in doc["tables"]:
        t["table"]["%s.%s" % (tb["schema"], tb["name"])] = tb.get("grants", [])
    for o in doc.get("objects", []):
        if o["kind"] in ("foreign_data_wrapper", "server", "language"):
            t[o["kind"]][o["name"]] = o.get("grants", [])
    return t


class Run:
    def __init__(self, args):
        self.args = args
        self.passed = self.failed = 0

    def result(self, name, want, got):
        if want == got:
            self.passed += 1
            print("ok - %s" % name)
            return
        self.failed += 1
        print("FAIL - %s" % name)
        for x in sorted(want - got, key=str):
            print("    catalog only: %s" % (x,))
        for x in sorted(got - want, key=str):
            print("    model only:   %s" % (x,))

    def main(self):
        binary = os.path.abspath(self.args.bin)
        r = subprocess.run([binary, "inspect", FIXTURE, "--format", "json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        check(r.returncode == 0, "inspect exited %d: %s" % (r.returncode, r.stderr.decode()[:500]))
        doc = json.loads(r.stdout)
        with PgCluster(keep=self.args.keep, verbose=self.args.verbose) as pg:
            for sql in ROLES:
                ok, _, err = pg.psql("postgres", sql)
                check(ok, "%s failed: %s" % (sql, err.strip()))
            pg.createdb("objects")
            ok, err = pg.psql_file("objects", FIXTURE)
            check(ok, "PostgreSQL rejected the fixture: %s" % err.strip()[:500])
            self.compare(pg, doc)

    def compare(self, pg, doc):
        by_kind = collections.defaultdict(set)
        for o in doc["objects"]:
            qual = o["on"] if o["on"] is not None else o["arguments"]
            by_kind[o["kind"]].add((o["schema"], o["name"], qual, o["owner"], o["comment"]))
        for kind, sql in CATALOG.items():
            want = set(rows(pg, "objects", sql))
            check(want, "the fixture has no %s: the catalog query or the fixture is wrong" % kind)
            self.result("objects %s" % kind, want, by_kind.pop(kind, set()))
        self.result("objects of no other kind", set(), set(by_kind))

        want = {(s, n, a or "", k, d == "t") for s, n, a, k, d, _ in rows(pg, "objects", FUNCTIONS)}
        got = {(f["schema"], f["name"], f["arguments"], f["kind"], f["security_definer"])
               for f in doc["functions"]}
        self.result("functions (kind, arguments, SECURITY DEFINER)", want, got)

        targets = model_grant_targets(doc)
        for kind, (key, acl, owner, source, all_privs) in ACL_TARGETS.items():
            sql = acl_query(key, acl, owner, source)
            want = {(k, g, p, gr == "t") for k, g, p, gr in rows(pg, "objects", sql)}
            got = {(k,) + x for k, grants in targets[kind].items()
                   for x in model_grants(grants, all_privs)}
            check(want, "no %s grants in the fixture" % kind)
            self.result("grants on each %s (aclexplode)" % kind, want, got)

        want = {(k, v) for k, v in rows(pg, "objects", FOREIGN_OPTIONS)}
        got = {("%s.%s" % (t["schema"], t["name"]),
                ",".join("%s=%s" % (kv.split(" ", 1)[0], kv.split(" ", 1)[1].strip("'"))
                         for kv in t["foreign_options"].split(", ")))
               for t in doc["tables"] if t["kind"] == "foreign_table"}
        self.result("foreign table options", want, got)


def main(argv=None):
    return script_main("objects", __doc__, Run, argv)


if __name__ == "__main__":
    script_exit("objects", main)
