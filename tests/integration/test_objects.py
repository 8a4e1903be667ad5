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

Then the public dumps that have such objects (PUBLIC below; from
test_catalog.PUBLIC_DUMPS, skipped when absent or not restorable) are
restored the same way and their objects held by name (owners where the
dump gave them), functions with SECURITY DEFINER and function grants
compared with the catalog.

Closing line: `objects: N passed, M failed`; exit status 1 when anything failed.
"""

import collections
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgharness import PgCluster, check, script_exit, script_main  # noqa: E402
import test_catalog  # noqa: E402  (the public dumps' location, roles and preparation)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "cli", "data", "objects.sql")
ROLES = ("CREATE ROLE objects_owner SUPERUSER NOLOGIN;", "CREATE ROLE objects_reader NOLOGIN;")
# Public dumps with objects held by name, SECURITY DEFINER functions or function grants
# (skipped when absent or when PostgreSQL 15 cannot restore them)
PUBLIC = ("danbooru-structure.sql", "graphile-starter-schema.sql", "pagila-0.10.1-schema.sql",
          "pgadmin4-schema-diff-source.sql", "pgweb-booktown.sql",
          "supabase-cli-initial-schema-14.sql", "supabase-postgres-schema-18.sql")

# kind -> (columns (schema, name, qualifier, owner, comment), FROM, WHERE, the object's oid):
# the objects the dump made (oid >= 16384, not an extension's member)
NS = "(SELECT nspname FROM pg_namespace WHERE oid = %s)"
OWNER = "pg_get_userbyid(%s)"
CATALOG = collections.OrderedDict([
    ("event_trigger", ("NULL, evtname, NULL, %s, obj_description(oid, 'pg_event_trigger')"
                       % (OWNER % "evtowner"), "pg_event_trigger", "true", "oid")),
    ("rule", ("n.nspname, r.rulename, n.nspname || '.' || c.relname, NULL, "
              "obj_description(r.oid, 'pg_rewrite')",
              "pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class "
              "JOIN pg_namespace n ON n.oid = c.relnamespace",
              "r.rulename <> '_RETURN'", "r.oid")),
    ("operator", ("%s, oprname, coalesce(format_type(nullif(oprleft, 0), NULL), 'NONE') || ', ' "
                  "|| coalesce(format_type(nullif(oprright, 0), NULL), 'NONE'), %s, "
                  "obj_description(oid, 'pg_operator')" % (NS % "oprnamespace", OWNER % "oprowner"),
                  "pg_operator", "true", "oid")),
    ("operator_class", ("%s, opcname, a.amname, %s, obj_description(o.oid, 'pg_opclass')"
                        % (NS % "opcnamespace", OWNER % "opcowner"),
                        "pg_opclass o JOIN pg_am a ON a.oid = o.opcmethod", "true", "o.oid")),
    ("operator_family", ("%s, opfname, a.amname, %s, obj_description(o.oid, 'pg_opfamily')"
                         % (NS % "opfnamespace", OWNER % "opfowner"),
                         "pg_opfamily o JOIN pg_am a ON a.oid = o.opfmethod", "true", "o.oid")),
    ("publication", ("NULL, pubname, NULL, %s, obj_description(oid, 'pg_publication')"
                     % (OWNER % "pubowner"), "pg_publication",
                     "true", "oid")),
    ("subscription", ("NULL, subname, NULL, %s, shobj_description(oid, 'pg_subscription')"
                      % (OWNER % "subowner"), "pg_subscription",
                      "subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())",
                      "oid")),
    ("collation", ("%s, collname, NULL, %s, obj_description(oid, 'pg_collation')"
                   % (NS % "collnamespace", OWNER % "collowner"), "pg_collation", "true", "oid")),
    ("conversion", ("%s, conname, NULL, %s, obj_description(oid, 'pg_conversion')"
                    % (NS % "connamespace", OWNER % "conowner"),
                    "pg_conversion", "true", "oid")),
    ("text_search_configuration", ("%s, cfgname, NULL, %s, obj_description(oid, 'pg_ts_config')"
                                   % (NS % "cfgnamespace", OWNER % "cfgowner"),
                                   "pg_ts_config", "true", "oid")),
    ("text_search_dictionary", ("%s, dictname, NULL, %s, obj_description(oid, 'pg_ts_dict')"
                                % (NS % "dictnamespace", OWNER % "dictowner"),
                                "pg_ts_dict", "true", "oid")),
    ("text_search_parser", ("%s, prsname, NULL, NULL, obj_description(oid, 'pg_ts_parser')"
                            % (NS % "prsnamespace"), "pg_ts_parser", "true", "oid")),
    ("text_search_template", ("%s, tmplname, NULL, NULL, obj_description(oid, 'pg_ts_template')"
                              % (NS % "tmplnamespace"), "pg_ts_template", "true", "oid")),
    ("cast", ("NULL, '(' || format_type(castsource, NULL) || ' AS ' || "
              "format_type(casttarget, NULL) || ')', NULL, NULL, obj_description(oid, 'pg_cast')",
              "pg_cast", "true", "oid")),
    ("foreign_data_wrapper", ("NULL, fdwname, NULL, %s, obj_description(oid, 'pg_foreign_data_wrapper')"
                              % (OWNER % "fdwowner"),
                              "pg_foreign_data_wrapper", "true", "oid")),
    ("server", ("NULL, srvname, NULL, %s, obj_description(oid, 'pg_foreign_server')"
                % (OWNER % "srvowner"), "pg_foreign_server",
                "true", "oid")),
    ("user_mapping", ("NULL, usename, srvname, NULL, NULL", "pg_user_mappings", "true", "umid")),
    ("statistics", ("%s, stxname, n.nspname || '.' || c.relname, %s, obj_description(s.oid, 'pg_statistic_ext')"
                    % (NS % "stxnamespace", OWNER % "stxowner"),
                    "pg_statistic_ext s JOIN pg_class c ON c.oid = s.stxrelid "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace", "true", "s.oid")),
    ("transform", ("NULL, format_type(trftype, NULL), l.lanname, NULL, obj_description(t.oid, 'pg_transform')",
                   "pg_transform t JOIN pg_language l ON l.oid = t.trflang", "true", "t.oid")),
    ("language", ("NULL, lanname, NULL, %s, obj_description(oid, 'pg_language')"
                  % (OWNER % "lanowner"), "pg_language", "true", "oid")),
    ("access_method", ("NULL, amname, NULL, NULL, obj_description(oid, 'pg_am')", "pg_am", "true",
                       "oid")),
])


# Not an extension's member ('e'), nor made by PostgreSQL along with another object ('i': a
# range type's constructors, its multirange type and their casts)
NOT_IMPLICIT = ("NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s "
                "AND d.deptype IN ('e', 'i'))")


def catalog_query(kind):
    cols, tables, where, oid = CATALOG[kind]
    return ("SELECT %s FROM %s WHERE (%s) AND %s >= 16384 AND %s" % (cols, tables, where, oid,
                                                                    NOT_IMPLICIT % oid))


FUNCTIONS = """
SELECT n.nspname, p.proname, oidvectortypes(p.proargtypes),
       CASE p.prokind WHEN 'a' THEN 'aggregate' WHEN 'p' THEN 'procedure' ELSE 'function' END,
       p.prosecdef, EXISTS (SELECT 1 FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.oid >= 16384
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype IN ('e', 'i'))
"""

# kind of grant target -> (catalog, key expression, ACL column, owner column, FROM and WHERE
# clauses, what ALL stands for).  The ACL as aclexplode() gives it, the owner's own entries left
# out (the model records what was granted to others): NULL, the default, has none, and after a
# first GRANT or REVOKE a function's, type's or language's holds PUBLIC's default privilege
# unless it was revoked.
ACL_TARGETS = collections.OrderedDict([
    ("function", ("n.nspname || '.' || o.proname || '(' || oidvectortypes(o.proargtypes) || ')'",
                  "o.proacl", "o.proowner",
                  "pg_proc o JOIN pg_namespace n ON n.oid = o.pronamespace WHERE o.oid >= 16384 "
                  "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = o.oid AND "
                  "d.deptype IN ('e', 'i'))",
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
    # an empty search_path: types qualified as format_type() writes them for the model
    ok, out, err = pg.psql(db, "SET search_path = '';\n" + sql + ";\n")
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
            for i, name in enumerate(PUBLIC):
                path = test_catalog.PUBLIC_DUMPS / name
                if path.is_file():
                    self.compare_public(pg, "public%d" % i, path)
                else:
                    print("skip - %s: not found in %s" % (name, test_catalog.PUBLIC_DUMPS))

    def compare_public(self, pg, db, path):
        """A public dump's objects, functions and function grants against the catalog."""
        name = path.name
        r = subprocess.run([os.path.abspath(self.args.bin), "inspect", str(path), "--format", "json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        check(r.returncode == 0, "%s: inspect exited %d" % (name, r.returncode))
        doc = json.loads(r.stdout)
        ok, err = test_catalog.restore(pg, db, path)
        if not ok:
            print("skip - %s: not restorable: %s" % (name, err.strip().splitlines()[0][:200]))
            return
        owners = {}
        got = set()
        for o in doc["objects"]:
            key = (o["kind"], o["schema"], o["name"],
                   o["on"] if o["on"] is not None else o["arguments"])
            owners[key] = o["owner"]
            got.add(key + (o["owner"], o["comment"]))
        want = set()
        for kind in CATALOG:
            for sch, nm, qual, owner, comment in rows(pg, db, catalog_query(kind)):
                key = (kind, sch, nm, qual)
                if key in owners and owners[key] is None:
                    owner = None  # the dump gave no owner (--no-owner): the restorer's
                want.add(key + (owner, comment))
        self.result("%s: objects held by name" % name, want, got)
        want = {(s, n, a or "", d == "t") for s, n, a, _, d, _ in rows(pg, db, FUNCTIONS)}
        got = {(f["schema"], f["name"], f["arguments"], f["security_definer"])
               for f in doc["functions"]}
        self.result("%s: functions and SECURITY DEFINER" % name, want, got)
        key, acl, owner, source, all_privs = ACL_TARGETS["function"]
        want = {(k, g, p, gr == "t")
                for k, g, p, gr in rows(pg, db, acl_query(key, acl, owner, source))}
        got = {(k,) + x for k, grants in model_grant_targets(doc)["function"].items()
               for x in model_grants(grants, all_privs)}
        self.result("%s: function grants (aclexplode)" % name, want, got)

    def compare(self, pg, doc):
        by_kind = collections.defaultdict(set)
        for o in doc["objects"]:
            qual = o["on"] if o["on"] is not None else o["arguments"]
            by_kind[o["kind"]].add((o["schema"], o["name"], qual, o["owner"], o["comment"]))
        for kind in CATALOG:
            want = set(rows(pg, "objects", catalog_query(kind)))
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
