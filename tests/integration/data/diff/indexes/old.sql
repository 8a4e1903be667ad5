CREATE TABLE public.t (id integer, name text, email text, n integer, created timestamp without time zone);
CREATE INDEX t_name_idx ON public.t USING btree (name);
CREATE INDEX t_gone_idx ON public.t USING btree (n);
CREATE INDEX t_method_idx ON public.t USING btree (email);
