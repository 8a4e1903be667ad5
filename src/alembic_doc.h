/*
 * alembic_doc.h
 *	  Internal to the revision emitter (emit_alembic.c, alembic_text.c,
 *	  alembic_objects.c, alembic_tables.c): the docstring being written and
 *	  the helpers that lay its text out.  doc_put() adds pgbaseline's own
 *	  text; doc_putq() adds text from the dump, escaped so __doc__ reads
 *	  back exactly (textquote.h).
 *
 *	  Calls go one way, top to bottom, never back up:
 *	    emit_alembic.c     the module and the docstring's frame;
 *	    alembic_objects.c  the Other Objects section;
 *	    alembic_tables.c   the table sections (keeps struct tinfo to
 *	                       itself; doc_put_index_detail serves
 *	                       alembic_objects.c too);
 *	    alembic_text.c     the layout helpers (doc_put, doc_flow_*, ...).
 *	  tests/cli/t_emit.sh checks this on the object files.
 */
#ifndef PGB_ALEMBIC_DOC_H
#define PGB_ALEMBIC_DOC_H

#include "baseline.h"
#include "facts.h"
#include "sink.h"
#include "textquote.h"

/* Lists wrap before an entry that would pass this column. */
#define DOC_WIDTH 79

struct tinfo;

struct doc {
	const struct model *m;
	const struct baseline_opts *o;
	struct sink *out;   /* the revision module */
	struct strbuf line; /* the line being built, in docstring source form */
	struct strbuf item; /* one list entry being built */
	struct tinfo *ti;
	struct table_index *tables; /* the included tables by name */
};

/* --doc comprehensive: one object per line, with its details. */
static inline bool detailed(const struct doc *d)
{
	return d->o->doc == DOC_COMPREHENSIVE;
}

/*
 * A list written after a label on d->line, entries separated by ", "
 * and wrapped to continuation lines at `cont` columns.  Each entry is
 * built in d->item, then passed to doc_flow_item().
 */
struct flow {
	struct doc *d;
	int cont;
	int n; /* entries written */
};

void doc_put(struct strbuf *sb, const char *s);
void doc_putq(struct strbuf *sb, const char *s);
void doc_put_rel(struct strbuf *sb, const char *schema, const char *name);
void doc_put_function(struct strbuf *sb, const struct function *fn);
void doc_put_list(struct strbuf *sb, const struct ptrvec *pv);
void doc_end_line(struct doc *d);
void doc_blank(struct doc *d);
void doc_line(struct doc *d, int ind, const char *s);
void doc_write_entry(struct doc *d, int ind, const char *prefix, const struct strbuf *item,
		     size_t split);
struct strbuf *doc_flow_next(struct flow *f);
void doc_flow_item(struct flow *f);
void doc_flow_end(struct flow *f, const char *none);
void doc_put_count(struct strbuf *sb, long long n);
void doc_put_rows(struct strbuf *sb, long long n, bool exact_too);
const char *doc_plural(long n, const char *one, const char *many);
void doc_write_other_objects(struct doc *d);
void doc_put_index_detail(struct strbuf *sb, const struct index *ix, size_t *split);

/* The name of a dump file without its directories; "standard input" for "-". */
const char *doc_basename(const char *path);

/* Builds d->ti and d->tables: partitions folded under their listed table, row counts. */
void doc_tinfo_build(struct doc *d);
/* Frees what doc_tinfo_build() built. */
void doc_tinfo_free(struct doc *d);
/* "Included Tables:", each with its kind, columns, constraints and indexes. */
void doc_write_included_tables(struct doc *d);
/* "Relationships:", one line per foreign key; association tables as Many-to-Many. */
void doc_write_relationships(struct doc *d);
/* "Data Volume": the listed tables' row counts and where they came from. */
void doc_write_data_volume(struct doc *d);
/* Minimal's "Existing Schema:": the tables on one wrapped line, the total row count. */
void doc_write_minimal_schema(struct doc *d);

#endif /* PGB_ALEMBIC_DOC_H */
