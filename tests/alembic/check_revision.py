#!/usr/bin/env python3
"""Check an Alembic baseline revision written by `pgbaseline baseline`.

Usage:
    check_revision.py FILE [--expect-strings JSON] [--revision REV] [--alembic]

Checks, in order, stopping at the first failure (exit status 1, with a
message naming what failed):

  - the file's bytes: valid UTF-8, no control character but newline, no
    invisible or bidirectional formatting character (text from the dump is
    escaped, so nothing it holds can reach the source raw);
  - it compiles (py_compile) and pyflakes reports nothing;
  - imported with importlib: revision is a str of at most 32 characters
    (equal to REV when given) that the file name starts with, then "_";
    down_revision, branch_labels and depends_on are None, the docstring
    names the revision, and upgrade() and downgrade() run and return None;
  - with --expect-strings: every string of the JSON list appears in the
    module's __doc__ exactly (pgbaseline's docstrings hold the dump's text
    as it was, control characters included; Python 3.13 and later expand
    tabs in docstrings when compiling, so a tab there matches spaces);
  - with --alembic: Alembic itself loads it: `python -m alembic init` into
    a temporary directory, the file copied into versions/, then
    `alembic heads` and `alembic history` must name the revision as head.

Exit status: 0 all checks passed, 1 a check failed, 2 usage error.
"""
import argparse
import importlib.util
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile

# Characters that must never appear raw in generated source: every C0
# control but newline, DEL, C1 controls, and the invisible and
# bidirectional formatting characters of "Trojan Source" (CVE-2021-42574).
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e"
    "\u2060\u2066-\u2069\ufeff]"
)


class CheckFailed(Exception):
    pass


def check_bytes(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CheckFailed("not valid UTF-8: %s" % e)
    for lineno, line in enumerate(text.split("\n"), 1):
        m = FORBIDDEN.search(line)
        if m:
            raise CheckFailed(
                "line %d: raw character U+%04X in the source: %r"
                % (lineno, ord(m.group()), line)
            )


def check_compiles(path):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            py_compile.compile(
                path, cfile=os.path.join(tmp, "x.pyc"), doraise=True
            )
        except py_compile.PyCompileError as e:
            raise CheckFailed("does not compile:\n%s" % e.msg)


def check_pyflakes(path):
    r = subprocess.run(
        [sys.executable, "-m", "pyflakes", path],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
    )
    if r.returncode != 0 or r.stdout.strip():
        raise CheckFailed(
            "pyflakes (exit %d) reported:\n%s" % (r.returncode, r.stdout)
        )


def load_module(path):
    spec = importlib.util.spec_from_file_location("pgb_revision_under_test", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as e:  # the module's own failure is what we report
        raise CheckFailed("import failed: %s: %s" % (type(e).__name__, e))
    return module


def check_module(module, path, revision):
    rev = getattr(module, "revision", None)
    if not isinstance(rev, str) or not rev:
        raise CheckFailed("revision is %r, not a non-empty str" % (rev,))
    if len(rev) > 32:
        raise CheckFailed("revision %r is longer than 32 characters" % rev)
    if revision is not None and rev != revision:
        raise CheckFailed("revision is %r, expected %r" % (rev, revision))
    if not os.path.basename(path).startswith(rev + "_"):
        raise CheckFailed(
            "file name %r does not start with the revision %r"
            % (os.path.basename(path), rev + "_")
        )
    for name in ("down_revision", "branch_labels", "depends_on"):
        if not hasattr(module, name):
            raise CheckFailed("%s is not defined" % name)
        if getattr(module, name) is not None:
            raise CheckFailed(
                "%s is %r, expected None" % (name, getattr(module, name))
            )
    doc = module.__doc__
    if not isinstance(doc, str):
        raise CheckFailed("the module has no docstring")
    if "\nRevision ID: %s\n" % rev not in doc:
        raise CheckFailed("the docstring has no 'Revision ID: %s' line" % rev)
    if not re.search(r"\nRevises: \n", doc):
        raise CheckFailed("the docstring has no 'Revises: ' line (with its space)")
    for name in ("upgrade", "downgrade"):
        fn = getattr(module, name, None)
        if not callable(fn):
            raise CheckFailed("%s() is not defined" % name)
        try:
            result = fn()
        except Exception as e:
            raise CheckFailed("%s() raised %s: %s" % (name, type(e).__name__, e))
        if result is not None:
            raise CheckFailed("%s() returned %r, expected None" % (name, result))


def doc_contains(doc, s):
    if s in doc:
        return True
    if "\t" in s and sys.version_info >= (3, 13):
        pattern = " {1,8}".join(re.escape(part) for part in s.split("\t"))
        return re.search(pattern, doc) is not None
    return False


def check_strings(module, json_path):
    with open(json_path, encoding="utf-8") as f:
        expected = json.load(f)
    if not isinstance(expected, list) or not all(
        isinstance(s, str) for s in expected
    ):
        raise CheckFailed("%s: expected a JSON list of strings" % json_path)
    missing = [s for s in expected if not doc_contains(module.__doc__, s)]
    if missing:
        raise CheckFailed(
            "%d of %d expected strings are not in __doc__:\n%s"
            % (
                len(missing),
                len(expected),
                "\n".join("  %r" % s for s in missing),
            )
        )
    return len(expected)


def run_alembic(args, cwd):
    r = subprocess.run(
        [sys.executable, "-m", "alembic"] + args,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
    )
    if r.returncode != 0:
        raise CheckFailed(
            "alembic %s failed (exit %d):\n%s"
            % (" ".join(args), r.returncode, r.stdout)
        )
    return r.stdout


def check_alembic(path, rev):
    """Alembic's own loader: `alembic heads` and `alembic history`."""
    with tempfile.TemporaryDirectory() as tmp:
        run_alembic(["init", "migrations"], tmp)
        versions = os.path.join(tmp, "migrations", "versions")
        os.makedirs(versions, exist_ok=True)
        shutil.copy(path, os.path.join(versions, os.path.basename(path)))
        heads = run_alembic(["heads"], tmp)
        if not re.search(r"^%s \(head\)" % re.escape(rev), heads, re.M):
            raise CheckFailed(
                "alembic heads does not show %s (head):\n%s" % (rev, heads)
            )
        history = run_alembic(["history"], tmp)
        if not re.search(r"^<base> -> %s \(head\)" % re.escape(rev), history, re.M):
            raise CheckFailed(
                "alembic history does not show <base> -> %s (head):\n%s"
                % (rev, history)
            )
        run_alembic(["history", "--verbose"], tmp)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check an Alembic baseline revision written by pgbaseline."
    )
    ap.add_argument("file")
    ap.add_argument(
        "--expect-strings",
        metavar="JSON",
        help="a JSON list of strings that must appear in __doc__ exactly",
    )
    ap.add_argument(
        "--revision", metavar="REV", help="the revision id the file must have"
    )
    ap.add_argument(
        "--alembic",
        action="store_true",
        help="also load the file with Alembic (heads, history)",
    )
    args = ap.parse_args(argv)

    path = args.file
    try:
        if not os.path.isfile(path):
            raise CheckFailed("no such file")
        check_bytes(path)
        check_compiles(path)
        check_pyflakes(path)
        module = load_module(path)
        check_module(module, path, args.revision)
        n = check_strings(module, args.expect_strings) if args.expect_strings else 0
        if args.alembic:
            check_alembic(path, module.revision)
    except CheckFailed as e:
        print("check_revision: %s: %s" % (path, e), file=sys.stderr)
        return 1
    print(
        "check_revision: %s: ok (revision %s%s%s)"
        % (
            path,
            module.revision,
            ", %d strings" % n if args.expect_strings else "",
            ", loaded by Alembic" if args.alembic else "",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
