/*
 * hint.c
 *	  pg_dump's object-header comments, read with one PCRE2 pattern.
 *
 *	  Current pg_dump (7.3 onwards) writes, before every archive entry,
 *	      -- Name: users; Type: TABLE; Schema: public; Owner: app
 *	  optionally followed by "; Tablespace: fast", and "Data for Name: ..."
 *	  before table data.  In verbose mode a "-- TOC entry ..." line and a
 *	  "-- Dependencies: ..." line come first; those are not headers and
 *	  simply do not match.  7.0-7.2 dumps have no schemas or semicolons:
 *	      -- Name: books Type: TABLE Owner: postgres
 *	  The pattern is compiled in multi-line mode so a caller may also pass
 *	  a whole comment block and get its header line.
 */
#include "hint.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <string.h>

/*
 * The fields are lazy so the first "; Type: " ends the name; a name that
 * itself contains "; Type: " is misread, but pg_dump gives no way to
 * tell the two apart and a hint only ever names things in messages.
 * Groups 1-4: current format; groups 5-7: the 7.0-7.2 format.
 */
static const char hint_pattern[] = "^[ \\t]*(?:--[ \\t]*)?(?:Data for )?Name: "
				   "(?:(.*?); Type: (.*?); Schema: (.*?); Owner: (.*?)"
				   "(?:; Tablespace: .*?)?"
				   "|(.*?) Type: (.*?) Owner: (.*?))"
				   "[ \\t\\r]*$";

/* Bounds the backtracking on an adversarial line (many "; Type: " pieces). */
#define HINT_MATCH_LIMIT 1000000

static pcre2_code *hint_re;
static pcre2_match_data *hint_md;
static pcre2_match_context *hint_mctx;
static bool hint_re_broken; /* compiling failed once; don't retry on every line */

static bool hint_compile(void)
{
	if (hint_re != NULL)
		return true;
	if (hint_re_broken)
		return false;

	int err;
	PCRE2_SIZE off;
	hint_re = pcre2_compile((PCRE2_SPTR)hint_pattern, PCRE2_ZERO_TERMINATED, PCRE2_MULTILINE,
				&err, &off, NULL);
	if (hint_re == NULL) {
		/* Only a bug in the pattern gets here; hints are optional, so carry on without. */
		hint_re_broken = true;
		return false;
	}
	hint_md = pcre2_match_data_create_from_pattern(hint_re, NULL);
	hint_mctx = pcre2_match_context_create(NULL);
	if (hint_md == NULL || hint_mctx == NULL) {
		pcre2_match_data_free(hint_md);
		pcre2_match_context_free(hint_mctx);
		pcre2_code_free(hint_re);
		hint_md = NULL;
		hint_mctx = NULL;
		hint_re = NULL;
		hint_re_broken = true;
		return false;
	}
	pcre2_set_match_limit(hint_mctx, HINT_MATCH_LIMIT);
	return true;
}

/*
 * Copy a field, truncating to fit.  A cut never splits a UTF-8 sequence,
 * since the name may be printed in a message.
 */
static void copy_field(char *dst, size_t cap, const char *src, size_t len)
{
	if (len >= cap) {
		len = cap - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Copy capture group `g`; pg_dump writes "-" for an absent schema or owner. */
static void copy_group(char *dst, size_t cap, const char *subject, const PCRE2_SIZE *ov, int g,
		       bool dash_is_empty)
{
	PCRE2_SIZE start = ov[2 * g];
	PCRE2_SIZE end = ov[2 * g + 1];

	if (start == PCRE2_UNSET || end < start) {
		dst[0] = '\0';
		return;
	}
	size_t len = end - start;
	if (dash_is_empty && len == 1 && subject[start] == '-')
		len = 0;
	copy_field(dst, cap, subject + start, len);
}

bool hint_parse(const char *line, struct hint *out)
{
	if (line == NULL || !hint_compile())
		return false;

	int rc = pcre2_match(hint_re, (PCRE2_SPTR)line, strlen(line), 0, 0, hint_md, hint_mctx);
	if (rc < 0)
		return false;

	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(hint_md);
	memset(out, 0, sizeof(*out));
	if (ov[2] != PCRE2_UNSET) {
		copy_group(out->name, sizeof(out->name), line, ov, 1, false);
		copy_group(out->type, sizeof(out->type), line, ov, 2, false);
		copy_group(out->schema, sizeof(out->schema), line, ov, 3, true);
		copy_group(out->owner, sizeof(out->owner), line, ov, 4, true);
	} else {
		copy_group(out->name, sizeof(out->name), line, ov, 5, false);
		copy_group(out->type, sizeof(out->type), line, ov, 6, false);
		copy_group(out->owner, sizeof(out->owner), line, ov, 7, true);
	}
	return true;
}

void hint_describe(const struct hint *h, char *buf, size_t cap)
{
	if (cap == 0)
		return;
	const char *sep = h->type[0] != '\0' ? " " : "";
	if (h->schema[0] != '\0')
		snprintf(buf, cap, "%s%s%s.%s", h->type, sep, h->schema, h->name);
	else
		snprintf(buf, cap, "%s%s%s", h->type, sep, h->name);
}
