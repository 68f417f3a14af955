using System.Globalization;
using System.Text.RegularExpressions;
using Chatbot.Dialogs.Expressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>Days, times and periods: what a date, time or datetime slot reads from the user's words.</summary>
internal static partial class SlotValueParser
{
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
    /// How to read a correction of <paramref name="current"/>, a date or date-time the slot holds: with its day as
    /// <see cref="SlotParseContext.Corrects"/>, so "the 20th" stays in its month. The context itself for other values.
    /// </summary>
    public static SlotParseContext Correcting(SlotInfo slot, string? current, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (current is null || slot.Kind is not ("date" or "datetime")) return context;
        if (slot.Kind == "date") return IsoDay(current) is { } day ? context with { Corrects = day } : context;
        return DateTimeOffset.TryParse(current, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? context with { Corrects = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, context.Zone).DateTime) }
            : context;
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
            || !CanonicalText.TryDate(date, out var day))
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
    /// time, or the result breaks the type's <c>min</c>/<c>max</c> — unless <paramref name="evenOutOfRange"/>: a day the
    /// user named keeps its time there ("tonight", then "8:15" at 23:05 is tonight's 20:15, which has passed), and the
    /// engine says the range; read as a time alone it was tomorrow's, silently.
    /// </summary>
    public static string? OnDayAt(SlotInfo slot, DateOnly day, string text, SlotParseContext context, string? part = null, bool evenOutOfRange = false)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (Extract(new SlotInfo { Name = slot.Name, Kind = "date" }, text, context) is not null) return null;
        // "Thursday morning", then "10": 10:00; "friday evening", then "8": 20:00. A time with am/pm or past 12 is as said.
        if (part is not null && text.Trim().TrimEnd('!', '?', '.', ' ') is { Length: > 0 } said
            && TryParse(new SlotInfo { Name = slot.Name, Kind = "time" }, said + (part == "morning" ? " am" : " pm"), context, out var inPart, out _)
            && TimeOnly.TryParseExact(inPart, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var partTime)
            && partTime.Hour != 0
            && (slot.Kind == "time" ? inPart : CanonicalText.Instant(CanonicalText.Local(day.ToDateTime(partTime), context.Zone), context.Zone)) is var inDayPart
            && (evenOutOfRange || RangeProblem(slot, inDayPart, context) is null))
        {
            return inDayPart;
        }
        if (Extract(TimePart(slot), text, context) is not { } hhmm
            || !TimeOnly.TryParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }
        var value = slot.Kind == "time" ? hhmm : CanonicalText.Instant(CanonicalText.Local(day.ToDateTime(time), context.Zone), context.Zone);
        return evenOutOfRange || RangeProblem(slot, value, context) is null ? value : null;
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
        var day = DayPart(slot);
        // A date slot with the date-time's bounds compares them by calendar day: a day any of whose times is allowed.
        var date = Extract(day, text, context) ?? (DayWithPart(text, context) is { } alone && TryParse(day, CanonicalText.Date(alone.Day), context, out var today, out _) ? today : null);
        return date is null ? null : KeptDay(date, DayPartOf(text, context, inside));
    }

    /// <summary>
    /// A day kept for a date-time question until its time comes: <c>yyyy-MM-dd</c>, followed by the part of the day the
    /// user named with it ("2026-03-05 morning"), which then reads a bare hour ("10" in the morning, "8" in the evening).
    /// </summary>
    public static string KeptDay(string day, string? part) => part is null ? day : day + " " + part;

    /// <summary>
    /// The week a message names ("next week", "next week sometime", "nächste Woche", or inside a sentence: "I'd like a
    /// table next week", "Termin nächste Woche"), as <c>yyyy-MM-dd</c> of its Monday; null when it names none.
    /// </summary>
    public static string? WeekOf(string? text, SlotParseContext context)
    {
        if (context.Language is null || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return null;
        var today = Today(context);
        // "in two weeks" names a day of its own (today and 14 days), no week to choose a day in.
        DateOnly? Week(string words) => context.Lexicon.RelativeDate(words, today) is null ? context.Lexicon.WeekSaid(words, today) : null;
        var monday = Week(text) ?? Windows(UtteranceText.Tokens(text), 4).Select(Week).FirstOrDefault(week => week is not null);
        return monday is { } day ? CanonicalText.Date(day) : null;
    }

    /// <summary>
    /// The words that name a month without a day in a message ("next month", "nächsten Monat", "in January", inside a
    /// sentence too: "we are moving next month", "einen Tisch für 2 nächsten Monat"); null when it names none, or names a
    /// day as well ("next month on the 5th").
    /// </summary>
    public static string? MonthWords(string? text, SlotParseContext context)
    {
        if (context.Language is null || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return null;
        var today = Today(context);
        var words = UtteranceText.Tokens(text);
        var said = context.Lexicon.MonthSaid(text, today) is not null ? text : Windows(words, 4).FirstOrDefault(w => context.Lexicon.MonthSaid(w, today) is not null);
        // A day written as such ("the 5th", "1/5", "fifth") names a day; a bare number is a count as often ("einen Tisch
        // für 2"), and a message whose number is a day reads as that date before it is asked for a month.
        return said is not null && !words.Any(w => (w.Any(char.IsDigit) && !w.All(char.IsAsciiDigit)) || context.Lexicon.DayOrdinal(w) is not null) ? said : null;
    }

    /// <summary>The month <see cref="MonthWords"/> finds, as <c>yyyy-MM-dd</c> of its first day; null when none.</summary>
    public static string? MonthOf(string? text, SlotParseContext context) =>
        MonthWords(text, context) is { } said && context.Lexicon.MonthSaid(said, Today(context)) is { } first ? CanonicalText.Date(first) : null;

    /// <summary>
    /// The words of a day inside a message that the date or date-time slot's <c>min</c>/<c>max</c> refuse ("I need a
    /// check-up on January 20" for a practice booking up to January 6: "on January 20"), so the engine names the range
    /// at the slot's question, as it does for such a day given as the answer; null when the message names none. A bare
    /// number names no day here: in a sentence it is a count as often ("a table for 12").
    /// </summary>
    public static string? DayWordsOutOfRange(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind is not ("date" or "datetime") || context.Language is null || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return null;
        var day = slot.Kind == "date" ? slot : DayPart(slot);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ';', '!', '?', '(', ')', '"')).Where(w => w.Length > 0).ToList();
        return Windows(words, 4).FirstOrDefault(w => !w.Split(' ').All(t => t.TrimEnd('.').All(char.IsAsciiDigit))
            && !TryParse(day, w.TrimEnd('.'), context, out _, out var problem) && IsOutOfRange(problem))?.TrimEnd('.');
    }

    /// <summary>
    /// The span of days a message names instead of a day ("mid-December", "early January", "Mitte Dezember", "zwischen den
    /// Jahren", or a month without a day: "next month", "im Januar", the whole month), from today on; null when it names none.
    /// </summary>
    public static (DateOnly First, DateOnly Last)? SpanOf(string? text, SlotParseContext context)
    {
        if (context.Language is null || string.IsNullOrWhiteSpace(text) || text.Length > 200) return null;
        var today = Today(context);
        if (context.Lexicon.DaySpan(text, today) is { } span) return span;
        if (MonthOf(text, context) is not { } month || !CanonicalText.TryDate(month, out var first)) return null;
        return (first < today ? today : first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// The span of days <see cref="SpanOf(string?, SlotParseContext)"/> finds, cut to the days a date or date-time slot's
    /// <c>min</c>/<c>max</c> allow, so the bot names only days it can take ("next month" for an appointment up to January
    /// 6: January 1–6); null when it names none or none of its days is allowed.
    /// </summary>
    public static (DateOnly First, DateOnly Last)? SpanOf(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (SpanOf(text, context) is not var (first, last)) return null;
        DateOnly? DayOfBound(ExprValue? bound) => bound switch
        {
            { Kind: ExprValue.ValueKind.Date } date => date.Day,
            { Kind: ExprValue.ValueKind.DateTime } instant => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant.Instant, context.Zone).DateTime),
            _ => null,
        };
        var (min, max) = Bounds(slot, context);
        if (DayOfBound(min) is { } earliest && earliest > first) first = earliest;
        if (DayOfBound(max) is { } latest && latest < last) last = latest;
        return first <= last ? (first, last) : null;
    }

    /// <summary>A kept day (<see cref="KeptDay(string, string?)"/>) read back: the day and its part of the day, or null when it is none.</summary>
    public static (DateOnly Day, string? Part)? ReadKeptDay(string? kept)
    {
        if (kept is null || kept.Length < 10
            || !CanonicalText.TryDate(kept[..10], out var day)) return null;
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
        // "7 and a half" (7:30) ends in its hour's half.
        var hourSaid = said.EndsWith(" and a half", StringComparison.OrdinalIgnoreCase) ? said[..^" and a half".Length] : said;
        last = hourSaid.Split(' ')[^1];
        if (hourSaid.Length == 0 || (!char.IsAsciiDigit(hourSaid[^1]) && context.Lexicon.NumberWord(last) is null && Lexicon.English.NumberWord(last) is null)) return null;
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

    // "tomorrow first thing in the morning": the first time the type allows that day, its hours' opening or its min
    // time of day (the next such morning when the day is not said). Null when the type names neither: then no one time
    // is the first.
    private static string? FirstThing(SlotInfo slot, string text, SlotParseContext context)
    {
        if (slot.Kind is not ("time" or "datetime") || context.Lexicon.FirstThingDay(text) is not { } dayText) return null;
        var opening = slot.Hours?.From ?? (Bounds(slot, context).Min is { Kind: ExprValue.ValueKind.Time } min ? min.TimeOfDay : (TimeOnly?)null);
        if (opening is not { } first) return null;
        if (slot.Kind == "time") return dayText.Length == 0 ? CanonicalText.Time(first) : null;
        var now = TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime;
        var day = dayText.Length == 0 ? (TimeOnly.FromDateTime(now) < first ? Today(context) : Today(context).AddDays(1))
            : ParseDate(dayText, context) is { } said ? said : (DateOnly?)null;
        return day is { } d ? CanonicalText.Instant(CanonicalText.Local(d.ToDateTime(first), context.Zone), context.Zone) : null;
    }

    // "sat at 7", "sun 2pm": a message that opens with a short everyday weekday before its time, where that word is the day.
    private static bool DayBeforeTime(string[] words, SlotParseContext context)
    {
        if (words.Length < 2 || !context.Lexicon.IsWeekdayBeforeTime(words[0])) return false;
        var rest = string.Join(' ', words[1..]);
        return TryParse(new SlotInfo { Name = "time", Kind = "time" }, rest, context, out _, out _) || NamesAmbiguousHour(rest, context);
    }

    /// <summary>Resolves a time zone id (IANA or Windows); UTC for null or unknown ids.</summary>
    public static TimeZoneInfo ResolveTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

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
            if (context.Lexicon.PastWeekday(text, today) is { } past)
            {
                if (past != date) days.Add(past);
                // "monday" said on a Monday, for a day the type allows only in the last few days (a sick report, max: today,
                // min: today - 3d): the coming Monday and the one a week ago are both outside it, today is the reading left.
                if (past == today.AddDays(-7) && date != today) days.Add(today);
            }
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
    /// "18.–20.12.", "Dec 18-20", "from the 18th for 3 nights", "für 3 Nächte ab dem 18.", "for three days from
    /// tomorrow", "for a week from friday"): the first day as <paramref name="start"/> reads it and the last as
    /// <paramref name="end"/> reads it after the first. A month said once goes with both days; n nights, days or weeks
    /// end that long after the first. For a date-time slot an end is a day with its time ("friday 10am to monday 6pm")
    /// or a day alone (<c>yyyy-MM-dd</c>, "from friday to monday", kept with its part of the day as
    /// <see cref="KeptDay(string, string?)"/> does: "friday morning to sunday evening"), whose time its question asks
    /// later; a length from a day with its time (or its part of the day) ends at that time (in that part). Null unless both are days their slots accept and the last comes after the
    /// first.
    /// <paramref name="inclusive"/>: the last day is one of the period's days (<c>last_day >= first_day</c>, a leave):
    /// "for 3 days" from Monday ends on Wednesday, "for a week" on Sunday (nights still end the morning after), and a week
    /// said alone ("can I have next week off?") or a month or week taken whole ("the whole of March") is all its days
    /// from today on. <paramref name="heldStart"/>: the first day held already, at the last day's question, which a
    /// length alone ("for 3 days", "two weeks") counts from.
    /// </summary>
    public static (string Start, string End)? DateRange(SlotInfo start, SlotInfo end, string? text, SlotParseContext context, bool inclusive = false, string? heldStart = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength || context.Language is null) return null;
        var (words, closed) = PeriodWords(text);
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (words[i] is not ("-" or "–" or "—") && !context.Lexicon.IsUntil(words[i].ToLowerInvariant())) continue;
            if (Period(start, end, words, closed, i, text, context, inclusive) is { } period) return period;
        }
        return Nights(start, end, words, context, inclusive, heldStart)
            ?? (inclusive && heldStart is null ? WholeSpan(start, end, text, context) : null);
    }

    // "next week", "can I have next week off?", "the whole of March", "den ganzen März": all the days of the week or
    // month, from today on, for a period whose last day is one of its days. A week with a day of its own ("next week on
    // tuesday") names that day, and a month needs a word for all of it ("next month" alone is a day in it to pick).
    private static (string Start, string End)? WholeSpan(SlotInfo start, SlotInfo end, string text, SlotParseContext context)
    {
        if (start.Kind != "date" || end.Kind != "date") return null;
        var today = Today(context);
        var span = context.Lexicon.WholeSpan(text, today);
        var tokens = UtteranceText.Tokens(text);
        foreach (var (at, n) in span is null ? WindowRanges(tokens.Length, 4) : [])
        {
            var said = string.Join(' ', tokens.Skip(at).Take(n));
            if (context.Lexicon.RelativeDate(said, today) is not null || context.Lexicon.WeekSaid(said, today) is not { } monday) continue;
            if (Extract(start, string.Join(' ', tokens.Take(at).Concat(tokens.Skip(at + n))), context) is null && monday.AddDays(6) >= today)
            {
                span = (monday < today ? today : monday, monday.AddDays(6));
            }
            break;
        }
        return span is var (first, last) ? Accepted(start, end, new PeriodEnd(first, null), new PeriodEnd(last, null), context, inclusive: true) : null;
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

    // One end of a period as its slot reads the words: its day, and for a date-time slot the moment when they name a
    // time too ("friday 10am"). A date-time end without a time is its day alone ("friday"), with the part of the day
    // said with it ("friday morning"). Either names a day: a time
    // alone ("to 6pm") ends no period, unless the first end has a day and a time (Period: "friday from 10am to 6pm").
    private static PeriodEnd? EndOfPeriod(SlotInfo slot, string words, SlotParseContext context)
    {
        if (slot.Kind != "datetime") return TryParse(slot, words, context, out var read, out _) && IsoDay(read) is { } day ? new PeriodEnd(day, null) : null;
        if (TryParse(slot, words, context, out var moment, out _))
        {
            return Extract(DayPart(slot), words, context) is not null && CanonicalText.TryInstant(moment, context.Zone, out var instant)
                ? new PeriodEnd(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, context.Zone).DateTime), moment) : null;
        }
        // "friday morning": the part of the day goes with its day, so its question reads a bare hour in it.
        return ReadKeptDay(DayOf(slot, words, context)) is var (kept, part) ? new PeriodEnd(kept, null, part) : null;
    }

    // The day a period's last day is read after: the first's, or for a date-time the day before it (picked up on Friday
    // morning, back on Friday evening).
    private static DateOnly ReadAfter(SlotInfo end, DateOnly first) => end.Kind == "datetime" ? first.AddDays(-1) : first;

    // The period around the closing word at 'at': the longest day before it (up to four words) and the longest after it.
    private static (string Start, string End)? Period(SlotInfo start, SlotInfo end, List<string> words, List<bool> closed, int at, string text, SlotParseContext context, bool inclusive)
    {
        var lexicon = context.Lexicon;
        for (var n = Math.Min(4, at); n >= 1; n--)
        {
            var before = string.Join(' ', words.Skip(at - n).Take(n));
            // "18." or "18" before "bis 20. Dezember" is a day whose month comes after; "the 18th" is one on its own too.
            var alone = DayAlone(before, lexicon);
            // "friday from 10am": the day and the time its "from" opens are one end.
            var first = EndOfPeriod(start, before, context)
                ?? (n > 2 && lexicon.IsFrom(words[at - n + 1].ToLowerInvariant()) ? EndOfPeriod(start, string.Join(' ', words.Skip(at - n).Take(n).Where((_, k) => k != 1)), context) : null);
            if (alone is null && first is null) continue;
            for (var m = Math.Min(4, words.Count - at - 1); m >= 1; m--)
            {
                var after = string.Join(' ', words.Skip(at + 1).Take(m));
                var lastAlone = DayAlone(after, lexicon);
                PeriodEnd? last;
                if (lastAlone is null)
                {
                    // "bis 20. Dezember": the last day names the month, which the first day alone takes.
                    last = EndOfPeriod(end, after, first is { } f ? context with { After = ReadAfter(end, f.Day) } : context);
                    // "friday from 10am to 6pm": a time alone after a first end with its day and time is on that day.
                    if (last is null && first is { Moment: { } firstMoment } sameDay && SameDayAt(end, firstMoment, after, context) is { } until) last = new PeriodEnd(sameDay.Day, until);
                    if (last is { } lastEnd && alone is { } day) first = DayOfMonthUpTo(lastEnd.Day, day) is { } upTo ? new PeriodEnd(upTo, null) : null;
                }
                else
                {
                    // "Dec 18-20": the last day alone is the first such day after the first. A bare number is one only
                    // written onto the dash or ending the message or its clause ("Dec 18 - 2 guests" names no day 2),
                    // or before a function word that opens what the message says next ("dec 20 to 23 for 2 people").
                    var bare = after.All(char.IsDigit);
                    var day = bare && !text.Contains(words[at - 1] + words[at] + after, StringComparison.Ordinal) && at + m < words.Count - 1 && !closed[at + m]
                        && !lexicon.StopWords.Contains(words[at + m + 1].ToLowerInvariant()) ? null : lastAlone;
                    last = first is { } f && day is { } d && FirstDayAfter(f.Day, d) is { } following ? new PeriodEnd(following, null) : null;
                }
                if (first is { } from && last is { } to && Accepted(start, end, from, to, context, inclusive) is { } period) return period;
            }
        }
        return null;
    }

    // "from the 18th for 3 nights", "3 Nächte ab dem 18.", "for three days from tomorrow", "for a week from friday": the
    // day the message names, or the first day held when it names none, and that long after it (at the same time, when
    // the day has one); for an inclusive period a day less for days and weeks ("for 3 days" from Monday: to Wednesday).
    private static (string Start, string End)? Nights(SlotInfo start, SlotInfo end, List<string> words, SlotParseContext context, bool inclusive, string? heldStart)
    {
        if (LengthAt(words, context) is not var (at, length)) return null;
        // The day is read from the words as typed (up to four, the longest first): "ab dem 18." keeps its dot.
        var rest = words.Take(at - 1).Concat(words.Skip(at + 1)).ToList();
        var days = Windows(rest, 4)
            .Select(window => EndOfPeriod(start, window, context))
            .OfType<PeriodEnd>().DistinctBy(d => d.Day).Take(2).ToList();
        // A length alone ("for 3 days") counts from the first day held; "in 3 days" names a day of its own.
        if (days.Count == 0 && HeldEnd(start, heldStart, context) is { } held && Extract(end, string.Join(' ', words), context) is null) days.Add(held);
        if (days is not [var first]) return null;
        if (inclusive && first.Moment is null && !context.Lexicon.IsNightUnit(words[at])) length--;
        var last = first.Moment is { } moment && CanonicalText.TryInstant(moment, context.Zone, out var instant)
            ? new PeriodEnd(first.Day.AddDays(length), CanonicalText.Instant(CanonicalText.Local(TimeZoneInfo.ConvertTime(instant, context.Zone).DateTime.AddDays(length), context.Zone), context.Zone))
            : new PeriodEnd(first.Day.AddDays(length), null, first.Part);
        return Accepted(start, end, first, last, context, inclusive);
    }

    // The first day held (a date, or a date-time with its time) as one end of a period; null for none.
    private static PeriodEnd? HeldEnd(SlotInfo slot, string? held, SlotParseContext context) =>
        held is null ? null
        : CanonicalText.TryDate(held, out var day) ? new PeriodEnd(day, null)
        : slot.Kind == "datetime" && CanonicalText.TryInstant(held, context.Zone, out var instant) ? new PeriodEnd(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, context.Zone).DateTime), held)
        : null;

    // The two ends as their slots hold them, when each slot accepts its end and the last comes after the first (or is
    // the first, for an inclusive period): a day, a date-time, or a date-time's day alone (yyyy-MM-dd) when a time of it
    // is within the type's min/max.
    private static (string Start, string End)? Accepted(SlotInfo start, SlotInfo end, PeriodEnd first, PeriodEnd last, SlotParseContext context, bool inclusive)
    {
        var canonical = SlotParseContext.Canonical(context.Now, context.TimeZone);
        var ordered = first.Moment is { } a && last.Moment is { } b && CanonicalText.TryInstant(a, context.Zone, out var from) && CanonicalText.TryInstant(b, context.Zone, out var to)
            ? to > from : last.Day > first.Day || (inclusive && last.Day == first.Day);
        string? Held(SlotInfo slot, PeriodEnd side) =>
            side.Moment is { } moment ? (TryParse(slot, moment, canonical, out var value, out _) ? value : null)
            : slot.Kind == "datetime" ? (DayOf(slot, CanonicalText.Date(side.Day), canonical) is { } kept ? KeptDay(kept, side.Part) : null)
            : TryParse(slot, CanonicalText.Date(side.Day), canonical, out var day, out _) ? day : null;
        return ordered && Held(start, first) is { } held && Held(end, last) is { } heldLast ? (held, heldLast) : null;
    }

    // One end of a period: its day, and the date-time when the words name a time of it too, or else the part of the
    // day they name with it (morning, afternoon, evening).
    private readonly record struct PeriodEnd(DateOnly Day, string? Moment, string? Part = null);

    // Runs of up to 'longest' neighbouring words, the longest first and left to right: where a value may stand in a message.
    private static IEnumerable<string> Windows(IReadOnlyList<string> words, int longest) =>
        WindowRanges(words.Count, longest).Select(w => string.Join(' ', words.Skip(w.Start).Take(w.Count)));

    // Where the runs of Windows stand: up to 'longest' words, the longest first and left to right.
    private static IEnumerable<(int Start, int Count)> WindowRanges(int words, int longest) =>
        Enumerable.Range(1, Math.Min(longest, words)).Reverse().SelectMany(n => Enumerable.Range(0, words - n + 1).Select(i => (i, n)));

    private static DateOnly? IsoDay(string canonical) =>
        CanonicalText.TryDate(canonical, out var day) ? day : null;

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

    /// <summary>
    /// The text's words (normalised) without those that name a day or a span of days ("next month", "January", "on
    /// Friday") and without the function word right before them ("in January"): what is left says what the user does,
    /// not when. The "in" of "we are moving in January" is that month's, not the move in's.
    /// </summary>
    public static string[] WordsBesideDays(string? text, SlotParseContext context)
    {
        var words = UtteranceText.Tokens(text);
        var dropped = new bool[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            for (var n = Math.Min(4, words.Length - i); n >= 1; n--)
            {
                var window = string.Join(' ', words, i, n);
                if (!NamesDays(window)) continue;
                // The fewest words that still name the days ("moving house next month" reads as next month, and "in on
                // friday" as friday): only the word right before them is their preposition.
                var (from, to) = (i, i + n);
                while (to - from > 1 && NamesDays(string.Join(' ', words, from + 1, to - from - 1))) from++;
                while (to - from > 1 && NamesDays(string.Join(' ', words, from, to - from - 1))) to--;
                for (var k = from; k < to; k++) dropped[k] = true;
                if (from > 0 && Lexicon.IsStopWord(words[from - 1])) dropped[from - 1] = true;
                i = to - 1;
                break;
            }
        }
        return [.. words.Where((_, k) => !dropped[k])];

        bool NamesDays(string window) => ParseDate(window, context) is not null || SpanOf(window, context) is not null;
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
            // A date that must come after another day (the departure): the first such day after it. A correction of a
            // day (Corrects): that day in the corrected day's month first.
            var from = context.After?.AddDays(1) ?? (context.Corrects is { } corrected ? new DateOnly(corrected.Year, corrected.Month, 1) : today);
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

    // "18th", German "18." and as typed in a message "18ten", "18ter" ("am 18ten").
    [GeneratedRegex(@"^(?<day>\d{1,2})(?<suffix>st|nd|rd|th|ten|ter|\.)?$", RegexOptions.CultureInvariant)]
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
                // "sat at 10" opens with its day (English only).
                if (lexicon.IsEverydayWeekday(dayText) && (timeFirst || !lexicon.IsWeekdayBeforeTime(dayText))) continue;
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
        // "next week" names days, no time: the first of them the type allows is kept and only the time asked, as a week
        // said at a date question is its first day.
        dateOnly = ParseDate(t, context) is not null || DayWithPart(t, context) is not null || (context.Language is not null && context.Lexicon.WeekSaid(t, Today(context)) is not null);
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
        // "first thing (in the morning)" for a type that names no opening (FirstThing): the morning of the day said, or the
        // next morning, whose time the user is asked; never a time of day the bot made up.
        if (context.Language is not null && lexicon.FirstThingDay(text) is { } firstDay)
        {
            if (firstDay.Length > 0) return ParseDate(firstDay, context) is { } named ? (named, "morning", false) : null;
            var morning = lexicon.TimeWord(lexicon.ShownDayPart("morning")) ?? new TimeOnly(9, 0);
            return (TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime) < morning ? today : today.AddDays(1), "morning", true);
        }
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
        // "7 and a half" is half past 7 (British).
        if (words is [var wholeHour, "and", "a", "half"]) words = ["half", "past", wholeHour];
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
            // "half 7" is 7:30 in Britain ("halb 8" is the German 7:30).
            "half past" or "half" => (said, 30),
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

    // A day the user says they cannot make is no answer: "ich bin morgen nicht da", "I'm not home on monday" started
    // the rescheduling with that day. The clauses of the text (up to a comma, or a contrast: "morgen nicht, lieber
    // Mittwoch", "not tomorrow but wednesday") without those that deny; the text itself when none does. A day after
    // "since", "seit" is when the trouble began ("limping since the weekend, can we come on wednesday?" was kept as
    // Saturday): the rest of its clause is left out too.
    private static string WithoutDeniedClauses(string text, Lexicon lexicon)
    {
        var clauses = new List<List<string>> { new() };
        var since = false;
        var past = false;
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var lower = word.ToLowerInvariant();
            if (lexicon.IsClauseContrast(lower) && clauses[^1].Count > 0)
            {
                clauses.Add([]);
                since = false;
            }
            since |= lexicon.IsSince(lower.TrimEnd(',', ';', '!', '?', '.'));
            past |= since;
            if (!since) clauses[^1].Add(word);
            if (word[^1] is ',' or ';' or '!' or '?')
            {
                clauses.Add([]);
                since = false;
            }
        }
        var kept = clauses.Where(c => c.Count > 0).Select(c => string.Join(' ', c)).ToList();
        // A courtesy at the end ("if that's not a problem", "wenn das kein Problem ist") denies no day.
        var available = kept.Where(c => !lexicon.Negates(lexicon.PeelRaw(c))).ToList();
        return available.Count == kept.Count && !past ? text : string.Join(' ', available);
    }

    // A window of the words that is a number alone, or after "for" ("a table for four"), with no word that makes it a
    // time ("at 2", "um 2", "move it to 2"; "2pm", "19 Uhr" and "half past 2" are no bare number).
    private static bool CountNotTime(string[] words, int start, int count, SlotParseContext context)
    {
        var lexicon = context.Lexicon;
        if (IsHourAfterTo(words, start, count, lexicon)) return false;
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

    private static DateOnly Today(SlotParseContext context) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime);
}
