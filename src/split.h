/*
 * split.h
 *	  The statement splitter: cuts the text of a plain pg_dump into
 *	  statements, reading it from an input in chunks.
 *
 *	  It is correct across single-quoted strings (and E'' strings with
 *	  backslash escapes, and all strings when standard_conforming_strings
 *	  is off), quoted identifiers, dollar quoting ($$ and $tag$), `--`
 *	  comments and nested slash-star comments.  It finds psql
 *	  meta-commands where psql does: a backslash outside quotes and
 *	  comments, between statements or inside one, starts a command that
 *	  runs to the end of the line (\connect, \restrict KEY, \set ...), and
 *	  returns each as STMT_META.  Inside a statement, `\;` and `\:` are a
 *	  bare ';' and ':' as in psql, \g and its kin send the text before them
 *	  as a statement, and \r drops it.  Empty statements (`;;`) are
 *	  nothing.  After a `COPY ... FROM stdin;` statement it skips the
 *	  data lines up to the `\.` line, counting them, and reports the count
 *	  on that COPY statement.  pg_dump's object-header comments
 *	  (`-- Name: x; Type: TABLE; Schema: public; Owner: app`) seen between
 *	  statements are remembered and attached to the one statement that
 *	  follows.
 */
#ifndef PGB_SPLIT_H
#define PGB_SPLIT_H

#include "diag.h"
#include "input.h"
#include "pgb.h"

/* How much of a COPY block's first data line a statement carries (copy_first_row). */
#define SPLIT_COPY_FIRST_MAX 256

/* psql :variable references kept per statement (more are only counted). */
#define SPLIT_MAX_VARS 16

enum stmt_kind {
	STMT_SQL,  /* an SQL statement, text ends with ';' unless at end of input */
	STMT_META, /* a psql meta-command line, without the trailing newline */
};

struct stmt {
	enum stmt_kind kind;
	const char *text;    /* NUL-terminated; owned by the splitter, valid until the next call */
	size_t len;	     /* bytes in text */
	int line;	     /* 1-based line of the statement's first character */
	int col;	     /* 1-based column (in bytes) of the statement's first character */
	long long copy_rows; /* data rows after a COPY ... FROM stdin; -1 for other statements */
	/* COPY ... FROM stdin: its first data line (the first SPLIT_COPY_FIRST_MAX bytes,
	 * without the newline), or NULL when there is none; owned by the splitter */
	const char *copy_first_row;
	const char *hint; /* the `-- Name: ...` comment line (without "-- ") right before
			     this statement, or NULL; owned by the splitter, valid until
			     the next call */
	/* STMT_META: the command came inside a statement (psql's buffer held text). */
	bool mid_statement;
	/* STMT_SQL: the meta-command line that sent it (\g ...) instead of a ';', or
	 * NULL; that command is the next STMT_META.  Owned by the splitter. */
	const char *sent_by;
	/* STMT_SQL: where psql may interpolate a variable (`:name`, `:'name'`,
	 * `:"name"` outside quotes and comments): byte offsets of the ':' in text,
	 * the first SPLIT_MAX_VARS of n_vars. */
	int n_vars;
	size_t var_off[SPLIT_MAX_VARS];
};

struct splitter;

/* `in` and `d` stay owned by the caller and must outlive the splitter. */
struct splitter *split_new(struct input *in, struct diags *d);
void split_free(struct splitter *sp);

/*
 * Next statement.  Returns 1 and fills *out, 0 at the end of input, -1
 * after an error was reported to the splitter's list (an unterminated string,
 * quoted identifier, dollar quote or comment, giving the location where it
 * started; COPY data without its `\.` line; a statement longer than
 * PGB_MAX_STATEMENT_BYTES; NUL bytes in the text; a read error).  After -1
 * the splitter must not be called again.
 */
int split_next(struct splitter *sp, struct stmt *out);

/* Follow standard_conforming_strings as the builder reads it from the dump. */
void split_set_standard_strings(struct splitter *sp, bool on);
/* The setting in force, as the builder last set it. */
bool split_standard_strings(const struct splitter *sp);

/* Number lines from `line` (a piece of a larger script); call before split_next. */
void split_set_first_line(struct splitter *sp, int line);

/*
 * With `soft`, an error is not printed but kept: after split_next returned
 * -1, split_error gives its message and fills *where (owned by the
 * splitter), or NULL when there is none (a read error, already printed).
 */
void split_set_soft_errors(struct splitter *sp, bool soft);
const char *split_error(const struct splitter *sp, struct loc *where);

/*
 * The command name of a meta-command line ("\\gexec x" -> "gexec"): sets
 * *cmd to it inside `line` and returns its length, as psql reads it (up
 * to a blank or the next backslash).
 */
size_t split_meta_command(const char *line, size_t len, const char **cmd);

struct arena;

/*
 * The versions in the dump's header comments, as far as it has been read
 * (so call it after split_next returned 0): the text after "version " in
 * "-- Dumped by pg_dump version 15.3" and "-- Dumped from database version
 * 15.2", copied into `arena`; NULL when that comment was not seen.
 */
void split_dump_versions(struct splitter *sp, const char **pg_dump_version,
			 const char **server_version, struct arena *arena);

/* The client encoding the input is read in (input_encoding()): "UTF8" when the dump declares
 * none.  Static storage. */
const char *split_encoding(const struct splitter *sp);
/* Is the input read in `encoding` (a SET client_encoding's value)? */
bool split_reads_in(const struct splitter *sp, const char *encoding);

#endif /* PGB_SPLIT_H */
