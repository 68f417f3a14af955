using System.Text;
using BenchmarkDotNet.Attributes;
using Chatbot.Bot.State;

namespace Chatbot.Bench.Micro;

/// <summary>
/// Reading and writing the stored conversation document as the state handler does every turn, with a full ring of recent
/// activities (Turn:RecentActivityCount, 32 by default: a conversation past its 32nd turn), all delivered.
/// </summary>
[MemoryDiagnoser]
public class ConversationDocumentBenchmarks
{
    private byte[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var recent = string.Join(',', Enumerable.Range(0, 32).Select(i => $$"""{"id":"a-{{i}}-{{new string('x', 20)}}","committedAt":"2026-12-04T18:00:{{i:D2}}+00:00","leaseUntil":"0001-01-01T00:00:00+00:00","delivered":true}"""));
        _json = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":1,"dialog":{"version":1,"turn":40,"stack":[{"flow":"order","step":"size","slots":{"name":"Alice"}}]},"recent":[{{{recent}}}],"lastActivityAt":"2026-12-04T18:00:40+00:00","reference":{"user":{"id":"u-1","name":"User","role":"user"},"bot":{"id":"bot","name":"Bot","role":"bot"},"conversation":{"id":"c-1"},"channelId":"emulator","serviceUrl":"http://127.0.0.1:1","locale":"en-US"}}""");
    }

    /// <summary>The stored bytes to the document (what every turn's load does).</summary>
    [Benchmark]
    public int Read() => ConversationDocumentJson.Read(_json)!.Recent.Count;

    /// <summary>Read and written back (a committed turn).</summary>
    [Benchmark]
    public int RoundTrip() => ConversationDocumentJson.Write(ConversationDocumentJson.Read(_json)!).Length;
}
