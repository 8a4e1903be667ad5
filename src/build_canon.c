/*
 * build_canon.c
 *	  The canonical form of a view's query, a rule, a function's body and an
 *	  aggregate: one text for one meaning, whichever pg_dump wrote it.  The
 *	  comparison compares these keys (model.h: view.key, function.key,
 *	  object.key); the definitions as written stay what outputs show.
 *
 *	  pg_dump 9.x wrote names bare under SET search_path = public; pg_dump
 *	  15 qualifies them (public.film, public.group_concat) and leaves
 *	  pg_catalog's bare; pg_dump 16 and later drop the table from a column
 *	  of a query over one table (emp_no, not dept_emp.emp_no); pg_dump 15
 *	  renames an alias a subquery reuses (fc_1), and writes a constant's
 *	  column name (2 AS "?column?").  The key is the definition parsed
 *	  again and rewritten so that all of these read alike:
 *	  - a relation, function or type named bare is qualified with the
 *	    schema search_path finds it in (when the model holds it), and
 *	    pg_catalog's qualification is dropped;
 *	  - a column's table is dropped when the bare name finds that column
 *	    of that table alone, as PostgreSQL resolves it (innermost query
 *	    level first; an unknown relation may hold any column);
 *	  - an alias is renamed by position (#1, #2, ...), its references
 *	    with it, and an alias equal to its table's name is dropped;
 *	  - a target's AS is dropped when it is the name PostgreSQL gives the
 *	    column anyway (FigureColname);
 *	  - a function's options are sorted and those that state the default
 *	    (VOLATILE, NOT LEAKPROOF, SECURITY INVOKER, ...) dropped.
 *	  Whatever cannot be resolved is left as written, so a real change (a
 *	  column, a table's schema, a literal, a join) stays a difference.
 *
 *	  The tree rewritten is a fresh parse of the deparsed definition: the
 *	  statement's own tree is not touched.  Nothing is allocated inside
 *	  the tree (fields are cut or pointed at arena strings).
 */
#include "build_int.h"
#include "sqlident.h"

#include <string.h>

#define IS_NODE(n, T) ((n) != NULL && IsA((n), T))

/* A relation of a query level's FROM: what its columns are called by. */
struct rte {
	const char *refname; /* as written: the alias, or the relation's name */
	const char *canon;   /* the alias it is renamed to, or NULL */
	const struct table *t;
	const List *names; /* String: known column names (the alias's list), or NIL */
	bool known;	   /* its columns are known (t or names) */
};

struct level {
	struct rte *v;
	size_t n, cap;
	bool using_join; /* a USING or NATURAL join: a bare name may be the merged column */
	const List *ctes;
	const List *targets; /* the SELECT's targets, for ORDER BY's output names */
	const struct level *up;
};

struct canon {
	struct builder *b;
	const struct level *lv; /* the level expressions are read in, or NULL */
	bool in_sort;		/* inside ORDER BY: an output name goes first */
	int next_alias;
};

static bool visit(Node *n, void *ctx);
static void select_stmt(struct canon *c, SelectStmt *s, const struct level *up);

/* Keep the last element of a List of names only (its length shrinks, no allocation). */
static void list_keep_last(List *l)
{
	if (l == NULL || l->length <= 1)
		return;
	l->elements[0] = l->elements[l->length - 1];
	l->length = 1;
}

static void list_drop_first(List *l)
{
	if (l == NULL || l->length <= 1)
		return;
	memmove(&l->elements[0], &l->elements[1], (size_t)(l->length - 1) * sizeof(ListCell));
	l->length--;
}

static bool names_cte(const struct level *lv, const char *name)
{
	ListCell *lc;
	for (; lv; lv = lv->up)
		foreach (lc, lv->ctes)
			if (IS_NODE(lfirst(lc), CommonTableExpr) &&
			    strcmp(((CommonTableExpr *)lfirst(lc))->ctename, name) == 0)
				return true;
	return false;
}

/* The relation schema.name of the model, as a table (NULL: a view or unknown); *found set. */
static const struct table *find_rel(struct builder *b, const char *schema, const char *name,
				    bool *found)
{
	struct table *t = model_find_table(b->m, schema, name);
	*found =
	    t || model_find_view(b->m, schema, name) || model_find_sequence(b->m, schema, name);
	return t;
}

/* A relation's schema as search_path finds it; pg_catalog's made bare. */
static const struct table *canon_rangevar(struct canon *c, RangeVar *rv)
{
	bool found = false;
	const struct table *t = NULL;
	rv->catalogname = NULL;
	if (rv->schemaname != NULL) {
		if (strcmp(rv->schemaname, "pg_catalog") == 0)
			rv->schemaname = NULL;
		else
			t = find_rel(c->b, rv->schemaname, rv->relname, &found);
	} else if (!names_cte(c->lv, rv->relname)) {
		for (int i = 0; i < c->b->n_search_path && !found; i++) {
			t = find_rel(c->b, c->b->search_path[i], rv->relname, &found);
			if (found && strcmp(c->b->search_path[i], "pg_catalog") != 0)
				rv->schemaname = (char *)c->b->search_path[i];
		}
	}
	if (rv->alias && rv->alias->colnames == NIL &&
	    strcmp(rv->alias->aliasname, rv->relname) == 0)
		rv->alias = NULL;
	return t;
}

/* Does the model know an extension installed in `schema`? */
static bool schema_has_extension(struct builder *b, const char *schema)
{
	for (size_t i = 0; i < b->m->extensions.n; i++) {
		const struct extension *e = b->m->extensions.v[i];
		if (e->h.schema && strcmp(e->h.schema, schema) == 0)
			return true;
	}
	return false;
}

/*
 * A function's name as one String: "schema.name" (quoted as needed) for
 * one the model holds, bare for pg_catalog's and for one of an extension
 * (which the model does not list, so its bare name cannot be resolved).
 */
static void canon_funcname(struct canon *c, List *names)
{
	int n = list_length(names);
	if (n < 1 || n > 2 || !node_is_string(llast(names)))
		return;
	String *last = llast(names);
	const char *schema = n == 2 ? node_string(linitial(names)) : NULL;
	if (schema == NULL) {
		schema = build_function_schema(c->b, last->sval);
	} else if (strcmp(schema, "pg_catalog") == 0 ||
		   (model_find_function(c->b->m, schema, last->sval, NULL) == NULL &&
		    schema_has_extension(c->b, schema))) {
		schema = NULL;
	}
	if (schema && strcmp(schema, "pg_catalog") == 0)
		schema = NULL;
	list_keep_last(names);
	if (schema)
		last->sval = sqlident_qualified(c->b->a, schema, last->sval);
}

/* A type as format_type() spells it, as one name. */
static void canon_typename(struct canon *c, TypeName *tn)
{
	if (tn == NULL || list_length(tn->names) == 0 || !node_is_string(llast(tn->names)))
		return;
	char *f = typefmt_format(c->b, tn);
	if (f == NULL)
		return;
	String *last = llast(tn->names);
	list_keep_last(tn->names);
	last->sval = f;
	tn->typmods = NIL;
	tn->arrayBounds = NIL;
	tn->typemod = -1;
	tn->pct_type = false;
}

/* May relation r hold a column `col`?  Sure (1), no (0), unknown (-1). */
static int rte_has(const struct rte *r, const char *col)
{
	if (!r->known)
		return -1;
	if (r->names != NIL) {
		const ListCell *lc;
		foreach (lc, r->names)
			if (build_str_eq(node_string(lfirst(lc)), col))
				return 1;
		if (r->t == NULL)
			return 0;
	}
	return r->t && table_find_column((struct table *)r->t, col) ? 1 : 0;
}

/* The name PostgreSQL gives a target without AS (FigureColname), or NULL when not sure. */
static const char *figure_colname(const Node *n)
{
	if (n == NULL)
		return NULL;
	switch (nodeTag(n)) {
	case T_ColumnRef: {
		const ColumnRef *cr = (const ColumnRef *)n;
		return node_string(llast(cr->fields));
	}
	case T_FuncCall:
		return node_string(llast(((const FuncCall *)n)->funcname));
	case T_TypeCast: {
		const TypeCast *tc = (const TypeCast *)n;
		const char *s = figure_colname(tc->arg);
		if (s && strcmp(s, "?column?") != 0)
			return s; /* a column's or a function's name goes first */
		return tc->typeName ? node_string(llast(tc->typeName->names)) : NULL;
	}
	case T_CaseExpr:
		return "case";
	case T_CoalesceExpr:
		return "coalesce";
	case T_A_ArrayExpr:
		return "array";
	case T_A_Const:
	case T_A_Expr:
	case T_BoolExpr:
	case T_NullTest:
	case T_BooleanTest:
		return "?column?";
	default:
		return NULL;
	}
}

/* In ORDER BY: is `col` a target's name other than the plain column `col` itself? */
static bool names_other_output(const struct level *lv, const char *col)
{
	ListCell *lc;
	foreach (lc, lv->targets) {
		const ResTarget *rt = lfirst(lc);
		if (!IS_NODE(rt, ResTarget))
			continue;
		const char *name = rt->name ? rt->name : figure_colname(rt->val);
		if (name == NULL || strcmp(name, col) != 0)
			continue;
		const ColumnRef *cr =
		    IS_NODE(rt->val, ColumnRef) ? (const ColumnRef *)rt->val : NULL;
		if (cr == NULL || list_length(cr->fields) != 1 ||
		    !build_str_eq(node_string(linitial(cr->fields)), col))
			return true;
	}
	return false;
}

/*
 * table.column: the table dropped when the bare column finds the same one,
 * else the table's alias renamed as its relation's was.
 */
static void column_ref(struct canon *c, ColumnRef *cr)
{
	if (list_length(cr->fields) != 2 || !node_is_string(linitial(cr->fields)))
		return;
	String *q = linitial(cr->fields);
	const char *col = node_string(lsecond(cr->fields)); /* NULL for t.* */
	const struct level *at = NULL;
	const struct rte *r = NULL;
	for (const struct level *lv = c->lv; lv && r == NULL; lv = lv->up)
		for (size_t i = lv->n; i-- > 0;)
			if (strcmp(lv->v[i].refname, q->sval) == 0) {
				r = &lv->v[i];
				at = lv;
				break;
			}
	if (r == NULL)
		return;
	bool strip = col != NULL && !(c->in_sort && names_other_output(c->lv, col));
	for (const struct level *lv = c->lv; strip; lv = lv->up) {
		if (lv->using_join)
			strip = false;
		for (size_t i = 0; strip && i < lv->n; i++) {
			int has = rte_has(&lv->v[i], col);
			if (&lv->v[i] == r)
				strip = has != 0;
			else if (has != 0)
				strip = false;
		}
		if (lv == at)
			break;
	}
	if (strip)
		list_drop_first(cr->fields);
	else if (r->canon)
		q->sval = (char *)r->canon;
}

static struct rte *level_add(struct level *lv, const char *refname)
{
	if (lv->n == lv->cap) {
		lv->cap = lv->cap ? 2 * lv->cap : 8;
		lv->v = xrealloc(lv->v, lv->cap * sizeof(*lv->v));
	}
	struct rte *r = &lv->v[lv->n++];
	memset(r, 0, sizeof(*r));
	r->refname = refname;
	return r;
}

static const char *new_alias(struct canon *c, Alias *a)
{
	const char *name = arena_printf(c->b->a, "#%d", ++c->next_alias);
	a->aliasname = (char *)name;
	return name;
}

/* An alias's column names (String nodes of the tree), or NIL. */
static const List *alias_names(const Alias *a)
{
	return a ? a->colnames : NIL;
}

static void walk(struct canon *c, Node *n)
{
	if (n != NULL)
		visit(n, c);
}

/* One FROM item: its relations join the level; ON conditions are read once all are. */
static void from_item(struct canon *c, struct level *lv, const struct level *up, Node *n,
		      struct ptrvec *quals)
{
	if (IS_NODE(n, RangeVar)) {
		RangeVar *rv = (RangeVar *)n;
		const struct level *keep = c->lv;
		c->lv = lv;
		const struct table *t = canon_rangevar(c, rv);
		c->lv = keep;
		struct rte *r = level_add(lv, rv->alias ? rv->alias->aliasname : rv->relname);
		r->t = t;
		r->names = alias_names(rv->alias);
		r->known = t != NULL || r->names != NIL;
		if (rv->alias)
			r->canon = new_alias(c, rv->alias);
	} else if (IS_NODE(n, JoinExpr)) {
		JoinExpr *j = (JoinExpr *)n;
		from_item(c, lv, up, j->larg, quals);
		from_item(c, lv, up, j->rarg, quals);
		if (j->usingClause != NIL || j->isNatural)
			lv->using_join = true;
		if (j->quals)
			ptrvec_push(quals, j->quals);
		if (j->alias) {
			struct rte *r = level_add(lv, j->alias->aliasname);
			r->names = alias_names(j->alias);
			r->known = false;
			r->canon = new_alias(c, j->alias);
		}
	} else if (IS_NODE(n, RangeSubselect)) {
		RangeSubselect *rs = (RangeSubselect *)n;
		if (IS_NODE(rs->subquery, SelectStmt))
			select_stmt(c, (SelectStmt *)rs->subquery, rs->lateral ? lv : up);
		if (rs->alias) {
			struct rte *r = level_add(lv, rs->alias->aliasname);
			r->known = false;
			r->canon = new_alias(c, rs->alias);
		}
	} else if (IS_NODE(n, RangeFunction)) {
		/* a function's alias names its column too: kept */
		RangeFunction *rf = (RangeFunction *)n;
		const struct level *keep = c->lv;
		c->lv = rf->lateral ? lv : up;
		walk(c, (Node *)rf->functions);
		c->lv = keep;
		if (rf->alias)
			level_add(lv, rf->alias->aliasname)->known = false;
	} else {
		const struct level *keep = c->lv;
		c->lv = up;
		walk(c, n);
		c->lv = keep;
	}
}

static void select_stmt(struct canon *c, SelectStmt *s, const struct level *up)
{
	ListCell *lc;
	struct level lv = {.up = up};
	const struct level *keep = c->lv;
	bool keep_sort = c->in_sort;
	c->in_sort = false;

	if (s->withClause) {
		lv.ctes = s->withClause->ctes;
		c->lv = &lv;
		foreach (lc, s->withClause->ctes)
			if (IS_NODE(lfirst(lc), CommonTableExpr))
				walk(c, ((CommonTableExpr *)lfirst(lc))->ctequery);
	}
	if (s->op != SETOP_NONE) {
		c->lv = &lv;
		if (s->larg)
			select_stmt(c, s->larg, &lv);
		if (s->rarg)
			select_stmt(c, s->rarg, &lv);
		c->lv = up;
		walk(c, (Node *)s->limitCount);
		walk(c, (Node *)s->limitOffset);
		c->lv = keep;
		c->in_sort = keep_sort;
		return;
	}
	struct ptrvec quals = {0};
	foreach (lc, s->fromClause)
		from_item(c, &lv, lv.ctes ? &lv : up, lfirst(lc), &quals);
	lv.targets = s->targetList;
	c->lv = &lv;
	foreach (lc, s->targetList) {
		ResTarget *rt = lfirst(lc);
		if (!IS_NODE(rt, ResTarget))
			continue;
		const char *implicit = figure_colname(rt->val);
		if (rt->name && implicit && strcmp(rt->name, implicit) == 0)
			rt->name = NULL;
		walk(c, rt->val);
	}
	for (size_t i = 0; i < quals.n; i++)
		walk(c, quals.v[i]);
	ptrvec_free(&quals);
	walk(c, s->whereClause);
	walk(c, (Node *)s->groupClause);
	walk(c, s->havingClause);
	walk(c, (Node *)s->windowClause);
	walk(c, (Node *)s->distinctClause);
	walk(c, (Node *)s->valuesLists);
	c->in_sort = true;
	walk(c, (Node *)s->sortClause);
	c->in_sort = false;
	walk(c, s->limitCount);
	walk(c, s->limitOffset);
	c->lv = keep;
	c->in_sort = keep_sort;
	free(lv.v);
}

_Static_assert(sizeof(SQLValueFunction) <= sizeof(FuncCall) &&
		   sizeof(SQLValueFunction) <= sizeof(TypeCast),
	       "a FuncCall or TypeCast node is rewritten in place as a SQLValueFunction");

/* n (a FuncCall or TypeCast of the tree) becomes the SQL value function op, in place. */
static void make_value_function(Node *n, SQLValueFunctionOp op)
{
	SQLValueFunction *v = (SQLValueFunction *)n;
	memset(v, 0, sizeof(*v));
	v->xpr.type = T_SQLValueFunction;
	v->op = op;
	v->typmod = -1;
	v->location = -1;
}

/*
 * A call ruleutils once printed for a SQL value function: now() and
 * transaction_timestamp() are CURRENT_TIMESTAMP, "current_user"() is
 * CURRENT_USER (pg_dump 9.x), ...  -1 when fc is none of them.
 */
static int value_function_call(const FuncCall *fc)
{
	static const struct {
		const char *name;
		SQLValueFunctionOp op;
	} calls[] = {
	    {"now", SVFOP_CURRENT_TIMESTAMP},
	    {"transaction_timestamp", SVFOP_CURRENT_TIMESTAMP},
	    {"current_user", SVFOP_CURRENT_USER},
	    {"session_user", SVFOP_SESSION_USER},
	    {"current_schema", SVFOP_CURRENT_SCHEMA},
	    {"current_database", SVFOP_CURRENT_CATALOG},
	};
	if (fc->args != NIL || fc->agg_order != NIL || fc->agg_filter || fc->over || fc->agg_star ||
	    fc->agg_distinct || fc->func_variadic || list_length(fc->funcname) != 1)
		return -1;
	const char *name = node_string(linitial(fc->funcname));
	for (size_t i = 0; name && i < sizeof(calls) / sizeof(calls[0]); i++)
		if (strcmp(name, calls[i].name) == 0)
			return (int)calls[i].op;
	return -1;
}

/*
 * ('now'::text)::date and its kin, as pg_dump 9.x printed CURRENT_DATE,
 * CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME and LOCALTIMESTAMP: the op, or
 * -1.  ('now'::date alone is a constant, fixed when the default was set.)
 */
static int value_function_cast(struct builder *b, const TypeCast *tc)
{
	static const struct {
		const char *type;
		SQLValueFunctionOp op;
	} casts[] = {
	    {"date", SVFOP_CURRENT_DATE},
	    {"time with time zone", SVFOP_CURRENT_TIME},
	    {"timestamp with time zone", SVFOP_CURRENT_TIMESTAMP},
	    {"time without time zone", SVFOP_LOCALTIME},
	    {"timestamp without time zone", SVFOP_LOCALTIMESTAMP},
	};
	const TypeCast *in = IS_NODE(tc->arg, TypeCast) ? (const TypeCast *)tc->arg : NULL;
	if (in == NULL || !IS_NODE(in->arg, A_Const) || tc->typeName == NULL ||
	    in->typeName == NULL)
		return -1;
	const A_Const *k = (const A_Const *)in->arg;
	if (k->isnull || !IsA(&k->val, String) || strcmp(k->val.sval.sval, "now") != 0)
		return -1;
	const char *inner = typefmt_format(b, in->typeName);
	if (inner == NULL || strcmp(inner, "text") != 0)
		return -1;
	const char *outer = typefmt_format(b, tc->typeName);
	for (size_t i = 0; outer && i < sizeof(casts) / sizeof(casts[0]); i++)
		if (strcmp(outer, casts[i].type) == 0)
			return (int)casts[i].op;
	return -1;
}

static bool visit(Node *n, void *ctx)
{
	struct canon *c = ctx;
	if (n == NULL)
		return false;
	switch (nodeTag(n)) {
	case T_ColumnRef:
		column_ref(c, (ColumnRef *)n);
		return false;
	case T_SelectStmt:
		select_stmt(c, (SelectStmt *)n, c->lv);
		return false;
	case T_SubLink: {
		SubLink *sl = (SubLink *)n;
		bool keep_sort = c->in_sort;
		c->in_sort = false;
		walk(c, sl->testexpr);
		if (IS_NODE(sl->subselect, SelectStmt))
			select_stmt(c, (SelectStmt *)sl->subselect, c->lv);
		c->in_sort = keep_sort;
		return false;
	}
	case T_RangeVar:
		canon_rangevar(c, (RangeVar *)n);
		return false;
	case T_FuncCall: {
		canon_funcname(c, ((FuncCall *)n)->funcname);
		int op = value_function_call((FuncCall *)n);
		if (op >= 0) {
			make_value_function(n, (SQLValueFunctionOp)op);
			return false;
		}
		break;
	}
	case T_TypeCast: {
		int op = value_function_cast(c->b, (TypeCast *)n);
		if (op >= 0) {
			make_value_function(n, (SQLValueFunctionOp)op);
			return false;
		}
		break;
	}
	case T_SQLValueFunction: {
		SQLValueFunction *v = (SQLValueFunction *)n;
		if (v->op == SVFOP_USER || v->op == SVFOP_CURRENT_ROLE)
			v->op = SVFOP_CURRENT_USER; /* one value, three spellings */
		return false;
	}
	case T_TypeName:
		canon_typename(c, (TypeName *)n);
		return false;
	default:
		break;
	}
	return ast_walk_children(n, visit, c);
}

/* The first statement of `sql` parsed, or NULL (p to free with pgparse_free either way). */
static Node *reparse(const char *sql, struct pgparse *p)
{
	pgparse_run(sql, true, p);
	if (p->tree == NULL || list_length(p->tree) != 1 || !IS_NODE(linitial(p->tree), RawStmt))
		return NULL;
	return ((RawStmt *)linitial(p->tree))->stmt;
}

/* The key of the deparsed definition `def` rewritten by `fix`, or NULL when it does not parse. */
static const char *canon_text(struct builder *b, const char *def,
			      void (*fix)(struct canon *, Node *))
{
	struct pgparse p;
	const char *key = NULL;
	if (def == NULL)
		return NULL;
	Node *n = reparse(def, &p);
	if (n != NULL) {
		struct canon c = {.b = b};
		fix(&c, n);
		key = pgparse_deparse_stmt(b->a, n);
	}
	pgparse_free(&p);
	return key;
}

static void fix_query(struct canon *c, Node *n)
{
	visit(n, c);
}

const char *build_canon_query(struct builder *b, const char *def)
{
	return canon_text(b, def, fix_query);
}

static void fix_rule(struct canon *c, Node *n)
{
	if (!IS_NODE(n, RuleStmt)) {
		visit(n, c);
		return;
	}
	RuleStmt *rs = (RuleStmt *)n;
	canon_rangevar(c, rs->relation);
	walk(c, rs->whereClause);
	walk(c, (Node *)rs->actions);
}

const char *build_canon_rule(struct builder *b, const char *def)
{
	return canon_text(b, def, fix_rule);
}

/* Does a function option state what PostgreSQL assumes without it? */
static bool option_is_default(const DefElem *d)
{
	const char *s = node_string(d->arg);
	bool is_false = IS_NODE(d->arg, Boolean) && !((const Boolean *)d->arg)->boolval;
	if (strcmp(d->defname, "volatility") == 0)
		return s && strcmp(s, "volatile") == 0;
	if (strcmp(d->defname, "parallel") == 0)
		return s && strcmp(s, "unsafe") == 0;
	if (strcmp(d->defname, "leakproof") == 0 || strcmp(d->defname, "security") == 0 ||
	    strcmp(d->defname, "strict") == 0 || strcmp(d->defname, "window") == 0)
		return is_false;
	return false;
}

/* Sort a List of DefElem by name, in place (stable: repeated SETs keep their order). */
static void sort_options(List *l)
{
	for (int i = 1; i < list_length(l); i++) {
		ListCell x = l->elements[i];
		int j = i;
		while (j > 0 && IS_NODE(x.ptr_value, DefElem) &&
		       IS_NODE(l->elements[j - 1].ptr_value, DefElem) &&
		       strcmp(((DefElem *)l->elements[j - 1].ptr_value)->defname,
			      ((DefElem *)x.ptr_value)->defname) > 0) {
			l->elements[j] = l->elements[j - 1];
			j--;
		}
		l->elements[j] = x;
	}
}

static void drop_default_options(List *l)
{
	int n = 0;
	for (int i = 0; i < list_length(l); i++)
		if (!(IS_NODE(l->elements[i].ptr_value, DefElem) &&
		      option_is_default(l->elements[i].ptr_value)))
			l->elements[n++] = l->elements[i];
	if (l)
		l->length = n;
}

static void fix_function(struct canon *c, Node *n)
{
	if (IS_NODE(n, CreateFunctionStmt)) {
		/* the head (name, arguments, result) is compared as the signature and `returns` */
		CreateFunctionStmt *fs = (CreateFunctionStmt *)n;
		list_keep_last(fs->funcname);
		fs->parameters = NIL;
		fs->returnType = NULL;
		fs->replace = false;
		drop_default_options(fs->options);
		sort_options(fs->options);
	} else if (IS_NODE(n, AlterFunctionStmt)) {
		AlterFunctionStmt *as = (AlterFunctionStmt *)n;
		if (as->func) {
			list_keep_last(as->func->objname);
			as->func->objargs = NIL;
			as->func->args_unspecified = true;
		}
		sort_options(as->actions);
	} else if (IS_NODE(n, DefineStmt)) {
		/* an aggregate: its functions and types resolved like a query's */
		ListCell *lc;
		DefineStmt *ds = (DefineStmt *)n;
		list_keep_last(ds->defnames);
		foreach (lc, ds->definition) {
			DefElem *d = lfirst(lc);
			if (!IS_NODE(d, DefElem) || !IS_NODE(d->arg, TypeName))
				continue;
			size_t len = strlen(d->defname);
			if (len >= 4 && strcmp(d->defname + len - 4, "func") == 0)
				canon_funcname(c, ((TypeName *)d->arg)->names);
			else
				canon_typename(c, (TypeName *)d->arg);
		}
		sort_options(ds->definition);
	}
}

const char *build_canon_function(struct builder *b, const char *def)
{
	return canon_text(b, def, fix_function);
}

const char *build_canon_expr(struct builder *b, const char *text)
{
	struct pgparse p;
	const char *key = NULL;
	/*
	 * Without a call, a SQL value function (CURRENT_DATE, LOCALTIME,
	 * SESSION_USER, ...) or 'now' nothing here differs between pg_dump versions (casts
	 * are format_type's already).
	 */
	if (text == NULL || (strchr(text, '(') == NULL && strcasestr(text, "current") == NULL &&
			     strcasestr(text, "local") == NULL &&
			     strcasestr(text, "user") == NULL && strstr(text, "'now'") == NULL))
		return NULL;
	Node *n = reparse(arena_printf(b->a, "SELECT %s", text), &p);
	if (IS_NODE(n, SelectStmt) && list_length(((SelectStmt *)n)->targetList) == 1 &&
	    IS_NODE(linitial(((SelectStmt *)n)->targetList), ResTarget)) {
		ResTarget *rt = linitial(((SelectStmt *)n)->targetList);
		struct canon c = {.b = b};
		walk(&c, rt->val);
		key = pgparse_deparse_expr(b->a, rt->val);
	}
	pgparse_free(&p);
	return key && strcmp(key, text) != 0 ? key : NULL;
}
