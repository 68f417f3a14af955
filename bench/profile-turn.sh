#!/usr/bin/env bash
# Where the CPU of an HTTP turn goes (issue 19, session 5's method, made repeatable): BotServer or bench/floor under
# bench/load/loadgen.mjs, `perf record -F 499 -g` of the process for part of the measured window, each sample given to
# one category by bench/perf-categories.py, in ms per turn with the turns of the recorded window.
#   bench/profile-turn.sh floor|inmemory|file [users]      # default 8 users
# Knobs (env): DIR=<published BotServer> (default bench/.out/botserver-shipped), FLOOR_DIR (default bench/.out/floor-shipped),
#   JIT=1 (DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0: every method JIT-compiled once, so all frames have names;
#   session 5's setting; default 0 = the published code, R2R frames named through the perf map), WARMUP=4, SECONDS_=12,
#   RECORD=8 (seconds recorded, starting 2 s into the measured window), STRACE=1 (also `strace -f -c` for RECORD seconds,
#   in a second run: strace slows the process), COUNTERS=1 (also dotnet-counters in another run: thread-pool work items,
#   bytes allocated, GCs per turn), PERF=0 (skip the perf run), KEEP=1 (keep perf.data and the perf script text in bench/.out/profile-*).
# Prints the category table (stdout) and the loadgen summary; JSON lines in bench/.out/profile.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/.out
mkdir -p "$OUT"
WHO=${1:?floor|inmemory|file}
USERS=${2:-8}
WARMUP=${WARMUP:-4}
SECONDS_=${SECONDS_:-12}
RECORD=${RECORD:-8}
DIR=${DIR:-$OUT/botserver-shipped}
FLOOR_DIR=${FLOOR_DIR:-$OUT/floor-shipped}
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

common="Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0"
[[ ${JIT:-0} == 1 ]] && common="$common DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0"
bot="Dialogs__Path=$ROOT/bench/dialogs RateLimits__Enabled=false Emulator__Trace=false Understanding__Mode=lexical"
state=""
case $WHO in
  floor) cmd="dotnet $FLOOR_DIR/Chatbot.Bench.Floor.dll"; envs="$common" ;;
  inmemory) cmd="dotnet $DIR/Chatbot.BotServer.dll"; envs="$common $bot Storage__Provider=InMemory" ;;
  file) mkdir -p "$OUT/state"; state=$(mktemp -d -p "$OUT/state");  # not /tmp: see run-load.sh
    cmd="dotnet $DIR/Chatbot.BotServer.dll"; envs="$common $bot Storage__FilePath=$state" ;;
  *) echo "usage: $0 floor|inmemory|file [users]" >&2; exit 2 ;;
esac

run_once() { # $1 = perf|strace; prints the loadgen JSON line
  local tool=$1 port pid lg
  port=$(free_port)
  env $envs ASPNETCORE_URLS="http://127.0.0.1:$port" $cmd >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 600); do curl -s -o /dev/null -X POST -H 'content-type: application/json' --data '{"type":"typing"}' "http://127.0.0.1:$port/api/messages" && break; sleep 0.1; done
  node bench/load/loadgen.mjs --bot "http://127.0.0.1:$port" --pid "$pid" --users "$USERS" --warmup "$WARMUP" --seconds "$SECONDS_" \
    > "$OUT/profile-$WHO.loadgen.json" 2>/dev/null &
  lg=$!
  sleep $((WARMUP + 2))
  local t0 t1 c0 c1
  t0=$(date +%s.%N); c0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  local sw0; sw0=$(cat /proc/$pid/task/*/status | awk '/^(non)?voluntary_ctxt_switches/{s+=$2} END{print s}')
  if [[ $tool == perf ]]; then
    perf record -q -F 499 -g -p "$pid" -o "$OUT/profile-$WHO.perf.data" -- sleep "$RECORD" >/dev/null 2>&1
  elif [[ $tool == counters ]]; then
    rm -f "$OUT/profile-$WHO.counters.json"
    PATH="$PATH:$HOME/.dotnet/tools" dotnet-counters collect -p "$pid" --format json -o "$OUT/profile-$WHO.counters.json" --refresh-interval 1 \
      --counters 'System.Runtime[dotnet.thread_pool.work_item.count,dotnet.gc.heap.total_allocated,dotnet.gc.collections,dotnet.monitor.lock_contentions]' \
      --duration "00:00:00:$(printf %02d "$RECORD")" >/dev/null 2>&1 || true
  else
    timeout -s INT "$RECORD" strace -f -c -p "$pid" -o "$OUT/profile-$WHO.strace.txt" >/dev/null 2>&1 || true
  fi
  t1=$(date +%s.%N); c1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  local sw1; sw1=$(cat /proc/$pid/task/*/status | awk '/^(non)?voluntary_ctxt_switches/{s+=$2} END{print s}')
  wait $lg
  # Turns in the recorded window: the measured window's rate times the recorded seconds.
  local line; line=$(cat "$OUT/profile-$WHO.loadgen.json")
  if [[ $tool == perf ]]; then
    perf script -i "$OUT/profile-$WHO.perf.data" 2>/dev/null > "$OUT/profile-$WHO.perf.txt" || true
    cp "/tmp/perf-$pid.map" "$OUT/profile-$WHO.perf.map" 2>/dev/null || true
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$line" "$t0" "$t1" "$c0" "$c1" "$sw0" "$sw1" <<'EOF'
import json, sys
d = json.loads(sys.argv[1]); t0, t1 = float(sys.argv[2]), float(sys.argv[3]); c0, c1 = int(sys.argv[4]), int(sys.argv[5])
turns = d["turnsPerSecond"] * (t1 - t0)
print(json.dumps({"recordedSeconds": round(t1 - t0, 2), "turns": round(turns), "cpuMsPerTurnRecorded": round((c1 - c0) * 10 / turns, 3),
                  "contextSwitchesPerTurn": round((int(sys.argv[7]) - int(sys.argv[6])) / turns, 2), "loadgen": d}))
EOF
}

summary=""
if [[ ${PERF:-1} == 1 ]]; then
summary=$(run_once perf)
  echo "$summary" | python3 -c 'import json,sys; d=json.load(sys.stdin); l=d["loadgen"]; print("# %s %s users: %s turns/s, CPU %s ms/turn (loadgen), recorded %s s ~%s turns, %s ms/turn, %s context switches/turn, errors %s" % (sys.argv[1], sys.argv[2], l["turnsPerSecond"], l["botCpuMsPerTurn"], d["recordedSeconds"], d["turns"], d["cpuMsPerTurnRecorded"], d["contextSwitchesPerTurn"], l["errors"]))' "$WHO" "$USERS"
  python3 bench/perf-categories.py "$OUT/profile-$WHO.perf.txt" "$(echo "$summary" | python3 -c 'import json,sys; print(json.load(sys.stdin)["turns"])')" \
    --measured "$(echo "$summary" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cpuMsPerTurnRecorded"])')" ${FRAMES:+--frames $FRAMES} | tee "$OUT/profile-$WHO.categories.txt"
fi
if [[ ${COUNTERS:-0} == 1 ]]; then
  s=$(run_once counters)
  turns=$(echo "$s" | python3 -c 'import json,sys; print(json.load(sys.stdin)["turns"])')
  echo "# dotnet-counters, ${RECORD} s, ~$turns turns: per turn (first to last sample)"
  python3 - "$OUT/profile-$WHO.counters.json" "$s" <<'EOF2'
import json, sys
run = json.loads(sys.argv[2]); rate = run["loadgen"]["turnsPerSecond"]
data = json.load(open(sys.argv[1]))
series = {}
for e in data["Events"]:
    key = e["name"].split(" (")[0] + (f" {e['tags']}" if e.get("tags") else "")
    series.setdefault(key, []).append((e["timestamp"], e["value"]))
for key, points in sorted(series.items()):
    if len(points) < 3: continue
    if key.startswith("dotnet.thread_pool.thread.count"):
        print(f"  {key:<60} {max(v for _, v in points):10.0f} threads (max)"); continue
    # Counters are reported as per-interval deltas (rates): the mean per second over the window, divided by turns/s.
    vals = [v for _, v in points[1:]]
    print(f"  {key:<60} {sum(vals) / len(vals) / rate:10.3f} per turn")
EOF2
fi
if [[ ${STRACE:-0} == 1 ]]; then
  s=$(run_once strace)
  turns=$(echo "$s" | python3 -c 'import json,sys; print(json.load(sys.stdin)["turns"])')
  echo "# strace -f -c, ${RECORD} s, ~$turns turns (slowed by strace): system calls per turn"
  python3 - "$OUT/profile-$WHO.strace.txt" "$turns" <<'EOF'
import sys
turns = int(sys.argv[2]); total = 0
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) >= 5 and p[0][0].isdigit() and p[-1] not in ("total",):
        calls = int(p[3]); total += calls
        if calls / turns >= 0.05: print(f"  {p[-1]:<20} {calls / turns:7.2f}")
print(f"  {'all':<20} {total / turns:7.2f}")
EOF
fi
[[ -n $summary ]] && echo "{\"date\":\"$(date -u +%FT%TZ)\",\"who\":\"$WHO\",\"users\":$USERS,\"jit\":\"${JIT:-0}\",\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"run\":$summary}" >> "$OUT/profile.jsonl"
[[ -n $state ]] && rm -rf "$state"
[[ ${KEEP:-0} == 1 || ${PERF:-1} != 1 ]] || rm -f "$OUT/profile-$WHO.perf.data" "$OUT/profile-$WHO.perf.txt"
