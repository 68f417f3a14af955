using System.Text;
using BenchmarkDotNet.Attributes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Bench.Micro;

/// <summary>
/// The engine's share of a turn, as a stateless function host sees it: parse the activity JSON, read the state JSON,
/// run the dialog steps, write the state JSON. One operation = one turn (a conversation is 4 turns).
/// </summary>
[MemoryDiagnoser]
public class EngineTurnBenchmarks : IDisposable
{
    private DialogEngine _engine = null!;
    private DialogDefinitionsProvider _definitions = null!;
    private byte[][] _activities = null!;

    /// <summary>Loads the bench dialog and prepares the four activity payloads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _engine = BenchDialog.Engine(out _definitions);
        _activities = BenchDialog.Script.Select(text => Encoding.UTF8.GetBytes(
            $$$"""{"type":"message","id":"a1","timestamp":"2026-11-27T06:00:00Z","channelId":"emulator","serviceUrl":"http://127.0.0.1:1","text":"{{{text}}}","locale":"en-US","from":{"id":"u1","name":"User","role":"user"},"recipient":{"id":"bot","name":"Bot","role":"bot"},"conversation":{"id":"c1"}}""")).ToArray();
    }

    /// <summary>A whole scripted conversation; reported per turn.</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    public async Task<int> EngineTurn()
    {
        byte[]? stateJson = null;
        var replies = 0;
        foreach (var payload in _activities)
        {
            var activity = ActivitySerializer.Deserialize(payload)!;
            var state = stateJson is null ? null : DialogStateJson.Deserialize(Encoding.UTF8.GetString(stateJson));
            var outcome = await _engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = activity.Text, Locale = activity.Locale, State = state }, CancellationToken.None);
            stateJson = DialogStateJson.SerializeToUtf8Bytes(outcome.State);
            replies += outcome.Replies.Count;
        }

        return replies;
    }

    /// <summary>Disposes the definitions watcher.</summary>
    public void Dispose()
    {
        _definitions?.Dispose();
        GC.SuppressFinalize(this);
    }
}
