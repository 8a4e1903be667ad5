#!/usr/bin/env python3
"""gen-full-dump.py OUT.sql SIZE_MB [--schema samples/shop.sql]

Writes a plain pg_dump-style *full* dump of about SIZE_MB megabytes: the
schema of a real sample dump, then one large `COPY ... FROM stdin` block
of rows for public.events_2025 (tab-separated, as pg_dump writes them),
ended by the `\\.` line.  Used by the large-input test and `make bench` to
check that data is skipped at memory speed in bounded memory.  Prints the
number of data rows written.  Deterministic.
"""
import argparse
import os
import sys


DEFAULT_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples", "shop.sql")


def write_dump(out_path, size_mb, schema_path=DEFAULT_SCHEMA):
    """Write the dump; return the number of COPY rows in it."""
    with open(schema_path, "rb") as f:
        schema = f.read()
    target = size_mb * 1024 * 1024

    # A block of rows written many times: fast to produce, realistic to read.
    rows_per_block = 4096
    lines = []
    for i in range(rows_per_block):
        lines.append(b"%d\t2025-%02d-%02d\t%d\tpage_view\t{\"path\": \"/products/%d\", \"ref\": \"search; q='a\\\\tb'\"}\n"
                     % (i + 1, i % 12 + 1, i % 28 + 1, i % 977 + 1, i))
    block = b"".join(lines)

    rows = 0
    with open(out_path, "wb") as out:
        out.write(schema)
        out.write(b"\n--\n-- Data for Name: events_2025; Type: TABLE DATA; Schema: public; Owner: postgres\n--\n\n")
        out.write(b"COPY public.events_2025 (id, occurred_at, user_id, kind, payload) FROM stdin;\n")
        written = len(schema)
        while written < target:
            out.write(block)
            written += len(block)
            rows += rows_per_block
        out.write(b"\\.\n\n\n--\n-- PostgreSQL database dump complete\n--\n\n")
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("size_mb", type=int)
    ap.add_argument("--schema", default=DEFAULT_SCHEMA)
    args = ap.parse_args()
    print(write_dump(args.out, args.size_mb, args.schema))


if __name__ == "__main__":
    sys.exit(main())
