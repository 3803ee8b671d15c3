#!/usr/bin/env bash
# Entrypoint of the pgha pgpool-II test images (written for this project). Compose files written for the
# widely used images run unchanged:
# - a mounted /etc/pgpool2/pgpool.conf, /config/pgpool.conf or /opt/bitnami/pgpool/conf/pgpool.conf (or
#   `pgpool … -f file` in the command) is used as is, with pcp.conf / pool_hba.conf beside it when present;
# - bitnami/pgpool: PGPOOL_BACKEND_NODES="0:pg-0:5432,1:pg-1:5432" (number:host[:port[:weight[:dir[:flag]]]]),
#   PGPOOL_SR_CHECK_USER/PASSWORD, PGPOOL_POSTGRES_USERNAME/PASSWORD, PGPOOL_ADMIN_USERNAME/PASSWORD,
#   PGPOOL_ENABLE_LOAD_BALANCING, PGPOOL_PORT_NUMBER (default 5432), PGPOOL_USER_CONF_FILE and the other
#   PGPOOL_* knobs; *_FILE variants of the passwords;
# - pgpool/pgpool: PGPOOL_PARAMS_<SETTING>=value (port default 9999), POSTGRES_USERNAME/POSTGRES_PASSWORD,
#   PGPOOL_PCP_USER/PGPOOL_PCP_PASSWORD.
# pgpool runs in the foreground as the unprivileged postgres user.
set -Eeo pipefail
# shellcheck source=entrypoint-lib.sh
. /usr/local/bin/pgha-entrypoint-lib.sh

CONF_DIR=/etc/pgpool2
CONFIG="$CONF_DIR/pgpool.conf"
SOCKETS=/var/run/pgpool
# 4.4 renamed socket_dir to unix_socket_directories: use the name the packaged sample knows.
SOCKET_KEY=socket_dir
if grep -qE '^#?unix_socket_directories' /usr/local/share/pgha/pgpool.conf.sample 2>/dev/null; then SOCKET_KEY=unix_socket_directories; fi

on_off() { if is_yes "$1"; then echo on; else echo off; fi; }

bitnami_backends() {
  local nodes apps i num host port weight dir flag
  IFS=',;' read -r -a nodes <<< "$PGPOOL_BACKEND_NODES"
  IFS=',;' read -r -a apps <<< "${PGPOOL_BACKEND_APPLICATION_NAMES:-}"
  for i in "${!nodes[@]}"; do
    IFS=: read -r num host port weight dir flag <<< "${nodes[$i]}"
    [ -n "$num" ] && [ -n "$host" ] || die "PGPOOL_BACKEND_NODES entry '${nodes[$i]}' needs at least number:host"
    echo "backend_hostname$num = '$host'"
    echo "backend_port$num = ${port:-5432}"
    echo "backend_weight$num = ${weight:-1}"
    echo "backend_data_directory$num = '${dir:-/var/lib/postgresql/data}'"
    echo "backend_flag$num = '${flag:-ALLOW_TO_FAILOVER}'"
    if [ -n "${apps[$i]:-}" ]; then echo "backend_application_name$num = '${apps[$i]}'"; fi
  done
}

bitnami_check() {
  local v
  for v in PGPOOL_ADMIN_PASSWORD PGPOOL_POSTGRES_PASSWORD PGPOOL_SR_CHECK_PASSWORD PGPOOL_HEALTH_CHECK_PASSWORD; do read_env_or_file "$v"; done
  : "${PGPOOL_HEALTH_CHECK_USER:=${PGPOOL_SR_CHECK_USER:-}}" "${PGPOOL_HEALTH_CHECK_PASSWORD:=${PGPOOL_SR_CHECK_PASSWORD:-}}"
  [ -n "${PGPOOL_ADMIN_USERNAME:-}" ] && [ -n "$PGPOOL_ADMIN_PASSWORD" ] || die "set PGPOOL_ADMIN_USERNAME and PGPOOL_ADMIN_PASSWORD (bitnami/pgpool contract: the pcp administrator)"
  if [ "${PGPOOL_SR_CHECK_PERIOD:-30}" -gt 0 ] && { [ -z "${PGPOOL_SR_CHECK_USER:-}" ] || [ -z "$PGPOOL_SR_CHECK_PASSWORD" ]; }; then
    die "set PGPOOL_SR_CHECK_USER and PGPOOL_SR_CHECK_PASSWORD (streaming replication check), or PGPOOL_SR_CHECK_PERIOD=0"
  fi
  if is_yes "${PGPOOL_ENABLE_POOL_PASSWD:-yes}" && [ -z "$PGPOOL_POSTGRES_PASSWORD" ]; then
    die "set PGPOOL_POSTGRES_PASSWORD (and PGPOOL_POSTGRES_USERNAME, default postgres) for pool_passwd, or PGPOOL_ENABLE_POOL_PASSWD=no"
  fi
}

bitnami_settings() {
  local hba="${PGPOOL_ENABLE_POOL_HBA:-yes}" passwd="${PGPOOL_ENABLE_POOL_PASSWD:-yes}"
  echo "backend_clustering_mode = 'streaming_replication'"
  echo "listen_addresses = '*'"
  echo "port = ${PGPOOL_PORT_NUMBER:-5432}"
  echo "enable_pool_hba = $(on_off "$hba")"
  echo "allow_clear_text_frontend_auth = $(if is_yes "$hba"; then echo off; else echo on; fi)"
  echo "pool_passwd = '$(if is_yes "$passwd"; then echo pool_passwd; fi)'"
  echo "load_balance_mode = $(on_off "${PGPOOL_ENABLE_LOAD_BALANCING:-yes}")"
  echo "statement_level_load_balance = $(on_off "${PGPOOL_ENABLE_STATEMENT_LOAD_BALANCING:-no}")"
  echo "disable_load_balance_on_write = '${PGPOOL_DISABLE_LOAD_BALANCE_ON_WRITE:-transaction}'"
  echo "sr_check_user = '${PGPOOL_SR_CHECK_USER:-}'"
  echo "sr_check_password = '${PGPOOL_SR_CHECK_PASSWORD:-}'"
  echo "sr_check_period = ${PGPOOL_SR_CHECK_PERIOD:-30}"
  echo "sr_check_database = '${PGPOOL_SR_CHECK_DATABASE:-postgres}'"
  echo "health_check_period = ${PGPOOL_HEALTH_CHECK_PERIOD:-30}"
  echo "health_check_timeout = ${PGPOOL_HEALTH_CHECK_TIMEOUT:-10}"
  echo "health_check_user = '${PGPOOL_HEALTH_CHECK_USER:-}'"
  echo "health_check_password = '${PGPOOL_HEALTH_CHECK_PASSWORD:-}'"
  echo "health_check_max_retries = ${PGPOOL_HEALTH_CHECK_MAX_RETRIES:-5}"
  echo "health_check_retry_delay = ${PGPOOL_HEALTH_CHECK_RETRY_DELAY:-5}"
  echo "connect_timeout = ${PGPOOL_CONNECT_TIMEOUT:-10000}"
  echo "max_pool = ${PGPOOL_MAX_POOL:-15}"
  echo "log_connections = $(on_off "${PGPOOL_ENABLE_LOG_CONNECTIONS:-no}")"
  echo "log_hostname = $(on_off "${PGPOOL_ENABLE_LOG_HOSTNAME:-no}")"
  echo "log_per_node_statement = $(on_off "${PGPOOL_ENABLE_LOG_PER_NODE_STATEMENT:-no}")"
  echo "search_primary_node_timeout = 0"
  if is_yes "${PGPOOL_AUTO_FAILBACK:-no}"; then echo 'auto_failback = on'; fi
  if is_yes "${PGPOOL_ENABLE_TLS:-no}"; then
    echo "ssl = on"; echo "ssl_cert = '${PGPOOL_TLS_CERT_FILE:-}'"; echo "ssl_key = '${PGPOOL_TLS_KEY_FILE:-}'"
    if [ -n "${PGPOOL_TLS_CA_FILE:-}" ]; then echo "ssl_ca_cert = '$PGPOOL_TLS_CA_FILE'"; fi
  fi
  env_settings PGPOOL_ '' num_init_children reserved_connections child_max_connections child_life_time connection_life_time client_idle_limit
  env_settings PGPOOL_ "'" log_line_prefix client_min_messages
  bitnami_backends
}

bitnami_config() {
  bitnami_check
  local auth="${PGPOOL_AUTHENTICATION_METHOD:-scram-sha-256}" user="${PGPOOL_POSTGRES_USERNAME:-postgres}" i
  {
    echo "$PGHA_GENERATED_MARK"
    bitnami_settings
    echo "$SOCKET_KEY = '$SOCKETS'"; echo "pcp_socket_dir = '$SOCKETS'"
    echo "pid_file_name = '$SOCKETS/pgpool.pid'"; echo "logdir = '/var/log/pgpool'"
    if [ -n "${PGPOOL_USER_CONF_FILE:-}" ]; then cat "$PGPOOL_USER_CONF_FILE"; fi
  } > "$CONFIG"
  {
    echo 'local all all trust'
    if [ -n "${PGPOOL_SR_CHECK_USER:-}" ]; then echo "host all ${PGPOOL_SR_CHECK_USER} all trust"; fi
    echo "host all all all $auth"
  } > "$CONF_DIR/pool_hba.conf"
  if [ -n "${PGPOOL_USER_HBA_FILE:-}" ]; then cat "$PGPOOL_USER_HBA_FILE" > "$CONF_DIR/pool_hba.conf"; fi
  {
    echo "$user:TEXT$PGPOOL_POSTGRES_PASSWORD"
    IFS=',;' read -r -a users <<< "${PGPOOL_POSTGRES_CUSTOM_USERS:-}"
    IFS=',;' read -r -a passwords <<< "${PGPOOL_POSTGRES_CUSTOM_PASSWORDS:-}"
    for i in "${!users[@]}"; do echo "${users[$i]}:TEXT${passwords[$i]:-}"; done
  } > "$CONF_DIR/pool_passwd"
  echo "$PGPOOL_ADMIN_USERNAME:$(pg_md5 "$PGPOOL_ADMIN_PASSWORD")" > "$CONF_DIR/pcp.conf"
}

params_config() {
  [ -n "${PGPOOL_PARAMS_BACKEND_HOSTNAME0:-}" ] || die "no backend: set PGPOOL_BACKEND_NODES (bitnami/pgpool contract), PGPOOL_PARAMS_BACKEND_HOSTNAME0 (pgpool/pgpool contract), or mount /etc/pgpool2/pgpool.conf"
  export PGPOOL_PARAMS_PORT="${PGPOOL_PARAMS_PORT:-9999}" PGPOOL_PARAMS_LISTEN_ADDRESSES="${PGPOOL_PARAMS_LISTEN_ADDRESSES:-*}"
  export PGPOOL_PARAMS_BACKEND_PORT0="${PGPOOL_PARAMS_BACKEND_PORT0:-5432}" PGPOOL_PARAMS_BACKEND_WEIGHT0="${PGPOOL_PARAMS_BACKEND_WEIGHT0:-1}"
  export PGPOOL_PARAMS_BACKEND_FLAG0="${PGPOOL_PARAMS_BACKEND_FLAG0:-ALLOW_TO_FAILOVER}"
  export PGPOOL_PARAMS_SR_CHECK_PERIOD="${PGPOOL_PARAMS_SR_CHECK_PERIOD:-0}" PGPOOL_PARAMS_HEALTH_CHECK_PERIOD="${PGPOOL_PARAMS_HEALTH_CHECK_PERIOD:-0}"
  export PGPOOL_PARAMS_FAILOVER_ON_BACKEND_ERROR="${PGPOOL_PARAMS_FAILOVER_ON_BACKEND_ERROR:-off}"
  export "PGPOOL_PARAMS_${SOCKET_KEY^^}=$SOCKETS" PGPOOL_PARAMS_PCP_SOCKET_DIR="$SOCKETS" PGPOOL_PARAMS_PID_FILE_NAME="$SOCKETS/pgpool.pid"
  export PGPOOL_PARAMS_LOGDIR="${PGPOOL_PARAMS_LOGDIR:-/var/log/pgpool}"
  local var
  {
    echo "$PGHA_GENERATED_MARK"
    for var in $(compgen -e | grep '^PGPOOL_PARAMS_'); do echo "${var#PGPOOL_PARAMS_}" | tr '[:upper:]' '[:lower:]' | tr -d '\n'; echo " = '${!var}'"; done
  } > "$CONFIG"
  : > "$CONF_DIR/pool_passwd"
  if [ -n "${POSTGRES_USERNAME:-}" ] && [ -n "${POSTGRES_PASSWORD:-}" ]; then echo "$POSTGRES_USERNAME:TEXT$POSTGRES_PASSWORD" >> "$CONF_DIR/pool_passwd"; fi
  : > "$CONF_DIR/pcp.conf"
  if [ -n "${PGPOOL_PCP_USER:-}" ] && [ -n "${PGPOOL_PCP_PASSWORD:-}" ]; then echo "$PGPOOL_PCP_USER:$(pg_md5 "$PGPOOL_PCP_PASSWORD")" > "$CONF_DIR/pcp.conf"; fi
  printf 'local all all trust\nhost all all all %s\n' "${PGPOOL_PASSWORD_ENCRYPTION_METHOD:-scram-sha-256}" > "$CONF_DIR/pool_hba.conf"
}

# Sets CONFIG (and the pcp.conf / pool_hba.conf beside it): mounted, else generated from the environment.
choose_config() {
  local f
  for f in "$CONFIG" /config/pgpool.conf /opt/bitnami/pgpool/conf/pgpool.conf; do
    if is_user_file "$f"; then CONFIG="$f"; say "using the mounted $f as is"; return; fi
  done
  if [ -n "${PGPOOL_BACKEND_NODES:-}" ]; then bitnami_config; else params_config; fi
  say "generated $CONFIG from the environment"
  if [ "$(id -u)" = '0' ]; then chown postgres:postgres "$CONF_DIR"/*; chmod 600 "$CONF_DIR/pool_passwd"; fi
}

# The file beside the config when there, else the one in /etc/pgpool2.
beside() { if [ -f "$(dirname "$CONFIG")/$1" ]; then echo "$(dirname "$CONFIG")/$1"; else echo "$CONF_DIR/$1"; fi; }

if [ "${1:0:1}" = '-' ]; then set -- pgpool "$@"; fi
if [ "$(basename "${1:-}")" != 'pgpool' ]; then exec "$@"; fi

if [ "$(id -u)" = '0' ]; then
  mkdir -p "$SOCKETS" /var/run/postgresql /var/log/pgpool
  chown postgres:postgres "$SOCKETS" /var/run/postgresql /var/log/pgpool
fi
if [[ " ${*:2} " == *' -f '* ]] || [[ " ${*:2} " == *' --config-file'* ]]; then
  run_init_scripts
  exec_unprivileged "$@"
fi
choose_config
run_init_scripts
args=(-n -f "$CONFIG" -F "$(beside pcp.conf)" -a "$(beside pool_hba.conf)")
exec_unprivileged "$1" "${args[@]}" "${@:2}"
