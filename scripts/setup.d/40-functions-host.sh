#!/usr/bin/env bash
# Installs what the Functions host tests (tests/FunctionsHost.Tests) and bench/functions-coldstart.sh need:
# Azurite (npm azurite, pinned by tests/servers/azurite/package-lock.json) for AzureWebJobsStorage, and the Azure
# Functions host itself (built once per machine from ../shared/functions-host, ~1-2 min the first time; or Core
# Tools' `func` when that is what the machine has; see scripts/functions-host.sh). Idempotent.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo/tests/servers/azurite"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "40-functions-host: node and npm are required (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi

stamp=node_modules/.chatbot-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/azurite/dist/src/azurite.js ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "40-functions-host: azurite already installed"
else
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
  echo "40-functions-host: installed azurite $(node -p "require('azurite/package.json').version")"
fi

echo "40-functions-host: $(bash "$repo/scripts/functions-host.sh" build)"
