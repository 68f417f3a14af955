namespace Chatbot.Channels.Activities;

/// <summary>
/// The one check of a language tag that arrives from outside (an activity's <c>locale</c>, Web Chat's join language,
/// a Direct Line start body, <c>Accept-Language</c>): what the bot keeps, answers with and stores in the conversation's
/// address must be shaped like a BCP 47 tag (RFC 5646), or be absent so the bot's own first language applies.
/// </summary>
public static class LanguageTag
{
    /// <summary>
    /// Longest tag kept. RFC 5646 4.4.1 asks implementations to handle at least 35 characters, which fits every
    /// language-extlang-script-region-variant tag in use; longer ones are private-use or extension tails.
    /// </summary>
    public const int MaxLength = 35;

    private static readonly System.Buffers.SearchValues<char> TagCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    /// <summary>
    /// <paramref name="value"/> up to its first character that is no ASCII letter, digit, <c>-</c> or <c>_</c>, cut to
    /// the subtags that have the shape of a language tag: a language of 2–8 letters,
    /// then subtags of 1–8 letters or digits joined by <c>-</c> (<c>_</c>, as some platforms write it, is read as
    /// <c>-</c>), at most <see cref="MaxLength"/> characters, not ending in a single-character subtag (an extension or
    /// private-use marker whose tail was cut). Null when not even the language subtag has that shape (blank, too
    /// long, a path, control characters): the bot then answers in its first language, as for an activity without a
    /// locale. The case is kept (dialogs compare languages ignoring it).
    /// </summary>
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var text = value.AsSpan().Trim();
        // Anything after the first character no tag contains (a NUL, ';q=', a path, markup) is not part of it.
        var stop = text.IndexOfAnyExcept(TagCharacters);
        if (stop >= 0) text = text[..stop];
        int end = 0, position = 0;
        while (true)
        {
            var next = text[position..].IndexOfAny('-', '_');
            var subtag = next < 0 ? text[position..] : text.Slice(position, next);
            // After the cut above every subtag is letters and digits; the language itself is letters only.
            var valid = subtag.Length is >= 1 and <= 8 && (position > 0 || (subtag.Length >= 2 && IsLetters(subtag)));
            if (!valid || position + subtag.Length > MaxLength) break;
            // A singleton ("x", "u") opens an extension or private-use tail: kept only when something follows it.
            if (subtag.Length > 1) end = position + subtag.Length;
            if (next < 0) break;
            position += subtag.Length + 1;
        }

        if (end == 0) return null;
        var tag = text[..end];
        return tag.Length == value.Length && !tag.Contains('_') ? value : tag.ToString().Replace('_', '-');
    }

    private static bool IsLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiLetter(c)) return false;
        }

        return true;
    }
}
