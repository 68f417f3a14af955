#!/usr/bin/env python3
"""Prints bench/.out/results.jsonl (or the files given) as Markdown table rows for bench/RESULTS.md.

Rows with a "floor" result (bench/floor measured in the same run) show each figure next to the floor's and the ratio.
"""
import json, sys


def ratio(ours, floor):
    try:
        return f"{ours / floor:.2f}x"
    except (TypeError, ZeroDivisionError):
        return "?"


def both(ours, floor):
    return f"{ours} / {floor} (**{ratio(ours, floor)}**)" if floor is not None else f"{ours}"


paths = sys.argv[1:] or ["bench/.out/results.jsonl"]
for path in paths:
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError:
            continue  # e.g. the pretty-printed copy loadgen writes to stderr
        r = d.get("result", {})
        f = d.get("floor") or {}
        env = " ".join(p for p in d.get("env", d.get("extraEnv", "")).split() if p.startswith(("DOTNET_", "Understanding__Mode")))
        load = d.get("loadavg", "?")
        if d["mode"].startswith("events-"):
            continue  # bench/events-throughput.sh rows: their own table in RESULTS.md (issue 16)
        if d["mode"] == "coldstart":
            size = f" ({d['publishBytes'] / 1e6:.0f} MB)" if "publishBytes" in d else ""
            print(f"| {d['date']} | R2R={d['r2r']}{size} {env} | {both(r['medianMs'], f.get('medianMs'))} | "
                  f"{both(r.get('cpuMedianMs'), f.get('cpuMedianMs'))} | {r.get('listeningMedianMs')} / {f.get('listeningMedianMs')} | "
                  f"{r.get('firstTurnMedianMs')} / {f.get('firstTurnMedianMs')} | {both(r.get('peakRssMb'), f.get('peakRssMb'))} | "
                  f"{r['processStartToFirstReplyMs']} / {f.get('processStartToFirstReplyMs')} | {load} |")
        elif d["mode"] == "functions-size":
            print(f"| {d['date']} | R2R={d['r2r']} | {d['zipBytes'] / 1e6:.1f} MB | {d['unpackedBytes'] / 1e6:.1f} MB |")
            for e in d.get("largest", []):
                print(f"|   | {e['file']} | {e['zipBytes'] / 1e6:.2f} MB | {e['bytes'] / 1e6:.2f} MB |")
        elif d["mode"] == "llm-calls":
            print(f"| {d['date']} | {d['mode']} | {json.dumps({k: v for k, v in d.items() if k not in ('date', 'mode')})} |")
        else:
            fp99 = f.get("lastReplyMs", {}).get("p99")
            print(f"| {d['date']} | {d['mode']} | R2R={d['r2r']} {env} | {r['users']} | {both(r['turnsPerSecond'], f.get('turnsPerSecond'))} | "
                  f"{r['errors']} | {both(r['botCpuMsPerTurn'], f.get('botCpuMsPerTurn'))} | {both(r['lastReplyMs']['p99'], fp99)} | "
                  f"{both(r['botPeakRssMb'], f.get('botPeakRssMb'))} | {load} | {r['othersCpuSeconds']} / {f.get('othersCpuSeconds')} s of {r['seconds']} s |")
