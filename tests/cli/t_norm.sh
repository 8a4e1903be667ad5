# tests/cli/t_norm.sh
#	One schema, one model, whatever pg_dump wrote it (sourced by
#	tests/cli/run.sh: its helpers and $T).  An old dump's unqualified
#	trigger function and an explicit COLLATE "default" read as pg_dump 15
#	writes the same schema back, so two such dumps agree.

cat >norm-old.sql <<'EOF2'
SET search_path = public, pg_catalog;
CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE t (id integer PRIMARY KEY, name text COLLATE pg_catalog."default", code text COLLATE "C");
CREATE TRIGGER t_upd BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE last_updated();
CREATE TRIGGER t_sup BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE suppress_redundant_updates_trigger();
CREATE COLLATION mycoll (provider = icu, locale = 'und');
CREATE TABLE u (x text COLLATE mycoll, y text COLLATE pg_catalog."POSIX");
EOF2
cat >norm-new.sql <<'EOF2'
SELECT pg_catalog.set_config('search_path', '', false);
CREATE FUNCTION public.last_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE public.t (id integer NOT NULL, name text, code text COLLATE pg_catalog."C");
ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
CREATE TRIGGER t_upd BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.last_updated();
CREATE TRIGGER t_sup BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();
CREATE COLLATION public.mycoll (provider = icu, locale = 'und');
CREATE TABLE public.u (x text COLLATE public.mycoll, y text COLLATE pg_catalog."POSIX");
EOF2

begin "an old dump's unqualified trigger function resolves through search_path; pg_catalog's stays bare"
run inspect --format json norm-old.sql
status 0
json '{x["name"]: x["function"] for x in d["triggers"]} == {"t_upd": "public.last_updated()", "t_sup": "suppress_redundant_updates_trigger()"}'
end

begin "COLLATE \"default\" is no collation; \"C\" stays; the dump's own collation is qualified"
for f in norm-old.sql norm-new.sql; do
	run inspect --format json $f
	status 0
	json '{c["name"]: c["collation"] for t in d["tables"] for c in t["columns"]} == {"id": None, "name": None, "code": "C", "x": "public.mycoll", "y": "POSIX"}' "$f: collations"
done
end

begin "baseline: the old-style and the pg_dump 15 dump of one schema agree"
rm -rf norm-proj && mkdir norm-proj && cp norm-old.sql norm-new.sql norm-proj/
(cd norm-proj && timeout -k 5 "$TMO" "$BIN" baseline --init --date 2026-01-01 norm-old.sql \
	norm-new.sql </dev/null >../out 2>../err)
ST=$?
sanity
status 0
end
