CREATE TABLE public.t (a integer, b text);
CREATE MATERIALIZED VIEW public.mv AS
 SELECT t.a,
    t.b
   FROM public.t
  WITH NO DATA;
CREATE INDEX mv_a_idx ON public.mv USING btree (a);
CREATE UNIQUE INDEX mv_b_idx ON public.mv USING btree (b);
CREATE MATERIALIZED VIEW public.mv2 AS
 SELECT count(*) AS n
   FROM public.t
  WITH NO DATA;
