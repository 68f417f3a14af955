using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;
using Chatbot.Understanding.Embedded;
using Microsoft.Extensions.AI;
using Moq;

namespace Chatbot.Understanding.Embedded.Tests.Dialogs;

/// <summary>
/// One value, every path: what the user types at an ask is stored the same whether the engine's fast path reads it,
/// the LLM returns it in a set_slot command, or a local recognizer (keyword, lexical, embedded) extracts it — in English
/// and German. (Before the parsers were merged, "1,5" became 15 on one path and 1.5 on another, and "ja" from the LLM
/// was not a boolean.)
/// </summary>
public sealed class ValueAgreementTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly CompiledBot Bot = Compile();

    private static IEnumerable<string> Kinds => ["integer", "number", "boolean", "date", "datetime", "email", "size", "code", "text"];

    // One flow per kind: ask the slot, then wait at a confirmation so the value can be read from the state.
    private static CompiledBot Compile()
    {
        var yaml = """
            bot:
              id: values
              name: Values
              languages: [en, de]
            slot_types:
              size:
                kind: enum
                values:
                  small: { en: [small, little], de: [klein] }
                  large: { en: [large, big], de: [groß, gross] }
              code:
                kind: regex
                pattern: "[A-Z]{2}[0-9]{5}"
                normalize: [trim, upper, no_spaces, no_dashes]
            responses:
              q:
                text: { en: "?", de: "?" }
            flows:

            """ + string.Concat(Kinds.Select(k => $$"""
              ask_{{k}}:
                description: asks a {{k}}
                routable: false
                slots: { v: {{k}} }
                steps:
                  - ask: v
                    response: q
                  - confirm: q

            """));
        var result = Chatbot.Dialogs.Parsing.DialogLoader.LoadTexts([new("values.yaml", yaml)]);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bot!;
    }

    public static TheoryData<string, string, string, string> Rows => new()
    {
        { "en", "number", "1,5", "1.5" },
        { "de", "number", "1,5", "1.5" },
        { "de", "number", "1.5", "1.5" },
        { "en", "integer", "1,200", "1200" },
        { "de", "integer", "1.200", "1200" },
        { "en", "integer", "two", "2" },
        { "de", "integer", "zwei", "2" },
        { "en", "boolean", "yes", "true" },
        { "en", "boolean", "nope", "false" },
        { "de", "boolean", "ja", "true" },
        { "de", "boolean", "nein", "false" },
        { "en", "date", "tomorrow", "\"2026-03-02\"" },
        { "de", "date", "morgen", "\"2026-03-02\"" },
        { "de", "date", "24.12.2026", "\"2026-12-24\"" },
        { "en", "date", "12/24/2026", "\"2026-12-24\"" },
        { "en", "datetime", "2026-12-24T18:00:00+01:00", "\"2026-12-24T17:00:00+00:00\"" },
        // conv46: days as people type them (Now is Sunday, March 1, 2026, 10:00 UTC).
        { "en", "date", "tmrw", "\"2026-03-02\"" },
        { "en", "date", "next week", "\"2026-03-02\"" },
        { "en", "date", "this weekend", "\"2026-03-07\"" },
        { "en", "date", "in a fortnight", "\"2026-03-15\"" },
        { "en", "date", "the 3rd", "\"2026-03-03\"" },
        { "de", "date", "übermorgen", "\"2026-03-03\"" },
        { "de", "date", "in 2 wochen", "\"2026-03-15\"" },
        { "de", "date", "nächsten Di", "\"2026-03-03\"" },
        { "de", "date", "naechsten Dienstag", "\"2026-03-03\"" },
        { "de", "date", "am WE", "\"2026-03-07\"" },
        { "de", "date", "am 18ten", "\"2026-03-18\"" },
        { "en", "datetime", "tmrw at 6pm", "\"2026-03-02T18:00:00+00:00\"" },
        { "en", "datetime", "after 5pm tomorrow", "\"2026-03-02T17:00:00+00:00\"" },
        { "de", "datetime", "am WE um 10 Uhr", "\"2026-03-07T10:00:00+00:00\"" },
        { "de", "datetime", "morgen ab 15 Uhr", "\"2026-03-02T15:00:00+00:00\"" },
        { "en", "email", "Ana@Example.com", "\"Ana@Example.com\"" },
        { "en", "size", "large", "\"large\"" },
        { "de", "size", "groß", "\"large\"" },
        { "en", "code", "ab-123 45", "\"AB12345\"" },
        { "de", "code", "ab 12345", "\"AB12345\"" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_path_stores_the_same_value(string language, string kind, string typed, string storedJson)
    {
        var slot = await AskedSlot(kind, language);
        var request = new UnderstandingRequest
        {
            Text = typed,
            Language = language,
            ExpectedSlot = slot,
            Slots = [slot],
            ActiveFlows = ["ask_" + kind],
            AllowedCommands = [CommandKind.SetSlot, CommandKind.Cancel, CommandKind.Help, CommandKind.CannotHandle],
            Now = Now,
            Revision = Bot.Revision,
        };

        var values = new Dictionary<string, string?>
        {
            ["fast path"] = await FastPathValue(language, kind, typed),
            ["llm"] = await Stored(kind, await new LlmUnderstanding(new ModelAnswering(slot.Name, typed)).UnderstandAsync(request, default)),
            ["keyword"] = await Stored(kind, await new KeywordRecognizer().UnderstandAsync(request, default)),
            ["lexical"] = await Stored(kind, await LexicalUnderstanding.Create().UnderstandAsync(request, default)),
            ["embedded"] = await Stored(kind, await new EmbeddingUnderstanding(MiniLmModel.GetShared()).UnderstandAsync(request, default)),
        };

        Assert.All(values, path => Assert.True(path.Value == storedJson, $"{path.Key}: stored {path.Value ?? "nothing"}, expected {storedJson}"));
    }

    [Fact]
    public async Task A_value_no_path_can_read_is_rejected_on_every_path()
    {
        Assert.Null(await FastPathValue("en", "number", "1,5,5"));
        var slot = await AskedSlot("number", "en");
        var request = new UnderstandingRequest { Text = "lots", Language = "en", ExpectedSlot = slot, Slots = [slot], Now = Now };
        var llm = await new LlmUnderstanding(new ModelAnswering(slot.Name, "lots")).UnderstandAsync(request, default);
        Assert.Empty(llm.Commands.OfType<SetSlotCommand>());
        Assert.Equal(["set_slot: value for 'v' rejected (not a number)"], llm.Dropped);
    }

    // The value a recognizer's set_slot command ends up as in the state, once the engine has accepted it.
    private static async Task<string?> Stored(string kind, UnderstandingResult result)
    {
        if (result.Commands.OfType<SetSlotCommand>().FirstOrDefault() is not { } set) return null;
        return await StoredAfter(new DialogEngine(new StaticDefinitionsProvider(Bot), new Scripted(set)), kind, "en", "(scripted)");
    }

    // The engine alone, with a recognizer that must not be asked: the value is read before understanding.
    private static Task<string?> FastPathValue(string language, string kind, string typed) =>
        StoredAfter(new DialogEngine(new StaticDefinitionsProvider(Bot), new Mock<IUnderstanding>(MockBehavior.Strict).Object), kind, language, typed);

    // Starts the kind's flow with a button, types the answer, reads what the engine stored.
    private static async Task<string?> StoredAfter(DialogEngine engine, string kind, string language, string typed)
    {
        var state = (await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Value = JsonSerializer.SerializeToElement("ask_" + kind), Locale = language, Now = Now }, default)).State;
        var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = typed, Locale = language, State = state, Now = Now }, default);
        return outcome.State.Stack.FirstOrDefault()?.Slots.TryGetValue("v", out var v) != true ? null : v.ValueKind == JsonValueKind.String ? $"\"{v.GetString()}\"" : v.GetRawText();
    }

    // The slot as the engine describes it to recognizers at the kind's question: a reply no value parser reads goes to understanding.
    private static async Task<SlotInfo> AskedSlot(string kind, string language)
    {
        var asked = new Asked();
        var engine = new DialogEngine(new StaticDefinitionsProvider(Bot), asked);
        var state = (await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Value = JsonSerializer.SerializeToElement("ask_" + kind), Locale = language, Now = Now }, default)).State;
        // A probe in the conversation's own language: an English sentence would switch a German conversation to English.
        var probe = language == "de" ? "hmm, lass mich überlegen" : "hmm let me think";
        await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = probe, Locale = language, State = state, Now = Now }, default);
        Assert.True(asked.Request?.ExpectedSlot is not null, $"the engine did not ask understanding about the {kind} slot");
        return asked.Request!.ExpectedSlot!;
    }

    /// <summary>Understanding that keeps the request it was asked and cannot handle it.</summary>
    private sealed class Asked : IUnderstanding
    {
        public UnderstandingRequest? Request { get; private set; }

        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
        {
            Request = request;
            return ValueTask.FromResult(new UnderstandingResult { Path = "asked", Commands = [Command.Create(CommandKind.CannotHandle)] });
        }
    }

    /// <summary>Understanding that answers with one prepared command.</summary>
    private sealed class Scripted(Command command) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "scripted", Commands = [command] });
    }

    /// <summary>A model that copies the user's words into a set_slot command, as an LLM would.</summary>
    private sealed class ModelAnswering(string slot, string value) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var json = JsonSerializer.Serialize(new { commands = new[] { new { kind = "set_slot", flow = (string?)null, slot, value, flows = Array.Empty<string>() } } });
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, json)) { FinishReason = ChatFinishReason.Stop });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
