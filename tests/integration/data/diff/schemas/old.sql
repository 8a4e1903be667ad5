CREATE SCHEMA gone;
CREATE TABLE gone.t (id integer);
CREATE SCHEMA kept;
