#!/usr/bin/env bash
# Entrypoint of the pgha PgBouncer test images (written for this project). Compose files written for the
# widely used images run unchanged:
# - a mounted /etc/pgbouncer/pgbouncer.ini, /bitnami/pgbouncer/conf/pgbouncer.ini or
#   /opt/bitnami/pgbouncer/conf/pgbouncer.ini (or a config path in the command) is used as is;
# - edoburu/pgbouncer: DATABASE_URL or DB_HOST/DB_PORT/DB_USER/DB_PASSWORD/DB_NAME, AUTH_TYPE, LISTEN_PORT
#   (default 5432), ADMIN_USERS/ADMIN_PASSWORDS, STATS_USERS/STATS_PASSWORDS and one variable per setting
#   (POOL_MODE, MAX_CLIENT_CONN, DEFAULT_POOL_SIZE…); credentials go to userlist.txt;
# - bitnami/pgbouncer: POSTGRESQL_HOST/PORT/USERNAME/PASSWORD/DATABASE, PGBOUNCER_DATABASE, PGBOUNCER_PORT
#   (default 6432), PGBOUNCER_BIND_ADDRESS, PGBOUNCER_AUTH_TYPE, PGBOUNCER_POOL_MODE, PGBOUNCER_DSN_<n>,
#   PGBOUNCER_EXTRA_ARGS and PGBOUNCER_<SETTING> per setting.
# PgBouncer runs as the unprivileged postgres user.
set -Eeo pipefail
# shellcheck source=entrypoint-lib.sh
. /usr/local/bin/pgha-entrypoint-lib.sh

# Settings either contract passes through, one variable each (edoburu: upper-cased name, bitnami: PGBOUNCER_ + it).
SETTINGS=(auth_hba_file auth_user auth_query auth_dbname pool_mode max_client_conn default_pool_size min_pool_size
  reserve_pool_size reserve_pool_timeout max_db_connections max_user_connections server_round_robin disable_pqexec
  application_name_add_host timezone max_prepared_statements log_connections log_disconnections log_pooler_errors
  log_stats stats_period verbose stats_users logfile server_reset_query server_reset_query_always server_check_delay
  server_check_query server_lifetime server_idle_timeout server_connect_timeout server_login_retry
  client_login_timeout autodb_idle_timeout dns_max_ttl dns_nxdomain_ttl client_tls_sslmode client_tls_key_file
  client_tls_cert_file client_tls_ca_file client_tls_protocols client_tls_ciphers client_tls_ecdhcurve
  client_tls_dheparams server_tls_sslmode server_tls_ca_file server_tls_key_file server_tls_cert_file
  server_tls_protocols server_tls_ciphers query_timeout query_wait_timeout client_idle_timeout
  idle_transaction_timeout pkt_buf max_packet_size listen_backlog sbuf_loopcnt suspend_timeout tcp_defer_accept
  tcp_keepalive tcp_keepcnt tcp_keepidle tcp_keepintvl tcp_user_timeout)

CONFIG=/etc/pgbouncer/pgbouncer.ini
BITNAMI_CONF=/opt/bitnami/pgbouncer/conf

# "user" "secret" into an auth file unless the user is already there.
add_user() {
  local file="$1" user="$2" password="$3" plain="$4"
  [ -n "$user" ] && [ -n "$password" ] || return 0
  grep -q "^\"$user\"" "$file" 2>/dev/null && return 0
  if $plain; then printf '"%s" "%s"\n' "$user" "$password" >> "$file"; else printf '"%s" "%s"\n' "$user" "$(md5_secret "$user" "$password")" >> "$file"; fi
  say "wrote credentials of $user to $file"
}

# Pairs from two comma lists (ADMIN_USERS + ADMIN_PASSWORDS…) into the auth file.
add_user_list() {
  local file="$1" users="$2" passwords="$3" plain="$4" i
  IFS=, read -r -a u <<< "$users"; IFS=, read -r -a p <<< "$passwords"
  [ "${#u[@]}" -eq "${#p[@]}" ] || return 0
  for i in "${!u[@]}"; do add_user "$file" "${u[$i]}" "${p[$i]}" "$plain"; done
}

parse_database_url() {
  local rest="${DATABASE_URL#*://}" userinfo hostport
  if [[ "$rest" == *@* ]]; then userinfo="${rest%@*}"; rest="${rest##*@}"; fi
  if [ -n "$userinfo" ]; then
    DB_USER="${userinfo%%:*}"
    if [[ "$userinfo" == *:* ]]; then DB_PASSWORD="${userinfo#*:}"; fi
  fi
  hostport="${rest%%/*}"
  DB_HOST="${hostport%%:*}"
  if [[ "$hostport" == *:* ]]; then DB_PORT="${hostport##*:}"; fi
  if [[ "$rest" == */* ]]; then DB_NAME="${rest#*/}"; DB_NAME="${DB_NAME%%\?*}"; fi
}

edoburu_config() {
  if [ -n "${DATABASE_URL:-}" ]; then parse_database_url; fi
  read_env_or_file DB_PASSWORD
  [ -n "${DB_HOST:-}" ] || die "no backend: set DATABASE_URL or DB_HOST (edoburu/pgbouncer contract), PGBOUNCER_*/POSTGRESQL_HOST (bitnami/pgbouncer contract), or mount /etc/pgbouncer/pgbouncer.ini"
  local auth_file="${AUTH_FILE:-/etc/pgbouncer/userlist.txt}" plain=false
  case "${AUTH_TYPE:-md5}" in plain|scram-sha-256) plain=true ;; esac
  touch "$auth_file"
  add_user "$auth_file" "${DB_USER:-}" "${DB_PASSWORD:-}" "$plain"
  add_user_list "$auth_file" "${ADMIN_USERS:-postgres}" "${ADMIN_PASSWORDS:-}" "$plain"
  add_user_list "$auth_file" "${STATS_USERS:-}" "${STATS_PASSWORDS:-}" "$plain"
  {
    echo "$PGHA_GENERATED_MARK"
    echo '[databases]'
    echo "${DB_NAME:-*} = host=$DB_HOST port=${DB_PORT:-5432} auth_user=${DB_USER:-postgres}"
    echo '[pgbouncer]'
    echo "listen_addr = ${LISTEN_ADDR:-0.0.0.0}"
    echo "listen_port = ${LISTEN_PORT:-5432}"
    echo "unix_socket_dir = ${UNIX_SOCKET_DIR:-}"
    echo "auth_file = $auth_file"
    echo "auth_type = ${AUTH_TYPE:-md5}"
    echo "ignore_startup_parameters = ${IGNORE_STARTUP_PARAMETERS:-extra_float_digits}"
    echo "admin_users = ${ADMIN_USERS:-postgres}"
    env_settings '' '' "${SETTINGS[@]}"
  } > "$CONFIG"
}

bitnami_config() {
  read_env_or_file POSTGRESQL_PASSWORD
  local user="${POSTGRESQL_USERNAME:-postgres}" auth_type="${PGBOUNCER_AUTH_TYPE:-md5}"
  if [ -z "$POSTGRESQL_PASSWORD" ] && [ "$auth_type" != trust ] && ! is_yes "${ALLOW_EMPTY_PASSWORD:-no}"; then
    die "POSTGRESQL_PASSWORD is not set (bitnami/pgbouncer contract); set it, or ALLOW_EMPTY_PASSWORD=yes"
  fi
  local userlist="${PGBOUNCER_USERLIST_FILE:-$BITNAMI_CONF/userlist.txt}"
  if ! is_user_file "$userlist"; then
    { echo "$PGHA_GENERATED_MARK" | sed 's/^#/;/'; printf '"%s" "%s"\n' "$user" "$POSTGRESQL_PASSWORD"; } > "$userlist"
  fi
  local dsn="host=${POSTGRESQL_HOST:-postgresql} port=${POSTGRESQL_PORT:-5432} dbname=${POSTGRESQL_DATABASE:-postgres}" var
  if is_yes "${PGBOUNCER_SET_DATABASE_USER:-no}"; then dsn+=" user=$user"; fi
  if is_yes "${PGBOUNCER_SET_DATABASE_PASSWORD:-no}"; then dsn+=" password=$POSTGRESQL_PASSWORD"; fi
  CONFIG="$BITNAMI_CONF/pgbouncer.ini"
  {
    echo "$PGHA_GENERATED_MARK"
    echo '[databases]'
    echo "${PGBOUNCER_DATABASE:-postgres} = $dsn"
    for var in $(compgen -e | grep -E '^PGBOUNCER_DSN_[0-9]+$' | sort -t_ -k3 -n); do echo "${!var}"; done
    echo '[pgbouncer]'
    echo "listen_addr = ${PGBOUNCER_BIND_ADDRESS:-0.0.0.0}"
    echo "listen_port = ${PGBOUNCER_PORT:-6432}"
    echo "auth_file = $userlist"
    echo "auth_type = $auth_type"
    echo "admin_users = ${PGBOUNCER_ADMIN_USERS:-$user}"
    [ -n "${PGBOUNCER_POOL_MODE:-}" ] || echo 'pool_mode = session'
    if [ -n "${PGBOUNCER_IGNORE_STARTUP_PARAMETERS:-}" ]; then echo "ignore_startup_parameters = $PGBOUNCER_IGNORE_STARTUP_PARAMETERS"; fi
    env_settings PGBOUNCER_ '' "${SETTINGS[@]}"
  } > "$CONFIG"
}

# The config file: a path in the command, else a mounted one, else generated from the environment.
choose_config() {
  local arg f
  for arg in "${@:2}"; do
    if [ "${arg:0:1}" != '-' ]; then CONFIG=''; return; fi
  done
  for f in /etc/pgbouncer/pgbouncer.ini /bitnami/pgbouncer/conf/pgbouncer.ini "$BITNAMI_CONF/pgbouncer.ini"; do
    if is_user_file "$f"; then CONFIG="$f"; say "using the mounted $f as is"; return; fi
  done
  if compgen -e | grep -qE '^(PGBOUNCER_|POSTGRESQL_)'; then bitnami_config; else edoburu_config; fi
  say "generated $CONFIG from the environment"
  if [ "$(id -u)" = '0' ]; then chown postgres:postgres "$CONFIG" /etc/pgbouncer/userlist.txt "$BITNAMI_CONF"/userlist.txt 2>/dev/null || true; fi
}

if [ "${1:0:1}" = '-' ]; then set -- pgbouncer "$@"; fi
if [ "$(basename "${1:-}")" != 'pgbouncer' ]; then exec "$@"; fi

choose_config "$@"
run_init_scripts
# shellcheck disable=SC2086
exec_unprivileged "$1" ${PGBOUNCER_EXTRA_ARGS:-} "${@:2}" ${CONFIG:+"$CONFIG"}
