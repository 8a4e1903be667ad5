#!/usr/bin/python3
"""test_archives: pg_dump's custom, directory and tar archives, read directly.

Usage: test_archives.py --bin PATH [--keep] [--verbose]

A throwaway PostgreSQL 15 (pgharness) restores samples/shop-full.sql,
samples/hostile-full.sql and a small database of awkward table data, and the
real pg_dump writes each of them as a plain script and as archives: -Fc
(default compression, -Z0, -Z9, and written to a pipe, so without data
offsets), -Fd (default compression and -Z0), -Ft, and -Fc/-Fp with --inserts.
`pgbaseline inspect --format json` of every archive must equal that of the
plain script byte for byte, apart from the "source" block.

Then broken archives, made from the real ones: a custom archive cut at many
points, a corrupt integer size, an absurd string length, a TOC pointing past
the end, a tar without toc.dat, a cut tar, a directory without toc.dat or
missing a data file.  Each must exit 2 with a message naming the file, and
never crash.

Prints `archives: N passed, M failed`; exits 1 when something failed.
Standard library only.
"""

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from pgharness import PgCluster, Script  # noqa: E402

SAMPLES = ["shop-full", "hostile-full"]

# Table data that a line counter could get wrong: empty lines (a row of one
# empty string), backslashes, escaped newlines, "\." inside a value, many rows.
EDGE_SQL = r"""
CREATE TABLE public.empty_strings (v text);
INSERT INTO public.empty_strings VALUES (''), (''), ('');
CREATE TABLE public.awkward (id int PRIMARY KEY, v text);
INSERT INTO public.awkward VALUES (1, E'line\nbreak'), (2, E'back\\slash'), (3, E'\\.'),
    (4, E'tab\there'), (5, NULL);
CREATE TABLE public.nothing (id int);
CREATE TABLE public.many (id int PRIMARY KEY, t text);
INSERT INTO public.many SELECT g, md5(g::text) FROM generate_series(1, 60000) g;
CREATE SCHEMA "Odd Schema";
CREATE TABLE "Odd Schema"."Mixed ""Case"" Table" ("Col" int);
INSERT INTO "Odd Schema"."Mixed ""Case"" Table" VALUES (1), (2);
-- Backslashes in what the server deparses (pg_get_expr, pg_get_viewdef): a
-- dump taken with standard_conforming_strings off doubles them, without E''.
CREATE TABLE public.backslashes (
    a text DEFAULT 'one\two' CHECK (a <> 'x\y'),
    b text DEFAULT E'tab\there\\'
);
CREATE INDEX backslashes_a_idx ON public.backslashes (a) WHERE a <> 'w\z';
CREATE VIEW public.backslash_view AS SELECT a || '\' AS a2 FROM public.backslashes;
COMMENT ON TABLE public.backslashes IS 'it''s a \ backslash';
"""


class Runner(Script):
    def inspect(self, path, input=None):
        return super().inspect([path], input=input)


def without_source(text):
    """The JSON text with its top-level "source" block cut out (it names the file)."""
    return re.sub(r'\n  "source": \{\n(?:    [^\n]*\n)*?  \},\n', "\n", text, count=1)


def source_block(text):
    m = re.search(r'\n  "source": \{\n((?:    [^\n]*\n)*?)  \},\n', text)
    return m.group(1) if m else ""


def expect_same_model(run, label, rc, got, err, want, source_check=None):
    """Pass when pgbaseline exited 0, its JSON equals `want` apart from the
    source block, and `source_check(got)`, when given, finds nothing wrong
    (it returns a message, or None)."""
    if rc != 0:
        run.fail(label, "exit %d\n%s" % (rc, err))
        return
    if without_source(got) != without_source(want):
        run.fail(label, first_diff(without_source(want), without_source(got)))
        return
    problem = source_check(got) if source_check else None
    if problem:
        run.fail(label, problem)
    else:
        run.ok(label)


def first_diff(a, b):
    la, lb = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return "line %d:\n  plain:   %s\n  archive: %s" % (i + 1, x, y)
    return "lengths differ: %d vs %d lines" % (len(la), len(lb))


# --------------------------------------------------------------------------
# Making the dumps

def pg_dump(pg, db, args, out):
    argv = [os.path.join(pg.bindir, "pg_dump"), "-d", db] + args
    if out is None:
        return subprocess.run(argv, env=pg._env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=300)
    return subprocess.run(argv + ["-f", out], env=pg._env(), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=300)


def make_database(pg, db, sample):
    pg.createdb(db)
    if sample is None:
        ok, _, err = pg.psql(db, EDGE_SQL)
    else:
        ok, err = pg.psql_file(db, os.path.join(ROOT, "samples", sample + ".sql"))
    if not ok:
        raise RuntimeError("restoring %s failed: %s" % (sample or "edge data", err[-2000:]))


# (name, pg_dump args, written to a pipe?)
VARIANTS = [
    ("custom", ["-Fc"], False),
    ("custom -Z0", ["-Fc", "-Z0"], False),
    ("custom -Z9", ["-Fc", "-Z9"], False),
    ("custom to a pipe", ["-Fc"], True),
    ("directory", ["-Fd"], False),
    ("directory -Z0", ["-Fd", "-Z0"], False),
    ("tar", ["-Ft"], False),
]


def check_equal(run, pg, work, db):
    plain = os.path.join(work, db + ".sql")
    r = pg_dump(pg, db, ["-Fp"], plain)
    if r.returncode != 0:
        run.fail("%s: plain pg_dump" % db, r.stderr.decode(errors="replace"))
        return {}, None
    rc, want, err = run.inspect(plain)
    if rc != 0:
        run.fail("%s: inspect of the plain dump" % db, err)
        return {}, None
    made = {}
    for name, args, to_pipe in VARIANTS:
        out = os.path.join(work, "%s-%s" % (db, re.sub(r"[^a-z0-9]+", "_", name)))
        if to_pipe:
            r = pg_dump(pg, db, args, None)
            with open(out, "wb") as f:
                f.write(r.stdout)
        else:
            r = pg_dump(pg, db, args, out)
        label = "%s: %s" % (db, name)
        if r.returncode != 0:
            run.fail(label, "pg_dump failed: " + r.stderr.decode(errors="replace"))
            continue
        made[name] = out
        rc, got, err = run.inspect(out)
        expect_same_model(run, label, rc, got, err, want, lambda got: (
            "source block does not name the archive format:\n" + source_block(got)
            if '"dump_format": "plain"' in source_block(got) else None))
    return made, want


def check_piped_archives(run, db, made, plain_json):
    """`pg_dump -Fc | pgbaseline inspect -` and the same with -Ft: an archive
    on standard input (a real pipe) reads like the file, and the source
    block names "-"."""
    if plain_json is None:
        return
    for name in ("custom", "custom to a pipe", "tar"):
        if name not in made:
            continue
        label = "%s: %s, read from a pipe" % (db, name)
        with open(made[name], "rb") as f:
            data = f.read()
        rc, got, err = run.inspect("-", input=data)

        def names_stdin_archive(got):
            src = source_block(got)
            if '"file": "-"' not in src or '"dump_format": "plain"' in src:
                return "source block should name - and the archive format:\n" + src
            return None

        expect_same_model(run, label, rc, got, err, plain_json, names_stdin_archive)


def check_std_strings_off(run, pg, work, db, plain_json):
    """A dump taken with standard_conforming_strings off (a legacy server
    setting: pg_dump then writes SET standard_conforming_strings = off, and
    the server's deparsed defaults, checks and views double each backslash
    without an E) reads the same as the dump taken with it on."""
    if plain_json is None:
        return
    out = os.path.join(work, db + "-scs-off.sql")
    argv = [os.path.join(pg.bindir, "pg_dump"), "-d", db, "-f", out]
    env = dict(pg._env(), PGOPTIONS="-c standard_conforming_strings=off")
    label = "%s: dump taken with standard_conforming_strings off" % db
    r = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    if r.returncode != 0:
        run.fail(label, "pg_dump failed: " + r.stderr.decode(errors="replace"))
        return
    with open(out, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if "SET standard_conforming_strings = off;" not in text:
        run.fail(label, "pg_dump did not write the setting off; the test proves nothing")
        return
    rc, got, err = run.inspect(out)
    expect_same_model(run, label, rc, got, err, plain_json)


def check_plain_forms(run, pg, work, db, plain_json):
    """The plain dump compressed with gzip, zstd and lz4 reads the same; the
    schema-only dump reads the same apart from row counts (it has no data)."""
    if plain_json is None:
        return
    plain = os.path.join(work, db + ".sql")
    gz = plain + ".gz"
    with open(plain, "rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    forms = [("plain gzip", gz)]
    for tool, suffix in (("zstd", ".zst"), ("lz4", ".lz4")):
        if shutil.which(tool) is None:
            print("skip %s: plain %s (the %s tool is not installed)" % (db, tool, tool))
            continue
        out = plain + suffix
        # Both tools take "-q -f INPUT OUTPUT" (lz4 has no -o).
        subprocess.run([tool, "-q", "-f", plain, out], check=True)
        forms.append(("plain " + tool, out))
    for name, path in forms:
        label = "%s: %s" % (db, name)
        rc, got, err = run.inspect(path)
        expect_same_model(run, label, rc, got, err, plain_json)

    schema_only = os.path.join(work, db + "-schema.sql")
    if pg_dump(pg, db, ["-Fp", "--schema-only"], schema_only).returncode != 0:
        run.fail("%s: schema-only pg_dump" % db, "pg_dump failed")
        return
    rc, got, err = run.inspect(schema_only)
    no_rows = lambda text: re.sub(r'\n( *)"rows": (?:\d+|null),', r'\n\1"rows": X,', text)
    label = "%s: schema-only dump = full dump (apart from row counts)" % db
    if rc != 0:
        run.fail(label, "exit %d\n%s" % (rc, err))
    elif no_rows(without_source(got)) != no_rows(without_source(plain_json)):
        run.fail(label, first_diff(no_rows(without_source(plain_json)), no_rows(without_source(got))))
    else:
        run.ok(label)


def check_inserts(run, pg, work, db):
    """--inserts: the data is INSERT statements; their rows are counted alike both ways
    (null for a table with none)."""
    plain = os.path.join(work, db + "-inserts.sql")
    arch = os.path.join(work, db + "-inserts.dump")
    if pg_dump(pg, db, ["-Fp", "--inserts"], plain).returncode or \
            pg_dump(pg, db, ["-Fc", "--inserts"], arch).returncode:
        run.fail("%s: --inserts" % db, "pg_dump failed")
        return
    _, want, _ = run.inspect(plain)
    rc, got, err = run.inspect(arch)
    counted = re.search(r'"rows": [1-9]', want) is not None
    if not counted:
        run.fail("%s: custom --inserts" % db, "no table's INSERT rows were counted")
    elif rc == 0 and without_source(got) == without_source(want):
        run.ok("%s: custom --inserts" % db)
    else:
        run.fail("%s: custom --inserts" % db, err or first_diff(without_source(want), without_source(got)))


# --------------------------------------------------------------------------
# Other archive versions, rewritten from pg_dump 15's 1.14 custom archive
#
# Only PostgreSQL 15 is installed, so the header and TOC layouts of pg_dump
# 9.6 to 18 are made by rewriting a real archive: 1.12 (no table access
# method; without the SEARCHPATH entry that 9.6.8+ added, so each entry
# relies on `SET search_path = <schema>, pg_catalog`), 1.13 (the same with
# SEARCHPATH), 1.15 (the compression algorithm as a byte) and 1.16 (plus a
# relkind integer per entry).  The data blocks are kept and their offsets
# moved by the change in the TOC's length.

class ArchiveReader:
    def __init__(self, data):
        self.d = data
        self.p = 0

    def byte(self):
        self.p += 1
        return self.d[self.p - 1]

    def int(self):
        sign = self.byte()
        v = int.from_bytes(self.d[self.p:self.p + 4], "little")
        self.p += 4
        return -v if sign else v

    def str(self):
        n = self.int()
        if n < 0:
            return None
        self.p += n
        return self.d[self.p - n:self.p]


def parse_custom_1_14(data, fmt=1):
    """Header, entries, the bytes after the TOC, and where the TOC ends.
    fmt 1: a custom archive; 3: a directory archive's toc.dat."""
    r = ArchiveReader(data)
    assert data[:5] == b"PGDMP" and data[5:8] == bytes([1, 14, 0]), "not a 1.14 archive"
    assert data[8] == 4 and data[9] == 8 and data[10] == fmt
    r.p = 11
    head = {"level": r.int(), "time": [r.int() for _ in range(7)],
            "strs": [r.str(), r.str(), r.str()]}
    entries = []
    for _ in range(r.int()):
        e = {}
        e["id"], e["had"] = r.int(), r.int()
        e["toid"], e["oid"], e["tag"], e["desc"] = r.str(), r.str(), r.str(), r.str()
        e["section"] = r.int()
        for k in ("defn", "drop", "copy", "ns", "tblspc", "am", "owner", "oids"):
            e[k] = r.str()
        deps = []
        while True:
            x = r.str()
            if x is None:
                break
            deps.append(x)
        e["deps"] = deps
        if fmt == 1:
            e["flag"] = r.byte()
            e["off"] = int.from_bytes(data[r.p:r.p + 8], "little")
            r.p += 8
        else:
            e["file"] = r.str()
        entries.append(e)
    return head, entries, data[r.p:], r.p


def w_int(v):
    return bytes([1 if v < 0 else 0]) + abs(v).to_bytes(4, "little")


def w_str(b):
    return w_int(-1) if b is None else w_int(len(b)) + b


def write_custom(head, entries, tail, version, delta, fmt=1, algorithm=None, offsets=None):
    minor = version[1]
    out = bytearray(b"PGDMP" + bytes(version) + bytes([4, 8, fmt]))
    if minor >= 15:
        out += bytes([algorithm if algorithm is not None else 0 if head["level"] == 0 else 1])
    else:
        out += w_int(head["level"])
    for v in head["time"]:
        out += w_int(v)
    for sv in head["strs"]:
        out += w_str(sv)
    out += w_int(len(entries))
    for e in entries:
        out += w_int(e["id"]) + w_int(e["had"])
        for k in ("toid", "oid", "tag", "desc"):
            out += w_str(e[k])
        out += w_int(e["section"])
        for k in ("defn", "drop", "copy", "ns", "tblspc"):
            out += w_str(e[k])
        if minor >= 14:
            out += w_str(e["am"])
        if minor >= 16:
            out += w_int(ord("r") if e["desc"] == b"TABLE" else 0)
        out += w_str(e["owner"]) + w_str(e["oids"])
        for x in e["deps"]:
            out += w_str(x)
        out += w_str(None)
        if fmt != 1:
            out += w_str(e["file"])
            continue
        off = e["off"] + delta if e["flag"] == 2 else e["off"]
        if offsets is not None and e["id"] in offsets:
            off = offsets[e["id"]] + delta
        out += bytes([e["flag"]]) + off.to_bytes(8, "little")
    return bytes(out) + tail


def rewrite_version(data, version, keep_searchpath):
    head, entries, tail, toc_end = parse_custom_1_14(data)
    if not keep_searchpath:
        entries = [e for e in entries if e["desc"] != b"SEARCHPATH"]
    first = write_custom(head, entries, tail, version, 0)
    delta = (len(first) - len(tail)) - toc_end
    return write_custom(head, entries, tail, version, delta)


def check_versions(run, work, db, made, plain_json):
    src = made.get("custom")
    if not src or plain_json is None:
        return
    with open(src, "rb") as f:
        data = f.read()
    for version, keep in (((1, 12, 0), False), ((1, 13, 0), True), ((1, 15, 0), True),
                          ((1, 16, 0), True)):
        label = "%s: custom archive rewritten as version %d.%d%s" % (
            db, version[0], version[1], "" if keep else " without SEARCHPATH")
        try:
            out = write(os.path.join(work, "%s-v%d_%d.dump" % ((db,) + version[:2])),
                        rewrite_version(data, version, keep))
        except (AssertionError, IndexError) as e:
            run.fail(label, "cannot rewrite: %s" % e)
            continue
        rc, got, err = run.inspect(out)
        want_version = '"archive_version": "%d.%d.%d"' % version
        expect_same_model(run, label, rc, got, err, plain_json, lambda got: (
            "source block lacks %s:\n%s" % (want_version, source_block(got))
            if want_version not in got else None))


# lz4 and zstd data (pg_dump 16+: -Z lz4, -Z zstd), made from -Z0 archives
# with the lz4 and zstd tools: the same frames pg_dump's compressors write.

def compress_tool(tool, data):
    r = subprocess.run([tool, "-q", "-c"], input=data, stdout=subprocess.PIPE, timeout=60)
    if r.returncode != 0:
        raise RuntimeError("%s failed" % tool)
    return r.stdout


def recompress_custom(data, tool, algorithm):
    """A -Z0 custom archive with each data block compressed by `tool`, cut into
    4000-byte chunks, as a 1.15 archive whose header names `algorithm`."""
    head, entries, tail, toc_end = parse_custom_1_14(data)
    r = ArchiveReader(tail)
    blocks = bytearray()
    offsets = {}
    while r.p < len(tail):
        start = r.p
        btype = r.byte()
        bid = r.int()
        assert btype == 1, "only table data blocks are rewritten"
        raw = bytearray()
        while True:
            n = r.int()
            if n == 0:
                break
            raw += tail[r.p:r.p + n]
            r.p += n
        assert r.p > start
        comp = compress_tool(tool, bytes(raw))
        offsets[bid] = len(blocks)
        blocks += bytes([btype]) + w_int(bid)
        for i in range(0, len(comp), 4000):
            blocks += w_int(len(comp[i:i + 4000])) + comp[i:i + 4000]
        blocks += w_int(0)
    first = write_custom(head, entries, bytes(blocks), (1, 15, 0), 0, 1, algorithm, offsets)
    delta = len(first) - len(blocks)
    return write_custom(head, entries, bytes(blocks), (1, 15, 0), delta, 1, algorithm, offsets)


def recompress_directory(src, dst, tool, suffix, algorithm):
    shutil.copytree(src, dst)
    with open(os.path.join(dst, "toc.dat"), "rb") as f:
        head, entries, tail, _ = parse_custom_1_14(f.read(), 3)
    for name in os.listdir(dst):
        if name.endswith(".dat") and name != "toc.dat":
            path = os.path.join(dst, name)
            with open(path, "rb") as f:
                comp = compress_tool(tool, f.read())
            write(path + suffix, comp)
            os.unlink(path)
    write(os.path.join(dst, "toc.dat"),
          write_custom(head, entries, tail, (1, 15, 0), 0, 3, algorithm))


def check_lz4_zstd(run, work, db, made, plain_json):
    if plain_json is None:
        return
    for tool, suffix, algorithm in (("lz4", ".lz4", 2), ("zstd", ".zst", 3)):
        if shutil.which(tool) is None:
            print("# %s not installed: %s archives not tested" % (tool, tool))
            continue
        cases = []
        if made.get("custom -Z0"):
            with open(made["custom -Z0"], "rb") as f:
                data = f.read()
            try:
                out = write(os.path.join(work, "%s-%s.dump" % (db, tool)),
                            recompress_custom(data, tool, algorithm))
                cases.append(("custom", out))
            except (AssertionError, RuntimeError) as e:
                run.fail("%s: custom -Z %s" % (db, tool), "cannot make it: %s" % e)
        if made.get("directory -Z0"):
            out = os.path.join(work, "%s-%s.dir" % (db, tool))
            recompress_directory(made["directory -Z0"], out, tool, suffix, algorithm)
            cases.append(("directory", out))
        for kind, out in cases:
            label = "%s: %s -Z %s (made with the %s tool)" % (db, kind, tool, tool)
            rc, got, err = run.inspect(out)
            expect_same_model(run, label, rc, got, err, plain_json, lambda got: (
                "compression not reported:\n" + source_block(got)
                if '"compression": "%s"' % tool not in got else None))


# --------------------------------------------------------------------------
# Broken archives

def expect_error(run, label, path, must_say=None):
    rc, _, err = run.inspect(path)
    problems = []
    if rc != 2:
        problems.append("exit %d, expected 2" % rc)
    if path not in err:
        problems.append("the message does not name %s" % path)
    if "error:" not in err:
        problems.append("no error message")
    if must_say and must_say not in err:
        problems.append("the message does not say %r" % must_say)
    if "Sanitizer" in err or "runtime error" in err:
        problems.append("sanitizer report")
    if problems:
        run.fail(label, "; ".join(problems) + "\n" + err[-1500:])
    else:
        run.ok(label)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def check_broken(run, work, made, dbname):
    bad = os.path.join(work, "bad")
    os.makedirs(bad, exist_ok=True)
    custom = made.get("custom")
    if custom:
        with open(custom, "rb") as f:
            data = f.read()
        # Cut inside the magic, the header, the TOC, the data, and one byte short.
        cuts = [3, 5, 9, 12, 40, 100, 300, len(data) // 4, len(data) // 2,
                len(data) * 3 // 4, len(data) - 40, len(data) - 1]
        for cut in cuts:
            p = write(os.path.join(bad, "cut-%d.dump" % cut), data[:cut])
            expect_error(run, "custom archive cut at byte %d of %d" % (cut, len(data)), p)

        d = bytearray(data)
        d[8] = 99  # intSize
        expect_error(run, "custom archive with integer size 99",
                     write(os.path.join(bad, "intsize.dump"), bytes(d)), "integer size")

        # The database name's length (the header's first string) made absurd:
        # 2^31-1.  A string is a sign byte, a 4-byte length, then the bytes.
        name = dbname.encode()
        i = data.find(b"\x00" + len(name).to_bytes(4, "little") + name)
        d = bytearray(data)
        d[i:i + 5] = b"\x00\xff\xff\xff\x7f"
        expect_error(run, "custom archive with an absurd string length",
                     write(os.path.join(bad, "strlen.dump"), bytes(d)), "claims")

        # A data offset moved past the end of the file: the first offset flag 2.
        d = bytearray(data)
        off = data.find(b"TABLE DATA")
        j = data.find(b"\x02", off)
        while j > 0 and data[j + 9] not in (0x00, 0x01):  # flag byte followed by 8 offset bytes
            j = data.find(b"\x02", j + 1)
        if j > 0:
            d[j + 1:j + 9] = (len(data) + 1000).to_bytes(8, "little")
            expect_error(run, "custom archive whose TOC points past the end",
                         write(os.path.join(bad, "offset.dump"), bytes(d)), "past the end")

    tar = made.get("tar")
    if tar:
        no_toc = os.path.join(bad, "no-toc.tar")
        with tarfile.open(tar) as src, tarfile.open(no_toc, "w", format=tarfile.USTAR_FORMAT) as dst:
            for m in src.getmembers():
                if m.name != "toc.dat":
                    dst.addfile(m, src.extractfile(m))
        expect_error(run, "tar without toc.dat", no_toc, "toc.dat")
        with open(tar, "rb") as f:
            data = f.read()
        for cut in (700, len(data) // 2):
            expect_error(run, "tar cut at byte %d" % cut,
                         write(os.path.join(bad, "cut-%d.tar" % cut), data[:cut]))

    directory = made.get("directory")
    if directory:
        empty = os.path.join(bad, "empty-dir")
        os.makedirs(empty, exist_ok=True)
        expect_error(run, "directory without toc.dat", empty, "toc.dat")
        partial = os.path.join(bad, "partial-dir")
        shutil.copytree(directory, partial)
        victims = sorted(n for n in os.listdir(partial) if n != "toc.dat")
        if victims:
            os.unlink(os.path.join(partial, victims[0]))
            expect_error(run, "directory missing a data file", partial, "missing data file")
        cut_toc = os.path.join(bad, "cut-toc-dir")
        shutil.copytree(directory, cut_toc)
        toc = os.path.join(cut_toc, "toc.dat")
        with open(toc, "rb") as f:
            data = f.read()
        write(toc, data[:len(data) // 2])
        expect_error(run, "directory with toc.dat cut in half", cut_toc)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the pgbaseline binary")
    ap.add_argument("--keep", action="store_true", help="keep the cluster and the files")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)

    run = Runner(args)
    work = tempfile.mkdtemp(prefix="pgb-archives-")
    # pg_dump runs as the invoking user, but -Fd creates its directory itself.
    os.chmod(work, 0o777)
    try:
        with PgCluster(keep=args.keep, verbose=args.verbose) as pg:
            shop_made = {}
            for sample in SAMPLES + [None]:
                db = (sample or "edge").replace("-", "_")
                try:
                    make_database(pg, db, sample)
                except RuntimeError as e:
                    run.fail("%s: restore" % db, str(e))
                    continue
                made, plain_json = check_equal(run, pg, work, db)
                check_versions(run, work, db, made, plain_json)
                check_lz4_zstd(run, work, db, made, plain_json)
                check_plain_forms(run, pg, work, db, plain_json)
                check_piped_archives(run, db, made, plain_json)
                check_std_strings_off(run, pg, work, db, plain_json)
                if sample == "shop-full":
                    shop_made = made
            check_inserts(run, pg, work, "shop_full")
            check_broken(run, work, shop_made, "shop_full")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("kept the files in %s" % work)

    print("archives: %d passed, %d failed" % (run.passed, run.failed))
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
