/*
 * diagram.h
 *	  Entity-relationship diagrams of the included tables, in two
 *	  languages: Mermaid's erDiagram (emit_mermaid.c) and Graphviz dot
 *	  (emit_dot.c).  Both draw one plan (diagram.c), so they show the same
 *	  entities, columns, keys and relationships, in the model's order:
 *
 *	  - one entity per included table of every kind (tables, partitioned
 *	    tables, partitions, foreign tables), named schema.table, with each
 *	    column's name and format_type() type, its PK / FK / UK markers
 *	    and NOT NULL; then one "stub" entity (name only, drawn dashed) per
 *	    table that a foreign key references but that is not drawn itself
 *	    (filtered out, or not in the dump);
 *	  - one relationship per foreign key, from the referencing table (the
 *	    child) to the referenced one (the parent), labelled with the
 *	    constraint's name: one-to-one when the key's columns are unique in
 *	    the child, else many-to-one; the parent is optional when a key
 *	    column is nullable; the line is solid when the key lies within the
 *	    child's primary key (identifying), else dashed.
 *
 *	  Views are not drawn.  Text from the dump is written so that each
 *	  language shows it exactly; characters that cannot be shown as they
 *	  are get the visible escapes of escape_char() (see diagram_char()).
 *	  Each emitter returns 0, or -1 when writing to `out` failed.
 */
#ifndef PGB_DIAGRAM_H
#define PGB_DIAGRAM_H

#include "emit.h"
#include "fkey.h"

#include <stdio.h>

/* Key markers of a column (diagram_column_keys). */
enum {
	DIAGRAM_PK = 1 << 0, /* in the primary key */
	DIAGRAM_FK = 1 << 1, /* in a foreign key */
	DIAGRAM_UK = 1 << 2, /* in a UNIQUE constraint or a unique, not partial, index */
};

struct diagram_entity {
	const char *schema;    /* never NULL */
	const char *name;      /* never NULL */
	const struct table *t; /* NULL for a stub */
	size_t n_partitions;   /* partitions collapsed into this one (diagram_opts) */
	bool keys_only;	       /* draw only the columns diagram_column_keys() marks */
};

struct diagram_rel {
	size_t child;	       /* entity index of the referencing table */
	size_t parent;	       /* entity index of the referenced table */
	const struct table *t; /* the referencing table */
	const struct constraint *fk;
	struct fkey_card card;
	long child_column;  /* 0-based column of the key's first column in the child, or -1 */
	long parent_column; /* the same for the first referenced column in the parent, or -1 */
};

struct diagram {
	struct diagram_entity *entities; /* included tables in model order, then stubs by name */
	size_t n_entities;
	struct diagram_rel *rels; /* by child, then its constraints' order */
	size_t n_rels;
};

/*
 * What to draw (diagram's --around, --depth, --keys-only, --partitions; the
 * report's per-schema and per-table diagrams).  Zeroed: every included
 * table, every column, partitions collapsed into their parent.
 */
struct diagram_opts {
	const struct table *around; /* only this table and its FK neighbours, or NULL */
	int depth;		    /* with around: FK hops to follow either way (0 means 1) */
	const char *schema;	    /* only this schema's tables (and stubs of others), or NULL */
	bool keys_only;		    /* only columns in a PK, FK or UNIQUE key */
	bool partitions;	    /* draw each partition; else one entity per partitioned
				       table, its partitions counted in diagram_entity */
};

/* Plan the diagram of m's included tables (after filter_apply and model_sort), everything. */
void diagram_plan(const struct model *m, struct diagram *d);
/* The same with opts (NULL: as diagram_plan). */
void diagram_plan_opts(const struct model *m, const struct diagram_opts *opts, struct diagram *d);
void diagram_free(struct diagram *d);

/* What one diagram language writes; diagram_draw() calls it in order. */
struct diagram_lang {
	const char *head; /* written first */
	void (*entity)(struct sink *out, const struct diagram_entity *e,
		       size_t id); /* id: 1-based */
	void (*relationship)(struct sink *out, const struct diagram_rel *r);
	void (*tail)(struct sink *out, const struct diagram *d); /* written last */
};

/* Plans m's diagram and writes it in lang: head, every entity, every relationship, tail.
 * 0, or -1 when writing to out failed. */
int diagram_draw(const struct model *m, const struct diagram_lang *lang, struct sink *out);
/* The same, planned with opts (NULL: everything). */
int diagram_draw_opts(const struct model *m, const struct diagram_opts *opts,
		      const struct diagram_lang *lang, struct sink *out);
/* The planned diagram d written in lang; 0, or -1 when writing to out failed. */
int diagram_write(const struct diagram *d, const struct diagram_lang *lang, struct sink *out);

/* Graphviz dot, as `diagram --format dot` writes it (emit_dot.c); diagram_svg lays it out. */
extern const struct diagram_lang emit_dot_lang;

/*
 * The planned diagram d as one SVG document (<svg ...>...</svg>, no XML
 * prolog, so it can be inlined in HTML), laid out and rendered in process
 * by Graphviz's C library (dot layout, the dot emitter's graph).  Text
 * from the dump comes out as SVG text, never markup.  Appends to svg;
 * 0, or -1 when Graphviz failed or is not in this build
 * (diagram_svg_available): then *why is set to a static message.
 */
int diagram_svg(const struct diagram *d, struct strbuf *svg, const char **why);
/* Was this binary built with Graphviz's library (the static build is not)? */
bool diagram_svg_available(void);

/* DIAGRAM_PK | DIAGRAM_FK | DIAGRAM_UK of column `name` of t. */
unsigned diagram_column_keys(const struct table *t, const char *name);

/* "partitioned table", "partition", "foreign table", or NULL for an ordinary table. */
const char *diagram_kind_label(const struct table *t);

/*
 * Like escape_char(): the length of the character at s, and in esc its
 * visible escape when it cannot be drawn as it is, "" otherwise.  On top
 * of escape_char()'s escapes, U+FFFE and U+FFFF (which XML, so SVG, cannot
 * carry) become "\ufffe" and "\uffff".
 */
size_t diagram_char(const char *s, char esc[ESCAPE_MAX]);

#endif /* PGB_DIAGRAM_H */
