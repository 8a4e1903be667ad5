--
-- PostgreSQL database cluster dump
--

\restrict 8ljQkkv2KhOoy3DCGPg7pO5IoM3aaRJONzzW8eZINWBh8eJ4HhMiNU8r5uaNqtY

SET default_transaction_read_only = off;

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

--
-- Roles
--

CREATE ROLE app;
ALTER ROLE app WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS;
CREATE ROLE postgres;
ALTER ROLE postgres WITH SUPERUSER INHERIT CREATEROLE CREATEDB LOGIN REPLICATION BYPASSRLS;
CREATE ROLE reporting;
ALTER ROLE reporting WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB NOLOGIN NOREPLICATION NOBYPASSRLS;

--
-- User Configurations
--








\unrestrict 8ljQkkv2KhOoy3DCGPg7pO5IoM3aaRJONzzW8eZINWBh8eJ4HhMiNU8r5uaNqtY

--
-- Databases
--

--
-- Database "template1" dump
--

\connect template1

--
-- PostgreSQL database dump
--

\restrict Z62jmKIZYVrh1WbdzQZNpXDMGTJg2B2VNuaXs447dmOWdUcCuioqdkk4vrRwr0I

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
-- PostgreSQL database dump complete
--

\unrestrict Z62jmKIZYVrh1WbdzQZNpXDMGTJg2B2VNuaXs447dmOWdUcCuioqdkk4vrRwr0I

--
-- Database "crm" dump
--

--
-- PostgreSQL database dump
--

\restrict Fwame7Y4opWf3PhfJY0GoeRygS6MaKr88brlccNiYtn1SqYDyM69hCvz41Ja3VH

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
-- Name: crm; Type: DATABASE; Schema: -; Owner: postgres
--

CREATE DATABASE crm WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C.UTF-8';


ALTER DATABASE crm OWNER TO postgres;

\unrestrict Fwame7Y4opWf3PhfJY0GoeRygS6MaKr88brlccNiYtn1SqYDyM69hCvz41Ja3VH
\connect crm
\restrict Fwame7Y4opWf3PhfJY0GoeRygS6MaKr88brlccNiYtn1SqYDyM69hCvz41Ja3VH

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

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customers; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.customers (
    id integer NOT NULL,
    name text NOT NULL
);


ALTER TABLE public.customers OWNER TO postgres;

--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: public; Owner: postgres
--

CREATE SEQUENCE public.customers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.customers_id_seq OWNER TO postgres;

--
-- Name: customers_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: postgres
--

ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;


--
-- Name: customers id; Type: DEFAULT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict Fwame7Y4opWf3PhfJY0GoeRygS6MaKr88brlccNiYtn1SqYDyM69hCvz41Ja3VH

--
-- Database "postgres" dump
--

\connect postgres

--
-- PostgreSQL database dump
--

\restrict 28QEM2KAd2ywFgavqp1TMgczeAeTo109zQha8Fv39wbJejS50hd2NZr9FCeyXVd

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
-- PostgreSQL database dump complete
--

\unrestrict 28QEM2KAd2ywFgavqp1TMgczeAeTo109zQha8Fv39wbJejS50hd2NZr9FCeyXVd

--
-- Database "shop" dump
--

--
-- PostgreSQL database dump
--

\restrict jihYNovAiRQpEcl7cBXyjYjl2n8nrDkxuzf2iQi8fVZSf5gK4b1jkg6g8w7dkjd

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
-- Name: shop; Type: DATABASE; Schema: -; Owner: app
--

CREATE DATABASE shop WITH TEMPLATE = template0 ENCODING = 'UTF8' LOCALE_PROVIDER = libc LOCALE = 'C.UTF-8';


ALTER DATABASE shop OWNER TO app;

\unrestrict jihYNovAiRQpEcl7cBXyjYjl2n8nrDkxuzf2iQi8fVZSf5gK4b1jkg6g8w7dkjd
\connect shop
\restrict jihYNovAiRQpEcl7cBXyjYjl2n8nrDkxuzf2iQi8fVZSf5gK4b1jkg6g8w7dkjd

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

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    total numeric(10,2)
);


ALTER TABLE public.orders OWNER TO app;

--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: app
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: TABLE orders; Type: ACL; Schema: public; Owner: app
--

GRANT SELECT ON TABLE public.orders TO reporting;


--
-- PostgreSQL database dump complete
--

\unrestrict jihYNovAiRQpEcl7cBXyjYjl2n8nrDkxuzf2iQi8fVZSf5gK4b1jkg6g8w7dkjd

--
-- PostgreSQL database cluster dump complete
--

