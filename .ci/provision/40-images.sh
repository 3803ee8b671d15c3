# PostgreSQL test images for the Docker tests (pgha-test/postgres:13, :15, :17): debootstrap + docker import,
# built concurrently (about 2 minutes) or reused when their content hash matches. Sourced by .ci/run after
# 30-docker.sh; exports PGHA_IMAGE_MAP (the build's last line) so the tests map official names onto them.
images_log=/tmp/pgha-test-images.log
if ! npm run -s test:images >"$images_log" 2>&1; then
  echo "test image build failed; last lines of $images_log:"
  tail -n 30 "$images_log"
  return 1
fi
grep -v '^postgres:' "$images_log" | tail -n 6
PGHA_IMAGE_MAP="$(tail -n 1 "$images_log")"
export PGHA_IMAGE_MAP
echo "PGHA_IMAGE_MAP=$PGHA_IMAGE_MAP"
