using System.Globalization;

namespace Chatbot.Dialogs.Expressions;

/// <summary>Evaluates a checked expression. Never throws: unset slots and errors propagate as values.</summary>
public static class ExpressionEvaluator
{
    public static ExprValue Evaluate(Expr expr, Func<string, ExprValue> slot)
    {
        switch (expr)
        {
            case LiteralExpr l:
                return l.Value;
            case SlotExpr s:
                return slot(s.Name);
            case IsSetExpr i:
                var set = slot(i.Slot).Kind is not ExprValue.ValueKind.Unset;
                return ExprValue.Of(i.Negated ? !set : set);
            case UnaryExpr u:
                var v = Evaluate(u.Operand, slot);
                if (u.Op == "not")
                {
                    // "not" of an unset comparison stays unknown, so "not (x > 3)" is not true when x is missing.
                    return v.Kind == ExprValue.ValueKind.Bool ? ExprValue.Of(!v.Bool) : v;
                }
                return v.Kind == ExprValue.ValueKind.Number ? ExprValue.Of(-v.Number) : Propagate(v);
            case CallExpr c:
                var a = c.Arguments.Count == 1 ? Evaluate(c.Arguments[0], slot) : ExprValue.Error("wrong argument count");
                if (a.Kind != ExprValue.ValueKind.String) return a.Kind == ExprValue.ValueKind.Number ? ExprValue.Of(a.ToString()).Apply(c.Function) : Propagate(a);
                return a.Apply(c.Function);
            case BinaryExpr b:
                return Binary(b, slot);
            default:
                return ExprValue.Error("unknown expression");
        }
    }

    private static ExprValue Apply(this ExprValue v, string function) => function switch
    {
        "len" => ExprValue.Of(v.Text!.Length),
        "lower" => ExprValue.Of(v.Text!.ToLowerInvariant()),
        "upper" => ExprValue.Of(v.Text!.ToUpperInvariant()),
        _ => ExprValue.Error("unknown function " + function),
    };

    private static ExprValue Propagate(ExprValue v) => v.Kind is ExprValue.ValueKind.Unset or ExprValue.ValueKind.Error ? v : ExprValue.Error("wrong type");

    private static ExprValue Binary(BinaryExpr b, Func<string, ExprValue> slot)
    {
        var left = Evaluate(b.Left, slot);
        if (b.Op == "and" && left.Kind == ExprValue.ValueKind.Bool && !left.Bool) return ExprValue.Of(false);
        if (b.Op == "or" && left.IsTrue) return ExprValue.Of(true);
        var right = Evaluate(b.Right, slot);
        switch (b.Op)
        {
            case "and":
                return left.Kind == ExprValue.ValueKind.Bool && right.Kind == ExprValue.ValueKind.Bool ? ExprValue.Of(left.Bool && right.Bool)
                    : right.Kind == ExprValue.ValueKind.Bool && !right.Bool ? ExprValue.Of(false) : Propagate(left.Kind == ExprValue.ValueKind.Bool ? right : left);
            case "or":
                return left.Kind == ExprValue.ValueKind.Bool && right.Kind == ExprValue.ValueKind.Bool ? ExprValue.Of(left.Bool || right.Bool)
                    : right.IsTrue ? ExprValue.Of(true) : Propagate(left.Kind == ExprValue.ValueKind.Bool ? right : left);
        }
        if (left.Kind is ExprValue.ValueKind.Unset or ExprValue.ValueKind.Error) return left;
        if (right.Kind is ExprValue.ValueKind.Unset or ExprValue.ValueKind.Error) return right;
        switch (b.Op)
        {
            case "==": return ExprValue.Of(Equal(left, right));
            case "!=": return ExprValue.Of(!Equal(left, right));
            case "<" or "<=" or ">" or ">=":
                int cmp;
                if (left.Kind == ExprValue.ValueKind.Number && right.Kind == ExprValue.ValueKind.Number) cmp = left.Number.CompareTo(right.Number);
                else if (left.Kind == ExprValue.ValueKind.String && right.Kind == ExprValue.ValueKind.String) cmp = string.CompareOrdinal(left.Text, right.Text);
                else return ExprValue.Error("cannot order these values");
                return ExprValue.Of(b.Op switch { "<" => cmp < 0, "<=" => cmp <= 0, ">" => cmp > 0, _ => cmp >= 0 });
            case "+" when left.Kind == ExprValue.ValueKind.String && right.Kind == ExprValue.ValueKind.String:
                return ExprValue.Of(left.Text + right.Text);
        }
        if (left.Kind != ExprValue.ValueKind.Number || right.Kind != ExprValue.ValueKind.Number) return ExprValue.Error("arithmetic needs numbers");
        return b.Op switch
        {
            "+" => ExprValue.Of(left.Number + right.Number),
            "-" => ExprValue.Of(left.Number - right.Number),
            "*" => ExprValue.Of(left.Number * right.Number),
            "/" => right.Number == 0 ? ExprValue.Error("division by zero") : ExprValue.Of(left.Number / right.Number),
            _ => ExprValue.Error("unknown operator " + b.Op),
        };
    }

    private static bool Equal(ExprValue a, ExprValue b) => a.Kind == b.Kind && a.Kind switch
    {
        ExprValue.ValueKind.Number => a.Number.Equals(b.Number),
        ExprValue.ValueKind.Bool => a.Bool == b.Bool,
        // Enum values and user text compare without case so authors need not care how a value was typed.
        _ => string.Equals(a.Text, b.Text, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Formats a number for storage and templates.</summary>
    public static string Format(double n) => n.ToString("0.##########", CultureInfo.InvariantCulture);
}
