# tests/cli/t_security.sh
#	inspect --security (the security view, security.h), sourced by
#	tests/cli/run.sh: shown in text and Markdown only when asked, taken by
#	inspect only, hostile names inert, the same output on stdin and with
#	-o; and no progress on standard error when it is not a terminal.
#	tests/integration/test_security.py checks the view against PostgreSQL.

printf '%s\n' 'CREATE SCHEMA app;' 'CREATE TABLE app.t (id integer, "x|<b>y</b>" text);' \
	'ALTER TABLE app.t OWNER TO "o""wn";' \
	'GRANT SELECT ("x|<b>y</b>") ON app.t TO "Rea der";' \
	'ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;' \
	'CREATE POLICY "p`x" ON app.t FOR SELECT TO "Rea der" USING (id > 0);' \
	'CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql SECURITY DEFINER AS $$SELECT 1$$;' >sec.sql

begin "inspect --security: the Security section in the text, absent without the option"
run inspect --security sec.sql
status 0
out_has '^Security:$'
out_has '^    column app\.t\."x\|<b>y</b>": "Rea der" SELECT$'
out_has '^    table app\.t: enabled, 1 policy$'
out_has '^      policy "p`x" PERMISSIVE FOR SELECT TO "Rea der" USING \(id > 0\)$'
out_has '^  SECURITY DEFINER functions: 1, 1 without SET search_path:$'
out_has '^    function app\.f\(\): PUBLIC EXECUTE \(default\)$'
out_has '^    "o""wn"$'
out_has '^      owns table app\.t$'
cp out sec-text.out
run inspect sec.sql
status 0
grep -q '^Security:' out && problem "Security section shown without --security"
end

begin "inspect --security --format markdown: a Security section of tables, names in code spans"
run inspect --security --format markdown sec.sql
status 0
out_has '^## Security$'
out_has '^\| `app\.t\."x\\\|<b>y</b>"` \| column \| `"Rea der"` \| SELECT \|  \|$'
out_has '^### SECURITY DEFINER functions$'
out_has '^\| `app\.f\(\)` \| function \|  \| \*\*not set\*\* \|$'
run inspect --format markdown sec.sql
grep -q '^## Security' out && problem "Security section shown without --security"
end

begin "inspect --security: the same bytes from stdin and with -o; JSON unchanged by it"
run_in sec.sql inspect --security -
status 0
sed 1d out >a # the title names the file
sed 1d sec-text.out >b
cmp -s a b || problem "stdin's Security section differs"
run inspect --security -o sec-o.txt sec.sql
status 0
cmp -s sec-o.txt sec-text.out || problem "-o's output differs from stdout's"
run inspect --format json sec.sql
cp out j1
run inspect --security --format json sec.sql
cmp -s out j1 || problem "--security changed the JSON"
end

begin "--security is inspect's: other commands refuse it as a usage error"
run diagram --security sec.sql
status 2
err_has 'security'
run lint --security sec.sql
status 2
end

begin "no progress on standard error when it is a file (not a terminal)"
run inspect sec.sql
status 0
grep -q 'reading' err && problem "progress on a file"
[ -s err ] && problem "stderr not empty: $(head -c 200 err)"
end
