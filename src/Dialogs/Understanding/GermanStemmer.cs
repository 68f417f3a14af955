namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// A light stemmer for folded German words (umlauts already folded, <c>ß</c> as <c>ss</c>): it strips one inflection
/// ending and the <c>ge-</c> of past participles, also after a separable prefix ("abgebucht" and "abbuchen" both give
/// "abbuch"), reads a strong verb's participle as its infinitive ("umgezogen" and "umziehen" both give "umzieh", "verloren"
/// "verlier"), and the <c>zu</c> of an infinitive after one ("abzubuchen"), and on request the verbal noun's <c>-ung</c> ("Bestellung" and "bestellt" give "bestell"). It conflates inflected forms for lookups;
/// it does not try to find linguistic roots. <see cref="Reattached"/> joins a separable verb split across a clause.
/// </summary>
internal static partial class GermanStemmer
{
    // Separable verb prefixes before a participle's "ge" (ab-ge-bucht, los-ge-schickt, zuruck-ge-schickt).
    private static readonly string[] SeparablePrefixes =
        ["zuruck", "durch", "nach", "auf", "aus", "ein", "los", "mit", "weg", "vor", "ab", "an", "um", "zu"];

    // A verb's prefix said at the end of the clause ("ich sage den Termin ab"): the separable prefixes above and a few
    // that have no participle rule of their own.
    private static readonly string[] ClauseFinalPrefixes = [.. SeparablePrefixes, "weiter", "fest", "fort", "bei", "hoch"];

    // The verbal noun of a verb ("bestellen"/"Bestellung", "buchen"/"Buchung"); stripped before the inflection endings.
    private static readonly string[] DerivationEndings = ["ungen", "ung"];

    // Longest first within each step; one ending per step at most.
    private static readonly string[] NounEndings = ["ern", "em", "en", "er", "es", "e", "n", "s"];
    private static readonly string[] VerbEndings = ["est", "et", "st", "t"];

    private const int MinStem = 4;

    // The noun a separable verb makes of a strong verb's vowel ("Auszug"/"ausziehen", "Abflug"/"abfliegen", "Abgabe"/
    // "abgeben", "Annahme"/"annehmen"): the noun's root, once its ending is gone, and the verb's stem. Only after a
    // separable prefix, so "Zug" (a train) and "Gabel" stay what they are.
    private static readonly (string Noun, string Verb)[] StrongNouns = [("zug", "zieh"), ("flug", "flieg"), ("gab", "geb"), ("nahm", "nehm")];

    // Strong verbs change their vowel in the participle ("umgezogen"/"umziehen", "verloren"/"verlieren"): the participle's
    // ending, once "ge" is gone, and the infinitive's, for the verbs people use of moving, losing, stealing and breaking
    // things and of forms and appointments. Longest first, so "stohlen" is read before "zogen" could be.
    private static readonly (string Participle, string Infinitive)[] StrongParticiples =
    [
        ("schrieben", "schreiben"), ("sprochen", "sprechen"), ("stohlen", "stehlen"), ("brochen", "brechen"), ("blieben", "bleiben"),
        ("gangen", "gehen"), ("nommen", "nehmen"), ("funden", "finden"), ("worfen", "werfen"), ("zogen", "ziehen"), ("loren", "lieren"),
        ("wiesen", "weisen"), ("troffen", "treffen"), ("flogen", "fliegen"),
    ];

    /// <summary>
    /// The stem of a folded, lower-case word; words of four letters or fewer come back unchanged. With
    /// <paramref name="verbalNouns"/> a noun in <c>-ung</c> gives its verb's stem ("Buchung" and "gebucht" give "buch");
    /// off for the everyday groups, whose words would otherwise collide ("Sendung" with "senden").
    /// </summary>
    public static string Stem(string word, bool verbalNouns = false)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= MinStem)
        {
            return word;
        }

        var stem = Infinitive(WithoutParticiplePrefix(word));
        var derived = verbalNouns ? Strip(stem, DerivationEndings) : stem;
        if (derived.Length < stem.Length)
        {
            return derived;
        }

        stem = Strip(stem, NounEndings);
        return verbalNouns && StrongNoun(stem) is { } verb ? verb : Strip(stem, VerbEndings);
    }

    // "auszug" -> "auszieh": a separable prefix and a strong verb's noun root, nothing else.
    private static string? StrongNoun(string stem)
    {
        foreach (var (noun, verb) in StrongNouns)
        {
            if (stem.EndsWith(noun, StringComparison.Ordinal) && Array.IndexOf(SeparablePrefixes, stem[..^noun.Length]) >= 0)
            {
                return stem[..^noun.Length] + verb;
            }
        }

        return null;
    }

    /// <summary>
    /// The words of one clause (lower case) with a clause-final separable prefix joined to its verb: "ich sage den
    /// Termin ab" reads "ich absage den Termin", "rufen Sie mich zurück" "zurückrufen Sie mich". The verb is the first word
    /// that, joined with the prefix, has a stem <paramref name="known"/> accepts (the bot's vocabulary); otherwise the
    /// words come back as they are (an "ab" that belongs to no verb the bot knows says nothing either way).
    /// </summary>
    public static string[] Reattached(string[] clause, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(known);
        if (FinalPrefix(clause) is not { } prefix)
        {
            return clause;
        }

        for (var i = 0; i < clause.Length - 1; i++)
        {
            // The joined word is folded, as the stems it is looked up by are.
            // An article or a possessive is no verb: "der Artikel kam beschädigt an" joined "an" and "der" to "ander", a
            // form of "ändern" (changing). Other function words may be ("habt ihr lange auf": "aufhaben").
            var joined = prefix + UtteranceText.Fold(clause[i]);
            if (clause[i].Length >= 2 && !IsClauseFinalPrefix(clause[i]) && !IsDeterminer(clause[i].ToLowerInvariant()) && known(Stem(joined, verbalNouns: true)))
            {
                var words = clause[..^1];
                words[i] = joined;
                return words;
            }
        }

        return clause;
    }

    /// <summary>
    /// The words of <paramref name="text"/> clause by clause (<paramref name="tokens"/> reads a clause's words, lower
    /// case), each clause's final separable prefix joined to its verb where <paramref name="known"/> knows the joined
    /// stem (<see cref="Reattached"/>): one reading of split verbs for every recognizer that compares words.
    /// </summary>
    public static string[] ClauseWords(string text, Func<string, IEnumerable<string>> tokens, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        return [.. Clauses(text).SelectMany(clause => Reattached([.. tokens(clause)], known))];
    }

    /// <summary>
    /// The stems a German vocabulary (an author's examples) knows: every word's, a verbal noun's as its verb's, and the
    /// verbs its clauses split, joined (<see cref="SplitVerbs"/>).
    /// </summary>
    public static HashSet<string> KnownStems(IReadOnlyCollection<string> texts, Func<string, bool> noVerb)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var stems = SplitVerbs(texts, noVerb);
        stems.UnionWith(texts.SelectMany(UtteranceText.Tokens).Select(w => Stem(UtteranceText.Fold(w), verbalNouns: true)));
        return stems;
    }

    /// <summary>
    /// The stems of the verbs an author's texts split across a clause, joined (<see cref="SplitVerb"/>): "ich ziehe ein"
    /// gives "einzieh", so a message's "wir ziehen nächste Woche ein" is joined as the example is (<see cref="Reattached"/>);
    /// without it both kept "ziehe", a word of moving in and out alike. <paramref name="noVerb"/> tells a function word
    /// that is no verb.
    /// </summary>
    public static HashSet<string> SplitVerbs(IEnumerable<string> texts, Func<string, bool> noVerb)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(noVerb);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var clause in texts.SelectMany(Clauses))
        {
            string[] words = [.. clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(UtteranceText.Bare).Where(w => w.Length > 0)];
            if (SplitVerb(words, noVerb) is { } verb) stems.Add(Stem(verb, verbalNouns: true));
        }

        return stems;
    }

    // Where a clause ends: a verb's prefix is at the end of its clause, not of the sentence. Not the dot of a date ("ich
    // ziehe zum 1. Januar aus" is one clause; split there, "aus" had no verb and the move out was a move in).
    [System.Text.RegularExpressions.GeneratedRegex(@"[,;:!?]|(?<!\d)\. | [-–] ")]
    private static partial System.Text.RegularExpressions.Regex ClauseEnd();

    private static IEnumerable<string> Clauses(string text) => ClauseEnd().Split(text).Where(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>
    /// The separable verb an author's clause splits ("ich ziehe ein", "rufen Sie mich zurück"), joined and folded
    /// ("einziehe", "zuruckrufen"); null when the clause ends in no separable prefix. The verb is the first word that is
    /// no function word (<paramref name="noVerb"/>, given lower case) and, after the clause's first word, not
    /// capitalised: an author writes nouns with a capital ("den Termin sage ich ab" has no verb before "Termin"). The
    /// bot's own split verbs are then words it knows, so <see cref="Reattached"/> joins a message's "ich ziehe nächsten
    /// Monat aus" as it joins the example's.
    /// </summary>
    private static string? SplitVerb(string[] clause, Func<string, bool> noVerb)
    {
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(noVerb);
        if (FinalPrefix(clause) is not { } prefix)
        {
            return null;
        }

        for (var i = 0; i < clause.Length - 1; i++)
        {
            var word = clause[i].ToLowerInvariant();
            if (word.Length < 2 || noVerb(word) || IsClauseFinalPrefix(word)) continue;
            return i == 0 || !char.IsUpper(clause[i][0]) ? prefix + UtteranceText.Fold(word) : null;
        }

        return null;
    }

    // The clause's last word, folded, when it is a separable prefix and not the clause's only word.
    private static string? FinalPrefix(string[] clause) =>
        clause.Length >= 2 && IsClauseFinalPrefix(clause[^1]) ? UtteranceText.Fold(clause[^1].ToLowerInvariant()) : null;

    private static bool IsDeterminer(string word) => Lexicon.German.IsArticle(word) || Lexicon.German.IsPossessive(word);

    private static bool IsClauseFinalPrefix(string word) => Array.IndexOf(ClauseFinalPrefixes, UtteranceText.Fold(word.ToLowerInvariant())) >= 0;

    /// <summary>
    /// A lower-case word typed with "ae", "oe", "ue" for "ä", "ö", "ü" ("geoeffnet", "bremsbelaege") read with the
    /// umlauts where that makes it a word <paramref name="known"/> accepts by its stem (the bot's vocabulary) and the
    /// word as typed is none: "oeffnungszeitn" is then one typo from "Öffnungszeiten", not two. Words that have the
    /// letters for themselves ("aktuell") stay as they are unless the bot only knows them with umlauts; the "ue" of "au"
    /// and "eu" ("neue", "teuer", "genauer") never is one.
    /// </summary>
    public static string Umlauted(string word, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(known);
        var at = new List<int>();
        for (var i = 0; i + 1 < word.Length && at.Count < MaxSpeltUmlauts; i++)
        {
            // Not the "u" of "qu", "au" or "eu" ("bequem", "genauer", "neuen"): "neuen" read as "neün" was "neun" (nine)
            // where a text about documents said "neun" and not "neuen", and a question about documents booked.
            var before = i == 0 ? ' ' : word[i - 1];
            if (word[i + 1] == 'e' && word[i] is 'a' or 'o' or 'u' && before != 'q' && !(word[i] == 'u' && before is 'a' or 'e'))
            {
                at.Add(i);
                i++;
            }
        }

        if (at.Count == 0 || known(Stem(UtteranceText.Fold(word), verbalNouns: true)))
        {
            return word;
        }

        // Every choice of which "ae"/"oe"/"ue" stand for an umlaut, fewest first ("steuerbescheid" keeps its "eu").
        foreach (var chosen in Enumerable.Range(1, (1 << at.Count) - 1).OrderBy(c => System.Numerics.BitOperations.PopCount((uint)c)))
        {
            var letters = new System.Text.StringBuilder(word.Length);
            for (var i = 0; i < word.Length; i++)
            {
                var k = at.IndexOf(i);
                if (k >= 0 && (chosen & (1 << k)) != 0)
                {
                    letters.Append(word[i] switch { 'a' => 'ä', 'o' => 'ö', _ => 'ü' });
                    i++;
                }
                else
                {
                    letters.Append(word[i]);
                }
            }

            var umlauted = letters.ToString();
            if (known(Stem(UtteranceText.Fold(umlauted), verbalNouns: true)))
            {
                return umlauted;
            }
        }

        return word;
    }

    // A word has rarely more than two umlauts; three spelt out are eight readings to look up.
    private const int MaxSpeltUmlauts = 3;

    // What an inflection or the verbal noun adds to one word ("bestell|en"/"bestell|ung", "pass|t"/"pass|en").
    private static readonly HashSet<string> FormEndings = new(StringComparer.Ordinal)
    {
        "e", "n", "en", "s", "es", "er", "ern", "em", "ens", "t", "st", "et", "est", "te", "ten", "tet", "ste", "sten",
        "in", "innen", "ung", "ungen",
    };

    /// <summary>
    /// False when one of two folded words that share their first <paramref name="common"/> letters goes on with three
    /// letters or more that no German ending is ("pass|t"/"pass|wort"): one word and another that begins alike, not
    /// forms of one word ("storniere"/"storniert", "Bestellung"/"bestellen"). Shorter rests stay forms: a typo near the
    /// end ("gepäk"/"Gepäck") keeps matching as one.
    /// </summary>
    public static bool OnlyEndingsApart(string x, string y, int common)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        static bool AnotherWord(string rest) => rest.Length >= 3 && !FormEndings.Contains(rest);
        return !AnotherWord(x[common..]) && !AnotherWord(y[common..]);
    }

    // The endings an adjective or pronoun in -er/-el keeps its "e" before ("anderen", "dunkles" aside).
    private static readonly string[] KeptEEndings = ["en", "em", "er", "es"];

    /// <summary>
    /// True for a verb in -ern/-eln ("ändern", folded "andern"; "wechseln") and a word of the same letters with an
    /// ending after its "e" ("anderen", "anderes"): the verb drops that "e" in every form, so the other is an inflected
    /// pronoun or adjective ("ich brauche einen anderen" asks for another one, not to change anything), though the stems,
    /// once the umlaut is folded, are one ("ander").
    /// </summary>
    public static bool VerbAndInflectedApart(string x, string y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        static bool Apart(string verb, string other) =>
            verb.Length >= MinStem + 2 && (verb.EndsWith("ern", StringComparison.Ordinal) || verb.EndsWith("eln", StringComparison.Ordinal))
            && other.Length == verb.Length + 1 && other.StartsWith(verb[..^1], StringComparison.Ordinal) && Array.IndexOf(KeptEEndings, other[(verb.Length - 1)..]) >= 0;
        return Apart(x, y) || Apart(y, x);
    }

    // Prefixes that never stand alone and make another verb of a verb ("be|stellen" is ordering, "stellen" putting,
    // "ent|sperren" unblocking): a word is no compound part of another that only adds one of them. Not "ver", whose
    // verbs are as often the same act ("den Flug auf den Nachmittag legen" is "verlegen", "verschicken" "schicken").
    private static readonly string[] InseparablePrefixes = ["be", "ge", "er", "ent", "zer", "emp"];

    /// <summary>
    /// True when <paramref name="word"/> (folded) is <paramref name="part"/> with an inseparable prefix before it
    /// ("bestellen", "stellen"), also after a separable one ("zurückbekommen", "kommen": getting back is no coming).
    /// </summary>
    public static bool PrefixedVerb(string word, string part)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(part);
        if (!word.EndsWith(part, StringComparison.Ordinal)) return false;
        var prefix = word[..^part.Length];
        return Array.IndexOf(InseparablePrefixes, prefix) >= 0
            || ClauseFinalPrefixes.Any(p => prefix.Length > p.Length && prefix.StartsWith(p, StringComparison.Ordinal) && Array.IndexOf(InseparablePrefixes, prefix[p.Length..]) >= 0);
    }

    /// <summary>
    /// True for a separable prefix with the participle's <c>ge</c> or the infinitive's <c>zu</c> ("abge", "anzu"): the
    /// start of a verb form ("abgelaufen", "anzumelden"), not a compound's first noun, so "abgelaufen" is no kind of
    /// "laufen" (an expired ID read as a working one).
    /// </summary>
    public static bool IsParticiplePrefix(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return part.Length > 2 && (part.EndsWith("ge", StringComparison.Ordinal) || part.EndsWith("zu", StringComparison.Ordinal))
            && Array.IndexOf(SeparablePrefixes, part[..^2]) >= 0;
    }

    private static string WithoutParticiplePrefix(string word)
    {
        // Only participle shapes (ge...t, ge...en), so "gerade" or "gebuhr" keep their letters.
        if (!word.EndsWith('t') && !word.EndsWith("en", StringComparison.Ordinal))
        {
            return word;
        }

        if (word.StartsWith("ge", StringComparison.Ordinal) && word.Length >= 2 + MinStem + 1)
        {
            return word[2..];
        }

        foreach (var prefix in SeparablePrefixes)
        {
            if (word.Length >= prefix.Length + 2 + MinStem + 1 && word.StartsWith(prefix, StringComparison.Ordinal)
                && string.CompareOrdinal(word, prefix.Length, "ge", 0, 2) == 0)
            {
                return prefix + word[(prefix.Length + 2)..];
            }

            // The infinitive with "zu" inside ("abzusagen", "anzumelden", "abzuholen"): the verb ("absagen"), as the
            // participle's "ge" is left out ("vergessen, den Termin abzusagen" started a booking).
            if (word.EndsWith("en", StringComparison.Ordinal) && word.Length >= prefix.Length + 2 + MinStem + 1
                && word.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(word, prefix.Length, "zu", 0, 2) == 0)
            {
                return prefix + word[(prefix.Length + 2)..];
            }
        }

        return word;
    }

    private static string Infinitive(string word)
    {
        foreach (var (participle, infinitive) in StrongParticiples)
        {
            if (word.EndsWith(participle, StringComparison.Ordinal)) return word[..^participle.Length] + infinitive;
        }

        return word;
    }

    private static string Strip(string word, string[] endings)
    {
        foreach (var ending in endings)
        {
            // An "s" after an "s" is the word's own: the "ss" of a folded "ß" ("weiß", "du weißt": "weiss", not "weis" of
            // "Überweisung") or of "Anschluss", which "Anschlüsse" and "Anschlusses" keep whole.
            if (word.Length - ending.Length >= MinStem && word.EndsWith(ending, StringComparison.Ordinal)
                && !(ending[0] == 's' && word[^(ending.Length + 1)] == 's'))
            {
                return word[..^ending.Length];
            }
        }

        return word;
    }
}
