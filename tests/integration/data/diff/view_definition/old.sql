CREATE TABLE public.t (a integer, b integer);
CREATE VIEW public.v AS
 SELECT t.a
   FROM public.t;
CREATE VIEW public.w AS
 SELECT v.a
   FROM public.v;
CREATE VIEW public.cols AS
 SELECT t.a AS x,
    t.b AS y
   FROM public.t;
