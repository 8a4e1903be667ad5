--
-- Name: accounts; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.accounts (
    id integer NOT NULL,
    name text
);

--
-- Name: broken; Type: TABLE; Schema: public; Owner: app
--

CREATE TABLE public.broken (
    id integer NOT NULL,
    v integer GENERATED ALWAYS AS (id * 2) PERSISTED
);

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);
