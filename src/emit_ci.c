/*
 * emit_ci.c
 *	  baseline --ci: the check of the migration chain on an empty database
 *	  (<dir>/ci_check.sh, POSIX sh) and a GitHub Actions workflow that runs
 *	  it against a PostgreSQL service of the dump's major version.
 *
 *	  The script loads the baseline's schema SQL, stamps the baseline, and
 *	  runs `alembic upgrade head`, `alembic downgrade <baseline>` and
 *	  `alembic upgrade head` again, stopping at the first failure with a
 *	  message that names the step.  Paths and ids are quoted for the shell
 *	  and for YAML, so a script location is data wherever it appears.
 */
#include "baseline.h"
#include "emit.h"
#include "textquote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The major version of the server the dump came from (else of its
 * pg_dump) as the postgres image tags it: "15", "9.6"; NULL when the dump
 * does not say.  Into buf.
 */
static const char *dump_major_version(const struct model *m, char buf[16])
{
	const char *v =
	    m->source.server_version ? m->source.server_version : m->source.pg_dump_version;
	int major = 0, minor = 0;
	if (v == NULL || sscanf(v, "%d.%d", &major, &minor) < 1 || major < 7 || major > 99)
		return NULL;
	if (major < 10)
		snprintf(buf, 16, "%d.%d", major, minor);
	else
		snprintf(buf, 16, "%d", major);
	return buf;
}

int emit_ci_script(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct baseline_opts *o = opts->baseline;
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "#!/bin/sh\n"
		       "# ci_check.sh: written by pgbaseline (baseline --ci).\n"
		       "#\n"
		       "# Checks the migration chain on an EMPTY database: loads the baseline's\n"
		       "# schema, stamps the baseline, upgrades to head, downgrades to the\n"
		       "# baseline and upgrades to head again.  Every migration after the\n"
		       "# baseline must upgrade and downgrade cleanly for it to pass.\n"
		       "#\n"
		       "# Run it from the directory that holds alembic.ini:\n"
		       "#     DATABASE_URL=postgresql://user:password@host/empty_db sh ");
	quote_shell_word(&sb, o->dir);
	sb_append(&sb, "/ci_check.sh\n"
		       "# It needs psql and alembic on PATH (ALEMBIC=\"python3 -m alembic\" to\n"
		       "# use another), and exits non-zero naming the first step that failed.\n"
		       "set -u\n"
		       "\n"
		       "BASELINE=");
	quote_shell_word(&sb, o->rev);
	sb_append(&sb, "\nSCHEMA_SQL=");
	quote_shell_word(&sb, o->schema_sql_path);
	sb_append(
	    &sb,
	    "\nALEMBIC=${ALEMBIC:-alembic}\n"
	    "\n"
	    "step() { printf 'ci_check: %s\\n' \"$*\" >&2; }\n"
	    "fail() {\n"
	    "\tprintf 'ci_check: FAILED: %s\\n' \"$*\" >&2\n"
	    "\texit 1\n"
	    "}\n"
	    "\n"
	    "[ -n \"${DATABASE_URL:-}\" ] || fail \"set DATABASE_URL to an empty database\"\n"
	    "[ -f alembic.ini ] || fail \"run from the directory that holds alembic.ini\"\n"
	    "[ -f \"$SCHEMA_SQL\" ] || fail \"$SCHEMA_SQL is missing (pgbaseline baseline --ci "
	    "writes it)\"\n"
	    "# psql takes a libpq URL: drop SQLAlchemy's +driver (postgresql+psycopg2://).\n"
	    "PSQL_URL=$(printf '%s' \"$DATABASE_URL\" | sed 's|^postgres[a-z]*+[A-Za-z0-9_]*://|"
	    "postgresql://|')\n"
	    "\n"
	    "step \"load the baseline schema from $SCHEMA_SQL\"\n"
	    "psql \"$PSQL_URL\" -X -q -v ON_ERROR_STOP=1 -f \"$SCHEMA_SQL\" ||\n"
	    "\tfail \"the baseline schema did not load (the database must be empty)\"\n"
	    "step \"stamp the baseline $BASELINE\"\n"
	    "$ALEMBIC stamp \"$BASELINE\" || fail \"alembic stamp $BASELINE\"\n"
	    "step \"upgrade to head\"\n"
	    "$ALEMBIC upgrade head || fail \"alembic upgrade head: a migration after the baseline "
	    "does not apply\"\n"
	    "step \"downgrade to the baseline $BASELINE\"\n"
	    "$ALEMBIC downgrade \"$BASELINE\" || fail \"alembic downgrade $BASELINE: a migration's "
	    "downgrade() is broken\"\n"
	    "step \"upgrade to head again\"\n"
	    "$ALEMBIC upgrade head || fail \"alembic upgrade head after the downgrade: a "
	    "downgrade() left something behind\"\n"
	    "step \"passed\"\n");
	(void)m;
	sink_write(out, sb.data, sb.len);
	sb_free(&sb);
	return sink_finish(out);
}

int emit_ci_workflow(const struct model *m, const struct emit_opts *opts, struct sink *out)
{
	const struct baseline_opts *o = opts->baseline;
	struct strbuf sb, cmd;
	sb_init(&sb);
	sb_init(&cmd);
	sb_append(&cmd, "sh ");
	quote_shell_word(&cmd, o->dir);
	sb_append(&cmd, "/ci_check.sh");
	char buf[16];
	const char *major = dump_major_version(m, buf);
	sb_append(&sb,
		  "# Written by pgbaseline (baseline --ci): checks the Alembic migration chain\n");
	if (major)
		sb_printf(&sb,
			  "# on an empty PostgreSQL %s, the major version the dump came from.\n",
			  major);
	else
		sb_append(&sb,
			  "# on an empty PostgreSQL 15: the dump does not say which version it\n"
			  "# came from, so set the image to your server's.\n");
	sb_printf(&sb,
		  "# It assumes alembic.ini is at the top of the repository; otherwise set\n"
		  "# `working-directory` on the steps below.\n"
		  "name: migrations\n"
		  "on: [push, pull_request]\n"
		  "jobs:\n"
		  "  migrations:\n"
		  "    runs-on: ubuntu-latest\n"
		  "    services:\n"
		  "      postgres:\n"
		  "        image: 'postgres:%s'\n"
		  "        env:\n"
		  "          POSTGRES_USER: postgres\n"
		  "          POSTGRES_PASSWORD: postgres\n"
		  "          POSTGRES_DB: ci\n"
		  "        ports: ['5432:5432']\n"
		  "        options: >-\n"
		  "          --health-cmd pg_isready --health-interval 5s\n"
		  "          --health-timeout 5s --health-retries 20\n"
		  "    env:\n"
		  "      DATABASE_URL: postgresql://postgres:postgres@localhost:5432/ci\n"
		  "    steps:\n"
		  "      - uses: actions/checkout@v4\n"
		  "      - uses: actions/setup-python@v5\n"
		  "        with:\n"
		  "          python-version: '3.11'\n"
		  "      - run: pip install alembic sqlalchemy psycopg2-binary\n"
		  "      - run: sudo apt-get install -y postgresql-client\n"
		  "      - run: ",
		  major ? major : "15");
	bool ok = quote_yaml_single(&sb, cmd.data);
	sb_putc(&sb, '\n');
	sb_free(&cmd);
	if (ok)
		sink_write(out, sb.data, sb.len);
	sb_free(&sb);
	/* A script location with a line break cannot be written into YAML (cmd_baseline refuses it
	 * first). */
	return ok ? sink_finish(out) : -1;
}
