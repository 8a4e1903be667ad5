/*
 * test_emit.c
 *	  Unit tests for the text and Markdown emitters: a small model is
 *	  emitted into memory and the key lines, the filter's effect and the
 *	  escaping of hostile names are checked.  Whole-report comparisons are
 *	  the golden tests' job (tests/golden), against the real pipeline.
 */
#include "emit.h"
#include "facts.h"
#include "model.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A table name with a pipe, a newline and a backtick: it must not break either layout. */
#define WEIRD_TABLE "we|ird\nna`me"

static char *render(emit_write_fn emit, const struct model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	struct sink s;
	sink_init_file(&s, out);
	assert_int_equal(emit(m, NULL, &s), 0);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(strlen(buf), len); /* no NUL byte written */
	return buf;
}

static void assert_contains_at(const char *haystack, const char *needle, int line)
{
	if (strstr(haystack, needle) == NULL)
		fail_msg("line %d: expected to find\n---\n%s\n---\nin\n---\n%s---", line, needle,
			 haystack);
}

static void assert_lacks_at(const char *haystack, const char *needle, int line)
{
	if (strstr(haystack, needle) != NULL)
		fail_msg("line %d: did not expect\n---\n%s\n---\nin\n---\n%s---", line, needle,
			 haystack);
}

#define assert_contains(h, n) assert_contains_at((h), (n), __LINE__)
#define assert_lacks(h, n)    assert_lacks_at((h), (n), __LINE__)

static void push_str(struct model *m, struct ptrvec *pv, const char *s)
{
	ptrvec_push(pv, arena_strdup(m->arena, s));
}

/* An index key: a column (expression NULL) or an expression (column NULL). */
static void push_key(struct model *m, struct ptrvec *pv, const char *column, const char *expression)
{
	struct index_key *k = arena_alloc(m->arena, sizeof(*k));
	memset(k, 0, sizeof(*k));
	k->column = column ? arena_strdup(m->arena, column) : NULL;
	k->expression = expression ? arena_strdup(m->arena, expression) : NULL;
	ptrvec_push(pv, k);
}

static struct column *add_column(struct model *m, struct table *t, const char *name,
				 const char *type, bool not_null)
{
	struct column *c = table_add_column(m, t, name);
	c->type = arena_strdup(m->arena, type);
	c->not_null = not_null;
	return c;
}

static struct constraint *add_key(struct model *m, struct table *t, const char *name,
				  enum con_kind kind, const char *column)
{
	struct constraint *c = table_add_constraint(m, t, name, kind);
	push_str(m, &c->columns, column);
	return c;
}

static void build_users(struct model *m)
{
	struct table *t = model_add_table(m, "public", "users");
	struct column *id = add_column(m, t, "id", "bigint", true);
	id->default_expr = "nextval('public.users_id_seq'::regclass)";
	struct column *email = add_column(m, t, "email", "text", true);
	email->comment = "login; unique";
	add_column(m, t, "age", "integer", false);
	add_column(m, t, "metadata", "jsonb", false);
	t->rows = 1234;
	t->h.comment = "people who log in";

	add_key(m, t, "users_pkey", CON_PRIMARY, "id");
	add_key(m, t, "users_email_key", CON_UNIQUE, "email");
	struct constraint *ck = table_add_constraint(m, t, "users_age_check", CON_CHECK);
	ck->expression = "(age > 0)";

	struct index *ix = model_add_index(m, "public", "ix_users_meta");
	ix->table = "users";
	ix->method = "gin";
	push_str(m, &ix->columns, "metadata");
	push_key(m, &ix->keys, "metadata", NULL);
	ix->where = "(metadata IS NOT NULL)";
	ptrvec_push(&t->indexes, ix);
	struct index *ux = model_add_index(m, "public", "ux_users_lower_email");
	ux->table = "users";
	ux->unique = true;
	ux->method = "btree";
	push_str(m, &ux->columns, "lower(email)");
	push_key(m, &ux->keys, NULL, "lower(email)");
	ptrvec_push(&t->indexes, ux);
}

static void build_orders(struct model *m)
{
	struct table *t = model_add_table(m, "public", "orders");
	add_column(m, t, "id", "bigint", true)->identity = IDENTITY_ALWAYS;
	add_column(m, t, "user_id", "bigint", true);
	add_key(m, t, "orders_pkey", CON_PRIMARY, "id");
	struct constraint *fk = add_key(m, t, "orders_user_id_fkey", CON_FOREIGN, "user_id");
	fk->ref_schema = "public";
	fk->ref_table = "users";
	push_str(m, &fk->ref_columns, "id");
	fk->on_delete = "CASCADE";
}

static void build_weird(struct model *m)
{
	struct table *t = model_add_table(m, "public", WEIRD_TABLE);
	struct column *c = add_column(m, t, "co|l", "text", false);
	c->comment = "a|b\nc<d>&`e`*f*";
	c->default_expr = "'x\\|y'::text";
	struct column *hidden = add_column(m, t, "evil\x1b[31m", "text", false);
	hidden->comment = "bell\x07 and \xe2\x80\xae"
			  "reversed";
	add_column(m, t, "`tick", "text", false);
}

static void build_objects(struct model *m)
{
	model_add_view(m, "public", "active_users");
	model_add_view(m, "public", "sales_summary")->materialized = true;

	struct sequence *s = model_add_sequence(m, "public", "users_id_seq");
	s->owned_by_schema = "public";
	s->owned_by_table = "users";
	s->owned_by_column = "id";

	struct pgtype *mood = model_add_type(m, "public", "mood");
	mood->kind = TYPE_ENUM;
	push_str(m, &mood->labels, "sad");
	push_str(m, &mood->labels, "ok");
	push_str(m, &mood->labels, "it's fine");

	struct function *f = model_add_function(m, "public", "f");
	f->signature = "f(integer)";
	f->arguments = "integer";
	f->returns = "integer";
	f->language = "plpgsql";

	struct table *hidden = model_add_table(m, "app", "secret");
	add_column(m, hidden, "x", "integer", false);
	hidden->h.included = false; /* as if -N app */

	struct unparsed *u = arena_alloc(m->arena, sizeof(*u));
	u->line = 42;
	u->col = 1;
	u->object = "TABLE public.broken";
	u->message = "syntax error at or near \"x|y\"";
	ptrvec_push(&m->unparsed, u);
	m->source.unparsed++; /* the builder counts every one it keeps */
}

static struct model *build_model(void)
{
	struct model *m = model_new();
	m->source.file = "dump.sql";
	m->source.pg_dump_version = "15.3";
	m->source.server_version = "15.2";
	model_add_schema(m, "public");
	build_users(m);
	build_orders(m);
	build_weird(m);
	build_objects(m);
	model_sort(m);
	return m;
}

static int setup(void **state)
{
	*state = build_model();
	return 0;
}

static int teardown(void **state)
{
	model_free(*state);
	return 0;
}

static void test_text_summary(void **state)
{
	char *out = render(emit_text, *state);
	assert_contains(out, "Schema Inventory: dump.sql\n"
			     "  pg_dump 15.3, server 15.2\n"
			     "  Total tables: 3\n"
			     "  Tables with relationships: 2\n"
			     "  Total foreign keys: 1\n"
			     "  Total indexes: 2\n"
			     "  Total constraints: 5\n"
			     "  Views: 2 (1 materialized)\n"
			     "  Sequences: 1\n"
			     "  Types: 1\n"
			     "  Functions: 1\n"
			     "  Unparsed statements: 1\n\n");
	/* Zero counts of rare objects are left out. */
	assert_lacks(out, "Triggers");
	assert_lacks(out, "Extensions");
	free(out);
}

static void test_text_tables(void **state)
{
	char *out = render(emit_text, *state);
	assert_contains(out, "\nTable public.users (4 columns, 1 relationship, 2 indexes)\n"
			     "  Comment: people who log in\n"
			     "  Columns:\n"
			     "    id        bigint   not null default "
			     "nextval('public.users_id_seq'::regclass)\n"
			     "    email     text     not null -- login; unique\n"
			     "    age       integer  null\n"
			     "    metadata  jsonb    null\n"
			     "  Primary key: users_pkey (id)\n"
			     "  Unique: users_email_key (email)\n"
			     "  Checks:\n"
			     "    users_age_check: (age > 0)\n"
			     "  Indexes:\n"
			     "    ix_users_meta USING gin (metadata) WHERE (metadata IS NOT NULL)\n"
			     "    UNIQUE ux_users_lower_email (lower(email))\n"
			     "  Rows: 1234\n");
	assert_contains(out, "\nTable public.orders (2 columns, 1 relationship, 0 indexes)\n"
			     "  Columns:\n"
			     "    id       bigint  not null identity always\n"
			     "    user_id  bigint  not null\n"
			     "  Primary key: orders_pkey (id)\n"
			     "  Foreign keys:\n"
			     "    orders_user_id_fkey: user_id \xe2\x86\x92 public.users(id) ON "
			     "DELETE CASCADE\n\n");
	/* Excluded by the filter: not listed anywhere. */
	assert_lacks(out, "secret");
	free(out);
}

static void test_text_object_lists(void **state)
{
	char *out = render(emit_text, *state);
	assert_contains(out, "\n\nViews:\n"
			     "  public.active_users\n"
			     "  public.sales_summary (materialized)\n"
			     "Sequences:\n"
			     "  public.users_id_seq (owned by public.users.id)\n"
			     "Types:\n"
			     "  public.mood enum ('sad', 'ok', 'it''s fine')\n"
			     "Functions:\n"
			     "  public.f(integer) returns integer language plpgsql\n"
			     "\nUnparsed statements:\n"
			     "  dump.sql:42:1: TABLE public.broken: syntax error at or near "
			     "\"x|y\"\n");
	/* The report ends with its last line, not a blank one. */
	assert_int_not_equal(out[strlen(out) - 2], '\n');
	free(out);
}

/* A line of the text report's own structure (line ends at '\n'). */
static bool is_report_line(const char *line)
{
	const char *colon = strchr(line, ':');
	const char *end = strchr(line, '\n');
	bool section_title = line[0] >= 'A' && line[0] <= 'Z' && colon != NULL && colon + 1 == end;
	return *line == '\n' || *line == ' ' || strncmp(line, "Table ", 6) == 0 ||
	       strncmp(line, "Schema Inventory: ", 18) == 0 || section_title;
}

static void test_text_escapes_names(void **state)
{
	char *out = render(emit_text, *state);
	assert_contains(
	    out, "\nTable public.\"we|ird\\nna`me\" (3 columns, 0 relationships, 0 indexes)\n");
	assert_lacks(out, "ird\nna");
	/* ESC, BEL and a right-to-left override are shown, not obeyed. */
	/* Names as psql takes them: quoted, then escaped. */
	assert_contains(out,
			"    \"co|l\"          text  null     default 'x\\|y'::text -- "
			"a|b\\nc<d>&`e`*f*\n"
			"    \"evil\\x1b[31m\"  text  null     -- bell\\x07 and \\u202ereversed\n"
			"    \"`tick\"         text  null\n");
	assert_lacks(out, "\x1b");
	assert_lacks(out, "\x07");
	assert_lacks(out, "\xe2\x80\xae");
	/* Every line is blank, a heading, a section title, or indented under one. */
	for (const char *line = out; *line; line = strchr(line, '\n') + 1) {
		if (!is_report_line(line))
			fail_msg("stray line: %.*s", (int)(strchr(line, '\n') - line), line);
	}
	free(out);
}

static void test_markdown_document(void **state)
{
	char *out = render(emit_markdown, *state);
	assert_contains(out, "# Schema inventory: dump.sql\n\nDumped by pg_dump 15.3 from "
			     "PostgreSQL 15.2.\n\n## Summary\n\n| Objects | Count |\n");
	assert_contains(out, "| Tables | 3 |\n| Tables with relationships | 2 |\n");
	assert_contains(out, "| Triggers | 0 |\n");
	assert_contains(out, "\n## Schema `public`\n");
	assert_contains(out, "\n### Table `public.users`\n\nComment: people who log in\n\n"
			     "| Column | Type | Nullable | Default | Comment |\n"
			     "| --- | --- | --- | --- | --- |\n"
			     "| `id` | `bigint` | no | `nextval('public.users_id_seq'::regclass)` "
			     "|  |\n"
			     "| `email` | `text` | no |  | login; unique |\n");
	assert_contains(out, "\n\n- Primary key `users_pkey` (`id`)\n"
			     "- Unique `users_email_key` (`email`)\n"
			     "- Check `users_age_check`: `(age > 0)`\n"
			     "- Index `ix_users_meta` using `gin` (`metadata`) where "
			     "`(metadata IS NOT NULL)`\n"
			     "- Unique index `ux_users_lower_email` (`lower(email)`)\n\n"
			     "Rows of data: 1234\n");
	assert_contains(out, "\n- Foreign key `orders_user_id_fkey`: (`user_id`) \xe2\x86\x92 "
			     "`public.users` (`id`), ON DELETE CASCADE\n");
	assert_contains(out, "\nRows of data: 1234\n");
	assert_contains(out, "\n### Views\n\n- `public.active_users`\n"
			     "- `public.sales_summary` (materialized)\n");
	assert_contains(out, "\n### Sequences\n\n- `public.users_id_seq`, owned by "
			     "`public.users.id`\n");
	assert_contains(out, "\n### Types\n\n- `public.mood`: enum (`sad`, `ok`, `it's fine`)\n");
	assert_contains(out, "\n### Functions\n\n- `public.f(integer)` returns `integer`, "
			     "language `plpgsql`\n");
	assert_contains(out, "\n## Unparsed statements\n\n| Location | Object | Message |\n"
			     "| --- | --- | --- |\n"
			     "| `dump.sql:42:1` | TABLE public.broken | syntax error at or near "
			     "\"x\\|y\" |\n");
	assert_lacks(out, "secret");
	assert_lacks(out, "`app`");
	free(out);
}

static void test_markdown_escapes(void **state)
{
	char *out = render(emit_markdown, *state);
	/* One backtick inside: a two-backtick fence; the newline is shown, not obeyed. */
	assert_contains(out, "\n### Table ``public.\"we|ird\\nna`me\"``\n");
	/* In cells: `|` escaped inside code, text escaped and newline as <br>. */
	assert_contains(out, "| `\"co\\|l\"` | `text` | yes | <code>'x\\\\\\|y'::text</code> | "
			     "a\\|b<br>c&lt;d&gt;&amp;\\`e\\`\\*f\\* |\n");
	assert_contains(out, "| `\"evil\\x1b[31m\"` | `text` | yes |  | bell\\x07 and "
			     "\\u202ereversed |\n");
	/* A backtick in a name: a two-backtick fence; the quotes keep it off the fence. */
	assert_contains(out, "| ``\"`tick\"`` | `text` | yes |  |  |\n");
	assert_lacks(out, "ird\nna");
	assert_lacks(out, "\x1b");
	free(out);
}

static void test_output_is_deterministic(void **state)
{
	for (int f = 0; f < 2; f++) {
		emit_write_fn emit = f ? emit_markdown : emit_text;
		char *a = render(emit, *state);
		char *b = render(emit, *state);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

static void test_write_failure_is_reported(void **state)
{
	FILE *full = fopen("/dev/full", "w");
	if (full == NULL)
		skip();
	struct sink s;
	sink_init_file(&s, full);
	assert_int_equal(emit_text(*state, NULL, &s), -1);
	clearerr(full);
	sink_init_file(&s, full);
	assert_int_equal(emit_markdown(*state, NULL, &s), -1);
	fclose(full);
}

/* An empty model still gives a well-formed report. */
static void test_empty_model(void **state)
{
	struct model *m = model_new();
	char *text = render(emit_text, m);
	assert_string_equal(text, "Schema Inventory: -\n"
				  "  Total tables: 0\n"
				  "  Tables with relationships: 0\n"
				  "  Total foreign keys: 0\n"
				  "  Total indexes: 0\n"
				  "  Total constraints: 0\n"
				  "  Views: 0\n"
				  "  Sequences: 0\n"
				  "  Types: 0\n"
				  "  Functions: 0\n");
	char *md = render(emit_markdown, m);
	assert_contains(md, "# Schema inventory: -\n\n## Summary\n");
	assert_lacks(md, "## Schema `");
	free(text);
	free(md);
	model_free(m);
}

static void test_emit_join(void **state)
{
	struct ptrvec pv = {0};
	char *s = emit_join(&pv, ", ");
	assert_string_equal(s, "");
	free(s);
	ptrvec_push(&pv, "a");
	ptrvec_push(&pv, "b c");
	ptrvec_push(&pv, "d");
	s = emit_join(&pv, ", ");
	assert_string_equal(s, "a, b c, d");
	free(s);
	ptrvec_free(&pv);
}

static void test_emit_char(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *esc;
	} cases[] = {
	    {"a", 1, ""},
	    {"\n", 1, "\\n"},
	    {"\t", 1, "\\t"},
	    {"\r", 1, "\\r"},
	    {"\x07", 1, "\\x07"},
	    {"\x7f", 1, "\\x7f"},
	    {"\xc3\xa9", 2, ""},	      /* é */
	    {"\xe2\x86\x92", 3, ""},	      /* → */
	    {"\xf0\x9f\x98\x80", 4, ""},      /* emoji */
	    {"\xe2\x80\x8d", 3, ""},	      /* zero-width joiner: emoji need it */
	    {"\xc2\x85", 2, "\\u0085"},	      /* NEL, a C1 control */
	    {"\xe2\x80\xa8", 3, "\\u2028"},   /* line separator */
	    {"\xe2\x80\xae", 3, "\\u202e"},   /* right-to-left override */
	    {"\xe2\x81\xa6", 3, "\\u2066"},   /* left-to-right isolate */
	    {"\xef\xbb\xbf", 3, "\\ufeff"},   /* zero-width no-break space */
	    {"\xe9t\xe9", 1, "\\xe9"},	      /* Latin-1, not UTF-8 */
	    {"\xc0\xaf", 1, "\\xc0"},	      /* overlong */
	    {"\xed\xa0\x80", 1, "\\xed"},     /* surrogate */
	    {"\xe2\x86", 1, "\\xe2"},	      /* truncated at the NUL */
	    {"\xf4\x90\x80\x80", 1, "\\xf4"}, /* past U+10FFFF */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char esc[ESCAPE_MAX];
		size_t len = escape_char(cases[i].in, esc);
		if (len != cases[i].len || strcmp(esc, cases[i].esc) != 0)
			fail_msg("case %zu: got %zu \"%s\", want %zu \"%s\"", i, len, esc,
				 cases[i].len, cases[i].esc);
	}
}

/* --format resolves through the table: names, the alias, the family, and unknown names. */
static void test_emit_find(void **state)
{
	(void)state;
	assert_ptr_equal(emit_find("md"), emit_find("markdown"));
	assert_int_equal(emit_find("md")->format, EMIT_MARKDOWN);
	assert_ptr_equal(emit_find("text")->write, emit_text);
	assert_int_equal(emit_find("json")->family, EMIT_INVENTORY);
	assert_int_equal(emit_find("dot")->family, EMIT_DIAGRAM);
	assert_int_equal(emit_find("mermaid")->format, EMIT_MERMAID);
	assert_int_equal(emit_find("revision")->family, EMIT_BASELINE);
	assert_null(emit_find("Markdown")); /* exact, as before */
	assert_null(emit_find("xml"));
	/* report's one format, and no other command's */
	assert_int_equal(emit_find_in(EMIT_HTML, "html")->format, EMIT_REPORT);
	assert_ptr_equal(emit_get(EMIT_REPORT)->write, emit_report);
	assert_null(emit_find_in(EMIT_INVENTORY, "html"));
	assert_null(emit_find(""));
	for (int f = EMIT_TEXT; f <= EMIT_STAMP_SQL; f++) {
		const struct emitter *e = emit_get((enum emit_format)f);
		assert_non_null(e);
		assert_ptr_equal(emit_find(e->name), e);
		assert_true(e->what[0] != '\0');
	}
}

/* A buffer sink collects every kind of write; a file sink's error is sticky. */
static void test_sink(void **state)
{
	(void)state;
	struct strbuf sb;
	struct sink s;
	sb_init(&sb);
	sink_init_buf(&s, &sb);
	sink_puts(&s, "a");
	sink_putc(&s, 'b');
	sink_write(&s, "cdX", 2);
	char long_arg[600];
	memset(long_arg, 'z', sizeof long_arg - 1);
	long_arg[sizeof long_arg - 1] = '\0';
	sink_printf(&s, "%d%s", 42, long_arg); /* longer than sink_printf's stack buffer */
	assert_int_equal(sink_finish(&s), 0);
	assert_int_equal(sb.len, 4 + 2 + 599);
	assert_memory_equal(sb.data, "abcd42zz", 8);
	sb_free(&sb);

	FILE *full = fopen("/dev/full", "w");
	if (full == NULL)
		skip();
	setvbuf(full, NULL, _IONBF, 0);
	sink_init_file(&s, full);
	sink_puts(&s, "x");
	assert_true(s.failed);
	clearerr(full);
	sink_puts(&s, "y"); /* dropped: the error stays */
	assert_false(ferror(full));
	assert_int_equal(sink_finish(&s), -1);
	fclose(full);
}

/* The facts every output shares: NO ACTION, MATCH SIMPLE and btree are left out, once. */
static void test_facts(void **state)
{
	(void)state;
	struct constraint c = {.kind = CON_FOREIGN, .valid = true};
	struct fact f[FACTS_MAX];
	assert_int_equal(facts_fk_clauses(&c, f), 0); /* all NULL */
	c.on_delete = c.on_update = "NO ACTION";
	c.match = "SIMPLE";
	assert_int_equal(facts_fk_clauses(&c, f), 0); /* the defaults */
	c.on_delete = "CASCADE";
	c.on_update = "RESTRICT"; /* not the default, though it acts alike */
	c.match = "FULL";
	assert_int_equal(facts_fk_clauses(&c, f), 3);
	assert_int_equal(f[0].kind, FACT_MATCH);
	assert_string_equal(f[1].keyword, "ON DELETE");
	assert_string_equal(f[1].value, "CASCADE");
	assert_string_equal(f[2].value, "RESTRICT");
	assert_false(facts_action_shown("NO ACTION"));
	assert_true(facts_action_shown("SET NULL"));

	assert_int_equal(facts_constraint_flags(&c, f), 0);
	c.deferrable = c.initially_deferred = true;
	c.valid = false;
	assert_int_equal(facts_constraint_flags(&c, f), 3);
	assert_string_equal(f[2].keyword, "NOT VALID");

	struct index ix = {.method = "btree"};
	assert_null(facts_index_method(&ix));
	ix.method = NULL;
	assert_null(facts_index_method(&ix));
	ix.method = "gin";
	assert_string_equal(facts_index_method(&ix), "gin");
	assert_string_equal(facts_nz(NULL), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_text_summary, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_text_tables, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_text_object_lists, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_text_escapes_names, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_markdown_document, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_markdown_escapes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_output_is_deterministic, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_write_failure_is_reported, setup, teardown),
	    cmocka_unit_test(test_empty_model),
	    cmocka_unit_test(test_emit_join),
	    cmocka_unit_test(test_emit_char),
	    cmocka_unit_test(test_emit_find),
	    cmocka_unit_test(test_sink),
	    cmocka_unit_test(test_facts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
