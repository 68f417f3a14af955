namespace Chatbot.Dialogs.Diagnostics;

/// <summary>Suggests the closest known name for a misspelt one (Levenshtein distance).</summary>
internal static class DidYouMean
{
    /// <summary>Returns "did you mean 'x'?" or null when nothing is close enough.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } best ? $"did you mean '{best}'?" : null;

    /// <summary>The known name a misspelt one is close enough to, or null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        // Allow roughly one typo per three characters, at least one.
        var budget = Math.Max(1, name.Length / 3);
        return best is not null && bestDistance <= budget ? best : null;
    }

    // What other chatbot tools call our keys: a new author writes 'prompt:' for an ask's question, and 'reprompt',
    // two letters away, was the wrong suggestion.
    private static readonly Dictionary<string, string> OtherToolsKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["prompt"] = "response",
        ["question"] = "response",
        ["utterances"] = "examples",
        ["intents"] = "flows",
        ["entities"] = "slot_types",
    };

    /// <summary>The allowed key an unknown one stands for: a typo of it, or (nearer) another tool's word for it.</summary>
    public static string? ClosestKey(string key, IReadOnlyCollection<string> allowed)
    {
        var typo = Closest(key, allowed);
        var other = OtherToolsKeys.Keys.Where(k => allowed.Contains(OtherToolsKeys[k]) && !allowed.Contains(k))
            .Select(k => (Word: k, Distance: Distance(key.ToLowerInvariant(), k)))
            .Where(k => k.Distance <= Math.Max(1, key.Length / 3)).OrderBy(k => k.Distance).FirstOrDefault();
        if (other.Word is null) return typo;
        return typo is null || other.Distance < Distance(key.ToLowerInvariant(), typo.ToLowerInvariant()) ? OtherToolsKeys[other.Word] : typo;
    }

    /// <summary>Edit distance where swapping two neighbours counts as one edit (optimal string alignment).</summary>
    internal static int Distance(string a, string b) => Understanding.TypoCorrection.Distance(a, b);
}
