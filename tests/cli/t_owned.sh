# tests/cli/t_owned.sh
#	ALTER TABLE ... OWNER TO reaches the sequences the table owns, as
#	ATExecChangeOwner() does, through the table's own list of them (not a
#	scan of every sequence, which made a dump of thousands of tables
#	quadratic): serial, identity and OWNED BY sequences follow, also
#	after a rename; one whose OWNED BY was taken away, or never set, does
#	not.  Sourced by tests/cli/run.sh (its helpers and $T).

cat >owned.sql <<'EOF2'
CREATE TABLE public.t (id integer);
CREATE SEQUENCE public.s1;
ALTER SEQUENCE public.s1 OWNED BY public.t.id;
CREATE TABLE public.u (id serial, k integer GENERATED ALWAYS AS IDENTITY);
CREATE SEQUENCE public.s2;
ALTER TABLE public.t OWNER TO bob;
ALTER TABLE public.u OWNER TO carol;
ALTER TABLE public.u RENAME TO u2;
ALTER TABLE public.u2 OWNER TO dave;
ALTER SEQUENCE public.s1 OWNED BY NONE;
ALTER TABLE public.t OWNER TO erin;
EOF2

begin "ALTER TABLE OWNER TO: owned sequences follow (after a rename too); unowned ones do not"
run inspect --format json owned.sql
status 0
json '{s["name"]: s["owner"] for s in d["sequences"]} == {"s1": "bob", "s2": None, "u_id_seq": "dave", "u_k_seq": "dave"}'
end
