#!/usr/bin/env python3
"""make_archive_seeds: write the committed seed archives of fuzz_archive.

Loads samples/shop.sql into a throwaway PostgreSQL cluster (the integration
tests' pgharness) and dumps it with pg_dump as custom archives (compressed
and -Z0), a tar archive and a directory archive's toc.dat, into
tests/fuzz/corpus/archive/.  Only needed when the seeds are regenerated:
`make fuzz` uses the committed files.
"""

import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

from pgharness import PgCluster  # noqa: E402

OUT = os.path.join(ROOT, "tests", "fuzz", "corpus", "archive")


def pg_dump(pg, args, out):
    argv = [os.path.join(pg.bindir, "pg_dump"), "-d", "shop"] + args + ["-f", out]
    subprocess.run(argv, env=pg._env(), check=True, timeout=300)


def main():
    os.makedirs(OUT, exist_ok=True)
    with PgCluster() as pg:
        pg.createdb("shop")
        ok, err = pg.psql_file("shop", os.path.join(ROOT, "samples", "shop.sql"))
        if not ok:
            sys.exit("loading samples/shop.sql failed: " + err[-2000:])
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o777)
            variants = [("shop-custom", ["-Fc"]), ("shop-custom-z0", ["-Fc", "-Z0"]),
                        ("shop-schema-custom", ["-Fc", "-s"]), ("shop-tar", ["-Ft"]),
                        ("shop-dir", ["-Fd"])]
            for name, args in variants:
                out = os.path.join(tmp, name)
                pg_dump(pg, args, out)
                src = os.path.join(out, "toc.dat") if args == ["-Fd"] else out
                with open(src, "rb") as f, open(os.path.join(OUT, name), "wb") as g:
                    g.write(f.read())
    write_broken_comment()
    print("archive seeds written to", OUT)


def write_broken_comment():
    """i9-split-broken-comment: shop-schema-custom with the closing quote of
    COMMENT ON TABLE users gone, so a reader that splits the archive's
    entries as one script lets the quote run into the next entry."""
    from test_archives import parse_custom_1_14, write_custom

    with open(os.path.join(OUT, "shop-schema-custom"), "rb") as f:
        data = f.read()
    head, entries, tail, toc_end = parse_custom_1_14(data)
    for e in entries:
        if e["desc"] == b"COMMENT" and e["tag"] == b"TABLE users":
            e["defn"] = e["defn"].rstrip(b"\n;").rstrip(b"'") + b";\n"
    first = write_custom(head, entries, tail, (1, 14, 0), 0)
    delta = (len(first) - len(tail)) - toc_end
    with open(os.path.join(OUT, "i9-split-broken-comment"), "wb") as g:
        g.write(write_custom(head, entries, tail, (1, 14, 0), delta))


if __name__ == "__main__":
    if sys.argv[1:] == ["--broken-only"]:
        write_broken_comment()  # from the committed shop-schema-custom, no cluster
    else:
        main()
