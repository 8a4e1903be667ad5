CREATE TABLE public.p (id integer NOT NULL, k integer NOT NULL);
ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.p ADD CONSTRAINT p_id_k_key UNIQUE (id, k);
CREATE TABLE public.c (id integer NOT NULL, p_id integer, k integer);
ALTER TABLE ONLY public.c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES public.p(id);
