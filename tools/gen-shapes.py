#!/usr/bin/python3
"""gen-shapes.py: write one pathological dump shape for `make bench`.

Usage: gen-shapes.py SHAPE N OUT.sql

Each shape is a dump whose meaning is small for its size, or whose
statements a naive model handles in time quadratic in N:

  columns      one table of N columns
  inline-keys  N tables, each with an unnamed inline PRIMARY KEY and an
               unnamed REFERENCES to the table before it
  grant-revoke N GRANTs on one table to N roles, then N REVOKEs
  same-grant   N identical GRANT SELECT ON TABLE public.t TO r
  bad-lines    N lines of `x;` (statements the parser rejects)
  psql-vars    N psql set meta-commands of distinct variables, then
               unset of each (every one looked up by name)

Output is deterministic.  tools/bench.sh times each against a plain dump of
the same size (tools/gen-tenant-dump.py --direct).
"""

import sys


def columns(out, n):
    out.write("CREATE TABLE public.wide (\n")
    out.write(",\n".join("    c%d integer" % i for i in range(n)))
    out.write("\n);\n")


def inline_keys(out, n):
    out.write("CREATE TABLE public.t0 (id integer PRIMARY KEY);\n")
    for i in range(1, n):
        out.write("CREATE TABLE public.t%d (id integer PRIMARY KEY, "
                  "up integer REFERENCES public.t%d);\n" % (i, i - 1))


def grant_revoke(out, n):
    out.write("CREATE TABLE public.t (a integer);\n")
    for i in range(n):
        out.write("GRANT SELECT ON TABLE public.t TO r%d;\n" % i)
    for i in range(n):
        out.write("REVOKE SELECT ON TABLE public.t FROM r%d;\n" % i)


def same_grant(out, n):
    out.write("CREATE TABLE public.t (a integer);\n")
    out.write("GRANT SELECT ON TABLE public.t TO r;\n" * n)


def bad_lines(out, n):
    out.write("x;\n" * n)


def psql_vars(out, n):
    out.write("CREATE TABLE public.t (a integer);\n")
    for i in range(n):
        out.write("\\set v%d x\n" % i)
    for i in range(n):
        out.write("\\unset v%d\n" % i)


SHAPES = {
    "columns": columns,
    "inline-keys": inline_keys,
    "grant-revoke": grant_revoke,
    "same-grant": same_grant,
    "bad-lines": bad_lines,
    "psql-vars": psql_vars,
}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.stderr.write("usage: gen-shapes.py {%s} N OUT.sql\n" % "|".join(SHAPES))
        return 2
    with open(sys.argv[3], "w") as out:
        SHAPES[sys.argv[1]](out, int(sys.argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
