CREATE TABLE public.t (id integer NOT NULL, code text, a integer, b integer, note text);
ALTER TABLE ONLY public.t ADD CONSTRAINT t_code_key UNIQUE (code);
CREATE TABLE public.u (x integer NOT NULL, y integer NOT NULL);
ALTER TABLE ONLY public.u ADD CONSTRAINT u_pkey PRIMARY KEY (x);
