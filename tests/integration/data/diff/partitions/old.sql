CREATE TABLE public.m (id integer NOT NULL, at date NOT NULL, v text) PARTITION BY RANGE (at);
CREATE TABLE public.m_2024 (id integer NOT NULL, at date NOT NULL, v text);
ALTER TABLE ONLY public.m ATTACH PARTITION public.m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.m_old (id integer NOT NULL, at date NOT NULL, v text);
ALTER TABLE ONLY public.m ATTACH PARTITION public.m_old FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
CREATE TABLE public.l (k text NOT NULL) PARTITION BY LIST (k);
CREATE TABLE public.l_ab (k text NOT NULL);
ALTER TABLE ONLY public.l ATTACH PARTITION public.l_ab FOR VALUES IN ('a', 'b');
