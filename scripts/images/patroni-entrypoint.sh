#!/usr/bin/env bash
# Entrypoint of the pgha Patroni test image (written for this project). Contract, as the Patroni project's own
# docker recipe has it:
#   patroni FILE …   runs Patroni with that configuration file as is (the environment's PATRONI_* still apply,
#                    as Patroni merges them itself); as root it drops to the postgres user first.
#   (no arguments)   runs Patroni from the environment alone, filling what is unset with the recipe's defaults:
#                    scope batman, name = host name, REST API and PostgreSQL on this container's address.
#   anything else    is run as given (etcdctl, psql, bash…).
set -euo pipefail
# shellcheck source=entrypoint-lib.sh
. /usr/local/bin/pgha-entrypoint-lib.sh

prepare_dirs() {
  if [ "$(id -u)" = '0' ]; then
    mkdir -p "$PGDATA_PARENT" /var/run/postgresql
    chown postgres:postgres "$PGDATA_PARENT" /var/run/postgresql
  fi
}

environment_defaults() {
  local ip pair name
  ip="$(hostname -i | awk '{print $1}')"
  # NAME=default, exported only when NAME is unset or empty.
  for pair in PATRONI_SCOPE=batman "PATRONI_NAME=$(hostname)" PATRONI_RESTAPI_LISTEN=0.0.0.0:8008 \
    "PATRONI_RESTAPI_CONNECT_ADDRESS=$ip:8008" PATRONI_POSTGRESQL_LISTEN=0.0.0.0:5432 \
    "PATRONI_POSTGRESQL_CONNECT_ADDRESS=$ip:5432" "PATRONI_POSTGRESQL_DATA_DIR=$PGDATA" PATRONI_POSTGRESQL_PGPASS=/tmp/pgpass \
    PATRONI_REPLICATION_USERNAME=replicator PATRONI_REPLICATION_PASSWORD=replicate \
    PATRONI_SUPERUSER_USERNAME=postgres PATRONI_SUPERUSER_PASSWORD=postgres; do
    name="${pair%%=*}"
    [ -n "${!name:-}" ] || export "$pair"
  done
  if [ -z "${PATRONI_ETCD3_HOSTS:-}${PATRONI_ETCD_HOSTS:-}${PATRONI_ETCD3_HOST:-}${PATRONI_ETCD_HOST:-}${PATRONI_ETCD3_URL:-}${PATRONI_ETCD_URL:-}" ]; then
    die "no distributed store: set PATRONI_ETCD3_HOSTS (e.g. etcd1:2379,etcd2:2379,etcd3:2379)"
  fi
}

PGDATA_PARENT="$(dirname "${PGDATA:-/var/lib/postgresql/15/data}")"
if [ $# -eq 0 ]; then
  environment_defaults
  set -- patroni
fi
if [ "$1" = patroni ]; then
  prepare_dirs
  say "starting Patroni $(patroni --version 2>/dev/null | awk '{print $2}') as $( [ "$(id -u)" = 0 ] && echo postgres || id -un)"
  exec_unprivileged "$@"
fi
exec "$@"
