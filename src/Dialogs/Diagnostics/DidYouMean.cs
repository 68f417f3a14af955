namespace Chatbot.Dialogs.Diagnostics;

/// <summary>Suggests the closest known name for a misspelt one (Levenshtein distance).</summary>
public static class DidYouMean
{
    /// <summary>Returns "did you mean 'x'?" or null when nothing is close enough.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
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
        return best is not null && bestDistance <= budget ? $"did you mean '{best}'?" : null;
    }

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
