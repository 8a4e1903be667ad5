-- tests/integration/data/ddl-hostile.sql: names, comments and bodies that must stay data
-- in the schema SQL, and statements the model keeps as written (BEGIN ATOMIC); used by
-- tests/cli/t_ddl_sql.sh and tests/integration/test_schema_sql.py.
SET standard_conforming_strings = on;
CREATE SCHEMA "s; DROP SCHEMA public; --";
CREATE TABLE "s; DROP SCHEMA public; --"."t""$$x" (
    "a'b" integer NOT NULL,
    "c\d" text DEFAULT 'it''s $$ \n; --'::text,
    "new
line" text COLLATE "C"
);
CREATE TABLE public."$pgb$" (id integer);
COMMENT ON TABLE "s; DROP SCHEMA public; --"."t""$$x" IS 'x''; DROP TABLE t; -- $$ \
second line';
COMMENT ON COLUMN "s; DROP SCHEMA public; --"."t""$$x"."new
line" IS E'tab\there';
CREATE FUNCTION public."f$$"(x text) RETURNS text LANGUAGE plpgsql AS $_$
BEGIN
    RETURN x || '$$' || E'\\' || $q$;'$q$; -- end
END
$_$;
CREATE FUNCTION public.atomic(x integer) RETURNS integer LANGUAGE sql
BEGIN ATOMIC
 SELECT x + 1; -- one; more
END;
ALTER FUNCTION public.atomic(integer) SECURITY DEFINER;
CREATE FUNCTION public."trg;f"() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TYPE public."e""n" AS ENUM ('a''b', '$$', 'new
line');
ALTER TABLE ONLY "s; DROP SCHEMA public; --"."t""$$x" ADD CONSTRAINT "p""k" PRIMARY KEY ("a'b");
CREATE INDEX "i;x" ON "s; DROP SCHEMA public; --"."t""$$x" USING btree ("c\d", lower("new
line"));
CREATE TRIGGER "tr""g" BEFORE UPDATE OF "c\d" ON "s; DROP SCHEMA public; --"."t""$$x"
    FOR EACH ROW WHEN (new."a'b" > 0) EXECUTE FUNCTION public."trg;f"('a''b', '$$');
CREATE VIEW public."v$$" AS SELECT 1 AS "a;b";
CREATE TABLE public.c (x integer CHECK (x > 0));
CREATE TABLE public.d (y integer) INHERITS (public.c);
CREATE TABLE public.p (id integer, b integer DEFAULT 7) PARTITION BY LIST (id);
CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES IN (1);
ALTER TABLE ONLY public.p1 ALTER COLUMN b DROP DEFAULT;
CREATE INDEX p_b ON ONLY public.p (b);
CREATE TABLE public."P q" ("Key; Col" integer NOT NULL, x integer DEFAULT 1) PARTITION BY RANGE ("Key; Col");
CREATE TABLE public."P q 1" PARTITION OF public."P q" FOR VALUES FROM (0) TO (10);
CREATE INDEX "P q idx" ON public."P q" (x);
ALTER TABLE public."P q" ADD CONSTRAINT "P q pk" PRIMARY KEY ("Key; Col");
