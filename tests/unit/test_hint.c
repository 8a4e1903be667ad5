/*
 * test_hint.c
 *	  Unit tests for reading pg_dump's object-header comments: one table of
 *	  lines and the fields (and description) each must give, or that it is
 *	  not a header at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/hint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hint_case {
	const char *line;
	bool ok; /* a header; the fields below apply */
	const char *name;
	const char *type;
	const char *schema;
	const char *owner;
	const char *describe;
};

static const struct hint_case cases[] = {
    {"Name: users; Type: TABLE; Schema: public; Owner: app", true, "users", "TABLE", "public",
     "app", "TABLE public.users"},
    {"-- Name: users; Type: TABLE; Schema: public; Owner: app", true, "users", "TABLE", "public",
     "app", "TABLE public.users"},
    {"--Name: users; Type: TABLE; Schema: public; Owner: app", true, "users", "TABLE", "public",
     "app", "TABLE public.users"},
    {"Name: users id; Type: DEFAULT; Schema: public; Owner: -", true, "users id", "DEFAULT",
     "public", "", "DEFAULT public.users id"},
    {"Data for Name: users; Type: TABLE DATA; Schema: public; Owner: app", true, "users",
     "TABLE DATA", "public", "app", "TABLE DATA public.users"},
    {"-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: app", true, "users",
     "TABLE DATA", "public", "app", "TABLE DATA public.users"},
    {"Name: FUNCTION f(integer); Type: ACL; Schema: public; Owner: postgres", true,
     "FUNCTION f(integer)", "ACL", "public", "postgres", "ACL public.FUNCTION f(integer)"},
    {"Name: f(a integer, b text); Type: FUNCTION; Schema: s; Owner: o", true,
     "f(a integer, b text)", "FUNCTION", "s", "o", "FUNCTION s.f(a integer, b text)"},
    {"Name: orders orders_user_fk; Type: FK CONSTRAINT; Schema: shop; Owner: app", true,
     "orders orders_user_fk", "FK CONSTRAINT", "shop", "app",
     "FK CONSTRAINT shop.orders orders_user_fk"},
    {"Name: big; Type: TABLE; Schema: public; Owner: app; Tablespace: fast", true, "big", "TABLE",
     "public", "app", "TABLE public.big"},
    {"Name: app; Type: SCHEMA; Schema: -; Owner: postgres", true, "app", "SCHEMA", "", "postgres",
     "SCHEMA app"},
    {"Name: plpgsql; Type: EXTENSION; Schema: -; Owner: -", true, "plpgsql", "EXTENSION", "", "",
     "EXTENSION plpgsql"},
    {"Name: \"my table\"; Type: TABLE; Schema: public; Owner: app", true, "\"my table\"", "TABLE",
     "public", "app", "TABLE public.\"my table\""},
    {"Name: t; Type: TABLE; Schema: public; Owner: app\r", true, "t", "TABLE", "public", "app",
     "TABLE public.t"},
    {"Name: t; Type: TABLE; Schema: public; Owner: app  ", true, "t", "TABLE", "public", "app",
     "TABLE public.t"},
    {"Name: t; Type: TABLE; Schema: public; Owner: -", true, "t", "TABLE", "public", "",
     "TABLE public.t"},
    {"Name: -x; Type: TABLE; Schema: -s; Owner: -o", true, "-x", "TABLE", "-s", "-o",
     "TABLE -s.-x"},
    /* Verbose mode puts other lines around the header; a block still yields it. */
    {"--\n-- TOC entry 215 (class 1259 OID 16386)\n-- Dependencies: 3\n-- Name: users; Type: "
     "TABLE; Schema: public; Owner: app\n--\n",
     true, "users", "TABLE", "public", "app", "TABLE public.users"},
    /* 7.0-7.2 dumps: no schema, no semicolons. */
    {"-- Name: books Type: TABLE Owner: postgres", true, "books", "TABLE", "", "postgres",
     "TABLE books"},
    {"Name: books Type: TABLE DATA Owner: postgres", true, "books", "TABLE DATA", "", "postgres",
     "TABLE DATA books"},
    {"-- TOC Entry ID 2 (OID 18735)\n--\n-- Name: books Type: TABLE Owner: postgres", true, "books",
     "TABLE", "", "postgres", "TABLE books"},
    {"-- Name: \"books_pkey\" Type: CONSTRAINT Owner: postgres\n", true, "\"books_pkey\"",
     "CONSTRAINT", "", "postgres", "CONSTRAINT \"books_pkey\""},
    /* Not headers. */
    {"", false, NULL, NULL, NULL, NULL, NULL},
    {"--", false, NULL, NULL, NULL, NULL, NULL},
    {"-- TOC entry 215 (class 1259 OID 16386)", false, NULL, NULL, NULL, NULL, NULL},
    {"-- Dependencies: 214 215", false, NULL, NULL, NULL, NULL, NULL},
    {"-- PostgreSQL database dump", false, NULL, NULL, NULL, NULL, NULL},
    {"-- Dumped from database version 15.4", false, NULL, NULL, NULL, NULL, NULL},
    {"Name:", false, NULL, NULL, NULL, NULL, NULL},
    {"Name: users", false, NULL, NULL, NULL, NULL, NULL},
    {"Type: TABLE; Schema: public; Owner: app", false, NULL, NULL, NULL, NULL, NULL},
    {"name: users; type: TABLE; schema: public; owner: app", false, NULL, NULL, NULL, NULL, NULL},
    {"SELECT 'Name: x; Type: TABLE; Schema: s; Owner: o'", false, NULL, NULL, NULL, NULL, NULL},
    {"Name: x; Type: TABLE\n; Schema: s; Owner: o", false, NULL, NULL, NULL, NULL, NULL},
};

static void test_table(void **state)
{
	int failures = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct hint_case *c = &cases[i];
		struct hint h;
		memset(&h, 0x5a, sizeof(h)); /* anything not written shows up */
		bool ok = hint_parse(c->line, &h);
		if (ok != c->ok) {
			print_error("\"%s\": hint_parse gave %d\n", c->line, ok);
			failures++;
			continue;
		}
		if (!ok)
			continue;
		char desc[512];
		hint_describe(&h, desc, sizeof(desc));
		if (strcmp(h.name, c->name) != 0 || strcmp(h.type, c->type) != 0 ||
		    strcmp(h.schema, c->schema) != 0 || strcmp(h.owner, c->owner) != 0 ||
		    strcmp(desc, c->describe) != 0) {
			print_error(
			    "\"%s\":\n  want name=[%s] type=[%s] schema=[%s] owner=[%s] "
			    "describe=[%s]\n  got  name=[%s] type=[%s] schema=[%s] owner=[%s] "
			    "describe=[%s]\n",
			    c->line, c->name, c->type, c->schema, c->owner, c->describe, h.name,
			    h.type, h.schema, h.owner, desc);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void test_null_line(void **state)
{
	struct hint h;
	assert_false(hint_parse(NULL, &h));
}

/* Over-long fields are cut to fit, and never in the middle of a UTF-8 sequence. */
static void test_truncation(void **state)
{
	struct hint h;
	char line[2048];
	char name[400];

	memset(name, 'n', 300);
	name[300] = '\0';
	snprintf(line, sizeof(line), "Name: %s; Type: TABLE; Schema: public; Owner: app", name);
	assert_true(hint_parse(line, &h));
	assert_int_equal(strlen(h.name), sizeof(h.name) - 1);
	assert_memory_equal(h.name, name, sizeof(h.name) - 1);
	assert_string_equal(h.type, "TABLE");

	/* 254 ASCII bytes and a 2-byte character would need 256 + NUL. */
	memset(name, 'a', 254);
	strcpy(name + 254, "\xc3\xa9");
	snprintf(line, sizeof(line), "Name: %s; Type: TABLE; Schema: public; Owner: app", name);
	assert_true(hint_parse(line, &h));
	assert_int_equal(strlen(h.name), 254);

	/* 253 + 2 fits exactly. */
	name[253] = '\0';
	strcat(name, "\xc3\xa9");
	snprintf(line, sizeof(line), "Name: %s; Type: TABLE; Schema: public; Owner: app", name);
	assert_true(hint_parse(line, &h));
	assert_string_equal(h.name, name);

	char type[100], schema[200], owner[200];
	memset(type, 'T', 99);
	type[99] = '\0';
	memset(schema, 's', 199);
	schema[199] = '\0';
	memset(owner, 'o', 199);
	owner[199] = '\0';
	snprintf(line, sizeof(line), "Name: x; Type: %s; Schema: %s; Owner: %s", type, schema,
		 owner);
	assert_true(hint_parse(line, &h));
	assert_int_equal(strlen(h.type), sizeof(h.type) - 1);
	assert_int_equal(strlen(h.schema), sizeof(h.schema) - 1);
	assert_int_equal(strlen(h.owner), sizeof(h.owner) - 1);
	assert_string_equal(h.name, "x");
}

static void test_describe_small_buffers(void **state)
{
	struct hint h;
	assert_true(hint_parse("Name: users; Type: TABLE; Schema: public; Owner: app", &h));
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	hint_describe(&h, buf, 0);
	assert_int_equal(buf[0], 'X'); /* nothing written */
	hint_describe(&h, buf, 1);
	assert_string_equal(buf, "");
	hint_describe(&h, buf, 5);
	assert_string_equal(buf, "TABL");
	hint_describe(&h, buf, sizeof(buf));
	assert_string_equal(buf, "TABLE p");

	/* No type: just the name. */
	memset(&h, 0, sizeof(h));
	strcpy(h.name, "x");
	strcpy(h.schema, "s");
	hint_describe(&h, buf, sizeof(buf));
	assert_string_equal(buf, "s.x");
}

/* A hostile line must neither crash nor take long: backtracking is bounded. */
static void test_adversarial_line(void **state)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "Name: ");
	for (int i = 0; i < 20000; i++)
		sb_append(&sb, "a; Type: b Type: ");
	struct hint h;
	assert_false(hint_parse(sb.data, &h));

	/* Completed into a header, it parses: the first "; Type: " ends the name. */
	sb_append(&sb, "; Type: TABLE; Schema: public; Owner: app");
	assert_true(hint_parse(sb.data, &h));
	assert_string_equal(h.name, "a");
	assert_string_equal(h.schema, "public");
	assert_string_equal(h.owner, "app");
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_null_line),
	    cmocka_unit_test(test_truncation),
	    cmocka_unit_test(test_describe_small_buffers),
	    cmocka_unit_test(test_adversarial_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
