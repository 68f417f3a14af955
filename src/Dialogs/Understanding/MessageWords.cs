namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// The words of the texts one turn reads (the message, its clauses, the sides of a joining word), each split once per
/// turn: the turn's <see cref="Lexicon"/> view (<see cref="Lexicon.ForTurn"/>) and the interpretation's rules ask here
/// instead of tokenising the same message again (issue 19: ~40 rules read every message, each splitting it anew).
/// </summary>
/// <remarks>
/// One per turn, never shared between turns: it lives as long as the turn's context, so nothing is kept between
/// messages, and a turn's code runs one step at a time, so it needs no lock. The arrays it hands out are shared by every
/// caller of the turn: read only.
/// </remarks>
internal sealed class MessageWords
{
    // A turn reads a handful of texts (the message, a peeled or unframed form, the sides of "and"); more are read once.
    private const int Kept = 16;

    private readonly Entry?[] _entries = new Entry?[Kept];
    private int _next;

    /// <summary><see cref="UtteranceText.Tokens"/> of <paramref name="text"/>, split at most once this turn.</summary>
    public string[] Tokens(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var entry = Find(text);
        return entry.Tokens ??= UtteranceText.Tokens(text);
    }

    /// <summary>
    /// <paramref name="text"/> split as typed (at white space) and each piece normalised, index for index, at most once
    /// this turn (<see cref="Lexicon"/> matches on the words and returns values as typed).
    /// </summary>
    public (string[] Tokens, string[] Words) Typed(string? text)
    {
        if (string.IsNullOrEmpty(text)) return ([], []);
        var entry = Find(text);
        return entry.Typed ??= Split(text);
    }

    /// <summary>The typed split without a cache: for a text read outside a turn.</summary>
    public static (string[] Tokens, string[] Words) Split(string? text)
    {
        var tokens = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var words = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++) words[i] = UtteranceText.Normalize(tokens[i]);
        return (tokens, words);
    }

    private Entry Find(string text)
    {
        // The same string object first: rules pass the message along as they got it.
        foreach (var entry in _entries)
        {
            if (entry is not null && ReferenceEquals(entry.Text, text)) return entry;
        }
        foreach (var entry in _entries)
        {
            if (entry is not null && string.Equals(entry.Text, text, StringComparison.Ordinal)) return entry;
        }
        var added = new Entry(text);
        _entries[_next] = added;
        _next = (_next + 1) % Kept;
        return added;
    }

    private sealed class Entry(string text)
    {
        public string Text { get; } = text;
        public string[]? Tokens { get; set; }
        public (string[] Tokens, string[] Words)? Typed { get; set; }
    }
}
