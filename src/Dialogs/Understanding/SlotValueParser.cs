using System.Globalization;
using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// The one parser of slot values, per kind: what the user typed (or a model read from it) becomes the canonical value
/// every command carries, or a short reason why it cannot (no user text in it). The fast path, the LLM's commands and
/// every recognizer use it, so "1,5", "ja" or "groß" mean the same on every path.
/// </summary>
/// <remarks>
/// Canonical forms: enum = the value id; integer/number = invariant digits (<c>1200</c>, <c>1.5</c>);
/// boolean = <c>true</c>/<c>false</c>; date = <c>yyyy-MM-dd</c>; datetime = <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c> in the bot's
/// time zone; email as typed; regex and text after the type's <c>normalize</c> steps. Numbers: in English "," groups
/// thousands ("1,200") and "." is the decimal point; in German the other way round ("1.200", "1,5"); a lone separator
/// that cannot be a thousands group is a decimal separator in either language ("1,5" = 1.5, never 15).
/// </remarks>
public static partial class SlotValueParser
{
    /// <summary>Longest value accepted for any kind.</summary>
    public const int MaxLength = 500;

    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(100);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"[^\s@<>()\[\],;:""]+@[^\s@<>()\[\],;:""]+\.[^\s@<>()\[\],;:""]+")]
    private static partial Regex EmailInTextRegex();

    [GeneratedRegex(@"[+-]?\d+(?:[.,']\d+)*")]
    private static partial Regex NumberInTextRegex();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}/\d{1,2}/\d{4}")]
    private static partial Regex DateInTextRegex();

    [GeneratedRegex(@"(?:Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffixRegex();

    /// <summary>Parses <paramref name="text"/> as a whole value of <paramref name="slot"/>'s kind; returns the canonical value or why not.</summary>
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
        string? result;
        switch (slot.Kind)
        {
            case "text":
                result = ApplyNormalize(slot.Normalize, raw);
                problem = "empty";
                break;
            case "enum":
                result = MatchEnum(slot, peeled) ?? MatchEnum(slot, raw);
                problem = "not one of the values";
                break;
            case "integer":
            case "number":
                var number = ParseNumber(peeled, context) ?? ParseNumber(raw, context);
                result = number is null ? null : FormatNumber(slot, number.Value, out problem);
                if (number is null) problem = slot.Kind == "integer" ? "not an integer" : "not a number";
                break;
            case "boolean":
                result = (context.Language is null ? Lexicon.English.YesNo(raw) : context.Lexicon.YesNo(raw)) is { } yes ? (yes ? "true" : "false") : null;
                problem = "not yes or no";
                break;
            case "date":
                result = ParseDate(peeled, context)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                problem = "not a date";
                break;
            case "datetime":
                result = ParseDateTime(peeled, context);
                problem = "not a date and time";
                break;
            case "email":
                result = peeled.Length <= 254 && EmailRegex().IsMatch(peeled) ? peeled : null;
                problem = "not an e-mail address";
                break;
            case "regex":
                result = MatchPattern(slot, peeled) ?? MatchPattern(slot, raw);
                problem = "does not match the pattern";
                break;
            default:
                result = null;
                problem = $"unknown kind '{slot.Kind}'";
                break;
        }
        if (result is null || result.Length == 0) return false;
        value = result;
        problem = "";
        return true;
    }

    /// <summary>
    /// Finds a value of <paramref name="slot"/>'s kind inside a longer message ("I'd like 4 of them", "mail me at
    /// a@b.de", "no, a phone"): the canonical value, or null. Free text is the whole message.
    /// </summary>
    public static string? Extract(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength) return null;
        if (TryParse(slot, text, context, out var whole, out _)) return whole;
        switch (slot.Kind)
        {
            case "enum":
                return FindEnum(slot, text);
            case "integer" or "number":
                foreach (Match m in NumberInTextRegex().Matches(text))
                {
                    if (TryParse(slot, m.Value, context, out var number, out _)) return number;
                }
                return FirstOfWords(slot, text, context, 2);
            case "email":
                var email = EmailInTextRegex().Match(text);
                return email.Success && TryParse(slot, email.Value.TrimEnd('.'), context, out var address, out _) ? address : null;
            case "date" or "datetime":
                foreach (Match m in DateInTextRegex().Matches(text))
                {
                    if (TryParse(slot, m.Value, context, out var date, out _)) return date;
                }
                return FirstOfWords(slot, text, context, 3);
            case "boolean":
                return FirstOfWords(slot, text, context, 2);
            case "regex":
                var tokens = text.Split([' ', ',', ';', ':', '!', '?', '#', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Select(t => t.TrimEnd('.')).ToList();
                var candidates = tokens.Concat(Enumerable.Range(0, Math.Max(0, tokens.Count - 1)).Select(i => tokens[i] + " " + tokens[i + 1]));
                foreach (var candidate in candidates)
                {
                    if (TryParse(slot, candidate, context, out var match, out _)) return match;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Resolves a time zone id (IANA or Windows); UTC for null or unknown ids.</summary>
    public static TimeZoneInfo ResolveTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Applies a type's <c>normalize</c> steps (trim, upper, lower, no_spaces, no_dashes) in order.</summary>
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
                _ => text,
            };
        }
        return text.Trim();
    }

    private static string? MatchEnum(SlotInfo slot, string text)
    {
        var normalized = UtteranceText.Normalize(text);
        if (normalized.Length == 0) return null;
        foreach (var candidate in slot.Values)
        {
            if (UtteranceText.Normalize(candidate.Value) == normalized) return candidate.Value;
        }
        foreach (var candidate in slot.Values)
        {
            if (candidate.Synonyms.Any(s => UtteranceText.Normalize(s) == normalized)) return candidate.Value;
        }
        return null;
    }

    // The longest value or synonym standing as whole words in the text ("a large one, please" -> large).
    private static string? FindEnum(SlotInfo slot, string text)
    {
        var padded = " " + UtteranceText.Normalize(text) + " ";
        var best = (Value: (string?)null, Length: 0);
        foreach (var candidate in slot.Values)
        {
            foreach (var phrase in candidate.Synonyms.Append(candidate.Value))
            {
                var p = UtteranceText.Normalize(phrase);
                if (p.Length > 0 && p.Length > best.Length && padded.Contains(" " + p + " ", StringComparison.Ordinal)) best = (candidate.Value, p.Length);
            }
        }
        return best.Value;
    }

    // Word n-grams, longest first from the left: "see you next friday" -> "next friday".
    private static string? FirstOfWords(SlotInfo slot, string text, SlotParseContext context, int maxWords)
    {
        var words = UtteranceText.Tokens(text);
        for (var i = 0; i < words.Length; i++)
        {
            for (var n = Math.Min(maxWords, words.Length - i); n >= 1; n--)
            {
                if (TryParse(slot, string.Join(' ', words, i, n), context, out var value, out _)) return value;
            }
        }
        return null;
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
        if (slot.Min is { } min && number < min || slot.Max is { } max && number > max)
        {
            problem = $"outside {Bound(slot.Min)}..{Bound(slot.Max)}";
            return null;
        }
        return slot.Kind == "integer" ? ((long)number).ToString(CultureInfo.InvariantCulture) : number.ToString("R", CultureInfo.InvariantCulture);

        static string Bound(double? b) => b?.ToString(CultureInfo.InvariantCulture) ?? "…";
    }

    private static double? ParseNumber(string text, SlotParseContext context)
    {
        var t = text.Trim().TrimEnd('.', '!', '?').Trim();
        if (context.Language is null)
        {
            return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var canonical) && double.IsFinite(canonical) ? canonical : null;
        }
        if (t.Length > 0 && (char.IsDigit(t[0]) || (t[0] is '-' or '+' && t.Length > 1 && char.IsDigit(t[1]))))
        {
            var (decimalSeparator, groupSeparator) = context.Lexicon.Language == "de" ? (',', '.') : ('.', ',');
            return ParseDigits(t, decimalSeparator, groupSeparator);
        }
        return context.Lexicon.NumberWord(t);
    }

    private static double? ParseDigits(string t, char decimalSeparator, char groupSeparator)
    {
        var sign = t[0] == '-' ? -1 : 1;
        var body = t[0] is '-' or '+' ? t[1..] : t;
        if (body.Any(c => !char.IsDigit(c) && c != '.' && c != ',' && c != '\'')) return null;
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

    private static DateOnly? ParseDate(string text, SlotParseContext context)
    {
        var t = text.Trim().TrimEnd('.', '!', '?', ',').Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) return iso;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, context.Zone).DateTime);
        if (context.Lexicon.RelativeDate(t, today) is { } relative) return relative;
        string[] formats = context.Lexicon.Language == "de" ? ["d.M.yyyy", "d.M.yy"] : ["M/d/yyyy", "d.M.yyyy"];
        if (DateOnly.TryParseExact(t, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return local;
        // Month names ("March 5, 2026") in English, where the invariant culture reads them.
        if (context.Lexicon.Language == "en" && t.Any(char.IsLetter) && DateOnly.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var named)) return named;
        return null;
    }

    private static string? ParseDateTime(string text, SlotParseContext context)
    {
        var t = text.Trim();
        var zone = context.Zone;
        DateTimeOffset instant;
        if (t.Contains(':', StringComparison.Ordinal) && t.Any(char.IsDigit) && t.Length >= 10 && char.IsDigit(t[0])
            && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            if (OffsetSuffixRegex().IsMatch(t))
            {
                instant = parsed;
            }
            else
            {
                // No offset: a local time in the bot's zone.
                var local = DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified);
                instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
            }
        }
        else if (ParseDate(t, context) is { } day)
        {
            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            instant = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        }
        else
        {
            return null;
        }
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
