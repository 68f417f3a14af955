namespace Chatbot.Dialogs.Understanding;

/// <summary>The context a recognizer sees for one turn. Built by the engine from the definitions and the state.</summary>
public sealed class UnderstandingRequest
{
    public required string Text { get; init; }
    public required string Language { get; init; }

    /// <summary>Flows the user may start now, with descriptions and example utterances in <see cref="Language"/>.</summary>
    public IReadOnlyList<FlowCandidate> Flows { get; init; } = [];

    /// <summary>
    /// The author's examples of requests the bot does not handle (the <c>out_of_scope:</c> section) in <see cref="Language"/>: a
    /// message nearer to them than to every flow is <c>cannot_handle</c>.
    /// </summary>
    public IReadOnlyList<string> OutOfScope { get; init; } = [];

    /// <summary><see cref="OutOfScope"/> in each of the bot's languages, for a message written in another one.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> OutOfScopeByLanguage { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

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

    /// <summary>How the user writes "12/09" (<see cref="SlotParseContext.MonthFirst"/>, from the channel's locale); null = unknown.</summary>
    public bool? MonthFirst { get; init; }

    /// <summary>
    /// The day the expected date slot must come after (the arrival, for the departure), or null: a weekday the user names
    /// for it is the first such day after that one (<see cref="SlotParseContext.After"/>).
    /// </summary>
    public DateOnly? ExpectedAfter { get; init; }

    /// <summary>How to read a value for <paramref name="slot"/>: <paramref name="context"/>, with <see cref="ExpectedAfter"/> for the expected slot.</summary>
    internal SlotParseContext Reading(SlotInfo slot, SlotParseContext context) =>
        slot.Name == ExpectedSlot?.Name && ExpectedAfter is { } after ? context with { After = after } : context;

    /// <summary>Revision of the definitions the flows come from; recognizers cache per-example work by it. Null = no caching.</summary>
    public string? Revision { get; init; }

    /// <summary>
    /// When the turn must be done with the model (the host's turn deadline less its reserve for saving and sending): a
    /// model recognizer waits at most until then and is not asked with too little left (<see cref="TurnTime"/>). Null = no
    /// limit but the recognizer's own timeout.
    /// </summary>
    public DateTimeOffset? AnswerBy { get; init; }

    /// <summary>
    /// This request as seen in the language the text is written in (<see cref="LanguageDetector"/>), when that is another
    /// of the bot's languages with examples: <see cref="Language"/> and every flow's <see cref="FlowCandidate.Examples"/>
    /// switch to it. Otherwise this request.
    /// </summary>
    public UnderstandingRequest InDetectedLanguage()
    {
        var languages = Flows.SelectMany(f => f.ExamplesByLanguage.Keys).Append(Language).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (languages.Count < 2)
        {
            return this;
        }

        var vocabularies = languages.ToDictionary(
            l => l,
            l => Flows.SelectMany(f => f.ExamplesByLanguage.GetValueOrDefault(l) ?? []).SelectMany(UtteranceText.Tokens).ToHashSet(StringComparer.Ordinal),
            StringComparer.OrdinalIgnoreCase);
        if (LanguageDetector.Detect(Text, languages, vocabularies) is not { } detected
            || LanguageDetector.Primary(detected) == LanguageDetector.Primary(Language))
        {
            return this;
        }

        var key = languages.First(l => LanguageDetector.Primary(l) == detected);
        return new UnderstandingRequest
        {
            Text = Text,
            Language = key,
            Flows = [.. Flows.Select(f => f with { Examples = f.ExamplesByLanguage.GetValueOrDefault(key) ?? [] })],
            OutOfScope = OutOfScopeByLanguage.GetValueOrDefault(key) ?? [],
            OutOfScopeByLanguage = OutOfScopeByLanguage,
            ActiveFlows = ActiveFlows,
            ExpectedSlot = ExpectedSlot,
            Slots = Slots,
            AwaitingConfirmation = AwaitingConfirmation,
            AllowedCommands = AllowedCommands,
            History = History,
            Now = Now,
            TimeZone = TimeZone,
            Revision = Revision,
            AnswerBy = AnswerBy,
        };
    }
}

/// <summary>A flow the user can start.</summary>
public sealed record FlowCandidate(string Id, string Description, IReadOnlyList<string> Examples)
{
    /// <summary>The flow's own slots, so one utterance can start a flow and fill its slots ("order two laptops").</summary>
    public IReadOnlyList<SlotInfo> Slots { get; init; } = [];

    /// <summary>
    /// Examples in each of the bot's languages (including the request's), so a recognizer can match a message written
    /// in another language than the channel's locale says. Empty: only <see cref="Examples"/> is known.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExamplesByLanguage { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>A slot as a recognizer needs to know it.</summary>
public sealed class SlotInfo
{
    public required string Name { get; init; }

    /// <summary>The slot type's kind: enum, integer, number, boolean, date, datetime, time, email, regex, text, file.</summary>
    public required string Kind { get; init; }
    public string? Description { get; init; }

    /// <summary>For enums: the values and their synonyms in the request language. For date, time and datetime kinds: the author's special values (<c>asap</c>).</summary>
    public IReadOnlyList<EnumValueInfo> Values { get; init; } = [];
    public string? Pattern { get; init; }

    /// <summary>Regex and text kinds: the type's <c>normalize</c> steps, applied before matching.</summary>
    public IReadOnlyList<string> Normalize { get; init; } = [];

    /// <summary>Integer and number kinds: the smallest value allowed, if any.</summary>
    public double? Min { get; init; }

    /// <summary>Integer and number kinds: the largest value allowed, if any.</summary>
    public double? Max { get; init; }

    /// <summary>
    /// Integer kind: the slot counts days or nights, as its name, label or description says ("number of days", "Anzahl
    /// Tage", "nights"), so "a week" or "two weeks" answers it with 7 or 14; any other count takes no weeks.
    /// </summary>
    internal bool CountsDays { get; init; }

    /// <summary>Date, time and datetime kinds: the earliest value allowed (<c>min: now</c>), evaluated at each parse against its clock.</summary>
    internal Expressions.Expr? Earliest { get; init; }

    /// <summary>Date, time and datetime kinds: the latest value allowed (<c>max: now + 2d</c>).</summary>
    internal Expressions.Expr? Latest { get; init; }

    /// <summary>Datetime kind (and the time part the engine reads of one): the times of day the slot is meant for (<c>hours: 08:00-18:00</c>); an hour without am/pm takes its reading inside them.</summary>
    internal Model.DayHours? Hours { get; init; }

    /// <summary>File kind: the content types accepted (<c>image/*</c> matches every image); empty = any.</summary>
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>File kind: the largest file accepted, in bytes; null = no limit.</summary>
    public long? MaxSize { get; init; }
    public bool Sensitive { get; init; }

    /// <summary>The values and synonyms as the slot-value parser compares them, built at its first use (SlotValueParser.EnumPhrases).</summary>
    internal SlotValueParser.EnumPhrases? EnumPhrases { get; set; }
}

/// <summary>An enum value with its synonyms.</summary>
public sealed record EnumValueInfo(string Value, IReadOnlyList<string> Synonyms);

/// <summary>One line of recent conversation.</summary>
public sealed record ConversationLine(string Speaker, string Text);
