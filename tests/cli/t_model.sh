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
