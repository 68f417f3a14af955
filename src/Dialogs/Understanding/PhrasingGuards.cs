using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>The checks a model-written reply must pass before it is sent instead of the template.</summary>
internal static partial class PhrasingGuards
{
    /// <summary>What a model answers when the passages of a grounded answer do not hold the answer.</summary>
    public const string NoAnswer = "NO_ANSWER";

    /// <summary>The fallback reason of a grounded answer the model did not find in the passages.</summary>
    public const string NoAnswerReason = "no answer in the passages";

    // Share of a grounded reply's content words that must come from the passages or the question.
    private const double GroundedShare = 0.75;

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

        return request.Passages.Count > 0 ? CheckGrounded(request, reply) : null;
    }

    // A grounded reply may only restate the passages: every number in it comes from them (or the question), and most
    // of its content words do. Same-language paraphrase passes; a price, time or fact from elsewhere does not.
    private static string? CheckGrounded(PhrasingRequest request, string reply)
    {
        var source = UtteranceText.Tokens(string.Join(" ", request.Passages) + " " + request.Question).ToHashSet(StringComparer.Ordinal);
        var words = UtteranceText.Tokens(reply);
        var number = words.FirstOrDefault(w => w.Any(char.IsDigit) && !source.Contains(w));
        if (number is not null)
        {
            return "states a number the passages do not";
        }

        var content = words.Where(w => w.Length >= 4 && !w.Any(char.IsDigit) && !Lexicon.IsStopWord(w)).ToList();
        if (content.Count == 0)
        {
            return null;
        }

        var grounded = content.Count(w => source.Contains(w) || source.Any(s => s.Length >= 4 && SharesStem(w, s)));
        return grounded >= GroundedShare * content.Count ? null : "says things the passages do not";
    }

    // open/opening, appointment/appointments: a shared start of at least four letters, differing by an ending only.
    private static bool SharesStem(string a, string b)
    {
        var common = 0;
        while (common < a.Length && common < b.Length && a[common] == b[common])
        {
            common++;
        }

        return common >= 4 && Math.Max(a.Length, b.Length) - common <= 4;
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
