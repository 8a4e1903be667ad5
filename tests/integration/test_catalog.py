#!/usr/bin/python3
"""Compare `pgbaseline inspect DUMP --format json` with what PostgreSQL 15
itself builds from the same dump.

    /usr/bin/python3 tests/integration/test_catalog.py --bin build/pgbaseline
        [--only SUBSTRING]... [--dump PATH]... [--keep] [-v] [--print-live DIR]

Input dumps: samples/*.sql and samples/*.sql.gz in the repository,
tests/integration/dumps/ (genuine pg_dump 15 output made by make_fixture.py),
the public dumps in $PUBLIC_DUMPS or <repo>/../shared/dumps/public (skipped with a message
when that directory is absent), and any --dump PATH.

For every dump:

1. no-crash check: the binary runs (with a timeout), exits 0 (or 3, the
   --strict status; a signal or any other status fails), prints JSON with
   "format": "pgbaseline.inventory/1", every unparsed[] entry is located
   (line > 0, column > 0, a message), and the summary counts match the
   arrays they count.

2. restore: the roles the dump mentions are created (NOLOGIN SUPERUSER, in
   the throwaway cluster), the fresh database is prepared for the few things
   a dump creates that a new database already has (`CREATE SCHEMA public`,
   pre-9.0 `CREATE LANGUAGE plpgsql`; see _PREPARE), then the dump is fed to
   psql -X -q -v ON_ERROR_STOP=1 --single-transaction (pgharness.py).  A dump
   PostgreSQL 15 rejects is listed as "not restorable: <first error line>"
   and gets only check 1.

3. catalog check (restorable dumps only): the live catalog, read with
   pg_catalog queries under search_path = '' and cross-checked against
   SQLAlchemy's inspector (a harness self-test; any difference fails the
   check), is compared with the JSON as documented in compare_models().
   Objects of extensions (pg_depend deptype 'e') and system schemas are left
   out.  Foreign keys are the user-visible ones: a FK cloned onto a
   partition is kept (same name, it is in the catalog on that partition),
   the internal rows PostgreSQL adds on the referencing table for each
   partition of a partitioned *referenced* table are not (-v prints them).

Closing line: `integration: N passed, M failed` (one check per dump for 1,
one per restorable dump for 3); exit status 1 when anything failed.
"""

import argparse
import concurrent.futures
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import HarnessError, PgCluster, read_dump_bytes  # noqa: E402

REPO = HERE.parent.parent
PUBLIC_DUMPS = Path(os.environ.get("PUBLIC_DUMPS") or REPO.parent / "shared" / "dumps" / "public")
FORMAT = "pgbaseline.inventory/1"

BIN_TIMEOUT = 300      # seconds for one `inspect` (sanitizer builds are slow)
RESTORE_TIMEOUT = 600  # seconds for one psql restore
MAX_SHOWN = 60         # disagreements printed per dump without -v

FK_ACTIONS = {
    "a": "NO ACTION",
    "r": "RESTRICT",
    "c": "CASCADE",
    "n": "SET NULL",
    "d": "SET DEFAULT",
}
IDENTITY = {"a": "always", "d": "by default", "": None}


# --------------------------------------------------------------------------
# Dumps


def discover_dumps(only, extra=()):
    """[(label, path)]: samples/, this directory's dumps/, the public dumps,
    then any --dump paths."""
    found = []
    notes = []
    for d, prefix in ((REPO / "samples", "samples/"), (HERE / "dumps", "dumps/")):
        n = 0
        for pat in ("*.sql", "*.sql.gz"):
            for p in sorted(d.glob(pat)):
                found.append((prefix + p.name, p))
                n += 1
        if n == 0 and prefix == "samples/":
            notes.append("no samples/*.sql or samples/*.sql.gz yet")
    if PUBLIC_DUMPS.is_dir():
        public = list(PUBLIC_DUMPS.glob("*.sql")) + list(PUBLIC_DUMPS.glob("*.sql.gz"))
        for p in sorted(public):
            found.append((p.name, p))
    else:
        notes.append(
            "public dumps not found at %s: skipping them" % PUBLIC_DUMPS)
    for x in extra:
        found.append((str(x), Path(x)))
    if only:
        found = [(l, p) for l, p in found if any(o in l for o in only)]
    return found, notes


# --------------------------------------------------------------------------
# Roles a dump refers to

_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)'
_IDLIST = r'(?:GROUP\s+)?%s(?:\s*,\s*(?:GROUP\s+)?%s)*' % (_IDENT, _IDENT)
_ROLE_PATTERNS = [
    re.compile(r"\bOWNER\s+TO\s+(%s)" % _IDENT, re.I),
    re.compile(r"\bAUTHORIZATION\s+(%s)" % _IDENT, re.I),
    re.compile(r"\bFOR\s+(?:ROLE|USER)\s+(%s)" % _IDLIST, re.I),
    re.compile(r"\bGRANTED\s+BY\s+(%s)" % _IDENT, re.I),
    re.compile(r"\bGRANT\b[^;]*?\bTO\s+(%s)" % _IDLIST, re.I),
    re.compile(r"\bREVOKE\b[^;]*?\bFROM\s+(%s)" % _IDLIST, re.I),
    re.compile(r"\bCREATE\s+POLICY\b[^;]*?\bTO\s+(%s)" % _IDLIST, re.I),
    re.compile(r"^\\connect\s+(?:-|%s)\s+(%s)" % (_IDENT, _IDENT), re.I | re.M),
]
# SET SESSION AUTHORIZATION 'x' in old dumps
_ROLE_LITERAL = re.compile(r"\bSESSION\s+AUTHORIZATION\s+'((?:[^']|'')+)'", re.I)
# GRANT role TO role (membership: no ON clause): the granted names are roles too
_GRANT_ROLE = re.compile(r"\bGRANT\s+(%s)\s+TO\b" % _IDLIST, re.I)
_NOT_ROLES = {"public", "current_user", "session_user", "current_role", "group",
              "user", "role", "all", "default"}


def _split_idlist(s):
    out = []
    for m in re.finditer(_IDENT, s):
        tok = m.group(0)
        if tok.startswith('"'):
            out.append(tok[1:-1].replace('""', '"'))
        elif tok.upper() == "GROUP":
            continue
        else:
            out.append(tok.lower())
    return out


def scan_roles(text):
    roles = set()
    for pat in _ROLE_PATTERNS:
        for m in pat.finditer(text):
            roles.update(_split_idlist(m.group(1)))
    for m in _ROLE_LITERAL.finditer(text):
        roles.add(m.group(1).replace("''", "'"))
    for m in _GRANT_ROLE.finditer(text):
        if not re.search(r"\bON\b", m.group(0), re.I):
            roles.update(_split_idlist(m.group(1)))
    return {r for r in roles
            if r and r.lower() not in _NOT_ROLES and not r.startswith("pg_")
            and len(r.encode()) < 64}


def ensure_roles(pg, roles):
    """Create the roles that do not exist yet (errors ignored)."""
    ok, out, _ = pg.psql("postgres", "SELECT rolname FROM pg_catalog.pg_roles;")
    existing = set(out.splitlines()) if ok else set()
    missing = sorted(roles - existing)
    if not missing:
        return []
    # SUPERUSER: event triggers, languages and a few other objects can only be
    # owned by a superuser; the roles are NOLOGIN and the cluster is throwaway.
    sql = "".join('CREATE ROLE "%s" NOLOGIN SUPERUSER;\n' % r.replace('"', '""')
                  for r in missing)
    pg.psql("postgres", sql, on_error_stop=False)
    return missing


# What a fresh database already has but a dump may create itself: pg_dump writes
# `CREATE SCHEMA public;` when the source database's public schema was dropped
# and recreated, and dumps from before 9.0 create plpgsql (which PostgreSQL 13+
# turns into CREATE EXTENSION).  The target is prepared as the dump expects; the
# dump itself is never changed.
_PREPARE = [
    (re.compile(r'^CREATE\s+SCHEMA\s+(?:public|"public")\s*;', re.M),
     "DROP SCHEMA public CASCADE;", "dropped schema public"),
    (re.compile(r'^CREATE\s+(?:TRUSTED\s+)?(?:PROCEDURAL\s+)?LANGUAGE\s+"?plpgsql\b'
                r'|^CREATE\s+EXTENSION\s+(?:"plpgsql"|plpgsql)\b', re.M | re.I),
     "DROP EXTENSION plpgsql;", "dropped extension plpgsql"),
]


def prepare_db(pg, db, text):
    done = []
    for pat, sql, what in _PREPARE:
        if pat.search(text):
            ok, _, err = pg.psql(db, sql)
            done.append(what if ok else "%s: FAILED %s" % (what, err.strip()))
    return done


def restore(pg, db, path):
    """Restore the dump at path into a new database db as the catalog check
    does (its roles made, the database prepared); (ok, psql's stderr)."""
    text = read_dump_bytes(path).decode("utf-8", errors="replace")
    ensure_roles(pg, scan_roles(text))
    pg.createdb(db)
    prepare_db(pg, db, text)
    return pg.psql_file(db, str(path), timeout=RESTORE_TIMEOUT)


# --------------------------------------------------------------------------
# The binary


_procs = set()
_procs_lock = threading.Lock()
_stopping = threading.Event()


def kill_running_binaries():
    _stopping.set()
    with _procs_lock:
        for p in list(_procs):
            try:
                p.kill()
            except OSError:
                pass


def run_binary(binpath, dump):
    """Run `BIN inspect DUMP --format json`.

    Returns (problems, model, info): problems is a list of strings (empty
    when the no-crash check passes), model the parsed JSON or None."""
    argv = [str(binpath), "inspect", str(dump), "--format", "json"]
    t0 = time.monotonic()
    if _stopping.is_set():
        return ["not run: interrupted"], None, {}
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except FileNotFoundError:
        return ["binary not found: %s (run make)" % binpath], None, {}
    except PermissionError as e:
        return ["cannot run %s: %s" % (binpath, e)], None, {}
    with _procs_lock:
        _procs.add(proc)
    try:
        stdout, stderr = proc.communicate(timeout=BIN_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return ["hung: no exit after %d s (killed)" % BIN_TIMEOUT], None, {}
    finally:
        with _procs_lock:
            _procs.discard(proc)
    info = {"seconds": time.monotonic() - t0, "status": proc.returncode,
            "stderr": stderr.decode(errors="replace")}
    problems = []
    rc = proc.returncode
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = str(-rc)
        problems.append("crashed: killed by signal %s" % name)
    elif rc not in (0, 3):
        problems.append("exit status %d (expected 0, or 3 under --strict)" % rc)
    if problems:
        tail = info["stderr"].strip().splitlines()[-8:]
        problems.extend("stderr: " + l for l in tail)
        return problems, None, info
    try:
        model = json.loads(stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return ["stdout is not JSON: %s" % e], None, info
    problems.extend(check_contract_basics(model))
    return problems, (model if isinstance(model, dict) else None), info


def check_contract_basics(m):
    """Shape checks every output must pass, whatever the dump."""
    p = []
    if not isinstance(m, dict):
        return ["JSON top level is %s, not an object" % type(m).__name__]
    if m.get("format") != FORMAT:
        p.append('"format" is %r, expected %r' % (m.get("format"), FORMAT))
    unparsed = m.get("unparsed")
    if not isinstance(unparsed, list):
        p.append('"unparsed" is missing or not an array')
        unparsed = []
    for i, u in enumerate(unparsed):
        if not isinstance(u, dict):
            p.append("unparsed[%d] is not an object" % i)
            continue
        line, col, msg = u.get("line"), u.get("column"), u.get("message")
        if not (isinstance(line, int) and not isinstance(line, bool) and line > 0
                and isinstance(col, int) and not isinstance(col, bool) and col > 0):
            p.append("unparsed[%d] is not located: line=%r column=%r" % (i, line, col))
        if not (isinstance(msg, str) and msg.strip()):
            p.append("unparsed[%d] has no message" % i)
    summary = m.get("summary")
    if not isinstance(summary, dict):
        p.append('"summary" is missing or not an object')
        return p

    def count(key):
        v = m.get(key)
        return len(v) if isinstance(v, list) else None

    tables = m.get("tables") if isinstance(m.get("tables"), list) else []
    n_fk = sum(len(t.get("foreign_keys") or []) for t in tables if isinstance(t, dict))
    views = m.get("views") if isinstance(m.get("views"), list) else []
    expect = {
        "schemas": count("schemas"), "tables": count("tables"),
        "foreign_keys": n_fk, "sequences": count("sequences"),
        "types": count("types"), "functions": count("functions"),
        "triggers": count("triggers"), "policies": count("policies"),
        "extensions": count("extensions"), "unparsed": count("unparsed"),
    }
    for k, v in expect.items():
        if v is not None and summary.get(k) != v:
            p.append("summary.%s is %r but the array holds %d" % (k, summary.get(k), v))
    nv = summary.get("views")
    nmv = summary.get("materialized_views")
    if isinstance(nv, int) and isinstance(nmv, int) and nv + nmv != len(views):
        p.append("summary.views + summary.materialized_views = %d but views[] holds %d"
                 % (nv + nmv, len(views)))
    src = m.get("source")
    if isinstance(src, dict) and src.get("unparsed") != len(unparsed):
        p.append("source.unparsed is %r but unparsed[] holds %d"
                 % (src.get("unparsed"), len(unparsed)))
    return p


# --------------------------------------------------------------------------
# The live catalog

EXCLUDED_SCHEMAS_SQL = """
    n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
"""


def _not_ext(classid, objexpr):
    return ("NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
            "WHERE d.classid = '%s'::pg_catalog.regclass AND d.objid = %s "
            "AND d.deptype = 'e')" % (classid, objexpr))


REL_SQL = """
SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition,
       pg_catalog.obj_description(c.oid, 'pg_class')
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND %s AND %s
ORDER BY n.nspname, c.relname
""" % (EXCLUDED_SCHEMAS_SQL, _not_ext("pg_catalog.pg_class", "c.oid"))

COL_SQL = """
SELECT a.attrelid, a.attname,
       pg_catalog.format_type(a.atttypid, a.atttypmod),
       a.attnotnull, a.atthasdef, a.attidentity, a.attgenerated,
       pg_catalog.col_description(a.attrelid, a.attnum),
       a.attislocal, a.attinhcount,
       EXISTS (SELECT 1 FROM pg_catalog.pg_type t
               WHERE t.oid = a.atttypid AND t.typtype = 'd' AND t.typnotnull)
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
"""

CON_SQL = """
SELECT con.conrelid, con.conname, con.contype,
       ARRAY(SELECT a.attname FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n
             ORDER BY k.o),
       rn.nspname, rc.relname,
       ARRAY(SELECT a.attname FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY k(n, o)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n
             ORDER BY k.o),
       con.confdeltype, con.confupdtype,
       -- a row PostgreSQL adds on the referencing table for each partition of a
       -- partitioned referenced table: its parent constraint sits on the same table
       (con.conparentid <> 0 AND EXISTS (
            SELECT 1 FROM pg_catalog.pg_constraint p
            WHERE p.oid = con.conparentid AND p.conrelid = con.conrelid)) AS derived,
       con.conislocal, con.coninhcount, con.conparentid <> 0
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.conrelid = ANY(%s)
ORDER BY con.conrelid, con.conname
"""

IDX_SQL = """
SELECT i.indrelid, ic.relname, i.indisunique, am.amname, i.indpred IS NOT NULL,
       pg_catalog.obj_description(i.indexrelid, 'pg_class'),
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
               WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                 AND k.contype IN ('p', 'u', 'x')) AS backs_constraint,
       pg_catalog.pg_get_indexdef(i.indexrelid)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY(%s)
ORDER BY i.indrelid, ic.relname
"""

ENUM_SQL = """
SELECT n.nspname, t.typname,
       COALESCE(ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
                      WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), '{}')
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND %s AND %s
ORDER BY 1, 2
""" % (EXCLUDED_SCHEMAS_SQL, _not_ext("pg_catalog.pg_type", "t.oid"))


INH_SQL = """
SELECT i.inhrelid, pn.nspname || '.' || p.relname, c.relispartition
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE i.inhrelid = ANY(%s) AND c.relkind IN ('r', 'p', 'f')
ORDER BY i.inhrelid, i.inhseqno
"""


def read_live_model(url):
    """The live catalog of one database as a dict, shaped like the contract:

    {"tables": {(schema, name): {...}}, "views": set, "matviews": set,
     "sequences": set, "enums": {(schema, name): [labels]}, "view_indexes": {...},
     "selfcheck": [problems between inspector and pg_catalog]}"""
    import sqlalchemy
    from sqlalchemy.pool import NullPool

    engine = sqlalchemy.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            raw = conn.connection  # the DB-API (psycopg2) connection
            cur = raw.cursor()
            cur.execute("SET search_path = ''")
            model = _read_catalog(cur)
            raw.rollback()
        with engine.connect() as conn, warnings.catch_warnings():
            # "Did not recognize type 'citext'", "Could not parse CHECK ... NO INHERIT":
            # harmless for the facts compared here
            warnings.simplefilter("ignore", sqlalchemy.exc.SAWarning)
            model["selfcheck"] = _inspector_crosscheck(sqlalchemy.inspect(conn), model)
    finally:
        engine.dispose()
    return model


def _read_catalog(cur):
    tables, views, matviews, sequences = {}, set(), set(), set()
    by_oid = {}
    cur.execute(REL_SQL)
    for oid, nsp, rel, kind, ispart, comment in cur.fetchall():
        key = (nsp, rel)
        if kind in ("r", "p", "f"):
            t = {
                "schema": nsp, "name": rel, "relkind": kind, "ispartition": ispart,
                "comment": comment, "columns": [], "primary_key": None,
                "foreign_keys": {}, "unique_constraints": {}, "check_constraints": set(),
                "indexes": {}, "notes": [],
                # p: partitioned (also when it is itself a partition), f: foreign
                "kind": {"p": "partitioned_table", "f": "foreign_table"}.get(
                    kind, "partition" if ispart else "table"),
                "partition_of": None, "inherits": [],
            }
            tables[key] = t
            by_oid[oid] = t
        elif kind == "v":
            views.add(key)
        elif kind == "m":
            matviews.add(key)
            by_oid[oid] = {"schema": nsp, "name": rel, "relkind": kind,
                           "indexes": {}, "columns": []}
        elif kind == "S":
            sequences.add(key)
    oids = list(by_oid)

    cur.execute(INH_SQL, (oids,))
    for relid, parent, ispart in cur.fetchall():
        if ispart:
            by_oid[relid]["partition_of"] = parent
        else:
            by_oid[relid]["inherits"].append(parent)

    cur.execute(COL_SQL, (oids,))
    for (relid, name, typ, notnull, hasdef, ident, gen, comment, islocal, inh,
         notnull_domain) in cur.fetchall():
        t = by_oid[relid]
        t["columns"].append({
            "name": name, "type": typ, "nullable": not notnull,
            # a generated column's expression lives in pg_attrdef too
            "default": bool(hasdef) and not gen,
            "identity": IDENTITY.get(ident, ident),
            "generated": bool(gen),
            "comment": comment,
            "inherited": inh > 0, "local": islocal,
            "notnull_domain": notnull_domain,
        })

    cur.execute(CON_SQL, (oids,))
    for (relid, name, ctype, cols, rnsp, rrel, rcols, deltype, updtype, derived,
         islocal, inhcount, has_parent) in cur.fetchall():
        t = by_oid.get(relid)
        if t is None or t["relkind"] == "m":
            continue
        if ctype == "p":
            t["primary_key"] = {"name": name, "columns": list(cols)}
        elif ctype == "f":
            if derived:
                t["notes"].append("FK %s: skipped %s row for referenced partition %s.%s"
                                  % (name, "pg_constraint", rnsp, rrel))
                continue
            t["foreign_keys"][name] = {
                "columns": list(cols), "referred_schema": rnsp, "referred_table": rrel,
                "referred_columns": list(rcols),
                "on_delete": FK_ACTIONS.get(deltype, deltype),
                "on_update": FK_ACTIONS.get(updtype, updtype),
                "cloned": bool(has_parent),
            }
        elif ctype == "u":
            t["unique_constraints"][name] = list(cols)
        elif ctype == "c":
            t["check_constraints"].add(name)
            if inhcount > 0:
                t["notes"].append("CHECK %s inherited (local=%s)" % (name, islocal))

    cur.execute(IDX_SQL, (oids,))
    for relid, name, unique, method, partial, comment, backs, idef in cur.fetchall():
        if backs:
            continue
        by_oid[relid]["indexes"][name] = {
            "unique": unique, "method": method, "partial": partial,
            "comment": comment, "def": idef}

    cur.execute(ENUM_SQL)
    enums = {(n, t): list(labels) for n, t, labels in cur.fetchall()}

    view_indexes = {(v["schema"], v["name"]): v["indexes"]
                    for v in by_oid.values() if v["relkind"] == "m"}
    return {"tables": tables, "views": views, "matviews": matviews,
            "sequences": sequences, "enums": enums, "view_indexes": view_indexes}


def _inspector_crosscheck(insp, model):
    """Read the same facts through SQLAlchemy's inspector and report where it
    disagrees with the pg_catalog queries (a harness self-test).  Only facts
    the 1.4 inspector reflects faithfully are compared: it skips expression
    indexes, orders enum labels by OID and loses the referred schema of FKs
    to tables on the search_path, so those come from pg_catalog only."""
    problems = []
    live_schemas = {s for (s, _) in model["tables"]} | {s for (s, _) in model["views"]}
    schemas = [s for s in insp.get_schema_names()
               if s not in ("information_schema",) and not s.startswith("pg_")]
    if not live_schemas <= set(schemas):
        problems.append("schemas: inspector lacks %s" % sorted(live_schemas - set(schemas)))
    ins_tables, ins_views, ins_mv, ins_seq = set(), set(), set(), set()
    for s in schemas:
        ins_tables.update((s, n) for n in insp.get_table_names(schema=s))
        ins_tables.update((s, n) for n in insp.get_foreign_table_names(schema=s))
        ins_views.update((s, n) for n in insp.get_view_names(schema=s, include=("plain",)))
        ins_mv.update((s, n) for n in insp.get_view_names(schema=s, include=("materialized",)))
        ins_seq.update((s, n) for n in insp.get_sequence_names(schema=s))
    # the inspector does not know about extension membership: compare subsets
    for what, ins, live in (("tables", ins_tables, set(model["tables"])),
                            ("views", ins_views, model["views"]),
                            ("materialized views", ins_mv, model["matviews"]),
                            ("sequences", ins_seq, model["sequences"])):
        if not live <= ins:
            problems.append("%s: inspector lacks %s" % (what, sorted(live - ins)[:5]))
    for (s, n), t in model["tables"].items():
        try:
            cols = insp.get_columns(n, schema=s)
            pk = insp.get_pk_constraint(n, schema=s)
            uqs = insp.get_unique_constraints(n, schema=s)
            cks = insp.get_check_constraints(n, schema=s)
            tc = insp.get_table_comment(n, schema=s)
            fks = insp.get_foreign_keys(n, schema=s)
        except Exception as e:  # noqa: BLE001 - report, don't die
            problems.append("%s.%s: inspector raised %s: %s" % (s, n, type(e).__name__, e))
            continue
        where = "%s.%s" % (s, n)
        icols = [(c["name"], c["nullable"], c.get("comment"),
                  ("always" if c["identity"]["always"] else "by default")
                  if c.get("identity") else None,
                  "computed" in c) for c in cols]
        # the inspector folds a NOT NULL domain into the column's nullable
        lcols = [(c["name"], c["nullable"] and not c["notnull_domain"], c["comment"],
                  c["identity"], c["generated"]) for c in t["columns"]]
        if [c[0] for c in icols] != [c[0] for c in lcols]:
            problems.append("%s: column names differ: inspector %r, pg_catalog %r"
                            % (where, [c[0] for c in icols], [c[0] for c in lcols]))
        else:
            for ic, lc in zip(icols, lcols):
                if ic != lc:
                    problems.append("%s.%s: column (name, nullable, comment, identity, "
                                    "generated) inspector %r, pg_catalog %r" % (where, ic[0], ic, lc))
        ipk = ({"name": pk["name"], "columns": pk["constrained_columns"]}
               if pk.get("name") else None)
        if ipk != t["primary_key"]:
            problems.append("%s: primary key: inspector %r, pg_catalog %r" % (where, ipk, t["primary_key"]))
        iuq = {u["name"]: u["column_names"] for u in uqs}
        if iuq != t["unique_constraints"]:
            problems.append("%s: unique: inspector %r, pg_catalog %r" % (where, iuq, t["unique_constraints"]))
        ick = {c["name"] for c in cks}
        if ick != t["check_constraints"]:
            problems.append("%s: checks: inspector %r, pg_catalog %r" % (where, ick, t["check_constraints"]))
        if tc.get("text") != t["comment"]:
            problems.append("%s: comment: inspector %r, pg_catalog %r" % (where, tc.get("text"), t["comment"]))
        # the inspector also returns the derived per-partition rows: compare names only
        ifk = {f["name"]: f["constrained_columns"] for f in fks}
        lfk = {k: v["columns"] for k, v in t["foreign_keys"].items()}
        if any(ifk.get(k) != v for k, v in lfk.items()) or not set(lfk) <= set(ifk):
            problems.append("%s: foreign keys: inspector %r, pg_catalog %r" % (where, ifk, lfk))
    return problems


# --------------------------------------------------------------------------
# Comparing


def _idx_view(ix):
    return {"unique": ix.get("unique"), "method": ix.get("method"),
            "partial": ix.get("where") is not None}


def compare_models(live, off):
    """Disagreements between the live catalog and the offline JSON.

    Compared per table: kind (a partitioned table that is itself a partition
    counts as partitioned_table), partition_of, inherits (in order); the column list (names in order), each column's type
    string, nullable, default present (bool; the expression text is not
    compared), identity, generated present (bool), comment; the primary key
    (name, columns); foreign keys (name, columns, referred schema/table/
    columns, on_delete, on_update); unique constraints (name, columns); check
    constraint names; indexes that back no constraint (name, unique, method,
    partial as a bool); the table comment.  Globally: the sets of tables,
    views, materialized views (and their indexes), sequences, and enums with
    their labels in order.

    Returns (counts, disagreements), disagreements as (what, live, offline)."""
    d = []
    counts = dict.fromkeys(("tables", "columns", "primary keys", "FKs", "unique",
                            "checks", "indexes", "comments", "views",
                            "materialized views", "sequences", "enums"), 0)

    def add(what, lv, ov):
        d.append((what, lv, ov))

    off_tables = {}
    for t in off.get("tables") or []:
        key = (t.get("schema"), t.get("name"))
        if key in off_tables:
            add("table %s.%s listed twice offline" % key, None, None)
        off_tables[key] = t

    lt = live["tables"]
    for key in sorted(set(lt) - set(off_tables)):
        add("table %s.%s" % key, "present", "missing")
    for key in sorted(set(off_tables) - set(lt)):
        add("table %s.%s" % key, "missing", "present")

    for key in sorted(set(lt) & set(off_tables)):
        L, O = lt[key], off_tables[key]
        where = "%s.%s" % key
        counts["tables"] += 1
        counts["columns"] += len(L["columns"])
        counts["primary keys"] += L["primary_key"] is not None
        counts["FKs"] += len(L["foreign_keys"])
        counts["unique"] += len(L["unique_constraints"])
        counts["checks"] += len(L["check_constraints"])
        counts["indexes"] += len(L["indexes"])
        counts["comments"] += (L["comment"] is not None) + sum(
            c["comment"] is not None for c in L["columns"])

        for k in ("kind", "partition_of", "inherits"):
            ov = O.get(k)
            if L[k] != ov and not (k == "inherits" and not L[k] and ov is None):
                add("%s %s" % (where, k), L[k], ov)

        # columns
        ocols = [c for c in (O.get("columns") or []) if isinstance(c, dict)]
        lnames = [c["name"] for c in L["columns"]]
        onames = [c.get("name") for c in ocols]
        if lnames != onames:
            add("%s columns (in order)" % where, lnames, onames)
        ocol = {c.get("name"): c for c in ocols}
        for lc in L["columns"]:
            oc = ocol.get(lc["name"])
            if oc is None:
                continue
            cw = "%s.%s" % (where, lc["name"])
            if lc["type"] != oc.get("type"):
                add(cw + " type", lc["type"], oc.get("type"))
            if lc["nullable"] != oc.get("nullable"):
                add(cw + " nullable", lc["nullable"], oc.get("nullable"))
            if lc["default"] != (oc.get("default") is not None):
                add(cw + " default present", lc["default"], oc.get("default"))
            if lc["identity"] != oc.get("identity"):
                add(cw + " identity", lc["identity"], oc.get("identity"))
            if lc["generated"] != (oc.get("generated") is not None):
                add(cw + " generated present", lc["generated"], oc.get("generated"))
            if lc["comment"] != oc.get("comment"):
                add(cw + " comment", lc["comment"], oc.get("comment"))

        # primary key
        opk = O.get("primary_key")
        opk = ({"name": opk.get("name"), "columns": opk.get("columns")}
               if isinstance(opk, dict) else None)
        if L["primary_key"] != opk:
            add(where + " primary key", L["primary_key"], opk)

        # foreign keys
        ofks = {}
        for fk in O.get("foreign_keys") or []:
            ofks[fk.get("name")] = {
                "columns": fk.get("columns"),
                "referred_schema": fk.get("referred_schema"),
                "referred_table": fk.get("referred_table"),
                "referred_columns": fk.get("referred_columns"),
                "on_delete": fk.get("on_delete"), "on_update": fk.get("on_update"),
            }
        for name in sorted(set(L["foreign_keys"]) | set(ofks), key=str):
            lf = L["foreign_keys"].get(name)
            of = ofks.get(name)
            if lf is not None:
                lf = {k: v for k, v in lf.items() if k != "cloned"}
            if lf is None:
                add("%s foreign key %s" % (where, name), "missing", "present")
            elif of is None:
                add("%s foreign key %s" % (where, name),
                    "present" + (" (cloned from the partitioned parent)"
                                 if L["foreign_keys"][name]["cloned"] else ""), "missing")
            else:
                for k in lf:
                    if lf[k] != of[k]:
                        add("%s foreign key %s %s" % (where, name, k), lf[k], of[k])

        # unique constraints
        ouq = {u.get("name"): u.get("columns") for u in O.get("unique_constraints") or []}
        for name in sorted(set(L["unique_constraints"]) | set(ouq), key=str):
            lv, ov = L["unique_constraints"].get(name), ouq.get(name)
            if lv != ov:
                add("%s unique constraint %s" % (where, name),
                    lv if lv is not None else "missing", ov if ov is not None else "missing")

        # check constraints: names only
        ock = {c.get("name") for c in O.get("check_constraints") or []}
        for name in sorted(L["check_constraints"] - ock, key=str):
            add("%s check constraint %s" % (where, name), "present", "missing")
        for name in sorted(ock - L["check_constraints"], key=str):
            add("%s check constraint %s" % (where, name), "missing", "present")

        # indexes
        _compare_indexes(add, where, L["indexes"], O.get("indexes") or [])

        if L["comment"] != O.get("comment"):
            add(where + " comment", L["comment"], O.get("comment"))

    # views and materialized views
    ov, omv, ovidx = set(), set(), {}
    for v in off.get("views") or []:
        key = (v.get("schema"), v.get("name"))
        (omv if v.get("materialized") else ov).add(key)
        ovidx[key] = v.get("indexes") or []
    counts["views"] = len(live["views"])
    counts["materialized views"] = len(live["matviews"])
    _compare_sets(add, "view", live["views"], ov)
    _compare_sets(add, "materialized view", live["matviews"], omv)
    for key in sorted(live["matviews"] & omv):
        counts["indexes"] += len(live["view_indexes"].get(key, {}))
        _compare_indexes(add, "%s.%s" % key, live["view_indexes"].get(key, {}), ovidx[key])

    # sequences
    oseq = {(s.get("schema"), s.get("name")) for s in off.get("sequences") or []}
    counts["sequences"] = len(live["sequences"])
    _compare_sets(add, "sequence", live["sequences"], oseq)

    # enums
    oenum = {(t.get("schema"), t.get("name")): t.get("labels")
             for t in off.get("types") or [] if t.get("kind") == "enum"}
    counts["enums"] = len(live["enums"])
    for key in sorted(set(live["enums"]) | set(oenum), key=str):
        lv, ovl = live["enums"].get(key), oenum.get(key)
        if lv != ovl:
            add("enum %s.%s labels" % key,
                lv if lv is not None else "missing", ovl if ovl is not None else "missing")
    return counts, d


def _compare_sets(add, what, live, off):
    for key in sorted(live - off, key=str):
        add("%s %s.%s" % ((what,) + key), "present", "missing")
    for key in sorted(off - live, key=str):
        add("%s %s.%s" % ((what,) + key), "missing", "present")


def _compare_indexes(add, where, live_idx, off_list):
    oidx = {}
    for ix in off_list:
        if isinstance(ix, dict):
            oidx[ix.get("name")] = _idx_view(ix)
    for name in sorted(set(live_idx) | set(oidx), key=str):
        li, oi = live_idx.get(name), oidx.get(name)
        if li is None:
            add("%s index %s" % (where, name), "missing", "present")
        elif oi is None:
            add("%s index %s" % (where, name), "present: " + li["def"], "missing")
        else:
            for k in ("unique", "method", "partial"):
                if li[k] != oi[k]:
                    add("%s index %s %s" % (where, name, k), li[k], oi[k])


def live_model_as_json(live):
    """The live model in a JSON-friendly shape, for --print-live."""
    tables = []
    for (s, n), t in sorted(live["tables"].items()):
        tables.append({
            "schema": s, "name": n,
            "kind": t["kind"], "partition_of": t["partition_of"], "inherits": t["inherits"],
            "comment": t["comment"],
            "columns": [{k: c[k] for k in ("name", "type", "nullable", "default",
                                             "identity", "generated", "comment",
                                             "inherited")} for c in t["columns"]],
            "primary_key": t["primary_key"],
            "foreign_keys": [dict(name=k, **v) for k, v in sorted(t["foreign_keys"].items())],
            "unique_constraints": [{"name": k, "columns": v}
                                   for k, v in sorted(t["unique_constraints"].items())],
            "check_constraints": sorted(t["check_constraints"]),
            "indexes": [dict(name=k, **v) for k, v in sorted(t["indexes"].items())],
            "notes": t["notes"],
        })
    return {
        "tables": tables,
        "views": ["%s.%s" % k for k in sorted(live["views"])],
        "materialized_views": ["%s.%s" % k for k in sorted(live["matviews"])],
        "materialized_view_indexes": {
            "%s.%s" % k: [dict(name=n, **v) for n, v in sorted(ix.items())]
            for k, ix in sorted(live["view_indexes"].items())},
        "sequences": ["%s.%s" % k for k in sorted(live["sequences"])],
        "enums": {"%s.%s" % k: v for k, v in sorted(live["enums"].items())},
        "harness_selfcheck": live.get("selfcheck", []),
    }


def live_counts(live):
    t = live["tables"].values()
    return {
        "tables": len(live["tables"]),
        "columns": sum(len(x["columns"]) for x in t),
        "primary keys": sum(x["primary_key"] is not None for x in t),
        "FKs": sum(len(x["foreign_keys"]) for x in t),
        "unique": sum(len(x["unique_constraints"]) for x in t),
        "checks": sum(len(x["check_constraints"]) for x in t),
        "indexes": sum(len(x["indexes"]) for x in t)
        + sum(len(v) for v in live["view_indexes"].values()),
        "comments": sum((x["comment"] is not None)
                        + sum(c["comment"] is not None for c in x["columns"]) for x in t),
        "views": len(live["views"]),
        "materialized views": len(live["matviews"]),
        "sequences": len(live["sequences"]),
        "enums": len(live["enums"]),
    }


def fmt_counts(c):
    return ", ".join("%d %s" % (v, k) for k, v in c.items())


def _short(v, limit=300):
    s = v if isinstance(v, str) else json.dumps(v, default=str, ensure_ascii=False)
    return s if len(s) <= limit else s[:limit] + "..."


# --------------------------------------------------------------------------
# Main


def first_error_line(stderr):
    lines = [l.strip() for l in stderr.splitlines() if l.strip()]
    for l in lines:
        if "ERROR:" in l or "FATAL:" in l or "error:" in l:
            return l
    return lines[0] if lines else "psql failed without a message"


def dbname_for(i, label):
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    return ("t%02d_%s" % (i, base))[:63]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(REPO / "build" / "pgbaseline"),
                    help="the pgbaseline binary (default: build/pgbaseline)")
    ap.add_argument("--only", action="append", default=[],
                    help="run only dumps whose name contains this (repeatable)")
    ap.add_argument("--keep", action="store_true",
                    help="leave the temporary cluster running and print where it is")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every disagreement, harness notes and timings")
    ap.add_argument("--dump", action="append", default=[], metavar="PATH",
                    help="also test this dump file (repeatable)")
    ap.add_argument("--print-live", metavar="DIR",
                    help="write the live catalog model of each restorable dump to DIR/NAME.live.json")
    args = ap.parse_args(argv)

    out = sys.stdout
    t_start = time.monotonic()
    dumps, notes = discover_dumps(args.only, args.dump)
    for n in notes:
        print("integration: note: " + n, file=out)
    if not dumps:
        print("integration: no dumps to test", file=out)
        print("integration: 0 passed, 0 failed", file=out)
        return 0

    binpath = Path(args.bin)
    if not binpath.is_file():
        print("integration: note: binary %s does not exist yet: every check that needs it fails"
              % binpath, file=out)
    if args.print_live:
        os.makedirs(args.print_live, exist_ok=True)

    passed = failed = 0
    not_restorable = []

    # The binary runs in a thread pool while the (sequential) restores run.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    try:
        futures = {label: pool.submit(run_binary, binpath, path) for label, path in dumps}
        try:
            pg = PgCluster(keep=args.keep, verbose=args.verbose,
                           log=lambda m: print(m, file=out, flush=True))
            pg.__enter__()
        except HarnessError as e:
            print("integration: cannot start PostgreSQL: %s" % e, file=out)
            for f in futures.values():
                f.cancel()
            print("integration: 0 passed, %d failed" % len(dumps), file=out)
            return 1
        try:
            for i, (label, path) in enumerate(dumps, 1):
                problems, model, info = futures[label].result()
                # 1. no-crash
                if problems:
                    failed += 1
                    print("%s: FAIL no-crash:" % label, file=out)
                    for p in problems:
                        print("    " + p, file=out)
                else:
                    passed += 1
                    nunp = len(model.get("unparsed") or [])
                    print("%s: ok no-crash (exit %d, %.2f s, %d unparsed)"
                          % (label, info["status"], info["seconds"], nunp), file=out)
                    if args.verbose:
                        for u in model.get("unparsed") or []:
                            print("    unparsed %s:%s: %s" % (u.get("line"), u.get("column"),
                                                             _short(u.get("message"), 200)),
                                  file=out)

                # 2. restore
                db = dbname_for(i, label)
                t0 = time.monotonic()
                try:
                    text = read_dump_bytes(path).decode("utf-8", errors="replace")
                    created = ensure_roles(pg, scan_roles(text))
                    if args.verbose and created:
                        print("    created roles: %s" % ", ".join(created), file=out)
                    pg.createdb(db)
                    prepared = prepare_db(pg, db, text)
                    if args.verbose and prepared:
                        print("    prepared the database: %s" % "; ".join(prepared), file=out)
                    ok, err = pg.psql_file(db, str(path), timeout=RESTORE_TIMEOUT)
                except (OSError, HarnessError, subprocess.SubprocessError) as e:
                    ok, err = False, "harness: %s" % e
                if args.keep:
                    print("    database: %s" % db, file=out)
                if not ok:
                    why = first_error_line(err)
                    not_restorable.append((label, why))
                    print("%s: not restorable: %s" % (label, _short(why, 240)), file=out)
                    continue
                if args.verbose:
                    print("    restored in %.2f s" % (time.monotonic() - t0), file=out)

                # 3. catalog
                try:
                    live = read_live_model(pg.sqlalchemy_url(db))
                except Exception as e:  # noqa: BLE001
                    failed += 1
                    print("%s: FAIL catalog: reading the live catalog raised %s: %s"
                          % (label, type(e).__name__, e), file=out)
                    continue
                if args.print_live:
                    with open(os.path.join(args.print_live, label.replace("/", "_") + ".live.json"),
                              "w") as f:
                        json.dump(live_model_as_json(live), f, indent=1, ensure_ascii=False)
                        f.write("\n")
                for p in live["selfcheck"]:
                    print("    harness self-check (inspector vs pg_catalog): %s" % _short(p, 400),
                          file=out)
                n_derived = sum(n.startswith("FK ") for t in live["tables"].values()
                                for n in t["notes"])
                if n_derived:
                    print("    note: not compared: %d internal FK row(s) PostgreSQL adds on "
                          "referencing tables, one per partition of a partitioned referenced "
                          "table (-v lists them)" % n_derived, file=out)
                if args.verbose:
                    for t in live["tables"].values():
                        for n in t["notes"]:
                            print("    note %s.%s: %s" % (t["schema"], t["name"], n), file=out)
                lc = fmt_counts(live_counts(live))
                if model is None:
                    failed += 1
                    print("%s: FAIL catalog: live %s; no offline model to compare (see no-crash)"
                          % (label, lc), file=out)
                    continue
                try:
                    _, dis = compare_models(live, model)
                except Exception as e:  # noqa: BLE001 - a malformed JSON must not kill the run
                    failed += 1
                    print("%s: FAIL catalog: comparing raised %s: %s (malformed JSON?)"
                          % (label, type(e).__name__, e), file=out)
                    continue
                if live["selfcheck"]:
                    dis.append(("harness self-check", "%d problems" % len(live["selfcheck"]), None))
                if not dis:
                    passed += 1
                    print("%s: ok catalog: %s agree" % (label, lc), file=out)
                else:
                    failed += 1
                    print("%s: FAIL catalog: %s; %d disagreement%s:"
                          % (label, lc, len(dis), "" if len(dis) == 1 else "s"), file=out)
                    shown = dis if args.verbose else dis[:MAX_SHOWN]
                    for what, lv, ov in shown:
                        print("    %s: live %s, offline %s" % (what, _short(lv), _short(ov)),
                              file=out)
                    if len(shown) < len(dis):
                        print("    ... and %d more (-v shows all)" % (len(dis) - len(shown)),
                              file=out)
                out.flush()
        finally:
            pg.cleanup()
    finally:
        kill_running_binaries()
        pool.shutdown(wait=True, cancel_futures=True)

    if not_restorable:
        print("integration: %d dump(s) PostgreSQL 15 does not restore (no-crash check only):"
              % len(not_restorable), file=out)
        for label, why in not_restorable:
            print("    %s: %s" % (label, _short(why, 200)), file=out)
    if args.verbose:
        print("integration: %.1f s" % (time.monotonic() - t_start), file=out)
    print("integration: %d passed, %d failed" % (passed, failed), file=out)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("integration: interrupted", file=sys.stderr)
        sys.exit(130)
