/*
 * emit_diff_sql.c
 *	  diff's SQL format: the plan's script (plan.h) turning OLD into NEW,
 *	  runnable with `psql -v ON_ERROR_STOP=1 -f`, hazards as comments.
 *	  Nothing at all when the two schemas are the same.
 */
#include "emit.h"
#include "plan.h"

int emit_diff_sql(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	(void)m;
	struct strbuf sb;
	sb_init(&sb);
	plan_script(&sb, opts->comparison, false);
	if (sb.len > 0)
		sink_write(out, sb.data, sb.len);
	sb_free(&sb);
	return sink_finish(out);
}
