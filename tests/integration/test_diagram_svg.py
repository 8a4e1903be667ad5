#!/usr/bin/python3
"""`diagram --format svg`: the diagram drawn in process by Graphviz's
library, checked against Graphviz's own `dot -Tsvg` (Debian's graphviz, the
same library) and read back as XML.

    /usr/bin/python3 tests/integration/test_diagram_svg.py --bin build/pgbaseline [--keep] [-v]

Dumps: samples/*.sql, the public dumps ($PUBLIC_DUMPS), test_diagram.py's
stress dump of names made to be misread, and one whose schema, table,
column, type and key names are markup (<script>alert(1)</script>, quotes,
&, non-ASCII, control characters).  For each dump, by default (partitions
collapsed) and with --partitions, --keys-only and --around (its first
table):

 1. the SVG equals what `dot -Tsvg` draws of `diagram --format dot` with
    the same options, from <svg on (pgbaseline drops the XML prolog, the
    doctype and Graphviz's comments before it), and two runs are the same;
 2. it starts with <svg and is well-formed XML whose elements are all
    SVG's drawing elements (no script, no foreignObject: text from the
    dump never became markup);
 3. with --partitions, every table (as schema.table), column name, type
    and foreign key name of `inspect --format json` is the whole text of
    some <text> element, as diagrams.shown() says dot shows it.

Closing line: `diagram-svg: N passed, M failed`; exit status 1 when
anything failed.
"""

import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import diagrams  # noqa: E402
import test_diagram  # noqa: E402
from pgharness import Failure, Script, check, script_exit, script_main  # noqa: E402

REPO = HERE.parent.parent
SVG_NS = "{http://www.w3.org/2000/svg}"
# What Graphviz's SVG renderer draws with.
DRAWING = {"svg", "g", "title", "polygon", "polyline", "path", "ellipse", "text", "a"}


def markup_dump():
    """Names that are markup, quotes, &, non-ASCII and control characters."""
    q = test_diagram.qident
    s, t, u = "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "a&b \"q\" 'q'"
    return "\n".join([
        "SET client_encoding = 'UTF8';",
        "CREATE SCHEMA %s;" % q(s),
        "CREATE TYPE %s.%s AS ENUM ('x');" % (q(s), q("]]><svg onload=alert(3)>")),
        "CREATE TABLE %s.%s (%s integer PRIMARY KEY, %s %s.%s, %s text, %s text);"
        % (q(s), q(t), q("</text><script>x</script>"), q("&amp;&#60;"), q(s),
           q("]]><svg onload=alert(3)>"), q("\u65e5\u672c\u8a9e \U0001f418 \u00e9"),
           q("ctl\x01\x1b[31m\x7f")),
        "CREATE TABLE public.%s (id integer PRIMARY KEY, t_id integer);" % q(u),
        "ALTER TABLE public.%s ADD CONSTRAINT %s FOREIGN KEY (t_id) REFERENCES %s.%s(%s);"
        % (q(u), q("<!-- fk --> & </svg>"), q(s), q(t), q("</text><script>x</script>")),
        "",
    ])


def strip_prolog(svg):
    at = svg.find(b"<svg")
    return svg[at:] if at >= 0 else svg


class Run(Script):
    timeout = 600

    def run(self, argv):
        return super().run(argv, text=False)

    def step(self, label, fn, *args):
        try:
            fn(*args)
        except Failure as e:
            self.failed += 1
            print("FAIL %s: %s" % (label, e))
        except Exception as e:  # a bug in the test is a failure too
            self.failed += 1
            print("FAIL %s: %s: %s" % (label, type(e).__name__, e))
        else:
            self.passed += 1
            print("ok   %s" % label)

    def diagram(self, dump, fmt, opts):
        rc, out, err = self.run([self.bin, "diagram", "-f", fmt] + opts + [dump])
        check(rc == 0, "diagram -f %s %s exited %d:\n%s" % (fmt, " ".join(opts), rc,
                                                           err))
        return out

    def check_svg(self, dump, opts, names):
        svg = self.diagram(dump, "svg", opts)
        check(svg.startswith(b"<svg "), "does not start with <svg: %r" % svg[:60])
        check(self.diagram(dump, "svg", opts) == svg, "two runs gave different bytes")
        dot = self.diagram(dump, "dot", opts)
        r = subprocess.run([shutil.which("dot") or "dot", "-Tsvg"], input=dot,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        check(r.returncode == 0, "dot -Tsvg exited %d: %s" % (r.returncode, r.stderr[-500:]))
        want = strip_prolog(r.stdout)
        if svg != want:
            import difflib
            diff = "\n".join(list(difflib.unified_diff(
                want.decode(errors="replace").splitlines(),
                svg.decode(errors="replace").splitlines(), "dot -Tsvg", "diagram -f svg",
                lineterm=""))[:30])
            raise Failure("differs from dot -Tsvg:\n%s" % diff)
        try:
            root = ET.fromstring(svg)
        except ET.ParseError as e:
            raise Failure("not well-formed XML: %s" % e)
        tags = {el.tag[len(SVG_NS):] if el.tag.startswith(SVG_NS) else el.tag
                for el in root.iter()}
        check(tags <= DRAWING, "elements beyond SVG's drawing ones: %s" % sorted(tags - DRAWING))
        if names is not None:
            texts = {"".join(el.itertext()) for el in root.iter(SVG_NS + "text")}
            missing = diagrams.missing_from(texts, names, "dot")
            check(not missing, "%d of %d names not shown exactly: %r"
                  % (len(missing), len(names), [diagrams.shown(m, "dot") for m in missing][:10]))

    def expected(self, dump):
        rc, out, err = self.run([self.bin, "inspect", "--format", "json", dump])
        check(rc == 0, "inspect exited %d" % rc)
        d = json.loads(out.decode("utf-8"))
        want = set()
        for t in d["tables"]:
            want.add(t["schema"] + "." + t["name"])
            for c in t["columns"]:
                want.add(c["name"])
                want.add(c["type"])
            for fk in t["foreign_keys"]:
                want.add(fk["name"])
        return d, want

    def check_dump(self, name, dump):
        d, names = self.expected(dump)
        if not d["tables"]:
            return
        self.step("%s svg" % name, self.check_svg, dump, [], None)
        self.step("%s svg --partitions: every name as text" % name, self.check_svg, dump,
                  ["--partitions"], names)
        self.step("%s svg --keys-only" % name, self.check_svg, dump, ["--keys-only"], None)
        t = d["tables"][0]
        pattern = '"%s"."%s"' % (t["schema"].replace('"', '""'), t["name"].replace('"', '""'))
        self.step("%s svg --around its first table" % name, self.check_svg, dump,
                  ["--partitions", "--around", pattern], None)

    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-diagram-svg-")
        dumps = [(Path(p).stem, p) for p in sorted(glob.glob(str(REPO / "samples" / "*.sql")))]
        for name, text in (("stress-names", test_diagram.stress_dump()),
                           ("markup-names", markup_dump())):
            path = os.path.join(self.tmp, name + ".sql")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            dumps.append((name, path))
        pub = os.environ.get("PUBLIC_DUMPS", str(REPO.parent / "shared" / "dumps" / "public"))
        for p in sorted(glob.glob(os.path.join(pub, "*.sql")) +
                        glob.glob(os.path.join(pub, "*.sql.gz"))):
            dumps.append((os.path.basename(p), p))
        try:
            for name, dump in dumps:
                self.check_dump(name, dump)
            # the markup names, in the SVG's text and nowhere as markup
            self.step("markup names are text", self.check_markup,
                      os.path.join(self.tmp, "markup-names.sql"))
        finally:
            self.drop_tmp()

    def check_markup(self, dump):
        svg = self.diagram(dump, "svg", [])
        root = ET.fromstring(svg)
        texts = {"".join(el.itertext()) for el in root.iter(SVG_NS + "text")}
        for want in ("<script>alert(1)</script>.<img src=x onerror=alert(2)>",
                     "</text><script>x</script>", "&amp;&#60;", "<!-- fk --> & </svg>",
                     "public.a&b \"q\" 'q'", "\u65e5\u672c\u8a9e \U0001f418 \u00e9",
                     "ctl\\x01\\x1b[31m\\x7f"):
            check(want in texts, "no <text> %r" % want)
        check(b"<script" not in svg, "a raw <script in the SVG")


def main(argv=None):
    return script_main("diagram-svg", __doc__, Run, argv, keep_help="keep the dumps")


if __name__ == "__main__":
    script_exit("diagram-svg", main)
