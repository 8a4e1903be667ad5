/*
 * testdiags.h
 *	  A diagnostics list for the unit tests that call one stage directly
 *	  (input, splitter, archive reader): the stage reports into `diags`,
 *	  the test reads what came since the last look with diags_take().
 *
 *	  Include after <cmocka.h>.
 */
#ifndef PGB_TEST_TESTDIAGS_H
#define PGB_TEST_TESTDIAGS_H

#include "diag.h"

/* What the stage under test reported since the last diags_take(). */
static struct diags diags;

/* Those diagnostics as text (malloc'd); the list is emptied, its counts reset. */
static PGB_UNUSED char *diags_take(void)
{
	char *text = diags_text(&diags);
	diags_free(&diags);
	diags_init(&diags);
	return text;
}

#endif /* PGB_TEST_TESTDIAGS_H */
