CREATE TABLE public.t (a integer DEFAULT 1, b text, c text DEFAULT 'x'::text, d timestamp without time zone DEFAULT now());
