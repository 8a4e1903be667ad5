#!/usr/bin/python3
"""ER diagrams drawn by the real renderers: `pgbaseline diagram` in both
languages, rendered by Graphviz (`dot -Tsvg`) and by Mermaid CLI (`mmdc`,
through Debian's Chromium), and the names read back out of the SVG.

    /usr/bin/python3 tests/integration/test_diagram.py --bin build/pgbaseline [--keep] [-v]

Dumps: samples/shop.sql, samples/hostile.sql, and one written here whose
names are made to be misread by Mermaid and Graphviz: Markdown (**, _x_,
1., #, >, [](), `), KaTeX ($$...$$), Font Awesome (fa:fa-car), HTML tags and
entities, Mermaid's entity codes (#35;) and its own markers (U+FB02 U+00B0,
U+00B6 U+00DF), statements hidden in names (direction TB, style, classDef,
%% comments, end), keys (PK), Graphviz escapes (\\N, \\G, \\\\), runs of
spaces, non-ASCII spaces, control characters and U+FFFF.  For each dump
and language:

 1. `diagram -f FMT --partitions -o FILE` writes the same bytes as to
    stdout, twice (--partitions: every table is drawn);
 2. the renderer draws FILE without an error, into well-formed SVG;
 3. every table (as schema.table), column name, column type and foreign
    key name of `inspect --format json` is the whole text of some element
    of the SVG, as diagrams.shown() says it is shown (the visible escapes
    documented in pgbaseline(1));
 4. Mermaid: nothing was read as Markdown, HTML, KaTeX or an icon (no
    strong/em/a/img/script/i/code element, no katex class).

Closing line: `diagram: N passed, M failed`; exit status 1 when anything
failed.
"""

import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import diagrams  # noqa: E402
from pgharness import Failure, Script, check, script_exit, script_main  # noqa: E402
from diagrams import RenderError  # noqa: E402

REPO = HERE.parent.parent
TIMEOUT = 120

# Each at most 63 bytes (longer identifiers are truncated by PostgreSQL).
NAMES = [
    "_x_", "__init__", "**bold** text", "$$dollar$$", "$x$ and $$y$$",
    "<b>bold</b> <script>x</script>", "&amp; &lt; &#35; #35; #quot;",
    "fa:fa-car here", ":smile: http://www.example.com", "1. list", "- item",
    "# heading", "> quote", "a  two  spaces", "  leading and trailing  ",
    "back\\slash\\", "\\N \\G \\E \\n \\\\", 'tri"""ple and tri\'\'\'ple',
    "`tick` and ``two``", "~generic~ list~int~", "[link](http://x) ![i](y)",
    "a|b|c", "{brace} (paren) [bracket]", "\ufb02\u00b0x and \u00b6\u00df y",
    "\ufb02 \u00b0 \u00b6 \u00df alone", "nbsp\u00a0em\u2003ideo\u3000",
    "x direction TB y", "style e1 fill:#f9f;", "classDef foo fill:#f9f;",
    "%% comment", '%%{init: {"theme": "dark"}}%%', "accTitle: hi", "end",
    "one or more", "PK", "FK, UK", '"NOT NULL"', "bell\x07 del\x7f",
    "line\nfeed\r\ntab\t", "rlm\u200f lre\u202a", "nonchar\uffff",
    "\U0001f418 \u65e5\u672c", "ends with backslash\\",
]


def qident(s):
    return '"' + s.replace('"', '""') + '"'


def stress_dump():
    """A dump with every name of NAMES as a column, and some as a schema,
    table, type and foreign key name."""
    cols = ",\n    ".join("%s text" % qident(n) for n in NAMES)
    return "\n".join([
        "SET client_encoding = 'UTF8';",
        "CREATE SCHEMA %s;" % qident("s  direction TB"),
        "CREATE TYPE public.%s AS ENUM ('a');" % qident("**ty** $$x$$ <i>\\N"),
        "CREATE TABLE public.%s (\n    id integer NOT NULL,\n    mood public.%s,\n    %s\n);"
        % (qident("t $$1$$"), qident("**ty** $$x$$ <i>\\N"), cols),
        "ALTER TABLE ONLY public.%s ADD CONSTRAINT %s PRIMARY KEY (id);"
        % (qident("t $$1$$"), qident("pk_[x](y)")),
        "CREATE TABLE %s.%s (\n    id integer NOT NULL,\n    t_id integer\n);"
        % (qident("s  direction TB"), qident("style e1 fill:#f9f;")),
        "ALTER TABLE ONLY %s.%s ADD CONSTRAINT %s FOREIGN KEY (t_id) REFERENCES public.%s(id);"
        % (qident("s  direction TB"), qident("style e1 fill:#f9f;"),
           qident("fk %% \ufb02\u00b0 \u00b6\u00df #35; <b>\\G"), qident("t $$1$$")),
        "",
    ])


class Run(Script):
    timeout = TIMEOUT

    def run(self, argv):
        """Script.run with stdout as bytes (a diagram is decoded where it is read)."""
        return super().run(argv, text=False)

    def expected(self, dump):
        """schema.table, column names, types and foreign key names of the model."""
        rc, out, err = self.run([self.bin, "inspect", "--format", "json", dump])
        check(rc == 0, "inspect exited %d:\n%s" % (rc, err))
        d = json.loads(out.decode("utf-8"))
        want = set()
        for t in d["tables"]:
            want.add(t["schema"] + "." + t["name"])
            for c in t["columns"]:
                want.add(c["name"])
                want.add(c["type"])
            for fk in t["foreign_keys"]:
                want.add(fk["name"])
        check(len(d["tables"]) > 0, "no tables in %s" % dump)
        return d, want

    def check_diagram(self, name, dump, fmt):
        d, want = self.expected(dump)
        ext = "mmd" if fmt == "mermaid" else "dot"
        src = os.path.join(self.tmp, "%s.%s" % (name, ext))
        svg = os.path.join(self.tmp, "%s-%s.svg" % (name, fmt))
        # --partitions: every table drawn (partitions are collapsed by default)
        rc, out, err = self.run([self.bin, "diagram", "--format", fmt, "--partitions", dump])
        check(rc == 0, "diagram -f %s exited %d:\n%s" % (fmt, rc, err))
        rc, again, err = self.run([self.bin, "diagram", "-f", fmt, "--partitions", "-o", src,
                                   dump])
        check(rc == 0, "diagram -f %s -o exited %d:\n%s" % (fmt, rc, err))
        with open(src, "rb") as f:
            written = f.read()
        check(again == b"" and written == out, "-o FILE differs from stdout")
        rc, third, _ = self.run([self.bin, "diagram", "-f", fmt, "--partitions", dump])
        check(third == out, "two runs gave different bytes")
        try:
            diagrams.render(fmt, src, svg)
            texts = diagrams.svg_texts(svg)
        except RenderError as e:
            raise Failure(str(e))
        missing = diagrams.missing_from(texts, want, fmt)
        check(not missing, "%d of %d names not shown exactly: %r"
              % (len(missing), len(want), [diagrams.shown(m, fmt) for m in missing]))
        if fmt == "mermaid":
            self.check_not_interpreted(svg)
        return d

    def check_not_interpreted(self, svg):
        root = ET.parse(svg).getroot()
        bad = set()
        for el in root.iter():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag in ("strong", "em", "b", "i", "a", "img", "script", "code", "math", "ol",
                       "ul", "li", "h1", "h2", "blockquote"):
                bad.add(tag)
            if "katex" in (el.get("class") or ""):
                bad.add("katex")
        check(not bad, "Mermaid interpreted some text: %s elements" % sorted(bad))

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

    def check_stress_model(self, dump):
        d, _ = self.expected(dump)
        cols = [c["name"] for t in d["tables"] if t["name"] == "t $$1$$" for c in t["columns"]]
        check(cols[2:] == NAMES, "the stress dump's columns read back as %r" % cols)

    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-diagram-")
        stress = os.path.join(self.tmp, "names.sql")
        with open(stress, "w", encoding="utf-8", newline="") as f:
            f.write(stress_dump())
        try:
            self.step("stress dump read back", self.check_stress_model, stress)
            for name, dump in (("shop", str(REPO / "samples" / "shop.sql")),
                               ("hostile", str(REPO / "samples" / "hostile.sql")),
                               ("names", stress)):
                for fmt in ("mermaid", "dot"):
                    self.step("%s %s" % (name, fmt), self.check_diagram, name, dump, fmt)
        finally:
            self.drop_tmp()


def main(argv=None):
    return script_main("diagram", __doc__, Run, argv,
                       keep_help="keep the diagrams and SVGs")


if __name__ == "__main__":
    script_exit("diagram", main)
