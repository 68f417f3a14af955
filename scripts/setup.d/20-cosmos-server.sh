#!/usr/bin/env bash
# Installs the Cosmos DB-compatible test server (npm @vercel/cosmosdb-server, pinned by the committed lock file) used by
# tests/Storage.Tests. Idempotent: skips npm when node_modules was installed from the same lock file.
set -euo pipefail
cd "$(dirname "$0")/../../tests/servers/cosmos"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "20-cosmos-server: node and npm are required (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi

stamp=node_modules/.chatbot-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -d node_modules/@vercel/cosmosdb-server ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "20-cosmos-server: already installed"
  exit 0
fi

npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
echo "20-cosmos-server: installed $(node -p "require('@vercel/cosmosdb-server/package.json').version")"
