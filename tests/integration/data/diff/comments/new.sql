CREATE SCHEMA app;
CREATE TABLE app.t (id integer, a text, CONSTRAINT t_id_check CHECK ((id > 0)));
CREATE INDEX t_a_idx ON app.t USING btree (a);
CREATE VIEW app.v AS SELECT t.id FROM app.t;
CREATE SEQUENCE app.s START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
CREATE TYPE app.e AS ENUM ('x');
CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
COMMENT ON SCHEMA app IS 'the app, it''s ours';
COMMENT ON TABLE app.t IS 'new
multi-line comment';
COMMENT ON COLUMN app.t.id IS 'the key';
COMMENT ON CONSTRAINT t_id_check ON app.t IS 'positive';
COMMENT ON INDEX app.t_a_idx IS 'by a';
COMMENT ON VIEW app.v IS 'a view';
COMMENT ON SEQUENCE app.s IS 'a sequence';
COMMENT ON TYPE app.e IS 'an enum';
COMMENT ON FUNCTION app.f() IS 'a function';
