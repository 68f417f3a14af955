using System.Diagnostics;
using System.Globalization;
using Chatbot.Bot;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Activity = Chatbot.Channels.Activities.Activity;

namespace Chatbot.Bench.Micro;

/// <summary>
/// The Connector client's cost per reply (issue 19): the client as BotServer composes it (<c>AddChatbot</c>, no app id,
/// so no token) POSTs replies to bench/load/sink.mjs, another process, from 8 concurrent senders. Prints CPU of this
/// process and bytes allocated per send.
/// </summary>
internal static class SendCost
{
    public static async Task<int> RunAsync(int sends, int rounds)
    {
        using var sink = Process.Start(new ProcessStartInfo("node", Path.Combine(BenchDialog.Folder(), "..", "load", "sink.mjs"))
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            var line = await sink.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the sink did not start");
            var serviceUrl = $"http://127.0.0.1:{line["listening on port ".Length..]}/";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Dialogs:Path"] = BenchDialog.Folder(),
                ["Understanding:Mode"] = "lexical",
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<IConfiguration>(configuration);
            services.AddChatbot(configuration);
            await using var provider = services.BuildServiceProvider();
            var connector = provider.GetRequiredService<IConnectorClient>();
            Console.WriteLine($"# send cost: {sends} sends x {rounds} round(s), 8 senders, {connector.GetType().Name} -> {serviceUrl}; " +
                $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, load {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
            await SendAsync(connector, serviceUrl, 2000);
            for (var round = 0; round < rounds; round++)
            {
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                var bytes0 = GC.GetTotalAllocatedBytes(precise: true);
                var wall = Stopwatch.StartNew();
                await SendAsync(connector, serviceUrl, sends);
                wall.Stop();
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds / sends;
                var bytes = (GC.GetTotalAllocatedBytes(precise: true) - bytes0) / (double)sends;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"send: CPU/send={cpu:F4} ms allocated/send={bytes / 1024:F2} KB wall/send={wall.Elapsed.TotalMilliseconds / sends:F4} ms"));
            }
        }
        finally
        {
            sink.Kill();
        }

        return 0;
    }

    private static Task SendAsync(IConnectorClient connector, string serviceUrl, int sends)
    {
        var next = 0;
        return Task.WhenAll(Enumerable.Range(0, 8).Select(async sender =>
        {
            while (Interlocked.Increment(ref next) <= sends)
            {
                var activity = new Activity
                {
                    Type = ActivityTypes.Message,
                    ServiceUrl = serviceUrl,
                    ChannelId = "emulator",
                    Conversation = new ConversationAccount { Id = $"conv-{sender}" },
                    ReplyToId = "activity-1",
                    Text = "Thanks, Alice. Which size would you like?",
                };
                await connector.SendAsync(activity, CancellationToken.None);
            }
        }));
    }
}
