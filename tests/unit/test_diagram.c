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

/* The entities' names of d, "schema.name" joined by spaces, stubs marked with a '~'. */
static char *entity_names(const struct diagram *d)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < d->n_entities; i++)
		sb_printf(&sb, "%s%s%s.%s", i ? " " : "", d->entities[i].t ? "" : "~",
			  d->entities[i].schema, d->entities[i].name);
	sb_putc(&sb, '\0');
	return sb_steal(&sb);
}

/* The relationships of d, "child>parent:fk" joined by spaces, by entity name. */
static char *rel_names(const struct diagram *d)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < d->n_rels; i++)
		sb_printf(&sb, "%s%s>%s:%s", i ? " " : "", d->entities[d->rels[i].child].name,
			  d->entities[d->rels[i].parent].name, d->rels[i].fk->name);
	sb_putc(&sb, '\0');
	return sb_steal(&sb);
}

static void assert_plan(const struct model *m, const struct diagram_opts *o, const char *entities,
			const char *rels)
{
	struct diagram d;
	diagram_plan_opts(m, o, &d);
	char *e = entity_names(&d), *r = rel_names(&d);
	if (strcmp(e, entities) != 0 || strcmp(r, rels) != 0)
		fail_msg("got entities \"%s\" rels \"%s\"\nwant entities \"%s\" rels \"%s\"", e, r,
			 entities, rels);
	free(e);
	free(r);
	diagram_free(&d);
}

#define FK(t, name, col, ref)                                                                      \
	"ALTER TABLE ONLY public." t " ADD CONSTRAINT " name " FOREIGN KEY (" col                  \
	") REFERENCES public." ref "(id);\n"

/* A chain a -> b -> c -> d -> e (each references the next), and a cycle x -> y -> z -> x. */
#define AROUND_SQL                                                                                 \
	"CREATE TABLE public.a (id integer PRIMARY KEY, b_id integer);\n"                          \
	"CREATE TABLE public.b (id integer PRIMARY KEY, c_id integer);\n"                          \
	"CREATE TABLE public.c (id integer PRIMARY KEY, d_id integer, note text);\n"               \
	"CREATE TABLE public.d (id integer PRIMARY KEY, e_id integer);\n"                          \
	"CREATE TABLE public.e (id integer PRIMARY KEY, gone_id integer);\n"                       \
	"CREATE TABLE public.x (id integer PRIMARY KEY, y_id integer);\n"                          \
	"CREATE TABLE public.y (id integer PRIMARY KEY, z_id integer);\n"                          \
	"CREATE TABLE public.z (id integer PRIMARY KEY, x_id integer, z_id integer);\n" FK(        \
	    "a", "a_b", "b_id", "b") FK("b", "b_c", "c_id", "c") FK("c", "c_d", "d_id", "d")       \
	    FK("d", "d_e", "e_id", "e") FK("e", "e_gone", "gone_id", "gone")                       \
		FK("x", "x_y", "y_id", "y") FK("y", "y_z", "z_id", "z")                            \
		    FK("z", "z_x", "x_id", "x") FK("z", "z_self", "z_id", "z")

static void test_plan_around(void **state)
{
	struct model *m = sqlmodel_build(AROUND_SQL, NULL);
	model_sort(m);
	struct diagram_opts o = {.around = sqlmodel_table(m, "public", "c")};

	/* depth 0 means 1: c, what it references (d), what references it (b) */
	assert_plan(m, &o, "public.b public.c public.d", "b>c:b_c c>d:c_d");
	o.depth = 2;
	assert_plan(m, &o, "public.a public.b public.c public.d public.e",
		    "a>b:a_b b>c:b_c c>d:c_d d>e:d_e");
	/* a referenced table not in the dump is a node too: three hops from c */
	o.depth = 3;
	assert_plan(m, &o, "public.a public.b public.c public.d public.e ~public.gone",
		    "a>b:a_b b>c:b_c c>d:c_d d>e:d_e e>gone:e_gone");
	/* from the end of the chain */
	o = (struct diagram_opts){.around = sqlmodel_table(m, "public", "a"), .depth = 1};
	assert_plan(m, &o, "public.a public.b", "a>b:a_b");

	/* a cycle ends (each table once), and a key between two neighbours is drawn */
	o = (struct diagram_opts){.around = sqlmodel_table(m, "public", "x"), .depth = 1};
	assert_plan(m, &o, "public.x public.y public.z", "x>y:x_y y>z:y_z z>z:z_self z>x:z_x");
	o.depth = 50;
	assert_plan(m, &o, "public.x public.y public.z", "x>y:x_y y>z:y_z z>z:z_self z>x:z_x");
	/* a self-reference alone */
	o = (struct diagram_opts){.around = sqlmodel_table(m, "public", "z"), .depth = 1};
	assert_plan(m, &o, "public.x public.y public.z", "x>y:x_y y>z:y_z z>z:z_self z>x:z_x");
	model_free(m);
}

static void test_plan_keys_only(void **state)
{
	struct model *m = sqlmodel_build(AROUND_SQL KEYS_SQL, NULL);
	model_sort(m);
	struct diagram_opts o = {.keys_only = true};
	struct emit_opts eo = {.diagram = &o};
	struct strbuf sb;
	struct sink s;

	sb_init(&sb);
	sink_init_buf(&s, &sb);
	assert_int_equal(emit_dot(m, &eo, &s), 0);
	sb_putc(&sb, '\0');
	assert_has(sb.data, ">d_id</TD>");	/* FK */
	assert_has(sb.data, ">a</TD>");		/* UK through a unique index */
	assert_null(strstr(sb.data, ">note<")); /* no key */
	assert_has(sb.data, ">n</TD>");		/* public.ident.n is in its PK */
	sb_free(&sb);
	model_free(m);
}

/*
 * public.ev is partitioned; ev_2025 a partition of it, ev_2026 a partitioned
 * partition with its own partition ev_2026_h1.  The key to users is on the
 * parent and on each partition (pg_dump writes the partitions' copies when
 * they were made separately); ev_2025 has a key of its own.  public.kid
 * INHERITS public.base: a look-alike that is no partition.
 */
#define PART_SQL                                                                                   \
	"CREATE TABLE public.users (id integer PRIMARY KEY);\n"                                    \
	"CREATE TABLE public.tags (id integer PRIMARY KEY);\n"                                     \
	"CREATE TABLE public.ev (id integer, user_id integer, tag_id integer, at date) "           \
	"PARTITION BY RANGE (at);\n"                                                               \
	"CREATE TABLE public.ev_2025 (id integer, user_id integer, tag_id integer, at date);\n"    \
	"CREATE TABLE public.ev_2026 (id integer, user_id integer, tag_id integer, at date) "      \
	"PARTITION BY RANGE (at);\n"                                                               \
	"CREATE TABLE public.ev_2026_h1 (id integer, user_id integer, tag_id integer, at date);\n" \
	"ALTER TABLE ONLY public.ev ATTACH PARTITION public.ev_2025 FOR VALUES FROM "              \
	"('2025-01-01') TO ('2026-01-01');\n"                                                      \
	"ALTER TABLE ONLY public.ev ATTACH PARTITION public.ev_2026 FOR VALUES FROM "              \
	"('2026-01-01') TO ('2027-01-01');\n"                                                      \
	"ALTER TABLE ONLY public.ev_2026 ATTACH PARTITION public.ev_2026_h1 FOR VALUES FROM "      \
	"('2026-01-01') TO ('2026-07-01');\n"                                                      \
	"CREATE TABLE public.seen (ev_id integer);\n"                                              \
	"CREATE TABLE public.base (id integer PRIMARY KEY, user_id integer);\n"                    \
	"CREATE TABLE public.kid (extra text) INHERITS (public.base);\n" FK(                       \
	    "ev", "ev_user", "user_id", "users") FK("ev_2025", "ev_2025_user", "user_id", "users") \
	    FK("ev_2026", "ev_2026_user", "user_id", "users")                                      \
		FK("ev_2026_h1", "ev_2026_h1_user", "user_id", "users")                            \
		    FK("ev_2025", "ev_2025_tag", "tag_id", "tags")                                 \
			FK("seen", "seen_ev", "ev_id", "ev_2025")                                  \
			    FK("base", "base_user", "user_id", "users")                            \
				FK("kid", "kid_user", "user_id", "users")

static void test_plan_partitions(void **state)
{
	struct model *m = sqlmodel_build(PART_SQL, NULL);
	model_sort(m);
	struct diagram d;

	/* collapsed: one entity for ev and its three partitions; each key once; the
	   reference to a partition drawn to ev; the INHERITS child kept */
	assert_plan(m, NULL,
		    "public.base public.ev public.kid public.seen public.tags public.users",
		    "base>users:base_user ev>users:ev_user ev>tags:ev_2025_tag kid>users:kid_user "
		    "seen>ev:seen_ev");
	diagram_plan(m, &d);
	assert_int_equal(d.entities[1].n_partitions, 3);
	assert_int_equal(d.entities[0].n_partitions, 0);
	assert_int_equal(d.entities[2].n_partitions, 0);
	diagram_free(&d);

	/* --partitions: every one, every key */
	struct diagram_opts o = {.partitions = true};
	assert_plan(m, &o,
		    "public.base public.ev public.ev_2025 public.ev_2026 public.ev_2026_h1 "
		    "public.kid public.seen public.tags public.users",
		    "base>users:base_user ev>users:ev_user ev_2025>tags:ev_2025_tag "
		    "ev_2025>users:ev_2025_user ev_2026>users:ev_2026_user "
		    "ev_2026_h1>users:ev_2026_h1_user kid>users:kid_user seen>ev_2025:seen_ev");

	/* --around a partition: its partitioned table */
	o = (struct diagram_opts){.around = sqlmodel_table(m, "public", "ev_2026_h1")};
	assert_plan(m, &o, "public.ev public.seen public.tags public.users",
		    "ev>users:ev_user ev>tags:ev_2025_tag seen>ev:seen_ev");

	/* the label says how many partitions, in both languages */
	char *dot = render(emit_dot, m), *mm = render(emit_mermaid, m);
	assert_has(dot, "<I>partitioned table, 3 partitions</I>");
	assert_has(mm, "[\"public#46;ev#32;#40;3#32;partitions#41;\"]");
	assert_null(strstr(dot, "ev_2025<"));
	free(dot);
	free(mm);
	model_free(m);
}

/* A partition whose partitioned table is filtered out is drawn on its own. */
static void test_plan_partition_alone(void **state)
{
	struct model *m = sqlmodel_build(PART_SQL, NULL);
	struct filter *f = filter_new();

	assert_true(filter_add(f, FILTER_TABLE, "public.ev_2025"));
	filter_apply(m, f);
	model_sort(m);
	assert_plan(m, NULL, "public.ev_2025 ~public.tags ~public.users",
		    "ev_2025>tags:ev_2025_tag ev_2025>users:ev_2025_user");
	filter_free(f);
	model_free(m);
}

/* One schema's diagram: its tables, and stubs for the tables of others it references. */
static void test_plan_schema(void **state)
{
	struct model *m =
	    sqlmodel_build("CREATE SCHEMA a;\nCREATE SCHEMA b;\n"
			   "CREATE TABLE b.u (id integer PRIMARY KEY);\n"
			   "CREATE TABLE a.t (id integer PRIMARY KEY, u_id integer);\n"
			   "CREATE TABLE b.v (t_id integer);\n"
			   "ALTER TABLE a.t ADD CONSTRAINT t_u FOREIGN KEY (u_id) "
			   "REFERENCES b.u(id);\n"
			   "ALTER TABLE b.v ADD CONSTRAINT v_t FOREIGN KEY (t_id) "
			   "REFERENCES a.t(id);\n",
			   NULL);
	model_sort(m);
	struct diagram_opts o = {.schema = "a"};
	assert_plan(m, &o, "a.t ~b.u", "t>u:t_u");
	o.schema = "b";
	assert_plan(m, &o, "b.u b.v ~a.t", "v>t:v_t");
	o.schema = "nothing";
	assert_plan(m, &o, "", "");
	model_free(m);
}

/* SVG from Graphviz's library: one <svg> element, no prolog, every name as text. */
static void test_svg(void **state)
{
	struct model *m = sqlmodel_build(AROUND_SQL NAMES_SQL, NULL);
	model_sort(m);
	struct diagram d;
	struct strbuf svg;
	const char *why = NULL;

	if (!diagram_svg_available())
		skip();
	sb_init(&svg);
	diagram_plan(m, &d);
	assert_int_equal(diagram_svg(&d, &svg, &why), 0);
	sb_putc(&svg, '\0');
	assert_true(strncmp(svg.data, "<svg ", 5) == 0);
	assert_null(strstr(svg.data, "<?xml"));
	assert_null(strstr(svg.data, "<!DOCTYPE"));
	assert_has(svg.data, "</svg>\n");
	assert_has(svg.data, ">public.c</text>");
	assert_has(svg.data, ">s.a b_c_$</text>");
	assert_has(svg.data, ">c_d</text>");
	/* the same again: Graphviz's layout is deterministic, and its state is reset */
	struct strbuf again;
	sb_init(&again);
	assert_int_equal(diagram_svg(&d, &again, &why), 0);
	sb_putc(&again, '\0');
	assert_string_equal(svg.data, again.data);
	sb_free(&again);
	sb_free(&svg);
	diagram_free(&d);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cardinality),	    cmocka_unit_test(test_column_keys),
	    cmocka_unit_test(test_plan_stubs),	    cmocka_unit_test(test_mermaid_text),
	    cmocka_unit_test(test_dot_text),	    cmocka_unit_test(test_diagram_char),
	    cmocka_unit_test(test_plan_around),	    cmocka_unit_test(test_plan_keys_only),
	    cmocka_unit_test(test_plan_partitions), cmocka_unit_test(test_plan_partition_alone),
	    cmocka_unit_test(test_plan_schema),	    cmocka_unit_test(test_svg),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	load_cleanup();
	return rc;
}
