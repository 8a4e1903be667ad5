#!/usr/bin/python3
"""Hostile names, end to end: every output says exactly what the dump said.

    /usr/bin/python3 tests/integration/test_hostile.py --bin build/pgbaseline
        [--dump samples/hostile.sql] [--keep] [-v]

samples/hostile.sql (made by a real pg_dump 15 from samples/src/hostile.ddl.sql)
names its objects with both quote characters alone and tripled, backslashes,
\\N, $$, */, --, line feeds, carriage returns, tabs, a right-to-left mark, an
emoji and a 63-byte multibyte name.  The dump is restored into a throwaway
PostgreSQL 15 (pgharness.py) and the live catalog is the reference:

 1. json: `inspect --format json` is UTF-8 JSON, and every schema, table,
    column, constraint and index name, enum label and comment the catalog
    holds appears in it as one exact string (tables and columns at their
    own place, in the catalog's column order).
 2. text: no raw control character but the line feeds between lines; each
    table's "Columns:" block has one line per catalog column; every name
    appears as PostgreSQL's quote_ident() writes it, in the escaped form of
    escape.c (\\n, \\r, \\t, \\xHH, \\uXXXX for invisible and
    bidirectional characters), enum labels as SQL literals.
 3. markdown: the same for raw control characters; every table row has as
    many cells as its header (pipes split cells unless backslash-escaped);
    each table's column table has one row per catalog column; every name
    appears quoted as quote_ident() does and escaped, in a code span.
 4. alembic: `baseline --init --doc comprehensive` in an empty directory,
    then tests/alembic/check_revision.py on the revision with
    --expect-strings of every name and comment (py_compile, pyflakes,
    __doc__); constraints are shown there by their columns, not by name,
    table and type names as quote_ident() writes them, and enum labels as
    SQL literals.
 5. stamp: the stamp SQL runs on the restored database with
    `psql -v ON_ERROR_STOP=1` (its pre-flight compares the live catalog with
    the dump and must pass), records the revision, and a second run exits 0
    and leaves one row and an unchanged catalog.
 6. diagram mermaid / diagram dot: `diagram -f FMT -o FILE` holds no raw
    control character, is drawn without an error by the real renderer
    (Mermaid CLI through Chromium, Graphviz dot; tests/integration/
    diagrams.py), and the SVG's text, once its entities are decoded, holds
    every table (as schema.table), column name, column type (format_type
    with an empty search_path) and foreign key name the catalog holds as the
    whole text of some element, in the visible escapes of pgbaseline(1).

Closing line: `hostile: N passed, M failed`; exit status 1 when anything
failed.
"""

import json
import os
import re
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import diagrams  # noqa: E402
from pgharness import Failure, PgCluster, Script, check, script_exit, script_main  # noqa: E402

REPO = HERE.parent.parent
DEFAULT_DUMP = REPO / "samples" / "hostile.sql"
CHECK_REVISION = REPO / "tests" / "alembic" / "check_revision.py"
REV = "001_baseline"
DB = "hostile"
TIMEOUT = 300

# Schemas that belong to PostgreSQL, not to the dump.
USER_NS = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%%'"

CATALOG = {
    "schemas": """
        SELECT n.nspname::text FROM pg_namespace n WHERE {ns}""",
    "tables": """
        SELECT n.nspname::text, c.relname::text, c.relkind::text
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {ns}""",
    "columns": """
        SELECT n.nspname::text, c.relname::text, a.attname::text
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
           AND {ns}
         ORDER BY n.nspname, c.relname, a.attnum""",
    "constraints": """
        SELECT con.conname::text
          FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
         WHERE con.contype <> 'n' AND {ns}""",
    "indexes": """
        SELECT c.relname::text
          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {ns}""",
    "fkeys": """
        SELECT con.conname::text
          FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
         WHERE con.contype = 'f' AND {ns}""",
    "labels": """
        SELECT e.enumlabel::text
          FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
          JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE {ns}""",
    "types": """
        SELECT t.typname::text
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE t.typtype = 'e' AND {ns}""",
    # every name, and how PostgreSQL quotes it for psql (quote_ident)
    "quoted": """
        SELECT s.name, quote_ident(s.name) AS quoted FROM (
            SELECT n.nspname::text AS name FROM pg_namespace n WHERE {ns}
            UNION SELECT c.relname::text
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {ns}
            UNION SELECT a.attname::text
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attnum > 0 AND {ns}
            UNION SELECT con.conname::text
              FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
             WHERE {ns}
            UNION SELECT t.typname::text
              FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {ns}) s""",
    # comments on relations, columns, functions, types and schemas; the
    # public schema's own comment comes from template0, not from the dump
    "comments": """
        SELECT d.description::text FROM pg_description d
          JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {ns}
        UNION ALL
        SELECT d.description::text FROM pg_description d
          JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid
          JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {ns}
        UNION ALL
        SELECT d.description::text FROM pg_description d
          JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid
          JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {ns}
        UNION ALL
        SELECT d.description::text FROM pg_description d
          JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass AND n.oid = d.objoid
         WHERE {ns} AND n.nspname <> 'public'""",
}


# ---- the escapes of src/escape.c ---------------------------------------

# Valid characters that are never shown raw: C1 controls, line and paragraph
# separators, invisible and bidirectional formatting (escape.c,
# codepoint_is_hidden).
HIDDEN = re.compile("[\x80-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")


def emit_escape(s):
    """A name as the text and Markdown reports print it."""
    return diagrams.shown(s, "text")


def sql_literal(s):
    """A string as a PostgreSQL literal, as the Alembic docstring lists enum
    labels: a standard literal (quotes doubled, backslashes as they are),
    with each control character written as pg_catalog.chr(N) joined by ||
    and the whole in parentheses, so no client encoding can end it early."""
    if not any(ord(c) < 0x20 or ord(c) == 0x7F for c in s):
        return "'%s'" % s.replace("'", "''")
    parts, run = [], ""
    for c in s:
        if ord(c) < 0x20 or ord(c) == 0x7F:
            if run:
                parts.append("'%s'" % run.replace("'", "''"))
                run = ""
            parts.append("pg_catalog.chr(%d)" % ord(c))
        else:
            run += c
    if run:
        parts.append("'%s'" % run.replace("'", "''"))
    return "(" + " || ".join(parts) + ")"


def json_strings(v, acc):
    """Every string value anywhere in a JSON document."""
    if isinstance(v, str):
        acc.add(v)
    elif isinstance(v, list):
        for x in v:
            json_strings(x, acc)
    elif isinstance(v, dict):
        for x in v.values():
            json_strings(x, acc)
    return acc


def split_cells(row):
    """The cells of a Markdown table row: pipes split unless escaped."""
    cells, cur, i = [], [], 0
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    while i < len(row):
        if row[i] == "\\" and i + 1 < len(row):
            cur.append(row[i:i + 2])
            i += 2
            continue
        if row[i] == "|":
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(row[i])
        i += 1
    cells.append("".join(cur))
    return cells


class Run(Script):
    timeout = TIMEOUT

    def __init__(self, args):
        super().__init__(args)
        self.dump = os.path.abspath(args.dump)
        self.cat = {}

    def run(self, argv, cwd=None, env=None):
        """Script.run with stdout as bytes: the outputs are checked byte for byte."""
        return super().run(argv, cwd=cwd, env=env, text=False)

    def inspect(self, fmt):
        rc, out, err = self.run([self.bin, "inspect", "--format", fmt, self.dump])
        check(rc == 0, "inspect --format %s exited %d:\n%s" % (fmt, rc, err))
        try:
            return out.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Failure("inspect --format %s: not UTF-8: %s" % (fmt, e))

    def sql_json(self, query):
        ok, out, err = self.pg.psql(DB, "SELECT coalesce(json_agg(q), '[]') FROM (%s) q;" % query)
        if not ok:
            raise Failure("catalog query failed: %s\n%s" % (err.strip(), query))
        return json.loads(out or "[]")

    # ---- the reference: the restored dump's catalog --------------------------

    def read_catalog(self):
        self.pg.createdb(DB)
        ok, err = self.pg.psql_file(DB, self.dump)
        if not ok:
            raise Failure("restoring %s failed:\n%s" % (self.dump, err))
        for key, q in CATALOG.items():
            rows = self.sql_json(q.format(ns=USER_NS))
            self.cat[key] = [tuple(r.values()) if len(r) > 1 else next(iter(r.values()))
                             for r in rows]
        check(len(self.cat["tables"]) >= 5 and len(self.cat["comments"]) >= 5,
              "the restored catalog looks empty: %r" % self.cat)
        self.cat["column_types"] = self.column_types()
        self.quoted = dict(self.cat["quoted"])
        check(self.quoted.get("public") == "public" and
              any(q != n for n, q in self.quoted.items()),
              "quote_ident: %r" % sorted(self.quoted.items())[:5])

    def q(self, name):
        """name as PostgreSQL's quote_ident() writes it, escaped as the reports show it."""
        return emit_escape(self.quoted[name])

    def names(self, constraints=True, labels=None, relations=None):
        """Every name and comment of the catalog, each once; constraint names
        only when asked, enum labels through labels() and table, view and
        type names through relations() when given."""
        out = set(self.cat["schemas"]) | set(self.cat["indexes"])
        if constraints:
            out |= set(self.cat["constraints"])
        else:
            # an index made by a PRIMARY KEY or UNIQUE constraint has its name
            out -= set(self.cat["constraints"])
        out |= {(labels or str)(lab) for lab in self.cat["labels"]}
        out |= {(relations or str)(ty) for ty in self.cat["types"]}
        out |= set(self.cat["comments"])
        out |= {(relations or str)(t[1]) for t in self.cat["tables"]}
        out |= {c[2] for c in self.cat["columns"]}
        return sorted(out)

    def columns_of(self, schema, table):
        return [c[2] for c in self.cat["columns"] if c[0] == schema and c[1] == table]

    def base_tables(self):
        return [(t[0], t[1]) for t in self.cat["tables"] if t[2] in ("r", "p", "f")]

    # ---- the checks ----------------------------------------------------------

    def check_json(self):
        try:
            d = json.loads(self.inspect("json"))
        except ValueError as e:
            raise Failure("not JSON: %s" % e)
        strings = json_strings(d, set())
        missing = [n for n in self.names() if n not in strings]
        check(not missing, "names/comments not in the JSON exactly: %r" % missing)
        got = {(t["schema"], t["name"]): [c["name"] for c in t["columns"]] for t in d["tables"]}
        for st in self.base_tables():
            check(st in got, "table %r is not in tables[]" % (st,))
            want = self.columns_of(*st)
            check(got[st] == want, "columns of %r: JSON %r, catalog %r" % (st, got[st], want))
        views = {(v["schema"], v["name"]) for v in d["views"]}
        for t in self.cat["tables"]:
            if t[2] in ("v", "m"):
                check((t[0], t[1]) in views, "view %r is not in views[]" % (t[:2],))
        labels = [lab for ty in d["types"] for lab in ty.get("labels") or []]
        check(sorted(labels) == sorted(self.cat["labels"]),
              "enum labels: JSON %r, catalog %r" % (labels, self.cat["labels"]))

    def check_no_raw_controls(self, what, text):
        for i, line in enumerate(text.split("\n"), 1):
            m = RAW_CONTROL.search(line) or HIDDEN.search(line)
            check(not m, "%s line %d: raw U+%04X: %r" % (what, i, ord(m.group()) if m else 0, line))

    def check_text(self):
        text = self.inspect("text")
        self.check_no_raw_controls("text", text)
        lines = text.split("\n")
        for schema, table in self.base_tables():
            head = "Table %s.%s (" % (self.q(schema), self.q(table))
            at = [i for i, ln in enumerate(lines) if ln.startswith(head)]
            check(len(at) == 1, "text: %d lines start with %r" % (len(at), head))
            i = at[0] + 1
            while i < len(lines) and lines[i] != "  Columns:":
                check(lines[i].startswith("  "), "text: %r breaks table %s" % (lines[i], table))
                i += 1
            cols = []
            i += 1
            while i < len(lines) and lines[i].startswith("    "):
                cols.append(lines[i])
                i += 1
            want = self.columns_of(schema, table)
            check(len(cols) == len(want), "text: table %r has %d column lines, catalog %d:\n%s"
                  % (table, len(cols), len(want), "\n".join(cols)))
            for line, col in zip(cols, want):
                check(line[4:].startswith(self.q(col) + " "),
                      "text: column line %r is not for %r" % (line, self.q(col)))
        # enum labels are listed as SQL literals, names as psql takes them
        shown = {n: self.q(n) for n in self.cat["constraints"] + self.cat["indexes"]}
        shown.update({lab: "'%s'" % emit_escape(lab.replace("'", "''")) for lab in self.cat["labels"]})
        for n, esc in sorted(shown.items()):
            check(esc in text, "text: %r is not there as %r" % (n, esc))

    def check_markdown(self):
        md = self.inspect("markdown")
        self.check_no_raw_controls("markdown", md)
        lines = md.split("\n")
        # every table block: each row has as many cells as its header
        i = 0
        blocks = []
        while i < len(lines):
            if lines[i].startswith("|"):
                start = i
                while i < len(lines) and lines[i].startswith("|"):
                    i += 1
                block = lines[start:i]
                width = len(split_cells(block[0]))
                for row in block:
                    check(len(split_cells(row)) == width,
                          "markdown line %d: %d cells, header has %d: %r"
                          % (start + 1, len(split_cells(row)), width, row))
                check(len(block) >= 2 and re.fullmatch(r"\|( *:?-+:? *\|)+", block[1]),
                      "markdown line %d: no separator row under the header" % (start + 2))
                blocks.append((start, block))
            else:
                i += 1
        for schema, table in self.base_tables():
            head = "### Table `%s.%s`" % (self.q(schema), self.q(table))
            check(head in lines, "markdown: no heading %r" % head)
            h = lines.index(head)
            nxt = [s for s, b in blocks if s > h and split_cells(b[0])[0].strip() == "Column"]
            check(nxt, "markdown: no column table under %r" % head)
            block = dict(blocks)[nxt[0]]
            want = self.columns_of(schema, table)
            rows = block[2:]
            check(len(rows) == len(want), "markdown: table %r has %d column rows, catalog %d"
                  % (table, len(rows), len(want)))
            for row, col in zip(rows, want):
                check(split_cells(row)[0].strip() == "`%s`" % self.q(col),
                      "markdown: row %r is not for `%s`" % (row, self.q(col)))
        names = set(self.cat["constraints"]) | set(self.cat["indexes"])
        for n in sorted(names):
            check("`%s`" % self.q(n) in md, "markdown: `%s` is not there" % self.q(n))

    def baseline(self):
        proj = os.path.join(self.tmp, "proj")
        if not os.path.isdir(proj):
            os.makedirs(proj)
            rc, _, err = self.run([self.bin, "baseline", "--init", "--doc", "comprehensive",
                                   "--rev", REV, "--date", "2026-01-01", self.dump], cwd=proj)
            check(rc == 0, "baseline --init exited %d:\n%s" % (rc, err))
        versions = os.path.join(proj, "alembic", "versions")
        py = [f for f in os.listdir(versions) if f.endswith(".py")]
        check(len(py) == 1, "versions/ holds %r" % py)
        return os.path.join(versions, py[0]), os.path.join(versions, REV + "_stamp.sql")

    def check_alembic(self):
        rev, _ = self.baseline()
        expect = os.path.join(self.tmp, "expect.json")
        with open(expect, "w", encoding="utf-8") as f:
            # the docstring shows constraints by their columns (PK(id)), not
            # by name, lists enum labels as SQL literals and quotes table and
            # type names as psql takes them
            json.dump(self.names(constraints=False, labels=sql_literal,
                                 relations=lambda n: self.quoted[n]), f)
        rc, out, err = self.run([sys.executable, str(CHECK_REVISION), rev,
                                 "--revision", REV, "--expect-strings", expect])
        check(rc == 0, "check_revision.py failed (%d):\n%s%s" % (rc, out.decode(errors="replace"), err))

    def column_types(self):
        """format_type() of every column of the base tables, as the model
        spells types: with an empty search_path, so qualified."""
        q = CATALOG["columns"].format(ns=USER_NS).replace(
            "a.attname::text", "format_type(a.atttypid, a.atttypmod)")
        ok, out, err = self.pg.psql(
            DB, "SET search_path = '';\nSELECT coalesce(json_agg(q), '[]') FROM (%s) q;" % q)
        if not ok:
            raise Failure("catalog query failed: %s" % err.strip())
        return {r["format_type"] for r in json.loads(out or "[]")}

    def check_diagram(self, fmt):
        src = os.path.join(self.tmp, "hostile." + ("mmd" if fmt == "mermaid" else "dot"))
        svg = os.path.join(self.tmp, "hostile-%s.svg" % fmt)
        rc, _, err = self.run([self.bin, "diagram", "--format", fmt, "-o", src, self.dump])
        check(rc == 0, "diagram --format %s exited %d:\n%s" % (fmt, rc, err))
        with open(src, encoding="utf-8") as f:
            self.check_no_raw_controls("diagram " + fmt, f.read())
        try:
            diagrams.render(fmt, src, svg)
            texts = diagrams.svg_texts(svg)
        except diagrams.RenderError as e:
            raise Failure(str(e))
        want = {"%s.%s" % st for st in self.base_tables()}
        want |= {c[2] for c in self.cat["columns"]} | set(self.cat["fkeys"])
        want |= self.cat["column_types"]
        check(len(self.cat["fkeys"]) >= 4, "the catalog has too few foreign keys: %r"
              % self.cat["fkeys"])
        missing = diagrams.missing_from(texts, want, fmt)
        check(not missing, "%s: %d of %d names are not the text of any SVG element: %r"
              % (fmt, len(missing), len(want), [diagrams.shown(m, fmt) for m in missing]))

    def snapshot(self):
        return {k: sorted(map(str, self.sql_json(CATALOG[k].format(ns=USER_NS))))
                for k in ("tables", "columns", "constraints", "indexes")}

    def check_stamp(self):
        _, stamp = self.baseline()
        check(os.path.isfile(stamp), "no stamp SQL at %s" % stamp)
        before = self.snapshot()
        for attempt in ("first", "second"):
            argv = self.pg.psql_argv(DB, "-v", "ON_ERROR_STOP=1", "-f", stamp)
            rc, _, err = self.run(argv, env=self.pg._env())
            check(rc == 0, "%s run of the stamp SQL exited %d:\n%s" % (attempt, rc, err))
            rows = self.sql_json("SELECT version_num FROM alembic_version")
            check(rows == [{"version_num": REV}], "after the %s run alembic_version holds %r"
                  % (attempt, rows))
        after = self.snapshot()
        for k in before:
            extra = [r for r in after[k] if r not in before[k] and "alembic_version" not in r]
            gone = [r for r in before[k] if r not in after[k]]
            check(not extra and not gone, "%s changed: added %r, removed %r" % (k, extra, gone))

    # ---- driver --------------------------------------------------------------

    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-hostile-")
        steps = [("json", self.check_json), ("text", self.check_text),
                 ("markdown", self.check_markdown), ("alembic", self.check_alembic),
                 ("stamp", self.check_stamp),
                 ("diagram mermaid", lambda: self.check_diagram("mermaid")),
                 ("diagram dot", lambda: self.check_diagram("dot"))]
        try:
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                try:
                    self.read_catalog()
                except Failure as e:
                    print("FAIL catalog: %s" % e)
                    self.failed += len(steps)
                    return
                for name, fn in steps:
                    try:
                        fn()
                    except Failure as e:
                        self.failed += 1
                        print("FAIL %s: %s" % (name, e))
                    except Exception as e:
                        self.failed += 1
                        print("FAIL %s: %s" % (name, e))
                        if self.verbose:
                            traceback.print_exc()
                    else:
                        self.passed += 1
                        print("ok   %s" % name)
        finally:
            self.drop_tmp()


def main(argv=None):
    return script_main("hostile", __doc__, Run, argv, dump=(str(DEFAULT_DUMP), "the hostile dump"),
                       keep_help="keep the cluster and the project")


if __name__ == "__main__":
    script_exit("hostile", main)
