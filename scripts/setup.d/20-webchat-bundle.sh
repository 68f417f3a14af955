#!/usr/bin/env bash
# Installs the pinned Web Chat bundle (npm botframework-webchat, see src/BotServer/webchat/package-lock.json) that
# BotServer serves at /. MSBuild copies dist/webchat.js into src/BotServer/wwwroot/lib/. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../../src/BotServer/webchat"
if [ -f node_modules/botframework-webchat/dist/webchat.js ]; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
test -f node_modules/botframework-webchat/dist/webchat.js
