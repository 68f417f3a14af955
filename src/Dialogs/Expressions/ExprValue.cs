using System.Globalization;

namespace Chatbot.Dialogs.Expressions;

/// <summary>Static types of the expression language.</summary>
internal enum ExprType
{
    String,
    Number,
    Bool,

    /// <summary>A calendar day (<c>today</c>, a date slot).</summary>
    Date,

    /// <summary>A time of day (a time slot, <c>"18:30"</c> compared with one).</summary>
    Time,

    /// <summary>An instant (<c>now</c>, a datetime slot).</summary>
    DateTime,

    /// <summary>A length of time (<c>30m</c>, <c>2h</c>, <c>2d</c>, the difference of two instants).</summary>
    Duration,
}

/// <summary>A runtime value. Unset slots and evaluation errors are values too: a condition that meets one is false.</summary>
internal readonly record struct ExprValue
{
    public enum ValueKind { Unset, Error, String, Number, Bool, Date, Time, DateTime, Duration }

    public ValueKind Kind { get; private init; }
    public string? Text { get; private init; }
    public double Number { get; private init; }
    public bool Bool { get; private init; }

    /// <summary>Date: the day; Time: the time of day; DateTime: the instant (with the offset it was written in).</summary>
    public DateTimeOffset Instant { get; private init; }
    public DateOnly Day { get; private init; }
    public TimeOnly TimeOfDay { get; private init; }
    public TimeSpan Span { get; private init; }

    public static ExprValue Unset => new() { Kind = ValueKind.Unset };
    public static ExprValue Error(string why) => new() { Kind = ValueKind.Error, Text = why };
    public static ExprValue Of(string s) => new() { Kind = ValueKind.String, Text = s };
    public static ExprValue Of(double n) => double.IsFinite(n) ? new() { Kind = ValueKind.Number, Number = n } : Error("number out of range");
    public static ExprValue Of(bool b) => new() { Kind = ValueKind.Bool, Bool = b };
    public static ExprValue Of(DateOnly day) => new() { Kind = ValueKind.Date, Day = day };
    public static ExprValue Of(TimeOnly time) => new() { Kind = ValueKind.Time, TimeOfDay = time };
    public static ExprValue Of(DateTimeOffset instant) => new() { Kind = ValueKind.DateTime, Instant = instant };
    public static ExprValue Of(TimeSpan span) => new() { Kind = ValueKind.Duration, Span = span };

    public bool IsTrue => Kind == ValueKind.Bool && Bool;

    /// <summary>True for values that stand for something (not unset, not an error).</summary>
    public bool HasValue => Kind is not (ValueKind.Unset or ValueKind.Error);

    /// <summary>
    /// Canonical text form: numbers invariant (integers without decimals), dates <c>yyyy-MM-dd</c>, times <c>HH:mm</c>,
    /// instants <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c>, durations like <c>1d2h30m</c>. Slots store these forms.
    /// </summary>
    public override string ToString() => Kind switch
    {
        ValueKind.String => Text!,
        ValueKind.Number => Number.ToString("0.##########", CultureInfo.InvariantCulture),
        ValueKind.Bool => Bool ? "true" : "false",
        ValueKind.Date => Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ValueKind.Time => TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture),
        ValueKind.DateTime => Instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ValueKind.Duration => FormatDuration(Span),
        ValueKind.Error => "<error: " + Text + ">",
        _ => "",
    };

    /// <summary>A duration as the literal that writes it (<c>2d</c>, <c>1h30m</c>, <c>-45m</c>, <c>0m</c>).</summary>
    public static string FormatDuration(TimeSpan span)
    {
        if (span == TimeSpan.Zero) return "0m";
        var sign = span < TimeSpan.Zero ? "-" : "";
        var s = span.Duration();
        var parts = new List<string>();
        if (s.Days > 0) parts.Add(s.Days.ToString(CultureInfo.InvariantCulture) + "d");
        if (s.Hours > 0) parts.Add(s.Hours.ToString(CultureInfo.InvariantCulture) + "h");
        if (s.Minutes > 0) parts.Add(s.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        if (s.Seconds > 0 || parts.Count == 0) parts.Add(s.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        return sign + string.Concat(parts);
    }
}
