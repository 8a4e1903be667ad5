-- revision scenario: colons and percent signs that SQLAlchemy's text()
-- and the psycopg2 driver would read as parameters if not escaped
CREATE SCHEMA "s:x";
CREATE TABLE "s:x"."t:y" (
    id integer NOT NULL,
    "a:b" text DEFAULT ':c %(x)s %s'::text,
    "100%" bigint,
    ":new" text DEFAULT 'x\:y'::text
);
ALTER TABLE ONLY "s:x"."t:y" ADD CONSTRAINT "t:y_pkey" PRIMARY KEY (id);
ALTER TABLE ONLY "s:x"."t:y" ADD CONSTRAINT "chk:%" CHECK (("a:b" <> ':d'::text));
CREATE INDEX "ix:%" ON "s:x"."t:y" USING btree ("a:b", "100%");
COMMENT ON COLUMN "s:x"."t:y"."a:b" IS 'a :comment with %(y)s and 100%';
CREATE VIEW "s:x"."v:1" AS
 SELECT "t:y"."a:b",
    "t:y"."100%"
   FROM "s:x"."t:y";
