using BenchmarkDotNet.Attributes;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bench.Micro;

/// <summary>Serialising and reading back the dialog state as it is after the third turn (name and size set, confirming).</summary>
[MemoryDiagnoser]
public class StateRoundTripBenchmarks
{
    private DialogState _state = null!;
    private byte[] _json = null!;

    /// <summary>Plays three turns of the script to get a realistic state.</summary>
    [GlobalSetup]
    public async Task Setup()
    {
        var engine = BenchDialog.Engine(out var definitions);
        using (definitions)
        {
            DialogState? state = null;
            foreach (var text in BenchDialog.Script.Take(3))
            {
                state = (await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = text, Locale = "en-US", State = state }, CancellationToken.None)).State;
            }

            _state = state!;
            _json = DialogStateJson.SerializeToUtf8Bytes(_state);
        }
    }

    /// <summary>Dialog state to UTF-8 JSON and back.</summary>
    [Benchmark]
    public DialogState? DialogStateRoundTrip()
    {
        var bytes = DialogStateJson.SerializeToUtf8Bytes(_state);
        using var document = System.Text.Json.JsonDocument.Parse(bytes);
        return DialogStateJson.Deserialize(document.RootElement);
    }

    /// <summary>The stored state's UTF-8 JSON to a state, as a turn reads it (issue 19 item 3: slot values).</summary>
    [Benchmark]
    public DialogState? DialogStateFromUtf8() => DialogStateJson.Deserialize(_json);

    /// <summary>Size of the serialised state, for the report.</summary>
    public int StateBytes => _json.Length;
}
