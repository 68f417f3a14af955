using System.Text.Json;
using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Testing;

/// <summary>One author-written test file (<c>*.test.yaml</c>): shared settings and its cases.</summary>
internal sealed class ConversationTestFile
{
    public required string Path { get; init; }
    public required string Name { get; init; }

    /// <summary>Language of every case unless a case says otherwise; null = the bot's default.</summary>
    public string? Language { get; init; }

    /// <summary>Where the file's language was written (its value); null when it has none.</summary>
    public SourceSpan? LanguageSpan { get; init; }

    /// <summary>The user's time zone as the channel reports it (<c>localTimezone</c>); null = none (the bot's zone applies).</summary>
    public string? TimeZone { get; init; }

    /// <summary>The conversation's type as the channel reports it (personal, groupChat, channel); null = none (personal).</summary>
    public string? ConversationType { get; init; }

    /// <summary>The frozen clock every turn runs at.</summary>
    public DateTimeOffset Now { get; init; }
    public IReadOnlyList<HttpMock> Mocks { get; init; } = [];
    public IReadOnlyList<ConversationTestCase> Cases { get; init; } = [];
}

/// <summary>One conversation: turns with expectations, run against a fresh state.</summary>
internal sealed class ConversationTestCase
{
    public required string Name { get; init; }
    public string? Language { get; init; }

    /// <summary>The user's time zone for this case; null = the file's.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The conversation's type for this case; null = the file's.</summary>
    public string? ConversationType { get; init; }

    /// <summary>Mocks of this case, tried before the file's.</summary>
    public IReadOnlyList<HttpMock> Mocks { get; init; } = [];
    public IReadOnlyList<TestTurn> Turns { get; init; } = [];
    public required SourceSpan Span { get; init; }

    /// <summary>Where the case's language was written (its value); null when it has none.</summary>
    public SourceSpan? LanguageSpan { get; init; }

    /// <summary>The state the case starts in (<c>given:</c>): a flow running with values already given; null = a new conversation.</summary>
    public GivenState? Given { get; init; }

    /// <summary>
    /// Problems in how this case is written (a misspelt key, an unknown response): the case fails with them and does not
    /// run, while the file's other cases run and report.
    /// </summary>
    public List<Diagnostic> Problems { get; } = [];
}

/// <summary>A case's <c>given:</c>: the flow already running and the slot values already given, with where each was written.</summary>
internal sealed class GivenState
{
    public string? Flow { get; init; }
    public required SourceSpan Span { get; init; }
    public SourceSpan? FlowSpan { get; init; }

    /// <summary>Slot name, value as the user would write it, where the name and the value were written.</summary>
    public IReadOnlyList<(string Slot, string Value, SourceSpan NameSpan, SourceSpan ValueSpan)> Slots { get; init; } = [];

    /// <summary>File slots given as the file the user attached (<c>receipt: { name: receipt.pdf, content_type: application/pdf }</c>).</summary>
    public IReadOnlyList<(string Slot, Engine.InputFile File, SourceSpan NameSpan, SourceSpan ValueSpan)> Files { get; init; } = [];
}

/// <summary>What the user does in one turn.</summary>
internal enum TestTurnKind
{
    /// <summary>Types text.</summary>
    User,

    /// <summary>Clicks a button (its value is sent).</summary>
    Click,

    /// <summary>Another system posts an event for this conversation (<c>events:</c>).</summary>
    Event,

    /// <summary>Opens the conversation (the bot greets).</summary>
    Start,

    /// <summary>The user stays silent for <see cref="TestTurn.Wait"/>: what the bot scheduled and is due by then arrives.</summary>
    Wait,
}

/// <summary>One turn of a test case.</summary>
internal sealed class TestTurn
{
    public required TestTurnKind Kind { get; init; }

    /// <summary>The text typed, the button value clicked, or the event's name.</summary>
    public string Input { get; init; } = "";

    /// <summary>A wait turn's silence.</summary>
    public TimeSpan Wait { get; init; }

    /// <summary>An event turn's payload (the fields its inputs read); null = an empty payload.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>Files the user attaches to the message (<c>attach:</c>), as a channel reports them.</summary>
    public IReadOnlyList<Engine.InputFile> Files { get; init; } = [];

    /// <summary>Scripted understanding: when set, these commands are the recognizer's answer (no recognizer runs).</summary>
    public IReadOnlyList<Understanding.Command>? Commands { get; init; }
    public IReadOnlyList<Expectation> Expectations { get; init; } = [];
    public required SourceSpan Span { get; init; }

    /// <summary>Where the action's value was written ("event: order_shipped" -> "order_shipped"); null for none.</summary>
    public SourceSpan? InputSpan { get; init; }
}

/// <summary>One expectation on a turn, with where it was written: <see cref="Span"/> is its key.</summary>
internal sealed record Expectation(string Key, JsonElement Value, SourceSpan Span)
{
    /// <summary>Where each name in the value was written (list items, mapping keys and values, nested), first one wins.</summary>
    public IReadOnlyDictionary<string, SourceSpan> Names { get; init; } = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);

    /// <summary>Where <paramref name="name"/> was written in the value ("says: [ask_day, ask_tiem]" -> "ask_tiem"), else the key.</summary>
    public SourceSpan At(string name) => Names.TryGetValue(name, out var span) ? span : Span;
}

/// <summary>A canned answer of a declared service.</summary>
internal sealed class HttpMock
{
    public required string Service { get; init; }

    /// <summary>Null = any method.</summary>
    public string? Method { get; init; }

    /// <summary>Path pattern; <c>*</c> matches any characters.</summary>
    public string Path { get; init; } = "*";
    public int Status { get; init; } = 200;
    public JsonElement? Body { get; init; }

    /// <summary><c>timeout</c> or <c>error</c> instead of an answer.</summary>
    public string? Fault { get; init; }
    public required SourceSpan Span { get; init; }

    /// <summary>Where the service's name was written.</summary>
    public SourceSpan? ServiceSpan { get; init; }
}
