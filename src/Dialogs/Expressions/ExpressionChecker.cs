namespace Chatbot.Dialogs.Expressions;

/// <summary>Type-checks a parsed expression against the slots in scope.</summary>
internal static class ExpressionChecker
{
    /// <summary>Returns the expression's type, or null with errors (unknown slots are reported through <paramref name="unknownSlot"/>).</summary>
    public static ExprType? Check(Expr expr, Func<string, ExprType?> slotType, List<ExpressionError> errors, Action<string, int>? unknownSlot = null) =>
        Check(expr, new ExpressionScope(slotType) { UnknownSlot = unknownSlot }, errors);

    /// <summary>Returns the expression's type, or null with errors.</summary>
    public static ExprType? Check(Expr expr, ExpressionScope scope, List<ExpressionError> errors)
    {
        switch (expr)
        {
            case LiteralExpr l:
                return l.Value.Kind switch
                {
                    ExprValue.ValueKind.Number => ExprType.Number,
                    ExprValue.ValueKind.Bool => ExprType.Bool,
                    ExprValue.ValueKind.Duration => ExprType.Duration,
                    _ => ExprType.String,
                };
            case ClockExpr c:
                return c.Name == "now" ? ExprType.DateTime : ExprType.Date;
            case ConversationTypeExpr:
                return ExprType.String;
            case SlotExpr s:
                var t = scope.SlotType(s.Name);
                if (t is null) UnknownSlot(scope, errors, s.Name, s.Offset);
                return t;
            case IsSetExpr i:
                if (scope.SlotType(i.Slot) is null) UnknownSlot(scope, errors, i.Slot, i.Offset);
                return ExprType.Bool;
            case UnaryExpr u:
                var operand = Check(u.Operand, scope, errors);
                if (u.Op == "not")
                {
                    if (operand is not null and not ExprType.Bool) errors.Add(new ExpressionError($"'not' needs a yes/no value, not a {Name(operand.Value)}", u.Offset));
                    return ExprType.Bool;
                }
                if (operand is ExprType.Duration) return ExprType.Duration;
                if (operand is not null and not ExprType.Number) errors.Add(new ExpressionError($"'{u.Op}' needs a number, not a {Name(operand.Value)}", u.Offset));
                return ExprType.Number;
            case CallExpr c:
                return Call(c, scope, errors);
            case BinaryExpr b:
                return Binary(b, scope, errors);
            default:
                return null;
        }
    }

    public static string Name(ExprType type) => type switch
    {
        ExprType.Number => "number",
        ExprType.Bool => "yes/no value",
        ExprType.Date => "date",
        ExprType.Time => "time of day",
        ExprType.DateTime => "date and time",
        ExprType.Duration => "duration",
        _ => "text",
    };

    /// <summary>True for the types that stand for a point in time (a day, a time of day, an instant).</summary>
    public static bool IsTemporal(ExprType? type) => type is ExprType.Date or ExprType.Time or ExprType.DateTime;

    /// <summary>
    /// Whether a value of type <paramref name="value"/> (written as <paramref name="expr"/>) can be stored in, or compared
    /// with, something of type <paramref name="target"/>: the same type, or a text literal in the target's canonical
    /// form (<c>"2026-12-24"</c>, <c>"18:30"</c>), or one of the slot's declared special values.
    /// </summary>
    public static bool Fits(Expr expr, ExprType value, ExprType target, ExpressionScope scope, string? slot = null)
    {
        if (value == target) return true;
        if (value != ExprType.String || expr is not LiteralExpr { Value.Kind: ExprValue.ValueKind.String } literal) return false;
        var text = literal.Value.Text!;
        if (slot is not null && scope.IsSpecialValue?.Invoke(slot, text) == true) return true;
        return target switch
        {
            ExprType.Date => CanonicalText.TryDate(text, out _),
            ExprType.Time => CanonicalText.TryTime(text, out _),
            ExprType.DateTime => CanonicalText.TryInstant(text, TimeZoneInfo.Utc, out _),
            _ => false,
        };
    }

    private static void UnknownSlot(ExpressionScope scope, List<ExpressionError> errors, string name, int offset)
    {
        if (scope.UnknownSlot is not null) scope.UnknownSlot(name, offset);
        else errors.Add(new ExpressionError($"unknown slot '{name}'", offset));
    }

    private static ExprType? Call(CallExpr c, ExpressionScope scope, List<ExpressionError> errors)
    {
        var args = c.Arguments.Select(a => Check(a, scope, errors)).ToList();
        if (!ExpressionParser.Functions.Contains(c.Function))
        {
            var english = ExpressionParser.EnglishFor(c.Function);
            errors.Add(new ExpressionError(english is not null && ExpressionParser.Functions.Contains(english)
                ? $"unknown function '{c.Function}': {ExpressionParser.InEnglish(c.Function, english)}"
                : $"unknown function '{c.Function}'; known: {string.Join(", ", ExpressionParser.Functions)}", c.Offset));
            return null;
        }
        if (args.Count != 1)
        {
            errors.Add(new ExpressionError($"'{c.Function}' takes one value", c.Offset));
            return null;
        }
        var arg = args[0];
        switch (c.Function)
        {
            case "date":
                if (arg is not null and not (ExprType.DateTime or ExprType.Date)) errors.Add(new ExpressionError($"'date' needs a date and time, not a {Name(arg.Value)}", c.Offset));
                return ExprType.Date;
            case "time":
                if (arg is not null and not (ExprType.DateTime or ExprType.Time)) errors.Add(new ExpressionError($"'time' needs a date and time, not a {Name(arg.Value)}", c.Offset));
                return ExprType.Time;
            case "weekday":
                if (arg is not null and not (ExprType.DateTime or ExprType.Date)) errors.Add(new ExpressionError($"'weekday' needs a date or a date and time, not a {Name(arg.Value)}", c.Offset));
                return ExprType.Number;
            default:
                if (arg is not null and not ExprType.String) errors.Add(new ExpressionError($"'{c.Function}' needs text, not a {Name(arg.Value)}", c.Offset));
                return c.Function == "len" ? ExprType.Number : ExprType.String;
        }
    }

    /// <summary>
    /// A text with digits compared with a date or time was meant as one in canonical form; one that is no such value
    /// ("25:00", "24.12.2026") is what the author got wrong, so the error names the text and the form rather than "a
    /// time and a text". A word ("soonish") may be a special value misspelt: that keeps the general message.
    /// </summary>
    private static ExpressionError? NotCanonical(Expr side, ExprType other) => side is LiteralExpr { Value.Kind: ExprValue.ValueKind.String, Value.Text: { } text } l && text.Any(char.IsAsciiDigit)
        ? other switch
        {
            ExprType.Time => new ExpressionError($"\"{text}\" is no time of day: write one as \"HH:mm\", from \"00:00\" to \"23:59\"", l.Offset),
            ExprType.Date => new ExpressionError($"\"{text}\" is no date: write one as \"yyyy-MM-dd\" (\"2026-12-24\"), or work it out from today (today + 1d)", l.Offset),
            ExprType.DateTime => new ExpressionError($"\"{text}\" is no date and time: write one as \"2026-12-24T18:00:00+01:00\", or work it out from now (now + 2h)", l.Offset),
            _ => null,
        }
        : null;

    // weekday(day) != "Sonntag": an author writes the day's name; the function gives its number.
    private static ExpressionError? WeekdayByName(BinaryExpr b) => (b.Left, b.Right) switch
    {
        (CallExpr { Function: "weekday" } call, LiteralExpr { Value.Kind: ExprValue.ValueKind.String } text) => WeekdayByName(call, text),
        (LiteralExpr { Value.Kind: ExprValue.ValueKind.String } text, CallExpr { Function: "weekday" } call) => WeekdayByName(call, text),
        _ => null,
    };

    // urgent == "yes": a yes/no slot holds true or false, and the text it was compared with never matches.
    private static ExpressionError? YesNoByText(BinaryExpr b, ExprType left, ExprType right) => (b.Left, b.Right, left, right) switch
    {
        (var slot, LiteralExpr { Value.Kind: ExprValue.ValueKind.String } text, ExprType.Bool, _) => YesNoByText(slot, text),
        (LiteralExpr { Value.Kind: ExprValue.ValueKind.String } text, var slot, _, ExprType.Bool) => YesNoByText(slot, text),
        _ => null,
    };

    private static ExpressionError YesNoByText(Expr side, LiteralExpr text)
    {
        var meant = text.Value.Text?.Trim().ToLowerInvariant() is "no" or "nein" or "false" or "n" ? "false" : "true";
        var name = side is SlotExpr slot ? slot.Name : "…";
        return new($"a yes/no value is true or false, not a text like \"{text.Value.Text}\": write {name} == {meant}", text.Offset);
    }

    private static ExpressionError WeekdayByName(CallExpr call, LiteralExpr text) => new(
        $"weekday(…) is a number, Monday 1 to Sunday 7, not a name like \"{text.Value.Text}\": write weekday(…) != 7 for \"not on a Sunday\", weekday(…) <= 5 for Monday to Friday",
        text.Offset);

    private static ExprType? Binary(BinaryExpr b, ExpressionScope scope, List<ExpressionError> errors)
    {
        var left = Check(b.Left, scope, errors);
        var right = Check(b.Right, scope, errors);
        switch (b.Op)
        {
            case "and" or "or":
                if (left is not null and not ExprType.Bool) errors.Add(new ExpressionError($"'{b.Op}' needs yes/no values on both sides, the left is a {Name(left.Value)}", b.Offset));
                if (right is not null and not ExprType.Bool) errors.Add(new ExpressionError($"'{b.Op}' needs yes/no values on both sides, the right is a {Name(right.Value)}", b.Offset));
                return ExprType.Bool;
            case "==" or "!=" or "<" or "<=" or ">" or ">=":
                CheckConversationType(b, errors);
                if (left is not null && right is not null && !Comparable(b, left.Value, right.Value, scope))
                {
                    if ((NotCanonical(b.Left, right.Value) ?? NotCanonical(b.Right, left.Value) ?? WeekdayByName(b) ?? YesNoByText(b, left.Value, right.Value)) is { } malformed)
                    {
                        errors.Add(malformed);
                        return ExprType.Bool;
                    }
                    var message = b.Op is "==" or "!="
                        ? $"cannot compare a {Name(left.Value)} with a {Name(right.Value)}"
                        : $"'{b.Op}' needs two values of the same kind (numbers, texts, dates, times, durations), found a {Name(left.Value)} and a {Name(right.Value)}";
                    errors.Add(new ExpressionError(message, b.Offset));
                }
                return ExprType.Bool;
        }
        if (left is null || right is null) return null; // already reported; no guess that could cascade
        if (Arithmetic(b.Op, left.Value, right.Value) is { } result)
        {
            if (left == ExprType.Date && right == ExprType.Duration && b.Right is LiteralExpr { Value.Kind: ExprValue.ValueKind.Duration } d && d.Value.Span.Ticks % TimeSpan.TicksPerDay != 0)
            {
                errors.Add(new ExpressionError($"a date moves in whole days; '{ExprValue.FormatDuration(d.Value.Span)}' is not (use now for hours and minutes)", b.Right.Offset));
            }
            return result;
        }
        errors.Add(new ExpressionError(ArithmeticProblem(b.Op, left.Value, right.Value), b.Offset));
        return null;
    }

    // A misspelt conversation type ("group", "Personal") would silently never match: name the ones that exist.
    private static void CheckConversationType(BinaryExpr b, List<ExpressionError> errors)
    {
        var literal = (b.Left, b.Right) switch
        {
            (ConversationTypeExpr, LiteralExpr l) => l,
            (LiteralExpr l, ConversationTypeExpr) => l,
            _ => null,
        };
        if (literal is { Value.Kind: ExprValue.ValueKind.String } && !ConversationTypes.All.Contains(literal.Value.Text ?? "", StringComparer.Ordinal))
        {
            errors.Add(new ExpressionError($"conversation_type is one of {string.Join(", ", ConversationTypes.All.Select(t => $"\"{t}\""))}, never \"{literal.Value.Text}\"", literal.Offset));
        }
    }

    // Same types compare; a date compares with an instant by calendar day and a time of day with an instant by its
    // clock time (both in the conversation's zone); text literals compare with what they spell.
    private static bool Comparable(BinaryExpr b, ExprType left, ExprType right, ExpressionScope scope)
    {
        if (left == right) return b.Op is "==" or "!=" || left != ExprType.Bool;
        if (left is ExprType.Date or ExprType.Time && right == ExprType.DateTime || right is ExprType.Date or ExprType.Time && left == ExprType.DateTime) return true;
        var leftSlot = (b.Left as SlotExpr)?.Name;
        var rightSlot = (b.Right as SlotExpr)?.Name;
        return IsTemporal(left) && Fits(b.Right, right, left, scope, leftSlot) || IsTemporal(right) && Fits(b.Left, left, right, scope, rightSlot);
    }

    /// <summary>The result type of an arithmetic operator, or null when the operand types do not go together.</summary>
    public static ExprType? Arithmetic(string op, ExprType left, ExprType right) => (op, left, right) switch
    {
        (_, ExprType.Number, ExprType.Number) => ExprType.Number,
        ("+", ExprType.String, ExprType.String) => ExprType.String,
        ("+" or "-", ExprType.DateTime or ExprType.Date or ExprType.Time, ExprType.Duration) => left,
        ("+", ExprType.Duration, ExprType.DateTime or ExprType.Date or ExprType.Time) => right,
        ("-", ExprType.DateTime, ExprType.DateTime) or ("-", ExprType.Date, ExprType.Date) or ("-", ExprType.Time, ExprType.Time) => ExprType.Duration,
        ("+" or "-", ExprType.Duration, ExprType.Duration) => ExprType.Duration,
        ("*", ExprType.Duration, ExprType.Number) or ("*", ExprType.Number, ExprType.Duration) or ("/", ExprType.Duration, ExprType.Number) => ExprType.Duration,
        _ => null,
    };

    private static string ArithmeticProblem(string op, ExprType left, ExprType right)
    {
        if (IsTemporal(left) && IsTemporal(right) && op == "+") return $"cannot add a {Name(left)} to a {Name(right)}; add a duration instead (now + 2h, today + 2d)";
        if (IsTemporal(left) || IsTemporal(right)) return $"'{op}' cannot combine a {Name(left)} and a {Name(right)}; dates and times take + or - with a duration (now + 30m), or - with another of the same kind";
        if (left != ExprType.Number && left != ExprType.Duration) return $"'{op}' needs numbers, the left is a {Name(left)}";
        return $"'{op}' needs numbers, the right is a {Name(right)}";
    }
}

/// <summary>What an expression may refer to: slots and their types, and (for text literals) a slot's declared special values.</summary>
internal sealed class ExpressionScope(Func<string, ExprType?> slotType)
{
    public Func<string, ExprType?> SlotType { get; } = slotType;

    /// <summary>Called for each unknown slot with its offset; null = report it as an expression error.</summary>
    public Action<string, int>? UnknownSlot { get; init; }

    /// <summary>True when a text is a special value the slot declares (<c>asap</c> on a datetime slot).</summary>
    public Func<string, string, bool>? IsSpecialValue { get; init; }
}
