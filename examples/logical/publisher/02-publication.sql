-- The role the subscriber connects as: REPLICATION to stream changes, SELECT for the initial copy.
-- Demo password: change it (and the subscriber's connection string) before using this for anything real.
CREATE ROLE replicator WITH LOGIN REPLICATION PASSWORD 'logical-demo';
GRANT SELECT ON customers, orders TO replicator;

CREATE PUBLICATION shop FOR TABLE customers, orders;
