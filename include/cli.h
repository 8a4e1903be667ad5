/*
 * cli.h
 *	  pgbaseline's command line: one table of every option of every
 *	  command, one table of the commands, and the one parser built from
 *	  them.  Each command lives in its own src/cmd_<name>.c and declares
 *	  its struct cli_command there; main.c only dispatches.
 */
#ifndef PGB_CLI_H
#define PGB_CLI_H

#include "diag.h"
#include "filter.h"
#include "pgb.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Which commands take an option: a bit per command, CLI_TOOL for `pgbaseline` itself. */
enum cli_cmd_bit {
	CLI_INSPECT = 1u << 0,
	CLI_DIAGRAM = 1u << 1,
	CLI_BASELINE = 1u << 2,
	CLI_STAMP_SQL = 1u << 3,
	CLI_STATS_QUERY = 1u << 4,
	CLI_TOOL = 1u << 5,
	CLI_DIFF = 1u << 6,
	CLI_VERIFY = 1u << 7,
	CLI_LINT = 1u << 8,
	CLI_REVISION = 1u << 9,
	CLI_MODELS = 1u << 10,
	CLI_REPORT = 1u << 11,
};

/* The one numbering of the options; getopt_long returns OPT_* for every option. */
enum cli_opt_id {
	OPT_HELP = 256,
	OPT_VERSION,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_FORCE,
	OPT_SCHEMA,
	OPT_EXCLUDE_SCHEMA,
	OPT_TABLE,
	OPT_EXCLUDE_TABLE,
	OPT_DBNAME,
	OPT_STRICT,
	OPT_QUIET,
	OPT_DIR,
	OPT_REV,
	OPT_MESSAGE,
	OPT_DOC,
	OPT_INIT,
	OPT_STATS,
	OPT_UNTRACKED,
	OPT_VERSION_TABLE,
	OPT_VERSION_TABLE_SCHEMA,
	OPT_DATE,
	OPT_RENAME,
	OPT_FAIL_ON,
	OPT_NO_OWNERS,
	OPT_NO_GRANTS,
	OPT_NO_COMMENTS,
	OPT_SCHEMA_SQL,
	OPT_WITH_PRIVILEGES,
	OPT_ALLOW_INCOMPLETE,
	OPT_FROM,
	OPT_APPLY,
	OPT_CI,
	OPT_EXPLAIN,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_IGNORE_FILE,
	OPT_MODELS,
	OPT_AROUND,
	OPT_DEPTH,
	OPT_KEYS_ONLY,
	OPT_PARTITIONS,
	OPT_SECURITY,
	OPT_IGNORE_COLUMN_ORDER,
};

struct cli_option {
	enum cli_opt_id id;
	const char *name; /* long name without "--", e.g. "exclude-schema" */
	char short_name;  /* 'N', or 0 */
	const char *arg;  /* the argument's name in help ("PATTERN"), or NULL: none */
	const char *help; /* one line; a command's own --format text replaces --format's */
	unsigned cmds;	  /* enum cli_cmd_bit: the commands that take it */
};

/* Every option, in the order --help lists them; static storage. */
extern const struct cli_option cli_options[];
extern const size_t cli_n_options;

/* The shared options, parsed once for every command (cli_parse). */
struct cli_args {
	int format;	       /* the command's parse_format result; untouched when not given */
	struct filter *filter; /* -n -N -t -T; the caller's, filled here */
	const char *dbname;    /* --dbname, or NULL */
	bool strict;	       /* --strict */
	const char *output;    /* -o, or NULL */
	bool force;	       /* --force */
	bool quiet;	       /* -q: warnings counted, not shown */
	int first_operand;     /* argv index of the first operand after parsing */
};

struct cli_command;

/*
 * A command's own option (one not in struct cli_args): 0 to go on, or an
 * exit status after reporting (cli_usage_error).
 */
typedef int (*cli_own_option_fn)(const struct cli_command *cmd, enum cli_opt_id id, const char *arg,
				 void *ctx);

struct cli_command {
	const char *name;	 /* "inspect" */
	unsigned bit;		 /* CLI_INSPECT */
	const char *summary;	 /* one line for `pgbaseline --help` */
	const char *synopsis;	 /* after "Usage: pgbaseline NAME ", e.g. "[OPTIONS] DUMP" */
	const char *about;	 /* paragraphs before the options */
	const char *epilog;	 /* paragraphs after the options (exit status) */
	const char *formats;	 /* the formats, for a bad --format ("text, markdown or json") */
	const char *format_help; /* --format's line in the help */
	bool (*parse_format)(const char *s, int *out);
	int (*run)(const struct cli_command *cmd, int argc, char **argv,
		   struct diags *d); /* exit status; diagnostics go to d */
};

/*
 * Parse argv (argv[0] is the command's name) against the option table:
 * the shared options into *a, the command's own through own(ctx) (NULL
 * when it has none).  Returns -1 to go on (operands from
 * a->first_operand), or an exit status: 0 after printing --help, 2 after
 * a usage error.
 */
int cli_parse(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a,
	      cli_own_option_fn own, void *ctx);

/* A command's help, from its texts and the option table. */
void cli_print_help(const struct cli_command *cmd, FILE *out);
/* The options of the tool itself (--help, --version), as `pgbaseline --help` lists them. */
void cli_print_tool_options(FILE *out);

/* A usage error in a command: the message, and where its help is. */
void cli_usage_error(const struct cli_command *cmd, const char *fmt, ...) PGB_PRINTF(2, 3);
/* After a usage error another module reported (diag_usage_error): where the command's help is. */
void cli_usage_hint(const struct cli_command *cmd);

#endif /* PGB_CLI_H */
