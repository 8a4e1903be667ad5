#!/usr/bin/env python3
"""bench-skip.py BIN [--size-mb 1024] [--runs 3]

How fast pgbaseline skips COPY data: a full dump of SIZE_MB (made by
gen-full-dump.py, cached in build/bench/) is read by `pgbaseline inspect`
and, as the baseline measured in the same run, by `cat > /dev/null` (the
cost of just reading the bytes).  Reports medians, GB/s and the ratio;
the goal is at least 1 GB/s on plain input.  A report, never a pass/fail
on time.
"""
import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import time


def timed(cmd, stdout):
    t0 = time.monotonic()
    subprocess.run(cmd, stdout=stdout, stderr=subprocess.DEVNULL, check=True)
    return time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    cache = os.path.join(here, "..", "build", "bench")
    os.makedirs(cache, exist_ok=True)
    dump = os.path.join(cache, "full-%dmb.sql" % args.size_mb)
    if not os.path.exists(dump):
        spec = importlib.util.spec_from_file_location("gen", os.path.join(here, "gen-full-dump.py"))
        gen = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gen)
        gen.write_dump(dump + ".tmp", args.size_mb)
        os.rename(dump + ".tmp", dump)
    size = os.path.getsize(dump)

    cat_t, pgb_t = [], []
    with open(os.devnull, "wb") as null:
        timed(["cat", dump], null)  # warm the page cache
        for _ in range(args.runs):
            cat_t.append(timed(["cat", dump], null))
            pgb_t.append(timed([args.bin, "inspect", "--format", "json", dump], null))
    c, p = statistics.median(cat_t), statistics.median(pgb_t)
    gbs = size / 2**30 / p
    print()
    print("data skipping (COPY blocks), %.2f GB full dump, %d runs each" % (size / 2**30, args.runs))
    print("  cat > /dev/null (baseline)   %.3f s   %.2f GB/s" % (c, size / 2**30 / c))
    print("  pgbaseline inspect           %.3f s   %.2f GB/s   (goal >= 1 GB/s: %s)"
          % (p, gbs, "met" if gbs >= 1 else "NOT met"))
    print("  ratio pgbaseline / cat       %.2f" % (p / c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
