/*
 * test_revops.c
 *	  Unit tests for alembic_types_exact(): the SQLAlchemy type a revision's
 *	  operation writes for a column type (format_type() spelling), from the
 *	  model: built-ins, the model's enums (qualified, names as Python
 *	  literals), arrays of either; anything SQLAlchemy cannot name exactly
 *	  (a domain, a composite, an unqualified or unknown name, an array of
 *	  arrays) is refused with the buffer untouched, so that the statement
 *	  runs as the plan wrote it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/alembic_types.h"
#include "sqlmodel.h"

static const char schema_sql[] = "CREATE SCHEMA \"Sch:x %(y)s\";\n"
				 "CREATE TYPE \"Sch:x %(y)s\".\"Mood's\" AS ENUM ('a', 'b');\n"
				 "CREATE TYPE public.mood AS ENUM ('x');\n"
				 "CREATE DOMAIN public.posint AS integer CHECK (VALUE > 0);\n"
				 "CREATE TYPE public.pair AS (a integer, b text);\n";

/* alembic_types_exact's answer for type, or NULL when it refuses (and wrote nothing). */
static char *exact(const struct model *m, const char *type)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "<");
	bool ok = alembic_types_exact(&sb, m, type);
	if (!ok) {
		assert_string_equal(sb.data, "<");
		sb_free(&sb);
		return NULL;
	}
	char *s = xstrdup(sb.data + 1);
	sb_free(&sb);
	return s;
}

static void expect(const struct model *m, const char *type, const char *want)
{
	char *got = exact(m, type);
	if (want == NULL) {
		if (got != NULL)
			fail_msg("%s: expected a refusal, got %s", type, got);
		return;
	}
	if (got == NULL)
		fail_msg("%s: refused, expected %s", type, want);
	assert_string_equal(got, want);
	free(got);
}

static void test_exact_types(void **state)
{
	(void)state;
	struct model *m = sqlmodel_build(schema_sql, NULL);
	expect(m, "integer", "sa.Integer()");
	expect(m, "character varying(20)", "sa.VARCHAR(20)");
	expect(m, "text[]", "postgresql.ARRAY(sa.Text())");
	expect(m, "numeric(10,2)[]", "postgresql.ARRAY(sa.Numeric(10, 2))");
	expect(m, "public.mood",
	       "postgresql.ENUM(name='mood', schema='public', create_type=False)");
	expect(m, "\"Sch:x %(y)s\".\"Mood's\"",
	       "postgresql.ENUM(name='Mood\\'s', schema='Sch:x %(y)s', create_type=False)");
	expect(
	    m, "public.mood[]",
	    "postgresql.ARRAY(postgresql.ENUM(name='mood', schema='public', create_type=False))");
	/* look-alikes: what SQLAlchemy cannot name exactly */
	expect(m, "mood", NULL);	  /* unqualified */
	expect(m, "public.Mood", NULL);	  /* another name */
	expect(m, "public.posint", NULL); /* a domain */
	expect(m, "public.pair", NULL);	  /* a composite */
	expect(m, "public.pair[]", NULL);
	expect(m, "text[][]", NULL);
	expect(m, "public.unknown", NULL);
	expect(m, "[]", NULL);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exact_types),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	load_cleanup();
	return rc;
}
