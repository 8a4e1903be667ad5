CREATE SCHEMA app;
CREATE TABLE app.t (id integer, secret text);
CREATE SEQUENCE app.s;
CREATE FUNCTION app.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE VIEW app.v AS SELECT t.id FROM app.t;
GRANT USAGE ON SCHEMA app TO pgb_reader;
GRANT SELECT ON TABLE app.t TO pgb_reader;
GRANT ALL ON TABLE app.t TO pgb_writer;
