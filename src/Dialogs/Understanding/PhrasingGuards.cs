using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>The checks a model-written reply must pass before it is sent instead of the template.</summary>
public static partial class PhrasingGuards
{
    private static readonly Dictionary<string, string[]> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ["the", "you", "your", "is", "are", "and", "to", "a", "of", "for", "we", "it", "i", "will", "be", "have", "this", "in", "on", "with", "can", "has", "was", "that", "here", "thanks", "please"],
        ["de"] = ["der", "die", "das", "und", "ist", "sie", "ihr", "ihre", "wir", "ich", "nicht", "mit", "zu", "für", "ein", "eine", "den", "auf", "bitte", "danke", "wird", "haben"],
        ["fr"] = ["le", "la", "les", "et", "est", "vous", "votre", "nous", "je", "pas", "avec", "pour", "un", "une", "des", "sur", "merci", "sera", "avez"],
        ["es"] = ["el", "la", "los", "las", "y", "es", "usted", "su", "nosotros", "yo", "no", "con", "para", "un", "una", "por", "gracias", "será", "tiene"],
        ["nl"] = ["de", "het", "een", "en", "is", "u", "uw", "wij", "ik", "niet", "met", "voor", "op", "bedankt", "wordt", "heeft"],
    };

    /// <summary>Null when <paramref name="reply"/> passes every guard, else the first violation (no reply text in it).</summary>
    public static string? Check(PhrasingRequest request, string reply, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(reply))
        {
            return "empty reply";
        }

        if (reply.Length > maxChars)
        {
            return $"longer than {maxChars} characters";
        }

        for (var i = 0; i < request.MustInclude.Count; i++)
        {
            if (!reply.Contains(request.MustInclude[i], StringComparison.Ordinal))
            {
                return $"missing required value #{i + 1}";
            }
        }

        var normalized = " " + UtteranceText.Normalize(reply) + " ";
        foreach (var topic in request.ForbiddenTopics)
        {
            var needle = UtteranceText.Normalize(topic);
            if (needle.Length > 0 && normalized.Contains(" " + needle + " ", StringComparison.Ordinal))
            {
                return $"mentions forbidden topic '{topic}'";
            }
        }

        if (request.MaxSentences is { } max && CountSentences(reply) > max)
        {
            return $"more than {max} sentences";
        }

        if (!LooksLikeLanguage(reply, request.Language))
        {
            return $"not in language {request.Language}";
        }

        return null;
    }

    /// <summary>Counts sentences by terminal punctuation (a trailing fragment counts as one).</summary>
    public static int CountSentences(string text)
    {
        var parts = SentenceEnd().Split(text.Trim()).Count(p => p.Any(char.IsLetterOrDigit));
        return Math.Max(parts, 1);
    }

    // Cheap heuristic: among languages we know, the reply's common-word hits must favour the requested one.
    // Short replies and unknown languages pass (too little signal to judge).
    private static bool LooksLikeLanguage(string text, string language)
    {
        var primary = language.Split('-', '_')[0];
        if (!CommonWords.ContainsKey(primary))
        {
            return true;
        }

        var words = UtteranceText.Tokens(text);
        if (words.Length < 6)
        {
            return true;
        }

        var hits = CommonWords.ToDictionary(p => p.Key, p => words.Count(w => p.Value.Contains(w)), StringComparer.OrdinalIgnoreCase);
        var own = hits[primary];
        var bestOther = hits.Where(p => !p.Key.Equals(primary, StringComparison.OrdinalIgnoreCase)).Max(p => p.Value);
        return own >= bestOther || own * 5 >= words.Length;
    }

    [GeneratedRegex(@"(?<=[.!?…])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
