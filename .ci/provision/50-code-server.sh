# code-server (VS Code in the browser) for the real-extension-host tests, installed into .cache/code-server.
# Not a dependency of the extension. Works offline except for the npm registry: @vscode/ripgrep's
# download is served from a pre-seeded cache holding Debian's rg (apt package ripgrep).
# Sourced by .ci/run; also runnable on its own (the test runner calls it on demand). Runs in a subshell
# so that sourcing it never changes the caller's shell options.
(
  set -euo pipefail
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  version="${PGHA_CODE_SERVER_VERSION:-4.100.3}"
  prefix="$root/.cache/code-server"
  bin="$prefix/node_modules/code-server/out/node/entry.js"
  if [ -f "$bin" ] && [ "$(node -p "require('$prefix/node_modules/code-server/package.json').version" 2>/dev/null)" = "$version" ]; then
    echo "code-server $version already installed in $prefix"
    exit 0
  fi
  for tool in rg; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install ripgrep libkrb5-dev" >&2; exit 1; }
  done
  # @vscode/ripgrep 1.15.11 downloads this archive from GitHub unless it is already in its cache.
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$archive" ]; then
    mkdir -p "$cache"
    staging="$(mktemp -d)"
    cp "$(command -v rg)" "$staging/rg"
    tar -czf "$archive" -C "$staging" rg
    rm -rf "$staging"
  fi
  mkdir -p "$prefix"
  [ -f "$prefix/package.json" ] || echo '{"name":"pgha-code-server-cache","private":true}' > "$prefix/package.json"
  echo "installing code-server $version into $prefix (npm, a few minutes)"
  npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --prefix "$prefix" --no-audit --no-fund --no-save "code-server@$version"
  [ -f "$bin" ] || { echo "code-server install finished but $bin is missing" >&2; exit 1; }
  echo "code-server installed: $(node "$bin" --version 2>/dev/null | head -1)"
)
