# tests/cli/t_rename_note.sh
#	RENAME and SET SCHEMA of what the model does not rename (types,
#	functions, triggers, policies, ...), sourced by tests/cli/run.sh: each is
#	a located warning and an unparsed entry (so --strict fails), never
#	silence; renames the model follows (tables, columns) are not.

printf '%s\n' 'CREATE TYPE public.mood AS ENUM ('"'a'"');' \
	'CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;' \
	'CREATE TABLE public.t (m public.mood, a integer);' \
	'CREATE TRIGGER tr BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();' \
	'ALTER TYPE public.mood RENAME TO feeling;' \
	'ALTER FUNCTION public.f() RENAME TO g;' \
	'ALTER TRIGGER tr ON public.t RENAME TO tr2;' \
	'ALTER TYPE public.mood SET SCHEMA public;' >rn-note.sql
printf '%s\n' 'CREATE TABLE public.t (a integer);' 'ALTER TABLE public.t RENAME COLUMN a TO b;' \
	'ALTER TABLE public.t RENAME TO u;' 'ALTER TABLE public.u SET SCHEMA public;' >rn-ok.sql

begin "RENAME / SET SCHEMA the model does not follow: a located warning each, and --strict fails"
run inspect --format json rn-note.sql
status 0
for rn_line in 5 6 7; do
	err_prefix "rn-note.sql:$rn_line:1: warning:" 'RENAME of this kind of object is not followed'
done
err_prefix "rn-note.sql:8:1: warning:" 'SET SCHEMA of this kind of object is not followed'
json 'sorted(u["line"] for u in d["unparsed"]) == [5, 6, 7, 8]' "the four statements listed as unparsed"
run inspect --strict rn-note.sql
status 3
end

begin "renames the model follows (table, column, SET SCHEMA of a table) are not noted (look-alike)"
run inspect --strict --format json rn-ok.sql
status 0
json 'tables(d) == {"public.u"} and d["unparsed"] == []'
grep -q 'not followed' err && problem "a followed rename was noted"
end
