using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Similarity without a model: overlap of content words, each weighted by how rare it is among the candidates
/// (a word every flow uses, like "order" in a shop, says little; a word of an English message no candidate has, a detail
/// like "window" in "two seats by the window", somewhat less than the rarest), blended with character trigram overlap.
/// Words match when equal (a hyphenated word as its joined form: "e-mail"/"email"), when one is the other plus an
/// ending ("reserve"/"reservation"), when one is part of a compound ("Adresse"/"Lieferadresse"), or one typo apart (not a final y apart: "policy"/"police", nor two words the candidates both write: "later"/"water"); umlauts and accents are folded ("zuruck" = "zurück").
/// Words of one <see cref="WordConcepts"/> group match almost as well as the same word ("Paket"/"Lieferung").
/// Candidates mostly in German are read with German morphology (<see cref="GermanStemmer"/>), and so is the message
/// compared with them: a clause-final separable prefix is joined to its verb ("sage ... ab" = "absagen"), words of one
/// stem match ("gebucht"/"Buchung"), and so does a compound's part ("Tischreservierung"/"reservieren").
/// Cheap and deterministic; the no-model recognizer and the recognizer for tests.
/// </summary>
public sealed class LexicalSimilarity : IUtteranceSimilarity
{
    // Share of the score that comes from content words; the rest from character trigrams.
    private const double WordWeight = 0.7;
    private const int MaxCachedCandidateSets = 8;

    // Two words of one everyday-synonym group: as close as a shared stem, below the same word.
    private const double ConceptMatch = 0.8;

    // A shared stem and a compound part (the scores Match gives them by spelling).
    private const double StemMatch = 0.9;
    private const double CompoundMatch = 0.7;

    // One typo apart (Match gives no other score this).
    private const double TypoMatch = 0.8;

    private readonly ConcurrentDictionary<string, Weights> _weights = new(StringComparer.Ordinal);

    // Weights by the candidate list's reference while the list lives (a caller's texts of one bot revision); a list is
    // not changed once scored against (the count is checked all the same). Only a list this long: a short one's joined
    // key costs less than the table's entry.
    private readonly ConditionalWeakTable<IReadOnlyList<string>, ListWeights> _byList = new();
    private const int ByListMinimum = 16;

    private readonly bool _synonyms;
    private readonly bool _queryCoverage;

    // Passages and questions are read with the function words of their own language (ForPassages): "bin" is a thing in
    // an English text ("how much is a new bin?" found no bin), "ich bin" only in a German one. The recognizer keeps
    // every language's (its scores are tuned on them).
    private bool OwnStopWords => _queryCoverage;

    // Passages match the same thing only: "dinner" is no word of the breakfast text (WordConcepts siblings).
    private bool Siblings => !_queryCoverage;

    /// <summary>
    /// Creates the similarity; <paramref name="everydaySynonyms"/> off leaves out <see cref="WordConcepts"/>, for a blend
    /// with a model that knows synonyms itself (counting them twice pulls near-domain requests towards the flows).
    /// </summary>
    public LexicalSimilarity(bool everydaySynonyms = true)
        : this(everydaySynonyms, queryCoverage: false)
    {
    }

    private LexicalSimilarity(bool everydaySynonyms, bool queryCoverage)
    {
        _synonyms = everydaySynonyms;
        _queryCoverage = queryCoverage;
    }

    /// <summary>
    /// For finding the passage that answers a question (knowledge answers): scores how much of the question a passage
    /// covers, not the other way round — a passage says far more than the question asks about.
    /// </summary>
    public static LexicalSimilarity ForPassages(bool everydaySynonyms = true) => new(everydaySynonyms, queryCoverage: true);

    /// <inheritdoc />
    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken) =>
        ScoreAsync(text, candidates, candidates?.Count ?? 0, cacheKey, cancellationToken);

    /// <inheritdoc />
    public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, int own, string? cacheKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var weights = WeightsFor(candidates, cacheKey, own);
        var query = Prepare(text, _synonyms, QueryGerman(weights, text), Siblings, OwnStopWords);
        var matches = new double[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            matches[i] = Matches(query, weights.Candidates[i]);
        }

        var scale = UnknownScale(text, query, matches);
        var scores = new double[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            scores[i] = Score(query, weights.Candidates[i], weights, _queryCoverage, matches[i], scale);
        }

        return ValueTask.FromResult(scores);
    }

    // How well each word of the query is matched by the candidate (Best), once per candidate for every use.
    private static double[] Matches(Prepared query, Prepared candidate)
    {
        var matches = new double[query.Words.Length];
        for (var i = 0; i < matches.Length; i++)
        {
            matches[i] = Best(query, i, candidate);
        }

        return matches;
    }

    // A word of an English message that no candidate has (flow examples and out-of-scope ones alike) weighs this share
    // of its rarity: it is the rarest word there is, so at full weight a detail the bot need not know ("the machine keeps
    // rejecting my code", "save us two seats by the window") pushed the flow it names under the threshold. German keeps
    // full weight (its compounds and stems leave fewer words unmatched; there it turned a near-domain line into a flow).
    private const double UnknownWordShare = 0.75;

    // Each query word's share of its weight (UnknownWordShare for a word no candidate matches), or null for all alike.
    // Not when the message names an unknown thing by a known word ("a grant for home insulation": the thing is
    // insulation, not the home the moving flow speaks of): its unknown words are its topic, not a detail. Nor without
    // the everyday synonyms, in a blend with a model: a word this reads as unknown the model may know (there it let a
    // near-domain request start a flow), nor for passages, which cover a question's words rather than match them.
    private double[]? UnknownScale(string text, Prepared query, double[][] matches)
    {
        if (_queryCoverage || !_synonyms || query.German is not null || matches.Length == 0)
        {
            return null;
        }

        double[]? scale = null;
        for (var i = 0; i < query.Words.Length; i++)
        {
            if (!matches.Any(m => m[i] > 0))
            {
                scale ??= [.. Enumerable.Repeat(1.0, query.Words.Length)];
                scale[i] = UnknownWordShare;
            }
        }

        return scale is not null && AdjacentContentWords(text, query).Any(p => scale[p.Modifier] == 1 && scale[p.Head] < 1) ? null : scale;
    }

    // Two content words next to each other in an English text, as indexes into the query's words: a modifier and the
    // word it qualifies ("child passport", "car wash"); Last when the pair ends the text. A pronoun modifies nothing
    // ("someone under 24" is no kind of "under").
    private static IEnumerable<(int Modifier, int Head, bool Last)> AdjacentContentWords(string text, Prepared query)
    {
        var tokens = UtteranceText.Tokens(text).Select(UtteranceText.Fold).ToArray();
        for (var t = 0; t + 1 < tokens.Length; t++)
        {
            if (Lexicon.IsStopWord(tokens[t], query.Reading) || Lexicon.IsStopWord(tokens[t + 1], query.Reading) || IndefinitePronouns.Contains(tokens[t])) continue;
            var (modifier, head) = (Array.IndexOf(query.Words, tokens[t]), Array.IndexOf(query.Words, tokens[t + 1]));
            if (modifier >= 0 && head >= 0) yield return (modifier, head, t + 2 == tokens.Length);
        }
    }

    /// <summary>
    /// The content words of <paramref name="text"/> that no candidate has, by the same word match the scores use (a
    /// stem, a compound part, one typo, an everyday synonym): what the candidates never speak of ("dog" in "is my dog
    /// covered?" to a travel insurance's cover). A compound they have only the head of counts when they never have its
    /// modifier either: "Kinderreisepass" is a kind of passport the passport text does not speak of.
    /// </summary>
    internal IReadOnlyList<string> Unmatched(string text, IReadOnlyList<string> candidates, string? cacheKey, Lexicon? reading = null)
    {
        var weights = WeightsFor(candidates, cacheKey);
        var query = Prepare(text, _synonyms, QueryGerman(weights, text), Siblings, OwnStopWords, reading);
        return [.. query.Words.Where((w, i) => !Lexicon.IsStopWord(w, query.Reading) && !Known(query, i, weights.Candidates))];
    }

    // Words that stand for a person or thing without naming its kind ("someone under 24" is no kind of "under").
    private static readonly HashSet<string> IndefinitePronouns =
        new(["someone", "somebody", "anyone", "anybody", "everyone", "everybody", "something", "anything", "nobody", "noone"], StringComparer.Ordinal);

    /// <summary>
    /// A word of <paramref name="text"/> that names a narrower kind of a thing the candidates speak of, which they never
    /// name: a compound they have only the head of ("Kinderreisepass": the passport text speaks of no child's), or, in
    /// English, a word no candidate has right before one they have ("child passport"). Null when there is none ("wie
    /// lange dauert ein neuer Reisepass": "neu" is in another text; "a stolen laptop in my luggage" names the luggage).
    /// Of a <paramref name="priced"/> thing, also the last word when the texts have the one before it but not it: "car
    /// wash" is another thing than the car the texts price.
    /// </summary>
    internal string? NarrowerKind(string text, IReadOnlyList<string> candidates, string? cacheKey, bool priced = false, Lexicon? reading = null)
    {
        var weights = WeightsFor(candidates, cacheKey);
        var query = Prepare(text, _synonyms, QueryGerman(weights, text), Siblings, OwnStopWords, reading);
        for (var i = 0; i < query.Words.Length; i++)
        {
            if (!Lexicon.IsStopWord(query.Words[i], query.Reading) && candidates.Count > 0 && weights.Candidates.Any(c => Best(query, i, c) > 0) && !Known(query, i, weights.Candidates)) return query.Words[i];
        }

        if (query.German is not null)
        {
            return null;
        }

        // "someone under 24": a pronoun names no kind of the thing after it (that read as a narrower kind of "under" and
        // sent "what does a passport cost for someone under 24" to the appointment booking; AdjacentContentWords).
        foreach (var (modifier, head, last) in AdjacentContentWords(text, query))
        {
            if (!weights.Candidates.Any(c => Best(query, modifier, c) > 0) && weights.Candidates.Any(c => Best(query, head, c) > 0)) return query.Words[modifier];
            // "how much is a car wash?": the courtesy car's price answered it (know10). Only the thing's last word, only of
            // a price ("how long does a passport take" ends in a verb).
            if (priced && last && weights.Candidates.Any(c => Best(query, modifier, c) > 0) && !Known(query, head, weights.Candidates)) return query.Words[head];
        }

        return null;
    }

    // True when a candidate has the query's i-th word (Best), and, for a compound matched only by its head ("Reisepass"
    // in "Kinderreisepass"), when one has a form of its modifier too.
    private static bool Known(Prepared query, int i, Prepared[] candidates)
    {
        var best = candidates.Select(c => Best(query, i, c)).DefaultIfEmpty(0).Max();
        if (best == 0) return false;
        if (best >= StemMatch) return true;
        var word = query.Words[i];
        var heads = candidates.SelectMany(c => c.Words).Where(h => h.Length >= 4 && word.Length - h.Length >= 4 && word.EndsWith(h, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (heads.Count == 0) return !OnlyModifierKnown(word, candidates);
        return heads.Any(h => WordConcepts.ModifierForms(word[..^h.Length]).Any(m => candidates.Any(c => c.Words.Any(x => Match(m, x, english: false) > 0))));
    }

    // A compound the candidates have the modifier of and not the head: "Hundespielzeug" is a toy, and texts that speak of
    // dogs ("Hunde") never of toys do not speak of it ("verkauft ihr Hundespielzeug?" got the diet-food passage, which
    // says "verkaufen"). The head is had by any word match or an everyday synonym ("Hundefutter": "Diätfutter").
    private static bool OnlyModifierKnown(string word, Prepared[] candidates)
    {
        var had = candidates.SelectMany(c => c.Words).ToHashSet(StringComparer.Ordinal);
        var modifierKnown = false;
        foreach (var (modifier, head) in WordConcepts.CompoundSplits(word))
        {
            if (!WordConcepts.ModifierForms(modifier).Any(had.Contains)) continue;
            modifierKnown = true;
            var concepts = WordConcepts.Of(head);
            if (had.Any(x => Match(head, x, english: false) > 0 || (concepts != UInt128.Zero && (WordConcepts.Of(x) & concepts) != UInt128.Zero))) return false;
        }

        return modifierKnown;
    }

    /// <summary>
    /// For each candidate, whether it has a content word of <paramref name="text"/> by the same word match as
    /// <see cref="Unmatched"/> (without everyday synonyms when <paramref name="synonyms"/> is false: "insurance" is not
    /// named by "covered"); null when the text has no content word.
    /// </summary>
    internal bool[]? Mentions(string text, IReadOnlyList<string> candidates, string? cacheKey, Lexicon? reading = null, bool synonyms = true)
    {
        var weights = WeightsFor(candidates, cacheKey);
        var query = Prepare(text, _synonyms, QueryGerman(weights, text), Siblings, OwnStopWords, reading);
        var content = Enumerable.Range(0, query.Words.Length).Where(i => !Lexicon.IsStopWord(query.Words[i], query.Reading)).ToList();
        return content.Count == 0 ? null : [.. weights.Candidates.Select(c => content.Any(i => Best(query, i, c, synonyms) > 0))];
    }

    /// <summary>
    /// The thing a question asks about — the first content word after a possessive ("is my dog covered?", "ist mein
    /// Hund mitversichert?") — when no candidate has it and each other word that candidates have, at least half of them
    /// have ("covered", which every section of a travel insurance's cover says), not counting a word they have only an
    /// everyday synonym of: the texts speak of what is said of everything, never of the thing. The word before the
    /// possessive counts as none where the texts say it of another thing ("register my dog": they say "register your
    /// address"). Null otherwise ("where can I park my car?": "parking" is one section's).
    /// </summary>
    internal string? UnknownSubject(string text, Lexicon lexicon, IReadOnlyList<string> candidates, string? cacheKey, Lexicon? reading = null)
    {
        var tokens = UtteranceText.JoinHyphenated(UtteranceText.Normalize(text)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        reading = OwnStopWords ? reading ?? Lexicon.Reading(text) : null;
        if (OwnThing(tokens, lexicon.IsPossessive, reading) is not var (subject, after))
        {
            return null;
        }

        var weights = WeightsFor(candidates, cacheKey);
        var query = Prepare(text, _synonyms, QueryGerman(weights, text), Siblings, OwnStopWords, reading);
        var at = Array.IndexOf(query.Words, UtteranceText.Fold(subject));
        if (at < 0 || weights.Candidates.Any(c => Best(query, at, c) > 0))
        {
            return null;
        }

        // "how do I register my dog": the texts say "register your address", so registering places no question of another
        // thing; the list of what to bring answered, as it says "what do I need to register my address?" (lexical, know13).
        var verb = after > 0 && !Lexicon.IsStopWord(tokens[after - 1], reading) ? UtteranceText.Fold(tokens[after - 1]) : null;
        var takesAnother = verb is not null && candidates.Any(c => UtteranceText.Tokens(c).Select(UtteranceText.Fold).ToArray() is var t
            && Enumerable.Range(0, Math.Max(0, t.Length - 1)).Any(j => Match(verb, t[j], english: query.German is null) > 0 && (lexicon.IsPossessive(t[j + 1]) || lexicon.IsArticle(t[j + 1]))));

        // A word placed only by an everyday synonym places nothing: "is theft from my car covered" — the texts say
        // "stolen" of luggage, never a word of the car.
        for (var i = 0; i < query.Words.Length; i++)
        {
            var having = weights.Candidates.Count(c => Best(query, i, c, concepts: false) > 0);
            if (having > 0 && having * 2 < weights.Candidates.Length && !(takesAnother && query.Words[i] == verb))
            {
                return null;
            }
        }

        return query.Words[at];
    }

    /// <summary>
    /// The user's own thing a question names: the first content word after the writer's possessive ("is my dog covered?":
    /// "dog"; "does it pay if my flight is delayed": "flight"; not "your address", the business's), or null.
    /// </summary>
    internal string? OwnThing(string text, Lexicon lexicon, Lexicon? reading = null) =>
        OwnThing(UtteranceText.JoinHyphenated(UtteranceText.Normalize(text)).Split(' ', StringSplitOptions.RemoveEmptyEntries), lexicon.IsSpeakerPossessive, OwnStopWords ? reading ?? Lexicon.Reading(text) : null)?.Thing;

    private static (string Thing, int Possessive)? OwnThing(string[] tokens, Predicate<string> possessive, Lexicon? reading)
    {
        var after = Array.FindIndex(tokens, possessive);
        return after >= 0 && tokens.Skip(after + 1).FirstOrDefault(w => !Lexicon.IsStopWord(w, reading)) is { } thing ? (thing, after) : null;
    }

    /// <summary>
    /// Why <paramref name="text"/> scores what it does against candidate <paramref name="index"/> (bench diagnostics):
    /// each word of either side with its weight and how well the other side matches it, the word and trigram parts.
    /// </summary>
    internal string Explain(string text, IReadOnlyList<string> candidates, int index, string? cacheKey, int own = int.MaxValue)
    {
        var weights = WeightsFor(candidates, cacheKey, own);
        var query = Prepare(text, _synonyms, QueryGerman(weights, text), Siblings, OwnStopWords);
        var candidate = weights.Candidates[index];
        var matches = weights.Candidates.Select(c => Matches(query, c)).ToArray();
        var scale = UnknownScale(text, query, matches);
        string Side(Prepared from, Prepared to, double[]? factor) => string.Join(" ", from.Words.Select((w, i) =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{w}:{weights.Of(w) * (factor?[i] ?? 1):F2}x{Best(from, i, to):F1}")));
        var (coveredA, totalA) = Covered(query, candidate, weights, matches[index], scale);
        var (coveredB, totalB) = Covered(candidate, query, weights);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Score(query, candidate, weights, _queryCoverage, matches[index], scale):F3} = words {WordOverlap(query, candidate, weights, matches[index], scale):F2} (q {coveredA:F2}/{totalA:F2}, c {coveredB:F2}/{totalB:F2}) + tri {TrigramDice(query.Trigrams, candidate.Trigrams):F2} | q[{Side(query, candidate, scale)}] c[{Side(candidate, query, null)}]");
    }

    /// <summary>Similarity of two utterances in [0, 1], every word weighted alike.</summary>
    public static double Score(string a, string b) => Score(Prepare(a, true, null, true, false), Prepare(b, true, null, true, false), Weights.Uniform, queryCoverage: false);

    private static double Score(Prepared query, Prepared candidate, Weights weights, bool queryCoverage, double[]? matches = null, double[]? scale = null)
    {
        if (query.Normalized.Length == 0 || candidate.Normalized.Length == 0)
        {
            return 0;
        }

        if (query.Normalized == candidate.Normalized)
        {
            return 1;
        }

        if (queryCoverage)
        {
            return (WordWeight * WordCoverage(query, candidate, weights, matches, scale)) + ((1 - WordWeight) * TrigramCoverage(query.Trigrams, candidate.Trigrams));
        }

        return (WordWeight * WordOverlap(query, candidate, weights, matches, scale)) + ((1 - WordWeight) * TrigramDice(query.Trigrams, candidate.Trigrams));
    }

    // Symmetric weighted coverage: how much of the query the candidate explains, and how much of the candidate the query says.
    private static double WordOverlap(Prepared a, Prepared b, Weights weights, double[]? matches = null, double[]? scale = null)
    {
        if (a.Words.Length == 0 || b.Words.Length == 0)
        {
            return 0;
        }

        var (coveredA, totalA) = Covered(a, b, weights, matches, scale);
        var (coveredB, totalB) = Covered(b, a, weights);
        return (coveredA + coveredB) / (totalA + totalB);
    }

    // How much of the query the candidate explains (weighted by rarity), ignoring what else the candidate says.
    private static double WordCoverage(Prepared query, Prepared candidate, Weights weights, double[]? matches = null, double[]? scale = null)
    {
        if (query.Words.Length == 0 || candidate.Words.Length == 0)
        {
            return 0;
        }

        var (covered, total) = Covered(query, candidate, weights, matches, scale);
        return covered / total;
    }

    // The weight of the words of one utterance that the other matches, and the weight of all its words.
    private static (double Covered, double Total) Covered(Prepared from, Prepared to, Weights weights, double[]? matches = null, double[]? scale = null)
    {
        double covered = 0, total = 0;
        for (var i = 0; i < from.Words.Length; i++)
        {
            var w = weights.Of(from.Words[i]) * (scale?[i] ?? 1);
            total += w;
            covered += w * (matches?[i] ?? Best(from, i, to));
        }

        return (covered, total);
    }

    // How well the i-th word of one utterance is matched by any word of the other (concepts: by an everyday synonym too).
    private static double Best(Prepared from, int i, Prepared to, bool concepts = true)
    {
        var best = 0.0;
        for (var j = 0; j < to.Words.Length && best < 1; j++)
        {
            var match = Match(from.Words[i], to.Words[j], english: from.German is null);
            if (match == TypoMatch && BothWritten(from, i, to, j))
            {
                match = Match(from.Words[i], to.Words[j], english: from.German is null, typos: false);
            }
            if (concepts && match < ConceptMatch && OneConcept(from, i, to, j))
            {
                match = ConceptMatch;
            }

            if (from.German is { } a && to.German is { } b && match < StemMatch && !GermanStemmer.VerbAndInflectedApart(from.Words[i], to.Words[j]))
            {
                match = Math.Max(match, GermanMatch(a, i, b, j));
            }

            best = Math.Max(best, match);
        }

        return best;
    }

    // Two words the candidates both write are two words, never one a typo of the other: "right now" is not "last night",
    // "a week later" not "water the plants", "come out blank" not "promo code" (lexical: each sent an in-scope request to
    // an out-of-scope example). The candidates' words stand for the language's: a word they write is a real word.
    private static bool BothWritten(Prepared from, int i, Prepared to, int j) =>
        (from.Vocabulary ?? to.Vocabulary) is { } written && written.Contains(from.Words[i]) && written.Contains(to.Words[j]);

    // Words of one everyday group; two compounds only by their heads (WordConcepts.HeadOf): "Handynetz" (no signal) is
    // no "Telefonnummer" (asking the number), though both name a phone, and "in meiner Straße gibt es kein Handynetz"
    // was turned away by "wie ist eure Telefonnummer". A compound and a word of its own still match by the modifier
    // ("Kündigungsfrist"/"kündigen"), as a compound part does (GermanMatch).
    private static bool OneConcept(Prepared from, int i, Prepared to, int j)
    {
        var shared = from.Concepts[i] & to.Concepts[j];
        return shared != UInt128.Zero
            && (from.Heads[i] == WordConcepts.NoCompound || to.Heads[j] == WordConcepts.NoCompound || (shared & from.Heads[i] & to.Heads[j]) != UInt128.Zero);
    }

    // German words of one stem ("storniert"/"Stornierung"), or one a part of the other's compound ("Reservierung" in
    // "Tischreservierung", "Kündigung" in "Kündigungsfrist").
    private static double GermanMatch(GermanWords a, int i, GermanWords b, int j)
    {
        var (x, y) = (a.Stems[i], b.Stems[j]);
        if (x.Length >= 4 && x == y)
        {
            return StemMatch;
        }

        return (y.Length >= 4 && a.Parts[i].Contains(y)) || (x.Length >= 4 && b.Parts[j].Contains(x)) ? CompoundMatch : 0;
    }

    /// <summary>
    /// 1 for the same word, less for a shared stem, a compound part or one typo, 0 otherwise. <paramref name="english"/>:
    /// read without German morphology, where a shared prefix is a stem only before English endings.
    /// </summary>
    private static double Match(string x, string y, bool english, bool typos = true)
    {
        if (x == y)
        {
            return 1;
        }

        // "anderen" is no form, nor a typo, of "ändern" (GermanStemmer.VerbAndInflectedApart).
        if (!english && GermanStemmer.VerbAndInflectedApart(x, y))
        {
            return 0;
        }

        if (EnglishStemmer.TimeUnitAdjective(x, y))
        {
            return StemMatch;
        }

        var shorter = Math.Min(x.Length, y.Length);
        // "dog"/"dogs", "car"/"cars": a short word's plural is the word ("how much is a dog?" found no text that says "dogs").
        if (shorter == 3 && (x.Length > y.Length ? x == y + "s" : y == x + "s"))
        {
            return StemMatch;
        }

        // "pni"/"pin": a three-letter word with two neighbours swapped after its first letter; any other edit of so short
        // a word makes another word ("bill"/"bil" aside, "car"/"cat").
        if (typos && shorter == 3 && x.Length == 3 && y.Length == 3 && x[0] == y[0] && TypoCorrection.NeighboursSwapped(x, y) && !x.Any(char.IsDigit))
        {
            return TypoMatch;
        }

        if (shorter < 4 || FinalYApart(x, y))
        {
            return 0;
        }

        var common = 0;
        while (common < shorter && x[common] == y[common])
        {
            common++;
        }

        // Same stem, different ending: book/booking, cancel/cancelled, bestellen/bestellung. Only endings make forms of one
        // word: "which planet is the biggest" started the phone bot's plan upgrade ("planet" read as "plan"), and German
        // "der Pullover passt nicht" was near "wie ändere ich mein Passwort" (a compound part is matched below, weaker).
        if (common >= 4 && common >= shorter - 1 && Math.Max(x.Length, y.Length) - common <= 4
            && (english ? EnglishStemmer.OnlyEndingsApart(x, y, common) || HeadsCompound(x, y, common) : GermanStemmer.OnlyEndingsApart(x, y, common)))
        {
            // A verb and a particle verb of two everyday groups are two words: "sendback" (returning) is no form of
            // "send" (shipping), though "checkout" is one of "check".
            return EnglishStemmer.ParticleApart(x, y) && WordConcepts.TwoKnownWords(x, y) ? 0 : StemMatch;
        }

        // Compound part (German above all): adresse/lieferadresse, konto/kontostand. Not a German verb and the same verb
        // with a prefix that makes another one: "offene Stellen" (jobs) is nothing ordered ("bestellen").
        if (shorter >= 5 && (x.EndsWith(y, StringComparison.Ordinal) || y.EndsWith(x, StringComparison.Ordinal) || common == shorter)
            && (english || !(GermanStemmer.PrefixedVerb(x, y) || GermanStemmer.PrefixedVerb(y, x))))
        {
            return CompoundMatch;
        }

        // A number one digit off is another number ("2025"/"2026", a code), never a typo.
        // Two words of the everyday groups are written on purpose: "Abmeldung" is no typo of "Anmeldung", "tablet" none of "table".
        // A four-letter word with another first letter is another word ("wash"/"cash": "how much is a car wash?" got the
        // courtesy car's price, the garage's texts saying "cash"); a typo keeps a short word's first letter.
        if (typos && Math.Abs(x.Length - y.Length) <= 1 && (shorter > 4 || x[0] == y[0]) && !x.Any(char.IsDigit) && !y.Any(char.IsDigit)
            && (TypoCorrection.WithinOneEdit(x, y) || TypoCorrection.DoubleMoved(x, y)) && !WordConcepts.TwoKnownWords(x, y))
        {
            return TypoMatch;
        }

        // Forms of one English word whose shared prefix is too short for the rule above ("protected"/"protection").
        // Not "plane"/"plans": a four-letter stem is too short to tell ("how to make a paper plane" started the plan upgrade).
        return common >= 4 && EnglishStemmer.Stem(x) is var stem && stem == EnglishStemmer.Stem(y)
            && !(english && (stem.Length < 5 || EnglishStemmer.BareEApart(x, y))) ? StemMatch : 0;
    }

    // A four-letter English word whole before three letters or more heads a compound ("week"/"weekend": else "week" is
    // a word no clinic text knows, and "can I get a sick note for last week" went unanswered); "plan"/"planet" are two words.
    private static bool HeadsCompound(string x, string y, int common) =>
        common == 4 && Math.Min(x.Length, y.Length) == 4 && Math.Max(x.Length, y.Length) >= 7;

    // "policy"/"police", "story"/"store", "copy"/"cope": one length, and a final y where the other has another letter.
    // No ending makes one of the other (German verbs do: "storniere"/"storniert", which this leaves alone), so they are
    // two words, not a stem or a typo (lexical, know2: "how much does the policy cost?" got the lost-luggage passage by
    // "report a loss to the police").
    private static bool FinalYApart(string x, string y) =>
        x.Length == y.Length && (x[^1] == 'y') != (y[^1] == 'y') && x.AsSpan(0, x.Length - 1).SequenceEqual(y.AsSpan(0, y.Length - 1));

    private static double TrigramDice(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        var all = a.Values.Sum() + b.Values.Sum();
        return all == 0 ? 0 : 2.0 * CommonTrigrams(a, b) / all;
    }

    // Share of the query's trigrams found in the candidate.
    private static double TrigramCoverage(Dictionary<string, int> query, Dictionary<string, int> candidate)
    {
        var all = query.Values.Sum();
        return all == 0 ? 0 : (double)CommonTrigrams(query, candidate) / all;
    }

    private static int CommonTrigrams(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        var common = 0;
        foreach (var (gram, count) in a)
        {
            if (b.TryGetValue(gram, out var other))
            {
                common += Math.Min(count, other);
            }
        }

        return common;
    }

    // own: how many of the candidates, from the first, are the bot's own examples (the rest out-of-scope ones).
    private Weights WeightsFor(IReadOnlyList<string> candidates, string? cacheKey, int own = int.MaxValue)
    {
        own = Math.Clamp(own, 0, candidates.Count);
        if (cacheKey is null)
        {
            return Weights.From(candidates, _synonyms, Siblings, OwnStopWords, own);
        }

        // The same list again (UnknownThing asks of all the bot's texts 5-10 times a turn): found by its reference, without
        // joining every text into the key below.
        if (candidates.Count >= ByListMinimum && _byList.TryGetValue(candidates, out var last)
            && last.CacheKey == cacheKey && last.Own == own && last.Count == candidates.Count)
        {
            return last.Weights;
        }

        // The whole list is the key: one revision gives different lists (a step's interruptions, values left out when
        // several of the offered flows share them), and a list that only looked alike would score against the wrong candidates.
        var key = cacheKey + "\n" + own.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + string.Join('\u0001', candidates);
        if (!_weights.TryGetValue(key, out var weights))
        {
            if (_weights.Count >= MaxCachedCandidateSets)
            {
                _weights.Clear();
            }

            weights = _weights.GetOrAdd(key, _ => Weights.From(candidates, _synonyms, Siblings, OwnStopWords, own));
        }

        if (candidates.Count >= ByListMinimum)
        {
            _byList.AddOrUpdate(candidates, new ListWeights(cacheKey, own, candidates.Count, weights));
        }

        return weights;
    }

    // A rewrite of the words (the same array when nothing changes) applied to the normalized text too: under German
    // morphology the words are the clause's, not the normalized text's, so each needs its own pass.
    private static (string[] Words, string Normalized) Rewritten(string[] words, string normalized, Func<string[], string[]> rewrite)
    {
        var rewritten = rewrite(words);
        return ReferenceEquals(rewritten, words) ? (words, normalized)
            : (rewritten, string.Join(' ', rewrite(normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    // german: the stems the candidates' words have (a separable prefix is joined to a verb only into one of them);
    // null reads the text without German morphology.
    // ownStopWords: the function words of the text's own language are left out (reading's, when the caller knows it: a
    // question's thing alone, "organic waste bin", has no function word to tell).
    private static Prepared Prepare(string text, bool synonyms, IReadOnlySet<string>? german, bool siblings, bool ownStopWords, Lexicon? reading = null)
    {
        // "email" and "e-mail", "wifi" and "Wi-Fi" are one word (conv17: "how do I get email on my laptop?" got the
        // printing guide, as the guide on e-mail writes it with a hyphen).
        var normalized = UtteranceText.JoinHyphenated(UtteranceText.Normalize(text));
        var words = german is null ? normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries) : GermanClauseWords(UtteranceText.JoinHyphenated(text), german);

        // "do u have gluten free pizza": "u" is in no example or passage, so it would weigh as the rarest word there is.
        var chat = german is null ? Lexicon.English : Lexicon.German;
        (words, normalized) = Rewritten(words, normalized, w => Lexicon.ChatSpeakSpeltOut(w, chat));

        // "den Termin brauch ich nicht mehr" asks to cancel the appointment, not for one.
        (words, normalized) = Rewritten(words, normalized, w => Lexicon.NoLongerNeededAsCancel(w, chat));

        // "meinen offenen Saldo ausgleichen": an open amount is owed (paying), not an opening time.
        (words, normalized) = Rewritten(words, normalized, w => Lexicon.OpenAmountAsOwed(w, chat));

        // "I'd like to bring back a gadget" returns it: an English verb and its particle are one word of the everyday
        // groups ("bringback"), as a German separable verb is joined above (GermanClauseWords). So is an English text
        // among German ones (a flow's English description beside its German examples): read as German, "Send a product
        // back" was a sending, and "habt ihr meine Sachen schon losgeschickt" returned the things.
        if (german is null || LanguageDetector.Detect(text, Weights.Languages) == "en")
        {
            (words, normalized) = Rewritten(words, normalized, w => EnglishStemmer.ParticleVerbsJoined(w, WordConcepts.Knows));
        }

        // A text whose function words do not tell ("how much organic waste bin": "how" English, "bin" German) is read in
        // the candidates' language.
        var language = ownStopWords ? reading ?? Lexicon.Reading(text) ?? chat : null;
        var content = words.Where(w => !Lexicon.IsStopWord(w, language)).ToArray();
        var folded = UtteranceText.Fold(normalized);
        string[] kept = [.. (content.Length > 0 ? content : words).Select(UtteranceText.Fold).Distinct(StringComparer.Ordinal)];
        var concepts = kept.Select(w => synonyms ? WordConcepts.Of(w, siblings) : UInt128.Zero).ToArray();
        // "I need to be in Oslo on Monday" asks what "fly to London next week" does: a place's name is a value the request
        // carries, as a number or a day is (WordConcepts.Name), where a request is matched to examples.
        if (synonyms && siblings && german is null && NamesIn(text) is { Count: > 0 } names)
        {
            for (var k = 0; k < kept.Length; k++)
            {
                if (concepts[k] == UInt128.Zero && names.Contains(kept[k])) concepts[k] = WordConcepts.Name;
            }
        }

        var heads = kept.Select(w => synonyms ? WordConcepts.HeadOf(w, siblings) : WordConcepts.NoCompound).ToArray();
        return new Prepared(folded, kept, concepts, heads, Trigrams(folded), german is null ? null : GermanWords.Of(kept), language);
    }

    // The names of places in an English text: a word with a capital after a preposition of place inside a sentence, not
    // all in capitals ("fly to Dublin", "be in Oslo"; not "the Munich flight", where the name qualifies a thing, nor
    // "VPN"). German capitalizes every noun, so only English.
    private static HashSet<string> NamesIn(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!text.Any(char.IsUpper) || Lexicon.Reading(text) != Lexicon.English) return names;
        var raw = text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        for (var t = 1; t < raw.Length; t++)
        {
            var word = raw[t].Trim('"', '\'', '(', ')', ',', ';', ':', '.', '!', '?');
            if (word.Length < 2 || !char.IsUpper(word[0]) || word.All(c => !char.IsLetter(c) || char.IsUpper(c)) || !Lexicon.English.IsPlaceOrDirectionPreposition(raw[t - 1].ToLowerInvariant())) continue;
            var folded = UtteranceText.Fold(UtteranceText.Normalize(word));
            if (!Lexicon.IsStopWord(folded, Lexicon.English)) names.Add(folded);
        }

        return names;
    }

    // A message is read with German morphology when its candidates are (Weights.German), and when it is German itself
    // among candidates that are German only in part: a bilingual bot's passages, where "wann habt ihr zu" is "zuhaben"
    // (closing, as the opening-hours text's "geschlossen") only with "zu" joined to its verb. Its verbs are then joined
    // by the everyday groups' stems alone, and only German candidates have the stems German words are matched by.
    private static IReadOnlySet<string>? QueryGerman(Weights weights, string text) =>
        weights.German ?? (weights.SomeGerman && LanguageDetector.Detect(text, Weights.Languages) == "de" ? NoStems : null);

    private static readonly HashSet<string> NoStems = new(StringComparer.Ordinal);

    // The words clause by clause, each clause's final separable prefix joined to its verb where the joined stem is known
    // (the candidates' words or an everyday group's), and umlauts typed as "oe" read as "ö" where only that is known.
    // Stop words are still in, so "ab", "an", "zu" are seen.
    private static string[] GermanClauseWords(string text, IReadOnlySet<string> stems)
    {
        bool Known(string stem) => stems.Contains(stem) || WordConcepts.Knows(stem);
        return GermanStemmer.ClauseWords(text, clause => UtteranceText.Tokens(clause).Select(w => GermanStemmer.Umlauted(w, Known)), Known);
    }

    private static Dictionary<string, int> Trigrams(string text)
    {
        var padded = "  " + text + " ";
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            var gram = padded.Substring(i, 3);
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }

        return grams;
    }

    private sealed record ListWeights(string CacheKey, int Own, int Count, Weights Weights);

    // Reading: the language whose function words were left out; null for every language's.
    // Heads: each word's groups by its compound's head (WordConcepts.HeadOf).
    // Vocabulary: every word of the candidates, on a candidate (null on a message).
    private sealed record Prepared(string Normalized, string[] Words, UInt128[] Concepts, UInt128[] Heads, Dictionary<string, int> Trigrams, GermanWords? German, Lexicon? Reading)
    {
        public IReadOnlySet<string>? Vocabulary { get; init; }
    }

    /// <summary>German words' stems and the stems of their compound parts (<see cref="WordConcepts.CompoundSplits"/>).</summary>
    private sealed record GermanWords(string[] Stems, HashSet<string>[] Parts)
    {
        public static GermanWords Of(string[] words) => new([.. words.Select(w => Stem(w))], [.. words.Select(PartStems)]);

        public static string Stem(string word) => GermanStemmer.Stem(word, verbalNouns: true);

        private static HashSet<string> PartStems(string word)
        {
            var parts = new HashSet<string>(StringComparer.Ordinal);
            if (word.Length < 8)
            {
                return parts;
            }

            foreach (var (modifier, head) in WordConcepts.CompoundSplits(word))
            {
                parts.Add(Stem(head));
                parts.UnionWith(WordConcepts.ModifierForms(modifier).Select(Stem));
            }

            return parts;
        }
    }

    /// <summary>Inverse document frequency of words over one candidate set; unseen words weigh most.</summary>
    private sealed class Weights
    {
        public static readonly Weights Uniform = new([], new Dictionary<string, double>(StringComparer.Ordinal), 1, null);

        private readonly Dictionary<string, double> _idf;
        private readonly double _unseen;

        private Weights(Prepared[] candidates, Dictionary<string, double> idf, double unseen, IReadOnlySet<string>? german, bool someGerman = false)
        {
            Candidates = candidates;
            _idf = idf;
            _unseen = unseen;
            German = german;
            SomeGerman = someGerman;
        }

        /// <summary>True when a candidate is German, however many are not.</summary>
        public bool SomeGerman { get; }

        /// <summary>The stems of the candidates' words when most candidates are German (the message is read alike); else null.</summary>
        public IReadOnlySet<string>? German { get; }

        public Prepared[] Candidates { get; }

        public double Of(string word) => _idf.Count == 0 ? 1 : _idf.GetValueOrDefault(word, _unseen);

        public static Weights From(IReadOnlyList<string> candidates, bool synonyms, bool siblings, bool ownStopWords, int own)
        {
            var (german, someGerman) = GermanStems(candidates);
            var prepared = candidates.Select(c => Prepare(c, synonyms, german, siblings, ownStopWords)).ToArray();

            // A number in a flow's example stands for any number (WordConcepts.Number; a day and a place's name alike),
            // one in an out-of-scope example for none: "I need a room from Dec 18 to Dec 20" was near "what's 15 percent of 80" by its digits and the
            // hotel turned it away (lex12).
            foreach (var other in prepared.Skip(own))
            {
                for (var k = 0; k < other.Concepts.Length; k++)
                {
                    other.Concepts[k] &= ~(WordConcepts.Number | WordConcepts.Day | WordConcepts.Name);
                }
            }
            var df = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var words in prepared.Select(p => p.Words))
            {
                foreach (var word in words)
                {
                    df[word] = df.GetValueOrDefault(word) + 1;
                }
            }

            var vocabulary = df.Keys.ToHashSet(StringComparer.Ordinal);
            prepared = [.. prepared.Select(p => p with { Vocabulary = vocabulary })];
            var n = Math.Max(1, prepared.Length);
            var idf = df.ToDictionary(p => p.Key, p => Math.Log(1 + ((double)n / p.Value)), StringComparer.Ordinal);
            return new Weights(prepared, idf, Math.Log(1 + n), german, someGerman);
        }

        private static (HashSet<string>? Stems, bool Some) GermanStems(IReadOnlyList<string> candidates)
        {
            var languages = candidates.Select(c => LanguageDetector.Detect(c, Languages)).ToList();
            var some = languages.Contains("de");
            if (languages.Count(l => l == "de") <= languages.Count(l => l == "en"))
            {
                return (null, some);
            }

            return (GermanStemmer.KnownStems([.. candidates.Select(UtteranceText.JoinHyphenated)], Lexicon.German.IsNoVerb), some);
        }

        public static readonly string[] Languages = ["en", "de"];
    }
}
