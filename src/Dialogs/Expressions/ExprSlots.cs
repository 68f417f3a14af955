namespace Chatbot.Dialogs.Expressions;

/// <summary>The slots an expression reads.</summary>
internal static class ExprSlots
{
    /// <summary>The slot names an expression reads (<c>count * 15</c>: count; <c>speed is set</c>: speed).</summary>
    public static IEnumerable<string> Read(Expr expr) => expr switch
    {
        SlotExpr s => [s.Name],
        IsSetExpr i => [i.Slot],
        UnaryExpr u => Read(u.Operand),
        BinaryExpr b => Read(b.Left).Concat(Read(b.Right)),
        CallExpr c => c.Arguments.SelectMany(Read),
        _ => [],
    };
}
