# tests/cli/t_report.sh
#	pgbaseline report, sourced by tests/cli/run.sh (its helpers and $T):
#	-o writes one self-contained HTML file (a CSP that forbids every fetch,
#	nothing loaded from elsewhere), the same bytes twice; an existing file
#	is refused without --force (untouched) and replaced with it; bad input
#	and bad options exit 2 without writing; hostile names are text, never
#	markup.  tests/integration/test_report.py opens reports in Chromium.

cat >"$T/report_hostile.sql" <<'EOF_SQL'
CREATE SCHEMA "<b>s</b>";
CREATE TABLE public."<script>alert(1)</script>" (
    id integer NOT NULL,
    "</script><img src=x onerror=alert(2)>" text,
    "a""q'&amp;" text
);
COMMENT ON TABLE public."<script>alert(1)</script>" IS '</textarea><svg onload=alert(3)>
second line';
CREATE TABLE "<b>s</b>"."t&lt;" (ref integer);
ALTER TABLE ONLY public."<script>alert(1)</script>" ADD CONSTRAINT "pk<i>" PRIMARY KEY (id);
ALTER TABLE ONLY "<b>s</b>"."t&lt;" ADD CONSTRAINT "fk""x" FOREIGN KEY (ref) REFERENCES public."<script>alert(1)</script>"(id);
GRANT SELECT ON public."<script>alert(1)</script>" TO "<u>role</u>";
EOF_SQL

begin "report -o: one HTML file, a CSP forbidding every fetch, nothing fetched, tables listed"
cd "$T" || exit 1
rm -f r.html
run report -o r.html small.sql
status 0
[ -s r.html ] || problem "r.html not written"
[ -s out ] && problem "stdout not empty with -o"
grep -q "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-" r.html ||
	problem "no CSP meta with default-src 'none' and a script hash"
grep -Eiq '(src|href)="(https?:)?//|@import|url\(' r.html && problem "something fetched from elsewhere"
grep -Eiq '<(link|iframe|object|embed|img)[ >]' r.html && problem "an element that fetches"
for t in public.a public.b '"MixedCase"' app.c app.d other.e other.ab; do
	grep -qF "$t" r.html || problem "table $t not in the report"
done
end

begin "report: the same dump gives the same bytes"
cd "$T" || exit 1
run report -o r2.html small.sql
status 0
cmp -s r.html r2.html || problem "two runs differ"
end

begin "report: the CSP's script hash is the hash of the page's one script"
cd "$T" || exit 1
"$PY" - r.html <<'EOF_PY' || problem "script hash does not match"
import base64, hashlib, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
csp = re.search(r"script-src 'sha256-([^']+)'", page).group(1)
assert len(scripts) == 1, len(scripts)
assert base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode() == csp
EOF_PY
end

begin "report -o onto an existing file: exit 2, the file untouched"
cd "$T" || exit 1
echo keep >exists.html
run report -o exists.html small.sql
status 2
err_has "exists|--force"
[ "$(cat exists.html)" = keep ] || problem "exists.html was changed"
end

begin "report --force replaces an existing file"
cd "$T" || exit 1
echo keep >exists.html
run report --force -o exists.html small.sql
status 0
grep -q "<!DOCTYPE html>" exists.html || problem "exists.html not replaced by the report"
end

begin "report: bad input exits 2 at FILE:LINE:COL and writes nothing"
cd "$T" || exit 1
printf 'CREATE TABLE t (a int);\nSELECT $$never closed;\n' >bad_report.sql
rm -f bad.html
run report -o bad.html bad_report.sql
status 2
err_prefix "bad_report.sql:2:"
[ -e bad.html ] && problem "bad.html written"
end

begin "report: a missing dump exits 2 and writes nothing"
cd "$T" || exit 1
run report -o missing.html no-such-dump.sql
status 2
err_has "no-such-dump.sql"
[ -e missing.html ] && problem "missing.html written"
end

begin "report: usage errors exit 2 (no DUMP, two DUMPs, --depth 0, --depth x, unknown rule, --format md)"
cd "$T" || exit 1
for args in "report" "report small.sql small.sql" "report --depth 0 small.sql" \
	"report --depth x small.sql" "report --enable no-such-rule small.sql" \
	"report --format md small.sql"; do
	# shellcheck disable=SC2086
	run $args -o usage.html
	[ "$ST" -eq 2 ] || problem "$args: exit $ST, expected 2"
	[ -e usage.html ] && problem "$args: usage.html written"
done
end

begin "report: hostile names are text in the HTML, never markup"
cd "$T" || exit 1
run report -o hostile.html report_hostile.sql
status 0
"$PY" - hostile.html <<'EOF_PY' || problem "hostile names not escaped"
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
body = re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # the page's own script
for bad in ("<script>alert", "<img", "<svg onload", "<b>s</b>", "<i>", "<u>role", "</textarea>"):
    assert bad not in body, bad
assert page.count("<script>") == 1
for shown in ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;",
              "&lt;b&gt;s&lt;/b&gt;", "&amp;lt;", "&lt;u&gt;role&lt;/u&gt;", "\\nsecond line"):
    assert shown in page, shown
EOF_PY
end

begin "report: --stats row counts are shown with the table"
cd "$T" || exit 1
printf 'public.a,1234567\n' >rows.csv
run report --stats rows.csv -o stats.html small.sql
status 0
grep -q "1234567" stats.html || problem "row count not shown"
run report --stats no-such.csv -o stats2.html small.sql
status 2
[ -e stats2.html ] && problem "stats2.html written"
end

begin "report: lint findings are in the page, --disable drops one"
cd "$T" || exit 1
run report -o lint.html small.sql
status 0
grep -q "no-primary-key" lint.html || problem "no no-primary-key finding"
run report --disable no-primary-key -o lint2.html small.sql
status 0
grep -q "<code>no-primary-key</code>" lint2.html && problem "--disable not applied"
end

begin "report without -o writes to stdout; --strict exits 3 on unparsed statements"
cd "$T" || exit 1
run report small.sql
status 0
out_has "<!DOCTYPE html>"
printf 'CREATE TABLE t (a int);\nCREATE FROBNICATE x;\n' >unparsed_report.sql
run report --strict -o strict.html unparsed_report.sql
status 3
end

begin "report: diagrams are drawn inline (SVG), or the page and a warning say they are not"
cd "$T" || exit 1
run report -o diag.html small.sql
status 0
if grep -q "<svg" diag.html; then
	# a schema diagram per schema with tables, and public.b's own (it has a foreign key)
	[ "$(grep -c '<details id="s[0-9]*"><summary>Schema' diag.html)" -eq 3 ] ||
		problem "not one diagram per schema"
	grep -q "diagrams-not-drawn" diag.html && problem "drawn, yet the page says not"
	grep -Eiq '<svg[^>]*>.*<script' diag.html && problem "a script inside an SVG"
else
	grep -q "Diagrams are not drawn" diag.html || problem "no diagram and no note in the page"
	err_has "diagrams are not drawn"
fi
end
