# tests/cli/t_lint.sh
#	lint, sourced by tests/cli/run.sh (its helpers and $T): findings in
#	every format (text, json, sarif checked against SARIF 2.1.0's required
#	fields, markdown), the exit status against --fail-on, --enable and
#	--disable, --explain, the ignore file, --stats, hostile names inert in
#	every format, and the refusals.

lint_bad='CREATE TABLE public.parent (id integer NOT NULL);
ALTER TABLE ONLY public.parent ADD CONSTRAINT parent_pkey PRIMARY KEY (id);
CREATE TABLE public.child (id bigint NOT NULL, parent_id integer);
ALTER TABLE ONLY public.child ADD CONSTRAINT child_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES public.parent(id);
CREATE TABLE public.log (msg text);
CREATE FUNCTION public.sd() RETURNS integer LANGUAGE sql SECURITY DEFINER AS $$select 1$$;'
lint_good='CREATE TABLE public.parent (id bigint NOT NULL);
ALTER TABLE ONLY public.parent ADD CONSTRAINT parent_pkey PRIMARY KEY (id);
CREATE TABLE public.child (id bigint NOT NULL, parent_id bigint);
ALTER TABLE ONLY public.child ADD CONSTRAINT child_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES public.parent(id);
CREATE INDEX child_parent_idx ON public.child USING btree (parent_id);
CREATE FUNCTION public.sd() RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path TO '"'"'pg_catalog'"'"' AS $$select 1$$;'
printf '%s\n' "$lint_bad" >lint-bad.sql
printf '%s\n' "$lint_good" >lint-good.sql

begin "lint: findings as FILE:LINE:COL: severity: message [rule], exit 1"
run lint lint-bad.sql
status 1
out_has '^lint-bad\.sql:5:1: warning: foreign key public\.child\.child_parent_fk \(parent_id\) has no index leading with its columns \[fk-without-index\]$'
out_has '^lint-bad\.sql:6:1: warning: table public\.log has no primary key \[no-primary-key\]$'
out_has '^lint-bad\.sql:7:1: error: SECURITY DEFINER function public\.sd\(\) does not SET search_path \[security-definer-search-path\]$'
out_has '^lint-bad\.sql:2:1: info: primary key column public\.parent\.id is integer \[int-primary-key\]$'
out_has '^4 findings: 1 error, 2 warnings, 1 info$'
end

begin "lint: the look-alike schema has no finding (exit 0)"
run lint lint-good.sql
status 0
out_has '^no findings$'
end

begin "lint --fail-on: error ignores warnings and info, info counts them"
printf 'CREATE TABLE public.t (id integer PRIMARY KEY, at timestamp);\nCREATE TABLE public.u (a int);\n' >lint-warn.sql
run lint --fail-on error lint-warn.sql
status 0
run lint --fail-on warning lint-warn.sql
status 1
run lint --disable no-primary-key lint-warn.sql
status 0
run lint --disable no-primary-key --fail-on info lint-warn.sql
status 1
run lint --fail-on severe lint-warn.sql
status 2
err_has 'unknown severity in --fail-on "severe"'
end

begin "lint --enable/--disable: a rule off by default runs when enabled; an unknown rule is a usage error"
run lint --format json lint-good.sql
json 'd["findings"] == []'
run lint --enable table-without-comment --format json lint-good.sql
status 0
json 'sorted(f["object"] for f in d["findings"]) == ["public.child", "public.parent"] and all(f["rule"] == "table-without-comment" and f["severity"] == "info" for f in d["findings"])'
run lint --enable no-such-rule lint-good.sql
status 2
err_has 'unknown rule "no-such-rule" in --enable'
run lint --disable nope lint-good.sql
status 2
err_has 'unknown rule "nope" in --disable'
end

begin "lint --explain: why and fix, no DUMP needed; an unknown rule is a usage error"
run lint --explain security-definer-search-path
status 0
out_has '^security-definer-search-path \(error\)'
out_has '^Why: .*search_path'
out_has '^Fix: ALTER FUNCTION'
run lint --explain table-without-comment
out_has 'off by default'
run lint --explain bogus
status 2
err_has 'unknown rule "bogus" in --explain'
end

begin "lint --format json: the pgbaseline.lint/1 contract"
run lint --format json lint-bad.sql
status 1
json 'd["format"] == "pgbaseline.lint/1" and d["version"] == 1 and d["source"] == "lint-bad.sql" and d["summary"] == {"findings": 4, "error": 1, "warning": 2, "info": 1, "ignored": 0}'
json 'all(list(f)[:5] == ["rule", "severity", "object", "kind", "message"] and set(f["location"]) == {"file", "line", "column"} for f in d["findings"])'
json '[f for f in d["findings"] if f["rule"] == "fk-without-index"][0] == {"rule": "fk-without-index", "severity": "warning", "object": "public.child.child_parent_fk", "kind": "constraint", "message": "foreign key public.child.child_parent_fk (parent_id) has no index leading with its columns", "location": {"file": "lint-bad.sql", "line": 5, "column": 1}, "default_severity": "warning", "rows": None}'
end

begin "lint --format sarif: valid against SARIF 2.1.0's required fields; the checker refuses a broken log"
run lint --format sarif lint-bad.sql
status 1
"$PY" "$REPO/tests/integration/sarif_check.py" out 2>sarif.err || problem "SARIF invalid: $(head -c 300 sarif.err)"
json 'd["version"] == "2.1.0" and len(d["runs"][0]["results"]) == 4 and {r["ruleId"] for r in d["runs"][0]["results"]} == {"fk-without-index", "no-primary-key", "security-definer-search-path", "int-primary-key"}'
json '[r for r in d["runs"][0]["results"] if r["ruleId"] == "no-primary-key"][0]["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "lint-bad.sql"}, "region": {"startLine": 6, "startColumn": 1}}'
json '{r["level"] for r in d["runs"][0]["results"]} == {"error", "warning", "note"}'
"$PY" - out <<'PYEOF' >broken.sarif
import json, sys
d = json.load(open(sys.argv[1]))
del d["runs"][0]["results"][0]["message"]
d["runs"][0]["results"][1]["ruleId"] = "nonesuch"
d["runs"][0]["tool"]["driver"]["rules"][0].pop("id")
json.dump(d, sys.stdout)
PYEOF
if "$PY" "$REPO/tests/integration/sarif_check.py" broken.sarif 2>sarif.err; then
	problem "the SARIF checker accepted a log without a message"
fi
grep -q 'message' sarif.err || problem "the checker did not name the missing message"
grep -q 'nonesuch' sarif.err || problem "the checker did not name the unknown ruleId"
end

begin "lint --format markdown: a summary and one row per finding"
run lint --format markdown lint-bad.sql
status 1
out_has '^\| error \| 1 \|$'
out_has '^\| warning \| fk-without-index \| public\.child\.child\\_parent\\_fk \|'
end

begin "lint: the ignore file drops accepted findings, warns about an unused entry, requires a reason"
cat >lint.ignore <<'IGN'
# accepted findings
no-primary-key public.log  # an append-only log, read by a batch job
fk-without-index public.child.child_parent_fk # the parent is never deleted
security-definer-search-path public.sd()  # reviewed 2026-01
unlogged-table public.gone  # was dropped
IGN
run lint --ignore-file lint.ignore lint-bad.sql
status 0
out_has '^1 finding: 0 errors, 0 warnings, 1 info \(3 ignored\)$'
err_prefix "lint.ignore:5:1: warning:" 'ignore entry unlogged-table public.gone matches no finding'
printf 'no-primary-key public.log\n' >noreason.ignore
run lint --ignore-file noreason.ignore lint-bad.sql
status 2
err_prefix "noreason.ignore:1:26: error:" 'needs a reason'
[ -s out ] && problem "a report was written despite the bad ignore file"
run lint --ignore-file missing.ignore lint-bad.sql
status 2
err_prefix "missing.ignore: error:" 'cannot read the ignore file'
end

begin "lint: .pgbaseline-ignore in the current directory is read by default"
mkdir -p lintdir
cp lint-bad.sql lintdir/
printf 'no-primary-key public.log  # accepted\nfk-without-index public.child.child_parent_fk # ok\nsecurity-definer-search-path public.sd() # ok\n' >lintdir/.pgbaseline-ignore
cd lintdir || exit 1
run lint lint-bad.sql
status 0
out_has '3 ignored'
cd "$T" || exit 1
run lint lint-bad.sql
status 1
end

begin "lint --stats: a big table's findings are one severity higher (a small one's are not)"
printf 'public.log,2000000\npublic.parent,5\n' >lint-stats.csv
run lint --stats lint-stats.csv --format json lint-bad.sql
status 1
json '[f for f in d["findings"] if f["object"] == "public.log"][0]["severity"] == "error" and [f for f in d["findings"] if f["object"] == "public.log"][0]["rows"] == 2000000'
json '[f for f in d["findings"] if f["rule"] == "int-primary-key"][0]["severity"] == "info"'
run lint --stats missing.csv lint-bad.sql
status 2
end

begin "lint: hostile names are inert in text, JSON, SARIF and Markdown"
printf '%s\n' 'CREATE TABLE public."<script>alert(1)</script>" (a int);' \
	'CREATE TABLE public."a|b`c
[x](y)" (a int);' \
	'CREATE TABLE public."rtl‮txt" (a int);' >lint-hostile.sql
run lint lint-hostile.sql
status 1
out_has 'public\."<script>alert\(1\)</script>" has no primary key'
out_has 'public\."a\|b`c\\n\[x\]\(y\)" has no primary key'
out_has 'rtl\\u202etxt'
[ "$(grep -c 'no-primary-key' out)" -eq 3 ] || problem "a name broke a text line: $(cat out)"
run lint --format json lint-hostile.sql
json 'sorted(f["object"] for f in d["findings"] if f["rule"] == "no-primary-key") == sorted(["public.\"<script>alert(1)</script>\"", "public.\"a|b`c\n[x](y)\"", "public.\"rtl\u202etxt\""])'
run lint --format sarif lint-hostile.sql
"$PY" "$REPO/tests/integration/sarif_check.py" out 2>sarif.err || problem "SARIF invalid: $(head -c 300 sarif.err)"
json 'any(r["message"]["text"] == "table public.\"<script>alert(1)</script>\" has no primary key" for r in d["runs"][0]["results"])'
run lint --format markdown lint-hostile.sql
grep -q '<script>' out && problem "raw <script> in the Markdown"
out_has '&lt;script&gt;alert\(1\)&lt;/script&gt;'
grep -q '‮' out && problem "a raw bidi override in the Markdown"
[ "$(grep -c '^| ' out)" -ge 10 ] || problem "a name broke the Markdown table: $(cat out)"
grep -E '^\| (warning|info) \| no-primary-key' out | grep -q 'a\\|b' || problem "the | in a name is not escaped"
end

begin "lint: refusals (no DUMP, two DUMPs, -o FILE exists, a missing dump)"
run lint
status 2
err_has 'lint needs a DUMP file'
run lint lint-bad.sql lint-good.sql
status 2
err_has 'lint takes one DUMP file'
echo keep >lint-out.txt
run lint -o lint-out.txt lint-bad.sql
status 2
[ "$(cat lint-out.txt)" = keep ] || problem "lint-out.txt was overwritten without --force"
run lint -o lint-out.txt --force lint-bad.sql
status 1
grep -q 'fk-without-index' lint-out.txt || problem "-o --force did not write the report"
run lint no-such-dump.sql
status 2
end
