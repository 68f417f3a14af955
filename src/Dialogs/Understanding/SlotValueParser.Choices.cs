using System.Globalization;
using System.Text.RegularExpressions;
using Chatbot.Dialogs.Expressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>Choices: which of an enum slot's values the user named, excluded or misspelt.</summary>
internal static partial class SlotValueParser
{
    private static string? MatchEnum(SlotInfo slot, string text)
    {
        var normalized = UtteranceText.Normalize(text);
        if (normalized.Length == 0) return null;
        var values = EnumPhrases.Of(slot).Values;
        foreach (var candidate in values)
        {
            if (candidate.Normalized == normalized) return candidate.Value;
        }
        foreach (var candidate in values)
        {
            if (Array.IndexOf(candidate.Synonyms, normalized) >= 0) return candidate.Value;
        }
        // "laptops", "Handys": the plural of a value or synonym is that value; exact spellings above always win.
        foreach (var candidate in values)
        {
            if (Array.IndexOf(candidate.AllPlurals, normalized) >= 0) return candidate.Value;
        }
        // "leaking", "sink is blocked": the value said as the verb it also is, or the other way round.
        foreach (var candidate in values)
        {
            if (Array.IndexOf(candidate.SentenceForms, normalized) >= 0) return candidate.Value;
        }
        return Misspelt(slot, normalized);
    }

    // "a phone", "ein Handy": the value after an article (an answer said as a noun phrase).
    private static string WithoutArticle(string text, Lexicon lexicon)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && lexicon.IsArticle(UtteranceText.Normalize(text[..space])) ? text[(space + 1)..] : "";
    }

    // "labtop", "tablett", "meduim", "guinae pig": an answer of five letters or more, one edit away from a phrase of
    // exactly one value (its id or a synonym of five letters or more; of several words too, so "guinae pig" and
    // "guineapig" are "guinea pig" on every recognizer, not only where a model reads them). Shorter words are too often
    // other words ("small" vs "smell" is fine, "tab" vs "tap" is not); two values within reach is no answer. A plural in
    // -s counts when the typo is in the word, not its ending ("labtops", "Hnadys"; "laptopses" is none).
    private static string? Misspelt(SlotInfo slot, string word)
    {
        if (word.Length < 5 || word.Any(char.IsDigit)) return null;
        var singular = word.Length > 5 && word[^1] == 's' ? word[..^1] : null;
        string? found = null;
        foreach (var candidate in EnumPhrases.Of(slot).Values)
        {
            var near = candidate.Phrases
                .Any(s => s.Length >= 5 && !JoinsShortWord(word, s)
                    && (TypoCorrection.WithinOneEdit(word, s) || (singular is not null && singular[^1] == s[^1] && TypoCorrection.WithinOneEdit(singular, s))));
            if (!near) continue;
            if (found is not null && found != candidate.Value) return null;
            found = candidate.Value;
        }
        return found;
    }

    // "guineapig" is "guinea pig" with its space left out, but "tariffs" is not "tariff S": a phrase's word of one or two
    // letters joined to its neighbour makes an ordinary word (a plural, "funks"), so a missing space counts as the one
    // edit only when every word of the phrase has three letters or more.
    private static bool JoinsShortWord(string word, string phrase) =>
        !word.Contains(' ', StringComparison.Ordinal) && phrase.Contains(' ', StringComparison.Ordinal)
        && phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.Length < 3);

    // The one value the text names as wanted, standing as whole words ("a large one, please" -> large; "two laptops" ->
    // laptop; "not the harbour, north" -> north); a value that only modifies the noun after it is none ("my phone
    // number", ValueHeads). Two values named ("somewhere between central and north") or only excluded ones ("anything
    // but the harbour") are no value: which one the user wants is theirs to say (ChoicesLeft).
    private static string? FindEnum(SlotInfo slot, string text, Lexicon lexicon)
    {
        var (named, excluded) = ChoicesIn(slot, text, lexicon);
        if (named is [var one]) return one;
        if (named.Count > 0 || excluded.Count > 0) return null;
        // No value as typed: misspelt words of six letters or more that all mean one value ("i wanna buy a labtop");
        // inside a sentence shorter words are too often other words ("table", "tablet"). An excluded one is none.
        var heads = EnumPhrases.Of(slot).Heads;
        return Clauses(text, heads, lexicon)
            .SelectMany(words => words.Select((w, i) => w.Length >= 6 && !lexicon.ExcludesChoiceAt(words, i) ? Misspelt(slot, w) : null))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList() is [var near] ? near : null;
    }

    /// <summary>
    /// The values of an enum slot the message names as wanted, each once, in the slot's order, by their ids and synonyms
    /// as <see cref="Extract"/> finds them (the heads of noun phrases; no misspellings; not the excluded ones of
    /// <see cref="ChoicesIn"/>): "whichever is closest to the harbour" names one, "central or north?" two.
    /// </summary>
    public static IReadOnlyList<string> EnumValuesNamed(SlotInfo slot, string text, Lexicon lexicon) => ChoicesIn(slot, text, lexicon).Named;

    /// <summary>
    /// An answer to an enum question that leaves more than one choice, or one the user did not name: the choices it
    /// leaves, in the slot's order. Two or more named ("somewhere between central and north", "Zentrale oder Nord"):
    /// those; none named and some excluded ("anything but the harbour", "nur nicht Hafen"): every other choice. Empty
    /// when the answer names one choice or none at all.
    /// </summary>
    public static IReadOnlyList<string> ChoicesLeft(SlotInfo slot, string? text, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind != "enum" || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return [];
        var (named, excluded) = ChoicesIn(slot, text, lexicon);
        if (named.Count > 1) return named;
        return named.Count == 0 && excluded.Count > 0 ? [.. slot.Values.Select(v => v.Value).Where(v => !excluded.Contains(v))] : [];
    }

    /// <summary>
    /// The values of an enum slot a message names, split into those it wants and those it takes out ("not the harbour",
    /// "anything but central", "alles außer Hafen": <see cref="Lexicon.ExcludesChoiceAt"/>), each once, in the slot's
    /// order. Read clause by clause ("nicht Hafen, lieber Nord"), by the heads of noun phrases (<see cref="ValueHeads(string,
    /// HeadPhrases, Lexicon)"/>); a phrase inside a longer one of another value is that value ("phone case", not "phone").
    /// A value both wanted and taken out is wanted.
    /// </summary>
    public static (IReadOnlyList<string> Named, IReadOnlyList<string> Excluded) ChoicesIn(SlotInfo slot, string text, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(lexicon);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return ([], []);
        // One message is read for the same slot's choices several times a turn (the value itself, the choices it leaves,
        // a value inside it, a correction): the last reading is kept per thread (issue 19, perf25).
        if (t_lastChoices is { } last && ReferenceEquals(last.Slot, slot) && ReferenceEquals(last.Lexicon, lexicon) && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return (last.Named, last.Excluded);
        }
        var choices = ReadChoices(slot, text, lexicon);
        t_lastChoices = new LastChoices(slot, text, lexicon, choices.Named, choices.Excluded);
        return choices;
    }

    [ThreadStatic]
    private static LastChoices? t_lastChoices;

    private sealed record LastChoices(SlotInfo Slot, string Text, Lexicon Lexicon, IReadOnlyList<string> Named, IReadOnlyList<string> Excluded);

    private static (IReadOnlyList<string> Named, IReadOnlyList<string> Excluded) ReadChoices(SlotInfo slot, string text, Lexicon lexicon)
    {
        var phrases = EnumPhrases.Of(slot);
        var named = new HashSet<string>(StringComparer.Ordinal);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in Clauses(text, phrases.Heads, lexicon))
        {
            var hits = new List<(string Value, int Start, int Length)>();
            foreach (var candidate in phrases.Values)
            {
                foreach (var parts in candidate.FormWords)
                {
                    for (var i = 0; i + parts.Length <= words.Length; i++)
                    {
                        // "may I get a copy of my payslip?": the month May is not asked for by the modal that opens the question.
                        if (words.AsSpan(i, parts.Length).SequenceEqual(parts) && !(parts.Length == 1 && lexicon.OpensRequestAt(words, i))) hits.Add((candidate.Value, i, parts.Length));
                    }
                }
            }
            if (hits.Count == 0) continue;
            // A choice listed after a taken-out one is taken out too: "except central and the harbour".
            var excludedEnd = -1;
            // A value whose id is also its synonym ("central": central) is one hit there.
            foreach (var hit in hits.GroupBy(h => (h.Value, h.Start)).Select(g => g.MaxBy(h => h.Length)).OrderBy(h => h.Start))
            {
                if (hits.Any(o => o.Value != hit.Value && o.Length > hit.Length && o.Start <= hit.Start && o.Start + o.Length >= hit.Start + hit.Length)) continue;
                var takenOut = lexicon.ExcludesChoiceAt(words, hit.Start) || (excludedEnd >= 0 && lexicon.ListsChoices(words, excludedEnd, hit.Start));
                (takenOut ? excluded : named).Add(hit.Value);
                excludedEnd = takenOut ? hit.Start + hit.Length : -1;
            }
        }
        excluded.ExceptWith(named);
        return ([.. slot.Values.Select(v => v.Value).Where(named.Contains)], [.. slot.Values.Select(v => v.Value).Where(excluded.Contains)]);
    }

    // The words of each clause of a message ("nicht Hafen, lieber Nord": two), by the heads of its noun phrases.
    private static IEnumerable<string[]> Clauses(string text, HeadPhrases heads, Lexicon lexicon) =>
        text.Split([',', ';', '.', '!', '?', ':'], StringSplitOptions.RemoveEmptyEntries)
            .Select(clause => CliticIs(UtteranceText.Tokens(ValueHeads(clause, heads, lexicon))))
            .Where(words => words.Length > 0);

    // "my boiler's making a weird noise", "the tap's dripping", "the car's scratched": the clitic "'s" before a verb's -ing
    // or -ed form is "is", so the word before it is the thing the sentence is about, a value the slot may take. Before a
    // noun it says whose and stays ("my boiler's pipes"), and so does a noun in -ing that "is", "was", "keeps" … follow
    // ("the boiler's heating is off").
    private static string[] CliticIs(string[] words)
    {
        string[]? split = null;
        for (var i = 0; i + 1 < words.Length; i++)
        {
            var (word, next) = (words[i], words[i + 1]);
            if (word.Length < 4 || !word.EndsWith("'s", StringComparison.Ordinal) || !IsVerbForm(next)) continue;
            var after = i + 2 < words.Length ? words[i + 2] : null;
            if (after is not null && SayWhatItIs.Contains(after)) continue;
            split ??= [.. words];
            split[i] = word[..^2];
        }
        return split is null ? words : [.. split.SelectMany((w, i) => w == words[i] ? [w] : new[] { w, "is" })];
    }

    // An -ing or -ed form of a verb, by its ending ("making", "leaking", "broken" is not read: too many nouns end in -en).
    private static bool IsVerbForm(string word) =>
        word.Length >= 5 && word.All(char.IsAsciiLetterLower) && (word.EndsWith("ing", StringComparison.Ordinal) || (word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal)));

    /// <summary>
    /// The text compared with a slot's values (<paramref name="phrases"/>: ids and synonyms) by the heads of its noun
    /// phrases, so a value that only modifies another noun is not read as that value. A German compound is a kind of its
    /// last part: a word that starts with a value or synonym and goes on with a part of four letters or more
    /// (<see cref="WordConcepts.CompoundSplits"/>) stands as that last part ("meine Telefonnummer" -> "meine nummer"; one
    /// ending in a value stays: "Diensthandy"). Likewise a value directly followed by a head noun of the language
    /// (<see cref="Lexicon.IsHeadNoun"/>) is dropped: "my phone number" -> "my number", "the laptop bag" -> "the bag",
    /// "Handy Hülle" -> "hülle"; "my phone", "the phone is broken" stay. The text unchanged when nothing is dropped.
    /// </summary>
    internal static string ValueHeads(string text, IEnumerable<string> phrases, Lexicon lexicon) => ValueHeads(text, new HeadPhrases(phrases), lexicon);

    internal static string ValueHeads(string text, HeadPhrases phrases, Lexicon lexicon)
    {
        var values = phrases.Values;
        var modifiers = phrases.Modifiers;
        var words = UtteranceText.Tokens(text).ToList();
        var folded = words.ConvertAll(UtteranceText.Fold);
        var changed = false;
        for (var i = 0; i < words.Count; i++)
        {
            // "phone number", "city bike lock": the value's words, then a head noun.
            string[]? modifier = null;
            foreach (var v in values)
            {
                // Not when the noun belongs to a longer value there: "switch to the unlimited plan" names the synonym
                // "unlimited plan", though "plan" is a head noun ("my data plan").
                if (i + v.Length < words.Count && StartsAt(folded, i, v) && lexicon.IsHeadNoun(words[i + v.Length])
                    && !values.Any(o => o.Length > v.Length && i + o.Length <= words.Count && StartsAt(folded, i, o)))
                {
                    modifier = v;
                    break;
                }
            }
            if (modifier is not null)
            {
                words.RemoveRange(i, modifier.Length);
                folded.RemoveRange(i, modifier.Length);
                changed = true;
                i--; // the head noun now stands at i
                continue;
            }
            if (modifiers.Contains(folded[i])) continue;
            // "Papiertone": a value misspelt (Papiertonne) is that value, not the compound "Papier" + "tone".
            if (folded[i].Length >= 6 && modifiers.Any(m => m.Length >= 5 && TypoCorrection.WithinOneEdit(folded[i], m))) continue;
            foreach (var (part, head) in WordConcepts.CompoundSplits(folded[i]))
            {
                if (WordConcepts.ModifierForms(part).Any(modifiers.Contains))
                {
                    (words[i], folded[i], changed) = (head, head, true);
                    break;
                }
            }
        }
        return changed ? string.Join(' ', words) : text;
    }

    // The phrase's words stand at index at of the words.
    private static bool StartsAt(List<string> words, int at, string[] phrase)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            if (words[at + k] != phrase[k]) return false;
        }
        return true;
    }

    // padded (a normalised text with a space at each end) holds phrase as whole words: the same as
    // padded.Contains(" " + phrase + " ") without building that string.
    internal static bool ContainsWords(string padded, string phrase)
    {
        if (phrase.Length == 0 || padded.Length < 2) return padded.Contains(" " + phrase + " ", StringComparison.Ordinal); // never on the parser's path
        for (var at = padded.IndexOf(phrase, 1, StringComparison.Ordinal); at > 0; at = padded.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            if (padded[at - 1] == ' ' && end < padded.Length && padded[end] == ' ') return true;
        }
        return false;
    }

    private static bool ContainsAnyWords(string padded, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (ContainsWords(padded, phrase)) return true;
        }
        return false;
    }

    // Regular plural endings of the phrase's last word, English and German (-s, -es, -ies, -e, -n, -en). Short values
    // ("m", "xl", "no") get none: their "plurals" are other words.
    internal static IEnumerable<string> Plurals(string phrase)
    {
        if (phrase.Length < 3 || !char.IsLetter(phrase[^1])) yield break;
        yield return phrase + "s";
        yield return phrase + "es";
        if (phrase[^1] == 'y') yield return phrase[..^1] + "ies";
        yield return phrase + "e";
        yield return phrase + "n";
        yield return phrase + "en";
    }

    // How an English sentence says a value besides its plurals. The participles of a one-word value that is also a verb:
    // "it's leaking under the sink" and "the bumper got damaged" name leak and damage (words of four letters or more, as
    // "fit"/"fitted" is too often another sense). A two-word value of a describing word and its noun said the other way
    // round, as what the thing is: "my sink is blocked", "the sink's blocked", "the pads are worn" name "blocked sink" and
    // "worn pads". Only for the value's own parse: left out of the shared-value and correction matching that reads
    // plurals, where "booking" must stay a word of its own. Not the clitic "'s" alone: "my dog's claws" names claws, the
    // dog only says whose.
    internal static IEnumerable<string> SentenceForms(string phrase)
    {
        if (!phrase.All(c => char.IsAsciiLetterLower(c) || c == ' ')) yield break;
        var words = phrase.Split(' ');
        if (words is [var one] && one.Length >= 4)
        {
            var stem = one[^1] == 'e' && one[^2] != 'e' ? one[..^1] : one;
            yield return stem + "ing";
            yield return stem == one ? one + "ed" : one + "d";
        }
        else if (words is [var describing, var thing] && describing.Length >= 3 && thing.Length >= 3)
        {
            foreach (var be in SayWhatItIs) yield return thing + " " + be + " " + describing;
            yield return thing + "'s " + describing;
        }
    }

    private static readonly string[] SayWhatItIs = ["is", "was", "are", "were", "got", "gets", "keeps", "seems", "is still", "is all"];
}
