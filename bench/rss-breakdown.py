#!/usr/bin/env python3
"""Where a .NET process's resident memory is (issue 19 item 4): /proc/PID/smaps grouped into the pieces that matter.

  python3 bench/rss-breakdown.py PID [SECONDS]   # samples smaps every 0.5 s for SECONDS (default: once) and prints the
                                                 # breakdown at the sample with the largest total RSS, as one JSON line
Groups (MB of Rss; "anon" = private memory the process wrote, "file" = pages of mapped files):
  gc heap      anonymous memory inside the GC's reservation (the largest block of adjacent anonymous mappings, >= 1 GB
               of address space: the regions the GC commits out of)
  stacks       thread stacks: anonymous read-write mappings of 8 MB or 1.5 MB right above a guard mapping (---p)
  anon other   the rest of the anonymous memory: the runtime's loader heaps (type data), GC bookkeeping, malloc
  jit code     /memfd:doublemapper (W^X double mapping of code the JIT wrote, and stubs)
  image        file-backed pages of managed images (*.dll): the composite ReadyToRun image on its own line
  icu          libicu* (data and code)
  runtime .so  libcoreclr, libclrjit, libSystem.*, other native libraries
"""
import json, re, sys, time

HEADER = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \d+\s*(.*)$")


def read_smaps(pid):
    maps, cur = [], None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            m = HEADER.match(line)
            if m:
                cur = {"start": int(m[1], 16), "end": int(m[2], 16), "perms": m[3], "path": m[4].strip(), "rss": 0, "anon": 0}
                maps.append(cur)
            elif line.startswith("Rss:"):
                cur["rss"] = int(line.split()[1])
            elif line.startswith("Anonymous:"):
                cur["anon"] = int(line.split()[1])
    return maps


def group(maps):
    kb = {}

    def add(key, v):
        kb[key] = kb.get(key, 0) + v

    # The GC's reservation: the largest run of adjacent anonymous mappings (committed parts split it into many VMAs).
    blocks, run = [], []
    for m in maps:
        if m["path"] == "" and run and run[-1]["end"] == m["start"]:
            run.append(m)
        else:
            if run:
                blocks.append(run)
            run = [m] if m["path"] == "" else []
    if run:
        blocks.append(run)
    gc = max(blocks, key=lambda b: b[-1]["end"] - b[0]["start"], default=[])
    gc_ids = {id(m) for m in gc} if gc and gc[-1]["end"] - gc[0]["start"] >= 1 << 30 else set()
    prev = None
    for m in maps:
        p, rss = m["path"], m["rss"]
        if id(m) in gc_ids:
            add("gc heap", rss)
        elif p == "" or p.startswith("[heap]") or p.startswith("[anon"):
            is_stack = (p == "" and m["perms"].startswith("rw") and prev is not None and prev["perms"] == "---p"
                        and prev["end"] == m["start"] and prev["path"] == "" and (m["end"] - m["start"]) in (8 << 20, 1536 << 10))
            add("stacks" if is_stack else "anon other", rss)
        elif p.startswith("[stack"):
            add("stacks", rss)
        elif "doublemapper" in p:
            add("jit code", rss)
        elif p.endswith(".r2r.dll"):
            add("image: composite r2r", rss)
        elif p.endswith(".dll"):
            add("image: other dll", rss)
        elif "libicu" in p:
            add("icu", rss)
        elif ".so" in p:
            add("runtime .so", rss)
        else:
            add("other: " + p.split("/")[-1][:40], rss)
        prev = m
    total = sum(m["rss"] for m in maps)
    anon = sum(m["anon"] for m in maps)
    out = {k: round(v / 1024, 1) for k, v in sorted(kb.items(), key=lambda kv: -kv[1]) if v >= 512}
    return {"totalRssMb": round(total / 1024, 1), "anonMb": round(anon / 1024, 1), "fileMb": round((total - anon) / 1024, 1),
            "groupsMb": out}


def main():
    pid = int(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 0
    best, deadline = None, time.time() + seconds
    while True:
        try:
            g = group(read_smaps(pid))
        except (FileNotFoundError, ProcessLookupError):
            break
        if best is None or g["totalRssMb"] > best["totalRssMb"]:
            best = g
        if time.time() >= deadline:
            break
        time.sleep(0.5)
    try:
        hwm = re.search(r"VmHWM:\s+(\d+)", open(f"/proc/{pid}/status").read())
        best["peakRssMb"] = round(int(hwm[1]) / 1024, 1)
        best["threads"] = len(__import__("os").listdir(f"/proc/{pid}/task"))
    except (FileNotFoundError, TypeError):
        pass
    print(json.dumps(best))


if __name__ == "__main__":
    main()
