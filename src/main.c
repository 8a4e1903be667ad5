/*
 * main.c
 *	  pgbaseline's entry point: git-style subcommands dispatched through
 *	  the command table (commands.c); each command is its own src/cmd_*.c.
 *	  No pipeline logic and no option parsing live here.
 */
#include "cleanup.h"
#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "pgb.h"

#include <errno.h>
#include <fcntl.h>
#include <archive.h>
#include <jansson.h>
#include <lz4.h>
#include <openssl/crypto.h>
#include <pg_query.h> /* PG_VERSION only */
#include <protobuf-c/protobuf-c.h>
#include <zlib.h>
#include <zstd.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The version, and the library versions this binary runs with (linked in,
 * for the static build: what a user carried across an air gap).
 */
static void print_version(void)
{
	printf("pgbaseline %s (PostgreSQL %s grammar, libpg_query)\n", PGB_VERSION, PG_VERSION);
	char pcre2[32] = "";
	pcre2_config(PCRE2_CONFIG_VERSION, pcre2);
	printf("libraries: protobuf-c %s, PCRE2 %s, zlib %s, zstd %s, lz4 %s, %s, jansson %s, %s\n",
	       protobuf_c_version(), pcre2, zlibVersion(), ZSTD_versionString(),
	       LZ4_versionString(), archive_version_string(), jansson_version_str(),
	       OpenSSL_version(OPENSSL_VERSION));
}

/* `pgbaseline help [COMMAND]`: the tool's help, or that command's. */
static int help_main(int argc, char **argv)
{
	if (argc < 2) {
		commands_print_help(stdout);
		return PGB_EXIT_OK;
	}
	const struct cli_command *cmd = commands_find(argv[1]);
	if (cmd == NULL) {
		diag_usage_error("unknown command \"%s\"", argv[1]);
		return PGB_EXIT_INPUT;
	}
	if (argc > 2) {
		cli_usage_error(cmd, "help takes one COMMAND");
		return PGB_EXIT_INPUT;
	}
	cli_print_help(cmd, stdout);
	return PGB_EXIT_OK;
}

/*
 * A closed stdin, stdout or stderr (`>&-`) gets /dev/null opened the wrong
 * way round in its place: a file opened later never takes its number (the
 * report would land in an output file), and reading or writing it still
 * fails, so a lost report is noticed (finish_stdout).
 */
static void reserve_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

/* Every command's stdout must have reached its destination whole: else exit 1. */
static int finish_stdout(int rc)
{
	bool lost = fflush(stdout) != 0 || ferror(stdout);
	int err = errno;
	if (fclose(stdout) != 0 && !lost) {
		lost = true;
		err = errno;
	}
	/* A failure (status 1) said already what could not be written. */
	if (!lost || rc == PGB_EXIT_FAILURE)
		return rc;
	fprintf(stderr, "pgbaseline: error: cannot write to standard output: %s\n",
		strerror(err ? err : EIO));
	return rc == PGB_EXIT_OK ? PGB_EXIT_FAILURE : rc;
}

int main(int argc, char **argv)
{
	int rc;

	reserve_std_fds();
	cleanup_install();
	if (argc < 2) {
		commands_print_help(stderr);
		return PGB_EXIT_INPUT;
	}
	const char *name = argv[1];
	const struct cli_command *cmd = commands_find(name);
	if (cmd != NULL) {
		struct diags d;
		diags_init(&d);
		rc = cmd->run(cmd, argc - 1, argv + 1, &d);
		diags_finish(&d, stderr);
		diags_free(&d);
	} else if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
		commands_print_help(stdout);
		rc = PGB_EXIT_OK;
	} else if (strcmp(name, "help") == 0) {
		rc = help_main(argc - 1, argv + 1);
	} else if (strcmp(name, "-V") == 0 || strcmp(name, "--version") == 0) {
		print_version();
		rc = PGB_EXIT_OK;
	} else {
		diag_usage_error("unknown command \"%s\"", name);
		rc = PGB_EXIT_INPUT;
	}
	return finish_stdout(rc);
}
