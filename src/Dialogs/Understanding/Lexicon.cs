namespace Chatbot.Dialogs.Understanding;

/// <summary>A question about the conversation itself rather than an answer (see <see cref="LexiconWords.StepQuestions"/>).</summary>
internal enum StepQuestion
{
    /// <summary>"where was I?": the user lost track.</summary>
    WhereWasI,

    /// <summary>"why do you need that?": the user asks why the question is asked.</summary>
    WhyAsked,

    /// <summary>"what sizes do you have?", "was gibt es?": the user asks which answers a question with fixed choices takes.</summary>
    Options,

    /// <summary>"what?", "sorry?", "wie bitte?", a lone "?" or emoji: the user did not catch the question.</summary>
    Repeat,

    /// <summary>"I don't know", "where do I find it?", "keine Ahnung": the user cannot answer without help.</summary>
    DontKnow,

    /// <summary>"go back", "previous question", "zurück": the user wants the question before this one again.</summary>
    GoBack,

    /// <summary>"what do you need from me?", "was brauchen Sie von mir?": the user asks what the bot still needs for what they are doing.</summary>
    Needs,
}

/// <summary>Small talk that gets a reply of its own (see <see cref="LexiconWords.SmallTalk"/>).</summary>
internal enum SmallTalkKind
{
    /// <summary>"thanks", "danke".</summary>
    Thanks,

    /// <summary>"bye", "tschüss".</summary>
    Goodbye,
}

/// <summary>
/// The words of one language that the engine and every recognizer read the same way: yes/no, the global commands
/// (cancel, help, handoff, start over, chit-chat), number words and relative dates. One instance per language
/// (<see cref="For"/>); English and German are built in, other languages use English. English commands and yes/no
/// are also understood in every other language ("stop", "ok").
/// </summary>
/// <remarks>
/// Matching is deliberately narrow: a command matches the whole utterance once politeness and framing words are
/// peeled off its edges ("please cancel", "I want to talk to a human", "bitte abbrechen"), never a single word inside
/// an unrelated sentence ("I'm done here", "talk to you later", "Cancel Culture"). A few unambiguous multi-word phrases
/// ("talk to a human", "start over") may also stand inside a longer message, and start over or handoff may be one clause
/// of it ("this is useless, agent"), except where the whole message is the answer to a free-text question.
/// </remarks>
internal sealed partial class Lexicon
{
    private readonly Dictionary<string, bool> _yesNo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CommandKind> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SmallTalkKind> _smallTalk = new(StringComparer.Ordinal);
    private readonly List<(string[] Words, CommandKind Kind)> _phrasesInside = [];
    private readonly Dictionary<string, StepQuestion> _stepQuestions = new(StringComparer.Ordinal);
    private readonly List<(string[] Words, StepQuestion Question)> _stepQuestionShapes = [];
    private readonly string[][] _dontHaveFillers;
    private readonly List<string[]> _changeShapes = [];
    private readonly List<string[]> _cancelShapes = [];
    private readonly List<string[]> _changeToShapes = [];
    private readonly List<string[]> _slotStatementShapes = [];
    private readonly List<string[]> _nameStatementShapes = [];
    private readonly (string[] Before, string[] After)[] _valueRequests;
    private readonly (string[] Before, string[] After)[] _unknownThings;
    private System.Text.RegularExpressions.Regex? _joiners;
    private System.Text.RegularExpressions.Regex? _cancelJoiners;

    // Every joiner as one pattern, built once per language (it was built again per joiner and call, and under heavy load
    // the 100 ms timeout of those fresh regexes fired and the whole turn ended in an error). Longest joiners first, so at
    // the leftmost joiner the longest one there is taken ("and also" over "and"), as the loop over them did.
    private System.Text.RegularExpressions.Regex Joiners => _joiners ??= JoinerPattern(_words.RequestJoiners);

    // After a cancel phrase "then" joins too ("cancel this then book a new one"); between two requests it does not split
    // ("book a table then" is one).
    private System.Text.RegularExpressions.Regex CancelJoiners => _cancelJoiners ??= JoinerPattern([.. _words.RequestJoiners, .. _words.CancelJoiners]);

    private static System.Text.RegularExpressions.Regex JoinerPattern(IEnumerable<string> joiners) => new(
        @"(?<!\w)(?:" + string.Join('|', joiners.OrderByDescending(j => j.Length)
            .Select(j => System.Text.RegularExpressions.Regex.Escape(j).Replace(@"\ ", @"\s+", StringComparison.Ordinal))) + @")(?!\w)",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));
    private readonly string[][] _correctionOpeners;
    private readonly string[][] _itChanges;
    private readonly Dictionary<CommandKind, List<string>> _examples = [];
    private readonly string[][] _leading;
    private readonly string[][] _trailing;
    private readonly string[][] _answerFrames;
    private readonly string[][] _nameFrames;
    private readonly string[][] _valueFrames;
    private readonly string[][] _selfNamingFrames;
    private readonly string[][] _leadingFrames;
    private readonly string[][] _trailingFrames;
    // The four lists above as PeelRange looks them up: by the word a phrase starts (leading) or ends (trailing) with.
    private readonly Dictionary<string, string[][]> _leadingByFirst;
    private readonly Dictionary<string, string[][]> _trailingByLast;
    private readonly Dictionary<string, string[][]> _leadingFramesByFirst;
    private readonly Dictionary<string, string[][]> _trailingFramesByLast;
    private readonly HashSet<string> _placeLeads;
    private readonly HashSet<string> _descriptionSlotWords;
    // Every spelling of each everyday word for a slot name's word, and of each month name (this language's, then English's):
    // spelt out afresh per call, they were ~10 % of a warm turn's allocations on the sample bot (issue 19).
    private readonly Dictionary<string, string[]> _slotWordSpellings;
    private readonly string[][][] _monthSpellings;
    private readonly HashSet<string> _articles;
    private readonly HashSet<string> _possessives;
    private readonly string[][] _ownOrigins;
    private readonly string[][] _requestOpeners;
    private readonly HashSet<string> _decimalPoints;
    private readonly HashSet<string> _headNouns;
    private readonly Dictionary<string, int> _numbers;
    private readonly Dictionary<string, int> _relativeDays;
    private readonly string[] _weekdays;
    private readonly HashSet<string> _weekdayPrefixes;
    private readonly HashSet<string> _nothingToChange;
    private readonly HashSet<string> _noAnswers;
    private readonly string[] _peopleCountLeads;
    private readonly string[][] _ownCaseLeads;
    // NoLongerNeededAsCancel reads every message the local recognizers see: its words folded once, not on each call.
    private readonly HashSet<string> _needVerbsFolded;
    private readonly string[][] _noLongerWordsFolded;
    private readonly string[][] _noLongerPhrasesFolded;
    private readonly string[] _amountNounsFolded;
    private readonly string[][] _choiceExclusions;
    private readonly Dictionary<string, int> _peopleCounts;
    private readonly HashSet<string> _dayUnits;
    private readonly HashSet<string> _weekUnits;
    private readonly LexiconWords _words;
    private readonly Dictionary<string, string[]> _chatSpeak;
    private readonly (string[] Words, int Weeks)[] _weeks;
    private readonly Dictionary<string, string> _speltDayWords;

    private Lexicon(LexiconWords words)
    {
        Language = words.Language;
        YesTitle = words.YesTitle;
        NoTitle = words.NoTitle;
        // Every phrase is also known as typed without umlauts ("tschuess", "tschuss", "noe"): keyboards without them.
        _leading = [.. words.LeadingFillers.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        _trailing = [.. words.TrailingFillers.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        _answerFrames = [.. words.AnswerFrames.Select(f => f.Split(' '))];
        _nameFrames = [.. words.NameFrames.Select(f => f.Split(' ')).OrderByDescending(f => f.Length)];
        _selfNamingFrames = [.. words.SelfNamingFrames.Select(f => f.Split(' ')).OrderByDescending(f => f.Length)];
        _valueFrames = [.. words.ValueFrames.SelectMany(UtteranceText.Spellings).Select(f => f.Split(' ')).OrderByDescending(f => f.Length)];
        _placeLeads = new HashSet<string>(words.PlaceLeads, StringComparer.Ordinal);
        _descriptionSlotWords = new HashSet<string>(words.DescriptionSlotWords.Select(UtteranceText.Fold), StringComparer.Ordinal);
        _slotWordSpellings = words.SlotWords.ToDictionary(p => p.Key, p => p.Value.SelectMany(e => UtteranceText.Spellings(UtteranceText.Normalize(e))).ToArray(), StringComparer.Ordinal);
        _monthSpellings = [.. new[] { words.Months, LexiconWords.English.Months }.Select(names => names.Select(n => UtteranceText.Spellings(n.ToLowerInvariant()).ToArray()).ToArray())];
        _leadingFrames = [.. words.LeadingFrames.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        _trailingFrames = [.. words.TrailingFrames.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        _leadingByFirst = ByEdgeWord(_leading, first: true);
        _trailingByLast = ByEdgeWord(_trailing, first: false);
        _leadingFramesByFirst = ByEdgeWord(_leadingFrames, first: true);
        _trailingFramesByLast = ByEdgeWord(_trailingFrames, first: false);
        _articles = new HashSet<string>(words.Articles, StringComparer.Ordinal);
        _possessives = new HashSet<string>(words.Possessives, StringComparer.Ordinal);
        _ownOrigins = [.. words.OwnOrigins.Select(o => Words(o)).OrderByDescending(o => o.Length)];
        _requestOpeners = [.. words.RequestOpeners.Concat(words.PermissionOpeners).Select(o => Words(o)).Where(o => o.Length >= 2)];
        _decimalPoints = new HashSet<string>(words.DecimalPoints, StringComparer.Ordinal);
        _headNouns = new HashSet<string>(words.HeadNouns.Select(UtteranceText.Fold), StringComparer.Ordinal);
        foreach (var yes in words.Yes.SelectMany(Keys)) _yesNo.TryAdd(yes, true);
        foreach (var no in words.No.SelectMany(Keys)) _yesNo.TryAdd(no, false);
        foreach (var (kind, phrases) in words.Commands)
        {
            _examples[kind] = [.. phrases];
            foreach (var phrase in phrases.SelectMany(Keys)) _commands.TryAdd(phrase, kind);
        }
        foreach (var (talk, phrases) in words.SmallTalk)
        {
            _examples[CommandKind.Chitchat].AddRange(phrases);
            foreach (var phrase in phrases.SelectMany(Keys))
            {
                _commands.TryAdd(phrase, CommandKind.Chitchat);
                _smallTalk.TryAdd(phrase, talk);
            }
        }
        foreach (var (question, phrases) in words.StepQuestions)
        {
            foreach (var phrase in phrases)
            {
                // "what * do you have": one word of any kind where the star is (the thing asked about: sizes, colours).
                if (phrase.Contains('*', StringComparison.Ordinal))
                {
                    foreach (var shape in SpeltSplits(phrase.Replace("*", Wildcard, StringComparison.Ordinal))) _stepQuestionShapes.Add((Content(shape), question));
                }
                else
                {
                    foreach (var key in Keys(phrase)) _stepQuestions.TryAdd(key, question);
                }
            }
        }
        foreach (var phrase in words.ChangeRequests)
        {
            foreach (var shape in SpeltSplits(phrase.Replace("*", Wildcard, StringComparison.Ordinal))) _changeShapes.Add(Content(shape));
        }
        foreach (var phrase in words.CancelRequests)
        {
            foreach (var shape in SpeltSplits(phrase.Replace("*", Wildcard, StringComparison.Ordinal))) _cancelShapes.Add(Content(shape));
        }
        _changeToShapes = [.. words.ChangeToRequests.Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        _slotStatementShapes = [.. words.SlotStatements.Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        _nameStatementShapes = [.. words.NameStatements.Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        _needVerbsFolded = words.NeedVerbs.Select(UtteranceText.Fold).ToHashSet(StringComparer.Ordinal);
        _noLongerWordsFolded = [.. words.NoLongerWords.Select(p => Words(p).Select(UtteranceText.Fold).ToArray())];
        _noLongerPhrasesFolded = [.. words.NoLongerPhrases.Select(p => Words(p).Select(UtteranceText.Fold).ToArray())];
        _amountNounsFolded = [.. words.AmountNouns.Select(UtteranceText.Fold)];
        _valueRequests = FrameShapes(words.ValueRequests);
        _unknownThings = FrameShapes(words.UnknownThings);
        _correctionOpeners = [.. words.CorrectionOpeners.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        _itChanges = [.. words.ItChanges.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        foreach (var (kind, phrases) in words.PhrasesInside)
        {
            foreach (var phrase in phrases.SelectMany(SpeltSplits)) _phrasesInside.Add((Content(phrase), kind));
        }
        _numbers = new Dictionary<string, int>(words.Numbers, StringComparer.Ordinal);
        _relativeDays = new Dictionary<string, int>(words.RelativeDays, StringComparer.Ordinal);
        _weekdays = words.Weekdays;
        _weekdayPrefixes = new HashSet<string>(words.WeekdayPrefixes, StringComparer.Ordinal);
        _nothingToChange = new HashSet<string>(words.NothingToChange.Select(p => string.Join(' ', Words(p))), StringComparer.Ordinal);
        _noAnswers = new HashSet<string>(words.NoAnswerWords.SelectMany(Keys), StringComparer.Ordinal);
        _dontHaveFillers = [.. words.DontHaveFillers.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        _peopleCountLeads = [.. words.PeopleCountLeads.Select(UtteranceText.Normalize)];
        _ownCaseLeads = [.. words.OwnCaseLeads.SelectMany(SpeltSplits)];
        // Split once: the check runs for every word a day or a choice is read from.
        _choiceExclusions = [.. words.ChoiceExclusions.Select(phrase => phrase.Split(' '))];
        _peopleCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (phrase, count) in words.PeopleCounts) _peopleCounts.TryAdd(UtteranceText.Normalize(phrase), count);
        foreach (var form in words.CompanionForms)
        {
            foreach (var companion in words.Companions) _peopleCounts.TryAdd(UtteranceText.Normalize(string.Format(System.Globalization.CultureInfo.InvariantCulture, form, companion)), 2);
        }
        _dayUnits = new HashSet<string>(words.DayUnits, StringComparer.Ordinal);
        _weekUnits = new HashSet<string>(words.WeekUnits, StringComparer.Ordinal);
        _words = words;
        // "fuer", "moechte": typed without umlauts, a function word is still one (as content it outweighed the rest:
        // "termin fuer reisepass" got the documents answer, "termin für reisepass" the booking).
        // Folded too: the words of a question for a fact are read folded ("gibt es Rabatt für Studenten": "fur" was a word
        // no text has, and the student price was not sent).
        StopWords = new HashSet<string>(words.StopWords.Concat(words.LightVerbs).SelectMany(w => new[] { w, UtteranceText.SpeltOut(w), UtteranceText.Fold(w) }), StringComparer.Ordinal);
        _lightVerbs = new HashSet<string>(words.LightVerbs.Select(UtteranceText.Fold), StringComparer.Ordinal);
        _chatSpeak = words.ChatSpeak.ToDictionary(p => p.Key, p => p.Value.Split(' '), StringComparer.Ordinal);
        _weeks = [.. words.Weeks.Select(p => (p.Key.Split(' '), p.Value))];
        // "naechsten dienstag", "naechste woche": the words around a day typed without their umlauts (the day words
        // themselves: DayWord).
        _speltDayWords = words.WeekdayPrefixes.Concat(words.NextWeekdayPrefixes).Concat(words.LastWeekdayPrefixes)
            .Concat(words.Weeks.Keys).Concat(words.WeekDays.Keys).Concat(words.LaterWeekdayPrefixes.Keys).Concat(words.LaterWeekdaySuffixes.Keys)
            .Concat(words.MonthEnds.Keys).Concat(words.RelativeDays.Keys).Concat(words.NamedDays.Keys)
            .SelectMany(phrase => phrase.Split(' ')).Where(word => !word.All(char.IsAscii)).Distinct(StringComparer.Ordinal)
            .SelectMany(word => UtteranceText.Spellings(word).Skip(1).Select(spelt => (spelt, word)))
            .DistinctBy(p => p.spelt, StringComparer.Ordinal).ToDictionary(p => p.spelt, p => p.word, StringComparer.Ordinal);
        OutOfScopeExamples = words.OutOfScope;
    }

    /// <summary>Every language with a lexicon.</summary>
    public static IReadOnlyList<Lexicon> All => [English, German];

    /// <summary>Function words of this language (lower case): little meaning for matching, but they tell languages apart.</summary>
    public IReadOnlySet<string> StopWords { get; }

    private readonly HashSet<string> _lightVerbs;

    /// <summary>
    /// True for a function word that is no verb a separable prefix could belong to: all of <see cref="StopWords"/> but
    /// the light verbs ("gebe" in "ich gebe den Schlüssel ab" is the verb of "abgeben").
    /// </summary>
    internal bool IsNoVerb(string word) => StopWords.Contains(word) && !_lightVerbs.Contains(UtteranceText.Fold(word));

    /// <summary>Built-in examples of requests a bot is often asked but rarely built for (<see cref="LexiconWords.OutOfScope"/>).</summary>
    public IReadOnlyList<string> OutOfScopeExamples { get; }

    /// <summary>True when <paramref name="word"/> (lower case) is a function word in any language with a lexicon.</summary>
    public static bool IsStopWord(string word) => All.Any(l => l.StopWords.Contains(word));

    /// <summary>
    /// True when <paramref name="word"/> (lower case) is a function word of <paramref name="reading"/>, the language a
    /// text is written in (<see cref="Reading"/>); of any language when that is null. In English text "bin" and "fur"
    /// are things, not German's "ich bin" and "für".
    /// </summary>
    public static bool IsStopWord(string word, Lexicon? reading) => reading is null ? IsStopWord(word) : reading.StopWords.Contains(word);

    /// <summary>The lexicon of the language <paramref name="text"/> is clearly written in (<see cref="LanguageDetector.Detect"/>); null when that is unclear.</summary>
    public static Lexicon? Reading(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : LanguageDetector.Detect(text, Codes) is { } code ? For(code) : null;

    private static readonly string[] Codes = ["en", "de"];

    /// <summary>True when <paramref name="word"/> (lower case) names what a business offers in any language with a lexicon (<see cref="LexiconWords.OfferWords"/>).</summary>
    public static bool IsOfferWord(string word) => All.Any(l => l._words.OfferWords.Contains(word));

    /// <summary>
    /// The words (lower case) with chat-speak spelt out ("can u" -> "can you", "cu" -> "see you"): as
    /// <paramref name="language"/> reads it, else as another language does ("pls" is "bitte" in German, "please" in
    /// English). The same array when there is none.
    /// </summary>
    internal static string[] ChatSpeakSpeltOut(string[] words, Lexicon language)
    {
        if (!words.Any(w => All.Any(l => l._chatSpeak.ContainsKey(w))))
        {
            return words;
        }

        return [.. words.SelectMany(w => language._chatSpeak.GetValueOrDefault(w) ?? All.Select(l => l._chatSpeak.GetValueOrDefault(w)).FirstOrDefault(s => s is not null) ?? [w])];
    }

    /// <summary>
    /// The words (lower case) with a denied need read as a cancel: "den Termin brauch ich nicht mehr", "I don't need the
    /// appointment anymore" ask to cancel the appointment, though their other words are a booking's ("ich brauche einen
    /// Termin"). The need verb (<see cref="LexiconWords.NeedVerbs"/>) becomes <paramref name="language"/>'s cancel verb
    /// and the words that deny it go. The same array when the words say no such thing.
    /// </summary>
    internal static string[] NoLongerNeededAsCancel(string[] words, Lexicon language)
    {
        var w = language._words;
        if (w.CancelVerbs is not [var cancel, ..] || language._needVerbsFolded.Count == 0) return words;
        var folded = words.Select(UtteranceText.Fold).ToArray();
        var need = Array.FindIndex(folded, language._needVerbsFolded.Contains);
        if (need < 0) return words;
        var negation = Array.FindIndex(words, w.Negations.Contains);
        // "nicht mehr", "don't … anymore", "won't … after all": a negation, then a word that says it no longer holds;
        // "no longer", "doch nicht" by themselves.
        var (at, length) = negation >= 0 && FoldedPhrase(folded, language._noLongerWordsFolded, negation + 1) is { } after ? after
            : FoldedPhrase(folded, language._noLongerPhrasesFolded, 0) ?? (-1, 0);
        if (at < 0) return words;
        bool Denying(int i) => i == negation && at > negation || (i >= at && i < at + length);
        return Denying(need) ? words : [.. words.Select((x, i) => i == need ? cancel : x).Where((_, i) => !Denying(i))];
    }

    /// <summary>
    /// The words (lower case) with "open" before an amount read as owed (<see cref="LexiconWords.OpenForms"/>): "einen
    /// offenen Betrag" is a sum to pay, not an opening time. The same array when there is none.
    /// </summary>
    internal static string[] OpenAmountAsOwed(string[] words, Lexicon language)
    {
        var w = language._words;
        if (w.OwedWord is not { } owed) return words;
        string[]? read = null;
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (Array.IndexOf(w.OpenForms, words[i]) < 0) continue;
            var next = UtteranceText.Fold(words[i + 1]);
            if (language._amountNounsFolded.Any(noun => next.EndsWith(noun, StringComparison.Ordinal)))
            {
                read ??= [.. words];
                read[i] = owed;
            }
        }

        return read ?? words;
    }

    // The first of the phrases (folded) in the folded words at or after from: where it starts and how many words it has.
    private static (int At, int Length)? FoldedPhrase(string[] folded, string[][] phrases, int from)
    {
        foreach (var parts in phrases)
        {
            for (var i = from; i + parts.Length <= folded.Length; i++)
            {
                if (folded.AsSpan(i, parts.Length).SequenceEqual(parts)) return (i, parts.Length);
            }
        }

        return null;
    }

    /// <summary>English.</summary>
    public static Lexicon English { get; } = new(LexiconWords.English);

    /// <summary>German.</summary>
    public static Lexicon German { get; } = new(LexiconWords.German);

    /// <summary>The lexicon for a language or locale (<c>de</c>, <c>de-CH</c>); English for languages without one.</summary>
    public static Lexicon For(string? language)
    {
        // The code before the first '-' or '_' ("de-CH" -> "de"), read without splitting the string (every turn asks).
        var code = (language ?? "en").AsSpan();
        var cut = code.IndexOfAny('-', '_');
        return (cut < 0 ? code : code[..cut]).Equals("de", StringComparison.OrdinalIgnoreCase) ? German : English;
    }

    /// <summary>The language code (<c>en</c>, <c>de</c>).</summary>
    public string Language { get; }

    /// <summary>Title of the "yes" button of a confirmation.</summary>
    public string YesTitle { get; }

    /// <summary>Title of the "no" button of a confirmation.</summary>
    public string NoTitle { get; }

    /// <summary>True for a yes, false for a no, null when the whole message is neither ("yes please", "nein danke", "ok").</summary>
    public bool? YesNo(string? text)
    {
        var words = Words(text);
        if (words.Length == 0) return Sign(text);
        return LookupYesNo(Peel(words, keepIfEmpty: true)) ?? LookupYesNo(words) ?? Fallback?.YesNo(text);
    }

    /// <summary>
    /// True when the message, in every part of it ("nothing, it's fine", "nichts, passt schon"), says there is nothing to
    /// change: an answer to "What would you like to change?".
    /// </summary>
    public bool NothingToChange(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Split([',', '.', ';', '!'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => string.Join(' ', Peel(Words(part), keepIfEmpty: false)))
            .Where(key => key.Length > 0)
            .ToList();
        return (parts.Count > 0 && parts.All(_nothingToChange.Contains)) || Fallback?.NothingToChange(text) == true;
    }

    /// <summary>
    /// A yes or no that opens a longer answer ("no, a phone", "yes that's fine"): the answer and the words after it.
    /// Null when the message does not start with one.
    /// </summary>
    public (bool Yes, string After)? LeadingYesNo(string? text)
    {
        // The words after it as typed ("yes but make it 10:30" -> "but make it 10:30"): times, e-mails and numbers keep
        // their punctuation for the parser.
        var raw = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // The words of each of the first three pieces, read once (each length below looks at the first of them again).
        var pieces = new string[Math.Min(3, raw.Length)][];
        for (var i = 0; i < pieces.Length; i++) pieces[i] = Words(raw[i]);
        for (var take = pieces.Length; take >= 1; take--)
        {
            if (LookupYesNo(take == 1 ? pieces[0] : [.. pieces.Take(take).SelectMany(p => p)]) is { } yes)
            {
                return (yes, string.Join(' ', raw.Skip(take)).TrimStart(',', ';', ':', '.', '!', '-', ' '));
            }
        }
        return Fallback?.LeadingYesNo(text);
    }

    /// <summary>
    /// The global command the message states explicitly: the whole message (edges peeled) is one of the command
    /// phrases, or — unless <paramref name="wholeUtteranceOnly"/> — it contains an unambiguous phrase such as
    /// "talk to a human". Null for anything else. Only cancel, help, start over, handoff and chit-chat are returned.
    /// </summary>
    public CommandKind? Command(string? text, bool wholeUtteranceOnly = false)
    {
        var words = Words(text);
        if (words.Length == 0) return null;
        if (WholeCommand(words) is { } kind) return kind;
        if (CancelAfterNo(words, text!)) return CommandKind.Cancel;
        var clauses = ClauseCommands(text!);
        if (clauses is not null && OneKind(clauses) is { } all) return all;
        if (!wholeUtteranceOnly)
        {
            // Not in a clause that denies it: "printer says paper jam, start over doesn't help" tells what was tried.
            foreach (var part in text!.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries))
            {
                var said = Words(part);
                if (said.Any(_words.Negations.Contains)) continue;
                var content = Content(said);
                foreach (var (phrase, phraseKind) in _phrasesInside)
                {
                    if (Contains(content, phrase)) return phraseKind;
                }
            }
            // Start over or handoff as a clause of its own ("this is a mess, restart", "useless. agent please"); inside a
            // clause single words such as "agent" or "reset" are usually about something else ("the agent said it shipped").
            if (clauses?.FirstOrDefault(k => k is CommandKind.StartOver or CommandKind.Handoff) is { } clause) return clause;
        }
        return Fallback?.Command(text, wholeUtteranceOnly);
    }

    // "no, forget it", "nee, lass mal": a no that agrees with the cancel after it (the German trial got "not understood").
    // Not a negation that opens the message ("nicht abbrechen") or one inside the cancel phrase ("nein, doch nicht" at
    // "Do you want to cancel?" keeps the flow).
    private bool CancelAfterNo(string[] words, string text) =>
        !_words.Negations.Contains(words[0])
        && LeadingYesNo(text) is (false, { Length: > 0 } after) && Words(after) is { Length: > 0 } rest
        && (!rest.Any(_words.Negations.Contains) || _words.IdiomsWithNegation.Contains(string.Join(' ', Content(Peel(rest, keepIfEmpty: true)))))
        && WholeCommand(rest) == CommandKind.Cancel;

    /// <summary>
    /// "nicht abbrechen", "don't cancel", "bitte nicht abbrechen": a negation and then a cancel phrase as the whole message.
    /// The user says to go on, which is no request to cancel nor one for a flow that cancels something.
    /// </summary>
    public bool KeepGoing(string? text)
    {
        var words = Peel(Words(text), keepIfEmpty: false);
        return (words.Length >= 2 && _words.Negations.Contains(words[0]) && WholeCommand(words[1..]) == CommandKind.Cancel) || Fallback?.KeepGoing(text) == true;
    }

    /// <summary>
    /// A cancel phrase as the first clause of a longer message ("forget it, I want to report a problem", "vergiss es,
    /// wo ist meine Bestellung", "cancel this and check my ticket status"): the words after it, as typed. Null when the
    /// message does not open with one.
    /// </summary>
    public string? AfterLeadingCancel(string? text)
    {
        if (text is null) return null;
        var cut = text.IndexOfAny(ClauseBreaks);
        var rest = cut > 0 ? text[(cut + 1)..].Trim() : "";
        if (Words(rest).Length > 0 && WholeCommand(Words(text[..cut])) == CommandKind.Cancel) return rest;
        // "cancel this and check my ticket status": the cancel phrase joined to the request by a word ("and", "und dann",
        // "then").
        if (Around(CancelJoiners, text) is var (first, second) && WholeCommand(Words(first)) == CommandKind.Cancel) return second;
        return Words(rest).Length > 0 ? Fallback?.AfterLeadingCancel(text) : null;
    }

    /// <summary>True when a word of the text denies something ("not", "don't", "never", "nicht", "kein").</summary>
    public bool Negates(string? text) => Words(text).Any(_words.Negations.Contains);

    /// <summary>
    /// True when the text denies, or holds a one-word no ("no special occasion", "nope, not students", "nein"): a
    /// statement that says the question back with a no in it is a no, though "no" alone is no negation elsewhere ("no
    /// problem").
    /// </summary>
    public bool DeniesOrSaysNo(string? text) =>
        Negates(text) || Words(text).Any(w => w.Length > 1 && _words.No.Contains(w, StringComparer.Ordinal));

    /// <summary>
    /// True when the choice at <paramref name="at"/> of a clause's words is taken out of the answer by the words right
    /// before it ("not the harbour", "anything but central", "alles außer Hafen"), with only articles, possessives and
    /// place prepositions between. A denied verb further back is no exclusion: "it doesn't work with my laptop" names it.
    /// </summary>
    public bool ExcludesChoiceAt(IReadOnlyList<string> words, int at)
    {
        var end = at - 1;
        while (end >= 0 && _words.ChoiceExclusionFillers.Contains(words[end])) end--;
        if (end < 0) return false;
        foreach (var parts in _choiceExclusions)
        {
            var start = end - parts.Length + 1;
            if (start < 0) continue;
            var all = true;
            for (var k = 0; k < parts.Length && all; k++) all = words[start + k] == parts[k];
            if (all) return true;
        }
        return Fallback?.ExcludesChoiceAt(words, at) == true;
    }

    /// <summary>
    /// True when the words from <paramref name="from"/> up to <paramref name="to"/> only join two choices into a list
    /// ("central <em>and the</em> harbour", "Zentrale <em>oder</em> Hafen"): one joiner, articles and prepositions.
    /// </summary>
    public bool ListsChoices(IReadOnlyList<string> words, int from, int to)
    {
        var joiners = 0;
        for (var i = from; i < to; i++)
        {
            if (_words.ChoiceListJoiners.Contains(words[i])) joiners++;
            else if (!_words.ChoiceExclusionFillers.Contains(words[i])) return Fallback?.ListsChoices(words, from, to) == true;
        }
        return joiners == 1 || Fallback?.ListsChoices(words, from, to) == true;
    }

    /// <summary>
    /// A question of three words or more: it ends with a question mark or starts like one ("can I pay with PayPal",
    /// "gibt es eine Filiale in Berlin", "I have a question about my invoice"). Short answers ("no idea", "lots") and statements are not.
    /// </summary>
    public bool IsQuestion(string? text)
    {
        // "gibts Parkplätze?" is "gibt es Parkplätze?".
        var words = ChatSpeakSpeltOut(Words(text), this);
        if (words.Length < 3) return false;
        if (text!.TrimEnd().EndsWith('?')) return true;
        var said = string.Join(' ', words);
        if (_words.QuestionOpeners.Any(o => said.StartsWith(o + " ", StringComparison.Ordinal))) return true;
        return _words.QuestionStarts.Contains(words[0]) || Words(Unframed(text)) is [var first, ..] && _words.QuestionStarts.Contains(first)
            || VerbFirst(Unframed(text));
    }

    // "brauche ich einen Termin", "kostet die Anmeldung etwas": a verb before its subject (LexiconWords.VerbFirstSubjects).
    // A function word first is a conjunction or an adverb ("und ich", "dann ich"), unless it is a verb of needing or a
    // light one ("brauche ich …", "bekomme ich …"); a word set off by a comma is no verb of the clause ("super, ich nehme …").
    private bool VerbFirst(string text)
    {
        if (_words.VerbFirstSubjects.Length == 0) return false;
        var (tokens, words) = TypedWords(text);
        return words is [var verb, var subject, _, ..] && !char.IsPunctuation(tokens[0][^1])
            && (!StopWords.Contains(verb) || _needVerbsFolded.Contains(UtteranceText.Fold(verb)) || _lightVerbs.Contains(UtteranceText.Fold(verb)))
            && (_words.VerbFirstSubjects.Contains(subject) || verb.Length > 3 && verb.EndsWith('t') && _articles.Contains(subject));
    }

    /// <summary>
    /// "how long?", "wie lange?", "when exactly?": a question of one or two words, a question word first and a question
    /// mark last, which <see cref="IsQuestion"/> leaves out because "Market Square?" and "tomorrow?" are answers. Not
    /// "which one?", "welche?": at a choice that asks for the choices, which the reprompt shows. In any language with a
    /// lexicon: "wie lange?" in an English conversation is a question too, not a choice not on the list (the reply stays
    /// in the conversation's language).
    /// </summary>
    public bool IsShortQuestion(string? text) => All.Any(l => l.IsOwnShortQuestion(text));

    private bool IsOwnShortQuestion(string? text) =>
        Words(text) is { Length: 1 or 2 } words && text!.TrimEnd().EndsWith('?') && _words.AskingWords.Contains(words[0])
        && !words[0].StartsWith("which", StringComparison.Ordinal) && !words[0].StartsWith("welch", StringComparison.Ordinal);

    /// <summary>
    /// True when the message asks about something with a question word ("what's the weather tomorrow?", "wann habt ihr
    /// morgen offen?"), politeness peeled, and asks for no change ("what about tomorrow?" is a request).
    /// </summary>
    public bool AsksAbout(string? text) =>
        !IsRequest(text) && Words(Unframed(text ?? "")) is [var first, _, ..] && _words.AskingWords.Contains(first) || Fallback?.AsksAbout(text) == true;

    /// <summary>
    /// A question about the conversation as the whole message (politeness peeled off its edges): "where was I?", "why
    /// do you need that?", "wo waren wir?". Null for anything else, including sentences that merely start like one
    /// ("Why Not Ltd", "where was I born").
    /// </summary>
    public StepQuestion? StepQuestionOf(string? text)
    {
        var words = Words(text);
        // Only punctuation or emoji ("?", "🤔"): nothing to answer with, so the question again; a thumbs up is a yes.
        if (words.Length == 0) return string.IsNullOrWhiteSpace(text) || Sign(text) is not null ? null : StepQuestion.Repeat;
        // Also without a frame around it ("sorry, where were we?", "wo waren wir, bitte?").
        // (The unframed text is read only when a frame came off: the same text again finds nothing new.)
        var unframed = Unframed(text!);
        if ((StepQuestionIn(words) ?? (ReferenceEquals(unframed, text) ? null : StepQuestionIn(Words(unframed)))) is { } found) return found;
        // "hab ich grad nicht da", "I don't have it right now": the "I don't have it" without when and where.
        if (WithoutDontHaveFillers(words) is { } bare && StepQuestionIn(bare) == StepQuestion.DontKnow) return StepQuestion.DontKnow;
        return Fallback?.StepQuestionOf(text);
    }

    // The words without the DontHaveFillers (longest first); null when none was there or nothing else is left.
    private string[]? WithoutDontHaveFillers(string[] words)
    {
        if (_dontHaveFillers.Length == 0) return null;
        var kept = new List<string>(words.Length);
        for (var i = 0; i < words.Length;)
        {
            var filler = Array.Find(_dontHaveFillers, f => f.Length <= words.Length - i && f.AsSpan().SequenceEqual(words.AsSpan(i, f.Length)));
            if (filler is null) kept.Add(words[i++]);
            else i += filler.Length;
        }
        return kept.Count == words.Length || kept.Count == 0 ? null : [.. kept];
    }

    private StepQuestion? StepQuestionIn(string[] words)
    {
        foreach (var content in WholeShapes(words))
        {
            if (_stepQuestions.TryGetValue(string.Join(' ', content), out var question)) return question;
            foreach (var (shape, shaped) in _stepQuestionShapes)
            {
                if (FitsShape(shape, content)) return shaped;
            }
        }
        return null;
    }

    // The words fit the shape word for word, the wildcard standing for any one word.
    private static bool FitsShape(string[] shape, string[] words)
    {
        if (shape.Length != words.Length) return false;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] != Wildcard && shape[i] != words[i]) return false;
        }
        return true;
    }

    /// <summary>
    /// Thanks or a goodbye as the whole message, edges peeled ("thanks a lot!", "ok bye", "danke dir"); with both, the
    /// goodbye ("thanks, bye"). Null for any other message, including other small talk.
    /// </summary>
    public SmallTalkKind? SmallTalkOf(string? text)
    {
        SmallTalkKind? found = null;
        foreach (var clause in (text ?? "").Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Whole(Words(clause), _smallTalk) is not { } talk) continue;
            if (found is null || talk == SmallTalkKind.Goodbye) found = talk;
        }
        return found ?? Fallback?.SmallTalkOf(text);
    }

    /// <summary>
    /// The command each clause of a message of several clauses states as a whole (null for a clause that states none);
    /// clauses without words are left out. Null for a message of one clause.
    /// </summary>
    private List<CommandKind?>? ClauseCommands(string text)
    {
        var clauses = text.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (clauses.Length < 2) return null;
        var kinds = new List<CommandKind?>(clauses.Length);
        foreach (var clause in clauses)
        {
            var words = Words(clause);
            if (words.Length > 0) kinds.Add(WholeCommand(words));
        }
        return kinds;
    }

    /// <summary>
    /// The command of clauses that are each a command on their own, all of one kind ("never mind, forget it", "ok.
    /// cancel!"); small talk may ride along ("thanks, bye", "hi, help"). Null as soon as one clause is anything else.
    /// </summary>
    private static CommandKind? OneKind(List<CommandKind?> clauses)
    {
        CommandKind? found = null;
        foreach (var clause in clauses)
        {
            if (clause is not { } kind) return null;
            if (kind == CommandKind.Chitchat) found ??= kind;
            else if (found is { } other && other != CommandKind.Chitchat && other != kind) return null;
            else found = kind;
        }
        return found;
    }

    private static readonly char[] ClauseBreaks = [',', ';', '.', '!', '?'];

    // The words are a command phrase as a whole, with or without fillers around them ("please cancel that").
    private CommandKind? WholeCommand(string[] words) => Whole(words, _commands);

    // The phrase the whole message is, looked up in one of the phrase tables.
    private TValue? Whole<TValue>(string[] words, Dictionary<string, TValue> phrases)
        where TValue : struct
    {
        foreach (var content in WholeShapes(words))
        {
            if (phrases.TryGetValue(string.Join(' ', content), out var value)) return value;
        }
        return null;
    }

    // How a whole message may state a phrase: its content words with politeness and framing peeled off its edges
    // ("please cancel that"), and as they are ("ok thanks", all of it politeness). A phrase said again and again ("cancel
    // cancel cancel cancel", "stop! stop!") is said once, and louder: it was taken as the street at the address question.
    private IEnumerable<string[]> WholeShapes(string[] words)
    {
        if (words.Length == 0) yield break;
        var peeled = Content(Peel(words, keepIfEmpty: true));
        yield return peeled;
        yield return Content(words);
        if (Repeated(peeled) is { } once) yield return once;
    }

    // The phrase the words are two or more times over, nothing else between ("cancel cancel", "go back go back"); null otherwise.
    private static string[]? Repeated(string[] words)
    {
        for (var length = 1; length <= words.Length / 2; length++)
        {
            if (words.Length % length != 0) continue;
            var same = true;
            for (var i = length; i < words.Length && same; i++) same = words[i] == words[i - length];
            if (same) return words[..length];
        }
        return null;
    }

    /// <summary>
    /// A one-word command with one typo as the whole message (edges peeled): "cancle", "abbrechn", "hepl". Two
    /// neighbours swapped, or (commands of five letters or more) one letter missing or extra. Never one letter replaced
    /// by another: that is how real words and names sit next to commands ("cancer", "Hilde" for "hilfe", "hell").
    /// Null when the word is a known word of the lexicon or two kinds of command are that close. Small talk never.
    /// </summary>
    public CommandKind? MisspeltCommand(string? text)
    {
        var words = Content(Peel(Words(text), keepIfEmpty: true));
        if (words is not [var word] || word.Length < 4 || word.Any(char.IsDigit)) return Fallback?.MisspeltCommand(text);
        if (_commands.ContainsKey(word) || _yesNo.ContainsKey(word)) return null;
        CommandKind? found = null;
        foreach (var (phrase, kind) in _commands)
        {
            if (kind == CommandKind.Chitchat || phrase.Contains(' ', StringComparison.Ordinal)) continue;
            var near = word.Length == phrase.Length ? TypoCorrection.NeighboursSwapped(word, phrase) : phrase.Length >= 5 && TypoCorrection.WithinOneEdit(word, phrase);
            if (!near) continue;
            if (found is { } other && other != kind) return null;
            found = kind;
        }
        return found ?? Fallback?.MisspeltCommand(text);
    }

    /// <summary>
    /// What the user asks to change, without a new value, as the whole message (edges peeled): "change the address",
    /// "I want to change my email", "the size is wrong", "die Adresse ändern" -> its one to three words ("address").
    /// Null for anything else.
    /// </summary>
    public string? ChangeTarget(string? text) => ShapeTarget(_changeShapes, text) ?? Fallback?.ChangeTarget(text);

    /// <summary>
    /// What the user asks to cancel, as the whole message (edges peeled): "cancel my appointment", "stop the report",
    /// "meine Bestellung abbrechen" -> its one to three words ("appointment"). Null for anything else; whether the
    /// words name what is running is the engine's to decide.
    /// </summary>
    public string? CancelTarget(string? text) => ShapeTarget(_cancelShapes, text) ?? Fallback?.CancelTarget(text);

    // The one to three words a "*" shape stands for in the whole (peeled) message.
    private string? ShapeTarget(List<string[]> shapes, string? text)
    {
        var words = Content(Peel(Words(text), keepIfEmpty: true));
        foreach (var shape in shapes)
        {
            var star = Array.IndexOf(shape, Wildcard);
            var after = shape.Length - star - 1;
            var length = words.Length - shape.Length + 1;
            if (length is < 1 or > 3) continue;
            if (shape.AsSpan(0, star).SequenceEqual(words.AsSpan(0, star)) && shape.AsSpan(star + 1).SequenceEqual(words.AsSpan(words.Length - after)))
            {
                return string.Join(' ', words.AsSpan(star, length).ToArray());
            }
        }
        return null;
    }

    /// <summary>
    /// What the user asks to change and the new value, as the whole message (edges peeled): "change the quantity to 3",
    /// "the size should be large", "die Menge bitte auf 3 ändern" -> ("quantity", "3"). The target is one to three words
    /// without articles or possessives; the value is as typed. Null for anything else.
    /// </summary>
    public (string Target, string Value)? ChangeTo(string? text) => Shaped(_changeToShapes, text) ?? Fallback?.ChangeTo(text);

    /// <summary>
    /// A slot and its value stated as the whole message (<see cref="LexiconWords.SlotStatements"/>): "the title is Dune
    /// Messiah", "der Titel ist Momo" -> ("title", "Dune Messiah"); the target and value as in <see cref="ChangeTo"/>.
    /// </summary>
    public (string Target, string Value)? SlotStatement(string? text) => Shaped(_slotStatementShapes, text) ?? Fallback?.SlotStatement(text);

    /// <summary>
    /// Something and the name it is called by, as the whole message (<see cref="LexiconWords.NameStatements"/>): "the dog
    /// is called Bruno", "der Hund heißt Bruno" -> ("the dog", "Bruno"); the target and value as in <see cref="ChangeTo"/>.
    /// </summary>
    public (string Target, string Value)? NameStatement(string? text) => Shaped(_nameStatementShapes, text) ?? Fallback?.NameStatement(text);

    private (string Target, string Value)? Shaped(List<string[]> shapes, string? text)
    {
        var (tokens, words) = TypedWords(text);
        var (start, end) = PeelRange(words, _leadingByFirst, _trailingByLast);
        // A correction is a short sentence; a long message that happens to contain "to" is something else.
        if (end - start > 16) return null;
        foreach (var shape in shapes)
        {
            if (MatchChangeTo(shape, 0, tokens, words, start, end, null, null) is { } found) return found;
        }
        return null;
    }

    // A one-word trailing filler ("bitte", "please").
    private bool IsTrailingWord(string word)
    {
        foreach (var filler in _trailing)
        {
            if (filler.Length == 1 && filler[0] == word) return true;
        }
        return false;
    }

    // Matches shape[at..] against words[from..end): literals word for word, "*" one to three target words (four with
    // an article or possessive in front), "#" the value (one or more words, as typed).
    private (string Target, string Value)? MatchChangeTo(string[] shape, int at, string[] tokens, string[] words, int from, int end, string? target, string? value)
    {
        if (at == shape.Length) return from == end && target is not null && value is not null ? (target, value) : null;
        var part = shape[at];
        if (part is not ("*" or "#"))
        {
            // "bitte" between the parts ("die Menge bitte auf 3 ändern") is politeness, not a word of either.
            while (from < end && words[from] != part && IsTrailingWord(words[from])) from++;
            return from < end && words[from] == part ? MatchChangeTo(shape, at + 1, tokens, words, from + 1, end, target, value) : null;
        }
        for (var length = 1; from + length <= end; length++)
        {
            if (part == "*")
            {
                var named = words[from..(from + length)].Where(w => !_articles.Contains(w) && !_possessives.Contains(w)).ToArray();
                if (named.Length > 3) break;
                if (named.Length == 0) continue;
                if (MatchChangeTo(shape, at + 1, tokens, words, from + length, end, string.Join(' ', named), value) is { } found) return found;
            }
            else
            {
                var typed = string.Join(' ', tokens[from..(from + length)]).Trim().TrimEnd('.', '!', '?', ',', ';').Trim();
                if (typed.Length > 0 && MatchChangeTo(shape, at + 1, tokens, words, from + length, end, target, typed) is { } found) return found;
            }
        }
        return null;
    }

    /// <summary>True when the word means cancelling wherever it stands (<see cref="LexiconWords.CancelVerbs"/>).</summary>
    public bool IsCancelVerb(string word) => _words.CancelVerbs.Contains(word) || Fallback?.IsCancelVerb(word) == true;

    /// <summary>True for a word that cancels: a cancel verb ("stornieren") or the cancel command's own word ("cancel").</summary>
    public bool IsCancelWord(string word) => IsCancelVerb(word) || Command(word) == CommandKind.Cancel;

    /// <summary>
    /// True when a short message (up to six words) opens as a follow-up to what was just answered ("and on my iPad?",
    /// "what about the guest wifi?", "und auf dem iPad?"): it names only what changes.
    /// </summary>
    public bool IsFollowUp(string? text)
    {
        var words = Words(text);
        if (words.Length is < 2 or > 6) return false;
        var said = string.Join(' ', words) + " ";
        return _words.FollowUpOpeners.Any(o => said.StartsWith(o + " ", StringComparison.Ordinal) && said.Length > o.Length + 1) || Fallback?.IsFollowUp(text) == true;
    }

    /// <summary>
    /// The two sides of a message around the first word that joins two requests ("I want to renew my loan" / "reserve a
    /// book" of "I want to renew my loan and also reserve a book"), as typed, punctuation at the seam trimmed. Null when
    /// no such word stands between words.
    /// </summary>
    public (string First, string Second)? AroundJoiner(string text) => Around(Joiners, text);

    private static (string First, string Second)? Around(System.Text.RegularExpressions.Regex joiners, string text)
    {
        System.Text.RegularExpressions.Match match;
        try
        {
            match = joiners.Match(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // Only on a starved machine (the pattern is linear in the text): read as one request rather than fail the turn.
            return null;
        }
        // A language without joiners matches the empty alternation: no joiner.
        if (!match.Success || match.Length == 0) return null;
        char[] seam = [',', ';', '.', '!', '?', ' ', '-'];
        var first = text[..match.Index].Trim(seam);
        var second = text[(match.Index + match.Length)..].Trim(seam);
        return first.Length > 0 && second.Length > 0 ? (first, second) : null;
    }

    /// <summary>
    /// True when a message opens, after its greeting and framing, with an article or a possessive ("the product was
    /// broken", "my calls keep dropping", "die Lieferung kam nicht"): it tells about a thing rather than asks for something.
    /// </summary>
    public bool OpensWithThing(string text)
    {
        var words = Words(Unframed(text));
        return words.Length > 1 && (_articles.Contains(words[0]) || _possessives.Contains(words[0]));
    }

    /// <summary>True when the message says it replaces something ("… instead", "I'd rather …", "lieber …", "stattdessen").</summary>
    public bool SaysInstead(string? text) => Words(text).Any(w => _words.ChangeMarkers.Contains(w)) || Fallback?.SaysInstead(text) == true;

    /// <summary>
    /// A question whether the user may do something ("can I bring a friend to a class?", "darf ich einen Freund zum Kurs
    /// mitbringen?", politeness peeled): its verb ("bring", "mitbringen") and the words it is asked of ("a friend to a
    /// class"), without days, times and numbers, which say when or how many, not what about; when they leave only
    /// function words, the verb is asked of too ("can I check in at 10?": "check in", the check-in text, not breakfast until 10:30). Null
    /// for any other message, and for one with nothing after the verb.
    /// </summary>
    public (string Verb, string Asked)? AsksPermission(string? text)
    {
        var words = Words(text);
        var (start, _) = PeelRange(words, _leadingFramesByFirst, null);
        foreach (var opener in _words.PermissionOpeners.Select(o => Words(o)).OrderByDescending(o => o.Length))
        {
            if (words.Length - start < opener.Length + 2 || !words.AsSpan(start, opener.Length).SequenceEqual(opener)) continue;
            var after = WithoutOwnOrigins(words[(start + opener.Length)..]);
            if (after.Length < 2) continue;
            var (verb, asked) = _words.VerbLast ? (after[^1], after[..^1]) : (after[0], after[1..]);
            var undated = asked.Where(w => w.Length > 0 && !char.IsDigit(w[0]) && !NamesNoDay(w)).ToArray();
            if (undated.Length < asked.Length && undated.All(StopWords.Contains)) undated = _words.VerbLast ? [.. undated, verb] : [verb, .. undated];
            return (verb, string.Join(' ', undated));
        }
        return Fallback?.AsksPermission(text);
    }

    /// <summary>
    /// True when a text says the business does what a question of <see cref="AsksCapability"/> asks with
    /// <paramref name="verb"/>: the verb (any form) with the business as its doer near it ("we repair e-bikes", "we do not
    /// take cheques", "Hausbesuche machen wir"), or any text for a verb that only asks whether it has or offers a thing.
    /// </summary>
    public bool SaysItDoes(string verb, string text)
    {
        if (_words.HavingVerbs.Contains(verb)) return true;
        var stem = verb.Length > 4 ? verb[..Math.Max(4, verb.Length - 2)] : verb;
        var words = Words(text);
        for (var i = 0; i < words.Length; i++)
        {
            if (!words[i].StartsWith(stem, StringComparison.Ordinal)) continue;
            // "we sell", "we do not sell", "we also repair"; "machen wir", verb first.
            for (var j = Math.Max(0, i - 3); j <= Math.Min(words.Length - 1, i + 1); j++)
            {
                if (j != i && _words.BusinessSubjects.Contains(words[j])) return true;
            }
        }
        return false;
    }

    // The words without the phrases that say where a thing comes from ("food from outside": "food").
    private string[] WithoutOwnOrigins(string[] words)
    {
        var kept = new List<string>(words.Length);
        for (var i = 0; i < words.Length; i++)
        {
            var origin = _ownOrigins.FirstOrDefault(o => o.Length <= words.Length - i && words.AsSpan(i, o.Length).SequenceEqual(o));
            if (origin is null) kept.Add(words[i]);
            else i += origin.Length - 1;
        }
        return [.. kept];
    }

    /// <summary>
    /// True when the verb of a permission question (<see cref="AsksPermission"/>) asks to be given something ("get",
    /// "have", "book"; "bekommen", "buchen"): "can I get a later checkout?" asks for it, "can I bring my dog?" about a rule.
    /// </summary>
    public bool AsksToBeGiven(string verb) => _words.GivingVerbs.Contains(verb) || Fallback?.AsksToBeGiven(verb) == true;

    /// <summary>
    /// True when the verb of a question whether the business does something only asks whether it has or offers a thing
    /// ("do you have …", "do you offer …", "bietet ihr … an"), or asks for help: the thing asked of says what is wanted, not the verb.
    /// </summary>
    public bool AsksOnlyHaving(string verb) => _words.HavingVerbs.Contains(verb) || _words.HelpVerbs.Contains(verb) || Fallback?.AsksOnlyHaving(verb) == true;

    /// <summary>
    /// The complaint word of the message ("I want to complain about the last plumber", "I'd like to make a complaint",
    /// "ich möchte mich über den Monteur beschweren"), or null (<see cref="LexiconWords.ComplaintWords"/>).
    /// </summary>
    public string? Complains(string? text) => Words(text).FirstOrDefault(w => _words.ComplaintWords.Contains(w)) ?? Fallback?.Complains(text);

    /// <summary>
    /// True when the verb of a permission question only has the user come with something ("bring", "mitbringen"): "can I
    /// bring my cat?" asks whether the thing is welcome, which a text states without the verb ("dogs are welcome").
    /// </summary>
    public bool BringsAlong(string verb) => _words.DocumentVerbs.Contains(verb) || Fallback?.BringsAlong(verb) == true;

    /// <summary>
    /// A question whether the business does something, about things in general ("do you sell dog toys?", "can you pick up
    /// bikes?", "verkauft ihr Hundespielzeug?", "bietet ihr Hundepflege an?", politeness peeled): its verb and the words it
    /// is asked of, as <see cref="AsksPermission"/> gives them. Null for any other message, and for a request phrased as
    /// such a question: one that points at the user's own case ("can you cancel my appointment?", "can you book me a
    /// table?", <see cref="PointsAtCase"/>), names a day, a time or a number ("do you have a table tonight?"), or asks for
    /// help ("can you help with a broken printer?").
    /// </summary>
    public (string Verb, string Asked)? AsksCapability(string? text)
    {
        var words = ChatSpeakSpeltOut(Words(text), this);
        var (start, _) = PeelRange(words, _leadingFramesByFirst, null);
        string? verb = null;
        string[] asked = [];
        foreach (var opener in _words.CapabilityOpeners.Select(o => Words(o)).OrderByDescending(o => o.Length))
        {
            if (words.Length - start <= opener.Length || !words.AsSpan(start, opener.Length).SequenceEqual(opener)) continue;
            var after = words[(start + opener.Length)..].SkipWhile(w => _words.CapabilityFillers.Contains(w)).ToArray();
            if (after.Length >= 2) (verb, asked) = _words.VerbLast ? (after[^1], after[..^1]) : (after[0], after[1..]);
            break;
        }
        // "verkauft ihr auch Hundespielzeug?": the verb first, the business after it.
        if (verb is null && words.Length - start >= 3 && _words.CapabilityPronouns.Contains(words[start + 1]) && !_words.AskingWords.Contains(words[start]))
        {
            (verb, asked) = (words[start], words[(start + 2)..].SkipWhile(w => _words.CapabilityFillers.Contains(w)).ToArray());
        }
        if (verb is null || asked.All(StopWords.Contains)) return Fallback?.AsksCapability(text);
        if (_words.HelpVerbs.Contains(verb) || PointsAtCase(string.Join(' ', asked)) || asked.Any(w => w.Length > 0 && (char.IsDigit(w[0]) || NamesNoDay(w)))) return null;
        return (verb, string.Join(' ', asked));
    }

    /// <summary>
    /// True when a message asks for something rather than about it: it opens with a request ("can we do Wednesday?",
    /// "how about Friday?", politeness peeled) or says it replaces something ("Wednesday instead", "lieber Mittwoch").
    /// </summary>
    public bool IsRequest(string? text)
    {
        var words = Words(text);
        if (words.Any(w => _words.ChangeMarkers.Contains(w))) return true;
        var (start, _) = PeelRange(words, _leadingFramesByFirst, null);
        var said = string.Join(' ', words.Skip(start)) + " ";
        return _words.RequestOpeners.Any(o => said.StartsWith(o + " ", StringComparison.Ordinal)) || Fallback?.IsRequest(text) == true;
    }

    /// <summary>
    /// True when the word at <paramref name="at"/> is the verb of a request or permission opener that starts there ("may I
    /// get a copy", "can we …"): a modal, not a value that is spelt alike (the month May).
    /// </summary>
    public bool OpensRequestAt(IReadOnlyList<string> words, int at) =>
        _requestOpeners.Any(opener => at + opener.Length <= words.Count && opener.Select((w, k) => w == words[at + k]).All(same => same))
        || Fallback?.OpensRequestAt(words, at) == true;

    /// <summary>
    /// The words after a change that names no slot (<see cref="LexiconWords.ItChanges"/>: "make it The Hobbit", "actually,
    /// change it to The Hobbit", "nein, lieber Momo"), as typed; only a no, correction openers and fillers may come
    /// before it. Null otherwise, or when nothing follows.
    /// </summary>
    public string? ChangeOfIt(string? text)
    {
        var (tokens, words) = TypedWords(text);
        for (var start = 0; start < words.Length;)
        {
            if (_itChanges.FirstOrDefault(p => p.Length < words.Length - start && p.AsSpan().SequenceEqual(words.AsSpan(start, p.Length))) is { } change)
            {
                var rest = string.Join(' ', tokens[(start + change.Length)..]).Trim().TrimEnd('.', '!', '?', ',', ';').Trim();
                return rest.Length > 0 ? PeelRaw(rest) : null;
            }
            if (words[start].Length == 0 || (_yesNo.TryGetValue(words[start], out var yes) && !yes))
            {
                start++;
                continue;
            }
            if (_correctionOpeners.Concat(_leading).FirstOrDefault(p => p.Length <= words.Length - start && p.AsSpan().SequenceEqual(words.AsSpan(start, p.Length))) is not { } skipped) break;
            start += skipped.Length;
        }
        return Fallback?.ChangeOfIt(text);
    }

    /// <summary>
    /// The rest of a message that opens as a correction ("actually 3", "wait, I meant 3 laptops", "eigentlich drei"),
    /// without the opener and the fillers around it, as typed; null when no correction word opens it or nothing is left.
    /// </summary>
    public string? AfterCorrectionOpener(string? text)
    {
        var (tokens, words) = TypedWords(text);
        var start = 0;
        var opened = false;
        for (var changed = true; changed && start < words.Length;)
        {
            changed = false;
            if (words[start].Length == 0 || _yesNo.TryGetValue(words[start], out var yes) && !yes)
            {
                start++;
                changed = true;
                continue;
            }
            foreach (var (phrases, opener) in new[] { (_correctionOpeners, true), (_leading, false) })
            {
                if (phrases.FirstOrDefault(p => p.Length <= words.Length - start && p.AsSpan().SequenceEqual(words.AsSpan(start, p.Length))) is { } phrase)
                {
                    start += phrase.Length;
                    opened |= opener;
                    changed = true;
                    break;
                }
            }
        }
        if (!opened || start >= words.Length) return Fallback?.AfterCorrectionOpener(text);
        var rest = string.Join(' ', tokens[start..]).Trim().TrimEnd('.', '!', '?', ',', ';').Trim();
        return rest.Length > 0 ? PeelRaw(rest) : null;
    }

    /// <summary>
    /// True when <paramref name="target"/> (words of <see cref="ChangeTarget"/>) names the slot: a word of its name
    /// ("address" for <c>delivery_address</c>), the whole name, or an everyday word for a word of it ("Adresse").
    /// </summary>
    public bool NamesSlot(string target, string slot)
    {
        var nameWords = slot.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        var said = UtteranceText.Spellings(UtteranceText.Normalize(target)).ToList();
        if (said.Contains(string.Join(' ', nameWords)) || said.SelectMany(s => s.Split(' ')).Any(w => w.Length >= 4 && nameWords.Contains(w))) return true;
        foreach (var word in nameWords)
        {
            if (_slotWordSpellings.TryGetValue(word, out var everyday) && everyday.Any(said.Contains)) return true;
        }
        return Fallback?.NamesSlot(target, slot) == true;
    }

    /// <summary>Example utterances of a global command in this language, for recognizers that compare by similarity.</summary>
    public IReadOnlyList<string> Examples(CommandKind kind) => _examples.GetValueOrDefault(kind) ?? [];

    /// <summary>True for an article of this language ("a", "the", "ein", "eine"), in lower case.</summary>
    public bool IsArticle(string word) => _articles.Contains(word) || Fallback?.IsArticle(word) == true;

    /// <summary>
    /// True for an article that says "one of a kind" ("a", "an", "ein", "eine"): "borrow an e-book" names a kind of thing,
    /// never a title (English's one-articles; German's articles that are also the number one).
    /// </summary>
    public bool IsIndefiniteArticle(string word) =>
        (_words.OneArticles.Contains(word, StringComparer.Ordinal) || (_articles.Contains(word) && NumberWord(word) == 1)) || Fallback?.IsIndefiniteArticle(word) == true;

    /// <summary>A preposition of place ("in", "at", "im", "bei"), in lower case: what follows says where, not what.</summary>
    public bool IsPlacePreposition(string word) => _words.PlacePrepositions.Contains(word, StringComparer.Ordinal) || Fallback?.IsPlacePreposition(word) == true;

    /// <summary>A preposition of place or of a place one goes to or comes from ("in", "to", "from"): a name after it is a place's.</summary>
    public bool IsPlaceOrDirectionPreposition(string word) =>
        IsPlacePreposition(word) || _words.DirectionPrepositions.Contains(word, StringComparer.Ordinal) || Fallback?.IsPlaceOrDirectionPreposition(word) == true;

    /// <summary>A possessive determiner ("my", "meine").</summary>
    public bool IsPossessive(string word) => _possessives.Contains(word) || Fallback?.IsPossessive(word) == true;

    /// <summary>True for a possessive of the one who writes ("my", "unser"): the thing after it is the user's own.</summary>
    public bool IsSpeakerPossessive(string word) => _words.SpeakerPossessives.Contains(word, StringComparer.Ordinal) || Fallback?.IsSpeakerPossessive(word) == true;

    /// <summary>An everyday word that can follow a request's verb and is no title ("renew online", "später verlängern").</summary>
    public bool IsNoTitle(string word) => _words.NoTitles.Contains(word, StringComparer.Ordinal) || Fallback?.IsNoTitle(word) == true;

    /// <summary>True for a word that opens a clause against the one before ("but", "sondern"), in lower case.</summary>
    public bool IsClauseContrast(string word) => _words.ClauseContrasts.Contains(word) || Fallback?.IsClauseContrast(word) == true;

    /// <summary>True for a word after which a day is when something began ("since", "seit"), in lower case.</summary>
    public bool IsSince(string word) => _words.SinceWords.Contains(word) || Fallback?.IsSince(word) == true;

    /// <summary>True where the house number comes before the street ("12 Baker Street"), false where it follows ("Hauptstraße 5").</summary>
    public bool HouseNumberFirst => _words.HouseNumberFirst;

    /// <summary>
    /// True for a noun that makes the word before it a modifier ("number" in "phone number", "Hülle" in "Handy Hülle"):
    /// see <see cref="LexiconWords.HeadNouns"/>. <paramref name="word"/> is a normalised token; umlauts may be left out.
    /// </summary>
    public bool IsHeadNoun(string word) => _headNouns.Contains(UtteranceText.Fold(word)) || Fallback?.IsHeadNoun(word) == true;

    /// <summary>True for a word that ends a street name ("Street", "Rd.", "Hauptstraße", "Gartenweg").</summary>
    public bool IsStreetWord(string word)
    {
        var key = UtteranceText.Normalize(word);
        return key.Length > 0 && (_words.StreetWords.Contains(key)
            || (Language == "de" && _words.StreetWords.Any(s => s.Length >= 3 && key.Length > s.Length + 2 && key.EndsWith(s, StringComparison.Ordinal)))
            || Fallback?.IsStreetWord(word) == true);
    }

    /// <summary>
    /// A yes or no given as an emoji alone ("👍", "👍🏽", "👌", "👎"), as Teams and phone users answer; null for anything else.
    /// Skin tones and the emoji presentation selector are ignored.
    /// </summary>
    private static bool? Sign(string? text)
    {
        var signs = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '\uFE0F').ToArray());
        foreach (var tone in SkinTones) signs = signs.Replace(tone, "", StringComparison.Ordinal);
        if (signs.Length == 0) return null;
        if (YesSigns.Any(s => signs.Replace(s, "", StringComparison.Ordinal).Length == 0)) return true;
        if (NoSigns.Any(s => signs.Replace(s, "", StringComparison.Ordinal).Length == 0)) return false;
        return null;
    }

    private static readonly string[] YesSigns = ["\U0001F44D", "\U0001F44C", "\u2705", "\u2714", "\u2611"];
    private static readonly string[] NoSigns = ["\U0001F44E", "\u274C", "\u2716"];
    private static readonly string[] SkinTones = ["\U0001F3FB", "\U0001F3FC", "\U0001F3FD", "\U0001F3FE", "\U0001F3FF"];

    // Other languages also understand the English words ("ok", "stop", "cancel").
    private Lexicon? Fallback => ReferenceEquals(this, English) ? null : English;

    // A yes or no as typed, else with a held letter let go ("yesss", "noooo", "okkk", "jaaa", "yess please"): a run of
    // three letters or more, or two at a word's end, counts once, only for words that are no yes or no as typed.
    private bool? LookupYesNo(string[] words) =>
        _yesNo.TryGetValue(string.Join(' ', words), out var yes) ? yes
        : words.Length is 1 or 2 && _yesNo.TryGetValue(string.Join(' ', words.Select(Unstretched)), out yes) ? yes
        : null;

    private static string Unstretched(string word)
    {
        var letters = new System.Text.StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var run = 1;
            while (i + run < word.Length && word[i + run] == word[i]) run++;
            var held = char.IsLetter(word[i]) && (run >= 3 || (run == 2 && i + run == word.Length && word.Length > 2));
            letters.Append(word[i], held ? 1 : run);
            i += run - 1;
        }
        return letters.ToString();
    }

    // Articles carry no meaning for a command: "talk to a human" = "talk to the human" = "talk to human".
    private string[] Content(string[] words)
    {
        // Counted first: most messages have no article, and then the words are their own content (no copy, no iterator).
        var articles = 0;
        foreach (var word in words)
        {
            if (_articles.Contains(word)) articles++;
        }
        if (articles == 0 || articles == words.Length) return words;
        var content = new string[words.Length - articles];
        var at = 0;
        foreach (var word in words)
        {
            if (!_articles.Contains(word)) content[at++] = word;
        }
        return content;
    }

    // A phrase's lookup keys: its content words, as written and as typed without umlauts.
    private IEnumerable<string> Keys(string phrase) => SpeltSplits(phrase).Select(words => string.Join(' ', Content(words)));

    // Phrases around "#" as the words before and after it, every spelling, longest first.
    private static (string[] Before, string[] After)[] FrameShapes(string[] phrases) =>
        [.. phrases.SelectMany(p => SpeltSplits(p.Replace("#", Wildcard, StringComparison.Ordinal)))
            .Select(w => Array.IndexOf(w, Wildcard) is var at and >= 0 ? (Before: w[..at], After: w[(at + 1)..]) : (Before: w, After: []))
            .OrderByDescending(p => p.Before.Length + p.After.Length)];

    private static IEnumerable<string[]> SpeltSplits(string phrase) => UtteranceText.Spellings(UtteranceText.Normalize(phrase)).Select(Split);

    private static bool Contains(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            if (phrase.AsSpan().SequenceEqual(words.AsSpan(i, phrase.Length))) return true;
        }
        return false;
    }

    private static string[] Words(string? text) => UtteranceText.Tokens(text);

    // The message split as typed and each piece normalised, index for index: matched on the words, returned as typed
    // (a value keeps its case and punctuation: "AB-123", "Ann@Example.org").
    private static (string[] Tokens, string[] Words) TypedWords(string? text)
    {
        var tokens = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var words = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++) words[i] = UtteranceText.Normalize(tokens[i]);
        return (tokens, words);
    }

    private static string[] Split(string phrase) => UtteranceText.Tokens(phrase);

    // Stands for the star of a step-question shape after tokenizing (which drops the star itself).
    private const string Wildcard = "wildcardword";
}
