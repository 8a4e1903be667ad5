/*
 * lint.c
 *	  The lint rules' table (ids, severities, explanations), one run of
 *	  the enabled rules over a model (the rules are lint_rules.c's), the
 *	  findings' order, and the ignore file of accepted findings.
 */
#include "lint_int.h"

#include "stats.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct lint_rule lint_rules[] = {
    [R_NO_PRIMARY_KEY] =
	{"no-primary-key", LINT_WARNING, true, true, "a table has no primary key",
	 "Without a primary key rows cannot be addressed one by one: logical "
	 "replication cannot replicate UPDATE and DELETE, ORMs cannot map the table, "
	 "and duplicate rows go unnoticed.",
	 "Add a PRIMARY KEY (an identity column if nothing natural is unique)."},
    [R_FK_WITHOUT_INDEX] =
	{"fk-without-index", LINT_WARNING, true, true,
	 "a foreign key has no index whose leading columns are its columns",
	 "Every DELETE or key UPDATE on the referenced table scans the "
	 "referencing table to check the key, and joins along the key cannot use "
	 "an index.",
	 "CREATE INDEX CONCURRENTLY on the foreign key's columns, in its order."},
    [R_FK_TYPE_MISMATCH] = {"fk-type-mismatch", LINT_ERROR, true, true,
			    "a foreign key column's type differs from the referenced column's",
			    "Comparing different types needs a cast on every check and join, may "
			    "keep indexes from being used, and an int column referencing a bigint "
			    "key fails once the key outgrows it.",
			    "ALTER COLUMN ... TYPE to the referenced column's type."},
    [R_REDUNDANT_INDEX] = {"redundant-index", LINT_WARNING, true, true,
			   "an index's columns are a leading prefix of another index's",
			   "An index with the same method and predicate whose columns lead another "
			   "index serves no query the longer one cannot, yet costs every write and "
			   "its space.",
			   "DROP INDEX CONCURRENTLY the shorter index, after checking that no "
			   "constraint or hint names it."},
    [R_INT_PRIMARY_KEY] =
	{"int-primary-key", LINT_INFO, true, true,
	 "a primary key column is integer or smallint (serial), which can run out",
	 "An integer key stops at 2,147,483,647 (smallint at 32,767); changing the "
	 "type later rewrites the table and every referencing one under an "
	 "exclusive lock.",
	 "Use bigint (bigserial, or bigint GENERATED ... AS IDENTITY) for keys that "
	 "grow."},
    [R_TIMESTAMP_WITHOUT_TIME_ZONE] =
	{"timestamp-without-time-zone", LINT_INFO, true, false,
	 "a column is timestamp without time zone",
	 "timestamp without time zone stores a wall-clock reading without its zone: values "
	 "written from sessions in different time zones cannot be compared, and daylight-saving "
	 "changes make some readings ambiguous.",
	 "Use timestamp with time zone (timestamptz); it stores an instant."},
    [R_RLS_WITHOUT_POLICY] = {"rls-without-policy", LINT_WARNING, true, false,
			      "row level security is enabled on a table with no policy",
			      "With RLS enabled and no policy, every role but the owner (and "
			      "superusers and BYPASSRLS roles) sees no rows and can change none: "
			      "usually a policy that was forgotten or dropped.",
			      "CREATE POLICY for the roles that use the table, or DISABLE ROW "
			      "LEVEL SECURITY."},
    [R_POLICY_WITHOUT_RLS] =
	{"policy-without-rls", LINT_ERROR, true, false,
	 "a policy is defined on a table whose row level security is off",
	 "Policies do nothing until row level security is enabled on their "
	 "table: the rows they are meant to hide are visible to every role "
	 "with the privilege.",
	 "ALTER TABLE ... ENABLE ROW LEVEL SECURITY (and FORCE it if the owner "
	 "must obey the policies too), or drop the policy."},
    [R_SECURITY_DEFINER_SEARCH_PATH] =
	{"security-definer-search-path", LINT_ERROR, true, false,
	 "a SECURITY DEFINER function does not SET search_path",
	 "A SECURITY DEFINER function runs with its owner's privileges but resolves unqualified "
	 "names through the caller's search_path: a caller who can create objects in a schema "
	 "on that path can make the function run their code as the owner.",
	 "ALTER FUNCTION ... SET search_path = pg_catalog, pg_temp (and qualify names in the "
	 "body), or make it SECURITY INVOKER."},
    [R_SQLALCHEMY_RESERVED_NAME] =
	{"sqlalchemy-reserved-name", LINT_WARNING, true, false,
	 "a column is named as an attribute SQLAlchemy's Declarative "
	 "reserves (metadata, registry)",
	 "A declarative model cannot have an attribute named metadata or "
	 "registry: the class definition fails, so the column needs a "
	 "different attribute name in every model.",
	 "Map it under another attribute name (x_metadata = "
	 "Column(\"metadata\", ...)), or rename the column."},
    [R_NULLABLE_UNIQUE] = {"nullable-unique", LINT_INFO, true, false,
			   "a unique constraint or index has a column that allows NULL",
			   "NULLs are distinct from each other in a unique index, so any number of "
			   "rows with a NULL in a key column are accepted: the key is unique only "
			   "where it is complete.",
			   "SET NOT NULL on the columns, or use UNIQUE NULLS NOT DISTINCT "
			   "(PostgreSQL 15)."},
    [R_NOT_VALID_CONSTRAINT] =
	{"not-valid-constraint", LINT_WARNING, true, false, "a constraint is NOT VALID",
	 "A NOT VALID constraint is checked for new rows only: existing rows "
	 "may break it, and the planner cannot rely on it.",
	 "ALTER TABLE ... VALIDATE CONSTRAINT (it takes only a SHARE UPDATE "
	 "EXCLUSIVE lock)."},
    [R_UNLOGGED_TABLE] = {"unlogged-table", LINT_WARNING, true, true, "a table is UNLOGGED",
			  "An unlogged table is emptied after a crash and is not replicated to "
			  "standbys: its data is lost on failover.",
			  "ALTER TABLE ... SET LOGGED if the data must survive (it rewrites the "
			  "table)."},
    [R_IDENTIFIER_NEEDS_QUOTING] =
	{"identifier-needs-quoting", LINT_INFO, true, false,
	 "a name needs double quotes in SQL (upper case, a space, a "
	 "keyword...)",
	 "Every query, migration and tool must quote the name exactly, and "
	 "an unquoted mention silently names another (lower-case) object "
	 "or fails.",
	 "Rename it to lower case letters, digits and underscores that are "
	 "not a keyword."},
    [R_TABLE_WITHOUT_COMMENT] = {"table-without-comment", LINT_INFO, false, false,
				 "a table has no COMMENT",
				 "An auditor or a new developer has only the name to go by.",
				 "COMMENT ON TABLE ... IS '...' saying what a row is."},
};
const size_t lint_n_rules = N_LINT_RULES;

const struct lint_rule *lint_find_rule(const char *id)
{
	for (size_t i = 0; i < N_LINT_RULES; i++)
		if (strcmp(lint_rules[i].id, id) == 0)
			return &lint_rules[i];
	return NULL;
}

static const char *const severity_names[] = {"info", "warning", "error"};

const char *lint_severity_name(enum lint_severity s)
{
	return severity_names[s];
}

bool lint_parse_severity(const char *s, enum lint_severity *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, severity_names[i]) == 0) {
			*out = (enum lint_severity)i;
			return true;
		}
	return false;
}

void lint_opts_init(struct lint_opts *o)
{
	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < N_LINT_RULES; i++)
		o->enabled[i] = lint_rules[i].on_by_default;
}

void lint_add(struct lint_ctx *c, enum lint_rule_id id, const char *kind, const char *object,
	      int line, int col, const struct table *t, const char *fmt, ...)
{
	struct lint_finding *f = arena_alloc(c->r->arena, sizeof(*f));
	va_list ap;
	char *msg = NULL;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	f->rule = &lint_rules[id];
	f->severity = f->rule->severity;
	f->kind = kind;
	f->object = arena_strdup(c->r->arena, object);
	f->message = arena_strdup(c->r->arena, msg ? msg : "");
	free(msg);
	f->loc = (struct loc){.file = c->m->source.file, .line = line, .col = col};
	f->rows = -1;
	f->table = t;
	if (t != NULL && c->o->stats != NULL)
		f->rows = stats_rows(c->o->stats, t->h.schema, t->h.name);
	if (f->rule->grows_with_rows && f->rows >= LINT_BIG_TABLE_ROWS && f->severity < LINT_ERROR)
		f->severity++;
	ptrvec_push(&c->r->findings, f);
}

/* By location (unknown last), then rule, then object: the dump's order. */
static int finding_cmp(const void *pa, const void *pb)
{
	const struct lint_finding *a = *(const struct lint_finding *const *)pa;
	const struct lint_finding *b = *(const struct lint_finding *const *)pb;
	unsigned la = a->loc.line > 0 ? (unsigned)a->loc.line : ~0u;
	unsigned lb = b->loc.line > 0 ? (unsigned)b->loc.line : ~0u;
	if (la != lb)
		return la < lb ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return strcmp(a->object, b->object);
}

static void recount(struct lint_report *r)
{
	memset(r->counts, 0, sizeof(r->counts));
	for (size_t i = 0; i < r->findings.n; i++)
		r->counts[((const struct lint_finding *)r->findings.v[i])->severity]++;
}

void lint_report_start(struct lint_report *r)
{
	memset(r, 0, sizeof(*r));
	r->arena = arena_new();
}

void lint_report_finish(struct lint_report *r)
{
	if (r->findings.n > 1)
		qsort(r->findings.v, r->findings.n, sizeof(void *), finding_cmp);
	recount(r);
}

void lint_report_free(struct lint_report *r)
{
	ptrvec_free(&r->findings);
	arena_free(r->arena);
	memset(r, 0, sizeof(*r));
}

bool lint_report_fails(const struct lint_report *r, enum lint_severity s)
{
	for (int i = s; i <= LINT_ERROR; i++)
		if (r->counts[i] > 0)
			return true;
	return false;
}

/* The ignore file. */

struct ignore_entry {
	const char *rule;
	const char *object;
	int line;
	bool used;
};

struct lint_ignore {
	struct arena *arena;
	const char *path;
	struct ptrvec entries; /* struct ignore_entry * */
};

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* One line (without its newline) into an entry; false after reporting. */
static bool parse_entry(struct lint_ignore *ig, const char *text, int line, struct diags *d)
{
	const char *p = skip_space(text), *start;
	struct loc l = {.file = ig->path, .line = line, .col = (int)(p - text) + 1};

	if (*p == '\0' || *p == '#')
		return true;
	for (start = p; *p && *p != ' ' && *p != '\t' && *p != '#';)
		p++;
	char *rule = arena_strndup(ig->arena, start, (size_t)(p - start));
	if (lint_find_rule(rule) == NULL) {
		diag_error(d, l, "unknown rule \"%s\" in the ignore file", rule);
		return false;
	}
	p = skip_space(p);
	/* The object runs to a # outside double quotes; trailing blanks are not its. */
	start = p;
	bool quoted = false;
	for (; *p && (quoted || *p != '#'); p++)
		if (*p == '"')
			quoted = !quoted;
	const char *end = p;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	l.col = (int)(start - text) + 1;
	if (end == start) {
		diag_error(d, l, "an ignore entry needs RULE OBJECT  # reason: no object");
		return false;
	}
	const char *reason = *p == '#' ? skip_space(p + 1) : "";
	if (*reason == '\0') {
		l.col = (int)(p - text) + 1;
		diag_error(d, l, "an ignore entry needs a reason after #: %s %.*s", rule,
			   (int)(end - start), start);
		return false;
	}
	struct ignore_entry *e = arena_alloc(ig->arena, sizeof(*e));
	e->rule = rule;
	e->object = arena_strndup(ig->arena, start, (size_t)(end - start));
	e->line = line;
	ptrvec_push(&ig->entries, e);
	return true;
}

struct lint_ignore *lint_ignore_load(const char *path, struct diags *d)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		diag_error(d, (struct loc){.file = path}, "cannot read the ignore file: %s",
			   strerror(errno));
		return NULL;
	}
	struct lint_ignore *ig = xcalloc(1, sizeof(*ig));
	ig->arena = arena_new();
	ig->path = arena_strdup(ig->arena, path);
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int line = 0;
	bool ok = true;
	while ((n = getline(&buf, &cap, f)) >= 0) {
		line++;
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		if (memchr(buf, '\0', (size_t)n) != NULL) {
			diag_error(d, (struct loc){.file = path, .line = line, .col = 1},
				   "the ignore file holds a NUL byte");
			ok = false;
			break;
		}
		ok = parse_entry(ig, buf, line, d) && ok;
	}
	if (ferror(f)) {
		diag_error(d, (struct loc){.file = path}, "cannot read the ignore file");
		ok = false;
	}
	free(buf);
	fclose(f);
	if (!ok) {
		lint_ignore_free(ig);
		return NULL;
	}
	return ig;
}

void lint_ignore_free(struct lint_ignore *ig)
{
	if (ig == NULL)
		return;
	ptrvec_free(&ig->entries);
	arena_free(ig->arena);
	free(ig);
}

void lint_ignore_apply(struct lint_ignore *ig, struct lint_report *r, struct diags *d)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->findings.n; i++) {
		struct lint_finding *f = r->findings.v[i];
		bool drop = false;
		for (size_t j = 0; j < ig->entries.n; j++) {
			struct ignore_entry *e = ig->entries.v[j];
			if (strcmp(e->rule, f->rule->id) == 0 &&
			    strcmp(e->object, f->object) == 0) {
				e->used = true;
				drop = true;
			}
		}
		if (drop)
			r->ignored++;
		else
			r->findings.v[kept++] = f;
	}
	r->findings.n = kept;
	recount(r);
	for (size_t j = 0; j < ig->entries.n; j++) {
		const struct ignore_entry *e = ig->entries.v[j];
		if (!e->used)
			diag_warn(d, (struct loc){.file = ig->path, .line = e->line, .col = 1},
				  "ignore entry %s %s matches no finding", e->rule, e->object);
	}
}
