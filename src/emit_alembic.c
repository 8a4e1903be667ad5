/*
 * emit_alembic.c
 *	  The Alembic baseline revision: a module in the shape of Alembic's
 *	  script.py.mako (1.16), whose docstring documents the schema that
 *	  already exists and whose upgrade() and downgrade() do nothing.
 *
 *	  The docstring has three levels (--doc): minimal lists the tables,
 *	  the total row count and how to apply the revision; standard adds each
 *	  table's columns, constraints and indexes, the relationships, the data
 *	  volume, the other objects, tracked and untracked tables, unparsed
 *	  statements and the schema fingerprint; comprehensive adds column
 *	  types, index definitions, object details, the DBA's validation
 *	  queries and notes.
 *
 *	  Text from the dump goes through quote_python_docstring_text(), so
 *	  __doc__ holds every name and comment exactly as the dump had it:
 *	  control characters are written as escapes (\n, \t, \x07) and become
 *	  the real characters again in __doc__, so the file keeps one line per
 *	  entry and nothing from the dump can close the docstring or add a
 *	  line to the source.  (Python 3.13 and later expand tabs in docstrings
 *	  when compiling; that is the one change __doc__ can show.)  Lists are
 *	  wrapped between entries, never inside a name, at DOC_WIDTH columns.
 *
 *	  Table names are written bare in schema "public" and schema-qualified
 *	  everywhere else, the way search_path = public shows them.
 */
#include "baseline.h"
#include "textquote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARROW_RIGHT "\xe2\x86\x92" /* U+2192 */
#define ARROW_LEFT  "\xe2\x86\x90" /* U+2190 */
#define ARROW_BOTH  "\xe2\x86\x94" /* U+2194 */

/* Lists wrap before an entry that would pass this column. */
#define DOC_WIDTH 79

static const char *nz(const char *s)
{
	return s ? s : "";
}

static bool have_untracked(const struct baseline_opts *o)
{
	return o->untracked != NULL && !filter_is_empty(o->untracked);
}

/*
 * What the emitter knows about each table, indexed like m->tables.
 */

enum rows_source {
	ROWS_UNKNOWN,
	ROWS_STATS, /* the DBA's --stats CSV */
	ROWS_COPY,  /* COPY data in the dump */
	ROWS_PARTS, /* the sum of the partitions' rows */
};

struct tinfo {
	bool folded;	      /* a partition listed under its included parent */
	size_t parent;	      /* folded: the parent's index in m->tables */
	struct ptrvec parts;  /* struct table *: the folded partitions */
	long long rows;	      /* -1 when unknown */
	enum rows_source src; /* where rows came from */
	unsigned sources; /* 1 << ROWS_STATS | 1 << ROWS_COPY: where the counts summed came from */
};

struct table_ref {
	const char *schema;
	const char *name;
	size_t index; /* position in m->tables */
};

static int compare_table_refs(const void *a, const void *b)
{
	const struct table_ref *x = a, *y = b;
	int c = strcmp(x->schema, y->schema);
	return c != 0 ? c : strcmp(x->name, y->name);
}

struct doc {
	const struct model *m;
	const struct baseline_opts *o;
	struct strbuf *out;
	struct strbuf line; /* the line being built, in docstring source form */
	struct strbuf item; /* one list entry being built */
	struct tinfo *ti;
	struct table_ref *refs; /* included tables, sorted by schema and name */
	size_t n_refs;
};

/* --doc comprehensive: one object per line, with its details. */
static bool detailed(const struct doc *d)
{
	return d->o->doc == DOC_COMPREHENSIVE;
}

static const struct table *find_included(const struct doc *d, const char *schema, const char *name,
					 size_t *index)
{
	struct table_ref key = {nz(schema), nz(name), 0};
	const struct table_ref *hit =
	    d->n_refs > 0 ? bsearch(&key, d->refs, d->n_refs, sizeof(key), compare_table_refs)
			  : NULL;
	if (hit == NULL)
		return NULL;
	if (index != NULL)
		*index = hit->index;
	return d->m->tables.v[hit->index];
}

static long long own_rows(const struct baseline_opts *o, const struct table *t,
			  enum rows_source *src)
{
	if (o->stats != NULL) {
		long long n = stats_rows(o->stats, nz(t->h.schema), nz(t->h.name));
		if (n >= 0) {
			*src = ROWS_STATS;
			return n;
		}
	}
	*src = t->rows >= 0 ? ROWS_COPY : ROWS_UNKNOWN;
	return t->rows >= 0 ? t->rows : -1;
}

/*
 * The table a partition is listed under: its topmost included ancestor
 * (a sub-partition goes under the root, not under a partition that is
 * itself listed under it), or the table itself.  The walk is bounded, so
 * even a malformed dump's loop of ATTACH PARTITIONs ends.
 */
static size_t listed_under(const struct doc *d, size_t i)
{
	size_t at = i;
	for (size_t steps = 0; steps < d->m->tables.n; steps++) {
		const struct table *t = d->m->tables.v[at];
		size_t parent;
		if (t->parent_table == NULL ||
		    find_included(d, t->parent_schema ? t->parent_schema : t->h.schema,
				  t->parent_table, &parent) == NULL ||
		    parent == at)
			break;
		at = parent;
	}
	return at;
}

static void tinfo_build(struct doc *d)
{
	const struct model *m = d->m;

	d->ti = xcalloc(m->tables.n ? m->tables.n : 1, sizeof(*d->ti));
	d->refs = xcalloc(m->tables.n ? m->tables.n : 1, sizeof(*d->refs));
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (t->h.included)
			d->refs[d->n_refs++] =
			    (struct table_ref){nz(t->h.schema), nz(t->h.name), i};
	}
	if (d->n_refs > 0)
		qsort(d->refs, d->n_refs, sizeof(*d->refs), compare_table_refs);

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		struct tinfo *ti = &d->ti[i];
		ti->rows = own_rows(d->o, t, &ti->src);
		ti->sources = ti->src != ROWS_UNKNOWN ? 1u << ti->src : 0;
		if (!t->h.included || t->parent_table == NULL)
			continue;
		ti->parent = listed_under(d, i);
		if (ti->parent != i) {
			ti->folded = true;
			ptrvec_push(&d->ti[ti->parent].parts, (void *)t);
		}
	}
	/*
	 * A partitioned table holds no rows itself: unless the stats name it,
	 * its rows are those of the leaf partitions listed under it.
	 */
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		const struct tinfo *ti = &d->ti[i];
		struct tinfo *parent = &d->ti[ti->parent];
		if (!ti->folded || ti->rows < 0 || t->kind == TABLE_PARTITIONED)
			continue;
		if (parent->src == ROWS_UNKNOWN || parent->src == ROWS_PARTS) {
			parent->rows = (parent->rows < 0 ? 0 : parent->rows) + ti->rows;
			parent->src = ROWS_PARTS;
			parent->sources |= ti->sources;
		}
	}
}

static void tinfo_free(struct doc *d)
{
	for (size_t i = 0; i < d->m->tables.n; i++)
		ptrvec_free(&d->ti[i].parts);
	free(d->ti);
	free(d->refs);
}

static const struct table *part_table(const struct tinfo *ti, size_t j)
{
	return ti->parts.v[j];
}

/*
 * Writing the docstring.  put() adds pgbaseline's own text, which has no
 * backslash and no '"'; putq() adds text from the dump, escaped.
 */

static void put(struct strbuf *sb, const char *s)
{
	sb_append(sb, s);
}

static void putq(struct strbuf *sb, const char *s)
{
	quote_python_docstring_text(sb, nz(s));
}

/* A table (or other relation) name: bare in "public", qualified elsewhere. */
static void put_rel(struct strbuf *sb, const char *schema, const char *name)
{
	if (schema != NULL && strcmp(schema, "public") != 0) {
		putq(sb, schema);
		put(sb, ".");
	}
	putq(sb, name);
}

static void put_list(struct strbuf *sb, const struct ptrvec *pv)
{
	for (size_t i = 0; i < pv->n; i++) {
		if (i > 0)
			put(sb, ", ");
		putq(sb, pv->v[i]);
	}
}

static void end_line(struct doc *d)
{
	if (d->line.len > 0)
		sb_append_len(d->out, d->line.data, d->line.len);
	sb_putc(d->out, '\n');
	sb_reset(&d->line);
}

static void blank(struct doc *d)
{
	sb_putc(d->out, '\n');
}

static void indent(struct strbuf *sb, int n)
{
	for (int i = 0; i < n; i++)
		sb_putc(sb, ' ');
}

/* Columns text takes in an editor: one per character. */
static size_t text_width(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

static size_t width(const struct strbuf *sb)
{
	return text_width(sb->data, sb->len);
}

/* A whole line of our own text at an indent. */
static void line(struct doc *d, int ind, const char *s)
{
	indent(&d->line, ind);
	put(&d->line, s);
	end_line(d);
}

/*
 * One entry of a detailed list, built in `item`, written at `ind` columns
 * after `prefix`: on one line when it fits, otherwise cut at byte `split`
 * (where its details begin with " ", ": " or ", ") and continued four
 * columns further in.  split 0: never cut.
 */
static void write_entry(struct doc *d, int ind, const char *prefix, const struct strbuf *item,
			size_t split)
{
	struct strbuf *ln = &d->line;
	indent(ln, ind);
	put(ln, prefix);
	if (split == 0 || split >= item->len || width(ln) + width(item) <= DOC_WIDTH) {
		if (item->len > 0)
			sb_append_len(ln, item->data, item->len);
		end_line(d);
		return;
	}
	const char *rest = item->data + split;
	sb_append_len(ln, item->data, split);
	if (*rest == ':')
		put(ln, ":");
	while (*rest == ':' || *rest == ',' || *rest == ' ')
		rest++;
	end_line(d);
	indent(ln, ind + 4);
	put(ln, rest);
	end_line(d);
}

/*
 * A list written after a label on d->line, entries separated by ", "
 * and wrapped to continuation lines at `cont` columns.  Each entry is
 * built in d->item, then passed to flow_item().
 */
struct flow {
	struct doc *d;
	int cont;
	int n; /* entries written */
};

static struct strbuf *flow_next(struct flow *f)
{
	sb_reset(&f->d->item);
	return &f->d->item;
}

static void flow_item(struct flow *f)
{
	struct strbuf *ln = &f->d->line, *item = &f->d->item;
	if (f->n > 0) {
		put(ln, ",");
		/* Leave room for the comma that may follow the entry. */
		if (width(ln) + 1 + width(item) + 1 > DOC_WIDTH) {
			end_line(f->d);
			indent(ln, f->cont);
		} else
			put(ln, " ");
	}
	if (item->len > 0)
		sb_append_len(ln, item->data, item->len);
	f->n++;
}

/* Finish a list; `none` is written when it had no entries. */
static void flow_end(struct flow *f, const char *none)
{
	if (f->n == 0)
		put(&f->d->line, none);
	end_line(f->d);
}

/*
 * Numbers.
 */

/* "2", "~45K", "~1.2M": exact below 1000. */
static void put_count(struct strbuf *sb, long long n)
{
	static const char units[] = "KMBT";
	if (n < 1000) {
		sb_printf(sb, "%lld", n);
		return;
	}
	double v = (double)n;
	int u = -1;
	while (v >= 999.95 && u < (int)sizeof(units) - 2) {
		v /= 1000.0;
		u++;
	}
	char num[32];
	if (v < 9.95) {
		snprintf(num, sizeof(num), "%.1f", v);
		size_t len = strlen(num);
		if (len > 2 && strcmp(num + len - 2, ".0") == 0)
			num[len - 2] = '\0';
	} else
		snprintf(num, sizeof(num), "%.0f", v);
	sb_printf(sb, "~%s%c", num, units[u]);
}

/* "1 record", "~45K records"; exact_too adds the exact count to an approximate one. */
static void put_rows(struct strbuf *sb, long long n, bool exact_too)
{
	put_count(sb, n);
	put(sb, n == 1 ? " record" : " records");
	if (exact_too && n >= 1000)
		sb_printf(sb, " (%lld)", n);
}

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * Column sets, for relationship cardinality.
 */

static bool has_name(const struct ptrvec *pv, const char *s)
{
	for (size_t i = 0; i < pv->n; i++)
		if (strcmp(nz(pv->v[i]), s) == 0)
			return true;
	return false;
}

static bool is_subset(const struct ptrvec *a, const struct ptrvec *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (!has_name(b, nz(a->v[i])))
			return false;
	return true;
}

static bool same_set(const struct ptrvec *a, const struct ptrvec *b)
{
	return a->n == b->n && is_subset(a, b) && is_subset(b, a);
}

static bool is_disjoint(const struct ptrvec *a, const struct ptrvec *b)
{
	for (size_t i = 0; i < a->n; i++)
		if (has_name(b, nz(a->v[i])))
			return false;
	return true;
}

static const struct constraint *primary_key(const struct table *t)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (c->kind == CON_PRIMARY)
			return c;
	}
	return NULL;
}

/*
 * An association table, the middle of a many-to-many relationship: its
 * primary key is made of exactly the columns of two foreign keys (and no
 * other foreign key's columns lie within it).  The two may reference the
 * same table (followers of users).  *a gets the key whose columns come
 * first in the primary key.
 */
static bool association_keys(const struct table *t, const struct constraint **a,
			     const struct constraint **b)
{
	const struct constraint *pk = primary_key(t), *found[2] = {NULL, NULL};
	int n = 0;

	if (pk == NULL || pk->columns.n < 2)
		return false;
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if (c->kind != CON_FOREIGN || c->columns.n == 0 ||
		    !is_subset(&c->columns, &pk->columns))
			continue;
		if (n == 2)
			return false;
		found[n++] = c;
	}
	if (n != 2 || !is_disjoint(&found[0]->columns, &found[1]->columns) ||
	    found[0]->columns.n + found[1]->columns.n != pk->columns.n)
		return false;
	size_t first0 = 0, first1 = 0;
	for (size_t i = 0; i < pk->columns.n; i++) {
		if (strcmp(nz(pk->columns.v[i]), nz(found[0]->columns.v[0])) == 0)
			first0 = i;
		if (strcmp(nz(pk->columns.v[i]), nz(found[1]->columns.v[0])) == 0)
			first1 = i;
	}
	*a = first0 <= first1 ? found[0] : found[1];
	*b = first0 <= first1 ? found[1] : found[0];
	return true;
}

/* Is a value of the key's columns unique in its table (a one-to-one relationship)? */
static bool key_is_unique(const struct table *t, const struct constraint *fk)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		const struct constraint *c = t->constraints.v[i];
		if ((c->kind == CON_PRIMARY || c->kind == CON_UNIQUE) &&
		    same_set(&c->columns, &fk->columns))
			return true;
	}
	/* A unique index on plain columns, not partial, enforces the same. */
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = t->indexes.v[i];
		if (ix->unique && ix->where == NULL && same_set(&ix->columns, &fk->columns))
			return true;
	}
	return false;
}

/*
 * Constraints and indexes, the way the reference writes them:
 * PK(id), UNIQUE(email, username), FK(user_id) → users.id CASCADE.
 */

static void put_flags(struct strbuf *sb, const struct constraint *c)
{
	if (c->deferrable)
		put(sb, " DEFERRABLE");
	if (c->initially_deferred)
		put(sb, " INITIALLY DEFERRED");
	if (!c->valid)
		put(sb, " NOT VALID");
}

static bool is_no_action(const char *action)
{
	return action == NULL || strcmp(action, "NO ACTION") == 0;
}

static void put_fk_target(struct strbuf *sb, const struct table *t, const struct constraint *c)
{
	put_rel(sb, c->ref_schema ? c->ref_schema : t->h.schema, c->ref_table);
	if (c->ref_columns.n == 1) {
		put(sb, ".");
		putq(sb, c->ref_columns.v[0]);
	} else if (c->ref_columns.n > 1) {
		put(sb, "(");
		put_list(sb, &c->ref_columns);
		put(sb, ")");
	}
}

static void put_constraint(struct strbuf *sb, const struct table *t, const struct constraint *c)
{
	switch (c->kind) {
	case CON_PRIMARY:
	case CON_UNIQUE:
		put(sb, c->kind == CON_PRIMARY ? "PK(" : "UNIQUE(");
		put_list(sb, &c->columns);
		put(sb, ")");
		if (c->include.n > 0) {
			put(sb, " INCLUDE (");
			put_list(sb, &c->include);
			put(sb, ")");
		}
		if (c->nulls_not_distinct)
			put(sb, " NULLS NOT DISTINCT");
		break;
	case CON_FOREIGN:
		put(sb, "FK(");
		put_list(sb, &c->columns);
		put(sb, ") " ARROW_RIGHT " ");
		put_fk_target(sb, t, c);
		if (!is_no_action(c->on_delete)) {
			put(sb, " ");
			putq(sb, c->on_delete);
		}
		if (!is_no_action(c->on_update)) {
			put(sb, " ON UPDATE ");
			putq(sb, c->on_update);
		}
		if (c->match != NULL && strcmp(c->match, "SIMPLE") != 0) {
			put(sb, " MATCH ");
			putq(sb, c->match);
		}
		break;
	case CON_CHECK:
		put(sb, "CHECK(");
		putq(sb, c->expression);
		put(sb, ")");
		if (c->no_inherit)
			put(sb, " NO INHERIT");
		break;
	case CON_EXCLUSION:
		put(sb, "EXCLUDE ");
		if (c->method != NULL) {
			putq(sb, c->method);
			put(sb, " ");
		}
		put(sb, "(");
		put_list(sb, &c->columns);
		put(sb, ")");
		if (c->where != NULL) {
			put(sb, " WHERE (");
			putq(sb, c->where);
			put(sb, ")");
		}
		break;
	}
	put_flags(sb, c);
}

/* Upper-cased index method: "GIN", "GIST". */
static void put_method(struct strbuf *sb, const char *method)
{
	struct strbuf up;
	sb_init(&up);
	for (const char *p = method; *p; p++)
		sb_putc(&up, (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p);
	putq(sb, up.data);
	sb_free(&up);
}

/* "ix_products_metadata (GIN)", "ix_products_sku (UNIQUE)": btree is not mentioned. */
static void put_index_label(struct strbuf *sb, const struct index *ix)
{
	bool method = ix->method != NULL && strcmp(ix->method, "btree") != 0;
	putq(sb, ix->h.name);
	if (!ix->unique && !method)
		return;
	put(sb, " (");
	if (ix->unique)
		put(sb, method ? "UNIQUE, " : "UNIQUE");
	if (method)
		put_method(sb, ix->method);
	put(sb, ")");
}

/* Comprehensive: "ix_orders_status: status WHERE status <> 'cancelled'"; *split after the name. */
static void put_index_detail(struct strbuf *sb, const struct index *ix, size_t *split)
{
	put_index_label(sb, ix);
	*split = sb->len;
	put(sb, ": ");
	put_list(sb, &ix->columns);
	if (ix->include.n > 0) {
		put(sb, " INCLUDE (");
		put_list(sb, &ix->include);
		put(sb, ")");
	}
	if (ix->nulls_not_distinct)
		put(sb, " NULLS NOT DISTINCT");
	if (ix->where != NULL) {
		put(sb, " WHERE ");
		putq(sb, ix->where);
	}
	if (ix->h.comment != NULL) {
		put(sb, " -- ");
		putq(sb, ix->h.comment);
	}
}

/*
 * The header: message, revision, source.
 */

static const char *basename_of(const char *path)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return "standard input";
	const char *slash = strrchr(path, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

static void write_header(struct doc *d)
{
	const struct baseline_opts *o = d->o;

	putq(&d->line, o->message);
	end_line(d);
	blank(d);
	put(&d->line, "Revision ID: ");
	putq(&d->line, o->rev);
	end_line(d);
	/* A baseline has no parent: Alembic's template writes "Revises: " then. */
	line(d, 0, "Revises: ");
	put(&d->line, "Create Date: ");
	putq(&d->line, o->create_date);
	end_line(d);
}

static void write_source(struct doc *d)
{
	const struct source_info *src = &d->m->source;
	struct flow f = {d, 8, 0};

	blank(d);
	line(d, 0, "Source:");
	put(&d->line, d->o->n_dumps > 1 ? "    Dumps: " : "    Dump: ");
	if (d->o->n_dumps > 0) {
		for (int i = 0; i < d->o->n_dumps; i++) {
			putq(flow_next(&f), basename_of(d->o->dump_names[i]));
			flow_item(&f);
		}
	} else {
		putq(flow_next(&f), basename_of(src->file));
		flow_item(&f);
	}
	flow_end(&f, "");
	if (src->pg_dump_version != NULL) {
		put(&d->line, "    pg_dump ");
		putq(&d->line, src->pg_dump_version);
		end_line(d);
	}
	if (src->server_version != NULL) {
		put(&d->line, "    PostgreSQL server ");
		putq(&d->line, src->server_version);
		end_line(d);
	}
	line(d, 4, "Written by pgbaseline " PGB_VERSION);
}

/*
 * Existing Schema: the tables.
 */

static void write_table_heading(struct doc *d, const struct table *t)
{
	put(&d->line, "        - ");
	put_rel(&d->line, t->h.schema, t->h.name);
	if (t->h.comment != NULL) {
		put(&d->line, ": ");
		putq(&d->line, t->h.comment);
	}
	end_line(d);
}

/* Partitioning, inheritance, foreign and unlogged tables, row level security. */
static void write_table_kind(struct doc *d, const struct table *t, const struct tinfo *ti)
{
	struct strbuf *ln = &d->line;

	if (t->partition_key != NULL || t->kind == TABLE_PARTITIONED) {
		put(ln, "          Partitioned");
		if (t->partition_key != NULL) {
			put(ln, " by ");
			putq(ln, t->partition_key);
		}
		end_line(d);
	}
	if (ti->parts.n > 0 && !detailed(d)) {
		struct flow f = {d, 14, 0};
		put(ln, "          Partitions: ");
		for (size_t j = 0; j < ti->parts.n; j++) {
			const struct table *p = part_table(ti, j);
			put_rel(flow_next(&f), p->h.schema, p->h.name);
			flow_item(&f);
		}
		flow_end(&f, "");
	} else if (ti->parts.n > 0) {
		line(d, 10, "Partitions:");
		for (size_t j = 0; j < ti->parts.n; j++) {
			const struct table *p = part_table(ti, j);
			put(ln, "              ");
			put_rel(ln, p->h.schema, p->h.name);
			if (p->partition_bound != NULL) {
				put(ln, " ");
				putq(ln, p->partition_bound);
			}
			end_line(d);
		}
	}
	if (t->parent_table != NULL && !ti->folded) {
		put(ln, "          Partition of ");
		put_rel(ln, t->parent_schema ? t->parent_schema : t->h.schema, t->parent_table);
		if (t->partition_bound != NULL) {
			put(ln, " ");
			putq(ln, t->partition_bound);
		}
		end_line(d);
	}
	if (t->inherits.n > 0) {
		put(ln, "          Inherits: ");
		put_list(ln, &t->inherits);
		end_line(d);
	}
	if (t->kind == TABLE_FOREIGN) {
		put(ln, "          Foreign table");
		if (t->foreign_server != NULL) {
			put(ln, " on server ");
			putq(ln, t->foreign_server);
		}
		end_line(d);
	}
	if (t->unlogged)
		line(d, 10, "Unlogged");
	if (t->rls_enabled || t->rls_forced)
		line(d, 10,
		     t->rls_forced ? "Row level security: enabled, forced"
				   : "Row level security: enabled");
}

/* "id: bigint NOT NULL DEFAULT ..."; *split after the nullability. */
static void put_column_detail(struct strbuf *sb, const struct column *c, size_t *split)
{
	putq(sb, c->name);
	put(sb, ": ");
	putq(sb, c->type);
	if (c->collation != NULL) {
		put(sb, " COLLATE ");
		putq(sb, c->collation);
	}
	put(sb, c->not_null ? " NOT NULL" : " NULL");
	*split = sb->len;
	if (c->default_expr != NULL) {
		put(sb, " DEFAULT ");
		putq(sb, c->default_expr);
	}
	if (c->identity == IDENTITY_ALWAYS)
		put(sb, " GENERATED ALWAYS AS IDENTITY");
	else if (c->identity == IDENTITY_BY_DEFAULT)
		put(sb, " GENERATED BY DEFAULT AS IDENTITY");
	if (c->generated != NULL) {
		put(sb, " GENERATED ALWAYS AS (");
		putq(sb, c->generated);
		put(sb, c->virtual_generated ? ") VIRTUAL" : ") STORED");
	}
	if (c->inherited)
		put(sb, " (inherited)");
	if (c->comment != NULL) {
		put(sb, " -- ");
		putq(sb, c->comment);
	}
}

static void write_columns(struct doc *d, const struct table *t)
{
	if (detailed(d)) {
		line(d, 10, t->columns.n > 0 ? "Columns:" : "Columns: none");
		for (size_t i = 0; i < t->columns.n; i++) {
			size_t split;
			sb_reset(&d->item);
			put_column_detail(&d->item, t->columns.v[i], &split);
			write_entry(d, 14, "", &d->item, split);
		}
		return;
	}
	struct flow f = {d, 14, 0};
	put(&d->line, "          Columns: ");
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = t->columns.v[i];
		putq(flow_next(&f), c->name);
		flow_item(&f);
	}
	flow_end(&f, "none");
}

static void write_constraints(struct doc *d, const struct table *t)
{
	static const enum con_kind order[] = {CON_PRIMARY, CON_UNIQUE, CON_FOREIGN, CON_CHECK,
					      CON_EXCLUSION};
	struct flow f = {d, 14, 0};

	if (t->constraints.n == 0)
		return;
	put(&d->line, "          Constraints: ");
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		for (size_t i = 0; i < t->constraints.n; i++) {
			const struct constraint *c = t->constraints.v[i];
			if (c->kind != order[k])
				continue;
			put_constraint(flow_next(&f), t, c);
			flow_item(&f);
		}
	}
	flow_end(&f, "");
}

static void write_indexes(struct doc *d, const struct table *t)
{
	if (t->indexes.n == 0)
		return;
	if (detailed(d)) {
		line(d, 10, "Indexes:");
		for (size_t i = 0; i < t->indexes.n; i++) {
			size_t split;
			sb_reset(&d->item);
			put_index_detail(&d->item, t->indexes.v[i], &split);
			write_entry(d, 14, "", &d->item, split);
		}
		return;
	}
	struct flow f = {d, 14, 0};
	put(&d->line, "          Indexes: ");
	for (size_t i = 0; i < t->indexes.n; i++) {
		put_index_label(flow_next(&f), t->indexes.v[i]);
		flow_item(&f);
	}
	flow_end(&f, "");
}

static size_t count_listed_tables(const struct doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		n += t->h.included && !d->ti[i].folded;
	}
	return n;
}

static void write_included_tables(struct doc *d)
{
	bool first = true;

	line(d, 4, count_listed_tables(d) > 0 ? "Included Tables:" : "Included Tables: none");
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		if (!t->h.included || d->ti[i].folded)
			continue;
		if (!first)
			blank(d);
		first = false;
		write_table_heading(d, t);
		write_table_kind(d, t, &d->ti[i]);
		write_columns(d, t);
		write_constraints(d, t);
		write_indexes(d, t);
	}
}

/*
 * Relationships: users ← orders (One-to-Many, CASCADE),
 * orders ↔ products (Many-to-Many via order_items).
 */

static void write_relationship(struct doc *d, const struct table *t, const struct constraint *c)
{
	struct strbuf *ln = &d->line;
	put(ln, "        - ");
	put_rel(ln, c->ref_schema ? c->ref_schema : t->h.schema, c->ref_table);
	put(ln, " " ARROW_LEFT " ");
	put_rel(ln, t->h.schema, t->h.name);
	put(ln, key_is_unique(t, c) ? " (One-to-One, " : " (One-to-Many, ");
	putq(ln, is_no_action(c->on_delete) ? "NO ACTION" : c->on_delete);
	put(ln, ")");
	end_line(d);
}

static void write_many_to_many(struct doc *d, const struct table *t, const struct constraint *a,
			       const struct constraint *b)
{
	struct strbuf *ln = &d->line;
	put(ln, "        - ");
	put_rel(ln, a->ref_schema ? a->ref_schema : t->h.schema, a->ref_table);
	put(ln, " " ARROW_BOTH " ");
	put_rel(ln, b->ref_schema ? b->ref_schema : t->h.schema, b->ref_table);
	put(ln, " (Many-to-Many via ");
	put_rel(ln, t->h.schema, t->h.name);
	put(ln, ")");
	end_line(d);
}

static void write_relationships(struct doc *d)
{
	bool any = false;

	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		const struct constraint *a = NULL, *b = NULL;
		/* A folded partition's keys are copies of its parent's. */
		if (!t->h.included || d->ti[i].folded)
			continue;
		bool assoc = association_keys(t, &a, &b);
		for (size_t j = 0; j < t->constraints.n; j++) {
			const struct constraint *c = t->constraints.v[j];
			if (c->kind != CON_FOREIGN || (assoc && c == b))
				continue;
			if (!any) {
				blank(d);
				line(d, 4, "Relationships:");
				any = true;
			}
			if (assoc && c == a)
				write_many_to_many(d, t, a, b);
			else
				write_relationship(d, t, c);
		}
	}
}

/*
 * Data volume.
 */

static void write_data_volume(struct doc *d)
{
	unsigned sources = 0;
	int unknown = 0;

	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		if (t->h.included && !d->ti[i].folded) {
			sources |= d->ti[i].sources;
			unknown += d->ti[i].src == ROWS_UNKNOWN;
		}
	}
	blank(d);
	if (sources == 0) {
		line(d, 4, "Data Volume: not known (no COPY data in the dump, no --stats)");
		return;
	}
	put(&d->line, "    Data Volume (from ");
	if (sources & (1u << ROWS_STATS)) {
		putq(&d->line, basename_of(d->o->stats_file));
		if (sources & (1u << ROWS_COPY))
			put(&d->line, ", else ");
	}
	if (sources & (1u << ROWS_COPY))
		put(&d->line, "the dump's COPY data");
	put(&d->line, "):");
	end_line(d);
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		const struct tinfo *ti = &d->ti[i];
		if (!t->h.included || ti->folded || ti->src == ROWS_UNKNOWN)
			continue;
		put(&d->line, "        - ");
		put_rel(&d->line, t->h.schema, t->h.name);
		put(&d->line, ": ");
		put_rows(&d->line, ti->rows, detailed(d));
		if (ti->src == ROWS_PARTS)
			put(&d->line, " in its partitions");
		end_line(d);
	}
	if (unknown > 0) {
		sb_printf(&d->line, "        (%d more %s not known)", unknown,
			  plural(unknown, "table", "tables"));
		end_line(d);
	}
}

/*
 * The other objects: views, sequences, types, functions, triggers,
 * policies, extensions.  Standard lists names on one wrapped line each;
 * comprehensive writes one object per line with its details.
 */

struct listing {
	struct doc *d;
	const char *title;
	bool begun;
	struct flow f;
	size_t split; /* where the entry's details begin, or 0 */
};

/* Start an entry: it is built in the returned buffer (d->item). */
static struct strbuf *listing_entry(struct listing *ls)
{
	struct doc *d = ls->d;
	if (!ls->begun) {
		sb_printf(&d->line, detailed(d) ? "        %s:" : "        %s: ", ls->title);
		if (detailed(d))
			end_line(d);
		ls->f = (struct flow){d, 12, 0};
		ls->begun = true;
	}
	ls->split = 0;
	return flow_next(&ls->f);
}

/* The entry's details start here: a long detailed entry is cut here. */
static void listing_split(struct listing *ls)
{
	ls->split = ls->d->item.len;
}

static void listing_done(struct listing *ls)
{
	if (!detailed(ls->d))
		flow_item(&ls->f);
	else
		write_entry(ls->d, 12, "- ", &ls->d->item, ls->split);
}

static void listing_end(struct listing *ls)
{
	if (ls->begun && !detailed(ls->d))
		flow_end(&ls->f, "");
}

static void put_comment(struct strbuf *sb, const char *comment)
{
	if (comment != NULL) {
		put(sb, ": ");
		putq(sb, comment);
	}
}

static void write_schemas(struct doc *d)
{
	struct listing ls = {d, "Schemas", false, {0}, 0};
	for (size_t i = 0; i < d->m->schemas.n; i++) {
		const struct schema *s = d->m->schemas.v[i];
		if (!s->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		putq(sb, s->h.name);
		if (detailed(d))
			put_comment(sb, s->h.comment);
		listing_done(&ls);
	}
	listing_end(&ls);
}

static void write_views(struct doc *d)
{
	struct listing ls = {d, "Views", false, {0}, 0};
	for (size_t i = 0; i < d->m->views.n; i++) {
		const struct view *v = d->m->views.v[i];
		if (!v->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		put_rel(sb, v->h.schema, v->h.name);
		if (v->materialized)
			put(sb, " (materialized)");
		if (!detailed(d)) {
			listing_done(&ls);
			continue;
		}
		listing_split(&ls);
		put_comment(sb, v->h.comment);
		listing_done(&ls);
		for (size_t j = 0; j < v->indexes.n; j++) {
			size_t split;
			sb_reset(&d->item);
			put_index_detail(&d->item, v->indexes.v[j], &split);
			write_entry(d, 16, "index ", &d->item, split);
		}
	}
	listing_end(&ls);
}

static void write_sequences(struct doc *d)
{
	struct listing ls = {d, "Sequences", false, {0}, 0};
	for (size_t i = 0; i < d->m->sequences.n; i++) {
		const struct sequence *s = d->m->sequences.v[i];
		if (!s->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		put_rel(sb, s->h.schema, s->h.name);
		if (detailed(d)) {
			listing_split(&ls);
			if (s->data_type != NULL && strcmp(s->data_type, "bigint") != 0) {
				put(sb, " AS ");
				putq(sb, s->data_type);
			}
			if (s->owned_by_table != NULL) {
				put(sb, s->identity ? " (identity of " : " (owned by ");
				put_rel(sb, s->owned_by_schema ? s->owned_by_schema : s->h.schema,
					s->owned_by_table);
				put(sb, ".");
				putq(sb, s->owned_by_column);
				put(sb, ")");
			}
			put_comment(sb, s->h.comment);
		}
		listing_done(&ls);
	}
	listing_end(&ls);
}

static void put_type_detail(struct strbuf *sb, const struct pgtype *ty)
{
	switch (ty->kind) {
	case TYPE_ENUM:
		put(sb, " (");
		for (size_t i = 0; i < ty->labels.n; i++) {
			struct strbuf lit;
			sb_init(&lit);
			quote_sql_literal(&lit, nz(ty->labels.v[i]));
			if (i > 0)
				put(sb, ", ");
			putq(sb, lit.data);
			sb_free(&lit);
		}
		put(sb, ")");
		break;
	case TYPE_COMPOSITE:
		put(sb, " (");
		for (size_t i = 0; i < ty->attributes.n; i++) {
			const struct type_attr *a = ty->attributes.v[i];
			if (i > 0)
				put(sb, ", ");
			putq(sb, a->name);
			put(sb, " ");
			putq(sb, a->type);
		}
		put(sb, ")");
		break;
	case TYPE_DOMAIN:
		put(sb, " over ");
		putq(sb, ty->base_type);
		if (ty->not_null)
			put(sb, " NOT NULL");
		for (size_t i = 0; i < ty->checks.n; i++) {
			const struct domain_check *ck = ty->checks.v[i];
			put(sb, " CHECK (");
			putq(sb, ck->expression);
			put(sb, ")");
		}
		break;
	case TYPE_RANGE:
		put(sb, " of ");
		putq(sb, ty->subtype);
		break;
	case TYPE_BASE:
		break;
	}
}

static void write_types(struct doc *d)
{
	struct listing ls = {d, "Types", false, {0}, 0};
	for (size_t i = 0; i < d->m->types.n; i++) {
		const struct pgtype *ty = d->m->types.v[i];
		if (!ty->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		put_rel(sb, ty->h.schema, ty->h.name);
		if (detailed(d)) {
			listing_split(&ls);
			sb_printf(sb, ": %s", type_kind_name(ty->kind));
			put_type_detail(sb, ty);
			if (ty->h.comment != NULL) {
				put(sb, " -- ");
				putq(sb, ty->h.comment);
			}
		} else
			sb_printf(sb, " (%s)", type_kind_name(ty->kind));
		listing_done(&ls);
	}
	listing_end(&ls);
}

static void write_functions(struct doc *d)
{
	struct listing ls = {d, "Functions", false, {0}, 0};
	for (size_t i = 0; i < d->m->functions.n; i++) {
		const struct function *fn = d->m->functions.v[i];
		if (!fn->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		if (fn->signature != NULL)
			put_rel(sb, fn->h.schema, fn->signature);
		else {
			put_rel(sb, fn->h.schema, fn->h.name);
			put(sb, "(");
			putq(sb, fn->arguments);
			put(sb, ")");
		}
		if (fn->kind != FUNC_FUNCTION)
			sb_printf(sb, " (%s)", func_kind_name(fn->kind));
		if (detailed(d)) {
			listing_split(&ls);
			if (fn->returns != NULL) {
				put(sb, " returns ");
				putq(sb, fn->returns);
			}
			if (fn->language != NULL) {
				put(sb, fn->returns != NULL ? ", language " : " language ");
				putq(sb, fn->language);
			}
			if (fn->h.comment != NULL) {
				put(sb, " -- ");
				putq(sb, fn->h.comment);
			}
		}
		listing_done(&ls);
	}
	listing_end(&ls);
}

static void put_trigger_detail(struct strbuf *sb, const struct trigger *tg)
{
	put(sb, ": ");
	if (tg->constraint_trigger)
		put(sb, "CONSTRAINT ");
	putq(sb, tg->timing);
	put(sb, " ");
	putq(sb, tg->events);
	put(sb, tg->for_each_row ? " FOR EACH ROW" : " FOR EACH STATEMENT");
	if (tg->when != NULL) {
		put(sb, " WHEN (");
		putq(sb, tg->when);
		put(sb, ")");
	}
	put(sb, " EXECUTE FUNCTION ");
	putq(sb, tg->function);
	if (tg->comment != NULL) {
		put(sb, " -- ");
		putq(sb, tg->comment);
	}
}

static void write_triggers(struct doc *d)
{
	struct listing ls = {d, "Triggers", false, {0}, 0};
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		if (!t->h.included)
			continue;
		for (size_t j = 0; j < t->triggers.n; j++) {
			const struct trigger *tg = t->triggers.v[j];
			struct strbuf *sb = listing_entry(&ls);
			putq(sb, tg->name);
			put(sb, " on ");
			put_rel(sb, t->h.schema, t->h.name);
			if (detailed(d)) {
				listing_split(&ls);
				put_trigger_detail(sb, tg);
			}
			listing_done(&ls);
		}
	}
	listing_end(&ls);
}

static void put_policy_detail(struct strbuf *sb, const struct policy *p)
{
	put(sb, p->permissive ? ": " : ": RESTRICTIVE ");
	put(sb, "FOR ");
	putq(sb, p->command ? p->command : "ALL");
	if (p->roles.n > 0) {
		put(sb, " TO ");
		put_list(sb, &p->roles);
	}
	if (p->using_expr != NULL) {
		put(sb, " USING (");
		putq(sb, p->using_expr);
		put(sb, ")");
	}
	if (p->check_expr != NULL) {
		put(sb, " WITH CHECK (");
		putq(sb, p->check_expr);
		put(sb, ")");
	}
	if (p->comment != NULL) {
		put(sb, " -- ");
		putq(sb, p->comment);
	}
}

static void write_policies(struct doc *d)
{
	struct listing ls = {d, "Policies", false, {0}, 0};
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		if (!t->h.included)
			continue;
		for (size_t j = 0; j < t->policies.n; j++) {
			const struct policy *p = t->policies.v[j];
			struct strbuf *sb = listing_entry(&ls);
			putq(sb, p->name);
			put(sb, " on ");
			put_rel(sb, t->h.schema, t->h.name);
			if (detailed(d)) {
				listing_split(&ls);
				put_policy_detail(sb, p);
			}
			listing_done(&ls);
		}
	}
	listing_end(&ls);
}

static void write_extensions(struct doc *d)
{
	struct listing ls = {d, "Extensions", false, {0}, 0};
	for (size_t i = 0; i < d->m->extensions.n; i++) {
		const struct extension *e = d->m->extensions.v[i];
		if (!e->h.included)
			continue;
		struct strbuf *sb = listing_entry(&ls);
		putq(sb, e->h.name);
		if (e->version != NULL) {
			put(sb, " ");
			putq(sb, e->version);
		}
		if (detailed(d) && e->h.schema != NULL) {
			put(sb, " (schema ");
			putq(sb, e->h.schema);
			put(sb, ")");
		}
		listing_done(&ls);
	}
	listing_end(&ls);
}

static bool any_other_objects(const struct model *m)
{
	struct model_summary s;
	model_summarize(m, &s);
	return s.schemas + s.views + s.materialized_views + s.sequences + s.types + s.functions +
		   s.triggers + s.policies + s.extensions >
	       0;
}

static void write_other_objects(struct doc *d)
{
	if (!any_other_objects(d->m))
		return;
	blank(d);
	line(d, 4, "Other Objects:");
	write_schemas(d);
	write_views(d);
	write_sequences(d);
	write_types(d);
	write_functions(d);
	write_triggers(d);
	write_policies(d);
	write_extensions(d);
}

/*
 * Tracking, unparsed statements, fingerprint.
 */

static void write_tracking(struct doc *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->m->tables.n; i++)
		n += ((const struct table *)d->m->tables.v[i])->h.included;
	blank(d);
	if (!have_untracked(d->o)) {
		sb_printf(&d->line, "Tracked Tables: all %zu included %s (no --untracked patterns)",
			  n, plural((long)n, "table", "tables"));
		end_line(d);
		return;
	}
	for (int tracked = 1; tracked >= 0; tracked--) {
		struct flow f = {d, 4, 0};
		if (!tracked)
			blank(d);
		line(d, 0,
		     tracked ? "Tracked Tables (Alembic manages):"
			     : "Untracked Tables (manually managed, outside Alembic):");
		put(&d->line, "    ");
		for (size_t i = 0; i < d->m->tables.n; i++) {
			const struct table *t = d->m->tables.v[i];
			if (!t->h.included || baseline_table_tracked(d->o, t) != (bool)tracked)
				continue;
			put_rel(flow_next(&f), t->h.schema, t->h.name);
			flow_item(&f);
		}
		flow_end(&f, "none");
	}
}

static void write_unparsed(struct doc *d)
{
	if (d->m->unparsed.n == 0)
		return;
	blank(d);
	line(d, 0, "Unparsed Statements (not reflected above; review them before stamping):");
	for (size_t i = 0; i < d->m->unparsed.n; i++) {
		const struct unparsed *u = d->m->unparsed.v[i];
		put(&d->line, "    - ");
		putq(&d->line, basename_of(d->m->source.file));
		sb_printf(&d->line, ":%d:%d: ", u->line, u->col);
		if (u->object != NULL) {
			putq(&d->line, u->object);
			put(&d->line, ": ");
		}
		putq(&d->line, u->message);
		end_line(d);
		if (detailed(d) && u->excerpt != NULL) {
			put(&d->line, "      ");
			putq(&d->line, u->excerpt);
			end_line(d);
		}
	}
}

static void write_fingerprint(struct doc *d)
{
	if (d->o->fingerprint == NULL)
		return;
	blank(d);
	line(d, 0, "Schema Fingerprint:");
	put(&d->line, "    ");
	putq(&d->line, d->o->fingerprint);
	end_line(d);
}

/*
 * Purpose, how to apply, validation queries, notes.
 */

static void write_purpose(struct doc *d)
{
	blank(d);
	line(d, 0, "Purpose:");
	line(d, 4, "Register the current schema as the initial version without executing");
	line(d, 4, "DDL, enabling incremental migrations from this point forward.");
	if (have_untracked(d->o) && d->o->doc != DOC_MINIMAL)
		line(d, 4, "Untracked tables are documented here but managed outside Alembic.");
}

static void write_how_to_apply(struct doc *d)
{
	blank(d);
	line(d, 0, "How to Apply:");
	line(d, 4, "The tables already exist: record this revision without running it,");
	put(&d->line, "        $ alembic stamp ");
	putq(&d->line, d->o->rev);
	end_line(d);
	line(d, 4, "or, as a DBA without Alembic, run the stamp script written with it:");
	put(&d->line, "        $ psql -v ON_ERROR_STOP=1 -f ");
	putq(&d->line, d->o->rev);
	put(&d->line, "_stamp.sql");
	end_line(d);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_schema(struct ptrvec *pv, const struct objhdr *h)
{
	if (h->included && h->schema != NULL)
		ptrvec_push(pv, (void *)h->schema);
}

/* The schemas the baseline's objects live in, sorted, each once. */
static void collect_schemas(const struct model *m, struct ptrvec *out)
{
	struct ptrvec all = {0};
	for (size_t i = 0; i < m->tables.n; i++)
		add_schema(&all, &((const struct table *)m->tables.v[i])->h);
	for (size_t i = 0; i < m->views.n; i++)
		add_schema(&all, &((const struct view *)m->views.v[i])->h);
	for (size_t i = 0; i < m->sequences.n; i++)
		add_schema(&all, &((const struct sequence *)m->sequences.v[i])->h);
	for (size_t i = 0; i < m->types.n; i++)
		add_schema(&all, &((const struct pgtype *)m->types.v[i])->h);
	for (size_t i = 0; i < m->functions.n; i++)
		add_schema(&all, &((const struct function *)m->functions.v[i])->h);
	if (all.n > 0)
		qsort(all.v, all.n, sizeof(void *), compare_strings);
	for (size_t i = 0; i < all.n; i++)
		if (out->n == 0 || strcmp(out->v[out->n - 1], all.v[i]) != 0)
			ptrvec_push(out, all.v[i]);
	ptrvec_free(&all);
}

/* "WHERE <column> IN ('public', 'sales')", wrapped. */
static void write_schema_condition(struct doc *d, const char *prefix, const struct ptrvec *schemas)
{
	struct flow f = {d, 12, 0};
	struct strbuf lit;
	sb_init(&lit);
	sb_printf(&d->line, "    %s IN (", prefix);
	for (size_t i = 0; i < schemas->n; i++) {
		sb_reset(&lit);
		quote_sql_literal(&lit, schemas->v[i]);
		putq(flow_next(&f), lit.data);
		flow_item(&f);
	}
	put(&d->line, ")");
	end_line(d);
	sb_free(&lit);
}

static void write_validation_queries(struct doc *d)
{
	struct ptrvec schemas = {0};
	size_t n_tables = 0;

	collect_schemas(d->m, &schemas);
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		n_tables += t->h.included && t->kind != TABLE_FOREIGN;
	}
	blank(d);
	line(d, 0, "Validation Queries:");
	line(d, 4, "Run these against each database before stamping it; the results should");
	line(d, 4, "match the schema documented above.");
	if (schemas.n > 0) {
		blank(d);
		sb_printf(&d->line, "    -- Tables (%zu in this baseline)", n_tables);
		end_line(d);
		line(d, 4, "SELECT schemaname, tablename");
		line(d, 4, "FROM pg_tables");
		write_schema_condition(d, "WHERE schemaname", &schemas);
		line(d, 4, "ORDER BY schemaname, tablename;");
		blank(d);
		line(d, 4, "-- Table sizes");
		line(d, 4, "SELECT schemaname, tablename, pg_size_pretty(pg_total_relation_size(");
		line(d, 8, "format('%I.%I', schemaname, tablename)::regclass)) AS size");
		line(d, 4, "FROM pg_tables");
		write_schema_condition(d, "WHERE schemaname", &schemas);
		line(d, 4, "ORDER BY pg_total_relation_size(");
		line(d, 8, "format('%I.%I', schemaname, tablename)::regclass) DESC;");
		blank(d);
		line(d, 4, "-- Constraints, foreign keys with their ON DELETE rules");
		line(d, 4, "SELECT conrelid::regclass AS table_name, conname, contype,");
		line(d, 8, "pg_get_constraintdef(oid) AS definition");
		line(d, 4, "FROM pg_constraint");
		line(d, 4, "WHERE conrelid <> 0 AND connamespace IN (");
		line(d, 8, "SELECT oid FROM pg_namespace");
		write_schema_condition(d, "    WHERE nspname", &schemas);
		line(d, 4, ")");
		line(d, 4, "ORDER BY conrelid::regclass::text, contype, conname;");
		blank(d);
		line(d, 4, "-- Indexes");
		line(d, 4, "SELECT schemaname, tablename, indexname, indexdef");
		line(d, 4, "FROM pg_indexes");
		write_schema_condition(d, "WHERE schemaname", &schemas);
		line(d, 4, "ORDER BY schemaname, tablename, indexname;");
	}
	blank(d);
	line(d, 4, "-- After stamping: the version table holds this revision");
	/* Built whole, then escaped once, so the identifiers' quotes read as SQL. */
	struct strbuf sql;
	sb_init(&sql);
	sb_append(&sql, "SELECT version_num FROM ");
	if (d->o->version_table_schema != NULL) {
		quote_sql_ident(&sql, d->o->version_table_schema);
		sb_putc(&sql, '.');
	}
	quote_sql_ident(&sql, d->o->version_table ? d->o->version_table : "alembic_version");
	sb_printf(&sql, ";  -- expect %s", nz(d->o->rev));
	put(&d->line, "    ");
	putq(&d->line, sql.data);
	end_line(d);
	sb_free(&sql);
	ptrvec_free(&schemas);
}

static void write_notes(struct doc *d)
{
	blank(d);
	line(d, 0, "Notes:");
	line(d, 4, "- Do not edit this revision once it has been stamped anywhere; record");
	line(d, 6, "schema changes in new revisions.");
	line(d, 4, "- upgrade() creates nothing.  To build a new database, restore the");
	line(d, 6, "schema first (pg_dump --schema-only, then psql), then stamp it.");
	line(d, 4, "- Stamp only databases whose schema matches this one: compare their");
	line(d, 6, "fingerprints (pgbaseline) first and reconcile any difference.");
}

/*
 * Minimal: the tables on one wrapped line and the total row count.
 */

static void write_minimal_schema(struct doc *d)
{
	struct flow f = {d, 12, 0};
	long long total = 0;
	size_t known = 0, listed = 0;

	blank(d);
	line(d, 0, "Existing Schema:");
	put(&d->line, "    Tables: ");
	for (size_t i = 0; i < d->m->tables.n; i++) {
		const struct table *t = d->m->tables.v[i];
		const struct tinfo *ti = &d->ti[i];
		if (!t->h.included || ti->folded)
			continue;
		struct strbuf *sb = flow_next(&f);
		put_rel(sb, t->h.schema, t->h.name);
		if (ti->parts.n > 0)
			sb_printf(sb, " (+%zu %s)", ti->parts.n,
				  plural((long)ti->parts.n, "partition", "partitions"));
		flow_item(&f);
		listed++;
		if (ti->rows >= 0) {
			total += ti->rows;
			known++;
		}
	}
	flow_end(&f, "none");
	put(&d->line, "    Total records: ");
	if (known == 0)
		put(&d->line, "not known (no COPY data in the dump, no --stats)");
	else {
		put_count(&d->line, total);
		if (known == listed)
			put(&d->line, " across all tables");
		else
			sb_printf(&d->line, " across %zu of %zu tables", known, listed);
	}
	end_line(d);
	if (d->m->unparsed.n > 0) {
		sb_printf(&d->line, "    Unparsed statements: %zu (not reflected here)",
			  d->m->unparsed.n);
		end_line(d);
	}
}

/*
 * The module around the docstring, in the shape of Alembic 1.16's
 * script.py.mako.  `op` and `sa` are not imported: a baseline runs no
 * operation, and pyflakes (which the generated file must pass) reports
 * unused imports.
 */

static const char module_imports[] =
    "from typing import Sequence, Union\n"
    "\n"
    "# A baseline runs no operations, so Alembic's usual `from alembic import op`\n"
    "# and `import sqlalchemy as sa` are left out; add them in later revisions.\n"
    "\n"
    "\n"
    "# revision identifiers, used by Alembic.\n";

static const char module_functions[] =
    "\n"
    "\n"
    "def upgrade() -> None:\n"
    "    \"\"\"Baseline migration: marks the existing schema as the initial version.\n"
    "\n"
    "    This migration does NOT make changes to the database.\n"
    "    Tables already exist and will not be modified.\n"
    "    \"\"\"\n"
    "    pass\n"
    "\n"
    "\n"
    "def downgrade() -> None:\n"
    "    \"\"\"No downgrade for a baseline.\n"
    "\n"
    "    There is no state before the initial version to revert to.\n"
    "    \"\"\"\n"
    "    pass\n";

static void write_docstring(struct doc *d)
{
	write_header(d);
	if (d->o->doc == DOC_MINIMAL) {
		write_minimal_schema(d);
	} else {
		write_source(d);
		blank(d);
		line(d, 0, "Existing Schema:");
		write_included_tables(d);
		write_relationships(d);
		write_data_volume(d);
		write_other_objects(d);
		write_tracking(d);
		write_unparsed(d);
		write_fingerprint(d);
	}
	write_purpose(d);
	write_how_to_apply(d);
	if (detailed(d)) {
		write_validation_queries(d);
		write_notes(d);
	}
}

void emit_alembic_revision(const struct model *m, const struct baseline_opts *o, struct strbuf *out)
{
	struct doc d = {.m = m, .o = o, .out = out};
	sb_init(&d.line);
	sb_init(&d.item);
	tinfo_build(&d);

	sb_append(out, "\"\"\"");
	write_docstring(&d);
	sb_append(out, "\"\"\"\n");
	sb_append(out, module_imports);
	sb_append(out, "revision: str = ");
	quote_python_literal(out, nz(o->rev));
	sb_append(out, "\n"
		       "down_revision: Union[str, Sequence[str], None] = None\n"
		       "branch_labels: Union[str, Sequence[str], None] = None\n"
		       "depends_on: Union[str, Sequence[str], None] = None\n");
	sb_append(out, module_functions);

	tinfo_free(&d);
	sb_free(&d.line);
	sb_free(&d.item);
}
