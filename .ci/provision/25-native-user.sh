# An unprivileged account for the native backend's PostgreSQL servers (PostgreSQL refuses to run as root; pgha
# runs them under PGHA_NATIVE_USER when it is root itself). Sourced by .ci/run; idempotent; exports the name.
if [ "$(id -u)" = 0 ]; then
  if ! id -u pgha >/dev/null 2>&1; then
    useradd --system --create-home --shell /usr/sbin/nologin pgha || return 1
  fi
  export PGHA_NATIVE_USER=pgha
  echo "native PostgreSQL servers run as: $(id pgha)"
fi
