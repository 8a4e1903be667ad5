/*
 * diagram_svg.c
 *	  A planned diagram drawn as SVG in process by Graphviz's C library
 *	  (diagram.h): the dot emitter's graph (emit_dot_lang) written into
 *	  memory, read by cgraph (agmemread), laid out by "dot" and rendered
 *	  by the "svg" renderer, as `dot -Tsvg` of `diagram --format dot`
 *	  would; then everything before <svg (the XML prolog, the doctype and
 *	  Graphviz's comments) is dropped, so the document can be inlined in
 *	  HTML.  The dot emitter writes every text from the dump inside an
 *	  HTML-like label with &, <, > and " as entities, so the SVG renderer
 *	  writes it back as text (escaped again), never as markup.
 *
 *	  Graphviz's own messages (warnings of a layout, errors of the parser)
 *	  are not printed: they are kept from stderr by agseterrf, and a
 *	  failure is reported through *why.
 *
 *	  Built with PGB_NO_GRAPHVIZ defined (the static binary: Debian ships
 *	  no static libgvc), Graphviz is left out: diagram_svg_available() is
 *	  false and diagram_svg() fails with a message saying so.
 */
#include "diagram.h"

#include <string.h>

#ifndef PGB_NO_GRAPHVIZ
#include <gvc.h>

/* Graphviz's messages, which it would print to stderr: dropped (*why says what failed). */
static int drop_graphviz_message(char *msg)
{
	return 0;
}

bool diagram_svg_available(void)
{
	return true;
}

int diagram_svg(const struct diagram *d, struct strbuf *svg, const char **why)
{
	struct strbuf dot;
	struct sink s;
	char *data = NULL;
	unsigned int len = 0;
	int rc = -1;

	sb_init(&dot);
	sink_init_buf(&s, &dot);
	diagram_write(d, &emit_dot_lang, &s);

	agusererrf old_errf = agseterrf(drop_graphviz_message);
	agerrlevel_t old_level = agseterr(AGMAX);
	GVC_t *gvc = gvContext();
	Agraph_t *g = gvc ? agmemread(dot.data ? dot.data : "") : NULL;

	if (gvc == NULL)
		*why = "Graphviz's library could not start";
	else if (g == NULL)
		*why = "Graphviz could not read the diagram's graph";
	else if (gvLayout(gvc, g, "dot") != 0)
		*why = "Graphviz could not lay the diagram out (its dot layout)";
	else if (gvRenderData(gvc, g, "svg", &data, &len) != 0 || data == NULL)
		*why = "Graphviz could not render the diagram as SVG";
	else {
		const char *start = memmem(data, len, "<svg", 4);
		if (start == NULL) {
			*why = "Graphviz's SVG has no <svg> element";
		} else {
			sb_append_len(svg, start, len - (size_t)(start - data));
			rc = 0;
		}
	}
	if (data != NULL)
		gvFreeRenderData(data);
	if (g != NULL) {
		gvFreeLayout(gvc, g);
		agclose(g);
	}
	if (gvc != NULL)
		gvFreeContext(gvc);
	agseterr(old_level);
	agseterrf(old_errf);
	sb_free(&dot);
	return rc;
}

#else /* PGB_NO_GRAPHVIZ */

bool diagram_svg_available(void)
{
	return false;
}

int diagram_svg(const struct diagram *d, struct strbuf *svg, const char **why)
{
	*why = "this build of pgbaseline has no Graphviz library (the static binary leaves it "
	       "out): write --format dot and draw it with Graphviz's dot -Tsvg";
	return -1;
}

#endif /* PGB_NO_GRAPHVIZ */
