CREATE TABLE public.orders (id integer NOT NULL, amount integer, status character varying(10), note text);
CREATE VIEW public.big_orders AS
 SELECT orders.id, orders.amount, orders.status
   FROM public.orders
  WHERE (orders.amount > 100);
CREATE VIEW public.big_ids AS
 SELECT big_orders.id
   FROM public.big_orders;
CREATE VIEW public.gone AS
 SELECT 1 AS one;
CREATE VIEW public.notes AS
 SELECT orders.note
   FROM public.orders;
