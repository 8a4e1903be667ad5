CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE FUNCTION public.audit() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RETURN NULL; END $$;
CREATE TABLE public.t (id integer, a text, updated timestamp with time zone);
CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE OF a ON public.t FOR EACH ROW WHEN ((new.a IS NOT NULL)) EXECUTE FUNCTION public.touch();
CREATE TRIGGER t_audit AFTER DELETE ON public.t FOR EACH ROW EXECUTE FUNCTION public.audit();
