#!/usr/bin/env python3
"""Prints bench/.out/results.jsonl (or the files given) as Markdown table rows for bench/RESULTS.md."""
import json, sys

paths = sys.argv[1:] or ["bench/.out/results.jsonl"]
for path in paths:
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        d = json.loads(line)
        r = d.get("result", {})
        env = " ".join(p for p in d.get("env", d.get("extraEnv", "")).split() if p.startswith("DOTNET_"))
        if d["mode"] == "coldstart":
            print(f"| {d['date']} | cold start | R2R={d['r2r']} {env} | median {r['medianMs']} ms (listening {r.get('listeningMedianMs', '?')} ms) | runs {r['processStartToFirstReplyMs']} |")
        elif d["mode"] in ("llm-calls", "functions-size"):
            print(f"| {d['date']} | {d['mode']} | {json.dumps({k: v for k, v in d.items() if k not in ('date', 'mode')})} |")
        else:
            print(f"| {d['date']} | {d['mode']} | R2R={d['r2r']} {env} | {r['users']} | {r['turnsPerSecond']} | {r['errors']} | "
                  f"{r['postMs']['p50']} / {r['postMs']['p99']} | {r['lastReplyMs']['p50']} / {r['lastReplyMs']['p95']} / {r['lastReplyMs']['p99']} | "
                  f"{r['botCpuMsPerTurn']} | {r['botPeakRssMb']} | {r['othersCpuSeconds']} s / {r['seconds']} s |")
