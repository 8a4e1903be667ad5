/*
 * build_alter.c
 *	  ALTER TABLE in all the forms pg_dump writes (ADD CONSTRAINT, ALTER
 *	  COLUMN SET DEFAULT / SET NOT NULL, ADD GENERATED ... AS IDENTITY,
 *	  ATTACH PARTITION, INHERIT, ENABLE/FORCE ROW LEVEL SECURITY, OWNER TO,
 *	  VALIDATE CONSTRAINT ...), and CREATE INDEX.
 */
#include "build_int.h"

#include <stdlib.h>
#include <string.h>

/* A foreign key as PostgreSQL clones it onto a partition: same name, same target. */
static void clone_foreign_key(struct builder *b, struct table *part, const struct constraint *fk)
{
	if (table_find_constraint(part, fk->name))
		return;
	struct constraint *c = table_add_constraint(b->m, part, fk->name, CON_FOREIGN);
	const struct constraint saved = *c;
	*c = *fk;
	/* The child owns its own lists. */
	c->columns = saved.columns;
	c->include = saved.include;
	c->ref_columns = saved.ref_columns;
	for (size_t i = 0; i < fk->columns.n; i++)
		ptrvec_push(&c->columns, fk->columns.v[i]);
	for (size_t i = 0; i < fk->ref_columns.n; i++)
		ptrvec_push(&c->ref_columns, fk->ref_columns.v[i]);
}

static void clone_foreign_keys_down(struct builder *b, struct table *parent,
				    const struct constraint *fk);

void build_attach_partition(struct builder *b, struct table *parent, struct table *part,
			    const PgQuery__PartitionBoundSpec *pb)
{
	part->kind = part->kind == TABLE_PARTITIONED ? TABLE_PARTITIONED : TABLE_PARTITION;
	if (part->kind == TABLE_PARTITIONED || part->kind == TABLE_PARTITION) {
		part->parent_schema = parent->h.schema;
		part->parent_table = parent->h.name;
		part->partition_bound = build_partition_bound(b, pb);
	}
	/* A partition that is itself partitioned keeps kind partitioned_table. */
	if (part->partition_key)
		part->kind = TABLE_PARTITIONED;
	/* Attaching clones the parent's foreign keys onto the partition. */
	for (size_t i = 0; i < parent->constraints.n; i++) {
		struct constraint *c = parent->constraints.v[i];
		if (c->kind == CON_FOREIGN)
			clone_foreign_keys_down(b, part, c);
	}
}

/* Clone onto `t` and every partition below it. */
static void clone_foreign_keys_down(struct builder *b, struct table *t, const struct constraint *fk)
{
	clone_foreign_key(b, t, fk);
	if (t->kind != TABLE_PARTITIONED)
		return;
	for (size_t i = 0; i < b->m->tables.n; i++) {
		struct table *p = b->m->tables.v[i];
		if (p->parent_table && strcmp(p->parent_table, t->h.name) == 0 &&
		    strcmp(p->parent_schema, t->h.schema) == 0)
			clone_foreign_keys_down(b, p, fk);
	}
}

void build_add_identity(struct builder *b, struct table *t, struct column *col,
			const PgQuery__Constraint *c)
{
	col->identity = c->generated_when && c->generated_when[0] == 'a' ? IDENTITY_ALWAYS
									 : IDENTITY_BY_DEFAULT;
	col->not_null = true;

	/* The implicit sequence: SEQUENCE NAME x among the options, or a free table_col_seq. */
	const char *seq_schema = t->h.schema;
	const char *seq_name = NULL;
	for (size_t i = 0; i < c->n_options; i++) {
		const Node *o = c->options[i];
		if (o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
		    strcmp(o->def_elem->defname, "sequence_name") != 0 ||
		    o->def_elem->arg == NULL ||
		    o->def_elem->arg->node_case != PG_QUERY__NODE__NODE_LIST)
			continue;
		const PgQuery__List *l = o->def_elem->arg->list;
		build_qualname(b, l->items, l->n_items, &seq_schema, &seq_name);
		if (seq_schema == NULL)
			seq_schema = t->h.schema;
	}
	if (seq_name == NULL)
		seq_name =
		    build_choose_name(b, seq_schema, t->h.name, col->name, "seq", CLASH_RELATION);
	struct sequence *s = model_find_sequence(b->m, seq_schema, seq_name);
	if (s == NULL)
		s = model_add_sequence(b->m, seq_schema, seq_name);
	s->identity = true;
	s->data_type = col->type; /* an identity's sequence has its column's type */
	s->owned_by_schema = t->h.schema;
	s->owned_by_table = t->h.name;
	s->owned_by_column = col->name;
	s->h.owner = t->h.owner;
	build_sequence_options(b, s, c->options, c->n_options);
}

static struct column *find_column_or_warn(struct builder *b, struct table *t, const char *name)
{
	struct column *col = name ? table_find_column(t, name) : NULL;
	if (col == NULL)
		build_warn(b, 0, "column \"%s\" of table %s.%s does not exist", name ? name : "?",
			   t->h.schema, t->h.name);
	return col;
}

static void alter_column(struct builder *b, struct table *t, const PgQuery__AlterTableCmd *cmd)
{
	struct column *col;

	switch (cmd->subtype) {
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
		if ((col = find_column_or_warn(b, t, cmd->name)))
			col->default_expr = build_default_expr(b, col, cmd->def);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
		if ((col = find_column_or_warn(b, t, cmd->name)))
			col->not_null = true;
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
		if ((col = find_column_or_warn(b, t, cmd->name)))
			col->not_null = false;
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
		if ((col = find_column_or_warn(b, t, cmd->name)) && cmd->def &&
		    cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
			build_add_identity(b, t, col, cmd->def->constraint);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
		if ((col = find_column_or_warn(b, t, cmd->name)) && cmd->def &&
		    cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF &&
		    cmd->def->column_def->type_name)
			col->type = typefmt_format(b, cmd->def->column_def->type_name);
		break;
	default:
		break;
	}
}

/* Does `c` inherit from `t` directly, by INHERITS or as a partition? */
static bool is_child_of(const struct table *c, const struct table *t)
{
	size_t n = strlen(t->h.schema);
	if (c->parent_table && strcmp(c->parent_table, t->h.name) == 0 &&
	    strcmp(c->parent_schema, t->h.schema) == 0)
		return true;
	for (size_t i = 0; i < c->inherits.n; i++) {
		const char *q = c->inherits.v[i]; /* "schema.table" */
		if (strncmp(q, t->h.schema, n) == 0 && q[n] == '.' &&
		    strcmp(q + n + 1, t->h.name) == 0)
			return true;
	}
	return false;
}

/*
 * ALTER TABLE without ONLY adds a CHECK to every table below too, under
 * the same name (pg_dump writes NOT VALID checks of parents this way).
 */
static void add_check_to_children(struct builder *b, struct table *t, const struct constraint *con)
{
	for (size_t i = 0; i < b->m->tables.n; i++) {
		struct table *c = b->m->tables.v[i];
		if (!is_child_of(c, t))
			continue;
		if (table_find_constraint(c, con->name) == NULL) {
			struct constraint *cc = table_add_constraint(b->m, c, con->name, CON_CHECK);
			cc->expression = con->expression;
			cc->valid = con->valid;
		}
		add_check_to_children(b, c, con);
	}
}

/* VALIDATE CONSTRAINT, and without ONLY on the tables below as well. */
static void validate_constraint(struct builder *b, struct table *t, const char *name, bool recurse)
{
	struct constraint *c = name ? table_find_constraint(t, name) : NULL;
	if (c)
		c->valid = true;
	for (size_t i = 0; recurse && i < b->m->tables.n; i++)
		if (is_child_of(b->m->tables.v[i], t))
			validate_constraint(b, b->m->tables.v[i], name, true);
}

static void attach_partition(struct builder *b, struct table *parent,
			     const PgQuery__PartitionCmd *pc)
{
	struct table *part = build_find_table(b, pc->name);
	if (part == NULL) {
		/* ALTER INDEX ... ATTACH PARTITION names an index: nothing to model. */
		if (!model_find_index(b->m, build_rv_schema(b, pc->name), pc->name->relname))
			build_warn(b, pc->name->location, "no such table: %s", pc->name->relname);
		return;
	}
	build_attach_partition(b, parent, part, pc->bound);
}

static void apply_cmd(struct builder *b, struct table *t, const PgQuery__AlterTableStmt *as,
		      const PgQuery__AlterTableCmd *cmd)
{
	switch (cmd->subtype) {
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
		if (cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
			const PgQuery__Constraint *c = cmd->def->constraint;
			size_t before = t->constraints.n;
			build_add_constraint(b, t, c, NULL);
			struct constraint *added =
			    t->constraints.n > before ? t->constraints.v[before] : NULL;
			/* Without ONLY, a partitioned table's FK reaches every partition. */
			if (added && added->kind == CON_FOREIGN && t->kind == TABLE_PARTITIONED &&
			    as->relation->inh)
				clone_foreign_keys_down(b, t, added);
			if (added && added->kind == CON_CHECK && !added->no_inherit &&
			    as->relation->inh)
				add_check_to_children(b, t, added);
		}
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
		if (cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF &&
		    !table_find_column(t, cmd->def->column_def->colname))
			build_add_column(b, t, cmd->def->column_def);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
		alter_column(b, t, cmd);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
		validate_constraint(b, t, cmd->name, as->relation->inh);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
		if (cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD)
			attach_partition(b, t, cmd->def->partition_cmd);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
		t->rls_enabled = true;
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
		t->rls_enabled = false;
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
		t->rls_forced = true;
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
		t->rls_forced = false;
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
		if (cmd->newowner && cmd->newowner->rolename) {
			t->h.owner = arena_strdup(b->a, cmd->newowner->rolename);
			model_note_role(b->m, t->h.owner);
		}
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
		t->unlogged = true;
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
		t->unlogged = false;
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit:
		if (cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
			struct table *parent = build_find_table(b, cmd->def->range_var);
			if (parent)
				ptrvec_push(
				    &t->inherits,
				    arena_printf(b->a, "%s.%s", parent->h.schema, parent->h.name));
		}
		break;
	default:
		break; /* storage, statistics, replica identity, cluster...: not schema shape */
	}
}

/* ALTER on views, sequences, indexes: only the owner matters to the model. */
static void alter_other_relation(struct builder *b, const PgQuery__AlterTableStmt *as)
{
	const char *schema = build_rv_schema(b, as->relation);
	const char *name = as->relation->relname;
	struct objhdr *h = NULL;
	struct view *v = model_find_view(b->m, schema, name);
	struct sequence *s = model_find_sequence(b->m, schema, name);
	if (v)
		h = &v->h;
	else if (s)
		h = &s->h;
	if (h == NULL)
		return;
	for (size_t i = 0; i < as->n_cmds; i++) {
		const PgQuery__AlterTableCmd *cmd = as->cmds[i]->alter_table_cmd;
		if (as->cmds[i]->node_case == PG_QUERY__NODE__NODE_ALTER_TABLE_CMD &&
		    cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner && cmd->newowner &&
		    cmd->newowner->rolename) {
			h->owner = arena_strdup(b->a, cmd->newowner->rolename);
			model_note_role(b->m, h->owner);
		}
	}
}

void build_alter_table(struct builder *b, const PgQuery__AlterTableStmt *as)
{
	struct table *t = NULL;

	if (as->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
	    as->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE)
		t = build_find_table(b, as->relation);
	if (t == NULL) {
		if (as->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE &&
		    build_find_table(b, as->relation) == NULL &&
		    !model_find_view(b->m, build_rv_schema(b, as->relation),
				     as->relation->relname) &&
		    !model_find_sequence(b->m, build_rv_schema(b, as->relation),
					 as->relation->relname) &&
		    !as->missing_ok)
			build_warn(b, as->relation->location, "no such table: %s.%s",
				   build_rv_schema(b, as->relation), as->relation->relname);
		alter_other_relation(b, as);
		return;
	}
	for (size_t i = 0; i < as->n_cmds; i++)
		if (as->cmds[i]->node_case == PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			apply_cmd(b, t, as, as->cmds[i]->alter_table_cmd);
}

/* One index key as pg_get_indexdef prints it: name or (expr), opclass, DESC, NULLS. */
static const char *format_index_elem(struct builder *b, const PgQuery__IndexElem *ie)
{
	struct strbuf sb;
	sb_init(&sb);
	if (ie->name && ie->name[0])
		sb_append(&sb, ie->name);
	else
		sb_append(&sb, build_key_expr(b, ie->expr));
	if (ie->n_collation > 0) {
		const char *schema, *name;
		build_qualname(b, ie->collation, ie->n_collation, &schema, &name);
		sb_printf(&sb, " COLLATE %s%s%s", schema ? schema : "", schema ? "." : "",
			  name ? name : "?");
	}
	if (ie->n_opclass > 0) {
		const char *schema, *name;
		build_qualname(b, ie->opclass, ie->n_opclass, &schema, &name);
		sb_printf(&sb, " %s%s%s", schema ? schema : "", schema ? "." : "",
			  name ? name : "?");
	}
	if (ie->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC)
		sb_append(&sb, " DESC");
	if (ie->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST)
		sb_append(&sb, " NULLS FIRST");
	else if (ie->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST)
		sb_append(&sb, " NULLS LAST");
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

void build_index(struct builder *b, const PgQuery__IndexStmt *is)
{
	const PgQuery__RangeVar *rv = is->relation;
	struct table *t = build_find_table(b, rv);
	struct view *mv = NULL;
	const char *schema;

	if (t)
		schema = t->h.schema;
	else {
		schema = build_rv_schema(b, rv);
		mv = model_find_view(b->m, schema, rv->relname);
		if (mv == NULL) {
			build_warn(b, rv->location, "no such table: %s.%s", schema, rv->relname);
			return;
		}
	}
	if (is->idxname == NULL || is->idxname[0] == '\0') {
		build_warn(b, rv->location, "index without a name on %s.%s is not modelled", schema,
			   rv->relname);
		return;
	}

	struct index *ix = model_add_index(b->m, schema, is->idxname);
	ix->table = arena_strdup(b->a, rv->relname);
	ix->unique = is->unique;
	ix->nulls_not_distinct = is->nulls_not_distinct;
	ix->method = arena_strdup(
	    b->a, is->access_method && is->access_method[0] ? is->access_method : "btree");
	for (size_t i = 0; i < is->n_index_params; i++)
		if (is->index_params[i]->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
			ptrvec_push(&ix->columns,
				    (void *)format_index_elem(b, is->index_params[i]->index_elem));
	for (size_t i = 0; i < is->n_index_including_params; i++) {
		const Node *n = is->index_including_params[i];
		if (n->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM && n->index_elem->name)
			ptrvec_push(&ix->include, arena_strdup(b->a, n->index_elem->name));
	}
	ix->where = pgparse_deparse_expr(b->a, is->where_clause);
	if (t)
		ptrvec_push(&t->indexes, ix);
	else
		ptrvec_push(&mv->indexes, ix);
}
