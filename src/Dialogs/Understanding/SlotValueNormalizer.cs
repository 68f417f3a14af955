using System.Globalization;
using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Validates and normalises a raw slot value (from a model or the user) for a slot kind: enum synonym -> canonical value,
/// numbers as invariant text, dates as ISO 8601 in the bot's time zone, e-mail and regex checks.
/// </summary>
public static class SlotValueNormalizer
{
    private const int MaxTextLength = 500;
    private static readonly Regex EmailPattern = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    private static readonly Regex InDaysPattern = new(@"^in (\d{1,3}) (day|days|week|weeks)$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["a dozen"] = 12, ["twenty"] = 20,
    };

    /// <summary>Returns true with the normalised value, or false with a short reason (no user text in it).</summary>
    public static bool TryNormalize(SlotInfo slot, string? raw, DateTimeOffset now, TimeZoneInfo timeZone, out string value, out string reason)
    {
        ArgumentNullException.ThrowIfNull(slot);
        value = string.Empty;
        reason = string.Empty;
        var text = raw?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            reason = "empty value";
            return false;
        }

        switch (slot.Kind.ToLowerInvariant())
        {
            case "enum":
                if (MatchEnum(slot, text) is { } canonical)
                {
                    value = canonical;
                    return true;
                }

                reason = "not one of the enum values";
                return false;
            case "integer":
                if (TryInteger(text, out var integer))
                {
                    value = integer.ToString(CultureInfo.InvariantCulture);
                    return true;
                }

                reason = "not an integer";
                return false;
            case "number":
                if (decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    value = number.ToString(CultureInfo.InvariantCulture);
                    return true;
                }

                if (TryInteger(text, out var wordNumber))
                {
                    value = wordNumber.ToString(CultureInfo.InvariantCulture);
                    return true;
                }

                reason = "not a number";
                return false;
            case "boolean":
                bool? parsed = bool.TryParse(text, out var flag) ? flag : ConfirmationWords.ClassifyExact(text, "en");
                if (parsed is { } yes)
                {
                    value = yes ? "true" : "false";
                    return true;
                }

                reason = "not a yes/no value";
                return false;
            case "date":
            case "datetime":
            case "date/time":
            case "time":
                if (TryDate(text, now, timeZone, out value))
                {
                    return true;
                }

                reason = "not a date";
                return false;
            case "email":
                if (text.Length <= 254 && EmailPattern.IsMatch(text))
                {
                    value = text;
                    return true;
                }

                reason = "not an e-mail address";
                return false;
            case "regex":
                if (slot.Pattern is null)
                {
                    reason = "slot has no pattern";
                    return false;
                }

                try
                {
                    if (Regex.IsMatch(text, "^(?:" + slot.Pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
                    {
                        value = text;
                        return true;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    reason = "pattern check timed out";
                    return false;
                }

                reason = "does not match the pattern";
                return false;
            default:
                value = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
                return true;
        }
    }

    /// <summary>The canonical enum value whose value or synonym equals <paramref name="text"/> (normalised), or null.</summary>
    public static string? MatchEnum(SlotInfo slot, string text)
    {
        var normalized = UtteranceText.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        foreach (var candidate in slot.Values)
        {
            if (UtteranceText.Normalize(candidate.Value) == normalized || candidate.Synonyms.Any(s => UtteranceText.Normalize(s) == normalized))
            {
                return candidate.Value;
            }
        }

        return null;
    }

    /// <summary>Resolves a time zone id, falling back to UTC for null or unknown ids.</summary>
    public static TimeZoneInfo ResolveTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static bool TryInteger(string text, out long integer)
    {
        if (long.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out integer))
        {
            return true;
        }

        if (NumberWords.TryGetValue(UtteranceText.Normalize(text), out var word))
        {
            integer = word;
            return true;
        }

        return false;
    }

    private static bool TryDate(string text, DateTimeOffset now, TimeZoneInfo timeZone, out string value)
    {
        value = string.Empty;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, timeZone).DateTime);

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var isoDate))
        {
            value = isoDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var stamp) && text.Contains('T', StringComparison.Ordinal))
        {
            // A date-time without an offset is local to the bot's time zone; one with an offset is kept as an instant.
            var hasOffset = text.EndsWith('Z') || Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
            if (!hasOffset)
            {
                var local = DateTime.SpecifyKind(stamp.DateTime, DateTimeKind.Unspecified);
                stamp = new DateTimeOffset(local, timeZone.GetUtcOffset(local));
            }

            value = TimeZoneInfo.ConvertTime(stamp, timeZone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            return true;
        }

        var normalized = UtteranceText.Normalize(text);
        DateOnly? resolved = normalized switch
        {
            "today" or "tonight" or "this evening" => today,
            "tomorrow" => today.AddDays(1),
            "day after tomorrow" or "the day after tomorrow" => today.AddDays(2),
            "yesterday" => today.AddDays(-1),
            _ => null,
        };

        if (resolved is null && InDaysPattern.Match(normalized) is { Success: true } inDays)
        {
            var count = int.Parse(inDays.Groups[1].Value, CultureInfo.InvariantCulture);
            resolved = today.AddDays(inDays.Groups[2].Value.StartsWith("week", StringComparison.Ordinal) ? count * 7 : count);
        }

        if (resolved is null)
        {
            var words = normalized.Split(' ');
            var dayWord = words.Length switch
            {
                1 => words[0],
                2 when words[0] is "next" or "on" or "this" => words[1],
                _ => null,
            };
            var index = dayWord is null ? -1 : Array.IndexOf(DayNames, dayWord);
            if (index >= 0)
            {
                // "monday" / "next monday" = the next such day after today.
                var delta = ((index - (int)today.DayOfWeek) + 7) % 7;
                resolved = today.AddDays(delta == 0 ? 7 : delta);
            }
        }

        if (resolved is null && DateOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var loose))
        {
            resolved = loose;
        }

        if (resolved is { } date)
        {
            value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return true;
        }

        return false;
    }
}
