/*
 * split.h
 *	  The statement splitter: cuts the text of a plain pg_dump into
 *	  statements, reading it from an input in chunks.
 *
 *	  It is correct across single-quoted strings (and E'' strings with
 *	  backslash escapes, and all strings when standard_conforming_strings
 *	  is off), quoted identifiers, dollar quoting ($$ and $tag$), `--`
 *	  comments and nested slash-star comments.  Between statements it
 *	  recognises psql meta-commands (a line starting with a backslash:
 *	  \connect, \restrict KEY, \unrestrict KEY, \set ...) and returns them
 *	  as STMT_META.  After a `COPY ... FROM stdin;` statement it skips the
 *	  data lines up to the `\.` line, counting them, and reports the count
 *	  on that COPY statement.  pg_dump's object-header comments
 *	  (`-- Name: x; Type: TABLE; Schema: public; Owner: app`) seen between
 *	  statements are remembered and attached to the statements that follow
 *	  until the next such comment.
 */
#ifndef PGB_SPLIT_H
#define PGB_SPLIT_H

#include "input.h"
#include "pgb.h"

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
	const char *hint;    /* the last `-- Name: ...` comment line (without "-- "), or NULL;
				owned by the splitter, valid until the next call */
};

struct splitter;

/* `in` stays owned by the caller and must outlive the splitter. */
struct splitter *split_new(struct input *in);
void split_free(struct splitter *sp);

/*
 * Next statement.  Returns 1 and fills *out, 0 at the end of input, -1
 * after an error was reported through diag_error (an unterminated string,
 * quoted identifier, dollar quote or comment, giving the location where it
 * started; COPY data without its `\.` line; a statement longer than
 * PGB_MAX_STATEMENT_BYTES; NUL bytes in the text; a read error).  After -1
 * the splitter must not be called again.
 */
int split_next(struct splitter *sp, struct stmt *out);

/* Follow `SET standard_conforming_strings = off/on` in the dump. */
void split_set_standard_strings(struct splitter *sp, bool on);
/* The setting in force, as the last SET standard_conforming_strings left it. */
bool split_standard_strings(const struct splitter *sp);

struct arena;

/*
 * The versions in the dump's header comments, as far as it has been read
 * (so call it after split_next returned 0): the text after "version " in
 * "-- Dumped by pg_dump version 15.3" and "-- Dumped from database version
 * 15.2", copied into `arena`; NULL when that comment was not seen.
 */
void split_dump_versions(struct splitter *sp, const char **pg_dump_version,
			 const char **server_version, struct arena *arena);

#endif /* PGB_SPLIT_H */
