#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/EndToEnd.Tests). Never downloads a browser build:
# Playwright is pointed at /usr/bin/chromium. Idempotent: skips when it is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Other setup scripts may run apt at the same time on a dev machine: wait for the dpkg lock instead of failing.
apt_get() { apt-get -o DPkg::Lock::Timeout=600 "$@"; }
apt_get update -qq
apt_get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
/usr/bin/chromium --version
