#!/usr/bin/env bash
# One command per benchmark (issues 9, 19). Every load and cold-start run also runs bench/floor (the minimal ASP.NET Core
# reply bot) right before BotServer, so each result carries its ratio to the floor from the same run.
# Results: JSON lines in bench/.out/results.jsonl (`python3 bench/summarize.py` prints table rows) + stderr summary.
#   bench/run-load.sh inmemory   # 8, 32 users, in-memory state (Storage:Provider=InMemory), lexical recognizer, no LLM
#   bench/run-load.sh file       # same with the local file store (Storage:FilePath in a temp folder)
#   bench/run-load.sh cosmos     # same against tests/servers/cosmos/server.js (HTTPS, self-signed cert trusted via SSL_CERT_FILE)
#   bench/run-load.sh shipped    # default configuration as shipped (file store, embedded recognizer); bench dialog
#   bench/run-load.sh llm        # 8 users with the LLM path on (bench/load/fake-llm.mjs); counts LLM calls per turn
#   bench/run-load.sh coldstart  # process start -> first reply, median of 5: floor, then BotServer as shipped (sample bot);
#                                # COLD_R2R="0 1 shipped": JIT, ReadyToRun framework-dependent, and what
#                                # `dotnet publish src/BotServer` ships (self-contained composite ReadyToRun)
#   bench/run-load.sh coldstart-variants  # cold start + size of BotServer per publish variant (R2R, composite, self-contained, trimmed)
#   bench/run-load.sh startup-trace  # EventPipe trace of BotServer's start and first reply + the start-up report (bench/Micro)
#   bench/run-load.sh rss        # where the resident memory is under load (in memory, lexical; STORE=file: the file
#                                # store): smaps grouped by bench/rss-breakdown.py at the largest sample, floor then
#                                # BotServer, per user count
#   bench/run-load.sh assemblies # every assembly the floor and BotServer load, after start and after a load, with the
#                                # stack that pulled each in (bench/assembly-loads: a startup hook) and its resident KB;
#                                # CONFIG=lexical (default: in memory, lexical, as `inmemory`) or CONFIG=shipped (defaults)
#   bench/run-load.sh size       # publish size of src/BotFunctions (zip) and its largest files, with and without ReadyToRun
# Knobs (env): USERS="8 32" WARMUP=4 SECONDS_=15 R2R=0|1|shipped SKIP_PUBLISH=1 EXTRA_ENV="DOTNET_gcServer=0 ..." (bot only)
#   BOT_ENV="..." (extra settings for the bot only, e.g. Understanding__Mode=embedded); COLD_R2R="0 1" (cold-start builds)
#   TRACES=1 (keep the Emulator inspector traces: 3 outbound POSTs per turn instead of 1)
#   STATE_FS=loop (file, shipped, rss with STORE=file; root only): the file store on a fresh journaled ext4 image, see new_state
#   BOT_DIR=<folder> (run this published BotServer instead of publishing one, e.g. a copy with another runtimeconfig.json;
#   the floor is still the R2R/COLD_R2R one)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/.out
mkdir -p "$OUT"
MODE=${1:-inmemory}
USERS=${USERS:-"8 32"}
WARMUP=${WARMUP:-4}
SECONDS_=${SECONDS_:-15}
R2R=${R2R:-0}

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

publish() { # $1 = project, $2 = output name, $3 = 0|1|shipped; prints the publish folder
  # 0 = JIT, 1 = ReadyToRun framework-dependent, shipped = the plain `dotnet publish` (BotServer's csproj: self-contained
  # composite ReadyToRun for the machine's platform; the floor's: JIT, framework-dependent).
  local dir="$OUT/$2" extra=(-p:PublishReadyToRun=false)
  if [[ $3 == 1 ]]; then dir="$OUT/$2-r2r"; extra=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true); fi
  if [[ $3 == shipped ]]; then dir="$OUT/$2-shipped"; extra=(); fi
  if [[ ${SKIP_PUBLISH:-0} != 1 || ! -d $dir ]]; then
    dotnet publish "$1" -c Release -o "$dir" "${extra[@]}" -nologo -v q >&2
  fi
  echo "$dir"
}
publish_server() { publish src/BotServer botserver "$1"; }
publish_floor() { publish bench/floor floor "$1"; }

# Settings common to every run (floor and bot): logs at Warning.
common_env() { echo "Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning"; }
# Bot settings: the bench dialog, no auth (Emulator protocol), rate limits off (the floor has none; issue 19's method),
# Emulator inspector traces off: without auth the bot is in local mode, where every turn on the `emulator` channel also
# POSTs two trace activities (turn trace, masked state) to the sink; the floor sends one reply and so does a production
# channel (traces are never sent elsewhere). TRACES=1 keeps them, as the runs before 2026-12-03 did.
base_env() {
  local traces="Emulator__Trace=false"; [[ ${TRACES:-0} == 1 ]] && traces=""
  echo "$(common_env) Dialogs__Path=$ROOT/bench/dialogs RateLimits__Enabled=false $traces ${EXTRA_ENV:-}"
}
# The store benchmarks use the lexical recognizer (no model), as the floor comparison in issue 19 does.
LEXICAL=Understanding__Mode=lexical
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
# The file store's folder (sets $state). By default under bench/.out/state, on this machine's root file system: ext4
# without a journal, where creating a file scans past every inode freed in its block group in the last 1–6 minutes (the
# previous run's `rm -rf` of ~15,000 state files, other processes' deletions), which put 0.09–0.25 ms of kernel CPU on a
# file-store turn depending on what was deleted nearby (bench/RESULTS.md, issue 19, perf23). STATE_FS=loop (root only)
# puts it on a fresh ext4 image with a journal (mkfs.ext4's default, as a server's disk has), where no such scan runs and
# nothing earlier was deleted; the JSON line says which ("stateFs").
new_state() {
  if [[ ${STATE_FS:-root} == loop ]]; then
    state_img=$(mktemp -p "$OUT" state-XXXXXX.img); truncate -s 2G "$state_img"; mkfs.ext4 -q -F "$state_img"
    state_mnt=$(mktemp -d -p "$OUT" state-fs-XXXXXX); mount -o loop "$state_img" "$state_mnt"
    trap drop_state EXIT
    state=$state_mnt/state; mkdir "$state"
  else
    mkdir -p "$OUT/state"; state=$(mktemp -d -p "$OUT/state")
  fi
}
drop_state() {
  if [[ -n ${state_mnt:-} ]]; then umount "$state_mnt" && rm -rf "$state_mnt" "$state_img"; state_mnt=
  elif [[ -n ${state:-} ]]; then rm -rf "$state"; fi
  state=
}

run_users() { # $1 = label, $2 = bot env assignments; runs the floor, then the bot, for each user count
  local label=$1 envs="$2 ${BOT_ENV:-}" dir floor
  dir=${BOT_DIR:-$(publish_server "$R2R")}
  floor=$(publish_floor "$R2R")
  for n in $USERS; do
    local port fline line
    port=$(free_port)
    echo "== floor, $n users (R2R=$R2R) ==" >&2
    fline=$(env $(common_env) node bench/load/loadgen.mjs --spawn "dotnet $floor/Chatbot.Bench.Floor.dll" --port "$port" \
      --users "$n" --warmup "$WARMUP" --seconds "$SECONDS_" 2>/dev/null)
    port=$(free_port)
    echo "== $label, $n users (R2R=$R2R) ==" >&2
    line=$(env $envs node bench/load/loadgen.mjs --spawn "dotnet $dir/Chatbot.BotServer.dll" --port "$port" \
      --users "$n" --warmup "$WARMUP" --seconds "$SECONDS_")
    echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"$label\",\"r2r\":\"$R2R\",\"loadavg\":\"$(load_avg)\",\"stateFs\":\"${STATE_FS:-root}\",\"env\":\"$envs\",\"floor\":$fline,\"result\":$line}" | tee -a "$OUT/results.jsonl"
  done
}

case "$MODE" in
  inmemory)
    run_users inmemory "$(base_env) $LEXICAL Storage__Provider=InMemory" ;;
  file)
    # Under bench/.out, not /tmp: where BotServer keeps its files (its content root), and away from the temp folder's
    # churn, whose freed inodes make every file creation slow on this machine (bench/RESULTS.md, issue 19 session 17).
    new_state
    run_users file "$(base_env) $LEXICAL Storage__FilePath=$state"
    drop_state ;;
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
    run_users cosmos "$(base_env) $LEXICAL SSL_CERT_FILE=$tmp/cert.pem CosmosDb__Endpoint=https://127.0.0.1:$cport/ CosmosDb__Key=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nO+9Ojs2b8qcr5J1j9/0Dbv1Lk7Y2fZa2H3i5L3w== CosmosDb__ConnectionMode=Gateway CosmosDb__LimitToEndpoint=true CosmosDb__CreateIfMissing=true"
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
  shipped)
    # As shipped: no Storage/Understanding settings (file store, embedded recognizer); only the dialog and the state folder.
    new_state # see file above
    run_users shipped "$(base_env) Storage__FilePath=$state"
    drop_state ;;
  coldstart)
    # BotServer as shipped: default configuration, run from an empty folder, so it uses the sample bot copied next to the
    # app and the file store under that folder, as a fresh deployment would. The model cache (temp folder) is warm.
    for r in ${COLD_R2R:-0 1 shipped}; do
      dir=${BOT_DIR:-$(publish_server "$r")}; floor=$(publish_floor "$r")
      work=$(mktemp -d)
      port=$(free_port)
      echo "== cold start, floor, R2R=$r ==" >&2
      fline=$(cd "$work" && env $(common_env) node "$ROOT/bench/load/loadgen.mjs" --coldstart 5 --spawn "dotnet $floor/Chatbot.Bench.Floor.dll" --port "$port" 2>/dev/null)
      echo "== cold start, BotServer as shipped, R2R=$r ==" >&2
      line=$(cd "$work" && env $(common_env) ${EXTRA_ENV:-} ${BOT_ENV:-} node "$ROOT/bench/load/loadgen.mjs" --coldstart 5 --spawn "dotnet $dir/Chatbot.BotServer.dll" --port "$port")
      rm -rf "$work"
      echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"coldstart\",\"r2r\":\"$r\",\"loadavg\":\"$(load_avg)\",\"extraEnv\":\"${EXTRA_ENV:-} ${BOT_ENV:-}\",\"floor\":$fline,\"result\":$line}" | tee -a "$OUT/results.jsonl"
    done ;;
  coldstart-variants)
    # Cold start and publish size of BotServer as shipped per publish variant (issue 19: ReadyToRun, composite,
    # self-contained, trimmed), each next to the floor (JIT, framework-dependent) measured in the same run.
    floor=$(publish_floor 0)
    for v in ${VARIANTS:-jit r2r r2r-sc r2r-composite-sc trimmed-r2r-sc}; do
      dir="$OUT/bs-$v"; flags=()
      case $v in
        jit) flags=(-p:PublishReadyToRun=false) ;;
        r2r) flags=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true) ;;
        r2r-sc) flags=(-r linux-x64 --self-contained true -p:PublishReadyToRun=true) ;;
        r2r-composite-sc) flags=(-r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true) ;;
        # Trim warnings are errors in this repo; the experiment reports them instead (SuppressTrimAnalysisWarnings=false).
        trimmed-r2r-sc) flags=(-r linux-x64 --self-contained true -p:PublishReadyToRun=true -p:PublishTrimmed=true -p:TreatWarningsAsErrors=false) ;;
      esac
      if [[ ${SKIP_PUBLISH:-0} != 1 || ! -d $dir ]]; then
        rm -rf "$dir"; dotnet publish src/BotServer -c Release -o "$dir" "${flags[@]}" -nologo -v q >"$OUT/bs-$v.publish.log" 2>&1 || { echo "publish $v failed: $OUT/bs-$v.publish.log" >&2; continue; }
      fi
      run="dotnet $dir/Chatbot.BotServer.dll"; [[ -x $dir/Chatbot.BotServer && $v == *-sc ]] && run="$dir/Chatbot.BotServer"
      work=$(mktemp -d); port=$(free_port)
      fline=$(cd "$work" && env $(common_env) node "$ROOT/bench/load/loadgen.mjs" --coldstart 5 --spawn "dotnet $floor/Chatbot.Bench.Floor.dll" --port "$port" 2>/dev/null)
      line=$(cd "$work" && env $(common_env) ${BOT_ENV:-} node "$ROOT/bench/load/loadgen.mjs" --coldstart 5 --spawn "$run" --port "$port" 2>/dev/null)
      rm -rf "$work"
      echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"coldstart\",\"r2r\":\"$v\",\"loadavg\":\"$(load_avg)\",\"publishBytes\":$(du -sb "$dir" | cut -f1),\"extraEnv\":\"${BOT_ENV:-}\",\"floor\":$fline,\"result\":$line}" | tee -a "$OUT/results.jsonl"
    done ;;
  startup-trace)
    # An EventPipe trace of BotServer as shipped from process start through its first reply, then the start-up report.
    # Needs dotnet-trace (`dotnet tool install -g dotnet-trace`). Trace: bench/.out/startup.nettrace.
    dir=$(publish_server "$R2R"); work=$(mktemp -d); port=$(free_port)
    ( for _ in $(seq 500); do
        curl -s -o /dev/null -X POST -H 'content-type: application/json' --data '{"type":"message","id":"a1","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/","text":"hi","from":{"id":"u"},"recipient":{"id":"b"},"conversation":{"id":"c1"}}' \
          "http://127.0.0.1:$port/api/messages" && break; sleep 0.02; done ) &
    (cd "$work" && env $(common_env) ${BOT_ENV:-} ASPNETCORE_URLS="http://127.0.0.1:$port" PATH="$PATH:$HOME/.dotnet/tools" dotnet-trace collect \
      --profile dotnet-sampled-thread-time,dotnet-common --duration 00:00:00:08 -o "$OUT/startup.nettrace" -- dotnet "$dir/Chatbot.BotServer.dll" >&2)
    wait; rm -rf "$work"
    dotnet run -c Release --project bench/Micro -- startup "$OUT/startup.nettrace" 40 ;;
  rss)
    # Same processes and settings as `inmemory`, started here so bench/rss-breakdown.py can sample their smaps while
    # the load runs (it keeps the sample with the largest RSS). One JSON line per process and user count.
    dir=${BOT_DIR:-$(publish_server "$R2R")}; floor=$(publish_floor "$R2R")
    # STORE=file: the local file store (the shipped default) in a fresh folder under bench/.out/state, as `file` runs it.
    store=Storage__Provider=InMemory
    if [[ ${STORE:-inmemory} == file ]]; then new_state; store="Storage__FilePath=$state"; fi
    for n in $USERS; do
      for who in floor bot; do
        port=$(free_port)
        if [[ $who == floor ]]; then
          cmd="dotnet $floor/Chatbot.Bench.Floor.dll"; envs="$(common_env)"
        else
          cmd="dotnet $dir/Chatbot.BotServer.dll"; envs="$(base_env) $LEXICAL $store ${BOT_ENV:-}"
        fi
        env $envs ASPNETCORE_URLS="http://127.0.0.1:$port" $cmd >/dev/null 2>&1 &
        pid=$!
        for _ in $(seq 600); do curl -s -o /dev/null -X POST -H 'content-type: application/json' --data '{"type":"typing"}' "http://127.0.0.1:$port/api/messages" && break; sleep 0.1; done
        python3 bench/rss-breakdown.py "$pid" $((WARMUP + SECONDS_)) > "$OUT/rss-$who.json" &
        sampler=$!
        line=$(node bench/load/loadgen.mjs --bot "http://127.0.0.1:$port" --pid "$pid" --users "$n" --warmup "$WARMUP" --seconds "$SECONDS_" 2>/dev/null)
        wait $sampler
        kill "$pid"; wait "$pid" 2>/dev/null || true
        echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"rss\",\"store\":\"${STORE:-inmemory}\",\"who\":\"$who\",\"users\":$n,\"r2r\":\"$R2R\",\"loadavg\":\"$(load_avg)\",\"env\":\"${BOT_ENV:-}\",\"turnsPerSecond\":$(echo "$line" | python3 -c 'import json,sys;print(json.load(sys.stdin)["turnsPerSecond"])'),\"smaps\":$(cat "$OUT/rss-$who.json")}" | tee -a "$OUT/rss.jsonl"
      done
    done
    drop_state ;;
  assemblies)
    # The hook records each load with its stack; the marks split the records into "start" (the server answers and its
    # background warm-up had 3 s) and "turns" (a load of SECONDS_ with 1 user); smaps at the end gives resident KB.
    dir=${BOT_DIR:-$(publish_server "$R2R")}; floor=$(publish_floor "$R2R")
    dotnet build bench/assembly-loads -c Release -nologo -v q >&2
    hook=$ROOT/bench/assembly-loads/bin/Release/net10.0/Chatbot.Bench.AssemblyLoads.dll
    config=${CONFIG:-lexical}; work=$(mktemp -d)
    for who in floor bot; do
      port=$(free_port); loads=$OUT/assembly-loads-$who.txt; rm -f "$loads"
      if [[ $who == floor ]]; then
        cmd="dotnet $floor/Chatbot.Bench.Floor.dll"; envs="$(common_env)"
      elif [[ $config == shipped ]]; then
        cmd="dotnet $dir/Chatbot.BotServer.dll"; envs="$(base_env) Storage__FilePath=$work/state ${BOT_ENV:-}"
      else
        cmd="dotnet $dir/Chatbot.BotServer.dll"; envs="$(base_env) $LEXICAL Storage__Provider=InMemory ${BOT_ENV:-}"
      fi
      env $envs DOTNET_STARTUP_HOOKS="$hook" ASSEMBLY_LOADS_FILE="$loads" ASPNETCORE_URLS="http://127.0.0.1:$port" $cmd >/dev/null 2>&1 &
      pid=$!
      for _ in $(seq 600); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
      sleep 3; start=$(grep -c '^## ' "$loads"); rss_start=$(python3 bench/rss-breakdown.py "$pid")
      line=$(node bench/load/loadgen.mjs --bot "http://127.0.0.1:$port" --pid "$pid" --users 1 --warmup 0 --seconds "${SECONDS_}" 2>/dev/null)
      sleep 1; turns=$(grep -c '^## ' "$loads"); cat "/proc/$pid/smaps" > "$OUT/assembly-loads-$who.smaps"; rss_turns=$(python3 bench/rss-breakdown.py "$pid")
      kill "$pid"; wait "$pid" 2>/dev/null || true
      echo "== $who ($config; $(echo "$line" | python3 -c 'import json,sys;print(json.load(sys.stdin)["turns"])') turns; load $(load_avg)) ==" >&2
      echo "resident after start: $rss_start" >&2; echo "resident after the turns: $rss_turns" >&2
      floor_arg=(); [[ $who == bot ]] && floor_arg=(--floor "$OUT/assembly-loads-floor.txt")
      python3 bench/assembly-loads/report.py "$loads" "${floor_arg[@]}" --mark "start=$start" --mark "turns=$turns" --smaps "$OUT/assembly-loads-$who.smaps" | tee "$OUT/assembly-loads-$who-$config.txt"
    done
    rm -rf "$work" ;;
  size)
    for r in 0 1; do
      dir="$OUT/functions-$r"; rm -rf "$dir" "$dir.zip"
      extra=(); [[ $r == 1 ]] && extra=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true)
      dotnet publish src/BotFunctions -c Release -o "$dir" "${extra[@]}" -nologo -v q >&2
      (cd "$dir" && zip -qr -9 "$dir.zip" .)
      zbytes=$(stat -c %s "$dir.zip"); ubytes=$(du -sb "$dir" | cut -f1)
      # The largest entries with their zipped size: what each big dependency costs in the package.
      largest=$(python3 -c 'import json,sys,zipfile
z=zipfile.ZipFile(sys.argv[1]); e=sorted(z.infolist(), key=lambda i: -i.compress_size)[:15]
print(json.dumps([{"file": i.filename, "zipBytes": i.compress_size, "bytes": i.file_size} for i in e]))' "$dir.zip")
      echo "{\"date\":\"$(date -u +%FT%TZ)\",\"mode\":\"functions-size\",\"r2r\":$r,\"zipBytes\":$zbytes,\"unpackedBytes\":$ubytes,\"largest\":$largest}" | tee -a "$OUT/results.jsonl"
    done ;;
  *) echo "usage: $0 inmemory|file|cosmos|shipped|llm|coldstart|coldstart-variants|startup-trace|rss|assemblies|size" >&2; exit 2 ;;
esac
