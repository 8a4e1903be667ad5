/*
 * fingerprint.c
 *	  Canonical serialisation of the model and its SHA-256.
 *
 *	  What counts is the schema's shape: tables, columns (type, nullability,
 *	  default, identity, generated, collation), constraints, indexes, views,
 *	  sequences, types, functions, triggers, policies, extensions.  Owners,
 *	  grants, comments and row counts are documentation, not shape, and are
 *	  left out, so dev, staging and prod dumps of the same schema agree.
 */
#include "fingerprint.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fields are separated by tabs; escape what could break a line or a field. */
static void put_field(struct strbuf *sb, const char *s)
{
	sb_putc(sb, '\t');
	if (s == NULL) {
		sb_append(sb, "\\N");
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			sb_append(sb, "\\\\");
			break;
		case '\n':
			sb_append(sb, "\\n");
			break;
		case '\r':
			sb_append(sb, "\\r");
			break;
		case '\t':
			sb_append(sb, "\\t");
			break;
		default:
			sb_putc(sb, *s);
		}
	}
}

/* One line: a kind word, then fields (NULL-terminated varargs). */
static void add_line(struct ptrvec *out, const char *kind, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	sb_append(&sb, kind);
	va_start(ap, kind);
	for (;;) {
		const char *f = va_arg(ap, const char *);
		if (f == (const char *)-1)
			break;
		put_field(&sb, f);
	}
	va_end(ap);
	ptrvec_push(out, sb_steal(&sb));
}

#define END ((const char *)-1)

/*
 * A list as one field: each element between double quotes, with '\\' and
 * '"' escaped by a backslash, elements separated by ", "; an absent
 * element is \N.  So the text reads back to exactly one list: an empty
 * list is "", a list of one empty element is "\"\"", and a separator or a
 * quote inside an element cannot split or join elements.
 */
static void list_element(struct strbuf *sb, const char *s)
{
	if (sb->len > 0)
		sb_append(sb, ", ");
	if (s == NULL) {
		sb_append(sb, "\\N");
		return;
	}
	sb_putc(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_putc(sb, '\\');
		sb_putc(sb, *s);
	}
	sb_putc(sb, '"');
}

static char *join(const struct ptrvec *pv)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < pv->n; i++)
		list_element(&sb, pv->v[i]);
	return sb_steal(&sb);
}

static const char *yesno(bool b)
{
	return b ? "yes" : "no";
}

static const char *con_kind_word(enum con_kind k)
{
	switch (k) {
	case CON_PRIMARY:
		return "primary key";
	case CON_UNIQUE:
		return "unique";
	case CON_FOREIGN:
		return "foreign key";
	case CON_CHECK:
		return "check";
	case CON_EXCLUSION:
		return "exclude";
	}
	return "?";
}

/*
 * PostgreSQL 18 meanings the 15 grammar cannot hold (dialect.h) are fields
 * of their own: a generated column's kind (stored or virtual), and a
 * constraint's enforced and temporal flags.
 */
static const char *generated_kind(const struct column *c)
{
	if (c->generated == NULL)
		return NULL;
	return c->virtual_generated ? "virtual" : "stored";
}

static void table_lines(const struct table *t, struct ptrvec *out)
{
	char attnum[24];

	add_line(out, "table", t->h.schema, t->h.name, table_kind_name(t->kind), yesno(t->unlogged),
		 t->partition_key, t->partition_bound, END);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		snprintf(attnum, sizeof(attnum), "%zu", i + 1);
		add_line(out, "column", t->h.schema, t->h.name, attnum, c->name, c->type,
			 c->not_null ? "not null" : "null", c->default_expr,
			 identity_name(c->identity), c->generated, generated_kind(c), c->collation,
			 END);
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		char *cols = join(&c->columns), *inc = join(&c->include);
		char *refcols = join(&c->ref_columns);
		bool fk = c->kind == CON_FOREIGN;
		add_line(out, "constraint", t->h.schema, t->h.name, c->name, con_kind_word(c->kind),
			 yesno(!c->not_enforced), yesno(c->temporal), cols, inc,
			 yesno(c->nulls_not_distinct), c->ref_schema, c->ref_table, refcols,
			 fk ? c->on_delete : NULL, fk ? c->on_update : NULL, fk ? c->match : NULL,
			 c->expression, c->method, c->where, yesno(c->no_inherit),
			 yesno(c->deferrable), yesno(c->initially_deferred), yesno(c->valid), END);
		free(cols);
		free(inc);
		free(refcols);
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		char *cols = join(&ix->columns), *inc = join(&ix->include);
		add_line(out, "index", ix->h.schema, ix->h.name, ix->table, yesno(ix->unique),
			 yesno(ix->nulls_not_distinct), ix->method, cols, inc, ix->where, END);
		free(cols);
		free(inc);
	}
	for (size_t i = 0; i < t->triggers.n; i++) {
		const struct trigger *tr = t->triggers.v[i];
		add_line(out, "trigger", t->h.schema, t->h.name, tr->name, tr->timing, tr->events,
			 yesno(tr->for_each_row), tr->function, tr->when,
			 yesno(tr->constraint_trigger), END);
	}
	for (size_t i = 0; i < t->policies.n; i++) {
		const struct policy *p = t->policies.v[i];
		char *roles = join(&p->roles);
		add_line(out, "policy", t->h.schema, t->h.name, p->name, p->command,
			 yesno(p->permissive), roles, p->using_expr, p->check_expr, END);
		free(roles);
	}
}

static void type_lines(const struct pgtype *t, struct ptrvec *out)
{
	char *detail = NULL;
	switch (t->kind) {
	case TYPE_ENUM:
		detail = join(&t->labels);
		break;
	case TYPE_COMPOSITE: {
		/* name, type, name, type...: a list of twice as many elements */
		struct strbuf sb;
		sb_init(&sb);
		sb_append(&sb, "");
		for (size_t i = 0; i < t->attributes.n; i++) {
			const struct type_attr *a = t->attributes.v[i];
			list_element(&sb, a->name);
			list_element(&sb, a->type);
		}
		detail = sb_steal(&sb);
		break;
	}
	case TYPE_DOMAIN:
		detail = xstrdup(t->base_type ? t->base_type : "");
		for (size_t i = 0; i < t->checks.n; i++) {
			const struct domain_check *dc = t->checks.v[i];
			add_line(out, "domain check", t->h.schema, t->h.name, dc->name,
				 dc->expression, END);
		}
		break;
	case TYPE_RANGE:
		detail = xstrdup(t->subtype ? t->subtype : "");
		break;
	case TYPE_BASE:
		break;
	}
	add_line(out, "type", t->h.schema, t->h.name, type_kind_name(t->kind), detail,
		 t->kind == TYPE_DOMAIN ? yesno(t->not_null) : NULL, t->default_expr, END);
	free(detail);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void fingerprint_lines(const struct model *m, struct ptrvec *out)
{
	for (size_t i = 0; i < m->schemas.n; i++) {
		const struct schema *s = m->schemas.v[i];
		if (s->h.included)
			add_line(out, "schema", s->h.name, END);
	}
	for (size_t i = 0; i < m->extensions.n; i++) {
		const struct extension *e = m->extensions.v[i];
		/* Every database has plpgsql; pg_dump before 11 writes it, later ones do not. */
		if (e->h.included && strcmp(e->h.name, "plpgsql") != 0)
			add_line(out, "extension", e->h.name, e->h.schema, END);
	}
	for (size_t i = 0; i < m->tables.n; i++)
		if (((const struct table *)m->tables.v[i])->h.included)
			table_lines(m->tables.v[i], out);
	for (size_t i = 0; i < m->views.n; i++) {
		const struct view *v = m->views.v[i];
		if (!v->h.included)
			continue;
		add_line(out, v->materialized ? "materialized view" : "view", v->h.schema,
			 v->h.name, v->definition, END);
		for (size_t j = 0; j < v->indexes.n; j++) {
			const struct index *ix = v->indexes.v[j];
			char *cols = join(&ix->columns), *inc = join(&ix->include);
			add_line(out, "index", ix->h.schema, ix->h.name, ix->table,
				 yesno(ix->unique), yesno(ix->nulls_not_distinct), ix->method, cols,
				 inc, ix->where, END);
			free(cols);
			free(inc);
		}
	}
	for (size_t i = 0; i < m->sequences.n; i++) {
		const struct sequence *s = m->sequences.v[i];
		if (s->h.included)
			add_line(out, "sequence", s->h.schema, s->h.name, s->data_type,
				 s->owned_by_table, s->owned_by_column, yesno(s->identity), END);
	}
	for (size_t i = 0; i < m->types.n; i++)
		if (((const struct pgtype *)m->types.v[i])->h.included)
			type_lines(m->types.v[i], out);
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct function *f = m->functions.v[i];
		if (f->h.included)
			add_line(out, "function", f->h.schema, f->signature,
				 func_kind_name(f->kind), f->returns, f->language, END);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(void *), cmp_line);
}

void fingerprint_lines_free(struct ptrvec *lines)
{
	for (size_t i = 0; i < lines->n; i++)
		free(lines->v[i]);
	ptrvec_free(lines);
}

bool fingerprint_model(const struct model *m, char *buf)
{
	struct ptrvec lines = {0};
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	buf[0] = '\0';
	/* The built-in SHA-256, whatever openssl.cnf this machine has (a static
	 * build carried elsewhere cannot load that config's modules). */
	if (OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL) != 1)
		return false;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (ctx == NULL)
		return false;
	fingerprint_lines(m, &lines);
	bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	for (size_t i = 0; ok && i < lines.n; i++)
		ok = EVP_DigestUpdate(ctx, lines.v[i], strlen(lines.v[i])) == 1 &&
		     EVP_DigestUpdate(ctx, "\n", 1) == 1;
	ok = ok && EVP_DigestFinal_ex(ctx, digest, &len) == 1 && len == 32;
	EVP_MD_CTX_free(ctx);
	fingerprint_lines_free(&lines);
	if (!ok)
		return false;

	strcpy(buf, FINGERPRINT_PREFIX);
	size_t at = strlen(FINGERPRINT_PREFIX);
	for (unsigned int i = 0; i < len; i++)
		snprintf(buf + at + 2 * i, 3, "%02x", digest[i]);
	return true;
}

int fingerprint_diff(const struct ptrvec *a, const struct ptrvec *b, int max, struct strbuf *out)
{
	size_t i = 0, j = 0;
	int n = 0;

	/* Both are sorted: a merge walk finds what each lacks. */
	while (i < a->n || j < b->n) {
		int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->v[i], b->v[j]);
		if (c == 0) {
			i++, j++;
			continue;
		}
		if (n++ < max) {
			const char *line = c < 0 ? a->v[i] : b->v[j];
			sb_printf(out, "  %c ", c < 0 ? '-' : '+');
			for (; *line; line++) /* fields read better apart than tab-separated */
				if (*line == '\t')
					sb_append(out, " | ");
				else
					sb_putc(out, *line);
			sb_putc(out, '\n');
		}
		if (c < 0)
			i++;
		else
			j++;
	}
	return n;
}
