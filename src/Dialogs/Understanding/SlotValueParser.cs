using System.Globalization;
using System.Text.RegularExpressions;
using Chatbot.Dialogs.Expressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// The one parser of slot values, per kind: what the user typed (or a model read from it) becomes the canonical value
/// every command carries, or a short reason why it cannot (no user text in it). The engine (before any recognizer), the LLM's commands and
/// every recognizer use it, so "1,5", "ja" or "groß" mean the same on every path.
/// </summary>
/// <remarks>
/// Canonical forms: enum = the value id; integer/number = invariant digits (<c>1200</c>, <c>1.5</c>);
/// boolean = <c>true</c>/<c>false</c>; date = <c>yyyy-MM-dd</c>; datetime = <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c> in the
/// conversation's time zone; time = <c>HH:mm</c>; a special value a date or time type declares (<c>asap</c>) = its id; email as typed; regex and text after the type's <c>normalize</c> steps. Numbers: in English "," groups
/// thousands ("1,200") and "." is the decimal point; in German the other way round ("1.200", "1,5"); a lone separator
/// that cannot be a thousands group is a decimal separator in either language ("1,5" = 1.5, never 15).
/// </remarks>
internal static partial class SlotValueParser
{
    /// <summary>Longest value accepted for any kind.</summary>
    public const int MaxLength = 500;

    /// <summary>
    /// Longest message searched for values inside it (<see cref="Extract"/>, <see cref="SingleNumber"/>): a long message
    /// (a pasted e-mail) names its values as a short one does. The search grows with the length, a date and time most:
    /// about 20-30 ms of CPU per 1,000 characters (bench of issue 12: 4,000 characters 75-115 ms, 9,000 165-260 ms,
    /// 16,000 300-460 ms on a shared 2-core machine); the channels cut a message at 4,000 by default
    /// (<c>Limits:MaxTextLength</c>), and the LLM reads at most 10,000 (<c>Understanding:MaxInputChars</c>). Longer
    /// messages are searched for no value.
    /// </summary>
    public const int MaxMessageLength = 10_000;

    /// <summary>How a problem starts when the text reads as a value of the kind but lies outside the type's <c>min</c>/<c>max</c>.</summary>
    public const string OutOfRange = "outside ";

    /// <summary>True when a <see cref="TryParse"/> problem means "a value of the kind, outside the range" (the value was still read).</summary>
    public static bool IsOutOfRange(string problem) => problem.StartsWith(OutOfRange, StringComparison.Ordinal);

    /// <summary>The problem of a time given as an hour that may be morning or evening ("at 8", "tomorrow at 10").</summary>
    public const string AmbiguousHour = "morning or evening";

    /// <summary>
    /// The problem of a date-time answer that names a day but no time ("Thursday", "tomorrow", "Thursday morning"), or
    /// of a time answer that names only a part of the day ("in the morning").
    /// </summary>
    public const string TimeMissing = "a time of day is missing";

    /// <summary>
    /// The problem of a number answer that names two or more different amounts ("1200 EUR and 50 for the taxi"): which
    /// one, or their sum, only the user knows (<see cref="Amounts"/> lists them).
    /// </summary>
    public const string SeveralAmounts = "several amounts";

    /// <summary>
    /// The problem of an enum answer that leaves two or more choices ("somewhere between central and north", "anything
    /// but the harbour"): which one only the user knows (<see cref="ChoicesLeft"/> lists them).
    /// </summary>
    public const string SeveralChoices = "several choices";

    /// <summary>The problem of text given for a file slot: files come as attachments, not as words.</summary>
    public const string NotAFile = "not a file";

    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(100);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"[^\s@<>()\[\],;:""]+@[^\s@<>()\[\],;:""]+\.[^\s@<>()\[\],;:""]+")]
    private static partial Regex EmailInTextRegex();

    [GeneratedRegex(@"[+-]?\d+(?:[.,']\d+)*")]
    private static partial Regex NumberInTextRegex();

    // A clock time at the end without a leading zero or am/pm ("tomorrow at 3:30", "3.30"): 12-hour or 24-hour alike.
    [GeneratedRegex(@"(?:^|[^\d:.])(?:[1-9]|1[01])[:.][0-5]\d(?:\s*(?:uhr|h))?$", RegexOptions.IgnoreCase)]
    private static partial Regex BareClockRegex();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}/\d{1,2}/\d{4}")]
    private static partial Regex DateInTextRegex();

    // A German day and month ("24.12.", "1.5."): the closing dot makes it a date, not the number 24.12. In English the
    // same dot more likely ends a sentence ("make it 2.5.").
    [GeneratedRegex(@"^\d{1,2}\.\d{1,2}\.$")]
    private static partial Regex DayMonthRegex();

    [GeneratedRegex(@"(?<=\d)-?ish\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AboutHourRegex();

    // A day and month with a slash and no year ("24/12", "12/24", "12/09"): see DayMonth for which is which.
    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})$")]
    private static partial Regex SlashDayMonthRegex();

    /// <summary>A token that reads as a day ("24.12.2026", "12/24/2026", German "24.12."): no number, and no count.</summary>
    private static bool LooksLikeDate(string token, SlotParseContext context) =>
        (DateInTextRegex().Match(token) is { Success: true } m && m.Length == token.Length)
        || (context.Lexicon.Language == "de" && DayMonthRegex().IsMatch(token));


    /// <summary>
    /// Parses <paramref name="text"/> as a whole value of <paramref name="slot"/>'s kind; returns the canonical value or
    /// why not. A value outside the type's <c>min</c>/<c>max</c> is refused with a problem starting with
    /// <see cref="OutOfRange"/>, and <paramref name="value"/> then holds the value that was read.
    /// </summary>
    public static bool TryParse(SlotInfo slot, string? text, SlotParseContext context, out string value, out string problem)
    {
        ArgumentNullException.ThrowIfNull(slot);
        value = "";
        problem = "";
        var raw = text?.Trim() ?? "";
        if (raw.Length == 0)
        {
            problem = "empty";
            return false;
        }
        if (raw.Length > MaxLength)
        {
            problem = "too long";
            return false;
        }
        // Free text is the user's words as they are; typed values may come with politeness around them ("2 please").
        var peeled = slot.Kind is "text" ? raw : context.Language is null ? raw : context.Lexicon.PeelRaw(raw);
        // "10ish", "3-ish pm": about that hour, read as the hour (which may still be morning or evening).
        if (slot.Kind is "time" or "datetime" && context.Language is not null && peeled.Contains("ish", StringComparison.OrdinalIgnoreCase)) peeled = AboutHourRegex().Replace(peeled, "");
        // "Donnerstagabend" is "Donnerstag abend": a day and its part of the day.
        if (slot.Kind is "date" or "time" or "datetime" && context.Language is not null) peeled = context.Lexicon.SplitDayCompounds(peeled);
        if (slot.Kind is "time" or "datetime" && context.Language is not null)
        {
            peeled = context.Lexicon.TimeBounds(peeled, out var endsAtTime);
            if (endsAtTime)
            {
                problem = slot.Kind == "time" ? "not a time of day" : "not a date and time";
                return false;
            }
        }
        string? result;
        switch (slot.Kind)
        {
            case "text":
                result = ApplyNormalize(slot.Normalize, raw);
                problem = "empty";
                break;
            case "enum":
                result = MatchEnum(slot, peeled) ?? MatchEnum(slot, raw) ?? (context.Language is null ? null : MatchEnum(slot, WithoutArticle(peeled, context.Lexicon)));
                problem = result is null && context.Language is not null && ChoicesLeft(slot, raw, context.Lexicon).Count > 1 ? SeveralChoices : "not one of the values";
                break;
            case "integer":
            case "number":
                var number = ParseNumber(peeled, context) ?? ParseNumber(raw, context);
                result = number is null ? null : FormatNumber(slot, number.Value, out problem);
                if (number is null) problem = context.Language is not null && Amounts(slot, raw, context).Count > 1 ? SeveralAmounts : slot.Kind == "integer" ? "not an integer" : "not a number";
                break;
            case "boolean":
                result = (context.Language is null ? Lexicon.English.YesNo(raw) : context.Lexicon.YesNo(raw)) is { } yes ? (yes ? "true" : "false") : null;
                problem = "not yes or no";
                break;
            case "date":
                result = MatchEnum(slot, peeled) ?? Earliest(slot, peeled, context) ?? DateValue(slot, peeled, context);
                problem = "not a date";
                break;
            case "datetime":
                var dateOnly = false;
                result = MatchEnum(slot, peeled) ?? Earliest(slot, peeled, context) ?? ParseDateTime(peeled, context, out dateOnly);
                var ambiguous = false;
                // "in 30 days" for a call back within a week: no time of that day is allowed, so the range is named, not the time asked.
                if (result is null && dateOnly && DayOutOfRange(slot, peeled, context) is var (outsideDay, outsideProblem))
                {
                    value = outsideDay;
                    problem = outsideProblem;
                    return false;
                }
                if (result is null && !dateOnly) result = OneReading(slot, peeled, context, t => ParseDateTime(t, context, out _), out ambiguous);
                else if (result is not null) result = Afternoon(slot, peeled, context, t => ParseDateTime(t, context, out _), result) ?? result;
                problem = dateOnly ? TimeMissing : ambiguous ? AmbiguousHour : "not a date and time";
                break;
            case "time":
                result = MatchEnum(slot, peeled) ?? Earliest(slot, peeled, context) ?? ParseTime(peeled, context);
                var ambiguousTime = false;
                if (result is null) result = OneReading(slot, peeled, context, t => ParseTime(t, context), out ambiguousTime);
                else result = Afternoon(slot, peeled, context, t => ParseTime(t, context), result) ?? result;
                // "in the morning" for a time names no time yet: which time in it, the user says (as "Thursday" for a date-time).
                problem = ambiguousTime ? AmbiguousHour : result is null && DayWithPart(peeled, context) is (_, _, true) ? TimeMissing : "not a time of day";
                break;
            case "email":
                result = peeled.Length <= 254 && EmailRegex().IsMatch(peeled) ? peeled : null;
                problem = "not an e-mail address";
                break;
            case "regex":
                result = MatchPattern(slot, peeled) ?? MatchPattern(slot, raw);
                problem = "does not match the pattern";
                break;
            case "file":
                // A file comes only as an attachment of the message (the engine reads it from the channel), never
                // from words: typed text must not pass for a file or smuggle in a URL to fetch.
                result = null;
                problem = NotAFile;
                break;
            default:
                result = null;
                problem = $"unknown kind '{slot.Kind}'";
                break;
        }
        if (result is null || result.Length == 0) return false;
        value = result;
        if (RangeProblem(slot, result, context) is { } outside)
        {
            problem = outside;
            return false;
        }
        problem = "";
        return true;
    }

    // "as soon as possible", "so früh wie möglich": the earliest value the type allows (its min, not before now). A day
    // is that day; a date-time the first full hour from then inside the type's hours (appointments start on the hour),
    // so the user confirms a time they can read; a time of day the min or the next full hour.
    private static string? Earliest(SlotInfo slot, string text, SlotParseContext context)
    {
        if (context.Language is null || !context.Lexicon.IsEarliest(text)) return null;
        var zone = context.Zone;
        var now = TimeZoneInfo.ConvertTime(context.Now, zone).DateTime;
        var min = Bounds(slot, context).Min;
        var from = min switch
        {
            { Kind: ExprValue.ValueKind.DateTime } m => TimeZoneInfo.ConvertTime(m.Instant, zone).DateTime,
            { Kind: ExprValue.ValueKind.Date } m => m.Day.ToDateTime(TimeOnly.MinValue),
            { Kind: ExprValue.ValueKind.Time } m => DateOnly.FromDateTime(now).ToDateTime(m.TimeOfDay),
            _ => now,
        };
        if (from < now && min is not { Kind: ExprValue.ValueKind.Time }) from = now;
        if (slot.Kind == "date") return DateOnly.FromDateTime(from).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (min is not { Kind: ExprValue.ValueKind.Time } && from.TimeOfDay.Ticks % TimeSpan.TicksPerHour != 0) from = from.Date.AddHours(from.Hour + 1);
        if (slot.Hours is { } hours && !hours.Contains(TimeOnly.FromDateTime(from)))
        {
            from = TimeOnly.FromDateTime(from) < hours.From ? from.Date + hours.From.ToTimeSpan() : from.Date.AddDays(1) + hours.From.ToTimeSpan();
        }
        return slot.Kind == "time" ? CanonicalText.Time(TimeOnly.FromDateTime(from)) : CanonicalText.Instant(CanonicalText.Local(from, zone), zone);
    }

    /// <summary>
    /// The type's bounds at the context's time: <c>min</c>/<c>max</c> of numbers, and of dates and times evaluated
    /// against now (<c>min: now</c>, <c>max: today + 7d</c>). Null where the type sets none.
    /// </summary>
    public static (ExprValue? Min, ExprValue? Max) Bounds(SlotInfo slot, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind is "integer" or "number") return (slot.Min is { } min ? ExprValue.Of(min) : null, slot.Max is { } max ? ExprValue.Of(max) : null);
        var scope = Scope(context);
        ExprValue? Bound(Expr? e) => e is null ? null : ExpressionEvaluator.Evaluate(e, scope) is { HasValue: true } v ? Typed(v, slot.Kind, scope) : null;
        return (Bound(slot.Earliest), Bound(slot.Latest));
    }

    // Why a read value is out of range ("outside 2026-03-01..2026-03-03T10:00:00+01:00"), or null when it is not.
    private static string? RangeProblem(SlotInfo slot, string canonical, SlotParseContext context)
    {
        if (slot.Kind is "integer" or "number" ? slot.Min is null && slot.Max is null : slot.Earliest is null && slot.Latest is null) return null;
        var scope = Scope(context);
        var value = slot.Kind switch
        {
            "integer" or "number" => ExprValue.Of(double.Parse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture)),
            "date" or "time" or "datetime" => Typed(ExprValue.Of(canonical), slot.Kind, scope),
            _ => null,
        };
        if (value is not { } v) return null; // a special value (asap) has no place on the time line
        var (min, max) = Bounds(slot, context);
        var below = min is { } lo && ExpressionEvaluator.Compare(v, lo, scope) is < 0;
        var above = max is { } hi && ExpressionEvaluator.Compare(v, hi, scope) is > 0;
        return below || above ? $"{OutOfRange}{Shown(min) ?? "…"}..{Shown(max) ?? "…"}" : null;

        // A bound as the slot holds values: a date type's "now + 1d" as its day (2026-12-08, not 2026-12-08T09:00:00+00:00),
        // an instant in the conversation's zone.
        string? Shown(ExprValue? bound) => bound is not { Kind: ExprValue.ValueKind.DateTime } b ? bound?.ToString()
            : slot.Kind == "date" ? ExprValue.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(b.Instant, context.Zone).DateTime)).ToString()
            : ExprValue.Of(TimeZoneInfo.ConvertTime(b.Instant, context.Zone)).ToString();
    }

    // The day of a date-time answer without a time, when no time of it is within the type's min/max: the day and why.
    private static (string Day, string Problem)? DayOutOfRange(SlotInfo slot, string text, SlotParseContext context) =>
        TryParse(new SlotInfo { Name = slot.Name, Kind = "date", Earliest = slot.Earliest, Latest = slot.Latest }, text, context, out var day, out var problem)
            || !IsOutOfRange(problem) || day.Length == 0 ? null : (day, problem);

    private static ExpressionContext Scope(SlotParseContext context) => new(_ => ExprValue.Unset, context.Now, context.Zone);

    // A canonical text as a value of the slot's kind; a bound written as an instant for a date slot stays an instant
    // (compared by calendar day), a day for a time slot has no meaning (null).
    private static ExprValue? Typed(ExprValue v, string kind, ExpressionContext scope)
    {
        if (v.Kind != ExprValue.ValueKind.String) return v;
        var target = kind switch
        {
            "date" => ExprValue.ValueKind.Date,
            "time" => ExprValue.ValueKind.Time,
            _ => ExprValue.ValueKind.DateTime,
        };
        return ExpressionEvaluator.Read(v, target, scope);
    }

    /// <summary>
    /// Finds a value of <paramref name="slot"/>'s kind inside a longer message ("I'd like 4 of them", "mail me at
    /// a@b.de", "no, a phone"): the canonical value, or null. Free text is the whole message.
    /// </summary>
    public static string? Extract(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return null;
        if (slot.Kind is "time" or "datetime" && context.Language is not null)
        {
            // "after 5pm tomorrow" is 17:00 tomorrow, the earliest time meant; "before 10am" names no time (10:00 is not meant).
            text = context.Lexicon.TimeBounds(text, out var endsAtTime);
            if (endsAtTime) return null;
        }
        if (slot.Kind is "date" or "datetime" && context.Language is not null && WithoutDeniedClauses(text, context.Lexicon) is var available && available != text)
        {
            if (string.IsNullOrWhiteSpace(available)) return null;
            text = available;
        }
        if (TryParse(slot, text, context, out var whole, out _)) return whole;
        switch (slot.Kind)
        {
            case "enum":
                return FindEnum(slot, text, context.Lexicon);
            case "integer" or "number":
                // The one number the message mentions, whole ("two hundred euros" is 200, "1 234,50" is 1234.5, never
                // their first part); two different numbers ("1200 EUR and 50 for the taxi") are no answer: which one, or
                // their sum, only the user knows, so the question is asked again. Days, times and house numbers are no
                // mention; inside a sentence an article is no count ("ich habe ein Problem"; "ein Stück" alone still is).
                return OneNumber(slot, text, context, datesAreMentions: false, skipArticles: UtteranceText.Tokens(text).Length > 2);
            case "email":
                var email = EmailInTextRegex().Match(text);
                return email.Success && TryParse(slot, email.Value.TrimEnd('.'), context, out var address, out _) ? address : null;
            case "date":
                foreach (Match m in DateInTextRegex().Matches(text))
                {
                    if (TryParse(slot, m.Value, context, out var date, out _)) return date;
                }
                // "am 5.12. bitte": a German day and month keeps its dots.
                foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd(',', '!', '?')))
                {
                    if ((DayMonthRegex().IsMatch(token) || SlashDayMonthRegex().IsMatch(token)) && TryParse(slot, token, context, out var day, out _)) return day;
                }
                // Five words: "on the 2nd of february" is that day, where three read "on the 2nd" (author16).
                return FirstOfWords(slot, text, context, 5) ?? FindEnum(slot, text, context.Lexicon);
            case "datetime" or "time":
                // Times keep their ':' and '.' ("7.30pm", "19:30"), so the n-grams are of the words as typed.
                foreach (Match m in DateInTextRegex().Matches(text))
                {
                    if (m.Value.Contains(':', StringComparison.Ordinal) && TryParse(slot, m.Value, context, out var instant, out _)) return instant;
                }
                var found = FirstOfRawWords(slot, text, context, 6, out _, out var words, out var window);
                return (found is not null && (slot.Kind != "datetime" || !DayBesideTime(words, window, context)) ? found : null)
                    ?? FindEnum(slot, text, context.Lexicon);
            case "boolean":
                return FirstOfWords(slot, text, context, 2);
            case "regex":
                return PatternWords(slot, text, context) is { } written && TryParse(slot, written, context, out var match, out _) ? match : null;
            default:
                return null;
        }
    }

    // A day the user says they cannot make is no answer: "ich bin morgen nicht da", "I'm not home on monday" started
    // the rescheduling with that day. The clauses of the text (up to a comma, or a contrast: "morgen nicht, lieber
    // Mittwoch", "not tomorrow but wednesday") without those that deny; the text itself when none does.
    private static string WithoutDeniedClauses(string text, Lexicon lexicon)
    {
        var clauses = new List<List<string>> { new() };
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (lexicon.IsClauseContrast(word.ToLowerInvariant()) && clauses[^1].Count > 0) clauses.Add([]);
            clauses[^1].Add(word);
            if (word[^1] is ',' or ';' or '!' or '?') clauses.Add([]);
        }
        var kept = clauses.Where(c => c.Count > 0).Select(c => string.Join(' ', c)).ToList();
        // A courtesy at the end ("if that's not a problem", "wenn das kein Problem ist") denies no day.
        var available = kept.Where(c => !lexicon.Negates(lexicon.PeelRaw(c))).ToList();
        return available.Count == kept.Count ? text : string.Join(' ', available);
    }

    /// <summary>
    /// The words of a longer message that a <c>regex</c> slot's pattern takes, as typed ("HH-AB 123" in "an inspection
    /// for my Golf HH-AB 123 next Monday"), so the engine can tell which numbers of the message belong to the value;
    /// null when none do. Up to four words, the longest first: "my number is 030 1234567" is 0301234567, never its last
    /// part alone (a phone number written in groups was cut to "1234567").
    /// </summary>
    public static string? PatternWords(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind != "regex" || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return null;
        var tokens = text.Split([' ', ',', ';', ':', '!', '?', '#', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.TrimEnd('.')).ToList();
        return Windows(tokens, 4).FirstOrDefault(candidate => TryParse(slot, candidate, context, out _, out _));
    }

    /// <summary>
    /// The value of the one number a message mentions, in digits or words ("I'd like two pizzas" -> 2, "zwei Pizzen"
    /// -> 2), for a number slot of the flow the message starts. Null when it mentions none or several ("two pizzas for
    /// 3 people", "AB123, two of them"), when the number belongs to a time or date ("at 7", "7pm", "7 pm", "um 19 Uhr",
    /// "24.12.2026"), or when the slot refuses it. Articles that are also number words ("ein", "eine") are no mention.
    /// </summary>
    public static string? SingleNumber(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength || DateInTextRegex().IsMatch(text)) return null;
        return OneNumber(slot, text, context, datesAreMentions: true, skipArticles: true);
    }

    /// <summary>
    /// The words of the one number a message mentions, as <see cref="SingleNumber"/> finds it, whether or not the slot
    /// takes it ("wir sind 7" -> "7" at a question for 1 to 5, so the engine can name the range); null when none or several.
    /// </summary>
    public static string? SingleNumberWords(string? text, SlotParseContext context)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength || DateInTextRegex().IsMatch(text)) return null;
        return OneMention(text, context, datesAreMentions: true, skipArticles: true);
    }

    // The value of the one number a message mentions (see NumberMentions), or null when it mentions none or several.
    // A number that belongs to a time ("at 7", "7 pm", "um 19 Uhr") or a house number is no value; a time counts as a
    // mention for SingleNumber (datesAreMentions: a day or time in the message, and its numbers, are no count), and
    // Extract passes them over ("200 on 3.12." is 200).
    private static string? OneNumber(SlotInfo slot, string text, SlotParseContext context, bool datesAreMentions, bool skipArticles) =>
        OneMention(text, context, datesAreMentions, skipArticles) is { } found && TryParse(slot, found, context, out var value, out _) ? value : null;

    // The words of the one number a message mentions (see OneNumber), or null.
    private static string? OneMention(string text, SlotParseContext context, bool datesAreMentions, bool skipArticles)
    {
        var lexicon = context.Lexicon;
        var raw = MessageWords(text);
        // A day in the message ("am 24.12.") is no count, and its numbers are none either.
        if (datesAreMentions && raw.Any(w => LooksLikeDate(w, context))) return null;
        // "vom 18. bis 20. Dezember": a number with a dot inside the sentence is a German day (an ordinal), so no count; at
        // the end the dot may close the sentence ("wir sind 4.").
        if (datesAreMentions && raw.SkipLast(1).Any(w => w.Length > 1 && w[^1] == '.' && w[..^1].All(char.IsAsciiDigit))) return null;
        var words = WithoutDates(raw, context);
        string? found = null;
        double? number = null;
        foreach (var (mention, i, span) in NumberMentions(words, context, skipArticles))
        {
            // "AB123", "7pm": a number that is no amount; beside another it leaves SingleNumber unsure which is meant.
            // A clock time ("8pm", "19:30", "at 8") is no count and leaves the count beside it plain: "a table for 2
            // tomorrow at 8pm" is 2 people (the restaurant trial asked for them again). A day still does not (above).
            if (mention is null)
            {
                if (datesAreMentions && ParseTimeOfDay(words[i], lexicon, afternoon: null) is null) return null;
                continue;
            }
            // "to 12 Baker Street", "Hauptstraße 5": a house number, neither a count nor a second number.
            if (span == 1 && HouseNumber(words, i, lexicon)) continue;
            if (OfATime(words, mention, i, span, lexicon)) continue;
            var read = ParseNumber(mention, context);
            if (read is null) continue;
            if (number is not null && number != read) return null;
            (number, found) = (read, mention);
        }
        return found;
    }

    /// <summary>
    /// The different amounts a message names, in the order it names them, canonical and each a valid value of the slot
    /// ("1200 EUR and 50 for the taxi": 1200, 50); days, times and house numbers are none (as for <see cref="Extract"/>).
    /// Fewer than two: empty.
    /// </summary>
    public static IReadOnlyList<string> Amounts(SlotInfo slot, string text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind is not ("integer" or "number") || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return [];
        var lexicon = context.Lexicon;
        var words = WithoutDates(MessageWords(text), context);
        var amounts = new List<string>();
        foreach (var (mention, i, span) in NumberMentions(words, context, skipArticles: words.Length > 2))
        {
            if (mention is null || (span == 1 && HouseNumber(words, i, lexicon)) || OfATime(words, mention, i, span, lexicon)) continue;
            if (ParseNumber(mention, context) is not { } read || FormatNumber(slot, read, out _) is not { } value || RangeProblem(slot, value, context) is not null) continue;
            if (!amounts.Contains(value)) amounts.Add(value);
        }
        return amounts.Count > 1 ? amounts : [];
    }

    // The message's words with the punctuation around them trimmed (a day's or an amount's dots stay: "24.12.", "1.200").
    private static string[] MessageWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ';', ':', '!', '?', '(', ')', '"')).ToArray();

    // The words numbers are read from: days and dates left out, the dots at the ends of the rest trimmed.
    private static string[] WithoutDates(string[] words, SlotParseContext context) =>
        words.Where(w => !LooksLikeDate(w, context)).Select(w => w.Trim('.')).Where(w => w.Length > 0).ToArray();

    // A number that belongs to a time ("at 7", "um 7", "7 pm"): no amount. After "around" or "gegen" a number no clock
    // shows ("around 92000 km", "around 1,500") is an amount. A word that opens a day is no clock word: "für 4 am
    // Samstag" is 4 people on Saturday, not 4 a.m. (the restaurant trial asked for the count again).
    private static bool OfATime(string[] words, string mention, int at, int span, Lexicon lexicon) =>
        (at > 0 && lexicon.MarksTime(words[at - 1]) && !PastAnHour(mention))
        || (at + span < words.Length && !lexicon.OpensDay(words[at + span]) && ParseTimeOfDay(mention + " " + words[at + span], lexicon, afternoon: null) is not null);

    private static bool PastAnHour(string mention) =>
        !ClockDigitsRegex().IsMatch(mention) && mention.All(c => char.IsAsciiDigit(c) || c is ',' or '.')
        && long.TryParse(mention.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 24;

    [GeneratedRegex(@"^\d{1,2}[:.]\d{2}$")]
    private static partial Regex ClockDigitsRegex();

    // Every number among the words, whole: digits as typed with a currency sign peeled ("€200", "1.5k"), digits grouped
    // in thousands by spaces as one ("1 234,50"), number words as the longest run that reads as one number ("a hundred
    // and twenty", not "a hundred" and "twenty"). Digits glued to letters ("7pm", "3rd", "AB123") mention no number (null).
    private static IEnumerable<(string? Mention, int At, int Span)> NumberMentions(string[] words, SlotParseContext context, bool skipArticles)
    {
        var lexicon = context.Lexicon;
        for (var i = 0; i < words.Length; i++)
        {
            // "eins komma fünf", "2 komma 75": a decimal read out is one number.
            var spoken = Enumerable.Range(3, Math.Max(0, Math.Min(6, words.Length - i) - 2)).Reverse()
                .FirstOrDefault(n => SpokenDecimal(string.Join(' ', words, i, n), context) is not null);
            if (spoken > 0)
            {
                yield return (string.Join(' ', words, i, spoken), i, spoken);
                i += spoken - 1;
                continue;
            }
            if (words[i].Any(char.IsDigit))
            {
                var digits = WithoutCurrency(words[i]);
                var span = 1;
                while (i + span < words.Length && ThousandsGroupRegex().IsMatch(digits + " " + words[i + span]))
                {
                    digits += " " + WithoutCurrency(words[i + span]);
                    span++;
                }
                // "1.2 million euros": the word that scales the digits is part of the one number.
                if (i + span < words.Length && DigitsRegex().IsMatch(digits) && lexicon.Scale(words[i + span]) is not null)
                {
                    yield return (digits + " " + words[i + span], i, span + 1);
                    i += span;
                    continue;
                }
                yield return (DigitsRegex().IsMatch(digits) || ThousandsGroupRegex().IsMatch(digits) ? digits : null, i, span);
                i += span - 1;
                continue;
            }
            var found = false;
            for (var n = Math.Min(6, words.Length - i); n >= 1 && !found; n--)
            {
                var phrase = string.Join(' ', words, i, n);
                if (words.Skip(i).Take(n).Any(w => w.Any(char.IsDigit)) || lexicon.NumberWord(phrase) is null) continue;
                if (n == 1 && ((skipArticles && lexicon.IsArticle(UtteranceText.Normalize(words[i]))) || lexicon.IsPronounOne(words, i))) break;
                yield return (phrase, i, n);
                i += n - 1;
                found = true;
            }
        }
    }

    // "€200", "200€", "$1,234.50": the digits without the currency sign glued to them.
    private static string WithoutCurrency(string word) => word.Trim('€', '$', '£');

    // Digits that may be one number: "1200", "1,234.50", "-3", "1.5k".
    [GeneratedRegex(@"^[+-]?\d+(?:[.,']\d+)*[kK]?$")]
    private static partial Regex DigitsRegex();

    // Thousands apart by spaces, as French and German (DIN 5008) write them: "1 234", "1 234,50", "12 345 678".
    [GeneratedRegex(@"^\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:[.,]\d+)?$")]
    private static partial Regex ThousandsGroupRegex();

    // Digits one or two words before a street word where the number comes first ("12 Baker Street", "5 Main St"), else
    // right after one ("Hauptstraße 5").
    private static bool HouseNumber(string[] words, int i, Lexicon lexicon) =>
        words[i].All(char.IsDigit) && (lexicon.HouseNumberFirst
            ? words.Skip(i + 1).Take(2).Any(lexicon.IsStreetWord)
            : i > 0 && lexicon.IsStreetWord(words[i - 1]));

    /// <summary>
    /// A new time for a date-time the user already gave ("make it 10:30", "change the time to 11am"): the same day at
    /// that time, in the conversation's zone. Null when the text names a day too (then it is read as a whole date-time),
    /// names no time, or the result breaks the type's <c>min</c>/<c>max</c>.
    /// </summary>
    public static string? SameDayAt(SlotInfo slot, string current, string text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind != "datetime" || !DateTimeOffset.TryParse(current, CultureInfo.InvariantCulture, DateTimeStyles.None, out var old)) return null;
        return OnDayAt(slot, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(old, context.Zone).DateTime), text, context);
    }

    /// <summary>
    /// A new day for a date-time the user already gave ("actually Tuesday instead" for Monday 10:30): that day at the
    /// same time, in the conversation's zone. Null when the text names a time too (then it is read as a whole
    /// date-time), names no day, or the result breaks the type's <c>min</c>/<c>max</c>.
    /// </summary>
    public static string? SameTimeOn(SlotInfo slot, string current, string text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind != "datetime" || !DateTimeOffset.TryParse(current, CultureInfo.InvariantCulture, DateTimeStyles.None, out var old)) return null;
        if (Extract(TimePart(slot), text, context) is not null || NamesAmbiguousHour(text, context)) return null;
        if (Extract(new SlotInfo { Name = slot.Name, Kind = "date" }, text, context) is not { } date
            || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }
        var time = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(old, context.Zone).DateTime);
        var value = CanonicalText.Instant(CanonicalText.Local(day.ToDateTime(time), context.Zone), context.Zone);
        return RangeProblem(slot, value, context) is null ? value : null;
    }

    /// <summary>
    /// A time alone on a given day ("at 3pm" after "Thursday"), in the conversation's zone; for a <c>time</c> slot the
    /// time of day alone, read in the part of the day kept with the day. Null when the text names a day too, names no
    /// time, or the result breaks the type's <c>min</c>/<c>max</c>.
    /// </summary>
    public static string? OnDayAt(SlotInfo slot, DateOnly day, string text, SlotParseContext context, string? part = null)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (Extract(new SlotInfo { Name = slot.Name, Kind = "date" }, text, context) is not null) return null;
        // "Thursday morning", then "10": 10:00; "friday evening", then "8": 20:00. A time with am/pm or past 12 is as said.
        if (part is not null && text.Trim().TrimEnd('!', '?', '.', ' ') is { Length: > 0 } said
            && TryParse(new SlotInfo { Name = slot.Name, Kind = "time" }, said + (part == "morning" ? " am" : " pm"), context, out var inPart, out _)
            && TimeOnly.TryParseExact(inPart, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var partTime)
            && partTime.Hour != 0
            && (slot.Kind == "time" ? inPart : CanonicalText.Instant(CanonicalText.Local(day.ToDateTime(partTime), context.Zone), context.Zone)) is var inDayPart
            && RangeProblem(slot, inDayPart, context) is null)
        {
            return inDayPart;
        }
        if (Extract(TimePart(slot), text, context) is not { } hhmm
            || !TimeOnly.TryParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }
        var value = slot.Kind == "time" ? hhmm : CanonicalText.Instant(CanonicalText.Local(day.ToDateTime(time), context.Zone), context.Zone);
        return RangeProblem(slot, value, context) is null ? value : null;
    }

    /// <summary>
    /// The part of the day a message names next to its day ("friday evening", "Donnerstagabend", "could we come
    /// tomorrow night?": evening; morning, afternoon or evening), null when it names none.
    /// </summary>
    public static string? DayPartIn(string? text, SlotParseContext context) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength ? null : DayPartOf(text, context, inside: true);

    /// <summary>
    /// An hour that may be morning or evening ("friday at 8", asked back) with the half of the day the next answer names
    /// ("in the evening", "morning", "pm", "abends"): the answer to read again, "friday at 8 pm". Null when the answer
    /// names no half of the day.
    /// </summary>
    public static string? InHalfOfDay(SlotInfo slot, string ambiguous, string answer, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind is not ("time" or "datetime") || string.IsNullOrWhiteSpace(ambiguous) || string.IsNullOrWhiteSpace(answer)) return null;
        var half = context.Language is null ? answer.Trim() : context.Lexicon.PeelRaw(answer.Trim());
        var written = half.Replace(".", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
        var marker = context.Lexicon.DayPart(half) is { } evening ? (evening ? "pm" : "am") : written is "am" or "pm" ? written : null;
        return marker is null ? null : (context.Language is null ? ambiguous.Trim() : context.Lexicon.PeelRaw(ambiguous.Trim())).TrimEnd('!', '?', '.', ' ') + " " + marker;
    }

    /// <summary>
    /// The day a message names for a date-time slot without a time ("Thursday", "tomorrow"; <paramref name="inside"/>:
    /// also inside a sentence, "book a new one for Friday"), as <c>yyyy-MM-dd</c>: the part of a date-time answer the
    /// user already gave, kept until the time comes. Null when the message names a time (then it is a whole date-time,
    /// or an hour that may be morning or evening), names no day, or no time of that day is within the type's
    /// <c>min</c>/<c>max</c>.
    /// </summary>
    public static string? DayOf(SlotInfo slot, string? text, SlotParseContext context, bool inside = false)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind != "datetime" || string.IsNullOrWhiteSpace(text)) return null;
        if (TryParse(slot, text, context, out _, out var problem) || (problem != TimeMissing && !inside)) return null;
        if (inside && (Extract(slot, text, context) is not null || Extract(TimePart(slot), text, context) is not null || NamesAmbiguousHour(text, context))) return null;
        var day = new SlotInfo { Name = slot.Name, Kind = "date", Earliest = slot.Earliest, Latest = slot.Latest };
        // A date slot with the date-time's bounds compares them by calendar day: a day any of whose times is allowed.
        var date = Extract(day, text, context) ?? (DayWithPart(text, context) is { } alone && TryParse(day, CanonicalText.Date(alone.Day), context, out var today, out _) ? today : null);
        return date is null ? null : KeptDay(date, DayPartOf(text, context, inside));
    }

    /// <summary>
    /// A day kept for a date-time question until its time comes: <c>yyyy-MM-dd</c>, followed by the part of the day the
    /// user named with it ("2026-03-05 morning"), which then reads a bare hour ("10" in the morning, "8" in the evening).
    /// </summary>
    public static string KeptDay(string day, string? part) => part is null ? day : day + " " + part;

    /// <summary>A kept day (<see cref="KeptDay(string, string?)"/>) read back: the day and its part of the day, or null when it is none.</summary>
    public static (DateOnly Day, string? Part)? ReadKeptDay(string? kept)
    {
        if (kept is null || kept.Length < 10
            || !DateOnly.TryParseExact(kept[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return null;
        return (day, kept.Length > 11 ? kept[11..] : null);
    }

    // The time of day of a canonical date-time ("2026-03-03T15:00:00+01:00": 15:00, in the conversation's zone).
    private static TimeOnly TimeOfDay(string canonical) =>
        TimeOnly.TryParseExact(canonical, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
            : TimeOnly.FromTimeSpan(DateTimeOffset.Parse(canonical, CultureInfo.InvariantCulture).TimeOfDay);

    // The time of day in a date-time answer, read with the date-time type's hours ("at 3" is 15:00 for a practice).
    private static SlotInfo TimePart(SlotInfo slot) => new() { Name = slot.Name, Kind = "time", Hours = slot.Hours };

    /// <summary>
    /// The words of a longer message that name an hour that may be morning or evening for a time or date-time slot, with
    /// their day ("book a spin class thursday at 8": "thursday at 8"); null when the message names a clear time or none.
    /// </summary>
    public static string? AmbiguousHourIn(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind is not ("time" or "datetime") || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return null;
        return FirstOfRawWords(slot, text, context, 6, out var ambiguous, out var words, out var window) is null && ambiguous ? string.Join(' ', words[window]) : null;
    }

    /// <summary>
    /// True when <paramref name="text"/> names an hour that may be morning or evening ("tomorrow at 10") and no clear
    /// time: it names a time, but which one the user must say.
    /// </summary>
    public static bool NamesAmbiguousHour(string text, SlotParseContext context)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return false;
        var time = new SlotInfo { Name = "time", Kind = "time" };
        if (TryParse(time, text, context, out _, out var problem)) return false;
        if (problem == AmbiguousHour) return true;
        FirstOfRawWords(time, text, context, 6, out var ambiguous);
        return ambiguous;
    }

    // A time refused only because its hour may be morning or evening ("at 3"): the one reading inside the slot's
    // min/max (a call back between 8:00 and 17:00 at 3 is 15:00), or, of a date-time type with
    // hours, the one inside those; else null and ambiguous when both readings are possible.
    private static string? OneReading(SlotInfo slot, string text, SlotParseContext context, Func<string, string?> parse, out bool ambiguous)
    {
        ambiguous = false;
        var trimmed = text.TrimEnd('!', '?', '.', ' ');
        // Only an hour may be morning or evening: digits ("at 8") or a spoken time ("halb zehn") at the end.
        // "2 o'clock" is the 12-hour clock: an hour as well ("19 Uhr" is not).
        var said = trimmed.EndsWith(" o'clock", StringComparison.OrdinalIgnoreCase) ? trimmed[..^" o'clock".Length] : trimmed;
        var last = said.Split(' ')[^1];
        if (said.Length == 0 || (!char.IsAsciiDigit(said[^1]) && context.Lexicon.NumberWord(last) is null && Lexicon.English.NumberWord(last) is null)) return null;
        string?[] readings = [parse(said + " am"), parse(said + " pm")];
        if (readings.Any(r => r is null)) return null;
        // "at 3" for a practice open 08:00-18:00 (the type's hours) is 15:00, even when that is too soon or too late:
        // "at 10" at 9:17 for a practice that books an hour ahead was 10 p.m. today, refused as outside the hours; 10:00
        // names the range. Asked about only when both readings, or neither, lie inside the hours and the range.
        if (slot.Hours is { } open && readings.Where(r => open.Contains(TimeOfDay(r!))).ToList() is [var within]) return within;
        var possible = readings.Where(r => RangeProblem(slot, r!, context) is null).ToList();
        if (possible.Count == 1) return possible[0];
        ambiguous = possible.Count == 2;
        return null;
    }

    // "tomorrow at 3:30" for a practice open 08:00-18:00 was 03:30, "outside those hours": a clock time without a
    // leading zero or am/pm that lies outside the slot's min/max or hours is the afternoon reading when that one is inside.
    private static string? Afternoon(SlotInfo slot, string text, SlotParseContext context, Func<string, string?> parse, string result)
    {
        var trimmed = text.TrimEnd('!', '?', '.', ' ');
        if (!BareClockRegex().IsMatch(trimmed)) return null;
        bool Inside(string reading) => RangeProblem(slot, reading, context) is null && (slot.Hours is not { } hours || hours.Contains(TimeOfDay(reading)));
        if (Inside(result)) return null;
        return parse(trimmed + " pm") is { } pm && TimeOfDay(pm) > TimeOfDay(result) && Inside(pm) ? pm : null;
    }

    /// <summary>Resolves a time zone id (IANA or Windows); UTC for null or unknown ids.</summary>
    public static TimeZoneInfo ResolveTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>
    /// Applies a type's <c>normalize</c> steps (trim, upper, lower, no_spaces, no_dashes, no_separators) in order;
    /// <c>no_separators</c> drops what people write between the digits of a phone number: spaces, dashes, slashes, dots
    /// and brackets ("030/123 45-67", "(030) 1234567").
    /// </summary>
    public static string ApplyNormalize(IReadOnlyList<string> steps, string text)
    {
        foreach (var step in steps)
        {
            text = step switch
            {
                "trim" => text.Trim(),
                "upper" => text.ToUpperInvariant(),
                "lower" => text.ToLowerInvariant(),
                "no_spaces" => string.Concat(text.Where(c => !char.IsWhiteSpace(c))),
                "no_dashes" => text.Replace("-", "", StringComparison.Ordinal),
                "no_separators" => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '/' or '.' or '(' or ')'))),
                _ => text,
            };
        }
        return text.Trim();
    }

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
        return Misspelt(slot, normalized);
    }

    /// <summary>
    /// An enum slot's values and synonyms as the parser compares them, worked out once per <see cref="SlotInfo"/> (issue 19:
    /// normalising every value and synonym and building their plural forms on each parse was a tenth of a turn's bytes).
    /// </summary>
    internal sealed class EnumPhrases
    {
        private EnumPhrases(SlotInfo slot)
        {
            Values = [.. slot.Values.Select(v => new EnumPhrase(v))];
            Heads = new HeadPhrases(slot.Values.SelectMany(v => v.Synonyms.Append(v.Value)));
        }

        /// <summary>Per value, in the slot's order.</summary>
        public EnumPhrase[] Values { get; }

        /// <summary>The values and synonyms as <see cref="ValueHeads(string, HeadPhrases, Lexicon)"/> reads them.</summary>
        public HeadPhrases Heads { get; }

        // A slot's values never change after it is built (init-only), so the phrases are kept on it; two threads that
        // build them at once build the same.
        public static EnumPhrases Of(SlotInfo slot) => slot.EnumPhrases ??= new EnumPhrases(slot);
    }

    /// <summary>One enum value: its id; its synonyms, and its synonyms then the id, normalised; their plural forms.</summary>
    internal sealed class EnumPhrase
    {
        public EnumPhrase(EnumValueInfo value)
        {
            Value = value.Value;
            Normalized = UtteranceText.Normalize(value.Value);
            Synonyms = [.. value.Synonyms.Select(s => UtteranceText.Normalize(s))];
            Phrases = [.. Synonyms, Normalized];
            PhrasePlurals = [.. Phrases.Select(p => SlotValueParser.Plurals(p).ToArray())];
            AllPlurals = [.. PhrasePlurals.SelectMany(p => p)];
        }

        public string Value { get; }
        public string Normalized { get; }
        public string[] Synonyms { get; }

        /// <summary>The synonyms, then the value, normalised (the order the parser tries them in).</summary>
        public string[] Phrases { get; }

        /// <summary>The plural forms of each of <see cref="Phrases"/>, index for index.</summary>
        public string[][] PhrasePlurals { get; }

        /// <summary>All plural forms of the value and its synonyms.</summary>
        public string[] AllPlurals { get; }
    }

    // "a phone", "ein Handy": the value after an article (an answer said as a noun phrase).
    private static string WithoutArticle(string text, Lexicon lexicon)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && lexicon.IsArticle(UtteranceText.Normalize(text[..space])) ? text[(space + 1)..] : "";
    }

    // "labtop", "tablett", "meduim": one word of five letters or more, one edit away from a word of exactly one value
    // (its id or a synonym of five letters or more). Shorter words are too often other words ("small" vs "smell" is
    // fine, "tab" vs "tap" is not); two values within reach is no answer. A plural in -s counts when the typo is in the
    // word, not its ending ("labtops", "Hnadys"; "laptopses" is none).
    private static string? Misspelt(SlotInfo slot, string word)
    {
        if (word.Length < 5 || word.Contains(' ', StringComparison.Ordinal) || word.Any(char.IsDigit)) return null;
        var singular = word.Length > 5 && word[^1] == 's' ? word[..^1] : null;
        string? found = null;
        foreach (var candidate in EnumPhrases.Of(slot).Values)
        {
            var near = candidate.Phrases
                .Any(s => s.Length >= 5 && !s.Contains(' ', StringComparison.Ordinal)
                    && (TypoCorrection.WithinOneEdit(word, s) || (singular is not null && singular[^1] == s[^1] && TypoCorrection.WithinOneEdit(singular, s))));
            if (!near) continue;
            if (found is not null && found != candidate.Value) return null;
            found = candidate.Value;
        }
        return found;
    }

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
        var phrases = EnumPhrases.Of(slot);
        var named = new HashSet<string>(StringComparer.Ordinal);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in Clauses(text, phrases.Heads, lexicon))
        {
            var hits = new List<(string Value, int Start, int Length)>();
            foreach (var candidate in phrases.Values)
            {
                for (var k = 0; k < candidate.Phrases.Length; k++)
                {
                    foreach (var form in candidate.PhrasePlurals[k].Prepend(candidate.Phrases[k]))
                    {
                        if (form.Length == 0) continue;
                        var parts = form.Split(' ');
                        for (var i = 0; i + parts.Length <= words.Length; i++)
                        {
                            if (words.AsSpan(i, parts.Length).SequenceEqual(parts)) hits.Add((candidate.Value, i, parts.Length));
                        }
                    }
                }
            }
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
            .Select(clause => UtteranceText.Tokens(ValueHeads(clause, heads, lexicon)))
            .Where(words => words.Length > 0);

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

    /// <summary>The phrases <see cref="ValueHeads(string, HeadPhrases, Lexicon)"/> compares a text with, folded and split once.</summary>
    internal sealed class HeadPhrases
    {
        public HeadPhrases(IEnumerable<string> phrases)
        {
            Values = [.. phrases.Select(p => UtteranceText.Fold(UtteranceText.Normalize(p))).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Select(p => p.Split(' '))];
            Modifiers = Values.Where(p => p.Length == 1 && p[0].Length >= 4).Select(p => p[0]).ToHashSet(StringComparer.Ordinal);
        }

        /// <summary>Each phrase's words, folded; distinct phrases in their first order.</summary>
        public string[][] Values { get; }

        /// <summary>The one-word phrases of four letters or more.</summary>
        public HashSet<string> Modifiers { get; }
    }

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
                if (i + v.Length < words.Count && StartsAt(folded, i, v) && lexicon.IsHeadNoun(words[i + v.Length]))
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

    // Word n-grams, longest first from the left: "see you next friday" -> "next friday".
    private static string? FirstOfWords(SlotInfo slot, string text, SlotParseContext context, int maxWords, bool skipArticles = false)
    {
        var words = UtteranceText.Tokens(text);
        for (var i = 0; i < words.Length; i++)
        {
            // "not on monday", "tuesday, not monday", "nicht am Montag": a value the user takes out is no answer.
            if (context.Lexicon.Negates(words[i]) || context.Lexicon.ExcludesChoiceAt(words, i)) continue;
            for (var n = Math.Min(maxWords, words.Length - i); n >= 1; n--)
            {
                if (n == 1 && skipArticles && context.Lexicon.IsArticle(words[i])) continue;
                // "so" inside a sentence is no Sunday ("so", "am So" alone are).
                if (n == 1 && context.Lexicon.IsEverydayWeekday(words[i])) continue;
                if (TryParse(slot, string.Join(' ', words, i, n), context, out var value, out _)) return value;
            }
        }
        return null;
    }

    // Like FirstOfWords over whitespace-separated words with their punctuation inside ("7:30pm"), edges trimmed. A
    // time that may be morning or evening is no value, and no part of it is one either: "next friday at 10" is not
    // "at 10" (the next 10 o'clock, another day).
    private static string? FirstOfRawWords(SlotInfo slot, string text, SlotParseContext context, int maxWords) =>
        FirstOfRawWords(slot, text, context, maxWords, out _);

    private static string? FirstOfRawWords(SlotInfo slot, string text, SlotParseContext context, int maxWords, out bool ambiguous) =>
        FirstOfRawWords(slot, text, context, maxWords, out ambiguous, out _, out _);

    // The first value in the words as typed, and the words it was read from (window: start and count).
    private static string? FirstOfRawWords(SlotInfo slot, string text, SlotParseContext context, int maxWords, out bool ambiguous, out string[] words, out Range window)
    {
        ambiguous = false;
        window = default;
        words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ';', '!', '?', '(', ')', '"')).Where(w => w.Length > 0).ToArray();
        for (var i = 0; i < words.Length; i++)
        {
            for (var n = Math.Min(maxWords, words.Length - i); n >= 1; n--)
            {
                window = i..(i + n);
                // A number standing alone inside a sentence is a count, not a time: "a table for 2 tomorrow at 8pm" is
                // 20:00 (never 14:00, the one reading of "2" between a restaurant's 12:00 and 21:30), "table for 4 on
                // saturday" names no time. A time says so around its number: "at 2" (its own window, read first), "2pm".
                if (words.Length > 1 && slot.Kind is "time" or "datetime" && CountNotTime(words, i, n, context)) continue;
                if (TryParse(slot, string.Join(' ', words, i, n).TrimEnd('.'), context, out var value, out var problem)) return value;
                if (problem == AmbiguousHour)
                {
                    ambiguous = true;
                    i += n - 1;
                    break;
                }
            }
        }
        return null;
    }

    // A window of the words that is a number alone, or after "for" ("a table for four"), with no word that makes it a
    // time ("at 2", "um 2"; "2pm", "19 Uhr" and "half past 2" are no bare number).
    private static bool CountNotTime(string[] words, int start, int count, SlotParseContext context)
    {
        var lexicon = context.Lexicon;
        var first = start;
        while (first < start + count - 1 && lexicon.IsTimePrefix(words[first]))
        {
            if (lexicon.MarksTime(words[first])) return false;
            first++;
        }
        if (first != start + count - 1) return false;
        var word = words[first].TrimEnd('.').ToLowerInvariant();
        return (word.Length is >= 1 and <= 2 && word.All(char.IsAsciiDigit)) || lexicon.NumberWord(word) is not null || Lexicon.English.NumberWord(word) is not null;
    }

    /// <summary>
    /// True when the words a date-time was read from name no day and another word of the message does ("end of next week
    /// at 10", days the parser cannot read as one; "2027-06-01 at 10", a day outside the calendar): the time alone would
    /// be today's or tomorrow's, a day the user did not say, so the message gives no date-time.
    /// </summary>
    private static bool DayBesideTime(string[] words, Range window, SlotParseContext context)
    {
        var (start, count) = window.GetOffsetAndLength(words.Length);
        bool NamesDay(int i)
        {
            var word = words[i].TrimEnd('.');
            if ((DateInTextRegex().Match(words[i]) is { Success: true } m && m.Length == words[i].Length) || DayMonthRegex().IsMatch(words[i]) || SlashDayMonthRegex().IsMatch(words[i])) return true;
            if (word.Length > 0 && !context.Lexicon.IsEverydayWeekday(word) && ParseDate(word, context) is not null) return true;
            if (i > 0 && ParseDate(words[i - 1] + " " + word, context) is not null) return true; // "the ninth"
            if (context.Lexicon.IsWeekWord(word)) return true; // "end of next week", "sometime next week"
            // A month name beside a number ("Dec 9", "9 Dezember"); alone it may be a word ("may").
            bool Digits(int j) => j >= 0 && j < words.Length && words[j].Any(char.IsAsciiDigit);
            return context.Lexicon.Month(word) is not null && (Digits(i - 1) || Digits(i + 1));
        }
        return !Enumerable.Range(start, count).Any(NamesDay)
            && Enumerable.Range(0, words.Length).Where(i => i < start || i >= start + count).Any(NamesDay);
    }

    private static string? MatchPattern(SlotInfo slot, string text)
    {
        if (slot.Pattern is null) return null;
        var normalized = ApplyNormalize(slot.Normalize, text);
        try
        {
            return Regex.IsMatch(normalized, "^(?:" + slot.Pattern + ")$", RegexOptions.CultureInvariant, RegexBudget) ? normalized : null;
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input against an author's pattern counts as not matching.
            return null;
        }
    }

    private static string? FormatNumber(SlotInfo slot, double number, out string problem)
    {
        problem = "";
        if (slot.Kind == "integer" && (Math.Abs(number % 1) > 0 || Math.Abs(number) > 1e15))
        {
            problem = "not an integer";
            return null;
        }
        return slot.Kind == "integer" ? ((long)number).ToString(CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture);
    }

    private static double? ParseNumber(string text, SlotParseContext context)
    {
        if (LooksLikeDate(text.Trim().TrimEnd('!', '?').Trim(), context)) return null;
        var t = text.Trim().TrimEnd('.', '!', '?').Trim();
        if (context.Language is null)
        {
            return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var canonical) && double.IsFinite(canonical) ? canonical : null;
        }
        // "200 €", "EUR 1.200", "two hundred euros": the currency is no part of the number.
        var words = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && context.Lexicon.IsCurrency(words[0])) words.RemoveAt(0);
        while (words.Count > 1 && context.Lexicon.IsCurrency(words[^1].TrimEnd('.'))) words.RemoveAt(words.Count - 1);
        t = WithoutCurrency(string.Join(' ', words)).Trim();
        if (t.Length > 0 && (char.IsDigit(t[0]) || (t[0] is '-' or '+' && t.Length > 1 && char.IsDigit(t[1]))))
        {
            var (decimalSeparator, groupSeparator) = context.Lexicon.Language == "de" ? (',', '.') : ('.', ',');
            // "2x", "3 x": a count with its times sign.
            if (t.Length > 1 && t[^1] is 'x' or 'X' && t[..^1].TrimEnd().All(char.IsAsciiDigit)) t = t[..^1].TrimEnd();
            // "1.5k", "2k": thousands.
            if (t.Length > 1 && t[^1] is 'k' or 'K' && char.IsDigit(t[^2])) return ParseDigits(t[..^1], decimalSeparator, groupSeparator) * 1000;
            // "1.2 million", "2 Millionen", "1,5 Mio.": digits and a word that scales them.
            if (t.Split(' ') is [var scaled, var scaleWord] && context.Lexicon.Scale(scaleWord) is { } times)
            {
                // In decimal: 1.2 * 1,000,000 in binary floating point is not quite 1,200,000.
                return ParseDigits(scaled, decimalSeparator, groupSeparator) is { } digits and > -1e12 and < 1e12 ? (double)((decimal)digits * times) : null;
            }
            // "1 234,50": thousands apart by spaces.
            if (ThousandsGroupRegex().IsMatch(t)) t = string.Concat(t.Where(c => !char.IsWhiteSpace(c) && c != '\u202F'));
            return ParseDigits(t, decimalSeparator, groupSeparator) ?? SpokenDecimal(t, context);
        }
        return context.Lexicon.NumberWord(t) ?? SpokenDecimal(t, context);
    }

    /// <summary>
    /// A decimal read out in words ("one point five", "eins komma fünf", "2 komma 75"): a whole number, the word for the
    /// separator, then digits (as digits or one digit word each). Null for anything else.
    /// </summary>
    private static double? SpokenDecimal(string t, SlotParseContext context)
    {
        var words = UtteranceText.Tokens(t);
        var point = Array.FindIndex(words, context.Lexicon.IsDecimalPoint);
        if (point <= 0 || point == words.Length - 1) return null;
        var whole = string.Join(' ', words[..point]);
        if ((whole.All(char.IsAsciiDigit) ? int.Parse(whole, CultureInfo.InvariantCulture) : context.Lexicon.NumberWord(whole)) is not { } integral) return null;
        var digits = new System.Text.StringBuilder();
        foreach (var word in words[(point + 1)..])
        {
            if (word.All(char.IsAsciiDigit) && (words.Length == point + 2 || word.Length == 1)) digits.Append(word);
            else if (context.Lexicon.NumberWord(word) is >= 0 and <= 9 and var digit) digits.Append(digit);
            else return null;
        }
        return integral + double.Parse("0." + digits, CultureInfo.InvariantCulture);
    }

    private static double? ParseDigits(string t, char decimalSeparator, char groupSeparator)
    {
        var sign = t[0] == '-' ? -1 : 1;
        var body = t[0] is '-' or '+' ? t[1..] : t;
        if (body.Any(c => !char.IsDigit(c) && c != '.' && c != ',' && c != '\'')) return null;
        // "09999", "0171": a leading zero makes digits a code (a postcode, a phone number), not an amount; "0.5" is one.
        if (body.Length > 1 && body[0] == '0' && char.IsDigit(body[1])) return null;
        body = body.Replace("'", "", StringComparison.Ordinal); // Swiss grouping: 1'200
        var lastDot = body.LastIndexOf('.');
        var lastComma = body.LastIndexOf(',');
        string integerPart, fraction;
        if (lastDot >= 0 && lastComma >= 0)
        {
            // Both present: the later one is the decimal separator ("1,234.5", "1.234,5").
            var decimalAt = Math.Max(lastDot, lastComma);
            var group = body[decimalAt] == '.' ? ',' : '.';
            integerPart = body[..decimalAt];
            fraction = body[(decimalAt + 1)..];
            if (!IsGrouped(integerPart, group) || fraction.Any(c => !char.IsDigit(c))) return null;
            integerPart = integerPart.Replace(group.ToString(), "", StringComparison.Ordinal);
        }
        else if (lastDot < 0 && lastComma < 0)
        {
            integerPart = body;
            fraction = "";
        }
        else
        {
            var separator = lastDot >= 0 ? '.' : ',';
            var count = body.Count(c => c == separator);
            if (separator == groupSeparator && IsGrouped(body, separator))
            {
                integerPart = body.Replace(separator.ToString(), "", StringComparison.Ordinal);
                fraction = "";
            }
            else if (count == 1 && (separator == decimalSeparator || separator == groupSeparator))
            {
                // One separator that cannot group thousands: a decimal separator in either language ("1,5", "2.75").
                integerPart = body[..body.IndexOf(separator)];
                fraction = body[(body.IndexOf(separator) + 1)..];
            }
            else if (IsGrouped(body, separator))
            {
                // The decimal separator used as grouping ("1.200.000" in English): still an unambiguous whole number.
                integerPart = body.Replace(separator.ToString(), "", StringComparison.Ordinal);
                fraction = "";
            }
            else
            {
                return null;
            }
        }
        if (integerPart.Length == 0 || integerPart.Any(c => !char.IsDigit(c))) return null;
        var invariant = fraction.Length > 0 ? integerPart + "." + fraction : integerPart;
        return double.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? sign * value : null;
    }

    // "1,200" / "12,345,678": one to three digits, then groups of exactly three.
    private static bool IsGrouped(string digits, char separator)
    {
        var groups = digits.Split(separator);
        if (groups.Length < 2) return groups[0].Length > 0 && groups[0].All(char.IsDigit);
        return groups[0].Length is >= 1 and <= 3 && groups.All(g => g.All(char.IsDigit)) && groups.Skip(1).All(g => g.Length == 3)
            && (groups.Length > 2 || !(digits.StartsWith('0') && groups[0].Length == 1));
    }

    // A date slot's value: a German day and month in the year inside the slot's min/max, else the nearest (ParseDate's
    // reading, which the range check then refuses with the range); any other date as ParseDate reads it.
    private static string? DateValue(SlotInfo slot, string text, SlotParseContext context)
    {
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = DayMonth(text, context);
        if (days.Count == 0 && OtherDate(text, context) is { } date)
        {
            days.Add(date);
            // "on Monday" for an incident date (max: today) is the Monday just gone; for a booking, the coming one.
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime);
            if (context.Lexicon.PastWeekday(text, today) is { } past && past != date) days.Add(past);
        }
        // "friday evening" for a question that asks only for a day is that day.
        if (days.Count == 0 && DayWithPart(text, context) is (var withPart, _, false)) days.Add(withPart);
        // "next week", "nächste Woche": the first day of that week the type allows (from today on), offered back at the
        // confirmation as a receptionist offers the first day they can.
        if (days.Count == 0 && context.Language is not null && context.Lexicon.WeekSaid(text, Today(context)) is { } monday)
        {
            days.AddRange(Enumerable.Range(0, 7).Select(monday.AddDays).Where(d => d >= Today(context)));
        }
        return days.Count > 0 ? days.Select(Iso).FirstOrDefault(d => RangeProblem(slot, d, context) is null) ?? Iso(days[0]) : null;
    }

    /// <summary>
    /// The first and last day of a period in one message ("from Dec 18 to Dec 20", "vom 18. bis 20. Dezember",
    /// "18.–20.12.", "Dec 18-20", "from the 18th for 3 nights", "für 3 Nächte ab dem 18."): the first day as
    /// <paramref name="start"/> reads it and the last as <paramref name="end"/> reads it after the first. A month said
    /// once goes with both days; n nights end n days after the first. Null unless both are days their slots accept and
    /// the last comes after the first.
    /// </summary>
    public static (string Start, string End)? DateRange(SlotInfo start, SlotInfo end, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength || context.Language is null) return null;
        var (words, closed) = PeriodWords(text);
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (words[i] is not ("-" or "–" or "—") && !context.Lexicon.IsUntil(words[i].ToLowerInvariant())) continue;
            if (Period(start, end, words, closed, i, text, context) is { } period) return period;
        }
        return Nights(start, end, words, context);
    }

    // The words of a period ("18.–20.12." is 18. – 20.12.; "Dec 18-20" is Dec 18 - 20; an ISO date stays whole), and for
    // each whether a comma, question mark or the like closed it.
    private static (List<string> Words, List<bool> Closed) PeriodWords(string text)
    {
        var words = new List<string>();
        var closed = new List<bool>();
        foreach (var typed in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = typed.TrimEnd(',', ';', '!', '?');
            if (word.Length == 0) continue;
            var parts = PeriodDashRegex().Split(word).Where(p => p.Length > 0).ToList();
            words.AddRange(parts);
            closed.AddRange(parts.Select((_, k) => k == parts.Count - 1 && word.Length < typed.Length));
        }
        return (words, closed);
    }

    // A dash between two days: any en or em dash, a hyphen only between a day's digits or dots ("18-20", "18.-20.12.").
    [GeneratedRegex(@"([–—]|(?<=[\d.])-(?=\d))", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodDashRegex();

    // The period around the closing word at 'at': the longest day before it (up to four words) and the longest after it.
    private static (string Start, string End)? Period(SlotInfo start, SlotInfo end, List<string> words, List<bool> closed, int at, string text, SlotParseContext context)
    {
        var lexicon = context.Lexicon;
        for (var n = Math.Min(4, at); n >= 1; n--)
        {
            var before = string.Join(' ', words.Skip(at - n).Take(n));
            // "18." or "18" before "bis 20. Dezember" is a day whose month comes after; "the 18th" is one on its own too.
            var alone = DayAlone(before, lexicon);
            DateOnly? first = TryParse(start, before, context, out var read, out _) ? IsoDay(read) : null;
            if (alone is null && first is null) continue;
            for (var m = Math.Min(4, words.Count - at - 1); m >= 1; m--)
            {
                var after = string.Join(' ', words.Skip(at + 1).Take(m));
                var lastAlone = DayAlone(after, lexicon);
                DateOnly? last;
                if (lastAlone is null)
                {
                    // "bis 20. Dezember": the last day names the month, which the first day alone takes.
                    last = TryParse(end, after, first is { } f ? context with { After = f } : context, out var l, out _) ? IsoDay(l) : null;
                    if (last is { } lastDay && alone is { } day) first = DayOfMonthUpTo(lastDay, day);
                }
                else
                {
                    // "Dec 18-20": the last day alone is the first such day after the first. A bare number is one only
                    // written onto the dash or ending the message or its clause ("Dec 18 - 2 guests" names no day 2).
                    var bare = after.All(char.IsDigit);
                    var day = bare && !text.Contains(words[at - 1] + words[at] + after, StringComparison.Ordinal) && at + m < words.Count - 1 && !closed[at + m] ? null : lastAlone;
                    last = first is { } f && day is { } d ? FirstDayAfter(f, d) : null;
                }
                if (first is { } from && last is { } to && Accepted(start, end, from, to, context) is { } period) return period;
            }
        }
        return null;
    }

    // "from the 18th for 3 nights", "3 Nächte ab dem 18.": the day the message names, and that many days later.
    private static (string Start, string End)? Nights(SlotInfo start, SlotInfo end, List<string> words, SlotParseContext context)
    {
        var at = words.FindIndex(w => context.Lexicon.IsNightUnit(w));
        if (at < 1) return null;
        var count = words[at - 1].All(char.IsDigit) && int.TryParse(words[at - 1], NumberStyles.None, CultureInfo.InvariantCulture, out var digits) ? digits
            : context.Lexicon.NumberWord(words[at - 1].ToLowerInvariant());
        if (count is not (>= 1 and <= 366) || count is not { } nights) return null;
        // The day is read from the words as typed (up to four, the longest first): "ab dem 18." keeps its dot.
        var rest = words.Take(at - 1).Concat(words.Skip(at + 1)).ToList();
        var days = Windows(rest, 4)
            .Select(window => TryParse(start, window, context, out var read, out _) ? IsoDay(read) : null)
            .OfType<DateOnly>().Distinct().Take(2).ToList();
        return days is [var day] ? Accepted(start, end, day, day.AddDays(nights), context) : null;
    }

    // The two days as their slots hold them, when each slot accepts its day and the last comes after the first.
    private static (string Start, string End)? Accepted(SlotInfo start, SlotInfo end, DateOnly first, DateOnly last, SlotParseContext context)
    {
        var canonical = SlotParseContext.Canonical(context.Now, context.TimeZone);
        return last > first
            && TryParse(start, first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), canonical, out var from, out _)
            && TryParse(end, last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), canonical, out var to, out _)
                ? (from, to) : null;
    }

    // Runs of up to 'longest' neighbouring words, the longest first and left to right: where a value may stand in a message.
    private static IEnumerable<string> Windows(IReadOnlyList<string> words, int longest) =>
        Enumerable.Range(1, Math.Min(longest, words.Count)).Reverse()
            .SelectMany(n => Enumerable.Range(0, words.Count - n + 1).Select(i => string.Join(' ', words.Skip(i).Take(n))));

    private static DateOnly Today(SlotParseContext context) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime);

    private static DateOnly? IsoDay(string canonical) =>
        DateOnly.TryParseExact(canonical, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    // A day of the month said alone, maybe after "from", "the", "vom", "am" ("18", "18.", "the 18th", "vom 18."): its
    // number, or null.
    private static int? DayAlone(string text, Lexicon lexicon)
    {
        var words = text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && words[0] is "on" or "the" or "from" or "am" or "den" or "der" or "dem" or "vom" or "von" or "zum" or "ab") words.RemoveAt(0);
        if (words is not [var word]) return null;
        if (lexicon.DayOrdinal(word) is { } ordinal) return ordinal;
        var m = DayOfMonthRegex().Match(word);
        return m.Success && int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture) is >= 1 and <= 31 and var day ? day : null;
    }

    // The day numbered 'day' in the month of 'last', or the month before when that would not come before it.
    private static DateOnly? DayOfMonthUpTo(DateOnly last, int day)
    {
        var month = new DateOnly(last.Year, last.Month, 1);
        if (day >= last.Day) month = month.AddMonths(-1);
        return day <= DateTime.DaysInMonth(month.Year, month.Month) ? new DateOnly(month.Year, month.Month, day) : null;
    }

    // The first day numbered 'day' after 'first' ("Dec 28-3" ends on 3 January).
    private static DateOnly? FirstDayAfter(DateOnly first, int day)
    {
        var month = new DateOnly(first.Year, first.Month, 1);
        for (var k = 0; k < 3; k++, month = month.AddMonths(1))
        {
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) is var candidate && candidate > first) return candidate;
        }
        return null;
    }

    private static DateOnly? ParseDate(string text, SlotParseContext context) =>
        DayMonth(text, context) is [var nearest, ..] ? nearest : OtherDate(text, context);

    // A date that is no German day and month without a year (those are DayMonth's).
    private static DateOnly? OtherDate(string text, SlotParseContext context)
    {
        var t = text.Trim().TrimEnd('.', '!', '?', ',').Trim();
        // "Freitag, 18.12.2026": the date, when the weekday fits it. With a day and month only it was DayMonth's to read,
        // and a weekday that fits no date gives no day.
        // "Samstag in einer Woche" is no weekday before its date: the Saturday a week after the coming one.
        if (context.Lexicon.LeadingWeekday(text.Trim()) is { } dated && context.Lexicon.RelativeDate(t, Today(context)) is null)
        {
            var full = OtherDate(dated.Date, context);
            if (full is not null || DayMonth(dated.Date, context).Count > 0) return full is { } day && (int)day.DayOfWeek == dated.Weekday ? full : null;
        }
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) return iso;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime);
        if (context.After is { } after && context.Lexicon.WeekdayAfter(t, after) is { } following) return following;
        if (context.Lexicon.RelativeDate(t, today) is { } relative) return relative;
        // "12/09/2026": month first in English unless the channel's locale writes the day first (en-GB); the other way
        // still when only it is a date ("24/12/2026").
        string[] formats = context.Lexicon.Language == "de" ? ["d.M.yyyy", "d.M.yy", "d/M/yyyy"]
            : context.MonthFirst == false ? ["d/M/yyyy", "M/d/yyyy", "d.M.yyyy"] : ["M/d/yyyy", "d/M/yyyy", "d.M.yyyy"];
        if (DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return local;
        // Month names ("March 5, 2026") in English, where the invariant culture reads them.
        if (context.Lexicon.Language == "en" && t.Any(char.IsLetter) && DateOnly.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var named)) return named;
        return null;
    }

    /// <summary>
    /// A day and month without a year: "5.12.", "24.12." (the closing dot makes it a date, also in English: a clinic in
    /// Berlin), or a month name and a day in either order ("Dec 3rd",
    /// "3 December", "the 3rd of December", "3. Dezember"): that day last year, this year and next year, nearest to
    /// today first (the future wins a tie). A day of the month alone with its ordinal ("the 3rd", "on the 9th") is that
    /// day this month or the next, the coming one first. A date slot takes the first inside its <c>min</c>/<c>max</c>
    /// (on 1 March, "24.12." is next Christmas for a booking and last Christmas for a purchase date), else the nearest
    /// (on 4 December "3.12." was yesterday, and the range is named). Empty for anything else.
    /// </summary>
    private static List<DateOnly> DayMonth(string text, SlotParseContext context)
    {
        var t = text.Trim().TrimEnd('!', '?', ',').Trim();
        // "Freitag, 18. Dezember", "Friday, December 18th": the day of the year (or month) the weekday fits, and no day
        // when it fits none; the weekday alone was read as the coming Friday (the hotel trial booked the 11th).
        if (context.Lexicon.LeadingWeekday(t) is { } withWeekday && DayMonth(withWeekday.Date, context) is { Count: > 0 } days)
        {
            return [.. days.Where(d => (int)d.DayOfWeek == withWeekday.Weekday)];
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime);
        int day, month;
        // "on 9.12.", "am 24.12.", "den 3.5.": a word for "on" before it.
        var numeric = t.Split(' ', 2) is [var on, var rest] && on.ToLowerInvariant() is "on" or "am" or "den" or "for" ? rest.Trim() : t;
        if (DayMonthRegex().IsMatch(numeric))
        {
            var parts = numeric.TrimEnd('.').Split('.');
            (day, month) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        else if (SlashDayMonthRegex().Match(numeric) is { Success: true } slash)
        {
            // "24/12" (day first) or "12/24" (month first): only one way is a date. "12/09" is 12 September in Britain and
            // December 9 in the US: the channel's locale says which (MonthFirst); without one, no day, asked again.
            var (a, b) = (int.Parse(slash.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(slash.Groups[2].Value, CultureInfo.InvariantCulture));
            if (a > 12 && b <= 12) (day, month) = (a, b);
            else if (b > 12 && a <= 12) (day, month) = (b, a);
            else if (a == b) (day, month) = (a, b);
            else if (context.MonthFirst is { } monthFirst) (day, month) = monthFirst ? (b, a) : (a, b);
            else return [];
        }
        else if (NamedDay(t, context.Lexicon) is { } named)
        {
            (day, month) = named;
        }
        else if (t.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries) is [.. var said, var yearText] && said.Length >= 2 && yearText.Length == 4
            && int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1
            && NamedDay(string.Join(' ', said), context.Lexicon) is { Month: > 0 } dated)
        {
            // "December 2, 2026", "2. Dez. 2026": that day of that year only.
            return dated.Day <= DateTime.DaysInMonth(year, dated.Month) ? [new DateOnly(year, dated.Month, dated.Day)] : [];
        }
        else
        {
            return [];
        }
        if (month is < 0 or > 12 || day is < 1 or > 31) return [];
        if (month == 0)
        {
            // A date that must come after another day (the departure): the first such day after it.
            var from = context.After?.AddDays(1) ?? today;
            var thisMonth = new DateOnly(from.Year, from.Month, 1);
            return [.. new[] { thisMonth, thisMonth.AddMonths(1), thisMonth.AddMonths(2), thisMonth.AddMonths(-1) }
                .Where(m => day <= DateTime.DaysInMonth(m.Year, m.Month))
                .Select(m => new DateOnly(m.Year, m.Month, day))
                .OrderBy(d => d >= from ? d.DayNumber - from.DayNumber : 1000 + from.DayNumber - d.DayNumber)];
        }
        return [.. new[] { today.Year - 1, today.Year, today.Year + 1 }
            .Where(y => day <= DateTime.DaysInMonth(y, month))
            .Select(y => new DateOnly(y, month, day))
            .OrderBy(d => Math.Abs(d.DayNumber - today.DayNumber) * 2 - (d >= today ? 1 : 0))];
    }

    // A day said with a month name, in either order, or with its ordinal alone: "Dec 3rd", "December 3", "3 Dec", "the 3rd
    // of December", "December ninth", "3. Dezember", "am 3. Dezember", "the 3rd", "on the 9th", "bis zum 9.", "the ninth" (month 0: any
    // month). Null for anything else, a bare number included ("3" is no day), and an ordinal word alone ("second").
    private static (int Day, int Month)? NamedDay(string text, Lexicon lexicon)
    {
        var words = text.ToLowerInvariant().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        var the = false;
        var am = false;
        // "bis zum 21.", "vom 18.", "ab dem 18.": "zum", "vom" and "dem" mark a day as "am" does (the hotel trial's days).
        while (words.Count > 1 && words[0] is "on" or "the" or "am" or "den" or "der" or "for" or "bis" or "zum" or "vom" or "ab" or "dem")
        {
            the |= words[0] == "the";
            am |= words[0] is "am" or "zum" or "vom" or "dem" or "den";
            words.RemoveAt(0);
        }
        words.Remove("of");
        if (words.Count == 3 && lexicon.DayOrdinal(words[^2] + " " + words[^1]) is not null) words = [.. words.SkipLast(2), words[^2] + " " + words[^1]];
        if (words.Count == 3 && lexicon.DayOrdinal(words[0] + " " + words[1]) is not null) words = [words[0] + " " + words[1], words[2]];
        int? Day(string word, bool alone)
        {
            // "the second", "am Zweiten": alone, an ordinal word is a day only after the word that makes it one.
            if (lexicon.DayOrdinal(word) is { } ordinal) return alone && !the && !am ? null : ordinal;
            var m = DayOfMonthRegex().Match(word);
            if (!m.Success || (alone && !m.Groups["suffix"].Success)) return null;
            var suffix = m.Groups["suffix"].Value;
            // "am 9." is the 9th; "9." or "der 9." alone may be a count or a place in a list.
            return suffix == "." && alone && !am ? null : int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        }
        return words switch
        {
            [var only] when Day(only, alone: true) is { } day => (day, 0),
            [var first, var second] when Day(first, alone: false) is { } day && lexicon.Month(second) is { } month => (day, month),
            [var first, var second] when lexicon.Month(first) is { } month && Day(second, alone: false) is { } day && !second.EndsWith('.') => (day, month),
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?<day>\d{1,2})(?<suffix>st|nd|rd|th|\.)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DayOfMonthRegex();

    // A date and a time of day in either order ("today 7pm", "7pm today", "tomorrow at noon", "heute um 19 Uhr",
    // "am Freitag 18:30", "2026-12-24 18:00"), a time alone (its next occurrence), a time from now ("in 30 minutes",
    // "in einer halben Stunde"), now itself, or ISO. A day without a time is refused (dateOnly), never midnight.
    private static string? ParseDateTime(string text, SlotParseContext context, out bool dateOnly)
    {
        dateOnly = false;
        var t = text.Trim().TrimEnd('!', '?', ',').Trim();
        var zone = context.Zone;
        if (char.IsAsciiDigit(t.FirstOrDefault()) && CanonicalText.TryInstant(t, zone, out var iso)) return CanonicalText.Instant(iso, zone);
        var lexicon = context.Lexicon;
        if (lexicon.IsNow(t)) return CanonicalText.Instant(CeilingToMinute(context.Now), zone);
        // "in 2 hours" is a time; "in two weeks" names a day, not this time of day then (it is read as a day below).
        if (lexicon.RelativeSpan(t) is { } span && span < TimeSpan.FromDays(1)) return CanonicalText.Instant(CeilingToMinute(context.Now + span), zone);
        var words = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var localNow = TimeZoneInfo.ConvertTime(context.Now, zone).DateTime;
        // Every split into a day part and a time part, the time at the end first ("today 7pm"), then at the start ("7pm today").
        for (var cut = words.Length; cut >= 0; cut--)
        {
            foreach (var timeFirst in new[] { false, true })
            {
                if (timeFirst && (cut == 0 || cut == words.Length)) continue;
                var (dayWords, timeWords) = timeFirst ? (words[cut..], words[..cut]) : (words[..cut], words[cut..]);
                if (timeWords.Length == 0) continue;
                var dayText = string.Join(' ', TrimTimePrefix(dayWords, lexicon, fromEnd: true)).Trim(',', ' ');
                bool? afternoon = dayText.Length > 0 && lexicon.IsEvening(dayText) ? true : null;
                // "tomorrow evening", "morgen früh", "this afternoon" (a day word of its own): the part of the day after the
                // day settles am or pm.
                if (afternoon is null && dayText.Split(' ') is [.. var dayOnly, var part] && dayOnly.Length > 0 && lexicon.DayPart(part) is { } half)
                {
                    afternoon = half;
                    if (lexicon.RelativeDate(dayText, DateOnly.FromDateTime(localNow)) is null) dayText = string.Join(' ', dayOnly).Trim(',', ' ');
                }
                if (ParseTimeOfDay(string.Join(' ', TrimTimePrefix(timeWords, lexicon, fromEnd: false)), lexicon, afternoon) is not { } time) continue;
                // "so gegen 10 Uhr" is "at about 10", not Sunday at 10 ("am So um 10" is).
                if (lexicon.IsEverydayWeekday(dayText)) continue;
                // "morgen so gegen 18 Uhr": "so" after the day is "about".
                if (dayText.Split(' ') is [.. var dayAlone, var hedge] && dayAlone.Length > 0 && lexicon.IsEverydayWeekday(hedge)
                    && ParseDate(string.Join(' ', dayAlone), context) is not null)
                {
                    dayText = string.Join(' ', dayAlone);
                }
                DateOnly day;
                if (dayText.Length == 0)
                {
                    // A time alone is its next occurrence: 7pm at 8pm means tomorrow.
                    day = DateOnly.FromDateTime(localNow);
                    if (time < TimeOnly.FromDateTime(localNow).Add(TimeSpan.FromSeconds(-59))) day = day.AddDays(1);
                }
                else if (ParseDate(dayText, context) is { } d)
                {
                    day = d;
                }
                else
                {
                    continue;
                }
                return CanonicalText.Instant(CanonicalText.Local(day.ToDateTime(time), zone), zone);
            }
        }
        dateOnly = ParseDate(t, context) is not null || DayWithPart(t, context) is not null;
        return null;
    }

    /// <summary>
    /// A whole answer that is a day with a part of the day and no clock time ("thursday morning", "Donnerstag vormittag",
    /// "friday in the evening", "tonight"), or a part of the day alone ("in the evening", "am Abend": today, Alone true):
    /// the day and the part (morning, afternoon or evening). Null for anything else.
    /// </summary>
    private static (DateOnly Day, string Part, bool Alone)? DayWithPart(string text, SlotParseContext context)
    {
        var lexicon = context.Lexicon;
        var words = lexicon.SplitDayCompounds(text.Trim().TrimEnd('!', '?', ',', '.')).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime);
        for (var n = Math.Min(3, words.Length); n >= 1; n--)
        {
            if (lexicon.DayPartName(string.Join(' ', words[^n..])) is not { } part) continue;
            var dayText = string.Join(' ', TrimTimePrefix(words[..^n], lexicon, fromEnd: true)).Trim(',', ' ');
            // "tonight" is today, "tomorrow night" tomorrow.
            if (dayText.Length == 0) return (ParseDate(string.Join(' ', words), context) ?? today, part, !lexicon.IsEvening(string.Join(' ', words)));
            // "this morning" is a day word as a whole.
            if ((ParseDate(dayText, context) ?? ParseDate(string.Join(' ', words), context)) is { } day) return (day, part, false);
        }
        return null;
    }

    /// <summary>
    /// The part of the day a date-time answer without a clock time names with its day ("thursday morning": morning;
    /// <paramref name="inside"/>: also inside a sentence, "could I come tomorrow morning?"); null when it names none.
    /// </summary>
    private static string? DayPartOf(string text, SlotParseContext context, bool inside)
    {
        if (DayWithPart(text, context) is { } whole) return whole.Part;
        if (!inside) return null;
        var words = UtteranceText.Tokens(context.Lexicon.SplitDayCompounds(text));
        // Next to a day ("tomorrow morning", "friday in the evening") or a day word of its own ("tonight"): never the
        // "morning" of "good morning".
        for (var i = 0; i < words.Length; i++)
        {
            for (var n = Math.Min(3, words.Length - i); n >= 1; n--)
            {
                var said = string.Join(' ', words[i..(i + n)]);
                if (context.Lexicon.DayPartName(said) is not { } part) continue;
                if (context.Lexicon.IsEvening(said) || (i > 0 && ParseDate(words[i - 1], context) is not null)) return part;
            }
        }
        return null;
    }

    // A time of day alone: "19:30", "7.30pm", "7 pm", "noon", "19 Uhr", "19.30 Uhr", "now"; or a time from now.
    private static string? ParseTime(string text, SlotParseContext context)
    {
        var t = text.Trim().TrimEnd('!', '?', ',').Trim();
        var lexicon = context.Lexicon;
        var localNow = TimeZoneInfo.ConvertTime(context.Now, context.Zone);
        if (lexicon.IsNow(t)) return CanonicalText.Time(TimeOnly.FromDateTime(CeilingToMinute(localNow).DateTime));
        if (lexicon.RelativeSpan(t) is { } span && span < TimeSpan.FromDays(1)) return CanonicalText.Time(TimeOnly.FromDateTime(CeilingToMinute(localNow + span).DateTime));
        var words = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return ParseTimeOfDay(string.Join(' ', TrimTimePrefix(words, lexicon, fromEnd: false)), lexicon, afternoon: null) is { } time ? CanonicalText.Time(time) : null;
    }

    private static IEnumerable<string> TrimTimePrefix(string[] words, Lexicon lexicon, bool fromEnd)
    {
        var list = words.ToList();
        if (fromEnd)
        {
            while (list.Count > 0 && (lexicon.IsTimePrefix(list[^1]) || list[^1] == ",")) list.RemoveAt(list.Count - 1);
        }
        else
        {
            while (list.Count > 0 && (lexicon.IsTimePrefix(list[0]) || list[0] == ",")) list.RemoveAt(0);
        }
        return list;
    }

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.h](?<m>\d{2}))?\s*(?:(?<am>a\.?\s?m\.?)|(?<pm>p\.?\s?m\.?))?\s*(?<uhr>uhr|o'?clock|h)?(?:\s+(?<m2>\d{1,2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDayRegex();

    // One time of day in digits or words. A bare hour ("8") is too ambiguous, except after a part of the day
    // ("tonight at 8" = 20:00, "tomorrow morning at 8" = 8:00; afternoon true = pm, false = am) or with "Uhr"/"o'clock".
    private static TimeOnly? ParseTimeOfDay(string text, Lexicon lexicon, bool? afternoon)
    {
        // "9.12." with its closing dot is a day and month (9 December), not 9:12; "9.30." ends a sentence.
        if (DayMonthRegex().IsMatch(text.Trim()) && int.Parse(text.Trim().Split('.')[1], CultureInfo.InvariantCulture) is >= 1 and <= 12) return null;
        var t = text.Trim().ToLowerInvariant().TrimEnd('.');
        if (t.Length == 0) return null;
        // A part of the day ("morning", "abends") is no time: which time in it, only the user can say.
        if (lexicon.TimeWord(t) is { } word) return lexicon.DayPart(t) is null ? word : null;
        // "7 in the evening", "halb 8 abends", "um 7 abends" after a day: the part of the day after the time settles am or pm.
        if (afternoon is null && t.Split(' ') is { Length: > 1 } said)
        {
            for (var n = Math.Min(3, said.Length - 1); n >= 1; n--)
            {
                if (lexicon.DayPart(string.Join(' ', said[^n..])) is { } half) return ParseTimeOfDay(string.Join(' ', said[..^n]), lexicon, half);
            }
        }
        if (ClockPhrase(t, lexicon, afternoon) is { } spoken) return spoken;
        var m = TimeOfDayRegex().Match(t);
        if (!m.Success) return null;
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minuteText = m.Groups["m"].Success ? m.Groups["m"].Value : m.Groups["m2"].Success && m.Groups["uhr"].Success ? m.Groups["m2"].Value : null;
        if (m.Groups["m2"].Success && !m.Groups["uhr"].Success) return null;
        var minute = minuteText is null ? 0 : int.Parse(minuteText, CultureInfo.InvariantCulture);
        if (minute > 59) return null;
        var am = m.Groups["am"].Success;
        var pm = m.Groups["pm"].Success;
        var oclock = m.Groups["uhr"].Value.StartsWith('o');
        if (am || pm)
        {
            if (hour is < 1 or > 12) return null;
            hour = hour % 12 + (pm ? 12 : 0);
        }
        else if ((!m.Groups["uhr"].Success || (oclock && hour <= 12)) && minuteText is null)
        {
            // A bare hour past noon is the 24-hour clock ("at 14"); 1 to 11 could be morning or evening ("at 8").
            if (hour is >= 13 and <= 23 && afternoon is null) return new TimeOnly(hour, 0);
            if (afternoon is null || hour is < 1 or > 11) return null;
            if (afternoon == true) hour += 12;
        }
        else if (afternoon == true && hour is >= 1 and <= 11)
        {
            hour += 12;
        }
        if (hour == 24 && minute == 0) hour = 0;
        return hour is >= 0 and <= 23 ? new TimeOnly(hour, minute) : null;
    }

    // How a time is said: "half past nine", "a quarter to ten", "halb zehn" (9:30), "viertel nach neun", "viertel vor
    // zehn", in digits or words, with am/pm or "Uhr". Like a bare hour, one from 1 to 12 without am/pm or an evening
    // word may be morning or evening: null then (no time of day starts with a word), and the caller's OneReading asks
    // or picks the reading in range.
    private static TimeOnly? ClockPhrase(string text, Lexicon lexicon, bool? afternoon)
    {
        var words = text.Replace("a.m.", "am", StringComparison.Ordinal).Replace("p.m.", "pm", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var clockWord = words.Count > 1 && words[^1] is "uhr" or "o'clock" ? words[^1] : null;
        if (clockWord is not null) words.RemoveAt(words.Count - 1);
        bool? pm = words.Count > 0 && words[^1] is "am" or "pm" ? words[^1] == "pm" : null;
        if (pm is not null) words.RemoveAt(words.Count - 1);
        // "acht Uhr", "two o'clock", "eight pm": the hour in a word reads as in digits; an article is no hour ("einen").
        if ((clockWord ?? (pm is null ? null : pm == true ? "pm" : "am")) is { } marker && words is [var hourSaid] && !hourSaid.Any(char.IsAsciiDigit)
            && !lexicon.IsArticle(hourSaid) && !Lexicon.English.IsArticle(hourSaid)
            && (lexicon.NumberWord(hourSaid) ?? Lexicon.English.NumberWord(hourSaid)) is { } wordHour and >= 0 and <= 24)
        {
            return ParseTimeOfDay($"{wordHour} {marker}", lexicon, afternoon);
        }
        if (words.Count > 0 && words[0] == "a") words.RemoveAt(0);
        if (words.Count is < 2 or > 5) return null;
        int? Word(string word) => lexicon.NumberWord(word) ?? Lexicon.English.NumberWord(word);
        var hourText = words[^1];
        var named = int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : Word(hourText);
        // "ten thirty", "nine forty five": the hour and the minutes in words.
        var spoken = words[0].All(char.IsLetter) && Word(words[0]) is { } hourWord && hourWord is >= 1 and <= 12
            && Word(string.Join(' ', words.Skip(1))) is { } minutes && minutes is >= 10 and <= 59
                ? (hourWord, minutes) : ((int, int)?)null;
        if (spoken is null && (named is not { } said0 || said0 is < 1 or > 24)) return null;
        var said = named ?? 0;
        (int Hour, int Minute)? clock = spoken ?? string.Join(' ', words.SkipLast(1)) switch
        {
            "half past" => (said, 30),
            "quarter past" or "quarter after" or "viertel nach" => (said, 15),
            "quarter to" or "quarter before" or "viertel vor" or "dreiviertel" => (said - 1, 45),
            "halb" => (said - 1, 30),
            // "viertel acht" (7:15) is said in the east and south as "dreiviertel acht" (7:45) is, which is read too.
            "viertel" => (said - 1, 15),
            _ => MinutesFrom(words.SkipLast(1).ToList(), said),
        };
        if (clock is not { } c) return null;
        // "ten to one", "viertel vor eins": a quarter to the hour after noon, not after midnight.
        var hour = c.Hour == 0 && said == 1 ? 12 : c.Hour;
        if (pm is { } isPm)
        {
            if (spoken is null && said > 12) return null;
            hour = hour % 12 + (isPm ? 12 : 0);
        }
        else if (hour is >= 1 and <= 11)
        {
            if (afternoon is null) return null;
            if (afternoon == true) hour += 12;
        }
        return hour is >= 0 and <= 23 ? new TimeOnly(hour, c.Minute) : null;

        // Minutes counted from the hour or from its half: "ten past", "20 to", "zehn nach", "fünf vor halb" (7:25 for
        // "fünf vor halb acht"), "ten minutes past".
        (int Hour, int Minute)? MinutesFrom(List<string> before, int hourSaid)
        {
            var (fromHour, fromMinute) = (hourSaid, 0);
            var half = before.Count > 2 && before[^1] == "halb" && before[^2] is "vor" or "nach";
            if (half)
            {
                (fromHour, fromMinute) = (hourSaid - 1, 30);
                before = before[..^1];
            }
            if (before.Count < 2) return null;
            var sign = before[^1] switch
            {
                "past" or "after" or "nach" => 1,
                "to" or "before" or "vor" => -1,
                _ => 0,
            };
            var count = before[..^1];
            if (count.Count > 1 && count[^1] is "minutes" or "minute" or "mins" or "min" or "minuten") count = count[..^1];
            var countText = string.Join(' ', count);
            var minutes = int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) ? digits : Word(countText);
            if (sign == 0 || minutes is not { } m || m < 1 || m > (half ? 14 : 29)) return null;
            var total = fromHour * 60 + fromMinute + sign * m;
            return total < 0 ? null : (total / 60, total % 60);
        }
    }

    private static DateTimeOffset CeilingToMinute(DateTimeOffset instant)
    {
        var floor = new DateTimeOffset(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMinute, instant.Offset);
        return floor == instant ? instant : floor.AddMinutes(1);
    }
}
