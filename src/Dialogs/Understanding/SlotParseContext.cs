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

    /// <summary>The zone dates are local to (UTC when none is set).</summary>
    public TimeZoneInfo Zone => TimeZone ?? TimeZoneInfo.Utc;

    /// <summary>The words of <see cref="Language"/> (English in canonical mode).</summary>
    public Lexicon Lexicon => Lexicon.For(Language);
}
