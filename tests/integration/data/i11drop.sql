-- i11drop: DROP of every kind the builder follows, as PostgreSQL 15 applies it.
-- Applied with psql without ON_ERROR_STOP: the statements marked "refused" fail
-- in PostgreSQL and must leave the model as they leave the catalog.
CREATE SCHEMA keep;
CREATE SCHEMA gone;
CREATE SCHEMA "Empty";
CREATE TYPE keep.mood AS ENUM ('sad', 'ok');
CREATE TYPE keep.unused AS ENUM ('x');
CREATE TYPE keep.unused2 AS ENUM ('y');
CREATE TYPE keep.pair AS (a integer, m keep.mood);
CREATE DOMAIN keep.posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN keep.moody AS keep.mood;
CREATE DOMAIN keep.dom_unused AS text;
CREATE TABLE keep.person (id integer PRIMARY KEY, m keep.mood, mm keep.moody, n keep.posint);
CREATE TABLE keep.child (extra text) INHERITS (keep.person);
CREATE INDEX person_m_idx ON keep.person (m);
CREATE FUNCTION keep.trig() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION keep.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION keep.f(text) RETURNS text LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION keep.g(keep.mood) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION keep.only_one() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION keep.x1() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION keep.x2(OUT a integer, b text) LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE keep.p(integer) LANGUAGE sql AS 'SELECT 1';
CREATE AGGREGATE keep.agg(integer) (SFUNC = int4pl, STYPE = integer);
CREATE TRIGGER person_trig BEFORE INSERT ON keep.person FOR EACH ROW EXECUTE FUNCTION keep.trig();
CREATE TRIGGER person_trig2 BEFORE UPDATE ON keep.person FOR EACH ROW EXECUTE FUNCTION keep.trig();
CREATE POLICY person_pol ON keep.person USING (true);
CREATE POLICY person_pol2 ON keep.person USING (true);
CREATE RULE person_rule AS ON DELETE TO keep.person DO INSTEAD NOTHING;
CREATE TABLE keep.doomed (a integer, b integer);
CREATE RULE doomed_rule AS ON DELETE TO keep.doomed DO INSTEAD NOTHING;
CREATE STATISTICS keep.doomed_stats ON a, b FROM keep.doomed;
CREATE MATERIALIZED VIEW keep.mv AS SELECT 1 AS x;
CREATE VIEW keep.v AS SELECT 1 AS x;
CREATE TABLE keep.parted (id integer, at date) PARTITION BY RANGE (at);
CREATE TABLE keep.parted_1 PARTITION OF keep.parted FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TRIGGER parted_trig AFTER INSERT ON keep.parted FOR EACH ROW EXECUTE FUNCTION keep.trig();
CREATE TYPE gone.color AS ENUM ('red');
CREATE TABLE gone.t (id integer PRIMARY KEY);
CREATE SEQUENCE gone.s;
CREATE VIEW gone.v AS SELECT 1 AS x;
CREATE FUNCTION gone.h() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TABLE keep.uses_gone (id integer, c gone.color, t_id integer REFERENCES gone.t);
CREATE TRIGGER uses_gone_trig BEFORE INSERT ON keep.uses_gone FOR EACH ROW EXECUTE FUNCTION gone.h();
CREATE EXTENSION citext WITH SCHEMA gone;
CREATE EXTENSION pg_trgm;
CREATE EXTENSION postgres_fdw;
CREATE SERVER lonely FOREIGN DATA WRAPPER postgres_fdw;
CREATE FOREIGN DATA WRAPPER free_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER free_fdw;
CREATE FOREIGN TABLE keep.ft (a integer OPTIONS (column_name 'x', "odd|`" 'it''s'), b text,
    "C" integer OPTIONS (column_name 'c1'), d integer OPTIONS (column_name 'd1'))
    SERVER remote OPTIONS (table_name 'y');
ALTER FOREIGN TABLE keep.ft ALTER COLUMN b OPTIONS (ADD column_name 'bee');
ALTER FOREIGN TABLE keep.ft ALTER COLUMN a OPTIONS (SET column_name 'z', DROP "odd|`");
ALTER FOREIGN TABLE keep.ft ALTER COLUMN "C" OPTIONS (ADD "Extra" '<script>`x`');
ALTER FOREIGN TABLE keep.ft ALTER COLUMN d OPTIONS (DROP column_name);
ALTER FOREIGN TABLE keep.ft ALTER COLUMN a OPTIONS (DROP nope);
ALTER FOREIGN TABLE keep.ft ALTER COLUMN a OPTIONS (ADD column_name 'twice');
ALTER FOREIGN TABLE keep.ft OPTIONS (ADD schema_name 'r', SET table_name 'yy');

-- Refused by PostgreSQL: the objects stay.
DROP TYPE keep.mood;
DROP FUNCTION keep.f;
DROP FUNCTION keep.trig();
DROP SCHEMA gone;
DROP DOMAIN keep.mood;
DROP TYPE keep.nope;
DROP FUNCTION keep.nope(integer);
DROP PROCEDURE keep.f(integer);
DROP SCHEMA nope;
DROP TRIGGER nope ON keep.person;
DROP POLICY nope ON keep.person;
DROP RULE nope ON keep.person;
DROP EXTENSION nope;
DROP MATERIALIZED VIEW keep.v;
DROP VIEW keep.mv;
DROP SERVER nope;

-- Look-alikes that do nothing.
DROP TYPE IF EXISTS keep.nope;
DROP DOMAIN IF EXISTS keep.nope;
DROP FUNCTION IF EXISTS keep.nope(integer);
DROP SCHEMA IF EXISTS nope CASCADE;
DROP TRIGGER IF EXISTS nope ON keep.person;
DROP POLICY IF EXISTS nope ON keep.person;
DROP RULE IF EXISTS nope ON keep.person;
DROP EXTENSION IF EXISTS nope;
DROP SERVER IF EXISTS nope;

-- Drops that work.
DROP TYPE keep.unused, keep.unused2;
DROP DOMAIN keep.dom_unused;
DROP FUNCTION keep.f(integer);
DROP FUNCTION keep.only_one;
DROP FUNCTION keep.x1(), keep.x2(text);
DROP PROCEDURE keep.p(integer);
DROP AGGREGATE keep.agg(integer);
DROP TRIGGER person_trig2 ON keep.person;
DROP TRIGGER parted_trig ON keep.parted;
DROP POLICY person_pol2 ON keep.person;
DROP RULE person_rule ON keep.person;
DROP MATERIALIZED VIEW keep.mv;
DROP SCHEMA "Empty";
DROP EXTENSION pg_trgm;
DROP SERVER lonely;
DROP TABLE keep.doomed;
DROP FUNCTION keep.trig() CASCADE;
DROP TYPE keep.mood CASCADE;
DROP SCHEMA gone CASCADE;

-- Default privileges (pg_default_acl), and the objects created after them.
CREATE SCHEMA acl;
GRANT CREATE, USAGE ON SCHEMA acl TO i11_owner;
ALTER DEFAULT PRIVILEGES IN SCHEMA acl GRANT SELECT ON TABLES TO i11_reader;
ALTER DEFAULT PRIVILEGES GRANT ALL ON SEQUENCES TO i11_writer WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE i11_owner IN SCHEMA acl GRANT INSERT, UPDATE ON TABLES TO i11_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE i11_owner REVOKE ALL ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE i11_owner GRANT USAGE ON TYPES TO i11_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE i11_owner REVOKE USAGE ON TYPES FROM i11_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE i11_owner GRANT USAGE ON SCHEMAS TO i11_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE i11_owner, i11_writer IN SCHEMA acl, keep GRANT SELECT ON SEQUENCES TO i11_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE i11_owner REVOKE TRUNCATE ON TABLES FROM i11_owner;
ALTER DEFAULT PRIVILEGES FOR ROLE i11_owner IN SCHEMA acl GRANT USAGE ON SCHEMAS TO i11_reader;
CREATE TABLE acl.by_script (id serial);
SET ROLE i11_owner;
CREATE TABLE acl.by_owner (id integer);
CREATE SEQUENCE acl.owner_seq;
CREATE FUNCTION acl.owner_f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
RESET ROLE;
CREATE TABLE acl.after_reset (id integer);
-- GRANT ... ON ALL ... IN SCHEMA: the objects there now, not one created later.
GRANT DELETE ON ALL TABLES IN SCHEMA acl TO i11_reader;
REVOKE SELECT ON ALL SEQUENCES IN SCHEMA acl FROM i11_reader;
CREATE TABLE acl.after_all (id integer);
