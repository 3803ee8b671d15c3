-- Runs once, after 01-replication.sql: sets the replicator password from the pgpass secret
-- (the 5th field of its first "host:port:db:user:password" line). Plain SQL, so that the stack also starts
-- as native processes (pgha up --backend native), which run only .sql/.sql.gz init scripts; there the
-- container path /run/secrets/replication_pgpass is mapped to the secret's file.
DO $$
BEGIN
  EXECUTE format('ALTER ROLE replicator PASSWORD %L',
                 split_part(split_part(pg_read_file('/run/secrets/replication_pgpass'), E'\n', 1), ':', 5));
END
$$;
