using BenchmarkDotNet.Attributes;

namespace Chatbot.Bench.Micro;

/// <summary>
/// A whole turn through the bot pipeline in process: read the POST body, state read (in-memory store), engine, the
/// conversation document written back (dialog state + exactly-once bookkeeping), the reply handed to the connector.
/// One operation = one turn.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks : IDisposable
{
    private PipelineHarness _harness = null!;
    private int _conversation;

    /// <summary>Builds the services once.</summary>
    [GlobalSetup]
    public void Setup() => _harness = new PipelineHarness();

    /// <summary>A new conversation playing the script; reported per turn.</summary>
    [Benchmark(OperationsPerInvoke = 4)]
    public async Task<int> PipelineTurn()
    {
        var conversation = $"c-{++_conversation}";
        var status = 0;
        foreach (var text in BenchDialog.Script)
        {
            status += await _harness.PostAsync(conversation, text);
        }

        return status;
    }

    /// <summary>Releases the services.</summary>
    public void Dispose()
    {
        _harness?.Dispose();
        GC.SuppressFinalize(this);
    }
}
