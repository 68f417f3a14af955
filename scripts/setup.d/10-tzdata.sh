#!/usr/bin/env bash
# Understanding resolves relative dates in the bot's IANA time zone; tests use Europe/Berlin.
set -euo pipefail
if [ -e /usr/share/zoneinfo/Europe/Berlin ]; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq tzdata >/dev/null
