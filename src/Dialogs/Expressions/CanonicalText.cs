using System.Globalization;
using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Expressions;

/// <summary>
/// Reads and writes the canonical text forms slots store and expressions write as literals: <c>yyyy-MM-dd</c>,
/// <c>HH:mm</c>, <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c>. Not a parser of what users type (that is SlotValueParser).
/// </summary>
internal static partial class CanonicalText
{
    [GeneratedRegex(@"(?:Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex OffsetSuffix();

    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss"];

    public static bool TryDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>An ISO date and time; without an offset it is a local time in <paramref name="zone"/>.</summary>
    public static bool TryInstant(string? text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null || text.Length < 16 || !char.IsAsciiDigit(text[0]) || text[4] != '-' || text[10] is not ('T' or ' ')) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)) return false;
        instant = OffsetSuffix().IsMatch(text) ? parsed : Local(DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified), zone);
        return true;
    }

    /// <summary>A wall-clock time in a zone as an instant (a time skipped by a DST change moves forward by the gap).</summary>
    public static DateTimeOffset Local(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The instant as wall-clock time in <paramref name="zone"/> with its offset.</summary>
    public static string Instant(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
