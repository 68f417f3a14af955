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
    /// The problem of a date answer that names a span of days, not one ("mid-December", "zwischen den Jahren", a month
    /// without a day: "next month", "im Januar"): which day in it only the user knows (<see cref="SpanOf"/> names the span).
    /// </summary>
    public const string DayInSpan = "a span of days";

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

    /// <summary>How a code misses a <c>regex</c> slot's pattern (<see cref="PatternMissIn"/>): characters are missing at its end.</summary>
    public const string PatternTooShort = "too short";

    /// <summary>How a code misses a <c>regex</c> slot's pattern (<see cref="PatternMissIn"/>): it has a character too many.</summary>
    public const string PatternTooLong = "too long";

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
        // "can you do monday?", "is friday free?": a day or time asked for is the day or time said alone.
        if (slot.Kind is "date" or "time" or "datetime" && context.Language is not null && context.Lexicon.AskedForValue(raw) is { } askedFor) raw = askedFor;
        var peeled = slot.Kind is "text" ? raw : context.Language is null ? raw : context.Lexicon.PeelRaw(raw);
        // "10ish", "3-ish pm": about that hour, read as the hour (which may still be morning or evening).
        if (slot.Kind is "time" or "datetime" && context.Language is not null && peeled.Contains("ish", StringComparison.OrdinalIgnoreCase)) peeled = AboutHourRegex().Replace(peeled, "");
        // "Donnerstagabend" is "Donnerstag abend": a day and its part of the day.
        if (slot.Kind is "date" or "time" or "datetime" && context.Language is not null) peeled = context.Lexicon.SplitDayCompounds(peeled);
        // "since saturday", "seit Montag" as the whole answer to "Since which day have you been ill?": the day it began.
        // Only the recognizers' reading (SinceDay) took it, so a recognizer that placed the message elsewhere lost it.
        if (slot.Kind is "date" && context.Language is not null && peeled.IndexOf(' ', StringComparison.Ordinal) is > 0 and var gap
            && context.Lexicon.IsSince(peeled[..gap].ToLowerInvariant())) peeled = peeled[(gap + 1)..].TrimStart();
        if (slot.Kind is "time" or "datetime" && context.Language is not null && !context.TimeBoundsRead)
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
                // The answer as typed first: peeling takes a lone "€" off "1,500 €", which says the comma groups thousands.
                var days = slot.Kind == "integer" ? DaysSaid(peeled, context) : null;
                var number = days is { } length ? (slot.CountsDays ? length : null) : ParseNumber(raw, context) ?? ParseNumber(peeled, context);
                result = number is null ? null : FormatNumber(slot, number.Value, out problem);
                if (number is null) problem = context.Language is not null && Amounts(slot, raw, context).Count > 1 ? SeveralAmounts : slot.Kind == "integer" ? "not an integer" : "not a number";
                break;
            case "boolean":
                result = (context.Language is null ? Lexicon.English.YesNo(raw) : context.Lexicon.YesNo(raw)) is { } yes ? (yes ? "true" : "false") : null;
                problem = "not yes or no";
                break;
            case "date":
                result = MatchEnum(slot, peeled) ?? Earliest(slot, peeled, context) ?? DateValue(slot, peeled, context) ?? OneDayOfSpan(slot, peeled, context);
                problem = "not a date";
                if (result is null && DayInSpanSaid(slot, peeled, context) is var (spanOk, inSpan, inSpanProblem))
                {
                    value = inSpan;
                    problem = inSpanProblem;
                    return spanOk;
                }
                if (result is null && SpanProblem(slot, peeled, context) is var (spanDay, spanProblem))
                {
                    problem = spanProblem;
                    if (spanDay is not null)
                    {
                        value = spanDay;
                        return false;
                    }
                }
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
                // "later this week" said on a Friday: the one day left is that day, whose time is asked.
                if (result is null && !dateOnly && OneDayOfSpan(DayPart(slot), peeled, context) is not null) dateOnly = true;
                if (result is null && !dateOnly && DayInSpanSaid(slot, peeled, context) is var (inSpanOk, dayInSpan, dayInSpanProblem))
                {
                    value = dayInSpan;
                    problem = dayInSpanProblem;
                    return inSpanOk;
                }
                if (result is null && !dateOnly) result = OneReading(slot, peeled, context, t => ParseDateTime(t, context, out _), out ambiguous);
                else if (result is not null) result = Afternoon(slot, peeled, context, t => ParseDateTime(t, context, out _), result) ?? result;
                // "next month", "mid-December" for an appointment: which day in it, as at a date question (the time comes after).
                problem = dateOnly ? TimeMissing : ambiguous ? AmbiguousHour : "not a date and time";
                if (result is null && !dateOnly && !ambiguous
                    && SpanProblem(DayPart(slot), peeled, context) is var (dayOfSpan, problemOfSpan))
                {
                    problem = problemOfSpan;
                    if (dayOfSpan is not null)
                    {
                        value = dayOfSpan;
                        return false;
                    }
                }
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
        if (context.Language is not null && FirstThing(slot, text, context) is { } firstThing) return firstThing;
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
    /// <summary>The largest whole number a slot value holds exactly (2^53 - 1; values are IEEE doubles, as in JSON and JavaScript).</summary>
    internal const double MaxExactNumber = 9_007_199_254_740_991;

    private static string? RangeProblem(SlotInfo slot, string canonical, SlotParseContext context)
    {
        var number = slot.Kind is "integer" or "number";
        // Past 2^53 a number is no longer kept digit for digit ("12345678901234567890" was stored as ...7168): whatever
        // the type allows, it is out of range, never stored rounded.
        var inexact = number && Math.Abs(double.Parse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture)) > MaxExactNumber;
        if (!inexact && (number ? slot.Min is null && slot.Max is null : slot.Earliest is null && slot.Latest is null)) return null;
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
        return below || above || inexact ? $"{OutOfRange}{Shown(min) ?? "…"}..{Shown(max) ?? "…"}" : null;

        // A bound as the slot holds values: a date type's "now + 1d" as its day (2026-12-08, not 2026-12-08T09:00:00+00:00),
        // an instant in the conversation's zone.
        string? Shown(ExprValue? bound) => bound is not { Kind: ExprValue.ValueKind.DateTime } b ? bound?.ToString()
            : slot.Kind == "date" ? ExprValue.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(b.Instant, context.Zone).DateTime)).ToString()
            : ExprValue.Of(TimeZoneInfo.ConvertTime(b.Instant, context.Zone)).ToString();
    }

    // A span of days said for a date (SpanOf): DayInSpan when some day of it is allowed (which one, the bot asks); when
    // none is ("in March" for a repair within two weeks), its first day and why it is out of range, so the bot names the
    // days it takes instead of saying it could not read a date. Null when the text names no span.
    private static (string? Day, string Problem)? SpanProblem(SlotInfo dateSlot, string text, SlotParseContext context)
    {
        if (SpanOf(text, context) is not var (first, last)) return null;
        if (SpanAllowed(dateSlot, first, last, context)) return (null, DayInSpan);
        var day = CanonicalText.Date(first);
        return RangeProblem(dateSlot, day, context) is { } outside ? (day, outside) : null;
    }

    // A span of days cut to one day by the type's min/max or by today ("later this week" on a Friday, "late November" on
    // the 30th): that day, not a question which day of one.
    private static string? OneDayOfSpan(SlotInfo dateSlot, string text, SlotParseContext context) =>
        SpanOf(dateSlot, text, context) is var (first, last) && first == last ? CanonicalText.Date(first) : null;

    // The date slot of a date-time's day, with its bounds (compared by calendar day).
    private static SlotInfo DayPart(SlotInfo slot) => new() { Name = slot.Name, Kind = "date", Earliest = slot.Earliest, Latest = slot.Latest };

    // "mid-December, tuesday at 10", "next month on tuesday", "im Januar, am Dienstag um 10": a span of days said with a
    // day in it. The rest is read from the span's first day on, as a day answering the day_in_span question is
    // (SlotParseContext.After), so "tuesday" is the Tuesday in December 11-20, not the coming one. Null when the text
    // names no span with other words, or those words read as no day (then the span alone asks which day).
    private static (bool Ok, string Value, string Problem)? DayInSpanSaid(SlotInfo slot, string text, SlotParseContext context)
    {
        if (context.Language is null || context.After is not null || context.SpansRead) return null;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 12) return null;
        var today = Today(context);
        for (var n = Math.Min(5, words.Length - 1); n >= 1; n--)
        {
            for (var at = 0; at + n <= words.Length; at++)
            {
                var said = string.Join(' ', words[at..(at + n)]).Trim(',', ';', ' ');
                var first = context.Lexicon.DaySpan(said, today)?.First ?? context.Lexicon.MonthSaid(said, today);
                var rest = string.Join(' ', words[..at].Concat(words[(at + n)..])).Trim(',', ';', ' ');
                if (first is not { } from || rest.Length == 0) continue;
                var inSpan = context with { After = (from < today ? today : from).AddDays(-1) };
                var ok = TryParse(slot, rest, inSpan, out var value, out var problem);
                if (ok || problem is TimeMissing or AmbiguousHour || IsOutOfRange(problem)) return (ok, value, problem);
                // "on a friday": the day inside the rest's words.
                return Extract(slot, rest, inSpan) is { } found ? (true, found, "") : null;
            }
        }
        return null;
    }

    // True when some day from first to last is within the type's min/max.
    private static bool SpanAllowed(SlotInfo slot, DateOnly first, DateOnly last, SlotParseContext context)
    {
        var scope = Scope(context);
        var (min, max) = Bounds(slot, context);
        ExprValue? Day(DateOnly day) => Typed(ExprValue.Of(CanonicalText.Date(day)), slot.Kind, scope);
        return !(min is { } lo && Day(last) is { } end && ExpressionEvaluator.Compare(end, lo, scope) is < 0)
            && !(max is { } hi && Day(first) is { } start && ExpressionEvaluator.Compare(start, hi, scope) is > 0);
    }

    // The day of a date-time answer without a time, when no time of it is within the type's min/max: the day and why.
    private static (string Day, string Problem)? DayOutOfRange(SlotInfo slot, string text, SlotParseContext context) =>
        TryParse(DayPart(slot), text, context, out var day, out var problem)
            || !IsOutOfRange(problem) || day.Length == 0 ? null : (day, problem);

    // "since yesterday" answering "Since which day has it been happening?": the day something began is the answer when
    // no other day is named and the answer starts with since/seit, or the slot takes no day after today (the start of
    // a fault is asked). Elsewhere ("limping since monday" at a visit's day) it is when the trouble began, no day wanted.
    private static string? SinceDay(SlotInfo slot, string text, SlotParseContext context)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        bool IsSince(string word) => context.Lexicon.IsSince(word.ToLowerInvariant().TrimEnd(',', ';', '!', '?', '.'));
        if (!IsSince(words[0]) && !(slot.Kind == "date" && NoDayAfterToday())) return null;
        var without = string.Join(' ', words.Where(w => !IsSince(w)));
        return without.Length == 0 || WithoutDeniedClauses(without, context.Lexicon) != without ? null : Extract(slot, without, context);

        bool NoDayAfterToday()
        {
            var scope = Scope(context);
            return Bounds(slot, context).Max is { } max && Typed(ExprValue.Of(CanonicalText.Date(Today(context))), slot.Kind, scope) is { } today
                && ExpressionEvaluator.Compare(max, today, scope) is <= 0;
        }
    }

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
            // Read once for the whole message: its words ("10am tomorrow" of "come before 10am tomorrow") are not read again.
            if (!context.TimeBoundsRead)
            {
                text = context.Lexicon.TimeBounds(text, out var endsAtTime);
                if (endsAtTime) return null;
                context = context with { TimeBoundsRead = true };
            }
        }
        if (slot.Kind is "date" or "datetime" && context.Language is not null && WithoutDeniedClauses(text, context.Lexicon) is var available && available != text)
        {
            // The rest is read as the whole answer (its since-clauses and denied clauses are gone, so it has none left).
            var rest = string.IsNullOrWhiteSpace(available) ? null : Extract(slot, available, context);
            return rest ?? SinceDay(slot, text, context);
        }
        if (TryParse(slot, text, context, out var whole, out _)) return whole;
        if (slot.Kind is "date" or "datetime") context = context with { SpansRead = true };
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

    /// <summary>
    /// The words of a longer message that a <c>regex</c> slot's pattern takes, as typed ("HH-AB 123" in "an inspection
    /// for my Golf HH-AB 123 next Monday"), so the engine can tell which numbers of the message belong to the value;
    /// null when none do. Up to four words, the longest first: "my number is 030 1234567" is 0301234567, never its last
    /// part alone (a phone number written in groups was cut to "1234567"); then as many words after them as still
    /// match: "my IBAN is DE89 3704 0044 0532 0130 00" is the whole IBAN, never its first four groups.
    /// </summary>
    public static string? PatternWords(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind != "regex" || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return null;
        var tokens = text.Split([' ', ',', ';', ':', '!', '?', '#', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.TrimEnd('.')).ToList();
        string Words(int from, int count) => string.Join(' ', tokens.Skip(from).Take(count));
        bool Matches(string candidate) => TryParse(slot, candidate, context, out _, out _);
        // "thursday at 10", "am 3.": a function word of the conversation's language typed in lower case and a number after it are a time or a day, not a
        // code ("AT10" was taken as the number plate); "in ab 123" has letters of its own after the word, and in English "ab 12345" stays a code.
        bool WordAndNumber(int from, int count) => count > 1 && tokens[from].All(char.IsLower) && Lexicon.IsStopWord(tokens[from], context.Lexicon)
            && tokens.Skip(from + 1).Take(count - 1).All(t => !t.Any(char.IsLetter));
        foreach (var (i, n) in WindowRanges(tokens.Count, 4))
        {
            if (WordAndNumber(i, n) || !Matches(Words(i, n))) continue;
            var end = i + n;
            while (end < tokens.Count && Matches(Words(i, end - i + 1))) end++;
            return Words(i, end - i);
        }
        return null;
    }

    /// <summary>
    /// A code in a message that misses a <c>regex</c> slot's pattern only by its length, as written, and how
    /// (<see cref="PatternTooShort"/>: "RX123" where RX and six digits are asked, characters added at its end would
    /// match; <see cref="PatternTooLong"/>: "RX1234567", a character less anywhere, or a shorter start of it, would).
    /// The whole message is tried first ("RX 123"), then each word with a digit ("my number is RX123"): a code has
    /// digits, a word that only begins like one ("Rx") is none. Null when nothing in it misses so (it matches, or is no
    /// such code: "AB123456" for RX…, "hello").
    /// </summary>
    public static (string Written, string Miss)? PatternMissIn(SlotInfo slot, string? text)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind != "regex" || slot.Pattern is null || string.IsNullOrWhiteSpace(text) || text.Length > 200) return null;
        var whole = text.Trim().TrimEnd('.', '!', '?', ',');
        var words = text.Split([' ', ',', ';', ':', '!', '?', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd('.'));
        foreach (var written in words.Prepend(whole).Where(w => w.Any(char.IsDigit) && w.Length <= 40).Distinct(StringComparer.Ordinal))
        {
            if (PatternMiss(slot, written) is { } miss) return (written, miss);
        }
        return null;
    }

    // How a code misses the pattern by its length alone; null when it matches or misses otherwise.
    private static string? PatternMiss(SlotInfo slot, string written)
    {
        var code = ApplyNormalize(slot.Normalize, written);
        if (code.Length == 0 || MatchPattern(slot, code) is not null) return null;
        for (var k = 1; k < code.Length; k++)
        {
            if (MatchPattern(slot, code[..^k]) is not null) return PatternTooLong;
        }
        for (var i = 0; i < code.Length; i++)
        {
            if (MatchPattern(slot, code.Remove(i, 1)) is not null) return PatternTooLong;
        }
        foreach (var filler in "0Aa")
        {
            for (var k = 1; k <= 8; k++)
            {
                if (MatchPattern(slot, code + new string(filler, k)) is not null) return PatternTooShort;
            }
        }
        return null;
    }

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

    /// <summary>
    /// An enum slot's values and synonyms as the parser compares them, worked out once per <see cref="SlotInfo"/> (issue 19:
    /// normalising every value and synonym and building their plural forms on each parse was a tenth of a turn's bytes).
    /// </summary>
    internal sealed class EnumPhrases
    {
        private EnumPhrases(SlotInfo slot)
        {
            Values = [.. slot.Values.Select(v => new EnumPhrase(v))];
            // A form that is another value's own phrase is that value ("cleaning" where cleaning is one): the forms of one
            // value never compete with a phrase another value was given.
            var said = Values.SelectMany(v => v.Phrases.Concat(v.AllPlurals)).ToHashSet(StringComparer.Ordinal);
            foreach (var value in Values) value.LeaveOutSentenceForms(said);
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

    /// <summary>One enum value: its id; its synonyms (also with umlauts spelt out), and its synonyms then the id, normalised; their plural forms.</summary>
    internal sealed class EnumPhrase
    {
        public EnumPhrase(EnumValueInfo value)
        {
            Value = value.Value;
            Normalized = UtteranceText.Normalize(value.Value);
            // Each also as typed without umlauts ("oelwechsel", "bremsbelaege", "tuev"): German keyboards are not everyone's.
            Synonyms = [.. value.Synonyms.Select(s => UtteranceText.Normalize(s)).SelectMany(s => new[] { s, UtteranceText.SpeltOut(s) }).Distinct(StringComparer.Ordinal)];
            Phrases = [.. Synonyms, Normalized];
            PhrasePlurals = [.. Phrases.Select(p => SlotValueParser.Plurals(p).ToArray())];
            AllPlurals = [.. PhrasePlurals.SelectMany(p => p)];
            SentenceForms = [.. Phrases.SelectMany(SlotValueParser.SentenceForms).Distinct(StringComparer.Ordinal)];
            FormWords = WordsOfForms();
        }

        internal void LeaveOutSentenceForms(HashSet<string> phrases)
        {
            if (!SentenceForms.Any(phrases.Contains)) return;
            SentenceForms = [.. SentenceForms.Where(f => !phrases.Contains(f))];
            FormWords = WordsOfForms();
        }

        private string[][] WordsOfForms() =>
            [.. Phrases.SelectMany((p, k) => PhrasePlurals[k].Prepend(p)).Concat(SentenceForms).Where(f => f.Length > 0).Select(f => f.Split(' '))];

        public string Value { get; }
        public string Normalized { get; }
        public string[] Synonyms { get; }

        /// <summary>The synonyms, then the value, normalised (the order the parser tries them in).</summary>
        public string[] Phrases { get; }

        /// <summary>The plural forms of each of <see cref="Phrases"/>, index for index.</summary>
        public string[][] PhrasePlurals { get; }

        /// <summary>All plural forms of the value and its synonyms.</summary>
        public string[] AllPlurals { get; }

        /// <summary>How an English sentence says the phrases (<see cref="SlotValueParser.SentenceForms"/>): "leaking" for leak, "sink is blocked" for blocked sink.</summary>
        public string[] SentenceForms { get; private set; }

        /// <summary>The words of each phrase and then of its plural forms, in <see cref="Phrases"/>' order (empty ones left out), then the sentence forms.</summary>
        public string[][] FormWords { get; private set; }
    }

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
                if (n == 1 && context.Lexicon.IsEverydayWeekday(words[i]) && !(i == 0 && DayBeforeTime(words, context))) continue;
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
        // "am 20.12. um 19 Uhr", "einen Tisch am 20.12.": a day and month with its closing dot inside the sentence, or
        // after a word that opens a day, is a day, no part of a time (it was read as 20:12); at the end the dot may close
        // the sentence ("wir kommen um 20.30.").
        if (slot.Kind == "time")
        {
            var all = words;
            bool Day(string w, int k) => DayMonthRegex().IsMatch(w) && (k < all.Length - 1 || (k > 0 && context.Lexicon.OpensDay(all[k - 1])));
            if (all.Where(Day).Any()) words = [.. all.Where((w, k) => !Day(w, k))];
        }
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
                // A day read but not allowed ("on January 20 at 11am" for a practice booking up to January 6) is no
                // answer, and none of its words is another: its "20" alone was read as 20:00 today.
                var outside = slot.Kind is "date" or "datetime" or "time" && IsOutOfRange(problem);
                if (problem == AmbiguousHour || outside)
                {
                    ambiguous |= !outside;
                    i += n - 1;
                    break;
                }
            }
        }
        return null;
    }

    private static string? MatchPattern(SlotInfo slot, string text)
    {
        if (slot.Pattern is null) return null;
        return MatchWhole(slot, ApplyNormalize(slot.Normalize, text)) ?? SpacedCode(slot, text);
    }

    // "fw 1234" for a pattern FW-?\d{4}: a code typed as its letters and its digits with a space between is the code
    // without the space (or with a hyphen, where the pattern wants one), when the two parts are exactly letters then
    // digits and neither part is a value alone ("code 123456" is 123456 where six digits are a code).
    private static string? SpacedCode(SlotInfo slot, string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts is not [var letters, var digits] || !letters.All(char.IsAsciiLetter) || !digits.All(char.IsAsciiDigit)) return null;
        if (MatchWhole(slot, ApplyNormalize(slot.Normalize, letters)) is not null || MatchWhole(slot, ApplyNormalize(slot.Normalize, digits)) is not null) return null;
        return MatchWhole(slot, ApplyNormalize(slot.Normalize, letters + digits)) ?? MatchWhole(slot, ApplyNormalize(slot.Normalize, letters + "-" + digits));
    }

    private static string? MatchWhole(SlotInfo slot, string normalized)
    {
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

}
