/*
 * report_pending.c
 *	  TODO(lead): stand-ins, weak symbols, for the parts of the report that
 *	  other branches implement in parallel (security.c: security_plan;
 *	  diagram.c: diagram_plan_opts, diagram_svg), so this branch links
 *	  and tests before they land.  The real definitions override these;
 *	  this file is deleted when both are merged.
 */
#include "diagram.h"
#include "security.h"

#include <string.h>

__attribute__((weak)) void security_plan(const struct model *m, struct security_view *v)
{
	(void)m;
	memset(v, 0, sizeof(*v));
}

__attribute__((weak)) void security_free(struct security_view *v)
{
	(void)v;
}

__attribute__((weak)) bool security_any(const struct security_view *v)
{
	(void)v;
	return false;
}

__attribute__((weak)) void diagram_plan_opts(const struct model *m, const struct diagram_opts *opts,
					     struct diagram *d)
{
	(void)opts;
	diagram_plan(m, d);
}

__attribute__((weak)) int diagram_svg(const struct diagram *d, struct strbuf *svg, const char **why)
{
	(void)d;
	(void)svg;
	*why = "Graphviz is not in this build";
	return -1;
}

__attribute__((weak)) bool diagram_svg_available(void)
{
	return false;
}
