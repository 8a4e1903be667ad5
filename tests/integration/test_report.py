#!/usr/bin/python3
"""test_report: the HTML report opened in Debian's headless Chromium.

    /usr/bin/python3 tests/integration/test_report.py --bin build/pgbaseline [--keep] [-v]
        [--screens DIR]

For every sample, a hostile-names fixture (data/report_hostile.sql) and a few
public dumps, `pgbaseline report DUMP -o r.html` is opened in /usr/bin/chromium
(--headless) and:

- no network request: Chromium runs with --proxy-server pointing at a local
  Python proxy that records every request it is sent (loopback included,
  --proxy-bypass-list=<-loopback>); a control page that does fetch an image
  must be recorded, so the proxy is known to see requests;
- no console message at all (errors, CSP violations, uncaught exceptions are
  all console messages in Chromium's --enable-logging=stderr output); the
  control page's console.error must be seen;
- every table name (from `inspect --format json`, as escape_char shows it) is
  in the rendered page's text (--dump-dom, parsed as HTML);
- search works: opened with #selftest the page's script searches for each
  table (a sample of 200 at most) and filters by schema and findings, and
  writes PASS or FAIL into #selftest-result; opened with #search=NAME the
  table's row is shown and a row without NAME is hidden;
- hostile names are text: the rendered DOM holds one <script> (the page's),
  no <img>, no element named by the fixture, and the fixture's names are in
  the text exactly (<script>alert(1)</script> as those characters);
- a screenshot of each report is written to --screens DIR (default: a temp
  directory, kept with --keep) for a reader to look at.

No database is needed: the ground truth is what the dump defines (inspect's
JSON) and what Chromium renders.  Closing line: `report: N passed, M
failed`; exit status 1 when anything failed.
"""

import html.parser
import http.server
import json
import os
import re
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from pgharness import Script, script_exit, script_main  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PUBLIC = "/work/shared/dumps/public"
PUBLIC_DUMPS = ["neon-pagila.sql", "neon-chinook.sql", "graphile-starter-schema.sql",
                "discourse-restore-pg15.14.sql"]


# Chromium's own services, which it calls whatever page it opens (component
# updates, time, accounts) even with --disable-background-networking: not the
# page's requests.  A report holds no URL at all (tests/cli/t_report.sh checks).
BROWSER_HOSTS = re.compile(r"^(https?://)?([a-z0-9-]+\.)*(google\.com|googleapis\.com|gvt1\.com|"
                           r"gstatic\.com)(:\d+)?(/|$)")


class Recorder(http.server.BaseHTTPRequestHandler):
    """A proxy that answers 502 to everything and records what it was asked
    (Chromium's own service calls apart)."""
    seen = []

    def _record(self):
        if not BROWSER_HOSTS.match(self.path):
            Recorder.seen.append("%s %s" % (self.command, self.path))
        self.send_response(502)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_CONNECT = do_PUT = do_OPTIONS = _record

    def log_message(self, *a):
        pass


class Proxy(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def visible(name):
    """name as escape_char() shows it (escape.c)."""
    out = []
    for ch in name:
        c = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif c < 0x20 or c == 0x7f:
            out.append("\\x%02x" % c)
        elif (0x80 <= c <= 0x9f or c in (0x061c, 0x200b, 0x200e, 0x200f, 0x2060, 0xfeff)
              or 0x2028 <= c <= 0x202e or 0x2066 <= c <= 0x2069):
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    return "".join(out)


class DomText(html.parser.HTMLParser):
    """The text of a document (script and style left out) and the tags it holds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.tags = {}
        self.skip = 0
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attrs.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def parse(dom):
    p = DomText()
    p.feed(dom)
    return p


class Run(Script):
    def __init__(self, args):
        super().__init__(args)
        self.proxy = None
        self.screens = None

    def chromium(self, url, *extra, timeout=120):
        """Chromium's stdout and its console lines (a list) for url."""
        profile = tempfile.mkdtemp(dir=self.tmp)
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
               "--user-data-dir=" + profile, "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-default-apps", "--disable-extensions",
               "--proxy-server=http://127.0.0.1:%d" % self.proxy.server_address[1],
               "--proxy-bypass-list=<-loopback>", "--enable-logging=stderr", "--v=0"]
        cmd += list(extra) + [url]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        err = p.stderr.decode("utf-8", "replace")
        console = [l for l in err.splitlines() if ":CONSOLE" in l]
        return p.stdout.decode("utf-8", "replace"), console

    def controls(self):
        """The proxy sees a fetch and the console lines show console.error."""
        page = os.path.join(self.tmp, "control.html")
        with open(page, "w") as f:
            f.write('<!DOCTYPE html><html><body><img src="http://example.invalid/x.png">'
                    '<script>console.error("control-error")</script></body></html>')
        Recorder.seen.clear()
        _, console = self.chromium("file://" + page, "--dump-dom")
        self.check("control: the proxy records a page's fetch", Recorder.seen,
                   "the proxy saw nothing: a report's silence would prove nothing")
        self.check("control: a console.error is seen",
                   any("control-error" in l for l in console), "no console line seen")
        Recorder.seen.clear()

    def check(self, name, ok, why):
        if ok:
            self.ok(name)
        else:
            self.fail(name, why)

    def report_of(self, label, dump):
        out = os.path.join(self.tmp, label + ".html")
        rc, _, err = self.run([self.bin, "report", "-q", "--force", "-o", out, dump])
        if rc != 0:
            self.fail("%s: report written" % label, "exit %d: %s" % (rc, err))
            return None, None
        rc, jout, err = self.inspect(["-q", dump])
        tables = [(t["schema"], t["name"]) for t in json.loads(jout)["tables"]]
        return out, tables

    def one(self, label, dump, hostile=False):
        path, tables = self.report_of(label, dump)
        if path is None:
            return
        url = "file://" + path
        Recorder.seen.clear()
        dom, console = self.chromium(url, "--dump-dom")
        shot = os.path.join(self.screens, label + ".png")
        self.chromium(url, "--screenshot=" + shot, "--window-size=1400,1000",
                      "--hide-scrollbars")
        if tables:
            self.chromium(url + "#t0", "--screenshot=" + os.path.join(
                self.screens, label + "-table.png"), "--window-size=1400,1400",
                "--hide-scrollbars")
        st, console2 = self.chromium(url + "#selftest", "--dump-dom")
        self.check("%s: no network request" % label, not Recorder.seen,
                   "requests: %s" % Recorder.seen[:5])
        self.check("%s: no console message" % label, not console and not console2,
                   "; ".join((console + console2)[:5]))
        doc = parse(dom)
        text = "".join(doc.text)
        missing = ["%s.%s" % t for t in tables
                   if visible(t[0]) not in text or visible(t[1]) not in text]
        self.check("%s: every table name (%d) in the rendered text" % (label, len(tables)),
                   not missing, "missing: %s" % missing[:5])
        m = re.search(r'id="selftest-result"[^>]*>([^<]*)<', st)
        self.check("%s: the page's search self-test passes" % label,
                   m is not None and m.group(1).startswith("PASS"),
                   m.group(1) if m else "no #selftest-result")
        self.check("%s: one script element, no img, iframe or object" % label,
                   doc.tags.get("script") == 1 and not doc.tags.get("img")
                   and not doc.tags.get("iframe") and not doc.tags.get("object"),
                   "tags: %s" % {k: v for k, v in doc.tags.items()
                                 if k in ("script", "img", "iframe", "object")})
        if len(tables) >= 2:
            # #search=NAME shows its row and hides one without NAME
            name = max((t[1] for t in tables), key=len)
            sdom, _ = self.chromium(url + "#search=" + urlquote(name), "--dump-dom")
            rows = [a for tag, a in parse(sdom).attrs if tag == "tr" and "data-n" in a]
            shown = [a["data-n"] for a in rows if "hidden" not in a]
            hidden = [a["data-n"] for a in rows if "hidden" in a]
            self.check("%s: #search= shows the table searched for and hides others" % label,
                       name in shown and hidden
                       and all(name.lower() in a.get("data-q", "").lower()
                               for a in rows if "hidden" not in a),
                       "shown %s, hidden %d" % (shown[:5], len(hidden)))
        if hostile:
            for n in ("<script>alert(1)</script>", "</script><img src=x onerror=alert(2)>",
                      "<b>s</b>", "<u>role</u>", "t&lt;", 'a"q\'&amp;'):
                self.check("%s: %r shown as text" % (label, n), n in text, "not in the text")
            self.check("%s: no element named by the fixture" % label,
                       not any(doc.tags.get(t) for t in ("b", "u", "i", "img")),
                       "tags: %s" % doc.tags)

    def main(self):
        if not os.access(CHROMIUM, os.X_OK):
            self.fail("chromium", "%s is not installed" % CHROMIUM)
            return
        self.tmp = tempfile.mkdtemp(prefix="pgbaseline-report.")
        self.screens = self.args.screens or os.path.join(self.tmp, "screens")
        os.makedirs(self.screens, exist_ok=True)
        self.proxy = Proxy(("127.0.0.1", 0), Recorder)
        threading.Thread(target=self.proxy.serve_forever, daemon=True).start()
        try:
            self.controls()
            for s in sorted(os.listdir(os.path.join(ROOT, "samples"))):
                if s.endswith(".sql"):
                    self.one(s[:-4], os.path.join(ROOT, "samples", s))
            self.one("report_hostile", os.path.join(HERE, "data", "report_hostile.sql"),
                     hostile=True)
            for d in PUBLIC_DUMPS:
                p = os.path.join(PUBLIC, d)
                if os.path.exists(p):
                    self.one(d.rsplit(".", 1)[0], p)
        finally:
            self.proxy.shutdown()
            print("report: screenshots in %s" % self.screens)
            if not self.args.keep and not self.args.screens:
                shutil.rmtree(self.tmp, ignore_errors=True)


def urlquote(s):
    from urllib.parse import quote
    return quote(s, safe="")


def make_run(args):
    return Run(args)


if __name__ == "__main__":
    extra = sys.argv
    screens = None
    if "--screens" in extra:
        i = extra.index("--screens")
        screens = extra[i + 1]
        del extra[i:i + 2]

    def make(args):
        args.screens = screens
        return Run(args)

    script_exit("report", lambda: script_main("report", __doc__, make))
