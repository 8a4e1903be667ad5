-- revision scenario: colons and percent signs that SQLAlchemy's text()
-- and the psycopg2 driver would read as parameters if not escaped
CREATE SCHEMA "s:x";
CREATE TABLE "s:x"."t:y" (
    id integer NOT NULL,
    "a:b" text DEFAULT ':b'::text,
    "100%" integer,
    gone integer
);
ALTER TABLE ONLY "s:x"."t:y" ADD CONSTRAINT "t:y_pkey" PRIMARY KEY (id);
