# tests/cli/t_revops.sh
#	revision's Alembic operations, sourced by tests/cli/run.sh (its helpers
#	and $T): each statement SQLAlchemy writes exactly is an operation, and
#	its look-alike that SQLAlchemy cannot write exactly (NOT VALID, NO
#	INHERIT, a collation, a USING holding '%', ALTER TABLE ONLY on a table
#	with an inheritance child) runs as the plan wrote it, through
#	_execute().  Names that are keywords SQLAlchemy would leave bare are
#	quoted_name.  tests/integration/test_revision.py runs them with Alembic
#	on PostgreSQL 15.

revops_v1='CREATE TABLE public.p (id integer NOT NULL, a text, b text, c text, "d%" text);
ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (id);
CREATE TABLE public.parent (id integer, x text);
CREATE TABLE public.child (y text) INHERITS (public.parent);
CREATE TABLE public.q (id integer NOT NULL, x text);'
revops_v2='CREATE TABLE public.p (id integer NOT NULL, a integer, b text COLLATE pg_catalog."C", c text DEFAULT '"'x'"'::text, "d%" integer, e text, f text COLLATE pg_catalog."C");
ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (id);
CREATE TABLE public.parent (id integer, x text DEFAULT '"'y'"'::text);
CREATE TABLE public.child (y text) INHERITS (public.parent);
CREATE TABLE public.q (id integer NOT NULL, x text);
ALTER TABLE ONLY public.q ADD CONSTRAINT q_id_fkey FOREIGN KEY (id) REFERENCES public.p(id);
ALTER TABLE ONLY public.q ADD CONSTRAINT q_nv_fkey FOREIGN KEY (id) REFERENCES public.p(id) NOT VALID;
ALTER TABLE public.q ADD CONSTRAINT q_pos CHECK ((id > 0));
ALTER TABLE ONLY public.q ADD CONSTRAINT q_ni CHECK ((id < 100)) NO INHERIT;
CREATE TABLE public.kw ("collation" text, "values" integer, type integer, "Id" integer);'

# revops_module V1 V2: baseline V1 in $T/revops, write the revision to V2; its module in $mod.
revops_module() {
	rm -rf "$T/revops"
	mkdir -p "$T/revops"
	cd "$T/revops" || exit 1
	printf '%s\n' "$1" >v1.sql
	printf '%s\n' "$2" >v2.sql
	"$BIN" baseline --init --date 2026-01-01 v1.sql >/dev/null 2>baseline.err ||
		problem "baseline --init failed: $(cat baseline.err)"
	run revision -m ops v1.sql v2.sql
	status 0
	mod=$(sed -n 's/^wrote \(.*\.py\)$/\1/p' out)
	"$PY" -m py_compile "$mod" 2>pyc.err || problem "does not compile: $(cat pyc.err)"
}

# revops_has TEXT WHY: the module holds the line TEXT (after its indent).
revops_has() {
	grep -qxF "    $1" "$mod" || problem "$2: no line '$1'"
}

begin "revision: operations where SQLAlchemy writes the plan's statement, the statement where it cannot"
revops_module "$revops_v1" "$revops_v2"
revops_has "op.create_foreign_key('q_id_fkey', 'q', 'p', ['id'], ['id'], source_schema='public', referent_schema='public')" "a foreign key"
revops_has "_execute('ALTER TABLE ONLY public.q ADD CONSTRAINT q_nv_fkey FOREIGN KEY (id) REFERENCES public.p(id) NOT VALID')" "NOT VALID (look-alike)"
revops_has "op.create_check_constraint('q_pos', 'q', _text('id > 0'), schema='public')" "a CHECK"
revops_has "_execute('ALTER TABLE ONLY public.q ADD CONSTRAINT q_ni CHECK (id < 100) NO INHERIT')" "NO INHERIT (look-alike)"
revops_has "op.alter_column('p', 'a', type_=sa.Integer(), existing_type=sa.Text(), postgresql_using='a::integer', schema='public')" "a type with USING"
revops_has "_execute('ALTER TABLE public.p ALTER COLUMN \"d%\" TYPE integer USING \"d%\"::integer')" "a USING holding % (look-alike)"
revops_has "_execute('ALTER TABLE public.p ALTER COLUMN b TYPE text COLLATE \"C\"')" "a type with a collation"
revops_has "op.add_column('p', sa.Column('e', sa.Text()), schema='public')" "an added column"
revops_has "_execute('ALTER TABLE public.p ADD COLUMN f text COLLATE \"C\"')" "an added column with a collation (look-alike)"
revops_has "op.alter_column('p', 'c', server_default=_text('\\'x\\'::text'), schema='public')" "a default"
revops_has "_execute('ALTER TABLE ONLY public.parent ALTER COLUMN x SET DEFAULT \\'y\\'::text')" "a default on a table with a child (look-alike)"
revops_has "op.alter_column('p', 'c', server_default=None, schema='public')" "a default dropped"
revops_has "op.drop_constraint('q_nv_fkey', 'q', schema='public')" "a constraint dropped"
grep -q "sa.Column(sa.sql.quoted_name('collation', True), sa.Text())" "$mod" ||
	problem "a keyword SQLAlchemy leaves bare is not a quoted_name"
grep -q "sa.Column('Id', sa.Integer())" "$mod" && grep -q "sa.Column('type', sa.Integer())" "$mod" ||
	problem "a name SQLAlchemy quotes itself is not a plain literal (look-alike)"
grep -q "quoted_name('values', True)" "$mod" || problem "values is not a quoted_name"
cd "$T" || exit 1
end
