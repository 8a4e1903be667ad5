CREATE TABLE public.t (a integer, b integer);
CREATE VIEW public.v AS
 SELECT t.a,
    t.b
   FROM public.t
  WHERE (t.a IS NOT NULL);
CREATE VIEW public.w AS
 SELECT v.a
   FROM public.v;
CREATE VIEW public.cols AS
 SELECT t.a AS x,
    t.b AS z
   FROM public.t;
