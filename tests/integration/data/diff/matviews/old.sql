CREATE TABLE public.t (a integer, b text);
CREATE MATERIALIZED VIEW public.mv AS
 SELECT t.a
   FROM public.t
  WITH NO DATA;
CREATE INDEX mv_a_idx ON public.mv USING btree (a);
