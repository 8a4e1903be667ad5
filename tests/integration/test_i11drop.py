#!/usr/bin/python3
"""test_i11drop: DROP of every kind, default privileges and foreign tables'
column options, as PostgreSQL 15 applies them.

    /usr/bin/python3 tests/integration/test_i11drop.py --bin build/pgbaseline [--keep] [-v]

The fixture data/i11drop.sql creates objects of every kind a DropStmt can
name and drops them: refused drops (what depends on the object, a name that
is not unique, the wrong kind, what does not exist), IF EXISTS look-alikes,
drops that work (several in one statement, with and without argument lists)
and CASCADE through types, functions and schemas.  It is applied with psql
statement by statement (the refused ones fail there too) into a throwaway
PostgreSQL 15 (pgharness), and `inspect --format json` of the same file must
agree with the catalog on: schemas, types (and composite attributes),
functions, tables' columns, indexes, constraints, triggers, policies, rules,
views, extensions and servers; then on default privileges (pg_default_acl),
grants of objects created after ALTER DEFAULT PRIVILEGES, and foreign
tables' column options (pg_attribute.attfdwoptions).  The public dumps with
ALTER DEFAULT PRIVILEGES are restored and their default privileges compared
the same way.

Closing line: `i11drop: N passed, M failed`; exit status 1 when anything failed.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from pgharness import PgCluster, Script, check, script_exit, script_main  # noqa: E402
import test_catalog  # noqa: E402

FIXTURE = os.path.join(HERE, "data", "i11drop.sql")
ROLES = ("i11_owner", "i11_reader", "i11_writer")
DEFACL_DUMPS = ("graphile-starter-schema.sql", "supabase-cli-db-dump-simple.sql",
                "supabase-cli-initial-schema-14.sql")

NOT_MEMBER = ("NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s "
              "AND d.deptype IN ('e', 'i'))")
USER_NS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"

QUERIES = {
    "schemas": "SELECT nspname FROM pg_namespace n WHERE %s AND nspname NOT LIKE 'pg_%%' "
               "AND nspname <> 'public'" % USER_NS,
    "types": "SELECT n.nspname, t.typname, t.typtype FROM pg_type t JOIN pg_namespace n "
             "ON n.oid = t.typnamespace WHERE t.oid >= 16384 AND t.typtype IN ('e','c','d','r') "
             "AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')"
             " AND " + NOT_MEMBER % "t.oid",
    "attributes": "SELECT n.nspname, c.relname, a.attname FROM pg_attribute a JOIN pg_class c "
                  "ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE c.relkind = 'c' AND a.attnum > 0 AND NOT a.attisdropped AND %s"
                  % USER_NS,
    "functions": "SELECT n.nspname, p.proname, oidvectortypes(p.proargtypes), p.prokind "
                 "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                 "WHERE p.oid >= 16384 AND " + NOT_MEMBER % "p.oid",
    "columns": "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) "
               "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
               "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','f') "
               "AND a.attnum > 0 AND NOT a.attisdropped AND %s" % USER_NS,
    "indexes": "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n "
               "ON n.oid = c.relnamespace WHERE c.relkind IN ('i', 'I') AND %s" % USER_NS,
    "constraints": "SELECT n.nspname, c.relname, k.conname FROM pg_constraint k "
                   "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n "
                   "ON n.oid = c.relnamespace WHERE %s" % USER_NS,
    "triggers": "SELECT n.nspname, c.relname, t.tgname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE NOT t.tgisinternal",
    "policies": "SELECT schemaname, tablename, policyname FROM pg_policies",
    "rules": "SELECT schemaname, tablename, rulename FROM pg_rules WHERE schemaname <> 'pg_catalog'",
    "views": "SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n "
             "ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND %s" % USER_NS,
    "sequences": "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n "
                 "ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND %s" % USER_NS,
    "extensions": "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'",
    "servers": "SELECT srvname FROM pg_foreign_server",
    "statistics": "SELECT n.nspname, s.stxname FROM pg_statistic_ext s JOIN pg_namespace n "
                  "ON n.oid = s.stxnamespace",
    "foreign column options": "SELECT n.nspname, c.relname, a.attname, "
                              "array_to_string(a.attfdwoptions, ',') FROM pg_attribute a "
                              "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n "
                              "ON n.oid = c.relnamespace WHERE c.relkind = 'f' AND a.attnum > 0 "
                              "AND a.attfdwoptions IS NOT NULL",
}

# pg_default_acl as rows (role, schema, kind, grantee, privilege, grantable); kinds as the
# model names them
DEFACL = """
SELECT pg_get_userbyid(d.defaclrole), coalesce(n.nspname, ''),
       CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
            WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' END,
       coalesce(r.rolname, 'PUBLIC'), x.privilege_type, x.is_grantable
  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
  CROSS JOIN LATERAL aclexplode(d.defaclacl) x
  LEFT JOIN pg_roles r ON r.oid = x.grantee
"""

# What ALL stands for, per kind of default privilege
ALL = {"tables": ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"),
       "sequences": ("USAGE", "SELECT", "UPDATE"), "functions": ("EXECUTE",),
       "types": ("USAGE",), "schemas": ("USAGE", "CREATE")}


def rows(pg, db, sql):
    ok, out, err = pg.psql(db, "SET search_path = '';\n" + sql + ";\n")
    check(ok, "catalog query failed: %s\n%s" % (err.strip(), sql))
    return set(tuple(line.split("|")) for line in out.splitlines())


PROKIND = {"function": "f", "procedure": "p", "aggregate": "a"}
TYPKIND = {"enum": "e", "composite": "c", "domain": "d", "range": "r"}


def options_text(s):
    """The model's "a 'x', b 'it''s'" as array_to_string(attfdwoptions, ',') gives it."""
    out, i = [], 0
    while i < len(s):
        j = s.index(" '", i)
        name, k, val = s[i:j], j + 2, ""
        while True:
            if s[k] == "'" and s[k + 1:k + 2] == "'":
                val += "'"
                k += 2
            elif s[k] == "'":
                break
            else:
                val += s[k]
                k += 1
        out.append("%s=%s" % (name, val))
        i = k + 3  # past "', "
    return ",".join(out)


def model_facts(m):
    f = {k: set() for k in QUERIES}
    f["schemas"] = {(s["name"],) for s in m["schemas"] if s["name"] != "public"}
    for t in m["types"]:
        if t["kind"] in TYPKIND:
            f["types"].add((t["schema"], t["name"], TYPKIND[t["kind"]]))
        for a in t.get("attributes") or []:
            f["attributes"].add((t["schema"], t["name"], a["name"]))
    f["functions"] = {(x["schema"], x["name"], x["arguments"], PROKIND[x["kind"]])
                      for x in m["functions"]}
    for t in m["tables"]:
        key = (t["schema"], t["name"])
        for c in t["columns"]:
            f["columns"].add(key + (c["name"], c["type"]))
            if c.get("foreign_options"):
                f["foreign column options"].add(key + (c["name"],
                                                       options_text(c["foreign_options"])))
        for i in t["indexes"]:
            f["indexes"].add((t["schema"], i["name"]))
        cons = [t["primary_key"]] if t["primary_key"] else []
        for k in ("foreign_keys", "unique_constraints", "check_constraints",
                  "exclusion_constraints"):
            cons += t[k]
        for c in cons:
            f["constraints"].add(key + (c["name"],))
            if c in ([t["primary_key"]] + t["unique_constraints"] + t["exclusion_constraints"]):
                f["indexes"].add((t["schema"], c["name"]))
    f["triggers"] = {(x["schema"], x["table"], x["name"]) for x in m["triggers"]}
    f["policies"] = {(x["schema"], x["table"], x["name"]) for x in m["policies"]}
    for o in m["objects"]:
        if o["kind"] == "rule":
            f["rules"].add((o["schema"], o["on"].split(".", 1)[1], o["name"]))
        if o["kind"] == "server":
            f["servers"].add((o["name"],))
        if o["kind"] == "statistics":
            f["statistics"].add((o["schema"], o["name"]))
    f["views"] = {(v["schema"], v["name"], "m" if v.get("materialized") else "v")
                  for v in m["views"]}
    f["sequences"] = {(s["schema"], s["name"]) for s in m["sequences"]}
    f["extensions"] = {(e["name"],) for e in m["extensions"] if e["name"] != "plpgsql"}
    return f


def model_defacl(m, me="postgres"):
    """The model's default privileges as DEFACL rows, ALL spelled out; the role running the
    script (null) is `me`."""
    out = set()
    for d in m.get("default_privileges", []):
        kind = d["object_kind"]
        for g in d["grants"]:
            privs = g["privileges"].split(", ")
            for priv in (ALL[kind] if privs == ["ALL"] else privs):
                out.add((d["role"] or me, d["schema"] or "", kind, g["grantee"] or me, priv,
                         "t" if g["grant_option"] else "f"))
    return out


class Run(Script):
    def compare(self, name, model, catalog):
        if model == catalog:
            self.ok(name)
        else:
            self.fail(name, "only in the model: %s\nonly in the catalog: %s"
                      % (sorted(model - catalog), sorted(catalog - model)))

    def main(self):
        with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
            self.pg = pg
            pg.psql("postgres", "".join("CREATE ROLE %s NOLOGIN;\n" % r for r in ROLES))
            pg.createdb("i11drop")
            ok, err = pg.psql_file("i11drop", FIXTURE, single_transaction=False,
                                   on_error_stop=False)
            self.log(err)
            st, out, werr = self.inspect([FIXTURE])
            check(st == 0, "inspect failed (%d): %s" % (st, werr))
            m = json.loads(out)
            # Each statement PostgreSQL refused is one the builder refused too, and back.
            refused = set(re.findall(r"^psql:<stdin>:(\d+): ERROR", err, re.M))
            warned = set(re.findall(r":(\d+):\d+: warning: .*(?:ignored|not dropped)", werr))
            self.compare("fixture: the statements PostgreSQL refused are the builder's",
                         warned, refused)
            facts = model_facts(m)
            for k, sql in QUERIES.items():
                self.compare("fixture: " + k, facts[k], rows(pg, "i11drop", sql))
            if "default_privileges" in m:
                self.compare("fixture: default privileges", model_defacl(m),
                             rows(pg, "i11drop", DEFACL))
                self.compare_grants(pg, m)
            else:
                self.fail("fixture: default privileges", "no default_privileges in the JSON")
            for dump in DEFACL_DUMPS:
                self.public_dump(pg, dump)

    def compare_grants(self, pg, m):
        """Grants of the objects created after ALTER DEFAULT PRIVILEGES: the catalog's ACL."""
        sql = ("SELECT n.nspname || '.' || c.relname, coalesce(r.rolname, 'PUBLIC'), "
               "x.privilege_type, x.is_grantable FROM pg_class c JOIN pg_namespace n "
               "ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) x "
               "LEFT JOIN pg_roles r ON r.oid = x.grantee WHERE c.relkind IN ('r', 'S') "
               "AND n.nspname = 'acl' AND x.grantee <> c.relowner")
        catalog = rows(pg, "i11drop", sql)
        model = set()
        for kind, objs in (("tables", m["tables"]), ("sequences", m["sequences"])):
            for t in objs:
                if t["schema"] != "acl":
                    continue
                for g in t["grants"]:
                    privs = g["privileges"].split(", ")
                    for p in (ALL[kind] if privs == ["ALL"] else privs):
                        model.add(("acl." + t["name"], g["grantee"], p,
                                   "t" if g["grant_option"] else "f"))
        check(len(catalog) >= 4, "the fixture's default privileges gave too few grants: %s"
              % sorted(catalog))
        self.compare("fixture: grants from default privileges", model, catalog)
        # Owners: what SET ROLE's role created is its own
        sql = ("SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n "
               "ON n.oid = c.relnamespace WHERE n.nspname = 'acl' AND c.relkind IN ('r', 'S')")
        model = {(t["name"], t["owner"] or "postgres") for t in m["tables"] + m["sequences"]
                 if t["schema"] == "acl"}
        self.compare("fixture: owners of what SET ROLE's role created", model,
                     rows(pg, "i11drop", sql))
        # A function made by a role whose defaults revoke PUBLIC's EXECUTE
        sql = ("SELECT p.proname, p.proacl IS NOT NULL, coalesce(p.proacl::text, '') ~ '[{,]=X/' "
               "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
               "WHERE n.nspname = 'acl'")
        catalog = rows(pg, "i11drop", sql)
        model = {(f["name"], "t" if not f["acl_default"] else "f",
                  "t" if any(g["grantee"] == "PUBLIC" for g in f["grants"]) else "f")
                 for f in m["functions"] if f["schema"] == "acl"}
        check(catalog, "no function in schema acl")
        self.compare("fixture: a function's PUBLIC EXECUTE taken away by default privileges",
                     model, catalog)

    def public_dump(self, pg, name):
        path = os.path.join(test_catalog.PUBLIC_DUMPS, name)
        if not os.path.exists(path):
            self.ok("%s: skipped (absent)" % name)
            return
        db = name.split(".")[0].replace("-", "_")
        ok, err = test_catalog.restore(pg, db, path)
        if not ok:  # not restorable in PostgreSQL 15: not this test's subject
            self.ok("%s: skipped (does not restore: %s)" % (name, (err.strip().splitlines() or [""])[0][:80]))
            return
        st, out, err = self.inspect([path])
        check(st == 0, "inspect %s failed (%d): %s" % (name, st, err))
        self.compare("%s: default privileges" % name, model_defacl(json.loads(out)),
                     rows(pg, db, DEFACL))


def main(argv=None):
    return script_main("i11drop", __doc__, Run, argv)


if __name__ == "__main__":
    script_exit("i11drop", main)
