# tests/cli/t_ci.sh
#	baseline --ci, sourced by tests/cli/run.sh (its helpers and $T): the
#	schema SQL, ci_check.sh and the GitHub Actions workflow are written
#	with the baseline, the workflow's PostgreSQL is the dump's major
#	version, a script location that needs quoting stays one word in sh and
#	YAML, and nothing is overwritten without --force.
#	tests/integration/test_ci.py runs the script against PostgreSQL 15.

ci_schema='CREATE TABLE public.users (id bigint NOT NULL);'

# ci_dir NAME: a fresh project directory $T/NAME with v.sql, dumped from SERVER (or no header)
ci_dir() {
	rm -rf "$T/$1"
	mkdir -p "$T/$1"
	cd "$T/$1" || exit 1
	{
		[ -n "${2:-}" ] && printf -- '-- Dumped from database version %s\n' "$2"
		printf '%s\n' "$ci_schema"
	} >v.sql
}

# ci_yaml PYTHON_EXPR: the workflow parses as YAML and the expression over w holds
ci_yaml() {
	"$PY" - "$1" <<'EOF' || problem "workflow: $1"
import shlex, sys, yaml
w = yaml.safe_load(open(".github/workflows/migrations.yml"))
sys.exit(0 if eval(sys.argv[1]) else 1)
EOF
}

begin "baseline --ci: schema SQL, ci_check.sh and the workflow written with the baseline"
ci_dir ci1 "13.4 (Debian 13.4-1)"
run baseline --init --ci --date 2026-01-01 v.sql
status 0
for f in alembic/versions/001_baseline_schema.sql alembic/ci_check.sh \
	.github/workflows/migrations.yml; do
	[ -f "$f" ] || problem "$f not written"
	grep -q "^wrote $f\$" out || problem "$f not reported"
done
sh -n alembic/ci_check.sh 2>/dev/null || problem "ci_check.sh is not valid sh"
grep -q "^SCHEMA_SQL='alembic/versions/001_baseline_schema.sql'\$" alembic/ci_check.sh ||
	problem "ci_check.sh does not load the schema SQL written"
ci_yaml 'w["jobs"]["migrations"]["services"]["postgres"]["image"] == "postgres:13"'
ci_yaml 'shlex.split(w["jobs"]["migrations"]["steps"][-1]["run"]) == ["sh", "alembic/ci_check.sh"]'
cd "$T" || exit 1
end

begin "baseline --ci: a 9.6 dump gets postgres:9.6, a dump that does not say gets 15 and a note"
ci_dir ci2 "9.6.24"
run baseline --init --ci v.sql
status 0
ci_yaml 'w["jobs"]["migrations"]["services"]["postgres"]["image"] == "postgres:9.6"'
ci_dir ci3
run baseline --init --ci v.sql
status 0
ci_yaml 'w["jobs"]["migrations"]["services"]["postgres"]["image"] == "postgres:15"'
grep -q "the dump does not say which version" .github/workflows/migrations.yml ||
	problem "no note that the version is assumed"
cd "$T" || exit 1
end

begin "baseline --ci --dir \"it's \$(x)\": one word in sh and in YAML"
ci_dir ci4 15.2
run baseline --init --ci --dir "it's \$(touch pwned)" v.sql
status 0
[ -f "it's \$(touch pwned)/ci_check.sh" ] || problem "ci_check.sh not under the --dir"
ci_yaml 'shlex.split(w["jobs"]["migrations"]["steps"][-1]["run"]) == ["sh", "it'"'"'s $(touch pwned)/ci_check.sh"]'
sh -n "it's \$(touch pwned)/ci_check.sh" 2>/dev/null || problem "ci_check.sh is not valid sh"
# Run with no DATABASE_URL: it stops at once, and nothing in the name ran.
sh "it's \$(touch pwned)/ci_check.sh" >/dev/null 2>ci.err && problem "ran without DATABASE_URL"
grep -q "set DATABASE_URL" ci.err || problem "no DATABASE_URL message: $(cat ci.err)"
[ -e pwned ] && problem "the --dir was run as a command"
cd "$T" || exit 1
end

begin "baseline --ci: an existing ci_check.sh or workflow is not overwritten without --force (nothing written)"
ci_dir ci5 15.2
mkdir -p alembic .github/workflows
echo "# mine" >alembic/ci_check.sh
run baseline --init --ci v.sql
status 2
err_prefix "alembic/ci_check.sh: error:" 'already exists'
[ "$(cat alembic/ci_check.sh)" = "# mine" ] || problem "ci_check.sh was overwritten"
[ -e alembic.ini ] && problem "alembic.ini written although the run was refused"
rm alembic/ci_check.sh
echo "# mine" >.github/workflows/migrations.yml
run baseline --init --ci v.sql
status 2
err_prefix ".github/workflows/migrations.yml: error:" 'already exists'
run baseline --init --ci --force v.sql
status 0
grep -q "^name: migrations" .github/workflows/migrations.yml || problem "--force did not replace it"
cd "$T" || exit 1
end

begin "baseline without --ci writes neither (look-alike)"
ci_dir ci6 15.2
run baseline --init v.sql
status 0
[ -e alembic/ci_check.sh ] && problem "ci_check.sh written without --ci"
[ -e .github ] && problem ".github written without --ci"
cd "$T" || exit 1
end
