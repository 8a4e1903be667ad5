/*
 * cmd_progress.h
 *	  A load's progress on standard error when it is a terminal
 *	  (cmd_progress.c).  Internal to the cmd_*.c files.
 */
#ifndef PGB_CMD_PROGRESS_H
#define PGB_CMD_PROGRESS_H

#include <stdbool.h>

struct cmd_progress {
	bool active; /* standard error is a terminal, and not --quiet */
	bool drawn;  /* a line is on the screen, to be erased */
	long long start_ms, last_ms;
	char name[80]; /* the dump's name, control characters replaced */
};

/* Start watching the load of `path` ("-": standard input); quiet: never show. */
void cmd_progress_begin(struct cmd_progress *p, const char *path, bool quiet);
/* load_progress_fn (load.h): ctx is a struct cmd_progress. */
void cmd_progress_update(void *ctx, unsigned long long done, unsigned long long total);
/* The load ended: erase the line, if one was drawn. */
void cmd_progress_end(struct cmd_progress *p);

#endif /* PGB_CMD_PROGRESS_H */
