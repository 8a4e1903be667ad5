/*
 * cmd_common.h
 *	  What the commands (src/cmd_*.c) share: loading a dump into a
 *	  filtered, sorted model, and writing one document to stdout or -o.
 *	  Internal to the cmd_*.c files.
 */
#ifndef PGB_CMD_COMMON_H
#define PGB_CMD_COMMON_H

#include "cli.h"
#include "compare.h"
#include "emit.h"
#include "model.h"

#include <stdio.h>

/* What a command loads: one dump, read as the shared options say. */
struct cmd_load_opts {
	const char *path;	     /* the dump, or "-" for stdin */
	const char *dbname;	     /* --dbname, or NULL */
	const struct filter *filter; /* -n -N -t -T */
};

/*
 * Read the dump (load.h), print what the loader reported, apply the
 * filter, sort.  Returns PGB_EXIT_OK with *out a new model (the caller
 * frees it with model_free), or PGB_EXIT_INPUT after reporting why, *out
 * NULL.
 */
int cmd_load(const struct cmd_load_opts *o, struct model **out, struct diags *d);

/*
 * A data-only dump (pg_dump --data-only): COPY or INSERT data, and no table,
 * view, type or function defined.  cmd_load warns about one.
 */
bool cmd_data_only(const struct model *m);

/*
 * inspect and diagram: load the one DUMP, write emit()'s document to
 * stdout or to -o FILE (all or nothing), --strict.  Returns the exit status.
 */
int cmd_run_document(const struct cli_command *cmd, int argc, char **argv, int default_format,
		     int (*emit)(const struct model *m, int format, FILE *out, struct diags *d),
		     struct diags *d);

/*
 * The same for a command with options of its own (own, ctx: cli_parse) and
 * an emit that gets ctx too.
 */
int cmd_run_document_ctx(const struct cli_command *cmd, int argc, char **argv, int default_format,
			 cli_own_option_fn own,
			 int (*emit)(const struct model *m, int format, FILE *out, void *ctx,
				     struct diags *d),
			 void *ctx, struct diags *d);
/*
 * The same with the command's own options (cli_parse's `own`, given
 * `ctx`), the document written by the format's emitter with `eo`, which
 * `own` may fill as it reads them.
 */
int cmd_run_document_opts(const struct cli_command *cmd, int argc, char **argv, int default_format,
			  cli_own_option_fn own, void *ctx, const struct emit_opts *eo,
			  struct diags *d);

/* --format: the emitter of that name (or alias) in `family`, as *out (enum emit_format). */
bool cmd_parse_format(enum emit_family family, const char *s, int *out);

/*
 * The report of format a->format on m (with eo), written whole to a->output
 * (atomically, --force) or to stdout.  0, or 2 after reporting a failure.
 */
int cmd_write_report(const struct cli_args *a, const struct model *m, const struct emit_opts *eo,
		     struct diags *d);
/* cmd_run_document's emit: emitter `format` (enum emit_format) to `out`; 0 or -1. */
int cmd_emit_format(const struct model *m, int format, FILE *out, struct diags *d);
/* The same with the emitter's options (NULL: none). */
int cmd_emit_format_opts(const struct model *m, int format, const struct emit_opts *eo, FILE *out);

/* A revision id Alembic can use (baseline_rev_valid); false after a usage error. */
bool cmd_check_rev(const struct cli_command *cmd, const char *rev);

/* --rename hints, as diff and revision take them (compare.h). */
struct cmd_renames {
	struct rename_hint *v; /* from and to malloc'd */
	size_t n;
};
/* One --rename argument added to r; 0, or the exit status after a usage error. */
int cmd_add_rename(const struct cli_command *cmd, const char *arg, struct cmd_renames *r);
/* Each hint the comparison left unused, reported as an error; true when there was one. */
bool cmd_report_unused_renames(const struct comparison *cmp, struct diags *d);
void cmd_free_renames(struct cmd_renames *r);

#endif /* PGB_CMD_COMMON_H */
