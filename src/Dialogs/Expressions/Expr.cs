namespace Chatbot.Dialogs.Expressions;

/// <summary>A parsed expression. <see cref="Offset"/> is the character position in the source text (for diagnostics).</summary>
internal abstract record Expr(int Offset);

internal sealed record LiteralExpr(ExprValue Value, int Offset) : Expr(Offset);

internal sealed record SlotExpr(string Name, int Offset) : Expr(Offset);

/// <summary><c>now</c> (the turn's instant) or <c>today</c> (its day in the conversation's time zone).</summary>
internal sealed record ClockExpr(string Name, int Offset) : Expr(Offset);

/// <summary><c>conversation_type</c>: <c>personal</c>, <c>groupChat</c> or <c>channel</c>, as the channel reports it.</summary>
internal sealed record ConversationTypeExpr(int Offset) : Expr(Offset);

internal sealed record UnaryExpr(string Op, Expr Operand, int Offset) : Expr(Offset);

internal sealed record BinaryExpr(string Op, Expr Left, Expr Right, int Offset) : Expr(Offset);

/// <summary><c>x is set</c> / <c>x is not set</c>.</summary>
internal sealed record IsSetExpr(string Slot, bool Negated, int Offset) : Expr(Offset);

/// <summary>A built-in function call (<c>len(x)</c>, <c>lower(x)</c>, <c>date(x)</c>).</summary>
internal sealed record CallExpr(string Function, IReadOnlyList<Expr> Arguments, int Offset) : Expr(Offset);
