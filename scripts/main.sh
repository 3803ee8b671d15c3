#!/usr/bin/env bash
# The main job on a fresh clone: install, build, package the VSIX, check the examples with `pgha check`,
# and — when a Docker engine answers — start the example primary + 2 replicas stack and show its status.
#   PGHA_MAIN_KEEP=1   leave the stack running afterwards (default: stop it, keeping volumes)
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "install dependencies"
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

step "build and package"
npm run -s package
ls -l pgha-*.vsix

step "pgha check examples/"
node bin/pgha.js check examples/ || echo "(pgha check reported errors — see above)"

if ! docker info >/dev/null 2>&1; then
  step "no Docker engine answers: skipping the example stack (start dockerd, then run: node bin/pgha.js up examples/ha-stack/compose.yaml --wait)"
  exit 0
fi

if [ -z "${PGHA_IMAGE_MAP:-}" ] && ! docker image inspect postgres:17 >/dev/null 2>&1; then
  step "no postgres:17 image: using local test images built from Debian packages (built once, a few minutes; reused afterwards)"
  PGHA_IMAGE_MAP=$(npm run -s test:images | tail -n 1)
  export PGHA_IMAGE_MAP
fi

step "pgha up examples/ha-stack/compose.yaml --wait"
node bin/pgha.js up examples/ha-stack/compose.yaml --wait
step "pgha status examples/ha-stack/compose.yaml"
node bin/pgha.js status examples/ha-stack/compose.yaml
if [ "${PGHA_MAIN_KEEP:-0}" != 1 ]; then
  step "pgha down examples/ha-stack/compose.yaml (volumes kept; PGHA_MAIN_KEEP=1 leaves it running)"
  node bin/pgha.js down examples/ha-stack/compose.yaml
fi
