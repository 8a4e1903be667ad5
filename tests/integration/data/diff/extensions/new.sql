CREATE SCHEMA ext;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA ext;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE TABLE public.t (id integer, name ext.citext);
CREATE INDEX t_name_trgm ON public.t USING gin (name public.gin_trgm_ops);
