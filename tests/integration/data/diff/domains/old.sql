CREATE DOMAIN public.posint AS integer CONSTRAINT posint_check CHECK ((VALUE > 0));
CREATE DOMAIN public.gone AS text;
CREATE DOMAIN public.code AS text DEFAULT 'x'::text;
CREATE TABLE public.t (n public.posint, c public.code);
