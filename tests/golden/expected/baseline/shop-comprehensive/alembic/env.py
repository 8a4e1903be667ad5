import os
from logging.config import fileConfig

from sqlalchemy import engine_from_config
from sqlalchemy import pool

from alembic import context
from alembic.util import CommandError

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging.
# This line sets up loggers basically.
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
target_metadata = None

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.

# Alembic's version table, from the [alembic] section of alembic.ini.
VERSION_TABLE = config.get_main_option("version_table") or "alembic_version"
VERSION_TABLE_SCHEMA = config.get_main_option("version_table_schema") or None

# Tables in the database that these migrations do not manage (pgbaseline
# --untracked, or left out of the baseline by -n/-N/-t/-T), as
# (schema, table): autogenerate neither creates nor drops them.  Add to it
# as needed.
UNTRACKED_TABLES = set()

# The schema of reflected tables that carry no schema name; set from the
# connection when online.
default_schema = "public"


def include_object(object, name, type_, reflected, compare_to):
    """Keep untracked tables and the version table out of autogenerate."""
    if type_ == "table":
        schema = object.schema or default_schema
        if name == VERSION_TABLE and schema == (VERSION_TABLE_SCHEMA or default_schema):
            return False
        if (schema, name) in UNTRACKED_TABLES:
            return False
    return True


def normalize_url(url: str) -> str:
    # SQLAlchemy 1.4+ refuses the "postgres://" scheme some hosts hand out.
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://"):]
    return url


def get_url() -> str:
    """The database URL, from the DATABASE_URL environment variable."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise CommandError(
            "DATABASE_URL is not set; set it to the database's SQLAlchemy URL, "
            "e.g. export DATABASE_URL="
            "postgresql+psycopg2://USER:PASSWORD@HOST:5432/DBNAME"
        )
    return normalize_url(url)


def run_migrations_offline() -> None:
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    Only the SQL dialect is needed: without DATABASE_URL, PostgreSQL's.

    """
    url = normalize_url(os.environ.get("DATABASE_URL") or "postgresql://")
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        include_object=include_object,
        version_table=VERSION_TABLE,
        version_table_schema=VERSION_TABLE_SCHEMA,
    )

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """
    global default_schema

    section = config.get_section(config.config_ini_section, {})
    section["sqlalchemy.url"] = get_url()
    connectable = engine_from_config(
        section,
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )

    with connectable.connect() as connection:
        default_schema = connection.dialect.default_schema_name or default_schema
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
            version_table=VERSION_TABLE,
            version_table_schema=VERSION_TABLE_SCHEMA,
        )

        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
