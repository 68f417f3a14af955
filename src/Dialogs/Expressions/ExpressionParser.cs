using System.Globalization;

namespace Chatbot.Dialogs.Expressions;

/// <summary>Parse error with the character offset it happened at.</summary>
internal sealed record ExpressionError(string Message, int Offset);

/// <summary>
/// Parses the expression language: <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; comparisons (== != &lt; &lt;= &gt; &gt;=)
/// &lt; <c>+ -</c> &lt; <c>* /</c> &lt; unary minus &lt; literals (numbers, text, true/false, durations like <c>30m</c>,
/// <c>2h</c>, <c>2d</c>, <c>1h30m</c>), <c>now</c>, <c>today</c>, slot names, <c>x is [not] set</c>, function calls, parentheses.
/// </summary>
internal static class ExpressionParser
{
    public static readonly IReadOnlyList<string> Functions = ["len", "lower", "upper", "date", "time", "weekday"];

    /// <summary>Names with a meaning of their own in expressions; no slot may be called so.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = ["now", "today", "conversation_type", "true", "false", "and", "or", "not", "is", "set"];

    /// <summary>Duration units: seconds, minutes, hours, days, weeks (no months or years: they have no fixed length).</summary>
    private static readonly (string Unit, TimeSpan Size)[] DurationUnits =
        [("min", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)), ("h", TimeSpan.FromHours(1)), ("d", TimeSpan.FromDays(1)), ("w", TimeSpan.FromDays(7))];

    /// <summary>
    /// Most tokens in one expression and deepest nesting of brackets, 'not' and '-': far beyond what a condition needs,
    /// and low enough that parsing, checking and evaluating (all recursive) can never exhaust the stack.
    /// </summary>
    internal const int MaxTokens = 1000;

    /// <inheritdoc cref="MaxTokens"/>
    internal const int MaxNesting = 50;

    /// <summary>Parses; returns null and an error on failure.</summary>
    public static Expr? Parse(string text, out ExpressionError? error)
    {
        error = null;
        try
        {
            var tokens = Tokenize(text);
            if (tokens.Count > MaxTokens + 1) throw new ParseException($"the expression is too long (more than {MaxTokens} parts); split it into steps", tokens[MaxTokens].Offset);
            var parser = new Parser(tokens);
            var expr = parser.Or();
            var rest = parser.Peek;
            if (rest.Kind != TokenKind.End) throw new ParseException(Unexpected(rest, parser.Previous), rest.Offset);
            return expr;
        }
        catch (ParseException ex)
        {
            error = new ExpressionError(ex.Message, ex.Offset);
            return null;
        }
    }

    private enum TokenKind { Ident, Number, Duration, String, Op, LParen, RParen, Comma, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Offset);

    private sealed class ParseException(string message, int offset) : Exception(message)
    {
        public int Offset { get; } = offset;
    }

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '-' && i + 1 < s.Length && char.IsAsciiLetter(s[i + 1]))) i++;
                tokens.Add(new Token(TokenKind.Ident, s[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
                if (i < s.Length && char.IsAsciiLetter(s[i]))
                {
                    // A number glued to a unit is a duration: 30m, 2h, 1h30m.
                    while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '.')) i++;
                    tokens.Add(new Token(TokenKind.Duration, s[start..i], start));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Number, s[start..i], start));
                }
            }
            else if (c is '"' or '\'')
            {
                i++;
                while (i < s.Length && s[i] != c) i++;
                if (i >= s.Length) throw new ParseException("unterminated text literal", start);
                tokens.Add(new Token(TokenKind.String, s[(start + 1)..i], start));
                i++;
            }
            else if (c == '(') { tokens.Add(new Token(TokenKind.LParen, "(", i++)); }
            else if (c == ')') { tokens.Add(new Token(TokenKind.RParen, ")", i++)); }
            else if (c == ',') { tokens.Add(new Token(TokenKind.Comma, ",", i++)); }
            else
            {
                var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
                if (two is "==" or "!=" or "<=" or ">=") { tokens.Add(new Token(TokenKind.Op, two, i)); i += 2; }
                else if (c is '<' or '>' or '+' or '-' or '*' or '/') { tokens.Add(new Token(TokenKind.Op, c.ToString(), i++)); }
                else if (c == '=') throw new ParseException("use '==' to compare", i);
                else throw new ParseException(c switch
                {
                    '&' => "unexpected character '&': write 'and' (a and b)",
                    '|' => "unexpected character '|': write 'or' (a or b)",
                    '!' => "unexpected character '!': write 'not' (not a), or '!=' to compare",
                    '{' or '}' => $"unexpected character '{c}': an expression names slots without braces (priority == \"high\", not {{{{ priority }}}})",
                    ':' when tokens.Count > 0 && tokens[^1] is { Kind: TokenKind.Number } hour && hour.Offset + hour.Text.Length == i =>
                        $"unexpected character ':': a time of day is text in quotes, time(…) < \"{hour.Text}{ClockRest(s, i)}\"",
                    _ => $"unexpected character '{c}'",
                }, i);
            }
        }
        tokens.Add(new Token(TokenKind.End, "end of expression", s.Length));
        return tokens;
    }

    // The ":00" of an unquoted 12:00, for the error that shows the time quoted.
    private static string ClockRest(string s, int colon)
    {
        var end = colon + 1;
        while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
        return s[colon..end];
    }

    // "1h30m" -> 90 minutes; each part is a number and one of the units.
    private static TimeSpan ParseDuration(Token t)
    {
        var text = t.Text;
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (i == start || !double.TryParse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) throw new ParseException($"'{t.Text}' is not a duration; write it like 30m, 2h, 2d or 1h30m", t.Offset);
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            var unit = text[unitStart..i];
            var size = Array.Find(DurationUnits, u => u.Unit == unit).Size;
            if (size == TimeSpan.Zero) throw new ParseException($"'{unit}' is not a duration unit in '{t.Text}'; use s, m, h, d or w (30m, 2h, 2d)", t.Offset + unitStart);
            if (amount * size.TotalDays > 36_500) throw new ParseException($"'{t.Text}' is longer than 100 years", t.Offset);
            total += size * amount;
        }
        return total;
    }

    /// <summary>
    /// The English word an expression uses for a German one an author wrote ("und" -> "and", "heute" -> "today",
    /// "wochentag" -> "weekday"), umlauts typed or not; null for any other word.
    /// </summary>
    internal static string? EnglishFor(string word) => word.ToLowerInvariant().Replace("ä", "ae", StringComparison.Ordinal) switch
    {
        "und" => "and",
        "oder" => "or",
        "nicht" => "not",
        "ist" => "is",
        "gesetzt" => "set",
        "heute" => "today",
        "jetzt" => "now",
        "wahr" => "true",
        "falsch" => "false",
        "wochentag" => "weekday",
        "datum" => "date",
        "zeit" or "uhrzeit" => "time",
        "laenge" => "len",
        _ => null,
    };

    /// <summary>"tag > heute und …": the German word's English one, said with the error.</summary>
    internal static string InEnglish(string word, string english) => $"expressions are written with English words: '{english}' for '{word}'";

    /// <summary>"today + 2 weeks": a unit written apart from its number is a slot name to the parser; say how a duration is written.</summary>
    private static string Unexpected(Token t, Token before)
    {
        // "weekday(tag) < 6 und …", "nicht tag is set": a German word is where the expression went wrong.
        if (t.Kind == TokenKind.Ident && EnglishFor(t.Text) is { } english) return $"unexpected '{t.Text}': {InEnglish(t.Text, english)}";
        if (t.Kind == TokenKind.Ident && before.Kind == TokenKind.Ident && EnglishFor(before.Text) is { } previous) return $"unexpected '{t.Text}' after '{before.Text}': {InEnglish(before.Text, previous)}";
        if (t.Kind != TokenKind.Ident || before.Kind != TokenKind.Number) return $"unexpected '{t.Text}'";
        var word = t.Text.ToLowerInvariant();
        if (word.StartsWith("month", StringComparison.Ordinal) || word.StartsWith("year", StringComparison.Ordinal))
        {
            return $"unexpected '{t.Text}': durations have no months or years (their length varies); write days or weeks glued to the number, {before.Text}w";
        }
        // "today + 3 working days", "heute + 3 Werktage": no duration skips weekends; the author4 hint (3d) alone would
        // silently count calendar days, so say where the weekday rule goes.
        if (word is "working" or "business" or "workdays" or "weekdays" || word.StartsWith("werktag", StringComparison.Ordinal) || word.StartsWith("arbeitstag", StringComparison.Ordinal))
        {
            return $"unexpected '{t.Text}': no duration counts working days; write calendar days glued to the number ({before.Text}d) and check the day with weekday(x) in a validation rule (dialogs/README.md, Time)";
        }
        var unit = word switch
        {
            "s" or "sec" or "secs" or "second" or "seconds" => "s",
            "m" or "min" or "mins" or "minute" or "minutes" => "m",
            "h" or "hr" or "hrs" or "hour" or "hours" => "h",
            "d" or "day" or "days" => "d",
            "w" or "wk" or "wks" or "week" or "weeks" => "w",
            _ => null,
        };
        return unit is null ? $"unexpected '{t.Text}'" : $"unexpected '{t.Text}': a duration is its number glued to a unit (s, m, h, d, w), {before.Text}{unit}";
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _pos;
        private int _depth;

        /// <summary>One level deeper for the nested expression starting at <paramref name="at"/>; undone by disposing.</summary>
        private Nesting Deeper(Token at)
        {
            if (++_depth > MaxNesting) throw new ParseException($"the expression is nested deeper than {MaxNesting} levels", at.Offset);
            return new Nesting(this);
        }

        private readonly struct Nesting(Parser parser) : IDisposable
        {
            public void Dispose() => parser._depth--;
        }

        public Token Peek => tokens[_pos];

        /// <summary>The token before <see cref="Peek"/> (the end token when there is none: the message then stays plain).</summary>
        public Token Previous => _pos > 0 ? tokens[_pos - 1] : tokens[^1];

        private Token Next() => tokens[_pos++];

        private bool IsWord(string word) => Peek.Kind == TokenKind.Ident && Peek.Text == word;

        public Expr Or()
        {
            var left = And();
            while (IsWord("or"))
            {
                var op = Next();
                left = new BinaryExpr("or", left, And(), op.Offset);
            }
            return left;
        }

        private Expr And()
        {
            var left = Not();
            while (IsWord("and"))
            {
                var op = Next();
                left = new BinaryExpr("and", left, Not(), op.Offset);
            }
            return left;
        }

        private Expr Not()
        {
            if (IsWord("not"))
            {
                var op = Next();
                using var nested = Deeper(op);
                return new UnaryExpr("not", Not(), op.Offset);
            }
            return Comparison();
        }

        private Expr Comparison()
        {
            var left = Additive();
            if (Peek.Kind == TokenKind.Op && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                var op = Next();
                return new BinaryExpr(op.Text, left, Additive(), op.Offset);
            }
            return left;
        }

        private Expr Additive()
        {
            var left = Multiplicative();
            while (Peek.Kind == TokenKind.Op && Peek.Text is "+" or "-")
            {
                var op = Next();
                left = new BinaryExpr(op.Text, left, Multiplicative(), op.Offset);
            }
            return left;
        }

        private Expr Multiplicative()
        {
            var left = Unary();
            while (Peek.Kind == TokenKind.Op && Peek.Text is "*" or "/")
            {
                var op = Next();
                left = new BinaryExpr(op.Text, left, Unary(), op.Offset);
            }
            return left;
        }

        private Expr Unary()
        {
            if (Peek.Kind == TokenKind.Op && Peek.Text == "-")
            {
                var op = Next();
                using var nested = Deeper(op);
                return new UnaryExpr("-", Unary(), op.Offset);
            }
            return Primary();
        }

        private Expr Primary()
        {
            var t = Next();
            switch (t.Kind)
            {
                case TokenKind.Number:
                    if (!double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) throw new ParseException($"'{t.Text}' is not a number", t.Offset);
                    return new LiteralExpr(ExprValue.Of(n), t.Offset);
                case TokenKind.Duration:
                    return new LiteralExpr(ExprValue.Of(ParseDuration(t)), t.Offset);
                case TokenKind.String:
                    return new LiteralExpr(ExprValue.Of(t.Text), t.Offset);
                case TokenKind.LParen:
                {
                    using var nested = Deeper(t);
                    var inner = Or();
                    if (Next().Kind != TokenKind.RParen) throw new ParseException("missing ')'", t.Offset);
                    return inner;
                }
                case TokenKind.Ident:
                    if (t.Text is "true" or "false") return new LiteralExpr(ExprValue.Of(t.Text == "true"), t.Offset);
                    if (t.Text is "and" or "or" or "not" or "is" or "set") throw new ParseException($"'{t.Text}' needs a value before it", t.Offset);
                    if (t.Text is "now" or "today") return new ClockExpr(t.Text, t.Offset);
                    if (t.Text == "conversation_type") return new ConversationTypeExpr(t.Offset);
                    if (Peek.Kind == TokenKind.LParen)
                    {
                        using var nested = Deeper(Next());
                        var args = new List<Expr>();
                        if (Peek.Kind != TokenKind.RParen)
                        {
                            args.Add(Or());
                            while (Peek.Kind == TokenKind.Comma) { Next(); args.Add(Or()); }
                        }
                        if (Next().Kind != TokenKind.RParen) throw new ParseException("missing ')'", t.Offset);
                        return new CallExpr(t.Text, args, t.Offset);
                    }
                    if (IsWord("is"))
                    {
                        Next();
                        var negated = false;
                        if (IsWord("not")) { Next(); negated = true; }
                        if (!IsWord("set")) throw new ParseException("expected 'set' after 'is'", Peek.Offset);
                        Next();
                        return new IsSetExpr(t.Text, negated, t.Offset);
                    }
                    return new SlotExpr(t.Text, t.Offset);
                default:
                    throw new ParseException(t.Kind == TokenKind.End ? "the expression ends too early" : $"unexpected '{t.Text}'", t.Offset);
            }
        }
    }
}
