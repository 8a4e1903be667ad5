CREATE TYPE public.status AS ENUM ('new', 'legacy', 'done');
CREATE TABLE public.t (id integer, s public.status DEFAULT 'new'::public.status NOT NULL, s2 public.status[]);
CREATE VIEW public.v AS
 SELECT t.id, t.s
   FROM public.t;
CREATE FUNCTION public.f(public.status) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
