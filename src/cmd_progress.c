/*
 * cmd_progress.c
 *	  Progress of a load on standard error: "reading DUMP: 45% (120 MB of
 *	  260 MB)", redrawn in place, for a person watching a terminal.
 *
 *	  Shown only when standard error is a terminal, once the load has
 *	  taken more than a second, redrawn at most every PROGRESS_EVERY_MS and
 *	  erased when the load ends, so nothing of it stays on the screen and
 *	  nothing reaches a file, a pipe or the command's output.  The loader
 *	  calls cmd_progress_update through struct load_opts (load.h); it may
 *	  not print itself.
 */
#include "cmd_progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_AFTER_MS 1000 /* nothing for a load quicker than this */
#define PROGRESS_EVERY_MS 200  /* then at most this often */
#define PROGRESS_NAME_MAX 60   /* the dump's name, at most this many bytes (its end) */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void cmd_progress_begin(struct cmd_progress *p, const char *path, bool quiet)
{
	memset(p, 0, sizeof(*p));
	p->active = !quiet && isatty(STDERR_FILENO);
	if (!p->active)
		return;
	p->start_ms = now_ms();
	p->last_ms = p->start_ms;
	/* The name is data: control characters are not sent to the terminal. */
	const char *name = path == NULL || strcmp(path, "-") == 0 ? "standard input" : path;
	size_t len = strlen(name);
	if (len > PROGRESS_NAME_MAX) {
		name += len - PROGRESS_NAME_MAX;
		len = PROGRESS_NAME_MAX;
		memcpy(p->name, "...", 3);
	}
	size_t at = strlen(p->name);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		p->name[at++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	p->name[at] = '\0';
}

/* "120 MB", "9.5 MB", "512 kB" */
static void put_size(char *buf, size_t cap, unsigned long long n)
{
	if (n >= 10000000ULL)
		snprintf(buf, cap, "%llu MB", n / 1000000ULL);
	else if (n >= 1000000ULL)
		snprintf(buf, cap, "%.1f MB", (double)n / 1e6);
	else
		snprintf(buf, cap, "%llu kB", n / 1000ULL);
}

void cmd_progress_update(void *ctx, unsigned long long done, unsigned long long total)
{
	struct cmd_progress *p = ctx;
	if (!p->active)
		return;
	long long t = now_ms();
	if (t - p->start_ms < PROGRESS_AFTER_MS || (p->drawn && t - p->last_ms < PROGRESS_EVERY_MS))
		return;
	p->last_ms = t;
	char d[32], all[32];
	put_size(d, sizeof(d), done);
	if (total > 0 && done <= total) {
		put_size(all, sizeof(all), total);
		fprintf(stderr, "\rreading %s: %d%% (%s of %s)\033[K", p->name,
			(int)(done * 100 / total), d, all);
	} else {
		fprintf(stderr, "\rreading %s: %s\033[K", p->name, d);
	}
	fflush(stderr);
	p->drawn = true;
}

void cmd_progress_end(struct cmd_progress *p)
{
	if (p->active && p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->drawn = false;
	p->active = false;
}
