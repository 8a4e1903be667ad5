/*
 * filter.c
 *	  pg_dump's -n/-N/-t/-T object selection, offline.  Patterns become
 *	  anchored PCRE2 regular expressions the way processSQLNamePattern()
 *	  (fe_utils/string_utils.c) builds its SQL regexes, and
 *	  filter_apply() marks the model with what they select, following
 *	  pg_dump's selectDumpable*() rules.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "filter.h"

#include "diag.h"
#include "model.h"
#include "textquote.h"

#include <pcre2.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* db.schema.name: the most parts a pattern may have. */
#define MAX_PATTERN_PARTS 3

/*
 * One regular expression, compiled twice: names are matched as UTF-8 (so
 * `?` is one character, not one byte), but a dump in another encoding can
 * carry names that are not valid UTF-8, and those are matched byte-wise
 * rather than silently never matching.
 */
struct regex {
	pcre2_code *utf;
	pcre2_code *bytes;
};

/*
 * One -n/-N/-t/-T pattern.  For -n/-N, `name` matches the schema name and
 * `schema` is unused; for -t/-T, `schema` is absent when the pattern had no
 * schema part (it then matches relations in any schema).
 */
struct pattern {
	struct regex schema;
	struct regex name;
	bool has_schema;
	char *text;			   /* the pattern as given, for messages */
	char *schema_source, *name_source; /* the regexes, for filter_sql_included */
};

struct filter {
	struct ptrvec patterns[4]; /* struct pattern *, indexed by enum filter_kind */
	pcre2_general_context *gctx;
	pcre2_compile_context *cctx;
	pcre2_match_data *md; /* shared by every match; we only ask "did it match" */
};

/* PCRE2's allocations go through xmalloc, so they never return NULL. */
static void *pcre_alloc(PCRE2_SIZE n, void *data)
{
	return xmalloc(n);
}

static void pcre_free(void *p, void *data)
{
	free(p);
}

struct filter *filter_new(void)
{
	struct filter *f = xcalloc(1, sizeof(*f));
	f->gctx = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
	f->cctx = pcre2_compile_context_create(f->gctx);
	f->md = pcre2_match_data_create(1, f->gctx);
	return f;
}

static void regex_free(struct regex *re)
{
	pcre2_code_free(re->utf);
	pcre2_code_free(re->bytes);
}

static void pattern_free(struct pattern *p)
{
	regex_free(&p->schema);
	regex_free(&p->name);
	free(p->text);
	free(p->schema_source);
	free(p->name_source);
	free(p);
}

void filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	for (size_t k = 0; k < sizeof(f->patterns) / sizeof(f->patterns[0]); k++) {
		for (size_t i = 0; i < f->patterns[k].n; i++) {
			struct pattern *p = f->patterns[k].v[i];
			pattern_free(p);
		}
		ptrvec_free(&f->patterns[k]);
	}
	pcre2_match_data_free(f->md);
	pcre2_compile_context_free(f->cctx);
	pcre2_general_context_free(f->gctx);
	free(f);
}

/*
 * Pattern → regex translation.  Each part is "^(" ... ")$" as pg_dump
 * writes it.  pg_dump passes regex metacharacters outside double quotes
 * through to the server's regex engine (so `-t 'a+'` is a regex there);
 * we escape them everywhere, as its force_escape mode does, because PCRE2
 * is not PostgreSQL's regex dialect: a pattern valid there could be
 * invalid or mean something else here.  Only `*` and `?` are wildcards.
 */
static const char regex_specials[] = "|*+?()[]{}.^$\\";

static void append_literal_char(struct strbuf *re, char c)
{
	if (strchr(regex_specials, c) != NULL)
		sb_putc(re, '\\');
	sb_putc(re, c);
}

static char ascii_tolower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/*
 * Split pattern at unquoted dots into at most max_parts regexes (parts[0]
 * is the leftmost).  Returns the number of parts, or 0 when there are too
 * many dots.  The caller frees every parts[i] either way.
 */
static int pattern_split(const char *pattern, int max_parts, struct strbuf *parts)
{
	int n = 0;
	bool inquotes = false;

	sb_append(&parts[0], "^(");
	for (const char *cp = pattern; *cp; cp++) {
		char c = *cp;
		if (c == '"') {
			if (inquotes && cp[1] == '"')
				sb_putc(&parts[n], *++cp); /* "" inside quotes is one quote */
			else
				inquotes = !inquotes;
		} else if (inquotes) {
			append_literal_char(&parts[n], c);
		} else if (c == '.') {
			if (n + 1 == max_parts)
				return 0;
			sb_append(&parts[n], ")$");
			sb_append(&parts[++n], "^(");
		} else if (c == '*') {
			/*
			 * A run of stars is one ".*": the same language, but "a.*.*.*b"
			 * backtracks exponentially on a name that does not match.
			 */
			if (cp == pattern || cp[-1] != '*')
				sb_append(&parts[n], ".*");
		} else if (c == '?') {
			sb_putc(&parts[n], '.');
		} else {
			/* Like pg_dump, only ASCII letters fold: identifiers fold that way. */
			append_literal_char(&parts[n], ascii_tolower(c));
		}
	}
	sb_append(&parts[n], ")$");
	return n + 1;
}

static void parts_free(struct strbuf *parts, int n)
{
	for (int i = 0; i < n; i++)
		sb_free(&parts[i]);
}

bool filter_pattern_to_regex(const char *pattern, char **schema_re, char **name_re)
{
	struct strbuf parts[MAX_PATTERN_PARTS];
	for (int i = 0; i < MAX_PATTERN_PARTS; i++)
		sb_init(&parts[i]);

	int n = pattern_split(pattern, MAX_PATTERN_PARTS, parts);
	if (n == 0) {
		parts_free(parts, MAX_PATTERN_PARTS);
		return false;
	}
	/* A database part (db.schema.name) is accepted and ignored: a dump holds one database. */
	*name_re = sb_steal(&parts[n - 1]);
	*schema_re = n >= 2 ? sb_steal(&parts[n - 2]) : NULL;
	parts_free(parts, MAX_PATTERN_PARTS);
	return true;
}

static pcre2_code *compile_one(struct filter *f, const char *source, const char *pattern,
			       uint32_t options)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *code =
	    pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED, options, &err, &off, f->cctx);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		diag_usage_error("invalid pattern \"%s\": %s", pattern, (const char *)msg);
	}
	return code;
}

static bool regex_compile(struct filter *f, const char *source, const char *pattern, uint32_t extra,
			  struct regex *out)
{
	/*
	 * DOTALL: `*` must also match a newline inside a name, as PostgreSQL's
	 * regexes do.  DOLLAR_ENDONLY: `$` must not match before a trailing
	 * newline, or "users" would select a table named "users\n".
	 */
	const uint32_t options = PCRE2_DOTALL | PCRE2_DOLLAR_ENDONLY | extra;

	out->utf = compile_one(f, source, pattern, options | PCRE2_UTF);
	if (out->utf == NULL)
		return false;
	out->bytes = compile_one(f, source, pattern, options);
	return out->bytes != NULL;
}

static bool regex_matches(const struct filter *f, const struct regex *re, const char *s)
{
	int rc = pcre2_match(re->utf, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, f->md, NULL);
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
		rc =
		    pcre2_match(re->bytes, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, f->md, NULL);
	/* 0 only means the one-pair ovector was too small to hold the groups: still a match. */
	return rc >= 0;
}

static void report_too_many_dots(const char *pattern)
{
	diag_usage_error("improper qualified name (too many dotted names): %s", pattern);
}

/*
 * -n/-N patterns name a schema, optionally prefixed by a database
 * (pg_dump accepts db.schema there); -t/-T ones name a relation.  `extra`
 * adds PCRE2 options (PCRE2_CASELESS for the hint of filter_check_matches).
 */
static bool pattern_compile(struct filter *f, enum filter_kind kind, const char *pattern,
			    uint32_t extra, struct pattern *p)
{
	bool schema_kind = kind == FILTER_SCHEMA || kind == FILTER_EXCLUDE_SCHEMA;
	struct strbuf parts[MAX_PATTERN_PARTS];
	bool ok = false;

	for (int i = 0; i < MAX_PATTERN_PARTS; i++)
		sb_init(&parts[i]);
	int n = pattern_split(pattern, schema_kind ? 2 : MAX_PATTERN_PARTS, parts);
	if (n == 0) {
		report_too_many_dots(pattern);
	} else if (schema_kind || n == 1) {
		ok = regex_compile(f, parts[n - 1].data, pattern, extra, &p->name);
		p->name_source = xstrdup(parts[n - 1].data);
	} else {
		p->has_schema = true;
		ok = regex_compile(f, parts[n - 2].data, pattern, extra, &p->schema) &&
		     regex_compile(f, parts[n - 1].data, pattern, extra, &p->name);
		p->schema_source = xstrdup(parts[n - 2].data);
		p->name_source = xstrdup(parts[n - 1].data);
	}
	parts_free(parts, MAX_PATTERN_PARTS);
	return ok;
}

bool filter_add(struct filter *f, enum filter_kind kind, const char *pattern)
{
	struct pattern *p = xcalloc(1, sizeof(*p));
	if (!pattern_compile(f, kind, pattern, 0, p)) {
		pattern_free(p);
		return false;
	}
	p->text = xstrdup(pattern);
	ptrvec_push(&f->patterns[kind], p);
	return true;
}

static bool filter_has(const struct filter *f, enum filter_kind kind)
{
	return f != NULL && f->patterns[kind].n > 0;
}

bool filter_is_empty(const struct filter *f)
{
	return !filter_has(f, FILTER_SCHEMA) && !filter_has(f, FILTER_EXCLUDE_SCHEMA) &&
	       !filter_has(f, FILTER_TABLE) && !filter_has(f, FILTER_EXCLUDE_TABLE);
}

static bool any_schema_pattern_matches(const struct filter *f, enum filter_kind kind,
				       const char *schema)
{
	for (size_t i = 0; i < f->patterns[kind].n; i++) {
		const struct pattern *p = f->patterns[kind].v[i];
		if (regex_matches(f, &p->name, schema))
			return true;
	}
	return false;
}

static bool any_relation_pattern_matches(const struct filter *f, enum filter_kind kind,
					 const char *schema, const char *name)
{
	for (size_t i = 0; i < f->patterns[kind].n; i++) {
		const struct pattern *p = f->patterns[kind].v[i];
		if (p->has_schema && !regex_matches(f, &p->schema, schema))
			continue;
		if (regex_matches(f, &p->name, name))
			return true;
	}
	return false;
}

bool filter_schema_included(const struct filter *f, const char *schema)
{
	if (f == NULL)
		return true;
	if (schema == NULL)
		schema = "";
	if (filter_has(f, FILTER_SCHEMA) && !any_schema_pattern_matches(f, FILTER_SCHEMA, schema))
		return false;
	return !any_schema_pattern_matches(f, FILTER_EXCLUDE_SCHEMA, schema);
}

bool filter_relation_included(const struct filter *f, const char *schema, const char *name)
{
	if (f == NULL)
		return true;
	if (schema == NULL)
		schema = "";
	/* As in pg_dump, -n and -N have no effect on relations once -t is given. */
	bool selected = filter_has(f, FILTER_TABLE)
			    ? any_relation_pattern_matches(f, FILTER_TABLE, schema, name)
			    : filter_schema_included(f, schema);
	return selected && !any_relation_pattern_matches(f, FILTER_EXCLUDE_TABLE, schema, name);
}

/*
 * filter_apply and its helpers.
 */

/*
 * pg_dump's getOwnedSeqs(): a sequence owned by a column is dumped with its
 * table as well as on its own merits, except that an identity sequence
 * goes only with its table.
 */
static bool sequence_included(const struct filter *f, const struct sequence *s)
{
	if (s->owned_by_table == NULL)
		return filter_relation_included(f, s->h.schema, s->h.name);
	const char *owner_schema = s->owned_by_schema ? s->owned_by_schema : s->h.schema;
	bool owner_included = filter_relation_included(f, owner_schema, s->owned_by_table);
	if (s->identity)
		return owner_included;
	return owner_included || filter_relation_included(f, s->h.schema, s->h.name);
}

static void include_relations(struct model *m, const struct filter *f)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = m->tables.v[i];
		t->h.included = filter_relation_included(f, t->h.schema, t->h.name);
	}
	for (size_t i = 0; i < m->views.n; i++) {
		struct view *v = m->views.v[i];
		v->h.included = filter_relation_included(f, v->h.schema, v->h.name);
	}
	for (size_t i = 0; i < m->sequences.n; i++) {
		struct sequence *s = m->sequences.v[i];
		s->h.included = sequence_included(f, s);
	}
}

/*
 * An index goes with its table or materialized view, whose inclusion
 * depends only on its schema and name, so no lookup is needed.  The lists
 * hanging off tables and views should hold the same objects as m->indexes;
 * they are walked too so an index reachable only from its table still
 * follows it.
 */
static void include_indexes(struct model *m, const struct filter *f)
{
	for (size_t i = 0; i < m->indexes.n; i++) {
		struct index *ix = m->indexes.v[i];
		ix->h.included = filter_relation_included(f, ix->h.schema, ix->table);
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = m->tables.v[i];
		for (size_t j = 0; j < t->indexes.n; j++)
			((struct index *)t->indexes.v[j])->h.included = t->h.included;
	}
	for (size_t i = 0; i < m->views.n; i++) {
		struct view *v = m->views.v[i];
		for (size_t j = 0; j < v->indexes.n; j++)
			((struct index *)v->indexes.v[j])->h.included = v->h.included;
	}
}

/* Types and functions are not relations: pg_dump -t dumps none of them. */
static void include_schema_objects(struct model *m, const struct filter *f)
{
	bool by_table = filter_has(f, FILTER_TABLE);
	for (size_t i = 0; i < m->types.n; i++) {
		struct pgtype *ty = m->types.v[i];
		ty->h.included = !by_table && filter_schema_included(f, ty->h.schema);
	}
	for (size_t i = 0; i < m->functions.n; i++) {
		struct function *fn = m->functions.v[i];
		fn->h.included = !by_table && filter_schema_included(f, fn->h.schema);
	}
}

/*
 * pg_dump dumps extensions only when it dumps "everything" (no -n, no -t);
 * we also keep an extension whose schema -n selected, since its objects
 * are what the selected schema's tables use.
 */
static void include_extensions(struct model *m, const struct filter *f)
{
	bool by_table = filter_has(f, FILTER_TABLE);
	bool by_schema = filter_has(f, FILTER_SCHEMA);
	for (size_t i = 0; i < m->extensions.n; i++) {
		struct extension *e = m->extensions.v[i];
		e->h.included =
		    !by_table &&
		    (!by_schema || (e->h.schema != NULL && filter_schema_included(f, e->h.schema)));
	}
}

/*
 * The objects held by name: a rule or statistics object goes with its
 * table; one in a schema with its schema, as types and functions do;
 * a global one (event trigger, publication, cast, server...) is dumped by
 * pg_dump only when it dumps everything, as an extension is.
 */
static void include_named_objects(struct model *m, const struct filter *f)
{
	bool by_table = filter_has(f, FILTER_TABLE);
	bool by_schema = filter_has(f, FILTER_SCHEMA);
	for (size_t i = 0; i < m->objects.n; i++) {
		struct object *o = m->objects.v[i];
		if (o->table != NULL)
			o->h.included = filter_relation_included(f, o->table_schema, o->table);
		else if (o->h.schema != NULL)
			o->h.included = !by_table && filter_schema_included(f, o->h.schema);
		else
			o->h.included = !by_table && !by_schema;
	}
}

/* Default privileges as pg_dump selects them: IN SCHEMA with the schema, global ones when
 * dumping everything. */
static void include_default_acls(struct model *m, const struct filter *f)
{
	bool by_table = filter_has(f, FILTER_TABLE);
	bool by_schema = filter_has(f, FILTER_SCHEMA);
	for (size_t i = 0; i < m->default_acls.n; i++) {
		struct default_acl *d = m->default_acls.v[i];
		d->h.included = d->h.schema != NULL
				    ? !by_table && filter_schema_included(f, d->h.schema)
				    : !by_table && !by_schema;
	}
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void push_if_included(struct ptrvec *names, const struct objhdr *h)
{
	if (h->included && h->schema != NULL)
		ptrvec_push(names, (void *)h->schema);
}

/* Schema names holding an included table, view or sequence, sorted for bsearch. */
static struct ptrvec schemas_with_relations(const struct model *m)
{
	struct ptrvec names = {0};
	for (size_t i = 0; i < m->tables.n; i++)
		push_if_included(&names, &((const struct table *)m->tables.v[i])->h);
	for (size_t i = 0; i < m->views.n; i++)
		push_if_included(&names, &((const struct view *)m->views.v[i])->h);
	for (size_t i = 0; i < m->sequences.n; i++)
		push_if_included(&names, &((const struct sequence *)m->sequences.v[i])->h);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof(names.v[0]), compare_strings);
	return names;
}

/*
 * With -t, pg_dump dumps no schema; we list those that hold a selected
 * relation so the report can still say where each relation lives.
 */
static void include_schemas(struct model *m, const struct filter *f)
{
	if (!filter_has(f, FILTER_TABLE)) {
		for (size_t i = 0; i < m->schemas.n; i++) {
			struct schema *s = m->schemas.v[i];
			s->h.included = filter_schema_included(f, s->h.name);
		}
		return;
	}
	struct ptrvec names = schemas_with_relations(m);
	for (size_t i = 0; i < m->schemas.n; i++) {
		struct schema *s = m->schemas.v[i];
		s->h.included = names.n > 0 && bsearch(&s->h.name, names.v, names.n,
						       sizeof(names.v[0]), compare_strings) != NULL;
	}
	ptrvec_free(&names);
}

void filter_apply(struct model *m, const struct filter *f)
{
	include_relations(m, f);
	include_indexes(m, f);
	include_schema_objects(m, f);
	include_extensions(m, f);
	include_named_objects(m, f);
	include_default_acls(m, f);
	include_schemas(m, f); /* last: with -t it depends on the relations */
}

/*
 * filter_check_matches and its helpers.
 */

/* The schemas and relations a pattern may select, sorted as the model is. */
struct candidates {
	struct ptrvec schemas;	 /* const char *: every schema name, with repeats */
	struct ptrvec relations; /* const struct objhdr *: tables, views, sequences */
};

static void collect_relations(struct candidates *c, const struct ptrvec *v, size_t hdr_offset)
{
	for (size_t i = 0; i < v->n; i++) {
		const struct objhdr *h =
		    (const struct objhdr *)((const char *)v->v[i] + hdr_offset);
		ptrvec_push(&c->relations, (void *)h);
		if (h->schema != NULL)
			ptrvec_push(&c->schemas, (void *)h->schema);
	}
}

static void collect_candidates(const struct model *m, struct candidates *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < m->schemas.n; i++)
		ptrvec_push(&c->schemas, (void *)((const struct schema *)m->schemas.v[i])->h.name);
	collect_relations(c, &m->tables, offsetof(struct table, h));
	collect_relations(c, &m->views, offsetof(struct view, h));
	collect_relations(c, &m->sequences, offsetof(struct sequence, h));
}

/* The first candidate p selects (a schema name, or a relation's header), or NULL. */
static const void *first_selected(const struct filter *f, const struct pattern *p, bool schema_kind,
				  const struct candidates *c)
{
	if (schema_kind) {
		for (size_t i = 0; i < c->schemas.n; i++)
			if (regex_matches(f, &p->name, c->schemas.v[i]))
				return c->schemas.v[i];
		return NULL;
	}
	for (size_t i = 0; i < c->relations.n; i++) {
		const struct objhdr *h = c->relations.v[i];
		if (p->has_schema && !regex_matches(f, &p->schema, h->schema ? h->schema : ""))
			continue;
		if (regex_matches(f, &p->name, h->name))
			return h;
	}
	return NULL;
}

/* One part of a pattern that selects exactly `name`: bare when it can be, else "quoted". */
static void pattern_part(struct strbuf *sb, const char *name)
{
	bool bare = name[0] != '\0';
	for (const char *p = name; *p && bare; p++)
		bare = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
	if (bare) {
		sb_append(sb, name);
		return;
	}
	sb_putc(sb, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			sb_putc(sb, '"');
		sb_putc(sb, *p);
	}
	sb_putc(sb, '"');
}

/* `text` between single quotes, as a shell reads it back. */
static void shell_quoted(struct strbuf *sb, const char *text)
{
	sb_putc(sb, '\'');
	for (const char *p = text; *p; p++) {
		if (*p == '\'')
			sb_append(sb, "'\\''");
		else
			sb_putc(sb, *p);
	}
	sb_putc(sb, '\'');
}

void filter_pattern_for(struct strbuf *sb, const char *schema, const char *name)
{
	struct strbuf pat;
	sb_init(&pat);
	if (schema != NULL) {
		pattern_part(&pat, schema);
		sb_putc(&pat, '.');
	}
	pattern_part(&pat, name);
	shell_quoted(sb, pat.data);
	sb_free(&pat);
}

/*
 * What to say after "no matching ... for pattern": when the pattern would
 * select something with case ignored, the option that selects it.
 */
static void case_hint(struct filter *f, enum filter_kind kind, const struct pattern *p,
		      const struct candidates *c, struct strbuf *hint)
{
	bool schema_kind = kind == FILTER_SCHEMA;
	struct pattern ci = {0};

	if (pattern_compile(f, kind, p->text, PCRE2_CASELESS, &ci)) {
		const void *found = first_selected(f, &ci, schema_kind, c);
		if (found != NULL) {
			const struct objhdr *h = found;
			sb_printf(hint,
				  "; names are case-sensitive and letters outside double quotes "
				  "fold to lower case: did you mean -%c ",
				  schema_kind ? 'n' : 't');
			if (schema_kind)
				filter_pattern_for(hint, NULL, found);
			else
				filter_pattern_for(hint, p->has_schema ? h->schema : NULL, h->name);
			sb_putc(hint, '?');
		}
	}
	regex_free(&ci.schema);
	regex_free(&ci.name);
	free(ci.schema_source);
	free(ci.name_source);
}

bool filter_check_matches(const struct filter *f, const struct model *m, struct diags *d)
{
	static const enum filter_kind checked[] = {FILTER_SCHEMA, FILTER_TABLE};
	struct candidates c;
	bool ok = true;

	if (!filter_has(f, FILTER_SCHEMA) && !filter_has(f, FILTER_TABLE))
		return true;
	collect_candidates(m, &c);
	for (size_t k = 0; k < sizeof(checked) / sizeof(checked[0]); k++) {
		enum filter_kind kind = checked[k];
		for (size_t i = 0; i < f->patterns[kind].n; i++) {
			const struct pattern *p = f->patterns[kind].v[i];
			if (first_selected(f, p, kind == FILTER_SCHEMA, &c) != NULL)
				continue;
			struct strbuf hint;
			sb_init(&hint);
			/* The filter's compile context only allocates: casting away const is safe.
			 */
			case_hint((struct filter *)f, kind, p, &c, &hint);
			diag_error(d, (struct loc){.file = m->source.file},
				   "no matching %s were found for pattern \"%s\" (-%c)%s",
				   kind == FILTER_SCHEMA ? "schemas" : "tables, views or sequences",
				   p->text, kind == FILTER_SCHEMA ? 'n' : 't',
				   hint.data ? hint.data : "");
			sb_free(&hint);
			ok = false;
		}
	}
	ptrvec_free(&c.schemas);
	ptrvec_free(&c.relations);
	return ok;
}

/*
 * filter_sql_included and its helpers: the same tests in SQL, with the
 * same regexes (PostgreSQL's are what pg_dump's patterns were made for).
 */

static void sql_regex_match(struct strbuf *out, const char *expr, const char *source)
{
	sb_printf(out, "%s OPERATOR(pg_catalog.~) ", expr);
	quote_sql_literal(out, source);
}

/* OR over the patterns of `kind`; "false" when there are none. */
static void sql_any_pattern(const struct filter *f, enum filter_kind kind, const char *schema_expr,
			    const char *name_expr, struct strbuf *out)
{
	bool schema_kind = kind == FILTER_SCHEMA || kind == FILTER_EXCLUDE_SCHEMA;

	if (f->patterns[kind].n == 0) {
		sb_append(out, "false");
		return;
	}
	sb_putc(out, '(');
	for (size_t i = 0; i < f->patterns[kind].n; i++) {
		const struct pattern *p = f->patterns[kind].v[i];
		if (i > 0)
			sb_append(out, " OR ");
		sb_putc(out, '(');
		if (schema_kind) {
			sql_regex_match(out, schema_expr, p->name_source);
		} else {
			if (p->has_schema) {
				sql_regex_match(out, schema_expr, p->schema_source);
				sb_append(out, " AND ");
			}
			sql_regex_match(out, name_expr, p->name_source);
		}
		sb_putc(out, ')');
	}
	sb_putc(out, ')');
}

void filter_sql_included(const struct filter *f, const char *schema_expr, const char *name_expr,
			 struct strbuf *out)
{
	if (f == NULL || filter_is_empty(f)) {
		sb_append(out, "true");
		return;
	}
	sb_putc(out, '(');
	if (filter_has(f, FILTER_TABLE)) {
		sql_any_pattern(f, FILTER_TABLE, schema_expr, name_expr, out);
	} else {
		if (filter_has(f, FILTER_SCHEMA))
			sql_any_pattern(f, FILTER_SCHEMA, schema_expr, name_expr, out);
		else
			sb_append(out, "true");
		if (filter_has(f, FILTER_EXCLUDE_SCHEMA)) {
			sb_append(out, " AND NOT ");
			sql_any_pattern(f, FILTER_EXCLUDE_SCHEMA, schema_expr, name_expr, out);
		}
	}
	if (filter_has(f, FILTER_EXCLUDE_TABLE)) {
		sb_append(out, " AND NOT ");
		sql_any_pattern(f, FILTER_EXCLUDE_TABLE, schema_expr, name_expr, out);
	}
	sb_putc(out, ')');
}

bool filter_add_option(struct filter *f, int option, const char *pattern)
{
	enum filter_kind k = option == 'n'   ? FILTER_SCHEMA
			     : option == 'N' ? FILTER_EXCLUDE_SCHEMA
			     : option == 't' ? FILTER_TABLE
					     : FILTER_EXCLUDE_TABLE;
	return filter_add(f, k, pattern);
}
