using System.Globalization;
using System.Text.Json;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// How the engine stores, reads and shows slot values. Parsing what the user said is <see cref="SlotValueParser"/>'s
/// job; this only converts between its canonical text, the stored JSON, expression values and reply text.
/// </summary>
internal static class SlotValues
{
    /// <summary>What showing a value depends on: the conversation's language, the bot's default language, and the time zone.</summary>
    public readonly record struct DisplayContext(string Language, string DefaultLanguage, TimeZoneInfo Zone)
    {
        public static DisplayContext Of(TurnContext turn) => new(turn.Language, turn.Bot.Settings.DefaultLanguage, turn.TimeZone);
    }

    /// <summary>
    /// Accepts a command's value (canonical, see <see cref="SlotValueParser"/>) for a slot: the JSON to store
    /// (numbers and booleans typed, everything else a string), or false with the reason.
    /// </summary>
    public static bool TryAccept(SlotInfo slot, string value, TurnContext turn, out JsonElement stored, out string problem)
    {
        stored = default;
        if (slot.Kind == "file") return FileSlots.TryAccept(slot, value, turn.Files, out stored, out problem);
        // "Sunday" for the departure (a model may pass the user's words on) is the first Sunday after the arrival.
        if (!SlotValueParser.TryParse(slot, value, SlotRules.Reading(turn, slot.Name, turn.CanonicalParse), out var canonical, out problem))
        {
            // An hour that may be morning or evening comes as the user's own words ("morgen um halb zehn"), which
            // only the user's language reads: that says why, so the engine asks morning or evening.
            // Two amounts ("1200 EUR and 50 for the taxi") or choices likewise: the engine asks which one; and a day with a
            // part of the day ("Donnerstag vormittag"): the engine keeps the day and asks the time in it; a span of days
            // ("Mitte Dezember", "nächsten Monat"): the engine asks which day in it, or keeps the span for the day question;
            // a span no day of which the type takes ("a check-up in March"): out of range, so the question names the range.
            if (!SlotValueParser.TryParse(slot, value, turn.UserParse, out _, out var asSaid)
                && (asSaid is SlotValueParser.AmbiguousHour or SlotValueParser.SeveralAmounts or SlotValueParser.SeveralChoices or SlotValueParser.TimeMissing or SlotValueParser.DayInSpan
                    || SlotValueParser.IsOutOfRange(asSaid))) problem = asSaid;
            return false;
        }
        stored = ToJson(slot.Kind, canonical);
        return true;
    }

    /// <summary>The stored form of a canonical value.</summary>
    public static JsonElement ToJson(string kind, string canonical) => kind switch
    {
        "integer" or "number" => DialogStateJson.Of(double.Parse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture)),
        "boolean" => DialogStateJson.Of(canonical == "true"),
        _ => DialogStateJson.Of(canonical),
    };

    /// <summary>A stored slot value as an untyped expression value (text, number or yes/no); a file reads as its name.</summary>
    public static ExprValue ToExpr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ExprValue.Of(value.GetString()!),
        JsonValueKind.Object when FileSlots.Member(value, "name") is { } name => ExprValue.Of(name),
        JsonValueKind.Number => ExprValue.Of(value.GetDouble()),
        JsonValueKind.True => ExprValue.Of(true),
        JsonValueKind.False => ExprValue.Of(false),
        _ => ExprValue.Unset,
    };

    /// <summary>
    /// A stored slot value as an expression value of its type: dates, times of day and instants typed; a declared
    /// special value (<c>asap</c>) stays text, so it equals its name and orders against no date.
    /// </summary>
    public static ExprValue ToExpr(JsonElement value, SlotTypeDefinition type, TimeZoneInfo zone)
    {
        var untyped = ToExpr(value);
        if (untyped.Kind != ExprValue.ValueKind.String) return untyped;
        var kind = type.Kind switch
        {
            SlotKind.Date => ExprValue.ValueKind.Date,
            SlotKind.Time => ExprValue.ValueKind.Time,
            SlotKind.DateTime => ExprValue.ValueKind.DateTime,
            _ => ExprValue.ValueKind.String,
        };
        return kind == ExprValue.ValueKind.String ? untyped : ExpressionEvaluator.Read(untyped, kind, new ExpressionContext(_ => ExprValue.Unset, null, zone)) ?? untyped;
    }

    /// <summary>An expression result as a stored value of the slot's kind; null when it does not fit.</summary>
    public static JsonElement? FromExpr(ExprValue value, SlotTypeDefinition type, TimeZoneInfo zone) => (value.Kind, type.Kind) switch
    {
        (ExprValue.ValueKind.Number, SlotKind.Integer or SlotKind.Number) => DialogStateJson.Of(type.Kind == SlotKind.Integer ? Math.Round(value.Number) : value.Number),
        (ExprValue.ValueKind.Bool, SlotKind.Boolean) => DialogStateJson.Of(value.Bool),
        (ExprValue.ValueKind.Date, SlotKind.Date) => DialogStateJson.Of(CanonicalText.Date(value.Day)),
        (ExprValue.ValueKind.Time, SlotKind.Time) => DialogStateJson.Of(CanonicalText.Time(value.TimeOfDay)),
        (ExprValue.ValueKind.DateTime, SlotKind.DateTime) => DialogStateJson.Of(CanonicalText.Instant(value.Instant, zone)),
        (ExprValue.ValueKind.String, SlotKind.Date or SlotKind.Time or SlotKind.DateTime) => FromText(value.Text!, type, zone),
        (ExprValue.ValueKind.String, not (SlotKind.Integer or SlotKind.Number or SlotKind.Boolean)) => DialogStateJson.Of(value.Text!),
        _ => null,
    };

    // A text for a date or time slot: its canonical form ("2026-12-24", "18:30") or one of the type's special values.
    private static JsonElement? FromText(string text, SlotTypeDefinition type, TimeZoneInfo zone)
    {
        if (type.Values.Any(v => v.Value == text)) return DialogStateJson.Of(text);
        return type.Kind switch
        {
            SlotKind.Date when CanonicalText.TryDate(text, out var d) => DialogStateJson.Of(CanonicalText.Date(d)),
            SlotKind.Time when CanonicalText.TryTime(text, out var t) => DialogStateJson.Of(CanonicalText.Time(t)),
            SlotKind.DateTime when CanonicalText.TryInstant(text, zone, out var i) => DialogStateJson.Of(CanonicalText.Instant(i, zone)),
            _ => null,
        };
    }

    /// <summary>How a stored value reads in a reply; see <see cref="Display(ExprValue, SlotTypeDefinition, DisplayContext, string?)"/>.</summary>
    public static string Display(JsonElement value, SlotTypeDefinition type, DisplayContext context, string? format = null) =>
        Display(ToExpr(value, type, context.Zone), type, context, format);

    /// <summary>
    /// How a value reads in a reply, in the conversation's language and time zone: an enum (or special) value by its
    /// label, else its first synonym in the language, else its id; yes/no words; dates, times of day and instants
    /// written out (<c>Friday, November 27, 2026 at 7:30 PM</c>, <c>Freitag, 27. November 2026 um 19:30</c>); numbers
    /// with the language's decimal separator. <paramref name="format"/> is a formatting filter: <c>date</c> or
    /// <c>time</c> show only that part of an instant (<c>hhmm</c> on the 24-hour clock in every language), <c>datetime</c>
    /// and <c>label</c> the default.
    /// </summary>
    public static string Display(ExprValue value, SlotTypeDefinition type, DisplayContext context, string? format = null)
    {
        var lexicon = Lexicon.For(context.Language);
        if (value.Kind == ExprValue.ValueKind.String && type.Values.FirstOrDefault(v => v.Value == value.Text) is { } labelled)
        {
            return labelled.LabelIn(context.Language, context.DefaultLanguage);
        }
        switch (value.Kind)
        {
            case ExprValue.ValueKind.Bool:
                return value.Bool ? lexicon.YesTitle : lexicon.NoTitle;
            case ExprValue.ValueKind.Date:
                return format == "short_date" ? ShortDate(value.Day, lexicon.Language) : lexicon.FormatDate(value.Day);
            case ExprValue.ValueKind.Time:
                return format == "hhmm" ? TwentyFourHour(value.TimeOfDay) : lexicon.FormatTime(value.TimeOfDay);
            case ExprValue.ValueKind.DateTime:
                var local = TimeZoneInfo.ConvertTime(value.Instant, context.Zone).DateTime;
                // A date type shows an instant bound (min: now) as its day, a time type as its time of day.
                var part = format ?? type.Kind switch { SlotKind.Date => "date", SlotKind.Time => "time", _ => "datetime" };
                return part switch
                {
                    "date" => lexicon.FormatDate(DateOnly.FromDateTime(local)),
                    "short_date" => ShortDate(DateOnly.FromDateTime(local), lexicon.Language),
                    "time" => lexicon.FormatTime(TimeOnly.FromDateTime(local)),
                    "hhmm" => TwentyFourHour(TimeOnly.FromDateTime(local)),
                    _ => lexicon.FormatDateTime(local),
                };
            case ExprValue.ValueKind.Number when format == "money":
                return Money(value.Number, lexicon.Language);
            case ExprValue.ValueKind.Number:
                var digits = value.ToString();
                return lexicon.Language == "de" ? digits.Replace('.', ',') : digits;
            default:
                return value.ToString();
        }
    }

    /// <summary>
    /// The <c>hhmm</c> filter: a time of day on the 24-hour clock in every language, "14:30" — as an author who writes
    /// the times of a buttons list or a service's answer so ("11:00") wants the confirmation to say it, not "11:00 AM".
    /// </summary>
    private static string TwentyFourHour(TimeOnly time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>short_date</c> filter: a day in digits as people write it, "12.03.1985" / "3/12/1985".</summary>
    private static string ShortDate(DateOnly day, string language) =>
        day.ToString(language == "de" ? "dd.MM.yyyy" : "M/d/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The <c>money</c> filter: an amount with two decimals and thousands grouped, "1.234,50" / "1,234.50"; the currency
    /// is the author's to write around it ("{{ amount | money }} €").
    /// </summary>
    private static string Money(double amount, string language)
    {
        var text = amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);
        return language == "de" ? string.Concat(text.Select(c => c switch { ',' => '.', '.' => ',', _ => c })) : text;
    }
}
