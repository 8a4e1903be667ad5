#!/usr/bin/python3
"""Regenerate dumps/pg15-edge-cases.sql from fixtures/edge-cases.source.sql.

    /usr/bin/python3 tests/integration/make_fixture.py

Restores the hand-written source into a throwaway PostgreSQL 15 cluster
(pgharness.py) and writes what `pg_dump --schema-only` 15 makes of it, so
the fixture is genuine pg_dump output.  The file is committed; rerun this
only when the source changes.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pgharness import PgCluster  # noqa: E402

SOURCE = HERE / "fixtures" / "edge-cases.source.sql"
TARGET = HERE / "dumps" / "pg15-edge-cases.sql"


def main():
    with PgCluster() as pg:
        pg.createdb("edge")
        ok, err = pg.psql_file("edge", str(SOURCE))
        if not ok:
            sys.exit("restoring %s failed:\n%s" % (SOURCE, err))
        r = subprocess.run(
            [os.path.join(pg.bindir, "pg_dump"), "--schema-only",
             "-h", pg.dir, "-p", str(pg.port), "-U", pg.SUPERUSER, "edge"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if r.returncode != 0:
            sys.exit("pg_dump failed:\n" + r.stderr.decode(errors="replace"))
        TARGET.parent.mkdir(exist_ok=True)
        # pg_dump 15.14+ writes \restrict with a random key: pin it so the
        # file does not change on every regeneration.
        lines = r.stdout.decode().split("\n")
        out = []
        for l in lines:
            if l.startswith("\\restrict "):
                l = "\\restrict pgbaselineEdgeCasesFixture"
            elif l.startswith("\\unrestrict "):
                l = "\\unrestrict pgbaselineEdgeCasesFixture"
            out.append(l)
        TARGET.write_text("\n".join(out))
        print("wrote %s (%d lines)" % (TARGET, len(out)))


if __name__ == "__main__":
    main()
