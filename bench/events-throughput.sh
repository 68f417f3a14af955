#!/usr/bin/env bash
# Events per second and CPU per event (issue 16): the same EVENTS order_shipped events for CONVERSATIONS prepared
# conversations of the sample bot (dialogs/), run twice in one go:
#   1. through the Storage queue and the Functions host's EventQueue trigger (src/BotFunctions published, the host from
#      scripts/functions-host.sh, Azurite started here);
#   2. through POST /api/events on BotServer (src/BotServer published), for comparison.
# Both use local file state and no channel auth; messages go to bench/events-throughput.mjs's local Connector sink.
# CPU = the bot's whole process tree (host + worker for the Functions app). Results: JSON lines appended to
# bench/.out/results.jsonl and printed. Usage: bench/events-throughput.sh   (env: EVENTS=500 CONVERSATIONS=50
# CONCURRENCY=16, SKIP_PUBLISH=1 to reuse bench/.out/events-*)
#   bench/events-throughput.sh trigger   # the queue trigger alone: EVENTS (default 300) put on the queue invisible until
#     one common instant after a warm-up, so the drain does not wait on the enqueue side (events-throughput.mjs --prefill);
#     Functions host only. Reports events/s first → last message, CPU per event, Azurite's and others' CPU, load.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/.out
MODE=${1:-both}
case $MODE in both) EVENTS=${EVENTS:-500} ;; trigger) EVENTS=${EVENTS:-300} ;; *) echo "usage: $0 [both|trigger]" >&2; exit 2 ;; esac
CONVERSATIONS=${CONVERSATIONS:-50}
CONCURRENCY=${CONCURRENCY:-16}
mkdir -p "$OUT"

bash scripts/setup.d/40-functions-host.sh >&2   # Azurite and the host (idempotent)
functions=$OUT/events-functions
botserver=$OUT/events-botserver
if [[ ${SKIP_PUBLISH:-0} != 1 || ! -f $functions/Chatbot.BotFunctions.dll || ! -f $botserver/Chatbot.BotServer.dll ]]; then
  dotnet publish src/BotFunctions -c Release -o "$functions" -nologo -v q >&2
  dotnet publish src/BotServer -c Release -o "$botserver" -nologo -v q >&2
fi

tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
node tests/servers/azurite/node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
  --location "$tmp/azurite" --blobPort 0 --queuePort 0 --tablePort 0 > "$tmp/azurite.log" 2>&1 < /dev/null &
azurite=$!
pids+=($azurite)
port_of() { sed -n "s/^Azurite $1 service is successfully listening at http:\/\/127.0.0.1:\([0-9]*\)$/\1/p" "$tmp/azurite.log"; }
for _ in $(seq 600); do [[ -n $(port_of Table) ]] && break; sleep 0.1; done
[[ -n $(port_of Table) ]] || { cat "$tmp/azurite.log" >&2; echo "azurite did not start" >&2; exit 1; }
account="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;$account;BlobEndpoint=http://127.0.0.1:$(port_of Blob)/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$(port_of Queue)/devstoreaccount1;TableEndpoint=http://127.0.0.1:$(port_of Table)/devstoreaccount1;"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_http() { # $1 = url: any HTTP answer means it listens
  for _ in $(seq 1800); do curl -s -o /dev/null -m 2 "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

sample=$(node -e 'for (const [k, v] of Object.entries(require("./local.settings.sample.json").Values)) if (v !== "") console.log(`${k}=${v}`)')
mapfile -t sample_env <<< "$sample"
# The sample bot (its events: section); the event rate limit out of the way (it is per caller: one caller here).
common=("Dialogs__Path=$ROOT/dialogs" "Logging__LogLevel__Default=Warning" "Events__Key=bench-event-key"
  "Events__RateLimit__TokenLimit=100000" "Events__RateLimit__TokensPerPeriod=100000")
record() {
  echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"$1\",\"cores\":$(nproc),\"result\":$2}" | tee -a "$OUT/results.jsonl"
}
drive=(node bench/events-throughput.mjs --events "$EVENTS" --conversations "$CONVERSATIONS" --concurrency "$CONCURRENCY")

if [[ $MODE == trigger ]]; then
  echo "== Functions host: the EventQueue trigger draining $EVENTS pre-filled events ==" >&2
  port=$(free_port)
  env "${sample_env[@]}" "${common[@]}" "Storage__FilePath=$tmp/state-functions" "AzureWebJobsStorage=$storage" \
    bash scripts/functions-host.sh run "$functions" "$port" > "$tmp/functions.log" 2>&1 &
  host=$!
  pids+=($host)
  wait_http "http://127.0.0.1:$port/api/health" || { tail -50 "$tmp/functions.log" >&2; exit 1; }
  result=$("${drive[@]}" --bot "http://127.0.0.1:$port" --pid "$host" --queue "$storage" --prefill --azurite-pid "$azurite") \
    || { echo "$result"; tail -50 "$tmp/functions.log" >&2; exit 1; }
  record events-queue-trigger-prefilled "$result"
  exit 0
fi

echo "== Functions host: $EVENTS events through the queue trigger ==" >&2
port=$(free_port)
env "${sample_env[@]}" "${common[@]}" "Storage__FilePath=$tmp/state-functions" "AzureWebJobsStorage=$storage" \
  bash scripts/functions-host.sh run "$functions" "$port" > "$tmp/functions.log" 2>&1 &
host=$!
pids+=($host)
wait_http "http://127.0.0.1:$port/api/health" || { tail -50 "$tmp/functions.log" >&2; exit 1; }
result=$("${drive[@]}" --bot "http://127.0.0.1:$port" --pid "$host" --queue "$storage") || { echo "$result"; tail -50 "$tmp/functions.log" >&2; exit 1; }
record events-queue-functions "$result"
kill "$host"; wait "$host" 2>/dev/null || true

echo "== BotServer: $EVENTS events through POST /api/events ==" >&2
port=$(free_port)
env "${common[@]}" "Storage__FilePath=$tmp/state-botserver" "ASPNETCORE_URLS=http://127.0.0.1:$port" \
  dotnet "$botserver/Chatbot.BotServer.dll" --contentRoot "$ROOT" > "$tmp/botserver.log" 2>&1 &
server=$!
pids+=($server)
wait_http "http://127.0.0.1:$port/api/health" || { tail -50 "$tmp/botserver.log" >&2; exit 1; }
result=$("${drive[@]}" --bot "http://127.0.0.1:$port" --pid "$server" --http bench-event-key) || { echo "$result"; tail -50 "$tmp/botserver.log" >&2; exit 1; }
record events-http-botserver "$result"
