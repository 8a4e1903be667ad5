/*
 * facts.c
 *	  What the text-like outputs say about a constraint, a foreign key, an
 *	  index, a column and a domain, decided once (see facts.h).
 */
#include "facts.h"

#include "ddl.h"

#include "sqlident.h"
#include "textquote.h"

#include <stdlib.h>
#include <string.h>

const char *facts_nz(const char *s)
{
	return s ? s : "";
}

bool facts_action_shown(const char *action)
{
	return action != NULL && strcmp(action, "NO ACTION") != 0;
}

size_t facts_fk_clauses(const struct constraint *c, struct fact out[FACTS_MAX])
{
	size_t n = 0;
	if (c->match != NULL && strcmp(c->match, "SIMPLE") != 0)
		out[n++] = (struct fact){
		    .kind = FACT_MATCH, .keyword = "MATCH", .prose = "match", .value = c->match};
	if (facts_action_shown(c->on_delete))
		out[n++] = (struct fact){.kind = FACT_ON_DELETE,
					 .keyword = "ON DELETE",
					 .prose = "on delete",
					 .value = c->on_delete};
	if (facts_action_shown(c->on_update))
		out[n++] = (struct fact){.kind = FACT_ON_UPDATE,
					 .keyword = "ON UPDATE",
					 .prose = "on update",
					 .value = c->on_update};
	return n;
}

size_t facts_constraint_flags(const struct constraint *c, struct fact out[FACTS_MAX])
{
	size_t n = 0;
	if (c->temporal)
		out[n++] = (struct fact){.kind = FACT_TEMPORAL,
					 .keyword = "WITHOUT OVERLAPS / PERIOD",
					 .prose = "temporal"};
	if (c->not_enforced)
		out[n++] = (struct fact){
		    .kind = FACT_NOT_ENFORCED, .keyword = "NOT ENFORCED", .prose = "not enforced"};
	if (c->deferrable)
		out[n++] = (struct fact){
		    .kind = FACT_DEFERRABLE, .keyword = "DEFERRABLE", .prose = "deferrable"};
	if (c->initially_deferred)
		out[n++] = (struct fact){.kind = FACT_INITIALLY_DEFERRED,
					 .keyword = "INITIALLY DEFERRED",
					 .prose = "initially deferred"};
	if (!c->valid)
		out[n++] = (struct fact){
		    .kind = FACT_NOT_VALID, .keyword = "NOT VALID", .prose = "not valid"};
	return n;
}

const char *facts_index_method(const struct index *ix)
{
	if (ix->method == NULL || strcmp(ix->method, "btree") == 0)
		return NULL;
	return ix->method;
}

/* INCLUDE, NULLS NOT DISTINCT and WHERE: the tail that indexes and constraints share. */
static size_t put_key_tail(const struct ptrvec *include, bool nulls_not_distinct, const char *where,
			   struct fact *out)
{
	size_t n = 0;
	if (include->n > 0)
		out[n++] = (struct fact){.kind = FACT_INCLUDE,
					 .keyword = "INCLUDE",
					 .prose = "include",
					 .list = include};
	if (nulls_not_distinct)
		out[n++] = (struct fact){.kind = FACT_NULLS_NOT_DISTINCT,
					 .keyword = "NULLS NOT DISTINCT",
					 .prose = "nulls not distinct"};
	if (where != NULL)
		out[n++] = (struct fact){
		    .kind = FACT_WHERE, .keyword = "WHERE", .prose = "where", .value = where};
	return n;
}

size_t facts_constraint_tail(const struct constraint *c, struct fact out[FACTS_MAX])
{
	size_t n = put_key_tail(&c->include, c->nulls_not_distinct, c->where, out);
	if (c->no_inherit)
		out[n++] = (struct fact){
		    .kind = FACT_NO_INHERIT, .keyword = "NO INHERIT", .prose = "no inherit"};
	return n;
}

size_t facts_index_tail(const struct index *ix, struct fact out[FACTS_MAX])
{
	return put_key_tail(&ix->include, ix->nulls_not_distinct, ix->where, out);
}

size_t facts_column_clauses(const struct column *c, struct fact out[FACTS_MAX])
{
	size_t n = 0;
	if (c->collation != NULL)
		out[n++] = (struct fact){.kind = FACT_COLLATE,
					 .keyword = "COLLATE",
					 .prose = "collate",
					 .value = c->collation};
	if (c->default_expr != NULL)
		out[n++] = (struct fact){.kind = FACT_DEFAULT,
					 .keyword = "DEFAULT",
					 .prose = "default",
					 .value = c->default_expr};
	if (c->identity != IDENTITY_NONE)
		out[n++] = (struct fact){.kind = FACT_IDENTITY,
					 .keyword = "IDENTITY",
					 .prose = "identity",
					 .value = facts_nz(identity_name(c->identity))};
	if (c->generated != NULL)
		out[n++] = (struct fact){.kind = FACT_GENERATED,
					 .keyword = "GENERATED ALWAYS AS",
					 .prose = "generated",
					 .value = c->generated,
					 .variant = c->virtual_generated};
	if (c->inherited)
		out[n++] = (struct fact){
		    .kind = FACT_INHERITED, .keyword = "INHERITED", .prose = "inherited"};
	return n;
}

size_t facts_domain_clauses(const struct pgtype *ty, struct fact out[FACTS_MAX])
{
	size_t n = 0;
	if (ty->collation != NULL)
		out[n++] = (struct fact){.kind = FACT_COLLATE,
					 .keyword = "COLLATE",
					 .prose = "collate",
					 .value = ty->collation};
	if (ty->not_null)
		out[n++] = (struct fact){
		    .kind = FACT_NOT_NULL, .keyword = "NOT NULL", .prose = "not null"};
	if (ty->default_expr != NULL)
		out[n++] = (struct fact){.kind = FACT_DEFAULT,
					 .keyword = "DEFAULT",
					 .prose = "default",
					 .value = ty->default_expr};
	return n;
}

struct fact facts_type_head(const struct pgtype *ty)
{
	switch (ty->kind) {
	case TYPE_ENUM:
		return (struct fact){.kind = FACT_TYPE, .keyword = "ENUM", .prose = "enum"};
	case TYPE_COMPOSITE:
		return (struct fact){
		    .kind = FACT_TYPE, .keyword = "COMPOSITE", .prose = "composite"};
	case TYPE_DOMAIN:
		return (struct fact){.kind = FACT_TYPE,
				     .keyword = "DOMAIN",
				     .prose = "domain over",
				     .value = facts_nz(ty->base_type)};
	case TYPE_RANGE:
		return (struct fact){.kind = FACT_TYPE,
				     .keyword = "RANGE",
				     .prose = "range of",
				     .value = facts_nz(ty->subtype)};
	case TYPE_BASE:
		break;
	}
	return (struct fact){.kind = FACT_TYPE, .keyword = "BASE", .prose = "base type"};
}

void facts_put_sql(struct strbuf *sb, const struct fact *f, size_t n, facts_put_fn put,
		   facts_put_fn put_name)
{
	for (size_t i = 0; i < n; i++) {
		sb_putc(sb, ' ');
		sb_append(sb, f[i].keyword);
		if (f[i].list != NULL) {
			sb_append(sb, " (");
			for (size_t j = 0; j < f[i].list->n; j++) {
				if (j > 0)
					sb_append(sb, ", ");
				put_name(sb, facts_nz(f[i].list->v[j]));
			}
			sb_putc(sb, ')');
		} else if (f[i].value != NULL) {
			sb_putc(sb, ' ');
			put(sb, f[i].value);
		}
	}
}

void facts_put_name(struct strbuf *sb, const char *name)
{
	if (name != NULL && name[0] != '\0')
		quote_sql_ident(sb, name);
}

void facts_put_qualified(struct strbuf *sb, const char *schema, const char *name)
{
	if (schema != NULL) {
		facts_put_name(sb, schema);
		sb_putc(sb, '.');
	}
	facts_put_name(sb, name);
}

void facts_put_index_key(struct strbuf *sb, const struct index_key *k)
{
	ddl_index_key(sb, k, true);
}

void facts_put_index_keys(struct strbuf *sb, const struct ptrvec *pv)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			sb_append(sb, ", ");
		facts_put_index_key(sb, pv->v[i]);
	}
}

void facts_put_names(struct strbuf *sb, const struct ptrvec *pv)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			sb_append(sb, ", ");
		facts_put_name(sb, pv->v[i]);
	}
}

void facts_put_function(struct strbuf *sb, const char *schema, const struct function *fn)
{
	const char *name = facts_nz(fn->h.name);
	size_t len = strlen(name);
	/* The signature is "name(arguments)": its name is written as a name. */
	if (fn->signature != NULL &&
	    (strncmp(fn->signature, name, len) != 0 || fn->signature[len] != '(')) {
		facts_put_qualified(sb, schema, NULL);
		sb_append(sb, fn->signature); /* not of that form: as it is */
		return;
	}
	facts_put_qualified(sb, schema, name);
	if (fn->signature != NULL)
		sb_append(sb, fn->signature + len);
	else
		sb_printf(sb, "(%s)", facts_nz(fn->arguments));
}

void facts_put_parent(struct strbuf *sb, const struct table_index *ix, const char *qualified)
{
	const char *s = facts_nz(qualified), *dot = strchr(s, '.');
	const char *split = dot != NULL && strchr(dot + 1, '.') == NULL ? dot : NULL;
	for (const char *d = dot; split == NULL && ix != NULL && d != NULL;
	     d = strchr(d + 1, '.')) {
		char *schema = xstrdup(s);
		schema[d - s] = '\0';
		if (table_index_find(ix, schema, d + 1) >= 0)
			split = d;
		free(schema);
	}
	if (split == NULL) {
		sb_append(sb, s);
		return;
	}
	char *schema = xstrdup(s);
	schema[split - s] = '\0';
	facts_put_qualified(sb, schema, split + 1);
	free(schema);
}
