namespace Chatbot.Dialogs.Understanding;

/// <summary>The answer inside a sentence: courtesy words peeled, frames that name or ask for a value, titles.</summary>
internal sealed partial class Lexicon
{
    /// <summary>
    /// The message without politeness and framing words at its edges ("two please" -> "two", "bitte abbrechen" ->
    /// "abbrechen"), normalised (<see cref="UtteranceText.Normalize"/>). The normalised message when nothing else is left.
    /// </summary>
    public string Peel(string? text) => string.Join(' ', Peel(Words(text), keepIfEmpty: true));

    /// <summary>
    /// True when the whole message takes every one of the things just named ("both", "all of them", "beide"; see
    /// <see cref="LexiconWords.AllOfThem"/>). English words work in every language, as for <see cref="Ordinal"/>.
    /// </summary>
    public bool MeansAll(string? text)
    {
        var words = Peel(text);
        return _words.AllOfThem.Contains(words) || (this != English && English._words.AllOfThem.Contains(words));
    }

    /// <summary>
    /// Like <see cref="Peel(string?)"/>, but keeps the remaining words as typed ("AB-123 please" -> "AB-123",
    /// "1,5 bitte" -> "1,5"), for values whose case and punctuation matter. The trimmed text when nothing else is left.
    /// </summary>
    public string PeelRaw(string? text)
    {
        var (tokens, words) = TypedWords(text);
        var (start, end) = PeelRange(words, _leadingByFirst, _trailingByLast);
        if (start >= end) return (text ?? "").Trim();
        return string.Join(' ', tokens[start..end]).TrimEnd(',', '!', '?', ';').Trim();
    }

    /// <summary>
    /// What a request is about, without the greeting, politeness and hedging around it ("Hi, could you please tell me
    /// where my parcel is? Thanks" -> "where my parcel is?"), as typed otherwise: for comparing a message with example
    /// utterances, where such a frame only dilutes the words that matter. The text unchanged when nothing is peeled or
    /// nothing would be left.
    /// </summary>
    public string Unframed(string text)
    {
        var (tokens, words) = TypedWords(text);
        var (start, end) = PeelRange(words, _leadingFramesByFirst, _trailingFramesByLast);
        if (start >= end || (start == 0 && end == tokens.Length)) return text;
        return string.Join(' ', tokens[start..end]).TrimStart(',', ':', ';', '.', '!', '-').TrimEnd(',', ':', ';').Trim();
    }

    /// <summary>
    /// Where a statement's subject stands: its words after the greeting and framing that open it and one article or
    /// possessive ("hi, my vpn keeps disconnecting" -> "vpn keeps disconnecting", "mein Laptop flackert" -> "laptop
    /// flackert"), normalised. Empty for a question ("my vpn keeps disconnecting, how do I fix it?").
    /// </summary>
    public string[] SubjectOnwards(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || IsQuestion(text) || text.Contains('?', StringComparison.Ordinal)) return [];
        var words = Words(Unframed(text));
        var start = words.Length > 1 && (_articles.Contains(words[0]) || _possessives.Contains(words[0])) ? 1 : 0;
        return words[start..];
    }

    /// <summary>
    /// True when a statement (no question) is the user's own account, opening with "I" / "ich" / "we" / "wir" ("I lost my
    /// suitcase in Madrid", "ich habe meinen Koffer verloren"), and asks nothing inside it ("I want to know whether …",
    /// "ich weiß nicht, wie …" name an asking word).
    /// </summary>
    public bool TellsOwnStory(string? text)
    {
        var words = SubjectOnwards(text);
        return words is [var first, _, _, ..] && _words.StorySubjects.Contains(first)
            && !words.Any(w => _words.AskingWords.Contains(w) || _words.InnerQuestionWords.Contains(w));
    }

    /// <summary>
    /// True when <paramref name="word"/> is the past participle (or English past) of <paramref name="verb"/>: "reported" of
    /// "report", "filed" of "file", "submitted" of "submit", "gemeldet" of "melden", "bestellt" of "bestellen".
    /// </summary>
    public bool IsPastOf(string word, string verb)
    {
        if (word.Length <= verb.Length - 2 || word == verb) return Fallback?.IsPastOf(word, verb) == true;
        var stems = _words.InfinitiveEndings.Where(e => verb.Length > e.Length + 2 && verb.EndsWith(e, StringComparison.Ordinal)).Select(e => verb[..^e.Length]).Append(verb);
        foreach (var stem in stems)
        {
            foreach (var prefix in _words.PastPrefixes)
            {
                foreach (var ending in _words.PastEndings)
                {
                    // "submitted": a last consonant doubled before the ending.
                    if (word == prefix + stem + ending || word == prefix + stem + stem[^1] + ending) return true;
                }
            }
        }
        return Fallback?.IsPastOf(word, verb) == true;
    }

    /// <summary>True when the word is the user telling of themselves ("I", "we", "ich", "wir"; <see cref="LexiconWords.StorySubjects"/>).</summary>
    public bool IsStorySubject(string word) => _words.StorySubjects.Contains(word) || Fallback?.IsStorySubject(word) == true;

    /// <summary>
    /// True when a statement tells of the user's own case: a subject with a verb of being or having ("we're students",
    /// "it's a special occasion", "wir haben keinen besonderen Anlass"), a part of the party ("2 of us are students",
    /// "zwei von uns sind Studenten"), or a yes or no it opens with ("ja, sehr dringend", "no special occasion", "keine Studenten"). Only such a
    /// statement answers a yes/no question by saying its word back; "insurance sounds expensive" is about insurance, not
    /// the user's wish.
    /// </summary>
    public bool StatesOwnCase(string? text)
    {
        var words = Words(text);
        if (words.Length == 0) return false;
        return _words.Yes.Contains(words[0], StringComparer.Ordinal) || _words.No.Contains(words[0], StringComparer.Ordinal) || _words.Negations.Contains(words[0])
            || _ownCaseLeads.Any(lead => Contains(words, lead)) || Fallback?.StatesOwnCase(text) == true;
    }

    /// <summary>
    /// True when a message points at one particular case: the user or what is theirs ("is my order on its way?", "I
    /// ordered last week", "wo ist unsere Lieferung?"), or a thing named as one both sides know ("has the order
    /// shipped?", "when will it arrive?"). "do you ship to Austria?", "how long does shipping take?" ask about the
    /// business in general.
    /// </summary>
    public bool PointsAtCase(string? text) =>
        UtteranceText.Tokens(text).Any(w => _words.CaseWords.Contains(w)) || Fallback?.PointsAtCase(text) == true;

    /// <summary>
    /// True when a message is written as a name or title: two words or more, and every word after the first that is no
    /// function word starts with a capital ("The Card Counter", "Lord of the Rings", "War and Peace"), without being all in
    /// capitals ("LOST CARD" is shouted). A request is not written so ("I lost my card"). Never in a language that
    /// capitalises every noun (German), where capitals mark no name.
    /// </summary>
    public bool ReadsAsTitle(string? text)
    {
        if (_words.CapitalisesNouns || string.IsNullOrWhiteSpace(text)) return false;
        var typed = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(UtteranceText.Bare).Where(t => t.Length > 0).ToList();
        if (typed.Count < 2) return false;
        var letters = string.Concat(typed).Where(char.IsLetter).ToList();
        if (letters.Count == 0 || letters.All(char.IsUpper)) return false;
        var rest = typed.Skip(1).Where(t => !StopWords.Contains(UtteranceText.Normalize(t))).ToList();
        return rest.Count > 0 && rest.All(t => !char.IsLower(t[0])) && rest.Any(t => char.IsUpper(t[0]));
    }

    /// <summary>
    /// The names or titles written inside a sentence ("reserve Dune at the north branch" -> "Dune", "can I renew The
    /// Hobbit" -> "The Hobbit", "Lord of the Rings"): runs of words that start with a capital, function words between
    /// them, never the sentence's first word, the pronoun "I", a word in capitals or with digits ("LIB123456"); also
    /// what stands in double quotes. As typed. Empty in a language that capitalises every noun (German), except quotes.
    /// </summary>
    public List<string> TitlesInside(string? text)
    {
        var found = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return found;
        foreach (System.Text.RegularExpressions.Match quoted in System.Text.RegularExpressions.Regex.Matches(text, "[\"“„]([^\"“”„]{1,200})[\"”“]", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            if (quoted.Groups[1].Value.Trim() is { Length: > 0 } inside) found.Add(inside);
        }
        if (found.Count > 0 || _words.CapitalisesNouns) return found;
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        bool Capital(int i) => i > 0 && !".!?".Contains(tokens[i - 1][^1], StringComparison.Ordinal) && UtteranceText.Bare(tokens[i]) is { Length: > 0 } w
            && char.IsUpper(w[0]) && !w.Any(char.IsDigit) && !(w.Length > 1 && w.All(c => !char.IsLetter(c) || char.IsUpper(c)))
            && UtteranceText.Normalize(w) is not ("i" or "i'm" or "i'd" or "i've" or "i'll");
        for (var i = 0; i < tokens.Length; i++)
        {
            // "I'm Ann and …": a name the user gives for themselves is no title.
            if (!Capital(i) || UtteranceText.Normalize(tokens[i - 1]) is "i'm" or "im" or "am") continue;
            var end = i;
            // Function words inside a title ("Lord of the Rings"), up to the next capitalised word; a comma or full stop ends it.
            for (var j = i + 1; j < tokens.Length && !",.;:!?".Contains(tokens[j - 1][^1], StringComparison.Ordinal); j++)
            {
                if (Capital(j)) end = j;
                else if (!StopWords.Contains(UtteranceText.Normalize(UtteranceText.Bare(tokens[j])))) break;
            }
            found.Add(string.Join(' ', tokens[i..(end + 1)].Select(UtteranceText.Bare)));
            i = end;
        }
        return found;
    }

    /// <summary>
    /// A free-text answer without a sentence around it that only names what is asked ("my name is Ann" -> "Ann", "Name:
    /// Ann", "meine Adresse ist Hauptstraße 5" -> "Hauptstraße 5"; at a name question also "I'm Ann", "ich heiße Ann"),
    /// as typed otherwise. The text unchanged when no such frame leads it or nothing would be left.
    /// </summary>
    public string AnswerOf(string text, string slot) =>
        FramedAnswer(text, slot, _nameFrames) ?? (AsksForDescription(slot) ? null : FramedValue(text)) ?? Fallback?.AnswerOf(text, slot) ?? text;

    /// <summary>
    /// The thing a message names inside a frame that only asks for it or says it is wanted (<see cref="LexiconWords.ValueFrames"/>:
    /// "do you have ibuprofen 400 in stock?" -> "ibuprofen 400", "is paracetamol available?", "I'd like Dune", "haben Sie
    /// Aspirin vorrätig?"), as typed: up to four words that open with an article, a possessive or a word that is no function
    /// word ("I need to go" and "I'd like that" frame nothing). A day after the thing ends it ("ibuprofen for tomorrow"), and
    /// so does a place after its first four words ("ibuprofen 400 at the market square"). Greetings and politeness around the
    /// frame are peeled. Null when no frame holds the whole message.
    /// </summary>
    public string? FramedValue(string? text)
    {
        var (tokens, words) = TypedWords(text);
        var (start, end) = PeelRange(words, _leadingFramesByFirst, _trailingFramesByLast);
        foreach (var frame in _valueFrames)
        {
            var hole = Array.IndexOf(frame, "#");
            var (from, to) = (start + hole, end - (frame.Length - hole - 1));
            if (to - from < 1 || !frame.AsSpan(0, hole).SequenceEqual(words.AsSpan(start, hole))
                || !frame.AsSpan(hole + 1).SequenceEqual(words.AsSpan(to, end - to))) continue;
            to = ThingEnd(words, from, to);
            if (to - from is < 1 or > 4) continue;
            if (StopWords.Contains(words[from]) && !_articles.Contains(words[from]) && !_possessives.Contains(words[from])) continue;
            var value = string.Join(' ', tokens[from..to]).Trim().TrimEnd('?', '.', '!', ',', ';', ':').Trim();
            if (value.Length > 0) return value;
        }
        return Fallback?.FramedValue(text);
    }

    /// <summary>
    /// The value after a frame that names the slot itself ("my name is Tom", "mein Name ist Tom", "ich heiße Tom" for
    /// a name slot, "my phone number is …"): an answer to that slot's question, wherever it is said. Null when no such
    /// frame leads the message ("I'm Tom" and "it's Tom" give a name only where a name is asked).
    /// </summary>
    public string? NamedAnswerOf(string text, string slot) => FramedAnswer(text, slot, _selfNamingFrames) ?? Fallback?.NamedAnswerOf(text, slot);

    private string? FramedAnswer(string text, string slot, string[][] nameFrames)
    {
        var (tokens, words) = TypedWords(text);
        // "hi, my name is Ann": a greeting before the frame goes with it.
        var (greeted, _) = PeelRange(words, _leadingFramesByFirst, null);
        foreach (var from in greeted == 0 ? [0] : new[] { 0, greeted })
        {
            if (from < tokens.Length && AnswerFrameLength(tokens, words, from, slot, nameFrames) is { } length && from + length < tokens.Length)
            {
                var answer = string.Join(' ', tokens[(from + length)..]).Trim().TrimEnd('.', '!', ',', ';').Trim();
                if (answer.Length > 0) return answer;
            }
        }
        return null;
    }

    private int? AnswerFrameLength(string[] tokens, string[] words, int from, string slot, string[][] nameFrames)
    {
        if (tokens[from].EndsWith(':') && words[from].Length > 0 && NamesSlot(words[from], slot)) return 1;
        if (slot.ToLowerInvariant().Split('_').Contains("name"))
        {
            foreach (var frame in nameFrames)
            {
                if (frame.Length <= words.Length - from && frame.AsSpan().SequenceEqual(words.AsSpan(from, frame.Length))) return frame.Length;
            }
        }
        foreach (var frame in _answerFrames)
        {
            var star = Array.IndexOf(frame, "*");
            var after = frame.Length - star - 1;
            if (star > words.Length - from || !frame.AsSpan(0, star).SequenceEqual(words.AsSpan(from, star))) continue;
            for (var named = 1; named <= 3 && from + star + named + after <= words.Length; named++)
            {
                if (frame.AsSpan(star + 1).SequenceEqual(words.AsSpan(from + star + named, after))
                    && NamesSlot(string.Join(' ', words[(from + star)..(from + star + named)]), slot))
                {
                    return star + named + after;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The value a request or an availability question asks for (<see cref="LexiconWords.ValueRequests"/>: "can you do
    /// monday?", "is friday free?", "do you have anything on monday?", "hätten Sie Montag was frei?"), as typed; null when
    /// no such frame holds the whole message (greetings and politeness at its edges peeled) or nothing is inside it.
    /// </summary>
    public string? AskedForValue(string? text) => Inside(_valueRequests, text) ?? Fallback?.AskedForValue(text);

    /// <summary>
    /// What the user says they do not know, have or find (<see cref="LexiconWords.UnknownThings"/>: "I don't know the
    /// tracking number", "I can't find my customer number", "no idea where do I find it", "ich finde die Nummer nicht"),
    /// as typed; null when no such frame holds the whole message. Whether it is what the step asks for, the caller decides.
    /// </summary>
    public string? UnknownThing(string? text) => Inside(_unknownThings, text) ?? Fallback?.UnknownThing(text);

    // The words a frame holds ("#" of one of the shapes), the whole message otherwise: greetings and politeness peeled.
    private string? Inside((string[] Before, string[] After)[] shapes, string? text)
    {
        var (tokens, words) = TypedWords(text);
        var (greeted, end) = PeelRange(words, _leadingFramesByFirst, _trailingByLast);
        foreach (var from in greeted == 0 ? [0] : new[] { 0, greeted })
        {
            foreach (var (before, after) in shapes)
            {
                var to = end - after.Length;
                if (to - from - before.Length < 1 || !before.AsSpan().SequenceEqual(words.AsSpan(from, before.Length))
                    || !after.AsSpan().SequenceEqual(words.AsSpan(to, after.Length))) continue;
                var value = string.Join(' ', tokens[(from + before.Length)..to]).Trim().TrimEnd('.', '!', '?', ',', ';').Trim();
                if (value.Length > 0) return value;
            }
        }
        return null;
    }

    private string[] Peel(string[] words, bool keepIfEmpty)
    {
        var (start, end) = PeelRange(words, _leadingByFirst, _trailingByLast);
        return start < end ? words[start..end] : keepIfEmpty ? words : [];
    }

    // Phrases by their first (or last) word, each group in the list's order (longest first): PeelRange compares only the
    // phrases that can match at an edge instead of every filler of the language (issue 19, perf25).
    private static Dictionary<string, string[][]> ByEdgeWord(string[][] phrases, bool first) =>
        phrases.Where(p => p.Length > 0).GroupBy(p => first ? p[0] : p[^1], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    // Leading and trailing fillers, repeatedly, longest first; empty tokens (punctuation) at the edges go too.
    private static (int Start, int End) PeelRange(string[] words, Dictionary<string, string[][]> leading, Dictionary<string, string[][]>? trailing)
    {
        var start = 0;
        var end = words.Length;
        for (var changed = true; changed && start < end;)
        {
            changed = false;
            if (words[start].Length == 0)
            {
                start++;
                changed = true;
                continue;
            }
            foreach (var filler in leading.GetValueOrDefault(words[start], []))
            {
                if (filler.Length <= end - start && filler.AsSpan().SequenceEqual(words.AsSpan(start, filler.Length)))
                {
                    start += filler.Length;
                    changed = true;
                    break;
                }
            }
        }
        for (var changed = true; changed && start < end;)
        {
            changed = false;
            if (words[end - 1].Length == 0)
            {
                end--;
                changed = true;
                continue;
            }
            foreach (var filler in trailing?.GetValueOrDefault(words[end - 1]) ?? [])
            {
                if (filler.Length <= end - start && filler.AsSpan().SequenceEqual(words.AsSpan(end - filler.Length, filler.Length)))
                {
                    end -= filler.Length;
                    changed = true;
                    break;
                }
            }
        }
        return (start, end);
    }

    /// <summary>
    /// True when the whole message gives no answer ("skip", "n/a", "none", "keine Angabe", "weiß nicht", "I don't know"):
    /// at a free-text question the answer_required pattern, not a description of "n/a".
    /// </summary>
    public bool IsNoAnswer(string? text)
    {
        var words = Words(text);
        if (words.Length == 0) return false;
        // Like the other whole phrases: politeness peeled ("sorry, can I skip this?"), articles and umlauts as typed.
        foreach (var content in WholeShapes(words))
        {
            if (_noAnswers.Contains(string.Join(' ', content))) return true;
        }
        return StepQuestionOf(text) == StepQuestion.DontKnow || Fallback?.IsNoAnswer(text) == true;
    }

    /// <summary>
    /// True when a word of the slot's name asks for the user's own account rather than a thing (<see
    /// cref="LexiconWords.DescriptionSlotWords"/>: <c>description</c>, <c>notes</c>, <c>booking_problem</c>,
    /// <c>beschreibung</c>): "I need a new battery" describes the problem, where at a medicine "I need" only says it is wanted.
    /// </summary>
    public bool AsksForDescription(string slot) =>
        slot.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries).Any(w => _descriptionSlotWords.Contains(UtteranceText.Fold(w)))
        || Fallback?.AsksForDescription(slot) == true;

    // Where the thing inside a value frame ends: before a day said after it ("ibuprofen for tomorrow", "Aspirin am
    // Montag"), or, when the frame holds more than four words, before a place after the first of them ("ibuprofen 400 at
    // the market square"; "Murder at the Vicarage" is four words and stays whole); without the function words left before it.
    private int ThingEnd(string[] words, int from, int to)
    {
        var end = to;
        for (var i = from + 1; i < to && end == to; i++)
        {
            if (IsDayWord(words[i])) end = i;
            else if (to - from > 4 && i <= from + 4 && _placeLeads.Contains(words[i])) end = i;
        }
        while (end < to && end > from + 1 && StopWords.Contains(words[end - 1])) end--;
        return end;
    }
}
