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

#include <stdlib.h>
#include <string.h>

#ifndef PGB_NO_GRAPHVIZ
#include <gvc.h>

/* Graphviz's messages, which it would print to stderr: dropped (*why says what failed). */
static int drop_graphviz_message(char *msg)
{
	return 0;
}

/*
 * One Graphviz context for the process, made at the first diagram and
 * freed at exit.  Not one per diagram: Graphviz 2.42's pango plugin keeps
 * a pointer to the last font name in a static variable, and that name is
 * freed with the context, so the next context's first text would read
 * freed memory (ASan sees it).  Loading the plugins once also saves the
 * report's many diagrams that time.
 */
static GVC_t *shared_gvc;

static void free_shared_gvc(void)
{
	if (shared_gvc != NULL)
		gvFreeContext(shared_gvc);
	shared_gvc = NULL;
}

static GVC_t *get_gvc(void)
{
	if (shared_gvc == NULL && (shared_gvc = gvContext()) != NULL)
		atexit(free_shared_gvc);
	return shared_gvc;
}

bool diagram_svg_available(void)
{
	return true;
}

#if defined(__SANITIZE_ADDRESS__)
#define DIAGRAM_SVG_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DIAGRAM_SVG_ASAN 1
#endif
#endif

#ifdef DIAGRAM_SVG_ASAN
/*
 * LeakSanitizer's hook (the ASan builds: make SANITIZE=1, the fuzz build):
 * leaks inside Graphviz 2.42 and the font libraries its pango plugin loads
 * are theirs, not pgbaseline's, and are not reported.  Each of these
 * libraries leaks on its own in Debian 12's versions: the HTML-like label
 * parser's cells (htmlparse, make_html_label), gvconfig's plugin list, and
 * fontconfig's and pango's font caches, which become unreachable when
 * gvFreeContext unloads the plugins.  A leak with only pgbaseline's
 * frames is still reported.
 */
const char *__lsan_default_options(void);
const char *__lsan_default_suppressions(void);

/* Silently: the tests compare standard error byte for byte. */
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

const char *__lsan_default_suppressions(void)
{
	return "leak:libgvc.so\n"
	       "leak:libcgraph.so\n"
	       "leak:libcdt.so\n"
	       "leak:libgvplugin_\n"
	       "leak:libfontconfig.so\n"
	       "leak:libpango\n"
	       "leak:libcairo.so\n"
	       "leak:libglib-2.0.so\n"
	       "leak:libgobject-2.0.so\n"
	       "leak:libharfbuzz.so\n"
	       "leak:libfreetype.so\n";
}
#endif

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
	GVC_t *gvc = get_gvc();
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
