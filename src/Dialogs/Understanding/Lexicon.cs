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
    private readonly List<string[]> _changeShapes = [];
    private readonly List<string[]> _cancelShapes = [];
    private readonly List<string[]> _changeToShapes = [];
    private readonly List<string[]> _slotStatementShapes = [];
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
    private readonly HashSet<string> _placeLeads;
    private readonly HashSet<string> _descriptionSlotWords;
    private readonly HashSet<string> _articles;
    private readonly HashSet<string> _possessives;
    private readonly HashSet<string> _decimalPoints;
    private readonly HashSet<string> _headNouns;
    private readonly Dictionary<string, int> _numbers;
    private readonly Dictionary<string, int> _relativeDays;
    private readonly string[] _weekdays;
    private readonly HashSet<string> _weekdayPrefixes;
    private readonly HashSet<string> _nothingToChange;
    private readonly HashSet<string> _noAnswers;
    private readonly string[] _peopleCountLeads;
    private readonly string[][] _choiceExclusions;
    private readonly Dictionary<string, int> _peopleCounts;
    private readonly HashSet<string> _dayUnits;
    private readonly HashSet<string> _weekUnits;
    private readonly LexiconWords _words;
    private readonly Dictionary<string, string[]> _chatSpeak;
    private readonly (string[] Words, int Weeks)[] _weeks;

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
        _leadingFrames = [.. words.LeadingFrames.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        _trailingFrames = [.. words.TrailingFrames.SelectMany(SpeltSplits).OrderByDescending(w => w.Length)];
        _articles = new HashSet<string>(words.Articles, StringComparer.Ordinal);
        _possessives = new HashSet<string>(words.Possessives, StringComparer.Ordinal);
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
        _peopleCountLeads = [.. words.PeopleCountLeads.Select(UtteranceText.Normalize)];
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
        StopWords = new HashSet<string>(words.StopWords.SelectMany(w => new[] { w, UtteranceText.SpeltOut(w) }), StringComparer.Ordinal);
        _chatSpeak = words.ChatSpeak.ToDictionary(p => p.Key, p => p.Value.Split(' '), StringComparer.Ordinal);
        _weeks = [.. words.Weeks.Select(p => (p.Key.Split(' '), p.Value))];
        OutOfScopeExamples = words.OutOfScope;
    }

    /// <summary>Every language with a lexicon.</summary>
    public static IReadOnlyList<Lexicon> All => [English, German];

    /// <summary>Function words of this language (lower case): little meaning for matching, but they tell languages apart.</summary>
    public IReadOnlySet<string> StopWords { get; }

    /// <summary>Built-in examples of requests a bot is often asked but rarely built for (<see cref="LexiconWords.OutOfScope"/>).</summary>
    public IReadOnlyList<string> OutOfScopeExamples { get; }

    /// <summary>True when <paramref name="word"/> (lower case) is a function word in any language with a lexicon.</summary>
    public static bool IsStopWord(string word) => All.Any(l => l.StopWords.Contains(word));

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
        var words = Words(text);
        if (words.Length < 3) return false;
        if (text!.TrimEnd().EndsWith('?')) return true;
        var said = string.Join(' ', words);
        if (_words.QuestionOpeners.Any(o => said.StartsWith(o + " ", StringComparison.Ordinal))) return true;
        return _words.QuestionStarts.Contains(words[0]) || Words(Unframed(text)) is [var first, ..] && _words.QuestionStarts.Contains(first);
    }

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
        return Fallback?.StepQuestionOf(text);
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
    // ("please cancel that"), and as they are ("ok thanks", all of it politeness).
    private IEnumerable<string[]> WholeShapes(string[] words)
    {
        if (words.Length == 0) yield break;
        yield return Content(Peel(words, keepIfEmpty: true));
        yield return Content(words);
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

    private (string Target, string Value)? Shaped(List<string[]> shapes, string? text)
    {
        var (tokens, words) = TypedWords(text);
        var (start, end) = PeelRange(words, _leading, _trailing);
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
        var (start, _) = PeelRange(words, _leadingFrames, []);
        foreach (var opener in _words.PermissionOpeners.Select(o => Words(o)).OrderByDescending(o => o.Length))
        {
            if (words.Length - start < opener.Length + 2 || !words.AsSpan(start, opener.Length).SequenceEqual(opener)) continue;
            var after = words[(start + opener.Length)..];
            var (verb, asked) = _words.VerbLast ? (after[^1], after[..^1]) : (after[0], after[1..]);
            var undated = asked.Where(w => w.Length > 0 && !char.IsDigit(w[0]) && !NamesNoDay(w)).ToArray();
            if (undated.Length < asked.Length && undated.All(StopWords.Contains)) undated = _words.VerbLast ? [.. undated, verb] : [verb, .. undated];
            return (verb, string.Join(' ', undated));
        }
        return Fallback?.AsksPermission(text);
    }

    /// <summary>
    /// True when a message asks for something rather than about it: it opens with a request ("can we do Wednesday?",
    /// "how about Friday?", politeness peeled) or says it replaces something ("Wednesday instead", "lieber Mittwoch").
    /// </summary>
    public bool IsRequest(string? text)
    {
        var words = Words(text);
        if (words.Any(w => _words.ChangeMarkers.Contains(w))) return true;
        var (start, _) = PeelRange(words, _leadingFrames, []);
        var said = string.Join(' ', words.Skip(start)) + " ";
        return _words.RequestOpeners.Any(o => said.StartsWith(o + " ", StringComparison.Ordinal)) || Fallback?.IsRequest(text) == true;
    }

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
            if (_words.SlotWords.TryGetValue(word, out var everyday) && everyday.SelectMany(e => UtteranceText.Spellings(UtteranceText.Normalize(e))).Any(said.Contains)) return true;
        }
        return Fallback?.NamesSlot(target, slot) == true;
    }

    /// <summary>Example utterances of a global command in this language, for recognizers that compare by similarity.</summary>
    public IReadOnlyList<string> Examples(CommandKind kind) => _examples.GetValueOrDefault(kind) ?? [];

    /// <summary>
    /// The size of a word that scales digits before it ("thousand", "million", "Millionen", "Mio."): "1.2 million" is
    /// 1,200,000. Null for any other word, and for "hundred" ("2 hundred" is no way to write 200).
    /// </summary>
    public int? Scale(string word)
    {
        var key = word.TrimEnd('.').ToLowerInvariant();
        return _words.Multipliers.TryGetValue(key, out var times) && times >= 1000 ? times : Fallback?.Scale(word);
    }

    /// <summary>A number written as a word ("three", "drei", "a dozen"); null otherwise.</summary>
    public int? NumberWord(string? text)
    {
        var words = Words(text?.Replace('-', ' '));
        if (_numbers.TryGetValue(string.Join(' ', words), out var n)) return n;
        // Tens and units as two words ("twenty five", "twenty-five").
        if (words.Length == 2 && _numbers.TryGetValue(words[0], out var tens) && tens is >= 20 and <= 90 && tens % 10 == 0
            && _numbers.TryGetValue(words[1], out var units) && units is >= 1 and <= 9)
        {
            return tens + units;
        }
        // German units before tens in one word ("einundzwanzig", "fünfundvierzig").
        if (words is [var word] && word.IndexOf("und", 1, StringComparison.Ordinal) is > 0 and var cut
            && _numbers.TryGetValue(word[..cut], out var unit) && unit is >= 1 and <= 9
            && _numbers.TryGetValue(word[(cut + 3)..], out var ten) && ten is >= 20 and <= 90 && ten % 10 == 0)
        {
            return ten + unit;
        }
        if (Compound(words) is { } compound) return compound;
        return Fallback?.NumberWord(text);
    }

    /// <summary>
    /// A number of hundreds and thousands said in words ("two hundred", "a hundred and twenty", "one thousand two
    /// hundred and fifty", "zweihundert", "dreihundertfünfzig", "zweitausendeinhundert"): every word a part of it, or
    /// null (no part of it is read as the whole: "two hundred" is never 2).
    /// </summary>
    private int? Compound(string[] words)
    {
        if (words.Length == 0 || _words.Multipliers.Count == 0) return null;
        // German writes the number as one word: its parts, longest known part first ("drei|hundert|fünfzig").
        var parts = words.Length == 1 ? SplitNumberWord(words[0]) : [.. words];
        if (parts is null || !parts.Any(_words.Multipliers.ContainsKey)) return null;
        long total = 0, group = 0, scale = 0; // scale: the last thousand or million, each larger one before a smaller
        var last = ""; // "unit", "ten", "teen", "mult", "and"
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (_words.NumberJoiners.Contains(part))
            {
                if (last != "mult" || i == parts.Count - 1) return null;
                last = "and";
                continue;
            }
            if (_words.Multipliers.TryGetValue(part, out var times))
            {
                // "a hundred", "one thousand", "hundert" alone: one of them. "two hundred thousand", "one million two
                // hundred thousand", "zweihunderttausend": a thousand or a million counts the hundreds before it.
                var count = group == 0 && last is "" or "one" ? 1 : group;
                var counted = times >= 1000 && last == "mult" && group > 0;
                if ((last is "mult" or "and" && !counted) || count <= 0 || count >= (times < 1000 ? 10 : 1000)) return null;
                if (times >= 1000)
                {
                    if (scale != 0 && times >= scale) return null;
                    total += count * times;
                    group = 0;
                    scale = times;
                }
                else
                {
                    group = count * times;
                }
                last = "mult";
                continue;
            }
            if (i == 0 && _words.OneWords.Contains(part) && i + 1 < parts.Count && _words.Multipliers.ContainsKey(parts[i + 1]))
            {
                last = "one";
                continue;
            }
            // "ein und zwanzig" (German units before tens) inside a longer number.
            if (i + 2 < parts.Count && _words.NumberJoiners.Contains(parts[i + 1]) && _numbers.TryGetValue(part, out var u) && u is >= 1 and <= 9
                && _numbers.TryGetValue(parts[i + 2], out var t) && t is >= 20 and <= 90 && t % 10 == 0 && group % 100 == 0)
            {
                group += t + u;
                last = "ten+";
                i += 2;
                continue;
            }
            if (!_numbers.TryGetValue(part, out var n) || n < 0) return null;
            if (n >= 100)
            {
                // "einhundert", "one hundred" as one known word.
                if (group != 0 || last is "mult" && total == 0) return null;
                group = n;
                last = "mult";
                continue;
            }
            var free = group % 100 == 0 && last is "" or "mult" or "and";
            if (n <= 9 && last == "ten" && group % 10 == 0) { group += n; last = "unit"; continue; }
            if (!free || n == 0) return null;
            group += n;
            last = n >= 20 && n % 10 == 0 ? "ten" : n <= 9 ? "unit" : "teen";
        }
        var value = total + group;
        return last is "and" or "one" || value is <= 0 or > int.MaxValue ? null : (int)value;
    }

    // "dreihundertfünfzig" -> drei, hundert, fünfzig: known number words, multipliers and joiners, the longest first
    // from the left; null when some part of the word is none of them.
    private List<string>? SplitNumberWord(string word)
    {
        var known = _numbers.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal)).Concat(_words.Multipliers.Keys).Concat(_words.NumberJoiners)
            .OrderByDescending(k => k.Length).ToList();
        var parts = new List<string>();
        var at = 0;
        while (at < word.Length)
        {
            var next = known.FirstOrDefault(k => string.CompareOrdinal(word, at, k, 0, k.Length) == 0 && k.Length <= word.Length - at);
            if (next is null) return null;
            parts.Add(next);
            at += next.Length;
        }
        return parts;
    }

    /// <summary>
    /// A number word of this language alone, no article and no word of another language ("zwei", "drei"; not "elf",
    /// "null", "ein"): a sign the message is written in this language.
    /// </summary>
    public bool IsOwnNumberWord(string word) =>
        _numbers.ContainsKey(word) && !_articles.Contains(word) && !_words.NumberWordsOfOtherLanguages.Contains(word);

    /// <summary>
    /// True when the word at <paramref name="index"/> is the number word for 1 used as a pronoun: a determiner right
    /// before it or one word before it ("the big one", "that one", "a red one"), not "just one" or "I'll take one".
    /// </summary>
    public bool IsPronounOne(IReadOnlyList<string> words, int index)
    {
        if (NumberWord(words[index]) != 1 || words[index].Any(char.IsDigit)) return false;
        bool Determiner(int i) => i >= 0 && _words.PronounOneDeterminers.Contains(UtteranceText.Normalize(words[i]));
        return Determiner(index - 1) || Determiner(index - 2) || Fallback?.IsPronounOne(words, index) == true;
    }

    /// <summary>True for an article of this language ("a", "the", "ein", "eine"), in lower case.</summary>
    public bool IsArticle(string word) => _articles.Contains(word) || Fallback?.IsArticle(word) == true;

    /// <summary>A possessive determiner ("my", "meine").</summary>
    public bool IsPossessive(string word) => _possessives.Contains(word) || Fallback?.IsPossessive(word) == true;

    /// <summary>An everyday word that can follow a request's verb and is no title ("renew online", "später verlängern").</summary>
    public bool IsNoTitle(string word) => _words.NoTitles.Contains(word, StringComparer.Ordinal) || Fallback?.IsNoTitle(word) == true;

    /// <summary>True for the word said for a decimal separator ("point", "komma"), in lower case.</summary>
    public bool IsDecimalPoint(string word) => _decimalPoints.Contains(word) || Fallback?.IsDecimalPoint(word) == true;

    /// <summary>
    /// A day relative to <paramref name="today"/> in words: "tomorrow", "übermorgen", "in 2 weeks", "next friday",
    /// "am Montag" (a weekday is the next such day after today; "next Wednesday" said on a Tuesday is the one in 8 days).
    /// Null when the text is not one.
    /// </summary>
    public DateOnly? RelativeDate(string? text, DateOnly today)
    {
        var words = Peel(Words(text), keepIfEmpty: true);
        // "tomorow", "tomorrrow", "wednsday", "thrusday": a day word with one typo is that day word.
        words = [.. words.Select(DayWord)];
        var key = string.Join(' ', words);
        if (_relativeDays.TryGetValue(key, out var offset)) return today.AddDays(offset);
        if (_words.WeekDays.TryGetValue(key, out var weekDay))
        {
            // Of this week, a day already gone is the one a week later.
            var target = DayInWeek(today, weekDay.Weeks, (int)weekDay.Day);
            return weekDay.Weeks == 0 && target < today ? target.AddDays(7) : target;
        }
        if (WeekdayOfWeek(words, today) is { } inWeek) return inWeek;
        if (_words.MonthEnds.TryGetValue(key, out var months))
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(months);
            return month.AddDays(DateTime.DaysInMonth(month.Year, month.Month) - 1);
        }
        if (LaterWeekday(words, today) is { } later) return later;
        // "in 3 days", "in three days", "in a week", "in einer Woche".
        if (words.Length == 3 && words[0] == "in" && DayCount(words[1]) is { } count)
        {
            if (_dayUnits.Contains(words[2])) return today.AddDays(count);
            if (_weekUnits.Contains(words[2])) return today.AddDays(count * 7);
        }
        if (DaysAgo(words) is { } ago) return today.AddDays(-ago);
        // "last Monday", "letzten Montag": the one before today (a week ago when today is Monday).
        if (words.Length == 2 && _words.LastWeekdayPrefixes.Contains(words[0]) && WeekdayIndex(words[1]) is >= 0 and var before)
        {
            var back = ((int)today.DayOfWeek - before + 7) % 7;
            return today.AddDays(back == 0 ? -7 : -back);
        }
        var day = words.Length switch
        {
            1 => words[0],
            2 when _weekdayPrefixes.Contains(words[0]) => words[1],
            _ => null,
        };
        // "so" (German: also "so, well") is Sunday only alone or after "am": "am So", never "so gegen 10"; "next sat" is a day too.
        if (day is not null && words.Length == 2 && !_words.OpenWeekdayPrefixes.Contains(words[0]) && !_words.NextWeekdayPrefixes.Contains(words[0])
            && _words.EverydayWeekdayAbbreviations.Contains(day)) day = null;
        var index = day is null ? -1 : WeekdayIndex(day);
        if (index >= 0)
        {
            var delta = (index - (int)today.DayOfWeek + 7) % 7;
            // "next Wednesday" on a Tuesday: a user who meant tomorrow would say so; the Wednesday of next week.
            if (delta == 1 && words.Length == 2 && _words.NextWeekdayPrefixes.Contains(words[0])) delta = 8;
            return today.AddDays(delta == 0 ? 7 : delta);
        }
        return Fallback?.RelativeDate(text, today);
    }

    // "the saturday after next", "saturday in a week", "a week from saturday", "übernächsten Freitag": the coming such day
    // (as the weekday alone reads) and the weeks after it.
    private DateOnly? LaterWeekday(string[] words, DateOnly today)
    {
        foreach (var (phrase, weeks) in _words.LaterWeekdayPrefixes.Concat(_words.LaterWeekdaySuffixes.Select(p => KeyValuePair.Create("|" + p.Key, p.Value))))
        {
            var suffix = phrase.StartsWith('|');
            var said = (suffix ? phrase[1..] : phrase).Split(' ');
            if (words.Length <= said.Length) continue;
            var at = suffix ? words.Length - said.Length : 0;
            if (!words.AsSpan(at, said.Length).SequenceEqual(said)) continue;
            var day = suffix ? words[..at] : words[said.Length..];
            if (day is [var article, _] && _articles.Contains(article)) day = day[1..];
            if (day is not [var name] || WeekdayIndex(name) is not (>= 0 and var index)) continue;
            var delta = (index - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays((delta == 0 ? 7 : delta) + 7 * weeks);
        }
        return null;
    }

    /// <summary>
    /// The Monday of a week said alone ("next week", "nächste Woche", "this week"; weeks start on Monday), for a day
    /// question to offer the first day of it the type allows; null when the text is no such week.
    /// </summary>
    public DateOnly? WeekSaid(string? text, DateOnly today)
    {
        var words = Peel(Words(text), keepIfEmpty: true);
        foreach (var (week, weeks) in _weeks)
        {
            if (words.AsSpan().SequenceEqual(week) || (words.Length == week.Length + 1 && _weekdayPrefixes.Contains(words[0]) && words.AsSpan(1).SequenceEqual(week)))
            {
                return DayInWeek(today, weeks, (int)DayOfWeek.Monday);
            }
        }
        return Fallback?.WeekSaid(text, today);
    }

    // "Tuesday next week", "next week Tuesday", "nächste Woche Dienstag", "am Dienstag nächster Woche": that weekday in
    // the week named (LexiconWords.Weeks), before or after the day, with or without the day's own prefix.
    private DateOnly? WeekdayOfWeek(string[] words, DateOnly today)
    {
        foreach (var (week, weeks) in _weeks)
        {
            if (words.Length <= week.Length) continue;
            string[] day;
            if (words.AsSpan(0, week.Length).SequenceEqual(week)) day = words[week.Length..];
            else if (words.AsSpan(words.Length - week.Length).SequenceEqual(week)) day = words[..^week.Length];
            else continue;
            if (day is [var prefix, _] && _weekdayPrefixes.Contains(prefix)) day = day[1..];
            if (day is not [var name] || WeekdayIndex(name) is not (>= 0 and var index) || _words.EverydayWeekdayAbbreviations.Contains(name)) continue;
            return DayInWeek(today, weeks, index);
        }
        return null;
    }

    // The weekday (0 = Sunday) of the week 'weeks' after today's; weeks start on Monday.
    private static DateOnly DayInWeek(DateOnly today, int weeks, int weekday) =>
        today.AddDays(-(((int)today.DayOfWeek + 6) % 7) + 7 * weeks + (weekday + 6) % 7);

    /// <summary>True for the word that opens a day in this language ("am" in "am Samstag", "on" in "on Saturday").</summary>
    public bool OpensDay(string word) => _words.OpenWeekdayPrefixes.Contains(word.ToLowerInvariant());

    /// <summary>
    /// A date written after its weekday ("Friday, December 18", "Freitag, 18. Dezember", "Fr. 18.12.", "am Freitag, den
    /// 18.12."): the weekday (0 = Sunday) and the text after it; null when the text opens with no weekday and more. A short
    /// weekday that is an everyday word too ("so") counts only with its comma or dot ("So, 20.12.").
    /// </summary>
    public (int Weekday, string Date)? LeadingWeekday(string text)
    {
        var words = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = words.Length > 2 && _words.OpenWeekdayPrefixes.Contains(words[0].ToLowerInvariant()) ? 1 : 0;
        if (words.Length - at < 2) return null;
        var said = words[at].ToLowerInvariant();
        var day = said.TrimEnd(',', '.');
        if (day == said && IsEverydayWeekday(day)) return null;
        if (WeekdayIndex(day) is not (>= 0 and var index)) return null;
        // "am Freitag, den 18.12.": the article of the date goes with the weekday.
        var after = words.Skip(at + 1).ToList();
        if (after.Count > 1 && _words.OpenWeekdayPrefixes.Length > 0 && after[0].Equals("den", StringComparison.OrdinalIgnoreCase)) after.RemoveAt(0);
        return (index, string.Join(' ', after));
    }

    // The weekday (0 = Sunday) a word names in full or short ("tue", "Mo"), or -1.
    private int WeekdayIndex(string word) => Array.IndexOf(_weekdays, _words.WeekdayAbbreviations.GetValueOrDefault(word, word));

    /// <summary>The day of a month an ordinal word says ("ninth" 9, "twenty-first" 21), in this language or English; null otherwise.</summary>
    public int? DayOrdinal(string word)
    {
        var w = word.ToLowerInvariant();
        return _words.DayOrdinals.TryGetValue(w, out var day) || LexiconWords.English.DayOrdinals.TryGetValue(w, out day) ? day : null;
    }

    /// <summary>
    /// The month (1 to 12) a word names: its name in this language or English, or the name's first three letters or
    /// more ("Dec", "Sept", "Dezember"), any case, a closing dot ignored ("Dez."); null for any other word.
    /// </summary>
    public int? Month(string word)
    {
        var w = word.TrimEnd('.').ToLowerInvariant();
        if (w.Length < 3) return null;
        foreach (var names in new[] { _words.Months, LexiconWords.English.Months })
        {
            for (var i = 0; i < names.Length; i++)
            {
                // "Maerz", "Marz": typed without the umlaut.
                if (UtteranceText.Spellings(names[i].ToLowerInvariant()).Any(name => name.StartsWith(w, StringComparison.Ordinal))) return i + 1;
            }
        }
        return null;
    }

    /// <summary>True for a word that opens a clause against the one before ("but", "sondern"), in lower case.</summary>
    public bool IsClauseContrast(string word) => _words.ClauseContrasts.Contains(word) || Fallback?.IsClauseContrast(word) == true;

    /// <summary>True for a short weekday that is an everyday word as well (German "so"): a day only as a whole answer.</summary>
    public bool IsEverydayWeekday(string word) => _words.EverydayWeekdayAbbreviations.Contains(UtteranceText.Normalize(word));

    /// <summary>
    /// A weekday that names no week ("Monday", "on Monday", "am Montag"), as the last such day before today (a week ago
    /// when today is that day): the reading for a slot that allows only the past. Null for any other text.
    /// </summary>
    public DateOnly? PastWeekday(string? text, DateOnly today)
    {
        if (OpenWeekday(text) is not { } index) return Fallback?.PastWeekday(text, today);
        var back = ((int)today.DayOfWeek - index + 7) % 7;
        return today.AddDays(back == 0 ? -7 : -back);
    }

    /// <summary>
    /// A weekday that names no week ("Sunday", "on Sunday", "am Sonntag") as the first such day after
    /// <paramref name="day"/>: the reading for a date that must come after another ("Sunday" for the departure after
    /// arrival on Friday the 18th is the 20th). Null for any other text.
    /// </summary>
    public DateOnly? WeekdayAfter(string? text, DateOnly day)
    {
        if (OpenWeekday(text) is not { } index) return Fallback?.WeekdayAfter(text, day);
        var ahead = (index - (int)day.DayOfWeek + 7) % 7;
        return day.AddDays(ahead == 0 ? 7 : ahead);
    }

    // The weekday (0 = Sunday) of a text that is one and names no week ("Monday", "on Monday", "am Montag"), or null.
    private int? OpenWeekday(string? text)
    {
        var words = Peel(Words(text), keepIfEmpty: true);
        words = [.. words.Select(DayWord)];
        var day = words switch
        {
            [var one] => one,
            [var prefix, var weekday] when _words.OpenWeekdayPrefixes.Contains(prefix) => weekday,
            _ => null,
        };
        return day is not null && WeekdayIndex(day) is >= 0 and var index ? index : null;
    }

    /// <summary>True for a word that closes a period before its last day ("to", "until", "bis"), in lower case.</summary>
    public bool IsUntil(string word) => _words.UntilWords.Contains(word) || Fallback?.IsUntil(word) == true;

    /// <summary>True for a word for nights of a stay ("nights", "Nächte"), any case.</summary>
    public bool IsNightUnit(string word) => _words.NightUnits.Contains(word.ToLowerInvariant()) || Fallback?.IsNightUnit(word) == true;

    /// <summary>True for a word that makes the number before it a length of time ("3 nights", "2 weeks", "zwei Tage"), any case.</summary>
    public bool IsLengthUnit(string word) =>
        IsNightUnit(word) || _words.DurationUnits.Contains(word.ToLowerInvariant()) || Fallback?.IsLengthUnit(word) == true;

    // "3 days ago", "a week ago", "vor 3 Tagen", "vor einer Woche": how many days back, or null.
    private int? DaysAgo(string[] words)
    {
        if (words.Length != 3) return null;
        var (count, unit) = _words.AgoBefore.Contains(words[0]) ? (words[1], words[2]) : _words.AgoAfter.Contains(words[2]) ? (words[0], words[1]) : ("", "");
        if (unit.Length == 0 || DayCount(count) is not { } days) return null;
        return _dayUnits.Contains(unit) ? days : _weekUnits.Contains(unit) ? days * 7 : null;
    }

    // The number of days or weeks in "in 3 days", "three days ago", "in a week", "vor einer Woche": 0 to 999, else null.
    private int? DayCount(string count)
    {
        int? n = int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var digits) ? digits
            : _words.OneWords.Contains(count) ? 1 : NumberWord(count);
        return n is >= 0 and <= 999 ? n : null;
    }

    /// <summary>True for a currency sign, code or word ("€", "EUR", "euros"): no part of an amount.</summary>
    public bool IsCurrency(string word) => _words.Currencies.Contains(word.ToLowerInvariant()) || Fallback?.IsCurrency(word) == true;

    /// <summary>
    /// The day word (a weekday, or a one-word day such as "tomorrow", "übermorgen") a word of six letters or more is
    /// with one typo: two neighbouring letters swapped, or one letter missing or extra ("tomorow", "wednsday",
    /// "thrusday"); never one letter replaced by another ("Morgan" is a name, not "morgen"), and only when one day word
    /// is that close. A weekday of eight letters or more also with two ("wensday"). The word itself otherwise.
    /// </summary>
    private string DayWord(string word)
    {
        // "morgn", "frday": five letters are enough for one letter left out of a long day word.
        if (word.Length < 5 || _relativeDays.ContainsKey(word) || Array.IndexOf(_weekdays, word) >= 0) return word;
        // "uebermorgen", "ubermorgen": typed without the umlaut.
        if (word.All(char.IsAscii) && _relativeDays.Keys.FirstOrDefault(k => !k.All(char.IsAscii) && !k.Contains(' ', StringComparison.Ordinal) && UtteranceText.Spellings(k).Contains(word)) is { } spelt)
        {
            return spelt;
        }
        var near = _weekdays.Concat(_relativeDays.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal)))
            .Where(d => d.Length >= 6 && (d.Length == word.Length ? TypoCorrection.NeighboursSwapped(word, d) : TypoCorrection.WithinOneEdit(word, d)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (near is [var day]) return day;
        // "wensday", "wendsday": a long weekday is misspelt by two letters too (the clinic read "wensday at 10" as 10 p.m.
        // today); with its first letter right, and only when no other day word is that close.
        if (near.Count > 0 || word.Length < 7) return word;
        var far = _weekdays.Where(d => d.Length >= 8 && d[0] == word[0] && Diagnostics.DidYouMean.Distance(word, d) <= 2).ToList();
        return far is [var longDay] ? longDay : word;
    }

    /// <summary>A time of day said as a word ("noon", "Mitternacht"); null otherwise.</summary>
    public TimeOnly? TimeWord(string? text)
    {
        var key = string.Join(' ', Words(text));
        return _words.TimeWords.TryGetValue(key, out var time) ? time : Fallback?.TimeWord(text);
    }

    /// <summary>True for day words that also mean the evening ("tonight", "heute abend").</summary>
    public bool IsEvening(string? text)
    {
        var key = string.Join(' ', Words(text));
        return _words.EveningWords.Contains(key) || Fallback?.IsEvening(text) == true;
    }

    /// <summary>
    /// A part of the day, one of the time words ("evening", "Abend", "früh"): true when an hour of 1 to 11 in it is pm,
    /// false in the morning, null for any other word (and for noon and midnight, which settle nothing).
    /// </summary>
    public bool? DayPart(string word) => TimeWord(word) is { Hour: not (0 or 12) } time ? time.Hour > 12 : null;

    /// <summary>
    /// The part of the day a time word names, as the engine keeps it: "morning" ("morning", "früh", "vormittags"),
    /// "afternoon" or "evening" ("tonight", "am Abend"); null for any other word, noon and midnight included.
    /// </summary>
    public string? DayPartName(string word) =>
        IsEvening(word) ? "evening"
        : TimeWord(word) is { Hour: not (0 or 12) } time ? (time.Hour < 12 ? "morning" : time.Hour < 17 ? "afternoon" : "evening") : null;

    /// <summary>
    /// A weekday and its part of the day written as one word ("Donnerstagabend", "Freitagvormittag", "Sonntagmorgen") as
    /// two ("donnerstag abend", "sonntag morgens"), so the day and the part read as when they are written apart; other
    /// words as they are.
    /// </summary>
    public string SplitDayCompounds(string text)
    {
        if (_words.Weekdays.Length == 0 || !text.Any(char.IsLetter)) return text;
        var words = text.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].ToLowerInvariant();
            var day = _words.Weekdays.FirstOrDefault(d => word.Length > d.Length + 3 && word.StartsWith(d, StringComparison.Ordinal));
            if (day is null) continue;
            var rest = word[day.Length..];
            var part = rest.TrimEnd('.', ',', '!', '?');
            var end = rest[part.Length..];
            if (_words.DayCompoundParts.TryGetValue(part, out var alone)) part = alone;
            else if (TimeWord(part) is null) continue;
            words[i] = day + " " + part + end;
            changed = true;
        }
        return changed ? string.Join(' ', words) : text;
    }

    /// <summary>A kept part of the day as it reads after a day ("in the morning", "vormittags").</summary>
    public string ShownDayPart(string part) =>
        _words.DayPartPhrases.TryGetValue(part, out var phrase) ? phrase : Fallback?.ShownDayPart(part) ?? part;

    /// <summary>True for a word for a week ("week", "weeks", "Woche"): "end of next week" names days, not today.</summary>
    public bool IsWeekWord(string word) => _weekUnits.Contains(word.ToLowerInvariant()) || Fallback?.IsWeekWord(word) == true;

    /// <summary>True for a word that introduces a time of day ("at", "um").</summary>
    public bool IsTimePrefix(string word)
    {
        var key = UtteranceText.Normalize(word);
        return _words.TimePrefixes.Contains(key) || Fallback?.IsTimePrefix(word) == true;
    }

    /// <summary>True for a word after which a number is a time of day ("at 7", "um 19"), not a count; "for" is not one ("a table for four").</summary>
    public bool MarksTime(string word)
    {
        var key = UtteranceText.Normalize(word);
        return (_words.TimePrefixes.Contains(key) && !_words.CountPrefixes.Contains(key)) || Fallback?.MarksTime(word) == true;
    }

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

    /// <summary>True when the text asks for the earliest value allowed ("as soon as possible", "so früh wie möglich").</summary>
    public bool IsEarliest(string? text)
    {
        var key = string.Join(' ', Peel(Words(text), keepIfEmpty: true));
        return _words.EarliestWords.Contains(key) || Fallback?.IsEarliest(text) == true;
    }

    /// <summary>
    /// A time said as a range, read as one point: a lower bound right before a time is that time ("after 5pm tomorrow" ->
    /// "at 5pm tomorrow", "nach 17 Uhr" -> "um 17 Uhr", "not before 10"), the earliest time meant; an upper bound right
    /// before one ("before 10am", "vor 10 Uhr") sets <paramref name="endsAtTime"/>: the time said is the one not meant.
    /// </summary>
    public string TimeBounds(string text, out bool endsAtTime)
    {
        endsAtTime = false;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // "vor 3 Tagen" (three days ago), "after 2 weeks": a length of time, no time of day.
        bool TimeAt(int i) => i < words.Count && (char.IsAsciiDigit(words[i][0]) || NumberWord(words[i].ToLowerInvariant().TrimEnd(',', '.')) is not null)
            && !(i + 1 < words.Count && IsLengthUnit(words[i + 1].TrimEnd(',', '.')));
        bool PhraseAt(int i, string phrase, out int length)
        {
            var parts = phrase.Split(' ');
            length = parts.Length;
            for (var k = 0; k < parts.Length; k++)
            {
                if (i + k >= words.Count || !words[i + k].Equals(parts[k], StringComparison.OrdinalIgnoreCase)) return false;
            }
            return true;
        }
        // "viertel nach 3", "zehn vor 10", "quarter after 5": a clock time of its own, no bound.
        bool InClock(int i) => i > 0 && (TimeAt(i - 1) || words[i - 1].ToLowerInvariant() is "viertel" or "quarter" or "half");
        var changed = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (InClock(i)) continue;
            foreach (var phrase in _words.AfterTimeWords.OrderByDescending(p => p.Length))
            {
                if (!PhraseAt(i, phrase, out var length) || !TimeAt(i + length)) continue;
                // The language's first word for "at" ("at", "um") marks what follows as a time.
                words.RemoveRange(i, length);
                words.Insert(i, _words.TimePrefixes[0]);
                changed = true;
                break;
            }
            if (_words.BeforeTimeWords.Any(phrase => PhraseAt(i, phrase, out var length) && TimeAt(i + length))) endsAtTime = true;
            // "between 6 and 7pm", "zwischen 18 und 19 Uhr": the first time, with the second's am/pm or "Uhr".
            foreach (var phrase in _words.BetweenTimeWords.OrderByDescending(p => p.Length))
            {
                if (!PhraseAt(i, phrase, out var length) || !TimeAt(i + length)) continue;
                var join = i + length + 1;
                while (join < words.Count && join <= i + length + 2 && !_words.BetweenTimeJoiners.Contains(words[join].ToLowerInvariant())) join++;
                if (join >= words.Count - 1 || !_words.BetweenTimeJoiners.Contains(words[join].ToLowerInvariant()) || !TimeAt(join + 1)) break;
                var second = words[join + 1];
                var suffix = char.IsAsciiDigit(second[0]) ? second.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', '.') : "";
                words.RemoveRange(join, 2);
                if (suffix.Length > 0) words.Insert(join, suffix);
                words.RemoveRange(i, length);
                words.Insert(i, _words.TimePrefixes[0]);
                changed = true;
                break;
            }
        }
        var bounded = changed ? string.Join(' ', words) : text;
        if (Fallback is null || endsAtTime) return bounded;
        return Fallback.TimeBounds(bounded, out endsAtTime);
    }

    /// <summary>True when the whole text means the present moment ("now", "right now", "jetzt").</summary>
    public bool IsNow(string? text)
    {
        var key = string.Join(' ', Words(text));
        return _words.NowWords.Contains(key) || Fallback?.IsNow(text) == true;
    }

    /// <summary>
    /// A time from now in words: "in 30 minutes", "in an hour", "in 1.5 hours", "in half an hour", "in 2 days",
    /// "in einer halben Stunde", "in zwei Stunden". Null when the text is not one.
    /// </summary>
    public TimeSpan? RelativeSpan(string? text)
    {
        var words = Peel(Words(text), keepIfEmpty: true);
        if (words.Length < 2 || words[0] != "in") return Fallback?.RelativeSpan(text);
        var rest = string.Join(' ', words.Skip(1));
        if (_words.SpanWords.TryGetValue(rest, out var span)) return span;
        if (words.Length == 3)
        {
            double? amount = _words.OneWords.Contains(words[1]) ? 1
                : double.TryParse(words[1].Replace(',', '.'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
                : NumberWord(words[1]);
            var unit = words[2];
            var size = _words.MinuteUnits.Contains(unit) ? TimeSpan.FromMinutes(1)
                : _words.HourUnits.Contains(unit) ? TimeSpan.FromHours(1)
                : _dayUnits.Contains(unit) ? TimeSpan.FromDays(1)
                : _weekUnits.Contains(unit) ? TimeSpan.FromDays(7)
                : TimeSpan.Zero;
            if (amount is > 0 and <= 10_000 && size > TimeSpan.Zero && amount * size.TotalDays <= 3650) return size * amount.Value;
        }
        return Fallback?.RelativeSpan(text);
    }

    /// <summary>A day as it reads in a reply: "Friday, November 27, 2026" / "Freitag, 27. November 2026".</summary>
    public string FormatDate(DateOnly day) => _words.DatePattern
        .Replace("{weekday}", Capitalized(_weekdays[(int)day.DayOfWeek]), StringComparison.Ordinal)
        .Replace("{month}", _words.Months[day.Month - 1], StringComparison.Ordinal)
        .Replace("{day}", day.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{year}", day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A time of day as it reads in a reply: "7:30 PM" / "19:30".</summary>
    public string FormatTime(TimeOnly time)
    {
        if (!_words.TwelveHourClock) return time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        return $"{hour}:{time.Minute:00} {(time.Hour < 12 ? "AM" : "PM")}";
    }

    /// <summary>A wall-clock date and time as it reads in a reply: "Friday, November 27, 2026 at 7:30 PM" / "Freitag, 27. November 2026 um 19:30".</summary>
    public string FormatDateTime(DateTime local) => FormatDate(DateOnly.FromDateTime(local)) + _words.DateTimeJoiner + FormatTime(TimeOnly.FromDateTime(local));

    private static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>
    /// How many people a whole answer names without a number ("just me" 1, "nur ich" 1, "wir sind zu dritt" 3), in this
    /// language or the fallback's; null for anything else. Meant only for a count of people (<see cref="CountsPeople"/>).
    /// </summary>
    public int? PeopleCount(string? text)
    {
        // As typed and peeled: "just me" keeps its "just", "zu dritt bitte" loses its "bitte".
        foreach (var whole in new[] { UtteranceText.Normalize(text), Peel(text) })
        {
            if (_peopleCounts.TryGetValue(WithoutPeopleLeads(whole), out var count)) return count;
        }
        return PartyCount(text) ?? Fallback?.PeopleCount(text);
    }

    /// <summary>
    /// How many people a request names inside it with a phrase for two or more ("a room for me and my wife next weekend"
    /// 2, "wir möchten zu zweit kommen") or one of three words or more ("für mich allein"); the short ones for one
    /// ("myself", "just me") say other things inside a sentence. In this language or the fallback's; null when none.
    /// </summary>
    public int? PeopleCountInside(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var said = " " + UtteranceText.Normalize(text) + " ";
        var found = _peopleCounts.Where(p => (p.Value >= 2 || p.Key.Count(c => c == ' ') >= 2) && said.Contains(" " + p.Key + " ", StringComparison.Ordinal))
            .OrderByDescending(p => p.Key.Length).Select(p => (int?)p.Value).FirstOrDefault();
        return found ?? Fallback?.PeopleCountInside(text);
    }

    // "we are just the two of us" -> "just the two of us": the leads that open a count of people, in their order.
    private string WithoutPeopleLeads(string said)
    {
        foreach (var lead in _peopleCountLeads)
        {
            if (said.StartsWith(lead + " ", StringComparison.Ordinal)) said = said[(lead.Length + 1)..];
        }
        return said;
    }

    /// <summary>
    /// The size of a party told as its parts ("two adults and a child" 3, "wir sind zwei Erwachsene und ein Kind" 3, "me,
    /// my wife and our two kids" 4): every part a count of people, the speaker, or one companion; at least two parts.
    /// Null when any part is something else ("2 adults and a dog").
    /// </summary>
    private int? PartyCount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = new List<List<string>>();
        // "me + 1 friend", "me & my wife": a plus or ampersand joins parts as "and" does (punctuation, else dropped: "1 friend" was the count 1).
        foreach (var chunk in text.Split([',', '+', '&'], StringSplitOptions.RemoveEmptyEntries))
        {
            var said = parts.Count == 0 ? WithoutPeopleLeads(Peel(chunk)) : Peel(chunk);
            parts.Add([]);
            foreach (var word in Words(said))
            {
                if (_words.RequestJoiners.Contains(word)) parts.Add([]);
                else parts[^1].Add(word);
            }
        }
        if (parts.Count(p => p.Count > 0) < 2) return null;
        var total = 0;
        var given = parts.Where(p => p.Count > 0).ToList();
        foreach (var part in given)
        {
            // "me + 1", "me plus 2": after the speaker, a bare count is that many more people.
            var more = part != given[0] && PartOfParty(given[0]) == 1 && part is [var bare] && _words.PartySelf.Contains(given[0][^1]) ? Count(bare) : null;
            if ((more ?? PartOfParty(part)) is not { } n) return null;
            total += n;
        }
        return total;
    }

    // One part of a party: "me", "my wife", "a child", "two adults", "our two kids".
    private int? PartOfParty(List<string> part)
    {
        var words = part.SkipWhile(w => _possessives.Contains(w)).ToList();
        var owned = words.Count < part.Count;
        if (words is [var self] && _words.PartySelf.Contains(self) && !owned) return 1;
        // "my son" is one; "my kids" says no number (the companions are singular words).
        if (words is [var one] && owned && _words.Companions.Contains(one)) return 1;
        if (words is [var count, var noun] && (_words.PartyNouns.Contains(noun) || _words.Companions.Contains(noun) || _words.Companions.Any(c => noun == c + "s")))
        {
            if (_words.OneArticles.Contains(count)) return 1;
            return Count(count);
        }
        return null;
    }

    // A count of people in digits or a number word ("2", "two"), 1 to 99.
    private int? Count(string word) =>
        int.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var digits) ? (digits is > 0 and < 100 ? digits : null)
        : NumberWord(word) is { } number and > 0 ? number : null;

    /// <summary>
    /// True when <paramref name="name"/> (a slot's or its type's name) names people ("people", "party_size", "personen",
    /// "gaeste"): its number is a count of people.
    /// </summary>
    public bool CountsPeople(string name) =>
        (_words.SlotWords.GetValueOrDefault("people") ?? []).Prepend("people").Any(word => NamesSlot(word, name)) || Fallback?.CountsPeople(name) == true;

    /// <summary>
    /// The message without politeness and framing words at its edges ("two please" -> "two", "bitte abbrechen" ->
    /// "abbrechen"), normalised (<see cref="UtteranceText.Normalize"/>). The normalised message when nothing else is left.
    /// </summary>
    public string Peel(string? text) => string.Join(' ', Peel(Words(text), keepIfEmpty: true));

    /// <summary>
    /// The place of the button a whole message points at ("the second one", "second please", "die zweite", "the last
    /// one"): from 1, or -1 for the last; null when the message is anything else. English ordinals work in every language.
    /// </summary>
    public int? Ordinal(string? text)
    {
        // The peeled words (Peel(text) split again at its spaces was the same words: a word holds no space).
        var words = Peel(Words(text), keepIfEmpty: true);
        return OrdinalIn(_words, words) ?? (this == English ? null : OrdinalIn(English._words, words));
    }

    private static int? OrdinalIn(LexiconWords w, string[] words)
    {
        var start = words.Length > 1 && w.OrdinalLeads.Contains(words[0]) ? 1 : 0;
        var end = words.Length - start > 1 && w.OrdinalNouns.Contains(words[^1]) ? words.Length - 1 : words.Length;
        return end - start == 1 && w.Ordinals.TryGetValue(words[start], out var place) ? place : null;
    }

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
        var (start, end) = PeelRange(words, _leading, _trailing);
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
        var (start, end) = PeelRange(words, _leadingFrames, _trailingFrames);
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
    /// True when a word of the slot's name asks for the user's own account rather than a thing (<see
    /// cref="LexiconWords.DescriptionSlotWords"/>: <c>description</c>, <c>notes</c>, <c>booking_problem</c>,
    /// <c>beschreibung</c>): "I need a new battery" describes the problem, where at a medicine "I need" only says it is wanted.
    /// </summary>
    public bool AsksForDescription(string slot) =>
        slot.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries).Any(w => _descriptionSlotWords.Contains(UtteranceText.Fold(w)))
        || Fallback?.AsksForDescription(slot) == true;

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
        var (start, end) = PeelRange(words, _leadingFrames, _trailingFrames);
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

    // Whole weekday names only: "sun cream" and "sat nav" name things.
    private bool IsDayWord(string word) => _relativeDays.ContainsKey(word) || Array.IndexOf(_weekdays, word) >= 0;

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
        var (greeted, _) = PeelRange(words, _leadingFrames, []);
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

    private string[] Peel(string[] words, bool keepIfEmpty)
    {
        var (start, end) = PeelRange(words, _leading, _trailing);
        return start < end ? words[start..end] : keepIfEmpty ? words : [];
    }

    // Leading and trailing fillers, repeatedly, longest first; empty tokens (punctuation) at the edges go too.
    private static (int Start, int End) PeelRange(string[] words, string[][] leading, string[][] trailing)
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
            foreach (var filler in leading)
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
            foreach (var filler in trailing)
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
