-- i11ren.sql: renames and moves after the objects that refer to them were
-- made.  PostgreSQL keeps expressions and view queries as trees that point
-- at columns by number and at relations by OID, so every view, policy,
-- trigger, index, CHECK, exclusion constraint, generated column, default,
-- rule and statistics object shows the new names afterwards; look-alikes
-- (a column of the same name in another table, a string holding the old
-- name, an alias equal to it, a function of the same name) keep theirs.
-- tests/integration/test_i11ren.py restores it into PostgreSQL 15 and
-- compares each text of the model with the catalog.

CREATE SCHEMA ren;
CREATE SCHEMA ren2;
SET search_path = ren, public;

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
-- a function named like the column that is renamed: its calls keep the name
CREATE FUNCTION qty(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1';
-- a composite type with a field of the same name: (p).qty is the field, not the column
CREATE TYPE pr AS (qty integer, z integer);

CREATE TABLE orders (
    id integer PRIMARY KEY,
    qty integer,
    note text,
    during int4range,
    total integer GENERATED ALWAYS AS (qty * 2) STORED,
    half integer GENERATED ALWAYS AS (qty(id) / 2) STORED,
    p pr,
    fieldsum integer GENERATED ALWAYS AS ((p).qty + qty) STORED,
    CHECK (qty > 0),
    CHECK ((p).qty > qty),
    CHECK (note <> 'qty'),
    EXCLUDE USING gist (during WITH &&, int4range((p).qty, qty + 1) WITH &&) WHERE (qty > 5)
);
CREATE INDEX orders_qty_idx ON orders (qty DESC) WHERE qty > 10;
CREATE INDEX orders_expr_idx ON orders ((qty + 1), lower(note)) WHERE note <> 'qty';
CREATE INDEX orders_fn_idx ON orders (qty(id));
CREATE INDEX orders_field_idx ON orders (((p).qty + qty)) WHERE (p).qty > 0;
-- a column named by a keyword that is also part of a type's name
CREATE TABLE kw (varying text CHECK (varying <> 'a'::varchar), n numeric CHECK (n > 0));
CREATE INDEX kw_idx ON kw ((varying || 'x'::varchar));
-- a partitioned table: its partitions' indexes and triggers follow
CREATE TABLE pt (k integer, qty integer) PARTITION BY RANGE (k);
CREATE TABLE pt1 PARTITION OF pt FOR VALUES FROM (0) TO (10);
CREATE INDEX pt_expr_idx ON pt ((qty + 1));
CREATE TRIGGER pt_upd AFTER UPDATE OF qty ON pt FOR EACH ROW WHEN (new.qty > 0)
    EXECUTE FUNCTION touch();
-- another table with a column of the same name
CREATE TABLE customers (id integer PRIMARY KEY, qty integer, name text);
-- and one of the same name in another schema, not on the search_path's first place
CREATE TABLE public.customers (id integer, qty integer);

CREATE VIEW order_join AS
    SELECT o.id, o.qty, c.qty AS cqty, 'qty' AS label, qty(o.id) AS f, o.note AS qty2
    FROM orders o JOIN customers c ON c.id = o.id WHERE o.qty > 1;
CREATE VIEW order_plain AS SELECT id, qty, total FROM orders WHERE qty > 0 ORDER BY qty;
CREATE VIEW order_alias AS SELECT note AS qty, orders.qty AS amount_was FROM orders;
CREATE VIEW order_cte AS WITH q AS (SELECT id, qty FROM orders) SELECT q.qty FROM q;
CREATE VIEW order_sub AS SELECT s.qty, s.id FROM (SELECT id, qty FROM orders) s;
-- qty inside the subquery is customers' (the nearest FROM): it stays
CREATE VIEW order_corr AS
    SELECT id FROM orders WHERE EXISTS (SELECT 1 FROM customers c WHERE c.qty = qty);
-- the outer qty is customers', the inner orders'
CREATE VIEW cust_mixed AS
    SELECT c.qty, (SELECT max(qty) FROM orders) AS m FROM customers c;
CREATE VIEW cust_public AS SELECT qty FROM public.customers;
CREATE VIEW order_union AS SELECT id, qty FROM orders UNION ALL SELECT id, qty FROM customers;
CREATE MATERIALIZED VIEW order_mv AS SELECT id, qty FROM orders WHERE qty > 3;
-- JOIN ... USING the renamed column: PostgreSQL names the table's columns as they were
CREATE TABLE su (qty integer, z integer);
CREATE VIEW order_using AS SELECT qty, orders.id, su.z FROM orders JOIN su USING (qty);
-- a star was expanded when the view was made: its columns keep their names
CREATE VIEW order_star AS SELECT * FROM orders;
CREATE VIEW order_tstar AS SELECT o.*, 1 AS one FROM orders o JOIN su ON su.z = o.id;
CREATE VIEW cust_star AS SELECT * FROM customers;
-- a view on a view that is renamed
CREATE VIEW on_view AS SELECT id FROM order_plain;
-- views whose columns are renamed, what reads them, a materialized view's index
CREATE VIEW vcol AS SELECT id, note AS txt, lower(note) FROM orders;
CREATE VIEW on_vcol AS SELECT vcol.id, vcol.txt, low.lower FROM vcol, vcol low WHERE vcol.txt <> 'txt';
CREATE VIEW on_vcol2 AS SELECT txt FROM vcol WHERE txt <> 'txt';
CREATE INDEX order_mv_idx ON order_mv ((id + 1)) WHERE qty > 0;

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_pos ON orders USING (qty > 0) WITH CHECK (qty < 1000);
CREATE POLICY orders_sub ON orders FOR SELECT
    USING (EXISTS (SELECT 1 FROM customers c WHERE c.id = orders.id AND c.qty = orders.qty));
CREATE POLICY cust_sub ON customers FOR SELECT USING (qty > (SELECT min(qty) FROM orders));

CREATE TRIGGER orders_upd BEFORE UPDATE OF qty, note ON orders FOR EACH ROW
    WHEN (new.qty IS DISTINCT FROM old.qty) EXECUTE FUNCTION touch();
CREATE TRIGGER cust_upd BEFORE UPDATE OF qty ON customers FOR EACH ROW
    WHEN (new.qty > 0) EXECUTE FUNCTION touch();

CREATE TABLE orders_log (id integer, qty integer);
CREATE RULE orders_log_rule AS ON INSERT TO orders
    DO ALSO INSERT INTO orders_log (id, qty) VALUES (new.id, new.qty);
CREATE STATISTICS orders_stats ON qty, id FROM orders;
-- a rule moves with its table; a statistics object stays where it is, on the new name
CREATE RULE cust_rule AS ON DELETE TO customers DO ALSO NOTIFY customers_changed;
CREATE STATISTICS cust_stats ON id, qty FROM customers;

-- sequences named by defaults
CREATE SEQUENCE order_seq;
CREATE SEQUENCE moved_seq;
CREATE TABLE lines (
    id integer DEFAULT nextval('order_seq'),
    ref integer DEFAULT nextval('ren.moved_seq'::regclass) + 1,
    twice bigint DEFAULT nextval('order_seq') * 2,
    qty integer DEFAULT 1 CHECK (qty >= 0)
);

-- inheritance: the child's column and CHECK copy are renamed with the parent's
CREATE TABLE base (k integer CHECK (k > 0));
CREATE TABLE child () INHERITS (base);
CREATE VIEW child_view AS SELECT k FROM child;

-- an enum label: where an expression casts it to the type, it follows
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE moods (id integer, m mood DEFAULT 'ok', CHECK (m <> 'ok'::mood OR id > 0));
CREATE VIEW ok_moods AS SELECT id, 'ok' AS word FROM moods WHERE m = 'ok'::mood;

-- the renames
ALTER TABLE orders RENAME COLUMN qty TO amount;
ALTER TABLE orders RENAME COLUMN note TO "Note Text";
ALTER TABLE customers RENAME TO clients;
ALTER TABLE clients SET SCHEMA ren2;
ALTER VIEW order_plain RENAME TO order_plain2;
ALTER TABLE orders_log RENAME COLUMN qty TO quantity;
ALTER SEQUENCE order_seq RENAME TO line_seq;
ALTER SEQUENCE moved_seq SET SCHEMA ren2;
ALTER TABLE base RENAME COLUMN k TO key;
ALTER TABLE kw RENAME COLUMN varying TO v2;
ALTER TABLE pt RENAME COLUMN qty TO amount;
ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';
ALTER VIEW vcol RENAME COLUMN txt TO body;
ALTER TABLE vcol RENAME COLUMN lower TO low;
ALTER MATERIALIZED VIEW order_mv RENAME COLUMN id TO order_id;
