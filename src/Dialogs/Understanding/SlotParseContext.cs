namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// How <see cref="SlotValueParser"/> reads a value: the user's language (number separators, yes/no and day words),
/// the time relative dates resolve against, and the bot's time zone. <see cref="Language"/> null reads the canonical
/// form that commands carry (invariant numbers, ISO dates, <c>true</c>/<c>false</c>).
/// </summary>
internal readonly record struct SlotParseContext(string? Language, DateTimeOffset Now, TimeZoneInfo? TimeZone = null)
{
    /// <summary>Reads what the user typed in <paramref name="language"/>.</summary>
    public static SlotParseContext For(string language, DateTimeOffset now, TimeZoneInfo? timeZone = null) => new(language, now, timeZone);

    /// <summary>Reads a value that a recognizer already put in canonical form (a command's value).</summary>
    public static SlotParseContext Canonical(DateTimeOffset now, TimeZoneInfo? timeZone = null) => new(null, now, timeZone);

    /// <summary>
    /// How the user writes a day and month with a slash where both readings are dates ("12/09"): true month first
    /// (the channel reports <c>en-US</c>), false day first (any other locale with a region: <c>en-GB</c>, <c>de-DE</c>),
    /// null when unknown (the channel reports no region): then such a day is no answer.
    /// </summary>
    public bool? MonthFirst { get; init; }

    /// <summary>
    /// The day a date must come after (the arrival, for the departure: the flow's validation rule says so), or null. A day
    /// named without its week or month ("Sunday", "the 20th") is then the first such day after it, not the coming one.
    /// </summary>
    public DateOnly? After { get; init; }

    /// <summary>
    /// The day of the value a correction replaces, or null. A day of the month said alone ("actually make it the 20th"
    /// for January 15) is then that day in its month, or the first month after it that has that day and is allowed.
    /// </summary>
    public DateOnly? Corrects { get; init; }

    /// <summary>
    /// True when the text was read for times said as a range already (<see cref="Lexicon.TimeBounds"/>: "after 5pm" is
    /// "at 5pm"), as <see cref="SlotValueParser.Extract"/> does once for the whole message before it reads its words.
    /// </summary>
    public bool TimeBoundsRead { get; init; }

    /// <summary>
    /// True when the whole message was read for a day said with its span already ("mid-December, tuesday"), as
    /// <see cref="SlotValueParser.Extract"/> does before it reads its words, so no part of it is searched for a span again.
    /// </summary>
    public bool SpansRead { get; init; }

    /// <summary>The <see cref="MonthFirst"/> of a channel's locale ("en-US" true, "en-GB" false, "en" or none null).</summary>
    public static bool? MonthFirstIn(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale)) return null;
        var parts = locale.Replace('_', '-').Split('-');
        if (parts.Length < 2 || parts[^1].Length != 2) return null;
        return string.Equals(parts[^1], "US", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The zone dates are local to (UTC when none is set).</summary>
    public TimeZoneInfo Zone => TimeZone ?? TimeZoneInfo.Utc;

    /// <summary>The words of <see cref="Language"/> (English in canonical mode).</summary>
    public Lexicon Lexicon => Lexicon.For(Language);
}
