#!/usr/bin/python3
"""test_lint: every lint finding is true of the restored database.

    /usr/bin/python3 tests/integration/test_lint.py --bin build/pgbaseline [--keep] [-v]

The fixture data/lint.sql holds, for each rule, an object the rule must find
(named pos_*) and a look-alike it must not (ok_*).  It is restored into a
throwaway PostgreSQL 15 (pgharness), dumped again with its pg_dump -s, and
`pgbaseline lint --enable table-without-comment --format json` of that dump
must (1) find every pos_* object under its rule, (2) find no ok_* object
under the rule it resembles, and (3) every finding, whatever its object, is
checked against pg_catalog: the table really has no primary key, the index
the foreign key lacks really is missing, the function really is SECURITY
DEFINER with no search_path in proconfig, and so on.  The SARIF of the same
dump must hold the SARIF 2.1.0 schema's required fields (sarif_check.py),
and each finding's line in the dump must start the statement creating its object.

Closing line: `lint: N passed, M failed`; exit status 1 when anything failed.
"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from pgharness import PgCluster, Script, script_exit, script_main  # noqa: E402
import sarif_check  # noqa: E402

FIXTURE = os.path.join(HERE, "data", "lint.sql")

# rule -> (objects it must find, objects it must not)
EXPECT = {
    "no-primary-key": (["lint.pos_nopk"], ["lint.ok_haspk"]),
    "fk-without-index": (["lint.pos_fkchild.pos_fkchild_p_fkey"],
                         ["lint.ok_fkchild.ok_fkchild_p_fkey", "lint.pos_mismatch.pos_mismatch_fk"]),
    "fk-type-mismatch": (["lint.pos_mismatch.pos_mismatch_fk"], ["lint.ok_match.ok_match_fk"]),
    "redundant-index": (["lint.pos_ix_a", "lint.pos_ix_id"],
                        ["lint.ok_ix_ab", "lint.ok_ix_a_partial", "lint.ok_ix_b_hash"]),
    "int-primary-key": (["lint.ok_intparent.id"], ["lint.ok_haspk.id"]),
    "timestamp-without-time-zone": (["lint.ok_times.pos_ts"],
                                    ["lint.ok_times.ok_tstz", "lint.ok_times.ok_d"]),
    "rls-without-policy": (["lint.pos_rls"], ["lint.ok_rls"]),
    "policy-without-rls": (["lint.ok_norls.pos_policy"], ["lint.ok_rls.ok_rls_p"]),
    "security-definer-search-path": (["lint.pos_sd(integer)"],
                                     ["lint.ok_sd(integer)", "lint.ok_sd2()", "lint.ok_invoker()"]),
    "sqlalchemy-reserved-name": (["lint.ok_sa.metadata"], ["lint.ok_sa.ok_meta_data"]),
    "nullable-unique": (["lint.ok_uq.pos_uq", "lint.pos_uq_ix"], ["lint.ok_uq.ok_uq_b", "lint.ok_uq.ok_uq_c"]),
    "not-valid-constraint": (["lint.ok_nv.pos_nv"], ["lint.ok_nv.ok_valid"]),
    "unlogged-table": (["lint.pos_unlogged"], ["lint.ok_haspk"]),
    "identifier-needs-quoting": (['lint."Pos Quoted"', 'lint."Pos Quoted"."User"'],
                                 ['lint."Pos Quoted".ok_plain', "lint.ok_haspk"]),
    "table-without-comment": (["lint.pos_nopk"], ["lint.ok_haspk"]),
}

REL = ("SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
       "WHERE n.nspname = 'lint' AND c.relname = %s")


def split_name(obj):
    """'lint."A b".c' -> ['lint', 'A b', 'c'] (identifiers as SQL quotes them)."""
    parts, cur, i, q = [], "", 0, False
    while i < len(obj):
        ch = obj[i]
        if q:
            if ch == '"' and obj[i + 1:i + 2] == '"':
                cur += '"'
                i += 1
            elif ch == '"':
                q = False
            else:
                cur += ch
        elif ch == '"':
            q = True
        elif ch == ".":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    parts.append(cur)
    return parts


def lit(s):
    return "'%s'" % s.replace("'", "''")


class Run(Script):
    def q(self, sql):
        ok, out, err = self.pg.psql("lintdb", sql)
        if not ok:
            raise RuntimeError("%s: %s" % (sql, err))
        return out.strip()

    def rel(self, name):
        return REL % lit(name)

    def truth(self, f):
        """Is finding f true of the catalog?  (bool, what was checked)"""
        rule, p = f["rule"], split_name(f["object"])
        if rule == "no-primary-key":
            n = self.q("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid = (%s)"
                       % self.rel(p[1]))
            return n == "0", "primary keys: %s" % n
        if rule in ("fk-without-index", "fk-type-mismatch"):
            con = ("SELECT k.oid FROM pg_constraint k WHERE k.contype = 'f' AND k.conname = %s "
                   "AND k.conrelid = (%s)" % (lit(p[2]), self.rel(p[1])))
            if rule == "fk-without-index":
                n = self.q("SELECT count(*) FROM pg_index i, pg_constraint k WHERE k.oid = (%s) "
                           "AND i.indrelid = k.conrelid AND i.indpred IS NULL AND "
                           "(SELECT array_agg(x ORDER BY x) FROM unnest((i.indkey::int2[])"
                           "[0:array_length(k.conkey, 1) - 1]) x) = "
                           "(SELECT array_agg(x ORDER BY x) FROM unnest(k.conkey) x)" % con)
                return n == "0", "indexes leading with the key: %s" % n
            n = self.q("SELECT count(*) FROM pg_constraint k, unnest(k.conkey, k.confkey) AS u(a, b) "
                       "WHERE k.oid = (%s) AND (SELECT atttypid FROM pg_attribute WHERE "
                       "attrelid = k.conrelid AND attnum = u.a) <> (SELECT atttypid FROM "
                       "pg_attribute WHERE attrelid = k.confrelid AND attnum = u.b)" % con)
            return n != "0", "columns of another type: %s" % n
        if rule == "redundant-index":
            n = self.q("SELECT count(*) FROM pg_index a JOIN pg_class ca ON ca.oid = a.indexrelid "
                       "JOIN pg_namespace na ON na.oid = ca.relnamespace, pg_index b WHERE "
                       "na.nspname = 'lint' AND ca.relname = %s AND b.indrelid = a.indrelid AND "
                       "b.indexrelid <> a.indexrelid AND b.indnkeyatts >= a.indnkeyatts AND "
                       "(b.indkey::int2[])[0:a.indnkeyatts - 1] = (a.indkey::int2[])[0:a.indnkeyatts - 1] "
                       "AND (b.indclass::oid[])[0:a.indnkeyatts - 1] = (a.indclass::oid[])[0:a.indnkeyatts - 1] "
                       "AND (SELECT relam FROM pg_class WHERE oid = b.indexrelid) = ca.relam "
                       "AND pg_get_expr(b.indpred, b.indrelid) IS NOT DISTINCT FROM "
                       "pg_get_expr(a.indpred, a.indrelid) AND NOT a.indisunique AND "
                       "NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = a.indexrelid)"
                       % lit(p[1]))
            return n != "0", "indexes it leads: %s" % n
        if rule in ("int-primary-key", "timestamp-without-time-zone", "sqlalchemy-reserved-name"):
            t = self.q("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid "
                       "= (%s) AND attname = %s" % (self.rel(p[1]), lit(p[2])))
            if rule == "int-primary-key":
                inpk = self.q("SELECT count(*) FROM pg_constraint k, pg_attribute a WHERE "
                              "k.contype = 'p' AND k.conrelid = (%s) AND a.attrelid = k.conrelid "
                              "AND a.attname = %s AND a.attnum = ANY (k.conkey)"
                              % (self.rel(p[1]), lit(p[2])))
                return t in ("integer", "smallint") and inpk == "1", "%s, in pk %s" % (t, inpk)
            if rule == "timestamp-without-time-zone":
                return t.startswith("timestamp") and "without time zone" in t, t
            return p[2] in ("metadata", "registry") and t != "", "column %s" % p[2]
        if rule == "rls-without-policy":
            r = self.q("SELECT relrowsecurity::text || ' ' || (SELECT count(*) FROM pg_policy "
                       "WHERE polrelid = c.oid) FROM pg_class c WHERE c.oid = (%s)" % self.rel(p[1]))
            return r == "true 0", r
        if rule == "policy-without-rls":
            r = self.q("SELECT c.relrowsecurity FROM pg_policy p JOIN pg_class c ON c.oid = "
                       "p.polrelid WHERE p.polname = %s AND c.oid = (%s)" % (lit(p[2]), self.rel(p[1])))
            return r == "f", "relrowsecurity %s" % r
        if rule == "security-definer-search-path":
            name, args = p[1].split("(", 1)
            r = self.q("SELECT prosecdef::text || ' ' || coalesce(array_to_string(proconfig, ','), '') "
                       "FROM pg_proc WHERE pronamespace = 'lint'::regnamespace AND proname = %s "
                       "AND oidvectortypes(proargtypes) = %s" % (lit(name), lit(args[:-1])))
            return r.startswith("true") and "search_path=" not in r, r
        if rule == "nullable-unique":
            key = (("SELECT conindid FROM pg_constraint WHERE conname = %s AND conrelid = (%s)"
                    % (lit(p[2]), self.rel(p[1]))) if len(p) == 3 else self.rel(p[1]))
            r = self.q("SELECT count(*) FROM pg_index i, pg_attribute a WHERE i.indexrelid = (%s) "
                       "AND i.indisunique AND NOT i.indnullsnotdistinct AND a.attrelid = i.indrelid "
                       "AND a.attnum = ANY (i.indkey::int2[]) AND NOT a.attnotnull" % key)
            return r != "0", "nullable key columns: %s" % r
        if rule == "not-valid-constraint":
            r = self.q("SELECT convalidated FROM pg_constraint WHERE conname = %s AND conrelid = (%s)"
                       % (lit(p[2]), self.rel(p[1])))
            return r == "f", "convalidated %s" % r
        if rule == "unlogged-table":
            r = self.q("SELECT relpersistence FROM pg_class WHERE oid = (%s)" % self.rel(p[1]))
            return r == "u", "relpersistence %s" % r
        if rule == "identifier-needs-quoting":
            name = p[-1].split("(")[0]
            r = self.q("SELECT quote_ident(%s) <> %s" % (lit(name), lit(name)))
            return r == "t", "quote_ident(%s)" % name
        if rule == "table-without-comment":
            r = self.q("SELECT obj_description((%s), 'pg_class') IS NULL" % self.rel(p[1]))
            return r == "t", "no comment: %s" % r
        return False, "no check for rule %s" % rule

    def main(self):
        self.tmp = tempfile.mkdtemp(prefix="pgb-lint-")
        try:
            with PgCluster(keep=self.args.keep, verbose=self.verbose) as pg:
                self.pg = pg
                pg.createdb("lintdb")
                ok, err = pg.psql_file("lintdb", FIXTURE)
                self.result("the fixture restores in PostgreSQL 15", ok, err)
                if not ok:
                    return
                dump = os.path.join(self.tmp, "lint-dump.sql")
                argv = [os.path.join(pg.bindir, "pg_dump"), "-s", "-h", pg.dir, "-p",
                        str(pg.port), "-U", pg.SUPERUSER, "-f", dump, "lintdb"]
                r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                self.result("pg_dump -s of the restored fixture", r.returncode == 0,
                            r.stderr.decode(errors="replace"))
                if r.returncode != 0:
                    return
                self.check_findings(dump)
                self.check_sarif(dump)
        finally:
            self.drop_tmp()

    def check_findings(self, dump):
        st, out, err = self.run([self.bin, "lint", "--enable", "table-without-comment",
                                 "--format", "json", dump])
        self.result("lint exits 1 on the fixture", st == 1, "status %d: %s" % (st, err))
        try:
            findings = json.loads(out)["findings"]
        except ValueError as e:
            self.fail("lint --format json", str(e))
            return
        by_rule = {}
        for f in findings:
            by_rule.setdefault(f["rule"], set()).add(f["object"])
        for rule, (want, lookalikes) in sorted(EXPECT.items()):
            got = by_rule.get(rule, set())
            missing = [o for o in want if o not in got]
            wrong = [o for o in lookalikes if o in got]
            self.result("%s: finds %s, not the look-alikes %s" % (rule, ", ".join(want),
                                                                  ", ".join(lookalikes)),
                        not missing and not wrong,
                        "missing %s; fired on look-alikes %s; all: %s" % (missing, wrong,
                                                                          sorted(got)))
        lines = open(dump, encoding="utf-8").read().split("\n")
        bad, badloc = [], []
        for f in findings:
            good, what = self.truth(f)
            if not good:
                bad.append("%s %s: %s" % (f["rule"], f["object"], what))
            line = f["location"]["line"]
            last = split_name(f["object"])[-1].split("(")[0]
            stmt = ""
            for text in lines[line - 1 if line else len(lines):]:
                stmt += text + "\n"
                if text.rstrip().endswith(";"):
                    break
            if line is None or not (1 <= line <= len(lines)) or last not in stmt:
                badloc.append("%s %s at line %s: %r" % (f["rule"], f["object"], line,
                                                        lines[line - 1] if line else None))
        self.result("each of the %d findings is true of pg_catalog" % len(findings), not bad,
                    "\n".join(bad))
        self.result("each finding's line in the dump starts the statement that creates its object",
                    not badloc, "\n".join(badloc))

    def check_sarif(self, dump):
        st, out, err = self.run([self.bin, "lint", "--format", "sarif", dump])
        try:
            doc = json.loads(out)
            problems = sarif_check.check(doc)
        except ValueError as e:
            problems = [str(e)]
        self.result("SARIF 2.1.0: the schema's required fields hold", st == 1 and not problems,
                    "status %d\n%s" % (st, "\n".join(problems)))


if __name__ == "__main__":
    script_exit("lint", lambda: script_main("lint", __doc__, Run))
