#!/usr/bin/python3
"""sarif_check.py: check a SARIF log against what the SARIF 2.1.0 schema
(sarif-schema-2.1.0.json, OASIS) requires, and what GitHub code scanning
reads, without the network.

Usage: sarif_check.py FILE   (exit 0 valid, 1 with each problem on stderr)
       or import check(doc) -> [problems]

The schema's required properties: sarifLog {version "2.1.0", runs}; run
{tool}; tool {driver}; toolComponent {name}; reportingDescriptor {id};
multiformatMessageString {text}; result {message}; message {text or id};
region startLine/startColumn >= 1; reportingConfiguration.level and
result.level in none/note/warning/error.  Code scanning also needs each
result's ruleId to be a driver rule, a location with an artifact URI, and
$schema naming 2.1.0.
"""
import json
import sys
from urllib.parse import urlsplit

LEVELS = {"none", "note", "warning", "error"}


def _message(obj, where, problems):
    if not isinstance(obj, dict):
        problems.append("%s: not an object" % where)
    elif not isinstance(obj.get("text"), str) and not isinstance(obj.get("id"), str):
        problems.append("%s: needs text or id" % where)


def _mfms(obj, where, problems):
    if obj is None:
        return
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        problems.append("%s: multiformatMessageString needs text" % where)


def check(doc):
    p = []
    if not isinstance(doc, dict):
        return ["the log is not an object"]
    if doc.get("version") != "2.1.0":
        p.append("version is not \"2.1.0\"")
    if "2.1.0" not in str(doc.get("$schema", "")):
        p.append("$schema does not name SARIF 2.1.0")
    runs = doc.get("runs")
    if not isinstance(runs, list):
        return p + ["runs is not an array"]
    for ri, run in enumerate(runs):
        w = "runs[%d]" % ri
        tool = run.get("tool") if isinstance(run, dict) else None
        driver = tool.get("driver") if isinstance(tool, dict) else None
        if not isinstance(driver, dict):
            p.append("%s.tool.driver missing" % w)
            continue
        if not isinstance(driver.get("name"), str) or not driver["name"]:
            p.append("%s.tool.driver.name missing" % w)
        ids = []
        for i, rule in enumerate(driver.get("rules", [])):
            rw = "%s.tool.driver.rules[%d]" % (w, i)
            if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
                p.append("%s.id missing" % rw)
                continue
            ids.append(rule["id"])
            for k in ("shortDescription", "fullDescription", "help"):
                _mfms(rule.get(k), "%s.%s" % (rw, k), p)
                if rule.get(k) is None:
                    p.append("%s.%s missing (code scanning shows it)" % (rw, k))
            cfg = rule.get("defaultConfiguration", {})
            if cfg.get("level", "warning") not in LEVELS:
                p.append("%s.defaultConfiguration.level %r" % (rw, cfg.get("level")))
        if len(set(ids)) != len(ids):
            p.append("%s: rule ids repeat" % w)
        results = run.get("results", [])
        if not isinstance(results, list):
            p.append("%s.results is not an array" % w)
            continue
        for i, res in enumerate(results):
            rw = "%s.results[%d]" % (w, i)
            if not isinstance(res, dict):
                p.append("%s: not an object" % rw)
                continue
            _message(res.get("message"), rw + ".message", p)
            if res.get("ruleId") not in ids:
                p.append("%s.ruleId %r is no driver rule" % (rw, res.get("ruleId")))
            ix = res.get("ruleIndex")
            if ix is not None and (not isinstance(ix, int) or ix < 0 or ix >= len(ids)
                                   or ids[ix] != res.get("ruleId")):
                p.append("%s.ruleIndex %r does not point at its rule" % (rw, ix))
            if res.get("level", "warning") not in LEVELS:
                p.append("%s.level %r" % (rw, res.get("level")))
            locs = res.get("locations")
            if not isinstance(locs, list) or not locs:
                p.append("%s.locations missing" % rw)
                continue
            for j, loc in enumerate(locs):
                pl = loc.get("physicalLocation", {}) if isinstance(loc, dict) else {}
                uri = pl.get("artifactLocation", {}).get("uri")
                if not isinstance(uri, str) or not uri:
                    p.append("%s.locations[%d]: no artifactLocation.uri" % (rw, j))
                elif any(c in uri for c in " \"<>\\^`{|}") or any(ord(c) < 0x21 or ord(c) > 0x7e for c in uri):
                    p.append("%s.locations[%d]: uri %r is not a URI reference" % (rw, j, uri))
                else:
                    urlsplit(uri)
                reg = pl.get("region")
                if reg is not None:
                    for k in ("startLine", "startColumn"):
                        v = reg.get(k)
                        if v is not None and (not isinstance(v, int) or v < 1):
                            p.append("%s.locations[%d].region.%s %r" % (rw, j, k, v))
    return p


def main():
    with open(sys.argv[1], "rb") as f:
        doc = json.loads(f.read().decode("utf-8"))
    problems = check(doc)
    for x in problems:
        print(x, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
