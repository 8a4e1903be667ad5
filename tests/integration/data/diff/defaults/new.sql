CREATE TABLE public.t (a integer DEFAULT 2, b text DEFAULT 'it''s'::text, c text, d timestamp without time zone DEFAULT statement_timestamp());
