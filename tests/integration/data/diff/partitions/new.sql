CREATE TABLE public.m (id integer NOT NULL, at date NOT NULL, v text) PARTITION BY RANGE (at);
CREATE TABLE public.m_2024 (id integer NOT NULL, at date NOT NULL, v text);
ALTER TABLE ONLY public.m ATTACH PARTITION public.m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.m_2025 (id integer NOT NULL, at date NOT NULL, v text);
ALTER TABLE ONLY public.m ATTACH PARTITION public.m_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.m_default (id integer NOT NULL, at date NOT NULL, v text);
ALTER TABLE ONLY public.m ATTACH PARTITION public.m_default DEFAULT;
ALTER TABLE public.m ADD CONSTRAINT m_pkey PRIMARY KEY (id, at);
CREATE INDEX m_v_idx ON public.m USING btree (v);
CREATE TABLE public.l (k text NOT NULL) PARTITION BY LIST (k);
CREATE TABLE public.l_ab (k text NOT NULL);
ALTER TABLE ONLY public.l ATTACH PARTITION public.l_ab FOR VALUES IN ('a', 'b', 'c');
CREATE FUNCTION public.m_touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER m_touch BEFORE UPDATE ON public.m FOR EACH ROW EXECUTE FUNCTION public.m_touch();
ALTER TABLE public.m ADD CONSTRAINT m_v_check CHECK ((v <> ''::text));
