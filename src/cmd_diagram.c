/*
 * cmd_diagram.c
 *	  `pgbaseline diagram`: the ER diagram of one dump's tables, as
 *	  Mermaid or Graphviz dot (emit.h), to stdout or -o FILE.
 */
#include "cmd_common.h"
#include "diagram.h"
#include "emit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* Mermaid's default maxTextSize: a longer diagram is drawn as an error message. */
#define MERMAID_MAX_TEXT 50000

/* The text's length as JavaScript counts it (UTF-16 code units), as Mermaid compares it. */
static size_t js_length(const char *s, size_t n)
{
	size_t units = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80)
			units += c >= 0xF0 ? 2 : 1;
	}
	return units;
}

/* diagram's own options (--around, --depth, --keys-only, --partitions). */
struct diagram_cli {
	const char *around; /* the pattern, or NULL */
	struct diagram_opts opts;
};

static int diagram_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
			  void *ctx)
{
	struct diagram_cli *c = ctx;

	switch (id) {
	case OPT_AROUND:
		c->around = arg;
		return 0;
	case OPT_DEPTH: {
		char *end;
		errno = 0;
		long n = strtol(arg, &end, 10);
		if (errno != 0 || end == arg || *end != '\0' || n < 1 || n > 1000000) {
			cli_usage_error(cmd, "--depth \"%s\" is not a number of hops from 1 up",
					arg);
			return PGB_EXIT_INPUT;
		}
		c->opts.depth = (int)n;
		return 0;
	}
	case OPT_KEYS_ONLY:
		c->opts.keys_only = true;
		return 0;
	case OPT_PARTITIONS:
		c->opts.partitions = true;
		return 0;
	default:
		cli_usage_error(cmd, "unknown option");
		return PGB_EXIT_INPUT;
	}
}

/*
 * The one table --around's pattern names among the tables drawn, as
 * -t reads a pattern; NULL after reporting why (none, or several).
 */
static const struct table *find_around(const struct model *m, const char *pattern, struct diags *d)
{
	struct filter *f = filter_new();
	const struct table *hit = NULL;
	size_t n = 0;
	struct strbuf names;

	sb_init(&names);
	if (!filter_add(f, FILTER_TABLE, pattern)) {
		filter_free(f);
		return NULL; /* filter_add reported it */
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (!t->h.included || !filter_relation_included(f, t->h.schema, t->h.name))
			continue;
		if (n++ < 5) {
			sb_append(&names, n > 1 ? ", " : "");
			filter_pattern_for(&names, t->h.schema, t->h.name);
		}
		hit = t;
	}
	filter_free(f);
	if (n == 0)
		diag_error(d, (struct loc){0},
			   "--around \"%s\" names no table of those drawn (-n, -N, -t and -T apply "
			   "first)",
			   pattern);
	else if (n > 1)
		diag_error(d, (struct loc){0},
			   "--around \"%s\" names %zu tables (%s%s); it must name one: qualify it "
			   "with its schema, or quote it",
			   pattern, n, names.data, n > 5 ? ", ..." : "");
	sb_free(&names);
	diags_print(d, stderr);
	return n == 1 ? hit : NULL;
}

/*
 * The diagram; a Mermaid one longer than Mermaid draws by default is still
 * written (a renderer may raise maxTextSize), with a warning that says how
 * long it is and how to draw less.  SVG needs Graphviz's library: without
 * it (the static build), or when it fails, the reason and status 2.
 */
static int diagram_emit(const struct model *m, int format, FILE *out, void *ctx, struct diags *d)
{
	struct diagram_cli *c = ctx;
	struct emit_opts eo = {.diagram = &c->opts};

	if (c->opts.depth > 0 && c->around == NULL) {
		diag_usage_error("--depth needs --around TABLE: the hops are counted from that "
				 "table");
		return PGB_EXIT_INPUT;
	}
	if (c->around != NULL && (c->opts.around = find_around(m, c->around, d)) == NULL)
		return PGB_EXIT_INPUT;
	if (format == EMIT_SVG) {
		struct diagram dg;
		struct strbuf svg;
		const char *why = NULL;
		sb_init(&svg);
		diagram_plan_opts(m, &c->opts, &dg);
		int rc = diagram_svg(&dg, &svg, &why);
		diagram_free(&dg);
		if (rc != 0) {
			diag_error(d, (struct loc){0}, "cannot draw the SVG: %s", why);
			diags_print(d, stderr);
			sb_free(&svg);
			return PGB_EXIT_INPUT;
		}
		rc = fwrite(svg.data ? svg.data : "", 1, svg.len, out) == svg.len ? 0 : -1;
		sb_free(&svg);
		return rc;
	}
	if (format != EMIT_MERMAID)
		return cmd_emit_format_opts(m, format, &eo, out);
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (mem == NULL)
		return -1;
	int rc = cmd_emit_format_opts(m, format, &eo, mem);
	if (fclose(mem) != 0)
		rc = -1;
	size_t units = rc == 0 ? js_length(text, len) : 0;
	if (units > MERMAID_MAX_TEXT)
		diag_warn(d, (struct loc){0},
			  "the Mermaid diagram is %zu characters long, and Mermaid draws only an "
			  "error for more than %d (its maxTextSize): draw fewer tables with -n, "
			  "-N, -t, -T or --around, or use --format dot or svg",
			  units, MERMAID_MAX_TEXT);
	if (rc == 0 && fwrite(text, 1, len, out) != len)
		rc = -1;
	free(text);
	return rc;
}

static bool diagram_parse_format(const char *s, int *out)
{
	return cmd_parse_format(EMIT_DIAGRAM, s, out);
}

static int diagram_run(const struct cli_command *cmd, int argc, char **argv, struct diags *d)
{
	struct diagram_cli c = {0};
	return cmd_run_document_ctx(cmd, argc, argv, EMIT_MERMAID, diagram_option, diagram_emit, &c,
				    d);
}

const struct cli_command cmd_diagram = {
    .name = "diagram",
    .bit = CLI_DIAGRAM,
    .summary = "write an ER diagram of the tables (Mermaid, Graphviz dot or SVG)",
    .synopsis = "[OPTIONS] DUMP",
    .about = "Read DUMP (as inspect does) and write an entity-relationship diagram of its\n"
	     "tables: one entity per table with each column's name, type, PK/FK/UK markers\n"
	     "and NOT NULL; one relationship per foreign key, labelled with its name, with\n"
	     "its cardinality (one-to-one when the key's columns are unique, else\n"
	     "many-to-one; the referenced side optional when a key column is nullable).\n"
	     "Control characters and invisible or bidirectional marks in names are shown\n"
	     "as visible escapes (\\n, \\x07, \\u200f).\n",
    .epilog = "Patterns use pg_dump's syntax: * and ? wildcards, \"Quoted\" names keep case,\n"
	      "schema.table qualifies.\n"
	      "\n"
	      "Exit status: 0 success; 1 the output could not be written; 2 usage error, bad\n"
	      "input or FILE exists; 3 unparsed statements under --strict (the diagram is\n"
	      "still written).\n",
    .formats = "mermaid, dot or svg",
    .format_help = "mermaid (erDiagram, the default), dot (Graphviz) or svg (drawn by "
		   "Graphviz's library)",
    .parse_format = diagram_parse_format,
    .run = diagram_run,
};
