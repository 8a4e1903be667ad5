#!/usr/bin/env python3
"""test_large.py --bin PATH [--size-mb 1024]

A 1 GB full dump, generated here (tools/gen-full-dump.py) and removed at
the end, is inspected in bounded memory: peak RSS under 100 MB, and every
COPY row counted.  Memory is measured, not time (machines here are shared).
"""
import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile

LIMIT_KB = 100 * 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--size-mb", type=int, default=1024)
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    # The generator runs in this process, so RUSAGE_CHILDREN measures pgbaseline alone.
    spec = importlib.util.spec_from_file_location(
        "gen_full_dump", os.path.join(here, "..", "..", "tools", "gen-full-dump.py"))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    passed = failed = 0

    with tempfile.TemporaryDirectory(prefix="pgb-large-") as tmp:
        dump = os.path.join(tmp, "full.sql")
        rows = gen.write_dump(dump, args.size_mb)
        size = os.path.getsize(dump)
        proc = subprocess.run([args.bin, "inspect", "--format", "json", dump],
                              capture_output=True, timeout=600)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        problems = []
        if proc.returncode != 0:
            problems.append("exit status %d: %s" % (proc.returncode, proc.stderr.decode()[:500]))
        else:
            d = json.loads(proc.stdout)
            got = {t["name"]: t["rows"] for t in d["tables"] if t["rows"] is not None}
            if got.get("events_2025") != rows:
                problems.append("events_2025 rows: expected %d, got %r" % (rows, got.get("events_2025")))
            if d["source"]["copy_blocks"] != 1:
                problems.append("copy_blocks: expected 1, got %r" % d["source"]["copy_blocks"])
        if peak_kb >= LIMIT_KB:
            problems.append("peak RSS %d KB, limit %d KB" % (peak_kb, LIMIT_KB))
        name = "%.2f GB full dump (%d rows): peak RSS %.1f MB" % (size / 2**30, rows, peak_kb / 1024)
        if problems:
            failed += 1
            print("FAIL " + name)
            for p in problems:
                print("    " + p)
        else:
            passed += 1
            print("ok   " + name)

    print("large: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
