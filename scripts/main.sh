#!/usr/bin/env bash
# The main job on a fresh clone: install, build, package the VSIX, check the examples with `pgha check`, then
# start the example primary + 2 replicas stack, show its status and rehearse a failover (kill the primary,
# promote replica1, write on it, rejoin the old primary as replica1's replica), and remove the stack again. With a Docker engine the stack runs in Docker;
# without one it runs as native PostgreSQL processes (binaries from npm, state in examples/ha-stack/.pgha).
#   PGHA_MAIN_BACKEND=docker|native  choose the backend (default: Docker when an engine answers, else native)
#   PGHA_MAIN_KEEP=1                 leave the stack running after status (no failover rehearsal, no removal)
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
stack=examples/ha-stack/compose.yaml

step "install dependencies"
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

step "build and package"
npm run -s package
ls -l pgha-*.vsix

step "pgha check examples/"
node bin/pgha.js check examples/ || echo "(pgha check reported errors — see above)"

backend="${PGHA_MAIN_BACKEND:-}"
if [ -z "$backend" ]; then
  if docker info >/dev/null 2>&1; then backend=docker; else backend=native; fi
fi

if [ "$backend" = docker ]; then
  if [ -z "${PGHA_IMAGE_MAP:-}" ] && ! docker image inspect postgres:17 >/dev/null 2>&1; then
    step "no postgres:17 image: using local test images built from Debian packages (built once, a few minutes; reused afterwards)"
    PGHA_IMAGE_MAP=$(npm run -s test:images | tail -n 1)
    export PGHA_IMAGE_MAP
  fi
  kill_primary() { docker kill ha-stack-primary-1 >/dev/null; }
else
  step "no Docker engine (or PGHA_MAIN_BACKEND=native): the stack runs as native PostgreSQL processes"
  if [ "$(id -u)" = 0 ] && [ -z "${PGHA_NATIVE_USER:-}" ]; then
    # PostgreSQL refuses to run as root: the servers run under an unprivileged account (created when missing).
    # shellcheck source=/dev/null
    source .ci/provision/25-native-user.sh
  fi
  kill_primary() { kill -KILL "$(head -n 1 examples/ha-stack/.pgha/ha-stack/primary/data/postmaster.pid)"; }
fi

step "pgha up $stack --backend $backend --wait"
node bin/pgha.js up "$stack" --backend "$backend" --wait
step "pgha status $stack"
node bin/pgha.js status "$stack"
if [ "${PGHA_MAIN_KEEP:-0}" = 1 ]; then
  step "PGHA_MAIN_KEEP=1: the stack keeps running (stop it: node bin/pgha.js down $stack)"
  exit 0
fi

step "failover rehearsal: kill the primary, promote replica1, write on it"
kill_primary
# The primary was killed, so how far replica1 lags is unknown and promote refuses without --force (it would ask on
# a terminal); a rehearsal accepts that risk explicitly.
node bin/pgha.js promote "$stack" replica1 --force
node -e '
  const { Client } = require("pg");
  const password = require("fs").readFileSync("examples/ha-stack/secrets/postgres_password.txt", "utf8").trim();
  const client = new Client({ host: "127.0.0.1", port: 15433, user: "postgres", password, database: "postgres" });
  client.connect()
    .then(() => client.query("CREATE TABLE IF NOT EXISTS rehearsal (at timestamptz DEFAULT now()); INSERT INTO rehearsal DEFAULT VALUES"))
    .then(() => client.query("SELECT count(*) AS n FROM rehearsal"))
    .then((r) => console.log(`wrote on the new primary replica1: ${r.rows[0].n} row(s) in rehearsal`))
    .finally(() => client.end());
'

step "rejoin the dead old primary as a replica of replica1 (Docker: pg_rewind; native: a fresh base backup)"
node bin/pgha.js rejoin "$stack" primary
node bin/pgha.js status "$stack" || true

step "pgha down $stack --volumes (the rehearsal changed the roles: start afresh next time)"
node bin/pgha.js down "$stack" --volumes
