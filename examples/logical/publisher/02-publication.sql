-- The role the subscriber connects as: REPLICATION to stream changes, SELECT for the initial copy.
CREATE ROLE replicator WITH LOGIN REPLICATION PASSWORD 'logical-demo';
GRANT SELECT ON customers, orders TO replicator;

CREATE PUBLICATION shop FOR TABLE customers, orders;
