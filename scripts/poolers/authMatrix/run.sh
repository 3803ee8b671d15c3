#!/bin/bash
# The PgBouncer login matrix, measured (npm run probe:pgbouncer-auth): a pgha-test/postgres:17 server whose probe
# users store md5 or SCRAM secrets and get trust, md5, scram-sha-256 or password from pg_hba.conf, and the real
# PgBouncer 1.18 and 1.24 in front of it. Writes test/fixtures/pgbouncer/authMatrix/<version>.tsv, which the
# unit test of language/formats/pgbouncer/authOutcome.ts replays. About a minute; containers labelled pgha.test.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; out="$here/../../../test/fixtures/pgbouncer/authMatrix"
net=pgha-authmatrix; pg=pgha-authmatrix-pg; work="$(mktemp -d)"
cleanup() { docker rm -f "$pg" >/dev/null 2>&1 || true; docker network rm "$net" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
docker network create --label pgha.test=1 "$net" >/dev/null
docker run -d --name "$pg" --label pgha.test=1 --network "$net" --network-alias pg -e POSTGRES_PASSWORD=pw pgha-test/postgres:17 >/dev/null
for _ in $(seq 120); do docker exec "$pg" pg_isready -h 127.0.0.1 -q 2>/dev/null && break; sleep 0.5; done
docker exec -i "$pg" psql -U postgres -v ON_ERROR_STOP=1 -q < "$here/setup.sql"
docker exec -i "$pg" sh -c 'cat > "$(psql -U postgres -Atc "show hba_file")"' < "$here/hba.conf"
docker exec "$pg" psql -U postgres -Atqc 'select pg_reload_conf()' >/dev/null
docker exec "$pg" psql -U postgres -AtF' ' -c "select rolname, rolpassword from pg_authid where rolname ~ '^(s|pgb|scramd)'" > "$work/secrets.txt"
cp "$here/probe.sh" "$work/"

# What the official-image contract does with password_encryption, which the compose rule relies on: the superuser's
# password is set by initdb (the major's default kind, whatever -c says), the `host all all all` line the entrypoint
# appends uses the password_encryption in effect (-c included). One line per major: major, -c value, stored kind, line.
image_facts() {
  local major c name
  : > "$out/image-facts.tsv"
  for major in 13 17; do
    for c in md5 scram-sha-256; do
      name="pgha-authmatrix-facts-$major-${c%%-*}"
      docker run -d --name "$name" --label pgha.test=1 -e POSTGRES_PASSWORD=pw "pgha-test/postgres:$major" -c "password_encryption=$c" >/dev/null
      for _ in $(seq 120); do docker exec "$name" pg_isready -h 127.0.0.1 -q 2>/dev/null && break; sleep 0.5; done
      printf '%s\t%s\t%s\t%s\n' "$major" "$c" "$(docker exec "$name" psql -U postgres -Atc "select case when rolpassword like 'SCRAM%' then 'scram-sha-256' else 'md5' end from pg_authid where rolname = 'postgres'")" \
        "$(docker exec "$name" sh -c 'grep -E "^host +all +all +all" "$PGDATA/pg_hba.conf"' | tr -s ' ')" >> "$out/image-facts.tsv"
      docker rm -f "$name" >/dev/null
    done
  done
  echo "image facts: $(wc -l < "$out/image-facts.tsv") containers"
}
mkdir -p "$out"
image_facts
for version in 1.18 1.24; do
  docker run --rm --label pgha.test=1 --network "$net" -v "$work:/probe:ro" --entrypoint bash "pgha-test/pgbouncer:$version" /probe/probe.sh > "$out/$version.tsv"
  echo "PgBouncer $version: $(grep -c . "$out/$version.tsv") logins, $(grep -c $'\tFAIL\t' "$out/$version.tsv") refused"
done
