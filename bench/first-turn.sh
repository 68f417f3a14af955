#!/usr/bin/env bash
# The first turns after start, in N fresh processes per build (issue 19): medians of bench/Micro `first` (FirstTurn.cs).
# Usage: bench/first-turn.sh N BUILD_DIR [BUILD_DIR...]  (a folder holding Chatbot.Bench.Micro.dll; builds alternate)
# Environment: FIRST_SCRIPT, FIRST_DELAY, FIRST_REPEAT (see FirstTurn.cs), ARGS (e.g. "first dialogs file").
set -euo pipefail
n=$1; shift
raw=$(mktemp)
for ((i = 0; i < n; i++)); do
  for build in "$@"; do
    dotnet "$build/Chatbot.Bench.Micro.dll" ${ARGS:-first} | grep '^turn' | sed "s|^|$build |" >> "$raw"
  done
done
echo "# $n processes per build, FIRST_SCRIPT=${FIRST_SCRIPT:-hi|Alice} FIRST_DELAY=${FIRST_DELAY:-0}, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$raw" "$@" <<'PY'
import re, statistics, sys
rows = [l.split(" ", 1) for l in open(sys.argv[1])]
for build in sys.argv[2:]:
    for turn in ("1", "2", "4", "s 5.."):
        got = [tuple(float(x) for x in re.search(r"wall +([\d.]+) ms cpu +([\d.]+) ms jitted +(\d+) methods.*alloc +([\d.]+) KB", l).groups())
               for b, l in rows if b == build and l.startswith(f"turn{'' if turn[0] == 's' else ' '}{turn} ")]
        if not got: continue
        med = [statistics.median(c) for c in zip(*got)]
        print(f"{build} turn{'' if turn[0] == 's' else ' '}{turn}: wall {med[0]:.0f} ms ({min(g[0] for g in got):.0f}-{max(g[0] for g in got):.0f}), cpu {med[1]:.1f} ms, jitted {med[2]:.0f} methods, alloc {med[3]:.1f} KB")
PY
rm -f "$raw"
