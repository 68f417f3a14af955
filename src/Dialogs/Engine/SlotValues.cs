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
    /// <summary>
    /// Accepts a command's value (canonical, see <see cref="SlotValueParser"/>) for a slot: the JSON to store
    /// (numbers and booleans typed, everything else a string), or false with the reason.
    /// </summary>
    public static bool TryAccept(SlotInfo slot, string value, TurnContext turn, out JsonElement stored, out string problem)
    {
        stored = default;
        if (!SlotValueParser.TryParse(slot, value, turn.CanonicalParse, out var canonical, out problem)) return false;
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

    /// <summary>A stored slot value as an untyped expression value (text, number or yes/no).</summary>
    public static ExprValue ToExpr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ExprValue.Of(value.GetString()!),
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

    /// <summary>How a value reads in a reply: enum values by their first synonym in the language, booleans as yes/no.</summary>
    public static string Display(JsonElement value, SlotTypeDefinition type, string language)
    {
        if (type.Kind == SlotKind.Enum && value.ValueKind == JsonValueKind.String)
        {
            var v = type.Values.FirstOrDefault(x => x.Value == value.GetString());
            if (v is not null && v.Synonyms.TryGetValue(language, out var synonyms) && synonyms.Count > 0) return synonyms[0];
        }
        if (type.Kind == SlotKind.Boolean && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            var lexicon = Lexicon.For(language);
            return value.ValueKind == JsonValueKind.True ? lexicon.YesTitle : lexicon.NoTitle;
        }
        return ToExpr(value).ToString();
    }
}
