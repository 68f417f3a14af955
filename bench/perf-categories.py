#!/usr/bin/env python3
"""Gives each sample of `perf script` output (bench/profile-turn.sh) one category and prints ms per turn.

    python3 bench/perf-categories.py PERF_SCRIPT_TEXT TURNS [--frames N]

Rules, in order:
1. whole stack: GC (the collector's own functions), then thread-pool idle (spinning or waiting for work, with nothing
   of a work item on the stack);
2. otherwise the leaf-most frame that names an owner below (our stages, stores, engine, HttpClient, Kestrel ...):
   System.Text.Json, collections and the runtime's helpers count for the code that called them; an HttpClient frame
   is the connector's unless the Cosmos SDK is further up (then the sample is the SDK's; a continuation of the SDK's
   HTTP calls with no SDK frame on the stack still counts for the connector: with the Cosmos store, read --areas);
3. otherwise by the thread: epoll (.NET Sockets thread), and the rest.
Also printed: the kernel's share of each category (frames in [kernel.kallsyms]) and, across categories, JSON.
Sample weight: 1/499 s (perf record -F 499; --hz N for another rate). --frames N prints the N leaf frames most often
seen per category.

--areas: by library instead of by pipeline stage (issue 19, the Cosmos store's CPU): TLS (OpenSSL, SslStream), HttpClient,
sockets, Cosmos SDK, Newtonsoft, Polly, our code, System.Text.Json, JIT, each sample to the first area found from the
leaf up (runtime helpers, libc and CoreLib count for their caller; kernel frames for the area that entered the kernel).
--skip-comm NAME leaves out samples of that command (e.g. node: the Cosmos test server is the bench's child process).
Record for --areas with framework code named in the perf map and a clock the bench prints its window in:
  DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 perf record -k CLOCK_MONOTONIC -F 999 -g -o run.data -- \
    dotnet …/Chatbot.Bench.Micro.dll store cosmos 1500 1        (prints "window FROM,TO" per measured block)
  perf script -i run.data -F comm,pid,tid,time,event,ip,sym,dso --time FROM,TO > run.txt
  python3 bench/perf-categories.py run.txt TURNS --areas --hz 999 --skip-comm node
"""
import collections, re, sys

# (category, regex on a frame's symbol) — checked for each frame from the leaf up; the first frame that matches any
# owner decides. Order within one frame: first match.
OWNERS = [
    ("endpoint: reading the activity (ActivityReader, JSON in)", r"Chatbot\.Channels\.Serialization\.(ActivityReader|JsonRequestBody)"),
    ("connector POST (ConnectorClient, HttpClient, handlers, reply JSON)", r"Chatbot\.Channels\.Connector|System\.Net\.Http\.|Chatbot\.Bot\.Pipeline\.TracingConnectorClient|Chatbot\.Bot\.Telemetry\.TracingConnectorClient|TracingConnectorClient|Microsoft\.Extensions\.Http"),
    ("reply rendering (ReplySender, ReplyActivities)", r"Chatbot\.Bot\.Sending\."),
    ("state: store, circuit breaker (Polly)", r"\[Polly\.Core\]|CircuitBreakingConversationStore"),
    ("state: store, batched flush (fsync timer)", r"FileConversationStore::Flush"),
    ("state: store (Chatbot.Storage)", r"Chatbot\.Storage\.|TracingConversationStore"),
    ("state: document JSON, ledger (ConversationStateTurnHandler, ConversationDocument)", r"Chatbot\.Bot\.State\."),
    ("engine (Chatbot.Dialogs, understanding)", r"Chatbot\.Dialogs|Chatbot\.Understanding|TracingDialogEngine|Chatbot\.Bot\.Understanding"),
    ("router (ActivityRouter, TurnContext)", r"Chatbot\.Bot\.Pipeline\.(ActivityRouter|TurnContext|WelcomeRule|ConversationKey)"),
    ("stage: telemetry (TracingTurnHandler)", r"TracingTurnHandler|Chatbot\.Bot\.Telemetry"),
    ("stage: failures (FailureTurnHandler, log scope)", r"FailureTurnHandler"),
    ("stage: ordering (ConversationOrderingTurnHandler)", r"ConversationOrdering"),
    ("stage: other wrappers (rate limit, mentions, emulator, events, teams, typing)", r"Chatbot\.Bot\.Middleware|ScheduledEventsTurnHandler|Chatbot\.Bot\.Events"),
    ("endpoint (ActivityEndpoint, auth, allow-list)", r"Chatbot\.Bot\.Hosting|Chatbot\.Channels\.Auth|Chatbot\.Channels"),
    ("the floor's handler (parse, reply, POST setup)", r"Program|<Main>\$|Chatbot\.Bench\.Floor"),
    ("Kestrel, ASP.NET Core middleware, routing", r"Microsoft\.AspNetCore|Microsoft\.Extensions\.(Logging|DependencyInjection|Primitives|Options)"),
    ("Kestrel, ASP.NET Core middleware, routing", r"System\.IO\.Pipelines"),
]
# Weak owners: only when no owner above is on the stack (a socket call made by Kestrel or HttpClient is theirs).
WEAK = [
    ("sockets (not under Kestrel or HttpClient)", r"System\.Net\.Sockets|SocketAsyncEngine"),
    ("thread pool dispatch, timers", r"System\.Threading\.(ThreadPoolWorkQueue|PortableThreadPool|TimerQueue|ThreadPoolTypedWorkItemQueue)|WorkerThread"),
]
GC = re.compile(r"gc_heap::|GCHeap::|WKS::|SVR::|GCToEEInterface|GarbageCollect|gc_thread|BackgroundGC|RhpGc|GCScan|MarkPhase|Alloc.*SlowPath|memset_avx|clear_memory", re.I)
IDLE = re.compile(r"LowLevelSpinWaiter|LowLevelLifoSemaphore|sched_yield|SpinWait|YieldProcessor|futex_wait|pthread_cond_wait|epoll_wait|do_idle")
WORK = re.compile(r"MoveNext|ExecutionContext\.Run|Dispatch\(\)|IThreadPoolWorkItem\.Execute|ExecuteWorkItem|Invoke")
JSON = re.compile(r"System\.Text\.Json")
COSMOS = re.compile(r"Microsoft\.Azure\.(Cosmos|Documents)")
COSMOS_CATEGORY = "state: Cosmos SDK (with the HttpClient, TLS and socket calls under it)"
HTTP = re.compile(r"System\.Net\.Http\.")
CONNECTOR = OWNERS[1][0]
# Frames that never own a sample (the caller does): source-generated JSON contexts and the activity serializer.
TRANSPARENT = re.compile(r"JsonContext::|JsonContext\+|ActivitySerializer::|TolerantDateTimeOffsetConverter")
OWNER_RES = [(c, re.compile(p)) for c, p in OWNERS]

# --areas: (area, test on (assembly or native library, method)), tried on each frame from the leaf; the first match
# names the area. Managed frames in /tmp/perf-PID.map read "… [Assembly] Namespace.Type::Method(…)[Tier]".
AREAS = [
    ("JIT", lambda a, m: a.startswith("libclrjit")),
    ("TLS (OpenSSL)", lambda a, m: a.startswith(("libssl", "libcrypto"))),
    ("TLS (SslStream)", lambda a, m: a == "System.Net.Security" or m.startswith(("Interop+Ssl", "Interop+OpenSsl", "Interop+Crypto"))),
    ("Newtonsoft.Json (the Cosmos SDK's)", lambda a, m: a == "Newtonsoft.Json"),
    ("Cosmos SDK (request pipeline, diagnostics, routing, auth)", lambda a, m: a.startswith("Microsoft.Azure.Cosmos")),
    ("bench driver and probes (Chatbot.Bench.*)", lambda a, m: a.startswith("Chatbot.Bench")),
    ("circuit breaker (Polly)", lambda a, m: a.startswith("Polly")),
    ("our code (Chatbot.*)", lambda a, m: a.startswith("Chatbot.")),
    ("HttpClient (System.Net.Http)", lambda a, m: a == "System.Net.Http"),
    ("sockets", lambda a, m: a == "System.Net.Sockets" or m.startswith(("Interop+Sys.Send", "Interop+Sys.Receive", "Interop+Sys.WaitForSocketEvents"))),
    ("System.Text.Json", lambda a, m: a == "System.Text.Json"),
    ("HMAC, other managed crypto", lambda a, m: a == "System.Security.Cryptography"),
    ("thread pool (park, wake)", lambda a, m: m.startswith(("System.Threading.LowLevel", "System.Threading.PortableThreadPool"))),
    ("logging, DI, options", lambda a, m: a.startswith("Microsoft.Extensions.")),
]
MANAGED = re.compile(r"\[([^\]]+)\]\s+(\S+)")
FRAME_DSO = re.compile(r"^(.*?)\s+\((.*)\)\s*$")


def area(frames):
    for f in frames:
        m = FRAME_DSO.match(f)
        symbol, dso = (m.group(1), m.group(2)) if m else (f, "")
        if "kernel" in dso:
            continue
        managed = MANAGED.search(symbol)
        assembly, method = (managed.group(1), managed.group(2)) if managed else (dso.rsplit("/", 1)[-1], symbol)
        for name, test in AREAS:
            if test(assembly, method):
                return name
    return "other (runtime, async plumbing, unnamed)"
WEAK_RES = [(c, re.compile(p)) for c, p in WEAK]


def samples(path):
    comm, frames = None, []
    for line in open(path, errors="replace"):
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
            continue
        if not line[0].isspace():
            comm = line.split(" ")[0] if not line.startswith(".NET") else " ".join(line.split()[:3])
            m = re.match(r"^(.*?)\s+\d+(/\d+)?\s+\[", line)
            if m:
                comm = m.group(1).strip()
            continue
        p = line.strip().split(" ", 1)
        if len(p) == 2:
            frames.append(p[1])
    if comm is not None:
        yield comm, frames


def classify(comm, frames):
    text = "\n".join(frames)
    if "GC" in comm or GC.search(text):
        return "GC"
    # Idle: the leaf part waits or spins and no work item is on the stack below it.
    for i, f in enumerate(frames):
        if IDLE.search(f):
            if not any(WORK.search(g) for g in frames[i + 1:]):
                return "thread pool idle (spinning, waiting for work)"
            break
    transport = None  # an HttpClient frame: the connector's, unless a caller further up (the Cosmos SDK) owns it
    for f in frames:
        if TRANSPARENT.search(f):
            continue
        if COSMOS.search(f):
            return COSMOS_CATEGORY
        if transport is None and HTTP.search(f):
            transport = CONNECTOR
            continue
        for cat, rx in OWNER_RES:
            if rx.search(f):
                return cat
    if transport:
        return transport
    if "Sockets" in comm:
        return "epoll thread (.NET Sockets: socket events, wake-ups)"
    for f in frames:
        for cat, rx in WEAK_RES:
            if rx.search(f):
                return cat
    if any("[unknown]" in f for f in frames[:1]) and len(frames) <= 2:
        return "unattributed (no stack)"
    if "kernel" in frames[0]:
        # A system call through libc whose user stack perf could not walk: file-system work is the file store's.
        if re.search(r"ext4|path_openat|do_sys_openat|vfs_|renameat|fsync|filemap|find_get_block|__brelse|d_lookup|recently_deleted|flock", text):
            return "state: store, file-system calls (stack not walked past libc)"
        return "kernel, no managed frame (mostly socket receive)"
    return "runtime, other"


def main():
    path, turns = sys.argv[1], float(sys.argv[2])
    # Optional: the CPU per turn measured from /proc for the same window; perf under-samples in this VM, so the table
    # also shows each category's share of the measured CPU.
    measured = float(sys.argv[sys.argv.index("--measured") + 1]) if "--measured" in sys.argv else None
    nframes = int(sys.argv[sys.argv.index("--frames") + 1]) if "--frames" in sys.argv else 0
    hz = float(sys.argv[sys.argv.index("--hz") + 1]) if "--hz" in sys.argv else 499
    skip = sys.argv[sys.argv.index("--skip-comm") + 1] if "--skip-comm" in sys.argv else None
    by = area if "--areas" in sys.argv else None
    per = collections.Counter(); kern = collections.Counter(); json_ = collections.Counter(); leaf = collections.defaultdict(collections.Counter)
    total = 0
    for comm, frames in samples(path):
        if not frames or comm == skip:
            continue
        cat = by(frames) if by else classify(comm, frames)
        per[cat] += 1; total += 1
        if "kernel.kallsyms" in frames[0] or "[kernel" in frames[0]:
            kern[cat] += 1
        if any(JSON.search(f) for f in frames):
            json_[cat] += 1
        if nframes:
            leaf[cat][re.sub(r"\+0x[0-9a-f]+", "", frames[0])[:140]] += 1
    ms = lambda n: n / hz * 1000 / turns
    scaled = (lambda n: f" | {measured * n / total:.4f}") if measured else (lambda n: "")
    print(f"| {'area (leaf-most library)' if by else 'category (leaf-most owner)'} | sampled ms/turn | share |{' of measured ms/turn |' if measured else ''} of which kernel | of which JSON |")
    print(f"|---|---|---|{'---|' if measured else ''}---|---|")
    for cat, n in per.most_common():
        print(f"| {cat} | {ms(n):.4f} | {n / total:.1%}{scaled(n)} | {ms(kern[cat]):.4f} | {ms(json_[cat]):.4f} |")
    print(f"| **total** ({total} samples) | **{ms(total):.4f}** | {scaled(total)} | {ms(sum(kern.values())):.4f} | {ms(sum(json_.values())):.4f} |")
    for cat in (per if nframes else []):
        print(f"\n## {cat}")
        for f, n in leaf[cat].most_common(nframes):
            print(f"  {n:5d} {f}")


if __name__ == "__main__":
    main()
