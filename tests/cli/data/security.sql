--
-- The security view's fixture (inspect --security; tests/integration/test_security.py).
-- Restored into PostgreSQL 15 after the roles sec_owner, sec_reader, sec_writer, sec_app and
-- "Sec Auditor" were created.  Each shape has a look-alike that must not show as it.
--

CREATE SCHEMA app;
ALTER SCHEMA app OWNER TO sec_owner;
GRANT USAGE ON SCHEMA app TO sec_reader;
GRANT USAGE, CREATE ON SCHEMA app TO sec_writer WITH GRANT OPTION;

CREATE SCHEMA "Locked";
ALTER SCHEMA "Locked" OWNER TO sec_owner;

-- PUBLIC's USAGE on the schema public (PostgreSQL 15's initial ACL) taken away
REVOKE USAGE ON SCHEMA public FROM PUBLIC;

CREATE TABLE app.accounts (
    id integer PRIMARY KEY,
    owner_name text,
    balance numeric,
    "Secret Note" text
);
ALTER TABLE app.accounts OWNER TO sec_owner;
GRANT SELECT ON TABLE app.accounts TO sec_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app.accounts TO sec_writer;
GRANT SELECT (id, owner_name), UPDATE (balance) ON TABLE app.accounts TO "Sec Auditor";
GRANT SELECT ("Secret Note") ON TABLE app.accounts TO "Sec Auditor";
GRANT REFERENCES (id) ON TABLE app.accounts TO sec_app WITH GRANT OPTION;
GRANT SELECT ON TABLE app.accounts TO sec_app WITH GRANT OPTION;
ALTER TABLE app.accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON app.accounts FOR SELECT TO sec_reader, "Sec Auditor"
    USING (owner_name = CURRENT_USER);
CREATE POLICY writer_all ON app.accounts TO sec_writer USING (true) WITH CHECK (balance >= 0);
CREATE POLICY no_negative ON app.accounts AS RESTRICTIVE FOR UPDATE USING (balance >= 0);

-- RLS on, no policy: only the owner sees rows
CREATE TABLE app.audit_log (id bigint, note text);
ALTER TABLE app.audit_log OWNER TO sec_owner;
ALTER TABLE app.audit_log ENABLE ROW LEVEL SECURITY;
GRANT ALL ON TABLE app.audit_log TO sec_app;

-- a policy while RLS is off: it does nothing
CREATE TABLE app.drafts (id integer);
ALTER TABLE app.drafts OWNER TO sec_owner;
CREATE POLICY drafts_insert ON app.drafts FOR INSERT WITH CHECK (id > 0);

-- look-alike: no grant, no RLS, no policy (the owner's alone)
CREATE TABLE app.plain (id integer);
ALTER TABLE app.plain OWNER TO sec_owner;

-- granted, then all of it revoked: no row
CREATE TABLE app.revoked (id integer);
ALTER TABLE app.revoked OWNER TO sec_owner;
GRANT SELECT, UPDATE ON TABLE app.revoked TO sec_reader;
REVOKE ALL ON TABLE app.revoked FROM sec_reader;

CREATE TABLE "Locked"."we|ird <b>x</b>" ("Col""Q" integer);
ALTER TABLE "Locked"."we|ird <b>x</b>" OWNER TO sec_owner;
GRANT SELECT ("Col""Q") ON TABLE "Locked"."we|ird <b>x</b>" TO "Sec Auditor";

CREATE VIEW app.v_accounts AS SELECT id, owner_name FROM app.accounts;
ALTER VIEW app.v_accounts OWNER TO sec_owner;
GRANT SELECT ON TABLE app.v_accounts TO PUBLIC;
GRANT SELECT (id) ON TABLE app.v_accounts TO sec_app;

CREATE MATERIALIZED VIEW app.mv AS SELECT 1 AS x;
ALTER MATERIALIZED VIEW app.mv OWNER TO sec_owner;
GRANT SELECT ON TABLE app.mv TO sec_reader;

CREATE SEQUENCE app.ids;
ALTER SEQUENCE app.ids OWNER TO sec_owner;
GRANT USAGE ON SEQUENCE app.ids TO sec_writer;

CREATE FOREIGN DATA WRAPPER sec_fdw;
GRANT USAGE ON FOREIGN DATA WRAPPER sec_fdw TO sec_app;
CREATE SERVER sec_srv FOREIGN DATA WRAPPER sec_fdw;
ALTER SERVER sec_srv OWNER TO sec_owner;
GRANT USAGE ON FOREIGN SERVER sec_srv TO sec_app;
CREATE FOREIGN TABLE app.remote (id integer) SERVER sec_srv;
ALTER FOREIGN TABLE app.remote OWNER TO sec_owner;
GRANT SELECT ON TABLE app.remote TO sec_reader;

-- a type keeps PUBLIC's USAGE (the default); the domain's is revoked
CREATE TYPE app.mood AS ENUM ('ok', 'bad');
ALTER TYPE app.mood OWNER TO sec_owner;
CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
ALTER DOMAIN app.posint OWNER TO sec_owner;
REVOKE ALL ON DOMAIN app.posint FROM PUBLIC;
GRANT USAGE ON DOMAIN app.posint TO sec_reader;

-- PUBLIC's EXECUTE: the default
CREATE FUNCTION app.open_fn(a integer) RETURNS integer LANGUAGE sql AS 'SELECT a';
ALTER FUNCTION app.open_fn(integer) OWNER TO sec_owner;

CREATE FUNCTION app.definer_unpinned() RETURNS integer LANGUAGE sql SECURITY DEFINER
    AS 'SELECT 1';
ALTER FUNCTION app.definer_unpinned() OWNER TO sec_owner;
REVOKE ALL ON FUNCTION app.definer_unpinned() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.definer_unpinned() TO sec_app;

CREATE FUNCTION app.definer_pinned() RETURNS integer LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS 'SELECT 1';
ALTER FUNCTION app.definer_pinned() OWNER TO sec_owner;

CREATE FUNCTION app.definer_altered() RETURNS integer LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';
ALTER FUNCTION app.definer_altered() OWNER TO sec_owner;
ALTER FUNCTION app.definer_altered() SET search_path = app;

-- look-alikes: pinned but SECURITY INVOKER; another setting than search_path
CREATE FUNCTION app.invoker_pinned() RETURNS integer LANGUAGE sql
    SET search_path = app AS 'SELECT 1';
ALTER FUNCTION app.invoker_pinned() OWNER TO sec_owner;
CREATE FUNCTION app.definer_work_mem() RETURNS integer LANGUAGE sql SECURITY DEFINER
    SET work_mem = '64MB' AS 'SELECT 1';
ALTER FUNCTION app.definer_work_mem() OWNER TO sec_owner;

CREATE PROCEDURE app.proc(x integer) LANGUAGE sql AS $$ SELECT 1 $$;
ALTER PROCEDURE app.proc(integer) OWNER TO sec_owner;
GRANT EXECUTE ON PROCEDURE app.proc(integer) TO sec_writer;

ALTER DEFAULT PRIVILEGES FOR ROLE sec_owner IN SCHEMA app GRANT SELECT ON TABLES TO sec_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE sec_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE sec_owner GRANT USAGE ON SEQUENCES TO sec_writer;
