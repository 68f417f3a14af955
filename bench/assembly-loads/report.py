#!/usr/bin/env python3
"""Which assemblies a process loaded and what pulled each in (issue 19), from the startup hook's records.

  python3 bench/assembly-loads/report.py LOADS [--floor FLOOR_LOADS] [--mark NAME=COUNT ...] [--smaps SMAPS_FILE]
LOADS is the ASSEMBLY_LOADS_FILE the hook wrote (Chatbot.Bench.AssemblyLoads, bench/run-load.sh assemblies). Every
assembly is listed once, with the phase it loaded in (--mark start=41 says the first 41 records were loaded by the
time the server answered its readiness check), its resident KB in SMAPS_FILE (a copy of /proc/PID/smaps), and the
first frames of ours (Chatbot.*) on the stack that loaded it, else the first frames that are not the loader's own.
With --floor, assemblies the floor also loads are counted but not listed.
"""
import argparse, re

LOADER = re.compile(r"^(System\.(Runtime\.Loader|Reflection|RuntimeType|RuntimeMethodHandle|Runtime\.CompilerServices\.RuntimeHelpers|AppDomain|StartupHookProvider|Diagnostics\.StackTrace|Activator)|StartupHook)")


def records(path):
    out, cur = [], None
    with open(path) as f:
        for line in f:
            if line.startswith("## "):
                at, name = line[3:].split(" ", 1)
                cur = {"at": float(at), "name": name.strip(), "frames": []}
                out.append(cur)
            elif cur is not None and line.strip():
                cur["frames"].append(line.strip())
    return out


def resident_kb(smaps_path):
    kb, cur = {}, None
    if not smaps_path:
        return kb
    with open(smaps_path) as f:
        for line in f:
            m = re.match(r"^[0-9a-f]+-[0-9a-f]+ \S{4} \S+ \S+ \d+\s*(.*)$", line)
            if m:
                p = m[1].strip()
                cur = p.rsplit("/", 1)[-1][:-4] if p.endswith(".dll") else None
            elif cur and line.startswith("Rss:"):
                kb[cur] = kb.get(cur, 0) + int(line.split()[1])
    return kb


def why(frames, n=3):
    ours = [f for f in frames if f.startswith("Chatbot.") or f.startswith("Program.")]
    if ours:
        return " <- ".join(ours[:n])
    return " <- ".join([f for f in frames if not LOADER.match(f)][:n]) or "(loaded before the hook: the host's own)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("loads")
    ap.add_argument("--floor")
    ap.add_argument("--mark", action="append", default=[])
    ap.add_argument("--smaps")
    a = ap.parse_args()
    recs = records(a.loads)
    marks = sorted(((int(c), n) for n, c in (m.split("=") for m in a.mark)))
    floor = {r["name"] for r in records(a.floor)} if a.floor else set()
    kb = resident_kb(a.smaps)
    seen, rows = set(), []
    for i, r in enumerate(recs):
        if r["name"] in seen:
            continue
        seen.add(r["name"])
        phase = next((n for c, n in marks if i < c), "later")
        rows.append((phase, r))
    print(f"{len(seen)} assemblies loaded; {len(seen & floor)} of them also by the floor" if floor else f"{len(seen)} assemblies loaded")
    for phase in [n for _, n in marks] + ["later"]:
        mine = [r for p, r in rows if p == phase]
        extra = [r for r in mine if r["name"] not in floor]
        print(f"\n== {phase}: {len(mine)} loaded, {len(extra)} not by the floor, {sum(kb.get(r['name'], 0) for r in extra) / 1024:.2f} MB resident ==")
        for r in extra:
            print(f"{r['at']:8.0f} ms {kb.get(r['name'], 0):6d} KB  {r['name']}\n{'':20}{why(r['frames'])}")


main()
