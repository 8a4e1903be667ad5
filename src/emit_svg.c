/*
 * emit_svg.c
 *	  `diagram --format svg`: the ER diagram (diagram.h) drawn as one SVG
 *	  document by Graphviz's library in process (diagram_svg.c), with no
 *	  XML prolog.  Fails (-1) when Graphviz did or is not in this build;
 *	  the diagram command checks diagram_svg_available() first and says
 *	  why.
 */
#include "diagram.h"

int emit_svg(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	struct diagram d;
	struct strbuf svg;
	const char *why = NULL;

	sb_init(&svg);
	diagram_plan_opts(m, opts ? opts->diagram : NULL, &d);
	int rc = diagram_svg(&d, &svg, &why);
	if (rc == 0 && svg.len > 0)
		sink_write(out, svg.data, svg.len);
	diagram_free(&d);
	sb_free(&svg);
	return rc == 0 ? sink_finish(out) : -1;
}
