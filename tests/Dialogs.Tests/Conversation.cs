using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests;

/// <summary>Drives the engine turn by turn and round-trips the state through JSON like a host would.</summary>
internal sealed class Conversation(CompiledBot bot, IUnderstanding? understanding = null, IServiceInvoker? services = null, string locale = "en", IResponsePhraser? phraser = null)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public DialogEngine Engine { get; } = new(new StaticDefinitionsProvider(bot), understanding ?? new KeywordRecognizer(), services: services, phraser: phraser);
    public string? StateJson { get; private set; }
    public DialogState? State => StateJson is null ? null : DialogStateJson.Deserialize(StateJson);
    public TurnOutcome Last { get; private set; } = null!;

    /// <summary>The user's time zone the channel reports with the next turns (the activity's localTimezone); null = none.</summary>
    public string? TimeZone { get; set; }

    public Task<TurnOutcome> Start() => Run(new TurnInput { Kind = TurnKind.ConversationStart, Locale = locale, State = State, Now = Now, TimeZone = TimeZone });

    public Task<TurnOutcome> Say(string text) => Run(new TurnInput { Kind = TurnKind.Message, Text = text, Locale = locale, State = State, Now = Now, TimeZone = TimeZone });

    public Task<TurnOutcome> Click(string value) =>
        Run(new TurnInput { Kind = TurnKind.Message, Value = JsonSerializer.SerializeToElement(value), Locale = locale, State = State, Now = Now, TimeZone = TimeZone });

    public async Task<TurnOutcome> Run(TurnInput input)
    {
        Last = await Engine.RunTurnAsync(input, CancellationToken.None);
        StateJson = DialogStateJson.Serialize(Last.State);
        return Last;
    }

    /// <summary>Response ids of the last turn, comma-separated.</summary>
    public string Ids => string.Join(",", Last.Replies.Select(r => r.ResponseId));

    public string Text => string.Join(" | ", Last.Replies.Select(r => r.Text));

    public string? Slot(string name)
    {
        var state = State!;
        foreach (var frame in state.Stack.AsEnumerable().Reverse())
        {
            if (frame.Slots.TryGetValue(name, out var v)) return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        }
        return state.Slots.TryGetValue(name, out var b) ? b.ValueKind == JsonValueKind.String ? b.GetString() : b.GetRawText() : null;
    }

    public IReadOnlyList<string> Flows => [.. State!.Stack.Select(f => f.Flow)];
}

/// <summary>Answers service calls from a table of path -> JSON (or failure) and records the calls.</summary>
internal sealed class FakeServices : IServiceInvoker
{
    public Dictionary<string, string?> Answers { get; } = [];
    public List<ServiceRequest> Calls { get; } = [];

    public ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        Calls.Add(request);
        return ValueTask.FromResult(Answers.TryGetValue(request.Path, out var json) && json is not null
            ? ServiceResult.Ok(JsonDocument.Parse(json).RootElement.Clone())
            : ServiceResult.Failed("HTTP 500", 500));
    }
}
