using Chatbot.Dialogs.Expressions;

namespace Chatbot.Dialogs.Tests.Expressions;

public sealed class ExpressionTests
{
    private static readonly Dictionary<string, ExprValue> Slots = new()
    {
        ["quantity"] = ExprValue.Of(3),
        ["product"] = ExprValue.Of("laptop"),
        ["vip"] = ExprValue.Of(true),
        ["name"] = ExprValue.Of("Anna"),
    };

    private static ExprType? TypeOf(string slot) => slot switch
    {
        "quantity" or "missing_number" => ExprType.Number,
        "vip" => ExprType.Bool,
        "product" or "name" => ExprType.String,
        _ => null,
    };

    private static ExprValue Eval(string text)
    {
        var expr = ExpressionParser.Parse(text, out var error);
        Assert.True(expr is not null, error?.Message);
        var errors = new List<ExpressionError>();
        ExpressionChecker.Check(expr!, TypeOf, errors);
        Assert.Empty(errors);
        return ExpressionEvaluator.Evaluate(expr!, s => Slots.GetValueOrDefault(s, ExprValue.Unset));
    }

    [Theory]
    [InlineData("quantity >= 1 and quantity <= 10", true)]
    [InlineData("quantity * 2 + 1 == 7", true)]
    [InlineData("-quantity < 0", true)]
    [InlineData("product == \"LAPTOP\"", true)]
    [InlineData("product != 'phone' and not vip", false)]
    [InlineData("(quantity > 5 or vip) and product is set", true)]
    [InlineData("missing_number is not set", true)]
    [InlineData("len(name) == 4 and upper(name) == 'ANNA'", true)]
    [InlineData("missing_number > 3", false)]
    [InlineData("not (missing_number > 3)", false)]
    [InlineData("missing_number > 3 or vip", true)]
    public void Evaluates_conditions(string text, bool expected) => Assert.Equal(expected, Eval(text).IsTrue);

    [Fact]
    public void Runtime_errors_are_values_not_exceptions()
    {
        var v = Eval("quantity / (quantity - 3)");
        Assert.Equal(ExprValue.ValueKind.Error, v.Kind);
        Assert.False(Eval("quantity / (quantity - 3) > 1").IsTrue);
    }

    [Theory]
    [InlineData("quantity >", "the expression ends too early", 10)]
    [InlineData("quantity = 3", "use '==' to compare", 9)]
    [InlineData("(quantity > 3", "missing ')'", 0)]
    [InlineData("product is empty", "expected 'set' after 'is'", 11)]
    [InlineData("'open", "unterminated text literal", 0)]
    public void Syntax_errors_have_an_offset(string text, string message, int offset)
    {
        Assert.Null(ExpressionParser.Parse(text, out var error));
        Assert.Equal((message, offset), (error!.Message, error.Offset));
    }

    [Theory]
    [InlineData("product > 3", "'>' needs two values of the same kind (numbers, texts, dates, times, durations), found a text and a number")]
    [InlineData("quantity and vip", "'and' needs yes/no values on both sides, the left is a number")]
    [InlineData("len(quantity) > 1", "'len' needs text, not a number")]
    [InlineData("size(product) > 1", "unknown function 'size'; known: len, lower, upper, date, time, weekday")]
    [InlineData("colour == 'red'", "unknown slot 'colour'")]
    public void Type_errors_are_reported(string text, string message)
    {
        var expr = ExpressionParser.Parse(text, out _)!;
        var errors = new List<ExpressionError>();
        ExpressionChecker.Check(expr, TypeOf, errors);
        Assert.Equal(message, errors[0].Message);
    }
}
