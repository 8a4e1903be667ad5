"""Rendering pgbaseline's ER diagrams with the real tools, and reading the
text back out of the SVG they draw (used by test_diagram.py and
test_hostile.py).

    render(fmt, source_path, svg_path)   dot -Tsvg, or mmdc (Mermaid CLI)
    svg_texts(svg_path)                  {the text of every element}
    shown(s, fmt)                        s as the diagram (or, with fmt "text",
                                         the text report) shows it

The renderers must be there (tools/install-deps.sh test installs Graphviz,
Chromium, Node.js and, with `npm ci`, tests/diagram/node_modules): a missing
renderer is a failure, never a skip.  Mermaid CLI draws through Debian's
Chromium (tests/diagram/puppeteer-config.json: /usr/bin/chromium with
--no-sandbox, as the tests run as root).

The text of an element is all the character data inside it, once the XML
parser has decoded entities and character references: Graphviz writes a
cell as one <text>, Mermaid a label as one <p> (inside a <foreignObject>).
"""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
DIAGRAM_DIR = REPO / "tests" / "diagram"
MMDC = DIAGRAM_DIR / "node_modules" / ".bin" / "mmdc"
PUPPETEER_CONFIG = DIAGRAM_DIR / "puppeteer-config.json"
TIMEOUT = 180


class RenderError(Exception):
    pass


def render(fmt, source, svg):
    """Draw source (a .mmd or .dot file) into svg; RenderError when the
    renderer is missing, fails, or writes nothing."""
    if fmt == "dot":
        exe = shutil.which("dot")
        if not exe:
            raise RenderError("Graphviz dot is not installed (tools/install-deps.sh test)")
        argv = [exe, "-Tsvg", "-o", str(svg), str(source)]
    elif fmt == "mermaid":
        if not MMDC.exists():
            raise RenderError("%s is missing (tools/install-deps.sh test runs npm ci)" % MMDC)
        argv = [str(MMDC), "--quiet", "-p", str(PUPPETEER_CONFIG), "-i", str(source),
                "-o", str(svg)]
    else:
        raise ValueError(fmt)
    try:
        r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RenderError("%s timed out after %d s" % (argv[0], TIMEOUT))
    err = (r.stdout + r.stderr).decode(errors="replace").strip()
    if r.returncode != 0:
        raise RenderError("%s exited %d:\n%s" % (" ".join(argv), r.returncode, err[-3000:]))
    # Graphviz reports bad HTML-like labels as warnings and still exits 0
    if fmt == "dot" and re.search(r"(?i)\b(error|warning)\b", err):
        raise RenderError("dot complained:\n%s" % err[-3000:])
    if not Path(svg).is_file() or Path(svg).stat().st_size == 0:
        raise RenderError("%s wrote no SVG" % argv[0])


def svg_texts(svg):
    """The text content of every element of the SVG, as a set."""
    try:
        root = ET.parse(str(svg)).getroot()
    except ET.ParseError as e:
        raise RenderError("%s is not well-formed XML: %s" % (svg, e))
    return {"".join(el.itertext()) for el in root.iter()}


# ---- how the reports and diagrams show text (src/escape.c escape_char,
# src/diagram.c diagram_char) ----

# C1 controls, line and paragraph separators, invisible and bidirectional
# formatting: shown as \uXXXX; in diagrams U+FFFE and U+FFFF too (XML
# cannot carry them).
HIDDEN = re.compile("[\x80-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069"
                    "\ufeff]")
NOT_XML = "\ufffe\uffff"
SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def shown(s, fmt):
    """s as the rendered diagram shows it (fmt "mermaid" or "dot"), or the
    text and Markdown reports (fmt "text"): control characters as \\n, \\t,
    \\r or \\xHH, hidden characters as \\uXXXX; in Mermaid also the first
    character of the pairs U+FB02 U+00B0 and U+00B6 U+00DF, which Mermaid's
    renderer rewrites; in Graphviz's SVG the second and later spaces of a
    run are no-break spaces (U+00A0), which keep them visible."""
    out = []
    for i, ch in enumerate(s):
        c = ord(ch)
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if ch in SHORT:
            out.append(SHORT[ch])
        elif c < 0x20 or c == 0x7F:
            out.append("\\x%02x" % c)
        elif HIDDEN.match(ch) or (fmt != "text" and ch in NOT_XML):
            out.append("\\u%04x" % c)
        elif fmt == "dot" and ch == " " and i > 0 and s[i - 1] == " ":
            out.append("\u00a0")
        elif fmt == "mermaid" and (ch, nxt) in (("\ufb02", "\u00b0"), ("\u00b6", "\u00df")):
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    return "".join(out)


def missing_from(texts, wanted, fmt):
    """The strings of wanted (raw names) that no element of the SVG shows exactly."""
    return sorted({w for w in wanted if shown(w, fmt) not in texts})
