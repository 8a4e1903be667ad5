/*
 * test_alembic.c
 *	  Unit tests for emit_alembic.c.  Models come from the real pipeline
 *	  (a small pg_dump-style text written to a temporary file, then
 *	  load_dump or load_sql, filter_apply, model_sort); the revision is
 *	  emitted into memory and its key lines checked at each --doc level.
 *	  The hostile sample (samples/hostile.sql, dumped by a real
 *	  PostgreSQL 15 from samples/src/hostile.ddl.sql) is emitted to a .py
 *	  file and handed to tests/alembic/check_revision.py, which compiles
 *	  it, runs pyflakes, imports it, finds every name and comment in
 *	  __doc__ exactly and has Alembic load it (skipped without
 *	  /usr/bin/python3).
 *
 *	  Run from the top of the source tree (as `make unit` does).
 */
#include "baseline.h"
#include "load.h"
#include "filter.h"
#include "model.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PYTHON	     "/usr/bin/python3"
#define CHECKER	     "tests/alembic/check_revision.py"
#define HOSTILE_DUMP "samples/hostile.sql"

#define ARROW_RIGHT "\xe2\x86\x92"
#define ARROW_LEFT  "\xe2\x86\x90"
#define ARROW_BOTH  "\xe2\x86\x94"

#define FINGERPRINT "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* A shop in pg_dump's shape: tables first, data, then keys and indexes. */
static const char shop_dump[] =
    "CREATE SCHEMA sales;\n"
    "CREATE TYPE public.order_status AS ENUM ('pending', 'paid');\n"
    "CREATE FUNCTION public.log_change() RETURNS trigger LANGUAGE plpgsql\n"
    "    AS $$ BEGIN RETURN NEW; END $$;\n"
    "CREATE TABLE public.users (\n"
    "    id bigint NOT NULL,\n"
    "    email text NOT NULL,\n"
    "    username text NOT NULL\n"
    ");\n"
    "COMMENT ON TABLE public.users IS 'User accounts and authentication';\n"
    "CREATE TABLE public.user_profiles (user_id bigint NOT NULL, bio text);\n"
    "CREATE TABLE public.orders (id bigint NOT NULL, user_id bigint NOT NULL,\n"
    "    status public.order_status);\n"
    "CREATE TABLE public.products (id integer NOT NULL, name text, metadata jsonb);\n"
    "CREATE TABLE public.order_items (order_id bigint NOT NULL, product_id integer NOT NULL,\n"
    "    quantity integer);\n"
    "CREATE TABLE public.audit_logs (id bigint NOT NULL, action text);\n"
    "CREATE TABLE public.events (id bigint NOT NULL, at date NOT NULL)\n"
    "    PARTITION BY RANGE (at);\n"
    "CREATE TABLE public.events_2025 (id bigint NOT NULL, at date NOT NULL);\n"
    "ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025\n"
    "    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
    "CREATE TABLE sales.regions (id integer NOT NULL, name text);\n"
    "CREATE VIEW public.active_users AS SELECT users.id FROM public.users;\n"
    "COPY public.users (id, email, username) FROM stdin;\n"
    "1\ta@example.com\ta\n"
    "2\tb@example.com\tb\n"
    "3\tc@example.com\tc\n"
    "\\.\n"
    "COPY public.events_2025 (id, at) FROM stdin;\n"
    "1\t2025-02-01\n"
    "2\t2025-03-01\n"
    "\\.\n"
    "ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY public.users\n"
    "    ADD CONSTRAINT users_email_username_key UNIQUE (email, username);\n"
    "ALTER TABLE ONLY public.user_profiles\n"
    "    ADD CONSTRAINT user_profiles_pkey PRIMARY KEY (user_id);\n"
    "ALTER TABLE ONLY public.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY public.products ADD CONSTRAINT products_pkey PRIMARY KEY (id);\n"
    "ALTER TABLE ONLY public.order_items\n"
    "    ADD CONSTRAINT order_items_pkey PRIMARY KEY (order_id, product_id);\n"
    "CREATE INDEX ix_products_metadata ON public.products USING gin (metadata);\n"
    "CREATE INDEX ix_users_email ON public.users USING btree (email);\n"
    "CREATE UNIQUE INDEX ix_products_name ON public.products USING btree (name);\n"
    "ALTER TABLE ONLY public.user_profiles\n"
    "    ADD CONSTRAINT user_profiles_user_id_fkey FOREIGN KEY (user_id)\n"
    "    REFERENCES public.users(id) ON DELETE CASCADE;\n"
    "ALTER TABLE ONLY public.orders\n"
    "    ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id)\n"
    "    REFERENCES public.users(id) ON DELETE CASCADE;\n"
    "ALTER TABLE ONLY public.order_items\n"
    "    ADD CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id)\n"
    "    REFERENCES public.orders(id) ON DELETE CASCADE;\n"
    "ALTER TABLE ONLY public.order_items\n"
    "    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id)\n"
    "    REFERENCES public.products(id);\n"
    "ALTER TABLE ONLY sales.regions\n"
    "    ADD CONSTRAINT regions_pkey PRIMARY KEY (id);\n"
    "CREATE TRIGGER orders_audit AFTER INSERT ON public.orders\n"
    "    FOR EACH ROW EXECUTE FUNCTION public.log_change();\n"
    "CREATE POLICY orders_owner ON public.orders USING (true);\n";

static char *write_temp(const char *dir, const char *name, const char *text, size_t len)
{
	char *path = NULL;
	assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static char *make_temp_dir(void)
{
	char *dir = xstrdup("/tmp/pgb-test-alembic-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void remove_temp_dir(char *dir)
{
	char *cmd = NULL;
	assert_true(asprintf(&cmd, "rm -rf '%s'", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

/* The model of a dump file, filtered with nothing and sorted, as the CLI has it. */
static struct model *model_ready(struct model *m, bool ok, struct diags *d, const char *what)
{
	if (!ok)
		fail_msg("loading %s failed:\n%s", what, diags_text(d));
	diags_free(d);
	filter_apply(m, NULL);
	model_sort(m);
	return m;
}

static struct model *model_of_file(const char *path)
{
	struct model *m = model_new();
	struct diags d = {0};
	return model_ready(m, load_dump(m, path, NULL, &d), &d, path);
}

static struct model *model_of_sql(const char *sql)
{
	struct model *m = model_new();
	struct diags d = {0};
	return model_ready(m, load_sql(m, "dump.sql", sql, strlen(sql), NULL, &d), &d, "the SQL");
}

static struct baseline_opts default_opts(enum doc_level doc)
{
	return (struct baseline_opts){
	    .dir = "alembic",
	    .rev = "001_baseline",
	    .message = "baseline existing schema",
	    .doc = doc,
	    .create_date = "2026-11-25 10:00:00",
	    .fingerprint = FINGERPRINT,
	};
}

static char *emit(const struct model *m, const struct baseline_opts *o)
{
	struct strbuf sb;
	sb_init(&sb);
	emit_alembic_revision(m, o, &sb);
	assert_non_null(sb.data);
	assert_int_equal(strlen(sb.data), sb.len);
	return sb_steal(&sb);
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

/* No line of the docstring runs past 79 columns unless one name or expression does. */
static void assert_lines_fit(const char *text, int width)
{
	int line = 1;
	for (const char *p = text; *p; line++) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p), cols = 0;
		for (size_t i = 0; i < len; i++)
			cols += ((unsigned char)p[i] & 0xc0) != 0x80;
		if (cols > (size_t)width)
			fail_msg("line %d is %zu columns wide: %.*s", line, cols, (int)len, p);
		p += len + (end != NULL);
	}
}

/*
 * Names, revision ids, tracking.
 */

static void test_revision_filename(void **state)
{
	static const struct {
		const char *message;
		const char *file;
	} cases[] = {
	    /* Expected names checked against Alembic 1.8's _rev_path(). */
	    {"baseline existing schema", "001_baseline_baseline_existing_schema.py"},
	    {"", "001_baseline_.py"},
	    {NULL, "001_baseline_.py"},
	    {"Hello, World!", "001_baseline_hello_world.py"},
	    {"Baseline: existing schema (v2) -- from prod dump 2024-12-03",
	     "001_baseline_baseline_existing_schema_v2_from_prod_.py"},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	     "001_baseline_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_.py"},
	    {"a__b  c", "001_baseline_a__b_c.py"},
	    {"  lead-trailing!!", "001_baseline_lead_trailing.py"},
	    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yy",
	     "001_baseline_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_.py"},
	    {"snake_case_word_that_is_long_enough_to_cut here",
	     "001_baseline_snake_case_word_that_is_long_enough_to_.py"},
	    {"\"\"\"; import os", "001_baseline_import_os.py"},
	    /* Only ASCII makes words here (Alembic would keep the letter). */
	    {"caf\xc3\xa9 menu", "001_baseline_caf_menu.py"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct baseline_opts o = default_opts(DOC_STANDARD);
		o.message = cases[i].message;
		char *name = baseline_revision_filename(&o);
		if (strcmp(name, cases[i].file) != 0)
			fail_msg("message \"%s\": got %s, expected %s", cases[i].message, name,
				 cases[i].file);
		free(name);
	}
}

static void test_rev_valid(void **state)
{
	static const struct {
		const char *rev;
		bool valid;
	} cases[] = {
	    {"001_baseline", true},
	    {"ae1027a6acf", true},
	    {"v1.0", true},
	    {"12345678901234567890123456789012", true},
	    {"123456789012345678901234567890123", false},
	    {"", false},
	    {NULL, false},
	    {"base", false},
	    {"head", false},
	    {"heads", false},
	    {"headless", true},
	    {"001-baseline", false},
	    {"rev@branch", false},
	    {"a+1", false},
	    {"with space", false},
	    {"../escape", false},
	    {"a/b", false},
	    {".hidden", false},
	    {"__init__x", false},
	    {"it's", false},
	    {"caf\xc3\xa9", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (baseline_rev_valid(cases[i].rev) != cases[i].valid)
			fail_msg("baseline_rev_valid(\"%s\") should be %s", cases[i].rev,
				 cases[i].valid ? "true" : "false");
}

static void test_table_tracked(void **state)
{
	struct model *m = model_of_sql(shop_dump);
	struct baseline_opts o = default_opts(DOC_STANDARD);
	struct table *audit = model_find_table(m, "public", "audit_logs");
	struct table *users = model_find_table(m, "public", "users");
	struct table *regions = model_find_table(m, "sales", "regions");
	assert_non_null(audit);
	assert_non_null(users);
	assert_non_null(regions);

	/* No patterns, or an empty filter: every included table is tracked. */
	assert_true(baseline_table_tracked(&o, audit));
	struct filter *f = filter_new();
	o.untracked = f;
	assert_true(baseline_table_tracked(&o, audit));

	assert_true(filter_add(f, FILTER_TABLE, "audit_*"));
	assert_true(filter_add(f, FILTER_TABLE, "sales.*"));
	assert_false(baseline_table_tracked(&o, audit));
	assert_false(baseline_table_tracked(&o, regions));
	assert_true(baseline_table_tracked(&o, users));

	/* A table the dump's filters left out is not tracked either. */
	users->h.included = false;
	assert_false(baseline_table_tracked(&o, users));

	filter_free(f);
	model_free(m);
}

/*
 * The three levels.
 */

static void test_standard(void **state)
{
	struct model *m = model_of_sql(shop_dump);
	struct baseline_opts o = default_opts(DOC_STANDARD);
	struct filter *f = filter_new();
	assert_true(filter_add(f, FILTER_TABLE, "audit_logs"));
	o.untracked = f;
	char *py = emit(m, &o);

	/* Alembic's header lines, and its module layout. */
	assert_true(strncmp(py,
			    "\"\"\"baseline existing schema\n\nRevision ID: 001_baseline\n"
			    "Revises: \nCreate Date: 2026-11-25 10:00:00\n",
			    strlen("\"\"\"baseline existing schema\n\nRevision ID: 001_baseline\n"
				   "Revises: \nCreate Date: 2026-11-25 10:00:00\n")) == 0);
	assert_contains(py, "\"\"\"\nfrom typing import Sequence, Union\n");
	assert_contains(py, "\n# revision identifiers, used by Alembic.\n"
			    "revision: str = '001_baseline'\n"
			    "down_revision: Union[str, Sequence[str], None] = None\n"
			    "branch_labels: Union[str, Sequence[str], None] = None\n"
			    "depends_on: Union[str, Sequence[str], None] = None\n\n\n"
			    "def upgrade() -> None:\n    \"\"\"");
	assert_contains(py, "\n\n\ndef downgrade() -> None:\n    \"\"\"No downgrade");
	assert_contains(py, "    pass\n");
	/* op and sa go unused in a baseline: pyflakes would report them. */
	assert_lacks(py, "\nimport sqlalchemy");
	assert_lacks(py, "\nfrom alembic import op");

	/* Tables: comment, columns, constraints, indexes. */
	assert_contains(py, "    Included Tables:\n        - audit_logs\n");
	assert_contains(py, "        - users: User accounts and authentication\n"
			    "          Columns: id, email, username\n"
			    "          Constraints: PK(id), UNIQUE(email, username)\n"
			    "          Indexes: ix_users_email\n");
	assert_contains(py, "          Constraints: PK(id), FK(user_id) " ARROW_RIGHT
			    " users.id CASCADE\n");
	assert_contains(py, "FK(product_id) " ARROW_RIGHT " products.id");
	assert_contains(
	    py, "          Indexes: ix_products_metadata (GIN), ix_products_name (UNIQUE)\n");
	assert_contains(py, "        - sales.regions\n");
	assert_contains(py, "        - events\n          Partitioned by RANGE (at)\n"
			    "          Partitions: events_2025\n");
	assert_lacks(py, "        - events_2025");

	/* Relationships and their cardinality. */
	assert_contains(py, "    Relationships:\n");
	assert_contains(py, "        - users " ARROW_LEFT " orders (One-to-Many, CASCADE)\n");
	assert_contains(py, "        - users " ARROW_LEFT " user_profiles (One-to-One, CASCADE)\n");
	assert_contains(py, "        - orders " ARROW_BOTH
			    " products (Many-to-Many via order_items)\n");
	assert_lacks(py, ARROW_LEFT " order_items");

	/* Data volume from the COPY blocks; a partitioned table sums its partitions. */
	assert_contains(py, "    Data Volume (from the dump's COPY and INSERT data):\n");
	assert_contains(py, "        - events: 2 records in its partitions\n");
	assert_contains(py, "        - users: 3 records\n");
	assert_contains(py, "        (6 more tables not known)\n");

	/* The other objects. */
	assert_contains(py, "    Other Objects:\n        Schemas: public, sales\n");
	assert_contains(py, "        Views: active_users\n");
	assert_contains(py, "        Types: order_status (enum)\n");
	assert_contains(py, "        Functions: log_change()\n");
	assert_contains(py, "        Triggers: orders_audit on orders\n");
	assert_contains(py, "        Policies: orders_owner on orders\n");

	/* Tracking, fingerprint, purpose, how to apply. */
	assert_contains(
	    py, "\nTracked Tables (Alembic manages):\n    events, events_2025, order_items,");
	assert_contains(
	    py, "\nUntracked Tables (manually managed, outside Alembic):\n    audit_logs\n");
	assert_contains(py, "\nSchema Fingerprint:\n    " FINGERPRINT "\n");
	assert_contains(py, "\nPurpose:\n    Register the current schema");
	assert_contains(py, "\nHow to Apply:\n");
	assert_contains(py, "        $ alembic stamp 001_baseline\n");
	assert_contains(py, "        $ psql -v ON_ERROR_STOP=1 -f 001_baseline_stamp.sql\n");

	/* Not at this level. */
	assert_lacks(py, "Validation Queries:");
	assert_lacks(py, "\nNotes:");
	assert_lacks(py, "Unparsed");
	assert_lacks(py, "id: bigint NOT NULL");

	assert_lines_fit(py, 79);
	free(py);
	filter_free(f);
	model_free(m);
}

static void test_minimal(void **state)
{
	struct model *m = model_of_sql(shop_dump);
	struct baseline_opts o = default_opts(DOC_MINIMAL);
	char *py = emit(m, &o);

	assert_contains(py, "Revises: \n");
	assert_contains(
	    py, "\nExisting Schema:\n"
		"    Tables: audit_logs, events (+1 partition), order_items, orders, products,\n"
		"            user_profiles, users, sales.regions\n"
		"    Total records: 5 across 2 of 8 tables\n");
	assert_contains(py, "\nPurpose:\n");
	assert_contains(py, "        $ alembic stamp 001_baseline\n");
	assert_contains(py, "revision: str = '001_baseline'\n");

	assert_lacks(py, "Source:");
	assert_lacks(py, "Included Tables:");
	assert_lacks(py, "Relationships:");
	assert_lacks(py, "Data Volume");
	assert_lacks(py, "Other Objects:");
	assert_lacks(py, "Tracked Tables");
	assert_lacks(py, "Schema Fingerprint");
	assert_lacks(py, "Validation Queries:");

	assert_lines_fit(py, 79);
	free(py);
	model_free(m);
}

static void test_comprehensive(void **state)
{
	struct model *m = model_of_sql(shop_dump);
	struct baseline_opts o = default_opts(DOC_COMPREHENSIVE);
	o.version_table = "my_versions";
	o.version_table_schema = "Ops";
	char *py = emit(m, &o);

	/* Everything standard has... */
	assert_contains(py, "    Included Tables:\n");
	assert_contains(py, "        - orders " ARROW_BOTH
			    " products (Many-to-Many via order_items)\n");
	assert_contains(py, "\nSchema Fingerprint:\n");
	/* ...with column types and nullability, index definitions, object details. */
	assert_contains(py, "          Columns:\n"
			    "              id: bigint NOT NULL\n"
			    "              email: text NOT NULL\n");
	assert_contains(py, "              ix_products_metadata (GIN): metadata\n");
	assert_contains(
	    py, "          Partitions:\n"
		"              events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')\n");
	assert_contains(py, "            - order_status: enum ('pending', 'paid')\n");
	assert_contains(
	    py, "            - orders_audit on orders:\n"
		"                AFTER INSERT FOR EACH ROW EXECUTE FUNCTION public.log_change()\n");
	/* The DBA's queries, scoped to the dump's schemas. */
	assert_contains(py, "\nValidation Queries:\n");
	assert_contains(py, "    WHERE schemaname IN ('public', 'sales')\n");
	assert_contains(py, "        WHERE nspname IN ('public', 'sales')\n");
	assert_contains(
	    py, "    SELECT version_num FROM \"Ops\".my_versions;  -- expect 001_baseline\n");
	assert_contains(py, "\nNotes:\n");

	free(py);
	model_free(m);
}

static void test_stats_volume(void **state)
{
	static const char csv[] = "table,rows\n"
				  "public.user_profiles,1\n"
				  "public.audit_logs,999\n"
				  "public.order_items,1000\n"
				  "public.products,45300\n"
				  "public.orders,1234567\n"
				  "sales.regions,2500000000\n"
				  "public.events_2025,9960\n";
	char *dir = make_temp_dir();
	char *path = write_temp(dir, "stats.csv", csv, strlen(csv));
	struct diags sd = {0};
	struct stats *st = stats_load(path, &sd);
	assert_int_equal(sd.errors, 0);
	diags_free(&sd);
	assert_non_null(st);
	struct model *m = model_of_sql(shop_dump);

	struct baseline_opts o = default_opts(DOC_STANDARD);
	o.stats = st;
	o.stats_file = path;
	char *py = emit(m, &o);
	assert_contains(py,
			"    Data Volume (from stats.csv, else the dump's COPY and INSERT data):\n"
			"        - audit_logs: 999 records\n"
			"        - events: ~10K records in its partitions\n"
			"        - order_items: ~1K records\n"
			"        - orders: ~1.2M records\n"
			"        - products: ~45K records\n"
			"        - user_profiles: 1 record\n"
			"        - users: 3 records\n"
			"        - sales.regions: ~2.5B records\n");
	free(py);

	o.doc = DOC_COMPREHENSIVE;
	py = emit(m, &o);
	assert_contains(py, "        - orders: ~1.2M records (1234567)\n");
	assert_contains(py, "        - audit_logs: 999 records\n");
	free(py);

	o.doc = DOC_MINIMAL;
	py = emit(m, &o);
	assert_contains(py, "    Total records: ~2.5B across all tables\n");
	free(py);

	model_free(m);
	stats_free(st);
	free(path);
	remove_temp_dir(dir);
}

static void test_unparsed(void **state)
{
	static const char dump[] = "CREATE TABLE public.t (id integer);\n"
				   "CREATE TABLE public.broken (id integer,, x);\n";
	struct model *m = model_of_sql(dump);
	struct baseline_opts o = default_opts(DOC_STANDARD);
	char *py = emit(m, &o);
	assert_contains(py, "\nUnparsed Statements (not reflected above; review them before "
			    "stamping):\n    - dump.sql:2:");
	assert_contains(py, "syntax error");
	assert_contains(py, "Data Volume: not known");
	free(py);

	o.doc = DOC_MINIMAL;
	py = emit(m, &o);
	assert_contains(py, "    Unparsed statements: 1 (not reflected here)\n");
	free(py);
	model_free(m);
}

/* Sub-partitions are listed under the root, and their rows counted there. */
static void test_subpartitions(void **state)
{
	static const char dump[] =
	    "CREATE TABLE public.events (id bigint, at date, kind text) PARTITION BY RANGE (at);\n"
	    "CREATE TABLE public.events_2025 (id bigint, at date, kind text)\n"
	    "    PARTITION BY LIST (kind);\n"
	    "CREATE TABLE public.events_2025_a (id bigint, at date, kind text);\n"
	    "CREATE TABLE public.events_2026 (id bigint, at date, kind text);\n"
	    "ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025\n"
	    "    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
	    "ALTER TABLE ONLY public.events_2025 ATTACH PARTITION public.events_2025_a\n"
	    "    FOR VALUES IN ('a');\n"
	    "ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2026\n"
	    "    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
	    "COPY public.events_2025_a (id, at, kind) FROM stdin;\n"
	    "1\t2025-01-02\ta\n"
	    "2\t2025-01-03\ta\n"
	    "\\.\n"
	    "COPY public.events_2026 (id, at, kind) FROM stdin;\n"
	    "3\t2026-01-02\tb\n"
	    "\\.\n";
	struct model *m = model_of_sql(dump);
	struct baseline_opts o = default_opts(DOC_STANDARD);
	char *py = emit(m, &o);
	assert_contains(py, "          Partitions: events_2025, events_2025_a, events_2026\n");
	assert_lacks(py, "        - events_2025");
	assert_contains(py, "        - events: 3 records in its partitions\n");
	free(py);

	o.doc = DOC_MINIMAL;
	py = emit(m, &o);
	assert_contains(
	    py, "    Tables: events (+3 partitions)\n    Total records: 3 across all tables\n");
	free(py);
	model_free(m);
}

static void test_empty_model(void **state)
{
	struct model *m = model_of_sql("SET statement_timeout = 0;\n");
	for (int level = DOC_MINIMAL; level <= DOC_COMPREHENSIVE; level++) {
		struct baseline_opts o = default_opts((enum doc_level)level);
		o.fingerprint = NULL;
		char *py = emit(m, &o);
		assert_contains(py, "Revises: \n");
		if (level == DOC_MINIMAL)
			assert_contains(py, "    Tables: none\n");
		else
			assert_contains(py, "    Included Tables: none\n");
		assert_lacks(py, "Relationships:");
		assert_lacks(py, "Schema Fingerprint");
		free(py);
	}
	model_free(m);
}

/*
 * The hostile sample, checked by Python and Alembic.
 */

/* Names and comments from samples/src/hostile.ddl.sql, as the catalog holds them. */
/* Table names as psql takes them: quoted, with "" for a quote. */
static const char *const hostile_tables[] = {
    "\"quote'n\"\"double\"",
    "\"\xf0\x9f\x90\x98 elephants\"",
    "\"link\"\"table\"",
    "\"we'ird \"\"schema\"\"\".\"",
    "\"\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
    "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
    "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5\"",
    NULL,
};

/* Shown from --doc standard on: columns, table comments, other objects. */
static const char *const hostile_standard[] = {
    "tri\"\"\"ple",
    "tri'''ple",
    "back\\slash\\",
    "\\N",
    "$$dollar$$",
    "*/ -- not a comment",
    "line\nbreak",
    "cr\rhere",
    "tab\there",
    "rlm\xe2\x80\x8fmark",
    "ends with quote\"",
    "\"starts with quote",
    "\\u202e is not an escape",
    "only\"one",
    "ix 'gin' */",
    "ix \"trailing\"",
    "\"v\"\"\"\"\"\"view\"", /* a view's name, quoted as psql takes it */
    "f'''n",
    "mood'\"",
    "Quotes: ' \" \"\"\" ''' and backslashes \\ \\N $$ */ -- the end\"",
    "Line one\nRevision ID: fake\r\n\tindented \"\"\" and a trailing backslash \\",
    "63 bytes: rtl \xe2\x80\x8f mark, emoji \xf0\x9f\x90\x98, ends with a quote \"",
    "'''",
    NULL,
};

/* Shown only with --doc comprehensive: column and object comments. */
static const char *const hostile_comprehensive[] = {
    "\"\"\"; import os; os.system(\"true\"); \"\"\"",
    "\\x41 is not A, \\u0041 is not A, \\N is not NULL\\",
    "two\nlines\r\nthree\ttabbed",
    "ends with a backslash\\",
    "$$ dollar $$ and \"\"\" triple",
    "a schema named with both quote characters",
    NULL,
};

#define HOSTILE_MESSAGE "it's a \"\"\" baseline \\"

static void add_strings(json_t *array, const char *const *strings)
{
	for (; *strings != NULL; strings++)
		assert_int_equal(json_array_append_new(array, json_string(*strings)), 0);
}

static void check_with_python(const char *dir, const struct model *m, enum doc_level doc,
			      bool alembic)
{
	struct baseline_opts o = default_opts(doc);
	struct filter *f = filter_new();
	assert_true(filter_add(f, FILTER_TABLE, "\"link\"\"table\""));
	o.untracked = f;
	o.message = HOSTILE_MESSAGE;

	char *py = emit(m, &o);
	char *name = baseline_revision_filename(&o);
	assert_string_equal(name, "001_baseline_it_s_a_baseline.py");
	char *path = write_temp(dir, name, py, strlen(py));

	json_t *expect = json_array();
	json_array_append_new(expect, json_string(HOSTILE_MESSAGE));
	add_strings(expect, hostile_tables);
	if (doc != DOC_MINIMAL)
		add_strings(expect, hostile_standard);
	if (doc == DOC_COMPREHENSIVE)
		add_strings(expect, hostile_comprehensive);
	char *json = json_dumps(expect, JSON_ENSURE_ASCII);
	assert_non_null(json);
	char *json_path = write_temp(dir, "expect.json", json, strlen(json));

	char *cmd = NULL;
	assert_true(asprintf(&cmd, "%s %s '%s' --revision 001_baseline --expect-strings '%s'%s",
			     PYTHON, CHECKER, path, json_path, alembic ? " --alembic" : "") > 0);
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("check_revision.py failed (exit %d) for --doc level %d:\n%s", rc, (int)doc,
			 py);

	free(cmd);
	free(json_path);
	free(json);
	json_decref(expect);
	unlink(path);
	free(path);
	free(name);
	free(py);
	filter_free(f);
}

static void test_hostile_sample(void **state)
{
	if (access(PYTHON, X_OK) != 0) {
		print_message("skipped: %s not found\n", PYTHON);
		skip();
	}
	if (access(HOSTILE_DUMP, R_OK) != 0 || access(CHECKER, R_OK) != 0)
		fail_msg("%s or %s not found: run the tests from the top of the source tree",
			 HOSTILE_DUMP, CHECKER);
	struct model *m = model_of_file(HOSTILE_DUMP);
	assert_int_equal(m->unparsed.n, 0);
	char *dir = make_temp_dir();
	check_with_python(dir, m, DOC_MINIMAL, false);
	check_with_python(dir, m, DOC_STANDARD, true);
	check_with_python(dir, m, DOC_COMPREHENSIVE, false);
	remove_temp_dir(dir);
	model_free(m);
}

/* Hostile text reaches the source escaped: one line per entry, nothing raw. */
static void test_hostile_source(void **state)
{
	struct model *m = model_of_file(HOSTILE_DUMP);
	struct baseline_opts o = default_opts(DOC_COMPREHENSIVE);
	char *py = emit(m, &o);

	for (const unsigned char *p = (const unsigned char *)py; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			fail_msg("raw control character 0x%02x in the revision", *p);
	assert_lacks(py, "\xe2\x80\x8f"); /* the right-to-left mark, raw */
	assert_contains(py, "rlm\\u200fmark");
	assert_contains(py, "line\\nbreak");
	assert_contains(py, "back\\\\slash\\\\");
	assert_contains(py, "tri\\\"\\\"\"ple");
	/* The fake section stays inside its comment's line. */
	assert_contains(py, "Line one\\nRevision ID: fake\\r\\n\\tindented");
	/* Quoted as psql takes them, and in the source as in __doc__ (no \" where no quote
	 * follows). */
	assert_contains(py, "        - \"\xf0\x9f\x90\x98 elephants\": Line one");
	/* Qualified outside public, the schema's own quotes doubled. */
	assert_contains(py, "\"we'ird \\\"\"schema\\\"\\\"\".\"\xe6\x97\xa5");
	/* SQL literals in the validation queries double the quote. */
	assert_contains(py, "WHERE schemaname IN ('public', 'we''ird \"schema\"')");
	free(py);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_revision_filename), cmocka_unit_test(test_rev_valid),
	    cmocka_unit_test(test_table_tracked),     cmocka_unit_test(test_standard),
	    cmocka_unit_test(test_minimal),	      cmocka_unit_test(test_comprehensive),
	    cmocka_unit_test(test_stats_volume),      cmocka_unit_test(test_unparsed),
	    cmocka_unit_test(test_subpartitions),     cmocka_unit_test(test_empty_model),
	    cmocka_unit_test(test_hostile_source),    cmocka_unit_test(test_hostile_sample),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	load_cleanup();
	return rc;
}
