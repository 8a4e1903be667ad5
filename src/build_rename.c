/*
 * build_rename.c
 *	  RENAME and SET SCHEMA: ALTER TABLE ... RENAME TO / RENAME COLUMN /
 *	  RENAME CONSTRAINT / SET SCHEMA, ALTER INDEX / SEQUENCE / VIEW ...
 *	  RENAME TO / SET SCHEMA, and ALTER TYPE ... RENAME VALUE.  The object
 *	  keeps its identity, so what refers to it follows: a table's
 *	  partitions and children, foreign keys to it, its indexes, triggers,
 *	  policies, rules and statistics objects, the sequences it owns, and
 *	  every stored text that names it (view queries, policies, trigger
 *	  WHEN and UPDATE OF lists, index keys and predicates, CHECK,
 *	  exclusion and generated expressions, defaults, rules, statistics
 *	  objects), as PostgreSQL's catalog (which refers by OID and
 *	  attribute number) shows them afterwards.
 */
#include "build_int.h"
#include "sqlident.h"

#include <string.h>

static bool same(const char *schema, const char *name, const char *s2, const char *n2)
{
	return schema && name && s2 && n2 && strcmp(schema, s2) == 0 && strcmp(name, n2) == 0;
}

/*
 * References in stored texts.  The model keeps expressions and queries as
 * deparsed text, where PostgreSQL keeps trees that point at columns by
 * number and at relations by OID: after a rename, pg_get_expr,
 * pg_get_viewdef and the others print the new names.  So a text that
 * mentions the old name is parsed again, the references that resolve to
 * the renamed object are renamed in the tree, and the tree is deparsed
 * again; a text the rename does not touch stays as it was, byte for byte.
 */

/* What is renamed: a relation (new_name set) or a column of it (col_from set). */
struct ren {
	struct builder *b;
	const char *schema, *name;	   /* the relation, as it was named */
	struct table *table;		   /* the relation when it is a table, else NULL */
	const char *new_schema, *new_name; /* a relation's new schema and name, else NULL */
	const char *col_from, *col_to;	   /* a column's old and new name, else NULL */
	const char *label_from, *label_to; /* an enum label of type schema.name, else NULL */
	bool changed;			   /* the tree at hand was changed */
};

/* An entry of a FROM list, or the table an expression belongs to. */
struct ref_item {
	const char *refname; /* its alias, else the relation's name; NULL: none */
	const char *schema;  /* an unaliased relation's schema, for schema.rel.col */
	bool target;	     /* it is the renamed relation (or the renamed column's table) */
	bool aliased;	     /* refname is an alias, which a relation rename leaves */
	bool cols_aliased;   /* AS x (c1, c2): its columns go by other names */
	bool maybe_col;	     /* it may have a column named col_from */
	bool hidden;	     /* inside a JOIN with an alias: not visible by its own name */
};

/* The FROM items a query level sees, and the WITH names that hide relations. */
struct ref_scope {
	const struct ref_scope *up;
	struct ptrvec items; /* struct ref_item *, malloc'd */
	struct ptrvec ctes;  /* char * */
};

struct ref_walk {
	struct ren *r;
	const struct ref_scope *s;
};

static void walk_select(struct ren *r, SelectStmt *sel, const struct ref_scope *up);

static void scope_free(struct ref_scope *s)
{
	for (size_t i = 0; i < s->items.n; i++)
		free(s->items.v[i]);
	ptrvec_free(&s->items);
	ptrvec_free(&s->ctes);
}

static struct ref_item *scope_add(struct ref_scope *s, const char *refname)
{
	struct ref_item *it = xcalloc(1, sizeof(*it));
	it->refname = refname;
	ptrvec_push(&s->items, it);
	return it;
}

static void set_string(Node *n, const char *s)
{
	((String *)n)->sval = (char *)s;
}

/* The schema in which an unqualified relation name resolves through search_path, or NULL. */
static const char *relation_schema(struct builder *b, const char *name)
{
	for (int i = 0; i < b->n_search_path; i++) {
		const char *s = b->search_path[i];
		if (model_find_table(b->m, s, name) || model_find_view(b->m, s, name) ||
		    model_find_sequence(b->m, s, name))
			return s;
	}
	return NULL;
}

static bool cte_hides(const struct ref_scope *s, const char *name)
{
	for (; s; s = s->up)
		for (size_t i = 0; i < s->ctes.n; i++)
			if (strcmp(s->ctes.v[i], name) == 0)
				return true;
	return false;
}

/* Does rv name the renamed relation?  *schema is the schema it resolves in, or NULL. */
static bool rv_is_target(struct ren *r, const RangeVar *rv, const struct ref_scope *s,
			 const char **schema)
{
	*schema = NULL;
	if (rv == NULL || rv->relname == NULL)
		return false;
	if (rv->schemaname)
		*schema = rv->schemaname;
	else if (!cte_hides(s, rv->relname))
		*schema = relation_schema(r->b, rv->relname);
	return same(*schema, rv->relname, r->schema, r->name);
}

/* A relation renamed or moved: rv names it by its new name (qualified when moved). */
static void rename_rv(struct ren *r, RangeVar *rv)
{
	if (r->new_name == NULL)
		return;
	if (strcmp(rv->relname, r->new_name) != 0) {
		rv->relname = (char *)r->new_name;
		r->changed = true;
	}
	if ((rv->schemaname != NULL || strcmp(r->schema, r->new_schema) != 0) &&
	    (rv->schemaname == NULL || strcmp(rv->schemaname, r->new_schema) != 0)) {
		rv->schemaname = (char *)r->new_schema;
		r->changed = true;
	}
}

static bool names_have(const List *names, const char *col)
{
	ListCell *lc;
	foreach (lc, names)
		if (node_string(lfirst(lc)) && strcmp(node_string(lfirst(lc)), col) == 0)
			return true;
	return false;
}

/* May relation schema.name have a column col (false only when the model knows it has not)? */
static bool rel_may_have(struct builder *b, const char *schema, const char *name, const char *col)
{
	struct table *t;
	struct view *v;
	if (schema == NULL)
		return true;
	if ((t = model_find_table(b->m, schema, name)))
		return table_find_column(t, col) != NULL;
	if ((v = model_find_view(b->m, schema, name))) {
		for (size_t i = 0; i < v->columns.n; i++)
			if (strcmp(v->columns.v[i], col) == 0)
				return true;
		return v->columns.n == 0;
	}
	return model_find_sequence(b->m, schema, name) == NULL;
}

/* Might a subquery's output have a column named col? */
static bool output_has(const SelectStmt *sel, const char *col)
{
	ListCell *lc;
	while (sel && sel->op != SETOP_NONE)
		sel = sel->larg;
	if (sel == NULL)
		return true;
	foreach (lc, sel->targetList) {
		const ResTarget *rt = lfirst(lc);
		if (!IsA(rt, ResTarget))
			continue;
		if (rt->name)
			if (strcmp(rt->name, col) == 0)
				return true;
		if (rt->name == NULL && rt->val && IsA(rt->val, ColumnRef)) {
			const Node *last = llast(((const ColumnRef *)rt->val)->fields);
			if (IsA(last, A_Star) || strcmp(node_string(last), col) == 0)
				return true;
		}
	}
	return sel->targetList == NIL; /* VALUES: column1... */
}

/* The item the qualifier of a reference (rel, or schema.rel) names, or NULL. */
static const struct ref_item *find_qualifier(const struct ref_scope *s, const char *schema,
					     const char *rel)
{
	for (; s; s = s->up)
		for (size_t i = 0; i < s->items.n; i++) {
			const struct ref_item *it = s->items.v[i];
			if (it->hidden || it->refname == NULL || strcmp(it->refname, rel) != 0)
				continue;
			if (schema &&
			    (it->aliased || it->schema == NULL || strcmp(it->schema, schema) != 0))
				continue;
			return it;
		}
	return NULL;
}

/*
 * Does an unqualified column col_from resolve to the renamed column: is the
 * target at the nearest level that may have such a column?  (A valid query
 * has no other there: the name would be ambiguous.)
 */
static bool unqualified_is_target(const struct ref_scope *s)
{
	for (; s; s = s->up) {
		bool maybe = false;
		for (size_t i = 0; i < s->items.n; i++) {
			const struct ref_item *it = s->items.v[i];
			if (it->target && !it->cols_aliased)
				return true;
			maybe = maybe || it->maybe_col;
		}
		if (maybe)
			return false;
	}
	return false;
}

static void fix_columnref(struct ren *r, ColumnRef *cr, const struct ref_scope *s)
{
	int n = list_length(cr->fields);
	if (n < 1 || n > 3 || (r->col_from == NULL && r->new_name == NULL))
		return;
	Node *last = llast(cr->fields);
	const char *rel = n >= 2 ? node_string(list_nth(cr->fields, n - 2)) : NULL;
	const char *schema = n == 3 ? node_string(linitial(cr->fields)) : NULL;
	const struct ref_item *it;
	if (n == 3 && schema == NULL)
		return;
	if (r->col_from) {
		if (!node_is_string(last) || strcmp(node_string(last), r->col_from) != 0)
			return;
		if (n == 1 ? unqualified_is_target(s)
			   : (rel && (it = find_qualifier(s, schema, rel)) && it->target &&
			      !it->cols_aliased)) {
			set_string(last, r->col_to);
			r->changed = true;
		}
		return;
	}
	if (n == 1) { /* a whole-row reference, unless the table has a column of that name */
		const char *name = node_string(last);
		if (name && (it = find_qualifier(s, NULL, name)) && it->target && !it->aliased &&
		    !(r->table && table_find_column(r->table, name))) {
			set_string(last, r->new_name);
			r->changed = true;
		}
		return;
	}
	if (rel && (it = find_qualifier(s, schema, rel)) && it->target && !it->aliased) {
		set_string(list_nth(cr->fields, n - 2), r->new_name);
		if (schema)
			set_string(linitial(cr->fields), r->new_schema);
		r->changed = true;
	}
}

/* 'rel'::regclass naming the renamed relation: its new name, qualified as pg_get_expr shows it. */
static void fix_regclass(struct ren *r, TypeCast *tc)
{
	const char *schema, *name;
	const TypeName *tn = tc->typeName;
	if (r->new_name == NULL || tn == NULL || tn->arrayBounds || tn->names == NIL ||
	    !node_is_string(llast(tn->names)) ||
	    strcmp(node_string(llast(tn->names)), "regclass") != 0 || tc->arg == NULL ||
	    !IsA(tc->arg, A_Const))
		return;
	A_Const *c = (A_Const *)tc->arg;
	if (c->isnull || nodeTag(&c->val) != T_String ||
	    !build_regclass_parse(r->b, c->val.sval.sval, &schema, &name))
		return;
	if (schema == NULL)
		schema = relation_schema(r->b, name);
	if (!same(schema, name, r->schema, r->name))
		return;
	c->val.sval.sval = sqlident_qualified(r->b->a, r->new_schema, r->new_name);
	r->changed = true;
}

/* nextval('seq'), currval, setval: the text names the sequence as a regclass would. */
static void fix_sequence_arg(struct ren *r, FuncCall *fc)
{
	const char *f = list_length(fc->funcname) > 0 ? node_string(llast(fc->funcname)) : NULL;
	const Node *arg = list_length(fc->args) > 0 ? linitial(fc->args) : NULL;
	const char *schema, *name;
	if (r->new_name == NULL || f == NULL ||
	    (strcmp(f, "nextval") != 0 && strcmp(f, "currval") != 0 && strcmp(f, "setval") != 0) ||
	    arg == NULL || !IsA(arg, A_Const))
		return;
	A_Const *c = (A_Const *)arg;
	if (c->isnull || nodeTag(&c->val) != T_String ||
	    !build_regclass_parse(r->b, c->val.sval.sval, &schema, &name))
		return;
	if (schema == NULL)
		schema = relation_schema(r->b, name);
	if (!same(schema, name, r->schema, r->name))
		return;
	c->val.sval.sval = sqlident_qualified(r->b->a, r->new_schema, r->new_name);
	r->changed = true;
}

/* 'label'::schema.type of the enum whose label was renamed: the new label. */
static void fix_enum_label(struct ren *r, TypeCast *tc)
{
	if (r->label_from == NULL || tc->typeName == NULL || tc->typeName->arrayBounds ||
	    tc->arg == NULL || !IsA(tc->arg, A_Const))
		return;
	A_Const *c = (A_Const *)tc->arg;
	if (c->isnull || nodeTag(&c->val) != T_String ||
	    strcmp(c->val.sval.sval, r->label_from) != 0 ||
	    strcmp(typefmt_format(r->b, tc->typeName),
		   sqlident_qualified(r->b->a, r->schema, r->name)) != 0)
		return;
	c->val.sval.sval = (char *)r->label_to;
	r->changed = true;
}

static bool ref_visit(Node *n, void *ctx)
{
	struct ref_walk *w = ctx;
	if (n == NULL)
		return false;
	switch (nodeTag(n)) {
	case T_ColumnRef:
		fix_columnref(w->r, (ColumnRef *)n, w->s);
		return false;
	case T_SelectStmt:
		walk_select(w->r, (SelectStmt *)n, w->s);
		return false;
	case T_TypeCast:
		fix_regclass(w->r, (TypeCast *)n);
		fix_enum_label(w->r, (TypeCast *)n);
		break;
	case T_FuncCall:
		fix_sequence_arg(w->r, (FuncCall *)n);
		break;
	default:
		break;
	}
	return ast_walk_children(n, ref_visit, ctx);
}

static void walk_expr(struct ren *r, Node *n, const struct ref_scope *s)
{
	struct ref_walk w = {r, s};
	ref_visit(n, &w);
}

/* Parse nodes in the model's arena: they outlive a deparse, which resets the memory context. */
static List *arena_list(struct builder *b, int n)
{
	List *l = arena_alloc(b->a, sizeof(List) + (size_t)n * sizeof(ListCell));
	l->type = T_List;
	l->length = l->max_length = n;
	l->elements = l->initial_elements;
	return l;
}

static Node *arena_string(struct builder *b, const char *s)
{
	String *n = arena_alloc(b->a, sizeof(*n));
	n->type = T_String;
	n->sval = (char *)s;
	return (Node *)n;
}

/*
 * The renamed column's table's columns up to that column, under the names
 * they had (NULL: not known).  PostgreSQL names a relation's columns so
 * in a JOIN ... USING that joins on the old name: t t(a, x).
 */
static List *old_column_names(struct ren *r)
{
	struct table *t = r->table;
	size_t n = 0;
	if (t == NULL || r->col_from == NULL)
		return NULL;
	while (n < t->columns.n && strcmp(((struct column *)t->columns.v[n])->name, r->col_to) != 0)
		n++;
	if (n == t->columns.n)
		return NULL;
	List *l = arena_list(r->b, (int)n + 1);
	for (size_t i = 0; i <= n; i++)
		l->elements[i].ptr_value = arena_string(
		    r->b, i == n ? r->col_from : ((struct column *)t->columns.v[i])->name);
	return l;
}

/* The renamed table on one side of a JOIN ... USING (col_from): its columns under old names. */
static void alias_using_side(struct ren *r, Node *n, const struct ref_scope *s)
{
	const char *schema;
	if (n && IsA(n, JoinExpr) && ((JoinExpr *)n)->alias == NULL) {
		alias_using_side(r, ((JoinExpr *)n)->larg, s);
		alias_using_side(r, ((JoinExpr *)n)->rarg, s);
		return;
	}
	if (n == NULL || !IsA(n, RangeVar) || !rv_is_target(r, (RangeVar *)n, s, &schema))
		return;
	RangeVar *rv = (RangeVar *)n;
	List *cols = old_column_names(r);
	if (cols == NULL || (rv->alias && rv->alias->colnames != NIL))
		return;
	if (rv->alias == NULL) {
		rv->alias = arena_alloc(r->b->a, sizeof(Alias));
		rv->alias->type = T_Alias;
		rv->alias->aliasname = rv->relname;
	}
	rv->alias->colnames = cols;
	r->changed = true;
}

/* An item of a FROM list: into scope s, its references renamed. */
static void add_from(struct ren *r, Node *n, struct ref_scope *s)
{
	ListCell *lc;
	struct ref_item *it;
	if (n == NULL)
		return;
	switch (nodeTag(n)) {
	case T_RangeVar: {
		RangeVar *rv = (RangeVar *)n;
		const char *schema;
		bool target = rv_is_target(r, rv, s, &schema);
		it = scope_add(s, rv->alias ? rv->alias->aliasname : rv->relname);
		it->aliased = rv->alias != NULL;
		it->schema = it->aliased ? NULL : schema;
		it->cols_aliased = rv->alias && rv->alias->colnames != NIL;
		it->target = target;
		it->maybe_col =
		    r->col_from &&
		    (it->cols_aliased
			 ? names_have(rv->alias->colnames, r->col_from)
			 : target || rel_may_have(r->b, schema, rv->relname, r->col_from));
		if (target)
			rename_rv(r, rv);
		break;
	}
	case T_RangeSubselect: {
		RangeSubselect *rs = (RangeSubselect *)n;
		if (rs->subquery && IsA(rs->subquery, SelectStmt))
			walk_select(r, (SelectStmt *)rs->subquery, s);
		it = scope_add(s, rs->alias ? rs->alias->aliasname : NULL);
		it->aliased = true;
		it->maybe_col =
		    r->col_from && (rs->alias && rs->alias->colnames
					? names_have(rs->alias->colnames, r->col_from)
					: !IsA(rs->subquery, SelectStmt) ||
					      output_has((SelectStmt *)rs->subquery, r->col_from));
		break;
	}
	case T_JoinExpr: {
		JoinExpr *j = (JoinExpr *)n;
		size_t first = s->items.n;
		if (r->col_from && names_have(j->usingClause, r->col_from)) {
			alias_using_side(r, j->larg, s);
			alias_using_side(r, j->rarg, s);
		}
		add_from(r, j->larg, s);
		add_from(r, j->rarg, s);
		walk_expr(r, j->quals, s);
		if (j->alias) {
			bool maybe = j->alias->colnames != NIL;
			for (size_t i = first; i < s->items.n; i++) {
				it = s->items.v[i];
				it->hidden = true;
				maybe = maybe || it->maybe_col || it->target;
			}
			it = scope_add(s, j->alias->aliasname);
			it->aliased = true;
			it->maybe_col = r->col_from && maybe;
		}
		break;
	}
	case T_RangeFunction: {
		RangeFunction *rf = (RangeFunction *)n;
		foreach (lc, rf->functions)
			if (IsA(lfirst(lc), List) && list_length(lfirst(lc)) > 0)
				walk_expr(r, linitial((List *)lfirst(lc)), s);
		it = scope_add(s, rf->alias ? rf->alias->aliasname : NULL);
		it->aliased = true;
		it->maybe_col = r->col_from != NULL;
		break;
	}
	case T_RangeTableSample: {
		RangeTableSample *ts = (RangeTableSample *)n;
		add_from(r, ts->relation, s);
		walk_expr(r, (Node *)ts->args, s);
		walk_expr(r, ts->repeatable, s);
		break;
	}
	default:
		it = scope_add(s, NULL);
		it->aliased = true;
		it->maybe_col = r->col_from != NULL;
		break;
	}
}

/*
 * A query level: its FROM list makes the scope of its expressions.  A
 * target that took its name from a renamed column keeps that name (AS
 * old), as the view's column keeps it in PostgreSQL.
 */
/*
 * A target `*` or `t.*` that covers the table whose column is renamed:
 * PostgreSQL expanded it when the view was made, and prints t.new AS old.
 * The columns are the table's now (the model does not know which were
 * added after the view).  A bare `*` is expanded only over that one table.
 */
static void expand_star(struct ren *r, SelectStmt *sel, const struct ref_scope *s)
{
	ListCell *lc;
	struct table *t = r->table;
	const struct ref_item *only = s->items.n == 1 ? s->items.v[0] : NULL;
	if (r->col_from == NULL || t == NULL)
		return;
	foreach (lc, sel->targetList) {
		ResTarget *rt = lfirst(lc);
		if (!IsA(rt, ResTarget) || rt->val == NULL || !IsA(rt->val, ColumnRef))
			continue;
		List *f = ((ColumnRef *)rt->val)->fields;
		const struct ref_item *it = list_length(f) == 1 ? only
					    : list_length(f) == 2 && node_string(linitial(f))
						? find_qualifier(s, NULL, node_string(linitial(f)))
						: NULL;
		if (!IsA(llast(f), A_Star) || it == NULL || !it->target || it->cols_aliased ||
		    it->refname == NULL)
			continue;
		List *targets =
		    arena_list(r->b, list_length(sel->targetList) + (int)t->columns.n - 1);
		int k = 0;
		ListCell *lc2;
		foreach (lc2, sel->targetList) {
			if (lc2 != lc) {
				targets->elements[k++].ptr_value = lfirst(lc2);
				continue;
			}
			for (size_t i = 0; i < t->columns.n; i++) {
				const char *name = ((struct column *)t->columns.v[i])->name;
				ColumnRef *cr = arena_alloc(r->b->a, sizeof(*cr));
				cr->type = T_ColumnRef;
				cr->fields = arena_list(r->b, 2);
				cr->fields->elements[0].ptr_value = arena_string(r->b, it->refname);
				cr->fields->elements[1].ptr_value = arena_string(r->b, name);
				cr->location = -1;
				ResTarget *nt = arena_alloc(r->b->a, sizeof(*nt));
				nt->type = T_ResTarget;
				nt->val = (Node *)cr;
				nt->location = -1;
				if (strcmp(name, r->col_to) == 0)
					nt->name = (char *)r->col_from;
				targets->elements[k++].ptr_value = nt;
			}
		}
		sel->targetList = targets;
		r->changed = true;
		return; /* once: a second star of the same table is left as it is */
	}
}

static void walk_select(struct ren *r, SelectStmt *sel, const struct ref_scope *up)
{
	ListCell *lc;
	struct ref_scope s = {.up = up};
	if (sel == NULL)
		return;
	if (sel->withClause) {
		foreach (lc, sel->withClause->ctes)
			if (IsA(lfirst(lc), CommonTableExpr))
				ptrvec_push(&s.ctes, ((CommonTableExpr *)lfirst(lc))->ctename);
		foreach (lc, sel->withClause->ctes) {
			CommonTableExpr *cte = lfirst(lc);
			if (IsA(cte, CommonTableExpr) && cte->ctequery &&
			    IsA(cte->ctequery, SelectStmt))
				walk_select(r, (SelectStmt *)cte->ctequery, &s);
		}
	}
	if (sel->op != SETOP_NONE) {
		walk_select(r, sel->larg, &s);
		walk_select(r, sel->rarg, &s);
		walk_expr(r, sel->limitOffset, &s);
		walk_expr(r, sel->limitCount, &s);
		scope_free(&s);
		return;
	}
	walk_expr(r, (Node *)sel->valuesLists, &s);
	foreach (lc, sel->fromClause)
		add_from(r, lfirst(lc), &s);
	expand_star(r, sel, &s);
	foreach (lc, sel->targetList) {
		ResTarget *rt = lfirst(lc);
		if (!IsA(rt, ResTarget))
			continue;
		const char *before = NULL;
		if (rt->name == NULL && rt->val && IsA(rt->val, ColumnRef))
			before = node_string(llast(((ColumnRef *)rt->val)->fields));
		walk_expr(r, rt->val, &s);
		if (before &&
		    strcmp(before, node_string(llast(((ColumnRef *)rt->val)->fields))) != 0)
			rt->name = (char *)before;
	}
	walk_expr(r, sel->whereClause, &s);
	walk_expr(r, (Node *)sel->groupClause, &s);
	walk_expr(r, sel->havingClause, &s);
	walk_expr(r, (Node *)sel->windowClause, &s);
	walk_expr(r, (Node *)sel->distinctClause, &s);
	walk_expr(r, (Node *)sel->sortClause, &s);
	walk_expr(r, sel->limitOffset, &s);
	walk_expr(r, sel->limitCount, &s);
	scope_free(&s);
}

/* The item of a rule's NEW or OLD: its table, under an alias. */
static void add_alias_of(struct ren *r, struct ref_scope *s, const char *alias, bool target)
{
	struct ref_item *it = scope_add(s, alias);
	it->aliased = true;
	it->target = target;
	it->maybe_col = r->col_from && target;
}

/* A target column list (INSERT's, UPDATE's SET) of the renamed column's table. */
static void rename_target_names(struct ren *r, List *targets, bool target)
{
	ListCell *lc;
	foreach (lc, targets) {
		ResTarget *rt = lfirst(lc);
		if (target && r->col_from && IsA(rt, ResTarget) && rt->name &&
		    strcmp(rt->name, r->col_from) == 0) {
			rt->name = (char *)r->col_to;
			r->changed = true;
		}
	}
}

/* A rule's action: a query or a change of a table, seeing NEW and OLD (s). */
static void walk_action(struct ren *r, Node *n, const struct ref_scope *rule)
{
	struct ref_scope s = {.up = rule};
	const char *schema;
	bool target;
	ListCell *lc;
	if (n == NULL)
		return;
	switch (nodeTag(n)) {
	case T_SelectStmt:
		walk_select(r, (SelectStmt *)n, rule);
		break;
	case T_InsertStmt: {
		InsertStmt *is = (InsertStmt *)n;
		target = rv_is_target(r, is->relation, rule, &schema);
		rename_target_names(r, is->cols, target);
		if (target)
			rename_rv(r, is->relation);
		if (is->selectStmt && IsA(is->selectStmt, SelectStmt))
			walk_select(r, (SelectStmt *)is->selectStmt, rule);
		break;
	}
	case T_UpdateStmt: {
		UpdateStmt *us = (UpdateStmt *)n;
		target = rv_is_target(r, us->relation, rule, &schema);
		rename_target_names(r, us->targetList, target);
		add_from(r, (Node *)us->relation, &s);
		foreach (lc, us->fromClause)
			add_from(r, lfirst(lc), &s);
		foreach (lc, us->targetList)
			if (IsA(lfirst(lc), ResTarget))
				walk_expr(r, ((ResTarget *)lfirst(lc))->val, &s);
		walk_expr(r, us->whereClause, &s);
		break;
	}
	case T_DeleteStmt: {
		DeleteStmt *ds = (DeleteStmt *)n;
		add_from(r, (Node *)ds->relation, &s);
		foreach (lc, ds->usingClause)
			add_from(r, lfirst(lc), &s);
		walk_expr(r, ds->whereClause, &s);
		break;
	}
	default:
		break;
	}
	scope_free(&s);
}

/* A statement the model keeps as text: a view's query, a rule, a statistics object. */
static void walk_stmt(struct ren *r, Node *n)
{
	struct ref_scope s = {0};
	const char *schema;
	ListCell *lc;
	if (IsA(n, SelectStmt)) {
		walk_select(r, (SelectStmt *)n, NULL);
	} else if (IsA(n, RuleStmt)) {
		RuleStmt *rs = (RuleStmt *)n;
		bool target = rv_is_target(r, rs->relation, NULL, &schema);
		add_alias_of(r, &s, "new", target);
		add_alias_of(r, &s, "old", target);
		walk_expr(r, rs->whereClause, &s);
		foreach (lc, rs->actions)
			walk_action(r, lfirst(lc), &s);
		if (target)
			rename_rv(r, rs->relation);
	} else if (IsA(n, CreateStatsStmt)) {
		CreateStatsStmt *cs = (CreateStatsStmt *)n;
		bool target = false;
		foreach (lc, cs->relations)
			add_from(r, lfirst(lc), &s);
		for (size_t i = 0; i < s.items.n; i++)
			target = target || ((struct ref_item *)s.items.v[i])->target;
		foreach (lc, cs->exprs) {
			StatsElem *se = lfirst(lc);
			if (!IsA(se, StatsElem))
				continue;
			if (se->name && target && r->col_from &&
			    strcmp(se->name, r->col_from) == 0) {
				se->name = (char *)r->col_to;
				r->changed = true;
			}
			walk_expr(r, se->expr, &s);
		}
	}
	scope_free(&s);
}

/* A view's query, a rule's or a statistics object's statements, renamed; or text itself. */
static const char *rewrite_stmt(struct ren *r, const char *text)
{
	struct pgparse p;
	ListCell *lc;
	const char *out = text;
	pgparse_run(text, true, &p);
	r->changed = false;
	if (p.tree)
		foreach (lc, p.tree)
			walk_stmt(r, ((RawStmt *)lfirst(lc))->stmt);
	if (p.tree && r->changed) {
		struct strbuf sb;
		bool ok = true;
		sb_init(&sb);
		foreach (lc, p.tree) {
			const char *d =
			    pgparse_deparse_stmt(r->b->a, ((RawStmt *)lfirst(lc))->stmt);
			ok = ok && d && strcmp(d, "?") != 0;
			sb_printf(&sb, "%s%s", foreach_current_index(lc) ? ";\n" : "", d ? d : "");
		}
		if (ok)
			out = arena_strdup(r->b->a, sb.data);
		sb_free(&sb);
	}
	pgparse_free(&p);
	return out;
}

enum expr_kind {
	EXPR_PLAIN, /* a CHECK, a default, a policy's expression, an index key... */
	EXPR_WHEN,  /* a trigger's WHEN, which sees the table as NEW and OLD */
};

/* The relation an expression belongs to (NULL h: none, a domain's). */
struct owner {
	const struct objhdr *h;
	bool target;  /* it is the renamed relation, or the renamed column's */
	bool has_col; /* it has a column named col_from */
	/*
	 * Only a quoted literal ('seq'::regclass, 'label'::type) can name the
	 * renamed object: the expression of another table, which no subquery
	 * reaches into.
	 */
	bool literal_only;
};

static struct owner table_owner(const struct ren *r, struct table *t)
{
	struct owner o = {t ? &t->h : NULL, t && r->table == t,
			  t && r->col_from && table_find_column(t, r->col_from), false};
	return o;
}

/* Does text mention the renamed name at all (else it is left alone, unparsed)? */
static bool mentions(const struct ren *r, const char *text)
{
	return text && strstr(text, r->col_from	    ? r->col_from
				    : r->label_from ? r->label_from
						    : r->name) != NULL;
}

/*
 * Might text name the relation (or the enum type) schema.name: does it hold
 * the name, and either the schema or nothing but a search_path that finds
 * it unqualified?  (A cheap test: a tenant's view that names its own
 * "orders" is not parsed when another tenant's "orders" is renamed.)
 */
static bool names_it(const struct ren *r, const char *text)
{
	if (text == NULL || strstr(text, r->name) == NULL)
		return false;
	if (strstr(text, r->schema))
		return true;
	for (int i = 0; i < r->b->n_search_path; i++)
		if (strcmp(r->b->search_path[i], r->schema) == 0)
			return true;
	return false;
}

/* expr, an expression of table t, with its references renamed; or expr itself. */
static const char *rewrite_expr(struct ren *r, const struct owner *o, const char *expr,
				enum expr_kind kind)
{
	if (!mentions(r, expr) || (o->literal_only && strchr(expr, '\'') == NULL) ||
	    (!o->target && !names_it(r, expr)))
		return expr;
	struct pgparse p;
	struct ref_scope s = {0};
	const char *out = expr;
	Node *e = NULL;
	char *sql = xmalloc(strlen(expr) + 8);
	sprintf(sql, "SELECT %s", expr);
	pgparse_run(sql, true, &p);
	free(sql);
	if (p.tree && list_length(p.tree) == 1) {
		SelectStmt *sel = (SelectStmt *)((RawStmt *)linitial(p.tree))->stmt;
		if (IsA(sel, SelectStmt) && sel->op == SETOP_NONE && sel->fromClause == NIL &&
		    list_length(sel->targetList) == 1 &&
		    IsA(linitial(sel->targetList), ResTarget) &&
		    ((ResTarget *)linitial(sel->targetList))->name == NULL)
			e = ((ResTarget *)linitial(sel->targetList))->val;
	}
	if (e) {
		if (o->h == NULL) {
			/* a domain's: no columns */
		} else if (kind == EXPR_WHEN) {
			add_alias_of(r, &s, "new", o->target);
			add_alias_of(r, &s, "old", o->target);
		} else {
			struct ref_item *it = scope_add(&s, o->h->name);
			it->schema = o->h->schema;
			it->target = o->target;
			it->maybe_col = r->col_from && (o->target || o->has_col);
		}
		r->changed = false;
		walk_expr(r, e, &s);
		if (r->changed)
			out = build_expr(r->b, e);
		scope_free(&s);
	}
	pgparse_free(&p);
	return out;
}

/* A key as an index's `columns` entry starts: its column, or its expression as written. */
static const char *key_text(struct builder *b, const struct index_key *k)
{
	if (k->column)
		return k->column;
	return k->parens ? arena_printf(b->a, "(%s)", k->expression) : k->expression;
}

/*
 * The keys of an index or exclusion constraint of t, renamed, and the
 * `columns` entries that spell them (the key, then COLLATE, DESC, WITH...).
 */
static void rewrite_keys(struct ren *r, const struct owner *o, struct ptrvec *keys,
			 struct ptrvec *columns)
{
	for (size_t k = 0; k < keys->n; k++) {
		struct index_key *key = keys->v[k];
		const char *before = key_text(r->b, key);
		if (key->column && r->col_from && o->target &&
		    strcmp(key->column, r->col_from) == 0)
			key->column = r->col_to;
		key->expression = rewrite_expr(r, o, key->expression, EXPR_PLAIN);
		const char *after = key_text(r->b, key);
		size_t n = strlen(before);
		if (strcmp(before, after) == 0 || keys->n != columns->n ||
		    strncmp(columns->v[k], before, n) != 0)
			continue;
		columns->v[k] = arena_printf(r->b->a, "%s%s", after, (char *)columns->v[k] + n);
	}
}

/* "INSERT OR UPDATE OF a, b": the renamed column in the list of an UPDATE OF. */
static const char *rename_update_of(struct ren *r, const char *events)
{
	const char *of = events ? strstr(events, "UPDATE OF ") : NULL;
	if (of == NULL || !mentions(r, of))
		return events;
	struct strbuf sb, name;
	sb_init(&sb);
	sb_init(&name);
	const char *p = of + strlen("UPDATE OF ");
	bool changed = false;
	sb_printf(&sb, "%.*s", (int)(p - events), events);
	for (;;) {
		const char *end = p;
		name.len = 0;
		if (*end == '"') {
			for (end++; *end && !(*end == '"' && end[1] != '"'); end++) {
				if (*end == '"')
					end++;
				sb_putc(&name, *end);
			}
			if (*end)
				end++;
		} else {
			for (; *end && *end != ',' && *end != ' '; end++)
				sb_putc(&name, *end);
		}
		if (name.len > 0 && strcmp(name.data, r->col_from) == 0) {
			sb_append(&sb, sqlident_quote(r->b->a, r->col_to));
			changed = true;
		} else {
			sb_printf(&sb, "%.*s", (int)(end - p), p);
		}
		p = end;
		if (strncmp(p, ", ", 2) != 0)
			break;
		sb_append(&sb, ", ");
		p += 2;
	}
	sb_append(&sb, p);
	const char *out = changed ? arena_strdup(r->b->a, sb.data) : events;
	sb_free(&sb);
	sb_free(&name);
	return out;
}

/* The texts of table t that may refer to the renamed object. */
static void rewrite_table_texts(struct ren *r, struct table *t)
{
	struct owner own = table_owner(r, t);
	const struct owner *o = &own;
	own.literal_only = !own.target && r->col_from == NULL;
	for (size_t j = 0; j < t->columns.n; j++) {
		struct column *c = t->columns.v[j];
		const char *g = c->generated;
		c->generated = rewrite_expr(r, o, c->generated, EXPR_PLAIN);
		if (c->generated != g)
			c->generated_key = build_canon_expr(r->b, c->generated);
		if (r->col_from == NULL) { /* a default names no column, but a relation or label */
			const char *d = c->default_expr;
			c->default_expr = rewrite_expr(r, o, c->default_expr, EXPR_PLAIN);
			if (c->default_expr != d)
				c->default_key = build_canon_expr(r->b, c->default_expr);
		}
	}
	for (size_t j = 0; j < t->constraints.n; j++) {
		struct constraint *c = t->constraints.v[j];
		c->expression = rewrite_expr(r, o, c->expression, EXPR_PLAIN);
		c->where = rewrite_expr(r, o, c->where, EXPR_PLAIN);
		if (c->kind == CON_EXCLUSION)
			rewrite_keys(r, o, &c->keys, &c->columns);
	}
	for (size_t j = 0; j < t->indexes.n; j++) {
		struct index *ix = t->indexes.v[j];
		rewrite_keys(r, o, &ix->keys, &ix->columns);
		ix->where = rewrite_expr(r, o, ix->where, EXPR_PLAIN);
	}
	for (size_t j = 0; j < t->triggers.n; j++) {
		struct trigger *tr = t->triggers.v[j];
		tr->when = rewrite_expr(r, o, tr->when, EXPR_WHEN);
		if (r->col_from && r->table == t)
			tr->events = rename_update_of(r, tr->events);
	}
}

/*
 * Every text of the model that may refer to the renamed object: a table's
 * own expressions (for a column, only its table's), policies (whose
 * subqueries may read any table), views, rules and statistics objects.
 * Called before the model renames the relation, so that unqualified names
 * still resolve to it.
 */
static void rewrite_refs(struct ren *r)
{
	struct model *m = r->b->m;
	const struct owner none = {0};
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = m->tables.v[i];
		const struct owner o = table_owner(r, t);
		if (r->col_from == NULL || r->table == t)
			rewrite_table_texts(r, t);
		for (size_t j = 0; j < t->policies.n; j++) {
			struct policy *p = t->policies.v[j];
			if (r->table != t && r->col_from &&
			    !(mentions(r, p->using_expr) && names_it(r, p->using_expr)) &&
			    !(mentions(r, p->check_expr) && names_it(r, p->check_expr)))
				continue;
			p->using_expr = rewrite_expr(r, &o, p->using_expr, EXPR_PLAIN);
			p->check_expr = rewrite_expr(r, &o, p->check_expr, EXPR_PLAIN);
		}
	}
	for (size_t i = 0; r->col_from == NULL && i < m->types.n; i++) {
		struct pgtype *d = m->types.v[i];
		if (d->kind != TYPE_DOMAIN)
			continue;
		d->default_expr = rewrite_expr(r, &none, d->default_expr, EXPR_PLAIN);
		for (size_t j = 0; j < d->checks.n; j++) {
			struct domain_check *c = d->checks.v[j];
			c->expression = rewrite_expr(r, &none, c->expression, EXPR_PLAIN);
		}
	}
	for (size_t i = 0; i < m->views.n; i++) {
		struct view *v = m->views.v[i];
		if (names_it(r, v->definition) &&
		    (mentions(r, v->definition) || (r->col_from && strchr(v->definition, '*')))) {
			v->definition = rewrite_stmt(r, v->definition);
			v->key = build_canon_query(r->b, v->definition);
		}
	}
	for (size_t i = 0; i < m->objects.n; i++) {
		struct object *o = m->objects.v[i];
		if ((o->kind == OBJ_RULE || o->kind == OBJ_STATISTICS) && o->definition &&
		    names_it(r, o->definition) && mentions(r, o->definition)) {
			o->definition = rewrite_stmt(r, o->definition);
			if (o->kind == OBJ_RULE)
				o->key = build_canon_rule(r->b, o->definition);
		}
	}
}

/*
 * Relation schema.name (t when a table) becomes new_schema.new_name: what
 * names it follows, and the rules and statistics objects on it are on the
 * new name (a rule, which lives with its table, in its new schema).
 */
static void rename_refs_to(struct builder *b, const char *schema, const char *name, struct table *t,
			   const char *new_schema, const char *new_name)
{
	if (strcmp(schema, new_schema) == 0 && strcmp(name, new_name) == 0)
		return;
	struct ren r = {.b = b,
			.schema = schema,
			.name = name,
			.table = t,
			.new_schema = new_schema,
			.new_name = new_name};
	rewrite_refs(&r);
	const char *on = arena_printf(b->a, "%s.%s", new_schema, new_name);
	for (size_t i = 0; i < b->m->objects.n; i++) {
		struct object *o = b->m->objects.v[i];
		if ((o->kind != OBJ_RULE && o->kind != OBJ_STATISTICS) ||
		    !same(o->table_schema, o->table, schema, name))
			continue;
		if (o->kind == OBJ_RULE)
			model_move_object(b->m, o, new_schema, on);
		else
			o->on = on;
		o->table_schema = arena_strdup(b->a, new_schema);
		o->table = arena_strdup(b->a, new_name);
	}
}

static void move_sequence(struct builder *b, struct sequence *s, const char *schema,
			  const char *name)
{
	rename_refs_to(b, s->h.schema, s->h.name, NULL, schema, name);
	model_rename_relation(b->m, &s->h, schema, name);
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
	rename_refs_to(b, old_schema, old_name, t, schema, name);
	model_rename_relation(b->m, &t->h, schema, name);
	retarget_table(b, t, old_schema, old_name);
}

static void rename_in(struct ptrvec *names, const char *from, const char *to)
{
	for (size_t i = 0; i < names->n; i++)
		if (strcmp(names->v[i], from) == 0)
			names->v[i] = (void *)to;
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
			if (c->kind != CON_EXCLUSION)
				rename_in(&c->columns, from, col->name);
			rename_in(&c->include, from, col->name);
		}
		for (size_t j = 0; j < x->indexes.n; j++)
			rename_in(&((struct index *)x->indexes.v[j])->include, from, col->name);
		struct ren r = {.b = b,
				.schema = x->h.schema,
				.name = x->h.name,
				.table = x,
				.col_from = from,
				.col_to = col->name};
		rewrite_refs(&r);
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

/* The name a query's target gives its column (FigureColname's usual cases), or NULL. */
static const char *target_name(const ResTarget *rt)
{
	const Node *n = rt->val;
	if (rt->name)
		return rt->name;
	while (n && IsA(n, TypeCast) && ((const TypeCast *)n)->arg &&
	       (IsA(((const TypeCast *)n)->arg, ColumnRef) ||
		IsA(((const TypeCast *)n)->arg, FuncCall) ||
		IsA(((const TypeCast *)n)->arg, TypeCast)))
		n = ((const TypeCast *)n)->arg;
	if (n && IsA(n, ColumnRef))
		return node_string(llast(((const ColumnRef *)n)->fields));
	if (n && IsA(n, FuncCall))
		return node_string(llast(((const FuncCall *)n)->funcname));
	return NULL;
}

/* A view's query whose output column `from` is named `to` (AS to); or text itself. */
static const char *rename_output(struct builder *b, const char *text, const char *from,
				 const char *to)
{
	struct pgparse p;
	ListCell *lc;
	const char *out = text;
	pgparse_run(text, true, &p);
	SelectStmt *sel = p.tree && list_length(p.tree) == 1
			      ? (SelectStmt *)((RawStmt *)linitial(p.tree))->stmt
			      : NULL;
	while (sel && IsA(sel, SelectStmt) && sel->op != SETOP_NONE)
		sel = sel->larg;
	if (sel && IsA(sel, SelectStmt))
		foreach (lc, sel->targetList) {
			ResTarget *rt = lfirst(lc);
			const char *name = IsA(rt, ResTarget) ? target_name(rt) : NULL;
			if (name && strcmp(name, from) == 0) {
				rt->name = (char *)to;
				const char *d =
				    pgparse_deparse_stmt(b->a, ((RawStmt *)linitial(p.tree))->stmt);
				if (d && strcmp(d, "?") != 0)
					out = d;
				break;
			}
		}
	pgparse_free(&p);
	return out;
}

/*
 * ALTER VIEW / MATERIALIZED VIEW ... RENAME COLUMN: the view's column (its
 * query names it AS to), what refers to it, and its indexes' keys.
 */
static void rename_view_column(struct builder *b, struct view *v, const char *from, const char *to)
{
	bool listed = false;
	to = arena_strdup(b->a, to);
	for (size_t i = 0; i < v->columns.n; i++)
		if (strcmp(v->columns.v[i], from) == 0) {
			v->columns.v[i] = (void *)to;
			listed = true;
		}
	if (!listed && v->definition) {
		v->definition = rename_output(b, v->definition, from, to);
		v->key = build_canon_query(b, v->definition);
	}
	struct ren r = {.b = b,
			.schema = v->h.schema,
			.name = v->h.name,
			.col_from = arena_strdup(b->a, from),
			.col_to = to};
	const struct owner o = {&v->h, true, true, false};
	for (size_t i = 0; i < v->indexes.n; i++) {
		struct index *ix = v->indexes.v[i];
		rename_in(&ix->include, from, to);
		rewrite_keys(&r, &o, &ix->keys, &ix->columns);
		ix->where = rewrite_expr(&r, &o, ix->where, EXPR_PLAIN);
	}
	rewrite_refs(&r);
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
		schema = schema ? schema : from;
		name = name ? name : v->h.name;
		rename_refs_to(b, from, v->h.name, NULL, schema, name);
		model_rename_relation(b->m, &v->h, schema, name);
		for (size_t i = 0; i < v->indexes.n; i++) {
			ix = v->indexes.v[i];
			ix->table = v->h.name;
			if (strcmp(ix->h.schema, v->h.schema) != 0)
				model_rename_relation(b->m, &ix->h, v->h.schema, ix->h.name);
		}
	} else if ((s = model_find_sequence(b->m, from, rv->relname))) {
		move_sequence(b, s, schema ? schema : from, name ? name : s->h.name);
	} else if (name && (ix = model_find_index(b->m, from, rv->relname))) {
		model_rename_relation(b->m, &ix->h, from, name);
	} else {
		return false;
	}
	return true;
}

/*
 * A RENAME or SET SCHEMA the model does not follow: the object would keep
 * its old name there, so the statement is listed as not followed (a
 * warning; --strict fails on it), never passed over in silence.
 */
static void not_followed(struct builder *b, ObjectType kind, const char *what)
{
	switch (kind) {
	case OBJECT_ROLE:
	case OBJECT_DATABASE:
	case OBJECT_TABLESPACE:
		return; /* not schema objects: nothing in the model is named by them */
	default:
		build_note(
		    b, build_loc(b, -1),
		    "%s of this kind of object is not followed: the model keeps its old name",
		    what);
	}
}

void build_rename(struct builder *b, const RenameStmt *rs)
{
	const RangeVar *rv = rs->relation;
	struct table *t;

	if (rs->newname == NULL)
		return;
	if (rv == NULL) { /* types, functions, schemas...: not followed */
		not_followed(b, rs->renameType, "RENAME");
		return;
	}
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
		struct view *v = NULL;
		const char *vschema =
		    rv->schemaname ? rv->schemaname : relation_schema(b, rv->relname);
		if (t == NULL && vschema)
			v = model_find_view(b->m, vschema, rv->relname);
		if (v && rs->renameType == OBJECT_COLUMN && rs->subname) {
			rename_view_column(b, v, rs->subname, rs->newname);
			break;
		}
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
		not_followed(b, rs->renameType, "RENAME"); /* triggers, policies... */
		break;
	}
}

void build_set_schema(struct builder *b, const AlterObjectSchemaStmt *as)
{
	const RangeVar *rv = as->relation;
	if (as->newschema == NULL)
		return;
	if (rv == NULL) { /* types, functions...: not followed */
		not_followed(b, as->objectType, "SET SCHEMA");
		return;
	}
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
		not_followed(b, as->objectType, "SET SCHEMA");
		break;
	}
}

void build_rename_enum_value(struct builder *b, const AlterEnumStmt *es)
{
	const char *schema, *name;
	if (es->oldVal == NULL || es->oldVal[0] == '\0' || es->newVal == NULL)
		return;
	build_qualname(b, es->typeName, &schema, &name);
	struct pgtype *t = model_find_type(b->m, schema ? schema : build_creation_schema(b), name);
	if (t == NULL || t->kind != TYPE_ENUM)
		return;
	struct ren r = {.b = b,
			.schema = t->h.schema,
			.name = t->h.name,
			.label_from = arena_strdup(b->a, es->oldVal),
			.label_to = arena_strdup(b->a, es->newVal)};
	rewrite_refs(&r);
}
