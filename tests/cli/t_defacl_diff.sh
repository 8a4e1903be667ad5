# tests/cli/t_defacl_diff.sh
#	Default privileges (ALTER DEFAULT PRIVILEGES) in diff, sourced by
#	tests/cli/run.sh: a changed, added or removed entry is a difference
#	with its SQL; --no-grants, the same entries, and an entry without FOR
#	ROLE against pg_dump's FOR ROLE of the same privileges are not.
#	tests/integration/data/diff/default_privileges is the round trip in
#	PostgreSQL 15.

printf '%s\n' 'CREATE TABLE public.t (id integer);' \
	'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reader;' >dp-old.sql
printf '%s\n' 'CREATE TABLE public.t (id integer);' \
	'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO reader;' \
	'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;' >dp-new.sql

begin "diff: changed and added default privileges are differences, with their SQL"
run diff dp-old.sql dp-new.sql
status 1
out_has '~ default privileges on tables for the role that ran the dump in schema public'
out_has 'grants: reader=SELECT -> reader=INSERT, SELECT'
out_has '\+ default privileges on functions'
run diff --format sql dp-old.sql dp-new.sql
status 1
out_has '^ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO reader;'
out_has '^ALTER DEFAULT PRIVILEGES REVOKE ALL ON FUNCTIONS FROM PUBLIC;'
run diff --format sql dp-new.sql dp-old.sql
status 1
out_has '^ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;'
end

begin "diff: --no-grants, the same entries, and FOR ROLE against none are no difference (look-alikes)"
run diff --no-grants dp-old.sql dp-new.sql
status 0
run diff dp-new.sql dp-new.sql
status 0
printf '%s\n' 'CREATE TABLE public.t (id integer);' \
	'ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA public GRANT ALL ON TABLES TO reader;' >dp-role.sql
printf '%s\n' 'CREATE TABLE public.t (id integer);' \
	'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLES TO reader;' >dp-norole.sql
run diff dp-role.sql dp-norole.sql
status 0
end
