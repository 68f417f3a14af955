#!/usr/bin/env bash
# Finds and runs the Azure Functions host for src/BotFunctions' build output. One place for this choice: the setup
# script, the end-to-end tests (tests/FunctionsHost.Tests) and bench/functions-coldstart.sh all call it.
#
#   scripts/functions-host.sh build          # make sure a host is there (builds it once per machine); prints which
#   scripts/functions-host.sh run APP PORT   # runs it in the foreground for the app folder APP on 127.0.0.1:PORT
#
# Which host, in this order:
#   1. $FUNCTIONS_HOST_DIR: a folder with build.sh and run.sh (the host built from source, see its README.md);
#   2. ../shared/functions-host next to the repository, then /work/shared/functions-host (this environment, CI);
#   3. Azure Functions Core Tools (`func start`) when `func` is on PATH (developers elsewhere).
# The app's settings are environment variables (what local.settings.json "Values" would hold); AzureWebJobsStorage
# must name a running Azurite (or a storage account).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

host_dir() {
  if [ -n "${FUNCTIONS_HOST_DIR:-}" ]; then
    if [ -f "$FUNCTIONS_HOST_DIR/run.sh" ] && [ -f "$FUNCTIONS_HOST_DIR/build.sh" ]; then echo "$FUNCTIONS_HOST_DIR"; return 0; fi
    echo "functions-host: FUNCTIONS_HOST_DIR=$FUNCTIONS_HOST_DIR has no build.sh and run.sh" >&2
    return 2
  fi
  for dir in "$repo/../shared/functions-host" /work/shared/functions-host; do
    if [ -f "$dir/run.sh" ] && [ -f "$dir/build.sh" ]; then (cd "$dir" && pwd); return 0; fi
  done
  return 1
}

missing() {
  echo "functions-host: no Azure Functions host found. Set FUNCTIONS_HOST_DIR to the folder of the host's build.sh and" \
    "run.sh (in this environment: ../shared/functions-host), or install Azure Functions Core Tools (func)." >&2
  exit 1
}

found=0
dir=$(host_dir) || found=$?
if [ "$found" -eq 2 ]; then exit 2; fi

case "${1:-}" in
  build)
    if [ "$found" -eq 0 ]; then
      # The host's source no longer builds against what the registry serves without this shim (see shim.targets);
      # MSBuild reads the variable as a property, so the shared build.sh stays as it is.
      CustomAfterMicrosoftCommonTargets="$repo/scripts/functions-host-shim/shim.targets" bash "$dir/build.sh" >/dev/null
      echo "functions host from source: $dir (built under ${FUNCTIONS_HOST_HOME:-$HOME/.cache/functions-host})"
    elif command -v func >/dev/null; then
      echo "Azure Functions Core Tools: $(command -v func) $(func --version 2>/dev/null || true)"
    else
      missing
    fi
    ;;
  run)
    app=$(cd "${2:?usage: functions-host.sh run APP_DIR PORT}" && pwd)
    port=${3:?usage: functions-host.sh run APP_DIR PORT}
    if [ "$found" -eq 0 ]; then
      exec bash "$dir/run.sh" "$app" "$port"
    elif command -v func >/dev/null; then
      # Core Tools runs the build output as it is (no project file there, so no build) and reads the same variables.
      cd "$app"
      exec func start --port "$port"
    else
      missing
    fi
    ;;
  *)
    echo "usage: functions-host.sh build | run APP_DIR PORT" >&2
    exit 2
    ;;
esac
