# tests/cli/t_grant_all.sh
#	GRANT / REVOKE ... ON ALL TABLES | SEQUENCES | FUNCTIONS IN SCHEMA,
#	sourced by tests/cli/run.sh: every such object in the schema then gets
#	the privileges (views too, procedures not for FUNCTIONS), one created
#	later does not, and a schema that does not exist is a located warning.
#	tests/integration/test_i11drop.py checks the same against pg_class.relacl.

printf '%s\n' 'CREATE SCHEMA s;' 'CREATE TABLE s.t (id integer);' 'CREATE VIEW s.v AS SELECT 1 AS x;' \
	'CREATE TABLE public.other (id integer);' \
	'CREATE FUNCTION s.f() RETURNS integer LANGUAGE sql AS $$SELECT 1$$;' \
	'CREATE PROCEDURE s.p() LANGUAGE sql AS $$SELECT 1$$;' \
	'GRANT SELECT ON ALL TABLES IN SCHEMA s TO reader;' \
	'GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA s TO reader;' \
	'CREATE TABLE s.later (id integer);' \
	'GRANT SELECT ON ALL TABLES IN SCHEMA nosuch TO reader;' >grant-all.sql

begin "GRANT ... ON ALL ... IN SCHEMA: what is there gets it, what comes later and other schemas do not"
run inspect --format json grant-all.sql
status 0
json '[g["grantee"] for g in [t for t in d["tables"] if t["name"] == "t"][0]["grants"]] == ["reader"]' "s.t granted"
json '[g["grantee"] for g in d["views"][0]["grants"]] == ["reader"]' "the view s.v granted"
json '[t for t in d["tables"] if t["name"] == "later"][0]["grants"] == []' "s.later (created after) not granted"
json '[t for t in d["tables"] if t["name"] == "other"][0]["grants"] == []' "public.other not granted"
json 'sorted(g["grantee"] for f in d["functions"] if f["name"] == "f" for g in f["grants"]) == ["PUBLIC", "reader"]' "s.f granted (PUBLIC keeps its default)"
json 'all(g["grantee"] != "reader" for f in d["functions"] if f["name"] == "p" for g in f["grants"])' "the procedure not granted by ALL FUNCTIONS"
err_prefix "grant-all.sql:10:" 'no such schema: nosuch'
end
