# Debian packages the tests use (patroni 3.0.2 is the oracle of the patroni format: `patroni --validate-config`;
# etcd-server/etcd-client 3.4 its distributed store). apt-get update runs once, only when something is missing.
need=()
for pkg in chromium libkrb5-dev ripgrep debootstrap docker.io docker-compose postgresql-client patroni etcd-server etcd-client; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
