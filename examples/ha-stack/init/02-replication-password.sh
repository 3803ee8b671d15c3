#!/usr/bin/env bash
# Sets the replicator password from the pgpass secret (5th field of "host:port:db:user:password").
set -euo pipefail
password="$(cut -d: -f5- /run/secrets/replication_pgpass | head -n 1)"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v pw="$password" <<'SQL'
ALTER ROLE replicator PASSWORD :'pw';
SQL
