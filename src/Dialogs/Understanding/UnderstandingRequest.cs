namespace Chatbot.Dialogs.Understanding;

/// <summary>The context a recognizer sees for one turn. Built by the engine from the definitions and the state.</summary>
public sealed class UnderstandingRequest
{
    public required string Text { get; init; }
    public required string Language { get; init; }

    /// <summary>Flows the user may start now, with descriptions and example utterances in <see cref="Language"/>.</summary>
    public IReadOnlyList<FlowCandidate> Flows { get; init; } = [];

    /// <summary>Active flow ids, innermost last.</summary>
    public IReadOnlyList<string> ActiveFlows { get; init; } = [];

    /// <summary>The slot the bot just asked for, if any.</summary>
    public SlotInfo? ExpectedSlot { get; init; }

    /// <summary>Slots that may be set (or corrected) now, including the expected one.</summary>
    public IReadOnlyList<SlotInfo> Slots { get; init; } = [];

    /// <summary>True when the bot is waiting on a yes/no confirmation.</summary>
    public bool AwaitingConfirmation { get; init; }

    /// <summary>The command kinds the current step accepts.</summary>
    public IReadOnlyList<CommandKind> AllowedCommands { get; init; } = [];

    /// <summary>The last few turns, oldest first; sensitive slot values already masked.</summary>
    public IReadOnlyList<ConversationLine> History { get; init; } = [];

    /// <summary>When the turn happens; relative dates ("tomorrow") resolve against it. Null = the recognizer's clock.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The bot's IANA or Windows time zone id for dates (e.g. <c>Europe/Berlin</c>). Null = UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Revision of the definitions the flows come from; recognizers cache per-example work by it. Null = no caching.</summary>
    public string? Revision { get; init; }
}

/// <summary>A flow the user can start.</summary>
public sealed record FlowCandidate(string Id, string Description, IReadOnlyList<string> Examples)
{
    /// <summary>The flow's own slots, so one utterance can start a flow and fill its slots ("order two laptops").</summary>
    public IReadOnlyList<SlotInfo> Slots { get; init; } = [];
}

/// <summary>A slot as a recognizer needs to know it.</summary>
public sealed class SlotInfo
{
    public required string Name { get; init; }

    /// <summary>The slot type's kind: enum, integer, number, boolean, datetime, email, regex, text.</summary>
    public required string Kind { get; init; }
    public string? Description { get; init; }

    /// <summary>For enums: the values and their synonyms in the request language.</summary>
    public IReadOnlyList<EnumValueInfo> Values { get; init; } = [];
    public string? Pattern { get; init; }

    /// <summary>Regex and text kinds: the type's <c>normalize</c> steps, applied before matching.</summary>
    public IReadOnlyList<string> Normalize { get; init; } = [];

    /// <summary>Integer and number kinds: the smallest value allowed, if any.</summary>
    public double? Min { get; init; }

    /// <summary>Integer and number kinds: the largest value allowed, if any.</summary>
    public double? Max { get; init; }
    public bool Sensitive { get; init; }
}

/// <summary>An enum value with its synonyms.</summary>
public sealed record EnumValueInfo(string Value, IReadOnlyList<string> Synonyms);

/// <summary>One line of recent conversation.</summary>
public sealed record ConversationLine(string Speaker, string Text);
