/*
 * build_objects.c
 *	  Every statement that is not CREATE/ALTER TABLE or CREATE INDEX:
 *	  schemas, extensions, sequences, views, types, functions, triggers,
 *	  policies, comments, owners and grants.
 */
#include "build_int.h"
#include "sqlident.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

/* Trigger type bits, from PostgreSQL's pg_trigger.h. */
#define TRIGGER_TYPE_ROW      (1 << 0)
#define TRIGGER_TYPE_BEFORE   (1 << 1)
#define TRIGGER_TYPE_INSERT   (1 << 2)
#define TRIGGER_TYPE_DELETE   (1 << 3)
#define TRIGGER_TYPE_UPDATE   (1 << 4)
#define TRIGGER_TYPE_TRUNCATE (1 << 5)
#define TRIGGER_TYPE_INSTEAD  (1 << 6)

/* IsA() that is false for NULL (a list may hold NULL, e.g. an aggregate's "(*)" arguments). */
#define IS_NODE(n, T) ((n) != NULL && IsA((n), T))

static const char *role_name(const RoleSpec *r)
{
	if (r == NULL)
		return NULL;
	switch (r->roletype) {
	case ROLESPEC_PUBLIC:
		return "PUBLIC";
	case ROLESPEC_CURRENT_USER:
		return "CURRENT_USER";
	case ROLESPEC_SESSION_USER:
		return "SESSION_USER";
	case ROLESPEC_CURRENT_ROLE:
		return "CURRENT_ROLE";
	default:
		return r->rolename;
	}
}

static long long const_int(const Node *n, bool *ok)
{
	*ok = false;
	if (!IS_NODE(n, A_Const))
		return 0;
	const A_Const *c = (const A_Const *)n;
	if (c->isnull)
		return 0;
	if (IsA(&c->val, Integer)) {
		*ok = true;
		return c->val.ival.ival;
	}
	if (IsA(&c->val, Float)) { /* big values arrive as Float */
		*ok = true;
		return strtoll(c->val.fval.fval, NULL, 10);
	}
	return 0;
}

/* Integer nodes appear bare (Integer) in DefElem args; A_Const elsewhere. */
static long long defelem_int(const Node *n, bool *ok)
{
	*ok = false;
	if (n == NULL)
		return 0;
	if (IsA(n, Integer)) {
		*ok = true;
		return ((const Integer *)n)->ival;
	}
	if (IsA(n, Float)) {
		*ok = true;
		return strtoll(((const Float *)n)->fval, NULL, 10);
	}
	return const_int(n, ok);
}

void build_sequence_options(struct builder *b, struct sequence *s, const List *opts)
{
	ListCell *lc;

	foreach (lc, opts) {
		const Node *o = lfirst(lc);
		if (!IS_NODE(o, DefElem))
			continue;
		const DefElem *d = (const DefElem *)o;
		bool ok;
		long long v = defelem_int(d->arg, &ok);
		if (strcmp(d->defname, "as") == 0 && IS_NODE(d->arg, TypeName))
			s->data_type = typefmt_format(b, (const TypeName *)d->arg);
		else if (strcmp(d->defname, "start") == 0 && ok)
			s->start = v, s->has_start = true;
		else if (strcmp(d->defname, "increment") == 0 && ok)
			s->increment = v, s->has_increment = true;
		else if (strcmp(d->defname, "minvalue") == 0 && ok)
			s->min_value = v, s->has_min = true;
		else if (strcmp(d->defname, "maxvalue") == 0 && ok)
			s->max_value = v, s->has_max = true;
		else if (strcmp(d->defname, "cache") == 0 && ok)
			s->cache = v, s->has_cache = true;
		else if (strcmp(d->defname, "cycle") == 0)
			s->cycle = d->arg == NULL ||
				   (IsA(d->arg, Boolean) && ((const Boolean *)d->arg)->boolval) ||
				   (ok && v != 0);
		else if (strcmp(d->defname, "owned_by") == 0 && IS_NODE(d->arg, List)) {
			const List *l = (const List *)d->arg;
			int n = list_length(l);
			if (n >= 2) {
				const char *col = node_string(list_nth(l, n - 1));
				const char *tab = node_string(list_nth(l, n - 2));
				const char *sch = n >= 3 ? node_string(list_nth(l, n - 3))
							 : build_creation_schema(b);
				s->owned_by_schema = arena_strdup(b->a, sch);
				s->owned_by_table = arena_strdup(b->a, tab);
				s->owned_by_column = arena_strdup(b->a, col);
			} else {
				s->owned_by_schema = s->owned_by_table = s->owned_by_column = NULL;
			}
		}
	}
	if (s->data_type == NULL)
		s->data_type = "bigint";
}

static void create_sequence(struct builder *b, const CreateSeqStmt *cs)
{
	const char *schema = build_rv_schema(b, cs->sequence);
	if (model_find_sequence(b->m, schema, cs->sequence->relname))
		return;
	struct sequence *s = model_add_sequence(b->m, schema, cs->sequence->relname);
	build_sequence_options(b, s, cs->options);
}

static void alter_sequence(struct builder *b, const AlterSeqStmt *as)
{
	const char *schema = build_rv_schema(b, as->sequence);
	struct sequence *s = model_find_sequence(b->m, schema, as->sequence->relname);
	if (s == NULL) {
		if (!as->missing_ok)
			build_warn(b, as->sequence->location, "no such sequence: %s.%s", schema,
				   as->sequence->relname);
		return;
	}
	const char *dt = s->data_type;
	build_sequence_options(b, s, as->options);
	if (dt)
		s->data_type = dt;
}

static void create_view(struct builder *b, const ViewStmt *vs)
{
	ListCell *lc;
	const char *schema = build_rv_schema(b, vs->view);
	struct view *v = model_find_view(b->m, schema, vs->view->relname);
	if (v == NULL)
		v = model_add_view(b->m, schema, vs->view->relname);
	else if (v->placeholder == NULL)
		v->placeholder = v->definition;
	v->definition = pgparse_deparse_stmt(b->a, vs->query);
	v->columns.n = 0; /* CREATE OR REPLACE names them again */
	foreach (lc, vs->aliases)
		if (node_string(lfirst(lc)))
			ptrvec_push(&v->columns, arena_strdup(b->a, node_string(lfirst(lc))));
}

static void create_matview(struct builder *b, const CreateTableAsStmt *cs)
{
	if (cs->objtype != OBJECT_MATVIEW || cs->into == NULL)
		return; /* CREATE TABLE AS does not appear in schema dumps */
	const RangeVar *rv = cs->into->rel;
	struct view *v = model_add_view(b->m, build_rv_schema(b, rv), rv->relname);
	v->materialized = true;
	v->definition = pgparse_deparse_stmt(b->a, cs->query);
}

static struct pgtype *add_type(struct builder *b, const List *names, enum type_kind kind)
{
	const char *schema, *name;
	build_qualname(b, names, &schema, &name);
	if (name == NULL)
		return NULL;
	struct pgtype *t = model_add_type(b->m, schema ? schema : build_creation_schema(b), name);
	t->kind = kind;
	return t;
}

static void create_enum(struct builder *b, const CreateEnumStmt *es)
{
	ListCell *lc;
	struct pgtype *t = add_type(b, es->typeName, TYPE_ENUM);
	if (t == NULL)
		return;
	foreach (lc, es->vals)
		if (node_string(lfirst(lc)))
			ptrvec_push(&t->labels, arena_strdup(b->a, node_string(lfirst(lc))));
	strmap_free(t->label_ix); /* a shell type completed: rebuilt when needed */
	t->label_ix = NULL;
}

static const char *trigger_name(const void *tr);
static const char *policy_name(const void *p);

static const char *label_name(const void *label)
{
	return label;
}

/* ALTER TYPE ... ADD VALUE 'x' [BEFORE|AFTER 'y'], RENAME VALUE. */
static void alter_enum(struct builder *b, const AlterEnumStmt *es)
{
	const char *schema, *name;
	/* The grammar always sets newVal; "" as the protobuf tree had it, should it not. */
	const char *new_val = es->newVal ? es->newVal : "";
	build_qualname(b, es->typeName, &schema, &name);
	struct pgtype *t = model_find_type(b->m, schema ? schema : build_creation_schema(b), name);
	if (t == NULL || t->kind != TYPE_ENUM)
		return;
	if (es->oldVal && es->oldVal[0]) {
		for (size_t i = 0; i < t->labels.n; i++)
			if (strcmp(t->labels.v[i], es->oldVal) == 0)
				t->labels.v[i] = arena_strdup(b->a, new_val);
		strmap_free(t->label_ix); /* rebuilt when needed */
		t->label_ix = NULL;
		return;
	}
	/* ADD VALUE, once per label in a binary-upgrade dump: a hashed test, not a scan. */
	if (strmap_list_find(&t->label_ix, &t->labels, label_name, new_val))
		return;
	size_t pos = t->labels.n;
	if (es->newValNeighbor && es->newValNeighbor[0]) {
		for (size_t i = 0; i < t->labels.n; i++)
			if (strcmp(t->labels.v[i], es->newValNeighbor) == 0)
				pos = es->newValIsAfter ? i + 1 : i;
	}
	ptrvec_push(&t->labels, NULL);
	memmove(&t->labels.v[pos + 1], &t->labels.v[pos], (t->labels.n - 1 - pos) * sizeof(void *));
	t->labels.v[pos] = arena_strdup(b->a, new_val);
	strmap_list_added(t->label_ix, t->labels.v[pos], t->labels.v[pos]);
}

static void create_composite(struct builder *b, const CompositeTypeStmt *cs)
{
	ListCell *lc;
	const char *schema = build_rv_schema(b, cs->typevar);
	struct pgtype *t = model_add_type(b->m, schema, cs->typevar->relname);
	t->kind = TYPE_COMPOSITE;
	foreach (lc, cs->coldeflist) {
		const Node *n = lfirst(lc);
		if (!IS_NODE(n, ColumnDef))
			continue;
		const ColumnDef *cd = (const ColumnDef *)n;
		struct type_attr *at = arena_alloc(b->a, sizeof(*at));
		at->name = arena_strdup(b->a, cd->colname ? cd->colname : "");
		at->type = typefmt_format(b, cd->typeName);
		ptrvec_push(&t->attributes, at);
	}
}

static void add_domain_constraint(struct builder *b, struct pgtype *t, const Constraint *c)
{
	switch (c->contype) {
	case CONSTR_NOTNULL:
		t->not_null = true;
		break;
	case CONSTR_DEFAULT:
		t->default_expr = build_expr(b, c->raw_expr);
		break;
	case CONSTR_CHECK: {
		struct domain_check *dc = arena_alloc(b->a, sizeof(*dc));
		/* Unnamed: <domain>_check, numbered when taken (ChooseConstraintName). */
		dc->name = c->conname && c->conname[0]
			       ? arena_strdup(b->a, c->conname)
			       : build_choose_name(b, t->h.schema, t->h.name, NULL, "check",
						   CLASH_CONSTRAINT);
		dc->expression = build_expr(b, c->raw_expr);
		dc->valid = !c->skip_validation;
		ptrvec_push(&t->checks, dc);
		/* A domain's CHECK takes its name among the schema's constraints. */
		if (t->kind == TYPE_DOMAIN)
			model_note_constraint_name(b->m, t->h.schema, dc->name);
		break;
	}
	default:
		break;
	}
}

static void create_domain(struct builder *b, const CreateDomainStmt *ds)
{
	ListCell *lc;
	struct pgtype *t = add_type(b, ds->domainname, TYPE_DOMAIN);
	if (t == NULL)
		return;
	model_note_domain(b->m, t);
	t->base_type = typefmt_format(b, ds->typeName);
	if (ds->collClause)
		t->collation = build_collation(b, ds->collClause);
	foreach (lc, ds->constraints)
		if (IS_NODE(lfirst(lc), Constraint))
			add_domain_constraint(b, t, lfirst(lc));
}

static void alter_domain(struct builder *b, const AlterDomainStmt *ad)
{
	const char *schema, *name;
	build_qualname(b, ad->typeName, &schema, &name);
	struct pgtype *t = model_find_type(b->m, schema ? schema : build_creation_schema(b), name);
	if (t == NULL || ad->subtype == '\0')
		return;
	if (ad->subtype == 'C' && IS_NODE(ad->def, Constraint))
		add_domain_constraint(b, t, (const Constraint *)ad->def);
	else if (ad->subtype == 'O')
		t->not_null = true;
	else if (ad->subtype == 'N')
		t->not_null = false;
	else if (ad->subtype == 'T')
		t->default_expr = build_expr(b, ad->def);
	else if (ad->subtype == 'V')
		for (size_t i = 0; i < t->checks.n; i++) {
			struct domain_check *dc = t->checks.v[i];
			if (ad->name && strcmp(dc->name, ad->name) == 0)
				dc->valid = true;
		}
}

static void create_range(struct builder *b, const CreateRangeStmt *rs)
{
	ListCell *lc;
	struct pgtype *t = add_type(b, rs->typeName, TYPE_RANGE);
	if (t == NULL)
		return;
	foreach (lc, rs->params) {
		const Node *p = lfirst(lc);
		if (!IS_NODE(p, DefElem))
			continue;
		const DefElem *d = (const DefElem *)p;
		if (strcmp(d->defname, "subtype") == 0 && IS_NODE(d->arg, TypeName))
			t->subtype = typefmt_format(b, (const TypeName *)d->arg);
	}
}

/* Argument types of a function or aggregate, input arguments only (as pg_proc.proargtypes). */
static const char *format_arguments(struct builder *b, const List *params)
{
	ListCell *lc;
	struct strbuf sb;
	bool first = true;
	sb_init(&sb);
	foreach (lc, params) {
		const Node *n = lfirst(lc);
		if (!IS_NODE(n, FunctionParameter))
			continue;
		const FunctionParameter *fp = (const FunctionParameter *)n;
		if (fp->mode == FUNC_PARAM_OUT || fp->mode == FUNC_PARAM_TABLE)
			continue;
		if (!first)
			sb_append(&sb, ", ");
		first = false;
		/* VARIADIC is not part of the type (COMMENT ON, GRANT name it without) */
		sb_append(&sb, fp->argType ? typefmt_format(b, fp->argType) : "?");
	}
	const char *r = arena_strdup(b->a, sb.data ? sb.data : "");
	sb_free(&sb);
	return r;
}

/* RETURNS TABLE(a integer, b text): the TABLE parameters. */
static const char *format_returns_table(struct builder *b, const List *params)
{
	ListCell *lc;
	struct strbuf sb;
	bool any = false;
	sb_init(&sb);
	sb_append(&sb, "TABLE(");
	foreach (lc, params) {
		const Node *n = lfirst(lc);
		if (!IS_NODE(n, FunctionParameter))
			continue;
		const FunctionParameter *fp = (const FunctionParameter *)n;
		if (fp->mode != FUNC_PARAM_TABLE)
			continue;
		sb_printf(&sb, "%s%s %s", any ? ", " : "", fp->name ? fp->name : "",
			  typefmt_format(b, fp->argType));
		any = true;
	}
	sb_putc(&sb, ')');
	const char *r = any ? arena_strdup(b->a, sb.data) : NULL;
	sb_free(&sb);
	return r;
}

/* A boolean option (SECURITY DEFINER is "security" true, INVOKER false). */
static bool defelem_true(const DefElem *d)
{
	bool ok;
	if (d->arg == NULL)
		return true;
	if (IsA(d->arg, Boolean))
		return ((const Boolean *)d->arg)->boolval;
	return defelem_int(d->arg, &ok) != 0;
}

/*
 * A function's SET clause (CREATE FUNCTION ... SET, ALTER FUNCTION ... SET
 * or RESET): whether search_path is in its proconfig.  RESET ALL empties it.
 */
static void note_function_set(struct function *f, const DefElem *d)
{
	if (!IS_NODE(d->arg, VariableSetStmt))
		return;
	const VariableSetStmt *vs = (const VariableSetStmt *)d->arg;
	if (vs->kind == VAR_RESET_ALL)
		f->sets_search_path = false;
	else if (vs->name != NULL && strcmp(vs->name, "search_path") == 0)
		f->sets_search_path = vs->kind != VAR_RESET && vs->kind != VAR_SET_DEFAULT;
}

/* ALTER FUNCTION f(args) SECURITY DEFINER, SET / RESET (other options are not modelled). */
static void alter_function(struct builder *b, const AlterFunctionStmt *as)
{
	ListCell *lc;
	const char *schema, *name;
	build_qualname(b, as->func ? as->func->objname : NIL, &schema, &name);
	if (name == NULL)
		return;
	const char *args = NULL;
	if (!as->func->args_unspecified) {
		struct strbuf sb;
		sb_init(&sb);
		foreach (lc, as->func->objargs)
			if (IS_NODE(lfirst(lc), TypeName))
				sb_printf(&sb, "%s%s", foreach_current_index(lc) ? ", " : "",
					  typefmt_format(b, lfirst(lc)));
		args = arena_strdup(b->a, sb.data ? sb.data : "");
		sb_free(&sb);
	}
	struct function *f =
	    model_find_function(b->m, schema ? schema : build_creation_schema(b), name, args);
	if (f == NULL)
		return;
	if (f->definition)
		f->definition = arena_printf(b->a, "%s;\n%s", f->definition,
					     build_definition(b, (const Node *)as));
	foreach (lc, as->actions) {
		if (!IS_NODE(lfirst(lc), DefElem))
			continue;
		const DefElem *d = lfirst(lc);
		if (strcmp(d->defname, "security") == 0)
			f->security_definer = defelem_true(d);
		else if (strcmp(d->defname, "set") == 0)
			note_function_set(f, d);
	}
}

static void create_function(struct builder *b, const CreateFunctionStmt *fs)
{
	ListCell *lc;
	const char *schema, *name;
	build_qualname(b, fs->funcname, &schema, &name);
	if (name == NULL)
		return;
	struct function *f =
	    model_add_function(b->m, schema ? schema : build_creation_schema(b), name);
	f->kind = fs->is_procedure ? FUNC_PROCEDURE : FUNC_FUNCTION;
	f->definition = build_definition(b, (const Node *)fs);
	f->arguments = format_arguments(b, fs->parameters);
	model_index_function(b->m, f);
	f->signature = arena_printf(b->a, "%s(%s)", name, f->arguments);
	if (!fs->is_procedure) {
		f->returns = format_returns_table(b, fs->parameters);
		if (f->returns == NULL && fs->returnType)
			f->returns = typefmt_format(b, fs->returnType);
	}
	foreach (lc, fs->options) {
		const Node *o = lfirst(lc);
		if (!IS_NODE(o, DefElem))
			continue;
		const DefElem *d = (const DefElem *)o;
		if (strcmp(d->defname, "language") == 0 && node_string(d->arg))
			f->language = arena_strdup(b->a, node_string(d->arg));
		else if (strcmp(d->defname, "security") == 0)
			f->security_definer = defelem_true(d);
		else if (strcmp(d->defname, "set") == 0)
			note_function_set(f, d);
	}
	if (f->language == NULL && fs->sql_body)
		f->language = "sql";
}

/* CREATE AGGREGATE name (BASETYPE = type, ...): the one argument ("*" is none). */
static const char *oldstyle_aggregate_argument(struct builder *b, const List *definition)
{
	ListCell *lc;
	foreach (lc, definition) {
		const DefElem *d = lfirst(lc);
		if (!IS_NODE(d, DefElem) || strcmp(d->defname, "basetype") != 0)
			continue;
		if (IS_NODE(d->arg, TypeName)) {
			const char *t = typefmt_format(b, (const TypeName *)d->arg);
			return strcmp(t, "\"any\"") == 0 ? "" : t;
		}
	}
	return "";
}

/* CREATE AGGREGATE and CREATE TYPE (base or shell) arrive as DefineStmt. */
static void define_object(struct builder *b, const DefineStmt *ds)
{
	const char *schema, *name;
	build_qualname(b, ds->defnames, &schema, &name);
	if (name == NULL)
		return;
	if (schema == NULL)
		schema = build_creation_schema(b);
	if (ds->kind == OBJECT_AGGREGATE) {
		struct function *f = model_add_function(b->m, schema, name);
		f->kind = FUNC_AGGREGATE;
		f->definition = build_definition(b, (const Node *)ds);
		/*
		 * args: [list of FunctionParameter, Integer]; old style: list of TypeName.
		 * "(*)" gives [NIL, Integer]: the first element is NULL.
		 */
		const char *args = "";
		if (list_length(ds->args) > 0 && IS_NODE(linitial(ds->args), List))
			args = format_arguments(b, linitial(ds->args));
		else if (ds->oldstyle)
			args = oldstyle_aggregate_argument(b, ds->definition);
		f->arguments = args;
		f->signature = arena_printf(b->a, "%s(%s)", name, args);
		model_index_function(b->m, f);
	} else if (ds->kind == OBJECT_TYPE) {
		struct pgtype *t = model_add_type(b->m, schema, name);
		t->kind = TYPE_BASE;
	}
}

/* The trigger function's arguments as pg_get_triggerdef prints them: 'x', 'it''s'. */
static const char *trigger_arguments(struct builder *b, const CreateTrigStmt *ts)
{
	ListCell *lc;
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	foreach (lc, ts->args) {
		const char *arg = node_string(lfirst(lc));
		sb_append(&sb, foreach_current_index(lc) ? ", '" : "'");
		for (const char *c = arg ? arg : ""; *c; c++) {
			if (*c == '\'')
				sb_putc(&sb, '\'');
			sb_putc(&sb, *c);
		}
		sb_putc(&sb, '\'');
	}
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

/* v (n strings) with s appended, in the arena. */
static const char **arena_grow_strv(struct builder *b, const char **v, size_t n, const char *s)
{
	const char **w = arena_alloc(b->a, (n + 1) * sizeof(*w));
	for (size_t i = 0; i < n; i++)
		w[i] = v[i];
	w[n] = arena_strdup(b->a, s);
	return w;
}

static void create_trigger(struct builder *b, const CreateTrigStmt *ts)
{
	ListCell *lc;
	struct table *t = build_find_table(b, ts->relation);
	if (t == NULL)
		return; /* triggers on views are not modelled */
	struct trigger *tr = arena_alloc(b->a, sizeof(*tr));
	tr->name = arena_strdup(b->a, ts->trigname);
	tr->table_schema = t->h.schema;
	tr->table = t->h.name;
	tr->timing = ts->timing & TRIGGER_TYPE_BEFORE	 ? "BEFORE"
		     : ts->timing & TRIGGER_TYPE_INSTEAD ? "INSTEAD OF"
							 : "AFTER";
	struct strbuf ev;
	sb_init(&ev);
	static const struct {
		int bit;
		const char *name;
	} events[] = {{TRIGGER_TYPE_INSERT, "INSERT"},
		      {TRIGGER_TYPE_DELETE, "DELETE"},
		      {TRIGGER_TYPE_UPDATE, "UPDATE"},
		      {TRIGGER_TYPE_TRUNCATE, "TRUNCATE"}};
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		if (!(ts->events & events[i].bit))
			continue;
		sb_printf(&ev, "%s%s", ev.len ? " OR " : "", events[i].name);
		if (events[i].bit == TRIGGER_TYPE_UPDATE && list_length(ts->columns) > 0) {
			sb_append(&ev, " OF ");
			foreach (lc, ts->columns) {
				const char *col =
				    node_string(lfirst(lc)) ? node_string(lfirst(lc)) : "?";
				sb_printf(&ev, "%s%s", foreach_current_index(lc) ? ", " : "",
					  node_string(lfirst(lc)) ? sqlident_quote(b->a, col)
								  : col);
				tr->update_of =
				    arena_grow_strv(b, tr->update_of, tr->n_update_of++, col);
			}
		}
	}
	tr->events = arena_strdup(b->a, ev.data ? ev.data : "");
	sb_free(&ev);
	tr->for_each_row = ts->row;
	const char *fschema, *fname;
	build_qualname(b, ts->funcname, &fschema, &fname);
	if (fschema ==
	    NULL) /* resolved as the server resolves it: pg_dump 15 prints it qualified */
		fschema = build_function_schema(b, fname);
	tr->function_schema = fschema ? arena_strdup(b->a, fschema) : NULL;
	tr->function_name = arena_strdup(b->a, fname ? fname : "?");
	tr->function_args = trigger_arguments(b, ts);
	tr->function = arena_printf(b->a, "%s%s%s(%s)", fschema ? fschema : "", fschema ? "." : "",
				    tr->function_name, tr->function_args);
	tr->deferrable = ts->deferrable;
	tr->initially_deferred = ts->initdeferred;
	tr->when = build_expr(b, ts->whenClause);
	tr->constraint_trigger = ts->isconstraint;
	if (strmap_list_find(&t->trigger_ix, &t->triggers, trigger_name, tr->name))
		t->trigger_dups = true;
	ptrvec_push(&t->triggers, tr);
	strmap_list_added(t->trigger_ix, tr->name, tr);
	if (tr->for_each_row && t->kind == TABLE_PARTITIONED && ts->relation->inh)
		build_trigger_to_partitions(b, t, tr);
}

static void create_policy(struct builder *b, const CreatePolicyStmt *ps)
{
	ListCell *lc;
	struct table *t = build_find_table(b, ps->table);
	if (t == NULL) {
		build_warn(b, ps->table->location, "no such table: %s", ps->table->relname);
		return;
	}
	struct policy *p = arena_alloc(b->a, sizeof(*p));
	p->name = arena_strdup(b->a, ps->policy_name);
	p->line = b->m->at_line;
	p->col = b->m->at_col;
	p->table_schema = t->h.schema;
	p->table = t->h.name;
	p->command = ps->cmd_name && strcmp(ps->cmd_name, "all") != 0
			 ? arena_printf(b->a, "%s", ps->cmd_name)
			 : "ALL";
	/* cmd_name is lower case in the tree; the catalog view shows upper case. */
	for (char *c = (char *)p->command; p->command[0] != 'A' && *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	p->permissive = ps->permissive;
	foreach (lc, ps->roles)
		if (IS_NODE(lfirst(lc), RoleSpec))
			ptrvec_push(&p->roles, (void *)role_name(lfirst(lc)));
	for (size_t i = 0; i < p->roles.n; i++)
		p->roles.v[i] = arena_strdup(b->a, p->roles.v[i]);
	p->using_expr = build_expr(b, ps->qual);
	p->check_expr = build_expr(b, ps->with_check);
	if (strmap_list_find(&t->policy_ix, &t->policies, policy_name, p->name))
		t->policy_dups = true;
	ptrvec_push(&t->policies, p);
	strmap_list_added(t->policy_ix, p->name, p);
}

static void create_extension(struct builder *b, const CreateExtensionStmt *es)
{
	ListCell *lc;
	struct extension *e = model_add_extension(b->m, es->extname);
	foreach (lc, es->options) {
		const Node *o = lfirst(lc);
		if (!IS_NODE(o, DefElem))
			continue;
		const DefElem *d = (const DefElem *)o;
		const char *v = node_string(d->arg);
		if (strcmp(d->defname, "schema") == 0 && v)
			e->h.schema = arena_strdup(b->a, v);
		else if (strcmp(d->defname, "new_version") == 0 && v)
			e->version = arena_strdup(b->a, v);
	}
}

static void create_schema(struct builder *b, const CreateSchemaStmt *cs)
{
	const char *name =
	    cs->schemaname && cs->schemaname[0] ? cs->schemaname : role_name(cs->authrole);
	if (name == NULL)
		return;
	struct schema *s = model_add_schema(b->m, name);
	s->created = true;
	if (cs->authrole)
		s->h.owner = arena_strdup(b->a, role_name(cs->authrole));
}

/*
 * The header (owner, comment, grants) of the object a COMMENT, GRANT or
 * ALTER ... OWNER statement names, or NULL when the model has no such
 * object (or does not model that kind).
 */
static struct objhdr *find_named_object(struct builder *b, ObjectType type, const Node *obj,
					ObjectType *kind)
{
	const char *schema = NULL, *name = NULL;

	if (obj == NULL)
		return NULL;
	enum object_kind named;
	if (build_named_kind(type, &named))
		return build_named_find(b, named, obj);
	switch (nodeTag(obj)) {
	case T_List:
		build_qualname(b, (const List *)obj, &schema, &name);
		break;
	case T_String:
		name = strVal(obj);
		break;
	case T_RangeVar: {
		const RangeVar *rv = (const RangeVar *)obj;
		schema = rv->schemaname && rv->schemaname[0] ? rv->schemaname : NULL;
		name = rv->relname;
		break;
	}
	case T_TypeName:
		build_qualname(b, ((const TypeName *)obj)->names, &schema, &name);
		break;
	case T_ObjectWithArgs:
		build_qualname(b, ((const ObjectWithArgs *)obj)->objname, &schema, &name);
		break;
	default:
		return NULL;
	}
	if (name == NULL)
		return NULL;
	const char *sch = schema ? schema : build_creation_schema(b);

	switch (type) {
	case OBJECT_SCHEMA: {
		struct schema *s = model_find_schema(b->m, name);
		if (s == NULL && strcmp(name, "public") == 0)
			s = model_add_schema(b->m, name);
		return s ? &s->h : NULL;
	}
	case OBJECT_TABLE:
	case OBJECT_FOREIGN_TABLE:
	case OBJECT_VIEW:
	case OBJECT_MATVIEW:
	case OBJECT_SEQUENCE: {
		/* GRANT ON TABLE also names views and sequences. */
		struct table *t = model_find_table(b->m, sch, name);
		struct view *v = model_find_view(b->m, sch, name);
		struct sequence *s = model_find_sequence(b->m, sch, name);
		if (kind) /* what ALL means follows the object found */
			*kind = t ? OBJECT_TABLE : v ? OBJECT_VIEW : OBJECT_SEQUENCE;
		return t ? &t->h : v ? &v->h : s ? &s->h : NULL;
	}
	case OBJECT_INDEX: {
		struct index *ix = model_find_index(b->m, sch, name);
		return ix ? &ix->h : NULL;
	}
	case OBJECT_TYPE:
	case OBJECT_DOMAIN: {
		struct pgtype *t = model_find_type(b->m, sch, name);
		return t ? &t->h : NULL;
	}
	case OBJECT_EXTENSION: {
		struct extension *e = model_add_extension(b->m, name);
		return &e->h;
	}
	case OBJECT_FUNCTION:
	case OBJECT_PROCEDURE:
	case OBJECT_AGGREGATE:
	case OBJECT_ROUTINE: {
		/* Overloads: match on the argument list when the statement gives one. */
		const char *args = NULL;
		if (IsA(obj, ObjectWithArgs) && !((const ObjectWithArgs *)obj)->args_unspecified) {
			ListCell *lc;
			struct strbuf sb;
			sb_init(&sb);
			foreach (lc, ((const ObjectWithArgs *)obj)->objargs) {
				const Node *a = lfirst(lc);
				if (IS_NODE(a, TypeName))
					sb_printf(&sb, "%s%s",
						  foreach_current_index(lc) ? ", " : "",
						  typefmt_format(b, (const TypeName *)a));
			}
			args = arena_strdup(b->a, sb.data ? sb.data : "");
			sb_free(&sb);
		}
		struct function *f = model_find_function(b->m, sch, name, args);
		return f ? &f->h : NULL;
	}
	default:
		return NULL;
	}
}

static const char *trigger_name(const void *tr)
{
	return ((const struct trigger *)tr)->name;
}

static const char *policy_name(const void *p)
{
	return ((const struct policy *)p)->name;
}

/* COMMENT ON COLUMN / CONSTRAINT / TRIGGER / POLICY: parts of a table. */
static bool comment_on_table_part(struct builder *b, const CommentStmt *cs)
{
	const Node *obj = cs->object;
	if (!IS_NODE(obj, List) || list_length((const List *)obj) < 2)
		return false;
	const List *items = (const List *)obj;
	int n = list_length(items);
	const char *part = node_string(llast(items));
	/*
	 * The table's name: every item but the last.  A List header on the stack
	 * over the same cells, shorter by one (no node may be allocated here).
	 */
	List head = *items;
	head.length = n - 1;
	const char *schema = NULL, *tname = NULL;
	build_qualname(b, &head, &schema, &tname);
	if (part == NULL || tname == NULL)
		return false;
	RangeVar rv;
	memset(&rv, 0, sizeof(rv));
	rv.type = T_RangeVar;
	rv.schemaname = (char *)schema; /* NULL when unqualified: searched on search_path */
	rv.relname = (char *)tname;
	rv.location = -1;
	struct table *t = build_find_table(b, &rv);
	/* The statement's text: each target keeps an arena copy (model_str) unless it has it. */
	const char *text = cs->comment && cs->comment[0] ? cs->comment : NULL;

	switch (cs->objtype) {
	case OBJECT_COLUMN: {
		struct column *c = t ? table_find_column(t, part) : NULL;
		if (c)
			c->comment = model_str(b->m, c->comment, text);
		return true; /* comments on view columns are not modelled */
	}
	case OBJECT_TABCONSTRAINT: {
		struct constraint *c = t ? table_find_constraint(t, part) : NULL;
		if (c)
			c->comment = model_str(b->m, c->comment, text);
		return true;
	}
	case OBJECT_TRIGGER:
		if (t && !t->trigger_dups) { /* one of that name at most: the hashed lookup */
			struct trigger *tr =
			    strmap_list_find(&t->trigger_ix, &t->triggers, trigger_name, part);
			if (tr)
				tr->comment = model_str(b->m, tr->comment, text);
			return true;
		}
		for (size_t i = 0; t && i < t->triggers.n; i++) {
			struct trigger *tr = t->triggers.v[i];
			if (strcmp(tr->name, part) == 0)
				tr->comment = model_str(b->m, tr->comment, text);
		}
		return true;
	case OBJECT_POLICY:
		if (t && !t->policy_dups) {
			struct policy *p =
			    strmap_list_find(&t->policy_ix, &t->policies, policy_name, part);
			if (p)
				p->comment = model_str(b->m, p->comment, text);
			return true;
		}
		for (size_t i = 0; t && i < t->policies.n; i++) {
			struct policy *p = t->policies.v[i];
			if (strcmp(p->name, part) == 0)
				p->comment = model_str(b->m, p->comment, text);
		}
		return true;
	default:
		return false;
	}
}

static void comment_on(struct builder *b, const CommentStmt *cs)
{
	if (comment_on_table_part(b, cs))
		return;
	struct objhdr *h = find_named_object(b, cs->objtype, cs->object, NULL);
	if (h)
		h->comment =
		    model_str(b->m, h->comment, cs->comment && cs->comment[0] ? cs->comment : NULL);
}

static void alter_owner(struct builder *b, const AlterOwnerStmt *os)
{
	const char *owner = role_name(os->newowner);
	struct objhdr *h = find_named_object(b, os->objectType, os->object, NULL);
	if (h && owner) {
		h->owner = model_str(b->m, h->owner, owner);
		model_note_role(b->m, h->owner);
	}
}

/*
 * The statement's privileges, upper case; no list is ALL.  Heap memory
 * (free_privileges): a million GRANTs that merge into one must not leave a
 * million copies in the arena.
 */
static void statement_privileges(const GrantStmt *gs, struct ptrvec *out)
{
	ListCell *lc, *lc2;
	if (gs->privileges == NIL) {
		struct privilege *p = xcalloc(1, sizeof(*p));
		p->name = xstrdup("ALL");
		ptrvec_push(out, p);
		return;
	}
	foreach (lc, gs->privileges) {
		const Node *n = lfirst(lc);
		if (!IS_NODE(n, AccessPriv))
			continue;
		const AccessPriv *ap = (const AccessPriv *)n;
		struct privilege *p = xcalloc(1, sizeof(*p));
		/*
		 * ALL (cols) leaves priv_name NULL.  The protobuf tree had "" there
		 * (never NULL), so the privilege printed as "(a, b)": kept.
		 */
		char *name = xstrdup(ap->priv_name ? ap->priv_name : "");
		for (char *c = name; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		p->name = name;
		p->columns = list_length(ap->cols) > 0;
		foreach (lc2, ap->cols)
			ptrvec_push(
			    &p->cols,
			    (void *)(node_string(lfirst(lc2)) ? node_string(lfirst(lc2)) : "?"));
		ptrvec_push(out, p);
	}
}

static void free_privileges(struct ptrvec *privs)
{
	for (size_t i = 0; i < privs->n; i++) {
		struct privilege *p = privs->v[i];
		ptrvec_free(&p->cols);
		free((char *)p->name);
		free(p);
	}
	ptrvec_free(privs);
}

/* What GRANT ALL gives on this kind of object, or NULL when not known here. */
static const char *all_privileges(ObjectType type)
{
	switch (type) {
	case OBJECT_TABLE:
	case OBJECT_FOREIGN_TABLE:
	case OBJECT_VIEW:
	case OBJECT_MATVIEW:
		return "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER";
	case OBJECT_SEQUENCE:
		return "USAGE, SELECT, UPDATE";
	case OBJECT_SCHEMA:
		return "USAGE, CREATE";
	case OBJECT_FUNCTION:
	case OBJECT_PROCEDURE:
	case OBJECT_ROUTINE:
		return "EXECUTE";
	case OBJECT_TYPE:
	case OBJECT_DOMAIN:
	case OBJECT_FDW:
	case OBJECT_FOREIGN_SERVER:
	case OBJECT_LANGUAGE:
		return "USAGE";
	default:
		return NULL;
	}
}

/*
 * An object's ACL is its kind's default until the first GRANT or REVOKE
 * on it, which starts from that default (acldefault()): for functions,
 * types and languages it holds EXECUTE or USAGE for PUBLIC, so REVOKE ALL
 * ... FROM PUBLIC takes away what was never written as granted, and a
 * GRANT leaves PUBLIC's privilege in place.  The owner's own entry is not
 * kept (grants are what was granted to others).
 */
static void grant_default_to_public(struct builder *b, struct objhdr *h, ObjectType kind)
{
	h->acl_set = true;
	const char *priv;
	switch (kind) {
	case OBJECT_FUNCTION:
	case OBJECT_PROCEDURE:
	case OBJECT_ROUTINE:
	case OBJECT_AGGREGATE:
		priv = "EXECUTE";
		break;
	case OBJECT_TYPE:
	case OBJECT_DOMAIN:
	case OBJECT_LANGUAGE:
		priv = "USAGE";
		break;
	default:
		return;
	}
	struct privilege p = {.name = priv};
	struct ptrvec privs = {0};
	ptrvec_push(&privs, &p);
	grants_apply(b->m, h, "PUBLIC", &privs, true, false, all_privileges(kind));
	ptrvec_free(&privs);
}

/*
 * GRANT and REVOKE on objects the model has: merged into one entry per
 * grantee (and grant option), as PostgreSQL's ACL (grants.c).
 */
/* The statement's privileges given to (or taken from) each grantee on h, an object of `kind`. */
static void grant_on(struct builder *b, const GrantStmt *gs, const struct ptrvec *privs,
		     struct objhdr *h, ObjectType kind)
{
	ListCell *lc;
	if (!h->acl_set)
		grant_default_to_public(b, h, kind);
	foreach (lc, gs->grantees) {
		if (!IS_NODE(lfirst(lc), RoleSpec))
			continue;
		const char *who = role_name(lfirst(lc));
		if (who == NULL)
			continue;
		model_note_role(b->m, who);
		grants_apply(b->m, h, who, privs, gs->is_grant, gs->grant_option,
			     all_privileges(kind));
	}
}

/*
 * GRANT ... ON ALL TABLES / SEQUENCES / FUNCTIONS / PROCEDURES / ROUTINES IN
 * SCHEMA s: every such object in s now, as PostgreSQL applies it (tables:
 * every kind of table and view; functions: all but procedures).
 */
static void grant_in_schema(struct builder *b, const GrantStmt *gs, const struct ptrvec *privs,
			    const char *schema)
{
	struct model *m = b->m;
	if (model_find_schema(m, schema) == NULL && strcmp(schema, "public") != 0) {
		build_warn(b, -1, "no such schema: %s (GRANT ... IN SCHEMA left out)", schema);
		return;
	}
	if (gs->objtype == OBJECT_TABLE) {
		for (size_t i = 0; i < m->tables.n; i++) {
			struct table *t = m->tables.v[i];
			if (strcmp(t->h.schema, schema) == 0)
				grant_on(b, gs, privs, &t->h, OBJECT_TABLE);
		}
		for (size_t i = 0; i < m->views.n; i++) {
			struct view *v = m->views.v[i];
			if (strcmp(v->h.schema, schema) == 0)
				grant_on(b, gs, privs, &v->h, OBJECT_TABLE);
		}
	} else if (gs->objtype == OBJECT_SEQUENCE) {
		for (size_t i = 0; i < m->sequences.n; i++) {
			struct sequence *q = m->sequences.v[i];
			if (strcmp(q->h.schema, schema) == 0)
				grant_on(b, gs, privs, &q->h, OBJECT_SEQUENCE);
		}
	} else {
		for (size_t i = 0; i < m->functions.n; i++) {
			struct function *f = m->functions.v[i];
			bool proc = f->kind == FUNC_PROCEDURE;
			if (strcmp(f->h.schema, schema) != 0 ||
			    (gs->objtype == OBJECT_FUNCTION && proc) ||
			    (gs->objtype == OBJECT_PROCEDURE && !proc))
				continue;
			grant_on(b, gs, privs, &f->h, proc ? OBJECT_PROCEDURE : OBJECT_FUNCTION);
		}
	}
}

static void grant(struct builder *b, const GrantStmt *gs)
{
	ListCell *lc;
	struct ptrvec privs = {0};
	statement_privileges(gs, &privs);
	foreach (lc, gs->objects) {
		if (gs->targtype == ACL_TARGET_ALL_IN_SCHEMA) {
			if (node_string(lfirst(lc)) != NULL)
				grant_in_schema(b, gs, &privs, node_string(lfirst(lc)));
			continue;
		}
		if (gs->targtype != ACL_TARGET_OBJECT)
			continue;
		ObjectType kind = gs->objtype;
		struct objhdr *h = find_named_object(b, gs->objtype, lfirst(lc), &kind);
		if (h != NULL)
			grant_on(b, gs, &privs, h, kind);
	}
	free_privileges(&privs);
}

/*
 * CREATE ROLE / USER / GROUP and CREATE TABLESPACE come from pg_dumpall's
 * globals.  They belong to the cluster, not to any database's schema, so
 * they are only noted by name.
 */
static void create_role(struct builder *b, const CreateRoleStmt *cr)
{
	model_note_role(b->m, cr->role);
}

static void create_tablespace(struct builder *b, const CreateTableSpaceStmt *ct)
{
	model_note_tablespace(b->m, ct->tablespacename);
	model_note_role(b->m, role_name(ct->owner));
}

void build_object_statement(struct builder *b, const Node *n)
{
	switch (nodeTag(n)) {
	case T_CreateSchemaStmt:
		create_schema(b, (const CreateSchemaStmt *)n);
		break;
	case T_CreateExtensionStmt:
		create_extension(b, (const CreateExtensionStmt *)n);
		break;
	case T_CreateSeqStmt:
		create_sequence(b, (const CreateSeqStmt *)n);
		break;
	case T_AlterSeqStmt:
		alter_sequence(b, (const AlterSeqStmt *)n);
		break;
	case T_ViewStmt:
		create_view(b, (const ViewStmt *)n);
		break;
	case T_CreateTableAsStmt:
		create_matview(b, (const CreateTableAsStmt *)n);
		break;
	case T_CreateEnumStmt:
		create_enum(b, (const CreateEnumStmt *)n);
		break;
	case T_AlterEnumStmt:
		alter_enum(b, (const AlterEnumStmt *)n);
		break;
	case T_CompositeTypeStmt:
		create_composite(b, (const CompositeTypeStmt *)n);
		break;
	case T_CreateDomainStmt:
		create_domain(b, (const CreateDomainStmt *)n);
		break;
	case T_AlterDomainStmt:
		alter_domain(b, (const AlterDomainStmt *)n);
		break;
	case T_CreateRangeStmt:
		create_range(b, (const CreateRangeStmt *)n);
		break;
	case T_DefineStmt:
		if (!build_named_statement(b, n))
			define_object(b, (const DefineStmt *)n);
		break;
	case T_AlterFunctionStmt:
		alter_function(b, (const AlterFunctionStmt *)n);
		break;
	case T_CreateFunctionStmt:
		create_function(b, (const CreateFunctionStmt *)n);
		break;
	case T_CreateTrigStmt:
		create_trigger(b, (const CreateTrigStmt *)n);
		break;
	case T_CreatePolicyStmt:
		create_policy(b, (const CreatePolicyStmt *)n);
		break;
	case T_CommentStmt:
		comment_on(b, (const CommentStmt *)n);
		break;
	case T_AlterOwnerStmt:
		alter_owner(b, (const AlterOwnerStmt *)n);
		break;
	case T_GrantStmt:
		grant(b, (const GrantStmt *)n);
		break;
	case T_CreateRoleStmt:
		create_role(b, (const CreateRoleStmt *)n);
		break;
	case T_CreateTableSpaceStmt:
		create_tablespace(b, (const CreateTableSpaceStmt *)n);
		break;
	case T_DropStmt: /* the same */
		if (!build_named_statement(b, n))
			build_drop(b, (const DropStmt *)n);
		break;
	default:
		/* Objects held by name; SET, set_config(), COPY...: elsewhere, or not modelled */
		build_named_statement(b, n);
		break;
	}
}
