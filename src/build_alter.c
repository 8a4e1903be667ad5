/*
 * build_alter.c
 *	  ALTER TABLE in all the forms pg_dump writes (ADD CONSTRAINT, ALTER
 *	  COLUMN SET DEFAULT / SET NOT NULL, ADD GENERATED ... AS IDENTITY,
 *	  ATTACH PARTITION, INHERIT, ENABLE/FORCE ROW LEVEL SECURITY, OWNER TO,
 *	  VALIDATE CONSTRAINT ...), and CREATE INDEX; and what PostgreSQL does
 *	  on its own with hand-written DDL: a partition gets its parent's
 *	  indexes, keys, foreign keys and row triggers (or keeps a matching
 *	  index of its own), and without ONLY, columns, defaults, NOT NULLs and
 *	  CHECKs reach the tables below (tablecmds.c's recursion rules).
 */
#include "build_int.h"
#include "strmap.h"

#include <stdio.h>
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
	c->next_copy = NULL;
	/* The child owns its own lists. */
	c->columns = saved.columns;
	c->include = saved.include;
	c->ref_columns = saved.ref_columns;
	c->keys = saved.keys;
	for (size_t i = 0; i < fk->columns.n; i++)
		ptrvec_push(&c->columns, fk->columns.v[i]);
	for (size_t i = 0; i < fk->ref_columns.n; i++)
		ptrvec_push(&c->ref_columns, fk->ref_columns.v[i]);
}

static void clone_foreign_keys_down(struct builder *b, struct table *parent,
				    const struct constraint *fk);

static bool in_list(const struct ptrvec *pv, const void *p)
{
	for (size_t i = 0; pv && i < pv->n; i++)
		if (pv->v[i] == p)
			return true;
	return false;
}

/* The partitions directly below t, each once. */
static void direct_partitions(struct table *t, struct ptrvec *out)
{
	for (size_t i = 0; i < t->children.n; i++)
		if (build_is_partition_of(t->children.v[i], t) && !in_list(out, t->children.v[i]))
			ptrvec_push(out, t->children.v[i]);
}

static void index_to_partitions(struct builder *b, struct table *t, const struct index *ix);
static int key_group(enum con_kind k);
static void key_to_partitions(struct builder *b, struct table *t, const struct constraint *key);

/*
 * The partition's copy of its parent's index `pi`: an index of the
 * partition that matches it and stands for no other (`used`), or a new
 * one named as DefineIndex() names it (part_cols_idx), made on the
 * partitions below in turn.
 */
static void clone_index(struct builder *b, struct table *part, const struct index *pi,
			struct ptrvec *used)
{
	if (part->kind == TABLE_FOREIGN)
		return; /* a foreign partition has no indexes (DefineIndex() skips it) */
	for (size_t i = 0; i < part->indexes.n; i++) {
		struct index *ci = part->indexes.v[i];
		if (!in_list(used, ci) && build_index_matches(pi, ci)) {
			if (used)
				ptrvec_push(used, ci);
			return;
		}
	}
	/* A unique index also matches the index of a PRIMARY KEY or UNIQUE constraint. */
	for (size_t i = 0; pi->unique && pi->where == NULL && build_str_eq(pi->method, "btree") &&
			   i < part->constraints.n;
	     i++) {
		struct constraint *ck = part->constraints.v[i];
		if (!in_list(used, ck) && key_group(ck->kind) == 1 &&
		    ck->nulls_not_distinct == pi->nulls_not_distinct &&
		    build_strvec_eq(&ck->columns, &pi->columns) &&
		    build_strvec_eq(&ck->include, &pi->include)) {
			if (used)
				ptrvec_push(used, ck);
			return;
		}
	}
	const char *name =
	    build_choose_name(b, part->h.schema, part->h.name,
			      build_name_addition(b, &pi->colnames), "idx", CLASH_RELATION);
	struct index *ci = model_add_index(b->m, part->h.schema, name);
	ci->table = part->h.name;
	ci->unique = pi->unique;
	ci->nulls_not_distinct = pi->nulls_not_distinct;
	ci->method = pi->method;
	ci->where = pi->where;
	ci->h.owner = part->h.owner;
	for (size_t i = 0; i < pi->columns.n; i++)
		ptrvec_push(&ci->columns, pi->columns.v[i]);
	for (size_t i = 0; i < pi->keys.n; i++)
		ptrvec_push(&ci->keys, build_copy_key(b, pi->keys.v[i]));
	for (size_t i = 0; i < pi->include.n; i++)
		ptrvec_push(&ci->include, pi->include.v[i]);
	for (size_t i = 0; i < pi->colnames.n; i++)
		ptrvec_push(&ci->colnames, pi->colnames.v[i]);
	ptrvec_push(&part->indexes, ci);
	if (used)
		ptrvec_push(used, ci);
	if (part->kind == TABLE_PARTITIONED)
		index_to_partitions(b, part, ci);
}

static void index_to_partitions(struct builder *b, struct table *t, const struct index *ix)
{
	struct ptrvec parts = {0};
	direct_partitions(t, &parts);
	for (size_t i = 0; i < parts.n; i++)
		clone_index(b, parts.v[i], ix, NULL);
	ptrvec_free(&parts);
}

static int key_group(enum con_kind k)
{
	return k == CON_PRIMARY || k == CON_UNIQUE ? 1 : k == CON_EXCLUSION ? 2 : 0;
}

/* An index-backed constraint of the partition that stands for the parent's `pk`. */
static bool key_matches(const struct constraint *pk, const struct constraint *ck)
{
	return key_group(pk->kind) == key_group(ck->kind) &&
	       pk->nulls_not_distinct == ck->nulls_not_distinct &&
	       build_strvec_eq(&pk->columns, &ck->columns) &&
	       build_strvec_eq(&pk->include, &ck->include) &&
	       build_str_eq(pk->method, ck->method) && build_str_eq(pk->where, ck->where);
}

/*
 * The partition's copy of its parent's PRIMARY KEY, UNIQUE or EXCLUDE
 * constraint: a matching one it has, or a new one named after the
 * partition (part_pkey, part_cols_key, part_cols_excl).
 */
static void clone_key(struct builder *b, struct table *part, const struct constraint *pk,
		      struct ptrvec *used)
{
	if (part->kind == TABLE_FOREIGN)
		return; /* PostgreSQL refuses a key that would need one */
	for (size_t i = 0; i < part->constraints.n; i++) {
		struct constraint *ck = part->constraints.v[i];
		if (!in_list(used, ck) && key_matches(pk, ck)) {
			if (used)
				ptrvec_push(used, ck);
			return;
		}
	}
	struct ptrvec names = {0};
	for (size_t i = 0; i < pk->columns.n; i++) {
		const char *c = pk->columns.v[i];
		const char *with = pk->kind == CON_EXCLUSION ? strstr(c, " WITH ") : NULL;
		ptrvec_push(&names, with ? arena_strndup(b->a, c, (size_t)(with - c)) : (void *)c);
	}
	for (size_t i = 0; i < pk->include.n; i++)
		ptrvec_push(&names, pk->include.v[i]);
	const char *name =
	    build_choose_name(b, part->h.schema, part->h.name,
			      pk->kind == CON_PRIMARY ? NULL : build_name_addition(b, &names),
			      pk->kind == CON_PRIMARY  ? "pkey"
			      : pk->kind == CON_UNIQUE ? "key"
						       : "excl",
			      CLASH_CONSTRAINT_RELATION);
	ptrvec_free(&names);
	struct constraint *ck = table_add_constraint(b->m, part, name, pk->kind);
	ck->deferrable = pk->deferrable;
	ck->initially_deferred = pk->initially_deferred;
	ck->nulls_not_distinct = pk->nulls_not_distinct;
	ck->method = pk->method;
	ck->where = pk->where;
	ck->valid = true;
	for (size_t i = 0; i < pk->columns.n; i++)
		ptrvec_push(&ck->columns, pk->columns.v[i]);
	for (size_t i = 0; i < pk->include.n; i++)
		ptrvec_push(&ck->include, pk->include.v[i]);
	for (size_t i = 0; i < pk->keys.n; i++)
		ptrvec_push(&ck->keys, build_copy_key(b, pk->keys.v[i]));
	for (size_t i = 0; pk->kind == CON_PRIMARY && i < pk->columns.n; i++) {
		struct column *col = table_find_column(part, pk->columns.v[i]);
		if (col)
			col->not_null = true;
	}
	if (used)
		ptrvec_push(used, ck);
	if (part->kind == TABLE_PARTITIONED)
		key_to_partitions(b, part, ck);
}

static void key_to_partitions(struct builder *b, struct table *t, const struct constraint *key)
{
	struct ptrvec parts = {0};
	direct_partitions(t, &parts);
	for (size_t i = 0; i < parts.n; i++)
		clone_key(b, parts.v[i], key, NULL);
	ptrvec_free(&parts);
}

void build_clone_indexes(struct builder *b, struct table *from, struct table *to, bool attach)
{
	struct ptrvec used = {0};
	/* Not attaching: everything `to` has is taken, so nothing matches. */
	for (size_t i = 0; !attach && i < to->constraints.n; i++)
		ptrvec_push(&used, to->constraints.v[i]);
	for (size_t i = 0; !attach && i < to->indexes.n; i++)
		ptrvec_push(&used, to->indexes.v[i]);
	for (size_t i = 0; i < from->constraints.n; i++)
		if (key_group(((struct constraint *)from->constraints.v[i])->kind))
			clone_key(b, to, from->constraints.v[i], &used);
	for (size_t i = 0; i < from->indexes.n; i++)
		clone_index(b, to, from->indexes.v[i], &used);
	ptrvec_free(&used);
}

/* The partition's clone of its parent's row trigger: same name, unless it has one. */
static void clone_trigger(struct builder *b, struct table *part, const struct trigger *tr)
{
	for (size_t i = 0; i < part->triggers.n; i++)
		if (strcmp(((struct trigger *)part->triggers.v[i])->name, tr->name) == 0)
			return;
	struct trigger *c = arena_alloc(b->a, sizeof(*c));
	*c = *tr;
	c->table_schema = part->h.schema;
	c->table = part->h.name;
	c->comment = NULL;
	ptrvec_push(&part->triggers, c);
	strmap_list_added(part->trigger_ix, c->name, c);
}

void build_trigger_to_partitions(struct builder *b, struct table *t, const struct trigger *tr)
{
	struct ptrvec below = {0};
	build_tables_below(b, t, true, &below);
	for (size_t i = 1; i < below.n; i++) /* [0] is t */
		clone_trigger(b, below.v[i], tr);
	ptrvec_free(&below);
}

void build_attach_partition(struct builder *b, struct table *parent, struct table *part,
			    const PartitionBoundSpec *pb)
{
	table_note_child(parent, part);
	/* A foreign partition stays a foreign table (relkind 'f'), as the catalog has it. */
	if (part->kind != TABLE_FOREIGN)
		part->kind = part->kind == TABLE_PARTITIONED ? TABLE_PARTITIONED : TABLE_PARTITION;
	part->parent_schema = parent->h.schema;
	part->parent_table = parent->h.name;
	part->partition_bound = build_partition_bound(b, pb);
	/* A partition that is itself partitioned keeps kind partitioned_table. */
	if (part->partition_key)
		part->kind = TABLE_PARTITIONED;
	build_clone_indexes(b, parent, part, true);
	/* And its row triggers (CloneRowTriggersToPartition()), down to the partitions below. */
	for (size_t i = 0; i < parent->triggers.n; i++) {
		const struct trigger *tr = parent->triggers.v[i];
		if (!tr->for_each_row)
			continue;
		clone_trigger(b, part, tr);
		if (part->kind == TABLE_PARTITIONED)
			build_trigger_to_partitions(b, part, tr);
	}
	/* Attaching clones the parent's foreign keys onto the partition. */
	for (size_t i = 0; i < parent->constraints.n; i++) {
		struct constraint *c = parent->constraints.v[i];
		if (c->kind == CON_FOREIGN)
			clone_foreign_keys_down(b, part, c);
	}
}

/* Is `c` a partition of `t`? */

/* Clone onto `t` and every partition below it. */
static void clone_foreign_keys_down(struct builder *b, struct table *t, const struct constraint *fk)
{
	struct ptrvec below = {0};
	build_tables_below(b, t, true, &below);
	for (size_t i = 0; i < below.n; i++)
		clone_foreign_key(b, below.v[i], fk);
	ptrvec_free(&below);
}

void build_add_identity(struct builder *b, struct table *t, struct column *col, const Constraint *c)
{
	/* ATTRIBUTE_IDENTITY_ALWAYS (catalog/pg_attribute.h) is 'a'. */
	col->identity = c->generated_when == 'a' ? IDENTITY_ALWAYS : IDENTITY_BY_DEFAULT;
	col->not_null = true;

	/* The implicit sequence: SEQUENCE NAME x among the options, or a free table_col_seq. */
	const char *seq_schema = t->h.schema;
	const char *seq_name = NULL;
	ListCell *lc;
	foreach (lc, c->options) {
		const Node *o = lfirst(lc);
		if (!IsA(o, DefElem))
			continue;
		const DefElem *de = (const DefElem *)o;
		if (de->defname == NULL || strcmp(de->defname, "sequence_name") != 0 ||
		    de->arg == NULL || !IsA(de->arg, List))
			continue;
		build_qualname(b, (const List *)de->arg, &seq_schema, &seq_name);
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
	table_note_owned(t, s);
	s->h.owner = t->h.owner;
	build_sequence_options(b, s, c->options);
}

static struct column *find_column_or_warn(struct builder *b, struct table *t, const char *name)
{
	struct column *col = name ? table_find_column(t, name) : NULL;
	if (col == NULL)
		build_warn(b, 0, "column \"%s\" of table %s.%s does not exist", name ? name : "?",
			   t->h.schema, t->h.name);
	return col;
}

static void alter_one_column(struct builder *b, struct table *t, const AlterTableCmd *cmd);
static void add_check_to_children(struct builder *b, struct table *t, struct constraint *con);

/*
 * ALTER COLUMN SET / DROP DEFAULT, SET / DROP NOT NULL, TYPE: without
 * ONLY, on every table below too (ATSimpleRecursion()).
 */
static void alter_column(struct builder *b, struct table *t, const AlterTableCmd *cmd, bool recurse)
{
	alter_one_column(b, t, cmd);
	if (!recurse || cmd->subtype == AT_AddIdentity || cmd->subtype == AT_SetIdentity ||
	    cmd->subtype == AT_DropIdentity)
		return;
	struct ptrvec below = {0};
	build_tables_below(b, t, false, &below);
	for (size_t i = 1; i < below.n; i++) /* [0] is t */
		if (cmd->name && table_find_column(below.v[i], cmd->name))
			alter_one_column(b, below.v[i], cmd);
	ptrvec_free(&below);
}

/*
 * ADD COLUMN reaches every table below: a new inherited column, or one a
 * child has already merged with it; its CHECKs and keys follow.
 */
static void add_column(struct builder *b, struct table *t, const ColumnDef *cd)
{
	size_t before = t->constraints.n;
	build_add_column(b, t, cd);
	struct column *pc = table_find_column(t, cd->colname);
	struct ptrvec below = {0};
	build_tables_below(b, t, false, &below);
	for (size_t i = 1; pc && i < below.n; i++) {
		struct table *c = below.v[i];
		if (table_find_column(c, pc->name))
			continue;
		struct column *cc = table_add_column(b->m, c, pc->name);
		cc->type = pc->type;
		cc->not_null = pc->not_null;
		cc->default_expr = pc->default_expr;
		cc->default_key = pc->default_key;
		cc->generated = pc->generated;
		cc->generated_key = pc->generated_key;
		cc->virtual_generated = pc->virtual_generated;
		cc->collation = pc->collation;
		cc->inherited = true;
	}
	ptrvec_free(&below);
	for (size_t i = before; i < t->constraints.n; i++) {
		struct constraint *con = t->constraints.v[i];
		if (con->kind == CON_CHECK && !con->no_inherit)
			add_check_to_children(b, t, con);
		else if (key_group(con->kind) && t->kind == TABLE_PARTITIONED)
			key_to_partitions(b, t, con);
		else if (con->kind == CON_FOREIGN && t->kind == TABLE_PARTITIONED)
			clone_foreign_keys_down(b, t, con);
	}
}

/* ALTER COLUMN ... SET GENERATED ALWAYS / BY DEFAULT (its sequence options are not followed). */
static void set_identity(struct column *col, const Node *def)
{
	ListCell *lc;
	if (def == NULL || !IsA(def, List))
		return;
	foreach (lc, (const List *)def) {
		const DefElem *d = lfirst(lc);
		if (IsA(d, DefElem) && strcmp(d->defname, "generated") == 0 && d->arg &&
		    IsA(d->arg, Integer))
			col->identity =
			    intVal(d->arg) == 'a' ? IDENTITY_ALWAYS : IDENTITY_BY_DEFAULT;
	}
}

/* DROP IDENTITY: the column keeps NOT NULL, its sequence goes. */
static void drop_identity(struct builder *b, struct table *t, struct column *col)
{
	col->identity = IDENTITY_NONE;
	for (size_t i = 0; i < b->m->sequences.n; i++) {
		struct sequence *s = b->m->sequences.v[i];
		if (s->identity && s->owned_by_table && strcmp(s->owned_by_table, t->h.name) == 0 &&
		    strcmp(s->owned_by_schema, t->h.schema) == 0 &&
		    strcmp(s->owned_by_column, col->name) == 0) {
			model_drop_sequence(b->m, s);
			return;
		}
	}
}

static void alter_one_column(struct builder *b, struct table *t, const AlterTableCmd *cmd)
{
	struct column *col;

	switch (cmd->subtype) {
	case AT_ColumnDefault:
		if ((col = find_column_or_warn(b, t, cmd->name))) {
			col->default_expr = build_default_expr(b, col, cmd->def);
			col->default_key = build_canon_expr(b, col->default_expr);
		}
		break;
	case AT_SetNotNull:
		if ((col = find_column_or_warn(b, t, cmd->name)))
			col->not_null = true;
		break;
	case AT_DropNotNull:
		if ((col = find_column_or_warn(b, t, cmd->name)))
			col->not_null = false;
		break;
	case AT_AddIdentity:
		if ((col = find_column_or_warn(b, t, cmd->name)) && cmd->def &&
		    IsA(cmd->def, Constraint))
			build_add_identity(b, t, col, (const Constraint *)cmd->def);
		break;
	case AT_SetIdentity:
		if ((col = find_column_or_warn(b, t, cmd->name)) && col->identity != IDENTITY_NONE)
			set_identity(col, cmd->def);
		break;
	case AT_DropIdentity:
		if ((col = find_column_or_warn(b, t, cmd->name)) && col->identity != IDENTITY_NONE)
			drop_identity(b, t, col);
		break;
	case AT_AlterColumnType:
		if ((col = find_column_or_warn(b, t, cmd->name)) && cmd->def &&
		    IsA(cmd->def, ColumnDef) && ((const ColumnDef *)cmd->def)->typeName)
			col->type = typefmt_format(b, ((const ColumnDef *)cmd->def)->typeName);
		break;
	default:
		break;
	}
}

/* Does `c` inherit from `t` directly, by INHERITS or as a partition? */

/*
 * ALTER TABLE without ONLY adds a CHECK to every table below too, under
 * the same name (pg_dump writes NOT VALID checks of parents this way).
 */
static void add_check_to_children(struct builder *b, struct table *t, struct constraint *con)
{
	struct ptrvec below = {0};
	build_tables_below(b, t, false, &below);
	for (size_t i = 1; i < below.n; i++) { /* [0] is t */
		struct table *c = below.v[i];
		if (table_find_constraint(c, con->name) == NULL) {
			struct constraint *cc = table_add_constraint(b->m, c, con->name, CON_CHECK);
			cc->expression = con->expression;
			cc->valid = con->valid;
			constraint_note_copy(con, cc);
		}
	}
	ptrvec_free(&below);
}

/* VALIDATE CONSTRAINT, and without ONLY on the tables below as well. */
static void validate_constraint(struct builder *b, struct table *t, const char *name, bool recurse)
{
	struct ptrvec below = {0};
	if (recurse)
		build_tables_below(b, t, false, &below);
	else
		ptrvec_push(&below, t);
	for (size_t i = 0; name && i < below.n; i++) {
		struct constraint *c = table_find_constraint(below.v[i], name);
		if (c)
			c->valid = true;
	}
	ptrvec_free(&below);
}

/*
 * Would making `child` inherit from `parent` close a cycle (parent is
 * child, or descends from it)?  PostgreSQL refuses that ("circular
 * inheritance not allowed").  The same walk down as every other: marks,
 * no recursion, no step bound that a lattice could exhaust.
 */
static bool inherit_cycle(struct builder *b, struct table *child, const struct table *parent)
{
	struct ptrvec below = {0};
	bool cycle = false;

	build_tables_below(b, child, false, &below);
	for (size_t i = 0; i < below.n && !cycle; i++)
		cycle = below.v[i] == parent;
	ptrvec_free(&below);
	return cycle;
}

static void attach_partition(struct builder *b, struct table *parent, const PartitionCmd *pc)
{
	struct table *part = build_find_table(b, pc->name);
	if (part == NULL) {
		/* ALTER INDEX ... ATTACH PARTITION names an index: nothing to model. */
		if (!model_find_index(b->m, build_rv_schema(b, pc->name), pc->name->relname))
			build_warn(b, pc->name->location, "no such table: %s", pc->name->relname);
		return;
	}
	if (inherit_cycle(b, part, parent)) {
		build_warn(b, pc->name->location, "circular inheritance not allowed: %s",
			   pc->name->relname);
		return;
	}
	build_attach_partition(b, parent, part, pc->bound);
}

/*
 * DETACH PARTITION: the partition stands alone, with the columns, indexes,
 * keys and CHECKs it had, and without the row triggers cloned from the
 * parent (DetachPartitionFinalize()).
 */
static void detach_partition(struct builder *b, struct table *parent, const PartitionCmd *pc)
{
	struct table *part = build_find_table(b, pc->name);
	if (part == NULL || !build_is_partition_of(part, parent)) {
		build_warn(b, pc->name->location, "%s is not a partition of %s.%s",
			   pc->name->relname, parent->h.schema, parent->h.name);
		return;
	}
	part->parent_schema = part->parent_table = part->partition_bound = NULL;
	part->kind = part->partition_key ? TABLE_PARTITIONED : TABLE_ORDINARY;
	for (size_t i = 0; i < part->columns.n; i++)
		((struct column *)part->columns.v[i])->inherited = false;
	size_t kept = 0;
	for (size_t i = 0; i < part->triggers.n; i++) {
		struct trigger *tr = part->triggers.v[i];
		bool cloned = false;
		for (size_t j = 0; tr->for_each_row && j < parent->triggers.n && !cloned; j++)
			cloned =
			    strcmp(((struct trigger *)parent->triggers.v[j])->name, tr->name) == 0;
		if (!cloned)
			part->triggers.v[kept++] = tr;
	}
	if (kept != part->triggers.n) {
		part->triggers.n = kept;
		strmap_free(part->trigger_ix);
		part->trigger_ix = NULL;
	}
}

/* NO INHERIT parent: t keeps its columns and constraints, now its own. */
static void drop_inherit(struct builder *b, struct table *t, const RangeVar *rv)
{
	struct table *parent = build_find_table(b, rv);
	const char *q =
	    parent ? arena_printf(b->a, "%s.%s", parent->h.schema, parent->h.name) : NULL;
	for (size_t i = 0; q && i < t->inherits.n; i++) {
		if (strcmp(t->inherits.v[i], q) != 0)
			continue;
		memmove(&t->inherits.v[i], &t->inherits.v[i + 1],
			(t->inherits.n - i - 1) * sizeof(t->inherits.v[0]));
		t->inherits.n--;
		return;
	}
	build_warn(b, rv->location, "%s.%s does not inherit from %s", t->h.schema, t->h.name,
		   rv->relname);
}

static void apply_cmd(struct builder *b, struct table *t, const AlterTableStmt *as,
		      const AlterTableCmd *cmd)
{
	switch (cmd->subtype) {
	case AT_AddConstraint:
		if (cmd->def && IsA(cmd->def, Constraint)) {
			const Constraint *c = (const Constraint *)cmd->def;
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
			/* So does its PRIMARY KEY, UNIQUE or EXCLUDE (not with ONLY). */
			if (added && key_group(added->kind) && t->kind == TABLE_PARTITIONED &&
			    as->relation->inh)
				key_to_partitions(b, t, added);
		}
		break;
	case AT_AddColumn:
		if (cmd->def && IsA(cmd->def, ColumnDef) &&
		    !table_find_column(t, ((const ColumnDef *)cmd->def)->colname))
			add_column(b, t, (const ColumnDef *)cmd->def);
		break;
	case AT_ColumnDefault:
	case AT_SetNotNull:
	case AT_DropNotNull:
	case AT_AddIdentity:
	case AT_SetIdentity:
	case AT_DropIdentity:
	case AT_AlterColumnType:
		alter_column(b, t, cmd, as->relation->inh);
		break;
	case AT_ValidateConstraint:
		validate_constraint(b, t, cmd->name, as->relation->inh);
		break;
	case AT_GenericOptions: /* ALTER FOREIGN TABLE t OPTIONS (...) */
		if (t->kind == TABLE_FOREIGN && IsA(cmd->def, List))
			t->foreign_options = build_named_options_alter(
			    b, t->foreign_options, (const List *)cmd->def,
			    arena_printf(b->a, "foreign table %s.%s", t->h.schema, t->h.name));
		break;
	case AT_AlterColumnGenericOptions: { /* ALTER FOREIGN TABLE t ALTER c OPTIONS (...) */
		struct column *col = cmd->name ? table_find_column(t, cmd->name) : NULL;
		if (col == NULL)
			build_warn(b, 0, "column \"%s\" of table %s.%s does not exist",
				   cmd->name ? cmd->name : "?", t->h.schema, t->h.name);
		else if (cmd->def != NULL && IsA(cmd->def, List))
			col->foreign_options = build_named_options_alter(
			    b, col->foreign_options, (const List *)cmd->def,
			    arena_printf(b->a, "column %s of %s.%s", col->name, t->h.schema,
					 t->h.name));
		break;
	}
	case AT_AttachPartition:
		if (cmd->def && IsA(cmd->def, PartitionCmd))
			attach_partition(b, t, (const PartitionCmd *)cmd->def);
		break;
	case AT_DropColumn:
		build_drop_column(b, t, cmd, as->relation->inh);
		break;
	case AT_DropConstraint:
		build_drop_constraint(b, t, cmd, as->relation->inh);
		break;
	case AT_DetachPartition:
		if (cmd->def && IsA(cmd->def, PartitionCmd))
			detach_partition(b, t, (const PartitionCmd *)cmd->def);
		break;
	case AT_DropInherit:
		if (cmd->def && IsA(cmd->def, RangeVar))
			drop_inherit(b, t, (const RangeVar *)cmd->def);
		break;
	case AT_EnableRowSecurity:
		t->rls_enabled = true;
		break;
	case AT_DisableRowSecurity:
		t->rls_enabled = false;
		break;
	case AT_ForceRowSecurity:
		t->rls_forced = true;
		break;
	case AT_NoForceRowSecurity:
		t->rls_forced = false;
		break;
	case AT_ChangeOwner:
		if (cmd->newowner && cmd->newowner->rolename) {
			t->h.owner = model_str(b->m, t->h.owner, cmd->newowner->rolename);
			model_note_role(b->m, t->h.owner);
			/* Its indexes and the sequences it owns follow (ATExecChangeOwner()). */
			for (size_t i = 0; i < t->indexes.n; i++) {
				struct index *ix = t->indexes.v[i];
				ix->h.owner = t->h.owner;
			}
			for (size_t i = 0; i < t->owned_seqs.n; i++) {
				struct sequence *s = t->owned_seqs.v[i];
				if (s->owned_by_table &&
				    strcmp(s->owned_by_table, t->h.name) == 0 &&
				    strcmp(s->owned_by_schema, t->h.schema) == 0)
					s->h.owner = t->h.owner;
			}
		}
		break;
	case AT_SetUnLogged:
		t->unlogged = true;
		break;
	case AT_SetLogged:
		t->unlogged = false;
		break;
	case AT_AddInherit:
		if (cmd->def && IsA(cmd->def, RangeVar)) {
			const RangeVar *rv = (const RangeVar *)cmd->def;
			struct table *parent = build_find_table(b, rv);
			if (parent && inherit_cycle(b, t, parent)) {
				build_warn(b, rv->location, "circular inheritance not allowed: %s",
					   rv->relname);
				parent = NULL;
			}
			if (parent)
				table_note_child(parent, t);
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
static void alter_other_relation(struct builder *b, const AlterTableStmt *as)
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
	ListCell *lc;
	foreach (lc, as->cmds) {
		const Node *n = lfirst(lc);
		if (!IsA(n, AlterTableCmd))
			continue;
		const AlterTableCmd *cmd = (const AlterTableCmd *)n;
		if (cmd->subtype == AT_ChangeOwner && cmd->newowner && cmd->newowner->rolename) {
			h->owner = model_str(b->m, h->owner, cmd->newowner->rolename);
			model_note_role(b->m, h->owner);
		}
	}
}

void build_alter_table(struct builder *b, const AlterTableStmt *as)
{
	struct table *t = NULL;
	ListCell *lc;

	if (as->objtype == OBJECT_TABLE || as->objtype == OBJECT_FOREIGN_TABLE)
		t = build_find_table(b, as->relation);
	if (t == NULL) {
		if (as->objtype == OBJECT_TABLE && build_find_table(b, as->relation) == NULL &&
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
	foreach (lc, as->cmds) {
		const Node *n = lfirst(lc);
		if (IsA(n, AlterTableCmd))
			apply_cmd(b, t, as, (const AlterTableCmd *)n);
	}
}

/* One index key as pg_get_indexdef prints it: name or (expr), opclass, DESC, NULLS. */
static const char *format_index_elem(struct builder *b, const IndexElem *ie)
{
	struct strbuf sb;
	sb_init(&sb);
	if (ie->name && ie->name[0])
		sb_append(&sb, ie->name);
	else
		sb_append(&sb, build_key_expr(b, ie->expr));
	if (ie->collation != NIL) {
		const char *schema, *name;
		build_qualname(b, ie->collation, &schema, &name);
		sb_printf(&sb, " COLLATE %s%s%s", schema ? schema : "", schema ? "." : "",
			  name ? name : "?");
	}
	if (ie->opclass != NIL) {
		const char *schema, *name;
		build_qualname(b, ie->opclass, &schema, &name);
		sb_printf(&sb, " %s%s%s", schema ? schema : "", schema ? "." : "",
			  name ? name : "?");
	}
	if (ie->ordering == SORTBY_DESC)
		sb_append(&sb, " DESC");
	if (ie->nulls_ordering == SORTBY_NULLS_FIRST)
		sb_append(&sb, " NULLS FIRST");
	else if (ie->nulls_ordering == SORTBY_NULLS_LAST)
		sb_append(&sb, " NULLS LAST");
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

/*
 * FigureColnameInternal(): the name an expression gives its index column
 * (a function's name, a cast column's...), with how sure it is (0: none).
 */
static int figure_colname(const Node *n, const char **name)
{
	if (n == NULL)
		return 0;
	switch (nodeTag(n)) {
	case T_ColumnRef: {
		const List *f = ((const ColumnRef *)n)->fields;
		if (f && node_is_string(llast(f))) {
			*name = node_string(llast(f));
			return 2;
		}
		return 0;
	}
	case T_FuncCall:
		*name = node_string(llast(((const FuncCall *)n)->funcname));
		return *name ? 2 : 0;
	case T_TypeCast: {
		const TypeCast *tc = (const TypeCast *)n;
		int strength = figure_colname(tc->arg, name);
		if (strength <= 1 && tc->typeName && tc->typeName->names) {
			*name = node_string(llast(tc->typeName->names));
			return 1;
		}
		return strength;
	}
	case T_CoalesceExpr:
		*name = "coalesce";
		return 2;
	case T_MinMaxExpr:
		*name = ((const MinMaxExpr *)n)->op == IS_GREATEST ? "greatest" : "least";
		return 2;
	case T_CaseExpr: {
		int strength = figure_colname((const Node *)((const CaseExpr *)n)->defresult, name);
		if (strength <= 1) {
			*name = "case";
			return 1;
		}
		return strength;
	}
	case T_A_ArrayExpr:
		*name = "array";
		return 2;
	case T_RowExpr:
		*name = "row";
		return 2;
	case T_A_Expr:
		if (((const A_Expr *)n)->kind == AEXPR_NULLIF) {
			*name = "nullif";
			return 2;
		}
		return 0;
	default:
		return 0;
	}
}

void build_index_colname(struct builder *b, struct ptrvec *names, const IndexElem *ie)
{
	const char *orig = NULL;
	if (ie->indexcolname && ie->indexcolname[0])
		orig = ie->indexcolname;
	else if (ie->name && ie->name[0])
		orig = ie->name;
	else if (figure_colname(ie->expr, &orig) == 0 || orig == NULL)
		orig = "expr";
	const char *cur = orig;
	for (int i = 1;; i++) {
		size_t j = 0;
		while (j < names->n && strcmp(names->v[j], cur) != 0)
			j++;
		if (j == names->n)
			break;
		char suffix[16];
		snprintf(suffix, sizeof(suffix), "%d", i);
		size_t len = strlen(orig), max = 63 - strlen(suffix);
		if (len > max)
			len = max;
		while (len > 0 && ((unsigned char)orig[len] & 0xC0) == 0x80)
			len--;
		cur = arena_printf(b->a, "%.*s%s", (int)len, orig, suffix);
	}
	ptrvec_push(names, (void *)arena_strdup(b->a, cur));
}

static void index_colnames(struct builder *b, struct index *ix, const List *params)
{
	ListCell *lc;
	foreach (lc, (List *)params)
		if (IsA(lfirst(lc), IndexElem))
			build_index_colname(b, &ix->colnames, lfirst(lc));
}

void build_index(struct builder *b, const IndexStmt *is)
{
	const RangeVar *rv = is->relation;
	ListCell *lc;
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
	if (is->if_not_exists && is->idxname && model_find_index(b->m, schema, is->idxname))
		return;
	/* Without a name: the one DefineIndex() chooses, table_cols_idx. */
	struct index tmp = {0};
	index_colnames(b, &tmp, is->indexParams);
	index_colnames(b, &tmp, is->indexIncludingParams);
	const char *name =
	    is->idxname && is->idxname[0]
		? is->idxname
		: build_choose_name(b, schema, rv->relname, build_name_addition(b, &tmp.colnames),
				    "idx", CLASH_RELATION);
	struct index *ix = model_add_index(b->m, schema, name);
	ix->colnames = tmp.colnames;
	ix->table = t ? t->h.name : arena_strdup(b->a, rv->relname);
	ix->unique = is->unique;
	ix->nulls_not_distinct = is->nulls_not_distinct;
	ix->method = arena_strdup(b->a, is->accessMethod && is->accessMethod[0] ? is->accessMethod
										: "btree");
	foreach (lc, is->indexParams) {
		const Node *n = lfirst(lc);
		if (IsA(n, IndexElem)) {
			ptrvec_push(&ix->columns,
				    (void *)format_index_elem(b, (const IndexElem *)n));
			ptrvec_push(&ix->keys, build_index_key(b, (const IndexElem *)n));
		}
	}
	foreach (lc, is->indexIncludingParams) {
		const Node *n = lfirst(lc);
		if (IsA(n, IndexElem) && ((const IndexElem *)n)->name)
			ptrvec_push(&ix->include, arena_strdup(b->a, ((const IndexElem *)n)->name));
	}
	ix->where = build_expr(b, is->whereClause);
	if (t)
		ptrvec_push(&t->indexes, ix);
	else
		ptrvec_push(&mv->indexes, ix);
	/* On a partitioned table without ONLY, every partition gets it (or has it). */
	if (t && t->kind == TABLE_PARTITIONED && rv->inh)
		index_to_partitions(b, t, ix);
}
