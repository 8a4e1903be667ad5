/*
 * build_objects.c
 *	  Every statement that is not CREATE/ALTER TABLE or CREATE INDEX:
 *	  schemas, extensions, sequences, views, types, functions, triggers,
 *	  policies, comments, owners and grants.
 */
#include "build_int.h"

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

static const char *role_name(const PgQuery__RoleSpec *r)
{
	if (r == NULL)
		return NULL;
	switch (r->roletype) {
	case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC:
		return "PUBLIC";
	case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER:
		return "CURRENT_USER";
	case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER:
		return "SESSION_USER";
	case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_ROLE:
		return "CURRENT_ROLE";
	default:
		return r->rolename;
	}
}

static long long const_int(const Node *n, bool *ok)
{
	*ok = false;
	if (n == NULL || n->node_case != PG_QUERY__NODE__NODE_A_CONST)
		return 0;
	const PgQuery__AConst *c = n->a_const;
	if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
		*ok = true;
		return c->ival->ival;
	}
	if (c->val_case == PG_QUERY__A__CONST__VAL_FVAL) { /* big values arrive as Float */
		*ok = true;
		return strtoll(c->fval->fval, NULL, 10);
	}
	return 0;
}

/* Integer nodes appear bare (Integer) in DefElem args; A_Const elsewhere. */
static long long defelem_int(const Node *n, bool *ok)
{
	*ok = false;
	if (n == NULL)
		return 0;
	if (n->node_case == PG_QUERY__NODE__NODE_INTEGER) {
		*ok = true;
		return n->integer->ival;
	}
	if (n->node_case == PG_QUERY__NODE__NODE_FLOAT) {
		*ok = true;
		return strtoll(n->float_->fval, NULL, 10);
	}
	return const_int(n, ok);
}

void build_sequence_options(struct builder *b, struct sequence *s, Node **opts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (opts[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		const PgQuery__DefElem *d = opts[i]->def_elem;
		bool ok;
		long long v = defelem_int(d->arg, &ok);
		if (strcmp(d->defname, "as") == 0 && d->arg &&
		    d->arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			s->data_type = typefmt_format(b, d->arg->type_name);
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
				   (d->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN &&
				    d->arg->boolean->boolval) ||
				   (ok && v != 0);
		else if (strcmp(d->defname, "owned_by") == 0 && d->arg &&
			 d->arg->node_case == PG_QUERY__NODE__NODE_LIST) {
			const PgQuery__List *l = d->arg->list;
			if (l->n_items >= 2) {
				const char *col = node_string(l->items[l->n_items - 1]);
				const char *tab = node_string(l->items[l->n_items - 2]);
				const char *sch = l->n_items >= 3
						      ? node_string(l->items[l->n_items - 3])
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

static void create_sequence(struct builder *b, const PgQuery__CreateSeqStmt *cs)
{
	const char *schema = build_rv_schema(b, cs->sequence);
	if (model_find_sequence(b->m, schema, cs->sequence->relname))
		return;
	struct sequence *s = model_add_sequence(b->m, schema, cs->sequence->relname);
	build_sequence_options(b, s, cs->options, cs->n_options);
}

static void alter_sequence(struct builder *b, const PgQuery__AlterSeqStmt *as)
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
	build_sequence_options(b, s, as->options, as->n_options);
	if (dt)
		s->data_type = dt;
}

static void create_view(struct builder *b, const PgQuery__ViewStmt *vs)
{
	const char *schema = build_rv_schema(b, vs->view);
	struct view *v = model_find_view(b->m, schema, vs->view->relname);
	if (v == NULL)
		v = model_add_view(b->m, schema, vs->view->relname);
	v->definition = pgparse_deparse_stmt(b->a, vs->query);
	for (size_t i = 0; i < vs->n_aliases; i++)
		if (node_string(vs->aliases[i]))
			ptrvec_push(&v->columns, arena_strdup(b->a, node_string(vs->aliases[i])));
}

static void create_matview(struct builder *b, const PgQuery__CreateTableAsStmt *cs)
{
	if (cs->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW || cs->into == NULL)
		return; /* CREATE TABLE AS does not appear in schema dumps */
	const PgQuery__RangeVar *rv = cs->into->rel;
	struct view *v = model_add_view(b->m, build_rv_schema(b, rv), rv->relname);
	v->materialized = true;
	v->definition = pgparse_deparse_stmt(b->a, cs->query);
}

static struct pgtype *add_type(struct builder *b, Node **names, size_t n, enum type_kind kind)
{
	const char *schema, *name;
	build_qualname(b, names, n, &schema, &name);
	if (name == NULL)
		return NULL;
	struct pgtype *t = model_add_type(b->m, schema ? schema : build_creation_schema(b), name);
	t->kind = kind;
	return t;
}

static void create_enum(struct builder *b, const PgQuery__CreateEnumStmt *es)
{
	struct pgtype *t = add_type(b, es->type_name, es->n_type_name, TYPE_ENUM);
	if (t == NULL)
		return;
	for (size_t i = 0; i < es->n_vals; i++)
		if (node_string(es->vals[i]))
			ptrvec_push(&t->labels, arena_strdup(b->a, node_string(es->vals[i])));
}

/* ALTER TYPE ... ADD VALUE 'x' [BEFORE|AFTER 'y'], RENAME VALUE. */
static void alter_enum(struct builder *b, const PgQuery__AlterEnumStmt *es)
{
	const char *schema, *name;
	build_qualname(b, es->type_name, es->n_type_name, &schema, &name);
	struct pgtype *t = model_find_type(b->m, schema ? schema : build_creation_schema(b), name);
	if (t == NULL || t->kind != TYPE_ENUM)
		return;
	if (es->old_val && es->old_val[0]) {
		for (size_t i = 0; i < t->labels.n; i++)
			if (strcmp(t->labels.v[i], es->old_val) == 0)
				t->labels.v[i] = arena_strdup(b->a, es->new_val);
		return;
	}
	for (size_t i = 0; i < t->labels.n; i++)
		if (strcmp(t->labels.v[i], es->new_val) == 0)
			return;
	size_t pos = t->labels.n;
	if (es->new_val_neighbor && es->new_val_neighbor[0]) {
		for (size_t i = 0; i < t->labels.n; i++)
			if (strcmp(t->labels.v[i], es->new_val_neighbor) == 0)
				pos = es->new_val_is_after ? i + 1 : i;
	}
	ptrvec_push(&t->labels, NULL);
	memmove(&t->labels.v[pos + 1], &t->labels.v[pos], (t->labels.n - 1 - pos) * sizeof(void *));
	t->labels.v[pos] = arena_strdup(b->a, es->new_val);
}

static void create_composite(struct builder *b, const PgQuery__CompositeTypeStmt *cs)
{
	const char *schema = build_rv_schema(b, cs->typevar);
	struct pgtype *t = model_add_type(b->m, schema, cs->typevar->relname);
	t->kind = TYPE_COMPOSITE;
	for (size_t i = 0; i < cs->n_coldeflist; i++) {
		if (cs->coldeflist[i]->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
			continue;
		const PgQuery__ColumnDef *cd = cs->coldeflist[i]->column_def;
		struct type_attr *at = arena_alloc(b->a, sizeof(*at));
		at->name = arena_strdup(b->a, cd->colname);
		at->type = typefmt_format(b, cd->type_name);
		ptrvec_push(&t->attributes, at);
	}
}

static void add_domain_constraint(struct builder *b, struct pgtype *t, const PgQuery__Constraint *c)
{
	switch (c->contype) {
	case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
		t->not_null = true;
		break;
	case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
		t->default_expr = pgparse_deparse_expr(b->a, c->raw_expr);
		break;
	case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
		struct domain_check *dc = arena_alloc(b->a, sizeof(*dc));
		/* Unnamed: <domain>_check, numbered when taken (ChooseConstraintName). */
		dc->name = c->conname && c->conname[0]
			       ? arena_strdup(b->a, c->conname)
			       : build_choose_name(b, t->h.schema, t->h.name, NULL, "check",
						   CLASH_CONSTRAINT);
		dc->expression = pgparse_deparse_expr(b->a, c->raw_expr);
		dc->valid = !c->skip_validation;
		ptrvec_push(&t->checks, dc);
		break;
	}
	default:
		break;
	}
}

static void create_domain(struct builder *b, const PgQuery__CreateDomainStmt *ds)
{
	struct pgtype *t = add_type(b, ds->domainname, ds->n_domainname, TYPE_DOMAIN);
	if (t == NULL)
		return;
	t->base_type = typefmt_format(b, ds->type_name);
	if (ds->coll_clause && ds->coll_clause->n_collname > 0) {
		const char *schema, *name;
		build_qualname(b, ds->coll_clause->collname, ds->coll_clause->n_collname, &schema,
			       &name);
		t->collation =
		    schema ? arena_printf(b->a, "%s.%s", schema, name) : arena_strdup(b->a, name);
	}
	for (size_t i = 0; i < ds->n_constraints; i++)
		if (ds->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
			add_domain_constraint(b, t, ds->constraints[i]->constraint);
}

static void alter_domain(struct builder *b, const PgQuery__AlterDomainStmt *ad)
{
	const char *schema, *name;
	build_qualname(b, ad->type_name, ad->n_type_name, &schema, &name);
	struct pgtype *t = model_find_type(b->m, schema ? schema : build_creation_schema(b), name);
	if (t == NULL || ad->subtype == NULL)
		return;
	if (ad->subtype[0] == 'C' && ad->def &&
	    ad->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
		add_domain_constraint(b, t, ad->def->constraint);
	else if (ad->subtype[0] == 'O')
		t->not_null = true;
	else if (ad->subtype[0] == 'N')
		t->not_null = false;
	else if (ad->subtype[0] == 'T')
		t->default_expr = pgparse_deparse_expr(b->a, ad->def);
	else if (ad->subtype[0] == 'V')
		for (size_t i = 0; i < t->checks.n; i++) {
			struct domain_check *dc = t->checks.v[i];
			if (ad->name && strcmp(dc->name, ad->name) == 0)
				dc->valid = true;
		}
}

static void create_range(struct builder *b, const PgQuery__CreateRangeStmt *rs)
{
	struct pgtype *t = add_type(b, rs->type_name, rs->n_type_name, TYPE_RANGE);
	if (t == NULL)
		return;
	for (size_t i = 0; i < rs->n_params; i++) {
		const Node *p = rs->params[i];
		if (p->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
		    strcmp(p->def_elem->defname, "subtype") == 0 && p->def_elem->arg &&
		    p->def_elem->arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			t->subtype = typefmt_format(b, p->def_elem->arg->type_name);
	}
}

/* Argument types of a function or aggregate, input arguments only (as pg_proc.proargtypes). */
static const char *format_arguments(struct builder *b, Node **params, size_t n)
{
	struct strbuf sb;
	bool first = true;
	sb_init(&sb);
	for (size_t i = 0; i < n; i++) {
		if (params[i]->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER)
			continue;
		const PgQuery__FunctionParameter *fp = params[i]->function_parameter;
		if (fp->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT ||
		    fp->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE)
			continue;
		if (!first)
			sb_append(&sb, ", ");
		first = false;
		/* VARIADIC is not part of the type (COMMENT ON, GRANT name it without) */
		sb_append(&sb, fp->arg_type ? typefmt_format(b, fp->arg_type) : "?");
	}
	const char *r = arena_strdup(b->a, sb.data ? sb.data : "");
	sb_free(&sb);
	return r;
}

/* RETURNS TABLE(a integer, b text): the TABLE parameters. */
static const char *format_returns_table(struct builder *b, Node **params, size_t n)
{
	struct strbuf sb;
	bool any = false;
	sb_init(&sb);
	sb_append(&sb, "TABLE(");
	for (size_t i = 0; i < n; i++) {
		if (params[i]->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER)
			continue;
		const PgQuery__FunctionParameter *fp = params[i]->function_parameter;
		if (fp->mode != PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE)
			continue;
		sb_printf(&sb, "%s%s %s", any ? ", " : "", fp->name ? fp->name : "",
			  typefmt_format(b, fp->arg_type));
		any = true;
	}
	sb_putc(&sb, ')');
	const char *r = any ? arena_strdup(b->a, sb.data) : NULL;
	sb_free(&sb);
	return r;
}

static void create_function(struct builder *b, const PgQuery__CreateFunctionStmt *fs)
{
	const char *schema, *name;
	build_qualname(b, fs->funcname, fs->n_funcname, &schema, &name);
	if (name == NULL)
		return;
	struct function *f =
	    model_add_function(b->m, schema ? schema : build_creation_schema(b), name);
	f->kind = fs->is_procedure ? FUNC_PROCEDURE : FUNC_FUNCTION;
	f->arguments = format_arguments(b, fs->parameters, fs->n_parameters);
	f->signature = arena_printf(b->a, "%s(%s)", name, f->arguments);
	if (!fs->is_procedure) {
		f->returns = format_returns_table(b, fs->parameters, fs->n_parameters);
		if (f->returns == NULL && fs->return_type)
			f->returns = typefmt_format(b, fs->return_type);
	}
	for (size_t i = 0; i < fs->n_options; i++) {
		const Node *o = fs->options[i];
		if (o->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
		    strcmp(o->def_elem->defname, "language") == 0 && node_string(o->def_elem->arg))
			f->language = arena_strdup(b->a, node_string(o->def_elem->arg));
	}
	if (f->language == NULL && fs->sql_body)
		f->language = "sql";
}

/* CREATE AGGREGATE and CREATE TYPE (base or shell) arrive as DefineStmt. */
static void define_object(struct builder *b, const PgQuery__DefineStmt *ds)
{
	const char *schema, *name;
	build_qualname(b, ds->defnames, ds->n_defnames, &schema, &name);
	if (name == NULL)
		return;
	if (schema == NULL)
		schema = build_creation_schema(b);
	if (ds->kind == PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE) {
		struct function *f = model_add_function(b->m, schema, name);
		f->kind = FUNC_AGGREGATE;
		/* args: [list of FunctionParameter, Integer]; old style: list of TypeName */
		const char *args = "";
		if (ds->n_args > 0 && ds->args[0]->node_case == PG_QUERY__NODE__NODE_LIST)
			args = format_arguments(b, ds->args[0]->list->items,
						ds->args[0]->list->n_items);
		f->arguments = args;
		f->signature = arena_printf(b->a, "%s(%s)", name, args);
	} else if (ds->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE) {
		struct pgtype *t = model_add_type(b->m, schema, name);
		t->kind = TYPE_BASE;
	}
}

/* The trigger function's arguments as pg_get_triggerdef prints them: 'x', 'it''s'. */
static const char *trigger_arguments(struct builder *b, const PgQuery__CreateTrigStmt *ts)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	for (size_t i = 0; i < ts->n_args; i++) {
		const char *arg = node_string(ts->args[i]);
		sb_append(&sb, i ? ", '" : "'");
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

static void create_trigger(struct builder *b, const PgQuery__CreateTrigStmt *ts)
{
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
		if (events[i].bit == TRIGGER_TYPE_UPDATE && ts->n_columns > 0) {
			sb_append(&ev, " OF ");
			for (size_t j = 0; j < ts->n_columns; j++)
				sb_printf(&ev, "%s%s", j ? ", " : "",
					  node_string(ts->columns[j]) ? node_string(ts->columns[j])
								      : "?");
		}
	}
	tr->events = arena_strdup(b->a, ev.data ? ev.data : "");
	sb_free(&ev);
	tr->for_each_row = ts->row;
	const char *fschema, *fname;
	build_qualname(b, ts->funcname, ts->n_funcname, &fschema, &fname);
	tr->function = arena_printf(b->a, "%s%s%s(%s)", fschema ? fschema : "", fschema ? "." : "",
				    fname ? fname : "?", trigger_arguments(b, ts));
	tr->when = pgparse_deparse_expr(b->a, ts->when_clause);
	tr->constraint_trigger = ts->isconstraint;
	ptrvec_push(&t->triggers, tr);
}

static void create_policy(struct builder *b, const PgQuery__CreatePolicyStmt *ps)
{
	struct table *t = build_find_table(b, ps->table);
	if (t == NULL) {
		build_warn(b, ps->table->location, "no such table: %s", ps->table->relname);
		return;
	}
	struct policy *p = arena_alloc(b->a, sizeof(*p));
	p->name = arena_strdup(b->a, ps->policy_name);
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
	for (size_t i = 0; i < ps->n_roles; i++)
		if (ps->roles[i]->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC)
			ptrvec_push(&p->roles, (void *)role_name(ps->roles[i]->role_spec));
	for (size_t i = 0; i < p->roles.n; i++)
		p->roles.v[i] = arena_strdup(b->a, p->roles.v[i]);
	p->using_expr = pgparse_deparse_expr(b->a, ps->qual);
	p->check_expr = pgparse_deparse_expr(b->a, ps->with_check);
	ptrvec_push(&t->policies, p);
}

static void create_extension(struct builder *b, const PgQuery__CreateExtensionStmt *es)
{
	struct extension *e = model_add_extension(b->m, es->extname);
	for (size_t i = 0; i < es->n_options; i++) {
		const Node *o = es->options[i];
		if (o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		const char *v = node_string(o->def_elem->arg);
		if (strcmp(o->def_elem->defname, "schema") == 0 && v)
			e->h.schema = arena_strdup(b->a, v);
		else if (strcmp(o->def_elem->defname, "new_version") == 0 && v)
			e->version = arena_strdup(b->a, v);
	}
}

static void create_schema(struct builder *b, const PgQuery__CreateSchemaStmt *cs)
{
	const char *name =
	    cs->schemaname && cs->schemaname[0] ? cs->schemaname : role_name(cs->authrole);
	if (name == NULL)
		return;
	struct schema *s = model_add_schema(b->m, name);
	if (cs->authrole)
		s->h.owner = arena_strdup(b->a, role_name(cs->authrole));
}

/*
 * The header (owner, comment, grants) of the object a COMMENT, GRANT or
 * ALTER ... OWNER statement names, or NULL when the model has no such
 * object (or does not model that kind).
 */
static struct objhdr *find_named_object(struct builder *b, PgQuery__ObjectType type,
					const Node *obj)
{
	const char *schema = NULL, *name = NULL;

	if (obj == NULL)
		return NULL;
	switch (obj->node_case) {
	case PG_QUERY__NODE__NODE_LIST:
		build_qualname(b, obj->list->items, obj->list->n_items, &schema, &name);
		break;
	case PG_QUERY__NODE__NODE_STRING:
		name = obj->string->sval;
		break;
	case PG_QUERY__NODE__NODE_RANGE_VAR:
		schema = obj->range_var->schemaname && obj->range_var->schemaname[0]
			     ? obj->range_var->schemaname
			     : NULL;
		name = obj->range_var->relname;
		break;
	case PG_QUERY__NODE__NODE_TYPE_NAME:
		build_qualname(b, obj->type_name->names, obj->type_name->n_names, &schema, &name);
		break;
	case PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS:
		build_qualname(b, obj->object_with_args->objname, obj->object_with_args->n_objname,
			       &schema, &name);
		break;
	default:
		return NULL;
	}
	if (name == NULL)
		return NULL;
	const char *sch = schema ? schema : build_creation_schema(b);

	switch (type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
		struct schema *s = model_find_schema(b->m, name);
		if (s == NULL && strcmp(name, "public") == 0)
			s = model_add_schema(b->m, name);
		return s ? &s->h : NULL;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: {
		/* GRANT ON TABLE also names views and sequences. */
		struct table *t = model_find_table(b->m, sch, name);
		struct view *v = model_find_view(b->m, sch, name);
		struct sequence *s = model_find_sequence(b->m, sch, name);
		return t ? &t->h : v ? &v->h : s ? &s->h : NULL;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: {
		struct index *ix = model_find_index(b->m, sch, name);
		return ix ? &ix->h : NULL;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
		struct pgtype *t = model_find_type(b->m, sch, name);
		return t ? &t->h : NULL;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: {
		struct extension *e = model_add_extension(b->m, name);
		return &e->h;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: {
		/* Overloads: match on the argument list when the statement gives one. */
		const char *args = NULL;
		if (obj->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS &&
		    !obj->object_with_args->args_unspecified) {
			struct strbuf sb;
			sb_init(&sb);
			for (size_t i = 0; i < obj->object_with_args->n_objargs; i++) {
				const Node *a = obj->object_with_args->objargs[i];
				if (a->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
					sb_printf(&sb, "%s%s", i ? ", " : "",
						  typefmt_format(b, a->type_name));
			}
			args = arena_strdup(b->a, sb.data ? sb.data : "");
			sb_free(&sb);
		}
		for (size_t i = b->m->functions.n; i-- > 0;) {
			struct function *f = b->m->functions.v[i];
			if (strcmp(f->h.name, name) == 0 && strcmp(f->h.schema, sch) == 0 &&
			    (args == NULL || strcmp(f->arguments, args) == 0))
				return &f->h;
		}
		return NULL;
	}
	default:
		return NULL;
	}
}

/* COMMENT ON COLUMN / CONSTRAINT / TRIGGER / POLICY: parts of a table. */
static bool comment_on_table_part(struct builder *b, const PgQuery__CommentStmt *cs)
{
	const Node *obj = cs->object;
	if (obj == NULL || obj->node_case != PG_QUERY__NODE__NODE_LIST || obj->list->n_items < 2)
		return false;
	Node **it = obj->list->items;
	size_t n = obj->list->n_items;
	const char *part = node_string(it[n - 1]);
	const char *schema = NULL, *tname = NULL;
	build_qualname(b, it, n - 1, &schema, &tname);
	if (part == NULL || tname == NULL)
		return false;
	PgQuery__RangeVar rv = PG_QUERY__RANGE_VAR__INIT;
	rv.schemaname = (char *)(schema ? schema : "");
	rv.relname = (char *)tname;
	struct table *t = build_find_table(b, &rv);
	const char *text = cs->comment && cs->comment[0] ? arena_strdup(b->a, cs->comment) : NULL;

	switch (cs->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: {
		struct column *c = t ? table_find_column(t, part) : NULL;
		if (c)
			c->comment = text;
		return true; /* comments on view columns are not modelled */
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT: {
		struct constraint *c = t ? table_find_constraint(t, part) : NULL;
		if (c)
			c->comment = text;
		return true;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
		for (size_t i = 0; t && i < t->triggers.n; i++) {
			struct trigger *tr = t->triggers.v[i];
			if (strcmp(tr->name, part) == 0)
				tr->comment = text;
		}
		return true;
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
		for (size_t i = 0; t && i < t->policies.n; i++) {
			struct policy *p = t->policies.v[i];
			if (strcmp(p->name, part) == 0)
				p->comment = text;
		}
		return true;
	default:
		return false;
	}
}

static void comment_on(struct builder *b, const PgQuery__CommentStmt *cs)
{
	if (comment_on_table_part(b, cs))
		return;
	struct objhdr *h = find_named_object(b, cs->objtype, cs->object);
	if (h)
		h->comment = cs->comment && cs->comment[0] ? arena_strdup(b->a, cs->comment) : NULL;
}

static void alter_owner(struct builder *b, const PgQuery__AlterOwnerStmt *os)
{
	const char *owner = role_name(os->newowner);
	struct objhdr *h = find_named_object(b, os->object_type, os->object);
	if (h && owner) {
		h->owner = arena_strdup(b->a, owner);
		model_note_role(b->m, h->owner);
	}
}

static const char *format_privileges(struct builder *b, const PgQuery__GrantStmt *gs)
{
	if (gs->n_privileges == 0)
		return "ALL";
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < gs->n_privileges; i++) {
		const Node *p = gs->privileges[i];
		if (p->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV)
			continue;
		const char *name = p->access_priv->priv_name ? p->access_priv->priv_name : "all";
		if (sb.len)
			sb_append(&sb, ", ");
		for (const char *c = name; *c; c++)
			sb_putc(&sb, (*c >= 'a' && *c <= 'z') ? (char)(*c - 'a' + 'A') : *c);
		if (p->access_priv->n_cols > 0) {
			sb_append(&sb, "(");
			for (size_t j = 0; j < p->access_priv->n_cols; j++)
				sb_printf(&sb, "%s%s", j ? ", " : "",
					  node_string(p->access_priv->cols[j])
					      ? node_string(p->access_priv->cols[j])
					      : "?");
			sb_append(&sb, ")");
		}
	}
	const char *r = arena_strdup(b->a, sb.data ? sb.data : "");
	sb_free(&sb);
	return r;
}

/* What GRANT ALL gives on this kind of object, or NULL when not known here. */
static const char *all_privileges(PgQuery__ObjectType type)
{
	switch (type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		return "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER";
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		return "USAGE, SELECT, UPDATE";
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		return "USAGE, CREATE";
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
		return "EXECUTE";
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
		return "USAGE";
	default:
		return NULL;
	}
}

/* Split "SELECT(a, b), INSERT" at the commas between privileges; arena copies. */
static void split_privileges(struct builder *b, const char *privs, struct ptrvec *out)
{
	int depth = 0;
	const char *start = privs;
	for (const char *c = privs;; c++) {
		if (*c == '(')
			depth++;
		else if (*c == ')')
			depth--;
		else if ((*c == ',' && depth == 0) || *c == '\0') {
			ptrvec_push(out, arena_strndup(b->a, start, (size_t)(c - start)));
			if (*c == '\0')
				return;
			start = c + 1 + (c[1] == ' ');
		}
	}
}

/* Does REVOKE of `revoked` take `priv` away?  A table privilege takes its column ones too. */
static bool revokes(const char *revoked, const char *priv)
{
	size_t n = strlen(revoked);
	return strcmp(revoked, priv) == 0 || strcmp(revoked, "ALL") == 0 ||
	       (strchr(revoked, '(') == NULL && strncmp(priv, revoked, n) == 0 && priv[n] == '(');
}

/* The privileges of `had` that REVOKE of `revoked` leaves, or NULL when none. */
static const char *privileges_left(struct builder *b, const char *had, const char *revoked,
				   PgQuery__ObjectType type)
{
	struct ptrvec have = {0}, gone = {0};
	struct strbuf sb;
	if (strcmp(had, "ALL") == 0 && strcmp(revoked, "ALL") != 0) {
		had = all_privileges(type);
		if (had == NULL)
			return "ALL"; /* cannot tell what is left */
	}
	split_privileges(b, had, &have);
	split_privileges(b, revoked, &gone);
	sb_init(&sb);
	for (size_t i = 0; i < have.n; i++) {
		bool keep = true;
		for (size_t j = 0; j < gone.n && keep; j++)
			keep = !revokes(gone.v[j], have.v[i]);
		if (keep)
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", (const char *)have.v[i]);
	}
	const char *r = sb.len ? arena_strdup(b->a, sb.data) : NULL;
	sb_free(&sb);
	ptrvec_free(&have);
	ptrvec_free(&gone);
	return r;
}

/* REVOKE privs FROM who: each of who's grants here loses those privileges. */
static void revoke(struct builder *b, struct objhdr *h, const char *who,
		   const PgQuery__GrantStmt *gs, const char *privs)
{
	size_t k = 0;
	for (size_t g = 0; g < h->grants.n; g++) {
		struct grant *gr = h->grants.v[g];
		if (strcmp(gr->grantee, who) == 0 && gs->grant_option) {
			/* REVOKE GRANT OPTION FOR: the privileges themselves stay */
			gr->with_grant_option = false;
		} else if (strcmp(gr->grantee, who) == 0) {
			gr->privileges = privileges_left(b, gr->privileges, privs, gs->objtype);
			if (gr->privileges == NULL)
				continue;
		}
		h->grants.v[k++] = gr;
	}
	h->grants.n = k;
}

static void grant(struct builder *b, const PgQuery__GrantStmt *gs)
{
	if (gs->targtype != PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_OBJECT)
		return; /* ALL TABLES IN SCHEMA / default privileges: not object state */
	const char *privs = format_privileges(b, gs);
	for (size_t i = 0; i < gs->n_objects; i++) {
		struct objhdr *h = find_named_object(b, gs->objtype, gs->objects[i]);
		if (h == NULL)
			continue;
		for (size_t j = 0; j < gs->n_grantees; j++) {
			if (gs->grantees[j]->node_case != PG_QUERY__NODE__NODE_ROLE_SPEC)
				continue;
			const char *who = role_name(gs->grantees[j]->role_spec);
			if (who == NULL)
				continue;
			model_note_role(b->m, who);
			if (!gs->is_grant) {
				revoke(b, h, who, gs, privs);
				continue;
			}
			struct grant *gr = arena_alloc(b->a, sizeof(*gr));
			gr->grantee = arena_strdup(b->a, who);
			gr->privileges = privs;
			gr->with_grant_option = gs->grant_option;
			ptrvec_push(&h->grants, gr);
		}
	}
}

/*
 * CREATE ROLE / USER / GROUP and CREATE TABLESPACE come from pg_dumpall's
 * globals.  They belong to the cluster, not to any database's schema, so
 * they are only noted by name.
 */
static void create_role(struct builder *b, const PgQuery__CreateRoleStmt *cr)
{
	model_note_role(b->m, cr->role);
}

static void create_tablespace(struct builder *b, const PgQuery__CreateTableSpaceStmt *ct)
{
	model_note_tablespace(b->m, ct->tablespacename);
	model_note_role(b->m, role_name(ct->owner));
}

void build_object_statement(struct builder *b, const Node *n)
{
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
		create_schema(b, n->create_schema_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
		create_extension(b, n->create_extension_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
		create_sequence(b, n->create_seq_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
		alter_sequence(b, n->alter_seq_stmt);
		break;
	case PG_QUERY__NODE__NODE_VIEW_STMT:
		create_view(b, n->view_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		create_matview(b, n->create_table_as_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
		create_enum(b, n->create_enum_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
		alter_enum(b, n->alter_enum_stmt);
		break;
	case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
		create_composite(b, n->composite_type_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
		create_domain(b, n->create_domain_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
		alter_domain(b, n->alter_domain_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
		create_range(b, n->create_range_stmt);
		break;
	case PG_QUERY__NODE__NODE_DEFINE_STMT:
		define_object(b, n->define_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
		create_function(b, n->create_function_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
		create_trigger(b, n->create_trig_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
		create_policy(b, n->create_policy_stmt);
		break;
	case PG_QUERY__NODE__NODE_COMMENT_STMT:
		comment_on(b, n->comment_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
		alter_owner(b, n->alter_owner_stmt);
		break;
	case PG_QUERY__NODE__NODE_GRANT_STMT:
		grant(b, n->grant_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
		create_role(b, n->create_role_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
		create_tablespace(b, n->create_table_space_stmt);
		break;
	default:
		break; /* SET, set_config(), COPY...: handled elsewhere, or not modelled */
	}
}
