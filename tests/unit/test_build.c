/*
 * test_build.c
 *	  Unit tests for the model builder: SQL text in the forms pg_dump
 *	  writes goes through the real pipeline (input, splitter, libpg_query,
 *	  builder) and the model must hold what PostgreSQL 15's catalog holds
 *	  after running the same SQL.
 *
 *	  Every expected name, type, flag and count below was read from a real
 *	  PostgreSQL 15.18 server after running the scenario's SQL there
 *	  (pg_constraint, pg_attribute + format_type with search_path '',
 *	  pg_index + pg_get_indexdef, pg_sequence, pg_enum, pg_proc +
 *	  oidvectortypes / pg_get_function_result, pg_trigger +
 *	  pg_get_triggerdef, pg_policies, pg_class, obj_description, relacl
 *	  ...).  `test_build --write-sql DIR` writes each scenario's SQL to
 *	  DIR/NAME.sql so that the check can be repeated against a server.
 *
 *	  Two kinds of value are the model's own form rather than the
 *	  server's text, as model.h documents: expressions (defaults, CHECK,
 *	  WHERE, USING...) are libpg_query's deparse of what was written (the
 *	  server's pg_get_expr adds parentheses and casts; each one here was
 *	  compared by meaning), and GRANT privileges are kept as written
 *	  ("SELECT, INSERT" where relacl says "ar").  Columns of a statement
 *	  that does not parse count bytes, like every column pgbaseline
 *	  reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sqlmodel.h"

#include <errno.h>
#include <sys/stat.h>

/* ---- helpers ---------------------------------------------------------- */

/* Failures are counted so that one run shows every difference of a scenario. */
static int failures;

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static void differ(const char *what, const char *want, const char *got)
{
	print_error("%s: wanted %s, got %s\n", what, want ? want : "(null)", got ? got : "(null)");
	failures++;
}

static void check_str(const char *what, const char *want, const char *got)
{
	if (!same(want, got))
		differ(what, want, got);
}

static void check_bool(const char *what, bool want, bool got)
{
	if (want != got)
		differ(what, want ? "true" : "false", got ? "true" : "false");
}

static void check_int(const char *what, long long want, long long got)
{
	if (want != got) {
		char w[32], g[32];
		snprintf(w, sizeof(w), "%lld", want);
		snprintf(g, sizeof(g), "%lld", got);
		differ(what, w, g);
	}
}

static void finish(struct model *m)
{
	int n = failures;
	failures = 0;
	model_free(m);
	assert_int_equal(n, 0);
}

/* "schema.name" split at the first dot (no test name has a dot in it). */
static struct table *table_of(struct model *m, const char *qualified)
{
	char schema[128];
	const char *dot = strchr(qualified, '.');
	assert_non_null(dot);
	snprintf(schema, sizeof(schema), "%.*s", (int)(dot - qualified), qualified);
	return sqlmodel_table(m, schema, dot + 1);
}

static const char *kind_letter(enum con_kind k)
{
	switch (k) {
	case CON_PRIMARY:
		return "p";
	case CON_UNIQUE:
		return "u";
	case CON_FOREIGN:
		return "f";
	case CON_CHECK:
		return "c";
	case CON_EXCLUSION:
		return "x";
	}
	return "?";
}

/* Constraint flags, as condeferrable / condeferred / NOT convalidated / connoinherit. */
#define DEFERRABLE (1 << 0)
#define DEFERRED   (1 << 1)
#define NOT_VALID  (1 << 2)
#define NO_INHERIT (1 << 3)

/* One pg_constraint row of a table. */
struct con_row {
	const char *table;	/* "schema.table" */
	const char *name;	/* conname */
	const char *kind;	/* contype: "p", "u", "f", "c", "x" */
	const char *columns;	/* conkey as names, ", "-joined */
	const char *ref;	/* FK: "schema.table(a, b)" from confrelid/confkey */
	const char *on_delete;	/* FK: confdeltype spelled out */
	const char *on_update;	/* FK: confupdtype */
	const char *match;	/* FK: confmatchtype */
	int flags;		/* DEFERRABLE | DEFERRED | NOT_VALID | NO_INHERIT */
	const char *expression; /* CHECK: the model's deparse (see the header) */
};

#define KEY(table, name, kind, columns)                                                            \
	{                                                                                          \
		table, name, kind, columns, NULL, NULL, NULL, NULL, 0, NULL                        \
	}
#define FKEY(table, name, columns, ref, on_delete, on_update, match, flags)                        \
	{                                                                                          \
		table, name, "f", columns, ref, on_delete, on_update, match, flags, NULL           \
	}
#define CHK(table, name, flags, expression)                                                        \
	{                                                                                          \
		table, name, "c", NULL, NULL, NULL, NULL, NULL, flags, expression                  \
	}

/*
 * The constraints of every table named in `rows` must be exactly these:
 * same names, nothing more, each with its kind, key, target and flags.
 * Key columns of CHECK constraints are not modelled and not compared.
 */
static void check_constraints(struct model *m, const struct con_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct con_row *r = &rows[i];
		struct table *t = table_of(m, r->table);
		char what[300];
		struct constraint *c = table_find_constraint(t, r->name);
		snprintf(what, sizeof(what), "%s constraint %s", r->table, r->name);
		if (c == NULL) {
			differ(what, "present", "missing");
			continue;
		}
		check_str(what, r->kind, kind_letter(c->kind));
		if (c->kind != CON_CHECK)
			check_str(what, r->columns, sqlmodel_join(m, &c->columns));
		if (c->kind == CON_FOREIGN) {
			check_str(what, r->ref,
				  arena_printf(m->arena, "%s.%s(%s)", c->ref_schema, c->ref_table,
					       sqlmodel_join(m, &c->ref_columns)));
			check_str(what, r->on_delete, c->on_delete);
			check_str(what, r->on_update, c->on_update);
			check_str(what, r->match, c->match);
		}
		check_bool(what, r->flags & DEFERRABLE, c->deferrable);
		check_bool(what, r->flags & DEFERRED, c->initially_deferred);
		check_bool(what, !(r->flags & NOT_VALID), c->valid);
		check_bool(what, r->flags & NO_INHERIT, c->no_inherit);
		if (c->kind == CON_CHECK)
			check_str(what, r->expression, c->expression);
	}
	/* Nothing the server does not have. */
	for (size_t i = 0; i < n; i++) {
		struct table *t = table_of(m, rows[i].table);
		size_t want = 0;
		for (size_t j = 0; j < n; j++)
			want += strcmp(rows[j].table, rows[i].table) == 0;
		for (size_t j = 0; j < t->constraints.n && want != t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			bool listed = false;
			for (size_t k = 0; k < n; k++)
				listed |= strcmp(rows[k].table, rows[i].table) == 0 &&
					  strcmp(rows[k].name, c->name) == 0;
			if (!listed)
				differ(rows[i].table, "no such constraint", c->name);
		}
	}
}

/* One pg_attribute row (with its pg_attrdef default). */
struct col_row {
	const char *table;	  /* "schema.table" */
	const char *name;	  /* attname */
	const char *type;	  /* format_type(atttypid, atttypmod), search_path '' */
	bool not_null;		  /* attnotnull */
	const char *default_expr; /* pg_attrdef (model's deparse), or NULL */
};

/* The columns of every table named in `rows`, in attnum order, and no others. */
static void check_columns(struct model *m, const struct col_row *rows, size_t n)
{
	const char *prev = NULL;
	size_t pos = 0;
	for (size_t i = 0; i < n; i++) {
		const struct col_row *r = &rows[i];
		struct table *t = table_of(m, r->table);
		char what[300];
		pos = prev && strcmp(prev, r->table) == 0 ? pos + 1 : 0;
		prev = r->table;
		snprintf(what, sizeof(what), "%s column %zu", r->table, pos + 1);
		if (pos >= t->columns.n) {
			differ(what, r->name, "missing");
			continue;
		}
		const struct column *c = t->columns.v[pos];
		check_str(what, r->name, c->name);
		snprintf(what, sizeof(what), "%s.%s", r->table, r->name);
		check_str(what, r->type, c->type);
		check_bool(what, r->not_null, c->not_null);
		check_str(what, r->default_expr, c->default_expr);
		if (i + 1 == n || strcmp(rows[i + 1].table, r->table) != 0)
			check_int(r->table, (long long)pos + 1, (long long)t->columns.n);
	}
}

static const char *grants_of(struct model *m, struct objhdr *h)
{
	struct strbuf sb;
	grants_render(m, h); /* as model_sort() does before any output */
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < h->grants.n; i++) {
		const struct grant *g = h->grants.v[i];
		sb_printf(&sb, "%s%s=%s%s", i ? "; " : "", g->grantee, g->privileges,
			  g->with_grant_option ? " WITH GRANT OPTION" : "");
	}
	const char *r = arena_strdup(m->arena, sb.data);
	sb_free(&sb);
	return r;
}

static struct function *function_of(struct model *m, const char *schema, const char *signature)
{
	for (size_t i = 0; i < m->functions.n; i++) {
		struct function *f = m->functions.v[i];
		if (strcmp(f->h.schema, schema) == 0 && same(f->signature, signature))
			return f;
	}
	fail_msg("no function %s.%s in the model", schema, signature);
	return NULL;
}

static struct index *table_index(struct table *t, const char *name)
{
	for (size_t i = 0; i < t->indexes.n; i++) {
		struct index *ix = t->indexes.v[i];
		if (strcmp(ix->h.name, name) == 0)
			return ix;
	}
	return NULL;
}

/* ---- scenarios: the SQL, as pg_dump writes it where it writes that form ---- */

static const char sql_inline_constraints[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.users (\n"
    "    id integer PRIMARY KEY,\n"
    "    email text UNIQUE,\n"
    "    username text NOT NULL,\n"
    "    age integer DEFAULT 18 CHECK (age >= 0),\n"
    "    UNIQUE (email, username)\n"
    ");\n"
    "CREATE TABLE public.pairs (\n"
    "    a integer NOT NULL,\n"
    "    b integer NOT NULL,\n"
    "    CONSTRAINT pairs_ab UNIQUE (a, b)\n"
    ");\n"
    "CREATE TABLE public.orders (\n"
    "    id integer NOT NULL,\n"
    "    user_id integer REFERENCES public.users,\n"
    "    seller integer REFERENCES public.users (id) ON DELETE CASCADE ON UPDATE RESTRICT "
    "DEFERRABLE INITIALLY DEFERRED,\n"
    "    buyer integer,\n"
    "    total numeric(10,2) DEFAULT 0 NOT NULL,\n"
    "    PRIMARY KEY (id),\n"
    "    FOREIGN KEY (buyer) REFERENCES public.users (id) ON DELETE SET NULL,\n"
    "    FOREIGN KEY (buyer, seller) REFERENCES public.pairs (a, b) MATCH FULL\n"
    ");\n"
    "CREATE TABLE public.lazy (\n"
    "    a integer REFERENCES public.users INITIALLY DEFERRED,\n"
    "    b integer,\n"
    "    c integer UNIQUE DEFERRABLE,\n"
    "    d integer REFERENCES public.users NOT DEFERRABLE INITIALLY IMMEDIATE,\n"
    "    FOREIGN KEY (b) REFERENCES public.users INITIALLY DEFERRED\n"
    ");\n";

static const char sql_check_names[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.t (\n"
    "    a integer CHECK (a > 0),\n"
    "    b integer CHECK (b > a),\n"
    "    c integer,\n"
    "    CHECK (a < c),\n"
    "    CHECK (c > 0),\n"
    "    CHECK (a <> 5),\n"
    "    CHECK (true),\n"
    "    CONSTRAINT named_one CHECK (c < 100)\n"
    ");\n"
    "ALTER TABLE public.t ADD CHECK (a < 1000);\n"
    "ALTER TABLE public.t ADD CHECK (b > 0 AND c > 0);\n"
    "CREATE TABLE public.o (\n"
    "    CHECK (x > 0),\n"
    "    x integer CHECK (x < 10)\n"
    ");\n"
    "CREATE TABLE public.names_a_key (\n"
    "    x integer\n"
    ");\n"
    "CREATE TABLE public.other (\n"
    "    z integer,\n"
    "    CONSTRAINT names_a_check CHECK (z > 0),\n"
    "    CONSTRAINT w_pkey CHECK (z < 100)\n"
    ");\n"
    "CREATE TABLE public.names (\n"
    "    a integer UNIQUE,\n"
    "    b integer,\n"
    "    CHECK (a > 0)\n"
    ");\n"
    "CREATE TABLE public.w (\n"
    "    id integer PRIMARY KEY\n"
    ");\n"
    "CREATE TABLE public.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok (\n"
    "    a_column_with_an_equally_long_name_that_goes_on_and_on_and_on integer PRIMARY KEY,\n"
    "    another_column_with_an_equally_long_name_that_goes_on_and_on integer UNIQUE CHECK "
    "(another_column_with_an_equally_long_name_that_goes_on_and_on > 0),\n"
    "    CHECK (a_column_with_an_equally_long_name_that_goes_on_and_on_and_on < "
    "another_column_with_an_equally_long_name_that_goes_on_and_on)\n"
    ");\n"
    "CREATE TABLE public.\"éééééééééééééééééééééééééééééééa\" (\n"
    "    x integer,\n"
    "    y integer UNIQUE,\n"
    "    \"ççççççççççççççççç\" integer CHECK (\"ççççççççççççççççç\" > 0),\n"
    "    PRIMARY KEY (x)\n"
    ");\n"
    "CREATE TABLE public.k (\n"
    "    a integer UNIQUE,\n"
    "    CONSTRAINT k_a_key CHECK ((a > 0))\n"
    ");\n"
    "CREATE TABLE public.z (\n"
    "    v integer,\n"
    "    CONSTRAINT dom_check CHECK ((v > 0))\n"
    ");\n"
    "CREATE DOMAIN public.dom AS integer\n"
    "\tCHECK ((VALUE > 0));\n"
    "CREATE DOMAIN public.q_a AS integer\n"
    "\tCHECK ((VALUE > 0));\n"
    "CREATE TABLE public.q (\n"
    "    a integer CHECK (a > 0)\n"
    ");\n";

static const char sql_alter_constraints[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.users (\n"
    "    id integer NOT NULL,\n"
    "    email text,\n"
    "    org integer\n"
    ");\n"
    "CREATE TABLE public.orgs (\n"
    "    id integer NOT NULL,\n"
    "    code text NOT NULL\n"
    ");\n"
    "CREATE TABLE public.orders (\n"
    "    id integer NOT NULL,\n"
    "    user_id integer,\n"
    "    org_id integer,\n"
    "    org_code text,\n"
    "    parent_id integer\n"
    ");\n"
    "ALTER TABLE ONLY public.users\n"
    "    ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY public.users\n"
    "    ADD CONSTRAINT users_email_key UNIQUE (email);\n"
    "ALTER TABLE ONLY public.orgs\n"
    "    ADD CONSTRAINT orgs_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY public.orgs\n"
    "    ADD CONSTRAINT orgs_id_code_key UNIQUE (id, code);\n"
    "ALTER TABLE ONLY public.orders\n"
    "    ADD CONSTRAINT orders_pkey PRIMARY KEY (id) INCLUDE (user_id);\n"
    "ALTER TABLE ONLY public.orders\n"
    "    ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON "
    "DELETE CASCADE;\n"
    "ALTER TABLE ONLY public.orders\n"
    "    ADD CONSTRAINT orders_org_fkey FOREIGN KEY (org_id, org_code) REFERENCES public.orgs(id, "
    "code) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL;\n"
    "ALTER TABLE ONLY public.orders\n"
    "    ADD CONSTRAINT orders_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.orders(id) "
    "DEFERRABLE INITIALLY DEFERRED;\n"
    "ALTER TABLE ONLY public.orders\n"
    "    ADD CONSTRAINT orders_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.orgs(id) ON "
    "UPDATE RESTRICT ON DELETE SET DEFAULT DEFERRABLE;\n"
    "ALTER TABLE public.orders\n"
    "    ADD CONSTRAINT orders_user_nv FOREIGN KEY (user_id) REFERENCES public.users(id) NOT "
    "VALID;\n"
    "ALTER TABLE public.orders\n"
    "    ADD CONSTRAINT orders_id_positive CHECK ((id > 0)) NOT VALID;\n"
    "ALTER TABLE public.orders\n"
    "    ADD CONSTRAINT orders_id_small CHECK ((id < 1000000)) NOT VALID;\n"
    "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_id_positive;\n"
    "ALTER TABLE public.users ADD UNIQUE (org, email);\n"
    "ALTER TABLE public.users ADD FOREIGN KEY (org) REFERENCES public.orgs;\n"
    "ALTER TABLE public.users ADD CHECK (org > 0);\n"
    "ALTER TABLE public.orders ADD COLUMN note text DEFAULT 'none'::text NOT NULL CHECK (note <> "
    "''::text);\n"
    "ALTER TABLE public.orders ADD COLUMN ref integer REFERENCES public.users ON DELETE CASCADE;\n";

static const char sql_sequences[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.t (\n"
    "    id integer NOT NULL,\n"
    "    n bigint\n"
    ");\n"
    "CREATE SEQUENCE public.t_id_seq\n"
    "    AS integer\n"
    "    START WITH 1\n"
    "    INCREMENT BY 1\n"
    "    NO MINVALUE\n"
    "    NO MAXVALUE\n"
    "    CACHE 1;\n"
    "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;\n"
    "ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);\n"
    "CREATE SEQUENCE public.free_seq\n"
    "    START WITH 100\n"
    "    INCREMENT BY 10\n"
    "    MINVALUE 5\n"
    "    MAXVALUE 1000\n"
    "    CACHE 5\n"
    "    CYCLE;\n"
    "CREATE SEQUENCE public.down_seq\n"
    "    AS smallint\n"
    "    START WITH -1\n"
    "    INCREMENT BY -1\n"
    "    MINVALUE -500\n"
    "    MAXVALUE -1\n"
    "    CACHE 1;\n"
    "CREATE SEQUENCE public.big_seq\n"
    "    START WITH 1\n"
    "    INCREMENT BY 1\n"
    "    MINVALUE 0\n"
    "    MAXVALUE 9223372036854775807\n"
    "    CACHE 1;\n";

static const char sql_identity[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.t (\n"
    "    id integer NOT NULL,\n"
    "    b bigint NOT NULL,\n"
    "    s smallint NOT NULL,\n"
    "    name text\n"
    ");\n"
    "ALTER TABLE public.t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (\n"
    "    SEQUENCE NAME public.t_id_seq\n"
    "    START WITH 1\n"
    "    INCREMENT BY 1\n"
    "    NO MINVALUE\n"
    "    NO MAXVALUE\n"
    "    CACHE 1\n"
    ");\n"
    "ALTER TABLE public.t ALTER COLUMN b ADD GENERATED ALWAYS AS IDENTITY (\n"
    "    SEQUENCE NAME public.custom_seq\n"
    "    START WITH 10\n"
    "    INCREMENT BY 5\n"
    "    NO MINVALUE\n"
    "    NO MAXVALUE\n"
    "    CACHE 1\n"
    ");\n"
    "ALTER TABLE public.t ALTER COLUMN s ADD GENERATED BY DEFAULT AS IDENTITY (\n"
    "    SEQUENCE NAME public.t_s_seq\n"
    "    START WITH 1\n"
    "    INCREMENT BY 1\n"
    "    NO MINVALUE\n"
    "    NO MAXVALUE\n"
    "    CACHE 1\n"
    ");\n"
    "CREATE TABLE public.u (\n"
    "    id integer GENERATED ALWAYS AS IDENTITY,\n"
    "    x bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 7)\n"
    ");\n"
    "CREATE SEQUENCE public.v_id_seq;\n"
    "CREATE TABLE public.v (\n"
    "    id integer GENERATED ALWAYS AS IDENTITY\n"
    ");\n";

static const char sql_generated_collate[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.g (\n"
    "    a integer NOT NULL,\n"
    "    d numeric GENERATED ALWAYS AS ((a * 2)) STORED,\n"
    "    f text COLLATE pg_catalog.\"C\",\n"
    "    h character varying(10) COLLATE pg_catalog.\"POSIX\" DEFAULT 'x'::character varying NOT "
    "NULL\n"
    ");\n";

static const char sql_partitions[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.events (\n"
    "    id bigint NOT NULL,\n"
    "    at date NOT NULL,\n"
    "    kind text DEFAULT 'x'::text,\n"
    "    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))\n"
    ")\n"
    "PARTITION BY RANGE (at);\n"
    "CREATE TABLE public.events_2024 PARTITION OF public.events\n"
    "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
    "CREATE TABLE public.events_old PARTITION OF public.events\n"
    "FOR VALUES FROM (MINVALUE) TO ('2024-01-01');\n"
    "CREATE TABLE public.events_def PARTITION OF public.events DEFAULT;\n"
    "CREATE TABLE public.events_2025 (\n"
    "    id bigint NOT NULL,\n"
    "    at date NOT NULL,\n"
    "    kind text,\n"
    "    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))\n"
    ");\n"
    "ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025 FOR VALUES FROM "
    "('2025-01-01') TO ('2026-01-01');\n"
    "CREATE TABLE public.events_2026 PARTITION OF public.events\n"
    "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')\n"
    "PARTITION BY LIST (kind);\n"
    "CREATE TABLE public.events_2026_a PARTITION OF public.events_2026\n"
    "FOR VALUES IN ('a', 'b');\n"
    "CREATE TABLE public.l (\n"
    "    code text NOT NULL,\n"
    "    v integer\n"
    ")\n"
    "PARTITION BY LIST (code);\n"
    "CREATE TABLE public.l_ab PARTITION OF public.l (\n"
    "    v DEFAULT 0,\n"
    "    CONSTRAINT l_ab_v_check CHECK ((v >= 0))\n"
    ")\n"
    "FOR VALUES IN ('a', 'b');\n"
    "CREATE TABLE public.h (\n"
    "    k integer,\n"
    "    v text\n"
    ")\n"
    "PARTITION BY HASH (k);\n"
    "CREATE TABLE public.h0 PARTITION OF public.h\n"
    "FOR VALUES WITH (modulus 2, remainder 0);\n"
    "CREATE TABLE public.h1 (\n"
    "    k integer,\n"
    "    v text\n"
    ");\n"
    "ALTER TABLE ONLY public.h ATTACH PARTITION public.h1 FOR VALUES WITH (modulus 2, remainder "
    "1);\n"
    "CREATE TABLE public.ex (\n"
    "    a integer,\n"
    "    b text\n"
    ")\n"
    "PARTITION BY RANGE (a, lower(b));\n";

static const char sql_partition_fk[] = "SELECT pg_catalog.set_config('search_path', '', false);\n"
				       "CREATE TABLE public.users (\n"
				       "    id integer NOT NULL\n"
				       ");\n"
				       "CREATE TABLE public.m (\n"
				       "    id integer NOT NULL,\n"
				       "    user_id integer,\n"
				       "    at date NOT NULL\n"
				       ")\n"
				       "PARTITION BY RANGE (at);\n"
				       "CREATE TABLE public.m1 PARTITION OF public.m\n"
				       "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
				       "CREATE TABLE public.m2 (\n"
				       "    id integer NOT NULL,\n"
				       "    user_id integer,\n"
				       "    at date NOT NULL\n"
				       ");\n"
				       "CREATE TABLE public.msub PARTITION OF public.m\n"
				       "FOR VALUES FROM ('2026-01-01') TO ('2028-01-01')\n"
				       "PARTITION BY RANGE (at);\n"
				       "CREATE TABLE public.msub1 PARTITION OF public.msub\n"
				       "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
				       "ALTER TABLE ONLY public.users\n"
				       "    ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
				       "ALTER TABLE public.m\n"
				       "    ADD CONSTRAINT m_user_id_fkey FOREIGN KEY (user_id) "
				       "REFERENCES public.users(id) ON DELETE CASCADE;\n"
				       "ALTER TABLE ONLY public.m ATTACH PARTITION public.m2 FOR "
				       "VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
				       "CREATE TABLE public.m3 PARTITION OF public.m\n"
				       "FOR VALUES FROM ('2028-01-01') TO ('2029-01-01');\n";

static const char sql_inherits[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.animal (\n"
    "    id integer DEFAULT 0 NOT NULL,\n"
    "    name text,\n"
    "    legs integer,\n"
    "    CONSTRAINT animal_legs_check CHECK ((legs >= 0)) NO INHERIT,\n"
    "    CONSTRAINT animal_name_check CHECK ((name <> ''::text))\n"
    ");\n"
    "CREATE TABLE public.pet (\n"
    "    name text NOT NULL,\n"
    "    owner text\n"
    ")\n"
    "INHERITS (public.animal);\n"
    "CREATE TABLE public.winged (\n"
    "    wings integer DEFAULT 2,\n"
    "    CONSTRAINT winged_wings_check CHECK ((wings >= 0))\n"
    ");\n"
    "CREATE TABLE public.bird (\n"
    "    song text\n"
    ")\n"
    "INHERITS (public.pet, public.winged);\n"
    "CREATE UNLOGGED TABLE public.scratch (\n"
    "    id integer\n"
    ");\n"
    "CREATE FOREIGN DATA WRAPPER dummy;\n"
    "CREATE SERVER files FOREIGN DATA WRAPPER dummy;\n"
    "CREATE FOREIGN TABLE public.ft (\n"
    "    a integer NOT NULL,\n"
    "    b text\n"
    ")\n"
    "SERVER files\n"
    "OPTIONS (\n"
    "    filename '/dev/null'\n"
    ");\n"
    "CREATE TYPE public.pair AS (\n"
    "\ta integer,\n"
    "\tb text\n"
    ");\n"
    "CREATE TABLE public.typed OF public.pair (\n"
    "    a WITH OPTIONS NOT NULL,\n"
    "    CONSTRAINT typed_a_check CHECK ((a > 0))\n"
    ");\n";

static const char sql_inherited_checks[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE DOMAIN public.maybe AS integer DEFAULT 7;\n"
    "CREATE TABLE public.animal (\n"
    "    id integer DEFAULT 0 NOT NULL,\n"
    "    legs integer DEFAULT 4\n"
    ");\n"
    "CREATE TABLE public.pet (\n"
    "    name text\n"
    ")\n"
    "INHERITS (public.animal);\n"
    "CREATE TABLE public.dog (\n"
    "    good boolean DEFAULT NULL,\n"
    "    legs integer DEFAULT NULL,\n"
    "    m public.maybe DEFAULT NULL,\n"
    "    n text DEFAULT NULL::text\n"
    ")\n"
    "INHERITS (public.pet);\n"
    "CREATE TABLE public.events (\n"
    "    id bigint NOT NULL,\n"
    "    kind text\n"
    ")\n"
    "PARTITION BY LIST (kind);\n"
    "CREATE TABLE public.events_a (\n"
    "    id bigint NOT NULL,\n"
    "    kind text\n"
    ");\n"
    "ALTER TABLE ONLY public.events ATTACH PARTITION public.events_a FOR VALUES IN ('a');\n"
    "CREATE TABLE public.events_b PARTITION OF public.events\n"
    "FOR VALUES IN ('b');\n"
    "ALTER TABLE ONLY public.pet ALTER COLUMN id SET DEFAULT NULL;\n"
    "ALTER TABLE public.animal\n"
    "    ADD CONSTRAINT animal_legs_sane CHECK ((legs < 1000)) NOT VALID;\n"
    "ALTER TABLE public.animal\n"
    "    ADD CONSTRAINT animal_id_positive CHECK ((id >= 0)) NOT VALID;\n"
    "ALTER TABLE public.animal VALIDATE CONSTRAINT animal_id_positive;\n"
    "ALTER TABLE ONLY public.pet\n"
    "    ADD CONSTRAINT pet_name_check CHECK ((name <> ''::text)) NO INHERIT;\n"
    "ALTER TABLE public.events\n"
    "    ADD CONSTRAINT events_kind_check CHECK ((kind <> ''::text)) NOT VALID;\n"
    "CREATE TABLE public.nd (\n"
    "    a character varying(50) DEFAULT NULL,\n"
    "    b character varying(50) DEFAULT NULL::character varying,\n"
    "    c character varying DEFAULT NULL::character varying,\n"
    "    d timestamp(6) without time zone DEFAULT NULL::timestamp without time zone,\n"
    "    e timestamp without time zone DEFAULT NULL::timestamp without time zone,\n"
    "    f numeric(10,2) DEFAULT NULL,\n"
    "    g numeric(10,2) DEFAULT NULL::numeric,\n"
    "    h character(3) DEFAULT NULL,\n"
    "    i text DEFAULT NULL::text,\n"
    "    j integer DEFAULT NULL,\n"
    "    k integer DEFAULT NULL::integer,\n"
    "    l bigint DEFAULT NULL::integer,\n"
    "    m text DEFAULT (NULL),\n"
    "    n timestamp(6) without time zone DEFAULT NULL,\n"
    "    o character varying(50) DEFAULT NULL::character varying(50),\n"
    "    p bit(3) DEFAULT NULL,\n"
    "    q text DEFAULT NULL::character varying\n"
    ");\n";

static const char sql_indexes[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.t (\n"
    "    id integer NOT NULL,\n"
    "    name text,\n"
    "    tags text[],\n"
    "    a integer,\n"
    "    b integer,\n"
    "    code text,\n"
    "    email text\n"
    ");\n"
    "CREATE UNIQUE INDEX t_name_uidx ON public.t USING btree (name);\n"
    "CREATE INDEX t_tags_idx ON public.t USING gin (tags);\n"
    "CREATE INDEX t_lower_idx ON public.t USING btree (lower(name));\n"
    "CREATE INDEX t_sum_idx ON public.t USING btree (((a + b)));\n"
    "CREATE INDEX t_name_pattern_idx ON public.t USING btree (name text_pattern_ops);\n"
    "CREATE INDEX t_a_desc_idx ON public.t USING btree (a DESC NULLS LAST, b NULLS FIRST);\n"
    "CREATE INDEX t_a_incl_idx ON public.t USING btree (a) INCLUDE (b, name);\n"
    "CREATE INDEX t_partial_idx ON public.t USING btree (b) WHERE (b > 0);\n"
    "CREATE UNIQUE INDEX t_email_idx ON public.t USING btree (email) NULLS NOT DISTINCT;\n"
    "CREATE UNIQUE INDEX t_code_idx ON public.t USING btree (code);\n"
    "ALTER TABLE ONLY public.t\n"
    "    ADD CONSTRAINT t_code_uq UNIQUE USING INDEX t_code_idx;\n"
    "CREATE UNIQUE INDEX t_id_idx ON public.t USING btree (id);\n"
    "ALTER TABLE ONLY public.t\n"
    "    ADD PRIMARY KEY USING INDEX t_id_idx;\n"
    "COMMENT ON INDEX public.t_tags_idx IS 'tag search';\n";

static const char sql_views[] = "SELECT pg_catalog.set_config('search_path', '', false);\n"
				"CREATE TABLE public.t (\n"
				"    id integer,\n"
				"    name text\n"
				");\n"
				"CREATE VIEW public.v AS\n"
				" SELECT t.id,\n"
				"    t.name\n"
				"   FROM public.t;\n"
				"CREATE VIEW public.v2 (a, b) AS\n"
				" SELECT t.id,\n"
				"    t.name\n"
				"   FROM public.t;\n"
				"CREATE MATERIALIZED VIEW public.mv AS\n"
				" SELECT t.name,\n"
				"    count(*) AS n\n"
				"   FROM public.t\n"
				"  GROUP BY t.name\n"
				"  WITH NO DATA;\n"
				"CREATE UNIQUE INDEX mv_name_idx ON public.mv USING btree (name);\n"
				"ALTER TABLE public.v OWNER TO alice;\n"
				"ALTER TABLE public.mv OWNER TO bob;\n"
				"ALTER VIEW public.v2 OWNER TO carol;\n"
				"COMMENT ON VIEW public.v IS 'a view';\n"
				"COMMENT ON MATERIALIZED VIEW public.mv IS 'names counted';\n";

static const char sql_types[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TYPE public.mood AS ENUM (\n"
    "    'sad',\n"
    "    'ok',\n"
    "    'happy'\n"
    ");\n"
    "ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'ok';\n"
    "ALTER TYPE public.mood ADD VALUE 'ecstatic' AFTER 'happy';\n"
    "ALTER TYPE public.mood ADD VALUE 'angry' BEFORE 'sad';\n"
    "ALTER TYPE public.mood ADD VALUE 'last';\n"
    "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'ok';\n"
    "ALTER TYPE public.mood RENAME VALUE 'meh' TO 'so-so';\n"
    "CREATE TYPE public.pair AS (\n"
    "\ta integer,\n"
    "\tb text,\n"
    "\tc numeric(5,2),\n"
    "\td public.mood[]\n"
    ");\n"
    "CREATE DOMAIN public.posint AS integer NOT NULL DEFAULT 1\n"
    "\tCONSTRAINT posint_positive CHECK ((VALUE > 0))\n"
    "\tCHECK ((VALUE < 1000000))\n"
    "\tCHECK ((VALUE <> 13));\n"
    "CREATE DOMAIN public.email AS text\n"
    "\tCHECK ((VALUE ~ '@'::text));\n"
    "CREATE DOMAIN public.code AS character varying(10) COLLATE pg_catalog.\"C\";\n"
    "ALTER DOMAIN public.email\n"
    "    ADD CONSTRAINT email_len CHECK ((length(VALUE) < 200)) NOT VALID;\n"
    "CREATE TYPE public.floatrange AS RANGE (\n"
    "    subtype = double precision\n"
    ");\n"
    "CREATE TYPE public.tsr AS RANGE (\n"
    "    subtype = timestamp without time zone,\n"
    "    multirange_type_name = public.tsr_multi\n"
    ");\n";

static const char sql_functions[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE FUNCTION public.add(a integer, b integer) RETURNS integer\n"
    "    LANGUAGE sql IMMUTABLE\n"
    "    AS $$SELECT a + b$$;\n"
    "CREATE FUNCTION public.add(a numeric, b numeric) RETURNS numeric\n"
    "    LANGUAGE sql IMMUTABLE\n"
    "    AS $$SELECT a + b$$;\n"
    "CREATE FUNCTION public.divmod(a integer, b integer, OUT q integer, OUT r integer) RETURNS "
    "record\n"
    "    LANGUAGE sql\n"
    "    AS $$SELECT a / b, a % b$$;\n"
    "CREATE FUNCTION public.bump(INOUT x integer, step integer DEFAULT 1) RETURNS integer\n"
    "    LANGUAGE sql\n"
    "    AS $$SELECT x + step$$;\n"
    "CREATE FUNCTION public.series(n integer) RETURNS TABLE(i integer, label text)\n"
    "    LANGUAGE sql\n"
    "    AS $$SELECT g, g::text FROM generate_series(1, n) g$$;\n"
    "CREATE FUNCTION public.names() RETURNS SETOF text\n"
    "    LANGUAGE sql\n"
    "    AS $$SELECT 'a'$$;\n"
    "CREATE FUNCTION public.touch() RETURNS trigger\n"
    "    LANGUAGE plpgsql\n"
    "    AS $$BEGIN RETURN NEW; END$$;\n"
    "CREATE FUNCTION public.total(VARIADIC xs integer[]) RETURNS bigint\n"
    "    LANGUAGE sql\n"
    "    AS $$SELECT sum(x) FROM unnest(xs) x$$;\n"
    "CREATE FUNCTION public.plus_one(x integer) RETURNS integer\n"
    "    LANGUAGE sql\n"
    "    BEGIN ATOMIC\n"
    " SELECT (x + 1);\n"
    "END;\n"
    "CREATE PROCEDURE public.do_it(IN x integer, INOUT y text)\n"
    "    LANGUAGE plpgsql\n"
    "    AS $$BEGIN y := x::text; END$$;\n"
    "CREATE PROCEDURE public.report(IN x integer, OUT msg text)\n"
    "    LANGUAGE plpgsql\n"
    "    AS $$BEGIN msg := x::text; END$$;\n"
    "CREATE AGGREGATE public.mysum(integer) (\n"
    "    SFUNC = int4pl,\n"
    "    STYPE = integer\n"
    ");\n"
    "CREATE FUNCTION public.add3(s integer, a integer, b integer) RETURNS integer\n"
    "    LANGUAGE sql\n"
    "    AS $$SELECT s + a + b$$;\n"
    "CREATE AGGREGATE public.pairsum(integer, integer) (\n"
    "    SFUNC = public.add3,\n"
    "    STYPE = integer\n"
    ");\n"
    "COMMENT ON FUNCTION public.add(integer, integer) IS 'adds integers';\n"
    "COMMENT ON FUNCTION public.add(numeric, numeric) IS 'adds numerics';\n"
    "COMMENT ON FUNCTION public.total(VARIADIC xs integer[]) IS 'sums';\n"
    "COMMENT ON FUNCTION public.divmod(a integer, b integer, OUT q integer, OUT r integer) IS "
    "'both';\n"
    "COMMENT ON PROCEDURE public.report(IN x integer, OUT msg text) IS 'reports';\n"
    "COMMENT ON AGGREGATE public.mysum(integer) IS 'sum';\n"
    "ALTER FUNCTION public.add(numeric, numeric) OWNER TO alice;\n"
    "ALTER PROCEDURE public.do_it(IN x integer, INOUT y text) OWNER TO bob;\n"
    "ALTER AGGREGATE public.mysum(integer) OWNER TO carol;\n";

static const char sql_triggers[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE FUNCTION public.touch() RETURNS trigger\n"
    "    LANGUAGE plpgsql\n"
    "    AS $$BEGIN RETURN NEW; END$$;\n"
    "CREATE TABLE public.t (\n"
    "    id integer,\n"
    "    a integer,\n"
    "    b integer\n"
    ");\n"
    "CREATE VIEW public.v AS\n"
    " SELECT t.id\n"
    "   FROM public.t;\n"
    "CREATE TRIGGER t_before BEFORE INSERT OR UPDATE OF a, b ON public.t FOR EACH ROW EXECUTE "
    "FUNCTION public.touch();\n"
    "CREATE TRIGGER t_after AFTER DELETE OR TRUNCATE ON public.t FOR EACH STATEMENT EXECUTE "
    "FUNCTION public.touch('x', 'it''s');\n"
    "CREATE TRIGGER t_when AFTER UPDATE ON public.t FOR EACH ROW WHEN ((old.a IS DISTINCT FROM "
    "new.a)) EXECUTE FUNCTION public.touch();\n"
    "CREATE CONSTRAINT TRIGGER t_con AFTER INSERT ON public.t DEFERRABLE INITIALLY DEFERRED FOR "
    "EACH ROW EXECUTE FUNCTION public.touch();\n"
    "CREATE TRIGGER t_old BEFORE DELETE ON public.t FOR EACH ROW EXECUTE PROCEDURE "
    "public.touch();\n"
    "CREATE TRIGGER v_instead INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION "
    "public.touch();\n"
    "COMMENT ON TRIGGER t_before ON public.t IS 'keeps a and b fresh';\n";

static const char sql_policies[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.docs (\n"
    "    id integer,\n"
    "    owner text\n"
    ");\n"
    "ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;\n"
    "ALTER TABLE public.docs FORCE ROW LEVEL SECURITY;\n"
    "CREATE TABLE public.open (\n"
    "    id integer\n"
    ");\n"
    "CREATE POLICY docs_all ON public.docs USING ((owner = CURRENT_USER));\n"
    "CREATE POLICY docs_sel ON public.docs FOR SELECT TO app_user, reader USING (true);\n"
    "CREATE POLICY docs_ins ON public.docs AS RESTRICTIVE FOR INSERT TO app_user WITH CHECK ((id > "
    "0));\n"
    "CREATE POLICY docs_upd ON public.docs FOR UPDATE USING ((owner = CURRENT_USER)) WITH CHECK "
    "((id > 0));\n"
    "CREATE POLICY docs_del ON public.docs FOR DELETE TO PUBLIC USING (false);\n"
    "COMMENT ON POLICY docs_sel ON public.docs IS 'readers see all';\n";

static const char sql_objects_meta[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE SCHEMA app AUTHORIZATION alice;\n"
    "CREATE SCHEMA AUTHORIZATION bob;\n"
    "CREATE SCHEMA \"Sales\";\n"
    "ALTER SCHEMA \"Sales\" OWNER TO carol;\n"
    "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n"
    "CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA app VERSION '1.8';\n"
    "COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';\n"
    "COMMENT ON SCHEMA app IS 'application schema';\n"
    "COMMENT ON SCHEMA public IS 'standard public schema';\n"
    "CREATE TYPE app.mood AS ENUM (\n"
    "    'a'\n"
    ");\n"
    "CREATE TABLE app.t (\n"
    "    id integer NOT NULL,\n"
    "    note text,\n"
    "    CONSTRAINT t_id_check CHECK ((id > 0))\n"
    ");\n"
    "CREATE INDEX t_note_idx ON app.t USING btree (note);\n"
    "CREATE SEQUENCE app.s\n"
    "    START WITH 1\n"
    "    INCREMENT BY 1\n"
    "    NO MINVALUE\n"
    "    NO MAXVALUE\n"
    "    CACHE 1;\n"
    "CREATE FUNCTION app.f(x integer) RETURNS integer\n"
    "    LANGUAGE sql\n"
    "    AS $$SELECT x$$;\n"
    "COMMENT ON TABLE app.t IS 'the table';\n"
    "COMMENT ON COLUMN app.t.id IS 'the id';\n"
    "COMMENT ON CONSTRAINT t_id_check ON app.t IS 'positive';\n"
    "COMMENT ON INDEX app.t_note_idx IS 'by note';\n"
    "COMMENT ON TYPE app.mood IS 'feelings';\n"
    "COMMENT ON SEQUENCE app.s IS 'numbers';\n"
    "COMMENT ON FUNCTION app.f(x integer) IS 'identity';\n"
    "ALTER TABLE app.t OWNER TO bob;\n"
    "ALTER TYPE app.mood OWNER TO carol;\n"
    "ALTER TABLE app.s OWNER TO dave;\n"
    "ALTER FUNCTION app.f(x integer) OWNER TO dave;\n"
    "REVOKE ALL ON TABLE app.t FROM PUBLIC;\n"
    "GRANT SELECT ON TABLE app.t TO alice;\n"
    "GRANT SELECT,INSERT ON TABLE app.t TO carol WITH GRANT OPTION;\n"
    "GRANT SELECT(id),UPDATE(note) ON TABLE app.t TO dave;\n"
    "GRANT ALL ON SCHEMA app TO carol;\n"
    "REVOKE ALL ON SCHEMA app FROM carol;\n"
    "GRANT USAGE ON SCHEMA app TO PUBLIC;\n"
    "GRANT USAGE ON TYPE app.mood TO reader;\n"
    "GRANT ALL ON SEQUENCE app.s TO reader;\n"
    "GRANT ALL ON FUNCTION app.f(x integer) TO reader;\n"
    "GRANT SELECT,INSERT,UPDATE ON TABLE app.t TO reader;\n"
    "REVOKE INSERT ON TABLE app.t FROM reader;\n"
    "REVOKE UPDATE ON SEQUENCE app.s FROM reader;\n"
    "GRANT SELECT ON TABLE app.t TO dave WITH GRANT OPTION;\n"
    "REVOKE GRANT OPTION FOR SELECT ON TABLE app.t FROM dave;\n";

static const char sql_old_search_path[] =
    "SET search_path = public, pg_catalog;\n"
    "CREATE SCHEMA app;\n"
    "CREATE TABLE plain (\n"
    "    id integer NOT NULL,\n"
    "    CONSTRAINT plain_pkey PRIMARY KEY (id)\n"
    ");\n"
    "SET search_path = app, pg_catalog;\n"
    "CREATE TYPE mood AS ENUM (\n"
    "    'a'\n"
    ");\n"
    "CREATE TABLE t (\n"
    "    id integer NOT NULL,\n"
    "    m mood,\n"
    "    parent integer\n"
    ");\n"
    "CREATE SEQUENCE t_id_seq\n"
    "    START WITH 1\n"
    "    INCREMENT BY 1\n"
    "    NO MINVALUE\n"
    "    NO MAXVALUE\n"
    "    CACHE 1;\n"
    "ALTER SEQUENCE t_id_seq OWNED BY t.id;\n"
    "ALTER TABLE t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);\n"
    "ALTER TABLE ONLY t\n"
    "    ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY t\n"
    "    ADD CONSTRAINT t_parent_fkey FOREIGN KEY (parent) REFERENCES t(id);\n"
    "ALTER TABLE ONLY t\n"
    "    ADD CONSTRAINT t_plain_fkey FOREIGN KEY (parent) REFERENCES public.plain(id);\n"
    "CREATE INDEX t_m_idx ON t USING btree (m);\n"
    "COMMENT ON TABLE t IS 'old style';\n"
    "COMMENT ON COLUMN t.m IS 'feeling';\n"
    "COPY t (id, m, parent) FROM stdin;\n"
    "1\ta\t\\N\n"
    "2\ta\t\\N\n"
    "\\.\n"
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.w (\n"
    "    id integer\n"
    ");\n";

static const char sql_copy_insert[] = "SELECT pg_catalog.set_config('search_path', '', false);\n"
				      "CREATE TABLE public.a (\n"
				      "    id integer,\n"
				      "    v text\n"
				      ");\n"
				      "CREATE TABLE public.b (\n"
				      "    id integer\n"
				      ");\n"
				      "CREATE TABLE public.c (\n"
				      "    id integer\n"
				      ");\n"
				      "CREATE TABLE public.d (\n"
				      "    id integer\n"
				      ");\n"
				      "COPY public.a (id, v) FROM stdin;\n"
				      "1\tx\n"
				      "2\ty;z\n"
				      "3\t\\N\n"
				      "\\.\n"
				      "COPY public.b (id) FROM stdin;\n"
				      "\\.\n"
				      "INSERT INTO public.c VALUES (1);\n"
				      "INSERT INTO public.c (id) VALUES (2);\n"
				      "insert into public.c values (3);\n"
				      "COPY public.a (id, v) FROM stdin;\n"
				      "4\tw\n"
				      "\\.\n";

static const char sql_unparsed[] = "SELECT pg_catalog.set_config('search_path', '', false);\n"
				   "\n"
				   "--\n"
				   "-- Name: broken; Type: TABLE; Schema: public; Owner: app\n"
				   "--\n"
				   "\n"
				   "CREATE TABLE public.broken (\n"
				   "    id integer NOT NULL,\n"
				   "    v integer GENERATED ALWAYS AS ((id * 2)) PERSISTED\n"
				   ");\n"
				   "\n"
				   "--\n"
				   "-- Name: ok; Type: TABLE; Schema: public; Owner: app\n"
				   "--\n"
				   "\n"
				   "CREATE TABLE public.ok (\n"
				   "    id integer\n"
				   ");\n"
				   "\n"
				   "CREATE TABLE public.\"é\" (x integer) WIBBLE;\n";

/* ---- tests ------------------------------------------------------------ */

/* Constraints written inside CREATE TABLE, unnamed ones named as PostgreSQL names them. */
static void test_inline_constraints(void **state)
{
	struct model *m = sqlmodel_build(sql_inline_constraints, NULL);
	static const struct con_row cons[] = {
	    KEY("public.users", "users_pkey", "p", "id"),
	    KEY("public.users", "users_email_key", "u", "email"),
	    KEY("public.users", "users_email_username_key", "u", "email, username"),
	    CHK("public.users", "users_age_check", 0, "age >= 0"),
	    KEY("public.pairs", "pairs_ab", "u", "a, b"),
	    KEY("public.orders", "orders_pkey", "p", "id"),
	    FKEY("public.orders", "orders_user_id_fkey", "user_id", "public.users(id)", "NO ACTION",
		 "NO ACTION", "SIMPLE", 0),
	    FKEY("public.orders", "orders_seller_fkey", "seller", "public.users(id)", "CASCADE",
		 "RESTRICT", "SIMPLE", DEFERRABLE | DEFERRED),
	    FKEY("public.orders", "orders_buyer_fkey", "buyer", "public.users(id)", "SET NULL",
		 "NO ACTION", "SIMPLE", 0),
	    FKEY("public.orders", "orders_buyer_seller_fkey", "buyer, seller", "public.pairs(a, b)",
		 "NO ACTION", "NO ACTION", "FULL", 0),
	};
	static const struct col_row cols[] = {
	    {"public.users", "id", "integer", true, NULL},
	    {"public.users", "email", "text", false, NULL},
	    {"public.users", "username", "text", true, NULL},
	    {"public.users", "age", "integer", false, "18"},
	    {"public.pairs", "a", "integer", true, NULL},
	    {"public.pairs", "b", "integer", true, NULL},
	    {"public.orders", "id", "integer", true, NULL},
	    {"public.orders", "user_id", "integer", false, NULL},
	    {"public.orders", "seller", "integer", false, NULL},
	    {"public.orders", "buyer", "integer", false, NULL},
	    {"public.orders", "total", "numeric(10,2)", true, "0"},
	};
	check_constraints(m, cons, sizeof(cons) / sizeof(cons[0]));
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));

	/* DEFERRABLE after a column constraint; INITIALLY DEFERRED implies DEFERRABLE */
	static const struct con_row lazy[] = {
	    FKEY("public.lazy", "lazy_a_fkey", "a", "public.users(id)", "NO ACTION", "NO ACTION",
		 "SIMPLE", DEFERRABLE | DEFERRED),
	    FKEY("public.lazy", "lazy_b_fkey", "b", "public.users(id)", "NO ACTION", "NO ACTION",
		 "SIMPLE", DEFERRABLE | DEFERRED),
	    {"public.lazy", "lazy_c_key", "u", "c", NULL, NULL, NULL, NULL, DEFERRABLE, NULL},
	    FKEY("public.lazy", "lazy_d_fkey", "d", "public.users(id)", "NO ACTION", "NO ACTION",
		 "SIMPLE", 0),
	};
	check_constraints(m, lazy, sizeof(lazy) / sizeof(lazy[0]));
	finish(m);
}

/*
 * ChooseConstraintName / ChooseRelationName: a CHECK is <table>_<col>_check
 * when its expression uses exactly one column (wherever it was written),
 * else <table>_check; a taken name gets 1, 2, ... (constraint names are
 * per schema, and index-backed ones also avoid relation names); names are
 * cut to 63 bytes, the longer part first, never inside a character.
 */
static void test_generated_constraint_names(void **state)
{
	struct model *m = sqlmodel_build(sql_check_names, NULL);
	static const struct con_row cons[] = {
	    CHK("public.t", "t_a_check", 0, "a > 0"),
	    CHK("public.t", "t_check", 0, "b > a"),
	    CHK("public.t", "t_check1", 0, "a < c"),
	    CHK("public.t", "t_c_check", 0, "c > 0"),
	    CHK("public.t", "t_a_check1", 0, "a <> 5"),
	    CHK("public.t", "t_check2", 0, "true"),
	    CHK("public.t", "named_one", 0, "c < 100"),
	    CHK("public.t", "t_a_check2", 0, "a < 1000"),
	    CHK("public.t", "t_check3", 0, "b > 0 AND c > 0"),
	    /* written before the column, the table constraint is named first */
	    CHK("public.o", "o_x_check", 0, "x > 0"),
	    CHK("public.o", "o_x_check1", 0, "x < 10"),
	    CHK("public.other", "names_a_check", 0, "z > 0"),
	    CHK("public.other", "w_pkey", 0, "z < 100"),
	    /* names_a_check is another table's constraint, names_a_key a table */
	    KEY("public.names", "names_a_key1", "u", "a"),
	    CHK("public.names", "names_a_check1", 0, "a > 0"),
	    KEY("public.w", "w_pkey1", "p", "id"),
	    KEY("public.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok",
		"a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_pkey", "p",
		"a_column_with_an_equally_long_name_that_goes_on_and_on_and_on"),
	    KEY("public.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok",
		"a_table_with_a_rather_long_na_another_column_with_an_equall_key", "u",
		"another_column_with_an_equally_long_name_that_goes_on_and_on"),
	    CHK("public.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok",
		"a_table_with_a_rather_long_n_another_column_with_an_equal_check", 0,
		"another_column_with_an_equally_long_name_that_goes_on_and_on > 0"),
	    CHK("public.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok",
		"a_table_with_a_rather_long_name_that_goes_on_and_on_and_o_check", 0,
		"a_column_with_an_equally_long_name_that_goes_on_and_on_and_on < "
		"another_column_with_an_equally_long_name_that_goes_on_and_on"),
	    /* é and ç are two bytes each: 58 bytes, then 57 backed off to 56 */
	    KEY("public.éééééééééééééééééééééééééééééééa", "ééééééééééééééééééééééééééééé_pkey",
		"p", "x"),
	    KEY("public.éééééééééééééééééééééééééééééééa", "éééééééééééééééééééééééééééé_y_key",
		"u", "y"),
	    CHK("public.éééééééééééééééééééééééééééééééa", "éééééééééééééé_çççççççççççççç_check", 0,
		"\"ççççççççççççççççç\" > 0"),
	};
	check_constraints(m, cons, sizeof(cons) / sizeof(cons[0]));
	/*
	 * The CHECK is created with the table, the UNIQUE index after it; domain
	 * constraints share the schema's constraint names with tables'.
	 */
	static const struct con_row more[] = {
	    CHK("public.k", "k_a_key", 0, "a > 0"),
	    KEY("public.k", "k_a_key1", "u", "a"),
	    CHK("public.z", "dom_check", 0, "v > 0"),
	    CHK("public.q", "q_a_check1", 0, "a > 0"),
	};
	check_constraints(m, more, sizeof(more) / sizeof(more[0]));
	static const struct {
		const char *domain, *check;
	} domain_checks[] = {{"dom", "dom_check1"}, {"q_a", "q_a_check"}};
	for (size_t i = 0; i < sizeof(domain_checks) / sizeof(domain_checks[0]); i++) {
		struct pgtype *d = model_find_type(m, "public", domain_checks[i].domain);
		assert_non_null(d);
		assert_int_equal(d->checks.n, 1);
		check_str(domain_checks[i].domain, domain_checks[i].check,
			  ((struct domain_check *)d->checks.v[0])->name);
	}
	/* a PRIMARY KEY makes its columns NOT NULL */
	check_bool("w.id not null", true, sqlmodel_column(table_of(m, "public.w"), "id")->not_null);
	finish(m);
}

/* ALTER TABLE ONLY ... ADD CONSTRAINT in every form pg_dump writes, then VALIDATE. */
static void test_alter_table_add_constraint(void **state)
{
	struct model *m = sqlmodel_build(sql_alter_constraints, NULL);
	static const struct con_row cons[] = {
	    KEY("public.users", "users_pkey", "p", "id"),
	    KEY("public.users", "users_email_key", "u", "email"),
	    KEY("public.users", "users_org_email_key", "u", "org, email"),
	    FKEY("public.users", "users_org_fkey", "org", "public.orgs(id)", "NO ACTION",
		 "NO ACTION", "SIMPLE", 0),
	    CHK("public.users", "users_org_check", 0, "org > 0"),
	    KEY("public.orgs", "orgs_pkey", "p", "id"),
	    KEY("public.orgs", "orgs_id_code_key", "u", "id, code"),
	    KEY("public.orders", "orders_pkey", "p", "id"),
	    FKEY("public.orders", "orders_user_id_fkey", "user_id", "public.users(id)", "CASCADE",
		 "NO ACTION", "SIMPLE", 0),
	    FKEY("public.orders", "orders_org_fkey", "org_id, org_code", "public.orgs(id, code)",
		 "SET NULL", "CASCADE", "FULL", 0),
	    FKEY("public.orders", "orders_parent_id_fkey", "parent_id", "public.orders(id)",
		 "NO ACTION", "NO ACTION", "SIMPLE", DEFERRABLE | DEFERRED),
	    FKEY("public.orders", "orders_org_id_fkey", "org_id", "public.orgs(id)", "SET DEFAULT",
		 "RESTRICT", "SIMPLE", DEFERRABLE),
	    FKEY("public.orders", "orders_user_nv", "user_id", "public.users(id)", "NO ACTION",
		 "NO ACTION", "SIMPLE", NOT_VALID),
	    CHK("public.orders", "orders_id_positive", 0, "id > 0"),
	    CHK("public.orders", "orders_id_small", NOT_VALID, "id < 1000000"),
	    CHK("public.orders", "orders_note_check", 0, "note <> ''::text"),
	    FKEY("public.orders", "orders_ref_fkey", "ref", "public.users(id)", "CASCADE",
		 "NO ACTION", "SIMPLE", 0),
	};
	check_constraints(m, cons, sizeof(cons) / sizeof(cons[0]));
	/* ADD COLUMN with a default, NOT NULL and constraints of its own */
	static const struct col_row cols[] = {
	    {"public.orders", "id", "integer", true, NULL},
	    {"public.orders", "user_id", "integer", false, NULL},
	    {"public.orders", "org_id", "integer", false, NULL},
	    {"public.orders", "org_code", "text", false, NULL},
	    {"public.orders", "parent_id", "integer", false, NULL},
	    {"public.orders", "note", "text", true, "'none'::text"},
	    {"public.orders", "ref", "integer", false, NULL},
	};
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));
	struct constraint *pk = sqlmodel_constraint(table_of(m, "public.orders"), "orders_pkey");
	check_str("orders_pkey INCLUDE", "user_id", sqlmodel_join(m, &pk->include));
	finish(m);
}

/* CREATE SEQUENCE with options, OWNED BY, and a nextval() default. */
static void test_sequences(void **state)
{
	struct model *m = sqlmodel_build(sql_sequences, NULL);
	static const struct {
		const char *name, *type;
		long long start, increment, min, max, cache;
		bool has_min, has_max, cycle;
		const char *owned_by;
	} want[] = {
	    /* NO MINVALUE / NO MAXVALUE: the type's bounds (not modelled, has_* false) */
	    {"t_id_seq", "integer", 1, 1, 0, 0, 1, false, false, false, "public.t.id"},
	    {"free_seq", "bigint", 100, 10, 5, 1000, 5, true, true, true, NULL},
	    {"down_seq", "smallint", -1, -1, -500, -1, 1, true, true, false, NULL},
	    {"big_seq", "bigint", 1, 1, 0, 9223372036854775807LL, 1, true, true, false, NULL},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct sequence *s = model_find_sequence(m, "public", want[i].name);
		if (s == NULL)
			fail_msg("no sequence public.%s", want[i].name);
		const char *w = want[i].name;
		check_str(w, want[i].type, s->data_type);
		check_bool(w, true, s->has_start && s->has_increment && s->has_cache);
		check_int(w, want[i].start, s->start);
		check_int(w, want[i].increment, s->increment);
		check_int(w, want[i].cache, s->cache);
		check_bool(w, want[i].has_min, s->has_min);
		check_bool(w, want[i].has_max, s->has_max);
		if (want[i].has_min)
			check_int(w, want[i].min, s->min_value);
		if (want[i].has_max)
			check_int(w, want[i].max, s->max_value);
		check_bool(w, want[i].cycle, s->cycle);
		check_str(w, want[i].owned_by,
			  s->owned_by_table ? arena_printf(m->arena, "%s.%s.%s", s->owned_by_schema,
							   s->owned_by_table, s->owned_by_column)
					    : NULL);
		check_bool(w, false, s->identity);
	}
	static const struct col_row cols[] = {
	    {"public.t", "id", "integer", true, "nextval('public.t_id_seq'::regclass)"},
	    {"public.t", "n", "bigint", false, NULL},
	};
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));
	finish(m);
}

/* ADD GENERATED ... AS IDENTITY (SEQUENCE NAME ...), and identity written in CREATE TABLE. */
static void test_identity(void **state)
{
	struct model *m = sqlmodel_build(sql_identity, NULL);
	static const struct {
		const char *table, *column;
		enum identity_kind identity;
		const char *seq, *seq_type;
		long long start, increment;
	} want[] = {
	    {"t", "id", IDENTITY_BY_DEFAULT, "t_id_seq", "integer", 1, 1},
	    {"t", "b", IDENTITY_ALWAYS, "custom_seq", "bigint", 10, 5},
	    {"t", "s", IDENTITY_BY_DEFAULT, "t_s_seq", "smallint", 1, 1},
	    {"u", "id", IDENTITY_ALWAYS, "u_id_seq", "integer", 1, 1},
	    {"u", "x", IDENTITY_BY_DEFAULT, "u_x_seq", "bigint", 7, 1},
	    /* v_id_seq is taken by a sequence of its own */
	    {"v", "id", IDENTITY_ALWAYS, "v_id_seq1", "integer", 1, 1},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char what[128];
		snprintf(what, sizeof(what), "%s.%s", want[i].table, want[i].column);
		struct column *c =
		    sqlmodel_column(sqlmodel_table(m, "public", want[i].table), want[i].column);
		check_int(what, want[i].identity, c->identity);
		check_bool(what, true, c->not_null);
		check_str(what, NULL, c->default_expr);
		struct sequence *s = model_find_sequence(m, "public", want[i].seq);
		if (s == NULL) {
			differ(what, want[i].seq, "no sequence");
			continue;
		}
		/* the sequence takes the column's type */
		check_str(want[i].seq, want[i].seq_type, s->data_type);
		check_bool(want[i].seq, true, s->identity);
		check_str(want[i].seq, want[i].table, s->owned_by_table);
		check_str(want[i].seq, want[i].column, s->owned_by_column);
		if (s->has_start)
			check_int(want[i].seq, want[i].start, s->start);
		else
			check_int(want[i].seq, want[i].start, 1);
		if (s->has_increment)
			check_int(want[i].seq, want[i].increment, s->increment);
	}
	check_int("sequences", 7, (long long)m->sequences.n);
	check_bool("v_id_seq identity", false,
		   model_find_sequence(m, "public", "v_id_seq")->identity);
	check_int("t.name identity", IDENTITY_NONE,
		  sqlmodel_column(sqlmodel_table(m, "public", "t"), "name")->identity);
	finish(m);
}

/* GENERATED ALWAYS AS (...) STORED and COLLATE. */
static void test_generated_and_collate(void **state)
{
	struct model *m = sqlmodel_build(sql_generated_collate, NULL);
	static const struct col_row cols[] = {
	    {"public.g", "a", "integer", true, NULL},
	    {"public.g", "d", "numeric", false, NULL},
	    {"public.g", "f", "text", false, NULL},
	    {"public.g", "h", "character varying(10)", true, "'x'::character varying"},
	};
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));
	struct table *t = table_of(m, "public.g");
	check_str("g.d generated", "a * 2", sqlmodel_column(t, "d")->generated);
	check_str("g.a generated", NULL, sqlmodel_column(t, "a")->generated);
	check_str("g.f collation", "C", sqlmodel_column(t, "f")->collation);
	check_str("g.h collation", "POSIX", sqlmodel_column(t, "h")->collation);
	check_str("g.a collation", NULL, sqlmodel_column(t, "a")->collation);
	finish(m);
}

/*
 * The deparse cache (pgparse.c): the same expression at another place in the
 * dump is a cache hit, and expressions that differ only in a constant, an
 * operator, a function name or a cast must not share an entry.  A string
 * that holds "location": must not lose it.  Expected texts were checked
 * against libpg_query's deparse with no cache.
 */
static const char sql_deparse_cache[] =
    "SELECT pg_catalog.set_config('search_path', '', false);\n"
    "CREATE TABLE public.a (\n"
    "    x integer DEFAULT 0,\n"
    "    y integer DEFAULT 1,\n"
    "    s text DEFAULT 'one'::text,\n"
    "    t timestamp with time zone DEFAULT now(),\n"
    "    CONSTRAINT a_x_check CHECK ((x > 0)),\n"
    "    CONSTRAINT a_y_check CHECK ((y < 0))\n"
    ");\n"
    "CREATE TABLE public.b (\n"
    "    x integer DEFAULT 0,\n"
    "    y bigint DEFAULT 1,\n"
    "    s text DEFAULT 'one'::character varying,\n"
    "    t timestamp with time zone DEFAULT clock_timestamp(),\n"
    "    u text DEFAULT '\"location\":5',\n"
    "    CONSTRAINT b_x_check CHECK ((x > 0)),\n"
    "    CONSTRAINT b_y_check CHECK ((y > 0))\n"
    ");\n";

static void test_deparse_cache(void **state)
{
	struct model *m = sqlmodel_build(sql_deparse_cache, NULL);
	static const struct col_row cols[] = {
	    {"public.a", "x", "integer", false, "0"},
	    {"public.a", "y", "integer", false, "1"},
	    {"public.a", "s", "text", false, "'one'::text"},
	    {"public.a", "t", "timestamp with time zone", false, "now()"},
	    {"public.b", "x", "integer", false, "0"},
	    {"public.b", "y", "bigint", false, "1"},
	    {"public.b", "s", "text", false, "'one'::character varying"},
	    {"public.b", "t", "timestamp with time zone", false, "clock_timestamp()"},
	    {"public.b", "u", "text", false, "'\"location\":5'::text"}, /* coerced to text */
	};
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));
	static const struct {
		const char *table, *name, *expression;
	} checks[] = {
	    {"public.a", "a_x_check", "x > 0"},
	    {"public.a", "a_y_check", "y < 0"},
	    {"public.b", "b_x_check", "x > 0"},
	    {"public.b", "b_y_check", "y > 0"},
	};
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		struct constraint *c =
		    table_find_constraint(table_of(m, checks[i].table), checks[i].name);
		check_str(checks[i].name, checks[i].expression, c ? c->expression : NULL);
	}
	finish(m);
}

/* PARTITION BY, PARTITION OF (range, list, hash, default, sub-partitions), ATTACH PARTITION. */
static void test_partitions(void **state)
{
	struct model *m = sqlmodel_build(sql_partitions, NULL);
	static const struct {
		const char *table;
		enum table_kind kind;
		const char *key, *parent, *bound;
	} want[] = {
	    {"events", TABLE_PARTITIONED, "RANGE (at)", NULL, NULL},
	    {"events_2024", TABLE_PARTITION, NULL, "events",
	     "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"},
	    {"events_old", TABLE_PARTITION, NULL, "events",
	     "FOR VALUES FROM (MINVALUE) TO ('2024-01-01')"},
	    {"events_def", TABLE_PARTITION, NULL, "events", "DEFAULT"},
	    {"events_2025", TABLE_PARTITION, NULL, "events",
	     "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"},
	    {"events_2026", TABLE_PARTITIONED, "LIST (kind)", "events",
	     "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"},
	    {"events_2026_a", TABLE_PARTITION, NULL, "events_2026", "FOR VALUES IN ('a', 'b')"},
	    {"l", TABLE_PARTITIONED, "LIST (code)", NULL, NULL},
	    {"l_ab", TABLE_PARTITION, NULL, "l", "FOR VALUES IN ('a', 'b')"},
	    {"h", TABLE_PARTITIONED, "HASH (k)", NULL, NULL},
	    {"h0", TABLE_PARTITION, NULL, "h", "FOR VALUES WITH (modulus 2, remainder 0)"},
	    {"h1", TABLE_PARTITION, NULL, "h", "FOR VALUES WITH (modulus 2, remainder 1)"},
	    {"ex", TABLE_PARTITIONED, "RANGE (a, lower(b))", NULL, NULL},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct table *t = sqlmodel_table(m, "public", want[i].table);
		const char *w = want[i].table;
		check_str(w, table_kind_name(want[i].kind), table_kind_name(t->kind));
		check_str(w, want[i].key, t->partition_key);
		check_str(w, want[i].parent, t->parent_table);
		check_str(w, want[i].parent ? "public" : NULL, t->parent_schema);
		check_str(w, want[i].bound, t->partition_bound);
		check_int(w, 0, (long long)t->inherits.n);
	}
	/* PARTITION OF copies the parent's columns, NOT NULL, defaults and CHECKs */
	static const struct col_row cols[] = {
	    {"public.events_2024", "id", "bigint", true, NULL},
	    {"public.events_2024", "at", "date", true, NULL},
	    {"public.events_2024", "kind", "text", false, "'x'::text"},
	    {"public.events_2026_a", "id", "bigint", true, NULL},
	    {"public.events_2026_a", "at", "date", true, NULL},
	    {"public.events_2026_a", "kind", "text", false, "'x'::text"},
	    {"public.events_2025", "id", "bigint", true, NULL},
	    {"public.events_2025", "at", "date", true, NULL},
	    {"public.events_2025", "kind", "text", false, NULL},
	    {"public.l_ab", "code", "text", true, NULL},
	    {"public.l_ab", "v", "integer", false, "0"},
	    {"public.h0", "k", "integer", false, NULL},
	    {"public.h0", "v", "text", false, NULL},
	};
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));
	check_bool("events_2024.kind inherited", true,
		   sqlmodel_column(table_of(m, "public.events_2024"), "kind")->inherited);
	static const struct con_row cons[] = {
	    CHK("public.events", "events_kind_check", 0, "kind <> ''::text"),
	    CHK("public.events_2024", "events_kind_check", 0, "kind <> ''::text"),
	    CHK("public.events_old", "events_kind_check", 0, "kind <> ''::text"),
	    CHK("public.events_def", "events_kind_check", 0, "kind <> ''::text"),
	    CHK("public.events_2025", "events_kind_check", 0, "kind <> ''::text"),
	    CHK("public.events_2026", "events_kind_check", 0, "kind <> ''::text"),
	    CHK("public.events_2026_a", "events_kind_check", 0, "kind <> ''::text"),
	    CHK("public.l_ab", "l_ab_v_check", 0, "v >= 0"),
	};
	check_constraints(m, cons, sizeof(cons) / sizeof(cons[0]));
	finish(m);
}

/* A foreign key on a partitioned table is cloned, same name, onto every partition. */
static void test_partition_foreign_keys(void **state)
{
	struct model *m = sqlmodel_build(sql_partition_fk, NULL);
	static const char *const tables[] = {"public.m",    "public.m1",    "public.m2",
					     "public.msub", "public.msub1", "public.m3"};
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		const struct con_row row =
		    FKEY(tables[i], "m_user_id_fkey", "user_id", "public.users(id)", "CASCADE",
			 "NO ACTION", "SIMPLE", 0);
		check_constraints(m, &row, 1);
	}
	finish(m);
}

/* INHERITS: parents' columns first, merged columns, NOT NULL, defaults, inheritable CHECKs. */
static void test_inherits(void **state)
{
	struct model *m = sqlmodel_build(sql_inherits, NULL);
	static const struct col_row cols[] = {
	    {"public.pet", "id", "integer", true, "0"},
	    {"public.pet", "name", "text", true, NULL},
	    {"public.pet", "legs", "integer", false, NULL},
	    {"public.pet", "owner", "text", false, NULL},
	    {"public.bird", "id", "integer", true, "0"},
	    {"public.bird", "name", "text", true, NULL},
	    {"public.bird", "legs", "integer", false, NULL},
	    {"public.bird", "owner", "text", false, NULL},
	    {"public.bird", "wings", "integer", false, "2"},
	    {"public.bird", "song", "text", false, NULL},
	};
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));
	/* attislocal: only what the child declared itself (name is merged) */
	static const struct {
		const char *table, *column;
		bool inherited;
	} inh[] = {
	    {"public.pet", "id", true},	    {"public.pet", "name", false},
	    {"public.pet", "owner", false}, {"public.bird", "owner", true},
	    {"public.bird", "wings", true}, {"public.bird", "song", false},
	};
	for (size_t i = 0; i < sizeof(inh) / sizeof(inh[0]); i++)
		check_bool(arena_printf(m->arena, "%s.%s inherited", inh[i].table, inh[i].column),
			   inh[i].inherited,
			   sqlmodel_column(table_of(m, inh[i].table), inh[i].column)->inherited);
	static const struct con_row cons[] = {
	    CHK("public.animal", "animal_legs_check", NO_INHERIT, "legs >= 0"),
	    CHK("public.animal", "animal_name_check", 0, "name <> ''::text"),
	    CHK("public.pet", "animal_name_check", 0, "name <> ''::text"),
	    CHK("public.bird", "animal_name_check", 0, "name <> ''::text"),
	    CHK("public.bird", "winged_wings_check", 0, "wings >= 0"),
	};
	check_constraints(m, cons, sizeof(cons) / sizeof(cons[0]));
	check_str("pet inherits", "public.animal",
		  sqlmodel_join(m, &table_of(m, "public.pet")->inherits));
	check_str("bird inherits", "public.pet, public.winged",
		  sqlmodel_join(m, &table_of(m, "public.bird")->inherits));

	/* relpersistence 'u'; relkind 'f' */
	check_bool("scratch unlogged", true, table_of(m, "public.scratch")->unlogged);
	check_bool("animal unlogged", false, table_of(m, "public.animal")->unlogged);
	/* CREATE TABLE ... OF: the composite type's attributes are the columns */
	static const struct col_row typed[] = {
	    {"public.typed", "a", "integer", true, NULL},
	    {"public.typed", "b", "text", false, NULL},
	};
	check_columns(m, typed, sizeof(typed) / sizeof(typed[0]));
	static const struct con_row typed_check = CHK("public.typed", "typed_a_check", 0, "a > 0");
	check_constraints(m, &typed_check, 1);
	check_bool("typed.a inherited", false,
		   sqlmodel_column(table_of(m, "public.typed"), "a")->inherited);

	struct table *ft = table_of(m, "public.ft");
	check_str("ft kind", "foreign_table", table_kind_name(ft->kind));
	check_str("ft server", "files", ft->foreign_server);
	check_bool("ft.a not null", true, sqlmodel_column(ft, "a")->not_null);
	finish(m);
}

/*
 * ALTER TABLE (no ONLY) ADD CONSTRAINT ... CHECK, as pg_dump writes a NOT
 * VALID one, reaches INHERITS children and partitions; VALIDATE too.
 * DEFAULT NULL is no default, except on a domain.
 */
static void test_inherited_checks_and_null_defaults(void **state)
{
	struct model *m = sqlmodel_build(sql_inherited_checks, NULL);
	static const struct con_row cons[] = {
	    CHK("public.animal", "animal_legs_sane", NOT_VALID, "legs < 1000"),
	    CHK("public.animal", "animal_id_positive", 0, "id >= 0"),
	    CHK("public.pet", "animal_legs_sane", NOT_VALID, "legs < 1000"),
	    CHK("public.pet", "animal_id_positive", 0, "id >= 0"),
	    CHK("public.pet", "pet_name_check", NO_INHERIT, "name <> ''::text"),
	    CHK("public.dog", "animal_legs_sane", NOT_VALID, "legs < 1000"),
	    CHK("public.dog", "animal_id_positive", 0, "id >= 0"),
	    CHK("public.events", "events_kind_check", NOT_VALID, "kind <> ''::text"),
	    CHK("public.events_a", "events_kind_check", NOT_VALID, "kind <> ''::text"),
	    CHK("public.events_b", "events_kind_check", NOT_VALID, "kind <> ''::text"),
	};
	check_constraints(m, cons, sizeof(cons) / sizeof(cons[0]));
	static const struct col_row cols[] = {
	    {"public.animal", "id", "integer", true, "0"},
	    {"public.animal", "legs", "integer", false, "4"},
	    {"public.pet", "id", "integer", true, NULL},
	    {"public.pet", "legs", "integer", false, "4"},
	    {"public.pet", "name", "text", false, NULL},
	    {"public.dog", "id", "integer", true, "0"},
	    {"public.dog", "legs", "integer", false, NULL},
	    {"public.dog", "name", "text", false, NULL},
	    {"public.dog", "good", "boolean", false, NULL},
	    {"public.dog", "m", "public.maybe", false, "NULL"},
	    {"public.dog", "n", "text", false, NULL},
	    /* pg_attrdef has a row unless the default is a bare null once coerced */
	    {"public.nd", "a", "character varying(50)", false, "NULL"},
	    {"public.nd", "b", "character varying(50)", false, "NULL::character varying"},
	    {"public.nd", "c", "character varying", false, NULL},
	    {"public.nd", "d", "timestamp(6) without time zone", false,
	     "NULL::timestamp without time zone"},
	    {"public.nd", "e", "timestamp without time zone", false, NULL},
	    {"public.nd", "f", "numeric(10,2)", false, "NULL"},
	    {"public.nd", "g", "numeric(10,2)", false, "NULL::numeric"},
	    {"public.nd", "h", "character(3)", false, "NULL"},
	    {"public.nd", "i", "text", false, NULL},
	    {"public.nd", "j", "integer", false, NULL},
	    {"public.nd", "k", "integer", false, NULL},
	    {"public.nd", "l", "bigint", false, "NULL::integer"},
	    {"public.nd", "m", "text", false, NULL},
	    {"public.nd", "n", "timestamp(6) without time zone", false, "NULL"},
	    {"public.nd", "o", "character varying(50)", false, "NULL::character varying(50)"},
	    {"public.nd", "p", "bit(3)", false, "NULL"},
	    {"public.nd", "q", "text", false, "NULL::character varying"},
	};
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));
	finish(m);
}

/* CREATE INDEX in its forms, and UNIQUE / PRIMARY KEY USING INDEX. */
static void test_indexes(void **state)
{
	struct model *m = sqlmodel_build(sql_indexes, NULL);
	struct table *t = table_of(m, "public.t");
	static const struct {
		const char *name;
		bool unique, nulls_not_distinct;
		const char *method, *columns, *include, *where;
	} want[] = {
	    /* the key columns as pg_get_indexdef prints them (expressions: see the header) */
	    {"t_name_uidx", true, false, "btree", "name", "", NULL},
	    {"t_tags_idx", false, false, "gin", "tags", "", NULL},
	    {"t_lower_idx", false, false, "btree", "lower(name)", "", NULL},
	    {"t_sum_idx", false, false, "btree", "(a + b)", "", NULL},
	    {"t_name_pattern_idx", false, false, "btree", "name text_pattern_ops", "", NULL},
	    {"t_a_desc_idx", false, false, "btree", "a DESC NULLS LAST, b NULLS FIRST", "", NULL},
	    {"t_a_incl_idx", false, false, "btree", "a", "b, name", NULL},
	    {"t_partial_idx", false, false, "btree", "b", "", "b > 0"},
	    {"t_email_idx", true, true, "btree", "email", "", NULL},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct index *ix = table_index(t, want[i].name);
		const char *w = want[i].name;
		if (ix == NULL) {
			differ(w, "an index", "missing");
			continue;
		}
		check_bool(w, want[i].unique, ix->unique);
		check_bool(w, want[i].nulls_not_distinct, ix->nulls_not_distinct);
		check_str(w, want[i].method, ix->method);
		check_str(w, want[i].columns, sqlmodel_join(m, &ix->columns));
		check_str(w, want[i].include, sqlmodel_join(m, &ix->include));
		check_str(w, want[i].where, ix->where);
		check_str(w, "t", ix->table);
		check_str(w, NULL, ix->constraint);
	}
	/* the USING INDEX ones back constraints now, and are no longer listed apart */
	check_int("indexes on t", sizeof(want) / sizeof(want[0]), (long long)t->indexes.n);
	static const struct con_row cons[] = {
	    KEY("public.t", "t_code_uq", "u", "code"),
	    /* unnamed: the constraint takes the index's name */
	    KEY("public.t", "t_id_idx", "p", "id"),
	};
	check_constraints(m, cons, sizeof(cons) / sizeof(cons[0]));
	check_bool("t.id not null", true, sqlmodel_column(t, "id")->not_null);
	/* the index is renamed to the constraint's name */
	const struct index *code = NULL;
	for (size_t i = 0; i < m->indexes.n; i++)
		if (strcmp(((struct index *)m->indexes.v[i])->h.name, "t_code_uq") == 0)
			code = m->indexes.v[i];
	if (code == NULL)
		differ("index t_code_uq", "present", "missing");
	else
		check_str("index t_code_uq", "t_code_uq", code->constraint);
	check_str("COMMENT ON INDEX", "tag search", table_index(t, "t_tags_idx")->h.comment);
	finish(m);
}

/* Views, materialized views and an index on one, with owners and comments. */
static void test_views(void **state)
{
	struct model *m = sqlmodel_build(sql_views, NULL);
	struct view *v = model_find_view(m, "public", "v");
	struct view *v2 = model_find_view(m, "public", "v2");
	struct view *mv = model_find_view(m, "public", "mv");
	assert_non_null(v);
	assert_non_null(v2);
	assert_non_null(mv);
	check_bool("v materialized", false, v->materialized);
	check_bool("mv materialized", true, mv->materialized);
	check_str("v owner", "alice", v->h.owner);
	check_str("mv owner", "bob", mv->h.owner);
	check_str("v2 owner", "carol", v2->h.owner);
	check_str("v comment", "a view", v->h.comment);
	check_str("mv comment", "names counted", mv->h.comment);
	check_str("v2 columns", "a, b", sqlmodel_join(m, &v2->columns));
	check_str("v definition", "SELECT t.id, t.name FROM public.t", v->definition);
	check_int("mv indexes", 1, (long long)mv->indexes.n);
	struct index *ix = mv->indexes.v[0];
	check_str("mv index", "mv_name_idx", ix->h.name);
	check_bool("mv index unique", true, ix->unique);
	check_str("mv index columns", "name", sqlmodel_join(m, &ix->columns));
	check_int("views are not tables", 1, (long long)m->tables.n);
	finish(m);
}

/* Enums with ADD VALUE BEFORE/AFTER, composites, domains, ranges. */
static void test_types(void **state)
{
	struct model *m = sqlmodel_build(sql_types, NULL);
	struct pgtype *mood = model_find_type(m, "public", "mood");
	struct pgtype *pair = model_find_type(m, "public", "pair");
	struct pgtype *posint = model_find_type(m, "public", "posint");
	struct pgtype *email = model_find_type(m, "public", "email");
	struct pgtype *code = model_find_type(m, "public", "code");
	struct pgtype *fr = model_find_type(m, "public", "floatrange");
	struct pgtype *tsr = model_find_type(m, "public", "tsr");
	assert_non_null(mood);
	assert_non_null(pair);
	assert_non_null(posint);
	assert_non_null(email);
	assert_non_null(code);
	assert_non_null(fr);
	assert_non_null(tsr);

	/* pg_enum by enumsortorder */
	check_str("mood kind", "enum", type_kind_name(mood->kind));
	check_str("mood labels", "angry, sad, so-so, ok, happy, ecstatic, last",
		  sqlmodel_join(m, &mood->labels));

	check_str("pair kind", "composite", type_kind_name(pair->kind));
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < pair->attributes.n; i++) {
		const struct type_attr *a = pair->attributes.v[i];
		sb_printf(&sb, "%s%s %s", i ? ", " : "", a->name, a->type);
	}
	check_str("pair attributes", "a integer, b text, c numeric(5,2), d public.mood[]", sb.data);
	sb_free(&sb);

	/* typbasetype/typtypmod, typnotnull, typdefault; pg_constraint by contypid */
	check_str("posint kind", "domain", type_kind_name(posint->kind));
	check_str("posint base", "integer", posint->base_type);
	check_bool("posint not null", true, posint->not_null);
	check_str("posint default", "1", posint->default_expr);
	const struct {
		struct pgtype **type;
		const char *name, *expression;
		bool valid;
	} checks[] = {
	    {&posint, "posint_positive", "value > 0", true},
	    {&posint, "posint_check", "value < 1000000", true},
	    {&posint, "posint_check1", "value <> 13", true},
	    {&email, "email_check", "value ~ '@'::text", true},
	    {&email, "email_len", "length(value) < 200", false},
	};
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		struct pgtype *d = *checks[i].type;
		const struct domain_check *found = NULL;
		for (size_t j = 0; j < d->checks.n; j++) {
			const struct domain_check *dc = d->checks.v[j];
			if (strcmp(dc->name, checks[i].name) == 0)
				found = dc;
		}
		if (found == NULL) {
			differ(d->h.name, checks[i].name, "no such check");
			continue;
		}
		check_str(checks[i].name, checks[i].expression, found->expression);
		check_bool(checks[i].name, checks[i].valid, found->valid);
	}
	check_int("posint checks", 3, (long long)posint->checks.n);
	check_int("email checks", 2, (long long)email->checks.n);
	check_str("email base", "text", email->base_type);
	check_bool("email not null", false, email->not_null);
	check_str("code base", "character varying(10)", code->base_type);
	check_str("code collation", "C", code->collation);

	/* pg_range.rngsubtype */
	check_str("floatrange kind", "range", type_kind_name(fr->kind));
	check_str("floatrange subtype", "double precision", fr->subtype);
	check_str("tsr subtype", "timestamp without time zone", tsr->subtype);
	finish(m);
}

/* Functions, procedures and aggregates: proargtypes, result, language, kind. */
static void test_functions(void **state)
{
	struct model *m = sqlmodel_build(sql_functions, NULL);
	static const struct {
		const char *signature;
		enum func_kind kind;
		const char *arguments, *returns, *language, *owner, *comment;
	} want[] = {
	    {"add(integer, integer)", FUNC_FUNCTION, "integer, integer", "integer", "sql", NULL,
	     "adds integers"},
	    {"add(numeric, numeric)", FUNC_FUNCTION, "numeric, numeric", "numeric", "sql", "alice",
	     "adds numerics"},
	    /* OUT parameters are not part of the signature */
	    {"divmod(integer, integer)", FUNC_FUNCTION, "integer, integer", "record", "sql", NULL,
	     "both"},
	    /* INOUT ones are */
	    {"bump(integer, integer)", FUNC_FUNCTION, "integer, integer", "integer", "sql", NULL,
	     NULL},
	    {"series(integer)", FUNC_FUNCTION, "integer", "TABLE(i integer, label text)", "sql",
	     NULL, NULL},
	    {"names()", FUNC_FUNCTION, "", "SETOF text", "sql", NULL, NULL},
	    {"touch()", FUNC_FUNCTION, "", "trigger", "plpgsql", NULL, NULL},
	    /* oidvectortypes(proargtypes) has no VARIADIC */
	    {"total(integer[])", FUNC_FUNCTION, "integer[]", "bigint", "sql", NULL, "sums"},
	    {"plus_one(integer)", FUNC_FUNCTION, "integer", "integer", "sql", NULL, NULL},
	    {"add3(integer, integer, integer)", FUNC_FUNCTION, "integer, integer, integer",
	     "integer", "sql", NULL, NULL},
	    /* a procedure's INOUT is in proargtypes, its OUT is not (PostgreSQL 15) */
	    {"do_it(integer, text)", FUNC_PROCEDURE, "integer, text", NULL, "plpgsql", "bob", NULL},
	    {"report(integer)", FUNC_PROCEDURE, "integer", NULL, "plpgsql", NULL, "reports"},
	    {"mysum(integer)", FUNC_AGGREGATE, "integer", NULL, NULL, "carol", "sum"},
	    {"pairsum(integer, integer)", FUNC_AGGREGATE, "integer, integer", NULL, NULL, NULL,
	     NULL},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct function *f = function_of(m, "public", want[i].signature);
		const char *w = want[i].signature;
		check_str(w, func_kind_name(want[i].kind), func_kind_name(f->kind));
		check_str(w, want[i].arguments, f->arguments);
		if (want[i].kind == FUNC_AGGREGATE)
			continue; /* result and language of an aggregate are not modelled */
		check_str(w, want[i].returns, f->returns);
		check_str(w, want[i].language, f->language);
		check_str(w, want[i].owner, f->h.owner);
		check_str(w, want[i].comment, f->h.comment);
	}
	struct function *agg = function_of(m, "public", "mysum(integer)");
	check_str("mysum owner", "carol", agg->h.owner);
	check_str("mysum comment", "sum", agg->h.comment);
	check_int("functions", sizeof(want) / sizeof(want[0]), (long long)m->functions.n);
	finish(m);
}

/* CREATE TRIGGER: timing, events, UPDATE OF, level, function and its arguments. */
static void test_triggers(void **state)
{
	struct model *m = sqlmodel_build(sql_triggers, NULL);
	struct table *t = table_of(m, "public.t");
	static const struct {
		const char *name, *timing, *events;
		bool row;
		const char *function, *when;
		bool constraint;
		const char *comment;
	} want[] = {
	    {"t_before", "BEFORE", "INSERT OR UPDATE OF a, b", true, "public.touch()", NULL, false,
	     "keeps a and b fresh"},
	    {"t_after", "AFTER", "DELETE OR TRUNCATE", false, "public.touch('x', 'it''s')", NULL,
	     false, NULL},
	    {"t_when", "AFTER", "UPDATE", true, "public.touch()", "old.a IS DISTINCT FROM new.a",
	     false, NULL},
	    {"t_con", "AFTER", "INSERT", true, "public.touch()", NULL, true, NULL},
	    {"t_old", "BEFORE", "DELETE", true, "public.touch()", NULL, false, NULL},
	};
	check_int("triggers on t", sizeof(want) / sizeof(want[0]), (long long)t->triggers.n);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct trigger *tr = NULL;
		for (size_t j = 0; j < t->triggers.n; j++)
			if (strcmp(((struct trigger *)t->triggers.v[j])->name, want[i].name) == 0)
				tr = t->triggers.v[j];
		const char *w = want[i].name;
		if (tr == NULL) {
			differ(w, "a trigger", "missing");
			continue;
		}
		check_str(w, want[i].timing, tr->timing);
		check_str(w, want[i].events, tr->events);
		check_bool(w, want[i].row, tr->for_each_row);
		check_str(w, want[i].function, tr->function);
		check_str(w, want[i].when, tr->when);
		check_bool(w, want[i].constraint, tr->constraint_trigger);
		check_str(w, want[i].comment, tr->comment);
		check_str(w, "public", tr->table_schema);
		check_str(w, "t", tr->table);
	}
	finish(m);
}

/* ENABLE / FORCE ROW LEVEL SECURITY and CREATE POLICY. */
static void test_policies(void **state)
{
	struct model *m = sqlmodel_build(sql_policies, NULL);
	struct table *docs = table_of(m, "public.docs");
	struct table *open = table_of(m, "public.open");
	check_bool("docs rls", true, docs->rls_enabled);
	check_bool("docs forced", true, docs->rls_forced);
	check_bool("open rls", false, open->rls_enabled);
	check_bool("open forced", false, open->rls_forced);
	static const struct {
		const char *name, *command;
		bool permissive;
		const char *roles, *using_expr, *check_expr, *comment;
	} want[] = {
	    /* pg_policies says {public} where the model says PUBLIC, as for grants */
	    {"docs_all", "ALL", true, "PUBLIC", "owner = current_user", NULL, NULL},
	    {"docs_sel", "SELECT", true, "app_user, reader", "true", NULL, "readers see all"},
	    {"docs_ins", "INSERT", false, "app_user", NULL, "id > 0", NULL},
	    {"docs_upd", "UPDATE", true, "PUBLIC", "owner = current_user", "id > 0", NULL},
	    {"docs_del", "DELETE", true, "PUBLIC", "false", NULL, NULL},
	};
	check_int("policies", sizeof(want) / sizeof(want[0]), (long long)docs->policies.n);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct policy *p = NULL;
		for (size_t j = 0; j < docs->policies.n; j++)
			if (strcmp(((struct policy *)docs->policies.v[j])->name, want[i].name) == 0)
				p = docs->policies.v[j];
		const char *w = want[i].name;
		if (p == NULL) {
			differ(w, "a policy", "missing");
			continue;
		}
		check_str(w, want[i].command, p->command);
		check_bool(w, want[i].permissive, p->permissive);
		check_str(w, want[i].roles, sqlmodel_join(m, &p->roles));
		check_str(w, want[i].using_expr, p->using_expr);
		check_str(w, want[i].check_expr, p->check_expr);
		check_str(w, want[i].comment, p->comment);
	}
	finish(m);
}

/* Schemas, extensions, COMMENT ON, OWNER TO, GRANT and REVOKE. */
static void test_comments_owners_grants(void **state)
{
	struct model *m = sqlmodel_build(sql_objects_meta, NULL);
	struct schema *app = model_find_schema(m, "app");
	struct schema *bob = model_find_schema(m, "bob");
	struct schema *sales = model_find_schema(m, "Sales");
	struct schema *pub = model_find_schema(m, "public");
	assert_non_null(app);
	assert_non_null(bob);
	assert_non_null(sales);
	assert_non_null(pub);
	/* pg_namespace.nspowner; CREATE SCHEMA AUTHORIZATION bob names the schema bob */
	check_str("app owner", "alice", app->h.owner);
	check_str("bob owner", "bob", bob->h.owner);
	check_str("Sales owner", "carol", sales->h.owner);
	check_str("app comment", "application schema", app->h.comment);
	check_str("public comment", "standard public schema", pub->h.comment);
	check_int("schemas", 4, (long long)m->schemas.n);

	/* pg_extension: extnamespace, extversion */
	check_int("extensions", 2, (long long)m->extensions.n);
	for (size_t i = 0; i < m->extensions.n; i++) {
		const struct extension *e = m->extensions.v[i];
		if (strcmp(e->h.name, "citext") == 0) {
			check_str("citext schema", "public", e->h.schema);
			check_str("citext version", NULL, e->version);
			check_str("citext comment",
				  "data type for case-insensitive character strings", e->h.comment);
		} else {
			check_str("extension", "hstore", e->h.name);
			check_str("hstore schema", "app", e->h.schema);
			check_str("hstore version", "1.8", e->version);
		}
	}

	struct table *t = table_of(m, "app.t");
	check_str("t comment", "the table", t->h.comment);
	check_str("t.id comment", "the id", sqlmodel_column(t, "id")->comment);
	check_str("t.note comment", NULL, sqlmodel_column(t, "note")->comment);
	check_str("t_id_check comment", "positive", sqlmodel_constraint(t, "t_id_check")->comment);
	check_str("t_note_idx comment", "by note", table_index(t, "t_note_idx")->h.comment);
	struct pgtype *mood = model_find_type(m, "app", "mood");
	assert_non_null(mood);
	check_str("mood comment", "feelings", mood->h.comment);
	struct sequence *s = model_find_sequence(m, "app", "s");
	assert_non_null(s);
	check_str("s comment", "numbers", s->h.comment);
	struct function *f = function_of(m, "app", "f(integer)");
	check_str("f comment", "identity", f->h.comment);

	/* relowner, typowner, proowner */
	check_str("t owner", "bob", t->h.owner);
	check_str("mood owner", "carol", mood->h.owner);
	check_str("s owner", "dave", s->h.owner);
	check_str("f owner", "dave", f->h.owner);

	/*
	 * relacl {bob=arwdDxt/bob,alice=r/bob,carol=a*r* /bob,reader=rw/bob,dave=r/bob},
	 * column privileges in attacl, nspacl {alice=UC/alice,=U/alice}, typacl
	 * {=U/carol,carol=U/carol,reader=U/carol}, the sequence reader=rU (ALL
	 * less UPDATE), the function {=X/dave,dave=X/dave,reader=X/dave} (ALL).
	 */
	check_str("t grants",
		  "alice=SELECT; carol=SELECT, INSERT WITH GRANT OPTION; dave=SELECT(id), "
		  "UPDATE(note), SELECT; reader=SELECT, UPDATE",
		  grants_of(m, &t->h));
	check_str("app grants", "PUBLIC=USAGE", grants_of(m, &app->h));
	/* A type's and a function's ACL starts from the default: PUBLIC keeps its privilege. */
	check_str("mood grants", "PUBLIC=USAGE; reader=USAGE", grants_of(m, &mood->h));
	check_str("s grants", "reader=USAGE, SELECT", grants_of(m, &s->h));
	check_str("f grants", "PUBLIC=EXECUTE; reader=ALL", grants_of(m, &f->h));
	finish(m);
}

/*
 * Old dumps: SET search_path = app, pg_catalog and unqualified names.
 * Then pg_dump 10+'s set_config('search_path', '', false).
 */
static void test_old_search_path(void **state)
{
	struct model *m = sqlmodel_build(sql_old_search_path, NULL);
	check_int("tables", 3, (long long)m->tables.n);
	struct table *plain = table_of(m, "public.plain");
	struct table *t = table_of(m, "app.t");
	table_of(m, "public.w");
	check_str("plain_pkey", "id",
		  sqlmodel_join(m, &sqlmodel_constraint(plain, "plain_pkey")->columns));
	static const struct col_row cols[] = {
	    /* as pg_get_expr prints it with an empty search_path, like a newer dump's */
	    {"app.t", "id", "integer", true, "nextval('app.t_id_seq'::regclass)"},
	    {"app.t", "m", "app.mood", false, NULL},
	    {"app.t", "parent", "integer", false, NULL},
	};
	check_columns(m, cols, sizeof(cols) / sizeof(cols[0]));
	static const struct con_row cons[] = {
	    KEY("app.t", "t_pkey", "p", "id"),
	    FKEY("app.t", "t_parent_fkey", "parent", "app.t(id)", "NO ACTION", "NO ACTION",
		 "SIMPLE", 0),
	    FKEY("app.t", "t_plain_fkey", "parent", "public.plain(id)", "NO ACTION", "NO ACTION",
		 "SIMPLE", 0),
	};
	check_constraints(m, cons, sizeof(cons) / sizeof(cons[0]));
	check_str("mood schema", "app", model_find_type(m, "app", "mood") ? "app" : NULL);
	struct sequence *s = model_find_sequence(m, "app", "t_id_seq");
	assert_non_null(s);
	check_str("t_id_seq owned by", "app.t.id",
		  arena_printf(m->arena, "%s.%s.%s", s->owned_by_schema, s->owned_by_table,
			       s->owned_by_column));
	check_bool("t_m_idx", true, table_index(t, "t_m_idx") != NULL);
	check_str("t comment", "old style", t->h.comment);
	check_str("t.m comment", "feeling", sqlmodel_column(t, "m")->comment);
	check_int("t rows", 2, t->rows);
	finish(m);
}

/* COPY row counts go to the right table; INSERTs are counted in source.inserts. */
static void test_copy_and_inserts(void **state)
{
	struct model *m = sqlmodel_build(sql_copy_insert, NULL);
	/* count(*) after the restore: a 4, b 0, c 3 (INSERTs count as COPY rows do), d 0 */
	check_int("a rows", 4, table_of(m, "public.a")->rows);
	check_int("b rows", 0, table_of(m, "public.b")->rows);
	check_int("c rows", 3, table_of(m, "public.c")->rows);
	/* the first value of the first row, from COPY and from INSERT */
	assert_string_equal(table_of(m, "public.a")->first_value, "1");
	assert_null(table_of(m, "public.b")->first_value);
	assert_string_equal(table_of(m, "public.c")->first_value, "1");
	check_int("d rows", -1, table_of(m, "public.d")->rows);
	check_int("copy blocks", 3, m->source.copy_blocks);
	check_int("inserts", 3, m->source.inserts);
	check_int("statements", 11, m->source.statements);
	check_int("unparsed", 0, m->source.unparsed);
	finish(m);
}

/* build_session.c (declared in src/build_int.h, which the tests do not include). */
int build_parse_bool(const char *v);

/* parse_bool() of PostgreSQL's bool.c: what SET standard_conforming_strings accepts. */
static void test_parse_bool(void **state)
{
	static const struct {
		const char *in;
		int want;
	} cases[] = {
	    {"on", 1},	  {"ON", 1},   {"off", 0},   {"OfF", 0}, {"of", 0},  {"o", -1},
	    {"offf", -1}, {"onn", -1}, {"true", 1},  {"t", 1},	 {"TR", 1},  {"truex", -1},
	    {"false", 0}, {"f", 0},    {"fal", 0},   {"yes", 1}, {"y", 1},   {"no", 0},
	    {"n", 0},	  {"1", 1},    {"0", 0},     {"01", -1}, {"10", -1}, {"", -1},
	    {" on", -1},  {"on ", -1}, {"nope", -1}, {"2", -1},	 {"-1", -1}, {"0.0", -1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = build_parse_bool(cases[i].in);
		if (got != cases[i].want)
			fail_msg("parse_bool(\"%s\"): wanted %d, got %d", cases[i].in,
				 cases[i].want, got);
	}
}

/* A statement PostgreSQL 15 rejects is kept as unparsed, located, with its pg_dump header. */
static void test_unparsed(void **state)
{
	char *diag;
	struct model *m = sqlmodel_build(sql_unparsed, &diag);
	check_int("unparsed", 2, m->source.unparsed);
	assert_int_equal(m->unparsed.n, 2);
	const struct unparsed *u = m->unparsed.v[0];
	/*
	 * psql: ERROR: syntax error at or near "PERSISTED", LINE 3 of the
	 * statement.  The dialect rewrite (a generated column with no STORED)
	 * fires but does not make it parse, so the first error stays.
	 */
	check_int("line", 9, u->line);
	check_int("col", 46, u->col);
	check_str("message", "syntax error at or near \"PERSISTED\"", u->message);
	check_str("object", "TABLE public.broken", u->object);
	check_str("excerpt", "CREATE TABLE public.broken (", u->excerpt);
	/* the caret is at character 37 of the line; "é" is two bytes */
	u = m->unparsed.v[1];
	check_int("line", 20, u->line);
	check_int("col", 38, u->col);
	check_str("message", "syntax error at or near \"WIBBLE\"", u->message);
	/* The header before public.ok describes that statement only. */
	check_bool("no object", true, u->object == NULL);
	/* the run goes on */
	table_of(m, "public.ok");
	check_bool("broken", true, model_find_table(m, "public", "broken") == NULL);
	if (strstr(diag, ":9:46: warning: cannot parse TABLE public.broken: syntax error at or "
			 "near \"PERSISTED\"") == NULL)
		differ("diagnostic", "FILE:9:46: warning: cannot parse TABLE public.broken: ...",
		       diag);
	free(diag);
	finish(m);
}

/* ---- main ------------------------------------------------------------- */

static const struct {
	const char *name, *sql;
} scenarios[] = {
    {"inline_constraints", sql_inline_constraints},
    {"check_names", sql_check_names},
    {"alter_constraints", sql_alter_constraints},
    {"sequences", sql_sequences},
    {"identity", sql_identity},
    {"generated_collate", sql_generated_collate},
    {"partitions", sql_partitions},
    {"partition_fk", sql_partition_fk},
    {"inherits", sql_inherits},
    {"inherited_checks", sql_inherited_checks},
    {"indexes", sql_indexes},
    {"views", sql_views},
    {"types", sql_types},
    {"functions", sql_functions},
    {"triggers", sql_triggers},
    {"policies", sql_policies},
    {"objects_meta", sql_objects_meta},
    {"old_search_path", sql_old_search_path},
    {"copy_insert", sql_copy_insert},
    {"unparsed", sql_unparsed},
};

/* --write-sql DIR: each scenario as DIR/NAME.sql, to run on a server. */
static int write_sql(const char *dir)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return 1;
	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s.sql", dir, scenarios[i].name);
		FILE *f = fopen(path, "w");
		if (f == NULL || fputs(scenarios[i].sql, f) < 0 || fclose(f) != 0)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--write-sql") == 0)
		return write_sql(argv[2]);

	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inline_constraints),
	    cmocka_unit_test(test_generated_constraint_names),
	    cmocka_unit_test(test_alter_table_add_constraint),
	    cmocka_unit_test(test_sequences),
	    cmocka_unit_test(test_identity),
	    cmocka_unit_test(test_generated_and_collate),
	    cmocka_unit_test(test_deparse_cache),
	    cmocka_unit_test(test_partitions),
	    cmocka_unit_test(test_partition_foreign_keys),
	    cmocka_unit_test(test_inherits),
	    cmocka_unit_test(test_inherited_checks_and_null_defaults),
	    cmocka_unit_test(test_indexes),
	    cmocka_unit_test(test_views),
	    cmocka_unit_test(test_types),
	    cmocka_unit_test(test_functions),
	    cmocka_unit_test(test_triggers),
	    cmocka_unit_test(test_policies),
	    cmocka_unit_test(test_comments_owners_grants),
	    cmocka_unit_test(test_old_search_path),
	    cmocka_unit_test(test_copy_and_inserts),
	    cmocka_unit_test(test_unparsed),
	    cmocka_unit_test(test_parse_bool),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	load_cleanup();
	return rc;
}
