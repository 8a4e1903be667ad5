/*
 * test_diagram.c
 *	  Unit tests for the ER diagrams: foreign-key cardinality (fkey.c),
 *	  the plan both languages draw (diagram.c: entities, stubs, key
 *	  markers) and how each language writes text from the dump
 *	  (emit_mermaid.c, emit_dot.c).  Models come from SQL through the
 *	  real pipeline (sqlmodel.h).  The rendered output is checked against
 *	  the real renderers by tests/integration/test_diagram.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sqlmodel.h"

#include "../../src/diagram.h"
#include "filter.h"

#define KEYS_SQL                                                                                   \
	"CREATE TABLE public.p (id integer NOT NULL);\n"                                           \
	"ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (id);\n" /* many-to-one,      \
										 mandatory, not    \
										 identifying */    \
	"CREATE TABLE public.many (id integer NOT NULL, p_id integer NOT NULL);\n"                 \
	"ALTER TABLE ONLY public.many ADD CONSTRAINT many_pkey PRIMARY KEY (id);\n"                \
	"ALTER TABLE ONLY public.many ADD CONSTRAINT many_fk FOREIGN KEY (p_id) "                  \
	"REFERENCES public.p(id);\n" /* one-to-one through UNIQUE, optional */                     \
	"CREATE TABLE public.one (p_id integer);\n"                                                \
	"ALTER TABLE ONLY public.one ADD CONSTRAINT one_uk UNIQUE (p_id);\n"                       \
	"ALTER TABLE ONLY public.one ADD CONSTRAINT one_fk FOREIGN KEY (p_id) "                    \
	"REFERENCES public.p(id);\n" /* identifying: the key lies within a wider primary key */    \
	"CREATE TABLE public.ident (p_id integer NOT NULL, n integer NOT NULL);\n"                 \
	"ALTER TABLE ONLY public.ident ADD CONSTRAINT ident_pkey PRIMARY KEY (p_id, n);\n"         \
	"ALTER TABLE ONLY public.ident ADD CONSTRAINT ident_fk FOREIGN KEY (p_id) "                \
	"REFERENCES public.p(id);\n" /* one-to-one through a unique index; a partial one does not  \
					count */                                                   \
	"CREATE TABLE public.uix (a integer, b integer);\n"                                        \
	"CREATE UNIQUE INDEX uix_a ON public.uix USING btree (a);\n"                               \
	"CREATE UNIQUE INDEX uix_b ON public.uix USING btree (b) WHERE (b > 0);\n"                 \
	"ALTER TABLE ONLY public.uix ADD CONSTRAINT uix_a_fk FOREIGN KEY (a) "                     \
	"REFERENCES public.p(id);\n"                                                               \
	"ALTER TABLE ONLY public.uix ADD CONSTRAINT uix_b_fk FOREIGN KEY (b) "                     \
	"REFERENCES public.p(id);\n" /* references a table the dump does not have */               \
	"CREATE TABLE public.orphan (x integer NOT NULL);\n"                                       \
	"ALTER TABLE ONLY public.orphan ADD CONSTRAINT orphan_fk FOREIGN KEY (x) "                 \
	"REFERENCES other.gone(id);\n"

static void test_cardinality(void **state)
{
	struct model *m = sqlmodel_build(KEYS_SQL, NULL);
	static const struct {
		const char *table, *fk;
		bool one_to_one, optional, identifying;
	} cases[] = {
	    {"many", "many_fk", false, false, false},  {"one", "one_fk", true, true, false},
	    {"ident", "ident_fk", false, false, true}, {"uix", "uix_a_fk", true, true, false},
	    {"uix", "uix_b_fk", false, true, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct table *t = sqlmodel_table(m, "public", cases[i].table);
		struct fkey_card card;
		fkey_cardinality(t, sqlmodel_constraint(t, cases[i].fk), &card);
		if (card.one_to_one != cases[i].one_to_one || card.optional != cases[i].optional ||
		    card.identifying != cases[i].identifying)
			fail_msg("%s: got one_to_one=%d optional=%d identifying=%d", cases[i].fk,
				 card.one_to_one, card.optional, card.identifying);
	}
	model_free(m);
}

static void test_column_keys(void **state)
{
	struct model *m = sqlmodel_build(KEYS_SQL, NULL);
	assert_int_equal(diagram_column_keys(sqlmodel_table(m, "public", "ident"), "p_id"),
			 DIAGRAM_PK | DIAGRAM_FK);
	assert_int_equal(diagram_column_keys(sqlmodel_table(m, "public", "ident"), "n"),
			 DIAGRAM_PK);
	assert_int_equal(diagram_column_keys(sqlmodel_table(m, "public", "one"), "p_id"),
			 DIAGRAM_FK | DIAGRAM_UK);
	assert_int_equal(diagram_column_keys(sqlmodel_table(m, "public", "uix"), "a"),
			 DIAGRAM_FK | DIAGRAM_UK);
	assert_int_equal(diagram_column_keys(sqlmodel_table(m, "public", "uix"), "b"), DIAGRAM_FK);
	assert_int_equal(diagram_column_keys(sqlmodel_table(m, "public", "many"), "nope"), 0);
	model_free(m);
}

/* Only public.many and public.orphan drawn: public.p and other.gone are stubs, by name. */
static void test_plan_stubs(void **state)
{
	struct model *m = sqlmodel_build(KEYS_SQL, NULL);
	struct filter *f = filter_new();
	struct diagram d;

	assert_true(filter_add(f, FILTER_TABLE, "public.many"));
	assert_true(filter_add(f, FILTER_TABLE, "public.orphan"));
	filter_apply(m, f);
	model_sort(m);
	diagram_plan(m, &d);
	assert_int_equal(d.n_entities, 4);
	assert_string_equal(d.entities[0].name, "many");
	assert_string_equal(d.entities[1].name, "orphan");
	assert_string_equal(d.entities[2].schema, "other");
	assert_string_equal(d.entities[2].name, "gone");
	assert_null(d.entities[2].t);
	assert_string_equal(d.entities[3].name, "p");
	assert_null(d.entities[3].t);
	assert_int_equal(d.n_rels, 2);
	assert_int_equal(d.rels[0].child, 0);
	assert_int_equal(d.rels[0].parent, 3);
	assert_int_equal(d.rels[0].child_column, 1);
	assert_int_equal(d.rels[0].parent_column, -1); /* a stub has no rows */
	assert_int_equal(d.rels[1].child, 1);
	assert_int_equal(d.rels[1].parent, 2);
	diagram_free(&d);
	filter_free(f);
	model_free(m);
}

static char *render(emit_write_fn emit, const struct model *m)
{
	struct strbuf sb;
	struct sink s;
	sb_init(&sb);
	sink_init_buf(&s, &sb);
	assert_int_equal(emit(m, NULL, &s), 0);
	sb_putc(&sb, '\0');
	return sb_steal(&sb);
}

static void assert_has(const char *haystack, const char *needle)
{
	if (strstr(haystack, needle) == NULL)
		fail_msg("expected to find\n---\n%s\n---\nin\n---\n%s---", needle, haystack);
}

/*
 * A table "a b_c_$" in schema "s" with columns "x\ny", "under_score" (whose
 * type holds a space, "ﬂ°" and "¶ß") and a backslash.
 */
#define NAMES_SQL                                                                                  \
	"CREATE SCHEMA s;\n"                                                                       \
	"CREATE TABLE s.\"a b_c_$\" (\"x\ny\" integer NOT NULL, under_score "                      \
	"s.\"t y \xef\xac\x82\xc2\xb0 \xc2\xb6\xc3\x9f\", \"\\N\\\" text);\n"

static void test_mermaid_text(void **state)
{
	struct model *m = sqlmodel_build(NAMES_SQL, NULL);
	model_sort(m);
	char *out = render(emit_mermaid, m);
	assert_has(out, "\n    e1[\"s#46;a#32;b_c#95;#36;\"] {\n");
	assert_has(out, "\n        `integer` `x#92;ny` \"NOT NULL\"\n");
	/* inside the block a single space stays; U+FB02 before U+00B0 is shown escaped */
	assert_has(out, "\n        `s#46;#34;t y #92;ufb02\xc2\xb0 #92;u00b6\xc3\x9f#34;` "
			"`under_score`\n");
	assert_has(out, "\n        `text` `#92;N#92;`\n");
	free(out);
	model_free(m);
}

static void test_dot_text(void **state)
{
	struct model *m = sqlmodel_build(NAMES_SQL, NULL);
	model_sort(m);
	char *out = render(emit_dot, m);
	assert_has(out, "<B>s.a b_c_$</B>");
	assert_has(out, ">x\\\\ny</TD>");
	assert_has(out, ">s.&quot;t y \xef\xac\x82\xc2\xb0 \xc2\xb6\xc3\x9f&quot;</TD>");
	assert_has(out, ">\\\\N\\\\</TD>");
	free(out);
	model_free(m);
}

static void test_diagram_char(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *esc;
	} cases[] = {
	    {"a", 1, ""},
	    {"\n", 1, "\\n"},
	    {"\xe2\x80\x8f", 3, "\\u200f"}, /* U+200F, from escape_char */
	    {"\xef\xbf\xbe", 3, "\\ufffe"}, /* U+FFFE */
	    {"\xef\xbf\xbf", 3, "\\uffff"}, /* U+FFFF */
	    {"\xef\xbf\xbd", 3, ""},	    /* U+FFFD is fine */
	    {"\xf0\x9f\x90\x98", 4, ""},    /* an elephant */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char esc[ESCAPE_MAX];
		size_t len = diagram_char(cases[i].in, esc);
		if (len != cases[i].len || strcmp(esc, cases[i].esc) != 0)
			fail_msg("case %zu: got %zu \"%s\", want %zu \"%s\"", i, len, esc,
				 cases[i].len, cases[i].esc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cardinality), cmocka_unit_test(test_column_keys),
	    cmocka_unit_test(test_plan_stubs),	cmocka_unit_test(test_mermaid_text),
	    cmocka_unit_test(test_dot_text),	cmocka_unit_test(test_diagram_char),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	load_cleanup();
	return rc;
}
