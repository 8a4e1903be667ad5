# shellcheck shell=bash
# tests/cli/t_ddl.sh: hand-written DDL as PostgreSQL 15 applies it: what a
# partitioned or inherited parent passes on (indexes, keys, columns, NOT
# NULL, defaults, CHECKs), serial outside public, LIKE, renames and SET
# SCHEMA, and the names PostgreSQL makes up; each next to a look-alike that
# must not do the same (ONLY, NO INHERIT, an existing matching index).
# tests/integration/test_ddl.py checks the same against a real server.
# Sourced by tests/cli/run.sh (its helpers and scratch directory).

# ddl_facts: the model in out (JSON) as one fact a line, into facts.
ddl_facts() {
	"$PY" - out >facts <<'EOF' 2>facts.err || problem "cannot read the JSON: $(head -c 300 facts.err)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for t in d["tables"]:
    q = "%s.%s" % (t["schema"], t["name"])
    for c in t["columns"]:
        print("column %s.%s %s%s default=%s" % (q, c["name"], c["type"],
              "" if c["nullable"] else " not null", c["default"]))
    if t.get("primary_key"):
        print("pk %s %s" % (q, t["primary_key"]["name"]))
    for u in t.get("unique_constraints") or []:
        print("unique %s %s" % (q, u["name"]))
    for c in t.get("check_constraints") or []:
        print("check %s %s" % (q, c["name"]))
    for i in t.get("indexes") or []:
        print("index %s %s (%s)" % (q, i["name"], ", ".join(i["columns"])))
for s in d["sequences"]:
    print("sequence %s.%s %s owned by %s" % (s["schema"], s["name"], s["data_type"], s["owned_by"]))
EOF
}
fact() { grep -qxF -- "$1" facts || problem "no fact: $1"; }
no_fact() { ! grep -qxF -- "$1" facts || problem "fact that must not be: $1"; }
no_match() { ! grep -qE -- "$1" facts || problem "facts match /$1/: $(grep -E -- "$1" facts | head -n 3 | tr '\n' ';')"; }

cat >ddl-part.sql <<'EOF'
CREATE TABLE public.pay (id bigint NOT NULL, day date NOT NULL, amount numeric,
    PRIMARY KEY (id, day), UNIQUE (day, id)) PARTITION BY RANGE (day);
CREATE INDEX ON public.pay (amount);
CREATE TABLE public.pay_a PARTITION OF public.pay FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE public.pay_b (id bigint NOT NULL, day date NOT NULL, amount numeric);
CREATE INDEX pay_b_mine ON public.pay_b (amount);
ALTER TABLE public.pay_b ADD CONSTRAINT pay_b_own_pk PRIMARY KEY (id, day);
ALTER TABLE public.pay ATTACH PARTITION public.pay_b FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE INDEX pay_only ON ONLY public.pay (day, amount);
CREATE TABLE public.pay_c_amount_idx (x int);
CREATE TABLE public.pay_c PARTITION OF public.pay FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
CREATE TABLE public.pay_partition_with_a_name_long_enough_to_be_cut_short_xyz PARTITION OF public.pay
    FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
EOF

begin "ddl: PARTITION OF and ATTACH PARTITION give the partition its parent's keys and indexes, named as PostgreSQL names them"
run inspect ddl-part.sql --format json
status 0
ddl_facts
fact "pk public.pay_a pay_a_pkey"
fact "unique public.pay_a pay_a_day_id_key"
fact "index public.pay_a pay_a_amount_idx (amount)"
fact "unique public.pay_b pay_b_day_id_key"
fact "index public.pay_c pay_c_amount_idx1 (amount)"
fact "pk public.pay_partition_with_a_name_long_enough_to_be_cut_short_xyz pay_partition_with_a_name_long_enough_to_be_cut_short_xyz_pkey"
fact "index public.pay_partition_with_a_name_long_enough_to_be_cut_short_xyz pay_partition_with_a_name_long_enough_to_be_cut_shor_amount_idx (amount)"
fact "index public.pay_c pay_c_day_amount_idx (day, amount)"
[ -s err ] && problem "warnings: $(head -n 3 err | tr '\n' ' ')"
end

begin "ddl: look-alikes: a partition's matching index or key stands for its parent's; ON ONLY reaches no existing partition"
ddl_facts
fact "pk public.pay_b pay_b_own_pk"
fact "index public.pay_b pay_b_mine (amount)"
no_match "^pk public.pay_b pay_b_pkey"
no_match "^index public.pay_b pay_b_amount_idx"
no_match "^index public.pay_(a|b) .*\(day, amount\)"
end

cat >ddl-inh.sql <<'EOF'
CREATE TABLE public.animal (id int NOT NULL, name text);
CREATE TABLE public.dog (bark text) INHERITS (public.animal);
CREATE TABLE public.pay (id int, day date) PARTITION BY RANGE (day);
CREATE TABLE public.pay_a PARTITION OF public.pay FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
ALTER TABLE public.animal ADD COLUMN legs int DEFAULT 4 CHECK (legs >= 0);
ALTER TABLE public.animal ALTER COLUMN name SET NOT NULL;
ALTER TABLE public.animal ALTER COLUMN name SET DEFAULT 'rex';
ALTER TABLE public.animal ADD CONSTRAINT animal_id_check CHECK (id > 0);
ALTER TABLE public.pay ADD COLUMN note text DEFAULT 'none';
ALTER TABLE public.pay ALTER COLUMN id SET NOT NULL;
ALTER TABLE public.animal ADD COLUMN tail boolean;
ALTER TABLE ONLY public.animal ALTER COLUMN tail SET NOT NULL;
ALTER TABLE ONLY public.animal ALTER COLUMN tail SET DEFAULT true;
ALTER TABLE ONLY public.animal ALTER COLUMN legs DROP DEFAULT;
ALTER TABLE public.animal ADD CONSTRAINT animal_only CHECK (id < 100) NO INHERIT;
EOF

begin "ddl: columns, NOT NULL, defaults and CHECKs added to a parent reach its children and partitions"
run inspect ddl-inh.sql --format json
status 0
ddl_facts
fact "column public.dog.legs integer default=4"
fact "check public.dog animal_legs_check"
fact "check public.dog animal_id_check"
fact "column public.dog.name text not null default='rex'::text"
fact "column public.pay_a.note text default='none'::text"
fact "column public.pay_a.id integer not null default=None"
[ -s err ] && problem "warnings: $(head -n 3 err | tr '\n' ' ')"
end

begin "ddl: look-alikes: ONLY and NO INHERIT stay on the parent"
ddl_facts
fact "column public.animal.tail boolean not null default=true"
fact "column public.dog.tail boolean default=None"
fact "column public.animal.legs integer default=None"
fact "check public.animal animal_only"
no_fact "check public.dog animal_only"
end

cat >ddl-serial.sql <<'EOF'
CREATE SCHEMA app;
CREATE DOMAIN app.serial AS integer;
CREATE SEQUENCE app.t_id_seq;
CREATE TABLE app.t (id serial PRIMARY KEY, big bigserial, s varchar(20) DEFAULT 'active', n bigint DEFAULT -1);
CREATE TABLE app.d (x app.serial);
EOF

begin "ddl: serial outside public: a sequence in the table's schema (named around a taken one), NOT NULL, nextval default, OWNED BY"
run inspect ddl-serial.sql --format json
status 0
ddl_facts
fact "column app.t.id integer not null default=nextval('app.t_id_seq1'::regclass)"
fact "column app.t.big bigint not null default=nextval('app.t_big_seq'::regclass)"
fact "sequence app.t_id_seq1 integer owned by app.t.id"
fact "sequence app.t_big_seq bigint owned by app.t.big"
fact "column app.t.s character varying(20) default='active'::character varying"
fact "column app.t.n bigint default='-1'::integer"
end

begin "ddl: look-alike: a type named serial in another schema is no serial"
ddl_facts
fact "column app.d.x app.serial default=None"
no_match "^sequence app.d_"
end

cat >ddl-like.sql <<'EOF'
CREATE TABLE public.src (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code text DEFAULT 'x' NOT NULL UNIQUE, CHECK (id > 0));
CREATE INDEX ON public.src (lower(code));
COMMENT ON COLUMN public.src.code IS 'the code';
CREATE TABLE public.copy (LIKE public.src INCLUDING ALL);
CREATE TABLE public.bare (LIKE public.src);
EOF

begin "ddl: LIKE INCLUDING ALL copies defaults, identity (own sequence), CHECKs, keys and indexes under the new table's names"
run inspect ddl-like.sql --format json
status 0
ddl_facts
fact "column public.copy.code text not null default='x'::text"
fact "pk public.copy copy_pkey"
fact "unique public.copy copy_code_key"
fact "check public.copy src_id_check"
fact "index public.copy copy_lower_idx (lower(code))"
fact "sequence public.copy_id_seq integer owned by public.copy.id"
end

begin "ddl: look-alike: LIKE without options copies columns and NOT NULL only"
ddl_facts
fact "column public.bare.code text not null default=None"
no_match "^(pk|unique|check|index) public.bare "
no_match "^sequence public.bare"
end

cat >ddl-rename.sql <<'EOF'
CREATE SCHEMA other;
CREATE TABLE public.old (id serial PRIMARY KEY, v text CHECK (v <> ''));
CREATE TABLE public.kid () INHERITS (public.old);
CREATE TABLE public.ref (old_id int REFERENCES public.old (id));
ALTER TABLE public.old RENAME TO renamed;
ALTER TABLE public.renamed RENAME COLUMN v TO val;
ALTER TABLE public.renamed RENAME CONSTRAINT old_v_check TO renamed_val_check;
ALTER TABLE public.renamed SET SCHEMA other;
ALTER TABLE other.renamed ADD COLUMN later int UNIQUE;
ALTER TABLE public.renamed ADD COLUMN never int;
EOF

begin "ddl: RENAME TO, RENAME COLUMN, RENAME CONSTRAINT and SET SCHEMA: later statements find the table; what refers to it follows"
run inspect ddl-rename.sql --format json
status 0
ddl_facts
fact "unique other.renamed renamed_later_key"
fact "column other.renamed.id integer not null default=nextval('other.old_id_seq'::regclass)"
fact "sequence other.old_id_seq integer owned by other.renamed.id"
fact "check other.renamed renamed_val_check"
fact "check public.kid renamed_val_check"
fact "column public.kid.val text default=None"
json 'any(f["referred_schema"] == "other" and f["referred_table"] == "renamed" for t in d["tables"] for f in t["foreign_keys"])' "the foreign key follows the table"
end

begin "ddl: look-alike: the old name is gone: ALTER on it is a located warning"
err_prefix "ddl-rename.sql:10:" "no such table"
no_match "^column .*\.never "
no_match "^(column|pk|check) public.(old|renamed)[ .]"
end

cat >ddl-names.sql <<'EOF'
CREATE TABLE public.t (a int, b text);
CREATE INDEX ON public.t (a);
CREATE INDEX ON public.t (a);
CREATE INDEX ON public.t (lower(b), (a + 1), (a - 1));
CREATE TABLE public.a_table_name_that_is_long_enough_to_be_cut_when_named_xx (column_with_a_long_name int);
CREATE INDEX ON public.a_table_name_that_is_long_enough_to_be_cut_when_named_xx (column_with_a_long_name);
CREATE INDEX named ON public.t (b);
EOF

begin "ddl: indexes without a name: table_cols_idx, 1 on a collision, expr names, cut to 63 bytes"
run inspect ddl-names.sql --format json
status 0
ddl_facts
fact "index public.t t_a_idx (a)"
fact "index public.t t_a_idx1 (a)"
fact "index public.t t_lower_expr_expr1_idx (lower(b), (a + 1), (a - 1))"
fact "index public.a_table_name_that_is_long_enough_to_be_cut_when_named_xx a_table_name_that_is_long_enough_to_column_with_a_long_name_idx (column_with_a_long_name)"
fact "index public.t named (b)"
[ -s err ] && problem "warnings: $(head -n 3 err | tr '\n' ' ')"
end

cat >ddl-trig.sql <<'EOF'
CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE public.pay (id int, day date) PARTITION BY RANGE (day);
CREATE TABLE public.pay_a PARTITION OF public.pay FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')
    PARTITION BY RANGE (day);
CREATE TABLE public.pay_a1 PARTITION OF public.pay_a FOR VALUES FROM ('2020-01-01') TO ('2020-07-01');
CREATE TRIGGER pay_row BEFORE UPDATE ON public.pay FOR EACH ROW EXECUTE FUNCTION public.f();
CREATE TRIGGER pay_stmt AFTER INSERT ON public.pay FOR EACH STATEMENT EXECUTE FUNCTION public.f();
CREATE TABLE public.pay_b PARTITION OF public.pay FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE TABLE public.animal (id int);
CREATE TABLE public.dog () INHERITS (public.animal);
CREATE TRIGGER animal_row BEFORE UPDATE ON public.animal FOR EACH ROW EXECUTE FUNCTION public.f();
EOF

begin "ddl: a partitioned table's row trigger reaches its partitions, those below them and those made later"
run inspect ddl-trig.sql --format json
status 0
json '{(t["table"], t["name"]) for t in d["triggers"] if t["name"] == "pay_row"} == {("pay", "pay_row"), ("pay_a", "pay_row"), ("pay_a1", "pay_row"), ("pay_b", "pay_row")}' "pay_row on pay, pay_a, pay_a1 and pay_b"
end

begin "ddl: look-alikes: a statement trigger, and an inheritance parent's row trigger, stay where they are"
json '[t["table"] for t in d["triggers"] if t["name"] == "pay_stmt"] == ["pay"]' "pay_stmt on pay only"
json '[t["table"] for t in d["triggers"] if t["name"] == "animal_row"] == ["animal"]' "animal_row on animal only"
end

cat >ddl-detach.sql <<'EOF'
CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE public.pay (id int, day date) PARTITION BY RANGE (day);
CREATE INDEX ON public.pay (id);
CREATE TRIGGER pay_row BEFORE UPDATE ON public.pay FOR EACH ROW EXECUTE FUNCTION public.f();
CREATE TABLE public.pay_a PARTITION OF public.pay FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE public.pay_b PARTITION OF public.pay FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE TRIGGER pay_a_own BEFORE UPDATE ON public.pay_a FOR EACH ROW EXECUTE FUNCTION public.f();
ALTER TABLE public.pay DETACH PARTITION public.pay_a;
ALTER TABLE public.pay ADD COLUMN later int;
CREATE TABLE public.animal (id int);
CREATE TABLE public.dog () INHERITS (public.animal);
CREATE TABLE public.cat () INHERITS (public.animal);
ALTER TABLE public.cat NO INHERIT public.animal;
ALTER TABLE public.animal ADD COLUMN legs int;
CREATE TABLE public.t (a int);
ALTER TABLE public.t ADD CONSTRAINT t_a_check CHECK (a > 0);
ALTER TABLE public.t RENAME CONSTRAINT t_a_check TO t_a_positive;
ALTER TABLE public.t ADD CHECK (a < 10);
EOF

begin "ddl: DETACH PARTITION and NO INHERIT: the table stands alone, keeps what it has, and gets nothing more"
run inspect ddl-detach.sql --format json
status 0
ddl_facts
fact "index public.pay_a pay_a_id_idx (id)"
no_match "^column public.pay_a.later "
no_match "^column public.cat.legs "
json '[t["name"] for t in d["triggers"] if t["table"] == "pay_a"] == ["pay_a_own"]' "pay_a keeps its own trigger, not pay_row"
json '[t["kind"] for t in d["tables"] if t["name"] == "pay_a"] == ["table"] and [t["inherits"] for t in d["tables"] if t["name"] == "cat"] in ([[]], [None])' "pay_a is a table, cat inherits nothing"
end

begin "ddl: look-alikes: the other partition and child still get what their parent adds; a renamed constraint's name is free again"
ddl_facts
fact "column public.pay_b.later integer default=None"
fact "column public.dog.legs integer default=None"
json '[t["name"] for t in d["triggers"] if t["table"] == "pay_b"] == ["pay_row"]' "pay_b keeps pay_row"
fact "check public.t t_a_check"
fact "check public.t t_a_positive"
end

cat >ddl-drop.sql <<'EOF'
DROP TABLE IF EXISTS public.t;
DROP TABLE public.nothing_yet;
ALTER TABLE IF EXISTS ONLY public.t DROP CONSTRAINT IF EXISTS t_pkey;
CREATE TABLE public.t (id serial PRIMARY KEY, a int, b int, UNIQUE (a, b), CHECK (b > 0));
CREATE INDEX ON public.t (b);
CREATE INDEX ON public.t (a);
CREATE TABLE public.r (t_id int REFERENCES public.t (id));
CREATE TABLE public.kid () INHERITS (public.t);
ALTER TABLE public.t DROP COLUMN b;
ALTER TABLE ONLY public.t DROP COLUMN a;
CREATE TABLE public.keep (id int PRIMARY KEY);
CREATE TABLE public.keep_ref (k int REFERENCES public.keep);
DROP TABLE public.keep;
CREATE TABLE public.gone (id int PRIMARY KEY);
CREATE TABLE public.gone_ref (g int REFERENCES public.gone, x int);
DROP TABLE public.gone CASCADE;
CREATE TABLE public.pay (id int, day date) PARTITION BY RANGE (day);
CREATE INDEX pay_day ON public.pay (day);
CREATE INDEX pay_id ON public.pay (id);
CREATE TABLE public.pay_a PARTITION OF public.pay FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
DROP INDEX public.pay_day;
EOF

begin "ddl: DROP TABLE, DROP COLUMN, DROP INDEX take what depends on them along, CASCADE the foreign keys into them"
run inspect ddl-drop.sql --format json
status 0
ddl_facts
no_match "^(column|check|unique|index|pk) public.t[ .].*\bb\b"
no_match "^column public.kid.b "
no_match "table public.gone\b|public.gone[ .]"
json 'not any(t["foreign_keys"] for t in d["tables"] if t["name"] == "gone_ref")' "gone_ref's foreign key went with gone"
no_match "^index public.pay_a .*\(day\)"
no_match "^index public.pay .*pay_day"
end

begin "ddl: look-alikes: ONLY DROP COLUMN leaves the children's, RESTRICT refuses a referenced table, other indexes stay, DROP IF EXISTS of nothing is silent (without IF EXISTS: PostgreSQL's error)"
fact "column public.kid.a integer default=None"
no_match "^column public.t.a "
fact "pk public.keep keep_pkey"
err_prefix "ddl-drop.sql:13:" "cannot drop table public.keep: foreign key keep_ref_k_fkey"
fact "index public.pay_a pay_a_id_idx (id)"
fact "sequence public.t_id_seq integer owned by public.t.id"
err_prefix "ddl-drop.sql:2:" "table public.nothing_yet does not exist"
[ "$(grep -c warning err)" -eq 2 ] || problem "expected two warnings, got: $(tr '\n' ' ' <err | cut -c1-300)"
end

cat >ddl-refs.sql <<'EOF'
CREATE TABLE public.t (v text, w int, "Odd" int, CHECK (v <> 'v' AND length(v) > w), CHECK ("Odd" > 0));
CREATE INDEX t_lower ON public.t (lower(v)) WHERE w > 0;
CREATE TABLE public.g (v int, total int GENERATED ALWAYS AS (v * 2) STORED);
ALTER TABLE public.t RENAME COLUMN v TO "New V";
ALTER TABLE public.t RENAME COLUMN "Odd" TO even;
ALTER TABLE public.g RENAME COLUMN v TO amount;
EOF

# ddl_exprs: every CHECK, index key and predicate, and generated expression, one a line.
ddl_exprs() {
	"$PY" - out >facts <<'EOF' 2>facts.err || problem "cannot read the JSON: $(head -c 300 facts.err)"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for t in d["tables"]:
    for c in t.get("check_constraints") or []:
        print("check %s %s" % (t["name"], c["expression"]))
    for i in t.get("indexes") or []:
        print("index %s %s where %s" % (t["name"], ", ".join(i["columns"]), i["where"]))
    for c in t["columns"]:
        if c.get("generated"):
            print("generated %s.%s %s" % (t["name"], c["name"], c["generated"]))
EOF
}

begin "ddl: RENAME COLUMN: CHECK expressions, index keys and predicates, generated columns name the new column"
run inspect ddl-refs.sql --format json
status 0
ddl_exprs
fact "check t \"New V\" <> 'v' AND length(\"New V\") > w"
fact "check t even > 0"
fact "index t lower(\"New V\") where w > 0"
fact "generated g.total amount * 2"
end

begin "ddl: look-alikes: a string literal, a function's name and other columns are left as they are"
ddl_exprs
no_match "'New V'|\"New V\"\(|[( ]v[ )]"
fact "check t \"New V\" <> 'v' AND length(\"New V\") > w"
end

cat >ddl-casts.sql <<'EOF'
CREATE SCHEMA app;
CREATE DOMAIN app.varchar AS text;
CREATE DOMAIN public.code AS varchar(10) DEFAULT 'x'::varchar CHECK (VALUE <> ''::varchar);
CREATE TABLE public.t (a varchar(20) DEFAULT 'a'::varchar, b timestamp(3) DEFAULT now()::timestamp(3),
    c int DEFAULT '1'::int4, d text DEFAULT 'd'::app.varchar, e int[] DEFAULT '{}'::int[],
    CHECK (a <> 'z'::varchar(20)));
EOF

begin "ddl: casts in defaults and CHECKs spell their type as PostgreSQL prints it"
run inspect ddl-casts.sql --format json
status 0
ddl_facts
fact "column public.t.a character varying(20) default='a'::character varying"
fact "column public.t.b timestamp(3) without time zone default=now()::timestamp(3) without time zone"
fact "column public.t.c integer default='1'::integer"
fact "column public.t.e integer[] default='{}'::integer[]"
json '[(t["default"], [c["expression"].endswith("::character varying") for c in t["checks"]]) for t in d["types"] if t["name"] == "code"] == [("'"'x'::character varying"'", [True])]' "the domain's default and CHECK"
end

begin "ddl: look-alike: a user type named varchar keeps its schema and its name, quoted as a keyword"
fact "column public.t.d text default='d'::app.\"varchar\""
end

cat >ddl-foreign.sql <<'EOF'
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE TABLE public.logs (at date, msg text) PARTITION BY RANGE (at);
CREATE INDEX ON public.logs (at);
CREATE FOREIGN TABLE public.logs_ext PARTITION OF public.logs FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')
    SERVER files OPTIONS (filename '/dev/null');
CREATE TABLE public.logs_2021 PARTITION OF public.logs FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
EOF

begin "ddl: a foreign partition stays a foreign table and gets no index"
run inspect ddl-foreign.sql --format json
status 0
ddl_facts
no_match "^index public.logs_ext "
json '[(t["kind"], t["partition_of"]) for t in d["tables"] if t["name"] == "logs_ext"] == [("foreign_table", "public.logs")]' "logs_ext: foreign_table, partition of public.logs"
end

begin "ddl: look-alike: the ordinary partition beside it gets the index"
fact "index public.logs_2021 logs_2021_at_idx (at)"
end

cat >ddl-keys.sql <<'EOF'
CREATE TABLE public.p (a int NOT NULL) PARTITION BY RANGE (a);
CREATE UNIQUE INDEX p_a ON public.p (a);
CREATE TABLE public.c (a int NOT NULL, CONSTRAINT c_uq UNIQUE (a));
ALTER TABLE public.p ATTACH PARTITION public.c FOR VALUES FROM (0) TO (10);
CREATE TABLE public.q (a int NOT NULL, UNIQUE (a)) PARTITION BY RANGE (a);
CREATE TABLE public.d (a int NOT NULL);
CREATE UNIQUE INDEX d_a ON public.d (a);
ALTER TABLE public.q ATTACH PARTITION public.d FOR VALUES FROM (0) TO (10);
EOF

begin "ddl: a partition's UNIQUE constraint stands for its parent's unique index"
run inspect ddl-keys.sql --format json
status 0
ddl_facts
fact "unique public.c c_uq"
no_match "^index public.c "
end

begin "ddl: look-alike: a partition's plain unique index does not stand for its parent's UNIQUE constraint"
fact "index public.d d_a (a)"
fact "unique public.d d_a_key"
end
