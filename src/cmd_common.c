/*
 * cmd_common.c
 *	  The load + filter + sort every command runs, and the one-document
 *	  commands' driver (inspect, diagram): options, load, emit, write.
 */
#include "cmd_common.h"

#include "atomicfile.h"
#include "baseline.h"
#include "cmd_progress.h"
#include "load.h"
#include "diag.h"
#include "filter.h"
#include "pgb.h"
#include "sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cmd_parse_format(enum emit_family family, const char *s, int *out)
{
	const struct emitter *e = emit_find_in(family, s);
	if (e == NULL)
		return false;
	*out = (int)e->format;
	return true;
}

int cmd_write_report(const struct cli_args *a, const struct model *m, const struct emit_opts *eo,
		     struct diags *d)
{
	struct strbuf doc;
	struct sink s;
	int rc = 0;

	sb_init(&doc);
	sink_init_buf(&s, &doc);
	if (emit_get((enum emit_format)a->format)->write(m, eo, &s) != 0) {
		fprintf(stderr, "pgbaseline: error: cannot write the report\n");
		rc = PGB_EXIT_INPUT;
	} else if (a->output != NULL) {
		struct outfile f = {
		    .path = a->output, .data = doc.data ? doc.data : "", .len = doc.len};
		if (atomic_write_files(&f, 1, a->force, d) != 0)
			rc = PGB_EXIT_INPUT;
		diags_print(d, stderr);
	} else if ((doc.len > 0 && fwrite(doc.data, 1, doc.len, stdout) != doc.len) ||
		   fflush(stdout) != 0) {
		fprintf(stderr, "pgbaseline: error: cannot write the report\n");
		rc = PGB_EXIT_INPUT;
	}
	sb_free(&doc);
	return rc;
}

int cmd_emit_format(const struct model *m, int format, FILE *out, struct diags *d)
{
	return cmd_emit_format_opts(m, format, NULL, out);
}

int cmd_emit_format_opts(const struct model *m, int format, const struct emit_opts *eo, FILE *out)
{
	struct sink s;
	sink_init_file(&s, out);
	return emit_get((enum emit_format)format)->write(m, eo, &s);
}

bool cmd_data_only(const struct model *m)
{
	return m->tables.n == 0 && m->views.n == 0 && m->sequences.n == 0 && m->types.n == 0 &&
	       m->functions.n == 0 && (m->source.copy_blocks > 0 || m->source.inserts > 0);
}

int cmd_load(const struct cmd_load_opts *o, struct model **out, struct diags *d)
{
	struct model *m = model_new();
	struct cmd_progress progress;
	cmd_progress_begin(&progress, o->path, d->quiet);
	bool ok = load_dump_opts(
	    m, o->path, o->dbname,
	    &(struct load_opts){.progress = cmd_progress_update, .progress_ctx = &progress}, d);
	cmd_progress_end(&progress);

	diags_print(d, stderr);
	*out = NULL;
	if (!ok) {
		model_free(m);
		/* The dump was fine, this machine was not (a full TMPDIR): status 1. */
		return d->failures > 0 ? PGB_EXIT_FAILURE : PGB_EXIT_INPUT;
	}
	if (cmd_data_only(m))
		diag_warn(d, (struct loc){.file = m->source.file},
			  "a data-only dump (pg_dump --data-only): %ld COPY block%s and %ld "
			  "INSERT%s for tables it does not define; it describes no schema",
			  m->source.copy_blocks, m->source.copy_blocks == 1 ? "" : "s",
			  m->source.inserts, m->source.inserts == 1 ? "" : "s");
	filter_apply(m, o->filter);
	model_sort(m);
	/* As pg_dump: a -n or -t pattern that selects nothing is a mistake (filter.h). */
	bool matched = filter_check_matches(o->filter, m, d);
	diags_print(d, stderr);
	if (!matched) {
		model_free(m);
		return PGB_EXIT_INPUT;
	}
	*out = m;
	return PGB_EXIT_OK;
}

/* Returns -1 to go on, or an exit status. */
static int parse_document_args(const struct cli_command *cmd, int argc, char **argv,
			       struct cli_args *a, cli_own_option_fn own, void *ctx)
{
	int rc = cli_parse(cmd, argc, argv, a, own, ctx);
	if (rc >= 0)
		return rc;
	if (a->first_operand != argc - 1) {
		cli_usage_error(cmd,
				a->first_operand >= argc ? "%s needs a DUMP file"
							 : "%s takes one DUMP file",
				cmd->name);
		return PGB_EXIT_INPUT;
	}
	if (a->output != NULL && a->output[0] == '\0') {
		cli_usage_error(cmd, "--output needs a file name");
		return PGB_EXIT_INPUT;
	}
	return -1;
}

/* Load, emit, write; the options are parsed and -o checked. */
typedef int (*emit_ctx_fn)(const struct model *m, int format, FILE *out, void *ctx,
			   struct diags *d);

static int emit_document(const struct cli_args *a, const char *dump, emit_ctx_fn emit, void *ctx,
			 struct diags *d)
{
	struct model *m = NULL;
	char *doc = NULL;
	size_t doc_len = 0;
	FILE *out = a->output ? open_memstream(&doc, &doc_len) : stdout;
	int rc;

	if (out == NULL) {
		fprintf(stderr, "pgbaseline: error: out of memory\n");
		rc = PGB_EXIT_FAILURE;
	} else if ((rc = cmd_load(&(struct cmd_load_opts){.path = dump,
							  .dbname = a->dbname,
							  .filter = a->filter},
				  &m, d)) != PGB_EXIT_OK) {
		/* cmd_load said why */
	} else if ((rc = emit(m, a->format, out, ctx, d)) >= PGB_EXIT_INPUT) {
		/* the emit said why (a refusal: its exit status) */
	} else if (rc != 0 || fflush(out) != 0) {
		fprintf(stderr, "pgbaseline: error: cannot write the %s\n",
			a->output ? "document" : "report");
		rc = PGB_EXIT_FAILURE;
	} else if (a->output != NULL &&
		   (rc = atomic_write_files(
			&(struct outfile){.path = a->output, .data = doc, .len = doc_len}, 1,
			a->force, d)) != 0) {
		/* atomic_write_files said why */
	} else if (a->strict && m->source.unparsed > 0) {
		fprintf(stderr,
			"pgbaseline: error: %ld statement%s could not be parsed (--strict)\n",
			m->source.unparsed, m->source.unparsed == 1 ? "" : "s");
		rc = PGB_EXIT_UNPARSED;
	} else {
		rc = PGB_EXIT_OK;
	}
	if (a->output != NULL && out != NULL)
		fclose(out);
	free(doc);
	model_free(m);
	return rc;
}

/* cmd_run_document's emit, under cmd_run_document_ctx. */
struct plain_emit {
	int (*emit)(const struct model *m, int format, FILE *out, struct diags *d);
};

static int call_plain_emit(const struct model *m, int format, FILE *out, void *ctx, struct diags *d)
{
	return ((struct plain_emit *)ctx)->emit(m, format, out, d) != 0 ? -1 : 0;
}

int cmd_run_document(const struct cli_command *cmd, int argc, char **argv, int default_format,
		     int (*emit)(const struct model *m, int format, FILE *out, struct diags *d),
		     struct diags *d)
{
	struct plain_emit pe = {emit};
	return cmd_run_document_ctx(cmd, argc, argv, default_format, NULL, call_plain_emit, &pe, d);
}

int cmd_run_document_ctx(const struct cli_command *cmd, int argc, char **argv, int default_format,
			 cli_own_option_fn own, emit_ctx_fn emit, void *ctx, struct diags *d)
{
	struct cli_args a = {.format = default_format, .filter = filter_new()};
	int rc = parse_document_args(cmd, argc, argv, &a, own, ctx);

	d->quiet = a.quiet;

	/* A FILE that would be refused is refused before the dump is read. */
	if (rc < 0 && a.output != NULL) {
		int check =
		    atomic_check_targets(&(struct outfile){.path = a.output}, 1, a.force, d);
		if (check != PGB_EXIT_OK)
			rc = check;
	}
	if (rc < 0) {
		rc = emit_document(&a, argv[a.first_operand], emit, ctx, d);
		load_cleanup();
	}
	filter_free(a.filter);
	return rc;
}

/* cmd_run_document_opts under cmd_run_document_ctx: the command's own options and ctx, and
 * the emit_opts the format's emitter gets. */
struct opts_emit {
	cli_own_option_fn own;
	void *ctx;
	const struct emit_opts *eo;
};

static int call_own_option(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
			   void *ctx)
{
	const struct opts_emit *oe = ctx;
	return oe->own(cmd, id, arg, oe->ctx);
}

static int call_emit_opts(const struct model *m, int format, FILE *out, void *ctx, struct diags *d)
{
	struct sink s;
	(void)d;
	sink_init_file(&s, out);
	return emit_get((enum emit_format)format)
			   ->write(m, ((const struct opts_emit *)ctx)->eo, &s) != 0
		   ? -1
		   : 0;
}

int cmd_run_document_opts(const struct cli_command *cmd, int argc, char **argv, int default_format,
			  cli_own_option_fn own, void *ctx, const struct emit_opts *eo,
			  struct diags *d)
{
	struct opts_emit oe = {own, ctx, eo};
	return cmd_run_document_ctx(cmd, argc, argv, default_format, own ? call_own_option : NULL,
				    call_emit_opts, &oe, d);
}

bool cmd_check_rev(const struct cli_command *cmd, const char *rev)
{
	if (baseline_rev_valid(rev))
		return true;
	cli_usage_error(cmd,
			"revision id \"%s\" is not usable: Alembic needs 1 to 32 characters "
			"(its version_num is VARCHAR(32)) of letters, digits, '_' and '.'",
			rev);
	return false;
}

int cmd_add_rename(const struct cli_command *cmd, const char *arg, struct cmd_renames *r)
{
	struct rename_hint h;
	if (!compare_parse_rename(arg, &h)) {
		cli_usage_error(cmd,
				"--rename \"%s\" is not OLD=NEW with OLD schema.table or "
				"schema.table.column, and NEW the same or the new name",
				arg);
		return PGB_EXIT_INPUT;
	}
	r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	r->v[r->n++] = h;
	return 0;
}

bool cmd_report_unused_renames(const struct comparison *cmp, struct diags *d)
{
	for (size_t i = 0; i < cmp->unused_renames.n; i++) {
		const struct rename_hint *h = cmp->unused_renames.v[i];
		diag_error(d, (struct loc){0},
			   "--rename %s=%s matches no dropped %s and added one; nothing written",
			   h->from, h->to,
			   strchr(h->from, '.') != strrchr(h->from, '.') ? "column" : "table");
	}
	return cmp->unused_renames.n > 0;
}

void cmd_free_renames(struct cmd_renames *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free((char *)r->v[i].from);
		free((char *)r->v[i].to);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}
