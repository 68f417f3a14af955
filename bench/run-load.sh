#!/usr/bin/env bash
# One command per benchmark (issue 9 / issue 8 item 4). Results: JSON lines in bench/.out/results.jsonl + stderr summary.
#   bench/run-load.sh inmemory   # 1, 8, 32 users, in-memory state (Storage:Provider=InMemory), no LLM
#   bench/run-load.sh file       # same with the local file store (Storage:FilePath in a temp folder)
#   bench/run-load.sh cosmos     # same against tests/servers/cosmos/server.js (HTTPS, self-signed cert trusted via SSL_CERT_FILE)
#   bench/run-load.sh llm        # 8 users with the LLM path on (bench/load/fake-llm.mjs); counts LLM calls per turn
#   bench/run-load.sh coldstart  # process start -> first reply, median of 5, with and without ReadyToRun
#   bench/run-load.sh size       # publish size of src/BotFunctions (zip), with and without ReadyToRun
# Knobs (env): USERS="1 8 32" WARMUP=5 SECONDS_=20 R2R=0|1 (load runs) SKIP_PUBLISH=1 EXTRA_ENV="DOTNET_gcServer=0 ..."
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/.out
mkdir -p "$OUT"
MODE=${1:-inmemory}
USERS=${USERS:-"1 8 32"}
WARMUP=${WARMUP:-5}
SECONDS_=${SECONDS_:-20}
R2R=${R2R:-0}

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

publish_server() { # $1 = 0|1 (ReadyToRun); prints the publish folder
  local dir="$OUT/botserver" extra=()
  if [[ $1 == 1 ]]; then dir="$OUT/botserver-r2r"; extra=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true); fi
  if [[ ${SKIP_PUBLISH:-0} != 1 || ! -f $dir/Chatbot.BotServer.dll ]]; then
    dotnet publish src/BotServer -c Release -o "$dir" "${extra[@]}" -nologo -v q >&2
  fi
  echo "$dir"
}

# Bot settings common to every run: the bench dialog, no auth (Emulator protocol), logs at Warning.
base_env() {
  echo "Dialogs__Path=$ROOT/bench/dialogs Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning ${EXTRA_ENV:-}"
}

run_users() { # $1 = label, $2 = env assignments; runs loadgen for each user count
  local label=$1 envs=$2 dir
  dir=$(publish_server "$R2R")
  for n in $USERS; do
    local port; port=$(free_port)
    echo "== $label, $n users (R2R=$R2R) ==" >&2
    local line
    line=$(env $envs node bench/load/loadgen.mjs --spawn "dotnet $dir/Chatbot.BotServer.dll" --port "$port" \
      --users "$n" --warmup "$WARMUP" --seconds "$SECONDS_")
    echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"$label\",\"r2r\":$R2R,\"env\":\"$envs\",\"result\":$line}" | tee -a "$OUT/results.jsonl"
  done
}

case "$MODE" in
  inmemory)
    run_users inmemory "$(base_env) Storage__Provider=InMemory" ;;
  file)
    state=$(mktemp -d)
    run_users file "$(base_env) Storage__FilePath=$state"
    rm -rf "$state" ;;
  cosmos)
    [[ -d tests/servers/cosmos/node_modules ]] || bash scripts/setup.d/20-cosmos-server.sh >&2
    tmp=$(mktemp -d)
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
      -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
    (cd tests/servers/cosmos && exec node server.js --cert "$tmp/cert.pem" --key "$tmp/key.pem" --port 0 --host 127.0.0.1 \
      > "$tmp/cosmos.log" 2>&1 < /dev/zero) &
    cosmos_pid=$!
    trap 'kill $cosmos_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
    for _ in $(seq 100); do grep -q "listening on port" "$tmp/cosmos.log" 2>/dev/null && break; sleep 0.1; done
    cport=$(sed -n 's/^listening on port //p' "$tmp/cosmos.log")
    # The bot trusts exactly the generated certificate (OpenSSL honours SSL_CERT_FILE); the key is the emulator's well-known key.
    run_users cosmos "$(base_env) SSL_CERT_FILE=$tmp/cert.pem CosmosDb__Endpoint=https://127.0.0.1:$cport/ CosmosDb__Key=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nO+9Ojs2b8qcr5J1j9/0Dbv1Lk7Y2fZa2H3i5L3w== CosmosDb__ConnectionMode=Gateway CosmosDb__LimitToEndpoint=true CosmosDb__CreateIfMissing=true"
    echo "cosmos document requests (whole run incl. warm-up): $(curl -sk "https://127.0.0.1:$cport/_test/stats?collection=conversations")" >&2 ;;
  llm)
    tmp=$(mktemp -d)
    node bench/load/fake-llm.mjs 0 > "$tmp/llm.log" 2>&1 &
    llm_pid=$!
    trap 'kill $llm_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
    for _ in $(seq 100); do grep -q "listening on port" "$tmp/llm.log" 2>/dev/null && break; sleep 0.1; done
    lport=$(sed -n 's/^listening on port //p' "$tmp/llm.log")
    USERS=${LLM_USERS:-8} run_users llm "$(base_env) Storage__Provider=InMemory OpenAI__Endpoint=http://127.0.0.1:$lport/v1 OpenAI__Model=bench OpenAI__ApiKey=bench"
    echo "LLM calls (whole run incl. warm-up): $(curl -s "http://127.0.0.1:$lport/_stats")" >&2
    echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"llm-calls\",\"result\":$(curl -s "http://127.0.0.1:$lport/_stats")}" >> "$OUT/results.jsonl" ;;
  coldstart)
    for r in 0 1; do
      dir=$(publish_server $r)
      port=$(free_port)
      echo "== cold start, R2R=$r ==" >&2
      line=$(env $(base_env) Storage__Provider=InMemory node bench/load/loadgen.mjs --coldstart 5 --spawn "dotnet $dir/Chatbot.BotServer.dll" --port "$port")
      echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"coldstart\",\"r2r\":$r,\"extraEnv\":\"${EXTRA_ENV:-}\",\"result\":$line}" | tee -a "$OUT/results.jsonl"
    done ;;
  size)
    for r in 0 1; do
      dir="$OUT/functions-$r"; rm -rf "$dir" "$dir.zip"
      extra=(); [[ $r == 1 ]] && extra=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true)
      dotnet publish src/BotFunctions -c Release -o "$dir" "${extra[@]}" -nologo -v q >&2
      (cd "$dir" && zip -qr -9 "$dir.zip" .)
      zbytes=$(stat -c %s "$dir.zip"); ubytes=$(du -sb "$dir" | cut -f1)
      echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"functions-size\",\"r2r\":$r,\"zipBytes\":$zbytes,\"unpackedBytes\":$ubytes}" | tee -a "$OUT/results.jsonl"
    done ;;
  *) echo "usage: $0 inmemory|file|cosmos|llm|coldstart|size" >&2; exit 2 ;;
esac
