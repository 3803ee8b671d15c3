# Debian packages the tests use. apt-get update runs once, only when something is missing.
need=()
for pkg in chromium libkrb5-dev ripgrep debootstrap docker.io docker-compose postgresql-client; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
