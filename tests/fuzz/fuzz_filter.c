/*
 * fuzz_filter.c
 *	  libFuzzer target: pg_dump pattern translation to PCRE2.  The first
 *	  byte picks the option (-n, -N, -t, -T); the rest, up to a NUL byte,
 *	  is the pattern, and what follows is "schema.name" of an object to
 *	  test against the compiled filter.
 *
 *	  What filter_add accepts, filter_pattern_to_regex must translate.  The
 *	  other way round, a -t/-T pattern that translates, is valid UTF-8 and
 *	  not huge must compile: every regex metacharacter is escaped, so a
 *	  PCRE2 compile error there is a translation bug.  (-n/-N take at
 *	  most two parts, and a pattern that is not UTF-8 is refused.)
 */
#include "filter.h"
#include "fuzz.h"

/* Small enough for PCRE2's compiled-size limit whatever the pattern holds. */
#define FUZZ_MAX_CHECKED_PATTERN 1000

/* Well-formed UTF-8 as PCRE2 checks it: no overlongs, surrogates or code points past U+10FFFF. */
static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		unsigned char c = *p++;
		int more;
		unsigned char lo = 0x80, hi = 0xBF; /* range of the byte after c */

		if (c < 0x80)
			continue;
		if (c >= 0xC2 && c <= 0xDF) {
			more = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			more = 2;
			lo = c == 0xE0 ? 0xA0 : 0x80;
			hi = c == 0xED ? 0x9F : 0xBF;
		} else if (c >= 0xF0 && c <= 0xF4) {
			more = 3;
			lo = c == 0xF0 ? 0x90 : 0x80;
			hi = c == 0xF4 ? 0x8F : 0xBF;
		} else {
			return false;
		}
		if (*p < lo || *p > hi)
			return false;
		for (p++, more--; more > 0; p++, more--) {
			if ((*p & 0xC0) != 0x80)
				return false;
		}
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum filter_kind kinds[] = {FILTER_SCHEMA, FILTER_EXCLUDE_SCHEMA, FILTER_TABLE,
						 FILTER_EXCLUDE_TABLE};
	if (size == 0)
		return 0;

	char *text = fuzz_cstring(data + 1, size - 1);
	const char *pattern = text;
	size_t plen = strlen(pattern);
	const char *object = plen < size - 1 ? text + plen + 1 : "public.t";
	char *schema_re = NULL, *name_re = NULL;
	bool ok = filter_pattern_to_regex(pattern, &schema_re, &name_re);

	free(schema_re);
	free(name_re);

	enum filter_kind kind = kinds[data[0] % 4];
	struct filter *f = filter_new();
	bool added = filter_add(f, kind, pattern);

	if (added && !ok)
		abort();
	if (ok && !added && (kind == FILTER_TABLE || kind == FILTER_EXCLUDE_TABLE) &&
	    plen < FUZZ_MAX_CHECKED_PATTERN && valid_utf8(pattern)) {
		fprintf(stdout, "fuzz_filter: valid pattern refused: %s\n", pattern);
		abort();
	}
	if (added) {
		char *schema = strdup(object);
		char *dot = strchr(schema, '.');
		const char *name = dot != NULL ? dot + 1 : schema;

		if (dot != NULL)
			*dot = '\0';
		(void)filter_schema_included(f, schema);
		(void)filter_relation_included(f, schema, name);
		free(schema);
	}
	filter_free(f);
	free(text);
	return 0;
}
