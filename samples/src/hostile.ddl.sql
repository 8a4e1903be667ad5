-- The DDL behind samples/hostile.sql: names and comments made to break
-- whatever writes them back out (a Python docstring or literal, SQL, a
-- report): both quote characters alone and tripled, backslashes (one
-- trailing), \N, $$, */, --, line feeds, carriage returns, tabs, a
-- right-to-left mark, an emoji, a 63-byte multibyte name, and text that
-- looks like escapes or docstring sections.  Control characters are
-- written with U&"..." and E'...' so this file holds none raw;
-- tools/make-samples.sh restores it into a throwaway PostgreSQL 15 and
-- writes samples/hostile.sql (and hostile-full.sql) with the real pg_dump.

CREATE SCHEMA "we'ird ""schema""";
COMMENT ON SCHEMA "we'ird ""schema""" IS 'a schema named with both quote characters';

CREATE TYPE "mood'""" AS ENUM ('it''s', 'say "hi"', E'new\nline', 'back\slash');

CREATE TABLE "quote'n""double" (
    id integer PRIMARY KEY,
    "tri""""""ple" text,
    "tri'''ple" text,
    "back\slash\" text,
    "\N" text,
    "$$dollar$$" text,
    "*/ -- not a comment" text,
    U&"line\000Abreak" text,
    U&"cr\000Dhere" text,
    U&"tab\0009here" text,
    U&"rlm\200Fmark" text,
    "ends with quote""" text,
    """starts with quote" text,
    "\u202e is not an escape" text,
    doc jsonb NOT NULL DEFAULT '{"a": "\"\"\""}',
    mood "mood'""",
    UNIQUE ("tri'''ple", "\N")
);
COMMENT ON TABLE "quote'n""double" IS E'Quotes: \' " """ \'\'\' and backslashes \\ \\N $$ */ -- the end"';
COMMENT ON COLUMN "quote'n""double"."tri""""""ple" IS '"""; import os; os.system("true"); """';
COMMENT ON COLUMN "quote'n""double"."back\slash\" IS E'\\x41 is not A, \\u0041 is not A, \\N is not NULL\\';
COMMENT ON COLUMN "quote'n""double".U&"line\000Abreak" IS E'two\nlines\r\nthree\ttabbed';
CREATE INDEX "ix 'gin' */" ON "quote'n""double" USING gin (doc);
CREATE INDEX "ix ""trailing""" ON "quote'n""double" ("ends with quote""") WHERE "\N" <> E'\\';

CREATE TABLE "🐘 elephants" (
    id integer PRIMARY KEY,
    quote_id integer NOT NULL REFERENCES "quote'n""double" (id) ON DELETE CASCADE,
    "only""one" integer UNIQUE REFERENCES "quote'n""double" (id) ON DELETE SET NULL
);
COMMENT ON TABLE "🐘 elephants" IS E'Line one\nRevision ID: fake\r\n\tindented """ and a trailing backslash \\';

CREATE TABLE "we'ird ""schema""".日日日日日日日日日日日日日日日日日日日日日 (
    id integer PRIMARY KEY,
    elephant_id integer REFERENCES "🐘 elephants" (id)
);
COMMENT ON TABLE "we'ird ""schema""".日日日日日日日日日日日日日日日日日日日日日 IS E'63 bytes: rtl \u200F mark, emoji 🐘, ends with a quote "';

CREATE TABLE "link""table" (
    quote_id integer REFERENCES "quote'n""double" (id),
    elephant_id integer REFERENCES "🐘 elephants" (id) ON DELETE CASCADE,
    PRIMARY KEY (quote_id, elephant_id)
);
COMMENT ON TABLE "link""table" IS '''''''';

CREATE VIEW "v""""""view" AS SELECT id, "tri""""""ple" FROM "quote'n""double";
COMMENT ON VIEW "v""""""view" IS 'ends with a backslash\';

CREATE FUNCTION "f'''n"(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT x || '"""' $$;
COMMENT ON FUNCTION "f'''n"(text) IS $q$$$ dollar $$ and """ triple$q$;

INSERT INTO "quote'n""double" (id, "tri""""""ple", "\N") VALUES (1, E'"""\n''''''', NULL), (2, '\N', '\');
INSERT INTO "🐘 elephants" VALUES (1, 1, 2);
