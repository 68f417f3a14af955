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
        if (!SlotValueParser.TryParse(slot, value, SlotParseContext.Canonical(turn.Now), out var canonical, out problem)) return false;
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

    /// <summary>A stored slot value as an expression value.</summary>
    public static ExprValue ToExpr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ExprValue.Of(value.GetString()!),
        JsonValueKind.Number => ExprValue.Of(value.GetDouble()),
        JsonValueKind.True => ExprValue.Of(true),
        JsonValueKind.False => ExprValue.Of(false),
        _ => ExprValue.Unset,
    };

    /// <summary>An expression result as a stored value of the slot's kind; null when it does not fit.</summary>
    public static JsonElement? FromExpr(ExprValue value, SlotTypeDefinition type) => value.Kind switch
    {
        ExprValue.ValueKind.Number when type.Kind is SlotKind.Integer or SlotKind.Number => DialogStateJson.Of(type.Kind == SlotKind.Integer ? Math.Round(value.Number) : value.Number),
        ExprValue.ValueKind.Bool when type.Kind == SlotKind.Boolean => DialogStateJson.Of(value.Bool),
        ExprValue.ValueKind.String when type.Kind is not (SlotKind.Integer or SlotKind.Number or SlotKind.Boolean) => DialogStateJson.Of(value.Text!),
        _ => null,
    };

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
