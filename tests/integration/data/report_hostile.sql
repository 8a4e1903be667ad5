CREATE SCHEMA "<b>s</b>";
CREATE TABLE public."<script>alert(1)</script>" (
    id integer NOT NULL,
    "</script><img src=x onerror=alert(2)>" text,
    "a""q'&amp;" text
);
COMMENT ON TABLE public."<script>alert(1)</script>" IS '</textarea><svg onload=alert(3)>
second line';
CREATE TABLE "<b>s</b>"."t&lt;" (ref integer);
ALTER TABLE ONLY public."<script>alert(1)</script>" ADD CONSTRAINT "pk<i>" PRIMARY KEY (id);
ALTER TABLE ONLY "<b>s</b>"."t&lt;" ADD CONSTRAINT "fk""x" FOREIGN KEY (ref) REFERENCES public."<script>alert(1)</script>"(id);
GRANT SELECT ON public."<script>alert(1)</script>" TO "<u>role</u>";
CREATE TABLE public."tab	x‮ y" (a int);
