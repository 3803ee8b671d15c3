#!/usr/bin/env bash
# Entrypoint of the pgha test images (written for this project). It follows the contract of the
# official postgres image so compose files written for `postgres:<major>` run unchanged:
# POSTGRES_USER/PASSWORD/DB/INITDB_ARGS/INITDB_WALDIR/HOST_AUTH_METHOD, their *_FILE variants,
# /docker-entrypoint-initdb.d (*.sh, *.sql, *.sql.gz), a command starting with "-" or "postgres",
# and the server running as the postgres user.
set -Eeo pipefail

# shellcheck source=entrypoint-lib.sh
. /usr/local/bin/pgha-entrypoint-lib.sh  # die, read_env_or_file

server_args=()
want_server=false
if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi
if [ "$1" = 'postgres' ]; then want_server=true; server_args=("${@:2}"); fi

prepare_directories() {
  mkdir -p "$PGDATA" /var/run/postgresql
  chmod 00700 "$PGDATA" || true
  chmod 03775 /var/run/postgresql || true
  if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then mkdir -p "$POSTGRES_INITDB_WALDIR"; fi
}

if $want_server && [ "$(id -u)" = '0' ]; then
  prepare_directories
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then chown -R postgres:postgres "$POSTGRES_INITDB_WALDIR"; fi
  exec gosu postgres "${BASH_SOURCE[0]}" "$@"
fi

if ! $want_server; then exec "$@"; fi

prepare_directories 2>/dev/null || true

run_init_files() {
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then echo "pgha-entrypoint: running $f"; "$f"
        else echo "pgha-entrypoint: sourcing $f"; # shellcheck disable=SC1090
          . "$f"; fi ;;
      *.sql) echo "pgha-entrypoint: running $f"; psql_init -f "$f" ;;
      *.sql.gz) echo "pgha-entrypoint: running $f"; gunzip -c "$f" | psql_init ;;
      *) echo "pgha-entrypoint: ignoring $f" ;;
    esac
  done
}

psql_init() { psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" "$@"; }

initialize_cluster() {
  read_env_or_file POSTGRES_PASSWORD
  read_env_or_file POSTGRES_USER postgres
  read_env_or_file POSTGRES_DB "$POSTGRES_USER"
  read_env_or_file POSTGRES_INITDB_ARGS
  local auth="${POSTGRES_HOST_AUTH_METHOD:-}"
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$auth" != 'trust' ]; then
    die "the database is not initialised and no superuser password is set. Set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE), or POSTGRES_HOST_AUTH_METHOD=trust for a throw-away test stack."
  fi
  local waldir_args=()
  if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then waldir_args=(--waldir "$POSTGRES_INITDB_WALDIR"); fi
  # shellcheck disable=SC2086
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") "${waldir_args[@]}" $POSTGRES_INITDB_ARGS
  if [ -z "$auth" ]; then
    auth="$(postgres -C password_encryption "${server_args[@]}" 2>/dev/null || echo md5)"
    [ "$auth" = 'on' ] && auth=md5
  fi
  printf '\nhost all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"

  export PGPASSWORD="$POSTGRES_PASSWORD"
  pg_ctl -D "$PGDATA" -w start -o "$(printf '%q ' "${server_args[@]}" -c listen_addresses= -p "${PGPORT:-5432}")"
  if [ "$POSTGRES_DB" != 'postgres' ]; then
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
      -c "CREATE DATABASE \"$POSTGRES_DB\"" >/dev/null
  fi
  run_init_files
  pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGPASSWORD
  echo "pgha-entrypoint: initialisation complete; starting the server"
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  initialize_cluster
fi
exec postgres "${server_args[@]}"
