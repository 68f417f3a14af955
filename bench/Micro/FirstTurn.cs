using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Chatbot.Bot;
using Chatbot.Bot.Hosting;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Activity = Chatbot.Channels.Activities.Activity;

namespace Chatbot.Bench.Micro;

/// <summary>
/// The first turns after start, in this fresh process (issue 19: "first turn after start"): the host is built and started
/// as BotServer's is (<c>AddChatbot</c>, its hosted services' warm-up included, file store in a new folder, the real
/// Connector client POSTing replies to bench/load/sink.mjs in another process), then the sample bot's first script line
/// (<c>FIRST_SCRIPT</c>, default "hi|Alice") is posted for a new conversation three times in a row, and the second line once. Each turn: wall time until its reply
/// was sent, the process's CPU, and the methods JIT-compiled during it (with <c>FIRST_JIT=N</c>, the first N by name).
/// What turn 1 costs more than turn 2 is what the first turn does once. Run it in several fresh processes
/// (bench/first-turn.sh); without Kestrel and with our assemblies JIT-compiled (no ReadyToRun image), so it tells
/// which parts are paid once, not the shipped build's milliseconds.
/// </summary>
internal static class FirstTurn
{
    public static async Task<int> RunAsync(string bot, string store, IEnumerable<string> extra)
    {
        var wall = Stopwatch.StartNew();
        using var sink = Process.Start(new ProcessStartInfo("node", Path.Combine(BenchDialog.Folder(), "..", "load", "sink.mjs")) { RedirectStandardOutput = true })!;
        var state = store == "file" ? BenchDialog.StateFolder("chatbot-firstturn-") : null;
        try
        {
            var line = await sink.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the sink did not start");
            var serviceUrl = $"http://127.0.0.1:{line["listening on port ".Length..]}/";
            var values = new Dictionary<string, string?>
            {
                ["Dialogs:Path"] = bot,
                ["Understanding:Mode"] = "lexical",
                ["RateLimits:Enabled"] = "false",
            };
            if (state is not null) values["Storage:FilePath"] = state.FullName;
            else values["Storage:Provider"] = "InMemory";
            foreach (var pair in extra)
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                values[pair[..at]] = pair[(at + 1)..];
            }

            using var jit = int.TryParse(Environment.GetEnvironmentVariable("FIRST_JIT"), out var listed) ? new JitListener() : null;
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Configuration.AddInMemoryCollection(values);
            builder.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            builder.Services.AddChatbot(builder.Configuration);
            var connector = builder.Services.Last(d => d.ServiceType == typeof(IConnectorClient));
            builder.Services.Remove(connector);
            builder.Services.AddSingleton<IConnectorClient>(sp => new SignallingConnector(
                connector.ImplementationFactory?.Invoke(sp) as IConnectorClient
                ?? connector.ImplementationInstance as IConnectorClient
                ?? (IConnectorClient)ActivatorUtilities.CreateInstance(sp, connector.ImplementationType!)));
            using var host = builder.Build();

            var at0 = Snapshot.Take();
            await host.StartAsync();
            // The store's warm-up (PipelineWarmUp.StartedAsync) runs in the background as in BotServer, where the first
            // request arrives right after the server listens.
            var at1 = Snapshot.Take();
            // FIRST_DELAY=ms: the first request comes that long after the server started (0: at once, as in a cold start
            // whose request waits; more: an instance started ahead of its traffic, its background warm-ups done).
            if (int.TryParse(Environment.GetEnvironmentVariable("FIRST_DELAY"), out var delay) && delay > 0) await Task.Delay(delay);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# first turn: bot {bot}, store {store}, {DateTime.UtcNow:HH:mm:ss}Z load {File.ReadAllText("/proc/loadavg")[..14]}; process start -> host started {wall.Elapsed.TotalMilliseconds:F0} ms; start: {at1.Minus(at0)}"));
            jit?.Take();

            var services = host.Services;
            var endpoint = services.GetRequiredService<IActivityEndpoint>();
            var signalling = (SignallingConnector)services.GetRequiredService<IConnectorClient>();
            // FIRST_SCRIPT="first line|second line": what the new conversations say first (the load generator's "hi"), and
            // what the first of them says next.
            var script = (Environment.GetEnvironmentVariable("FIRST_SCRIPT") is { Length: > 0 } chosen ? chosen : "hi|Alice").Split('|');
            var turns = new (string Label, string Conversation, string Text)[]
            {
                ("turn 1 (new conversation)", "c1", script[0]),
                ("turn 2 (new conversation)", "c2", script[0]),
                ("turn 3 (new conversation)", "c3", script[0]),
                ("turn 4 (c1, 2nd line)", "c1", script[^1]),
            };
            var seq = 0;
            foreach (var (label, conversation, text) in turns)
            {
                var replied = signalling.Next();
                var before = Snapshot.Take();
                var status = await PostAsync(services, endpoint, serviceUrl, conversation, text, ++seq);
                await replied.WaitAsync(TimeSpan.FromSeconds(10));
                var after = Snapshot.Take();
                Console.WriteLine($"{label,-28} HTTP {status} {after.Minus(before)}");
                if (jit is not null)
                {
                    await Task.Delay(300); // runtime events reach an in-process listener a little later
                    foreach (var method in jit.Take().Take(listed)) Console.WriteLine($"    jit {method}");
                }
            }

            // FIRST_REPEAT=N: then N more new conversations say the first line, one after another, and the mean of those
            // warm turns is printed (what a warm request in words costs on this bot; turn 2 alone is one sample).
            if (int.TryParse(Environment.GetEnvironmentVariable("FIRST_REPEAT"), out var repeat) && repeat > 0)
            {
                var before = Snapshot.Take();
                for (var i = 0; i < repeat; i++)
                {
                    var replied = signalling.Next();
                    await PostAsync(services, endpoint, serviceUrl, $"w{i}", script[0], ++seq);
                    await replied.WaitAsync(TimeSpan.FromSeconds(10));
                }

                Console.WriteLine($"{$"turns 5.. (mean of {repeat})",-28} HTTP 200 {Snapshot.Take().Minus(before, repeat)}");
            }

            await host.StopAsync();
        }
        finally
        {
            sink.Kill();
            state?.Delete(recursive: true);
        }

        return 0;
    }

    private static async Task<int> PostAsync(IServiceProvider services, IActivityEndpoint endpoint, string serviceUrl, string conversation, string text, int seq)
    {
        var context = PipelineHarness.MessageRequest(services, serviceUrl, conversation, text, seq);
        await endpoint.HandleAsync(context);
        return context.Response.StatusCode;
    }

    private readonly record struct Snapshot(long Ticks, double CpuMs, long Jitted, TimeSpan JitTime, long Allocated)
    {
        public static Snapshot Take()
        {
            using var p = Process.GetCurrentProcess();
            return new(Stopwatch.GetTimestamp(), p.TotalProcessorTime.TotalMilliseconds, System.Runtime.JitInfo.GetCompiledMethodCount(),
                System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalAllocatedBytes());
        }

        public string Minus(Snapshot before, int turns = 1) => string.Create(CultureInfo.InvariantCulture,
            $"wall {Stopwatch.GetElapsedTime(before.Ticks, Ticks).TotalMilliseconds / turns,7:F1} ms cpu {(CpuMs - before.CpuMs) / turns,6:F1} ms jitted {(Jitted - before.Jitted) / turns,5} methods " +
            $"({(JitTime - before.JitTime).TotalMilliseconds / turns,5:F1} ms) alloc {(Allocated - before.Allocated) / 1024.0 / turns,7:F1} KB");
    }

    /// <summary>Signals when a message reply has been sent (the Emulator's replies go out after the HTTP answer).</summary>
    private sealed class SignallingConnector(IConnectorClient inner) : IConnectorClient
    {
        private TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next() => (_sent = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
        {
            var response = await inner.SendAsync(activity, cancellationToken).ConfigureAwait(false);
            if (activity.Type == ActivityTypes.Message) _sent.TrySetResult();
            return response;
        }

        public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => inner.UpdateAsync(activity, cancellationToken);

        public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
            inner.DeleteAsync(serviceUrl, conversationId, activityId, cancellationToken);
    }

    /// <summary>The methods the JIT compiles, by name, from the runtime's own events.</summary>
    private sealed class JitListener : EventListener
    {
        private readonly List<string> _methods = [];

        public List<string> Take()
        {
            lock (_methods)
            {
                var taken = _methods.ToList();
                _methods.Clear();
                return taken;
            }
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName != "MethodJittingStarted_V1" && e.EventName != "MethodJittingStarted" || e.Payload is null) return;
            var ns = e.PayloadNames?.IndexOf("MethodNamespace") is >= 0 and var i ? e.Payload[i] : null;
            var name = e.PayloadNames?.IndexOf("MethodName") is >= 0 and var j ? e.Payload[j] : null;
            lock (_methods) _methods.Add($"{ns}::{name}");
        }
    }
}
