using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>The kind of fact a question asks for (<see cref="LexiconWords.FactQuestions"/>): what a passage must state to answer it.</summary>
internal enum AskedFact
{
    /// <summary>"how much is a late checkout", "was kostet ein Reisepass": an amount of money, or that it is free.</summary>
    Price,

    /// <summary>"what time is breakfast", "um wie viel Uhr": a time of day.</summary>
    TimeOfDay,

    /// <summary>"how long does a passport take", "wie lange dauert": a number of minutes, days, weeks.</summary>
    Duration,

    /// <summary>"until when can I check out", "bis wann muss ich mich anmelden": a time of day, a day or a period.</summary>
    Deadline,

    /// <summary>"what number do I call", "Telefonnummer": a phone number or an e-mail address.</summary>
    Contact,

    /// <summary>"where are you located?", "wo seid ihr?": an address (a street and a house number).</summary>
    Place,

    /// <summary>
    /// "what documents do I need", "welche Unterlagen brauche ich", "what should I bring": what to bring or show, which a
    /// sentence states by a verb of bringing or needing ("bring your ID card", "bringen Sie … mit").
    /// </summary>
    Documents,

    /// <summary>
    /// "when is the next paper collection", "wann kommt die Müllabfuhr": a time of day, a day or a date, as a deadline is
    /// stated. Looked for last: "when do you open" asks for a time of day, "what do I bring when I come" for what to bring.
    /// </summary>
    When,
}

/// <summary>
/// A question for a kind of fact, the words that say what it is asked of ("late checkout" in "how much is a late
/// checkout") and the words that ask for it ("how much").
/// </summary>
internal sealed record AskedQuestion(AskedFact Kind, string Subject, string Asks);

internal sealed partial class Lexicon
{
    // The kinds in the order they are looked for: "um wie viel Uhr" asks for a time, not for the price "wie viel" would;
    // "how much money do I need to bring" for a price, not for what to bring.
    private static readonly AskedFact[] FactOrder = [AskedFact.Contact, AskedFact.Place, AskedFact.Deadline, AskedFact.TimeOfDay, AskedFact.Duration, AskedFact.Price, AskedFact.Documents, AskedFact.When];

    private Regex? _factPatterns;

    /// <summary>
    /// The kind of fact a question asks for, by its words in any language with a lexicon ("how much", "was kostet", "bis
    /// wann"), with the rest of its words — what the fact is asked of, without weekdays and numbers ("what time is
    /// breakfast on saturday": breakfast). Null for a question that asks for no such fact ("can I bring my dog").
    /// </summary>
    public static AskedQuestion? AskedFactOf(string? question)
    {
        var words = Words(question).Select(UtteranceText.Fold).ToArray();
        foreach (var kind in FactOrder)
        {
            foreach (var lexicon in All)
            {
                foreach (var phrase in lexicon._words.FactQuestions.GetValueOrDefault(kind, []))
                {
                    var parts = Words(phrase).Select(UtteranceText.Fold).ToArray();
                    if (IndexOf(words, parts) is not (>= 0 and var at)) continue;
                    var rest = words.Where((w, i) => (i < at || i >= at + parts.Length) && !All.Any(l => l.NamesNoSubject(w)));
                    return new AskedQuestion(kind, string.Join(' ', rest), string.Join(' ', parts));
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The words of a question a text must have to answer it: of a question for a fact that the text states, only what
    /// the fact is asked of ("double" in "what is the price of a double?" to "double rooms … from 120 euros": the amount
    /// answers "price", which the text never says); when it names no thing, its words besides those that ask ("close"
    /// and "friday" in "what time do you close on friday"); else, or when the question names nothing but the fact
    /// ("what time is it?"; not a contact: "what is your phone number"), the whole question.
    /// </summary>
    public static string WordsToHave(string question, string text) => WordsToHave(question, AskedFactOf(question), [text]);

    /// <summary><see cref="WordsToHave(string, string)"/> when one of <paramref name="texts"/> states the fact <paramref name="asked"/> (<see cref="AskedFactOf"/> of the question).</summary>
    public static string WordsToHave(string question, AskedQuestion? asked, IEnumerable<string> texts)
    {
        if (asked is null || !texts.Any(t => States(asked.Kind, t))) return question;
        var thing = ThingOf(asked.Kind, question);
        var reading = Reading(question);
        if (Words(thing).Any(w => !IsStopWord(w, reading))) return thing;
        // "what time do you close on friday" names no thing, but more than the words that ask ("what time"): the text
        // must say "closed" and "friday" — not "time", which its clock times answer.
        var asks = Words(asked.Asks);
        var rest = string.Join(' ', Words(question).Select(UtteranceText.Fold).Where(w => !asks.Contains(w, StringComparer.Ordinal)));
        if (Words(rest).Any(w => !IsStopWord(w, reading))) return rest;
        // "what is your phone number", "where are you?": a contact and an address are the place's own, so the question
        // needs nothing but the number or the street; a price or a time is always of something ("what time is it?" is
        // not asked of the texts).
        return asked.Kind is AskedFact.Contact or AskedFact.Place ? "" : question;
    }

    // The question without the words that ask for this kind of fact (any phrase's: "how much", "cost", "price"), days
    // and numbers; a word that asks for another kind stays ("closed" in "what number do I call when you are closed?":
    // the text must say when).
    private static string ThingOf(AskedFact kind, string question)
    {
        var asking = All.SelectMany(l => l._words.FactQuestions.GetValueOrDefault(kind, [])).SelectMany(p => Words(p)).Select(UtteranceText.Fold).ToHashSet(StringComparer.Ordinal);
        return string.Join(' ', Words(question).Select(UtteranceText.Fold).Where(w => !asking.Contains(w) && !All.Any(l => l.NamesNoDay(w))));
    }

    /// <summary>
    /// The question a follow-up asks together with the question answered before it: after a question for a fact, the
    /// same kind of fact of what the follow-up names ("how much" "an inspection" for "and an inspection?" after "how much
    /// is an oil change?" — the oil change is no longer asked of); else both, the follow-up naming only what changes
    /// ("how do I get email on my phone and on my ipad?").
    /// </summary>
    public string FollowUpQuestion(string before, string? followUp)
    {
        if (AskedFactOf(before) is not { } asked) return before + " " + followUp;
        var words = Words(followUp);
        var opener = FollowUpOpenerLength(words);
        return asked.Asks + " " + string.Join(' ', words.Skip(opener));
    }

    /// <summary>
    /// A question for a fact that names nothing but a pronoun ("was kostet das?", "how long does it take?"), asked of
    /// <paramref name="thing"/> instead: the words that ask, then the thing ("was kostet Personalausweis beantragen").
    /// Null for any other question: one that names what it asks of keeps it, and a time of day, a contact or an address
    /// is the place's own ("what time do you close?", "what is your number?"), not the thing's; so are the way there and
    /// the hours, however asked ("how far is it?", "how late is it open?": <see cref="LexiconWords.PlaceFactWords"/>).
    /// </summary>
    public static string? AskedOf(string? question, string thing) =>
        AskedFactOf(question) is { Kind: AskedFact.Price or AskedFact.Duration or AskedFact.Deadline } asked && Words(asked.Subject).All(w => IsStopWord(w, Reading(question)))
            && !AsksOfThePlace(question) ? asked.Asks + " " + thing : null;

    /// <summary>
    /// "what's the difference between them?", "what are these?", "was ist der Unterschied zwischen denen?" at a question
    /// with fixed choices: a message that names the choices just offered by a pronoun and says nothing else but words that
    /// ask to tell them apart, and function words, asks about the choices themselves: <paramref name="choices"/> (their
    /// labels) is what it asks. Null otherwise ("are they open on Sundays?" asks more of them).
    /// </summary>
    public string? AskedOfChoices(string? question, string choices)
    {
        var words = Words(question);
        if (!words.Any(IsChoicePronoun)) return null;
        var comparing = words.Any(IsComparingWord);
        if (!comparing && !IsQuestion(question) && question?.TrimEnd().EndsWith('?') != true) return null;
        return words.All(w => IsChoicePronoun(w) || IsComparingWord(w) || StopWords.Contains(w) || _words.AskingWords.Contains(w)) ? choices : null;
    }

    /// <summary>
    /// The message with its idioms said plainly (<see cref="LexiconWords.Idioms"/>): "I'm so sick of these meetings" ->
    /// "i'm so fed up with these meetings", which a recognizer compares with the examples (the sick report's "I'm sick"
    /// took it, under both local recognizers); a need denied as the cancel it asks for (<see cref="NoLongerNeededAsCancel"/>:
    /// "we won't need the table after all" -> "we cancel the table", which the embedding model had put next to "book a
    /// table"). As typed when it has neither.
    /// </summary>
    public string Plain(string text)
    {
        var words = Words(text);
        var cancel = NoLongerNeededAsCancel(words, this);
        if (!ReferenceEquals(cancel, words)) return Plain(string.Join(' ', cancel));
        if (_words.Idioms.Count == 0 && Fallback is null) return text;
        var plain = new List<string>(words.Length);
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            // The longest idiom that starts here ("sick and tired of" before "sick and tired").
            var (length, meaning) = IdiomAt(words, i);
            if (length == 0)
            {
                plain.Add(words[i]);
                continue;
            }
            plain.Add(meaning!);
            i += length - 1;
            changed = true;
        }
        return changed ? string.Join(' ', plain) : text;
    }

    private (int Length, string? Meaning) IdiomAt(string[] words, int at)
    {
        var found = (Length: 0, Meaning: (string?)null);
        foreach (var (idiom, meaning) in _words.Idioms)
        {
            var parts = idiom.Split(' ');
            if (parts.Length > found.Length && at + parts.Length <= words.Length && words.AsSpan(at, parts.Length).SequenceEqual(parts)) found = (parts.Length, meaning);
        }
        return found.Length == 0 && Fallback is not null ? Fallback.IdiomAt(words, at) : found;
    }

    private bool IsChoicePronoun(string word) => _words.ChoicePronouns.Contains(word) || Fallback?.IsChoicePronoun(word) == true;

    private bool IsComparingWord(string word) => _words.ComparingWords.Contains(word) || Fallback?.IsComparingWord(word) == true;

    /// <summary>"how far is it?", "how late is it open?", "wie weit ist es?": the way there and the hours are the place's, whatever is being booked.</summary>
    internal static bool AsksOfThePlace(string? question) =>
        Words(question).Select(UtteranceText.Fold).Any(w => All.Any(l => l._words.PlaceFactWords.Any(p => UtteranceText.Fold(p) == w)));

    /// <summary>
    /// True when a follow-up (<see cref="IsFollowUp"/>) names a thing, not an action: "and an inspection?", "und für einen
    /// Kombi?" — not "and book an inspection" (a word before an article is a verb) or "and can you book me in?".
    /// </summary>
    public bool FollowUpNamesThing(string? text)
    {
        var words = Words(text);
        var rest = words[FollowUpOpenerLength(words)..];
        return rest.Length > 0 && !IsRequest(string.Join(' ', rest))
            && !(rest.Length > 1 && !IsStopWord(rest[0]) && (IsArticle(rest[1]) || IsPossessive(rest[1])));
    }

    // The number of words of the longest follow-up opener the message starts with ("and what about": 3), in this language or its fallback.
    private int FollowUpOpenerLength(string[] words) => _words.FollowUpOpeners.Select(o => Words(o)).Where(o => o.Length < words.Length && words.AsSpan(0, o.Length).SequenceEqual(o))
        .Select(o => o.Length).DefaultIfEmpty(Fallback?.FollowUpOpenerLength(words) ?? 0).Max();

    /// <summary>
    /// True when a sentence of a passage states a fact of that kind in any language with a lexicon: an amount with a
    /// currency or "free" (a price), a clock time, a number of days or hours (a duration), one of those or a weekday (a
    /// deadline), a phone number or an e-mail address (contact), a verb of bringing or needing (documents).
    /// </summary>
    public static bool States(AskedFact kind, string sentence) => kind switch
    {
        AskedFact.Deadline or AskedFact.When => States(AskedFact.TimeOfDay, sentence) || States(AskedFact.Duration, sentence)
            || Words(sentence).Any(w => All.Any(l => l.WeekdayIndex(w) >= 0)),
        _ => All.Any(l => Matches(l, kind, sentence)),
    };

    // Each match of the combined pattern is one fact of one kind ("70 Euro ... vier Wochen": a price, then a duration).
    private static bool Matches(Lexicon lexicon, AskedFact kind, string sentence)
    {
        for (var m = lexicon.FactPatterns().Match(sentence); m.Success; m = m.NextMatch())
        {
            if (m.Groups[kind.ToString()].Success) return true;
        }
        return false;
    }

    /// <summary>
    /// A word that asks for a fact in this language alone ("kostet", "dauert"): with a question mark, a sign the question
    /// is written in this language ("kostet roaming in spanien extra?" has no other function word than "in").
    /// </summary>
    internal bool IsOwnFactQuestionWord(string word) =>
        _words.FactQuestionWords.Contains(word, StringComparer.Ordinal) && !All.Any(l => l != this && l._words.FactQuestionWords.Contains(word, StringComparer.Ordinal));

    // Days ("on saturday", "tomorrow"), numbers and the words that name the kind of fact ("cost", "dauert") say nothing of what it is asked of.
    private bool NamesNoSubject(string word) => _words.FactQuestionWords.Any(f => UtteranceText.Fold(f) == word) || NamesNoDay(word);

    private bool NamesNoDay(string word) => WeekdayIndex(word) >= 0 || _relativeDays.ContainsKey(word) || word.All(char.IsDigit) || _numbers.ContainsKey(word);

    /// <summary>
    /// True when a sentence says what its section's own thing is: it opens with a word of the headings (after an article)
    /// and a verb such as "is" ("The excess is the deductible you pay yourself." under "Excess"). Its words name that
    /// thing as the headings do.
    /// </summary>
    public static bool Defines(string sentence, string heading)
    {
        var words = Words(sentence);
        var own = Words(heading);
        var at = words.Length > 0 && All.Any(l => l.IsArticle(words[0])) ? 1 : 0;
        return words.Length > at + 1 && own.Contains(words[at], StringComparer.Ordinal) && All.Any(l => l._words.DefinitionVerbs.Contains(words[at + 1], StringComparer.Ordinal));
    }

    /// <summary>
    /// The question's words without those that only place its thing near the user (<see cref="LexiconWords.NearbyWords"/>,
    /// any language with a lexicon): what a passage must have every word of ("is there parking nearby?": "parking").
    /// </summary>
    public static string WithoutNearby(string question)
    {
        var words = Words(question).ToList();
        foreach (var phrase in All.SelectMany(l => l._words.NearbyWords).Select(p => Words(p)).OrderByDescending(p => p.Length))
        {
            for (int at; (at = IndexOf([.. words], phrase)) >= 0;) words.RemoveRange(at, phrase.Length);
        }
        return string.Join(' ', words);
    }

    /// <summary>True when a question opens with a word that asks the way to do or find something ("where do I find the reading?", "wie lese ich den Zähler ab?").</summary>
    public bool AsksTheWay(string? text) => IsQuestion(text) && Words(text) is [var first, ..] && _words.WayQuestionWords.Contains(first, StringComparer.Ordinal);

    /// <summary>
    /// How a question for the way to do something (<see cref="LexiconWords.WayToDoOpenings"/>) wants it done: the words
    /// right after its verb, up to the first function word ("how do I print double-sided": "double-sided"; "how do I
    /// connect remotely to the network": "remotely"). Null for any other question and when the verb has its object or
    /// nothing after it ("how do I print from my laptop", "how do I install the vpn"). The verb itself is no such word:
    /// users ask with everyday verbs the texts need not use ("how do I join the guest wifi" of "connect to the network").
    /// </summary>
    public string? WayToDo(string? text)
    {
        var words = Words(text);
        foreach (var opening in _wayToDoOpenings ??= [.. _words.WayToDoOpenings.Select(o => Words(o))])
        {
            if (words.Length <= opening.Length + 1 || !words.AsSpan(0, opening.Length).SequenceEqual(opening) || StopWords.Contains(words[opening.Length])) continue;
            var how = words.Skip(opening.Length + 1).TakeWhile(w => !StopWords.Contains(w)).ToList();
            return how.Count == 0 ? null : string.Join(' ', how);
        }
        return null;
    }

    private string[][]? _wayToDoOpenings;

    private static int IndexOf(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            if (words.AsSpan(i, phrase.Length).SequenceEqual(phrase)) return i;
        }
        return -1;
    }

    private Regex FactPatterns() => _factPatterns ??= BuildFactPatterns();

    private Regex BuildFactPatterns()
    {
        static string Either(IEnumerable<string> words) => string.Join('|', words.OrderByDescending(w => w.Length).Select(Regex.Escape));
        var signs = _words.Currencies.Where(c => !c.Any(char.IsLetter)).ToList();
        var currencyWords = _words.Currencies.Where(c => c.Any(char.IsLetter)).Concat(_words.MinorCurrencies).ToList();
        var numberWords = _numbers.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal)).Concat(_words.OneWords);
        var amount = $@"\d[\d.,']*\s*(?:{Either(signs)})|(?:{Either(signs)})\s*\d|\b\d[\d.,']*\s+(?:{Either(currencyWords)})\b|\b(?:{Either(_words.FreeOfCharge)})\b";
        // "37.50 EUR" is an amount, not half past 37: a time is not followed by a currency.
        var clock = $@"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b(?!\s*(?:{Either(_words.Currencies)}))|\b\d{{1,2}}\s*(?:{Either(_words.ClockWords)})\b|\b(?:{Either(_words.ClockWords.Where(w => w.Length > 4))})\b";
        // "unter 24 Jahren" is an age, not how long something takes.
        var age = _words.AgeBounds.Length == 0 ? "" : $@"(?<!\b(?:{Either(_words.AgeBounds)})\s+)";
        // "a five-minute walk": a number joined to its unit by a hyphen is a duration too.
        var duration = $@"{age}\b(?:\d+|{Either(numberWords)})(?:\s+(?:\p{{L}}+\s+)?|-)(?:{Either(_words.DurationUnits)})\b";
        // Six digits are a phone number too ("the on-call service on 116117"); a postcode has five.
        // "in an emergency call 112": a short number is one to call after a word that says so.
        var contact = $@"\+?\d[\d \-/()]{{4,}}\d|[\w.+-]+@[\w-]+\.[\w.]+|\b(?:{Either(_words.CallWords)})\s+\d{{3,5}}\b";
        // "12 Garden Street", "Werkstattweg 12" (a compound's end), "Hauptstr. 5": a street's name (capitalised) and a
        // house number, in the lexicon's order.
        var streets = Either(_words.StreetWords);
        var place = _words.HouseNumberFirst
            ? $@"\b\d{{1,4}}[a-z]?,?\s+(?-i:(?:\p{{Lu}}\p{{L}}+\s+){{1,3}})(?:{streets})\b"
            : $@"(?-i:\b\p{{Lu}}\p{{L}}+(?i:{streets}))\.?\s+\d{{1,4}}[a-z]?\b";
        // "Bring your ID card", "Zur Anmeldung bringen Sie … mit", "they need a signed authorisation": what to bring or show.
        var documents = $@"\b(?:{Either(_words.DocumentVerbs)})\b";
        return new Regex($"(?<Price>{amount})|(?<TimeOfDay>{clock})|(?<Duration>{duration})|(?<Contact>{contact})|(?<Place>{place})|(?<Documents>{documents})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
