/*
 * test_filter.c
 *	  Unit tests for filter.c: pg_dump patterns to regexes, matching, the
 *	  -n/-N/-t/-T combination rules (a matrix of runs crossed with objects,
 *	  like pg_dump's t/002_pg_dump.pl), and filter_apply.
 */
#include "filter.h"
#include "model.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pattern → regexes, as processSQLNamePattern would build them (escaping everywhere). */
static const struct {
	const char *pattern;
	const char *schema_re; /* NULL: no schema part */
	const char *name_re;
} regex_cases[] = {
    {"users", NULL, "^(users)$"},
    {"Users", NULL, "^(users)$"},
    {"\"Users\"", NULL, "^(Users)$"},
    {"\"Quoted\".\"Mixed\"", "^(Quoted)$", "^(Mixed)$"},
    {"\"Mixed\"Case", NULL, "^(Mixedcase)$"},
    {"public.*", "^(public)$", "^(.*)$"},
    {"*.users", "^(.*)$", "^(users)$"},
    /* a run of stars is one: the same names, without exponential backtracking */
    {"pub**.us***ers", "^(pub.*)$", "^(us.*ers)$"},
    {"*", NULL, "^(.*)$"},
    {"user?", NULL, "^(user.)$"},
    {"a+b", NULL, "^(a\\+b)$"},
    {"price$", NULL, "^(price\\$)$"},
    {"(x|y)", NULL, "^(\\(x\\|y\\))$"},
    {"a^b{2}", NULL, "^(a\\^b\\{2\\})$"},
    {"int[]", NULL, "^(int\\[\\])$"},
    {"back\\slash", NULL, "^(back\\\\slash)$"},
    {"\"a.b\"", NULL, "^(a\\.b)$"},
    {"\"*?\"", NULL, "^(\\*\\?)$"},
    {"\"say \"\"hi\"\"\"", NULL, "^(say \"hi\")$"},
    {"\"A\".\"B.C\"", "^(A)$", "^(B\\.C)$"},
    {"Café", NULL, "^(café)$"},
    {"db.public.users", "^(public)$", "^(users)$"},
    {"*.public.users", "^(public)$", "^(users)$"},
    {".users", "^()$", "^(users)$"},
    {"public.", "^(public)$", "^()$"},
    {"\"unterminated", NULL, "^(unterminated)$"},
};

static bool same_or_both_null(const char *a, const char *b)
{
	return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}

static void test_pattern_to_regex(void **state)
{
	for (size_t i = 0; i < sizeof(regex_cases) / sizeof(regex_cases[0]); i++) {
		const char *pattern = regex_cases[i].pattern;
		const char *want_schema = regex_cases[i].schema_re;
		char *schema_re = NULL, *name_re = NULL;
		if (!filter_pattern_to_regex(pattern, &schema_re, &name_re))
			fail_msg("pattern %s rejected", pattern);
		if (!same_or_both_null(schema_re, want_schema))
			fail_msg("pattern %s: schema regex %s, want %s", pattern,
				 schema_re ? schema_re : "(none)",
				 want_schema ? want_schema : "(none)");
		if (strcmp(name_re, regex_cases[i].name_re) != 0)
			fail_msg("pattern %s: name regex %s, want %s", pattern, name_re,
				 regex_cases[i].name_re);
		free(schema_re);
		free(name_re);
	}
}

static void test_too_many_dots(void **state)
{
	char *schema_re = (char *)"untouched", *name_re = (char *)"untouched";
	assert_false(filter_pattern_to_regex("a.b.c.d", &schema_re, &name_re));
	assert_false(filter_pattern_to_regex("a..b.", &schema_re, &name_re));
	/* A quoted dot is part of the name, not a separator. */
	assert_true(filter_pattern_to_regex("a.b.\"c.d\"", &schema_re, &name_re));
	free(schema_re);
	free(name_re);

	struct filter *f = filter_new();
	assert_false(filter_add(f, FILTER_TABLE, "a.b.c.d"));
	assert_true(filter_add(f, FILTER_TABLE, "db.public.users"));
	/* -n takes db.schema, so a third part is one too many. */
	assert_false(filter_add(f, FILTER_SCHEMA, "db.app.x"));
	assert_true(filter_add(f, FILTER_SCHEMA, "db.app"));
	assert_true(filter_schema_included(f, "app"));
	assert_false(filter_schema_included(f, "db"));
	filter_free(f);
}

/* -t PATTERN against SCHEMA.NAME. */
static const struct {
	const char *pattern;
	const char *schema;
	const char *name;
	bool match;
} match_cases[] = {
    {"\"Quoted\".\"Mixed\"", "Quoted", "Mixed", true},
    {"\"Quoted\".\"Mixed\"", "quoted", "mixed", false},
    {"Quoted.Mixed", "quoted", "mixed", true},
    {"Quoted.Mixed", "Quoted", "Mixed", false},
    {"users", "public", "users", true},
    {"users", "app", "users", true}, /* no schema part: any schema */
    {"users", "public", "xusers", false},
    {"users", "public", "users2", false},
    {"users", "public", "users\n", false}, /* $ matches only at the very end */
    {"*", "public", "a\nb", true},	   /* * crosses newlines */
    {"public.*", "public", "anything", true},
    {"public.*", "other", "anything", false},
    {"*.users", "tenant_0042", "users", true},
    {"*.users", "public", "users_archive", false},
    {"user?", "public", "users", true},
    {"user?", "public", "user", false},
    {"user?", "public", "userss", false},
    {"a+b", "public", "a+b", true},
    {"a+b", "public", "aab", false},
    {"price$", "public", "price$", true},
    {"price$", "public", "price", false},
    {"(x|y)", "public", "x", false},
    {"(x|y)", "public", "(x|y)", true},
    {"\"a.b\"", "public", "a.b", true},
    {"\"a.b\"", "public", "axb", false},
    {"caf?", "public", "café", true}, /* ? is one character, not one byte */
    {"*", "public", "caf\xe9", true}, /* not UTF-8: matched byte-wise */
    {"caf?", "public", "caf\xe9", true},
    {"db.public.users", "public", "users", true},
    {"db.public.users", "other", "users", false},
    {".users", "public", "users", false}, /* empty schema part matches no schema */
};

static void test_matching(void **state)
{
	for (size_t i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]); i++) {
		struct filter *f = filter_new();
		assert_true(filter_add(f, FILTER_TABLE, match_cases[i].pattern));
		bool got = filter_relation_included(f, match_cases[i].schema, match_cases[i].name);
		if (got != match_cases[i].match)
			fail_msg("-t %s against %s.%s: got %d", match_cases[i].pattern,
				 match_cases[i].schema, match_cases[i].name, got);
		filter_free(f);
	}
}

/*
 * The combination matrix: runs (sets of options) crossed with objects,
 * each run listing the objects it must include.
 */
static const struct {
	const char *schema;
	const char *name;
} objects[] = {
    {"public", "users"},
    {"public", "audit"},
    {"app", "users"},
    {"app", "orders"},
};

#define PUBLIC_USERS  (1u << 0)
#define PUBLIC_AUDIT  (1u << 1)
#define APP_USERS     (1u << 2)
#define APP_ORDERS    (1u << 3)
#define ALL_TABLES    (PUBLIC_USERS | PUBLIC_AUDIT | APP_USERS | APP_ORDERS)
#define SCHEMA_PUBLIC (1u << 0)
#define SCHEMA_APP    (1u << 1)

struct option {
	enum filter_kind kind;
	const char *pattern;
};

static const struct {
	const char *run;
	struct option options[4];
	size_t n_options;
	unsigned tables;  /* relations filter_relation_included accepts */
	unsigned schemas; /* schemas filter_schema_included accepts */
} runs[] = {
    {"no options", {{0}}, 0, ALL_TABLES, SCHEMA_PUBLIC | SCHEMA_APP},
    {"-n public", {{FILTER_SCHEMA, "public"}}, 1, PUBLIC_USERS | PUBLIC_AUDIT, SCHEMA_PUBLIC},
    {"-n PUBLIC (folds)",
     {{FILTER_SCHEMA, "PUBLIC"}},
     1,
     PUBLIC_USERS | PUBLIC_AUDIT,
     SCHEMA_PUBLIC},
    {"-n \"PUBLIC\" (quoted)", {{FILTER_SCHEMA, "\"PUBLIC\""}}, 1, 0, 0},
    {"-N public", {{FILTER_EXCLUDE_SCHEMA, "public"}}, 1, APP_USERS | APP_ORDERS, SCHEMA_APP},
    {"-n * -N app",
     {{FILTER_SCHEMA, "*"}, {FILTER_EXCLUDE_SCHEMA, "app"}},
     2,
     PUBLIC_USERS | PUBLIC_AUDIT,
     SCHEMA_PUBLIC},
    {"-n public -N public",
     {{FILTER_SCHEMA, "public"}, {FILTER_EXCLUDE_SCHEMA, "public"}},
     2,
     0,
     0},
    {"-n public -n app",
     {{FILTER_SCHEMA, "public"}, {FILTER_SCHEMA, "app"}},
     2,
     ALL_TABLES,
     SCHEMA_PUBLIC | SCHEMA_APP},
    {"-t users",
     {{FILTER_TABLE, "users"}},
     1,
     PUBLIC_USERS | APP_USERS,
     SCHEMA_PUBLIC | SCHEMA_APP},
    {"-t public.users",
     {{FILTER_TABLE, "public.users"}},
     1,
     PUBLIC_USERS,
     SCHEMA_PUBLIC | SCHEMA_APP},
    {"-t users -T app.*",
     {{FILTER_TABLE, "users"}, {FILTER_EXCLUDE_TABLE, "app.*"}},
     2,
     PUBLIC_USERS,
     SCHEMA_PUBLIC | SCHEMA_APP},
    {"-t users -T users",
     {{FILTER_TABLE, "users"}, {FILTER_EXCLUDE_TABLE, "users"}},
     2,
     0,
     SCHEMA_PUBLIC | SCHEMA_APP},
    {"-T users",
     {{FILTER_EXCLUDE_TABLE, "users"}},
     1,
     PUBLIC_AUDIT | APP_ORDERS,
     SCHEMA_PUBLIC | SCHEMA_APP},
    {"-n app -T orders",
     {{FILTER_SCHEMA, "app"}, {FILTER_EXCLUDE_TABLE, "orders"}},
     2,
     APP_USERS,
     SCHEMA_APP},
    /* -n and -N have no effect on relations once -t is given (pg_dump's rule). */
    {"-n app -t public.audit",
     {{FILTER_SCHEMA, "app"}, {FILTER_TABLE, "public.audit"}},
     2,
     PUBLIC_AUDIT,
     SCHEMA_APP},
    {"-N public -t users",
     {{FILTER_EXCLUDE_SCHEMA, "public"}, {FILTER_TABLE, "users"}},
     2,
     PUBLIC_USERS | APP_USERS,
     SCHEMA_APP},
};

static void test_combinations(void **state)
{
	for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
		struct filter *f = filter_new();
		for (size_t i = 0; i < runs[r].n_options; i++)
			assert_true(
			    filter_add(f, runs[r].options[i].kind, runs[r].options[i].pattern));
		assert_int_equal(filter_is_empty(f), runs[r].n_options == 0);
		for (size_t o = 0; o < sizeof(objects) / sizeof(objects[0]); o++) {
			bool want = (runs[r].tables >> o) & 1;
			bool got = filter_relation_included(f, objects[o].schema, objects[o].name);
			if (got != want)
				fail_msg("%s: %s.%s: got %d", runs[r].run, objects[o].schema,
					 objects[o].name, got);
		}
		const char *schemas[] = {"public", "app"};
		for (size_t s = 0; s < 2; s++) {
			bool want = (runs[r].schemas >> s) & 1;
			if (filter_schema_included(f, schemas[s]) != want)
				fail_msg("%s: schema %s: want %d", runs[r].run, schemas[s], want);
		}
		filter_free(f);
	}
}

static void test_null_filter_includes_everything(void **state)
{
	assert_true(filter_is_empty(NULL));
	assert_true(filter_schema_included(NULL, "public"));
	assert_true(filter_relation_included(NULL, "public", "users"));
}

/*
 * filter_apply over a hand-built model (only the model's structs are
 * used, so this does not depend on model.c).
 */
struct fixture {
	struct model m;
	struct table *users, *audit, *orders;
	struct view *mv;
	struct sequence *users_seq, *orders_seq, *loose_seq;
	struct index *users_ix, *mv_ix, *users_pkey;
	struct pgtype *mood;
	struct function *fn;
	struct extension *citext, *pgcrypto;
	struct schema *public_, *app;
};

static void set_hdr(struct objhdr *h, const char *schema, const char *name)
{
	h->schema = schema;
	h->name = name;
	h->included = !h->included; /* make sure filter_apply sets it either way */
}

static struct table *add_table(struct model *m, const char *schema, const char *name)
{
	struct table *t = arena_alloc(m->arena, sizeof(*t));
	set_hdr(&t->h, schema, name);
	t->rows = -1;
	ptrvec_push(&m->tables, t);
	return t;
}

static struct sequence *add_sequence(struct model *m, const char *schema, const char *name,
				     const char *owner_table, bool identity)
{
	struct sequence *s = arena_alloc(m->arena, sizeof(*s));
	set_hdr(&s->h, schema, name);
	s->owned_by_schema = owner_table ? schema : NULL;
	s->owned_by_table = owner_table;
	s->owned_by_column = owner_table ? "id" : NULL;
	s->identity = identity;
	ptrvec_push(&m->sequences, s);
	return s;
}

static struct index *add_index(struct model *m, struct ptrvec *owner_list, const char *schema,
			       const char *table, const char *name)
{
	struct index *ix = arena_alloc(m->arena, sizeof(*ix));
	set_hdr(&ix->h, schema, name);
	ix->table = table;
	ptrvec_push(&m->indexes, ix);
	if (owner_list)
		ptrvec_push(owner_list, ix);
	return ix;
}

static void fixture_build(struct fixture *fx)
{
	memset(fx, 0, sizeof(*fx));
	struct model *m = &fx->m;
	m->arena = arena_new();

	fx->public_ = arena_alloc(m->arena, sizeof(struct schema));
	set_hdr(&fx->public_->h, NULL, "public");
	ptrvec_push(&m->schemas, fx->public_);
	fx->app = arena_alloc(m->arena, sizeof(struct schema));
	set_hdr(&fx->app->h, NULL, "app");
	ptrvec_push(&m->schemas, fx->app);

	fx->users = add_table(m, "public", "users");
	fx->audit = add_table(m, "public", "audit");
	fx->orders = add_table(m, "app", "orders");

	fx->mv = arena_alloc(m->arena, sizeof(struct view));
	set_hdr(&fx->mv->h, "app", "order_totals");
	fx->mv->materialized = true;
	ptrvec_push(&m->views, fx->mv);

	fx->users_seq = add_sequence(m, "public", "users_id_seq", "users", false);
	fx->orders_seq = add_sequence(m, "app", "orders_id_seq", "orders", true);
	fx->loose_seq = add_sequence(m, "app", "ticket_seq", NULL, false);

	fx->users_ix = add_index(m, &fx->users->indexes, "public", "users", "ix_users_email");
	fx->users_pkey = add_index(m, NULL, "public", "users", "users_pkey");
	fx->users_pkey->constraint = "users_pkey";
	fx->mv_ix = add_index(m, &fx->mv->indexes, "app", "order_totals", "ix_totals");

	fx->mood = arena_alloc(m->arena, sizeof(struct pgtype));
	set_hdr(&fx->mood->h, "public", "mood");
	ptrvec_push(&m->types, fx->mood);
	fx->fn = arena_alloc(m->arena, sizeof(struct function));
	set_hdr(&fx->fn->h, "app", "total");
	ptrvec_push(&m->functions, fx->fn);

	fx->citext = arena_alloc(m->arena, sizeof(struct extension));
	set_hdr(&fx->citext->h, "public", "citext");
	ptrvec_push(&m->extensions, fx->citext);
	fx->pgcrypto = arena_alloc(m->arena, sizeof(struct extension));
	set_hdr(&fx->pgcrypto->h, "app", "pgcrypto");
	ptrvec_push(&m->extensions, fx->pgcrypto);
}

static void fixture_free(struct fixture *fx)
{
	struct model *m = &fx->m;
	ptrvec_free(&fx->users->indexes);
	ptrvec_free(&fx->mv->indexes);
	struct ptrvec *lists[] = {&m->schemas, &m->tables, &m->views,	  &m->sequences,
				  &m->indexes, &m->types,  &m->functions, &m->extensions};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		ptrvec_free(lists[i]);
	arena_free(m->arena);
}

static struct filter *filter_of(enum filter_kind kind, const char *pattern)
{
	struct filter *f = filter_new();
	assert_true(filter_add(f, kind, pattern));
	return f;
}

static void test_apply_null_filter(void **state)
{
	struct fixture fx;
	fixture_build(&fx);
	filter_apply(&fx.m, NULL);
	assert_true(fx.users->h.included && fx.audit->h.included && fx.orders->h.included);
	assert_true(fx.mv->h.included && fx.mv_ix->h.included && fx.users_ix->h.included);
	assert_true(fx.users_pkey->h.included);
	assert_true(fx.users_seq->h.included && fx.orders_seq->h.included);
	assert_true(fx.loose_seq->h.included);
	assert_true(fx.mood->h.included && fx.fn->h.included);
	assert_true(fx.citext->h.included && fx.pgcrypto->h.included);
	assert_true(fx.public_->h.included && fx.app->h.included);
	fixture_free(&fx);
}

static void test_apply_schema_filter(void **state)
{
	struct fixture fx;
	fixture_build(&fx);
	struct filter *f = filter_of(FILTER_SCHEMA, "app");
	filter_apply(&fx.m, f);
	assert_false(fx.users->h.included);
	assert_false(fx.users_ix->h.included);
	assert_false(fx.users_pkey->h.included);
	assert_false(fx.users_seq->h.included);
	assert_true(fx.orders->h.included);
	assert_true(fx.mv->h.included && fx.mv_ix->h.included);
	assert_true(fx.orders_seq->h.included && fx.loose_seq->h.included);
	assert_false(fx.mood->h.included);
	assert_true(fx.fn->h.included);
	/* -n drops extensions except those installed in a selected schema. */
	assert_false(fx.citext->h.included);
	assert_true(fx.pgcrypto->h.included);
	assert_false(fx.public_->h.included);
	assert_true(fx.app->h.included);
	filter_free(f);
	fixture_free(&fx);
}

static void test_apply_exclude_schema_keeps_extensions(void **state)
{
	struct fixture fx;
	fixture_build(&fx);
	struct filter *f = filter_of(FILTER_EXCLUDE_SCHEMA, "public");
	filter_apply(&fx.m, f);
	assert_false(fx.users->h.included);
	assert_false(fx.mood->h.included);
	/* Like pg_dump: -N alone still dumps "everything else", extensions included. */
	assert_true(fx.citext->h.included && fx.pgcrypto->h.included);
	assert_false(fx.public_->h.included);
	assert_true(fx.app->h.included);
	filter_free(f);
	fixture_free(&fx);
}

static void test_apply_table_filter(void **state)
{
	struct fixture fx;
	fixture_build(&fx);
	struct filter *f = filter_of(FILTER_TABLE, "users");
	filter_apply(&fx.m, f);
	assert_true(fx.users->h.included);
	assert_true(fx.users_ix->h.included && fx.users_pkey->h.included);
	/* An owned sequence follows its table even when -t does not name it. */
	assert_true(fx.users_seq->h.included);
	assert_false(fx.audit->h.included && fx.orders->h.included);
	assert_false(fx.orders_seq->h.included);
	assert_false(fx.loose_seq->h.included);
	assert_false(fx.mv->h.included || fx.mv_ix->h.included);
	/* -t selects relations only. */
	assert_false(fx.mood->h.included || fx.fn->h.included);
	assert_false(fx.citext->h.included || fx.pgcrypto->h.included);
	/* Only schemas that hold a selected relation. */
	assert_true(fx.public_->h.included);
	assert_false(fx.app->h.included);
	filter_free(f);
	fixture_free(&fx);
}

static void test_apply_identity_sequence_follows_table_only(void **state)
{
	struct fixture fx;
	fixture_build(&fx);
	/* Selecting the identity sequence by name is not enough without its table. */
	struct filter *f = filter_of(FILTER_TABLE, "app.*_seq");
	filter_apply(&fx.m, f);
	assert_false(fx.orders_seq->h.included);
	assert_true(fx.loose_seq->h.included);
	assert_false(fx.orders->h.included);
	assert_true(fx.app->h.included);
	assert_false(fx.public_->h.included);
	filter_free(f);

	f = filter_of(FILTER_EXCLUDE_TABLE, "orders");
	filter_apply(&fx.m, f);
	assert_false(fx.orders->h.included);
	assert_false(fx.orders_seq->h.included);
	assert_true(fx.users_seq->h.included);
	filter_free(f);
	fixture_free(&fx);
}

/* -n and -t patterns must select something; -N and -T need not (filter_check_matches). */
static void test_check_matches(void **state)
{
	struct fixture fx;
	struct diags d = {0};
	fixture_build(&fx);
	struct filter *f = filter_of(FILTER_TABLE, "users");
	filter_add(f, FILTER_SCHEMA, "app");
	filter_add(f, FILTER_EXCLUDE_TABLE, "nosuch");
	filter_add(f, FILTER_EXCLUDE_SCHEMA, "nosuch");
	assert_true(filter_check_matches(f, &fx.m, &d));
	assert_int_equal(d.errors, 0);
	filter_add(f, FILTER_TABLE, "nosuch");
	assert_false(filter_check_matches(f, &fx.m, &d));
	/* One error, naming the pattern and the option. */
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.v[0].message, "pattern \"nosuch\" (-t)"));
	filter_free(f);
	f = filter_of(FILTER_SCHEMA, "APP"); /* folded: app */
	assert_true(filter_check_matches(f, &fx.m, &d));
	filter_add(f, FILTER_SCHEMA, "\"APP\"");
	assert_false(filter_check_matches(f, &fx.m, &d));
	assert_int_equal(d.errors, 2);
	filter_free(f);
	assert_true(filter_check_matches(NULL, &fx.m, &d));
	diags_free(&d);
	fixture_free(&fx);
}

/* The filter as SQL: pg_dump's regexes, combined as filter_relation_included does. */
static void test_sql_included(void **state)
{
	struct strbuf sb;
	sb_init(&sb);
	filter_sql_included(NULL, "s", "n", &sb);
	assert_string_equal(sb.data, "true");
	sb_reset(&sb);

	struct filter *f = filter_of(FILTER_SCHEMA, "app");
	filter_add(f, FILTER_EXCLUDE_TABLE, "app.tmp*");
	filter_sql_included(f, "s", "n", &sb);
	assert_string_equal(sb.data, "(((s OPERATOR(pg_catalog.~) '^(app)$')) AND NOT "
				     "((s OPERATOR(pg_catalog.~) '^(app)$' AND "
				     "n OPERATOR(pg_catalog.~) '^(tmp.*)$')))");
	filter_free(f);
	sb_reset(&sb);

	/* -t: -n and -N no longer matter for relations */
	f = filter_of(FILTER_TABLE, "it's");
	filter_add(f, FILTER_EXCLUDE_SCHEMA, "x");
	filter_sql_included(f, "s", "n", &sb);
	assert_string_equal(sb.data, "(((n OPERATOR(pg_catalog.~) '^(it''s)$')))");
	filter_free(f);
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pattern_to_regex),
	    cmocka_unit_test(test_too_many_dots),
	    cmocka_unit_test(test_matching),
	    cmocka_unit_test(test_combinations),
	    cmocka_unit_test(test_null_filter_includes_everything),
	    cmocka_unit_test(test_apply_null_filter),
	    cmocka_unit_test(test_apply_schema_filter),
	    cmocka_unit_test(test_apply_exclude_schema_keeps_extensions),
	    cmocka_unit_test(test_apply_table_filter),
	    cmocka_unit_test(test_apply_identity_sequence_follows_table_only),
	    cmocka_unit_test(test_check_matches),
	    cmocka_unit_test(test_sql_included),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
