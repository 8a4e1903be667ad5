# shellcheck shell=bash
# tests/cli/t_model.sh: what the model keeps is bounded by the dump's meaning,
# not its size: unparsed statements past the first 1,000 are counted, not
# kept; warnings past the first 100 are counted, not printed; GRANTs merge
# into one item per grantee and REVOKE takes privileges away.  Sourced by
# tests/cli/run.sh (its helpers and scratch directory).

# 1,500 statements the parser rejects, and one table after them.
"$PY" -c '
import sys
sys.stdout.write("x;\n" * 1500 + "CREATE TABLE public.after (a int);\n")' >model-bad.sql

begin "1,500 unparsed statements: 1,000 listed, 500 counted as omitted"
run inspect model-bad.sql --format json
status 0
json 'len(d["unparsed"]) == 1000 and d["unparsed_omitted"] == 500' "1,000 listed, 500 omitted"
json 'd["source"]["unparsed"] == 1500 and d["summary"]["unparsed"] == 1500' "counts stay exact"
json 'unparsed(d)[0] == (1, 1) and unparsed(d)[-1] == (1000, 1)' "the first 1,000, in file order"
json 'tables(d) == {"public.after"}' "the table after them is read"
end

begin "1,500 unparsed statements: 100 warnings printed, then how many more"
run inspect model-bad.sql --format json
[ "$(grep -c 'cannot parse' err)" -eq 100 ] || problem "expected 100 'cannot parse' lines"
err_prefix "model-bad.sql:100:1:" 'cannot parse'
[ "$(tail -n 1 err)" = "pgbaseline: warning: 1400 more warnings not shown" ] ||
	problem "last stderr line is not '1400 more warnings not shown': $(tail -n 1 err)"
end

begin "1,500 unparsed statements: text and markdown say how many are not listed"
run inspect model-bad.sql
status 0
out_has '^  \.\.\. and 500 more not listed \(only the first 1000 are kept\)$'
[ "$(grep -c 'cannot parse\|syntax error' out)" -eq 1000 ] || problem "text lists other than 1,000"
run inspect model-bad.sql --format markdown
out_has '^500 more not listed \(only the first 1000 are kept\)\.$'
end

begin "1,500 unparsed statements: --strict fails and counts all of them"
run inspect --strict model-bad.sql --format json
status 3
err_has '1500 statements could not be parsed'
end

begin "1,500 unparsed statements: the revision's docstring says how many are not listed"
mkdir -p model-rev
(cd model-rev && timeout -k 5 "$TMO" "$BIN" baseline --init --date 2024-01-01 ../model-bad.sql \
	</dev/null >../out 2>../err)
ST=$?
sanity
status 0
rev=$(ls model-rev/alembic/versions/*.py 2>/dev/null | head -n 1)
if [ -z "$rev" ]; then
	problem "no revision written"
else
	grep -q '^    - \.\.\. and 500 more not listed (only the first 1000 are kept)$' "$rev" ||
		problem "the docstring does not count the 500 not listed"
fi
end

begin "1,000 unparsed statements exactly: none omitted, no 'not shown' line beyond the cap"
"$PY" -c 'import sys; sys.stdout.write("x;\n" * 1000)' >model-1000.sql
run inspect model-1000.sql --format json
json 'len(d["unparsed"]) == 1000 and d["unparsed_omitted"] == 0' "all listed, 0 omitted"
err_has '900 more warnings not shown'
run inspect model-1000.sql
grep -q 'more not listed' out && problem "text says some are not listed"
end

begin "100 warnings exactly: all printed, no 'not shown' line"
"$PY" -c 'import sys; sys.stdout.write("x;\n" * 100)' >model-100.sql
run inspect model-100.sql --format json
[ "$(grep -c 'cannot parse' err)" -eq 100 ] || problem "expected 100 'cannot parse' lines"
grep -q 'not shown' err && problem "a 'not shown' line with nothing hidden"
json 'd["unparsed_omitted"] == 0' "nothing omitted"
end
rm -rf model-bad.sql model-1000.sql model-100.sql model-rev

# GRANT and REVOKE: one item per grantee (and grant option), as PostgreSQL's ACL.
model_grants() {
	{
		echo "CREATE TABLE public.t (a integer, b integer);"
		cat
	} >model-grants.sql
	run inspect model-grants.sql --format json
	status 0
}
grants_are() { json "[(g['grantee'], g['privileges'], g['grant_option']) for g in d['tables'][0]['grants']] == $1" "grants $1"; }

begin "10,000 identical GRANTs: one grant item"
"$PY" -c 'import sys; sys.stdout.write("GRANT SELECT ON TABLE public.t TO r;\n" * 10000)' | model_grants
grants_are '[("r", "SELECT", False)]'
end

begin "GRANTs to one grantee merge; other grantees keep their own item"
model_grants <<'EOF2'
GRANT SELECT ON TABLE public.t TO r;
GRANT INSERT, UPDATE ON TABLE public.t TO r, s;
GRANT SELECT(a) ON TABLE public.t TO r;
GRANT SELECT(b), SELECT(a) ON TABLE public.t TO r;
EOF2
grants_are '[("r", "SELECT, INSERT, UPDATE, SELECT(a, b)", False), ("s", "INSERT, UPDATE", False)]'
end

begin "REVOKE removes: privileges, the item once empty, column privileges with the table's"
model_grants <<'EOF2'
GRANT SELECT, INSERT ON TABLE public.t TO r;
GRANT UPDATE(a, b) ON TABLE public.t TO r;
GRANT SELECT ON TABLE public.t TO s;
REVOKE INSERT ON TABLE public.t FROM r;
REVOKE UPDATE ON TABLE public.t FROM r;
REVOKE ALL ON TABLE public.t FROM s;
EOF2
grants_are '[("r", "SELECT", False)]'
end

begin "REVOKE of one privilege out of ALL leaves the others"
model_grants <<'EOF2'
GRANT ALL ON TABLE public.t TO r;
REVOKE DELETE ON TABLE public.t FROM r;
GRANT ALL PRIVILEGES ON TABLE public.t TO PUBLIC;
REVOKE ALL PRIVILEGES ON TABLE public.t FROM PUBLIC;
EOF2
grants_are '[("r", "SELECT, INSERT, UPDATE, TRUNCATE, REFERENCES, TRIGGER", False)]'
end

begin "WITH GRANT OPTION is per privilege; REVOKE GRANT OPTION FOR keeps the privilege"
model_grants <<'EOF2'
GRANT SELECT, INSERT ON TABLE public.t TO r WITH GRANT OPTION;
GRANT SELECT ON TABLE public.t TO r;
GRANT UPDATE ON TABLE public.t TO r;
REVOKE GRANT OPTION FOR INSERT ON TABLE public.t FROM r;
EOF2
grants_are '[("r", "SELECT", True), ("r", "UPDATE, INSERT", False)]'
end

begin "120,000 GRANTs then REVOKEs on one table: nothing left"
"$PY" -c '
import sys
n = 60000
sys.stdout.write("".join("GRANT SELECT ON TABLE public.t TO r%d;\n" % i for i in range(n)))
sys.stdout.write("".join("REVOKE SELECT ON TABLE public.t FROM r%d;\n" % i for i in range(n)))' |
	model_grants
grants_are '[]'
end
rm -f model-grants.sql
