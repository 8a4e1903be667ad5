CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TABLE public.t (id integer, a text, updated timestamp with time zone);
CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch();
CREATE TRIGGER t_gone AFTER INSERT ON public.t FOR EACH STATEMENT EXECUTE FUNCTION public.touch();
