/*
 * stats.h
 *	  Row counts from a DBA's --stats CSV ("schema.table,rows"), as the
 *	  query `pgbaseline stats-query` prints writes it (stats.c).
 */
#ifndef PGB_STATS_H
#define PGB_STATS_H

#include "diag.h"

/* The loaded CSV; opaque. */
struct stats;

struct stats *stats_load(const char *path, struct diags *d); /* NULL after reporting an error */
void stats_free(struct stats *s);
/* Rows for schema.table, or -1 when the CSV does not list it. */
long long stats_rows(const struct stats *s, const char *schema, const char *table);

#endif /* PGB_STATS_H */
