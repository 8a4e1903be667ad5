#!/usr/bin/python3
"""check-layers.py: the pipeline calls one way.

Usage: tools/check-layers.py [--root DIR] BUILD_DIR   (BUILD_DIR relative to DIR)

Every file of src/ belongs to one stage (STAGES below, by name or by a
pattern such as emit_*; a file no entry names fails this check).  A stage may call and include only the
stages it lists as below it, and its own files; inside a stage the files
call each other without a cycle, except the builder's three statement
files, which share helpers through build_int.h.  Calls are read from the
object files (`nm`: a symbol one file uses and another defines), includes
from the sources.  Below the commands, no file writes to stderr or exits
(diag.c and pgb.c excepted, for usage errors and out of memory).  Exits 1 naming each call or include that runs the wrong
way and each cycle; prints one summary line.
"""
import collections
import fnmatch
import glob
import os
import re
import subprocess
import sys

# Stage: (its files, the stages it may call).  Bottom first.
STAGES = {
    "base": ("pgb arena strmap cleanup sqlident escape diag textquote hint datascan", ()),
    "input": ("input", ("base",)),
    "split": ("split", ("input", "base")),
    "archive": ("pgarchive arc_toc arc_data arc_script", ("input", "base")),
    "parse": ("pgparse dialect stmtsize", ("base",)),
    "model": ("model grants filter fingerprint stats", ("base",)),
    "build": ("build build_util build_table build_alter build_objects build_session build_dialect "
              "build_data build_drop build_rename build_named build_defacl build_canon typefmt", ("parse", "model", "split", "base")),
    "load": ("load psql", ("build", "archive", "split", "input", "parse", "model", "base")),
    "ddl": ("ddl ddl_*", ("model", "base")),
    "lint": ("lint lint_*", ("model", "base")),
    "compare": ("compare compare_* plan plan_*", ("ddl", "model", "base")),
    "emit": ("emit emit_* sink facts fkey diagram diagram_* security report report_* alembic_* baseline scaffold project atomicfile revision",
             ("compare", "ddl", "lint", "model", "base")),
    "cmd": ("cli commands cmd_* main", ("load", "emit", "compare", "ddl", "lint", "model", "base")),
}
# Files that may call each other in a loop: one node for the cycle check.
SIBLINGS = [{"build_table", "build_alter", "build_objects"}]
# Below the commands nothing prints or exits: diagnostics go to the caller's
# list.  Only these may: the usage errors of the command line and "out of
# memory" (diag.c), and xmalloc's "out of memory" (pgb.c).
PRINTS_OR_EXITS = {"stderr", "exit", "_exit"}
MAY_PRINT_OR_EXIT = {"diag", "pgb"}
# Headers named after no source file, and the stage they belong to.
HEADERS = {"pgb": "base", "ast": "parse", "nodefields": "parse", "build_int": "build",
           "pgarchive_int": "archive", "alembic_doc": "emit", "cmd_common": "cmd",
           "psql": "load", "lint_int": "lint"}


def stage_of(names):
    """The stage of each of names (sources' and headers' base names): the
    stage that lists it, or a pattern (fnmatch: emit_*) that matches it."""
    where = {}
    for name in names:
        for stage, (files, _) in STAGES.items():
            for f in files.split():
                if f == name or ("*" in f and fnmatch.fnmatchcase(name, f)):
                    where.setdefault(name, stage)
    return where


def symbols(obj):
    out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRCGV":
            defined.add(parts[2])
        elif len(parts) == 2 and parts[0] == "U":
            used.add(parts[1])
    return defined, used


def node(f):
    for group in SIBLINGS:
        if f in group:
            return "+".join(sorted(group))
    return f


def find_cycle(edges):
    """A cycle in {a: {b}} as a list, or None (iterative DFS)."""
    color = {}
    for start in sorted(edges):
        if color.get(start):
            continue
        stack = [(start, iter(sorted(edges.get(start, ()))))]
        path = [start]
        color[start] = 1
        while stack:
            n, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                color[n] = 2
                stack.pop()
                path.pop()
            elif color.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif not color.get(nxt):
                color[nxt] = 1
                stack.append((nxt, iter(sorted(edges.get(nxt, ())))))
                path.append(nxt)
    return None


def main():
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "--root":
        os.chdir(args[1])
        args = args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    build = args[0]
    allowed = {s: set(below) | {s} for s, (_, below) in STAGES.items()}
    problems = []
    sources = sorted(os.path.basename(p)[:-2] for p in glob.glob("src/*.c"))
    headers = [os.path.basename(p)[:-2] for p in glob.glob("src/*.h") + glob.glob("include/*.h")]
    where = stage_of(set(sources) | set(headers))
    for f in sources:
        if f not in where:
            problems.append(f"src/{f}.c: in no stage of tools/check-layers.py")
    owner, used = {}, {}
    for f in sources:
        obj = os.path.join(build, f + ".o")
        if not os.path.exists(obj):
            problems.append(f"{obj}: missing (build first)")
            continue
        defined, used[f] = symbols(obj)
        for s in defined:
            owner[s] = f
    for f in sorted(used):
        bad = sorted(used[f] & PRINTS_OR_EXITS)
        if bad and where.get(f) != "cmd" and f not in MAY_PRINT_OR_EXIT:
            problems.append(f"src/{f}.c ({where.get(f)}) uses {', '.join(bad)}: report to the "
                            "caller's diagnostics list instead")
    calls = collections.defaultdict(set)
    for f, syms in used.items():
        for s in syms:
            g = owner.get(s)
            if g and g != f:
                calls[f].add(g)
    n_calls = 0
    for f in sorted(calls):
        for g in sorted(calls[f]):
            n_calls += 1
            if f in where and g in where and where[g] not in allowed[where[f]]:
                problems.append(f"src/{f}.c ({where[f]}) calls src/{g}.c ({where[g]})")
    # Includes: a header belongs to its source file's stage, or to HEADERS'.
    inc = re.compile(r'^\s*#\s*include\s+"(?:\.\./\.\./src/)?([A-Za-z0-9_]+)\.h"', re.M)
    n_incs = 0
    header_edges = collections.defaultdict(set)
    for path in sorted(glob.glob("src/*.[ch]") + glob.glob("include/*.h")):
        name, ext = os.path.splitext(os.path.basename(path))
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        mine = where.get(name) or HEADERS.get(name)
        for h in inc.findall(text):
            n_incs += 1
            if ext == ".h":
                header_edges[name].add(h)
            theirs = where.get(h) or HEADERS.get(h)
            if theirs is None:
                problems.append(f"{path}: includes {h}.h, which is in no stage")
            elif mine and theirs not in allowed[mine]:
                problems.append(f"{path} ({mine}) includes {h}.h ({theirs})")
    cycle = find_cycle(header_edges)
    if cycle:
        problems.append("headers include each other: " + " -> ".join(h + ".h" for h in cycle))
    # No cycle of calls, the sibling group taken as one file.
    folded = collections.defaultdict(set)
    for f, gs in calls.items():
        for g in gs:
            if node(f) != node(g):
                folded[node(f)].add(node(g))
    cycle = find_cycle(folded)
    if cycle:
        problems.append("files call each other in a loop: " + " -> ".join(cycle))
    for p in problems:
        print("check-layers: " + p)
    print(f"layers: {len(sources)} files in {len(STAGES)} stages, {n_calls} calls and "
          f"{n_incs} includes read, {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
