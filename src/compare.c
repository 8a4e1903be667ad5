/*
 * compare.c
 *	  The comparison engine (compare.h): two filtered, sorted models
 *	  matched object by object, each difference one struct change with the
 *	  fields that differ as text and the hazards of making it.
 *
 *	  Objects are matched by identity: kind, schema and name (a function by
 *	  its signature, an object held by name by its qualifier too); the parts
 *	  of a table (columns, constraints, indexes, triggers, policies) within
 *	  the matched table.  Lists are matched through a hash once they are
 *	  long, so two dumps of many thousand tables compare in time linear in
 *	  their size.  What two dumps of one schema may spell differently is
 *	  made equal by the builder before this sees it; what is compared here
 *	  is text the builder normalised.  Lists whose order carries no meaning
 *	  (grants, INHERITS of a table are ordered, so they stay) are sorted.
 */
#include "compare.h"

#include "arena.h"
#include "strmap.h"
#include "textquote.h"

#include <stdlib.h>
#include <string.h>

/* The state of one comparison. */
struct cmp {
	const struct compare_opts *o;
	struct comparison *c;
	struct arena *a;
	bool *hint_used; /* per o->renames */
};

/* ------------------------------------------------------------------------
 * Names, hazards
 * ------------------------------------------------------------------------ */

const char *change_kind_name(enum change_kind k)
{
	static const char *const names[N_CHANGE_KINDS] = {
	    [CK_SCHEMA] = "schema",
	    [CK_EXTENSION] = "extension",
	    [CK_TYPE] = "type",
	    [CK_SEQUENCE] = "sequence",
	    [CK_TABLE] = "table",
	    [CK_COLUMN] = "column",
	    [CK_CONSTRAINT] = "constraint",
	    [CK_INDEX] = "index",
	    [CK_VIEW] = "view",
	    [CK_FUNCTION] = "function",
	    [CK_TRIGGER] = "trigger",
	    [CK_POLICY] = "policy",
	    [CK_OBJECT] = "object",
	    [CK_DEFAULT_ACL] = "default privileges",
	};
	return (unsigned)k < N_CHANGE_KINDS ? names[k] : "?";
}

const char *change_action_name(enum change_action a)
{
	static const char *const names[] = {"add", "drop", "alter", "rename"};
	return (unsigned)a < 4 ? names[a] : "?";
}

static const struct {
	const char *name;
	const char *explain;
} hazard_names[N_HAZARDS] = {
    {"data-loss", "drops data"},
    {"table-rewrite", "rewrites the whole table"},
    {"access-exclusive", "holds an ACCESS EXCLUSIVE lock while it scans or rewrites"},
    {"index-build", "builds an index that blocks writes (CREATE INDEX CONCURRENTLY does not)"},
    {"validation-scan",
     "validates the constraint in one scan under lock (add it NOT VALID, then VALIDATE)"},
    {"not-null-scan", "SET NOT NULL scans the table under ACCESS EXCLUSIVE"},
    {"possible-rename", "a drop and an add of the same shape: maybe one rename (--rename)"},
    {"recreate", "dropped and created again"},
};

static int hazard_index(enum hazard h)
{
	for (int i = 0; i < N_HAZARDS; i++)
		if ((unsigned)h == 1u << i)
			return i;
	return -1;
}

const char *hazard_name(enum hazard h)
{
	int i = hazard_index(h);
	return i < 0 ? "?" : hazard_names[i].name;
}

const char *hazard_explain(enum hazard h)
{
	int i = hazard_index(h);
	return i < 0 ? "?" : hazard_names[i].explain;
}

unsigned hazard_parse(const char *s)
{
	for (int i = 0; i < N_HAZARDS; i++)
		if (strcmp(s, hazard_names[i].name) == 0)
			return 1u << i;
	return 0;
}

/* ------------------------------------------------------------------------
 * Rename hints: "a.b=c", parts optionally "double quoted"
 * ------------------------------------------------------------------------ */

#define MAX_NAME_PARTS 3

/*
 * Split s (up to its end or an unquoted '=' when stop_at_eq) into parts;
 * returns how many (0: malformed) and sets *end past what was read.  Parts
 * are arena copies.
 */
static int split_name(struct arena *a, const char *s, bool stop_at_eq, const char **parts,
		      const char **end)
{
	int n = 0;
	struct strbuf sb;

	sb_init(&sb);
	for (;;) {
		sb_reset(&sb);
		sb_append(&sb, "");
		if (*s == '"') {
			s++;
			for (;;) {
				if (*s == '\0') {
					sb_free(&sb);
					return 0;
				}
				if (*s == '"') {
					if (s[1] != '"')
						break;
					s++;
				}
				sb_putc(&sb, *s++);
			}
			s++;
		} else {
			while (*s != '\0' && *s != '.' && *s != '"' && !(stop_at_eq && *s == '='))
				sb_putc(&sb, *s++);
		}
		if (sb.len == 0 || n == MAX_NAME_PARTS) {
			sb_free(&sb);
			return 0;
		}
		parts[n++] = arena_strdup(a, sb.data);
		if (*s != '.')
			break;
		s++;
	}
	sb_free(&sb);
	*end = s;
	return n;
}

bool compare_parse_rename(const char *arg, struct rename_hint *out)
{
	struct arena *a = arena_new();
	const char *from[MAX_NAME_PARTS], *to[MAX_NAME_PARTS], *end, *end2;
	int nf = split_name(a, arg, true, from, &end);
	bool ok = nf >= 2 && *end == '=';
	if (ok) {
		int nt = split_name(a, end + 1, false, to, &end2);
		ok = nt >= 1 && *end2 == '\0' && (nt == 1 || nt == nf);
		/* a column stays in its table: only its own name may change */
		if (ok && nf == 3 && nt == 3)
			ok = strcmp(from[0], to[0]) == 0 && strcmp(from[1], to[1]) == 0;
	}
	if (ok) {
		out->from = xstrndup(arg, (size_t)(end - arg));
		out->to = xstrdup(end + 1);
		out->used = false;
	}
	arena_free(a);
	return ok;
}

/* A parsed hint. */
struct hint {
	int n; /* 2: a table, 3: a column */
	const char *from[MAX_NAME_PARTS];
	const char *to;	       /* the new name (table or column) */
	const char *to_schema; /* a table's new schema */
};

static bool hint_get(struct cmp *s, size_t i, struct hint *h)
{
	const char *to[MAX_NAME_PARTS], *end;
	h->n = split_name(s->a, s->o->renames[i].from, false, h->from, &end);
	int nt = split_name(s->a, s->o->renames[i].to, false, to, &end);
	if (h->n < 2 || nt < 1)
		return false;
	h->to = to[nt - 1];
	h->to_schema = nt == 2 ? to[0] : h->from[0];
	return true;
}

/* ------------------------------------------------------------------------
 * Changes
 * ------------------------------------------------------------------------ */

static struct change *change_new(struct cmp *s, enum change_kind kind, enum change_action action,
				 const char *schema, const char *table, const char *name)
{
	struct change *ch = arena_alloc(s->a, sizeof(*ch));
	memset(ch, 0, sizeof(*ch));
	ch->kind = kind;
	ch->action = action;
	ch->schema = schema;
	ch->table = table;
	ch->name = name;
	ptrvec_push(&s->c->changes, ch);
	return ch;
}

static void field_add(struct cmp *s, struct change *ch, const char *field, const char *o,
		      const char *n)
{
	struct change_field *f = arena_alloc(s->a, sizeof(*f));
	f->field = field;
	f->old = o;
	f->new = n;
	ptrvec_push(&ch->fields, f);
}

static bool str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return a == b || strcmp(a, b) == 0;
}

/*
 * A pending ALTER: fields gathered for one object, pushed as a change only
 * when something differs.
 */
struct alter {
	struct cmp *s;
	struct change *ch; /* NULL until a field differs */
	enum change_kind kind;
	const char *schema, *table, *name;
	const void *old_obj, *new_obj;
	const struct table *old_table, *new_table;
};

static void alter_init(struct alter *al, struct cmp *s, enum change_kind kind, const char *schema,
		       const char *table, const char *name, const void *o, const void *n)
{
	memset(al, 0, sizeof(*al));
	al->s = s;
	al->kind = kind;
	al->schema = schema;
	al->table = table;
	al->name = name;
	al->old_obj = o;
	al->new_obj = n;
}

static struct change *alter_change(struct alter *al)
{
	if (al->ch == NULL) {
		al->ch = change_new(al->s, al->kind, CHANGE_ALTER, al->schema, al->table, al->name);
		al->ch->old_obj = al->old_obj;
		al->ch->new_obj = al->new_obj;
		al->ch->old_table = al->old_table;
		al->ch->new_table = al->new_table;
	}
	return al->ch;
}

/* Field `field` differs when the texts do; returns whether it did. */
static bool alter_str(struct alter *al, const char *field, const char *o, const char *n)
{
	if (str_eq(o, n))
		return false;
	field_add(al->s, alter_change(al), field, o, n);
	return true;
}

static const char *bool_text(bool b)
{
	return b ? "true" : "false";
}

static bool alter_bool(struct alter *al, const char *field, bool o, bool n)
{
	return alter_str(al, field, bool_text(o), bool_text(n));
}

/*
 * A definition: o and n differ when their canonical keys do (one meaning
 * written by two pg_dump versions is one key, build_canon.c), or, when
 * either has none, when the texts do.  The change shows the texts.
 */
static bool alter_def(struct alter *al, const char *field, const char *o, const char *n,
		      const char *ok, const char *nk)
{
	if (ok && nk ? str_eq(ok, nk) : str_eq(o, n))
		return false;
	field_add(al->s, alter_change(al), field, o, n);
	return true;
}

/* An expression's canonical form: its key, or the text when that is its own. */
static const char *col_key(const char *text, const char *key)
{
	return key ? key : text;
}

static void alter_hazard(struct alter *al, unsigned h)
{
	if (h != 0)
		alter_change(al)->hazards |= h;
}

/* ------------------------------------------------------------------------
 * Texts of lists
 * ------------------------------------------------------------------------ */

static void put_ident(struct strbuf *sb, const char *s)
{
	quote_sql_ident(sb, s);
}

/* sb's text as an arena copy ("" when empty); sb is freed. */
static const char *sb_keep(struct cmp *s, struct strbuf *sb)
{
	const char *r = arena_strdup(s->a, sb->data ? sb->data : "");
	sb_free(sb);
	return r;
}

/* "schema.name" (schema NULL: "name"), then "(tail)" when tail is set, quoted as SQL names them. */
static const char *qualified_text(struct cmp *s, const char *schema, const char *name,
				  const char *tail)
{
	struct strbuf sb;
	sb_init(&sb);
	if (schema) {
		put_ident(&sb, schema);
		sb_putc(&sb, '.');
	}
	put_ident(&sb, name);
	if (tail)
		sb_printf(&sb, "(%s)", tail);
	return sb_keep(s, &sb);
}

/* Writes one element of a list. */
typedef void (*put_elem_fn)(struct strbuf *sb, const void *elem);

/* pv's elements, each as put writes it, ", "-separated; NULL when empty. */
static const char *join_text(struct cmp *s, const struct ptrvec *pv, put_elem_fn put)
{
	if (pv->n == 0)
		return NULL;
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			sb_append(&sb, ", ");
		put(&sb, pv->v[i]);
	}
	return sb_keep(s, &sb);
}

static void put_name_elem(struct strbuf *sb, const void *e)
{
	put_ident(sb, e);
}

static void put_text_elem(struct strbuf *sb, const void *e)
{
	sb_append(sb, e);
}

/* The names (char *) of pv, quoted as identifiers when needed, ", "-separated; NULL when empty. */
static const char *names_text(struct cmp *s, const struct ptrvec *pv)
{
	return join_text(s, pv, put_name_elem);
}

/* Strings of pv as written (already SQL text, "schema.table"), ", "-separated; NULL when empty. */
static const char *list_text(struct cmp *s, const struct ptrvec *pv)
{
	return join_text(s, pv, put_text_elem);
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * An object's grants as one canonical text: "grantee=PRIV(cols), PRIV[ WITH
 * GRANT OPTION]" items sorted, "; "-separated; NULL when none.
 */
/*
 * Does privs (sorted texts) name every privilege of `all` ("SELECT, INSERT"),
 * and nothing else?
 */
static bool is_every_privilege(const struct ptrvec *privs, const char *all)
{
	size_t n = 0;
	for (const char *p = all; p && *p; n++) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool found = false;
		for (size_t i = 0; i < privs->n && !found; i++)
			found = strlen(privs->v[i]) == len && strncmp(privs->v[i], p, len) == 0;
		if (!found)
			return false;
		p = end ? end + 2 : NULL;
	}
	return all != NULL && n == privs->n;
}

/*
 * The grants of h as one text, grantees and privileges sorted.  With
 * `all`, a grantee holding each privilege it lists holds "ALL"; with
 * `self`, the grantee "" (the role that ran the script) is `self`.
 */
static const char *grants_text_as(struct cmp *s, const struct objhdr *h, const char *all,
				  const char *self)
{
	struct ptrvec items = {0};
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < h->grants.n; i++) {
		const struct grant *g = h->grants.v[i];
		struct ptrvec privs = {0};
		for (size_t j = 0; j < g->privs.n; j++) {
			const struct privilege *p = g->privs.v[j];
			sb_reset(&sb);
			sb_append(&sb, p->name[0] ? p->name : "ALL");
			if (p->columns) {
				struct ptrvec cols = {0};
				for (size_t k = 0; k < p->cols.n; k++)
					ptrvec_push(&cols, p->cols.v[k]);
				if (cols.n > 1)
					qsort(cols.v, cols.n, sizeof(void *), cmp_strp);
				sb_putc(&sb, '(');
				for (size_t k = 0; k < cols.n; k++) {
					if (k > 0)
						sb_append(&sb, ", ");
					put_ident(&sb, cols.v[k]);
				}
				sb_putc(&sb, ')');
				ptrvec_free(&cols);
			}
			ptrvec_push(&privs, arena_strdup(s->a, sb.data));
		}
		if (privs.n == 0) {
			ptrvec_free(&privs);
			continue;
		}
		if (privs.n > 1)
			qsort(privs.v, privs.n, sizeof(void *), cmp_strp);
		if (is_every_privilege(&privs, all)) {
			privs.n = 1;
			privs.v[0] = "ALL";
		}
		sb_reset(&sb);
		if (strcmp(g->grantee, "PUBLIC") == 0)
			sb_append(&sb, "PUBLIC");
		else
			put_ident(&sb, self && g->grantee[0] == '\0' ? self : g->grantee);
		sb_putc(&sb, '=');
		for (size_t j = 0; j < privs.n; j++) {
			if (j > 0)
				sb_append(&sb, ", ");
			sb_append(&sb, privs.v[j]);
		}
		if (g->with_grant_option)
			sb_append(&sb, " WITH GRANT OPTION");
		ptrvec_push(&items, arena_strdup(s->a, sb.data));
		ptrvec_free(&privs);
	}
	const char *r = NULL;
	if (items.n > 0) {
		qsort(items.v, items.n, sizeof(void *), cmp_strp);
		sb_reset(&sb);
		for (size_t i = 0; i < items.n; i++) {
			if (i > 0)
				sb_append(&sb, "; ");
			sb_append(&sb, items.v[i]);
		}
		r = arena_strdup(s->a, sb.data);
	}
	ptrvec_free(&items);
	sb_free(&sb);
	return r;
}

static const char *grants_text(struct cmp *s, const struct objhdr *h)
{
	return grants_text_as(s, h, NULL, NULL);
}

/*
 * Owner, comment and grants of two headers, unless the options leave them
 * out.  An owner only one dump names is no difference: a dump made with
 * --no-owner says nothing of owners, and restoring it gives them all to
 * whoever restored it.
 */
static void alter_header(struct alter *al, const struct objhdr *o, const struct objhdr *n)
{
	const struct compare_opts *opt = al->s->o;
	if (!opt->no_owners && o->owner != NULL && n->owner != NULL)
		alter_str(al, "owner", o->owner, n->owner);
	if (!opt->no_comments)
		alter_str(al, "comment", o->comment, n->comment);
	if (!opt->no_grants && (o->grants.n > 0 || n->grants.n > 0))
		alter_str(al, "grants", grants_text(al->s, o), grants_text(al->s, n));
}

static void alter_comment(struct alter *al, const char *o, const char *n)
{
	if (!al->s->o->no_comments)
		alter_str(al, "comment", o, n);
}

static const char *ll_text(struct cmp *s, bool has, long long v)
{
	return has ? arena_printf(s->a, "%lld", v) : NULL;
}

/* An index or exclusion key as pg_get_indexdef writes it. */
static void put_key(struct strbuf *sb, const struct index_key *k)
{
	if (k->column != NULL)
		put_ident(sb, k->column);
	else if (k->parens)
		sb_printf(sb, "(%s)", k->expression);
	else
		sb_append(sb, k->expression);
	if (k->collation != NULL) {
		sb_append(sb, " COLLATE ");
		if (k->collation_schema != NULL) {
			put_ident(sb, k->collation_schema);
			sb_putc(sb, '.');
		}
		put_ident(sb, k->collation);
	}
	if (k->opclass != NULL) {
		sb_putc(sb, ' ');
		if (k->opclass_schema != NULL) {
			put_ident(sb, k->opclass_schema);
			sb_putc(sb, '.');
		}
		put_ident(sb, k->opclass);
		if (k->n_opclass_params > 0) {
			sb_putc(sb, '(');
			for (size_t i = 0; i < k->n_opclass_params; i++) {
				if (i > 0)
					sb_append(sb, ", ");
				sb_printf(sb, "%s=%s", k->opclass_params[2 * i],
					  k->opclass_params[2 * i + 1]);
			}
			sb_putc(sb, ')');
		}
	}
	if (k->desc)
		sb_append(sb, " DESC");
	if (k->nulls == KEY_NULLS_FIRST)
		sb_append(sb, " NULLS FIRST");
	else if (k->nulls == KEY_NULLS_LAST)
		sb_append(sb, " NULLS LAST");
	if (k->op != NULL)
		sb_printf(sb, " WITH %s", k->op);
}

static void put_key_elem(struct strbuf *sb, const void *e)
{
	put_key(sb, e);
}

static const char *keys_text(struct cmp *s, const struct ptrvec *pv)
{
	return join_text(s, pv, put_key_elem);
}

/* ------------------------------------------------------------------------
 * Matching two lists by key
 * ------------------------------------------------------------------------ */

typedef const char *(*key_fn)(struct arena *a, const void *obj);

/* Lists shorter than this are matched by scanning. */
#define MATCH_LINEAR 12

/*
 * For each element of a (those `keep` accepts, when set) the index of b's
 * element with the same key, or -1; *b_matched[j] says whether b's j-th was
 * matched.  Both arrays malloc'd.  Keys are unique within a list as
 * PostgreSQL's catalog makes them; should one repeat, the first matches.
 */
static void match(struct cmp *s, const struct ptrvec *a, const struct ptrvec *b, key_fn key,
		  bool (*keep)(const void *), long **a_match, bool **b_matched)
{
	long *am = xcalloc(a->n + 1, sizeof(long));
	bool *bm = xcalloc(b->n + 1, sizeof(bool));
	const char **bk = xcalloc(b->n + 1, sizeof(char *));
	struct strmap *ix = NULL;

	/* a nameless object (none should be) matches nothing: "\x01" is no key of a's */
	for (size_t j = 0; j < b->n; j++) {
		const char *k = keep && !keep(b->v[j]) ? NULL : key(s->a, b->v[j]);
		bk[j] = k == NULL && (!keep || keep(b->v[j])) ? "\x01" : k;
	}
	if (b->n > MATCH_LINEAR) {
		ix = strmap_new();
		for (size_t j = b->n; j-- > 0;)
			if (bk[j] != NULL)
				strmap_put(ix, bk[j], (void *)(j + 1));
	}
	for (size_t i = 0; i < a->n; i++) {
		am[i] = -1;
		if (keep && !keep(a->v[i]))
			continue;
		const char *k = key(s->a, a->v[i]);
		if (k == NULL || k[0] == '\x01')
			continue;
		if (ix != NULL) {
			size_t j = (size_t)strmap_get(ix, k);
			if (j > 0 && !bm[j - 1]) {
				am[i] = (long)(j - 1);
				bm[j - 1] = true;
			}
			continue;
		}
		for (size_t j = 0; j < b->n; j++)
			if (bk[j] != NULL && !bm[j] && strcmp(bk[j], k) == 0) {
				am[i] = (long)j;
				bm[j] = true;
				break;
			}
	}
	/* b's elements that `keep` refuses count as matched: they are not NEW's */
	for (size_t j = 0; j < b->n; j++)
		if (bk[j] == NULL)
			bm[j] = true;
	if (ix != NULL)
		strmap_free(ix);
	free(bk);
	*a_match = am;
	*b_matched = bm;
}

static bool hdr_included(const void *p)
{
	return ((const struct objhdr *)p)->included;
}

static const char *key_hdr(struct arena *a, const void *p)
{
	const struct objhdr *h = p;
	return arena_printf(a, "%s\x1f%s", h->schema ? h->schema : "", h->name);
}

/* A pair of tables being compared (old_t NULL for a view's indexes, NULL pair for top level). */
struct pair {
	const struct table *old_t, *new_t;
	const char *schema, *table; /* NEW's names */
};

static struct change *part_change(struct cmp *s, const struct pair *p, enum change_kind kind,
				  enum change_action action, const char *name, const void *o,
				  const void *n)
{
	struct change *ch = change_new(s, kind, action, p->schema, p->table, name);
	ch->old_obj = o;
	ch->new_obj = n;
	ch->old_table = p->old_t;
	ch->new_table = p->new_t;
	return ch;
}

/* How one kind's two lists are compared (walk()). */
struct walk {
	enum change_kind kind;
	key_fn key;
	bool (*keep)(const void *obj);	      /* the objects compared; NULL: all */
	const char *(*name)(const void *obj); /* the change's name */
	/* in both: add an ALTER when they differ */
	void (*pair)(struct cmp *s, const struct pair *p, const void *o, const void *n);
	unsigned drop_hazards;			     /* of every drop */
	unsigned (*add_hazards)(const void *n);	     /* of an add to a table that exists, or NULL */
	void (*added)(struct cmp *s, const void *n); /* after an add, or NULL */
};

static const char *object_qualifier(const struct object *o);
static void default_acl_role(struct change *ch, const void *p);

/* The ADD or DROP of obj: a part of p's table, or (p NULL) a top-level object. */
static struct change *walk_change(struct cmp *s, const struct walk *w, const struct pair *p,
				  enum change_action action, const void *obj)
{
	const void *o = action == CHANGE_DROP ? obj : NULL, *n = action == CHANGE_DROP ? NULL : obj;
	if (p != NULL)
		return part_change(s, p, w->kind, action, w->name(obj), o, n);
	/* every top-level object starts with its header */
	struct change *ch = change_new(s, w->kind, action, ((const struct objhdr *)obj)->schema,
				       NULL, w->name(obj));
	ch->old_obj = o;
	ch->new_obj = n;
	if (w->kind == CK_TABLE)
		ch->old_table = o, ch->new_table = n;
	if (w->kind == CK_OBJECT) {
		ch->object_kind = ((const struct object *)obj)->kind;
		ch->qualifier = object_qualifier(obj);
	}
	if (w->kind == CK_DEFAULT_ACL)
		default_acl_role(ch, obj);
	return ch;
}

/*
 * Compare list a (OLD's) with b (NEW's) as w says: what only a has is
 * dropped, what only b has added, what both have paired.  table_is_new:
 * p's table is created, so adding to it costs nothing.
 */
static void walk(struct cmp *s, const struct walk *w, const struct pair *p, const struct ptrvec *a,
		 const struct ptrvec *b, bool table_is_new)
{
	long *am;
	bool *bm;

	match(s, a, b, w->key, w->keep, &am, &bm);
	for (size_t i = 0; i < a->n; i++) {
		if (w->keep && !w->keep(a->v[i]))
			continue;
		if (am[i] >= 0)
			w->pair(s, p, a->v[i], b->v[am[i]]);
		else
			walk_change(s, w, p, CHANGE_DROP, a->v[i])->hazards = w->drop_hazards;
	}
	for (size_t j = 0; j < b->n; j++) {
		if (bm[j])
			continue;
		struct change *ch = walk_change(s, w, p, CHANGE_ADD, b->v[j]);
		if (!table_is_new && w->add_hazards)
			ch->hazards = w->add_hazards(b->v[j]);
		if (w->added)
			w->added(s, b->v[j]);
	}
	free(am);
	free(bm);
}

static const char *hdr_name(const void *p)
{
	return ((const struct objhdr *)p)->name;
}

/* ------------------------------------------------------------------------
 * Schemas, extensions
 * ------------------------------------------------------------------------ */

/*
 * A schema's comment, but none for public's default one: pg_dump 15 and
 * later leave out COMMENT ON SCHEMA public when it is initdb's.
 */
static const char *schema_comment(const struct objhdr *h)
{
	if (h->comment != NULL && strcmp(h->name, "public") == 0 &&
	    strcmp(h->comment, "standard public schema") == 0)
		return NULL;
	return h->comment;
}

static void pair_schema(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct schema *o = po, *n = pn;
	struct alter al;
	struct objhdr oh = o->h, nh = n->h;
	alter_init(&al, s, CK_SCHEMA, NULL, NULL, o->h.name, o, n);
	oh.comment = schema_comment(&o->h);
	nh.comment = schema_comment(&n->h);
	alter_header(&al, &oh, &nh);
}

static const struct walk walk_schemas = {
    .kind = CK_SCHEMA,
    .key = key_hdr,
    .keep = hdr_included,
    .name = hdr_name,
    .pair = pair_schema,
};

static const char *key_name(struct arena *a, const void *p)
{
	(void)a;
	return ((const struct objhdr *)p)->name;
}

/*
 * plpgsql is in every database: dumps before pg_dump 11 have CREATE
 * EXTENSION plpgsql, later ones not.  Its presence on one side only is no
 * difference.
 */
static bool builtin_extension(const void *p)
{
	return strcmp(((const struct extension *)p)->h.name, "plpgsql") == 0;
}

static bool extension_kept(const void *p)
{
	return hdr_included(p) && !builtin_extension(p);
}

static void pair_extension(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct extension *o = po, *n = pn;
	struct alter al;
	alter_init(&al, s, CK_EXTENSION, n->h.schema, NULL, n->h.name, o, n);
	alter_str(&al, "schema", o->h.schema, n->h.schema);
	alter_str(&al, "version", o->version, n->version);
	/* CREATE EXTENSION sets the control file's comment: pg_dump may write it or not */
	struct objhdr oh = o->h, nh = n->h;
	if (oh.comment == NULL || nh.comment == NULL)
		oh.comment = nh.comment = NULL;
	alter_header(&al, &oh, &nh);
}

static const struct walk walk_extensions = {
    .kind = CK_EXTENSION,
    .key = key_name,
    .keep = extension_kept,
    .name = hdr_name,
    .pair = pair_extension,
};

/* ------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------ */

static void put_label_elem(struct strbuf *sb, const void *e)
{
	quote_sql_literal(sb, e);
}

static const char *labels_text(struct cmp *s, const struct ptrvec *pv)
{
	return join_text(s, pv, put_label_elem);
}

/*
 * Hazards of turning enum labels o into n: none when n is o with labels
 * inserted (ALTER TYPE ... ADD VALUE keeps the order); a label removed is
 * data loss and the type is recreated; the same labels reordered recreate it.
 */
static unsigned enum_hazards(const struct ptrvec *o, const struct ptrvec *n)
{
	size_t j = 0;
	unsigned h = 0;
	for (size_t i = 0; i < o->n; i++) {
		bool found = false;
		for (size_t k = 0; k < n->n; k++)
			if (strcmp(o->v[i], n->v[k]) == 0) {
				found = true;
				break;
			}
		if (!found) {
			h |= HAZARD_DATA_LOSS | HAZARD_RECREATE;
			continue;
		}
		while (j < n->n && strcmp(o->v[i], n->v[j]) != 0)
			j++;
		if (j == n->n)
			h |= HAZARD_RECREATE; /* found earlier: reordered */
		else
			j++;
	}
	return h;
}

static void put_attr_elem(struct strbuf *sb, const void *e)
{
	const struct type_attr *at = e;
	put_ident(sb, at->name);
	sb_printf(sb, " %s", at->type);
	if (at->collation)
		sb_printf(sb, " COLLATE %s", at->collation);
}

static const char *attrs_text(struct cmp *s, const struct ptrvec *pv)
{
	return join_text(s, pv, put_attr_elem);
}

static const char *checks_text(struct cmp *s, const struct ptrvec *pv)
{
	if (pv->n == 0)
		return NULL;
	struct ptrvec items = {0};
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < pv->n; i++) {
		const struct domain_check *dc = pv->v[i];
		sb_reset(&sb);
		sb_append(&sb, "CONSTRAINT ");
		put_ident(&sb, dc->name ? dc->name : "");
		sb_printf(&sb, " CHECK (%s)%s", dc->expression ? dc->expression : "",
			  dc->valid ? "" : " NOT VALID");
		ptrvec_push(&items, arena_strdup(s->a, sb.data));
	}
	const char *r = list_text(s, &items);
	ptrvec_free(&items);
	sb_free(&sb);
	return r;
}

/* Does domain n add a CHECK, valid, that o did not have (a scan of every column of it)? */
static bool domain_adds_check(const struct pgtype *o, const struct pgtype *n)
{
	for (size_t i = 0; i < n->checks.n; i++) {
		const struct domain_check *nc = n->checks.v[i];
		bool had = false;
		for (size_t j = 0; j < o->checks.n && !had; j++) {
			const struct domain_check *oc = o->checks.v[j];
			had = str_eq(oc->name, nc->name) && str_eq(oc->expression, nc->expression);
		}
		if (!had && nc->valid)
			return true;
	}
	return false;
}

static void compare_type(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct pgtype *o = po, *n = pn;
	struct alter al;
	alter_init(&al, s, CK_TYPE, n->h.schema, NULL, n->h.name, o, n);
	switch (n->kind) {
	case TYPE_ENUM:
		if (alter_str(&al, "labels", labels_text(s, &o->labels),
			      labels_text(s, &n->labels)))
			alter_hazard(&al, enum_hazards(&o->labels, &n->labels));
		break;
	case TYPE_COMPOSITE: {
		if (alter_str(&al, "attributes", attrs_text(s, &o->attributes),
			      attrs_text(s, &n->attributes))) {
			unsigned h = 0;
			for (size_t i = 0; i < o->attributes.n; i++) {
				const struct type_attr *oa = o->attributes.v[i];
				bool kept = false;
				for (size_t j = 0; j < n->attributes.n && !kept; j++) {
					const struct type_attr *na = n->attributes.v[j];
					kept = strcmp(oa->name, na->name) == 0;
				}
				if (!kept)
					h |= HAZARD_DATA_LOSS;
			}
			alter_hazard(&al, h);
		}
		break;
	}
	case TYPE_DOMAIN:
		if (alter_str(&al, "base_type", o->base_type, n->base_type))
			alter_hazard(&al, HAZARD_RECREATE);
		alter_str(&al, "collation", o->collation, n->collation);
		alter_str(&al, "default", o->default_expr, n->default_expr);
		if (alter_bool(&al, "not_null", o->not_null, n->not_null) && n->not_null)
			alter_hazard(&al, HAZARD_NOT_NULL_SCAN);
		if (alter_str(&al, "checks", checks_text(s, &o->checks),
			      checks_text(s, &n->checks)) &&
		    domain_adds_check(o, n))
			alter_hazard(&al, HAZARD_VALIDATION_SCAN);
		break;
	case TYPE_RANGE:
		if (alter_str(&al, "subtype", o->subtype, n->subtype))
			alter_hazard(&al, HAZARD_RECREATE);
		break;
	case TYPE_BASE:
		break;
	}
	alter_header(&al, &o->h, &n->h);
}

/* A type by schema, name and kind: another kind of type under the name is dropped and added. */
static const char *key_type(struct arena *a, const void *p)
{
	const struct pgtype *t = p;
	return arena_printf(a, "%s\x1f%s\x1f%d", t->h.schema ? t->h.schema : "", t->h.name,
			    (int)t->kind);
}

static const struct walk walk_types = {
    .kind = CK_TYPE,
    .key = key_type,
    .keep = hdr_included,
    .name = hdr_name,
    .pair = compare_type,
    .drop_hazards = HAZARD_DATA_LOSS,
};

/* ------------------------------------------------------------------------
 * Sequences
 * ------------------------------------------------------------------------ */

static const char *owned_by_text(struct cmp *s, const struct sequence *q)
{
	if (q->owned_by_table == NULL)
		return NULL;
	const char *table = qualified_text(s, q->owned_by_schema, q->owned_by_table, NULL);
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s.", table);
	put_ident(&sb, q->owned_by_column ? q->owned_by_column : "");
	return sb_keep(s, &sb);
}

/* A sequence's options as PostgreSQL holds them: what CREATE SEQUENCE left out, its default. */
struct seqopts {
	const char *type;
	long long start, increment, min, max, cache;
};

static void seq_effective(const struct sequence *q, struct seqopts *e)
{
	e->type = q->data_type ? q->data_type : "bigint";
	long long tmax = INT64_MAX, tmin = INT64_MIN;
	if (strcmp(e->type, "integer") == 0)
		tmax = INT32_MAX, tmin = INT32_MIN;
	else if (strcmp(e->type, "smallint") == 0)
		tmax = INT16_MAX, tmin = INT16_MIN;
	e->increment = q->has_increment ? q->increment : 1;
	e->min = q->has_min ? q->min_value : e->increment > 0 ? 1 : tmin;
	e->max = q->has_max ? q->max_value : e->increment > 0 ? tmax : -1;
	e->start = q->has_start ? q->start : e->increment > 0 ? e->min : e->max;
	e->cache = q->has_cache ? q->cache : 1;
}

/*
 * Sequences compare by their effective options: a bare CREATE SEQUENCE and
 * pg_dump's START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1 are
 * one sequence.
 */
static void compare_sequence(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct sequence *o = po, *n = pn;
	struct seqopts a, b;
	struct alter al;
	seq_effective(o, &a);
	seq_effective(n, &b);
	alter_init(&al, s, CK_SEQUENCE, n->h.schema, NULL, n->h.name, o, n);
	alter_str(&al, "data_type", a.type, b.type);
	alter_str(&al, "start", ll_text(s, true, a.start), ll_text(s, true, b.start));
	alter_str(&al, "increment", ll_text(s, true, a.increment), ll_text(s, true, b.increment));
	alter_str(&al, "min_value", ll_text(s, true, a.min), ll_text(s, true, b.min));
	alter_str(&al, "max_value", ll_text(s, true, a.max), ll_text(s, true, b.max));
	alter_str(&al, "cache", ll_text(s, true, a.cache), ll_text(s, true, b.cache));
	alter_bool(&al, "cycle", o->cycle, n->cycle);
	alter_str(&al, "owned_by", owned_by_text(s, o), owned_by_text(s, n));
	alter_header(&al, &o->h, &n->h);
}

static const struct walk walk_sequences = {
    .kind = CK_SEQUENCE,
    .key = key_hdr,
    .keep = hdr_included,
    .name = hdr_name,
    .pair = compare_sequence,
};

/* ------------------------------------------------------------------------
 * Column types: what a change of type costs
 * ------------------------------------------------------------------------ */

/* A type split into its name, its modifiers "(...)" and its array brackets. */
struct typeparts {
	char base[128];
	long mod[2]; /* -1: absent */
	int n_mod;
	bool has_mod;
	char array[32];
};

static void type_split(const char *t, struct typeparts *p)
{
	memset(p, 0, sizeof(*p));
	p->mod[0] = p->mod[1] = -1;
	const char *paren = strchr(t, '(');
	const char *bracket = strstr(t, "[]");
	const char *end = paren ? paren : bracket ? bracket : t + strlen(t);
	size_t n = (size_t)(end - t);
	if (n >= sizeof(p->base))
		n = sizeof(p->base) - 1;
	memcpy(p->base, t, n);
	while (n > 0 && p->base[n - 1] == ' ')
		p->base[--n] = '\0';
	if (paren) {
		p->has_mod = true;
		char *e;
		const char *q = paren + 1;
		while (p->n_mod < 2) {
			long v = strtol(q, &e, 10);
			if (e == q)
				break;
			p->mod[p->n_mod++] = v;
			q = e;
			if (*q != ',')
				break;
			q++;
		}
		const char *close = strchr(paren, ')');
		/* "timestamp(3) with time zone": the words after the modifiers belong to the name
		 */
		if (close && close[1] == ' ' && strncmp(close + 1, " with", 5) == 0) {
			size_t len = strlen(p->base);
			const char *w = close + 1;
			const char *we = strstr(w, "[]");
			size_t wn = we ? (size_t)(we - w) : strlen(w);
			if (len + wn < sizeof(p->base)) {
				memcpy(p->base + len, w, wn);
				p->base[len + wn] = '\0';
			}
		}
	}
	if (bracket) {
		size_t bn = strlen(bracket);
		if (bn >= sizeof(p->array))
			bn = sizeof(p->array) - 1;
		memcpy(p->array, bracket, bn);
	}
}

static bool is_one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* Integer and float sizes: widening is safe, narrowing may lose data. */
static int number_rank(const char *t)
{
	static const char *const ranks[] = {"smallint", "integer", "bigint", "numeric", NULL};
	for (int i = 0; ranks[i]; i++)
		if (strcmp(t, ranks[i]) == 0)
			return i + 1;
	return 0;
}

/*
 * The hazards of ALTER COLUMN ... TYPE from o to n (format_type forms) on a
 * table with rows: none where PostgreSQL keeps the data as it is
 * (binary-coercible casts, a length or precision that only grows); else a
 * rewrite under ACCESS EXCLUSIVE, and data loss where values may not fit
 * (a shorter length, a smaller precision or scale, a narrower number).
 */
unsigned compare_type_change_hazards(const char *o, const char *n)
{
	static const char *const texts[] = {"text", "character varying", NULL};
	static const char *const precision[] = {"timestamp without time zone",
						"timestamp with time zone",
						"time without time zone",
						"time with time zone",
						"interval",
						"timestamp",
						"time",
						NULL};
	const unsigned rewrite = HAZARD_TABLE_REWRITE | HAZARD_ACCESS_EXCLUSIVE;
	struct typeparts a, b;

	if (strcmp(o, n) == 0)
		return 0;
	type_split(o, &a);
	type_split(n, &b);
	if (strcmp(a.array, b.array) != 0)
		return rewrite | HAZARD_DATA_LOSS;
	if (strcmp(a.base, b.base) == 0) {
		bool widen = !b.has_mod || (a.has_mod && b.mod[0] >= a.mod[0]);
		if (strcmp(a.base, "character varying") == 0 || strcmp(a.base, "bit varying") == 0)
			return widen ? 0 : rewrite | HAZARD_DATA_LOSS;
		if (strcmp(a.base, "numeric") == 0) {
			if (!b.has_mod)
				return 0;
			if (!a.has_mod)
				return rewrite | HAZARD_DATA_LOSS;
			long as = a.n_mod > 1 ? a.mod[1] : 0, bs = b.n_mod > 1 ? b.mod[1] : 0;
			if (as == bs && b.mod[0] >= a.mod[0])
				return 0;
			bool loss = bs < as || b.mod[0] - bs < a.mod[0] - as;
			return rewrite | (loss ? HAZARD_DATA_LOSS : 0);
		}
		if (is_one_of(a.base, precision)) {
			if (!b.has_mod || (a.has_mod && b.mod[0] >= a.mod[0]))
				return 0;
			return rewrite | HAZARD_DATA_LOSS;
		}
		/* character(n) and the rest: a new length rewrites */
		bool shorter = b.has_mod && (!a.has_mod || b.mod[0] < a.mod[0]);
		return rewrite | (shorter ? HAZARD_DATA_LOSS : 0);
	}
	/* binary-coercible: text and varchar both ways when no length limits it */
	if (is_one_of(a.base, texts) && is_one_of(b.base, texts) && !b.has_mod)
		return 0;
	if (is_one_of(a.base, texts) && is_one_of(b.base, texts))
		return rewrite | HAZARD_DATA_LOSS; /* to varchar(n): values may be too long */
	if (strcmp(a.base, "cidr") == 0 && strcmp(b.base, "inet") == 0)
		return 0;
	if (strcmp(a.base, "xml") == 0 && strcmp(b.base, "text") == 0)
		return 0;
	int ra = number_rank(a.base), rb = number_rank(b.base);
	if (ra > 0 && rb > 0)
		return rewrite | (rb < ra || (rb == 4 && b.has_mod) ? HAZARD_DATA_LOSS : 0);
	if (strcmp(a.base, "real") == 0 && strcmp(b.base, "double precision") == 0)
		return rewrite;
	if (is_one_of(b.base, texts) && !b.has_mod)
		return rewrite; /* anything has a text form */
	return rewrite | HAZARD_DATA_LOSS;
}

/* A default PostgreSQL computes per row: adding the column fills every row, a rewrite. */
static bool volatile_default(const char *expr)
{
	static const char *const fns[] = {
	    "nextval(",		"random(",	    "gen_random_uuid(", "uuid_generate_v1",
	    "uuid_generate_v4", "clock_timestamp(", "timeofday(",	NULL};
	if (expr == NULL)
		return false;
	for (int i = 0; fns[i]; i++)
		if (strstr(expr, fns[i]) != NULL)
			return true;
	return false;
}

/* ------------------------------------------------------------------------
 * Tables and their parts
 * ------------------------------------------------------------------------ */

static void alter_part(struct alter *al, struct cmp *s, const struct pair *p, enum change_kind kind,
		       const char *name, const void *o, const void *n)
{
	alter_init(al, s, kind, p->schema, p->table, name, o, n);
	al->old_table = p->old_t;
	al->new_table = p->new_t;
}

static const char *identity_text(enum identity_kind k)
{
	return k == IDENTITY_NONE ? NULL : identity_name(k);
}

static void compare_column(struct cmp *s, const struct pair *p, const struct column *o,
			   const struct column *n, const char *name)
{
	struct alter al;
	alter_part(&al, s, p, CK_COLUMN, name, o, n);
	if (alter_str(&al, "type", o->type, n->type))
		alter_hazard(&al, compare_type_change_hazards(o->type, n->type));
	/* a collation alone keeps the data in place (PostgreSQL rebuilds the column's indexes) */
	alter_str(&al, "collation", o->collation, n->collation);
	if (alter_bool(&al, "not_null", o->not_null, n->not_null) && n->not_null)
		alter_hazard(&al, HAZARD_NOT_NULL_SCAN | HAZARD_ACCESS_EXCLUSIVE);
	alter_def(&al, "default", o->default_expr, n->default_expr,
		  col_key(o->default_expr, o->default_key),
		  col_key(n->default_expr, n->default_key));
	alter_str(&al, "identity", identity_text(o->identity), identity_text(n->identity));
	if (alter_def(&al, "generated", o->generated, n->generated,
		      col_key(o->generated, o->generated_key),
		      col_key(n->generated, n->generated_key)) &&
	    n->generated)
		alter_hazard(&al, HAZARD_TABLE_REWRITE | HAZARD_ACCESS_EXCLUSIVE);
	alter_bool(&al, "virtual_generated", o->virtual_generated, n->virtual_generated);
	alter_bool(&al, "inherited", o->inherited, n->inherited);
	alter_comment(&al, o->comment, n->comment);
}

/* The hazards of adding column n to an existing table. */
static unsigned add_column_hazards(const struct column *n)
{
	if (n->identity != IDENTITY_NONE || n->generated != NULL ||
	    volatile_default(n->default_expr))
		return HAZARD_TABLE_REWRITE | HAZARD_ACCESS_EXCLUSIVE;
	return 0;
}

static const char *col_name(const void *p)
{
	return ((const struct column *)p)->name;
}

static const char *key_col(struct arena *a, const void *p)
{
	(void)a;
	return col_name(p);
}

/* Is the hint i a column rename of table (schema, table) from `from` to `to`? */
static bool hint_is_column(struct cmp *s, size_t i, const char *schema, const char *table,
			   const char *from, const char *to)
{
	struct hint h;
	if (!hint_get(s, i, &h) || h.n != 3)
		return false;
	return strcmp(h.from[0], schema) == 0 && strcmp(h.from[1], table) == 0 &&
	       strcmp(h.from[2], from) == 0 && strcmp(h.to, to) == 0;
}

static void compare_columns(struct cmp *s, const struct pair *p)
{
	const struct ptrvec *a = &p->old_t->columns, *b = &p->new_t->columns;
	long *am;
	bool *bm;

	match(s, a, b, key_col, NULL, &am, &bm);
	/* renames by hint: OLD's column i is NEW's j under another name */
	long *renamed = xcalloc(b->n + 1, sizeof(long));
	for (size_t j = 0; j < b->n; j++)
		renamed[j] = -1;
	for (size_t k = 0; k < s->o->n_renames; k++)
		for (size_t i = 0; i < a->n; i++) {
			if (am[i] >= 0)
				continue;
			const struct column *o = a->v[i];
			for (size_t j = 0; j < b->n; j++) {
				const struct column *n = b->v[j];
				/* a hint names OLD's table: the table's own rename came first */
				if (bm[j] || !hint_is_column(s, k, p->old_t->h.schema,
							     p->old_t->h.name, o->name, n->name))
					continue;
				am[i] = (long)j;
				bm[j] = true;
				renamed[j] = (long)i;
				s->hint_used[k] = true;
				break;
			}
		}
	for (size_t i = 0; i < a->n; i++) {
		const struct column *o = a->v[i];
		if (am[i] < 0) {
			struct change *ch =
			    part_change(s, p, CK_COLUMN, CHANGE_DROP, o->name, o, NULL);
			ch->hazards = HAZARD_DATA_LOSS;
			/* same type added under another name: maybe a rename */
			for (size_t j = 0; j < b->n; j++) {
				const struct column *n = b->v[j];
				if (!bm[j] && strcmp(n->type, o->type) == 0)
					ch->hazards |= HAZARD_POSSIBLE_RENAME;
			}
			continue;
		}
		const struct column *n = b->v[am[i]];
		if (renamed[am[i]] >= 0) {
			struct change *ch =
			    part_change(s, p, CK_COLUMN, CHANGE_RENAME, n->name, o, n);
			ch->old_name = o->name;
		}
		compare_column(s, p, o, n, n->name);
	}
	for (size_t j = 0; j < b->n; j++) {
		if (bm[j])
			continue;
		const struct column *n = b->v[j];
		struct change *ch = part_change(s, p, CK_COLUMN, CHANGE_ADD, n->name, NULL, n);
		ch->hazards = add_column_hazards(n);
		for (size_t i = 0; i < a->n; i++) {
			const struct column *o = a->v[i];
			if (am[i] < 0 && strcmp(n->type, o->type) == 0)
				ch->hazards |= HAZARD_POSSIBLE_RENAME;
		}
	}
	free(renamed);
	free(am);
	free(bm);
}

static const char *con_kind_text(enum con_kind k)
{
	static const char *const names[] = {"PRIMARY KEY", "UNIQUE", "FOREIGN KEY", "CHECK",
					    "EXCLUDE"};
	return (unsigned)k < 5 ? names[k] : "?";
}

static const char *ref_text(struct cmp *s, const struct constraint *c)
{
	if (c->ref_table == NULL)
		return NULL;
	const char *cols = names_text(s, &c->ref_columns);
	return qualified_text(s, c->ref_schema, c->ref_table, cols ? cols : "");
}

/* The hazards of creating constraint c on a table that has rows. */
static unsigned add_constraint_hazards(const struct constraint *c)
{
	switch (c->kind) {
	case CON_PRIMARY:
	case CON_UNIQUE:
	case CON_EXCLUSION:
		return HAZARD_INDEX_BUILD | HAZARD_ACCESS_EXCLUSIVE;
	case CON_FOREIGN:
	case CON_CHECK:
		return c->valid && !c->not_enforced ? HAZARD_VALIDATION_SCAN : 0;
	}
	return 0;
}

static void compare_constraint(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct constraint *o = po, *n = pn;
	struct alter al;
	alter_part(&al, s, p, CK_CONSTRAINT, n->name, o, n);
	bool def = false; /* the definition differs: the constraint is made again */
	def |= alter_str(&al, "kind", con_kind_text(o->kind), con_kind_text(n->kind));
	/* pg_dump writes a view's column names into its query, not as a list: a list only
	   one side has is no difference */
	if (o->columns.n > 0 && n->columns.n > 0)
		def |= alter_str(&al, "columns", names_text(s, &o->columns),
				 names_text(s, &n->columns));
	def |= alter_str(&al, "keys", keys_text(s, &o->keys), keys_text(s, &n->keys));
	def |= alter_str(&al, "include", names_text(s, &o->include), names_text(s, &n->include));
	def |= alter_str(&al, "references", ref_text(s, o), ref_text(s, n));
	def |= alter_str(&al, "on_delete", o->on_delete, n->on_delete);
	def |= alter_str(&al, "on_update", o->on_update, n->on_update);
	def |= alter_str(&al, "match", o->match, n->match);
	def |= alter_str(&al, "expression", o->expression, n->expression);
	def |= alter_str(&al, "method", o->method, n->method);
	def |= alter_str(&al, "where", o->where, n->where);
	def |= alter_bool(&al, "no_inherit", o->no_inherit, n->no_inherit);
	def |= alter_bool(&al, "nulls_not_distinct", o->nulls_not_distinct, n->nulls_not_distinct);
	def |= alter_bool(&al, "not_enforced", o->not_enforced, n->not_enforced);
	def |= alter_bool(&al, "temporal", o->temporal, n->temporal);
	alter_bool(&al, "deferrable", o->deferrable, n->deferrable);
	alter_bool(&al, "initially_deferred", o->initially_deferred, n->initially_deferred);
	alter_bool(&al, "valid", o->valid, n->valid);
	alter_comment(&al, o->comment, n->comment);
	if (def)
		alter_hazard(&al, HAZARD_RECREATE | add_constraint_hazards(n));
}

static const char *con_name(struct arena *a, const void *p)
{
	(void)a;
	return ((const struct constraint *)p)->name;
}

static const char *con_name_of(const void *p)
{
	return ((const struct constraint *)p)->name;
}

static unsigned add_constraint_hazards_of(const void *n)
{
	return add_constraint_hazards(n);
}

static const struct walk walk_constraints = {
    .kind = CK_CONSTRAINT,
    .key = con_name,
    .name = con_name_of,
    .pair = compare_constraint,
    .add_hazards = add_constraint_hazards_of,
};

static void compare_index(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct index *o = po, *n = pn;
	struct alter al;
	alter_part(&al, s, p, CK_INDEX, n->h.name, o, n);
	bool def = false;
	def |= alter_bool(&al, "unique", o->unique, n->unique);
	def |= alter_bool(&al, "nulls_not_distinct", o->nulls_not_distinct, n->nulls_not_distinct);
	def |= alter_str(&al, "method", o->method, n->method);
	def |= alter_str(&al, "keys", keys_text(s, &o->keys), keys_text(s, &n->keys));
	def |= alter_str(&al, "include", names_text(s, &o->include), names_text(s, &n->include));
	def |= alter_str(&al, "where", o->where, n->where);
	alter_str(&al, "constraint", o->constraint, n->constraint);
	if (!s->o->no_comments)
		alter_str(&al, "comment", o->h.comment, n->h.comment);
	if (def)
		alter_hazard(&al, HAZARD_RECREATE | HAZARD_INDEX_BUILD);
}

static const char *hdr_name_key(struct arena *a, const void *p)
{
	(void)a;
	return ((const struct index *)p)->h.name;
}

static unsigned add_index_hazards(const void *n)
{
	return HAZARD_INDEX_BUILD;
}

static const struct walk walk_indexes = {
    .kind = CK_INDEX,
    .key = hdr_name_key,
    .name = hdr_name,
    .pair = compare_index,
    .add_hazards = add_index_hazards,
};

static const char *key_trigger(struct arena *a, const void *p)
{
	(void)a;
	return ((const struct trigger *)p)->name;
}

static void pair_trigger(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct trigger *o = po, *n = pn;
	struct alter al;
	alter_part(&al, s, p, CK_TRIGGER, n->name, o, n);
	alter_str(&al, "timing", o->timing, n->timing);
	alter_str(&al, "events", o->events, n->events);
	alter_bool(&al, "for_each_row", o->for_each_row, n->for_each_row);
	alter_str(&al, "function", o->function, n->function);
	alter_str(&al, "when", o->when, n->when);
	alter_bool(&al, "constraint_trigger", o->constraint_trigger, n->constraint_trigger);
	alter_comment(&al, o->comment, n->comment);
}

static const char *trigger_name(const void *p)
{
	return ((const struct trigger *)p)->name;
}

static const struct walk walk_triggers = {
    .kind = CK_TRIGGER,
    .key = key_trigger,
    .name = trigger_name,
    .pair = pair_trigger,
};

static const char *key_policy(struct arena *a, const void *p)
{
	(void)a;
	return ((const struct policy *)p)->name;
}

static const char *roles_text(struct cmp *s, const struct ptrvec *pv)
{
	struct ptrvec sorted = {0};
	for (size_t i = 0; i < pv->n; i++)
		ptrvec_push(&sorted, pv->v[i]);
	if (sorted.n > 1)
		qsort(sorted.v, sorted.n, sizeof(void *), cmp_strp);
	const char *r = names_text(s, &sorted);
	ptrvec_free(&sorted);
	return r;
}

static void pair_policy(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct policy *o = po, *n = pn;
	struct alter al;
	alter_part(&al, s, p, CK_POLICY, n->name, o, n);
	alter_str(&al, "command", o->command, n->command);
	alter_bool(&al, "permissive", o->permissive, n->permissive);
	alter_str(&al, "roles", roles_text(s, &o->roles), roles_text(s, &n->roles));
	alter_str(&al, "using", o->using_expr, n->using_expr);
	alter_str(&al, "check", o->check_expr, n->check_expr);
	alter_comment(&al, o->comment, n->comment);
}

static const char *policy_name(const void *p)
{
	return ((const struct policy *)p)->name;
}

static const struct walk walk_policies = {
    .kind = CK_POLICY,
    .key = key_policy,
    .name = policy_name,
    .pair = pair_policy,
};

static const char *parent_text(struct cmp *s, const struct table *t)
{
	return t->parent_table ? qualified_text(s, t->parent_schema, t->parent_table, NULL) : NULL;
}

/* The names of t's columns that `other` has too, in t's order. */
static void common_columns(const struct table *t, const struct table *other, struct ptrvec *out)
{
	struct strmap *ix = strmap_new();
	for (size_t i = 0; i < other->columns.n; i++)
		strmap_put(ix, col_name(other->columns.v[i]), (void *)1);
	for (size_t i = 0; i < t->columns.n; i++)
		if (strmap_has(ix, col_name(t->columns.v[i])))
			ptrvec_push(out, (void *)col_name(t->columns.v[i]));
	strmap_free(ix);
}

/*
 * The columns both tables have, in another order: a field of the table
 * (PostgreSQL cannot reorder columns; the fingerprint counts positions).
 */
static void compare_column_order(struct cmp *s, struct alter *al, const struct table *o,
				 const struct table *n)
{
	struct ptrvec a = {0}, b = {0};
	if (s->o->ignore_column_order)
		return;
	common_columns(o, n, &a);
	common_columns(n, o, &b);
	bool same = a.n == b.n;
	for (size_t i = 0; same && i < a.n; i++)
		same = strcmp(a.v[i], b.v[i]) == 0;
	if (!same)
		alter_str(al, "column_order", names_text(s, &a), names_text(s, &b));
	ptrvec_free(&a);
	ptrvec_free(&b);
}

/* The table's own facts, then its parts. */
static void compare_table(struct cmp *s, const struct table *o, const struct table *n)
{
	struct alter al;
	alter_init(&al, s, CK_TABLE, n->h.schema, NULL, n->h.name, o, n);
	al.old_table = o;
	al.new_table = n;
	if (alter_str(&al, "kind", table_kind_name(o->kind), table_kind_name(n->kind)))
		alter_hazard(&al, HAZARD_RECREATE | HAZARD_DATA_LOSS);
	alter_str(&al, "partition_key", o->partition_key, n->partition_key);
	alter_str(&al, "parent", parent_text(s, o), parent_text(s, n));
	alter_str(&al, "partition_bound", o->partition_bound, n->partition_bound);
	alter_str(&al, "inherits", list_text(s, &o->inherits), list_text(s, &n->inherits));
	if (alter_bool(&al, "unlogged", o->unlogged, n->unlogged))
		alter_hazard(&al, HAZARD_TABLE_REWRITE | HAZARD_ACCESS_EXCLUSIVE);
	alter_bool(&al, "rls_enabled", o->rls_enabled, n->rls_enabled);
	alter_bool(&al, "rls_forced", o->rls_forced, n->rls_forced);
	alter_str(&al, "foreign_server", o->foreign_server, n->foreign_server);
	alter_str(&al, "foreign_options", o->foreign_options, n->foreign_options);
	alter_header(&al, &o->h, &n->h);

	struct pair p = {o, n, n->h.schema, n->h.name};
	compare_columns(s, &p);
	compare_column_order(s, &al, o, n);
	walk(s, &walk_constraints, &p, &o->constraints, &n->constraints, false);
	walk(s, &walk_indexes, &p, &o->indexes, &n->indexes, false);
	walk(s, &walk_triggers, &p, &o->triggers, &n->triggers, false);
	walk(s, &walk_policies, &p, &o->policies, &n->policies, false);
}

/* Do two tables hold the same columns (names and types, in order)? */
static bool same_shape(const struct table *a, const struct table *b)
{
	if (a->columns.n != b->columns.n || a->columns.n == 0)
		return false;
	for (size_t i = 0; i < a->columns.n; i++) {
		const struct column *x = a->columns.v[i], *y = b->columns.v[i];
		if (strcmp(x->name, y->name) != 0 || strcmp(x->type, y->type) != 0)
			return false;
	}
	return true;
}

static void compare_tables(struct cmp *s)
{
	const struct ptrvec *a = &s->c->old->tables, *b = &s->c->new->tables;
	long *am;
	bool *bm;

	match(s, a, b, key_hdr, hdr_included, &am, &bm);
	/* renames by hint */
	for (size_t k = 0; k < s->o->n_renames; k++) {
		struct hint h;
		if (!hint_get(s, k, &h) || h.n != 2)
			continue;
		for (size_t i = 0; i < a->n; i++) {
			const struct table *o = a->v[i];
			if (am[i] >= 0 || !o->h.included || strcmp(o->h.schema, h.from[0]) != 0 ||
			    strcmp(o->h.name, h.from[1]) != 0)
				continue;
			for (size_t j = 0; j < b->n; j++) {
				const struct table *n = b->v[j];
				if (bm[j] || strcmp(n->h.schema, h.to_schema) != 0 ||
				    strcmp(n->h.name, h.to) != 0)
					continue;
				am[i] = (long)j;
				bm[j] = true;
				s->hint_used[k] = true;
				struct change *ch = change_new(s, CK_TABLE, CHANGE_RENAME,
							       n->h.schema, NULL, n->h.name);
				ch->old_name = o->h.name;
				ch->old_schema = o->h.schema;
				ch->old_obj = ch->old_table = o;
				ch->new_obj = ch->new_table = n;
				break;
			}
		}
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct table *o = a->v[i];
		if (!o->h.included)
			continue;
		if (am[i] >= 0) {
			compare_table(s, o, b->v[am[i]]);
			continue;
		}
		struct change *ch =
		    change_new(s, CK_TABLE, CHANGE_DROP, o->h.schema, NULL, o->h.name);
		ch->old_obj = ch->old_table = o;
		ch->hazards = HAZARD_DATA_LOSS;
		for (size_t j = 0; j < b->n; j++)
			if (!bm[j] && same_shape(o, b->v[j]))
				ch->hazards |= HAZARD_POSSIBLE_RENAME;
	}
	for (size_t j = 0; j < b->n; j++) {
		if (bm[j])
			continue;
		const struct table *n = b->v[j];
		struct change *ch =
		    change_new(s, CK_TABLE, CHANGE_ADD, n->h.schema, NULL, n->h.name);
		ch->new_obj = ch->new_table = n;
		for (size_t i = 0; i < a->n; i++) {
			const struct table *o = a->v[i];
			if (am[i] < 0 && o->h.included && same_shape(o, n))
				ch->hazards |= HAZARD_POSSIBLE_RENAME;
		}
	}
	free(am);
	free(bm);
}

/* ------------------------------------------------------------------------
 * Views, functions, other objects
 * ------------------------------------------------------------------------ */

static void pair_view(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct view *o = po, *n = pn;
	struct alter al;
	alter_init(&al, s, CK_VIEW, n->h.schema, NULL, n->h.name, o, n);
	bool def = alter_bool(&al, "materialized", o->materialized, n->materialized);
	def |= alter_def(&al, "definition", o->definition, n->definition, o->key, n->key);
	/* pg_dump writes a view's column names into its query, not as a list: a list only
	   one side has is no difference */
	if (o->columns.n > 0 && n->columns.n > 0)
		def |= alter_str(&al, "columns", names_text(s, &o->columns),
				 names_text(s, &n->columns));
	if (def && (o->materialized || n->materialized))
		alter_hazard(&al, HAZARD_RECREATE);
	alter_header(&al, &o->h, &n->h);
	struct pair vp = {NULL, NULL, n->h.schema, n->h.name};
	walk(s, &walk_indexes, &vp, &o->indexes, &n->indexes, false);
}

/* A materialized view created: its indexes are changes of their own, as an added table's. */
static void view_added(struct cmp *s, const void *pn)
{
	const struct view *n = pn;
	struct pair vp = {NULL, NULL, n->h.schema, n->h.name};
	struct ptrvec none = {0};
	walk(s, &walk_indexes, &vp, &none, &n->indexes, true);
}

static const struct walk walk_views = {
    .kind = CK_VIEW,
    .key = key_hdr,
    .keep = hdr_included,
    .name = hdr_name,
    .pair = pair_view,
    .added = view_added,
};

static const char *key_function(struct arena *a, const void *p)
{
	const struct function *f = p;
	return arena_printf(a, "%s\x1f%s", f->h.schema ? f->h.schema : "",
			    f->signature ? f->signature : f->h.name);
}

static const char *func_name(const void *p)
{
	const struct function *f = p;
	return f->signature ? f->signature : f->h.name;
}

/*
 * The function's body, when the model keeps one.  struct function has no
 * `definition` yet; when it gets one (the DDL writer needs it), return it
 * here and its changes are compared like every other field.
 */
/*
 * What a function does, from its LANGUAGE on: the head before it names the
 * function as the dump wrote it (public.f or, under a search_path, f).
 */
static const char *function_body(const struct function *f)
{
	const char *l = f->definition ? strstr(f->definition, " LANGUAGE ") : NULL;
	return l ? l + 1 : f->definition;
}

static void pair_function(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct function *o = po, *n = pn;
	struct alter al;
	alter_init(&al, s, CK_FUNCTION, n->h.schema, NULL, func_name(n), o, n);
	/* both fields are recorded; either one makes the function be created again */
	bool kind_changed =
	    alter_str(&al, "kind", func_kind_name(o->kind), func_kind_name(n->kind));
	bool returns_changed = alter_str(&al, "returns", o->returns, n->returns);
	if (kind_changed || returns_changed)
		alter_hazard(&al, HAZARD_RECREATE);
	alter_str(&al, "language", o->language, n->language);
	alter_bool(&al, "security_definer", o->security_definer, n->security_definer);
	alter_def(&al, "definition", function_body(o), function_body(n), o->key, n->key);
	alter_header(&al, &o->h, &n->h);
}

static const struct walk walk_functions = {
    .kind = CK_FUNCTION,
    .key = key_function,
    .keep = hdr_included,
    .name = func_name,
    .pair = pair_function,
};

static const char *object_qualifier(const struct object *o)
{
	return o->on ? o->on : o->arguments;
}

static const char *key_object(struct arena *a, const void *p)
{
	const struct object *o = p;
	const char *q = object_qualifier(o);
	return arena_printf(a, "%d\x1f%s\x1f%s\x1f%s", (int)o->kind, o->h.schema ? o->h.schema : "",
			    o->h.name, q ? q : "");
}

/*
 * def with the object's own schema-qualified name made bare (its first
 * occurrence): a dump written under search_path names it bare, pg_dump 15
 * qualifies it.  An arena copy, or def itself.
 */
static const char *bare_definition(struct cmp *s, const struct object *x)
{
	if (x->definition == NULL || x->h.schema == NULL)
		return x->definition;
	struct strbuf q, bare;
	sb_init(&q);
	sb_init(&bare);
	put_ident(&q, x->h.schema);
	sb_putc(&q, '.');
	put_ident(&bare, x->h.name);
	sb_append(&q, bare.data);
	const char *r = x->definition;
	const char *at = strstr(r, q.data);
	if (at != NULL)
		r = arena_printf(s->a, "%.*s%s%s", (int)(at - x->definition), x->definition,
				 bare.data, at + q.len);
	sb_free(&q);
	sb_free(&bare);
	return r;
}

static bool same_definition(struct cmp *s, const struct object *o, const struct object *n)
{
	return str_eq(o->definition, n->definition) ||
	       str_eq(bare_definition(s, o), bare_definition(s, n));
}

static void pair_object(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct object *o = po, *n = pn;
	struct alter al;
	alter_init(&al, s, CK_OBJECT, n->h.schema, NULL, n->h.name, o, n);
	if (o->key && n->key)
		alter_def(&al, "definition", o->definition, n->definition, o->key, n->key);
	else if (!same_definition(s, o, n))
		alter_str(&al, "definition", o->definition, n->definition);
	alter_header(&al, &o->h, &n->h);
	if (al.ch != NULL) {
		al.ch->object_kind = n->kind;
		al.ch->qualifier = object_qualifier(n);
	}
}

static const struct walk walk_objects = {
    .kind = CK_OBJECT,
    .key = key_object,
    .keep = hdr_included,
    .name = hdr_name,
    .pair = pair_object,
};

/* Tables added: their constraints and indexes are part of them, but listed as changes too. */
static void add_table_parts(struct cmp *s)
{
	size_t n = s->c->changes.n;
	for (size_t i = 0; i < n; i++) {
		struct change *ch = s->c->changes.v[i];
		if (ch->kind != CK_TABLE || ch->action != CHANGE_ADD)
			continue;
		const struct table *t = ch->new_table;
		struct pair p = {NULL, t, t->h.schema, t->h.name};
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			part_change(s, &p, CK_CONSTRAINT, CHANGE_ADD, c->name, NULL, c);
		}
		for (size_t j = 0; j < t->indexes.n; j++) {
			const struct index *x = t->indexes.v[j];
			part_change(s, &p, CK_INDEX, CHANGE_ADD, x->h.name, NULL, x);
		}
		for (size_t j = 0; j < t->triggers.n; j++) {
			const struct trigger *x = t->triggers.v[j];
			part_change(s, &p, CK_TRIGGER, CHANGE_ADD, x->name, NULL, x);
		}
		for (size_t j = 0; j < t->policies.n; j++) {
			const struct policy *x = t->policies.v[j];
			part_change(s, &p, CK_POLICY, CHANGE_ADD, x->name, NULL, x);
		}
	}
}

/* ------------------------------------------------------------------------
 * Order, entry points
 * ------------------------------------------------------------------------ */

static int cmp_nullstr(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

/* ------------------------------------------------------------------------
 * Default privileges (ALTER DEFAULT PRIVILEGES): grants, compared unless
 * --no-grants.  A change's name is the kind of object ("tables"), its
 * schema the IN SCHEMA (NULL: every schema), its qualifier the role.
 * ------------------------------------------------------------------------ */

static bool default_acl_kept(const void *p)
{
	const struct default_acl *d = p;
	return d->shown && d->h.included;
}

static const char *key_default_acl(struct arena *a, const void *p)
{
	const struct default_acl *d = p;
	return arena_printf(a, "%s\x1f%s\x1f%s", d->h.name, d->h.schema ? d->h.schema : "",
			    d->kind);
}

static const char *default_acl_name(const void *p)
{
	return ((const struct default_acl *)p)->kind;
}

static void default_acl_role(struct change *ch, const void *p)
{
	const char *role = ((const struct default_acl *)p)->h.name;
	ch->qualifier = role[0] ? role : NULL;
}

static void pair_default_acl(struct cmp *s, const struct pair *p, const void *po, const void *pn)
{
	const struct default_acl *o = po, *n = pn;
	struct alter al;
	alter_init(&al, s, CK_DEFAULT_ACL, n->h.schema, NULL, n->kind, o, n);
	/* the role that ran the script is the role the other side names */
	const char *self = o->h.name[0] ? o->h.name : n->h.name[0] ? n->h.name : NULL;
	const char *all = default_acl_all(n->kind);
	if (alter_str(&al, "grants", grants_text_as(s, &o->h, all, self),
		      grants_text_as(s, &n->h, all, self)))
		default_acl_role(alter_change(&al), n);
}

static const struct walk walk_default_acls = {
    .kind = CK_DEFAULT_ACL,
    .key = key_default_acl,
    .keep = default_acl_kept,
    .name = default_acl_name,
    .pair = pair_default_acl,
};

static bool same_default_acl(const struct default_acl *o, const struct default_acl *n, bool exact)
{
	if (strcmp(o->kind, n->kind) != 0 || !str_eq(o->h.schema, n->h.schema))
		return false;
	/* "" is the role that ran the script: whichever role the other side names */
	return strcmp(o->h.name, n->h.name) == 0 || (!exact && (!o->h.name[0] || !n->h.name[0]));
}

/*
 * OLD's default ACLs against NEW's, as walk() does, but an entry of the
 * role that ran the script (hand-written SQL has no FOR ROLE; pg_dump
 * always writes one) pairs with an entry of the same schema and kind
 * whatever its role: exact roles first.
 */
static void compare_default_acls(struct cmp *s, const struct ptrvec *a, const struct ptrvec *b)
{
	long *pair_of = xcalloc(a->n + 1, sizeof(long));
	bool *taken = xcalloc(b->n + 1, sizeof(bool));
	for (size_t i = 0; i < a->n; i++)
		pair_of[i] = -1;
	for (int exact = 1; exact >= 0; exact--)
		for (size_t i = 0; i < a->n; i++) {
			if (!default_acl_kept(a->v[i]) || pair_of[i] >= 0)
				continue;
			for (size_t j = 0; j < b->n; j++)
				if (!taken[j] && default_acl_kept(b->v[j]) &&
				    same_default_acl(a->v[i], b->v[j], exact)) {
					pair_of[i] = (long)j;
					taken[j] = true;
					break;
				}
		}
	for (size_t i = 0; i < a->n; i++) {
		if (!default_acl_kept(a->v[i]))
			continue;
		if (pair_of[i] >= 0)
			pair_default_acl(s, NULL, a->v[i], b->v[pair_of[i]]);
		else
			walk_change(s, &walk_default_acls, NULL, CHANGE_DROP, a->v[i]);
	}
	for (size_t j = 0; j < b->n; j++)
		if (!taken[j] && default_acl_kept(b->v[j]))
			walk_change(s, &walk_default_acls, NULL, CHANGE_ADD, b->v[j]);
	free(pair_of);
	free(taken);
}

/* A rename comes before the ALTER of the renamed object. */
static int action_rank(enum change_action a)
{
	static const int rank[] = {
	    [CHANGE_DROP] = 0, [CHANGE_RENAME] = 1, [CHANGE_ALTER] = 2, [CHANGE_ADD] = 3};
	return rank[a];
}

static int cmp_change(const void *pa, const void *pb)
{
	const struct change *a = *(const struct change *const *)pa;
	const struct change *b = *(const struct change *const *)pb;
	int r;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind == CK_OBJECT && a->object_kind != b->object_kind)
		return a->object_kind < b->object_kind ? -1 : 1;
	if ((r = cmp_nullstr(a->schema, b->schema)) != 0 ||
	    (r = cmp_nullstr(a->table, b->table)) != 0 ||
	    (r = cmp_nullstr(a->name, b->name)) != 0 ||
	    (r = cmp_nullstr(a->qualifier, b->qualifier)) != 0)
		return r;
	return action_rank(a->action) - action_rank(b->action);
}

void compare_models(const struct model *old, const struct model *new, const struct compare_opts *o,
		    struct comparison *out)
{
	static const struct compare_opts none = {0};
	struct cmp s = {.o = o ? o : &none, .c = out};

	memset(out, 0, sizeof(*out));
	out->old = old;
	out->new = new;
	out->arena = arena_new();
	s.a = out->arena;
	s.hint_used = xcalloc(s.o->n_renames + 1, sizeof(bool));

	walk(&s, &walk_schemas, NULL, &old->schemas, &new->schemas, false);
	walk(&s, &walk_extensions, NULL, &old->extensions, &new->extensions, false);
	walk(&s, &walk_types, NULL, &old->types, &new->types, false);
	walk(&s, &walk_sequences, NULL, &old->sequences, &new->sequences, false);
	compare_tables(&s);
	add_table_parts(&s);
	walk(&s, &walk_views, NULL, &old->views, &new->views, false);
	walk(&s, &walk_functions, NULL, &old->functions, &new->functions, false);
	walk(&s, &walk_objects, NULL, &old->objects, &new->objects, false);
	if (!s.o->no_grants)
		compare_default_acls(&s, &old->default_acls, &new->default_acls);

	if (out->changes.n > 1)
		qsort(out->changes.v, out->changes.n, sizeof(void *), cmp_change);
	for (size_t i = 0; i < out->changes.n; i++) {
		const struct change *ch = out->changes.v[i];
		out->counts[ch->kind][ch->action]++;
		out->hazards |= ch->hazards;
	}
	for (size_t k = 0; k < s.o->n_renames; k++)
		if (!s.hint_used[k])
			ptrvec_push(&out->unused_renames, (void *)&s.o->renames[k]);
	free(s.hint_used);
}

void compare_free(struct comparison *c)
{
	for (size_t i = 0; i < c->changes.n; i++) {
		struct change *ch = c->changes.v[i];
		ptrvec_free(&ch->fields);
		for (size_t j = 0; j < ch->up.n; j++)
			free(ch->up.v[j]);
		for (size_t j = 0; j < ch->down.n; j++)
			free(ch->down.v[j]);
		ptrvec_free(&ch->up);
		ptrvec_free(&ch->down);
	}
	ptrvec_free(&c->changes);
	ptrvec_free(&c->unused_renames);
	if (c->arena)
		arena_free(c->arena);
	c->arena = NULL;
}
