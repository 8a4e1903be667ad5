/*
 * sqlident.c
 *	  quote_identifier(), with keyword status from libpg_query's scanner.
 */
#include "sqlident.h"

#include "strmap.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>
#include <stdlib.h>
#include <string.h>

/*
 * Ask the real scanner whether `name` is a keyword that needs quoting.
 * The answer is cached: the same few names come up again and again.
 */
static bool is_quoting_keyword(const char *name)
{
	static struct strmap *cache;
	static char yes, no;

	if (cache == NULL)
		cache = strmap_new();
	char *hit = strmap_get(cache, name);
	if (hit)
		return hit == &yes;

	bool keyword = false;
	PgQueryScanResult r = pg_query_scan(name);
	if (r.error == NULL) {
		PgQuery__ScanResult *sr =
		    pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
		if (sr && sr->n_tokens == 1)
			keyword =
			    sr->tokens[0]->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD &&
			    sr->tokens[0]->keyword_kind !=
				PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
		if (sr)
			pg_query__scan_result__free_unpacked(sr, NULL);
	}
	pg_query_free_scan_result(r);
	strmap_put(cache, name, keyword ? &yes : &no);
	return keyword;
}

bool sqlident_needs_quotes(const char *name)
{
	if (name[0] == '\0')
		return true;
	if (!((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
		return true;
	for (const char *p = name; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return true;
	}
	return is_quoting_keyword(name);
}

char *sqlident_quote(struct arena *a, const char *name)
{
	if (!sqlident_needs_quotes(name))
		return arena_strdup(a, name);

	size_t n = strlen(name);
	char *out = arena_alloc(a, 2 * n + 3);
	char *o = out;
	*o++ = '"';
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			*o++ = '"';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

char *sqlident_qualified(struct arena *a, const char *schema, const char *name)
{
	if (schema == NULL)
		return sqlident_quote(a, name);
	return arena_printf(a, "%s.%s", sqlident_quote(a, schema), sqlident_quote(a, name));
}
