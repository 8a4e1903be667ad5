#!/usr/bin/env python3
"""bench-recur.py BIN [--size-mb 4] [--runs 3]

What statements past the limits on one statement cost (include/pgb.h:
PGB_MAX_NESTING, PGB_MAX_STATEMENT_TOKENS, PGB_MAX_STATEMENT_NODES), next
to a plain dump of the same size measured in the same run:

  deep   expression chains 5,000 levels deep (ISNULL, NOTNULL, OPERATOR(),
         casts, AT TIME ZONE, +), each parsed, measured and refused
  list   IN lists of 600,000 items (refused on their token count before the
         parse) and of 400,000 items (parsed and deparsed: the largest that
         passes)
  plain  CREATE TABLE statements with defaults and checks

Files are generated once into build/bench/.  Reports the medians of wall
time and peak RSS of `BIN inspect FILE --format json` and their ratios to
the plain dump.  A report, never a pass/fail on time.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

SHAPES = (
    lambda n: "(true" + " ISNULL" * n + ")",
    lambda n: "(true" + " NOTNULL" * n + ")",
    lambda n: "(1" + " OPERATOR(pg_catalog.+) 1" * n + " > 0)",
    lambda n: "(1" + "::integer" * n + " > 0)",
    lambda n: "(now()" + " AT TIME ZONE 'UTC'" * n + " IS NULL)",
    lambda n: "(1" + " + 1" * n + " > 0)",
)


def write_until(path, size, make):
    """Write statements make(i) for i = 0, 1, ... until the file has `size` bytes."""
    if os.path.exists(path):
        return
    with open(path + ".tmp", "w") as f:
        i = done = 0
        while done < size:
            s = make(i) + "\n"
            f.write(s)
            done += len(s)
            i += 1
    os.rename(path + ".tmp", path)


def deep(i):
    return "CREATE TABLE public.d%d (a boolean DEFAULT %s);" % (i, SHAPES[i % len(SHAPES)](5000))


def huge_list(i):
    n = 600000 if i % 2 == 0 else 400000
    return "CREATE TABLE public.l%d (a integer CHECK (a IN (%s)));" % (i, ",".join(["1"] * n))


def plain(i):
    return ("CREATE TABLE public.t%d (id integer NOT NULL, name text DEFAULT 'n/a'::text NOT NULL, "
            "created timestamp with time zone DEFAULT now(), CONSTRAINT t%d_id_check CHECK "
            "((id > 0)));\nALTER TABLE ONLY public.t%d ADD CONSTRAINT t%d_pkey PRIMARY KEY (id);"
            % (i, i, i, i))


def run(binary, path):
    """(wall seconds, peak RSS in KB) of one inspect run."""
    fd, rssfile = tempfile.mkstemp(prefix="pgb-bench-rss-")
    os.close(fd)
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rssfile, binary, "inspect", path,
                        "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    with open(rssfile) as f:
        words = f.read().split()
    os.unlink(rssfile)
    if p.returncode != 0:
        sys.exit("bench-recur: %s inspect %s exited with %d" % (binary, path, p.returncode))
    return wall, int(words[-1]) if words and words[-1].isdigit() else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--size-mb", type=float, default=4)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    cache = os.path.join(here, "..", "build", "bench")
    os.makedirs(cache, exist_ok=True)
    size = int(args.size_mb * 1e6)
    files = {}
    for name, make in (("plain", plain), ("deep", deep), ("list", huge_list)):
        files[name] = os.path.join(cache, "recur-%s-%gmb.sql" % (name, args.size_mb))
        write_until(files[name], size, make)

    walls = {name: [] for name in files}
    rss = {name: [] for name in files}
    for name in files:
        run(args.bin, files[name])  # warm-up
    for _ in range(args.runs):
        for name, path in files.items():  # alternating
            w, r = run(args.bin, path)
            walls[name].append(w)
            rss[name].append(r)

    med = statistics.median
    print()
    print("pgbaseline statement limits: pathological files next to a plain dump of the same size")
    print("  %d runs each, alternating, after one warm-up; %s" % (args.runs, args.bin))
    print("  %-8s %10s %10s %12s %10s %10s" % ("file", "MB", "wall s", "wall ratio", "RSS MB",
                                               "RSS ratio"))
    for name, path in files.items():
        print("  %-8s %10.2f %10.3f %12.2f %10.1f %10.2f" % (
            name, os.path.getsize(path) / 1e6, med(walls[name]),
            med(walls[name]) / med(walls["plain"]), max(rss[name]) / 1024,
            max(rss[name]) / max(rss["plain"])))
    print()


main()
