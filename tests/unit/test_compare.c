/*
 * test_compare.c
 *	  The comparison engine (compare.h) on models built from SQL: for each
 *	  object kind and each hazard a change that must be found with it, and
 *	  a look-alike that must not (no change, or the change without the
 *	  hazard); normalisation (one schema written two ways is no
 *	  difference); --rename hints; the type-change rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "compare.h"
#include "filter.h"
#include "sqlmodel.h"

#define T                                                                                          \
	"CREATE TABLE public.t (id integer NOT NULL, a integer, v character varying(10), "         \
	"n numeric(10,2), s text);\n"

struct ccase {
	const char *what;
	const char *old_sql, *new_sql;
	/* the change that must be there; name NULL: there must be no change at all */
	enum change_kind kind;
	enum change_action action;
	const char *name;
	unsigned has;	   /* hazards it must have */
	unsigned lacks;	   /* hazards it must not have */
	const char *field; /* a field it must name (ALTER), or NULL */
};

enum {
	DL = HAZARD_DATA_LOSS,
	RW = HAZARD_TABLE_REWRITE,
	AX = HAZARD_ACCESS_EXCLUSIVE,
	IB = HAZARD_INDEX_BUILD,
	VS = HAZARD_VALIDATION_SCAN,
	NN = HAZARD_NOT_NULL_SCAN,
	PR = HAZARD_POSSIBLE_RENAME,
	RC = HAZARD_RECREATE,
};

static const struct ccase cases[] = {
    /* schemas, extensions */
    {"schema added", "", "CREATE SCHEMA s;", CK_SCHEMA, CHANGE_ADD, "s", 0, 0, NULL},
    {"schema comment", "CREATE SCHEMA s;", "CREATE SCHEMA s; COMMENT ON SCHEMA s IS 'x';",
     CK_SCHEMA, CHANGE_ALTER, "s", 0, 0, "comment"},
    {"public's default comment is none (look-alike)",
     "COMMENT ON SCHEMA public IS 'standard public schema';", "", 0, 0, NULL, 0, 0, NULL},
    {"extension added", "", "CREATE EXTENSION hstore WITH SCHEMA public;", CK_EXTENSION, CHANGE_ADD,
     "hstore", 0, 0, NULL},
    {"plpgsql's CREATE EXTENSION is no difference (look-alike)",
     "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;", "", 0, 0, NULL, 0, 0, NULL},
    {"an extension comment one dump leaves out is none (look-alike)",
     "CREATE EXTENSION hstore WITH SCHEMA public;",
     "CREATE EXTENSION hstore WITH SCHEMA public; COMMENT ON EXTENSION hstore IS 'x';", 0, 0, NULL,
     0, 0, NULL},
    {"extension comment", "CREATE EXTENSION hstore; COMMENT ON EXTENSION hstore IS 'y';",
     "CREATE EXTENSION hstore; COMMENT ON EXTENSION hstore IS 'x';", CK_EXTENSION, CHANGE_ALTER,
     "hstore", 0, 0, "comment"},
    /* tables */
    {"table dropped: data loss", T, "", CK_TABLE, CHANGE_DROP, "t", DL, PR, NULL},
    {"table added", "", T, CK_TABLE, CHANGE_ADD, "t", 0, DL | PR, NULL},
    {"drop and add of one shape: possible rename", "CREATE TABLE public.a (x integer);",
     "CREATE TABLE public.b (x integer);", CK_TABLE, CHANGE_ADD, "b", PR, 0, NULL},
    {"drop and add of another shape: no rename (look-alike)", "CREATE TABLE public.a (x integer);",
     "CREATE TABLE public.b (x bigint);", CK_TABLE, CHANGE_DROP, "a", DL, PR, NULL},
    {"unlogged: rewrite", T,
     "CREATE UNLOGGED TABLE public.t (id integer NOT NULL, a integer, v "
     "character varying(10), n numeric(10,2), s text);",
     CK_TABLE, CHANGE_ALTER, "t", RW, 0, "unlogged"},
    {"RLS enabled", T, T "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;", CK_TABLE, CHANGE_ALTER,
     "t", 0, 0, "rls_enabled"},
    {"RLS forced", T, T "ALTER TABLE public.t FORCE ROW LEVEL SECURITY;", CK_TABLE, CHANGE_ALTER,
     "t", 0, 0, "rls_forced"},
    {"owner", T "ALTER TABLE public.t OWNER TO a;", T "ALTER TABLE public.t OWNER TO b;", CK_TABLE,
     CHANGE_ALTER, "t", 0, 0, "owner"},
    {"an owner one dump does not record is none (look-alike)", T,
     T "ALTER TABLE public.t OWNER TO b;", 0, 0, NULL, 0, 0, NULL},
    {"grants", T, T "GRANT SELECT ON TABLE public.t TO r;", CK_TABLE, CHANGE_ALTER, "t", 0, 0,
     "grants"},
    {"grants in another order are the same (look-alike)",
     T "GRANT SELECT ON TABLE public.t TO r; GRANT INSERT ON TABLE public.t TO r;",
     T "GRANT INSERT ON TABLE public.t TO r; GRANT SELECT ON TABLE public.t TO r;", 0, 0, NULL, 0,
     0, NULL},
    {"table comment", T, T "COMMENT ON TABLE public.t IS 'x';", CK_TABLE, CHANGE_ALTER, "t", 0, 0,
     "comment"},
    {"inherits", "CREATE TABLE public.p (x integer); CREATE TABLE public.c (x integer);",
     "CREATE TABLE public.p (x integer); CREATE TABLE public.c (x integer) INHERITS (public.p);",
     CK_TABLE, CHANGE_ALTER, "c", 0, 0, "inherits"},
    {"partition bound",
     "CREATE TABLE public.p (x integer) PARTITION BY RANGE (x); CREATE TABLE public.c PARTITION "
     "OF public.p FOR VALUES FROM (0) TO (10);",
     "CREATE TABLE public.p (x integer) PARTITION BY RANGE (x); CREATE TABLE public.c PARTITION "
     "OF public.p FOR VALUES FROM (0) TO (20);",
     CK_TABLE, CHANGE_ALTER, "c", 0, 0, "partition_bound"},
    {"partition key", "CREATE TABLE public.p (x integer, y integer) PARTITION BY RANGE (x);",
     "CREATE TABLE public.p (x integer, y integer) PARTITION BY RANGE (y);", CK_TABLE, CHANGE_ALTER,
     "p", 0, 0, "partition_key"},
    {"columns in another order", "CREATE TABLE public.t (x integer, y text, z integer);",
     "CREATE TABLE public.t (y text, x integer, z integer);", CK_TABLE, CHANGE_ALTER, "t", 0, 0,
     "column_order"},
    {"a column added at the end keeps the order (look-alike)",
     "CREATE TABLE public.t (x integer, y text);",
     "CREATE TABLE public.t (x integer, y text, z integer);", CK_COLUMN, CHANGE_ADD, "z", 0, 0,
     NULL},
    /* columns */
    {"column dropped: data loss", T,
     "CREATE TABLE public.t (id integer NOT NULL, a integer, v "
     "character varying(10), n numeric(10,2));",
     CK_COLUMN, CHANGE_DROP, "s", DL, PR, NULL},
    {"column drop and add of one type: possible rename", "CREATE TABLE public.t (x integer);",
     "CREATE TABLE public.t (y integer);", CK_COLUMN, CHANGE_DROP, "x", DL | PR, 0, NULL},
    {"column drop and add of another type: no rename (look-alike)",
     "CREATE TABLE public.t (x integer);", "CREATE TABLE public.t (y text);", CK_COLUMN,
     CHANGE_DROP, "x", DL, PR, NULL},
    {"integer to bigint: rewrite, no loss", "CREATE TABLE public.t (x integer);",
     "CREATE TABLE public.t (x bigint);", CK_COLUMN, CHANGE_ALTER, "x", RW | AX, DL, "type"},
    {"bigint to integer: rewrite and loss", "CREATE TABLE public.t (x bigint);",
     "CREATE TABLE public.t (x integer);", CK_COLUMN, CHANGE_ALTER, "x", RW | DL, 0, "type"},
    {"varchar(10) to varchar(20): no rewrite (look-alike)",
     "CREATE TABLE public.t (x character varying(10));",
     "CREATE TABLE public.t (x character varying(20));", CK_COLUMN, CHANGE_ALTER, "x", 0, RW | DL,
     "type"},
    {"varchar(20) to varchar(10): loss", "CREATE TABLE public.t (x character varying(20));",
     "CREATE TABLE public.t (x character varying(10));", CK_COLUMN, CHANGE_ALTER, "x", DL | RW, 0,
     "type"},
    {"varchar to text: no rewrite", "CREATE TABLE public.t (x character varying(20));",
     "CREATE TABLE public.t (x text);", CK_COLUMN, CHANGE_ALTER, "x", 0, RW | DL, "type"},
    {"numeric(10,2) to numeric(12,2): no rewrite", "CREATE TABLE public.t (x numeric(10,2));",
     "CREATE TABLE public.t (x numeric(12,2));", CK_COLUMN, CHANGE_ALTER, "x", 0, RW | DL, "type"},
    {"numeric(10,2) to numeric(10,1): loss", "CREATE TABLE public.t (x numeric(10,2));",
     "CREATE TABLE public.t (x numeric(10,1));", CK_COLUMN, CHANGE_ALTER, "x", DL | RW, 0, "type"},
    {"SET NOT NULL: scan", "CREATE TABLE public.t (x integer);",
     "CREATE TABLE public.t (x integer NOT NULL);", CK_COLUMN, CHANGE_ALTER, "x", NN, 0,
     "not_null"},
    {"DROP NOT NULL: no scan (look-alike)", "CREATE TABLE public.t (x integer NOT NULL);",
     "CREATE TABLE public.t (x integer);", CK_COLUMN, CHANGE_ALTER, "x", 0, NN, "not_null"},
    {"default changed", "CREATE TABLE public.t (x integer DEFAULT 1);",
     "CREATE TABLE public.t (x integer DEFAULT 2);", CK_COLUMN, CHANGE_ALTER, "x", 0, RW,
     "default"},
    {"column added with a volatile default: rewrite", "CREATE TABLE public.t (x integer);",
     "CREATE TABLE public.t (x integer, y double precision DEFAULT random());", CK_COLUMN,
     CHANGE_ADD, "y", RW, 0, NULL},
    {"column added with a constant default: no rewrite (look-alike)",
     "CREATE TABLE public.t (x integer);",
     "CREATE TABLE public.t (x integer, y integer DEFAULT 0);", CK_COLUMN, CHANGE_ADD, "y", 0, RW,
     NULL},
    {"identity", "CREATE TABLE public.t (x integer NOT NULL);",
     "CREATE TABLE public.t (x integer NOT NULL GENERATED ALWAYS AS IDENTITY);", CK_COLUMN,
     CHANGE_ALTER, "x", 0, 0, "identity"},
    {"generated", "CREATE TABLE public.t (x integer, y integer);",
     "CREATE TABLE public.t (x integer, y integer GENERATED ALWAYS AS (x * 2) STORED);", CK_COLUMN,
     CHANGE_ALTER, "y", RW, 0, "generated"},
    {"collation: no rewrite (test_diff.py asks PostgreSQL)", "CREATE TABLE public.t (x text);",
     "CREATE TABLE public.t (x text COLLATE \"C\");", CK_COLUMN, CHANGE_ALTER, "x", 0, RW,
     "collation"},
    {"column comment", "CREATE TABLE public.t (x text);",
     "CREATE TABLE public.t (x text); COMMENT ON COLUMN public.t.x IS 'c';", CK_COLUMN,
     CHANGE_ALTER, "x", 0, 0, "comment"},
    {"nextval of the sequence bare or qualified is one default (look-alike)",
     "SET search_path = public, pg_catalog; CREATE SEQUENCE s; CREATE TABLE t (x integer DEFAULT "
     "nextval('s'::regclass));",
     "CREATE SEQUENCE public.s; CREATE TABLE public.t (x integer DEFAULT "
     "nextval('public.s'::regclass));",
     0, 0, NULL, 0, 0, NULL},
    /* constraints */
    {"CHECK added: validation scan", T, T "ALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0);",
     CK_CONSTRAINT, CHANGE_ADD, "c", VS, 0, NULL},
    {"CHECK added NOT VALID: no scan (look-alike)", T,
     T "ALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;", CK_CONSTRAINT, CHANGE_ADD,
     "c", 0, VS, NULL},
    {"FK added: validation scan", T "CREATE TABLE public.r (id integer PRIMARY KEY);",
     T "CREATE TABLE public.r (id integer PRIMARY KEY); ALTER TABLE public.t ADD CONSTRAINT fk "
       "FOREIGN KEY (a) REFERENCES public.r(id);",
     CK_CONSTRAINT, CHANGE_ADD, "fk", VS, 0, NULL},
    {"FK added NOT VALID: no scan (look-alike)",
     T "CREATE TABLE public.r (id integer PRIMARY KEY);",
     T "CREATE TABLE public.r (id integer PRIMARY KEY); ALTER TABLE public.t ADD CONSTRAINT fk "
       "FOREIGN KEY (a) REFERENCES public.r(id) NOT VALID;",
     CK_CONSTRAINT, CHANGE_ADD, "fk", 0, VS, NULL},
    {"FK action changed",
     T "CREATE TABLE public.r (id integer PRIMARY KEY); ALTER TABLE public.t ADD CONSTRAINT fk "
       "FOREIGN KEY (a) REFERENCES public.r(id);",
     T "CREATE TABLE public.r (id integer PRIMARY KEY); ALTER TABLE public.t ADD CONSTRAINT fk "
       "FOREIGN KEY (a) REFERENCES public.r(id) ON DELETE CASCADE;",
     CK_CONSTRAINT, CHANGE_ALTER, "fk", RC, 0, "on_delete"},
    {"deferrable only: no rebuild (look-alike)",
     T "CREATE TABLE public.r (id integer PRIMARY KEY); ALTER TABLE public.t ADD CONSTRAINT fk "
       "FOREIGN KEY (a) REFERENCES public.r(id);",
     T "CREATE TABLE public.r (id integer PRIMARY KEY); ALTER TABLE public.t ADD CONSTRAINT fk "
       "FOREIGN KEY (a) REFERENCES public.r(id) DEFERRABLE;",
     CK_CONSTRAINT, CHANGE_ALTER, "fk", 0, RC | VS, "deferrable"},
    {"primary key added: index build", T,
     T "ALTER TABLE public.t ADD CONSTRAINT pk PRIMARY KEY (id);", CK_CONSTRAINT, CHANGE_ADD, "pk",
     IB, 0, NULL},
    {"unique columns changed", T "ALTER TABLE public.t ADD CONSTRAINT u UNIQUE (a);",
     T "ALTER TABLE public.t ADD CONSTRAINT u UNIQUE (a, v);", CK_CONSTRAINT, CHANGE_ALTER, "u",
     RC | IB, 0, "columns"},
    {"exclusion", "CREATE TABLE public.t (a integer, b integer);",
     "CREATE TABLE public.t (a integer, b integer); ALTER TABLE public.t ADD CONSTRAINT x EXCLUDE "
     "USING btree (a WITH =);",
     CK_CONSTRAINT, CHANGE_ADD, "x", IB, 0, NULL},
    {"check expression changed", T "ALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0);",
     T "ALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 1);", CK_CONSTRAINT, CHANGE_ALTER, "c",
     VS | RC, 0, "expression"},
    {"check in extra parentheses is the same (look-alike)",
     T "ALTER TABLE public.t ADD CONSTRAINT c CHECK (a > 0);",
     T "ALTER TABLE public.t ADD CONSTRAINT c CHECK (((a > 0)));", 0, 0, NULL, 0, 0, NULL},
    /* indexes */
    {"index on an existing table: build", T, T "CREATE INDEX i ON public.t (a);", CK_INDEX,
     CHANGE_ADD, "i", IB, 0, NULL},
    {"index on a new table: no build hazard (look-alike)", "", T "CREATE INDEX i ON public.t (a);",
     CK_INDEX, CHANGE_ADD, "i", 0, IB, NULL},
    {"index made unique", T "CREATE INDEX i ON public.t (a);",
     T "CREATE UNIQUE INDEX i ON public.t (a);", CK_INDEX, CHANGE_ALTER, "i", IB | RC, 0, "unique"},
    {"index predicate", T "CREATE INDEX i ON public.t (a);",
     T "CREATE INDEX i ON public.t (a) WHERE (a > 0);", CK_INDEX, CHANGE_ALTER, "i", IB, 0,
     "where"},
    {"index method", T "CREATE INDEX i ON public.t (a);",
     T "CREATE INDEX i ON public.t USING hash (a);", CK_INDEX, CHANGE_ALTER, "i", IB, 0, "method"},
    {"index include", T "CREATE INDEX i ON public.t (a);",
     T "CREATE INDEX i ON public.t (a) INCLUDE (v);", CK_INDEX, CHANGE_ALTER, "i", IB, 0,
     "include"},
    {"index keys", T "CREATE INDEX i ON public.t (a);", T "CREATE INDEX i ON public.t (a DESC);",
     CK_INDEX, CHANGE_ALTER, "i", IB, 0, "keys"},
    {"btree written or not is one index (look-alike)", T "CREATE INDEX i ON public.t (a);",
     T "CREATE INDEX i ON public.t USING btree (a);", 0, 0, NULL, 0, 0, NULL},
    /* types */
    {"enum label appended: no loss", "CREATE TYPE public.e AS ENUM ('a', 'b');",
     "CREATE TYPE public.e AS ENUM ('a', 'b', 'c');", CK_TYPE, CHANGE_ALTER, "e", 0, DL | RC,
     "labels"},
    {"enum label inserted: no loss (look-alike)", "CREATE TYPE public.e AS ENUM ('a', 'b');",
     "CREATE TYPE public.e AS ENUM ('a', 'x', 'b');", CK_TYPE, CHANGE_ALTER, "e", 0, DL | RC,
     "labels"},
    {"enum label removed: loss", "CREATE TYPE public.e AS ENUM ('a', 'b');",
     "CREATE TYPE public.e AS ENUM ('a');", CK_TYPE, CHANGE_ALTER, "e", DL | RC, 0, "labels"},
    {"enum labels reordered: recreate", "CREATE TYPE public.e AS ENUM ('a', 'b');",
     "CREATE TYPE public.e AS ENUM ('b', 'a');", CK_TYPE, CHANGE_ALTER, "e", RC, DL, "labels"},
    {"composite attribute dropped", "CREATE TYPE public.c AS (x integer, y text);",
     "CREATE TYPE public.c AS (x integer);", CK_TYPE, CHANGE_ALTER, "c", DL, 0, "attributes"},
    {"composite attribute added", "CREATE TYPE public.c AS (x integer);",
     "CREATE TYPE public.c AS (x integer, y text);", CK_TYPE, CHANGE_ALTER, "c", 0, DL,
     "attributes"},
    {"domain base type", "CREATE DOMAIN public.d AS integer;", "CREATE DOMAIN public.d AS bigint;",
     CK_TYPE, CHANGE_ALTER, "d", RC, 0, "base_type"},
    {"domain default", "CREATE DOMAIN public.d AS integer;",
     "CREATE DOMAIN public.d AS integer DEFAULT 1;", CK_TYPE, CHANGE_ALTER, "d", 0, 0, "default"},
    {"domain NOT NULL: scan", "CREATE DOMAIN public.d AS integer;",
     "CREATE DOMAIN public.d AS integer NOT NULL;", CK_TYPE, CHANGE_ALTER, "d", NN, 0, "not_null"},
    {"domain CHECK: validation", "CREATE DOMAIN public.d AS integer;",
     "CREATE DOMAIN public.d AS integer CONSTRAINT p CHECK (VALUE > 0);", CK_TYPE, CHANGE_ALTER,
     "d", VS, 0, "checks"},
    {"domain CHECK dropped: no validation (look-alike)",
     "CREATE DOMAIN public.d AS integer CONSTRAINT p CHECK (VALUE > 0);",
     "CREATE DOMAIN public.d AS integer;", CK_TYPE, CHANGE_ALTER, "d", 0, VS, "checks"},
    {"range subtype", "CREATE TYPE public.r AS RANGE (subtype = integer);",
     "CREATE TYPE public.r AS RANGE (subtype = bigint);", CK_TYPE, CHANGE_ALTER, "r", RC, 0,
     "subtype"},
    {"type of another kind: dropped and added", "CREATE TYPE public.x AS ENUM ('a');",
     "CREATE DOMAIN public.x AS integer;", CK_TYPE, CHANGE_DROP, "x", DL, 0, NULL},
    /* sequences */
    {"sequence increment", "CREATE SEQUENCE public.s;", "CREATE SEQUENCE public.s INCREMENT BY 2;",
     CK_SEQUENCE, CHANGE_ALTER, "s", 0, 0, "increment"},
    {"sequence cache", "CREATE SEQUENCE public.s;", "CREATE SEQUENCE public.s CACHE 10;",
     CK_SEQUENCE, CHANGE_ALTER, "s", 0, 0, "cache"},
    {"sequence cycle", "CREATE SEQUENCE public.s;", "CREATE SEQUENCE public.s CYCLE;", CK_SEQUENCE,
     CHANGE_ALTER, "s", 0, 0, "cycle"},
    {"sequence type", "CREATE SEQUENCE public.s AS integer;", "CREATE SEQUENCE public.s;",
     CK_SEQUENCE, CHANGE_ALTER, "s", 0, 0, "data_type"},
    {"sequence OWNED BY", "CREATE TABLE public.t (x integer); CREATE SEQUENCE public.s;",
     "CREATE TABLE public.t (x integer); CREATE SEQUENCE public.s; ALTER SEQUENCE public.s OWNED "
     "BY public.t.x;",
     CK_SEQUENCE, CHANGE_ALTER, "s", 0, 0, "owned_by"},
    {"a bare CREATE SEQUENCE is pg_dump's spelled out (look-alike)", "CREATE SEQUENCE public.s;",
     "CREATE SEQUENCE public.s START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;", 0, 0,
     NULL, 0, 0, NULL},
    {"a descending sequence's defaults (look-alike)",
     "CREATE SEQUENCE public.s AS integer INCREMENT BY -1;",
     "CREATE SEQUENCE public.s AS integer START WITH -1 INCREMENT BY -1 MINVALUE -2147483648 "
     "MAXVALUE -1 CACHE 1;",
     0, 0, NULL, 0, 0, NULL},
    {"sequence start", "CREATE SEQUENCE public.s;", "CREATE SEQUENCE public.s START WITH 5;",
     CK_SEQUENCE, CHANGE_ALTER, "s", 0, 0, "start"},
    {"sequence dropped", "CREATE SEQUENCE public.s;", "", CK_SEQUENCE, CHANGE_DROP, "s", 0, 0,
     NULL},
    /* views */
    {"view definition",
     "CREATE TABLE public.t (x integer); CREATE VIEW public.v AS SELECT x FROM public.t;",
     "CREATE TABLE public.t (x integer); CREATE VIEW public.v AS SELECT x + 1 AS x FROM public.t;",
     CK_VIEW, CHANGE_ALTER, "v", 0, RC, "definition"},
    {"materialized view definition: recreate",
     "CREATE TABLE public.t (x integer); CREATE MATERIALIZED VIEW public.v AS SELECT x FROM "
     "public.t;",
     "CREATE TABLE public.t (x integer); CREATE MATERIALIZED VIEW public.v AS SELECT x + 1 AS x "
     "FROM public.t;",
     CK_VIEW, CHANGE_ALTER, "v", RC, 0, "definition"},
    {"materialized view index",
     "CREATE TABLE public.t (x integer); CREATE MATERIALIZED VIEW public.v AS SELECT x FROM "
     "public.t;",
     "CREATE TABLE public.t (x integer); CREATE MATERIALIZED VIEW public.v AS SELECT x FROM "
     "public.t; CREATE INDEX vi ON public.v (x);",
     CK_INDEX, CHANGE_ADD, "vi", 0, 0, NULL},
    {"a view's column list one side leaves out (look-alike)",
     "CREATE TABLE public.t (x integer); CREATE VIEW public.v (x) AS SELECT x FROM public.t;",
     "CREATE TABLE public.t (x integer); CREATE VIEW public.v AS SELECT x FROM public.t;", 0, 0,
     NULL, 0, 0, NULL},
    {"a view's column names",
     "CREATE TABLE public.t (x integer); CREATE VIEW public.v (a) AS SELECT x FROM public.t;",
     "CREATE TABLE public.t (x integer); CREATE VIEW public.v (b) AS SELECT x FROM public.t;",
     CK_VIEW, CHANGE_ALTER, "v", 0, 0, "columns"},
    /* functions */
    {"function returns: recreate",
     "CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';",
     "CREATE FUNCTION public.f(integer) RETURNS bigint LANGUAGE sql AS 'SELECT 1';", CK_FUNCTION,
     CHANGE_ALTER, "f(integer)", RC, 0, "returns"},
    {"function SECURITY DEFINER: no recreate (look-alike)",
     "CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';",
     "CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql SECURITY DEFINER AS 'SELECT "
     "1';",
     CK_FUNCTION, CHANGE_ALTER, "f(integer)", 0, RC, "security_definer"},
    {"function language", "CREATE FUNCTION public.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';",
     "CREATE FUNCTION public.f() RETURNS integer LANGUAGE plpgsql AS 'BEGIN RETURN 1; END';",
     CK_FUNCTION, CHANGE_ALTER, "f()", 0, 0, "language"},
    {"overload added: matched by arguments",
     "CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';",
     "CREATE FUNCTION public.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1'; CREATE "
     "FUNCTION public.f(text) RETURNS integer LANGUAGE sql AS 'SELECT 1';",
     CK_FUNCTION, CHANGE_ADD, "f(text)", 0, 0, NULL},
    /* triggers, policies */
    {"trigger timing",
     T "CREATE FUNCTION public.tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'; "
       "CREATE TRIGGER tg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.tf();",
     T "CREATE FUNCTION public.tf() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'; "
       "CREATE TRIGGER tg AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.tf();",
     CK_TRIGGER, CHANGE_ALTER, "tg", 0, 0, "timing"},
    {"policy using", T "CREATE POLICY p ON public.t USING (a > 0);",
     T "CREATE POLICY p ON public.t USING (a > 1);", CK_POLICY, CHANGE_ALTER, "p", 0, 0, "using"},
    {"policy roles", T "CREATE POLICY p ON public.t TO r1 USING (a > 0);",
     T "CREATE POLICY p ON public.t TO r2 USING (a > 0);", CK_POLICY, CHANGE_ALTER, "p", 0, 0,
     "roles"},
    /* other objects */
    {"collation added", "", "CREATE COLLATION public.c (provider = icu, locale = 'und');",
     CK_OBJECT, CHANGE_ADD, "c", 0, 0, NULL},
    {"collation's own name bare or qualified (look-alike)",
     "SET search_path = public; CREATE COLLATION c (provider = icu, locale = 'und');",
     "CREATE COLLATION public.c (provider = icu, locale = 'und');", 0, 0, NULL, 0, 0, NULL},
    {"collation definition", "CREATE COLLATION public.c (provider = icu, locale = 'und');",
     "CREATE COLLATION public.c (provider = icu, locale = 'de');", CK_OBJECT, CHANGE_ALTER, "c", 0,
     0, "definition"},
};

static struct model *build(const char *sql)
{
	struct model *m = sqlmodel_build(sql, NULL);
	filter_apply(m, NULL);
	model_sort(m);
	return m;
}

static const struct change *find(const struct comparison *c, enum change_kind kind,
				 enum change_action action, const char *name)
{
	for (size_t i = 0; i < c->changes.n; i++) {
		const struct change *ch = c->changes.v[i];
		if (ch->kind == kind && ch->action == action && strcmp(ch->name, name) == 0)
			return ch;
	}
	return NULL;
}

static void list_changes(const struct comparison *c)
{
	for (size_t i = 0; i < c->changes.n; i++) {
		const struct change *ch = c->changes.v[i];
		print_message("    %s %s %s hazards %#x\n", change_action_name(ch->action),
			      change_kind_name(ch->kind), ch->name, ch->hazards);
		for (size_t j = 0; j < ch->fields.n; j++) {
			const struct change_field *f = ch->fields.v[j];
			print_message("      %s: %s -> %s\n", f->field, f->old ? f->old : "NULL",
				      f->new ? f->new : "NULL");
		}
	}
}

static void run_case(const struct ccase *k)
{
	struct model *o = build(k->old_sql), *n = build(k->new_sql);
	struct comparison c;
	compare_models(o, n, NULL, &c);
	bool ok = true;
	if (k->name == NULL) {
		ok = c.changes.n == 0;
	} else {
		const struct change *ch = find(&c, k->kind, k->action, k->name);
		ok =
		    ch != NULL && (ch->hazards & k->has) == k->has && (ch->hazards & k->lacks) == 0;
		if (ok && k->field != NULL) {
			bool named = false;
			for (size_t j = 0; j < ch->fields.n; j++)
				named |=
				    strcmp(((const struct change_field *)ch->fields.v[j])->field,
					   k->field) == 0;
			ok = named;
		}
	}
	if (!ok) {
		print_message("case failed: %s\n", k->what);
		list_changes(&c);
	}
	compare_free(&c);
	model_free(o);
	model_free(n);
	if (!ok)
		fail_msg("%s", k->what);
}

static void test_cases(void **state)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i]);
}

/* A model compared with itself, and with the same schema built again: nothing. */
static void test_same(void **state)
{
	const char *sql =
	    T "CREATE INDEX i ON public.t (a); CREATE TYPE public.e AS ENUM ('x'); "
	      "GRANT SELECT ON TABLE public.t TO r; COMMENT ON TABLE public.t IS 'c';";
	struct model *a = build(sql), *b = build(sql);
	struct comparison c;
	compare_models(a, a, NULL, &c);
	assert_int_equal(c.changes.n, 0);
	compare_free(&c);
	compare_models(a, b, NULL, &c);
	assert_int_equal(c.changes.n, 0);
	assert_int_equal(c.hazards, 0);
	compare_free(&c);
	model_free(a);
	model_free(b);
}

/* --no-owners, --no-grants, --no-comments leave those out; without them they count. */
static void test_opts(void **state)
{
	struct model *a =
	    build(T "ALTER TABLE public.t OWNER TO a; COMMENT ON TABLE public.t IS 'x';"
		    "GRANT SELECT ON public.t TO r;");
	struct model *b = build(T "ALTER TABLE public.t OWNER TO b;");
	struct comparison c;
	compare_models(a, b, NULL, &c);
	const struct change *ch = find(&c, CK_TABLE, CHANGE_ALTER, "t");
	assert_non_null(ch);
	assert_int_equal(ch->fields.n, 3);
	compare_free(&c);
	struct compare_opts o = {.no_owners = true, .no_grants = true, .no_comments = true};
	compare_models(a, b, &o, &c);
	assert_int_equal(c.changes.n, 0);
	compare_free(&c);
	model_free(a);
	model_free(b);
}

/* A filtered-out object is no difference. */
static void test_filter(void **state)
{
	struct model *a = build("CREATE SCHEMA s; CREATE TABLE s.x (a integer);" T);
	struct model *b = build("CREATE SCHEMA s; CREATE TABLE s.x (a bigint);" T);
	struct filter *f = filter_new();
	assert_true(filter_add_option(f, 'n', "public"));
	filter_apply(a, f);
	filter_apply(b, f);
	struct comparison c;
	compare_models(a, b, NULL, &c);
	assert_int_equal(c.changes.n, 0);
	compare_free(&c);
	filter_free(f);
	model_free(a);
	model_free(b);
}

static void test_renames(void **state)
{
	struct model *a = build("CREATE TABLE public.a (x integer, y text);");
	struct model *b = build("CREATE TABLE public.b (x integer, z text);");
	struct rename_hint h[3];
	assert_true(compare_parse_rename("public.a=b", &h[0]));
	assert_true(compare_parse_rename("public.a.y=z", &h[1]));
	assert_true(compare_parse_rename("public.nope=other", &h[2]));
	struct compare_opts o = {.renames = h, .n_renames = 3};
	struct comparison c;
	compare_models(a, b, &o, &c);
	const struct change *t = find(&c, CK_TABLE, CHANGE_RENAME, "b");
	assert_non_null(t);
	assert_string_equal(t->old_name, "a");
	const struct change *col = find(&c, CK_COLUMN, CHANGE_RENAME, "z");
	assert_non_null(col);
	assert_string_equal(col->old_name, "y");
	assert_null(find(&c, CK_TABLE, CHANGE_DROP, "a"));
	assert_null(find(&c, CK_COLUMN, CHANGE_DROP, "y"));
	assert_int_equal(c.changes.n, 2);
	/* the hint that matched nothing is reported, not dropped silently */
	assert_int_equal(c.unused_renames.n, 1);
	assert_ptr_equal(c.unused_renames.v[0], &h[2]);
	compare_free(&c);
	/* without hints: drop + add */
	compare_models(a, b, NULL, &c);
	assert_non_null(find(&c, CK_TABLE, CHANGE_DROP, "a"));
	assert_non_null(find(&c, CK_TABLE, CHANGE_ADD, "b"));
	compare_free(&c);
	for (int i = 0; i < 3; i++) {
		free((char *)h[i].from);
		free((char *)h[i].to);
	}
	model_free(a);
	model_free(b);
}

/* A renamed column whose type changed too: the rename, then the ALTER under the new name. */
static void test_rename_and_alter(void **state)
{
	struct model *a = build("CREATE TABLE public.t (x integer);");
	struct model *b = build("CREATE TABLE public.t (y bigint);");
	struct rename_hint h;
	assert_true(compare_parse_rename("public.t.x=y", &h));
	struct compare_opts o = {.renames = &h, .n_renames = 1};
	struct comparison c;
	compare_models(a, b, &o, &c);
	assert_int_equal(c.changes.n, 2);
	const struct change *r = c.changes.v[0], *al = c.changes.v[1];
	assert_int_equal(r->action, CHANGE_RENAME);
	assert_string_equal(r->old_name, "x");
	assert_int_equal(al->action, CHANGE_ALTER);
	assert_string_equal(al->name, "y");
	assert_true(al->hazards & HAZARD_TABLE_REWRITE);
	assert_int_equal(c.unused_renames.n, 0);
	compare_free(&c);
	free((char *)h.from);
	free((char *)h.to);
	model_free(a);
	model_free(b);
}

static void test_parse_rename(void **state)
{
	struct rename_hint h;
	assert_true(compare_parse_rename("\"we.ird\".\"a=b\"=\"c=d\"", &h));
	assert_string_equal(h.from, "\"we.ird\".\"a=b\"");
	assert_string_equal(h.to, "\"c=d\"");
	free((char *)h.from);
	free((char *)h.to);
	assert_false(compare_parse_rename("a=b", &h));	       /* unqualified */
	assert_false(compare_parse_rename("s.a", &h));	       /* no = */
	assert_false(compare_parse_rename("s.a=", &h));	       /* nothing after */
	assert_false(compare_parse_rename("s.t.c=x.y", &h));   /* 3 parts to 2 */
	assert_false(compare_parse_rename("s.t.c=s.u.d", &h)); /* a column leaves its table */
	assert_false(compare_parse_rename("s.\"a=b", &h));     /* unterminated quote */
	assert_false(compare_parse_rename("a.b.c.d=e", &h));   /* four parts */
}

static void test_type_change(void **state)
{
	assert_int_equal(compare_type_change_hazards("text", "text"), 0);
	assert_int_equal(compare_type_change_hazards("character varying(5)", "character varying"),
			 0);
	assert_int_equal(compare_type_change_hazards("text", "character varying"), 0);
	assert_int_equal(compare_type_change_hazards("cidr", "inet"), 0);
	assert_int_equal(compare_type_change_hazards("numeric(5,2)", "numeric"), 0);
	assert_int_equal(compare_type_change_hazards("timestamp(3) without time zone",
						     "timestamp(6) without time zone"),
			 0);
	assert_true(compare_type_change_hazards("timestamp(6) without time zone",
						"timestamp(3) without time zone") &
		    HAZARD_DATA_LOSS);
	assert_true(compare_type_change_hazards("text", "character varying(5)") & HAZARD_DATA_LOSS);
	assert_true(compare_type_change_hazards("character(5)", "character(10)") &
		    HAZARD_TABLE_REWRITE);
	assert_false(compare_type_change_hazards("character(5)", "character(10)") &
		     HAZARD_DATA_LOSS);
	assert_true(compare_type_change_hazards("integer[]", "integer") & HAZARD_DATA_LOSS);
	assert_int_equal(compare_type_change_hazards("integer", "double precision"),
			 HAZARD_TABLE_REWRITE | HAZARD_ACCESS_EXCLUSIVE | HAZARD_DATA_LOSS);
	assert_int_equal(compare_type_change_hazards("integer", "numeric"),
			 HAZARD_TABLE_REWRITE | HAZARD_ACCESS_EXCLUSIVE);
	assert_int_equal(compare_type_change_hazards("integer", "text"),
			 HAZARD_TABLE_REWRITE | HAZARD_ACCESS_EXCLUSIVE);
}

/* A column added at the end, or one dropped, leaves the others' order alone: no column_order. */
static void test_column_order_lookalike(void **state)
{
	static const char *const pairs[][2] = {
	    {"CREATE TABLE public.t (x integer, y text);",
	     "CREATE TABLE public.t (x integer, y text, z integer);"},
	    {"CREATE TABLE public.t (x integer, y text, z integer);",
	     "CREATE TABLE public.t (x integer, z integer);"},
	};
	for (size_t i = 0; i < 2; i++) {
		struct model *a = build(pairs[i][0]), *b = build(pairs[i][1]);
		struct comparison c;
		compare_models(a, b, NULL, &c);
		assert_int_equal(c.changes.n, 1);
		assert_null(find(&c, CK_TABLE, CHANGE_ALTER, "t"));
		compare_free(&c);
		model_free(a);
		model_free(b);
	}
}

static void test_names(void **state)
{
	for (int i = 0; i < N_HAZARDS; i++) {
		enum hazard h = (enum hazard)(1u << i);
		assert_int_equal(hazard_parse(hazard_name(h)), h);
		assert_string_not_equal(hazard_explain(h), "?");
	}
	assert_int_equal(hazard_parse("nope"), 0);
	for (int k = 0; k < N_CHANGE_KINDS; k++)
		assert_string_not_equal(change_kind_name((enum change_kind)k), "?");
	assert_string_equal(change_action_name(CHANGE_RENAME), "rename");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_same),
	    cmocka_unit_test(test_opts),
	    cmocka_unit_test(test_filter),
	    cmocka_unit_test(test_renames),
	    cmocka_unit_test(test_parse_rename),
	    cmocka_unit_test(test_type_change),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_column_order_lookalike),
	    cmocka_unit_test(test_rename_and_alter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
