CREATE SCHEMA "we""ird;schema";
CREATE TABLE "we""ird;schema"."Table $$ ; DROP" (
    "select" bigint NOT NULL,
    "col
newline" text DEFAULT '$$; DROP TABLE x; --'::text,
    "Mixed Case" integer,
    "new; col" text,
    "end$$" integer
);
ALTER TABLE ONLY "we""ird;schema"."Table $$ ; DROP" ADD CONSTRAINT "pk ""quoted""" PRIMARY KEY ("select");
ALTER TABLE "we""ird;schema"."Table $$ ; DROP" ADD CONSTRAINT "chk;$$" CHECK (("Mixed Case" <> 0));
CREATE INDEX "idx
nl" ON "we""ird;schema"."Table $$ ; DROP" USING btree ("Mixed Case", "col
newline");
CREATE TYPE "we""ird;schema"."En""um" AS ENUM ('it''s', 'mid"dle', '$$', 'a;b', 'end $$ x');
CREATE VIEW "we""ird;schema"."View;" AS
 SELECT "Table $$ ; DROP"."select" AS "$$",
    'x;y'::text AS "a'b"
   FROM "we""ird;schema"."Table $$ ; DROP";
CREATE FUNCTION "we""ird;schema"."fn$$"(a text) RETURNS text
    LANGUAGE sql
    AS $_$ SELECT a || '$$' $_$;
COMMENT ON TABLE "we""ird;schema"."Table $$ ; DROP" IS 'comment with $$ and ''quotes'' and ;
newline';
CREATE TABLE public."order" ("user" integer, "group" text, "limit" integer);
CREATE TABLE public."Order" ("User" integer);
