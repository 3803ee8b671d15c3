# Test images for the Docker tests: PostgreSQL (pgha-test/postgres:13, :15, :17), PgBouncer (pgha-test/pgbouncer:1.18,
# :1.24), pgpool-II (pgha-test/pgpool:4.3, :4.6), Patroni (pgha-test/patroni:3.0-pg15) and etcd (pgha-test/etcd:3.4): debootstrap (one base per Debian suite) + apt + docker import,
# built three at a time (about 6 minutes on a busy machine) or reused when their content hash matches. Sourced by
# .ci/run after 30-docker.sh; exports PGHA_IMAGE_MAP (the build's last line) so the tests map official names
# (postgres:17, bitnami/pgbouncer:1.24, edoburu/pgbouncer:…, bitnami/pgpool:4.6, pgpool/pgpool:…, quay.io/coreos/etcd:v3.4.…)
# onto them.
images_log=/tmp/pgha-test-images.log
if ! npm run -s test:images >"$images_log" 2>&1; then
  echo "test image build failed; last lines of $images_log:"
  tail -n 30 "$images_log"
  return 1
fi
grep -v '^postgres:' "$images_log" | tail -n 10
PGHA_IMAGE_MAP="$(tail -n 1 "$images_log")"
export PGHA_IMAGE_MAP
echo "PGHA_IMAGE_MAP=$PGHA_IMAGE_MAP"
