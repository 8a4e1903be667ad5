#!/usr/bin/python3
"""test_schema_sql.py: the schema SQL builds the dump's schema in an empty database.

For every sample and public dump that PostgreSQL 15 restores: `baseline
--schema-sql` writes <rev>_schema.sql; psql runs it with ON_ERROR_STOP in an
empty database; pg_dump -s of that database must read (pgbaseline inspect
--format json) as the same model as pg_dump -s of the restored original,
apart from what the schema SQL leaves out by design: owners, grants and row
counts (and the source information), and what the model holds only by name
(base and shell types, subscriptions: listed as not written, the run uses
--allow-incomplete).  The dumps in KNOWN still differ for the reason written
next to each; they are reported, not failed.

Also: the same with --with-privileges keeps owners and grants (graphile's); and the
schema SQL refuses a database that already has one of its tables, creating
nothing even when psql is told to go on after errors.  Closes with
`ddl: N passed, M failed`.  PGB_DDL_ONLY=a,b limits the dumps to those whose
label holds a or b.
"""
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from pgharness import PgCluster, Script, script_exit, script_main  # noqa: E402
import test_catalog  # noqa: E402  (the dumps, their roles and preparation)

# What the schema SQL leaves out by design (without --with-privileges).
LEFT_OUT = {"owner", "grants", "acl_default", "default_privileges", "rows"}

# Dumps whose schema SQL still differs from the original after the round trip.
KNOWN = {}


def normalise(model, keep=()):
    def walk(x):
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items() if k not in LEFT_OUT or k in keep}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return x
    model = dict(model)
    # The summary counts what is compared below, item by item.
    for k in ("source", "format", "unparsed", "unparsed_omitted", "summary"):
        model.pop(k, None)
    # plpgsql is every database's; test_catalog.prepare_db drops and the dump re-creates
    # it for an old dump that creates it, and then pg_dump writes it.
    model["extensions"] = [e for e in model.get("extensions", []) if e.get("name") != "plpgsql"]
    # What the model holds only by name, which the schema SQL lists as not written
    # (with --allow-incomplete): base and shell types, subscriptions.
    model["types"] = [t for t in model.get("types", []) if t.get("kind") != "base"]
    model["objects"] = [o for o in model.get("objects", []) if o.get("kind") != "subscription"]
    return walk(model)


def first_difference(a, b, path=""):
    """A readable path to the first place a and b differ, or None."""
    if type(a) is not type(b):
        return "%s: %s vs %s" % (path, json.dumps(a)[:300], json.dumps(b)[:300])
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            d = first_difference(a.get(k), b.get(k), "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            names = lambda v: [x.get("name") if isinstance(x, dict) else x for x in v]  # noqa
            return "%s: %d vs %d items: %s vs %s" % (path, len(a), len(b),
                                                     json.dumps(names(a))[:300],
                                                     json.dumps(names(b))[:300])
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    return None if a == b else "%s: %s vs %s" % (path, json.dumps(a)[:300], json.dumps(b)[:300])


# Names, comments and bodies that must stay data, and statements the model keeps as
# written: restored, written as schema SQL, run and re-dumped like the dumps.
HOSTILE = HERE / "data" / "ddl-hostile.sql"
# Every kind of object held by name, with owners (test_objects.py's fixture).
OBJECTS = REPO / "tests" / "cli" / "data" / "objects.sql"


class Run(Script):
    def main(self):
        only = [x for x in os.environ.get("PGB_DDL_ONLY", "").split(",") if x]
        self.tmp = tempfile.mkdtemp(prefix="pgb-ddl-")
        os.chmod(self.tmp, 0o777)  # pg_dump writes there as the invoking user
        found, notes = test_catalog.discover_dumps(only or None, extra=[HOSTILE, OBJECTS])
        for n in notes:
            print("note - %s" % n)
        try:
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                for i, (label, path) in enumerate(found):
                    self.one(i, label, path)
                for i, dump in enumerate((test_catalog.PUBLIC_DUMPS /
                                          "graphile-starter-schema.sql", OBJECTS)):
                    self.privileges(i, dump)
                self.refusal()
        finally:
            self.drop_tmp()

    def pg_dump(self, db, out):
        rc, _, err = self.run([os.path.join(self.pg.bindir, "pg_dump"), "-s", "-d", db,
                               "-f", out], env=self.pg._env())
        return rc == 0, err

    def model(self, path):
        rc, out, err = self.inspect(["-q", path])
        if rc != 0:
            return None, err
        return json.loads(out), ""

    def schema_sql(self, name, dump, *extra):
        """baseline --schema-sql in a project of its own; (path or None, stderr)."""
        proj = os.path.join(self.tmp, name)
        os.mkdir(proj)
        rc, _, err = self.run([self.bin, "baseline", "-q", "--init", "--schema-sql",
                               "--date", "2026-01-01"] + list(extra) + [str(dump)], cwd=proj)
        if rc != 0:
            return None, err
        return os.path.join(proj, "alembic", "versions", "001_baseline_schema.sql"), err

    def one(self, i, label, path):
        orig_db, new_db = "orig%d" % i, "ddl%d" % i
        ok, err = test_catalog.restore(self.pg, orig_db, path)
        if not ok:
            print("skip - %s: not restorable: %s" % (label, err.strip().splitlines()[0][:160]))
            return
        sql, err = self.schema_sql("proj%d" % i, path, "--allow-incomplete")
        name = Path(label).name
        if sql is None:
            self.fail("%s: baseline --schema-sql" % label, err)
            return
        self.pg.createdb(new_db)
        ok, err = self.pg.psql_file(new_db, sql, single_transaction=False)
        if not ok:
            self.fail("%s: the schema SQL runs in an empty database" % label,
                      test_catalog.first_error_line(err) + "\n" + err[:2000])
            return
        orig_dump = os.path.join(self.tmp, "orig%d.sql" % i)
        new_dump = os.path.join(self.tmp, "ddl%d.sql" % i)
        for db, out in ((orig_db, orig_dump), (new_db, new_dump)):
            ok, err = self.pg_dump(db, out)
            if not ok:
                self.fail("%s: pg_dump -s %s" % (label, db), err)
                return
        a, err_a = self.model(orig_dump)
        b, err_b = self.model(new_dump)
        if a is None or b is None:
            self.fail("%s: inspect of the re-dumps" % label, err_a + err_b)
            return
        diff = first_difference(normalise(a), normalise(b))
        if name in KNOWN:
            if diff is None:
                print("ok - %s: now round-trips; take it out of KNOWN" % label)
                self.passed += 1
            else:
                print("known - %s: %s (%s)" % (label, KNOWN[name], diff))
            return
        self.result("%s: its schema SQL, run in an empty database, re-dumps as the same "
                    "model" % label, diff is None, diff or "")

    def privileges(self, i, dump):
        """--with-privileges: owners and grants reach the database too."""
        if not dump.exists():
            print("skip - --with-privileges: %s is not there" % dump)
            return
        text = dump.read_bytes().decode("utf-8", errors="replace")
        test_catalog.ensure_roles(self.pg, test_catalog.scan_roles(text))
        orig_db, new_db = "privorig%d" % i, "privnew%d" % i
        ok, err = test_catalog.restore(self.pg, orig_db, dump)
        if not ok:
            self.fail("%s restores" % dump.name, err)
            return
        sql, err = self.schema_sql("privproj%d" % i, dump, "--with-privileges",
                                   "--allow-incomplete")
        if sql is None:
            self.fail("baseline --schema-sql --with-privileges", err)
            return
        self.pg.createdb(new_db)
        ok, err = self.pg.psql_file(new_db, sql, single_transaction=False)
        if not ok:
            self.fail("the schema SQL with privileges runs", err[:2000])
            return
        outs = []
        for db in (orig_db, new_db):
            out = os.path.join(self.tmp, db + ".sql")
            ok, err = self.pg_dump(db, out)
            m, _ = self.model(out) if ok else (None, err)
            outs.append(m)
        if None in outs:
            self.fail("pg_dump of the privileges databases", err)
            return
        keep = ("owner", "grants", "acl_default", "default_privileges")
        diff = first_difference(normalise(outs[0], keep), normalise(outs[1], keep))
        self.result("%s --with-privileges: owners and grants are the original's" % dump.name,
                    diff is None,
                    diff or "")

    def refusal(self):
        """A database with one of the tables: the pre-flight stops it, nothing is created."""
        dump = REPO / "samples" / "shop.sql"
        sql, err = self.schema_sql("refuse", dump)
        if sql is None:
            self.fail("baseline --schema-sql of shop.sql", err)
            return
        self.pg.createdb("refuse")
        ok, _, err = self.pg.psql("refuse", "CREATE TABLE public.orders (id int);")
        if not ok:
            self.fail("create a table in the way", err)
            return
        # ON_ERROR_STOP off: psql goes on past the error, and still nothing may be created.
        ok, err = self.pg.psql_file("refuse", sql, single_transaction=False,
                                    on_error_stop=False)
        self.result("the schema SQL names the table that is in the way",
                    "already has 1 of the schema's tables: public.orders" in err, err[:1500])
        ok, out, err = self.pg.psql(
            "refuse", "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
            "c.relnamespace WHERE n.nspname = 'public';\n"
            "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0;\n"
            "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql';")
        self.result("after the refusal the database holds only the table that was there",
                    ok and out.split() == ["1", "0", "0"], "counts: %r %s" % (out, err))
        # And on the database it built, it refuses to run a second time.
        self.pg.createdb("twice")
        ok1, err1 = self.pg.psql_file("twice", sql, single_transaction=False)
        ok2, err2 = self.pg.psql_file("twice", sql, single_transaction=False)
        self.result("the schema SQL runs once, then refuses the database it built",
                    ok1 and not ok2 and "already has 10 of the schema's tables" in err2,
                    err1[:800] + err2[:800])


def main(argv=None):
    return script_main("ddl", __doc__, Run, argv, keep_help="keep the cluster and scratch files")


if __name__ == "__main__":
    script_exit("ddl", main)
