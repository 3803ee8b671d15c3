-- Runs once, when the primary's data directory is created.
-- The replication role (its password is set by 02-replication-password.sql from the secret file)
-- and one physical slot per replica, so the primary keeps the WAL a stopped replica still needs.
CREATE ROLE replicator WITH REPLICATION LOGIN;
SELECT pg_create_physical_replication_slot('replica1');
SELECT pg_create_physical_replication_slot('replica2');
