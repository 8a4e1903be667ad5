/*
 * build_rename.c
 *	  RENAME and SET SCHEMA: ALTER TABLE ... RENAME TO / RENAME COLUMN /
 *	  RENAME CONSTRAINT / SET SCHEMA, and ALTER INDEX / SEQUENCE / VIEW
 *	  ... RENAME TO / SET SCHEMA.  The object keeps its identity, so what
 *	  refers to it follows: a table's partitions and children, foreign
 *	  keys to it, its indexes, triggers and policies, the sequences it owns
 *	  and the defaults that draw from them, as PostgreSQL's catalog (which
 *	  refers by OID) shows them afterwards.
 */
#include "build_int.h"
#include "sqlident.h"

#include <string.h>

static bool same(const char *schema, const char *name, const char *s2, const char *n2)
{
	return schema && name && s2 && n2 && strcmp(schema, s2) == 0 && strcmp(name, n2) == 0;
}

/* A default drawing from sequence old (nextval('old'::regclass)) now names seq. */
static void retarget_defaults(struct builder *b, const char *old_schema, const char *old_name,
			      const struct sequence *seq)
{
	const char *from = build_nextval_default(b, old_schema, old_name);
	const char *to = build_nextval_default(b, seq->h.schema, seq->h.name);
	for (size_t i = 0; i < b->m->tables.n; i++) {
		struct table *t = b->m->tables.v[i];
		for (size_t j = 0; j < t->columns.n; j++) {
			struct column *c = t->columns.v[j];
			if (c->default_expr && strcmp(c->default_expr, from) == 0)
				c->default_expr = to;
		}
	}
}

static void move_sequence(struct builder *b, struct sequence *s, const char *schema,
			  const char *name)
{
	const char *old_schema = s->h.schema, *old_name = s->h.name;
	model_rename_relation(b->m, &s->h, schema, name);
	retarget_defaults(b, old_schema, old_name, s);
}

/* Table t was old_schema.old_name: what names it by name follows. */
static void retarget_table(struct builder *b, struct table *t, const char *old_schema,
			   const char *old_name)
{
	const char *q = arena_printf(b->a, "%s.%s", t->h.schema, t->h.name);
	const char *old_q = arena_printf(b->a, "%s.%s", old_schema, old_name);
	for (size_t i = 0; i < t->children.n; i++) {
		struct table *c = t->children.v[i];
		if (same(c->parent_schema, c->parent_table, old_schema, old_name)) {
			c->parent_schema = t->h.schema;
			c->parent_table = t->h.name;
		}
		for (size_t j = 0; j < c->inherits.n; j++)
			if (strcmp(c->inherits.v[j], old_q) == 0)
				c->inherits.v[j] = (void *)q;
	}
	for (size_t i = 0; i < b->m->tables.n; i++) {
		struct table *o = b->m->tables.v[i];
		for (size_t j = 0; j < o->constraints.n; j++) {
			struct constraint *c = o->constraints.v[j];
			if (c->kind == CON_FOREIGN &&
			    same(c->ref_schema, c->ref_table, old_schema, old_name)) {
				c->ref_schema = t->h.schema;
				c->ref_table = t->h.name;
			}
		}
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		struct index *ix = t->indexes.v[i];
		ix->table = t->h.name;
		if (strcmp(ix->h.schema, t->h.schema) != 0)
			model_rename_relation(b->m, &ix->h, t->h.schema, ix->h.name);
	}
	for (size_t i = 0; i < t->triggers.n; i++) {
		struct trigger *tr = t->triggers.v[i];
		tr->table_schema = t->h.schema;
		tr->table = t->h.name;
	}
	for (size_t i = 0; i < t->policies.n; i++) {
		struct policy *p = t->policies.v[i];
		p->table_schema = t->h.schema;
		p->table = t->h.name;
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		const char *name = ((struct constraint *)t->constraints.v[i])->name;
		model_note_constraint_name(b->m, t->h.schema, name);
		if (strcmp(old_schema, t->h.schema) != 0)
			model_forget_constraint_name(b->m, old_schema, name);
	}
	/* Sequences it owns: renamed with it? No; moved with it to a new schema, yes. */
	for (size_t i = 0; i < b->m->sequences.n; i++) {
		struct sequence *s = b->m->sequences.v[i];
		if (!same(s->owned_by_schema, s->owned_by_table, old_schema, old_name))
			continue;
		s->owned_by_schema = t->h.schema;
		s->owned_by_table = t->h.name;
		if (strcmp(s->h.schema, t->h.schema) != 0)
			move_sequence(b, s, t->h.schema, s->h.name);
	}
}

static void move_table(struct builder *b, struct table *t, const char *schema, const char *name)
{
	const char *old_schema = t->h.schema, *old_name = t->h.name;
	model_rename_relation(b->m, &t->h, schema, name);
	retarget_table(b, t, old_schema, old_name);
}

static bool ident_char(char c)
{
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

const char *build_find_ident(const char *p, const char *col, size_t *len)
{
	size_t n = strlen(col);
	for (const char *start = p; p && *p; p++) {
		const char *tok = p;
		bool match = false;
		if (*p == '\'') { /* a literal: skip it */
			for (p++; *p && !(*p == '\'' && p[1] != '\''); p++)
				if (*p == '\'')
					p++;
			if (!*p)
				return NULL;
			continue;
		}
		if (*p == '"') {
			size_t i = 0;
			match = true;
			for (p++; *p && !(*p == '"' && p[1] != '"'); p++, i++) {
				if (*p == '"')
					p++;
				match = match && i < n && col[i] == *p;
			}
			if (!*p)
				return NULL;
			match = match && i == n;
		} else if (ident_char(*p) && (p == start || !ident_char(p[-1]))) {
			while (ident_char(p[1]))
				p++;
			match = (size_t)(p + 1 - tok) == n && strncmp(tok, col, n) == 0;
		} else {
			continue;
		}
		/* Not a function's name, nor a type's after "::". */
		const char *after = p + 1;
		while (*after == ' ')
			after++;
		const char *before = tok;
		while (before > start && before[-1] == ' ')
			before--;
		if (match && *after != '(' &&
		    !(before - start >= 2 && before[-1] == ':' && before[-2] == ':')) {
			*len = (size_t)(p + 1 - tok);
			return tok;
		}
	}
	return NULL;
}

/* expr with every reference to column `from` naming `to` instead (NULL stays NULL). */
static const char *rename_refs(struct builder *b, const char *expr, const char *from,
			       const char *to)
{
	size_t len;
	const char *at;
	if (expr == NULL || (at = build_find_ident(expr, from, &len)) == NULL)
		return expr;
	struct strbuf sb;
	sb_init(&sb);
	const char *q = sqlident_quote(b->a, to);
	const char *p = expr;
	do {
		sb_printf(&sb, "%.*s%s", (int)(at - p), p, q);
		p = at + len;
	} while ((at = build_find_ident(p, from, &len)) != NULL);
	sb_append(&sb, p);
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

static void rename_in(struct ptrvec *names, const char *from, const char *to)
{
	for (size_t i = 0; i < names->n; i++)
		if (strcmp(names->v[i], from) == 0)
			names->v[i] = (void *)to;
}

/* The keys that name column from, or mention it in an expression, name to. */
static void rename_keys(struct builder *b, struct ptrvec *keys, const char *from, const char *to)
{
	for (size_t k = 0; k < keys->n; k++) {
		struct index_key *key = keys->v[k];
		if (key->column && strcmp(key->column, from) == 0)
			key->column = arena_strdup(b->a, to);
		key->expression = rename_refs(b, key->expression, from, to);
	}
}

/* RENAME COLUMN: on t and every table below that has it, with what lists it by name. */
static void rename_column(struct builder *b, struct table *t, const char *from, const char *to)
{
	struct ptrvec below = {0};
	build_tables_below(b, t, false, &below);
	for (size_t i = 0; i < below.n; i++) {
		struct table *x = below.v[i];
		struct column *col = table_find_column(x, from);
		if (col == NULL ||
		    (i > 0 && !col->inherited && x->parent_table == NULL && x->inherits.n == 0))
			continue;
		col->name = arena_strdup(b->a, to);
		table_names_changed(x);
		for (size_t j = 0; j < x->constraints.n; j++) {
			struct constraint *c = x->constraints.v[j];
			rename_in(&c->columns, from, col->name);
			rename_in(&c->include, from, col->name);
			for (size_t k = 0; c->kind == CON_EXCLUSION && k < c->columns.n; k++)
				c->columns.v[k] = (void *)rename_refs(b, c->columns.v[k], from, to);
			rename_keys(b, &c->keys, from, to);
			c->expression = rename_refs(b, c->expression, from, to);
			c->where = rename_refs(b, c->where, from, to);
		}
		for (size_t j = 0; j < x->indexes.n; j++) {
			struct index *ix = x->indexes.v[j];
			rename_in(&ix->include, from, col->name);
			for (size_t k = 0; k < ix->columns.n; k++)
				ix->columns.v[k] =
				    (void *)rename_refs(b, ix->columns.v[k], from, to);
			rename_keys(b, &ix->keys, from, to);
			ix->where = rename_refs(b, ix->where, from, to);
		}
		for (size_t j = 0; j < x->columns.n; j++) {
			struct column *c = x->columns.v[j];
			c->generated = rename_refs(b, c->generated, from, to);
		}
		for (size_t j = 0; j < b->m->tables.n; j++) {
			struct table *o = b->m->tables.v[j];
			for (size_t k = 0; k < o->constraints.n; k++) {
				struct constraint *c = o->constraints.v[k];
				if (c->kind == CON_FOREIGN &&
				    same(c->ref_schema, c->ref_table, x->h.schema, x->h.name))
					rename_in(&c->ref_columns, from, col->name);
			}
		}
		for (size_t j = 0; j < b->m->sequences.n; j++) {
			struct sequence *s = b->m->sequences.v[j];
			if (same(s->owned_by_schema, s->owned_by_table, x->h.schema, x->h.name) &&
			    s->owned_by_column && strcmp(s->owned_by_column, from) == 0)
				s->owned_by_column = col->name;
		}
	}
	ptrvec_free(&below);
}

/* The index that backs constraint `c` of t, if the model holds one. */
static struct index *constraint_index(struct table *t, const char *name)
{
	for (size_t i = 0; i < t->indexes.n; i++) {
		struct index *ix = t->indexes.v[i];
		if (ix->constraint && strcmp(ix->constraint, name) == 0)
			return ix;
	}
	return NULL;
}

/* RENAME CONSTRAINT: a CHECK in the tables below too (its inherited copies), unless ONLY. */
static void rename_constraint(struct builder *b, struct table *t, const char *from, const char *to,
			      bool recurse)
{
	struct ptrvec below = {0};
	if (recurse)
		build_tables_below(b, t, false, &below);
	else
		ptrvec_push(&below, t);
	for (size_t i = 0; i < below.n; i++) {
		struct table *x = below.v[i];
		struct constraint *c = table_find_constraint(x, from);
		if (c == NULL || (i > 0 && c->kind != CON_CHECK))
			continue;
		struct index *ix = constraint_index(x, from);
		c->name = arena_strdup(b->a, to);
		table_names_changed(x);
		model_forget_constraint_name(b->m, x->h.schema, from);
		model_note_constraint_name(b->m, x->h.schema, c->name);
		if (ix) {
			ix->constraint = c->name;
			model_rename_relation(b->m, &ix->h, ix->h.schema, c->name);
		}
	}
	ptrvec_free(&below);
}

/* ALTER INDEX ... RENAME TO: an index the model holds, or a key constraint's index. */
static void rename_index(struct builder *b, const RangeVar *rv, const char *to)
{
	const char *schema = build_rv_schema(b, rv);
	struct index *ix = model_find_index(b->m, schema, rv->relname);
	if (ix && ix->constraint == NULL) {
		model_rename_relation(b->m, &ix->h, schema, to);
		return;
	}
	/* The constraint takes the name of the index that backs it. */
	for (size_t i = 0; i < b->m->tables.n; i++) {
		struct table *t = b->m->tables.v[i];
		struct constraint *c;
		if (strcmp(t->h.schema, schema) == 0 &&
		    (c = table_find_constraint(t, rv->relname)) &&
		    (c->kind == CON_PRIMARY || c->kind == CON_UNIQUE || c->kind == CON_EXCLUSION)) {
			rename_constraint(b, t, rv->relname, to, false);
			return;
		}
	}
	if (ix == NULL && !model_find_table(b->m, schema, rv->relname))
		build_warn(b, rv->location, "no such index: %s.%s", schema, rv->relname);
}

/* A relation of any kind named by rv: RENAME TO or SET SCHEMA it. */
static bool move_relation(struct builder *b, const RangeVar *rv, const char *schema,
			  const char *name)
{
	const char *from = build_rv_schema(b, rv);
	struct table *t = build_find_table(b, rv);
	struct view *v;
	struct sequence *s;
	struct index *ix;

	if (t) {
		move_table(b, t, schema ? schema : t->h.schema, name ? name : t->h.name);
	} else if ((v = model_find_view(b->m, from, rv->relname))) {
		model_rename_relation(b->m, &v->h, schema ? schema : from, name ? name : v->h.name);
	} else if ((s = model_find_sequence(b->m, from, rv->relname))) {
		move_sequence(b, s, schema ? schema : from, name ? name : s->h.name);
	} else if (name && (ix = model_find_index(b->m, from, rv->relname))) {
		model_rename_relation(b->m, &ix->h, from, name);
	} else {
		return false;
	}
	return true;
}

void build_rename(struct builder *b, const RenameStmt *rs)
{
	const RangeVar *rv = rs->relation;
	struct table *t;

	if (rv == NULL || rs->newname == NULL)
		return; /* functions, types, schemas...: not followed */
	switch (rs->renameType) {
	case OBJECT_TABLE:
	case OBJECT_FOREIGN_TABLE:
	case OBJECT_VIEW:
	case OBJECT_MATVIEW:
	case OBJECT_SEQUENCE:
		if (!move_relation(b, rv, NULL, rs->newname) && !rs->missing_ok)
			build_warn(b, rv->location, "no such relation: %s.%s",
				   build_rv_schema(b, rv), rv->relname);
		break;
	case OBJECT_INDEX:
		rename_index(b, rv, rs->newname);
		break;
	case OBJECT_COLUMN:
	case OBJECT_TABCONSTRAINT:
		t = build_find_table(b, rv);
		if (t == NULL) {
			if (!rs->missing_ok && rs->relationType != OBJECT_VIEW &&
			    rs->relationType != OBJECT_MATVIEW)
				build_warn(b, rv->location, "no such table: %s.%s",
					   build_rv_schema(b, rv), rv->relname);
			break;
		}
		if (rs->subname == NULL)
			break;
		if (rs->renameType == OBJECT_COLUMN && table_find_column(t, rs->subname))
			rename_column(b, t, rs->subname, rs->newname);
		else if (rs->renameType == OBJECT_TABCONSTRAINT &&
			 table_find_constraint(t, rs->subname))
			rename_constraint(b, t, rs->subname, rs->newname, rv->inh);
		else
			build_warn(b, rv->location, "%s \"%s\" of table %s.%s does not exist",
				   rs->renameType == OBJECT_COLUMN ? "column" : "constraint",
				   rs->subname, t->h.schema, t->h.name);
		break;
	default:
		break;
	}
}

void build_set_schema(struct builder *b, const AlterObjectSchemaStmt *as)
{
	const RangeVar *rv = as->relation;
	if (rv == NULL || as->newschema == NULL)
		return; /* types, functions...: not followed */
	switch (as->objectType) {
	case OBJECT_TABLE:
	case OBJECT_FOREIGN_TABLE:
	case OBJECT_VIEW:
	case OBJECT_MATVIEW:
	case OBJECT_SEQUENCE:
		if (!move_relation(b, rv, as->newschema, NULL) && !as->missing_ok)
			build_warn(b, rv->location, "no such relation: %s.%s",
				   build_rv_schema(b, rv), rv->relname);
		break;
	default:
		break;
	}
}
