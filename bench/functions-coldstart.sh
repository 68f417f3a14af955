#!/usr/bin/env bash
# Cold start under the Azure Functions host, next to BotServer's, measured in one run (issue 15 item 4):
#   1. BotServer: process start -> first reply;
#   2. Functions host (src/BotFunctions published, scripts/functions-host.sh): host start -> first reply;
#   3. Functions host warm: language worker killed -> first reply of the new worker (bench/functions-worker-restart.mjs).
# Each is the median of RUNS (default 5). "First reply" = POST /api/messages answered 200 and the reply received by a
# local Connector sink (bench/load/loadgen.mjs --coldstart for 1 and 2). Same dialog (bench/dialogs), same state store
# (local files), no auth; the Functions host gets local.settings.sample.json's Values and Azurite (started here).
# Results: JSON lines appended to bench/.out/results.jsonl and a summary on stderr.
# Usage: bench/functions-coldstart.sh [all|worker]   (env: RUNS=5, SKIP_PUBLISH=1 to reuse bench/.out/coldstart-*)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/.out
RUNS=${RUNS:-5}
MODE=${1:-all}   # all | worker (only 3)
mkdir -p "$OUT"

bash scripts/setup.d/40-functions-host.sh >&2   # Azurite and the host (idempotent)
functions=$OUT/coldstart-functions
botserver=$OUT/coldstart-botserver
if [[ ${SKIP_PUBLISH:-0} != 1 || ! -f $functions/Chatbot.BotFunctions.dll || ! -f $botserver/Chatbot.BotServer.dll ]]; then
  dotnet publish src/BotFunctions -c Release -o "$functions" -nologo -v q >&2
  dotnet publish src/BotServer -c Release -o "$botserver" -nologo -v q >&2
fi

tmp=$(mktemp -d)
node tests/servers/azurite/node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
  --location "$tmp/azurite" --blobPort 0 --queuePort 0 --tablePort 0 > "$tmp/azurite.log" 2>&1 < /dev/null &
azurite_pid=$!
trap 'kill $azurite_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
port_of() { sed -n "s/^Azurite $1 service is successfully listening at http:\/\/127.0.0.1:\([0-9]*\)$/\1/p" "$tmp/azurite.log"; }
for _ in $(seq 600); do [[ -n $(port_of Table) ]] && break; sleep 0.1; done
[[ -n $(port_of Table) ]] || { cat "$tmp/azurite.log" >&2; echo "azurite did not start" >&2; exit 1; }
account="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;$account;BlobEndpoint=http://127.0.0.1:$(port_of Blob)/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$(port_of Queue)/devstoreaccount1;TableEndpoint=http://127.0.0.1:$(port_of Table)/devstoreaccount1;"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# The app's settings: the sample's Values (non-empty ones), then what this run needs.
sample=$(node -e 'for (const [k, v] of Object.entries(require("./local.settings.sample.json").Values)) if (v !== "") console.log(`${k}=${v}`)')
common=("Dialogs__Path=$ROOT/bench/dialogs" "Storage__FilePath=$tmp/state" "Logging__LogLevel__Default=Warning")
mapfile -t sample_env <<< "$sample"
functions_env=("${sample_env[@]}" "${common[@]}" "AzureWebJobsStorage=$storage")

record() { # $1 = mode, $2 = JSON result (measured before the call, so that a failed measurement stops the script)
  echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"$1\",\"cores\":$(nproc),\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"result\":$2}" | tee -a "$OUT/results.jsonl"
}

if [[ $MODE == all ]]; then
  echo "== BotServer: process start -> first reply ($RUNS runs) ==" >&2
  port=$(free_port)
  result=$(env "${common[@]}" node bench/load/loadgen.mjs --coldstart "$RUNS" --port "$port" --spawn "dotnet $botserver/Chatbot.BotServer.dll")
  record botserver-coldstart "$result"

  echo "== Functions host: host start -> first reply ($RUNS runs) ==" >&2
  port=$(free_port)
  result=$(env "${functions_env[@]}" node bench/load/loadgen.mjs --coldstart "$RUNS" --port "$port" \
    --spawn "bash $ROOT/scripts/functions-host.sh run $functions $port")
  record functions-host-coldstart "$result"
fi

echo "== Functions host warm: worker restart -> first reply ($RUNS runs) ==" >&2
port=$(free_port)
result=$(env "${functions_env[@]}" node bench/functions-worker-restart.mjs --runs "$RUNS" --port "$port" \
  --worker Chatbot.BotFunctions.dll --spawn "bash $ROOT/scripts/functions-host.sh run $functions $port")
record functions-worker-restart "$result"
