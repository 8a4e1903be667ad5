CREATE TABLE public.orders (id integer NOT NULL, amount bigint, status character varying(20));
CREATE VIEW public.big_orders AS
 SELECT orders.id, orders.amount, orders.status
   FROM public.orders
  WHERE (orders.amount > 100);
CREATE VIEW public.big_ids AS
 SELECT big_orders.id
   FROM public.big_orders;
CREATE VIEW public.statuses AS
 SELECT DISTINCT orders.status
   FROM public.orders;
