/*
 * scaffold.c
 *	  What `alembic init alembic` writes (alembic.ini, env.py,
 *	  script.py.mako, README), adapted for a database adopted from a dump:
 *
 *	  - script_location is the chosen directory, relative to %(here)s;
 *	  - the database URL comes from the DATABASE_URL environment variable,
 *	    not from alembic.ini (which holds no credentials);
 *	  - version_table / version_table_schema, when set, are kept in
 *	    alembic.ini and passed by env.py to context.configure(), online and
 *	    offline, so `alembic` and the stamp SQL agree on the table;
 *	  - env.py has an include_object() hook that keeps the tables the
 *	    migrations do not manage (untracked, or left out of the baseline by
 *	    -n/-N/-t/-T) and the version table out of autogenerate.
 *
 *	  The texts follow Alembic's "generic" template: env.py and alembic.ini
 *	  as in Alembic 1.8-1.16 (both run on 1.8.1, the oldest we support),
 *	  script.py.mako in the annotated shape of Alembic 1.16.2+.  They are
 *	  constants here, so the output depends on nothing installed.
 *
 *	  scaffold_read_ini() and scaffold_read_version_locations() read back
 *	  an existing alembic.ini the way Alembic does (its ConfigParser with
 *	  %(here)s, util.coerce_resource_to_filename() for "pkg:dir" package
 *	  resources, ScriptDirectory.from_config() for version_locations), for
 *	  the settings pgbaseline needs.
 */
#include "scaffold.h"

#include "diag.h"
#include "textquote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_VERSION_TABLE "alembic_version"

/* ---- paths and ini values ------------------------------------------------- */

/* The script directory without trailing slashes; "" for the project root. */
static char *script_dir(const char *dir)
{
	if (dir == NULL || dir[0] == '\0')
		dir = "alembic";
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 1 && dir[0] == '.')
		n = 0;
	while (n > 2 && dir[0] == '.' && dir[1] == '/') {
		dir += 2;
		n -= 2;
	}
	return xstrndup(dir, n);
}

/* A value for Alembic's ConfigParser: '%' doubled (BasicInterpolation). */
static void ini_value(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '%')
			sb_putc(sb, '%');
		sb_putc(sb, *s);
	}
}

/* ---- alembic.ini ---------------------------------------------------------- */

static const char ini_head[] =
    "# A generic, single database configuration.\n"
    "# Set up by pgbaseline for a database that already exists: see the README\n"
    "# in the script directory.\n"
    "\n"
    "[alembic]\n"
    "# path to migration scripts.\n"
    "# this is typically a path given in POSIX (e.g. forward slashes)\n"
    "# format, relative to the token %(here)s which refers to the location of this\n"
    "# ini file\n";

static const char ini_middle[] =
    "\n"
    "# template used to generate migration file names; The default value is "
    "%%(rev)s_%%(slug)s\n"
    "# Uncomment the line below if you want the files to be prepended with date and time\n"
    "# see https://alembic.sqlalchemy.org/en/latest/tutorial.html#editing-the-ini-file\n"
    "# for all available tokens\n"
    "# file_template = "
    "%%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s\n"
    "\n"
    "# sys.path path, will be prepended to sys.path if present.\n"
    "# defaults to the current working directory.  for multiple paths, the path separator\n"
    "# is defined by \"path_separator\" below.\n"
    "prepend_sys_path = .\n"
    "\n"
    "# timezone to use when rendering the date within the migration file\n"
    "# as well as the filename.\n"
    "# If specified, requires the python>=3.9 or backports.zoneinfo library and tzdata "
    "library.\n"
    "# Any required deps can installed by adding `alembic[tz]` to the pip requirements\n"
    "# string value is passed to ZoneInfo()\n"
    "# leave blank for localtime\n"
    "# timezone =\n"
    "\n"
    "# max length of characters to apply to the \"slug\" field\n"
    "# truncate_slug_length = 40\n"
    "\n"
    "# set to 'true' to run the environment during\n"
    "# the 'revision' command, regardless of autogenerate\n"
    "# revision_environment = false\n"
    "\n"
    "# set to 'true' to allow .pyc and .pyo files without\n"
    "# a source .py file to be detected as revisions in the\n"
    "# versions/ directory\n"
    "# sourceless = false\n"
    "\n"
    "# version location specification; This defaults\n"
    "# to <script_location>/versions.  When using multiple version\n"
    "# directories, initial revisions must be specified with --version-path.\n"
    "# The path separator used here should be the separator specified by "
    "\"path_separator\"\n"
    "# below.\n"
    "# version_locations = %(here)s/bar:%(here)s/bat:%(here)s/alembic/versions\n"
    "\n"
    "# path_separator; This indicates what character is used to split lists of file\n"
    "# paths, including version_locations and prepend_sys_path within configparser\n"
    "# files such as alembic.ini.\n"
    "# The default rendered in new alembic.ini files is \"os\", which uses os.pathsep\n"
    "# to provide os-dependent path splitting.\n"
    "#\n"
    "# Valid values for path_separator are:\n"
    "#\n"
    "# path_separator = :\n"
    "# path_separator = ;\n"
    "# path_separator = space\n"
    "# path_separator = newline\n"
    "#\n"
    "# Use os.pathsep. Default configuration used for new projects.\n"
    "path_separator = os\n"
    "# Alembic before 1.16 reads this one instead (only with version_locations):\n"
    "# version_path_separator = os\n"
    "\n"
    "# set to 'true' to search source files recursively\n"
    "# in each \"version_locations\" directory\n"
    "# new in Alembic version 1.10\n"
    "# recursive_version_locations = false\n"
    "\n"
    "# the output encoding used when revision files\n"
    "# are written from script.py.mako\n"
    "# output_encoding = utf-8\n"
    "\n"
    "# Alembic's version table.  env.py passes these to context.configure(),\n"
    "# online and offline; unset, Alembic uses alembic_version in the first\n"
    "# schema of the search_path.  The stamp SQL pgbaseline wrote uses the same.\n";

static const char ini_tail[] =
    "\n"
    "# database URL.  Not kept in this file: env.py reads it from the\n"
    "# DATABASE_URL environment variable, e.g.\n"
    "#   export DATABASE_URL=postgresql+psycopg2://USER:PASSWORD@HOST:5432/DBNAME\n"
    "# sqlalchemy.url = driver://user:pass@localhost/dbname\n"
    "\n"
    "\n"
    "[post_write_hooks]\n"
    "# post_write_hooks defines scripts or Python functions that are run\n"
    "# on newly generated revision scripts.  See the documentation for further\n"
    "# detail and examples\n"
    "\n"
    "# format using \"black\" - use the console_scripts runner, against the \"black\" "
    "entrypoint\n"
    "# hooks = black\n"
    "# black.type = console_scripts\n"
    "# black.entrypoint = black\n"
    "# black.options = -l 79 REVISION_SCRIPT_FILENAME\n"
    "\n"
    "# Logging configuration.  This is also consumed by the user-maintained\n"
    "# env.py script only.\n"
    "[loggers]\n"
    "keys = root,sqlalchemy,alembic\n"
    "\n"
    "[handlers]\n"
    "keys = console\n"
    "\n"
    "[formatters]\n"
    "keys = generic\n"
    "\n"
    "[logger_root]\n"
    "level = WARNING\n"
    "handlers = console\n"
    "qualname =\n"
    "\n"
    "[logger_sqlalchemy]\n"
    "level = WARNING\n"
    "handlers =\n"
    "qualname = sqlalchemy.engine\n"
    "\n"
    "[logger_alembic]\n"
    "level = INFO\n"
    "handlers =\n"
    "qualname = alembic\n"
    "\n"
    "[handler_console]\n"
    "class = StreamHandler\n"
    "args = (sys.stderr,)\n"
    "level = NOTSET\n"
    "formatter = generic\n"
    "\n"
    "[formatter_generic]\n"
    "format = %(levelname)-5.5s [%(name)s] %(message)s\n"
    "datefmt = %H:%M:%S\n";

static char *alembic_ini(const char *dir, const struct baseline_opts *o)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, ini_head);
	sb_append(&sb, "script_location = ");
	if (dir[0] == '/') {
		ini_value(&sb, dir);
	} else {
		sb_append(&sb, "%(here)s");
		if (dir[0]) {
			sb_putc(&sb, '/');
			ini_value(&sb, dir);
		}
	}
	sb_putc(&sb, '\n');
	sb_append(&sb, ini_middle);

	const char *vt = o->version_table;
	if (vt && vt[0] && strcmp(vt, DEFAULT_VERSION_TABLE) != 0) {
		sb_append(&sb, "version_table = ");
		ini_value(&sb, vt);
		sb_putc(&sb, '\n');
	} else {
		sb_append(&sb, "# version_table = " DEFAULT_VERSION_TABLE "\n");
	}
	const char *vts = o->version_table_schema;
	if (vts && vts[0]) {
		sb_append(&sb, "version_table_schema = ");
		ini_value(&sb, vts);
		sb_putc(&sb, '\n');
	} else {
		sb_append(&sb, "# version_table_schema = public\n");
	}
	sb_append(&sb, ini_tail);
	return sb_steal(&sb);
}

/* ---- env.py --------------------------------------------------------------- */

static const char env_head[] =
    "import os\n"
    "from logging.config import fileConfig\n"
    "\n"
    "from sqlalchemy import engine_from_config\n"
    "from sqlalchemy import pool\n"
    "\n"
    "from alembic import context\n"
    "from alembic.util import CommandError\n"
    "\n"
    "# this is the Alembic Config object, which provides\n"
    "# access to the values within the .ini file in use.\n"
    "config = context.config\n"
    "\n"
    "# Interpret the config file for Python logging.\n"
    "# This line sets up loggers basically.\n"
    "if config.config_file_name is not None:\n"
    "    fileConfig(config.config_file_name)\n"
    "\n"
    "# add your model's MetaData object here\n"
    "# for 'autogenerate' support\n"
    "# from myapp import mymodel\n"
    "# target_metadata = mymodel.Base.metadata\n"
    "target_metadata = None\n"
    "\n"
    "# other values from the config, defined by the needs of env.py,\n"
    "# can be acquired:\n"
    "# my_important_option = config.get_main_option(\"my_important_option\")\n"
    "# ... etc.\n"
    "\n"
    "# Alembic's version table, from the [alembic] section of alembic.ini.\n"
    "VERSION_TABLE = config.get_main_option(\"version_table\") or \"alembic_version\"\n"
    "VERSION_TABLE_SCHEMA = config.get_main_option(\"version_table_schema\") or None\n"
    "\n"
    "# Tables in the database that these migrations do not manage (pgbaseline\n"
    "# --untracked, or left out of the baseline by -n/-N/-t/-T), as\n"
    "# (schema, table): autogenerate neither creates nor drops them.  Add to it\n"
    "# as needed.\n";

static const char env_tail[] =
    "\n"
    "# The schema of reflected tables that carry no schema name; set from the\n"
    "# connection when online.\n"
    "default_schema = \"public\"\n"
    "\n"
    "\n"
    "def include_object(object, name, type_, reflected, compare_to):\n"
    "    \"\"\"Keep untracked tables and the version table out of autogenerate.\"\"\"\n"
    "    if type_ == \"table\":\n"
    "        schema = object.schema or default_schema\n"
    "        if name == VERSION_TABLE and schema == (VERSION_TABLE_SCHEMA or "
    "default_schema):\n"
    "            return False\n"
    "        if (schema, name) in UNTRACKED_TABLES:\n"
    "            return False\n"
    "    return True\n"
    "\n"
    "\n"
    "def normalize_url(url: str) -> str:\n"
    "    # SQLAlchemy 1.4+ refuses the \"postgres://\" scheme some hosts hand out.\n"
    "    if url.startswith(\"postgres://\"):\n"
    "        return \"postgresql://\" + url[len(\"postgres://\"):]\n"
    "    return url\n"
    "\n"
    "\n"
    "def get_url() -> str:\n"
    "    \"\"\"The database URL, from the DATABASE_URL environment variable.\"\"\"\n"
    "    url = os.environ.get(\"DATABASE_URL\", \"\")\n"
    "    if not url:\n"
    "        raise CommandError(\n"
    "            \"DATABASE_URL is not set; set it to the database's SQLAlchemy URL, \"\n"
    "            \"e.g. export DATABASE_URL=\"\n"
    "            \"postgresql+psycopg2://USER:PASSWORD@HOST:5432/DBNAME\"\n"
    "        )\n"
    "    return normalize_url(url)\n"
    "\n"
    "\n"
    "def run_migrations_offline() -> None:\n"
    "    \"\"\"Run migrations in 'offline' mode.\n"
    "\n"
    "    This configures the context with just a URL\n"
    "    and not an Engine, though an Engine is acceptable\n"
    "    here as well.  By skipping the Engine creation\n"
    "    we don't even need a DBAPI to be available.\n"
    "\n"
    "    Calls to context.execute() here emit the given string to the\n"
    "    script output.\n"
    "\n"
    "    Only the SQL dialect is needed: without DATABASE_URL, PostgreSQL's.\n"
    "\n"
    "    \"\"\"\n"
    "    url = normalize_url(os.environ.get(\"DATABASE_URL\") or \"postgresql://\")\n"
    "    context.configure(\n"
    "        url=url,\n"
    "        target_metadata=target_metadata,\n"
    "        literal_binds=True,\n"
    "        dialect_opts={\"paramstyle\": \"named\"},\n"
    "        include_object=include_object,\n"
    "        version_table=VERSION_TABLE,\n"
    "        version_table_schema=VERSION_TABLE_SCHEMA,\n"
    "    )\n"
    "\n"
    "    with context.begin_transaction():\n"
    "        context.run_migrations()\n"
    "\n"
    "\n"
    "def run_migrations_online() -> None:\n"
    "    \"\"\"Run migrations in 'online' mode.\n"
    "\n"
    "    In this scenario we need to create an Engine\n"
    "    and associate a connection with the context.\n"
    "\n"
    "    \"\"\"\n"
    "    global default_schema\n"
    "\n"
    "    section = config.get_section(config.config_ini_section, {})\n"
    "    section[\"sqlalchemy.url\"] = get_url()\n"
    "    connectable = engine_from_config(\n"
    "        section,\n"
    "        prefix=\"sqlalchemy.\",\n"
    "        poolclass=pool.NullPool,\n"
    "    )\n"
    "\n"
    "    with connectable.connect() as connection:\n"
    "        default_schema = connection.dialect.default_schema_name or default_schema\n"
    "        context.configure(\n"
    "            connection=connection,\n"
    "            target_metadata=target_metadata,\n"
    "            include_object=include_object,\n"
    "            version_table=VERSION_TABLE,\n"
    "            version_table_schema=VERSION_TABLE_SCHEMA,\n"
    "        )\n"
    "\n"
    "        with context.begin_transaction():\n"
    "            context.run_migrations()\n"
    "\n"
    "\n"
    "if context.is_offline_mode():\n"
    "    run_migrations_offline()\n"
    "else:\n"
    "    run_migrations_online()\n";

/*
 * --models: what env.py adds to use models.py (emit_models.c), each
 * replacing the first occurrence of a text of env_head or env_tail.
 */
static const char *const env_models[][2] = {
    {"import os\n", "import importlib.util\nimport os\n"},
    {"target_metadata = None\n",
     "# The models pgbaseline wrote from the dump: models.py beside this file.\n"
     "_models_spec = importlib.util.spec_from_file_location(\n"
     "    \"pgbaseline_models\",\n"
     "    os.path.join(os.path.dirname(os.path.abspath(__file__)), \"models.py\"),\n"
     ")\n"
     "models = importlib.util.module_from_spec(_models_spec)\n"
     "_models_spec.loader.exec_module(models)\n"
     "target_metadata = models.metadata\n"},
    {"            return False\n    return True\n",
     "            return False\n"
     "    # what the models leave out (views' tables, partitions, ...)\n"
     "    models.DEFAULT_SCHEMA = default_schema\n"
     "    return models.include_object(object, name, type_, reflected, compare_to)\n"},
    {"        include_object=include_object,\n",
     "        include_object=include_object,\n"
     "        compare_type=models.compare_type,\n"
     "        compare_server_default=models.compare_server_default,\n"
     "        include_schemas=True,\n"},
    {"            include_object=include_object,\n",
     "            include_object=include_object,\n"
     "            compare_type=models.compare_type,\n"
     "            compare_server_default=models.compare_server_default,\n"
     "            include_schemas=True,\n"},
};

/* text with the first occurrence of each env_models row's text replaced (malloc'd). */
static char *env_with_models(const char *text)
{
	char *cur = xstrdup(text);
	for (size_t i = 0; i < sizeof env_models / sizeof env_models[0]; i++) {
		const char *hit = strstr(cur, env_models[i][0]);
		if (hit == NULL)
			continue;
		struct strbuf sb;
		sb_init(&sb);
		sb_append_len(&sb, cur, (size_t)(hit - cur));
		sb_append(&sb, env_models[i][1]);
		sb_append(&sb, hit + strlen(env_models[i][0]));
		free(cur);
		cur = sb_steal(&sb);
	}
	return cur;
}

static char *env_py(const struct model *m, const struct baseline_opts *o)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, env_head);

	int n = 0;
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = m->tables.v[i];
		if (baseline_table_tracked(o, t))
			continue;
		if (n++ == 0)
			sb_append(&sb, "UNTRACKED_TABLES = {\n");
		sb_append(&sb, "    (");
		quote_python_literal(&sb, t->h.schema ? t->h.schema : "public");
		sb_append(&sb, ", ");
		quote_python_literal(&sb, t->h.name);
		sb_append(&sb, "),\n");
	}
	sb_append(&sb, n ? "}\n" : "UNTRACKED_TABLES = set()\n");
	sb_append(&sb, env_tail);
	if (!o->models)
		return sb_steal(&sb);
	char *plain = sb_steal(&sb);
	char *with = env_with_models(plain);
	free(plain);
	return with;
}

/* ---- script.py.mako ------------------------------------------------------- */

static const char script_py_mako[] =
    "\"\"\"${message}\n"
    "\n"
    "Revision ID: ${up_revision}\n"
    "Revises: ${down_revision | comma,n}\n"
    "Create Date: ${create_date}\n"
    "\n"
    "\"\"\"\n"
    "from typing import Sequence, Union\n"
    "\n"
    "from alembic import op\n"
    "import sqlalchemy as sa\n"
    "${imports if imports else \"\"}\n"
    "\n"
    "# revision identifiers, used by Alembic.\n"
    "revision: str = ${repr(up_revision)}\n"
    "down_revision: Union[str, Sequence[str], None] = ${repr(down_revision)}\n"
    "branch_labels: Union[str, Sequence[str], None] = ${repr(branch_labels)}\n"
    "depends_on: Union[str, Sequence[str], None] = ${repr(depends_on)}\n"
    "\n"
    "\n"
    "def upgrade() -> None:\n"
    "    \"\"\"Upgrade schema.\"\"\"\n"
    "    ${upgrades if upgrades else \"pass\"}\n"
    "\n"
    "\n"
    "def downgrade() -> None:\n"
    "    \"\"\"Downgrade schema.\"\"\"\n"
    "    ${downgrades if downgrades else \"pass\"}\n";

/* ---- README --------------------------------------------------------------- */

static char *readme(const char *dir, const struct baseline_opts *o)
{
	const char *d = dir[0] ? dir : ".";
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb,
		  "Generic single-database configuration.\n"
		  "\n"
		  "Set up by pgbaseline for a PostgreSQL database that already exists.  The\n");
	sb_printf(&sb, "first revision, %s, is the baseline: it stands for the schema as the\n",
		  o->rev);
	sb_append(&sb,
		  "dump described it and runs no DDL.\n"
		  "\n"
		  "The database URL is read from the DATABASE_URL environment variable:\n"
		  "\n"
		  "    export DATABASE_URL=postgresql+psycopg2://USER:PASSWORD@HOST:5432/DBNAME\n"
		  "\n"
		  "Each existing database (and each new one, once its schema is restored from\n"
		  "the dump) is stamped at the baseline, not upgraded.  Either run the checked\n"
		  "stamp SQL written beside the baseline, which first compares the schema with\n"
		  "the dump and changes nothing when they differ:\n"
		  "\n");
	sb_printf(&sb, "    psql -v ON_ERROR_STOP=1 -d DBNAME -f %s/versions/%s_stamp.sql\n", d,
		  o->rev);
	sb_append(&sb, "\n"
		       "or let Alembic record it, without a check:\n"
		       "\n");
	sb_printf(&sb, "    alembic stamp %s\n", o->rev);
	sb_printf(&sb,
		  "\n"
		  "Then `alembic current` prints \"%s (head)\".  From then on, every schema\n"
		  "change is a new revision:\n",
		  o->rev);
	sb_append(&sb, "\n"
		       "    alembic revision -m \"add a column\"\n"
		       "    alembic upgrade head\n"
		       "\n"
		       "Tables the migrations do not manage are listed in env.py\n"
		       "(UNTRACKED_TABLES); autogenerate leaves them alone.\n");
	return sb_steal(&sb);
}

/* ---- scaffold_files ------------------------------------------------------- */

static const char *join_path(const struct model *m, const char *dir, const char *file)
{
	if (dir[0] == '\0')
		return arena_strdup(m->arena, file);
	return arena_printf(m->arena, "%s/%s", dir, file);
}

int scaffold_files(const struct model *m, const struct baseline_opts *o,
		   struct scaffold_file *files)
{
	char *dir = script_dir(o->dir);
	int n = 0;

	files[n].path = arena_strdup(m->arena, "alembic.ini");
	files[n++].text = alembic_ini(dir, o);
	files[n].path = join_path(m, dir, "env.py");
	files[n++].text = env_py(m, o);
	files[n].path = join_path(m, dir, "script.py.mako");
	files[n++].text = xstrdup(script_py_mako);
	files[n].path = join_path(m, dir, "README");
	files[n++].text = readme(dir, o);

	free(dir);
	return n;
}

/* ---- scaffold_read_ini ---------------------------------------------------- */

/* An option of the ini file, raw (before interpolation). */
struct ini_opt {
	char *section;
	char *key; /* lower-cased, as ConfigParser's optionxform */
	struct strbuf value;
	int line; /* where the option starts */
};

struct ini {
	struct diags *d; /* where problems are reported */
	struct ini_opt *opts;
	size_t n, cap;
	char *here; /* the directory of the ini file, as the caller named it */
};

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static const struct ini_opt *ini_find(const struct ini *ini, const char *section, const char *key)
{
	/* The last definition wins (ConfigParser with strict=False; strict rejects repeats). */
	const struct ini_opt *hit = NULL;
	for (size_t i = 0; i < ini->n; i++)
		if (strcmp(ini->opts[i].section, section) == 0 &&
		    strcmp(ini->opts[i].key, key) == 0)
			hit = &ini->opts[i];
	return hit;
}

/*
 * BasicInterpolation: %% is %, %(name)s is the option `name` of the same
 * section, of [DEFAULT], or "here" (Alembic's default: the ini file's
 * directory).  Returns false on a reference that cannot be resolved.
 */
static bool ini_interpolate(const struct ini *ini, const char *section, const char *raw,
			    struct strbuf *out, int depth)
{
	if (depth > 10)
		return false;
	for (const char *p = raw; *p; p++) {
		if (*p != '%') {
			sb_putc(out, *p);
			continue;
		}
		if (p[1] == '%') {
			sb_putc(out, '%');
			p++;
			continue;
		}
		if (p[1] != '(')
			return false;
		const char *close = strstr(p + 2, ")s");
		if (close == NULL)
			return false;
		char *name = xstrndup(p + 2, (size_t)(close - (p + 2)));
		for (char *c = name; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		const struct ini_opt *ref = ini_find(ini, section, name);
		if (ref == NULL)
			ref = ini_find(ini, "DEFAULT", name);
		bool ok = true;
		if (ref)
			ok = ini_interpolate(ini, section, ref->value.data, out, depth + 1);
		else if (strcmp(name, "here") == 0)
			sb_append(out, ini->here);
		else
			ok = false;
		free(name);
		if (!ok)
			return false;
		p = close + 1;
	}
	return true;
}

/* The interpolated value of [alembic] key, or NULL. Malloc'd. */
static char *ini_get(const struct ini *ini, const char *key)
{
	const struct ini_opt *opt = ini_find(ini, "alembic", key);
	if (opt == NULL)
		opt = ini_find(ini, "DEFAULT", key);
	if (opt == NULL)
		return NULL;
	struct strbuf sb;
	sb_init(&sb);
	sb_append(&sb, "");
	if (!ini_interpolate(ini, "alembic", opt->value.data, &sb, 0)) {
		sb_free(&sb);
		return NULL;
	}
	return sb_steal(&sb);
}

static void ini_parse(struct ini *ini, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;
	char *section = NULL;
	struct ini_opt *cur = NULL; /* the option continuation lines extend */

	while (getline(&line, &cap, fp) >= 0) {
		lineno++;
		char *s = trim(line);
		bool indented = line[0] == ' ' || line[0] == '\t';

		if (s[0] == '#' || s[0] == ';')
			continue;
		if (s[0] == '\0') {
			/* ConfigParser keeps empty lines inside a value; trailing ones are dropped.
			 */
			continue;
		}
		if (indented && cur) {
			sb_putc(&cur->value, '\n');
			sb_append(&cur->value, s);
			continue;
		}
		cur = NULL;
		if (s[0] == '[') {
			char *end = strrchr(s, ']');
			if (end) {
				free(section);
				section = xstrndup(s + 1, (size_t)(end - s - 1));
			}
			continue;
		}
		if (section == NULL)
			continue;
		/* key = value or key: value; the first delimiter splits. */
		size_t k = strcspn(s, "=:");
		if (s[k] == '\0')
			continue; /* allow_no_value is off: ConfigParser would fail */
		char *value = trim(s + k + 1);
		s[k] = '\0';
		char *key = trim(s);
		for (char *c = key; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		if (ini->n == ini->cap) {
			ini->cap = ini->cap ? 2 * ini->cap : 16;
			ini->opts = xrealloc(ini->opts, ini->cap * sizeof(*ini->opts));
		}
		cur = &ini->opts[ini->n++];
		cur->section = xstrdup(section);
		cur->key = xstrdup(key);
		cur->line = lineno;
		sb_init(&cur->value);
		sb_append(&cur->value, value);
	}
	free(line);
	free(section);
}

/*
 * script_location as a path from the current directory: "%(here)s/alembic"
 * of ./alembic.ini reads "./alembic" once interpolated, and is returned as
 * "alembic"; trailing slashes go.  Other forms ("sub/alembic", absolute
 * paths, "package:dir" resources) are kept as they are.
 */
static char *relative_location(const char *value)
{
	while (value[0] == '.' && value[1] == '/' && value[2] != '\0')
		value += 2;
	size_t n = strlen(value);
	while (n > 1 && value[n - 1] == '/')
		n--;
	return xstrndup(value, n);
}

/*
 * Alembic's package resource form, "pkg.sub:path/in/it" (not absolute, with
 * a colon; util.coerce_resource_to_filename): the directory of package
 * pkg.sub as Python would import it, then the path in it.  Offline, the
 * package is looked for as a directory below the places prepend_sys_path
 * names (split as Alembic 1.8 splits it: spaces, commas, colons), then
 * the current directory: a regular package (with __init__.py) first, as
 * Python's import prefers, then a namespace directory.  NULL when it is
 * not found there (installed elsewhere, or not at all).  Malloc'd.
 */
static char *resolve_package_resource(const struct ini *ini, const char *value)
{
	char *sys_path = ini_get(ini, "prepend_sys_path");
	struct ptrvec roots = {0};
	if (sys_path)
		for (char *tok = strtok(sys_path, " ,:"); tok; tok = strtok(NULL, " ,:"))
			ptrvec_push(&roots, tok);
	ptrvec_push(&roots, (void *)".");

	const char *colon = strchr(value, ':');
	char *pkg = xstrndup(value, (size_t)(colon - value));
	char *found = NULL;
	for (int regular = 1; regular >= 0 && !found; regular--) {
		for (size_t i = 0; i < roots.n && !found; i++) {
			struct strbuf dir;
			sb_init(&dir);
			sb_append(&dir, roots.v[i]);
			bool ok = pkg[0] != '\0';
			for (char *p = pkg; ok && *p;) {
				size_t n = strcspn(p, ".");
				ok = n > 0 && !(n == 2 && p[0] == '.' && p[1] == '.');
				sb_putc(&dir, '/');
				sb_append_len(&dir, p, n);
				struct stat st;
				ok = ok && stat(dir.data, &st) == 0 && S_ISDIR(st.st_mode);
				if (ok && regular) {
					struct strbuf init;
					sb_init(&init);
					sb_printf(&init, "%s/__init__.py", dir.data);
					ok = stat(init.data, &st) == 0;
					sb_free(&init);
				}
				p += n;
				if (*p == '.')
					p++;
			}
			if (ok) {
				/* the rest, ':' separated as Alembic joins its tokens */
				for (const char *r = colon; *r; r++)
					sb_putc(&dir, *r == ':' ? '/' : *r);
				const char *d = dir.data;
				while (d[0] == '.' && d[1] == '/' && d[2] != '\0')
					d += 2;
				found = xstrdup(d);
			}
			sb_free(&dir);
		}
	}
	free(pkg);
	ptrvec_free(&roots);
	free(sys_path);
	return found;
}

static bool ini_load(const char *path, struct ini *ini)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return false;
	*ini = (struct ini){.d = ini->d};
	const char *slash = strrchr(path, '/');
	ini->here = slash ? (slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path)))
			  : xstrdup(".");
	ini_parse(ini, fp);
	fclose(fp);
	return true;
}

static void ini_free(struct ini *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		free(ini->opts[i].section);
		free(ini->opts[i].key);
		sb_free(&ini->opts[i].value);
	}
	free(ini->opts);
	free(ini->here);
}

static struct loc ini_loc(const struct ini *ini, const char *path, const char *key)
{
	const struct ini_opt *opt = ini_find(ini, "alembic", key);
	if (opt == NULL)
		opt = ini_find(ini, "DEFAULT", key);
	return (struct loc){.file = path, .line = opt ? opt->line : 0};
}

/*
 * A path as Alembic's util.coerce_resource_to_filename() takes it: a
 * package resource ("pkg:dir", not absolute) is the package's directory,
 * anything else a path relative to the current directory.  NULL after
 * reporting a package that is not found.  Malloc'd.
 */
static char *ini_path(const struct ini *ini, const char *path, const char *key, const char *v)
{
	if (v[0] == '/' || strchr(v, ':') == NULL)
		return relative_location(v);
	char *dir = resolve_package_resource(ini, v);
	if (dir == NULL)
		diag_error(ini->d, ini_loc(ini, path, key),
			   "%s \"%s\" names a package resource, but package %.*s is not a "
			   "directory here or under prepend_sys_path; %s",
			   key, v, (int)strcspn(v, ":"), v,
			   strcmp(key, "script_location") == 0
			       ? "give the script directory with --dir"
			       : "write the location as a directory path");
	return dir;
}

bool scaffold_read_version_locations(const char *path, struct ptrvec *out, struct diags *d)
{
	struct ini ini = {.d = d};
	bool ok = true;
	if (!ini_load(path, &ini))
		return true;
	char *v = ini_get(&ini, "version_locations");
	if (v == NULL || v[0] == '\0')
		goto done;

	/* Alembic 1.16 reads path_separator, then the older version_path_separator. */
	const char *key = "path_separator";
	char *sep = ini_get(&ini, key);
	if (sep == NULL) {
		key = "version_path_separator";
		sep = ini_get(&ini, key);
	}
	const char *split = NULL; /* NULL: Alembic's legacy ", *| +" */
	if (sep != NULL) {
		if (strcmp(sep, "space") == 0)
			split = " ";
		else if (strcmp(sep, "newline") == 0)
			split = "\n";
		else if (strcmp(sep, "os") == 0 || strcmp(sep, ":") == 0)
			split = ":"; /* os.pathsep on POSIX */
		else if (strcmp(sep, ";") == 0)
			split = ";";
		else {
			diag_error(ini.d, ini_loc(&ini, path, key),
				   "'%s' is not a valid value for %s; expected 'space', 'newline', "
				   "'os', ':', ';'",
				   sep, key);
			ok = false;
		}
	}
	for (char *p = v; ok && *p;) {
		size_t n = split ? strcspn(p, split) : strcspn(p, ", ");
		char *elem = xstrndup(p, n);
		p += n;
		if (split) {
			if (*p)
				p++;
		} else
			while (*p == ',' || *p == ' ')
				p++;
		char *t = trim(elem);
		if (t[0] != '\0') {
			char *dir = ini_path(&ini, path, "version_locations", t);
			if (dir == NULL)
				ok = false;
			else
				ptrvec_push(out, dir);
		}
		free(elem);
	}
	free(sep);
done:
	free(v);
	ini_free(&ini);
	return ok;
}

/* The values found replace the callers' pointers (malloc'd; the previous values are not
 * freed: they may be defaults the caller does not own). */
bool scaffold_read_ini(const char *path, char **script_location, char **version_table,
		       char **version_table_schema, struct diags *d)
{
	struct ini ini = {.d = d};
	if (!ini_load(path, &ini))
		return false;

	char *v = ini_get(&ini, "script_location");
	if (v && v[0]) {
		char *dir = ini_path(&ini, path, "script_location", v);
		*script_location = dir ? dir : xstrdup(""); /* "": refused (see scaffold.h) */
	}
	free(v);
	v = ini_get(&ini, "version_table");
	if (v && v[0]) {
		*version_table = v;
	} else {
		free(v);
	}
	v = ini_get(&ini, "version_table_schema");
	if (v && v[0]) {
		*version_table_schema = v;
	} else {
		free(v);
	}
	ini_free(&ini);
	return true;
}
