--
-- PostgreSQL database dump
--

\restrict pgbaselineEdgeCasesFixture

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: Sales; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA "Sales";


ALTER SCHEMA "Sales" OWNER TO postgres;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA app;


ALTER SCHEMA app OWNER TO postgres;

--
-- Name: SCHEMA app; Type: COMMENT; Schema: -; Owner: postgres
--

COMMENT ON SCHEMA app IS 'application schema';


--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;


--
-- Name: EXTENSION btree_gist; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';


--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: file_fdw; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS file_fdw WITH SCHEMA public;


--
-- Name: EXTENSION file_fdw; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION file_fdw IS 'foreign-data wrapper for flat file access';


--
-- Name: pg_stat_statements; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;


--
-- Name: EXTENSION pg_stat_statements; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pg_stat_statements IS 'track planning and execution statistics of all SQL statements executed';


--
-- Name: Status; Type: TYPE; Schema: Sales; Owner: postgres
--

CREATE TYPE "Sales"."Status" AS ENUM (
    'new',
    'paid',
    'it''s "quoted"'
);


ALTER TYPE "Sales"."Status" OWNER TO postgres;

--
-- Name: email; Type: DOMAIN; Schema: app; Owner: postgres
--

CREATE DOMAIN app.email AS public.citext
	CONSTRAINT email_check CHECK ((VALUE OPERATOR(public.~) '@'::public.citext));


ALTER DOMAIN app.email OWNER TO postgres;

--
-- Name: empty_enum; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.empty_enum AS ENUM (
);


ALTER TYPE app.empty_enum OWNER TO postgres;

--
-- Name: floatrange; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.floatrange AS RANGE (
    subtype = double precision,
    multirange_type_name = app.floatmultirange
);


ALTER TYPE app.floatrange OWNER TO postgres;

--
-- Name: mood; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.mood AS ENUM (
    'sad',
    'ok',
    'happy',
    'ecstatic'
);


ALTER TYPE app.mood OWNER TO postgres;

--
-- Name: pair; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.pair AS (
	a integer,
	b text
);


ALTER TYPE app.pair OWNER TO postgres;

--
-- Name: posint; Type: DOMAIN; Schema: app; Owner: postgres
--

CREATE DOMAIN app.posint AS integer NOT NULL
	CONSTRAINT posint_check CHECK ((VALUE > 0));


ALTER DOMAIN app.posint OWNER TO postgres;

--
-- Name: touch(); Type: FUNCTION; Schema: app; Owner: postgres
--

CREATE FUNCTION app.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$BEGIN RETURN NEW; END$$;


ALTER FUNCTION app.touch() OWNER TO postgres;

--
-- Name: files; Type: SERVER; Schema: -; Owner: postgres
--

CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;


ALTER SERVER files OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: Order; Type: TABLE; Schema: Sales; Owner: postgres
--

CREATE TABLE "Sales"."Order" (
    "ID" integer NOT NULL,
    "Select" text NOT NULL,
    "from" app.mood DEFAULT 'sad'::app.mood,
    child integer,
    status "Sales"."Status"
);


ALTER TABLE "Sales"."Order" OWNER TO postgres;

--
-- Name: Order View; Type: VIEW; Schema: Sales; Owner: postgres
--

CREATE VIEW "Sales"."Order View" AS
 SELECT "Order"."ID",
    "Order"."Select",
    "Order"."from",
    "Order".child,
    "Order".status
   FROM "Sales"."Order";


ALTER TABLE "Sales"."Order View" OWNER TO postgres;

--
-- Name: animal; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.animal (
    id integer DEFAULT 0 NOT NULL,
    name text,
    legs integer,
    CONSTRAINT animal_legs_check CHECK ((legs >= 0)) NO INHERIT,
    CONSTRAINT animal_name_check CHECK ((name <> ''::text))
);


ALTER TABLE app.animal OWNER TO postgres;

--
-- Name: COLUMN animal.name; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON COLUMN app.animal.name IS 'comments are not inherited';


--
-- Name: pet; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.pet (
    name text NOT NULL,
    owner text
)
INHERITS (app.animal);


ALTER TABLE app.pet OWNER TO postgres;

--
-- Name: dog; Type: TABLE; Schema: Sales; Owner: postgres
--

CREATE TABLE "Sales".dog (
    good boolean DEFAULT true
)
INHERITS (app.pet)
WITH (fillfactor='70');


ALTER TABLE "Sales".dog OWNER TO postgres;

--
-- Name: a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok (
    a_column_with_an_equally_long_name_that_goes_on_and_on_and_on integer,
    another_column_with_an_equally_long_name_that_goes_on_and_on integer,
    CONSTRAINT a_table_with_a_rather_long_n_another_column_with_an_equal_check CHECK ((another_column_with_an_equally_long_name_that_goes_on_and_on > 0))
);


ALTER TABLE app.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok OWNER TO postgres;

--
-- Name: winged; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.winged (
    wings integer DEFAULT 2
);


ALTER TABLE app.winged OWNER TO postgres;

--
-- Name: bird; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.bird (
    song text
)
INHERITS (app.pet, app.winged);


ALTER TABLE app.bird OWNER TO postgres;

--
-- Name: child; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.child (
    id integer NOT NULL,
    pa integer DEFAULT 0,
    pb integer
);


ALTER TABLE app.child OWNER TO postgres;

--
-- Name: ident; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.ident (
    a integer NOT NULL,
    b bigint NOT NULL,
    c integer NOT NULL,
    d numeric GENERATED ALWAYS AS ((a * 2)) STORED,
    e integer DEFAULT 42 NOT NULL,
    f text COLLATE pg_catalog."C",
    g integer NOT NULL,
    h text
);


ALTER TABLE app.ident OWNER TO postgres;

--
-- Name: custom_ident_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

ALTER TABLE app.ident ALTER COLUMN c ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME app.custom_ident_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: event_refs; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.event_refs (
    id integer NOT NULL,
    event_id bigint,
    event_at timestamp with time zone
);


ALTER TABLE app.event_refs OWNER TO postgres;

--
-- Name: events; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    child integer,
    payload jsonb,
    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))
)
PARTITION BY RANGE (at);


ALTER TABLE app.events OWNER TO postgres;

--
-- Name: events_2024; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_2024 (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    child integer,
    payload jsonb,
    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))
);


ALTER TABLE app.events_2024 OWNER TO postgres;

--
-- Name: events_2025; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_2025 (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    child integer,
    payload jsonb DEFAULT '{}'::jsonb,
    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))
);


ALTER TABLE app.events_2025 OWNER TO postgres;

--
-- Name: events_2026; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_2026 (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT NULL NOT NULL,
    kind text NOT NULL,
    child integer,
    payload jsonb,
    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))
);


ALTER TABLE app.events_2026 OWNER TO postgres;

--
-- Name: events_default; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_default (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    child integer,
    payload jsonb,
    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))
);


ALTER TABLE app.events_default OWNER TO postgres;

--
-- Name: events_id_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

ALTER TABLE app.events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: events_old; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_old (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    child integer,
    payload jsonb,
    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))
)
PARTITION BY RANGE (at);


ALTER TABLE app.events_old OWNER TO postgres;

--
-- Name: events_old_a; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_old_a (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    child integer,
    payload jsonb,
    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))
);


ALTER TABLE app.events_old_a OWNER TO postgres;

--
-- Name: events_old_rest; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_old_rest (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    kind text NOT NULL,
    child integer,
    payload jsonb,
    CONSTRAINT events_kind_check CHECK ((kind <> ''::text))
);


ALTER TABLE app.events_old_rest OWNER TO postgres;

--
-- Name: free_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.free_seq
    START WITH 100
    INCREMENT BY 10
    NO MINVALUE
    NO MAXVALUE
    CACHE 5
    CYCLE;


ALTER TABLE app.free_seq OWNER TO postgres;

--
-- Name: ft; Type: FOREIGN TABLE; Schema: app; Owner: postgres
--

CREATE FOREIGN TABLE app.ft (
    a integer NOT NULL,
    b text
)
SERVER files
OPTIONS (
    filename '/dev/null',
    format 'csv'
);


ALTER FOREIGN TABLE app.ft OWNER TO postgres;

--
-- Name: FOREIGN TABLE ft; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON FOREIGN TABLE app.ft IS 'a foreign table';


--
-- Name: gp; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.gp (
    id integer NOT NULL,
    x integer,
    y integer GENERATED ALWAYS AS ((x * 2)) STORED
)
PARTITION BY LIST (id);


ALTER TABLE app.gp OWNER TO postgres;

--
-- Name: gp1; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.gp1 (
    id integer NOT NULL,
    x integer,
    y integer GENERATED ALWAYS AS ((x * 2)) STORED
);


ALTER TABLE app.gp1 OWNER TO postgres;

--
-- Name: TABLE gp1; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON TABLE app.gp1 IS 'a partition''s own comment';


--
-- Name: gp2; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.gp2 (
    id integer NOT NULL,
    x integer,
    y integer GENERATED ALWAYS AS ((x * 2)) STORED
);


ALTER TABLE app.gp2 OWNER TO postgres;

--
-- Name: h; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.h (
    k integer,
    v text
)
PARTITION BY HASH (k);


ALTER TABLE app.h OWNER TO postgres;

--
-- Name: h0; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.h0 (
    k integer,
    v text
);


ALTER TABLE app.h0 OWNER TO postgres;

--
-- Name: h1; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.h1 (
    k integer,
    v text
);


ALTER TABLE app.h1 OWNER TO postgres;

--
-- Name: ident_a_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

ALTER TABLE app.ident ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.ident_a_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: ident_b_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

ALTER TABLE app.ident ALTER COLUMN b ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME app.ident_b_seq
    START WITH 10
    INCREMENT BY 5
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: ident_g_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

ALTER TABLE app.ident ALTER COLUMN g ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME app.ident_g_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: misc; Type: TABLE; Schema: app; Owner: postgres
--

CREATE UNLOGGED TABLE app.misc (
    id integer,
    during tstzrange,
    room integer,
    tags text[],
    doc tsvector,
    pos point,
    h text
);


ALTER TABLE app.misc OWNER TO postgres;

--
-- Name: mv_empty; Type: MATERIALIZED VIEW; Schema: app; Owner: postgres
--

CREATE MATERIALIZED VIEW app.mv_empty AS
 SELECT 1 AS one
  WITH NO DATA;


ALTER TABLE app.mv_empty OWNER TO postgres;

--
-- Name: mv_events; Type: MATERIALIZED VIEW; Schema: app; Owner: postgres
--

CREATE MATERIALIZED VIEW app.mv_events AS
 SELECT events.kind,
    count(*) AS n
   FROM app.events
  GROUP BY events.kind
  WITH NO DATA;


ALTER TABLE app.mv_events OWNER TO postgres;

--
-- Name: names; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.names (
    id integer NOT NULL,
    code text,
    a integer,
    b integer,
    c integer,
    "Mixed Case" text,
    parent integer,
    CONSTRAINT names_a_check CHECK ((a > 0)),
    CONSTRAINT names_check CHECK ((b < c)),
    CONSTRAINT names_check1 CHECK (((b > 0) AND (c > 0)))
);


ALTER TABLE app.names OWNER TO postgres;

--
-- Name: names_a_key; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.names_a_key (
    x integer
);


ALTER TABLE app.names_a_key OWNER TO postgres;

--
-- Name: uses_seq; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.uses_seq (
    x integer,
    y bigint DEFAULT nextval('app.free_seq'::regclass)
);


ALTER TABLE app.uses_seq OWNER TO postgres;

--
-- Name: owned_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.owned_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE app.owned_seq OWNER TO postgres;

--
-- Name: owned_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: postgres
--

ALTER SEQUENCE app.owned_seq OWNED BY app.uses_seq.x;


--
-- Name: parent; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.parent (
    a integer NOT NULL,
    b integer NOT NULL,
    note text
);


ALTER TABLE app.parent OWNER TO postgres;

--
-- Name: typed; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.typed OF app.pair (
    a NOT NULL
);


ALTER TABLE app.typed OWNER TO postgres;

--
-- Name: types; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.types (
    id integer NOT NULL,
    big bigint NOT NULL,
    small smallint NOT NULL,
    i4 integer,
    i8 bigint,
    i2 smallint,
    f4 real,
    f8 double precision,
    fl double precision,
    fl10 real,
    fl30 double precision,
    r real,
    dp double precision,
    b boolean,
    d numeric,
    n numeric(10,2),
    n5 numeric(5,0),
    vc character varying,
    vc50 character varying(50),
    c character(1),
    c10 character(10),
    bpc "char",
    t text,
    nm name,
    ts timestamp without time zone,
    ts3 timestamp(3) without time zone,
    tstz timestamp with time zone,
    tstz0 timestamp(0) with time zone,
    tm time without time zone,
    tmtz time with time zone,
    tm2 time(2) with time zone,
    iv interval,
    ivs interval second(2),
    ivym interval year to month,
    dt date,
    bt bit(3),
    vb bit varying(8),
    vb0 bit varying,
    by bytea,
    j json,
    jb jsonb,
    x xml,
    u uuid,
    inet_ inet,
    cidr_ cidr,
    mac macaddr,
    money_ money,
    tsv tsvector,
    pt point,
    arr integer[],
    arr2 integer[],
    arr3 integer[],
    varr character varying(20)[],
    tsarr timestamp(2) without time zone[],
    mood app.mood,
    moods app.mood[],
    em app.email,
    pi app.posint,
    pr app.pair,
    fr app.floatrange,
    ci public.citext,
    st "Sales"."Status",
    r8 int8range,
    oid_ oid,
    rc regclass,
    tid_ tid,
    xid_ xid
);


ALTER TABLE app.types OWNER TO postgres;

--
-- Name: TABLE types; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON TABLE app.types IS 'every type spelling';


--
-- Name: COLUMN types.n; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON COLUMN app.types.n IS 'numeric(10,2) with a ''quote'', a "double quote" and a
newline, and unicode: ünïcødé ✓';


--
-- Name: types_big_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.types_big_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE app.types_big_seq OWNER TO postgres;

--
-- Name: types_big_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: postgres
--

ALTER SEQUENCE app.types_big_seq OWNED BY app.types.big;


--
-- Name: types_id_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.types_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE app.types_id_seq OWNER TO postgres;

--
-- Name: types_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: postgres
--

ALTER SEQUENCE app.types_id_seq OWNED BY app.types.id;


--
-- Name: types_small_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.types_small_seq
    AS smallint
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE app.types_small_seq OWNER TO postgres;

--
-- Name: types_small_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: postgres
--

ALTER SEQUENCE app.types_small_seq OWNED BY app.types.small;


--
-- Name: v_names; Type: VIEW; Schema: app; Owner: postgres
--

CREATE VIEW app.v_names AS
 SELECT names.id,
    names.code
   FROM app.names;


ALTER TABLE app.v_names OWNER TO postgres;

--
-- Name: plain; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.plain (
    id integer NOT NULL,
    m app.mood,
    ci public.citext
);


ALTER TABLE public.plain OWNER TO postgres;

--
-- Name: events_2024; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_2024 FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');


--
-- Name: events_2025; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_2025 FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');


--
-- Name: events_2026; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_2026 FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');


--
-- Name: events_default; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_default DEFAULT;


--
-- Name: events_old; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_old FOR VALUES FROM (MINVALUE) TO ('2024-01-01 00:00:00+00');


--
-- Name: events_old_a; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_old ATTACH PARTITION app.events_old_a FOR VALUES FROM (MINVALUE) TO ('2020-01-01 00:00:00+00');


--
-- Name: events_old_rest; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_old ATTACH PARTITION app.events_old_rest DEFAULT;


--
-- Name: gp1; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.gp ATTACH PARTITION app.gp1 FOR VALUES IN (1);


--
-- Name: gp2; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.gp ATTACH PARTITION app.gp2 FOR VALUES IN (2);


--
-- Name: h0; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.h ATTACH PARTITION app.h0 FOR VALUES WITH (modulus 2, remainder 0);


--
-- Name: h1; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.h ATTACH PARTITION app.h1 FOR VALUES WITH (modulus 2, remainder 1);


--
-- Name: dog id; Type: DEFAULT; Schema: Sales; Owner: postgres
--

ALTER TABLE ONLY "Sales".dog ALTER COLUMN id SET DEFAULT 0;


--
-- Name: bird id; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.bird ALTER COLUMN id SET DEFAULT 0;


--
-- Name: bird wings; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.bird ALTER COLUMN wings SET DEFAULT 2;


--
-- Name: pet id; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.pet ALTER COLUMN id SET DEFAULT 0;


--
-- Name: types id; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.types ALTER COLUMN id SET DEFAULT nextval('app.types_id_seq'::regclass);


--
-- Name: types big; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.types ALTER COLUMN big SET DEFAULT nextval('app.types_big_seq'::regclass);


--
-- Name: types small; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.types ALTER COLUMN small SET DEFAULT nextval('app.types_small_seq'::regclass);


--
-- Name: uses_seq x; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.uses_seq ALTER COLUMN x SET DEFAULT nextval('app.owned_seq'::regclass);


--
-- Name: Order Order_pkey; Type: CONSTRAINT; Schema: Sales; Owner: postgres
--

ALTER TABLE ONLY "Sales"."Order"
    ADD CONSTRAINT "Order_pkey" PRIMARY KEY ("ID");


--
-- Name: a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok a_table_with_a_rather_long_na_a_column_with_an_equally_long_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok
    ADD CONSTRAINT a_table_with_a_rather_long_na_a_column_with_an_equally_long_key UNIQUE (a_column_with_an_equally_long_name_that_goes_on_and_on_and_on);


--
-- Name: animal animal_legs_sane; Type: CHECK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.animal
    ADD CONSTRAINT animal_legs_sane CHECK ((legs < 1000)) NOT VALID;


--
-- Name: animal animal_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.animal
    ADD CONSTRAINT animal_pkey PRIMARY KEY (id);


--
-- Name: child child_pa_check; Type: CHECK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.child
    ADD CONSTRAINT child_pa_check CHECK ((pa IS NOT NULL)) NOT VALID;


--
-- Name: child child_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.child
    ADD CONSTRAINT child_pkey PRIMARY KEY (id);


--
-- Name: event_refs event_refs_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.event_refs
    ADD CONSTRAINT event_refs_pkey PRIMARY KEY (id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id, at);


--
-- Name: events_2024 events_2024_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_2024
    ADD CONSTRAINT events_2024_pkey PRIMARY KEY (id, at);


--
-- Name: events_2025 events_2025_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_2025
    ADD CONSTRAINT events_2025_pkey PRIMARY KEY (id, at);


--
-- Name: events_2026 events_2026_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_2026
    ADD CONSTRAINT events_2026_pkey PRIMARY KEY (id, at);


--
-- Name: events_default events_default_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_default
    ADD CONSTRAINT events_default_pkey PRIMARY KEY (id, at);


--
-- Name: events_old events_old_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_old
    ADD CONSTRAINT events_old_pkey PRIMARY KEY (id, at);


--
-- Name: events_old_a events_old_a_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_old_a
    ADD CONSTRAINT events_old_a_pkey PRIMARY KEY (id, at);


--
-- Name: events_old_rest events_old_rest_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_old_rest
    ADD CONSTRAINT events_old_rest_pkey PRIMARY KEY (id, at);


--
-- Name: events events_payload_obj; Type: CHECK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.events
    ADD CONSTRAINT events_payload_obj CHECK ((jsonb_typeof(payload) = 'object'::text)) NOT VALID;


--
-- Name: h h_k_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.h
    ADD CONSTRAINT h_k_key UNIQUE (k);


--
-- Name: h0 h0_k_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.h0
    ADD CONSTRAINT h0_k_key UNIQUE (k);


--
-- Name: h1 h1_k_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.h1
    ADD CONSTRAINT h1_k_key UNIQUE (k);


--
-- Name: ident ident_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.ident
    ADD CONSTRAINT ident_pkey PRIMARY KEY (a);


--
-- Name: misc misc_id_uq; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.misc
    ADD CONSTRAINT misc_id_uq UNIQUE NULLS NOT DISTINCT (id);


--
-- Name: misc misc_room_during_excl; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.misc
    ADD CONSTRAINT misc_room_during_excl EXCLUDE USING gist (room WITH =, during WITH &&);


--
-- Name: names names_Mixed Case_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.names
    ADD CONSTRAINT "names_Mixed Case_key" UNIQUE ("Mixed Case");


--
-- Name: names names_a_b_c_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.names
    ADD CONSTRAINT names_a_b_c_key UNIQUE (a, b, c) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: names names_a_key1; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.names
    ADD CONSTRAINT names_a_key1 UNIQUE (a);


--
-- Name: names names_ab_uq; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.names
    ADD CONSTRAINT names_ab_uq UNIQUE (a, b);


--
-- Name: names names_b_c_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.names
    ADD CONSTRAINT names_b_c_key UNIQUE (b, c);


--
-- Name: names names_code_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.names
    ADD CONSTRAINT names_code_key UNIQUE (code);


--
-- Name: names names_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.names
    ADD CONSTRAINT names_pkey PRIMARY KEY (id);


--
-- Name: parent parent_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.parent
    ADD CONSTRAINT parent_pkey PRIMARY KEY (a, b);


--
-- Name: typed typed_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.typed
    ADD CONSTRAINT typed_pkey PRIMARY KEY (a);


--
-- Name: types types_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.types
    ADD CONSTRAINT types_pkey PRIMARY KEY (id);


--
-- Name: plain plain_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.plain
    ADD CONSTRAINT plain_pkey PRIMARY KEY (id);


--
-- Name: a_table_with_a_rather_long_na_another_column_with_an_equall_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX a_table_with_a_rather_long_na_another_column_with_an_equall_idx ON app.a_table_with_a_rather_long_name_that_goes_on_and_on_and_on_ok USING btree (another_column_with_an_equally_long_name_that_goes_on_and_on);


--
-- Name: animal_name_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX animal_name_idx ON app.animal USING btree (name);


--
-- Name: events_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_at_idx ON ONLY app.events USING brin (at);


--
-- Name: events_2024_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_2024_at_idx ON app.events_2024 USING brin (at);


--
-- Name: events_uq; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX events_uq ON ONLY app.events USING btree (id, at, kind);


--
-- Name: events_2024_id_at_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX events_2024_id_at_kind_idx ON app.events_2024 USING btree (id, at, kind);


--
-- Name: events_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_kind_idx ON ONLY app.events USING btree (kind);


--
-- Name: events_2024_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_2024_kind_idx ON app.events_2024 USING btree (kind);


--
-- Name: events_2025_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_2025_at_idx ON app.events_2025 USING brin (at);


--
-- Name: events_2025_id_at_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX events_2025_id_at_kind_idx ON app.events_2025 USING btree (id, at, kind);


--
-- Name: events_2025_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_2025_kind_idx ON app.events_2025 USING btree (kind);


--
-- Name: events_2026_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_2026_at_idx ON app.events_2026 USING brin (at);


--
-- Name: events_2026_id_at_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX events_2026_id_at_kind_idx ON app.events_2026 USING btree (id, at, kind);


--
-- Name: events_2026_kind; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_2026_kind ON app.events_2026 USING btree (kind);


--
-- Name: events_default_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_default_at_idx ON app.events_default USING brin (at);


--
-- Name: events_default_id_at_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX events_default_id_at_kind_idx ON app.events_default USING btree (id, at, kind);


--
-- Name: events_default_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_default_kind_idx ON app.events_default USING btree (kind);


--
-- Name: events_old_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_old_at_idx ON ONLY app.events_old USING brin (at);


--
-- Name: events_old_a_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_old_a_at_idx ON app.events_old_a USING brin (at);


--
-- Name: events_old_id_at_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX events_old_id_at_kind_idx ON ONLY app.events_old USING btree (id, at, kind);


--
-- Name: events_old_a_id_at_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX events_old_a_id_at_kind_idx ON app.events_old_a USING btree (id, at, kind);


--
-- Name: events_old_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_old_kind_idx ON ONLY app.events_old USING btree (kind);


--
-- Name: events_old_a_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_old_a_kind_idx ON app.events_old_a USING btree (kind);


--
-- Name: events_old_rest_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_old_rest_at_idx ON app.events_old_rest USING brin (at);


--
-- Name: events_old_rest_id_at_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX events_old_rest_id_at_kind_idx ON app.events_old_rest USING btree (id, at, kind);


--
-- Name: events_old_rest_kind_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_old_rest_kind_idx ON app.events_old_rest USING btree (kind);


--
-- Name: events_payload_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_payload_idx ON ONLY app.events USING gin (payload);


--
-- Name: misc_desc; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX misc_desc ON app.misc USING btree (id DESC NULLS LAST, room) INCLUDE (h);


--
-- Name: misc_doc; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX misc_doc ON app.misc USING gin (doc) WHERE (doc IS NOT NULL);


--
-- Name: misc_h; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX misc_h ON app.misc USING hash (h);


--
-- Name: INDEX misc_h; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON INDEX app.misc_h IS 'hash index';


--
-- Name: misc_pos; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX misc_pos ON app.misc USING spgist (pos);


--
-- Name: misc_room_partial; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX misc_room_partial ON app.misc USING btree (room) WHERE (room > 100);


--
-- Name: misc_tags; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX misc_tags ON app.misc USING gin (tags);


--
-- Name: mv_events_big; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX mv_events_big ON app.mv_events USING btree (n) WHERE (n > 10);


--
-- Name: mv_events_kind; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX mv_events_kind ON app.mv_events USING btree (kind);


--
-- Name: names_a_b_c_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX names_a_b_c_idx ON app.names USING btree (a, b, c) WHERE (a > 1);


--
-- Name: names_b_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX names_b_idx ON app.names USING btree (b);


--
-- Name: names_b_idx1; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX names_b_idx1 ON app.names USING btree (b);


--
-- Name: names_c_uidx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX names_c_uidx ON app.names USING btree (c);


--
-- Name: names_expr_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX names_expr_idx ON app.names USING btree (((a + b)));


--
-- Name: names_lower_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX names_lower_idx ON app.names USING btree (lower(code));


--
-- Name: events_2024_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_at_idx ATTACH PARTITION app.events_2024_at_idx;


--
-- Name: events_2024_id_at_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_uq ATTACH PARTITION app.events_2024_id_at_kind_idx;


--
-- Name: events_2024_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_kind_idx ATTACH PARTITION app.events_2024_kind_idx;


--
-- Name: events_2024_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_2024_pkey;


--
-- Name: events_2025_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_at_idx ATTACH PARTITION app.events_2025_at_idx;


--
-- Name: events_2025_id_at_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_uq ATTACH PARTITION app.events_2025_id_at_kind_idx;


--
-- Name: events_2025_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_kind_idx ATTACH PARTITION app.events_2025_kind_idx;


--
-- Name: events_2025_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_2025_pkey;


--
-- Name: events_2026_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_at_idx ATTACH PARTITION app.events_2026_at_idx;


--
-- Name: events_2026_id_at_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_uq ATTACH PARTITION app.events_2026_id_at_kind_idx;


--
-- Name: events_2026_kind; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_kind_idx ATTACH PARTITION app.events_2026_kind;


--
-- Name: events_2026_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_2026_pkey;


--
-- Name: events_default_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_at_idx ATTACH PARTITION app.events_default_at_idx;


--
-- Name: events_default_id_at_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_uq ATTACH PARTITION app.events_default_id_at_kind_idx;


--
-- Name: events_default_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_kind_idx ATTACH PARTITION app.events_default_kind_idx;


--
-- Name: events_default_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_default_pkey;


--
-- Name: events_old_a_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_old_at_idx ATTACH PARTITION app.events_old_a_at_idx;


--
-- Name: events_old_a_id_at_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_old_id_at_kind_idx ATTACH PARTITION app.events_old_a_id_at_kind_idx;


--
-- Name: events_old_a_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_old_kind_idx ATTACH PARTITION app.events_old_a_kind_idx;


--
-- Name: events_old_a_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_old_pkey ATTACH PARTITION app.events_old_a_pkey;


--
-- Name: events_old_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_at_idx ATTACH PARTITION app.events_old_at_idx;


--
-- Name: events_old_id_at_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_uq ATTACH PARTITION app.events_old_id_at_kind_idx;


--
-- Name: events_old_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_kind_idx ATTACH PARTITION app.events_old_kind_idx;


--
-- Name: events_old_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_old_pkey;


--
-- Name: events_old_rest_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_old_at_idx ATTACH PARTITION app.events_old_rest_at_idx;


--
-- Name: events_old_rest_id_at_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_old_id_at_kind_idx ATTACH PARTITION app.events_old_rest_id_at_kind_idx;


--
-- Name: events_old_rest_kind_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_old_kind_idx ATTACH PARTITION app.events_old_rest_kind_idx;


--
-- Name: events_old_rest_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_old_pkey ATTACH PARTITION app.events_old_rest_pkey;


--
-- Name: h0_k_key; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.h_k_key ATTACH PARTITION app.h0_k_key;


--
-- Name: h1_k_key; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.h_k_key ATTACH PARTITION app.h1_k_key;


--
-- Name: names names_touch; Type: TRIGGER; Schema: app; Owner: postgres
--

CREATE TRIGGER names_touch BEFORE UPDATE ON app.names FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: Order Order_child_fkey; Type: FK CONSTRAINT; Schema: Sales; Owner: postgres
--

ALTER TABLE ONLY "Sales"."Order"
    ADD CONSTRAINT "Order_child_fkey" FOREIGN KEY (child) REFERENCES app.child(id) ON DELETE SET NULL;


--
-- Name: child child_full; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.child
    ADD CONSTRAINT child_full FOREIGN KEY (pb, pa) REFERENCES app.parent(b, a) MATCH FULL ON UPDATE RESTRICT ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED;


--
-- Name: child child_nv; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.child
    ADD CONSTRAINT child_nv FOREIGN KEY (pa, pb) REFERENCES app.parent(a, b) NOT VALID;


--
-- Name: child child_pa_pb_fkey; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.child
    ADD CONSTRAINT child_pa_pb_fkey FOREIGN KEY (pa, pb) REFERENCES app.parent(a, b) ON UPDATE SET NULL ON DELETE CASCADE;


--
-- Name: child child_self; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.child
    ADD CONSTRAINT child_self FOREIGN KEY (id) REFERENCES app.child(id);


--
-- Name: event_refs event_refs_event_id_event_at_fkey; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.event_refs
    ADD CONSTRAINT event_refs_event_id_event_at_fkey FOREIGN KEY (event_id, event_at) REFERENCES app.events(id, at) ON DELETE CASCADE;


--
-- Name: events events_child_fkey; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.events
    ADD CONSTRAINT events_child_fkey FOREIGN KEY (child) REFERENCES app.child(id);


--
-- Name: names names_parent_fkey; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.names
    ADD CONSTRAINT names_parent_fkey FOREIGN KEY (parent) REFERENCES app.names(id);


--
-- Name: names; Type: ROW SECURITY; Schema: app; Owner: postgres
--

ALTER TABLE app.names ENABLE ROW LEVEL SECURITY;

--
-- Name: names names_read; Type: POLICY; Schema: app; Owner: postgres
--

CREATE POLICY names_read ON app.names FOR SELECT USING (true);


--
-- PostgreSQL database dump complete
--

\unrestrict pgbaselineEdgeCasesFixture

