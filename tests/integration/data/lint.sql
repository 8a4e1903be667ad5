-- tests/integration/data/lint.sql: for each lint rule an object it must
-- find (named pos_*) and a look-alike it must not (ok_*), restored in
-- PostgreSQL 15 by test_lint.py and dumped with its pg_dump -s.
CREATE SCHEMA lint;
SET search_path = lint;
-- no-primary-key
CREATE TABLE pos_nopk (a integer);
CREATE TABLE ok_haspk (id bigint PRIMARY KEY);
-- fk-without-index, fk-type-mismatch, int-primary-key
CREATE TABLE ok_intparent (id integer PRIMARY KEY);
CREATE TABLE pos_fkchild (id bigint PRIMARY KEY, p bigint REFERENCES ok_haspk);
CREATE TABLE ok_fkchild (id bigint PRIMARY KEY, p bigint REFERENCES ok_haspk, q integer);
CREATE INDEX ok_fkchild_pq ON ok_fkchild (p, q);
CREATE TABLE pos_mismatch (id bigint PRIMARY KEY, p integer CONSTRAINT pos_mismatch_fk REFERENCES ok_haspk);
CREATE INDEX ON pos_mismatch (p);
CREATE TABLE ok_match (id bigint PRIMARY KEY, p integer CONSTRAINT ok_match_fk REFERENCES ok_intparent);
CREATE INDEX ON ok_match (p);
-- redundant-index
CREATE TABLE ok_ix (id bigint PRIMARY KEY, a int, b int);
CREATE INDEX pos_ix_a ON ok_ix (a);
CREATE INDEX ok_ix_ab ON ok_ix (a, b);
CREATE INDEX ok_ix_a_partial ON ok_ix (a) WHERE b > 0;
CREATE INDEX ok_ix_b_hash ON ok_ix USING hash (b);
CREATE INDEX pos_ix_id ON ok_ix (id);
-- timestamp-without-time-zone
CREATE TABLE ok_times (id bigint PRIMARY KEY, pos_ts timestamp(3), ok_tstz timestamptz, ok_d date);
-- rls-without-policy, policy-without-rls
CREATE TABLE pos_rls (id bigint PRIMARY KEY);
ALTER TABLE pos_rls ENABLE ROW LEVEL SECURITY;
CREATE TABLE ok_rls (id bigint PRIMARY KEY);
ALTER TABLE ok_rls ENABLE ROW LEVEL SECURITY;
CREATE POLICY ok_rls_p ON ok_rls USING (true);
CREATE TABLE ok_norls (id bigint PRIMARY KEY);
CREATE POLICY pos_policy ON ok_norls USING (true);
-- security-definer-search-path
CREATE FUNCTION pos_sd(integer) RETURNS integer LANGUAGE sql SECURITY DEFINER AS 'select $1';
CREATE FUNCTION ok_sd(integer) RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS 'select $1';
CREATE FUNCTION ok_sd2() RETURNS integer LANGUAGE sql SECURITY DEFINER AS 'select 1';
ALTER FUNCTION ok_sd2() SET search_path = pg_catalog;
CREATE FUNCTION ok_invoker() RETURNS integer LANGUAGE sql AS 'select 1';
-- sqlalchemy-reserved-name
CREATE TABLE ok_sa (id bigint PRIMARY KEY, metadata jsonb, ok_meta_data jsonb);
-- nullable-unique
CREATE TABLE ok_uq (id bigint PRIMARY KEY, a int CONSTRAINT pos_uq UNIQUE, b int NOT NULL CONSTRAINT ok_uq_b UNIQUE, c int);
ALTER TABLE ok_uq ADD CONSTRAINT ok_uq_c UNIQUE NULLS NOT DISTINCT (c);
CREATE UNIQUE INDEX pos_uq_ix ON ok_uq (c);
-- not-valid-constraint
CREATE TABLE ok_nv (id bigint PRIMARY KEY, a int);
ALTER TABLE ok_nv ADD CONSTRAINT pos_nv CHECK (a > 0) NOT VALID;
ALTER TABLE ok_nv ADD CONSTRAINT ok_valid CHECK (a < 100);
-- unlogged-table
CREATE UNLOGGED TABLE pos_unlogged (id bigint PRIMARY KEY);
-- identifier-needs-quoting
CREATE TABLE "Pos Quoted" (id bigint PRIMARY KEY, "User" int, ok_plain int);
-- table-without-comment (enabled by the test)
COMMENT ON TABLE ok_haspk IS 'has a comment';
