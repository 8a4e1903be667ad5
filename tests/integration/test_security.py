#!/usr/bin/python3
"""The security view (`inspect --security`) is PostgreSQL's, and the load's progress shows only on a terminal.

    /usr/bin/python3 tests/integration/test_security.py --bin build/pgbaseline [--keep] [-v]

Progress (no server): a generated tenant dump (tools/gen-tenant-dump.py,
big enough to take more than a second) is inspected with standard error on
a pseudo-terminal: "reading DUMP: N% (X MB of Y MB)" is drawn and erased at
the end; the same with standard error a file and a pipe shows nothing;
standard output is byte for byte the same every way.  A dump fed through a
pipe that stalls for two seconds shows "reading standard input: X MB"
(no percentage: the size is unknown), whatever the machine's speed.

Security: the fixture tests/cli/data/security.sql (roles, schema, table,
column, view, sequence, type, domain, function, procedure, wrapper and
server grants, revokes from PUBLIC, default privileges, RLS enabled and
forced, policies with roles and commands, SECURITY DEFINER with and without
SET search_path, and their look-alikes) is restored into PostgreSQL 15
after its roles were made, then every public dump that restores.  Each
section of the text view is read back and checked both ways against the
catalog: every row is true of it, and nothing it holds is missing:

 1. grants: aclexplode() of nspacl, relacl, attacl, proacl, typacl,
    fdwacl, srvacl (a NULL ACL read as acldefault(), and then the row is
    "default"), the owner's own entries left out (ownership implies them);
 2. owners: pg_namespace, pg_class, pg_type, pg_proc, wrappers and servers
    (objects the restoring superuser owns are the dump's without owner);
 3. default privileges: aclexplode(pg_default_acl.defaclacl);
 4. row level security: relrowsecurity, relforcerowsecurity, and every
    policy of pg_policies with its command, kind, roles and expressions;
 5. SECURITY DEFINER: prosecdef, and search_path in proconfig.

SECURITY_SKIP_PROGRESS=1 in the environment leaves the progress part out
(it generates and reads a dump of 3,000 schemas).

Closing line: `security: N passed, M failed`; exit status 1 when anything failed.
"""

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pgharness import PgCluster, Script, check, script_exit, script_main  # noqa: E402
import test_catalog  # noqa: E402  (the public dumps, restore())

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.join(HERE, "..", "..")
FIXTURE = os.path.join(REPO, "tests", "cli", "data", "security.sql")
GEN = os.path.join(REPO, "tools", "gen-tenant-dump.py")
ROLES = ("sec_owner", "sec_reader", "sec_writer", "sec_app", "Sec Auditor")
# Every public dump (test_catalog.PUBLIC_DUMPS), skipped when PostgreSQL 15 cannot restore it
PUBLIC = sorted(p.name for p in test_catalog.PUBLIC_DUMPS.glob("*.sql*")) \
    if test_catalog.PUBLIC_DUMPS.is_dir() else []
TENANT_SCHEMAS = 3000  # a dump that takes more than a second to read

FUNC_KINDS = ("function", "procedure", "aggregate")
KINDS = ("schema", "table", "foreign table", "view", "materialized view", "sequence", "column",
         "type", "domain", "foreign data wrapper", "foreign server", "language") + FUNC_KINDS
# Owned objects of other kinds (object_kind_label()): no ACL, owners not compared here
OTHER_KINDS = ("event trigger", "rule", "operator", "operator class", "operator family",
               "publication", "subscription", "collation", "conversion",
               "text search configuration", "text search dictionary", "text search parser",
               "text search template", "cast", "user mapping", "statistics object", "transform",
               "access method")
ALL = {
    "schema": "USAGE CREATE", "table": "SELECT INSERT UPDATE DELETE TRUNCATE REFERENCES TRIGGER",
    "sequence": "USAGE SELECT UPDATE", "column": "SELECT INSERT UPDATE REFERENCES",
    "function": "EXECUTE", "type": "USAGE", "foreign data wrapper": "USAGE",
    "foreign server": "USAGE", "language": "USAGE",
}
for _k in ("foreign table", "view", "materialized view"):
    ALL[_k] = ALL["table"]
for _k in ("procedure", "aggregate"):
    ALL[_k] = ALL["function"]
ALL["domain"] = ALL["type"]

# ---------------------------------------------------------------------------
# Reading the text view back


class Cursor:
    """Names as the view writes them: psql's quoting (facts_put_name)."""

    def __init__(self, s):
        self.s, self.i = s, 0

    def peek(self, t):
        return self.s.startswith(t, self.i)

    def eat(self, t):
        check(self.peek(t), "expected %r at %d of %r" % (t, self.i, self.s))
        self.i += len(t)

    def ident(self):
        s, i = self.s, self.i
        if s.startswith('"', i):
            j, out = i + 1, []
            while True:
                k = s.index('"', j)
                out.append(s[j:k])
                if s.startswith('""', k):
                    out.append('"')
                    j = k + 2
                else:
                    self.i = k + 1
                    return "".join(out)
        m = re.compile(r'[^.(:, "]+').match(s, i)
        check(m, "no name at %d of %r" % (i, s))
        self.i = m.end()
        return m.group(0)

    def parens(self):
        """(...) with nested parentheses and quoted names: the text inside."""
        s, start, depth, quoted = self.s, self.i, 0, False
        for j in range(self.i, len(s)):
            c = s[j]
            if c == '"':
                quoted = not quoted
            elif not quoted and c == "(":
                depth += 1
            elif not quoted and c == ")":
                depth -= 1
                if depth == 0:
                    self.i = j + 1
                    return s[start + 1:j]
        check(False, "unbalanced parentheses in %r" % s)

    def object(self, kind):
        """The key of an object: dotted parts, a function's "(args)" after."""
        parts = [self.ident()]
        while self.peek("."):
            self.eat(".")
            parts.append(self.ident())
        key = ".".join(parts)
        if kind in FUNC_KINDS:
            key += "(" + self.parens() + ")"
        return key

    def role(self):
        return self.ident()

    def rest(self):
        r = self.s[self.i:]
        self.i = len(self.s)
        return r


def kind_at(s):
    """The kind a line starts with (the longest that fits), and the rest."""
    for k in sorted(KINDS + OTHER_KINDS, key=len, reverse=True):
        if s.startswith(k + " "):
            return k, s[len(k) + 1:]
    check(False, "no kind in %r" % s)


def sections(text):
    """{"Grants": [line, ...], ...}: the lines of each part of the Security section."""
    lines = text.split("\n")
    check("Security:" in lines, "no Security section")
    out, cur = {}, None
    for line in lines[lines.index("Security:") + 1:]:
        if line == "" or not line.startswith("  "):
            break
        if not line.startswith("    "):
            m = re.match(r"  ([A-Za-z ]+?)( \(|:)", line)
            cur = m.group(1) if m else None
            if cur is not None:
                out[cur] = []
            continue
        if cur is not None:
            out[cur].append(line)
    return out


def expand(kind, privileges):
    out = []
    for p in privileges.split(", "):
        out += ALL[kind].split() if p == "ALL" else [p]
    return out


def view_grants(sec):
    """{(kind, key, grantee, privilege, grantable, default)}"""
    rows = set()
    for line in sec.get("Grants", []):
        kind, rest = kind_at(line[4:])
        c = Cursor(rest)
        key = c.object(kind)
        c.eat(": ")
        who = c.role()
        c.eat(" ")
        privs = c.rest()
        default = privs.endswith(" (default)")
        privs = privs[:-len(" (default)")] if default else privs
        grantable = privs.endswith(" with grant option")
        privs = privs[:-len(" with grant option")] if grantable else privs
        for p in expand(kind, privs):
            rows.add((kind, key, who, p, grantable, default))
    return rows


def view_roles(sec):
    """(owners {(kind, key, owner)}, holds {(kind, key, grantee, privileges text)})"""
    owners, holds, role = set(), set(), None
    for line in sec.get("Who can do what", []):
        if not line.startswith("      "):
            role = Cursor(line[4:]).role()
        elif line.startswith("      owns "):
            kind, rest = kind_at(line[len("      owns "):])
            if kind in KINDS:
                owners.add((kind, Cursor(rest).object(kind), role))
        else:
            m = re.match(r"      (.*?) on (.*)$", line)
            kind, rest = kind_at(m.group(2))
            holds.add((kind, Cursor(rest).object(kind), role, m.group(1)))
    return owners, holds


def view_defaults(sec):
    """{(role, schema or "", objtype, grantee, privilege, grantable)}"""
    rows = set()
    for line in sec.get("Default privileges", []):
        c = Cursor(line[4:])
        c.eat("for role ")
        if c.peek("(the script's role)"):
            continue  # the role that runs the script: not known offline
        role, schema = c.role(), ""
        if c.peek(" in schema "):
            c.eat(" in schema ")
            schema = c.ident()
        c.eat(" on ")
        m = re.match(r"(\w+): ", c.s[c.i:])
        objtype = m.group(1)
        c.i += m.end()
        who = "PUBLIC" if c.peek("PUBLIC ") else c.role()
        if who == "PUBLIC":
            c.eat("PUBLIC")
        c.eat(" ")
        privs = c.rest()
        grantable = privs.endswith(" with grant option")
        privs = privs[:-len(" with grant option")] if grantable else privs
        kind = {"tables": "table", "sequences": "sequence", "functions": "function",
                "types": "type", "schemas": "schema"}[objtype]
        for p in expand(kind, privs):
            rows.add((role, schema, objtype, who, p, grantable))
    return rows


def norm_expr(e):
    """Expressions as two deparsers may write them, compared loosely."""
    if e is None:
        return None
    e = re.sub(r"::[A-Za-z_ \"]+(\[\])?", "", e.lower())
    return re.sub(r"[\s()]", "", e)


def view_rls(sec):
    """({table: (enabled, forced)}, {(table, policy, kind, command, roles, using, check)})"""
    tables, policies, table = {}, set(), None
    for line in sec.get("Row level security", []):
        if line.startswith("    table "):
            c = Cursor(line[len("    table "):])
            table = c.object("table")
            c.eat(": ")
            rest = c.rest()
            tables[table] = (rest.startswith("enabled"), ", forced" in rest)
            continue
        c = Cursor(line[len("      policy "):])
        name = c.ident()
        m = re.match(r" (PERMISSIVE|RESTRICTIVE) FOR (\w+) TO ", c.s[c.i:])
        c.i += m.end()
        roles = []
        while True:
            roles.append(c.ident())
            if not c.peek(", "):
                break
            c.eat(", ")
        rest = c.rest()
        m = re.match(r"( USING \((.*?)\))?( WITH CHECK \((.*)\))?$", rest)
        using, check_ = m.group(2), m.group(4)
        if m.group(1) and not m.group(3):
            using = rest[len(" USING ("):-1]  # the whole of it: it may hold " WITH CHECK ("
        policies.add((table, name,
                      "PERMISSIVE" if " PERMISSIVE FOR " in line else "RESTRICTIVE",
                      re.search(r" FOR (\w+) TO ", line).group(1),
                      frozenset("public" if r == "PUBLIC" else r for r in roles),
                      norm_expr(using), norm_expr(check_)))
    return tables, policies


def view_definers(sec):
    rows = set()
    for line in sec.get("SECURITY DEFINER functions", []):
        kind, rest = kind_at(line[4:])
        c = Cursor(rest)
        key = c.object(kind)
        rows.add((key, line.endswith(": search_path set")))
    return rows


# ---------------------------------------------------------------------------
# The catalog

NOT_EXT = ("NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype IN ('e', 'i'))")
ACLS = """
SELECT 'schema', o.nspname::text, pg_get_userbyid(o.nspowner), o.nspacl IS NULL OR
       o.nspacl IS NOT DISTINCT FROM (SELECT initprivs FROM pg_init_privs i
        WHERE i.objoid = o.oid AND i.classoid = 'pg_namespace'::regclass),
       coalesce(o.nspacl, acldefault('n', o.nspowner)), o.nspowner
  FROM pg_namespace o WHERE (o.oid >= 16384 OR o.nspname = 'public') AND {ne_o}
UNION ALL
SELECT CASE c.relkind WHEN 'f' THEN 'foreign table' WHEN 'v' THEN 'view'
       WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' ELSE 'table' END,
       n.nspname || '.' || c.relname, pg_get_userbyid(c.relowner), c.relacl IS NULL,
       coalesce(c.relacl, acldefault((CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END)::"char", c.relowner)),
       c.relowner
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND {ne_c}
UNION ALL
SELECT 'column', n.nspname || '.' || c.relname || '.' || a.attname, pg_get_userbyid(c.relowner),
       false, a.attacl, c.relowner
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.oid >= 16384 AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
   AND {ne_c}
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
       n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')',
       pg_get_userbyid(p.proowner), p.proacl IS NULL,
       coalesce(p.proacl, acldefault('f', p.proowner)), p.proowner
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.oid >= 16384 AND {ne_p}
UNION ALL
SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, n.nspname || '.' || t.typname,
       pg_get_userbyid(t.typowner), t.typacl IS NULL,
       coalesce(t.typacl, acldefault('T', t.typowner)), t.typowner
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE t.oid >= 16384 AND t.typtype IN ('c', 'e', 'd', 'r', 'b', 'p') AND t.typelem = 0
   AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
   AND {ne_t}
UNION ALL
SELECT 'foreign data wrapper', w.fdwname, pg_get_userbyid(w.fdwowner), w.fdwacl IS NULL,
       coalesce(w.fdwacl, acldefault('F', w.fdwowner)), w.fdwowner
  FROM pg_foreign_data_wrapper w WHERE {ne_w}
UNION ALL
SELECT 'language', l.lanname, pg_get_userbyid(l.lanowner), l.lanacl IS NULL,
       coalesce(l.lanacl, acldefault('l', l.lanowner)), l.lanowner
  FROM pg_language l WHERE l.oid >= 16384 AND {ne_l}
UNION ALL
SELECT 'foreign server', s.srvname, pg_get_userbyid(s.srvowner), s.srvacl IS NULL,
       coalesce(s.srvacl, acldefault('S', s.srvowner)), s.srvowner
  FROM pg_foreign_server s WHERE {ne_s}
""".format(ne_o=NOT_EXT % "o.oid", ne_c=NOT_EXT % "c.oid", ne_p=NOT_EXT % "p.oid",
           ne_t=NOT_EXT % "t.oid", ne_w=NOT_EXT % "w.oid", ne_l=NOT_EXT % "l.oid", ne_s=NOT_EXT % "s.oid")

GRANTS = """
SELECT a.kind, a.key, coalesce(r.rolname, 'PUBLIC'), x.privilege_type, x.is_grantable, a.dflt
  FROM ({acls}) AS a(kind, key, owner, dflt, acl, ownerid)
 CROSS JOIN LATERAL aclexplode(a.acl) x LEFT JOIN pg_roles r ON r.oid = x.grantee
 WHERE x.grantee <> a.ownerid
""".format(acls=ACLS)

OWNERS = "SELECT a.kind, a.key, a.owner FROM ({acls}) AS a(kind, key, owner, dflt, acl, ownerid) " \
         "WHERE a.kind <> 'column'".format(acls=ACLS)

DEFAULTS = """
SELECT pg_get_userbyid(d.defaclrole), coalesce(n.nspname, ''),
       CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
       WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' ELSE 'schemas' END,
       coalesce(r.rolname, 'PUBLIC'), x.privilege_type, x.is_grantable
  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
 CROSS JOIN LATERAL aclexplode(d.defaclacl) x LEFT JOIN pg_roles r ON r.oid = x.grantee
"""

RLS = """
SELECT n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.oid >= 16384 AND (c.relrowsecurity OR c.relforcerowsecurity
       OR EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
"""

POLICIES = """
SELECT schemaname || '.' || tablename, policyname, permissive, cmd, roles::text[], qual, with_check
  FROM pg_policies
"""

DEFINERS = """
SELECT n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')',
       EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.oid >= 16384 AND p.prosecdef AND {ne}
""".format(ne=NOT_EXT % "p.oid")


def catalog(pg, db, sql, ncols):
    """The rows of sql (ncols columns) as lists, read as JSON: names may hold any character."""
    cols = ", ".join("c%d" % i for i in range(ncols))
    ok, out, err = pg.psql(db, "SET search_path = '';\nSELECT coalesce(json_agg(json_build_array"
                           "(%s)), '[]') FROM (%s) AS q(%s);\n" % (cols, sql, cols))
    check(ok, "catalog query failed: %s\n%s" % (err.strip(), sql))
    return json.loads(out.strip().splitlines()[-1])


# ---------------------------------------------------------------------------


class Run(Script):
    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-security-")
        try:
            if not os.environ.get("SECURITY_SKIP_PROGRESS"):
                self.progress()
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                sql = "".join('CREATE ROLE "%s" NOLOGIN;\n' % r.replace('"', '""') for r in ROLES)
                ok, _, err = pg.psql("postgres", sql)
                check(ok, "roles: %s" % err)
                pg.createdb("security")
                ok, err = pg.psql_file("security", FIXTURE)
                check(ok, "PostgreSQL rejected the fixture: %s" % err.strip()[:500])
                self.compare("security", FIXTURE, fixture=True)
                for i, name in enumerate(PUBLIC):
                    path = test_catalog.PUBLIC_DUMPS / name
                    if not path.is_file():
                        print("skip - %s: not found" % name)
                        continue
                    ok, err = test_catalog.restore(pg, "public%d" % i, path)
                    if not ok:
                        print("skip - %s: not restorable: %s"
                              % (name, (err.strip().splitlines() or [""])[0][:200]))
                        continue
                    self.compare("public%d" % i, str(path))
        finally:
            self.drop_tmp()

    # -- progress ---------------------------------------------------------

    def on_tty(self, argv, stdin_writer=None):
        """Run argv with standard error on a pseudo-terminal: (status, stdout, tty bytes)."""
        master, slave = pty.openpty()
        out_path = os.path.join(self.tmp, "stdout")
        with open(out_path, "wb") as out:
            p = subprocess.Popen(argv, stdout=out, stderr=slave,
                                 stdin=subprocess.PIPE if stdin_writer else subprocess.DEVNULL)
            os.close(slave)
            if stdin_writer:
                t = threading.Thread(target=stdin_writer, args=(p.stdin,))
                t.start()
            tty = b""
            while True:
                r, _, _ = select.select([master], [], [], 1.0)
                if r:
                    try:
                        b = os.read(master, 65536)
                    except OSError:
                        b = b""
                    if not b:
                        break
                    tty += b
                elif p.poll() is not None:
                    break
            p.wait(timeout=self.timeout)
            if stdin_writer:
                t.join()
        os.close(master)
        with open(out_path, "rb") as f:
            return p.returncode, f.read(), tty

    def progress(self):
        dump = os.path.join(self.tmp, "tenants.sql")
        r = subprocess.run([sys.executable, GEN, "--direct", "--schemas", str(TENANT_SCHEMAS), dump],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check(r.returncode == 0, "gen-tenant-dump.py failed: %s" % r.stderr.decode()[:300])
        argv = [self.bin, "inspect", dump]
        rc, out_tty, tty = self.on_tty(argv)
        text = tty.decode(errors="replace")
        drawn = re.findall(r"\rreading %s: (\d+)%% \(([\d.]+ [kM]B) of ([\d.]+ [kM]B)\)\x1b\[K"
                           % re.escape(dump), text)
        self.result("progress: drawn on a terminal, with a percentage of the size",
                    rc == 0 and len(drawn) > 0, "status %d, terminal got %r" % (rc, text[:300]))
        self.result("progress: erased at the end (nothing left on the line)",
                    text.endswith("\r\x1b[K"), "terminal ends with %r" % text[-80:])
        pcts = [int(p) for p, _, _ in drawn]
        self.result("progress: percentages rise, at most 100",
                    pcts == sorted(pcts) and all(0 <= p <= 100 for p in pcts), repr(pcts))
        self.result("progress: throttled (not a line per read)", 0 < len(drawn) < 200,
                    "%d redraws" % len(drawn))
        err_path = os.path.join(self.tmp, "stderr")
        with open(err_path, "wb") as ef:
            r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=ef, stdin=subprocess.DEVNULL)
        with open(err_path, "rb") as ef:
            err_file = ef.read()
        self.result("progress: not when standard error is a file",
                    r.returncode == 0 and b"reading" not in err_file and b"\r" not in err_file,
                    repr(err_file[:200]))
        r2 = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
        self.result("progress: not when standard error is a pipe",
                    r2.returncode == 0 and b"reading" not in r2.stderr and b"\r" not in r2.stderr,
                    repr(r2.stderr[:200]))
        self.result("progress: standard output identical on a terminal, a file and a pipe",
                    out_tty == r.stdout == r2.stdout and len(out_tty) > 0,
                    "sizes %d, %d, %d" % (len(out_tty), len(r.stdout), len(r2.stdout)))

        data = open(dump, "rb").read()

        def stalling(pipe):
            try:
                pipe.write(data[:len(data) // 4])
                pipe.flush()
                time.sleep(2.0)  # the load has now taken more than a second, however fast
                pipe.write(data[len(data) // 4:])
            finally:
                pipe.close()
        rc, out_pipe, tty = self.on_tty([self.bin, "inspect", "-"], stalling)
        text = tty.decode(errors="replace")
        self.result("progress: a pipe's size is unknown: bytes read, no percentage",
                    rc == 0 and re.search(r"\rreading standard input: [\d.]+ [kM]B\x1b\[K", text)
                    is not None and "%" not in text and text.endswith("\r\x1b[K"),
                    "status %d, terminal got %r" % (rc, text[:300]))
        with open(dump, "rb") as f:
            r3 = subprocess.run([self.bin, "inspect", "-"], stdin=f, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        self.result("progress: standard input's output the same on a terminal and a pipe",
                    out_pipe == r3.stdout and b"reading" not in r3.stderr,
                    "sizes %d, %d" % (len(out_pipe), len(r3.stdout)))

        rc, _, tty = self.on_tty([self.bin, "inspect", "-q", dump])
        self.result("progress: not with --quiet", rc == 0 and tty == b"", repr(tty[:200]))

    # -- security ---------------------------------------------------------

    def compare(self, db, path, fixture=False):
        name = os.path.basename(path)
        rc, out, err = self.run([self.bin, "inspect", "--security", path])
        check(rc == 0, "%s: inspect --security exited %d: %s" % (name, rc, err[:300]))
        sec = sections(out)
        pg = self.pg

        got = view_grants(sec)
        owners = {(k, key): o for k, key, o in catalog(pg, db, OWNERS, 3)}
        want = {(k, key, g, p, gr, d) for k, key, g, p, gr, d in catalog(pg, db, GRANTS, 6)}
        # the owner's own entries: ownership, not rows (an explicit grant to it is left out too)
        got = {r for r in got if owners.get((r[0] if r[0] != "column" else "table", r[1]))
               != r[2] and not (r[0] == "column" and owners.get(
                   ("table", r[1].rsplit(".", 1)[0])) == r[2])}
        self.diff("%s: every grant row is the catalog's, none missing" % name, want, got)

        view_owned, holds = view_roles(sec)
        # Objects the dump gave no owner are the restoring role's (or, the schema public,
        # pg_database_owner's): the view cannot name it, and does not.
        restorer = (pg.SUPERUSER, "pg_database_owner")
        want_owned = {(k, key, o) for (k, key), o in owners.items() if o not in restorer}
        got_owned = {r for r in view_owned if r[2] not in restorer}
        self.diff("%s: owners (who can do what: owns)" % name, want_owned, got_owned)

        by_role = set()
        for line in sec.get("Grants", []):
            kind, rest = kind_at(line[4:])
            c = Cursor(rest)
            key = c.object(kind)
            c.eat(": ")
            who = c.role()
            c.eat(" ")
            by_role.add((kind, key, who, c.rest()))
        self.diff("%s: who can do what holds exactly the grant rows" % name, by_role,
                  {(k, key, who, p) for k, key, who, p in holds})

        self.diff("%s: default privileges (pg_default_acl)" % name,
                  {tuple(r) for r in catalog(pg, db, DEFAULTS, 6)}, view_defaults(sec))

        tables, policies = view_rls(sec)
        self.diff("%s: row level security (relrowsecurity, relforcerowsecurity)" % name,
                  {(t, e, f) for t, e, f in catalog(pg, db, RLS, 3)},
                  {(t, e, f) for t, (e, f) in tables.items()})
        want_pol = {(t, n, perm, cmd, frozenset(roles), norm_expr(q), norm_expr(w))
                    for t, n, perm, cmd, roles, q, w in catalog(pg, db, POLICIES, 7)}
        self.diff("%s: policies (pg_policies: kind, command, roles, expressions)" % name,
                  want_pol, policies)

        self.diff("%s: SECURITY DEFINER functions and SET search_path" % name,
                  {(k, p) for k, p in catalog(pg, db, DEFINERS, 2)}, view_definers(sec))

        if fixture:
            self.fixture_cases(got, sec, tables)

    def fixture_cases(self, grants, sec, tables):
        """The fixture's look-alikes: what must not show."""
        keys = {r[1] for r in grants}
        self.result("fixture: a table with no grant has no row (app.plain)", "app.plain" not in keys)
        self.result("fixture: a grant fully revoked leaves no row (app.revoked)",
                    "app.revoked" not in keys)
        self.result("fixture: a table with neither RLS nor policy is not under RLS",
                    "app.plain" not in tables)
        definers = {k for k, _ in view_definers(sec)}
        self.result("fixture: SET search_path on a SECURITY INVOKER function is no definer",
                    "app.invoker_pinned()" not in definers)
        self.result("fixture: a definer setting work_mem, not search_path, is unpinned",
                    ("app.definer_work_mem()", False) in view_definers(sec))
        self.result("fixture: PUBLIC's default EXECUTE is marked default",
                    ("function", "app.open_fn(integer)", "PUBLIC", "EXECUTE", False, True) in grants)
        self.result("fixture: PUBLIC's EXECUTE revoked leaves no PUBLIC row",
                    not any(r[1] == "app.definer_unpinned()" and r[2] == "PUBLIC" for r in grants))

    def diff(self, name, want, got):
        if want == got:
            self.ok(name)
            return
        lines = ["catalog only: %r" % (x,) for x in sorted(want - got, key=repr)[:30]]
        lines += ["view only:    %r" % (x,) for x in sorted(got - want, key=repr)[:30]]
        self.fail(name, "\n".join(lines))


def main(argv=None):
    return script_main("security", __doc__, Run, argv)


if __name__ == "__main__":
    script_exit("security", main)
