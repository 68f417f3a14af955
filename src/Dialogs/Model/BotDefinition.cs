using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>Everything the author wrote, merged from all files of a bot folder, with positions. Read by the validator, the CLI and exporters.</summary>
internal sealed class BotDefinition
{
    public required BotSettings Settings { get; init; }
    public Dictionary<string, SlotTypeDefinition> SlotTypes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Bot-wide slots (conversation scope), visible in every flow.</summary>
    public Dictionary<string, SlotDefinition> Slots { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, FlowDefinition> Flows { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, ResponseDefinition> Responses { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, ServiceDefinition> Services { get; init; } = new(StringComparer.Ordinal);
    public PatternSettings Patterns { get; init; } = new();

    /// <summary>
    /// The <c>out_of_scope:</c> section: requests per language the bot does not handle, though they sound like its flows
    /// ("can I get a loan" to a bank that transfers money); a message nearer to one of them than to every flow is not placed.
    /// </summary>
    public LocalizedText? OutOfScope { get; init; }

    /// <summary>The <c>knowledge:</c> section; null when the bot has none.</summary>
    public KnowledgeSettings? Knowledge { get; init; }

    /// <summary>The <c>events:</c> section: event name -> what the bot does when another system sends it.</summary>
    public Dictionary<string, EventDefinition> Events { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Ids declared with an error in their definition (<c>"response:no_answer"</c>, <c>"slot type:ticket_number"</c>,
    /// <c>"flow:x"</c>, <c>"service:x"</c>): that error is reported where it is, and a reference to the id is not
    /// reported again as unknown.
    /// </summary>
    public HashSet<string> Unreadable { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The files the definition was read from (relative names as used in diagnostics).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}

/// <summary>The <c>bot:</c> section.</summary>
internal sealed class BotSettings
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string DefaultLanguage { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public string? Persona { get; init; }

    /// <summary>
    /// The IANA time zone (<c>time_zone: Europe/Berlin</c>) relative dates and times resolve in and replies show them
    /// in; a user's own zone from the channel (<c>localTimezone</c>) overrides it. Null = UTC.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>Response sent when a conversation starts.</summary>
    public NameRef? Welcome { get; init; }
    public BotLimits Limits { get; init; } = new();

    /// <summary>How confident understanding must be to act against what a step expects.</summary>
    public UnderstandingSettings Understanding { get; init; } = new();
    public required SourceSpan Span { get; init; }
}

/// <summary>The <c>bot.understanding</c> section.</summary>
internal sealed class UnderstandingSettings
{
    /// <summary>
    /// At a free-text ask, the recognizer's score for another routable flow must reach this for the message to start
    /// that flow instead of answering the question (default 0.42; scores are in [0, 1]). Chosen on the embedded
    /// recognizer's blended scale: clear requests for another flow score from ~0.44, addresses made of flow words
    /// stay below or tie with a second flow (tests/Understanding.Embedded.Tests/Dialogs/EmbeddedDigressionTests.cs).
    /// </summary>
    public double DigressionThreshold { get; init; } = 0.42;

    /// <summary>...and lead the next different flow by at least this much (default 0.1).</summary>
    public double DigressionMargin { get; init; } = 0.1;
}

/// <summary>Bounds that keep every turn finite and every state small.</summary>
internal sealed class BotLimits
{
    /// <summary>Attempts an ask gets when it does not say (default 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Gotos executed per turn before the engine stops the flow (default 10).</summary>
    public int MaxGotosPerTurn { get; init; } = 10;

    /// <summary>Steps executed per turn before the engine stops the flow (default 100).</summary>
    public int MaxStepsPerTurn { get; init; } = 100;

    /// <summary>Conversation lines kept in the state for understanding (default 6).</summary>
    public int HistoryTurns { get; init; } = 6;

    /// <summary>Nested flows allowed on the stack (default 5).</summary>
    public int MaxStackDepth { get; init; } = 5;

    /// <summary>Highest max_attempts an author may set.</summary>
    public const int AttemptCeiling = 10;
}
