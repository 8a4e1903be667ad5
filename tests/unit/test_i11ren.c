/*
 * test_i11ren.c
 *	  Unit tests for renames reaching the texts that refer to the renamed
 *	  object (build_rename.c): after RENAME COLUMN, RENAME TO, SET SCHEMA
 *	  and RENAME VALUE, views, policies, triggers, indexes, CHECKs,
 *	  defaults, rules and statistics objects name the new name where the
 *	  reference resolves to the renamed object, and keep look-alikes (a
 *	  column of another table, a string, an alias, a function, a
 *	  composite's field) as they were.
 *
 *	  Expected texts are libpg_query's deparse, the model's form; each was
 *	  checked by meaning against PostgreSQL 15 by making the object again
 *	  from it (tests/integration/test_i11ren.py does so for its fixture).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sqlmodel.h"

static struct view *view_of(struct model *m, const char *name)
{
	struct view *v = model_find_view(m, "public", name);
	if (v == NULL)
		fail_msg("no view public.%s", name);
	return v;
}

static struct object *object_of(struct model *m, enum object_kind kind, const char *name)
{
	for (size_t i = 0; i < m->objects.n; i++) {
		struct object *o = m->objects.v[i];
		if (o->kind == kind && strcmp(o->h.name, name) == 0)
			return o;
	}
	fail_msg("no object %s", name);
	return NULL;
}

/* RENAME COLUMN: references that resolve to the column, by scope; look-alikes stay. */
static void test_column_in_views(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(
	    "CREATE FUNCTION public.qty(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';\n"
	    "CREATE TABLE public.o (id integer, qty integer, note text);\n"
	    "CREATE TABLE public.c (id integer, qty integer);\n"
	    "CREATE VIEW public.j AS SELECT o.id, o.qty, c.qty AS cq, 'qty' AS s, qty(o.id) AS f\n"
	    "    FROM public.o o JOIN public.c ON c.id = o.id WHERE o.qty > 1;\n"
	    "CREATE VIEW public.p AS SELECT id, qty FROM public.o ORDER BY qty;\n"
	    "CREATE VIEW public.al AS SELECT note AS qty FROM public.o;\n"
	    "CREATE VIEW public.cte AS WITH q AS (SELECT qty FROM public.o) SELECT q.qty FROM q;\n"
	    "CREATE VIEW public.corr AS SELECT id FROM public.o\n"
	    "    WHERE EXISTS (SELECT 1 FROM public.c x WHERE x.qty = qty);\n"
	    "CREATE VIEW public.inner_ AS SELECT c.qty, (SELECT max(qty) FROM public.o) AS m\n"
	    "    FROM public.c;\n"
	    "CREATE VIEW public.other AS SELECT id, qty FROM public.c;\n"
	    "ALTER TABLE public.o RENAME COLUMN qty TO amount;\n",
	    NULL);
	assert_string_equal(view_of(m, "j")->definition,
			    "SELECT o.id, o.amount AS qty, c.qty AS cq, 'qty' AS s, qty(o.id) AS f "
			    "FROM public.o o JOIN public.c ON c.id = o.id WHERE o.amount > 1");
	assert_string_equal(view_of(m, "p")->definition,
			    "SELECT id, amount AS qty FROM public.o ORDER BY amount");
	assert_string_equal(view_of(m, "al")->definition, "SELECT note AS qty FROM public.o");
	assert_string_equal(view_of(m, "cte")->definition,
			    "WITH q AS (SELECT amount AS qty FROM public.o) SELECT q.qty FROM q");
	/* the inner qty is c's (x), the nearest FROM: nothing changes, byte for byte */
	assert_string_equal(view_of(m, "corr")->definition,
			    "SELECT id FROM public.o WHERE EXISTS (SELECT 1 FROM public.c x WHERE "
			    "x.qty = qty)");
	assert_string_equal(view_of(m, "inner_")->definition,
			    "SELECT c.qty, (SELECT max(amount) FROM public.o) AS m FROM public.c");
	assert_string_equal(view_of(m, "other")->definition, "SELECT id, qty FROM public.c");
	model_free(m);
}

/* The table's own texts: not a composite's field, a keyword in a type's name, a function. */
static void test_column_in_table_texts(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(
	    "CREATE TYPE public.pr AS (qty integer, z integer);\n"
	    "CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN END';\n"
	    "CREATE TABLE public.w (varying text CHECK (varying <> 'a'::varchar), p public.pr,\n"
	    "    qty integer CHECK ((p).qty > qty),\n"
	    "    g integer GENERATED ALWAYS AS ((p).qty + qty) STORED);\n"
	    "CREATE INDEX w_idx ON public.w ((qty + 1) DESC) WHERE (p).qty > 0;\n"
	    "CREATE TRIGGER w_t BEFORE UPDATE OF qty, varying ON public.w FOR EACH ROW\n"
	    "    WHEN (new.qty > old.qty) EXECUTE FUNCTION public.touch();\n"
	    "ALTER TABLE public.w ENABLE ROW LEVEL SECURITY;\n"
	    "CREATE POLICY w_p ON public.w USING (qty > 0) WITH CHECK (w.qty < 10);\n"
	    "ALTER TABLE public.w RENAME COLUMN varying TO v2;\n"
	    "ALTER TABLE public.w RENAME COLUMN qty TO \"Qty\";\n",
	    NULL);
	struct table *t = sqlmodel_table(m, "public", "w");
	assert_string_equal(sqlmodel_constraint(t, "w_varying_check")->expression,
			    "v2 <> 'a'::character varying");
	assert_string_equal(sqlmodel_constraint(t, "w_check")->expression, "(p).qty > \"Qty\"");
	assert_string_equal(sqlmodel_column(t, "g")->generated, "(p).qty + \"Qty\"");
	struct index *ix = t->indexes.v[0];
	assert_string_equal(sqlmodel_join(m, &ix->columns), "(\"Qty\" + 1) DESC");
	assert_string_equal(((struct index_key *)ix->keys.v[0])->expression, "\"Qty\" + 1");
	assert_string_equal(ix->where, "(p).qty > 0");
	struct trigger *tr = t->triggers.v[0];
	assert_string_equal(tr->events, "UPDATE OF \"Qty\", v2");
	assert_string_equal(tr->when, "new.\"Qty\" > old.\"Qty\"");
	struct policy *p = t->policies.v[0];
	assert_string_equal(p->using_expr, "\"Qty\" > 0");
	assert_string_equal(p->check_expr, "w.\"Qty\" < 10");
	model_free(m);
}

/* A trigger's UPDATE OF list quotes names as pg_get_triggerdef does. */
static void test_update_of_quoted(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(
	    "CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN END';\n"
	    "CREATE TABLE public.t (\"A, b\" integer, c integer);\n"
	    "CREATE TRIGGER t_t AFTER INSERT OR UPDATE OF \"A, b\", c ON public.t\n"
	    "    FOR EACH ROW EXECUTE FUNCTION public.touch();\n"
	    "ALTER TABLE public.t RENAME COLUMN c TO \"A, b2\";\n",
	    NULL);
	struct trigger *tr = sqlmodel_table(m, "public", "t")->triggers.v[0];
	assert_string_equal(tr->events, "INSERT OR UPDATE OF \"A, b\", \"A, b2\"");
	model_free(m);
}

/* RENAME TO and SET SCHEMA: FROM items, their qualifiers, regclass literals, rules, stats. */
static void test_relation(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(
	    "SET search_path = public;\n"
	    "CREATE SCHEMA s2;\n"
	    "CREATE TABLE t (a integer, b integer);\n"
	    "CREATE TABLE other (a integer, t integer);\n"
	    "CREATE SEQUENCE sq;\n"
	    "CREATE TABLE d (x integer DEFAULT nextval('sq') * 2, y integer DEFAULT "
	    "nextval('sq'),\n"
	    "    z regclass DEFAULT 't'::regclass);\n"
	    "CREATE VIEW v1 AS SELECT t.a, public.t.b, x.a AS xa, other.t FROM t, t x, other\n"
	    "    WHERE t.a > 0;\n"
	    "CREATE VIEW v3 AS SELECT a FROM v1;\n"
	    "CREATE POLICY p ON other USING (a IN (SELECT t.a FROM t));\n"
	    "CREATE RULE r AS ON UPDATE TO t DO ALSO UPDATE other SET a = new.a\n"
	    "    WHERE other.t = old.b;\n"
	    "CREATE STATISTICS st ON a, b FROM t;\n"
	    "ALTER TABLE t RENAME TO u;\n"
	    "ALTER TABLE u SET SCHEMA s2;\n"
	    "ALTER VIEW v1 RENAME TO w1;\n"
	    "ALTER SEQUENCE sq RENAME TO sq2;\n",
	    NULL);
	assert_string_equal(view_of(m, "w1")->definition,
			    "SELECT u.a, s2.u.b, x.a AS xa, other.t FROM s2.u, s2.u x, other "
			    "WHERE u.a > 0");
	assert_string_equal(view_of(m, "v3")->definition, "SELECT a FROM w1");
	struct policy *p = sqlmodel_table(m, "public", "other")->policies.v[0];
	assert_string_equal(p->using_expr, "a IN (SELECT u.a FROM s2.u)");
	struct table *d = sqlmodel_table(m, "public", "d");
	assert_string_equal(sqlmodel_column(d, "x")->default_expr, "nextval('public.sq2') * 2");
	assert_string_equal(sqlmodel_column(d, "y")->default_expr,
			    "nextval('public.sq2'::regclass)");
	assert_string_equal(sqlmodel_column(d, "z")->default_expr, "'s2.u'::regclass");
	struct object *r = object_of(m, OBJ_RULE, "r");
	assert_string_equal(r->definition, "CREATE RULE r AS ON UPDATE TO s2.u DO UPDATE other SET "
					   "a = new.a WHERE other.t = old.b");
	assert_string_equal(r->h.schema, "s2");
	assert_string_equal(r->on, "s2.u");
	assert_ptr_equal(model_find_object(m, OBJ_RULE, "s2", "r", "s2.u"), r);
	struct object *st = object_of(m, OBJ_STATISTICS, "st");
	assert_string_equal(st->definition, "CREATE STATISTICS st ON a, b FROM s2.u");
	assert_string_equal(st->h.schema, "public");
	assert_string_equal(st->on, "s2.u");
	model_free(m);
}

/* RENAME VALUE: a label cast to its enum; a text literal of the same value stays. */
static void test_enum_label(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(
	    "CREATE TYPE public.mood AS ENUM ('sad', 'ok');\n"
	    "CREATE TABLE public.t (m public.mood DEFAULT 'ok', s text DEFAULT 'ok',\n"
	    "    CHECK (m <> 'ok'::public.mood OR s <> 'ok'));\n"
	    "ALTER TYPE public.mood RENAME VALUE 'ok' TO 'fine';\n",
	    NULL);
	struct table *t = sqlmodel_table(m, "public", "t");
	assert_string_equal(sqlmodel_column(t, "m")->default_expr, "'fine'::public.mood");
	assert_string_equal(sqlmodel_column(t, "s")->default_expr, "'ok'::text");
	assert_string_equal(((struct constraint *)t->constraints.v[0])->expression,
			    "m <> 'fine'::public.mood OR s <> 'ok'");
	model_free(m);
}

/* A view's column renamed: its query names it AS new; readers and a materialized view's index. */
static void test_view_column(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(
	    "CREATE TABLE public.t (a integer, b integer);\n"
	    "CREATE VIEW public.v AS SELECT a, b + 1 AS c, lower('x') FROM public.t;\n"
	    "CREATE VIEW public.w AS SELECT v.a, c FROM public.v WHERE a > 0;\n"
	    "CREATE MATERIALIZED VIEW public.mv AS SELECT a, b FROM public.t;\n"
	    "CREATE INDEX mv_idx ON public.mv ((a + 1)) WHERE b > 0;\n"
	    "ALTER VIEW public.v RENAME COLUMN a TO aa;\n"
	    "ALTER TABLE public.v RENAME COLUMN c TO cc;\n"
	    "ALTER VIEW public.v RENAME COLUMN lower TO low;\n"
	    "ALTER MATERIALIZED VIEW public.mv RENAME COLUMN a TO ma;\n",
	    NULL);
	assert_string_equal(view_of(m, "v")->definition,
			    "SELECT a AS aa, b + 1 AS cc, lower('x') AS low FROM public.t");
	assert_string_equal(view_of(m, "w")->definition,
			    "SELECT v.aa AS a, cc AS c FROM public.v WHERE aa > 0");
	struct view *mv = view_of(m, "mv");
	assert_string_equal(mv->definition, "SELECT a AS ma, b FROM public.t");
	struct index *ix = mv->indexes.v[0];
	assert_string_equal(sqlmodel_join(m, &ix->columns), "(ma + 1)");
	assert_string_equal(ix->where, "b > 0");
	model_free(m);
}

/* JOIN ... USING the old name, and a star PostgreSQL expanded when the view was made. */
static void test_using_and_star(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(
	    "CREATE TABLE public.t (x integer, a integer, y integer);\n"
	    "CREATE TABLE public.u (a integer, z integer);\n"
	    "CREATE VIEW public.vu AS SELECT a, t.x, u.z FROM public.t JOIN public.u USING (a);\n"
	    "CREATE VIEW public.vs AS SELECT * FROM public.t;\n"
	    "CREATE VIEW public.vq AS SELECT t.*, u.z FROM public.t, public.u;\n"
	    "CREATE VIEW public.other AS SELECT * FROM public.u;\n"
	    "ALTER TABLE public.t RENAME COLUMN a TO b;\n",
	    NULL);
	assert_string_equal(view_of(m, "vu")->definition,
			    "SELECT a, t.x, u.z FROM public.t t(x, a) JOIN public.u USING (a)");
	assert_string_equal(view_of(m, "vs")->definition,
			    "SELECT t.x, t.b AS a, t.y FROM public.t");
	assert_string_equal(view_of(m, "vq")->definition,
			    "SELECT t.x, t.b AS a, t.y, u.z FROM public.t, public.u");
	assert_string_equal(view_of(m, "other")->definition, "SELECT * FROM public.u");
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_column_in_views),  cmocka_unit_test(test_column_in_table_texts),
	    cmocka_unit_test(test_update_of_quoted), cmocka_unit_test(test_relation),
	    cmocka_unit_test(test_enum_label),	     cmocka_unit_test(test_view_column),
	    cmocka_unit_test(test_using_and_star),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
