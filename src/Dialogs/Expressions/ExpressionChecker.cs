namespace Chatbot.Dialogs.Expressions;

/// <summary>Type-checks a parsed expression against the slots in scope.</summary>
public static class ExpressionChecker
{
    /// <summary>Returns the expression's type, or null with errors (unknown slots are reported through <paramref name="unknownSlot"/>).</summary>
    public static ExprType? Check(Expr expr, Func<string, ExprType?> slotType, List<ExpressionError> errors, Action<string, int>? unknownSlot = null)
    {
        switch (expr)
        {
            case LiteralExpr l:
                return l.Value.Kind switch
                {
                    ExprValue.ValueKind.Number => ExprType.Number,
                    ExprValue.ValueKind.Bool => ExprType.Bool,
                    _ => ExprType.String,
                };
            case SlotExpr s:
                var t = slotType(s.Name);
                if (t is null)
                {
                    if (unknownSlot is not null) unknownSlot(s.Name, s.Offset);
                    else errors.Add(new ExpressionError($"unknown slot '{s.Name}'", s.Offset));
                }
                return t;
            case IsSetExpr i:
                if (slotType(i.Slot) is null)
                {
                    if (unknownSlot is not null) unknownSlot(i.Slot, i.Offset);
                    else errors.Add(new ExpressionError($"unknown slot '{i.Slot}'", i.Offset));
                }
                return ExprType.Bool;
            case UnaryExpr u:
                var operand = Check(u.Operand, slotType, errors, unknownSlot);
                var wanted = u.Op == "not" ? ExprType.Bool : ExprType.Number;
                if (operand is not null && operand != wanted) errors.Add(new ExpressionError($"'{u.Op}' needs a {Name(wanted)}, not a {Name(operand.Value)}", u.Offset));
                return wanted;
            case CallExpr c:
                var args = c.Arguments.Select(a => Check(a, slotType, errors, unknownSlot)).ToList();
                if (!ExpressionParser.Functions.Contains(c.Function))
                {
                    errors.Add(new ExpressionError($"unknown function '{c.Function}'; known: {string.Join(", ", ExpressionParser.Functions)}", c.Offset));
                    return null;
                }
                if (args.Count != 1)
                {
                    errors.Add(new ExpressionError($"'{c.Function}' takes one value", c.Offset));
                    return null;
                }
                if (args[0] is not null and not ExprType.String) errors.Add(new ExpressionError($"'{c.Function}' needs text, not a {Name(args[0]!.Value)}", c.Offset));
                return c.Function == "len" ? ExprType.Number : ExprType.String;
            case BinaryExpr b:
                var left = Check(b.Left, slotType, errors, unknownSlot);
                var right = Check(b.Right, slotType, errors, unknownSlot);
                switch (b.Op)
                {
                    case "and" or "or":
                        if (left is not null and not ExprType.Bool) errors.Add(new ExpressionError($"'{b.Op}' needs yes/no values on both sides, the left is a {Name(left.Value)}", b.Offset));
                        if (right is not null and not ExprType.Bool) errors.Add(new ExpressionError($"'{b.Op}' needs yes/no values on both sides, the right is a {Name(right.Value)}", b.Offset));
                        return ExprType.Bool;
                    case "==" or "!=":
                        if (left is not null && right is not null && left != right) errors.Add(new ExpressionError($"cannot compare a {Name(left.Value)} with a {Name(right.Value)}", b.Offset));
                        return ExprType.Bool;
                    case "<" or "<=" or ">" or ">=":
                        if (left is not null && right is not null && (left != right || left == ExprType.Bool)) errors.Add(new ExpressionError($"'{b.Op}' needs two numbers or two texts, found a {Name(left.Value)} and a {Name(right.Value)}", b.Offset));
                        return ExprType.Bool;
                    case "+" when left == ExprType.String && right == ExprType.String:
                        return ExprType.String;
                    default:
                        if (left is not null and not ExprType.Number) errors.Add(new ExpressionError($"'{b.Op}' needs numbers, the left is a {Name(left.Value)}", b.Offset));
                        if (right is not null and not ExprType.Number) errors.Add(new ExpressionError($"'{b.Op}' needs numbers, the right is a {Name(right.Value)}", b.Offset));
                        return ExprType.Number;
                }
            default:
                return null;
        }
    }

    public static string Name(ExprType type) => type switch
    {
        ExprType.Number => "number",
        ExprType.Bool => "yes/no value",
        _ => "text",
    };
}
