using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Engine;

/// <summary>Turns what the user (or a recognizer) gave into a typed slot value, or says why it cannot. All in C#, never trusted to a model.</summary>
internal static partial class SlotNormalizer
{
    private const int MaxTextLength = 500;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    public static bool TryNormalize(SlotTypeDefinition type, string raw, string language, DateTimeOffset now, out JsonElement value, out string problem)
    {
        value = default;
        problem = "";
        var text = raw.Trim();
        if (text.Length == 0)
        {
            problem = "empty";
            return false;
        }
        if (text.Length > MaxTextLength)
        {
            problem = "too long";
            return false;
        }
        switch (type.Kind)
        {
            case SlotKind.Text:
                value = DialogStateJson.Of(ApplyNormalize(type, text));
                return true;
            case SlotKind.Enum:
                var match = MatchEnum(type, text, language);
                if (match is null)
                {
                    problem = "not one of " + string.Join(", ", type.Values.Select(v => v.Value));
                    return false;
                }
                value = DialogStateJson.Of(match);
                return true;
            case SlotKind.Integer or SlotKind.Number:
                var number = ParseNumber(text, language);
                if (number is null || type.Kind == SlotKind.Integer && Math.Abs(number.Value % 1) > 0)
                {
                    problem = type.Kind == SlotKind.Integer ? "not a whole number" : "not a number";
                    return false;
                }
                if (type.Min is { } min && number < min || type.Max is { } max && number > max)
                {
                    problem = $"outside {type.Min?.ToString(CultureInfo.InvariantCulture) ?? "…"}..{type.Max?.ToString(CultureInfo.InvariantCulture) ?? "…"}";
                    return false;
                }
                value = DialogStateJson.Of(number.Value);
                return true;
            case SlotKind.Boolean:
                var yes = Lexicon.YesNo(text, language);
                if (yes is null)
                {
                    problem = "not yes or no";
                    return false;
                }
                value = DialogStateJson.Of(yes.Value);
                return true;
            case SlotKind.Date:
                var date = ParseDate(text, language, now);
                if (date is null)
                {
                    problem = "not a date";
                    return false;
                }
                value = DialogStateJson.Of(date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return true;
            case SlotKind.DateTime:
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt))
                {
                    value = DialogStateJson.Of(dt.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
                    return true;
                }
                var day = ParseDate(text, language, now);
                if (day is not null)
                {
                    value = DialogStateJson.Of(day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00" + now.ToString("zzz", CultureInfo.InvariantCulture));
                    return true;
                }
                problem = "not a date and time";
                return false;
            case SlotKind.Email:
                if (!EmailRegex().IsMatch(text))
                {
                    problem = "not an e-mail address";
                    return false;
                }
                value = DialogStateJson.Of(text);
                return true;
            case SlotKind.Regex:
                var normalized = ApplyNormalize(type, text);
                try
                {
                    if (type.Pattern is not null && Regex.IsMatch(normalized, "^(?:" + type.Pattern + ")$", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
                    {
                        value = DialogStateJson.Of(normalized);
                        return true;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pathological input against an author pattern: treat as not matching.
                }
                problem = "does not match the expected format";
                return false;
            default:
                problem = "unknown kind";
                return false;
        }
    }

    /// <summary>The enum value whose value or synonym equals the text (case-insensitive; the request language first).</summary>
    public static string? MatchEnum(SlotTypeDefinition type, string text, string language)
    {
        var t = Lexicon.Clean(text);
        foreach (var v in type.Values)
        {
            if (string.Equals(v.Value, t, StringComparison.OrdinalIgnoreCase)) return v.Value;
        }
        foreach (var v in type.Values)
        {
            if (v.Synonyms.TryGetValue(language, out var synonyms) && synonyms.Any(s => string.Equals(s, t, StringComparison.OrdinalIgnoreCase))) return v.Value;
        }
        foreach (var v in type.Values)
        {
            if (v.Synonyms.Values.Any(list => list.Any(s => string.Equals(s, t, StringComparison.OrdinalIgnoreCase)))) return v.Value;
        }
        return null;
    }

    public static string ApplyNormalize(SlotTypeDefinition type, string text)
    {
        foreach (var n in type.Normalize)
        {
            text = n switch
            {
                "trim" => text.Trim(),
                "upper" => text.ToUpperInvariant(),
                "lower" => text.ToLowerInvariant(),
                "no_spaces" => string.Concat(text.Where(c => !char.IsWhiteSpace(c))),
                "no_dashes" => text.Replace("-", "", StringComparison.Ordinal),
                _ => text,
            };
        }
        return text;
    }

    public static double? ParseNumber(string text, string language)
    {
        var t = Lexicon.Clean(text);
        if (language == "de" && t.Contains(',') && !t.Contains('.')) t = t.Replace(',', '.');
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        return Lexicon.NumberWord(t, language);
    }

    public static DateOnly? ParseDate(string text, string language, DateTimeOffset now)
    {
        var t = Lexicon.Clean(text);
        var today = DateOnly.FromDateTime(now.DateTime);
        switch (t)
        {
            case "today" or "heute": return today;
            case "tomorrow" or "morgen": return today.AddDays(1);
            case "yesterday" or "gestern": return today.AddDays(-1);
            case "day after tomorrow" or "übermorgen": return today.AddDays(2);
        }
        string[] formats = language == "de" ? ["yyyy-MM-dd", "d.M.yyyy", "d.M.yy"] : ["yyyy-MM-dd", "M/d/yyyy", "d.M.yyyy"];
        return DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

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

    /// <summary>How a value reads in a reply: enum values by their first synonym in the language.</summary>
    public static string Display(JsonElement value, SlotTypeDefinition type, string language)
    {
        if (type.Kind == SlotKind.Enum && value.ValueKind == JsonValueKind.String)
        {
            var v = type.Values.FirstOrDefault(x => x.Value == value.GetString());
            if (v is not null && v.Synonyms.TryGetValue(language, out var synonyms) && synonyms.Count > 0) return synonyms[0];
        }
        if (type.Kind == SlotKind.Boolean && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            var (yes, no) = Lexicon.YesNoTitles(language);
            return value.ValueKind == JsonValueKind.True ? yes : no;
        }
        return ToExpr(value).ToString();
    }
}
