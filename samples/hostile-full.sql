--
-- PostgreSQL database dump
--

\restrict ZXtVjgnEJ43ePNsqTV1drMewgaoMbjE10q1Ezr6phKezVMZOXAafcM1sl4icjj2

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
-- Name: we'ird "schema"; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA "we'ird ""schema""";


ALTER SCHEMA "we'ird ""schema""" OWNER TO postgres;

--
-- Name: SCHEMA "we'ird ""schema"""; Type: COMMENT; Schema: -; Owner: postgres
--

COMMENT ON SCHEMA "we'ird ""schema""" IS 'a schema named with both quote characters';


--
-- Name: mood'"; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public."mood'""" AS ENUM (
    'it''s',
    'say "hi"',
    'new
line',
    'back\slash'
);


ALTER TYPE public."mood'""" OWNER TO postgres;

--
-- Name: f'''n(text); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public."f'''n"(x text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT x || '"""' $$;


ALTER FUNCTION public."f'''n"(x text) OWNER TO postgres;

--
-- Name: FUNCTION "f'''n"(x text); Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON FUNCTION public."f'''n"(x text) IS '$$ dollar $$ and """ triple';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: link"table; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public."link""table" (
    quote_id integer NOT NULL,
    elephant_id integer NOT NULL
);


ALTER TABLE public."link""table" OWNER TO postgres;

--
-- Name: TABLE "link""table"; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public."link""table" IS '''''''';


--
-- Name: quote'n"double; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public."quote'n""double" (
    id integer NOT NULL,
    "tri""""""ple" text,
    "tri'''ple" text,
    "back\slash\" text,
    "\N" text,
    "$$dollar$$" text,
    "*/ -- not a comment" text,
    "line
break" text,
    "crhere" text,
    "tab	here" text,
    "rlm‏mark" text,
    "ends with quote""" text,
    """starts with quote" text,
    "\u202e is not an escape" text,
    doc jsonb DEFAULT '{"a": "\"\"\""}'::jsonb NOT NULL,
    mood public."mood'"""
);


ALTER TABLE public."quote'n""double" OWNER TO postgres;

--
-- Name: TABLE "quote'n""double"; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public."quote'n""double" IS 'Quotes: '' " """ '''''' and backslashes \ \N $$ */ -- the end"';


--
-- Name: COLUMN "quote'n""double"."tri""""""ple"; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public."quote'n""double"."tri""""""ple" IS '"""; import os; os.system("true"); """';


--
-- Name: COLUMN "quote'n""double"."back\slash\"; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public."quote'n""double"."back\slash\" IS '\x41 is not A, \u0041 is not A, \N is not NULL\';


--
-- Name: COLUMN "quote'n""double"."line break"; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON COLUMN public."quote'n""double"."line
break" IS 'two
lines
three	tabbed';


--
-- Name: v"""view; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public."v""""""view" AS
 SELECT "quote'n""double".id,
    "quote'n""double"."tri""""""ple"
   FROM public."quote'n""double";


ALTER TABLE public."v""""""view" OWNER TO postgres;

--
-- Name: VIEW "v""""""view"; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON VIEW public."v""""""view" IS 'ends with a backslash\';


--
-- Name: 🐘 elephants; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public."🐘 elephants" (
    id integer NOT NULL,
    quote_id integer NOT NULL,
    "only""one" integer
);


ALTER TABLE public."🐘 elephants" OWNER TO postgres;

--
-- Name: TABLE "🐘 elephants"; Type: COMMENT; Schema: public; Owner: postgres
--

COMMENT ON TABLE public."🐘 elephants" IS 'Line one
Revision ID: fake
	indented """ and a trailing backslash \';


--
-- Name: 日日日日日日日日日日日日日日日日日日日日日; Type: TABLE; Schema: we'ird "schema"; Owner: postgres
--

CREATE TABLE "we'ird ""schema"""."日日日日日日日日日日日日日日日日日日日日日" (
    id integer NOT NULL,
    elephant_id integer
);


ALTER TABLE "we'ird ""schema"""."日日日日日日日日日日日日日日日日日日日日日" OWNER TO postgres;

--
-- Name: TABLE "日日日日日日日日日日日日日日日日日日日日日"; Type: COMMENT; Schema: we'ird "schema"; Owner: postgres
--

COMMENT ON TABLE "we'ird ""schema"""."日日日日日日日日日日日日日日日日日日日日日" IS '63 bytes: rtl ‏ mark, emoji 🐘, ends with a quote "';


--
-- Data for Name: link"table; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public."link""table" (quote_id, elephant_id) FROM stdin;
\.


--
-- Data for Name: quote'n"double; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public."quote'n""double" (id, "tri""""""ple", "tri'''ple", "back\slash\", "\N", "$$dollar$$", "*/ -- not a comment", "line
break", "crhere", "tab	here", "rlm‏mark", "ends with quote""", """starts with quote", "\u202e is not an escape", doc, mood) FROM stdin;
1	"""\n'''	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	\N	{"a": "\\"\\"\\""}	\N
2	\\N	\N	\N	\\	\N	\N	\N	\N	\N	\N	\N	\N	\N	{"a": "\\"\\"\\""}	\N
\.


--
-- Data for Name: 🐘 elephants; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public."🐘 elephants" (id, quote_id, "only""one") FROM stdin;
1	1	2
\.


--
-- Data for Name: 日日日日日日日日日日日日日日日日日日日日日; Type: TABLE DATA; Schema: we'ird "schema"; Owner: postgres
--

COPY "we'ird ""schema"""."日日日日日日日日日日日日日日日日日日日日日" (id, elephant_id) FROM stdin;
\.


--
-- Name: link"table link"table_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."link""table"
    ADD CONSTRAINT "link""table_pkey" PRIMARY KEY (quote_id, elephant_id);


--
-- Name: quote'n"double quote'n"double_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."quote'n""double"
    ADD CONSTRAINT "quote'n""double_pkey" PRIMARY KEY (id);


--
-- Name: quote'n"double quote'n"double_tri'''ple_\N_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."quote'n""double"
    ADD CONSTRAINT "quote'n""double_tri'''ple_\N_key" UNIQUE ("tri'''ple", "\N");


--
-- Name: 🐘 elephants 🐘 elephants_only"one_key; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."🐘 elephants"
    ADD CONSTRAINT "🐘 elephants_only""one_key" UNIQUE ("only""one");


--
-- Name: 🐘 elephants 🐘 elephants_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."🐘 elephants"
    ADD CONSTRAINT "🐘 elephants_pkey" PRIMARY KEY (id);


--
-- Name: 日日日日日日日日日日日日日日日日日日日日日 日日日日日日日日日日日日日日日日日日日_pkey; Type: CONSTRAINT; Schema: we'ird "schema"; Owner: postgres
--

ALTER TABLE ONLY "we'ird ""schema"""."日日日日日日日日日日日日日日日日日日日日日"
    ADD CONSTRAINT "日日日日日日日日日日日日日日日日日日日_pkey" PRIMARY KEY (id);


--
-- Name: ix "trailing"; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX "ix ""trailing""" ON public."quote'n""double" USING btree ("ends with quote""") WHERE ("\N" <> '\'::text);


--
-- Name: ix 'gin' */; Type: INDEX; Schema: public; Owner: postgres
--

CREATE INDEX "ix 'gin' */" ON public."quote'n""double" USING gin (doc);


--
-- Name: link"table link"table_elephant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."link""table"
    ADD CONSTRAINT "link""table_elephant_id_fkey" FOREIGN KEY (elephant_id) REFERENCES public."🐘 elephants"(id) ON DELETE CASCADE;


--
-- Name: link"table link"table_quote_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."link""table"
    ADD CONSTRAINT "link""table_quote_id_fkey" FOREIGN KEY (quote_id) REFERENCES public."quote'n""double"(id);


--
-- Name: 🐘 elephants 🐘 elephants_only"one_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."🐘 elephants"
    ADD CONSTRAINT "🐘 elephants_only""one_fkey" FOREIGN KEY ("only""one") REFERENCES public."quote'n""double"(id) ON DELETE SET NULL;


--
-- Name: 🐘 elephants 🐘 elephants_quote_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public."🐘 elephants"
    ADD CONSTRAINT "🐘 elephants_quote_id_fkey" FOREIGN KEY (quote_id) REFERENCES public."quote'n""double"(id) ON DELETE CASCADE;


--
-- Name: 日日日日日日日日日日日日日日日日日日日日日 日日日日日日日日日日日日日日日_elephant_id_fkey; Type: FK CONSTRAINT; Schema: we'ird "schema"; Owner: postgres
--

ALTER TABLE ONLY "we'ird ""schema"""."日日日日日日日日日日日日日日日日日日日日日"
    ADD CONSTRAINT "日日日日日日日日日日日日日日日_elephant_id_fkey" FOREIGN KEY (elephant_id) REFERENCES public."🐘 elephants"(id);


--
-- PostgreSQL database dump complete
--

\unrestrict ZXtVjgnEJ43ePNsqTV1drMewgaoMbjE10q1Ezr6phKezVMZOXAafcM1sl4icjj2

