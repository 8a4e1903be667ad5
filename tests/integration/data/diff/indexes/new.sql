CREATE TABLE public.t (id integer, name text, email text, n integer, created timestamp without time zone);
CREATE INDEX t_name_idx ON public.t USING btree (name DESC NULLS LAST);
CREATE UNIQUE INDEX t_lower_email_idx ON public.t USING btree (lower(email));
CREATE INDEX t_partial_idx ON public.t USING btree (created) WHERE (n IS NOT NULL);
CREATE INDEX t_include_idx ON public.t USING btree (id) INCLUDE (name, email);
CREATE INDEX t_method_idx ON public.t USING hash (email);
