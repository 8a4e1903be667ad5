/*
 * escape.c
 *	  Which characters of text from a dump may be shown as they are, and
 *	  the visible escape of those that may not (see escape.h).  Depends on
 *	  nothing above it: the emitters, the quoting functions and the
 *	  diagnostics all call down to it.
 */
#include "escape.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * Decode one UTF-8 character; returns its length, or 0 when s does not
 * start a valid sequence (overlong forms, surrogates and code points past
 * U+10FFFF are invalid too).
 */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	size_t len;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	/* The NUL terminator is no continuation byte, so this never reads past it. */
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * Characters that are valid but must not be shown raw: C1 controls
 * (terminals act on some), line and paragraph separators (some viewers
 * break lines on them), and invisible or bidirectional formatting
 * characters, which can make a name read as something it is not
 * ("Trojan Source").  Zero-width (non-)joiners stay: real scripts and
 * emoji need them.
 */
static bool codepoint_is_hidden(uint32_t c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200b || c == 0x200e ||
	       c == 0x200f || (c >= 0x2028 && c <= 0x202e) || c == 0x2060 ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

static void escape_byte(unsigned char b, char esc[ESCAPE_MAX])
{
	switch (b) {
	case '\n':
		strcpy(esc, "\\n");
		break;
	case '\t':
		strcpy(esc, "\\t");
		break;
	case '\r':
		strcpy(esc, "\\r");
		break;
	default:
		snprintf(esc, ESCAPE_MAX, "\\x%02x", b);
		break;
	}
}

size_t escape_char(const char *s, char esc[ESCAPE_MAX])
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t len = utf8_decode(u, &c);

	esc[0] = '\0';
	if (len == 0 || (len == 1 && (c < 0x20 || c == 0x7f))) {
		escape_byte(u[0], esc);
		return 1;
	}
	if (codepoint_is_hidden(c))
		snprintf(esc, ESCAPE_MAX, "\\u%04x", (unsigned)c);
	return len;
}
