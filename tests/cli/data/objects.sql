--
-- objects.sql: one object of every kind the model holds by name (struct
-- object), with owners, comments and grants, and look-alikes that must not
-- be taken for another kind.  Written by hand in pg_dump's style; PostgreSQL
-- 15 applies it as a superuser once the roles objects_owner (SUPERUSER:
-- event triggers and subscriptions need one) and objects_reader exist
-- (tests/integration/test_objects.py).  Used by tests/cli/t_objects.sh.
--

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE SCHEMA objs;
ALTER SCHEMA objs OWNER TO objects_owner;
GRANT USAGE ON SCHEMA objs TO objects_reader;

CREATE TYPE objs.pair AS (a integer, b integer);
ALTER TYPE objs.pair OWNER TO objects_owner;
REVOKE ALL ON TYPE objs.pair FROM PUBLIC;
GRANT ALL ON TYPE objs.pair TO objects_reader;

CREATE TABLE objs.items (
    id integer NOT NULL,
    name text,
    price integer
);
ALTER TABLE objs.items OWNER TO objects_owner;
GRANT SELECT ON TABLE objs.items TO objects_reader;

CREATE TABLE objs.items_archive (
    id integer NOT NULL,
    name text,
    price integer
);
ALTER TABLE objs.items_archive OWNER TO objects_owner;

-- Functions: SECURITY DEFINER, and a look-alike that is SECURITY INVOKER.
-- The body of the second holds DDL as text, which creates nothing.
CREATE FUNCTION objs.definer(x integer) RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    AS $$ SELECT x + 1 $$;
ALTER FUNCTION objs.definer(x integer) OWNER TO objects_owner;
REVOKE ALL ON FUNCTION objs.definer(x integer) FROM PUBLIC;
GRANT ALL ON FUNCTION objs.definer(x integer) TO objects_reader;

CREATE FUNCTION objs.invoker(x text) RETURNS text
    LANGUAGE plpgsql SECURITY INVOKER
    AS $$
BEGIN
    -- CREATE EVENT TRIGGER fake ON ddl_command_start EXECUTE FUNCTION objs.on_ddl();
    -- CREATE RULE fake AS ON INSERT TO objs.items DO INSTEAD NOTHING;
    RETURN x;
END
$$;
ALTER FUNCTION objs.invoker(x text) OWNER TO objects_owner;
GRANT EXECUTE ON FUNCTION objs.invoker(x text) TO objects_reader WITH GRANT OPTION;

CREATE FUNCTION objs.on_ddl() RETURNS event_trigger
    LANGUAGE plpgsql
    AS $$ BEGIN END $$;
ALTER FUNCTION objs.on_ddl() OWNER TO objects_owner;

CREATE FUNCTION objs.on_row() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RETURN NEW; END $$;
ALTER FUNCTION objs.on_row() OWNER TO objects_owner;

CREATE FUNCTION objs.text_lt_len(a text, b text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT length(a) < length(b) $$;
ALTER FUNCTION objs.text_lt_len(a text, b text) OWNER TO objects_owner;

CREATE FUNCTION objs.pair_of(t text) RETURNS objs.pair
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW(length(t), 0)::objs.pair $$;
ALTER FUNCTION objs.pair_of(t text) OWNER TO objects_owner;

-- Transform functions take and return internal: only LANGUAGE internal can.
CREATE FUNCTION objs.pair_from_sql(internal) RETURNS internal
    LANGUAGE internal IMMUTABLE STRICT
    AS $$int4recv$$;
ALTER FUNCTION objs.pair_from_sql(internal) OWNER TO objects_owner;

CREATE FUNCTION objs.handler() RETURNS language_handler
    LANGUAGE c
    AS '$libdir/plpgsql', 'plpgsql_call_handler';
ALTER FUNCTION objs.handler() OWNER TO objects_owner;

-- An aggregate.
CREATE AGGREGATE objs.total(integer) (
    SFUNC = int4pl,
    STYPE = integer
);
ALTER AGGREGATE objs.total(integer) OWNER TO objects_owner;
GRANT ALL ON FUNCTION objs.total(integer) TO objects_reader;

-- An event trigger, and a table trigger of the same name (the look-alike).
CREATE EVENT TRIGGER lookalike ON ddl_command_end
   EXECUTE FUNCTION objs.on_ddl();
ALTER EVENT TRIGGER lookalike OWNER TO objects_owner;
COMMENT ON EVENT TRIGGER lookalike IS 'watches DDL';

CREATE TRIGGER lookalike BEFORE INSERT ON objs.items FOR EACH ROW EXECUTE FUNCTION objs.on_row();

-- Dropped again: not in the model.
CREATE EVENT TRIGGER dropped ON ddl_command_start
   EXECUTE FUNCTION objs.on_ddl();
DROP EVENT TRIGGER dropped;

-- A rule, made under another name and renamed.
CREATE RULE items_archive_draft AS
    ON INSERT TO objs.items_archive DO INSTEAD  INSERT INTO objs.items (id, name, price)
  VALUES (new.id, new.name, new.price);
ALTER RULE items_archive_draft ON objs.items_archive RENAME TO items_archive_insert;
COMMENT ON RULE items_archive_insert ON objs.items_archive IS 'redirects inserts';

-- An operator.
CREATE OPERATOR objs.~<< (
    FUNCTION = objs.text_lt_len,
    LEFTARG = text,
    RIGHTARG = text
);
ALTER OPERATOR objs.~<< (text, text) OWNER TO objects_owner;
COMMENT ON OPERATOR objs.~<< (text, text) IS 'shorter than';

-- An operator family and class.
CREATE OPERATOR FAMILY objs.int4_fam USING btree;
ALTER OPERATOR FAMILY objs.int4_fam USING btree OWNER TO objects_owner;

CREATE OPERATOR CLASS objs.int4_cls
    FOR TYPE integer USING btree FAMILY objs.int4_fam AS
    OPERATOR 1 <(integer,integer) ,
    OPERATOR 2 <=(integer,integer) ,
    OPERATOR 3 =(integer,integer) ,
    OPERATOR 4 >=(integer,integer) ,
    OPERATOR 5 >(integer,integer) ,
    FUNCTION 1 (integer, integer) btint4cmp(integer,integer);
ALTER OPERATOR CLASS objs.int4_cls USING btree OWNER TO objects_owner;

-- A publication, made under another name and renamed.
CREATE PUBLICATION items_pub_draft WITH (publish = 'insert, update, delete, truncate');
ALTER PUBLICATION items_pub_draft RENAME TO items_pub;
ALTER PUBLICATION items_pub OWNER TO objects_owner;
ALTER PUBLICATION items_pub ADD TABLE ONLY objs.items;

-- A subscription: its connection string (a password) is not repeated.
CREATE SUBSCRIPTION items_sub CONNECTION 'host=nowhere dbname=x password=s3cret' PUBLICATION items_pub WITH (connect = false, slot_name = 'items_sub');
ALTER SUBSCRIPTION items_sub OWNER TO objects_owner;
ALTER SUBSCRIPTION items_sub CONNECTION 'host=elsewhere dbname=x password=0ther';

-- A collation, a text search configuration and dictionary of the same name.
CREATE COLLATION objs.lookalike (provider = libc, locale = 'C');
ALTER COLLATION objs.lookalike OWNER TO objects_owner;

CREATE TEXT SEARCH DICTIONARY objs.lookalike (
    TEMPLATE = pg_catalog.simple,
    stopwords = 'english' );
ALTER TEXT SEARCH DICTIONARY objs.lookalike OWNER TO objects_owner;

CREATE TEXT SEARCH CONFIGURATION objs.lookalike (
    PARSER = pg_catalog."default" );
ALTER TEXT SEARCH CONFIGURATION objs.lookalike
    ADD MAPPING FOR asciiword WITH objs.lookalike;
ALTER TEXT SEARCH CONFIGURATION objs.lookalike OWNER TO objects_owner;

CREATE TEXT SEARCH PARSER objs.words (
    START = prsd_start,
    GETTOKEN = prsd_nexttoken,
    END = prsd_end,
    LEXTYPES = prsd_lextype );

CREATE TEXT SEARCH TEMPLATE objs.plain (
    INIT = dsimple_init,
    LEXIZE = dsimple_lexize );

-- A conversion.
CREATE CONVERSION objs.latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
ALTER CONVERSION objs.latin1_to_utf8 OWNER TO objects_owner;

-- A cast.
CREATE CAST (text AS objs.pair) WITH FUNCTION objs.pair_of(text);
COMMENT ON CAST (text AS objs.pair) IS 'length as a pair';

-- A foreign data wrapper, a server, a user mapping and a foreign table.
CREATE FOREIGN DATA WRAPPER dummy_fdw;
ALTER FOREIGN DATA WRAPPER dummy_fdw OWNER TO objects_owner;
GRANT ALL ON FOREIGN DATA WRAPPER dummy_fdw TO objects_reader;

CREATE SERVER remote FOREIGN DATA WRAPPER dummy_fdw OPTIONS (
    host 'remote.example',
    dbname 'shop'
);
ALTER SERVER remote OWNER TO objects_owner;
GRANT ALL ON FOREIGN SERVER remote TO objects_reader;

CREATE USER MAPPING FOR PUBLIC SERVER remote;
DROP USER MAPPING FOR PUBLIC SERVER remote;

CREATE USER MAPPING FOR objects_reader SERVER remote OPTIONS (
    "user" 'reader',
    password 'hunter2'
);

CREATE FOREIGN TABLE objs.remote_items (
    id integer,
    name text
)
SERVER remote
OPTIONS (
    schema_name 'public',
    table_name 'items'
);
ALTER FOREIGN TABLE objs.remote_items OWNER TO objects_owner;

-- A statistics object.
CREATE STATISTICS objs.items_stats (ndistinct, dependencies) ON id, price FROM objs.items;
ALTER STATISTICS objs.items_stats OWNER TO objects_owner;

-- A transform.
CREATE TRANSFORM FOR objs.pair LANGUAGE plpgsql (
    FROM SQL WITH FUNCTION objs.pair_from_sql(internal)
);

-- A language and an access method.
CREATE TRUSTED LANGUAGE plobjs HANDLER objs.handler;
ALTER LANGUAGE plobjs OWNER TO objects_owner;
GRANT USAGE ON LANGUAGE plobjs TO objects_reader;

CREATE ACCESS METHOD heap_objs TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD heap_objs IS 'heap again';
