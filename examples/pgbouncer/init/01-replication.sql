-- Runs once, when the primary's data directory is created: the replication role (its password comes from
-- 02-replication-password.sql) and the replica's physical slot.
CREATE ROLE replicator WITH REPLICATION LOGIN;
SELECT pg_create_physical_replication_slot('replica1');
