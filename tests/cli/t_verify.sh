# tests/cli/t_verify.sh
#	verify, sourced by tests/cli/run.sh (its helpers and $T): a dump
#	against the schema the newest pgbaseline revision records (exit 0 the
#	same, 1 drift with each difference named, 2 trouble), the migration
#	chain checked offline (--from OLD --apply SQL), Alembic's version
#	table left out, and every refusal: no project, no recorded schema,
#	several heads, a revision file Alembic would refuse, usage errors.

verify_schema='CREATE TABLE public.users (id bigint NOT NULL, email text NOT NULL);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
CREATE TABLE public.orders (id bigint NOT NULL, user_id bigint);
ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);
CREATE INDEX orders_user_id_idx ON public.orders USING btree (user_id);'

# A project baselined from v1.sql in $T/vproj.
verify_project() {
	rm -rf "$T/vproj"
	mkdir -p "$T/vproj"
	cd "$T/vproj" || exit 1
	printf '%s\n' "$verify_schema" >v1.sql
	"$BIN" baseline --init --schema-sql --date 2026-01-01 v1.sql >/dev/null 2>baseline.err ||
		problem "baseline --init --schema-sql failed: $(cat baseline.err)"
}

begin "verify: the dump the baseline was made from is no drift (exit 0, nothing on stdout)"
verify_project
run verify v1.sql
status 0
[ -s out ] && problem "a report for no difference: $(head -c 200 out)"
cd "$T" || exit 1
end

begin "verify: a dropped index and an added column are drift (exit 1), each named"
verify_project
{
	printf '%s\n' "$verify_schema" | grep -v orders_user_id_idx
	echo 'ALTER TABLE public.users ADD COLUMN phone text;'
} >drifted.sql
run verify drifted.sql
status 1
out_has '^\+\+\+ drifted\.sql'
out_has 'revision 001_baseline \(alembic/versions/001_baseline_schema\.sql\)'
out_has '\+ column phone'
out_has '- index orders_user_id_idx'
err_prefix "drifted.sql: warning:" 'drift: 2 differences from revision 001_baseline'
cd "$T" || exit 1
end

begin "verify --format json: the drift under the diff contract"
verify_project
{
	printf '%s\n' "$verify_schema"
	echo 'ALTER TABLE public.users ADD COLUMN phone text;'
} >drifted.sql
run verify --format json drifted.sql
status 1
json 'd["summary"]["changes"] == 1 and d["changes"][0]["name"] == "phone" and d["changes"][0]["action"] == "add"'
cd "$T" || exit 1
end

begin "verify: Alembic's version table in the dump is no drift (look-alike: another table is)"
verify_project
{
	printf '%s\n' "$verify_schema"
	echo 'CREATE TABLE public.alembic_version (version_num character varying(32) NOT NULL);'
} >stamped.sql
run verify stamped.sql
status 0
{
	printf '%s\n' "$verify_schema"
	echo 'CREATE TABLE public.alembic_versions (version_num character varying(32) NOT NULL);'
} >other.sql
run verify other.sql
status 1
out_has '\+ table public\.alembic_versions|alembic_versions'
cd "$T" || exit 1
end

begin "verify --from OLD --apply SQL: the migrations lead to the recorded schema or they do not"
verify_project
cat >up.sql <<'EOF'
BEGIN;
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('001_baseline') RETURNING alembic_version.version_num;
DROP INDEX orders_user_id_idx;
UPDATE alembic_version SET version_num='002' WHERE alembic_version.version_num = '001_baseline';
COMMIT;
EOF
run verify --from v1.sql --apply up.sql
status 1
out_has '^\+\+\+ v1\.sql \+ up\.sql'
out_has '- index orders_user_id_idx'
# The same migration against a newer dump that lacks the index: no drift.
printf '%s\n' "$verify_schema" | grep -v orders_user_id_idx >v2.sql
run verify --from v1.sql --apply up.sql v2.sql
status 0
# ... and against one that still has it: drift.
run verify --from v1.sql --apply up.sql v1.sql
status 1
cd "$T" || exit 1
end

begin "verify: the newest revision that records its schema, from the head down"
verify_project
printf '%s\n' "$verify_schema" >alembic/versions/002_schema.sql
echo 'ALTER TABLE public.users ADD COLUMN phone text;' >>alembic/versions/002_schema.sql
printf '%s\n' "revision = '002'" "down_revision = '001_baseline'" >alembic/versions/002_more.py
printf '%s\n' "revision = '003'" "down_revision = '002'" >alembic/versions/003_hand.py
run verify v1.sql
status 1
out_has 'revision 002 \(alembic/versions/002_schema\.sql\)'
out_has '- column phone'
cd "$T" || exit 1
end

begin "verify: no project, no revision, several heads, a revision Alembic would refuse (exit 2)"
rm -rf "$T/vnone" && mkdir -p "$T/vnone" && cd "$T/vnone" || exit 1
printf '%s\n' "$verify_schema" >v1.sql
run verify v1.sql
status 2
err_prefix "alembic/versions: error:" 'no revision here'
verify_project
rm alembic/versions/001_baseline_schema.sql
run verify v1.sql
status 2
err_has 'no revision from head 001_baseline down records its schema'
verify_project
printf '%s\n' "revision = 'x1'" "down_revision = '001_baseline'" >alembic/versions/x1.py
printf '%s\n' "revision = 'x2'" "down_revision = '001_baseline'" >alembic/versions/x2.py
run verify v1.sql
status 2
err_has '2 heads \(x1, x2\).*alembic merge'
verify_project
printf '%s\n' "revision = make_id()" >alembic/versions/bad.py
run verify v1.sql
status 2
err_prefix "alembic/versions/bad.py:1:12: error:" 'string literal'
[ -s out ] && problem "a report although the project could not be read"
cd "$T" || exit 1
end

begin "verify: usage errors (no dump, two dumps, --apply without --from, --from without --apply)"
verify_project
run verify
status 2
err_has 'give the DUMP to verify'
run verify v1.sql v1.sql
status 2
err_has 'at most one dump'
run verify --apply up.sql v1.sql
status 2
err_has '--apply needs --from'
run verify --from v1.sql v1.sql
status 2
err_has '--from needs --apply'
cd "$T" || exit 1
end

begin "verify -o FILE: the report whole, an existing file refused without --force"
verify_project
{
	printf '%s\n' "$verify_schema"
	echo 'ALTER TABLE public.users ADD COLUMN phone text;'
} >drifted.sql
run verify -o report.txt drifted.sql
status 1
grep -q '+ column phone' report.txt || problem "report.txt lacks the drift"
run verify -o report.txt drifted.sql
status 2
err_has 'exists'
run verify -o report.txt --force drifted.sql
status 1
cd "$T" || exit 1
end

begin "verify: a record without privileges compares no grants, and says so; one --with-privileges does"
verify_project
{
	printf '%s\n' "$verify_schema"
	echo 'GRANT SELECT ON TABLE public.users TO PUBLIC;'
} >granted.sql
run verify granted.sql
status 0
err_prefix "alembic/versions/001_baseline_schema.sql: warning:" 'records no owners and no grants'
rm -rf alembic alembic.ini
"$BIN" baseline --init --schema-sql --with-privileges --date 2026-01-01 v1.sql >/dev/null 2>&1 ||
	problem "baseline --with-privileges failed"
run verify granted.sql
status 1
out_has 'grants: .*PUBLIC=SELECT'
grep -q 'records no owners' err && problem "the warning although the record has privileges"
cd "$T" || exit 1
end
