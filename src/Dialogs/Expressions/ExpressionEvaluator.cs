using System.Globalization;

namespace Chatbot.Dialogs.Expressions;

/// <summary>What an evaluation reads: slot values, the turn's instant, the conversation's time zone and type.</summary>
/// <param name="Slot">The value of a slot (<see cref="ExprValue.Unset"/> when it has none).</param>
/// <param name="Now">The turn's instant; null = <c>now</c> and <c>today</c> are errors (no clock given).</param>
/// <param name="TimeZone">The zone days and times of day are read in (UTC when null).</param>
/// <param name="ConversationType">One of <see cref="ConversationTypes.All"/>; null reads as <c>personal</c>.</param>
internal sealed record ExpressionContext(Func<string, ExprValue> Slot, DateTimeOffset? Now = null, TimeZoneInfo? TimeZone = null, string? ConversationType = null)
{
    public TimeZoneInfo Zone => TimeZone ?? TimeZoneInfo.Utc;

    /// <summary>The day of an instant in the conversation's zone.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The time of day of an instant in the conversation's zone.</summary>
    public TimeOnly TimeOf(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}

/// <summary>Evaluates a checked expression. Never throws: unset slots and errors propagate as values.</summary>
internal static class ExpressionEvaluator
{
    /// <summary>Evaluates without a clock (<c>now</c> is an error value).</summary>
    public static ExprValue Evaluate(Expr expr, Func<string, ExprValue> slot) => Evaluate(expr, new ExpressionContext(slot));

    public static ExprValue Evaluate(Expr expr, ExpressionContext context)
    {
        switch (expr)
        {
            case LiteralExpr l:
                return l.Value;
            case ClockExpr c:
                if (context.Now is not { } now) return ExprValue.Error("no clock");
                return c.Name == "now" ? ExprValue.Of(now) : ExprValue.Of(context.DayOf(now));
            case ConversationTypeExpr:
                return ExprValue.Of(context.ConversationType ?? ConversationTypes.Personal);
            case SlotExpr s:
                return context.Slot(s.Name);
            case IsSetExpr i:
                var set = context.Slot(i.Slot).Kind is not ExprValue.ValueKind.Unset;
                return ExprValue.Of(i.Negated ? !set : set);
            case UnaryExpr u:
                var v = Evaluate(u.Operand, context);
                if (u.Op == "not")
                {
                    // "not" of an unset comparison stays unknown, so "not (x > 3)" is not true when x is missing.
                    return v.Kind == ExprValue.ValueKind.Bool ? ExprValue.Of(!v.Bool) : v;
                }
                return v.Kind switch
                {
                    ExprValue.ValueKind.Number => ExprValue.Of(-v.Number),
                    ExprValue.ValueKind.Duration => ExprValue.Of(-v.Span),
                    _ => Propagate(v),
                };
            case CallExpr c:
                var a = c.Arguments.Count == 1 ? Evaluate(c.Arguments[0], context) : ExprValue.Error("wrong argument count");
                return Call(c.Function, a, context);
            case BinaryExpr b:
                return Binary(b, context);
            default:
                return ExprValue.Error("unknown expression");
        }
    }

    private static ExprValue Call(string function, ExprValue a, ExpressionContext context)
    {
        if (!a.HasValue) return a;
        switch (function)
        {
            case "date":
                return a.Kind switch
                {
                    ExprValue.ValueKind.DateTime => ExprValue.Of(context.DayOf(a.Instant)),
                    ExprValue.ValueKind.Date => a,
                    _ => ExprValue.Error("not a date and time"),
                };
            case "time":
                return a.Kind switch
                {
                    ExprValue.ValueKind.DateTime => ExprValue.Of(context.TimeOf(a.Instant)),
                    ExprValue.ValueKind.Time => a,
                    _ => ExprValue.Error("not a date and time"),
                };
            case "weekday":
                // ISO 8601: Monday 1 … Sunday 7, of the day in the conversation's time zone ("weekday(when) >= 6" = weekend).
                return a.Kind switch
                {
                    ExprValue.ValueKind.DateTime => ExprValue.Of(IsoWeekday(context.DayOf(a.Instant))),
                    ExprValue.ValueKind.Date => ExprValue.Of(IsoWeekday(a.Day)),
                    _ => ExprValue.Error("not a date"),
                };
        }
        var text = a.Kind == ExprValue.ValueKind.Bool ? null : a.ToString();
        return text is null ? ExprValue.Error("wrong type") : function switch
        {
            "len" => ExprValue.Of(text.Length),
            "lower" => ExprValue.Of(text.ToLowerInvariant()),
            "upper" => ExprValue.Of(text.ToUpperInvariant()),
            _ => ExprValue.Error("unknown function " + function),
        };
    }

    private static double IsoWeekday(DateOnly day) => day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;

    private static ExprValue Propagate(ExprValue v) => v.HasValue ? ExprValue.Error("wrong type") : v;

    private static ExprValue Binary(BinaryExpr b, ExpressionContext context)
    {
        var left = Evaluate(b.Left, context);
        if (b.Op == "and" && left.Kind == ExprValue.ValueKind.Bool && !left.Bool) return ExprValue.Of(false);
        if (b.Op == "or" && left.IsTrue) return ExprValue.Of(true);
        var right = Evaluate(b.Right, context);
        switch (b.Op)
        {
            case "and":
                return left.Kind == ExprValue.ValueKind.Bool && right.Kind == ExprValue.ValueKind.Bool ? ExprValue.Of(left.Bool && right.Bool)
                    : right.Kind == ExprValue.ValueKind.Bool && !right.Bool ? ExprValue.Of(false) : Propagate(left.Kind == ExprValue.ValueKind.Bool ? right : left);
            case "or":
                return left.Kind == ExprValue.ValueKind.Bool && right.Kind == ExprValue.ValueKind.Bool ? ExprValue.Of(left.Bool || right.Bool)
                    : right.IsTrue ? ExprValue.Of(true) : Propagate(left.Kind == ExprValue.ValueKind.Bool ? right : left);
        }
        if (!left.HasValue) return left;
        if (!right.HasValue) return right;
        switch (b.Op)
        {
            case "==": return ExprValue.Of(Equal(left, right, context));
            case "!=": return ExprValue.Of(!Equal(left, right, context));
            case "<" or "<=" or ">" or ">=":
                if (Compare(left, right, context) is not { } cmp) return ExprValue.Error("cannot order these values");
                return ExprValue.Of(b.Op switch { "<" => cmp < 0, "<=" => cmp <= 0, ">" => cmp > 0, _ => cmp >= 0 });
        }
        return Arithmetic(b.Op, left, right);
    }

    private static ExprValue Arithmetic(string op, ExprValue left, ExprValue right)
    {
        const ExprValue.ValueKind Duration = ExprValue.ValueKind.Duration;
        var sign = op == "-" ? -1 : 1;
        try
        {
            switch (left.Kind, right.Kind)
            {
                case (ExprValue.ValueKind.String, ExprValue.ValueKind.String) when op == "+":
                    return ExprValue.Of(left.Text + right.Text);
                case (ExprValue.ValueKind.Number, ExprValue.ValueKind.Number):
                    return op switch
                    {
                        "+" => ExprValue.Of(left.Number + right.Number),
                        "-" => ExprValue.Of(left.Number - right.Number),
                        "*" => ExprValue.Of(left.Number * right.Number),
                        "/" => right.Number == 0 ? ExprValue.Error("division by zero") : ExprValue.Of(left.Number / right.Number),
                        _ => ExprValue.Error("unknown operator " + op),
                    };
                case (ExprValue.ValueKind.DateTime, Duration) when op is "+" or "-":
                    return ExprValue.Of(left.Instant + sign * right.Span);
                case (Duration, ExprValue.ValueKind.DateTime) when op == "+":
                    return ExprValue.Of(right.Instant + left.Span);
                case (ExprValue.ValueKind.Date, Duration) when op is "+" or "-":
                    return AddDays(left.Day, sign * right.Span);
                case (Duration, ExprValue.ValueKind.Date) when op == "+":
                    return AddDays(right.Day, left.Span);
                case (ExprValue.ValueKind.Time, Duration) when op is "+" or "-":
                    return ExprValue.Of(left.TimeOfDay.Add(sign * right.Span));
                case (Duration, ExprValue.ValueKind.Time) when op == "+":
                    return ExprValue.Of(right.TimeOfDay.Add(left.Span));
                case (ExprValue.ValueKind.DateTime, ExprValue.ValueKind.DateTime) when op == "-":
                    return ExprValue.Of(left.Instant - right.Instant);
                case (ExprValue.ValueKind.Date, ExprValue.ValueKind.Date) when op == "-":
                    return ExprValue.Of(TimeSpan.FromDays(left.Day.DayNumber - right.Day.DayNumber));
                case (ExprValue.ValueKind.Time, ExprValue.ValueKind.Time) when op == "-":
                    return ExprValue.Of(left.TimeOfDay - right.TimeOfDay);
                case (Duration, Duration) when op is "+" or "-":
                    return ExprValue.Of(left.Span + sign * right.Span);
                case (Duration, ExprValue.ValueKind.Number) when op is "*" or "/":
                    return op == "*" ? ExprValue.Of(left.Span * right.Number) : right.Number == 0 ? ExprValue.Error("division by zero") : ExprValue.Of(left.Span / right.Number);
                case (ExprValue.ValueKind.Number, Duration) when op == "*":
                    return ExprValue.Of(right.Span * left.Number);
                default:
                    return ExprValue.Error("these values do not combine with " + op);
            }
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException or ArgumentException)
        {
            return ExprValue.Error("date or duration out of range");
        }
    }

    private static ExprValue AddDays(DateOnly day, TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? ExprValue.Of(day.AddDays((int)span.TotalDays)) : ExprValue.Error("a date moves in whole days");

    private static bool Equal(ExprValue a, ExprValue b, ExpressionContext context)
    {
        if (a.Kind != b.Kind && Compare(a, b, context) is { } cmp) return cmp == 0;
        return a.Kind == b.Kind && a.Kind switch
        {
            ExprValue.ValueKind.Number => a.Number.Equals(b.Number),
            ExprValue.ValueKind.Bool => a.Bool == b.Bool,
            ExprValue.ValueKind.Date or ExprValue.ValueKind.Time or ExprValue.ValueKind.DateTime or ExprValue.ValueKind.Duration => Compare(a, b, context) == 0,
            // Enum values and user text compare without case so authors need not care how a value was typed.
            _ => string.Equals(a.Text, b.Text, StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>Orders two values of the same kind; a day against an instant by calendar day, a time of day against an instant by clock time, text against a date or time by what it spells.</summary>
    public static int? Compare(ExprValue a, ExprValue b, ExpressionContext context)
    {
        if (a.Kind == ExprValue.ValueKind.String && b.Kind is not ExprValue.ValueKind.String) return Read(a, b.Kind, context) is { } ra ? Compare(ra, b, context) : null;
        if (b.Kind == ExprValue.ValueKind.String && a.Kind is not ExprValue.ValueKind.String) return Read(b, a.Kind, context) is { } rb ? Compare(a, rb, context) : null;
        return (a.Kind, b.Kind) switch
        {
            (ExprValue.ValueKind.Number, ExprValue.ValueKind.Number) => a.Number.CompareTo(b.Number),
            (ExprValue.ValueKind.String, ExprValue.ValueKind.String) => string.CompareOrdinal(a.Text, b.Text),
            (ExprValue.ValueKind.Date, ExprValue.ValueKind.Date) => a.Day.CompareTo(b.Day),
            (ExprValue.ValueKind.Time, ExprValue.ValueKind.Time) => a.TimeOfDay.CompareTo(b.TimeOfDay),
            (ExprValue.ValueKind.DateTime, ExprValue.ValueKind.DateTime) => a.Instant.CompareTo(b.Instant),
            (ExprValue.ValueKind.Duration, ExprValue.ValueKind.Duration) => a.Span.CompareTo(b.Span),
            (ExprValue.ValueKind.Date, ExprValue.ValueKind.DateTime) => a.Day.CompareTo(context.DayOf(b.Instant)),
            (ExprValue.ValueKind.DateTime, ExprValue.ValueKind.Date) => context.DayOf(a.Instant).CompareTo(b.Day),
            (ExprValue.ValueKind.Time, ExprValue.ValueKind.DateTime) => a.TimeOfDay.CompareTo(context.TimeOf(b.Instant)),
            (ExprValue.ValueKind.DateTime, ExprValue.ValueKind.Time) => context.TimeOf(a.Instant).CompareTo(b.TimeOfDay),
            _ => null,
        };
    }

    /// <summary>A text in canonical form read as a value of <paramref name="kind"/>; null when it is not one (e.g. a special value such as <c>asap</c>).</summary>
    public static ExprValue? Read(ExprValue text, ExprValue.ValueKind kind, ExpressionContext context) => kind switch
    {
        ExprValue.ValueKind.Date when CanonicalText.TryDate(text.Text, out var d) => ExprValue.Of(d),
        ExprValue.ValueKind.Time when CanonicalText.TryTime(text.Text, out var t) => ExprValue.Of(t),
        ExprValue.ValueKind.DateTime when CanonicalText.TryInstant(text.Text, context.Zone, out var i) => ExprValue.Of(i),
        _ => null,
    };

    /// <summary>Formats a number for storage and templates.</summary>
    public static string Format(double n) => n.ToString("0.##########", CultureInfo.InvariantCulture);
}
