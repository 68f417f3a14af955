using System.Globalization;

namespace Chatbot.Dialogs.Expressions;

/// <summary>Static types of the expression language.</summary>
public enum ExprType
{
    String,
    Number,
    Bool,
}

/// <summary>A runtime value. Unset slots and evaluation errors are values too: a condition that meets one is false.</summary>
public readonly record struct ExprValue
{
    public enum ValueKind { Unset, Error, String, Number, Bool }

    public ValueKind Kind { get; private init; }
    public string? Text { get; private init; }
    public double Number { get; private init; }
    public bool Bool { get; private init; }

    public static ExprValue Unset => new() { Kind = ValueKind.Unset };
    public static ExprValue Error(string why) => new() { Kind = ValueKind.Error, Text = why };
    public static ExprValue Of(string s) => new() { Kind = ValueKind.String, Text = s };
    public static ExprValue Of(double n) => double.IsFinite(n) ? new() { Kind = ValueKind.Number, Number = n } : Error("number out of range");
    public static ExprValue Of(bool b) => new() { Kind = ValueKind.Bool, Bool = b };

    public bool IsTrue => Kind == ValueKind.Bool && Bool;

    /// <summary>Text form used in replies and templates (numbers invariant, integers without decimals).</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.String => Text!,
        ValueKind.Number => Number.ToString("0.##########", CultureInfo.InvariantCulture),
        ValueKind.Bool => Bool ? "true" : "false",
        ValueKind.Error => "<error: " + Text + ">",
        _ => "",
    };
}
