#!/usr/bin/python3
"""test_recur: deep expressions and inheritance cycles, against PostgreSQL 15.

Usage: test_recur.py --bin PATH [--keep] [--verbose]

A throwaway PostgreSQL 15 (pgharness) is the ground truth:

- Views whose expressions nest 900, 1,200 and 5,000 levels deep (ISNULL,
  NOT, function calls, OPERATOR() chains; not casts of a constant to its
  own type, which the server folds away): the server accepts them all, and its
  pg_dump writes them (with a bracket per level).  pgbaseline reads the
  900-level views in full and reports each deeper one as a located
  "nested too deeply" warning, reading everything else; as a plain script,
  as a custom archive file, and as a custom archive on a pipe, which must
  leave no spool file in $TMPDIR.
- Inheritance and partitioning cycles: the statements the server refuses
  with "circular inheritance not allowed" (psql without ON_ERROR_STOP) are
  exactly the ones pgbaseline warns about, at the same lines.

Prints `recur: N passed, M failed`; exits 1 when something failed.
Standard library only.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from pgharness import PgCluster, Script  # noqa: E402

SHAPES = {
    "isnull": lambda n: "(true" + " ISNULL" * n + ")",
    "not": lambda n: "(" + "NOT " * n + "true)",
    "abs": lambda n: "abs(" * n + "1" + ")" * n,
    "operator": lambda n: "(1" + " OPERATOR(pg_catalog.+) 1" * n + " > 0)",
}
DEPTHS = (900, 1200, 5000)
# the server's parser has a stack of 10,000 entries, and a call takes three
DEPTHS_OF = {"abs": (900, 1200, 3000)}

CYCLE_SQL = """\
CREATE TABLE public.a (x integer);
CREATE TABLE public.b (x integer);
ALTER TABLE public.a INHERIT public.b;
ALTER TABLE public.b INHERIT public.a;
ALTER TABLE public.a INHERIT public.a;
CREATE TABLE public.c (x integer);
ALTER TABLE public.c INHERIT public.a;
ALTER TABLE public.b INHERIT public.c;
ALTER TABLE public.a ADD CONSTRAINT pos CHECK (x > 0);
CREATE TABLE public.p (x integer) PARTITION BY LIST (x);
CREATE TABLE public.q (x integer) PARTITION BY LIST (x);
ALTER TABLE public.p ATTACH PARTITION public.q FOR VALUES IN (1);
ALTER TABLE public.q ATTACH PARTITION public.p FOR VALUES IN (2);
"""




def pg_dump(pg, db, args, out):
    argv = [os.path.join(pg.bindir, "pg_dump"), "-d", db, "-s"] + args + ["-f", out]
    r = subprocess.run(argv, env=pg._env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=300)
    if r.returncode != 0:
        raise RuntimeError("pg_dump failed: " + r.stderr.decode(errors="replace")[-2000:])


def check_deep(run, pg, work):
    pg.createdb("deep")
    stmts = ["CREATE TABLE public.plain (a integer);"]
    for shape, make in SHAPES.items():
        for n in DEPTHS_OF.get(shape, DEPTHS):
            stmts.append("CREATE VIEW public.v_%s_%d AS SELECT %s AS x;" % (shape, n, make(n)))
    ok, _, err = pg.psql("deep", "\n".join(stmts) + "\n")
    run.result("the server accepts every deep view", ok, err[-2000:])
    if not ok:
        return
    ok, out, _ = pg.psql("deep", "SELECT count(*) FROM pg_views WHERE schemaname = 'public';")
    want_views = {"v_%s_%d" % (s, n) for s in SHAPES for n in DEPTHS_OF.get(s, DEPTHS)}
    run.result("the server holds %d views" % len(want_views), out.strip() == str(len(want_views)),
              out)

    plain = os.path.join(work, "deep.sql")
    custom = os.path.join(work, "deep.dump")
    pg_dump(pg, "deep", [], plain)
    pg_dump(pg, "deep", ["-Fc"], custom)
    shallow = {"v_%s_900" % s for s in SHAPES}

    def check_model(label, rc, out, err, located):
        run.result("%s: exit 0, no crash" % label, rc == 0, "exit %d\n%s" % (rc, err[-2000:]))
        if rc != 0:
            return
        d = json.loads(out)
        views = {v["name"] for v in d["views"]}
        run.result("%s: the 900-level views are read, the deeper ones are not" % label,
                  views == shallow, "views: %s" % sorted(views))
        run.result("%s: the table is read" % label,
                  {t["name"] for t in d["tables"]} == {"plain"}, out[:500])
        deep_lines = [ln for ln in err.splitlines() if "nested too deeply" in ln]
        run.result("%s: one warning per deeper view" % label,
                  len(deep_lines) == len(want_views) - len(shallow), err[-3000:])
        if located:
            bad = [ln for ln in deep_lines if not re.match(r"^[^:]+:\d+:\d+: warning: ", ln)]
            run.result("%s: the warnings are located FILE:LINE:COL" % label, not bad,
                      "\n".join(bad[:5]))

    rc, out, err = run.inspect([plain])
    check_model("plain dump", rc, out, err, True)
    rc, out, err = run.inspect([custom])
    check_model("custom archive", rc, out, err, False)

    tmp = tempfile.mkdtemp(prefix="pgb-recur-tmp-")
    try:
        env = dict(os.environ, TMPDIR=tmp)
        with open(custom, "rb") as f:
            data = f.read()
        rc, out, err = run.inspect(["-"], input=data, env=env)
        check_model("custom archive on a pipe", rc, out, err, False)
        left = os.listdir(tmp)
        run.result("custom archive on a pipe: no spool file left in $TMPDIR", not left,
                  "left: %s" % left)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_cycles(run, pg, work):
    pg.createdb("cycles")
    _, _, err = pg.psql("cycles", CYCLE_SQL, on_error_stop=False)
    refused = sorted(int(m.group(1)) for m in re.finditer(
        r"<stdin>:(\d+): ERROR:  circular inheritance not allowed", err))
    run.result("the server refuses some of the cycle statements", refused != [], err)
    path = os.path.join(work, "cycles.sql")
    with open(path, "w") as f:
        f.write(CYCLE_SQL)
    rc, out, err2 = run.inspect([path])
    warned = sorted(int(m.group(1)) for m in re.finditer(
        r"^[^:\n]*cycles\.sql:(\d+):\d+: warning: circular inheritance not allowed", err2, re.M))
    run.result("pgbaseline exits 0 on the cycles", rc == 0, "exit %d\n%s" % (rc, err2))
    run.result("pgbaseline warns at the lines the server refused (%s)" % refused,
              warned == refused, "server: %s\npgbaseline: %s\n%s" % (refused, warned, err2))
    if rc == 0:
        d = json.loads(out)
        a = [t for t in d["tables"] if t["name"] == "a"]
        _, checks, _ = pg.psql("cycles", "SELECT conrelid::regclass FROM pg_constraint "
                                         "WHERE conname = 'pos' ORDER BY 1;")
        have = sorted(t["name"] for t in d["tables"]
                      if any(c["name"] == "pos" for c in t["check_constraints"]))
        want = sorted(x.strip().split(".")[-1] for x in checks.split())
        run.result("the CHECK reaches the tables the server put it on (%s)" % want,
                  a and have == want, "pgbaseline: %s" % have)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the pgbaseline binary")
    ap.add_argument("--keep", action="store_true", help="keep the cluster and the files")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)

    run = Script(args)
    work = tempfile.mkdtemp(prefix="pgb-recur-")
    os.chmod(work, 0o777)
    try:
        with PgCluster(keep=args.keep, verbose=args.verbose) as pg:
            check_deep(run, pg, work)
            check_cycles(run, pg, work)
    except RuntimeError as e:
        run.result("setup", False, str(e))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("recur: %d passed, %d failed" % (run.passed, run.failed))
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
