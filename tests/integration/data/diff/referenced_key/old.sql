CREATE TABLE public.p (id integer NOT NULL, code text NOT NULL);
ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.p ADD CONSTRAINT p_code_key UNIQUE (code);
CREATE TABLE public.c (p_id integer, p_code text);
ALTER TABLE ONLY public.c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES public.p(id);
ALTER TABLE ONLY public.c ADD CONSTRAINT c_p_code_fkey FOREIGN KEY (p_code) REFERENCES public.p(code);
