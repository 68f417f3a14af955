namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// A light stemmer for folded English words, the twin of <see cref="GermanStemmer"/>: it strips one derivation or
/// inflection ending and a final <c>e</c>, and undoubles a final consonant, so forms of one word meet where their shared
/// prefix is too short for the prefix rule ("protected"/"protection", "vaccine"/"vaccination", "insured"/"insurance",
/// "cancellation"/"cancel"). It conflates forms for matching; it does not try to find linguistic roots.
/// </summary>
internal static class EnglishStemmer
{
    // Longest first. Derivations need a longer stem left than inflections ("station" is no form of "state").
    private static readonly string[] Derivations = ["ations", "ation", "ments", "ment", "ances", "ance", "ences", "ence", "ions", "ion", "ity", "ive", "al"];
    private static readonly string[] Inflections = ["ings", "ing", "ied", "ies", "ers", "er", "ed", "es", "s", "e"];

    /// <summary>The stem of a folded, lower-case English word; short words come back unchanged.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stem = Strip(word, Derivations, 5) ?? Strip(word, Inflections, 4) ?? word;
        if (stem.Length > 4 && stem[^1] == 'e')
        {
            stem = stem[..^1];
        }

        // "cancell" (cancelled, cancellation) and "cancel", "stopp" and "stop".
        return stem.Length > 4 && stem[^1] == stem[^2] && !"aeiouls".Contains(stem[^1], StringComparison.Ordinal) || stem.Length > 5 && stem[^1] == 'l' && stem[^2] == 'l'
            ? stem[..^1]
            : stem;
    }

    /// <summary>
    /// Whether two folded English words alike in their first <paramref name="common"/> letters differ by endings alone:
    /// an inflection ("book"/"booking", "change"/"changing", "ship"/"shipped", "delivery"/"deliveries"), or a derivation
    /// when five letters or more are alike ("deliver"/"delivery", "connect"/"connection"). A shared prefix alone makes no
    /// word of another ("plan"/"planet", "count"/"country", "state"/"station"), nor does a bare final "e" ("plan"/"plane").
    /// </summary>
    public static bool OnlyEndingsApart(string x, string y, int common)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (BareEApart(x, y))
        {
            return false;
        }

        var (a, b) = (Tail(x, common), Tail(y, common));

        // A verb and its particle written as one word is the phrase ("check out"/"checkout", "sign in"/"signin"): "until
        // when can I check out" asks what the check-out text answers.
        if ((a.Length == 0 && Particles.Contains(b)) || (b.Length == 0 && Particles.Contains(a)))
        {
            return true;
        }

        // A final e stays before "s", "d", "r" ("planes", "changed"): "plane"/"plans" are two words. It goes before a
        // vowel ("change"/"changing", "reserve"/"reservation").
        if ((a == "e" && !DropsE(b)) || (b == "e" && !DropsE(a)))
        {
            return false;
        }

        // A final y becomes i before an ending ("apply"/"applied").
        return (YForms.Contains(a) && YForms.Contains(b)) || (IsEnding(a, common) && IsEnding(b, common));
    }

    /// <summary>Whether one word is the other with a final "e" ("plan"/"plane"): two words, though one stem.</summary>
    public static bool BareEApart(string x, string y) =>
        x.Length == y.Length + 1 ? x[^1] == 'e' && x.StartsWith(y, StringComparison.Ordinal)
        : y.Length == x.Length + 1 && y[^1] == 'e' && y.StartsWith(x, StringComparison.Ordinal);

    /// <summary>Whether one word is the other with a particle after it ("send"/"sendback", "check"/"checkout").</summary>
    public static bool ParticleApart(string x, string y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var (shorter, longer) = x.Length < y.Length ? (x, y) : (y, x);
        return longer.StartsWith(shorter, StringComparison.Ordinal) && Particles.Contains(longer[shorter.Length..]);
    }

    /// <summary>
    /// The words (normalized, lower case) with each particle verb written as one word where <paramref name="known"/> knows
    /// that word: "bring back" and "bring it back" are "bringback", "signed me up" is "signup", "will get here" is
    /// "gethere". The twin of <see cref="GermanStemmer.Reattached"/>: a verb and its particle mean one thing that neither
    /// says ("bring back" is returning, "back" alone no word of it), and the joined word is the one the everyday groups
    /// list (<see cref="WordConcepts"/>). Up to three words of an object may stand between ("push my return date back").
    /// The same array when nothing is joined.
    /// </summary>
    public static string[] ParticleVerbsJoined(string[] words, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(known);
        string[]? joined = null;
        for (var p = 1; p < words.Length; p++)
        {
            if (!JoinedParticles.Contains(words[p])) continue;
            for (var v = p - 1; v >= Math.Max(0, p - 4); v--)
            {
                if (JoinedParticles.Contains(words[v]) || (joined ?? words)[v].Length == 0) break;
                if (BaseForms(words[v]).Select(b => b + words[p]).FirstOrDefault(known) is not { } verb) continue;
                joined ??= [.. words];
                joined[v] = verb;
                joined[p] = string.Empty;
                break;
            }
        }

        return joined is null ? words : [.. joined.Where(w => w.Length > 0)];
    }

    // The verb as typed and the base forms its inflections may stand for ("brought", "signed", "dropping", "moved").
    private static IEnumerable<string> BaseForms(string verb)
    {
        yield return verb;
        if (IrregularPast.TryGetValue(verb, out var irregular)) yield return irregular;
        foreach (var ending in (string[])["ing", "ed", "es", "s", "d"])
        {
            if (verb.Length - ending.Length < 2 || !verb.EndsWith(ending, StringComparison.Ordinal)) continue;
            var stem = verb[..^ending.Length];
            yield return stem;
            // "dropped", "logging": the consonant doubled before the ending; "moving": the e dropped before it.
            if (stem.Length > 2 && stem[^1] == stem[^2]) yield return stem[..^1];
            if (ending == "ing") yield return stem + "e";
        }
    }

    // Past forms of the verbs that take particles in service requests ("I brought it back", "it broke down", "nobody showed up").
    private static readonly Dictionary<string, string> IrregularPast = new(StringComparer.Ordinal)
    {
        ["brought"] = "bring", ["took"] = "take", ["taken"] = "take", ["gave"] = "give", ["given"] = "give", ["came"] = "come",
        ["went"] = "go", ["gone"] = "go", ["got"] = "get", ["gotten"] = "get", ["sent"] = "send", ["broke"] = "break",
        ["broken"] = "break", ["sold"] = "sell", ["ran"] = "run", ["shown"] = "show", ["held"] = "hold", ["made"] = "make",
    };

    /// <summary>
    /// Whether one word is a unit of time and the other its adjective ("day"/"daily", "week"/"weekly"): "spend more per
    /// day" asks what "change my daily limit" does.
    /// </summary>
    public static bool TimeUnitAdjective(string x, string y) =>
        (TimeUnitAdjectives.TryGetValue(x, out var unit) && (unit == y || unit + "s" == y))
        || (TimeUnitAdjectives.TryGetValue(y, out unit) && (unit == x || unit + "s" == x));

    private static readonly Dictionary<string, string> TimeUnitAdjectives = new(StringComparer.Ordinal)
    {
        ["hourly"] = "hour", ["daily"] = "day", ["nightly"] = "night", ["weekly"] = "week", ["fortnightly"] = "fortnight",
        ["monthly"] = "month", ["yearly"] = "year", ["annual"] = "year", ["annually"] = "year",
    };

    private static bool DropsE(string tail) => tail.Length > 0 && "aiouy".Contains(tail[0], StringComparison.Ordinal);

    private static readonly string[] Particles = ["in", "out", "up", "off", "on", "over", "down", "back", "away"];

    // The particles a verb is joined to: Particles and "here" ("get here" is arriving).
    private static readonly string[] JoinedParticles = [.. Particles, "here"];

    private static readonly string[] YForms = ["y", "ies", "ied", "ier", "iers", "ily"];

    // Endings of a word's forms beyond those the stemmer strips: "stored" and "stores" after an e, "deliver"/"delivery".
    private static readonly string[] MoreInflections = ["d", "r", "rs", "ings"];
    private static readonly string[] MoreDerivations = ["y", "ly", "ment", "ments", "able", "ible", "ful", "ness", "ure", "ures", "ive", "ives", "ist", "ists", "ism"];

    private static bool IsEnding(string tail, int stem) =>
        tail.Length == 0 || Inflections.Contains(tail) || MoreInflections.Contains(tail)
        || (stem >= 5 && (Derivations.Contains(tail) || MoreDerivations.Contains(tail)));

    // The word after the shared letters, a consonant doubled before an ending left out ("shipped" after "ship").
    private static string Tail(string word, int common)
    {
        var tail = word[common..];
        return tail.Length > 1 && common > 0 && tail[0] == word[common - 1] && !"aeiouy".Contains(tail[0], StringComparison.Ordinal) ? tail[1..] : tail;
    }

    private static string? Strip(string word, string[] endings, int minStem)
    {
        foreach (var ending in endings)
        {
            if (word.Length - ending.Length >= minStem && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }

        return null;
    }
}
