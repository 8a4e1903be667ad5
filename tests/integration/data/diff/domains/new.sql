CREATE DOMAIN public.posint AS integer NOT NULL CONSTRAINT posint_check CHECK ((VALUE >= 1)) CONSTRAINT posint_small CHECK ((VALUE < 1000000));
CREATE DOMAIN public.email AS text COLLATE pg_catalog."C" CONSTRAINT email_at CHECK ((VALUE ~~ '%@%'::text));
CREATE DOMAIN public.code AS text DEFAULT 'y'::text;
CREATE TABLE public.t (n public.posint, c public.code);
