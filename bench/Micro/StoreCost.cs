using System.Diagnostics;
using Chatbot.Storage;
using Chatbot.Storage.File;
using Microsoft.Extensions.Options;

namespace Chatbot.Bench.Micro;

/// <summary>
/// CPU per turn of a store alone (issue 19): each turn is what the pipeline asks of it, one point read and one
/// conditional write of a ~1.2 KB document. Prints user and system (kernel) CPU separately: the file store's cost is
/// mostly system calls.
/// </summary>
internal static class StoreCost
{
    public static async Task<int> RunFileAsync(int conversations)
    {
        var folder = BenchDialog.StateFolder("chatbot-store-bench-");
        try
        {
            using var store = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = folder.FullName }), TimeProvider.System);
            await PlayAsync(store, 500, "warm");
            var (user0, system0) = Cpu();
            var wall = Stopwatch.StartNew();
            var turns = await PlayAsync(store, conversations, "c");
            wall.Stop();
            var (user1, system1) = Cpu();
            Console.WriteLine($"store=file turns={turns} cpu/turn={(user1 - user0 + system1 - system0) / turns:F4} ms (user {(user1 - user0) / turns:F4}, system {(system1 - system0) / turns:F4}) wall/turn={wall.Elapsed.TotalMilliseconds / turns:F4} ms");
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> PlayAsync(IConversationStore store, int conversations, string prefix)
    {
        var turns = 0;
        for (var c = 0; c < conversations; c++)
        {
            var id = $"emulator~{prefix}-{c}";
            for (var t = 0; t < BenchDialog.Script.Length; t++)
            {
                var stored = await store.ReadAsync(id, CancellationToken.None);
                await store.WriteAsync(id, Document(t), stored?.ETag, CancellationToken.None);
                turns++;
            }
        }

        return turns;
    }

    private static readonly byte[][] Documents = Enumerable.Range(0, 4)
        .Select(t => System.Text.Encoding.UTF8.GetBytes($"{{\"schemaVersion\":1,\"dialog\":{{\"turn\":{t},\"stack\":[{{\"flow\":\"order\",\"step\":{t},\"slots\":{{\"name\":\"Alice\"}}}}]}},\"recent\":[{string.Join(',', Enumerable.Range(0, 6).Select(i => $"{{\"id\":\"a-{i}-{new string('x', 100)}\",\"committedAt\":\"2026-12-02T16:00:00+00:00\",\"delivered\":true}}"))}]}}"))
        .ToArray();

    private static byte[] Document(int turn) => Documents[turn % Documents.Length];

    private static (double UserMs, double SystemMs) Cpu()
    {
        var p = Process.GetCurrentProcess();
        return (p.UserProcessorTime.TotalMilliseconds, p.PrivilegedProcessorTime.TotalMilliseconds);
    }
}
