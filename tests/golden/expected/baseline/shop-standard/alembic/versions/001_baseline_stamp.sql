-- The names below are UTF-8, whatever the console's encoding: first of all
SET client_encoding = 'UTF8';

-- Alembic baseline stamp: revision 001_baseline
-- Written by pgbaseline 0.1.0 from ../repo/samples/shop.sql.
--
-- Records that this database is at the baseline revision without running
-- it: the schema is already there (restored from the dump, or the database
-- the dump was taken from).  Run it once, as a role that may create the
-- version table:
--
--     psql -v ON_ERROR_STOP=1 -d DBNAME -f 001_baseline_stamp.sql
--
-- One transaction; nothing changes unless every step succeeds:
--   1. Pre-flight check.  If the version table already holds another
--      revision, Alembic already tracks this database: stop.  Then the
--      9 tracked tables are compared with the dump: columns (type,
--      NOT NULL), constraints (primary key, unique, foreign key, check,
--      exclusion; by name and kind) and indexes (by name and uniqueness),
--      and any other table of the database is looked for (one the dump
--      does not have, outside --untracked and -n/-N/-t/-T, is a difference).
--      Any difference aborts with the list of what differs.
--   2. Alembic's version table, as `alembic stamp` creates it:
--      alembic_version.
--   3. The revision, recorded unless it already is.
-- Running this file again changes nothing.
--
-- Not checked, not managed by Alembic (--untracked):
--   public.audit_logs

BEGIN;

-- The literals below are written for standard_conforming_strings = on.
SET LOCAL standard_conforming_strings = on;

-- 1. Pre-flight check
DO $pgb$
DECLARE
    saved_search_path text := pg_catalog.current_setting('search_path');
    other_revisions text;
    -- Alembic's version table, found as Alembic finds it, if it exists
    version_table oid := pg_catalog.to_regclass('alembic_version');
    problems text[];
    report text;
BEGIN
    -- A version table that holds another revision means Alembic already
    -- tracks this database: leave it alone.
    IF pg_catalog.to_regclass('alembic_version') IS NOT NULL THEN
        SELECT pg_catalog.string_agg(pg_catalog.quote_literal(version_num), ', '
                                     ORDER BY version_num)
          INTO other_revisions
          FROM alembic_version
         WHERE version_num <> '001_baseline';
        IF other_revisions IS NOT NULL THEN
            RAISE EXCEPTION USING
                MESSAGE = pg_catalog.format('pgbaseline: the version table %s already records revision %s, not %s: this database is already tracked by Alembic',
                                            'alembic_version', other_revisions, pg_catalog.quote_literal('001_baseline')),
                HINT = 'Nothing was changed.  See alembic current and alembic history; alembic stamp moves the recorded revision.';
        END IF;
        IF EXISTS (SELECT 1 FROM alembic_version WHERE version_num = '001_baseline') THEN
            RAISE NOTICE 'pgbaseline: revision % is already recorded; checking the schema again, nothing else changes', '001_baseline';
        END IF;
    END IF;

    -- The tracked tables compared with the dump, and the database's other
    -- tables looked for.  Types are read with format_type() under an empty
    -- search_path (as SET LOCAL search_path = '' would, until the end of
    -- this block): built-in types bare, all others schema-qualified, as the
    -- dump's model writes them.
    PERFORM pg_catalog.set_config('search_path', '', true);

    WITH expected (kind, table_schema, table_name, name, detail, flag) AS (VALUES
        -- public.categories
        ('table', 'public', 'categories', NULL, NULL, NULL),
        ('column', 'public', 'categories', 'id', 'integer', 'NOT NULL'),
        ('column', 'public', 'categories', 'parent_id', 'integer', 'nullable'),
        ('column', 'public', 'categories', 'name', 'text', 'NOT NULL'),
        ('constraint', 'public', 'categories', 'categories_name_key', 'UNIQUE', NULL),
        ('constraint', 'public', 'categories', 'categories_parent_id_fkey', 'FOREIGN KEY', NULL),
        ('constraint', 'public', 'categories', 'categories_pkey', 'PRIMARY KEY', NULL),
        -- public.events
        ('table', 'public', 'events', NULL, NULL, NULL),
        ('column', 'public', 'events', 'id', 'bigint', 'NOT NULL'),
        ('column', 'public', 'events', 'occurred_at', 'date', 'NOT NULL'),
        ('column', 'public', 'events', 'user_id', 'bigint', 'nullable'),
        ('column', 'public', 'events', 'kind', 'text', 'NOT NULL'),
        ('column', 'public', 'events', 'payload', 'jsonb', 'nullable'),
        ('constraint', 'public', 'events', 'events_pkey', 'PRIMARY KEY', NULL),
        ('constraint', 'public', 'events', 'events_user_id_fkey', 'FOREIGN KEY', NULL),
        ('index', 'public', 'events', 'ix_events_kind', 'not unique', NULL),
        -- public.events_2025
        ('table', 'public', 'events_2025', NULL, NULL, NULL),
        ('column', 'public', 'events_2025', 'id', 'bigint', 'NOT NULL'),
        ('column', 'public', 'events_2025', 'occurred_at', 'date', 'NOT NULL'),
        ('column', 'public', 'events_2025', 'user_id', 'bigint', 'nullable'),
        ('column', 'public', 'events_2025', 'kind', 'text', 'NOT NULL'),
        ('column', 'public', 'events_2025', 'payload', 'jsonb', 'nullable'),
        ('constraint', 'public', 'events_2025', 'events_2025_pkey', 'PRIMARY KEY', NULL),
        ('constraint', 'public', 'events_2025', 'events_user_id_fkey', 'FOREIGN KEY', NULL),
        ('index', 'public', 'events_2025', 'events_2025_kind_idx', 'not unique', NULL),
        -- public.events_2026
        ('table', 'public', 'events_2026', NULL, NULL, NULL),
        ('column', 'public', 'events_2026', 'id', 'bigint', 'NOT NULL'),
        ('column', 'public', 'events_2026', 'occurred_at', 'date', 'NOT NULL'),
        ('column', 'public', 'events_2026', 'user_id', 'bigint', 'nullable'),
        ('column', 'public', 'events_2026', 'kind', 'text', 'NOT NULL'),
        ('column', 'public', 'events_2026', 'payload', 'jsonb', 'nullable'),
        ('constraint', 'public', 'events_2026', 'events_2026_pkey', 'PRIMARY KEY', NULL),
        ('constraint', 'public', 'events_2026', 'events_user_id_fkey', 'FOREIGN KEY', NULL),
        ('index', 'public', 'events_2026', 'events_2026_kind_idx', 'not unique', NULL),
        -- public.order_items
        ('table', 'public', 'order_items', NULL, NULL, NULL),
        ('column', 'public', 'order_items', 'order_id', 'bigint', 'NOT NULL'),
        ('column', 'public', 'order_items', 'product_id', 'integer', 'NOT NULL'),
        ('column', 'public', 'order_items', 'quantity', 'integer', 'NOT NULL'),
        ('column', 'public', 'order_items', 'unit_price', 'numeric(10,2)', 'NOT NULL'),
        ('constraint', 'public', 'order_items', 'order_items_order_id_fkey', 'FOREIGN KEY', NULL),
        ('constraint', 'public', 'order_items', 'order_items_pkey', 'PRIMARY KEY', NULL),
        ('constraint', 'public', 'order_items', 'order_items_product_id_fkey', 'FOREIGN KEY', NULL),
        ('constraint', 'public', 'order_items', 'order_items_quantity_check', 'CHECK', NULL),
        -- public.orders
        ('table', 'public', 'orders', NULL, NULL, NULL),
        ('column', 'public', 'orders', 'id', 'bigint', 'NOT NULL'),
        ('column', 'public', 'orders', 'user_id', 'bigint', 'NOT NULL'),
        ('column', 'public', 'orders', 'status', 'public.order_status', 'NOT NULL'),
        ('column', 'public', 'orders', 'total_amount', 'numeric(12,2)', 'NOT NULL'),
        ('column', 'public', 'orders', 'note', 'text', 'nullable'),
        ('column', 'public', 'orders', 'placed_at', 'timestamp with time zone', 'NOT NULL'),
        ('constraint', 'public', 'orders', 'orders_pkey', 'PRIMARY KEY', NULL),
        ('constraint', 'public', 'orders', 'orders_total_nonnegative', 'CHECK', NULL),
        ('constraint', 'public', 'orders', 'orders_user_id_fkey', 'FOREIGN KEY', NULL),
        ('index', 'public', 'orders', 'ix_orders_status', 'not unique', NULL),
        ('index', 'public', 'orders', 'ix_orders_user_date', 'not unique', NULL),
        -- public.products
        ('table', 'public', 'products', NULL, NULL, NULL),
        ('column', 'public', 'products', 'id', 'integer', 'NOT NULL'),
        ('column', 'public', 'products', 'sku', 'uuid', 'NOT NULL'),
        ('column', 'public', 'products', 'name', 'character varying(200)', 'NOT NULL'),
        ('column', 'public', 'products', 'description', 'text', 'nullable'),
        ('column', 'public', 'products', 'price', 'numeric(10,2)', 'NOT NULL'),
        ('column', 'public', 'products', 'category_id', 'integer', 'nullable'),
        ('column', 'public', 'products', 'metadata', 'jsonb', 'NOT NULL'),
        ('column', 'public', 'products', 'tags', 'text[]', 'nullable'),
        ('column', 'public', 'products', 'weight_grams', 'integer', 'nullable'),
        ('column', 'public', 'products', 'shipping_class', '"char"', 'nullable'),
        ('column', 'public', 'products', 'volume_ml', 'integer', 'nullable'),
        ('constraint', 'public', 'products', 'products_category_id_fkey', 'FOREIGN KEY', NULL),
        ('constraint', 'public', 'products', 'products_pkey', 'PRIMARY KEY', NULL),
        ('constraint', 'public', 'products', 'products_price_check', 'CHECK', NULL),
        ('index', 'public', 'products', 'ix_products_metadata', 'not unique', NULL),
        ('index', 'public', 'products', 'ix_products_name', 'not unique', NULL),
        ('index', 'public', 'products', 'ix_products_sku', 'unique', NULL),
        -- public.user_profiles
        ('table', 'public', 'user_profiles', NULL, NULL, NULL),
        ('column', 'public', 'user_profiles', 'user_id', 'bigint', 'NOT NULL'),
        ('column', 'public', 'user_profiles', 'display_name', 'text', 'nullable'),
        ('column', 'public', 'user_profiles', 'bio', 'text', 'nullable'),
        ('column', 'public', 'user_profiles', 'locale', 'character varying(10)', 'nullable'),
        ('constraint', 'public', 'user_profiles', 'user_profiles_pkey', 'PRIMARY KEY', NULL),
        ('constraint', 'public', 'user_profiles', 'user_profiles_user_id_fkey', 'FOREIGN KEY', NULL),
        -- public.users
        ('table', 'public', 'users', NULL, NULL, NULL),
        ('column', 'public', 'users', 'id', 'bigint', 'NOT NULL'),
        ('column', 'public', 'users', 'email', 'public.email_address', 'NOT NULL'),
        ('column', 'public', 'users', 'username', 'character varying(50)', 'NOT NULL'),
        ('column', 'public', 'users', 'password_hash', 'text', 'NOT NULL'),
        ('column', 'public', 'users', 'is_active', 'boolean', 'NOT NULL'),
        ('column', 'public', 'users', 'created_at', 'timestamp(3) without time zone', 'NOT NULL'),
        ('constraint', 'public', 'users', 'users_email_username_key', 'UNIQUE', NULL),
        ('constraint', 'public', 'users', 'users_pkey', 'PRIMARY KEY', NULL),
        ('index', 'public', 'users', 'ix_users_created_at', 'not unique', NULL),
        ('index', 'public', 'users', 'ix_users_lower_username', 'not unique', NULL)
    ),
    tracked AS (
        SELECT e.table_schema, e.table_name, c.oid AS relid
          FROM expected e
          LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = e.table_schema
          LEFT JOIN pg_catalog.pg_class c
                 ON c.relnamespace = n.oid AND c.relname = e.table_name
                AND c.relkind IN ('r', 'p', 'f')
         WHERE e.kind = 'table'
    ),
    live (kind, table_schema, table_name, name, detail, flag) AS (
        SELECT 'table', t.table_schema, t.table_name, NULL, NULL, NULL
          FROM tracked t
         WHERE t.relid IS NOT NULL
        UNION ALL
        SELECT 'column', t.table_schema, t.table_name, a.attname::text,
               pg_catalog.format_type(a.atttypid, a.atttypmod),
               CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'nullable' END
          FROM tracked t
          JOIN pg_catalog.pg_attribute a ON a.attrelid = t.relid
         WHERE a.attnum > 0 AND NOT a.attisdropped
        UNION ALL
        SELECT 'constraint', t.table_schema, t.table_name, con.conname::text,
               CASE con.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE'
                                WHEN 'f' THEN 'FOREIGN KEY' WHEN 'c' THEN 'CHECK'
                                ELSE 'EXCLUDE' END,
               CASE WHEN pg_catalog.bool_or(con.conislocal AND con.conparentid = 0)
                    THEN NULL ELSE 'inherited' END
          FROM tracked t
          JOIN pg_catalog.pg_constraint con ON con.conrelid = t.relid
         WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
         GROUP BY t.table_schema, t.table_name, con.conname, con.contype
        UNION ALL
        SELECT 'index', t.table_schema, t.table_name, ic.relname::text,
               CASE WHEN i.indisunique THEN 'unique' ELSE 'not unique' END, NULL
          FROM tracked t
          JOIN pg_catalog.pg_index i ON i.indrelid = t.relid
          JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
         WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                            WHERE con.conindid = i.indexrelid
                              AND con.conrelid = i.indrelid
                              AND con.contype IN ('p', 'u', 'x'))
    ),
    compared AS (
        SELECT coalesce(e.kind, l.kind) AS kind,
               coalesce(e.table_schema, l.table_schema) AS table_schema,
               coalesce(e.table_name, l.table_name) AS table_name,
               coalesce(e.name, l.name) AS name,
               e.detail AS dump_detail, l.detail AS live_detail,
               e.flag AS dump_flag, l.flag AS live_flag,
               e.kind IS NOT NULL AS in_dump, l.kind IS NOT NULL AS in_database
          FROM expected e
          FULL JOIN live l
                 ON l.kind = e.kind AND l.table_schema = e.table_schema
                AND l.table_name = e.table_name
                AND l.name IS NOT DISTINCT FROM e.name
    ),
    problem_rows (table_schema, table_name, kind, name, problem) AS (
        SELECT c.table_schema, c.table_name, c.kind, c.name, p.problem
          FROM compared c
          CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[
              CASE WHEN NOT c.in_database AND c.kind = 'table'
                   THEN pg_catalog.format('table %I.%I: missing', c.table_schema, c.table_name)
                   WHEN NOT c.in_database
                   THEN pg_catalog.format('table %I.%I: %s %I: missing',
                                          c.table_schema, c.table_name, c.kind, c.name)
                   WHEN NOT c.in_dump AND c.live_flag = 'inherited' THEN NULL
                   WHEN NOT c.in_dump AND c.kind = 'index'
                   THEN pg_catalog.format('table %I.%I: index %I: not in the dump',
                                          c.table_schema, c.table_name, c.name)
                   WHEN NOT c.in_dump
                   THEN pg_catalog.format('table %I.%I: %s %I (%s): not in the dump',
                                          c.table_schema, c.table_name, c.kind, c.name,
                                          c.live_detail)
                   WHEN c.live_detail IS DISTINCT FROM c.dump_detail
                   THEN pg_catalog.format('table %I.%I: %s %I: %s is %s, dump says %s',
                                          c.table_schema, c.table_name, c.kind, c.name,
                                          CASE c.kind WHEN 'column' THEN 'type'
                                                      WHEN 'index' THEN 'uniqueness'
                                                      ELSE 'kind' END,
                                          c.live_detail, c.dump_detail)
              END,
              CASE WHEN c.in_database AND c.in_dump AND c.kind = 'column'
                        AND c.live_flag IS DISTINCT FROM c.dump_flag
                   THEN pg_catalog.format('table %I.%I: column %I: %s, dump says %s',
                                          c.table_schema, c.table_name, c.name,
                                          c.live_flag, c.dump_flag)
              END]) AS p(problem)
         WHERE p.problem IS NOT NULL
           -- what a missing table holds is not listed again
           AND (c.kind = 'table' OR (c.table_schema, c.table_name) IN
                (SELECT table_schema, table_name FROM tracked WHERE relid IS NOT NULL))
        UNION ALL
        -- A table the database has and the dump does not: not what the dump
        -- says.  Not counted: system schemas, extensions' own tables, the
        -- version table, and what -n/-N/-t/-T and --untracked leave out.
        SELECT n.nspname::text, c.relname::text, 'table', NULL,
               pg_catalog.format('table %I.%I: not in the dump', n.nspname, c.relname)
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'f')
           AND n.nspname <> 'information_schema'
           AND NOT pg_catalog.starts_with(n.nspname, 'pg_')
           AND c.oid IS DISTINCT FROM version_table
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
           AND NOT EXISTS (SELECT 1 FROM expected e
                            WHERE e.kind = 'table' AND e.table_schema = n.nspname
                              AND e.table_name = c.relname)
           AND NOT (((c.relname OPERATOR(pg_catalog.~) '^(audit_logs)$')))
    )
    SELECT pg_catalog.array_agg(r.problem ORDER BY r.table_schema, r.table_name,
               pg_catalog.array_position(ARRAY['table', 'column', 'constraint', 'index'], r.kind),
               r.name, r.problem)
      INTO problems
      FROM problem_rows r;

    PERFORM pg_catalog.set_config('search_path', saved_search_path, true);

    IF pg_catalog.cardinality(problems) > 0 THEN
        report := pg_catalog.array_to_string(problems[1:20],
                                             pg_catalog.chr(10) || '  ');
        IF pg_catalog.cardinality(problems) > 20 THEN
            report := report || pg_catalog.chr(10)
                      || pg_catalog.format('  ... and %s more',
                                           pg_catalog.cardinality(problems) - 20);
        END IF;
        RAISE EXCEPTION USING
            MESSAGE = pg_catalog.format('pgbaseline: this database does not match baseline revision %s (%s difference%s):%s  %s',
                                        '001_baseline', pg_catalog.cardinality(problems),
                                        CASE WHEN pg_catalog.cardinality(problems) = 1 THEN '' ELSE 's' END,
                                        pg_catalog.chr(10), report),
            HINT = 'Nothing was changed.  Bring the database in line with the dump, or take the baseline from a fresh dump of this database, then run this file again.';
    END IF;
END
$pgb$;

-- 2. Alembic's version table
CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- 3. The baseline revision, once
INSERT INTO alembic_version (version_num)
SELECT '001_baseline'
 WHERE NOT EXISTS (SELECT 1 FROM alembic_version WHERE version_num = '001_baseline');

COMMIT;
