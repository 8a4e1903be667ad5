/*
 * build_table.c
 *	  CREATE TABLE (ordinary, partitioned, partitions, inheritance children,
 *	  foreign tables, LIKE): columns with their types, defaults, identity,
 *	  serial sequences and generated expressions, and every constraint,
 *	  named the way PostgreSQL names a constraint written without a name;
 *	  expressions with casts spelled as pg_get_expr prints them.
 */
#include "build_int.h"
#include "sqlident.h"
#include "strmap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NAMEDATALEN 64

/*
 * PostgreSQL's makeObjectName(): name1_name2_label, shortening the longer
 * of name1 and name2 until the result fits in NAMEDATALEN-1 bytes, never
 * cutting a multibyte character in half.
 */
static char *make_object_name(struct arena *a, const char *name1, const char *name2,
			      const char *label)
{
	size_t overhead = strlen(label) + 1 + (name2 ? 1 : 0);
	size_t avail = NAMEDATALEN - 1 - overhead;
	size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;

	while (n1 + n2 > avail) {
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	/* Back off to a character boundary (continuation bytes are 10xxxxxx). */
	while (n1 > 0 && ((unsigned char)name1[n1] & 0xC0) == 0x80)
		n1--;
	while (name2 && n2 > 0 && ((unsigned char)name2[n2] & 0xC0) == 0x80)
		n2--;
	if (name2)
		return arena_printf(a, "%.*s_%.*s_%s", (int)n1, name1, (int)n2, name2, label);
	return arena_printf(a, "%.*s_%s", (int)n1, name1, label);
}

/* Is `name` taken in pg_class: a table, view, sequence, index or composite type? */
static bool relation_name_taken(struct model *m, const char *schema, const char *name)
{
	struct pgtype *ty = model_find_type(m, schema, name);
	return model_find_table(m, schema, name) || model_find_index(m, schema, name) ||
	       model_find_view(m, schema, name) || model_find_sequence(m, schema, name) ||
	       (ty && ty->kind == TYPE_COMPOSITE);
}

static bool name_taken(struct builder *b, const char *schema, const char *name,
		       enum name_clash clash)
{
	/* Constraints of tables and domains' CHECKs (model_note_constraint_name). */
	if (clash != CLASH_RELATION && model_constraint_name_taken(b->m, schema, name))
		return true;
	return clash != CLASH_CONSTRAINT && relation_name_taken(b->m, schema, name);
}

/*
 * Names are never freed once taken (the model has no DROP), so the passes
 * a choice for one stem (schema, name1, name2, label, clash) went through
 * stay taken: the next choice for that stem starts where the last one
 * ended, instead of trying label, label1, label2... again (quadratic for
 * thousands of unnamed constraints of one table).  The result is the same.
 */
static const char *pass_key(struct strbuf *k, const char *schema, const char *name1,
			    const char *name2, const char *label, enum name_clash clash)
{
	sb_reset(k);
	sb_printf(k, "%zu:%s%zu:%s%d:%s%zu:%s%d", strlen(schema), schema, strlen(name1), name1,
		  name2 != NULL, name2 ? name2 : "", strlen(label), label, (int)clash);
	return k->data;
}

const char *build_choose_name(struct builder *b, const char *schema, const char *name1,
			      const char *name2, const char *label, enum name_clash clash)
{
	struct strbuf k;
	sb_init(&k);
	if (b->m->name_passes == NULL)
		b->m->name_passes = strmap_new();
	const char *key = pass_key(&k, schema, name1, name2, label, clash);
	int pass = (int)(intptr_t)strmap_get(b->m->name_passes, key);
	const char *name = pass == 0 ? make_object_name(b->a, name1, name2, label)
				     : make_object_name(b->a, name1, name2,
							arena_printf(b->a, "%s%d", label, pass));
	while (name_taken(b, schema, name, clash)) {
		pass++;
		name =
		    make_object_name(b->a, name1, name2, arena_printf(b->a, "%s%d", label, pass));
	}
	strmap_put(b->m->name_passes, key, (void *)(intptr_t)pass);
	sb_free(&k);
	return name;
}

/* Column names joined with "_", as ChooseIndexNameAddition does. */
const char *build_name_addition(struct builder *b, const struct ptrvec *cols)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < cols->n; i++) {
		if (i)
			sb_putc(&sb, '_');
		sb_append(&sb, cols->v[i]);
		if (sb.len >= NAMEDATALEN - 1)
			break;
	}
	if (sb.len > NAMEDATALEN - 1)
		sb.len = NAMEDATALEN - 1;
	char *r = arena_strndup(b->a, sb.data ? sb.data : "", sb.len);
	sb_free(&sb);
	return r;
}

static void push_names(struct builder *b, struct ptrvec *pv, const List *items)
{
	ListCell *lc;
	foreach (lc, (List *)items) {
		const char *s = node_string(lfirst(lc));
		if (s)
			ptrvec_push(pv, arena_strdup(b->a, s));
	}
}

/* What visit_colref() collects into, and how deep it is. */
struct colref_walk {
	struct ptrvec *names;
	int depth; /* calls of visit_colref() open */
};

/*
 * Distinct column names referenced in an expression, as pull_var_clause
 * finds them.  The walk recurses once per node and once per List; the
 * tree was measured (pgparse.c: at most PGB_MAX_NESTING levels besides
 * Lists), so the bound below is never met on a tree from the parser, and
 * stops the walk on any other.
 */
static bool visit_colref(Node *n, void *ctx)
{
	struct colref_walk *w = ctx;

	if (n == NULL)
		return false;
	if (IsA(n, SubLink))
		return false; /* pull_var_clause does not descend into sublinks */
	if (!IsA(n, ColumnRef)) {
		if (w->depth >= 2 * PGB_MAX_NESTING)
			return true;
		w->depth++;
		bool stop = ast_walk_children(n, visit_colref, ctx);
		w->depth--;
		return stop;
	}
	const ColumnRef *cr = (const ColumnRef *)n;
	const char *s = cr->fields ? node_string(llast(cr->fields)) : NULL;
	if (s == NULL)
		return false;
	for (size_t i = 0; i < w->names->n; i++)
		if (strcmp(w->names->v[i], s) == 0)
			return false;
	ptrvec_push(w->names, (void *)s);
	return false;
}

static void collect_colrefs(const Node *expr, struct ptrvec *names)
{
	struct colref_walk w = {.names = names};

	/* The root too: raw_expression_tree_walker only visits the children. */
	visit_colref((Node *)expr, &w);
}

/* What visit_casts() collects into, and how deep it is. */
struct cast_walk {
	struct ptrvec *casts; /* TypeCast * */
	int depth;
};

static bool visit_casts(Node *n, void *ctx)
{
	struct cast_walk *w = ctx;
	if (n == NULL)
		return false;
	if (IsA(n, TypeCast) && ((TypeCast *)n)->typeName)
		ptrvec_push(w->casts, n);
	if (w->depth >= 2 * PGB_MAX_NESTING)
		return true;
	w->depth++;
	bool stop = ast_walk_children(n, visit_casts, ctx);
	w->depth--;
	return stop;
}

/* A one-name TypeName on the arena, as the parser would make it (no typmods, no array). */
static TypeName *placeholder_type(struct builder *b, size_t i)
{
	String *name = arena_alloc(b->a, sizeof(*name));
	name->type = T_String;
	name->sval = arena_printf(b->a, "\x1f%zu\x1f", i);
	List *names = arena_alloc(b->a, sizeof(List) + sizeof(ListCell));
	names->type = T_List;
	names->length = names->max_length = 1;
	names->elements = names->initial_elements;
	names->initial_elements[0].ptr_value = name;
	TypeName *tn = arena_alloc(b->a, sizeof(*tn));
	tn->type = T_TypeName;
	tn->names = names;
	tn->typemod = -1;
	tn->location = -1;
	return tn;
}

const char *build_expr(struct builder *b, const Node *expr)
{
	if (expr == NULL)
		return NULL;
	struct ptrvec casts = {0}, saved = {0};
	struct cast_walk w = {.casts = &casts};
	visit_casts((Node *)expr, &w);
	/*
	 * The deparser spells a cast's type its own way (varchar, int,
	 * timestamp(3)); each is deparsed as a placeholder (a name holding the
	 * unit separator, which no catalog name pg_dump writes holds) and then
	 * replaced by the type as format_type() prints it.
	 */
	for (size_t i = 0; i < casts.n; i++) {
		TypeCast *tc = casts.v[i];
		ptrvec_push(&saved, tc->typeName);
		tc->typeName = placeholder_type(b, i);
	}
	const char *text = pgparse_deparse_expr(b->a, expr);
	for (size_t i = 0; i < casts.n; i++)
		((TypeCast *)casts.v[i])->typeName = saved.v[i];
	if (casts.n > 0 && text) {
		struct strbuf sb;
		sb_init(&sb);
		for (const char *p = text; *p;) {
			size_t i;
			int used = 0;
			if (p[0] == '"' && p[1] == '\x1f' &&
			    sscanf(p + 2, "%zu%n", &i, &used) == 1 && i < casts.n &&
			    p[2 + used] == '\x1f' && p[3 + used] == '"') {
				sb_append(&sb, typefmt_format(b, saved.v[i]));
				p += 4 + used;
				continue;
			}
			sb_putc(&sb, *p++);
		}
		text = arena_strdup(b->a, sb.data ? sb.data : "");
		sb_free(&sb);
	}
	ptrvec_free(&casts);
	ptrvec_free(&saved);
	return text;
}

/* Constraint.fk_upd_action / fk_del_action: a FKCONSTR_ACTION_* char, 0 when unset. */
static const char *fk_action(char code)
{
	switch (code ? code : 'a') {
	case 'r':
		return "RESTRICT";
	case 'c':
		return "CASCADE";
	case 'n':
		return "SET NULL";
	case 'd':
		return "SET DEFAULT";
	default:
		return "NO ACTION";
	}
}

/* Constraint.fk_matchtype: a FKCONSTR_MATCH_* char, 0 when unset. */
static const char *fk_match(char code)
{
	switch (code ? code : 's') {
	case 'f':
		return "FULL";
	case 'p':
		return "PARTIAL";
	default:
		return "SIMPLE";
	}
}

/* Exclusion elements: "expr WITH op". */
static void add_exclusion_elements(struct builder *b, struct constraint *con, const Constraint *c)
{
	ListCell *lc;
	foreach (lc, c->exclusions) {
		const Node *pair = lfirst(lc);
		if (!IsA(pair, List) || list_length((const List *)pair) < 2)
			continue;
		const Node *elem = linitial((const List *)pair);
		const Node *ops = lsecond((const List *)pair);
		const char *col = "?";
		const char *op = "?";
		if (ops && IsA(ops, List) && list_length((const List *)ops) > 0)
			op = node_string(llast((const List *)ops));
		if (IsA(elem, IndexElem)) {
			const IndexElem *ie = (const IndexElem *)elem;
			col = ie->name && ie->name[0] ? ie->name : build_key_expr(b, ie->expr);
			struct index_key *k = build_index_key(b, ie);
			k->op = op ? arena_strdup(b->a, op) : "?";
			ptrvec_push(&con->keys, k);
		}
		ptrvec_push(&con->columns, arena_printf(b->a, "%s WITH %s", col, op ? op : "?"));
	}
}

/* Key column names of an exclusion constraint's index, for its generated name. */
static void exclusion_key_names(struct builder *b, const Constraint *c, struct ptrvec *out)
{
	ListCell *lc;
	foreach (lc, c->exclusions) {
		const Node *pair = lfirst(lc);
		if (IsA(pair, List) && list_length((const List *)pair) > 0 &&
		    IsA(linitial((const List *)pair), IndexElem))
			build_index_colname(b, out, linitial((const List *)pair));
	}
	foreach (lc, c->including)
		if (node_string(lfirst(lc)))
			ptrvec_push(out, (void *)node_string(lfirst(lc)));
}

static void set_not_null(struct table *t, const struct ptrvec *cols)
{
	for (size_t i = 0; i < cols->n; i++) {
		struct column *col = table_find_column(t, cols->v[i]);
		if (col)
			col->not_null = true;
	}
}

/*
 * Add a PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or EXCLUDE constraint.
 * `column` is set for a column constraint (its key is that column).
 */
void build_add_constraint(struct builder *b, struct table *t, const Constraint *c,
			  const char *column)
{
	enum con_kind kind;
	const char *label;

	switch (c->contype) {
	case CONSTR_PRIMARY:
		kind = CON_PRIMARY;
		label = "pkey";
		break;
	case CONSTR_UNIQUE:
		kind = CON_UNIQUE;
		label = "key";
		break;
	case CONSTR_FOREIGN:
		kind = CON_FOREIGN;
		label = "fkey";
		break;
	case CONSTR_CHECK:
		kind = CON_CHECK;
		label = "check";
		break;
	case CONSTR_EXCLUSION:
		kind = CON_EXCLUSION;
		label = "excl";
		break;
	default:
		return;
	}

	struct ptrvec cols = {0};
	if (column)
		ptrvec_push(&cols, arena_strdup(b->a, column));
	else if (kind == CON_FOREIGN)
		push_names(b, &cols, c->fk_attrs);
	else
		push_names(b, &cols, c->keys);

	/* USING INDEX: the index becomes the constraint's and takes its columns. */
	struct index *using_ix = NULL;
	if (c->indexname && c->indexname[0]) {
		using_ix = model_find_index(b->m, t->h.schema, c->indexname);
		if (using_ix) {
			for (size_t i = 0; i < using_ix->columns.n; i++)
				ptrvec_push(&cols, using_ix->columns.v[i]);
		}
	}

	/* Unnamed: USING INDEX takes the index's name, others the name PostgreSQL makes. */
	const char *name = c->conname && c->conname[0] ? c->conname : NULL;
	if (name == NULL && using_ix)
		name = using_ix->h.name;
	if (name == NULL) {
		bool relns = kind == CON_PRIMARY || kind == CON_UNIQUE || kind == CON_EXCLUSION;
		const char *name2 = NULL;
		struct ptrvec refs = {0};
		if (kind == CON_CHECK) {
			/*
			 * tab_col_check when the expression uses exactly one column, else
			 * tab_check, also for a CHECK written on a column: by the time
			 * PostgreSQL names it, it no longer knows where it was written.
			 */
			collect_colrefs(c->raw_expr, &refs);
			name2 = refs.n == 1 ? refs.v[0] : NULL;
		} else if (kind == CON_EXCLUSION) {
			exclusion_key_names(b, c, &refs);
			name2 = build_name_addition(b, &refs);
		} else if (kind == CON_UNIQUE) {
			/* The index's columns name it, INCLUDE ones too (ChooseIndexColumnNames).
			 */
			for (size_t i = 0; i < cols.n; i++)
				ptrvec_push(&refs, cols.v[i]);
			push_names(b, &refs, c->including);
			name2 = build_name_addition(b, &refs);
		} else if (kind != CON_PRIMARY) {
			name2 = build_name_addition(b, &cols);
		}
		name = build_choose_name(b, t->h.schema, t->h.name, name2, label,
					 relns ? CLASH_CONSTRAINT_RELATION : CLASH_CONSTRAINT);
		ptrvec_free(&refs);
	}

	struct constraint *con = table_add_constraint(b->m, t, name, kind);
	con->deferrable = c->deferrable || c->initdeferred; /* INITIALLY DEFERRED implies it */
	con->initially_deferred = c->initdeferred;
	con->no_inherit = c->is_no_inherit;
	con->nulls_not_distinct = c->nulls_not_distinct;
	con->valid = !c->skip_validation;
	for (size_t i = 0; i < cols.n; i++)
		ptrvec_push(&con->columns, cols.v[i]);
	ptrvec_free(&cols);

	switch (kind) {
	case CON_PRIMARY:
		set_not_null(t, &con->columns);
		/* fallthrough */
	case CON_UNIQUE:
		push_names(b, &con->include, c->including);
		break;
	case CON_FOREIGN: {
		const RangeVar *pk = c->pktable;
		con->ref_schema = arena_strdup(b->a, build_rv_schema(b, pk));
		struct table *target = build_find_table(b, pk);
		if (target)
			con->ref_schema = target->h.schema;
		con->ref_table = arena_strdup(b->a, pk->relname);
		push_names(b, &con->ref_columns, c->pk_attrs);
		if (con->ref_columns.n == 0 && target && target->n_primary_keys == 1) {
			/* REFERENCES t with no column list means t's primary key. */
			for (size_t j = 0; j < target->primary_key->columns.n; j++)
				ptrvec_push(&con->ref_columns, target->primary_key->columns.v[j]);
		} else if (con->ref_columns.n == 0 && target) {
			/* More than one (PostgreSQL refuses that): every one, as written. */
			for (size_t i = 0; i < target->constraints.n; i++) {
				struct constraint *pkc = target->constraints.v[i];
				if (pkc->kind == CON_PRIMARY)
					for (size_t j = 0; j < pkc->columns.n; j++)
						ptrvec_push(&con->ref_columns, pkc->columns.v[j]);
			}
		}
		con->on_delete = fk_action(c->fk_del_action);
		con->on_update = fk_action(c->fk_upd_action);
		con->match = fk_match(c->fk_matchtype);
		break;
	}
	case CON_CHECK:
		con->expression = build_expr(b, c->raw_expr);
		break;
	case CON_EXCLUSION:
		con->columns.n = 0;
		add_exclusion_elements(b, con, c);
		con->method = arena_strdup(
		    b->a, c->access_method && c->access_method[0] ? c->access_method : "gist");
		con->where = build_expr(b, c->where_clause);
		break;
	}

	if (using_ix) {
		/* The index is now the constraint's own, no longer a separate index. */
		for (size_t i = 0; i < t->indexes.n; i++) {
			if (t->indexes.v[i] == using_ix) {
				t->indexes.v[i] = t->indexes.v[--t->indexes.n];
				break;
			}
		}
		/* ADD CONSTRAINT ... USING INDEX renames the index after the constraint. */
		using_ix->h.name = con->name;
		using_ix->constraint = con->name;
	}
}

/*
 * Would PostgreSQL turn this default into a bare null constant?  NULL is
 * one once coerced to the column's type, and so is NULL cast to that very
 * type; other casts stay (bigint DEFAULT NULL::integer), and so does the
 * length coercion of a type with a typmod (varchar(50) DEFAULT NULL), and
 * the domain coercion of a domain.
 */
static bool is_null_default(struct builder *b, const struct column *col, const Node *n)
{
	if (col->type == NULL || strchr(col->type, '(') || strncmp(col->type, "interval ", 9) == 0)
		return false;
	for (; n && IsA(n, TypeCast); n = ((const TypeCast *)n)->arg)
		if (((const TypeCast *)n)->typeName == NULL ||
		    strcmp(typefmt_format(b, ((const TypeCast *)n)->typeName), col->type) != 0)
			return false;
	if (n == NULL || !IsA(n, A_Const) || !((const A_Const *)n)->isnull)
		return false;
	return !model_is_domain(b->m, col->type);
}

/*
 * format_type() of the column's type without its typmod, as a constant
 * coerced to it is labelled ("character varying(20)" -> "character
 * varying"), or NULL when that is not known (quoted names, domains).
 */
static const char *type_without_typmod(struct builder *b, const struct column *col)
{
	const char *t = col->type;
	if (t == NULL || strchr(t, '"') || model_is_domain(b->m, t))
		return NULL;
	if (strncmp(t, "interval", 8) == 0)
		return strstr(t, "[]") ? "interval[]" : "interval";
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = t; *p; p++) {
		if (*p == '(') {
			const char *close = strchr(p, ')');
			if (close == NULL)
				break;
			p = close;
			continue;
		}
		sb_putc(&sb, *p);
	}
	const char *r = arena_strdup(b->a, sb.data ? sb.data : "");
	sb_free(&sb);
	if (strncmp(r, "character", 9) == 0 && (r[9] == '\0' || r[9] == '['))
		r = arena_printf(b->a, "bpchar%s", r + 9);
	else if (strncmp(r, "bit", 3) == 0 && (r[3] == '\0' || r[3] == '['))
		r = arena_printf(b->a, "\"bit\"%s", r + 3);
	return r;
}

/*
 * A bare constant DEFAULT as pg_get_expr prints it once PostgreSQL has
 * coerced it to the column: a string literal becomes a constant of the
 * column's type, labelled with it ('active'::character varying); an
 * integer stays an integer, shown bare when not negative ('-1'::integer
 * otherwise) because the implicit cast around it is not shown; a numeric
 * is bare when it looks like one (1.5), quoted and labelled otherwise.
 * NULL when the default is something else (deparsed as written).
 */
static const char *const_default(struct builder *b, const struct column *col, const Node *n)
{
	if (n == NULL || !IsA(n, A_Const) || ((const A_Const *)n)->isnull)
		return NULL;
	const A_Const *ac = (const A_Const *)n;
	switch (nodeTag(&ac->val)) {
	case T_Integer:
		if (ac->val.ival.ival >= 0)
			return arena_printf(b->a, "%d", ac->val.ival.ival);
		return arena_printf(b->a, "'%d'::integer", ac->val.ival.ival);
	case T_Float: {
		const char *v = ac->val.fval.fval;
		if (v == NULL)
			return NULL;
		if (v[0] >= '0' && v[0] <= '9' && strpbrk(v, "eE."))
			return arena_strdup(b->a, v);
		return arena_printf(b->a, "'%s'::numeric", v);
	}
	case T_String: {
		const char *v = ac->val.sval.sval;
		const char *type = type_without_typmod(b, col);
		if (v == NULL || type == NULL || strcmp(type, "boolean") == 0 ||
		    strcmp(type, "integer") == 0)
			return NULL;
		struct strbuf sb;
		sb_init(&sb);
		sb_putc(&sb, '\'');
		for (; *v; v++) {
			if (*v == '\'')
				sb_putc(&sb, '\'');
			sb_putc(&sb, *v);
		}
		sb_printf(&sb, "'::%s", type);
		const char *r = arena_strdup(b->a, sb.data);
		sb_free(&sb);
		return r;
	}
	default:
		return NULL;
	}
}

/* The string a nextval() argument names its sequence with: 'seq' or 'seq'::regclass. */
static const char *nextval_arg(const Node *n)
{
	if (n && IsA(n, TypeCast)) {
		const TypeName *tn = ((const TypeCast *)n)->typeName;
		if (tn == NULL || tn->names == NIL || !node_is_string(llast(tn->names)) ||
		    strcmp(node_string(llast(tn->names)), "regclass") != 0 || tn->arrayBounds)
			return NULL;
		n = ((const TypeCast *)n)->arg;
	}
	if (n == NULL || !IsA(n, A_Const) || ((const A_Const *)n)->isnull ||
	    nodeTag(&((const A_Const *)n)->val) != T_String)
		return NULL;
	return ((const A_Const *)n)->val.sval.sval;
}

/*
 * nextval('seq') as pg_get_expr prints it once the name has become the
 * sequence's OID: nextval('schema.seq'::regclass).  NULL when the call
 * is something else, or the sequence is not known.
 */
static const char *nextval_default(struct builder *b, const Node *n)
{
	const char *arg, *schema, *name;
	if (n == NULL || !IsA(n, FuncCall))
		return NULL;
	const FuncCall *fc = (const FuncCall *)n;
	int nf = list_length(fc->funcname);
	if (nf < 1 || nf > 2 || !node_is_string(llast(fc->funcname)) ||
	    strcmp(node_string(llast(fc->funcname)), "nextval") != 0 ||
	    (nf == 2 && (!node_is_string(linitial(fc->funcname)) ||
			 strcmp(node_string(linitial(fc->funcname)), "pg_catalog") != 0)) ||
	    list_length(fc->args) != 1 || fc->agg_order || fc->agg_filter || fc->over ||
	    fc->agg_star || fc->agg_distinct || fc->func_variadic ||
	    (arg = nextval_arg(linitial(fc->args))) == NULL ||
	    !build_regclass_parse(b, arg, &schema, &name))
		return NULL;
	for (int i = -1; i < b->n_search_path; i++) {
		const char *sch = i < 0 ? schema : b->search_path[i];
		if ((i < 0) != (schema != NULL) || sch == NULL)
			continue;
		if (model_find_sequence(b->m, sch, name))
			return build_nextval_default(b, sch, name);
	}
	return NULL;
}

const char *build_default_expr(struct builder *b, const struct column *col, const Node *expr)
{
	/* No pg_attrdef row for a null: that is how DEFAULT NULL cancels an inherited one. */
	if (is_null_default(b, col, expr))
		return NULL;
	const char *c = const_default(b, col, expr);
	if (c == NULL)
		c = nextval_default(b, expr);
	return c ? c : build_expr(b, expr);
}

/* The parts of a column definition that are not constraints of the table. */
static void apply_column_options(struct builder *b, struct table *t, struct column *col,
				 const ColumnDef *cd)
{
	ListCell *lc;
	foreach (lc, cd->constraints) {
		if (!IsA(lfirst(lc), Constraint))
			continue;
		const Constraint *c = lfirst(lc);
		switch (c->contype) {
		case CONSTR_NOTNULL:
			col->not_null = true;
			break;
		case CONSTR_NULL:
			col->not_null = false;
			break;
		case CONSTR_DEFAULT:
			col->default_expr = build_default_expr(b, col, c->raw_expr);
			col->default_key = build_canon_expr(b, col->default_expr);
			break;
		case CONSTR_IDENTITY:
			build_add_identity(b, t, col, c);
			break;
		case CONSTR_GENERATED:
			col->generated = build_expr(b, c->raw_expr);
			col->generated_key = build_canon_expr(b, col->generated);
			break;
		default:
			break; /* constraints of the table: add_column_constraints() */
		}
	}
}

static bool is_table_constraint(ConstrType type)
{
	return type == CONSTR_PRIMARY || type == CONSTR_UNIQUE || type == CONSTR_FOREIGN ||
	       type == CONSTR_CHECK || type == CONSTR_EXCLUSION;
}

/* Fold a DEFERRABLE / INITIALLY ... node into the constraint it follows; false if it is none. */
static bool fold_attribute(Constraint *into, const Node *n)
{
	if (!IsA(n, Constraint))
		return false;
	switch (((const Constraint *)n)->contype) {
	case CONSTR_ATTR_DEFERRABLE:
		into->deferrable = true;
		return true;
	case CONSTR_ATTR_NOT_DEFERRABLE:
		into->deferrable = false;
		return true;
	case CONSTR_ATTR_DEFERRED:
		into->initdeferred = true;
		return true;
	case CONSTR_ATTR_IMMEDIATE:
		into->initdeferred = false;
		return true;
	default:
		return false;
	}
}

/*
 * The PRIMARY KEY, UNIQUE, REFERENCES and CHECK constraints written on a
 * column: the CHECKs when `checks`, else the others.  DEFERRABLE and
 * INITIALLY DEFERRED after one are nodes of their own in the raw parse
 * tree, folded into the constraint before them by parse analysis
 * (transformConstraintAttrs), so they are folded here.
 */
static void add_column_constraints(struct builder *b, struct table *t, const ColumnDef *cd,
				   bool checks)
{
	int n = list_length(cd->constraints);
	for (int i = 0; i < n; i++) {
		if (!IsA(list_nth(cd->constraints, i), Constraint))
			continue;
		Constraint c = *(const Constraint *)list_nth(cd->constraints, i);
		if (!is_table_constraint(c.contype) || (c.contype == CONSTR_CHECK) != checks)
			continue;
		for (int j = i + 1; j < n && fold_attribute(&c, list_nth(cd->constraints, j)); j++)
			;
		build_add_constraint(b, t, &c, cd->colname);
	}
}

/*
 * The type serial stands for ("integer" for serial / serial4...), or NULL
 * when the column is not serial: an unqualified (or pg_catalog.) name
 * that is no array, as transformColumnDefinition() recognises it.
 */
static const char *serial_type(const TypeName *tn)
{
	static const char *const names[][2] = {
	    {"smallserial", "smallint"}, {"serial2", "smallint"}, {"serial", "integer"},
	    {"serial4", "integer"},	 {"bigserial", "bigint"}, {"serial8", "bigint"},
	};
	int n = tn ? list_length(tn->names) : 0;
	if (n < 1 || n > 2 || tn->arrayBounds != NIL || tn->pct_type || tn->setof)
		return NULL;
	if (n == 2 && (!node_is_string(linitial(tn->names)) ||
		       strcmp(node_string(linitial(tn->names)), "pg_catalog") != 0))
		return NULL;
	const char *name = node_string(llast(tn->names));
	for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

/*
 * serial: an integer column, NOT NULL, whose default draws from a new
 * sequence table_column_seq in the table's schema, owned by the column.
 */
static void make_serial(struct builder *b, struct table *t, struct column *col, const char *type)
{
	col->type = type;
	col->not_null = true;
	const char *name =
	    build_choose_name(b, t->h.schema, t->h.name, col->name, "seq", CLASH_RELATION);
	struct sequence *s = model_add_sequence(b->m, t->h.schema, name);
	s->data_type = type;
	s->owned_by_schema = t->h.schema;
	s->owned_by_table = t->h.name;
	s->owned_by_column = col->name;
	table_note_owned(t, s);
	s->h.owner = t->h.owner;
	col->default_expr = build_nextval_default(b, t->h.schema, name);
	col->default_key = NULL;
}

/*
 * A column definition's own column, or its options merged into an
 * inherited column, without its constraints.  Columns a partition gets
 * from its parent stay inherited whatever options the partition adds.
 */
static void add_column_def(struct builder *b, struct table *t, const ColumnDef *cd, bool partition)
{
	struct column *col = table_find_column(t, cd->colname);
	const char *serial = serial_type(cd->typeName);
	if (col == NULL) {
		col = table_add_column(b->m, t, cd->colname);
		col->type = cd->typeName ? typefmt_format(b, cd->typeName) : NULL;
	} else if (!partition) {
		col->inherited = false; /* merged with an inherited column */
	}
	if (serial)
		make_serial(b, t, col, serial);
	if (cd->is_not_null)
		col->not_null = true;
	if (cd->collClause)
		col->collation = build_collation(b, cd->collClause);
	if (cd->fdwoptions != NIL)
		col->foreign_options = build_named_options(b, cd->fdwoptions);
	apply_column_options(b, t, col, cd);
}

void build_add_column(struct builder *b, struct table *t, const ColumnDef *cd)
{
	add_column_def(b, t, cd, false);
	add_column_constraints(b, t, cd, true);
	add_column_constraints(b, t, cd, false);
}

/* Columns and inheritable constraints a child gets from its parent. */
static void inherit_from(struct builder *b, struct table *child, struct table *parent)
{
	for (size_t i = 0; i < parent->columns.n; i++) {
		struct column *pc = parent->columns.v[i];
		struct column *c = table_find_column(child, pc->name);
		if (c == NULL) {
			c = table_add_column(b->m, child, pc->name);
			c->type = pc->type;
			c->default_expr = pc->default_expr;
			c->default_key = pc->default_key;
			c->generated = pc->generated;
			c->generated_key = pc->generated_key;
			c->virtual_generated = pc->virtual_generated;
			c->collation = pc->collation;
			c->inherited = true;
		}
		if (pc->not_null)
			c->not_null = true;
	}
	for (size_t i = 0; i < parent->constraints.n; i++) {
		struct constraint *pcon = parent->constraints.v[i];
		if (pcon->kind != CON_CHECK || pcon->no_inherit ||
		    table_find_constraint(child, pcon->name))
			continue;
		struct constraint *con = table_add_constraint(b->m, child, pcon->name, CON_CHECK);
		con->expression = pcon->expression;
		con->valid = pcon->valid;
		con->not_enforced = pcon->not_enforced;
		constraint_note_copy(pcon, con);
	}
}

static const char *partition_strategy(const char *s)
{
	if (s == NULL)
		return "?";
	if (strcmp(s, "r") == 0 || strcasecmp(s, "range") == 0)
		return "RANGE";
	if (strcmp(s, "l") == 0 || strcasecmp(s, "list") == 0)
		return "LIST";
	if (strcmp(s, "h") == 0 || strcasecmp(s, "hash") == 0)
		return "HASH";
	return s;
}

/*
 * Does ruleutils print this expression bare in an index or partition key?
 * Its looks_like_function(): function calls and the constructs written
 * like them; everything else gets parentheses of its own.
 */
static bool looks_like_function(const Node *n)
{
	switch (nodeTag(n)) {
	case T_FuncCall:
	case T_CoalesceExpr:
	case T_MinMaxExpr:
	case T_SQLValueFunction:
	case T_XmlExpr:
		return true;
	case T_A_Expr:
		return ((const A_Expr *)n)->kind == AEXPR_NULLIF;
	default:
		return false;
	}
}

const char *build_key_expr(struct builder *b, const Node *expr)
{
	/* "(col)" is a plain column key: PostgreSQL's ComputeIndexAttrs treats it as one. */
	if (IsA(expr, ColumnRef) && list_length(((const ColumnRef *)expr)->fields) == 1 &&
	    node_is_string(linitial(((const ColumnRef *)expr)->fields)))
		return arena_strdup(b->a, node_string(linitial(((const ColumnRef *)expr)->fields)));
	const char *text = build_expr(b, expr);
	return looks_like_function(expr) ? text : arena_printf(b->a, "(%s)", text);
}

/* An operator class parameter's value as its text: 32, 'x', true. */
static const char *opclass_param_value(struct builder *b, const Node *arg)
{
	if (arg == NULL)
		return NULL;
	switch (nodeTag(arg)) {
	case T_Integer:
		return arena_printf(b->a, "%d", ((const Integer *)arg)->ival);
	case T_Float:
		return arena_strdup(b->a, ((const Float *)arg)->fval);
	case T_Boolean:
		return ((const Boolean *)arg)->boolval ? "true" : "false";
	case T_String:
		return arena_strdup(b->a, ((const String *)arg)->sval);
	case T_TypeName:
		return typefmt_format(b, (const TypeName *)arg);
	default:
		return "?";
	}
}

struct index_key *build_index_key(struct builder *b, const IndexElem *ie)
{
	struct index_key *k = arena_alloc(b->a, sizeof(*k));
	memset(k, 0, sizeof(*k));
	const Node *e = ie->expr;
	if (ie->name && ie->name[0])
		k->column = arena_strdup(b->a, ie->name);
	else if (e && IsA(e, ColumnRef) && list_length(((const ColumnRef *)e)->fields) == 1 &&
		 node_is_string(linitial(((const ColumnRef *)e)->fields)))
		k->column =
		    arena_strdup(b->a, node_string(linitial(((const ColumnRef *)e)->fields)));
	else {
		k->expression = build_expr(b, e);
		k->parens = !looks_like_function(e);
	}
	/* The parse tree goes with the statement: the model keeps copies. */
	if (ie->collation != NIL) {
		build_qualname(b, ie->collation, &k->collation_schema, &k->collation);
		k->collation_schema = arena_strdup(b->a, k->collation_schema);
		k->collation = arena_strdup(b->a, k->collation);
	}
	if (ie->opclass != NIL) {
		build_qualname(b, ie->opclass, &k->opclass_schema, &k->opclass);
		k->opclass_schema = arena_strdup(b->a, k->opclass_schema);
		k->opclass = arena_strdup(b->a, k->opclass);
	}
	int n = list_length(ie->opclassopts);
	if (n > 0) {
		k->opclass_params = arena_alloc(b->a, 2 * (size_t)n * sizeof(*k->opclass_params));
		ListCell *lc;
		foreach (lc, ie->opclassopts) {
			const Node *o = lfirst(lc);
			if (!IsA(o, DefElem))
				continue;
			const DefElem *d = (const DefElem *)o;
			k->opclass_params[2 * k->n_opclass_params] = arena_strdup(b->a, d->defname);
			k->opclass_params[2 * k->n_opclass_params + 1] =
			    opclass_param_value(b, d->arg);
			k->n_opclass_params++;
		}
	}
	k->desc = ie->ordering == SORTBY_DESC;
	/* NULLS LAST is ASC's default, NULLS FIRST DESC's: kept only when it differs. */
	if (ie->nulls_ordering == SORTBY_NULLS_FIRST && !k->desc)
		k->nulls = KEY_NULLS_FIRST;
	else if (ie->nulls_ordering == SORTBY_NULLS_LAST && k->desc)
		k->nulls = KEY_NULLS_LAST;
	return k;
}

struct index_key *build_copy_key(struct builder *b, const struct index_key *k)
{
	struct index_key *c = arena_alloc(b->a, sizeof(*c));
	*c = *k;
	return c;
}

static const char *format_partition_key(struct builder *b, const PartitionSpec *ps)
{
	struct strbuf sb;
	ListCell *lc;
	sb_init(&sb);
	sb_printf(&sb, "%s (", partition_strategy(ps->strategy));
	foreach (lc, ps->partParams) {
		const Node *n = lfirst(lc);
		if (foreach_current_index(lc) > 0)
			sb_append(&sb, ", ");
		if (!IsA(n, PartitionElem))
			continue;
		const PartitionElem *pe = (const PartitionElem *)n;
		if (pe->name && pe->name[0]) /* quoted as pg_get_partkeydef quotes it */
			sb_append(&sb, sqlident_quote(b->a, pe->name));
		else
			sb_append(&sb, build_key_expr(b, pe->expr));
	}
	sb_putc(&sb, ')');
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

/* The raw grammar leaves a range bound's MINVALUE / MAXVALUE as a column reference. */
static const char *unbounded_keyword(const Node *x)
{
	const char *word;
	if (!IsA(x, ColumnRef) || list_length(((const ColumnRef *)x)->fields) != 1 ||
	    (word = node_string(linitial(((const ColumnRef *)x)->fields))) == NULL)
		return NULL;
	return strcmp(word, "minvalue") == 0   ? "MINVALUE"
	       : strcmp(word, "maxvalue") == 0 ? "MAXVALUE"
					       : NULL;
}

static void append_datums(struct builder *b, struct strbuf *sb, const List *d)
{
	ListCell *lc;
	sb_putc(sb, '(');
	foreach (lc, (List *)d) {
		if (foreach_current_index(lc) > 0)
			sb_append(sb, ", ");
		const Node *x = lfirst(lc);
		if (IsA(x, PartitionRangeDatum)) {
			const PartitionRangeDatum *rd = (const PartitionRangeDatum *)x;
			if (rd->kind == PARTITION_RANGE_DATUM_MINVALUE)
				sb_append(sb, "MINVALUE");
			else if (rd->kind == PARTITION_RANGE_DATUM_MAXVALUE)
				sb_append(sb, "MAXVALUE");
			else
				sb_append(sb, pgparse_deparse_expr(b->a, rd->value));
		} else if (unbounded_keyword(x)) {
			sb_append(sb, unbounded_keyword(x));
		} else {
			sb_append(sb, pgparse_deparse_expr(b->a, x));
		}
	}
	sb_putc(sb, ')');
}

const char *build_partition_bound(struct builder *b, const PartitionBoundSpec *pb)
{
	struct strbuf sb;
	if (pb->is_default)
		return "DEFAULT";
	sb_init(&sb);
	sb_append(&sb, "FOR VALUES ");
	if (list_length(pb->listdatums) > 0) {
		sb_append(&sb, "IN ");
		append_datums(b, &sb, pb->listdatums);
	} else if (list_length(pb->lowerdatums) > 0 || list_length(pb->upperdatums) > 0) {
		sb_append(&sb, "FROM ");
		append_datums(b, &sb, pb->lowerdatums);
		sb_append(&sb, " TO ");
		append_datums(b, &sb, pb->upperdatums);
	} else {
		sb_printf(&sb, "WITH (modulus %d, remainder %d)", pb->modulus, pb->remainder);
	}
	const char *r = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return r;
}

/* The constraints of CREATE TABLE, on columns or not: the CHECKs when `checks`, else the rest. */
static void add_table_constraints(struct builder *b, struct table *t, const CreateStmt *cs,
				  bool checks)
{
	ListCell *lc;
	foreach (lc, cs->tableElts) {
		const Node *n = lfirst(lc);
		if (IsA(n, ColumnDef))
			add_column_constraints(b, t, (const ColumnDef *)n, checks);
		else if (IsA(n, Constraint) &&
			 (((const Constraint *)n)->contype == CONSTR_CHECK) == checks)
			build_add_constraint(b, t, (const Constraint *)n, NULL);
	}
}

/* CREATE TABLE ... OF type: the composite type's attributes are the columns. */
static void add_type_columns(struct builder *b, struct table *t, const TypeName *tn)
{
	const char *schema, *name;
	struct pgtype *ty = NULL;
	build_qualname(b, tn->names, &schema, &name);
	if (schema)
		ty = model_find_type(b->m, schema, name);
	for (int i = 0; schema == NULL && ty == NULL && i < b->n_search_path; i++)
		ty = model_find_type(b->m, b->search_path[i], name);
	if (ty == NULL || ty->kind != TYPE_COMPOSITE) {
		build_warn(b, tn->location, "no such composite type: %s", name ? name : "?");
		return;
	}
	for (size_t i = 0; i < ty->attributes.n; i++) {
		const struct type_attr *at = ty->attributes.v[i];
		struct column *col = table_add_column(b->m, t, at->name);
		col->type = at->type;
		col->collation = at->collation;
	}
}

/* The source table's identity sequence for column `col`, or NULL. */
static struct sequence *identity_sequence(struct model *m, const struct table *src, const char *col)
{
	for (size_t i = 0; i < m->sequences.n; i++) {
		struct sequence *s = m->sequences.v[i];
		if (s->identity && s->owned_by_table &&
		    strcmp(s->owned_by_table, src->h.name) == 0 &&
		    strcmp(s->owned_by_schema, src->h.schema) == 0 &&
		    strcmp(s->owned_by_column, col) == 0)
			return s;
	}
	return NULL;
}

/*
 * LIKE source: its columns with their types and NOT NULL, and what the
 * INCLUDING options ask for (transformTableLikeClause()): defaults,
 * generated expressions, identity (with a sequence of its own), comments.
 */
static void like_columns(struct builder *b, struct table *t, const TableLikeClause *like,
			 struct table *src)
{
	for (size_t i = 0; i < src->columns.n; i++) {
		const struct column *sc = src->columns.v[i];
		struct column *col = table_find_column(t, sc->name);
		if (col == NULL)
			col = table_add_column(b->m, t, sc->name);
		col->type = sc->type;
		col->collation = sc->collation;
		col->not_null = col->not_null || sc->not_null;
		if ((like->options & CREATE_TABLE_LIKE_DEFAULTS) && !sc->generated) {
			col->default_expr = sc->default_expr;
			col->default_key = sc->default_key;
		}
		if ((like->options & CREATE_TABLE_LIKE_GENERATED) && sc->generated) {
			col->generated = sc->generated;
			col->generated_key = sc->generated_key;
			col->virtual_generated = sc->virtual_generated;
		}
		if ((like->options & CREATE_TABLE_LIKE_COMMENTS) && sc->comment)
			col->comment = sc->comment;
		if ((like->options & CREATE_TABLE_LIKE_IDENTITY) && sc->identity) {
			col->identity = sc->identity;
			const struct sequence *from = identity_sequence(b->m, src, sc->name);
			const char *name = build_choose_name(b, t->h.schema, t->h.name, col->name,
							     "seq", CLASH_RELATION);
			struct sequence *s = model_add_sequence(b->m, t->h.schema, name);
			if (from) {
				struct objhdr h = s->h;
				*s = *from;
				s->h = h;
			}
			s->identity = true;
			s->data_type = col->type;
			s->owned_by_schema = t->h.schema;
			s->owned_by_table = t->h.name;
			s->owned_by_column = col->name;
			table_note_owned(t, s);
		}
	}
}

/* LIKE ... INCLUDING CONSTRAINTS / INDEXES, once the table has all its columns. */
static void like_constraints(struct builder *b, struct table *t, const TableLikeClause *like,
			     struct table *src)
{
	for (size_t i = 0;
	     (like->options & CREATE_TABLE_LIKE_CONSTRAINTS) && i < src->constraints.n; i++) {
		const struct constraint *sc = src->constraints.v[i];
		if (sc->kind != CON_CHECK || table_find_constraint(t, sc->name))
			continue;
		struct constraint *c = table_add_constraint(b->m, t, sc->name, CON_CHECK);
		c->expression = sc->expression;
		c->no_inherit = sc->no_inherit;
		c->not_enforced = sc->not_enforced;
		c->valid = true;
		if (like->options & CREATE_TABLE_LIKE_COMMENTS)
			c->comment = sc->comment;
	}
	if (like->options & CREATE_TABLE_LIKE_INDEXES)
		build_clone_indexes(b, src, t, false);
}

void build_create_table(struct builder *b, const CreateStmt *cs, bool foreign, const char *server)
{
	const RangeVar *rv = cs->relation;
	ListCell *lc;
	const char *schema = build_rv_schema(b, rv);

	if (model_find_table(b->m, schema, rv->relname)) {
		if (!cs->if_not_exists)
			build_warn(b, rv->location, "table %s.%s already exists", schema,
				   rv->relname);
		return;
	}
	struct table *t = model_add_table(b->m, schema, rv->relname);
	t->kind = foreign ? TABLE_FOREIGN : TABLE_ORDINARY;
	t->unlogged = rv->relpersistence == 'u'; /* RELPERSISTENCE_UNLOGGED */
	if (foreign) {
		t->foreign_server = arena_strdup(b->a, server);
		/* A foreign table's statement begins with its CreateStmt. */
		t->foreign_options =
		    build_named_options(b, ((const CreateForeignTableStmt *)cs)->options);
	}
	if (cs->partspec) {
		t->kind = TABLE_PARTITIONED;
		t->partition_key = format_partition_key(b, cs->partspec);
	}

	if (cs->ofTypename)
		add_type_columns(b, t, cs->ofTypename);

	/* Parents first: their columns come before the child's own. */
	foreach (lc, cs->inhRelations) {
		if (!IsA(lfirst(lc), RangeVar))
			continue;
		const RangeVar *inh = lfirst(lc);
		struct table *parent = build_find_table(b, inh);
		if (parent == NULL) {
			build_warn(b, inh->location, "no such table: %s", inh->relname);
			continue;
		}
		table_note_child(parent, t);
		/* A partition (PARTITION OF) gets them too, but is no INHERITS child. */
		if (cs->partbound == NULL)
			ptrvec_push(&t->inherits,
				    arena_printf(b->a, "%s.%s", parent->h.schema, parent->h.name));
		inherit_from(b, t, parent);
	}

	foreach (lc, cs->tableElts) {
		const Node *n = lfirst(lc);
		if (IsA(n, ColumnDef))
			add_column_def(b, t, (const ColumnDef *)n, cs->partbound != NULL);
		else if (IsA(n, TableLikeClause)) {
			const TableLikeClause *like = (const TableLikeClause *)n;
			struct table *src = build_find_table(b, like->relation);
			if (src == NULL)
				build_warn(b, like->relation->location, "no such table: %s",
					   like->relation->relname);
			else
				like_columns(b, t, like, src);
		}
	}
	/*
	 * Constraints once every column exists, since they may name any of them.
	 * PostgreSQL names the CHECKs as it creates the table, in the order they
	 * were written (on columns or not), and the indexes and foreign keys
	 * after: a generated name must see the names taken before it.
	 */
	add_table_constraints(b, t, cs, true);
	add_table_constraints(b, t, cs, false);
	foreach (lc, cs->tableElts) {
		const Node *n = lfirst(lc);
		struct table *src;
		if (IsA(n, TableLikeClause) &&
		    (src = build_find_table(b, ((const TableLikeClause *)n)->relation)))
			like_constraints(b, t, (const TableLikeClause *)n, src);
	}

	if (cs->partbound && list_length(cs->inhRelations) == 1) {
		struct table *parent = build_find_table(b, linitial(cs->inhRelations));
		if (parent)
			build_attach_partition(b, parent, t, cs->partbound);
	}
}
