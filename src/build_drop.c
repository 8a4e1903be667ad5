/*
 * build_drop.c
 *	  DROP TABLE / VIEW / MATERIALIZED VIEW / SEQUENCE / INDEX and ALTER
 *	  TABLE ... DROP COLUMN / DROP CONSTRAINT, as PostgreSQL applies them:
 *	  what depends on the object automatically goes with it (a table's
 *	  partitions, indexes, keys and owned sequences; the indexes and
 *	  constraints on a dropped column; the partitions' copies of a dropped
 *	  index or key), what depends on it otherwise goes only with CASCADE
 *	  (foreign keys from other tables, inheritance children), and without
 *	  CASCADE the statement is refused with a warning, as PostgreSQL
 *	  refuses it.
 *
 *	  DROP TYPE / DOMAIN, FUNCTION / PROCEDURE / AGGREGATE / ROUTINE,
 *	  SCHEMA, EXTENSION, TRIGGER and POLICY likewise: a type takes the
 *	  columns, attributes, domains, ranges and functions that use it (with
 *	  CASCADE; without, the first of them refuses the drop), a function its
 *	  triggers, a schema everything in it.  What the model cannot follow
 *	  (expressions that call a dropped function, views over a dropped
 *	  column, an extension's members) is named in a warning.  Dropping
 *	  what does not exist is an error as in PostgreSQL (a warning here)
 *	  unless IF EXISTS says otherwise: pg_dump --clean --if-exists writes
 *	  DROP ... IF EXISTS before the objects are created.
 */
#include "build_int.h"

#include "sqlident.h"
#include "strmap.h"

#include <string.h>

/* Take p out of pv, the others kept in order. */
static void ptrvec_take_item(struct ptrvec *pv, const void *p)
{
	for (size_t i = 0; i < pv->n; i++)
		if (pv->v[i] == p) {
			memmove(&pv->v[i], &pv->v[i + 1], (pv->n - i - 1) * sizeof(pv->v[0]));
			pv->n--;
			return;
		}
}

/* Does the expression text `expr` name `col` as an identifier (bare or quoted)? */
static bool mentions(const char *expr, const char *col)
{
	size_t len;
	return build_find_ident(expr, col, &len) != NULL;
}

static bool list_mentions(const struct ptrvec *pv, const char *col)
{
	for (size_t i = 0; i < pv->n; i++)
		if (mentions(pv->v[i], col))
			return true;
	return false;
}

/* A foreign key of a table outside `victims` that refers to table t (to column col, or any). */
static struct constraint *fk_into(struct model *m, const struct table *t, const char *col,
				  const struct ptrvec *key, const struct ptrvec *victims,
				  struct table **from)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *o = m->tables.v[i];
		bool victim = false;
		for (size_t j = 0; victims && j < victims->n && !victim; j++)
			victim = victims->v[j] == o;
		if (victim)
			continue;
		for (size_t j = 0; j < o->constraints.n; j++) {
			struct constraint *c = o->constraints.v[j];
			if (c->kind == CON_FOREIGN && c->ref_table &&
			    strcmp(c->ref_table, t->h.name) == 0 &&
			    strcmp(c->ref_schema, t->h.schema) == 0 &&
			    (col == NULL || list_mentions(&c->ref_columns, col)) &&
			    (key == NULL || build_strvec_eq(&c->ref_columns, key))) {
				*from = o;
				return c;
			}
		}
	}
	return NULL;
}

/*
 * Foreign keys into t (to column col, to the key `key`, or any) from outside
 * `victims`: dropped with CASCADE, else the drop of `what` ("table s.t") is
 * refused (false).
 */
static bool fks_into(struct builder *b, struct table *t, const char *col, const struct ptrvec *key,
		     const struct ptrvec *victims, bool cascade, const char *what)
{
	struct table *from;
	struct constraint *c;
	while ((c = fk_into(b->m, t, col, key, victims, &from))) {
		if (!cascade) {
			build_warn(
			    b, 0,
			    "cannot drop %s: foreign key %s of %s.%s depends on it (not dropped; "
			    "CASCADE would)",
			    what, c->name, from->h.schema, from->h.name);
			return false;
		}
		table_drop_constraint(b->m, from, c);
	}
	return true;
}

/* The sequences owned by t (its column col, or any): dropped with it. */
static void drop_owned_sequences(struct builder *b, const struct table *t, const char *col)
{
	for (size_t i = b->m->sequences.n; i-- > 0;) {
		struct sequence *s = b->m->sequences.v[i];
		if (s->owned_by_table && strcmp(s->owned_by_table, t->h.name) == 0 &&
		    strcmp(s->owned_by_schema, t->h.schema) == 0 &&
		    (col == NULL || strcmp(s->owned_by_column, col) == 0))
			model_drop_sequence(b->m, s);
	}
}

/* Rules and statistics objects on schema.name go with their table or view. */
static void drop_objects_on(struct builder *b, const char *schema, const char *name)
{
	for (size_t i = b->m->objects.n; i-- > 0;) {
		struct object *o = b->m->objects.v[i];
		if (o->table != NULL && strcmp(o->table, name) == 0 &&
		    build_str_eq(o->table_schema, schema))
			model_drop_object(b->m, o);
	}
}

static void drop_table(struct builder *b, struct table *t, bool cascade)
{
	struct ptrvec victims = {0};
	build_tables_below(b, t, !cascade, &victims);
	/* Without CASCADE, INHERITS children refuse it (partitions go with their table). */
	struct ptrvec all = {0};
	build_tables_below(b, t, false, &all);
	if (all.n > victims.n) {
		build_warn(b, 0,
			   "cannot drop table %s.%s: other tables inherit from it (not dropped; "
			   "CASCADE would)",
			   t->h.schema, t->h.name);
		goto done;
	}
	for (size_t i = 0; i < victims.n; i++)
		if (!fks_into(b, victims.v[i], NULL, NULL, &victims, cascade,
			      arena_printf(b->a, "table %s.%s", t->h.schema, t->h.name)))
			goto done;
	for (size_t i = victims.n; i-- > 0;) {
		struct table *v = victims.v[i];
		drop_owned_sequences(b, v, NULL);
		drop_objects_on(b, v->h.schema, v->h.name);
		model_drop_table(b->m, v);
	}
done:
	ptrvec_free(&victims);
	ptrvec_free(&all);
}

/* An index on a partitioned table takes the partitions' indexes attached to it along. */
static void drop_index(struct builder *b, struct index *ix)
{
	struct table *t = model_find_table(b->m, ix->h.schema, ix->table);
	if (ix->constraint) {
		build_warn(b, 0, "cannot drop index %s.%s: constraint %s requires it (not dropped)",
			   ix->h.schema, ix->h.name, ix->constraint);
		return;
	}
	if (t && t->kind == TABLE_PARTITIONED) {
		struct ptrvec below = {0};
		build_tables_below(b, t, true, &below);
		for (size_t i = 1; i < below.n; i++) {
			struct table *p = below.v[i];
			for (size_t j = 0; j < p->indexes.n; j++) {
				struct index *pi = p->indexes.v[j];
				if (build_index_matches(ix, pi)) {
					model_drop_index(b->m, pi);
					break;
				}
			}
		}
		ptrvec_free(&below);
	}
	model_drop_index(b->m, ix);
}

/* Find schema.name (schema NULL: along search_path) of kind 'T', 'V', 'S', 'I' or 'Y'. */
static void *find_relation(struct builder *b, const List *names, char kind)
{
	const char *schema, *name;
	build_qualname(b, names, &schema, &name);
	for (int i = -1; name && i < b->n_search_path; i++) {
		const char *s = i < 0 ? schema : b->search_path[i];
		if ((i < 0) != (schema != NULL))
			continue;
		void *o = kind == 'T'	? (void *)model_find_table(b->m, s, name)
			  : kind == 'V' ? (void *)model_find_view(b->m, s, name)
			  : kind == 'S' ? (void *)model_find_sequence(b->m, s, name)
			  : kind == 'Y' ? (void *)model_find_type(b->m, s, name)
					: (void *)model_find_index(b->m, s, name);
		if (o)
			return o;
	}
	return NULL;
}

/* "a.b" of a DROP's qualified name list, as written, for a message. */
static const char *written_name(struct builder *b, const Node *obj)
{
	struct strbuf sb;
	ListCell *lc;
	sb_init(&sb);
	sb_append(&sb, "");
	if (obj != NULL && IsA(obj, String))
		sb_append(&sb, strVal(obj));
	else if (obj != NULL && IsA(obj, List))
		foreach (lc, (const List *)obj)
			sb_printf(&sb, "%s%s", foreach_current_index(lc) ? "." : "",
				  node_string(lfirst(lc)) ? node_string(lfirst(lc)) : "?");
	else if (obj != NULL && IsA(obj, TypeName))
		sb_append(&sb, typefmt_format(b, (const TypeName *)obj));
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

/* The object a DROP names is not there: an error in PostgreSQL unless IF EXISTS. */
static void missing(struct builder *b, const DropStmt *ds, const char *what, const char *name)
{
	if (!ds->missing_ok)
		build_warn(b, 0,
			   "%s %s does not exist (DROP ignored; PostgreSQL stops with an error)",
			   what, name);
}

static const char *relation_word(ObjectType t)
{
	switch (t) {
	case OBJECT_TABLE:
		return "table";
	case OBJECT_FOREIGN_TABLE:
		return "foreign table";
	case OBJECT_VIEW:
		return "view";
	case OBJECT_MATVIEW:
		return "materialized view";
	case OBJECT_SEQUENCE:
		return "sequence";
	case OBJECT_INDEX:
		return "index";
	case OBJECT_TYPE:
		return "type";
	case OBJECT_DOMAIN:
		return "domain";
	case OBJECT_EXTENSION:
		return "extension";
	default:
		return "object";
	}
}

/* A dependent of a dropped object: what it is, for the refusal's message. */
struct dependent {
	char kind; /* 'c' column, 'a' attribute, 'y' type, 'f' function, 't' trigger */
	struct table *table;
	struct pgtype *type;
	void *obj;
};

/* Does the type text `ty` ("s.t", "s.t[]", "integer, s.t") name the type `q` ("s.t")? */
static bool type_text_uses(const char *ty, const char *q)
{
	size_t n = strlen(q);
	for (const char *p = ty ? strstr(ty, q) : NULL; p; p = strstr(p + 1, q)) {
		bool before = p == ty || p[-1] == ' ' || p[-1] == '(';
		char after = p[n];
		if (before && (after == '\0' || after == '[' || after == ',' || after == ')'))
			return true;
	}
	return false;
}

/* The qualified name of a type as columns spell it (format_type() with an empty search_path). */
static const char *type_qname(struct builder *b, const struct pgtype *t)
{
	return sqlident_qualified(b->a, t->h.schema, t->h.name);
}

static void type_dependents(struct builder *b, const struct pgtype *t, struct ptrvec *out)
{
	const char *q = type_qname(b, t);
	struct model *m = b->m;
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *x = m->tables.v[i];
		for (size_t j = 0; j < x->columns.n; j++) {
			struct column *c = x->columns.v[j];
			if (type_text_uses(c->type, q) && !c->inherited) {
				struct dependent *d = arena_alloc(b->a, sizeof(*d));
				*d = (struct dependent){'c', x, NULL, c};
				ptrvec_push(out, d);
			}
		}
	}
	for (size_t i = 0; i < m->types.n; i++) {
		struct pgtype *y = m->types.v[i];
		if (y == t)
			continue;
		bool uses = type_text_uses(y->base_type, q) || type_text_uses(y->subtype, q);
		for (size_t j = 0; j < y->attributes.n && !uses; j++) {
			struct type_attr *ta = y->attributes.v[j];
			if (type_text_uses(ta->type, q)) {
				struct dependent *d = arena_alloc(b->a, sizeof(*d));
				*d = (struct dependent){'a', NULL, y, ta};
				ptrvec_push(out, d);
			}
		}
		if (uses) {
			struct dependent *d = arena_alloc(b->a, sizeof(*d));
			*d = (struct dependent){'y', NULL, y, y};
			ptrvec_push(out, d);
		}
	}
	for (size_t i = 0; i < m->functions.n; i++) {
		struct function *f = m->functions.v[i];
		if (type_text_uses(f->arguments, q) || type_text_uses(f->returns, q)) {
			struct dependent *d = arena_alloc(b->a, sizeof(*d));
			*d = (struct dependent){'f', NULL, NULL, f};
			ptrvec_push(out, d);
		}
	}
}

static const char *function_label(struct builder *b, const struct function *f)
{
	return arena_printf(b->a, "%s %s(%s)", func_kind_name(f->kind),
			    sqlident_qualified(b->a, f->h.schema, f->h.name),
			    f->arguments ? f->arguments : "");
}

static const char *dependent_label(struct builder *b, const struct dependent *d)
{
	switch (d->kind) {
	case 'c':
		return arena_printf(b->a, "column %s of table %s",
				    sqlident_quote(b->a, ((struct column *)d->obj)->name),
				    sqlident_qualified(b->a, d->table->h.schema, d->table->h.name));
	case 'a':
		return arena_printf(b->a, "attribute %s of type %s",
				    sqlident_quote(b->a, ((struct type_attr *)d->obj)->name),
				    type_qname(b, d->type));
	case 'y':
		return arena_printf(b->a, "%s %s", d->type->kind == TYPE_DOMAIN ? "domain" : "type",
				    type_qname(b, d->type));
	case 'f':
		return function_label(b, d->obj);
	default: {
		const struct trigger *tr = d->obj;
		return arena_printf(b->a, "trigger %s on table %s", sqlident_quote(b->a, tr->name),
				    sqlident_qualified(b->a, d->table->h.schema, d->table->h.name));
	}
	}
}

static void drop_column_here(struct builder *b, struct table *t, struct column *col);
static void drop_function(struct builder *b, struct function *f, bool cascade);

/* Views whose query names `name`: PostgreSQL drops them with what they use; the model cannot
 * tell. */
static void warn_views_using(struct builder *b, const char *table, const char *name,
			     const char *what)
{
	for (size_t i = 0; i < b->m->views.n; i++) {
		const struct view *v = b->m->views.v[i];
		if (v->definition && mentions(v->definition, table) &&
		    mentions(v->definition, name))
			build_warn(b, 0,
				   "%s was dropped; %s %s may use it (PostgreSQL drops it too with "
				   "CASCADE): it is left in the model",
				   what, v->materialized ? "materialized view" : "view",
				   sqlident_qualified(b->a, v->h.schema, v->h.name));
	}
}

/* The type t goes, and with CASCADE what uses it; without, a user refuses (false). */
static bool drop_type(struct builder *b, struct pgtype *t, bool cascade)
{
	struct ptrvec deps = {0};
	type_dependents(b, t, &deps);
	bool ok = true;
	if (deps.n > 0 && !cascade) {
		build_warn(b, 0, "cannot drop %s %s: %s depends on it (not dropped; CASCADE would)",
			   t->kind == TYPE_DOMAIN ? "domain" : "type", type_qname(b, t),
			   dependent_label(b, deps.v[0]));
		ok = false;
		goto done;
	}
	model_drop_type(b->m, t); /* first: a range or domain over it cannot come back to it */
	for (size_t i = 0; i < deps.n; i++) {
		struct dependent *d = deps.v[i];
		switch (d->kind) {
		case 'c': {
			struct column *c = d->obj;
			/* Children's inherited copies go with the parent's column. */
			struct ptrvec below = {0};
			build_tables_below(b, d->table, false, &below);
			const char *label = dependent_label(b, d);
			for (size_t j = below.n; j-- > 1;) {
				struct column *cc = table_find_column(below.v[j], c->name);
				if (cc && cc->inherited)
					drop_column_here(b, below.v[j], cc);
			}
			ptrvec_free(&below);
			if (table_find_column(d->table, c->name) == c) {
				fks_into(b, d->table, c->name, NULL, NULL, true, label);
				const char *name = c->name;
				drop_column_here(b, d->table, c);
				warn_views_using(b, d->table->h.name, name, label);
			}
			break;
		}
		case 'a':
			ptrvec_take_item(&d->type->attributes, d->obj);
			break;
		case 'y':
			if (model_find_type(b->m, d->type->h.schema, d->type->h.name) == d->type)
				drop_type(b, d->type, true);
			break;
		case 'f':
			drop_function(b, d->obj, true);
			break;
		}
	}
done:
	ptrvec_free(&deps);
	return ok;
}

/* Does the expression text call the function `name` (bare or schema-qualified)? */
static bool calls(const char *expr, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = expr ? strstr(expr, name) : NULL; p; p = strstr(p + 1, name)) {
		bool before = p == expr || !(p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
					     (p[-1] >= 'A' && p[-1] <= 'Z') ||
					     (p[-1] >= '0' && p[-1] <= '9') || p[-1] == '$');
		const char *q = p + n;
		if (*q == '"')
			q++;
		if (before && *q == '(')
			return true;
	}
	return false;
}

/* Expressions that call f, which the model does not tie to it: named in a warning. */
static void warn_calls(struct builder *b, const struct function *f, bool cascade)
{
	struct model *m = b->m;
	const char *name = f->h.name;
	const char *label = function_label(b, f);
	const char *then = cascade ? "PostgreSQL drops that too (CASCADE); it is left in the model"
				   : "PostgreSQL refuses the DROP; the model dropped the function";
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		const char *tn = sqlident_qualified(b->a, t->h.schema, t->h.name);
		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *c = t->columns.v[j];
			if (calls(c->default_expr, name) || calls(c->generated, name))
				build_warn(
				    b, 0,
				    "%s was dropped, but column %s of table %s may use it: %s",
				    label, sqlident_quote(b->a, c->name), tn, then);
		}
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			if (calls(c->expression, name) || calls(c->where, name))
				build_warn(
				    b, 0,
				    "%s was dropped, but constraint %s of table %s may use it: %s",
				    label, sqlident_quote(b->a, c->name), tn, then);
		}
		for (size_t j = 0; j < t->indexes.n; j++) {
			const struct index *ix = t->indexes.v[j];
			bool uses = calls(ix->where, name);
			for (size_t k = 0; k < ix->columns.n && !uses; k++)
				uses = calls(ix->columns.v[k], name);
			if (uses)
				build_warn(
				    b, 0, "%s was dropped, but index %s may use it: %s", label,
				    sqlident_qualified(b->a, ix->h.schema, ix->h.name), then);
		}
		for (size_t j = 0; j < t->policies.n; j++) {
			const struct policy *p = t->policies.v[j];
			if (calls(p->using_expr, name) || calls(p->check_expr, name))
				build_warn(
				    b, 0,
				    "%s was dropped, but policy %s on table %s may use it: %s",
				    label, sqlident_quote(b->a, p->name), tn, then);
		}
	}
	for (size_t i = 0; i < m->views.n; i++) {
		const struct view *v = m->views.v[i];
		if (calls(v->definition, name))
			build_warn(b, 0, "%s was dropped, but %s %s may use it: %s", label,
				   v->materialized ? "materialized view" : "view",
				   sqlident_qualified(b->a, v->h.schema, v->h.name), then);
	}
}

/* The triggers that run f (a trigger function takes no arguments). */
static void function_triggers(struct builder *b, const struct function *f, struct ptrvec *out)
{
	if (f->arguments == NULL || f->arguments[0] != '\0' || f->kind != FUNC_FUNCTION)
		return;
	const char *qual = arena_printf(b->a, "%s.%s(", f->h.schema, f->h.name);
	const char *bare = arena_printf(b->a, "%s(", f->h.name);
	for (size_t i = 0; i < b->m->tables.n; i++) {
		struct table *t = b->m->tables.v[i];
		for (size_t j = 0; j < t->triggers.n; j++) {
			struct trigger *tr = t->triggers.v[j];
			if (strncmp(tr->function, qual, strlen(qual)) == 0 ||
			    strncmp(tr->function, bare, strlen(bare)) == 0) {
				struct dependent *d = arena_alloc(b->a, sizeof(*d));
				*d = (struct dependent){'t', t, NULL, tr};
				ptrvec_push(out, d);
			}
		}
	}
}

static void drop_trigger(struct table *t, struct trigger *tr)
{
	ptrvec_take_item(&t->triggers, tr);
	strmap_free(t->trigger_ix);
	t->trigger_ix = NULL;
}

static void drop_function(struct builder *b, struct function *f, bool cascade)
{
	struct ptrvec deps = {0};
	function_triggers(b, f, &deps);
	if (deps.n > 0 && !cascade) {
		build_warn(b, 0, "cannot drop %s: %s depends on it (not dropped; CASCADE would)",
			   function_label(b, f), dependent_label(b, deps.v[0]));
		goto done;
	}
	for (size_t i = 0; i < deps.n; i++) {
		struct dependent *d = deps.v[i];
		drop_trigger(d->table, d->obj);
	}
	model_drop_function(b->m, f);
	/* Only when no overload of that name is left can a call be this function's. */
	if (model_find_function(b->m, f->h.schema, f->h.name, NULL) == NULL)
		warn_calls(b, f, cascade);
done:
	ptrvec_free(&deps);
}

/* An ObjectWithArgs's argument types, as struct function's `arguments`; NULL when not given. */
static const char *owa_arguments(struct builder *b, const ObjectWithArgs *owa)
{
	ListCell *lc;
	if (owa->args_unspecified)
		return NULL;
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	foreach (lc, owa->objargs)
		if (lfirst(lc) != NULL && IsA(lfirst(lc), TypeName))
			sb_printf(&sb, "%s%s", foreach_current_index(lc) ? ", " : "",
				  typefmt_format(b, lfirst(lc)));
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

static bool func_kind_fits(ObjectType t, enum func_kind k)
{
	switch (t) {
	case OBJECT_FUNCTION:
		return k == FUNC_FUNCTION;
	case OBJECT_PROCEDURE:
		return k == FUNC_PROCEDURE;
	case OBJECT_AGGREGATE:
		return k == FUNC_AGGREGATE;
	default: /* ROUTINE */
		return true;
	}
}

static const char *func_word(ObjectType t)
{
	return t == OBJECT_PROCEDURE   ? "procedure"
	       : t == OBJECT_AGGREGATE ? "aggregate"
	       : t == OBJECT_ROUTINE   ? "routine"
				       : "function";
}

/* DROP FUNCTION f, f(args): found along search_path as PostgreSQL finds it. */
static void drop_function_named(struct builder *b, const DropStmt *ds, const ObjectWithArgs *owa,
				bool cascade)
{
	const char *schema, *name;
	build_qualname(b, owa->objname, &schema, &name);
	if (name == NULL)
		return;
	const char *args = owa_arguments(b, owa);
	const char *shown = arena_printf(b->a, "%s%s%s%s", sqlident_qualified(b->a, schema, name),
					 args ? "(" : "", args ? args : "", args ? ")" : "");
	for (int i = -1; i < b->n_search_path; i++) {
		const char *s = i < 0 ? schema : b->search_path[i];
		if ((i < 0) != (schema != NULL))
			continue;
		struct function *f = NULL;
		size_t found = 0;
		for (size_t j = 0; j < b->m->functions.n; j++) {
			struct function *x = b->m->functions.v[j];
			if (strcmp(x->h.name, name) == 0 && build_str_eq(x->h.schema, s) &&
			    (args == NULL || build_str_eq(x->arguments, args))) {
				f = x;
				found++;
			}
		}
		if (found == 0)
			continue;
		if (found > 1) {
			build_warn(
			    b, 0,
			    "%s name %s is not unique (DROP ignored; PostgreSQL stops with an "
			    "error: specify the argument list)",
			    func_word(ds->removeType), shown);
			return;
		}
		if (!func_kind_fits(ds->removeType, f->kind)) {
			build_warn(b, 0,
				   "%s is not a %s (DROP ignored; PostgreSQL stops with an error)",
				   function_label(b, f), func_word(ds->removeType));
			return;
		}
		drop_function(b, f, cascade);
		return;
	}
	missing(b, ds, func_word(ds->removeType), shown);
}

/* Is anything in schema `s`? The first thing found, named, or NULL. */
static const char *schema_member(struct builder *b, const char *s)
{
	struct model *m = b->m;
	for (size_t i = 0; i < m->tables.n; i++)
		if (build_str_eq(((struct table *)m->tables.v[i])->h.schema, s))
			return arena_printf(
			    b->a, "table %s",
			    sqlident_qualified(b->a, s, ((struct table *)m->tables.v[i])->h.name));
	for (size_t i = 0; i < m->views.n; i++)
		if (build_str_eq(((struct view *)m->views.v[i])->h.schema, s))
			return arena_printf(
			    b->a, "view %s",
			    sqlident_qualified(b->a, s, ((struct view *)m->views.v[i])->h.name));
	for (size_t i = 0; i < m->sequences.n; i++)
		if (build_str_eq(((struct sequence *)m->sequences.v[i])->h.schema, s))
			return arena_printf(
			    b->a, "sequence %s",
			    sqlident_qualified(b->a, s,
					       ((struct sequence *)m->sequences.v[i])->h.name));
	for (size_t i = 0; i < m->types.n; i++)
		if (build_str_eq(((struct pgtype *)m->types.v[i])->h.schema, s))
			return arena_printf(b->a, "type %s", type_qname(b, m->types.v[i]));
	for (size_t i = 0; i < m->functions.n; i++)
		if (build_str_eq(((struct function *)m->functions.v[i])->h.schema, s))
			return function_label(b, m->functions.v[i]);
	for (size_t i = 0; i < m->objects.n; i++) {
		const struct object *o = m->objects.v[i];
		if (build_str_eq(o->h.schema, s) && o->kind != OBJ_RULE)
			return arena_printf(b->a, "%s %s", object_kind_label(o->kind),
					    object_name_is_identifier(o->kind)
						? sqlident_qualified(b->a, s, o->h.name)
						: o->h.name);
	}
	for (size_t i = 0; i < m->extensions.n; i++)
		if (build_str_eq(((struct extension *)m->extensions.v[i])->h.schema, s))
			return arena_printf(
			    b->a, "extension %s",
			    sqlident_quote(b->a, ((struct extension *)m->extensions.v[i])->h.name));
	return NULL;
}

static void drop_extension(struct builder *b, struct extension *e, bool cascade)
{
	model_drop_extension(b->m, e);
	build_warn(
	    b, 0,
	    "extension %s dropped: its member objects are not in the model, so what uses "
	    "them (columns of its types, calls of its functions) is not checked (PostgreSQL %s)",
	    sqlident_quote(b->a, e->h.name),
	    cascade ? "drops it too" : "refuses the DROP when something uses them");
}

/* DROP SCHEMA: refused when not empty, unless CASCADE, which drops everything in it. */
static void drop_schema(struct builder *b, const DropStmt *ds, const char *name, bool cascade)
{
	struct model *m = b->m;
	struct schema *sc = model_find_schema(m, name);
	const char *first = schema_member(b, name);
	if (sc == NULL && first == NULL && strcmp(name, "public") != 0) {
		missing(b, ds, "schema", sqlident_quote(b->a, name));
		return;
	}
	if (first != NULL && !cascade) {
		build_warn(b, 0,
			   "cannot drop schema %s: %s depends on it (not dropped; CASCADE would)",
			   sqlident_quote(b->a, name), first);
		return;
	}
	for (size_t i = m->tables.n; i-- > 0;) {
		if (i >= m->tables.n)
			continue; /* a drop took several */
		struct table *t = m->tables.v[i];
		if (build_str_eq(t->h.schema, name))
			drop_table(b, t, true);
	}
	for (size_t i = m->views.n; i-- > 0;)
		if (i < m->views.n && build_str_eq(((struct view *)m->views.v[i])->h.schema, name))
			model_drop_view(m, m->views.v[i]);
	for (size_t i = m->sequences.n; i-- > 0;)
		if (i < m->sequences.n &&
		    build_str_eq(((struct sequence *)m->sequences.v[i])->h.schema, name))
			model_drop_sequence(m, m->sequences.v[i]);
	for (size_t i = m->types.n; i-- > 0;)
		if (i < m->types.n &&
		    build_str_eq(((struct pgtype *)m->types.v[i])->h.schema, name))
			drop_type(b, m->types.v[i], true);
	for (size_t i = m->functions.n; i-- > 0;)
		if (i < m->functions.n &&
		    build_str_eq(((struct function *)m->functions.v[i])->h.schema, name))
			drop_function(b, m->functions.v[i], true);
	for (size_t i = m->objects.n; i-- > 0;)
		if (i < m->objects.n &&
		    build_str_eq(((struct object *)m->objects.v[i])->h.schema, name))
			model_drop_object(m, m->objects.v[i]);
	for (size_t i = m->extensions.n; i-- > 0;)
		if (i < m->extensions.n &&
		    build_str_eq(((struct extension *)m->extensions.v[i])->h.schema, name))
			drop_extension(b, m->extensions.v[i], true);
	/* Its default privileges go with it, CASCADE or not (an automatic dependency). */
	for (size_t i = m->default_acls.n; i-- > 0;) {
		struct default_acl *d = m->default_acls.v[i];
		if (build_str_eq(d->h.schema, name)) {
			ptrvec_take_item(&m->default_acls, d);
			grants_free(&d->h);
			ptrvec_free(&d->h.grants);
		}
	}
	if (sc != NULL)
		model_drop_schema(m, sc);
}

/* DROP TRIGGER / POLICY name ON table: the list is the table's name, then the object's. */
static struct table *on_table(struct builder *b, const List *items, const char **name)
{
	int n = list_length(items);
	*name = n >= 2 ? node_string(llast(items)) : NULL;
	if (*name == NULL)
		return NULL;
	List head = *items; /* every item but the last, over the same cells */
	head.length = n - 1;
	return find_relation(b, &head, 'T');
}

static const char *trigger_name_of(const void *tr)
{
	return ((const struct trigger *)tr)->name;
}

static const char *policy_name_of(const void *p)
{
	return ((const struct policy *)p)->name;
}

static void drop_trigger_on(struct builder *b, const DropStmt *ds, const List *items)
{
	const char *name;
	struct table *t = on_table(b, items, &name);
	struct trigger *tr =
	    t ? strmap_list_find(&t->trigger_ix, &t->triggers, trigger_name_of, name) : NULL;
	if (tr == NULL) {
		if (t == NULL && name != NULL && !ds->missing_ok)
			build_warn(b, 0,
				   "table of trigger %s does not exist (DROP ignored; PostgreSQL "
				   "stops with an error)",
				   sqlident_quote(b->a, name));
		else if (t != NULL && name != NULL)
			missing(b, ds, "trigger",
				arena_printf(b->a, "%s on table %s", sqlident_quote(b->a, name),
					     sqlident_qualified(b->a, t->h.schema, t->h.name)));
		return;
	}
	/* A partitioned table's row trigger takes its partitions' clones along. */
	struct ptrvec below = {0};
	if (t->kind == TABLE_PARTITIONED && tr->for_each_row)
		build_tables_below(b, t, true, &below);
	for (size_t i = 1; i < below.n; i++) {
		struct table *p = below.v[i];
		struct trigger *pt =
		    strmap_list_find(&p->trigger_ix, &p->triggers, trigger_name_of, name);
		if (pt != NULL)
			drop_trigger(p, pt);
	}
	ptrvec_free(&below);
	drop_trigger(t, tr);
}

static void drop_policy_on(struct builder *b, const DropStmt *ds, const List *items)
{
	const char *name;
	struct table *t = on_table(b, items, &name);
	struct policy *p =
	    t ? strmap_list_find(&t->policy_ix, &t->policies, policy_name_of, name) : NULL;
	if (p == NULL) {
		if (t == NULL && name != NULL && !ds->missing_ok)
			build_warn(b, 0,
				   "table of policy %s does not exist (DROP ignored; PostgreSQL "
				   "stops with an error)",
				   sqlident_quote(b->a, name));
		else if (t != NULL && name != NULL)
			missing(b, ds, "policy",
				arena_printf(b->a, "%s on table %s", sqlident_quote(b->a, name),
					     sqlident_qualified(b->a, t->h.schema, t->h.name)));
		return;
	}
	ptrvec_take_item(&t->policies, p);
	ptrvec_free(&p->roles);
	strmap_free(t->policy_ix);
	t->policy_ix = NULL;
}

void build_drop(struct builder *b, const DropStmt *ds)
{
	bool cascade = ds->behavior == DROP_CASCADE;
	ListCell *lc;
	foreach (lc, ds->objects) {
		const Node *obj = lfirst(lc);
		const List *names = obj && IsA(obj, List) ? (const List *)obj : NULL;
		void *o = NULL;
		switch (ds->removeType) {
		case OBJECT_TABLE:
		case OBJECT_FOREIGN_TABLE:
			if (names && (o = find_relation(b, names, 'T')))
				drop_table(b, o, cascade);
			break;
		case OBJECT_VIEW:
		case OBJECT_MATVIEW:
			if (names && (o = find_relation(b, names, 'V')) &&
			    ((struct view *)o)->materialized !=
				(ds->removeType == OBJECT_MATVIEW)) {
				build_warn(b, 0,
					   "%s is not a %s (DROP ignored; PostgreSQL stops with an "
					   "error)",
					   sqlident_qualified(b->a, ((struct view *)o)->h.schema,
							      ((struct view *)o)->h.name),
					   relation_word(ds->removeType));
				continue;
			}
			if (o) {
				drop_objects_on(b, ((struct view *)o)->h.schema,
						((struct view *)o)->h.name);
				model_drop_view(b->m, o);
			}
			break;
		case OBJECT_SEQUENCE:
			if (names && (o = find_relation(b, names, 'S')))
				model_drop_sequence(b->m, o);
			break;
		case OBJECT_INDEX:
			if (names && (o = find_relation(b, names, 'I')))
				drop_index(b, o);
			break;
		case OBJECT_TYPE:
		case OBJECT_DOMAIN:
			/* DROP TYPE drops a domain too; DROP DOMAIN only a domain. */
			if (obj && IsA(obj, TypeName) &&
			    (o = find_relation(b, ((const TypeName *)obj)->names, 'Y'))) {
				if (ds->removeType == OBJECT_DOMAIN &&
				    ((struct pgtype *)o)->kind != TYPE_DOMAIN) {
					build_warn(
					    b, 0,
					    "%s is not a domain (DROP ignored; PostgreSQL stops "
					    "with an error)",
					    type_qname(b, o));
					continue;
				}
				drop_type(b, o, cascade);
			}
			break;
		case OBJECT_FUNCTION:
		case OBJECT_PROCEDURE:
		case OBJECT_AGGREGATE:
		case OBJECT_ROUTINE:
			if (obj && IsA(obj, ObjectWithArgs))
				drop_function_named(b, ds, (const ObjectWithArgs *)obj, cascade);
			continue; /* its own message when missing */
		case OBJECT_SCHEMA:
			if (node_string(obj))
				drop_schema(b, ds, node_string(obj), cascade);
			continue;
		case OBJECT_EXTENSION:
			if (node_string(obj) && (o = model_find_extension(b->m, node_string(obj))))
				drop_extension(b, o, cascade);
			break;
		case OBJECT_TRIGGER:
			if (names)
				drop_trigger_on(b, ds, names);
			continue;
		case OBJECT_POLICY:
			if (names)
				drop_policy_on(b, ds, names);
			continue;
		default:
			/* Global objects (DROP DATABASE, ROLE, TABLESPACE are other statements). */
			continue;
		}
		if (o == NULL)
			missing(b, ds, relation_word(ds->removeType), written_name(b, obj));
	}
}

/* Drop constraint c of t, and of the tables below what PostgreSQL drops with it. */
static void drop_constraint_down(struct builder *b, struct table *t, struct constraint *c,
				 bool recurse)
{
	const char *name = c->name;
	enum con_kind kind = c->kind;
	struct ptrvec keycols = {0};
	for (size_t i = 0; i < c->columns.n; i++)
		ptrvec_push(&keycols, c->columns.v[i]);
	struct ptrvec below = {0};
	if (recurse)
		build_tables_below(b, t, kind != CON_CHECK, &below);
	for (size_t i = 0; i < t->indexes.n; i++) {
		struct index *ix = t->indexes.v[i];
		if (ix->constraint && strcmp(ix->constraint, name) == 0) {
			model_drop_index(b->m, ix);
			break;
		}
	}
	table_drop_constraint(b->m, t, c);
	for (size_t i = 1; i < below.n; i++) {
		struct table *x = below.v[i];
		for (size_t j = 0; j < x->constraints.n; j++) {
			struct constraint *xc = x->constraints.v[j];
			bool same = kind == CON_CHECK || kind == CON_FOREIGN
					? strcmp(xc->name, name) == 0 && xc->kind == kind
					: xc->kind == kind && xc->columns.n == keycols.n;
			for (size_t k = 0;
			     same && kind != CON_CHECK && kind != CON_FOREIGN && k < keycols.n; k++)
				same = strcmp(xc->columns.v[k], keycols.v[k]) == 0;
			if (same) {
				table_drop_constraint(b->m, x, xc);
				break;
			}
		}
	}
	ptrvec_free(&below);
	ptrvec_free(&keycols);
}

void build_drop_constraint(struct builder *b, struct table *t, const AlterTableCmd *cmd,
			   bool recurse)
{
	struct constraint *c = cmd->name ? table_find_constraint(t, cmd->name) : NULL;
	if (c == NULL) {
		if (!cmd->missing_ok)
			build_warn(b, 0, "constraint \"%s\" of table %s.%s does not exist",
				   cmd->name ? cmd->name : "?", t->h.schema, t->h.name);
		return;
	}
	if ((c->kind == CON_PRIMARY || c->kind == CON_UNIQUE) &&
	    !fks_into(
		b, t, NULL, &c->columns, NULL, cmd->behavior == DROP_CASCADE,
		arena_printf(b->a, "constraint %s of %s.%s", c->name, t->h.schema, t->h.name)))
		return;
	drop_constraint_down(b, t, c, recurse);
}

/* DROP COLUMN on one table: its indexes, constraints and owned sequence go with it. */
static void drop_column_here(struct builder *b, struct table *t, struct column *col)
{
	const char *name = col->name;
	for (size_t i = t->indexes.n; i-- > 0;) {
		struct index *ix = t->indexes.v[i];
		if (list_mentions(&ix->columns, name) || list_mentions(&ix->include, name) ||
		    (ix->where && mentions(ix->where, name)))
			model_drop_index(b->m, ix);
	}
	for (size_t i = t->constraints.n; i-- > 0;) {
		struct constraint *c = t->constraints.v[i];
		if (list_mentions(&c->columns, name) || list_mentions(&c->include, name) ||
		    (c->expression && mentions(c->expression, name)) ||
		    (c->where && mentions(c->where, name)))
			table_drop_constraint(b->m, t, c);
	}
	drop_owned_sequences(b, t, name);
	table_drop_column(t, col);
}

void build_drop_column(struct builder *b, struct table *t, const AlterTableCmd *cmd, bool recurse)
{
	struct column *col = cmd->name ? table_find_column(t, cmd->name) : NULL;
	if (col == NULL) {
		if (!cmd->missing_ok)
			build_warn(b, 0, "column \"%s\" of table %s.%s does not exist",
				   cmd->name ? cmd->name : "?", t->h.schema, t->h.name);
		return;
	}
	struct ptrvec below = {0};
	build_tables_below(b, t, false, &below);
	for (size_t i = 0; i < below.n; i++)
		if (!fks_into(b, below.v[i], cmd->name, NULL, &below, cmd->behavior == DROP_CASCADE,
			      arena_printf(b->a, "column %s of %s.%s", cmd->name, t->h.schema,
					   t->h.name)))
			goto done;
	drop_column_here(b, t, col);
	/* Below: an inherited-only column goes too; with ONLY, or merged, it stays, now local. */
	for (size_t i = 1; i < below.n; i++) {
		struct column *cc = table_find_column(below.v[i], cmd->name);
		if (cc == NULL)
			continue;
		/* A partition's columns are never its own (attislocal is false). */
		if (recurse && (cc->inherited || ((struct table *)below.v[i])->parent_table))
			drop_column_here(b, below.v[i], cc);
		else
			cc->inherited = false;
	}
done:
	ptrvec_free(&below);
}
