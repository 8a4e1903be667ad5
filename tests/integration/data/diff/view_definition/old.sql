CREATE TABLE public.t (a integer, b integer);
CREATE VIEW public.v AS
 SELECT t.a
   FROM public.t;
CREATE VIEW public.w AS
 SELECT v.a
   FROM public.v;
CREATE VIEW public.cols (x, y) AS
 SELECT t.a, t.b FROM public.t;
