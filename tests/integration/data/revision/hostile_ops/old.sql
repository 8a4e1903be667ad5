--
-- PostgreSQL database dump
--

\restrict bEQsK245wgit1QsctSyGewOkthuLNWfccjAOsfWOEy0Qb0D2rqSDDKcCcKJWPLY

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

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
-- Name: Sch:x %(y)s; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA "Sch:x %(y)s";


--
-- Name: order; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA "order";


--
-- Name: Mood"s; Type: TYPE; Schema: Sch:x %(y)s; Owner: -
--

CREATE TYPE "Sch:x %(y)s"."Mood""s" AS ENUM (
    'ok',
    'bad:x',
    '%(y)s'
);


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: Order; Type: TABLE; Schema: Sch:x %(y)s; Owner: -
--

CREATE TABLE "Sch:x %(y)s"."Order" (
    "ID" bigint NOT NULL,
    note text
);


--
-- Name: order; Type: TABLE; Schema: Sch:x %(y)s; Owner: -
--

CREATE TABLE "Sch:x %(y)s"."order" (
    id integer NOT NULL
);


--
-- Name: user; Type: TABLE; Schema: order; Owner: -
--

CREATE TABLE "order"."user" (
    "select" integer NOT NULL,
    "Select" text,
    "café" character varying(20),
    "authorization" integer,
    "n:x" numeric(10,2),
    "cnt%" text,
    cnt text,
    gone text,
    CONSTRAINT "chk %(y)s" CHECK (("authorization" > 0))
);


--
-- Name: Order Order_pkey; Type: CONSTRAINT; Schema: Sch:x %(y)s; Owner: -
--

ALTER TABLE ONLY "Sch:x %(y)s"."Order"
    ADD CONSTRAINT "Order_pkey" PRIMARY KEY ("ID");


--
-- Name: user user_pkey; Type: CONSTRAINT; Schema: order; Owner: -
--

ALTER TABLE ONLY "order"."user"
    ADD CONSTRAINT user_pkey PRIMARY KEY ("select");


--
-- Name: old idx:x; Type: INDEX; Schema: order; Owner: -
--

CREATE INDEX "old idx:x" ON "order"."user" USING btree ("Select");


--
-- PostgreSQL database dump complete
--

\unrestrict bEQsK245wgit1QsctSyGewOkthuLNWfccjAOsfWOEy0Qb0D2rqSDDKcCcKJWPLY

