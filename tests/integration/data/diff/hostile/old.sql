CREATE SCHEMA "we""ird;schema";
CREATE TABLE "we""ird;schema"."Table $$ ; DROP" (
    "select" integer NOT NULL,
    "col
newline" text,
    "$$" text,
    "Mixed Case" integer
);
CREATE TYPE "we""ird;schema"."En""um" AS ENUM ('it''s', '$$', 'a;b');
CREATE TABLE public."order" ("user" integer, "group" text);
