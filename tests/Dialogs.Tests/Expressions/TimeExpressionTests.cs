using Chatbot.Dialogs.Expressions;

namespace Chatbot.Dialogs.Tests.Expressions;

/// <summary><c>now</c>, <c>today</c>, durations and date arithmetic in the expression language.</summary>
public sealed class TimeExpressionTests
{
    // Friday 27 November 2026, 22:30 UTC = Saturday 28 November 2026, 07:30 in Tokyo.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 22, 30, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static readonly Dictionary<string, ExprValue> Slots = new()
    {
        ["pickup"] = ExprValue.Of(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero)),
        ["day"] = ExprValue.Of(new DateOnly(2026, 11, 30)),
        ["opening"] = ExprValue.Of(new TimeOnly(9, 0)),
        ["asap_pickup"] = ExprValue.Of("asap"),
        ["quantity"] = ExprValue.Of(3),
    };

    private static ExprType? TypeOf(string slot) => slot switch
    {
        "pickup" or "asap_pickup" => ExprType.DateTime,
        "day" => ExprType.Date,
        "opening" => ExprType.Time,
        "quantity" => ExprType.Number,
        _ => null,
    };

    private static ExprValue Eval(string text, TimeZoneInfo? zone = null)
    {
        var expr = ExpressionParser.Parse(text, out var error);
        Assert.True(expr is not null, error?.Message);
        var errors = new List<ExpressionError>();
        ExpressionChecker.Check(expr!, new ExpressionScope(TypeOf) { IsSpecialValue = (slot, v) => slot == "asap_pickup" && v == "asap" }, errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.Message)));
        return ExpressionEvaluator.Evaluate(expr!, new ExpressionContext(s => Slots.GetValueOrDefault(s, ExprValue.Unset), Now, zone));
    }

    [Theory]
    [InlineData("pickup > now", true)]
    [InlineData("pickup <= now + 2h", true)]
    [InlineData("pickup < now + 30m", false)]
    [InlineData("pickup - now == 90m", true)]
    [InlineData("pickup - now > 1h", true)]
    [InlineData("day > today", true)]
    [InlineData("day == today + 3d", true)]
    [InlineData("day - today == 3d", true)]
    [InlineData("day >= now", true)]
    [InlineData("today == now", true)]
    [InlineData("opening < \"10:00\"", true)]
    [InlineData("opening + 90m == \"10:30\"", true)]
    [InlineData("day == \"2026-11-30\"", true)]
    [InlineData("pickup == \"2026-11-28T01:00:00+01:00\"", true)]
    [InlineData("2 * 1h30m == 3h", true)]
    [InlineData("1w == 7d", true)]
    [InlineData("-30m < 0m", true)]
    [InlineData("date(pickup) == \"2026-11-28\"", true)]
    [InlineData("time(pickup) == \"00:00\"", true)]
    [InlineData("weekday(pickup) == 6", true)] // Saturday 28 November: the clinic's "closed at weekends" check
    [InlineData("weekday(day) == 1", true)]
    [InlineData("weekday(today) == 5", true)]
    [InlineData("weekday(pickup) >= 6 or time(pickup) < \"08:00\"", true)]
    [InlineData("asap_pickup == \"asap\"", true)]
    [InlineData("asap_pickup > now", false)]
    [InlineData("not (asap_pickup > now)", false)]
    public void Compares_and_computes_dates_times_and_durations(string text, bool expected)
        => Assert.Equal(expected, Eval(text).IsTrue);

    [Fact]
    public void Today_and_calendar_days_follow_the_conversations_time_zone()
    {
        Assert.Equal("2026-11-27", Eval("today").ToString());
        Assert.Equal("2026-11-28", Eval("today", Tokyo).ToString());
        // At 07:30 in Tokyo "now" is already the 28th, so the pickup at 09:00 Tokyo time is today there.
        Assert.True(Eval("date(pickup) == today", Tokyo).IsTrue);
        Assert.Equal("09:00", Eval("time(pickup)", Tokyo).ToString());
    }

    [Fact]
    public void Durations_print_as_the_literal_that_writes_them()
    {
        Assert.Equal("1h30m", Eval("90m").ToString());
        Assert.Equal("2d", Eval("48h").ToString());
        Assert.Equal("-45m", Eval("-45m").ToString());
        Assert.Equal("2026-11-29T22:30:00+00:00", Eval("now + 2d").ToString());
    }

    [Fact]
    public void Without_a_clock_now_is_an_error_value_not_a_guess()
    {
        var expr = ExpressionParser.Parse("now > \"2026-01-01T00:00:00Z\"", out _)!;
        Assert.Equal(ExprValue.ValueKind.Error, ExpressionEvaluator.Evaluate(expr, _ => ExprValue.Unset).Kind);
    }

    [Theory]
    [InlineData("today + 2h", "a date moves in whole days; '2h' is not (use now for hours and minutes)")]
    [InlineData("now + today", "cannot add a date and time to a date; add a duration instead (now + 2h, today + 2d)")]
    [InlineData("now + 3", "'+' cannot combine a date and time and a number; dates and times take + or - with a duration (now + 30m), or - with another of the same kind")]
    [InlineData("pickup > 3", "'>' needs two values of the same kind (numbers, texts, dates, times, durations), found a date and time and a number")]
    [InlineData("day == \"tomorrow\"", "cannot compare a date with a text")]
    // author14: "25:00" was "a time of day and a text"; the error now says which text is wrong and how to write it.
    [InlineData("day == \"24.12.2026\"", "\"24.12.2026\" is no date: write one as \"yyyy-MM-dd\" (\"2026-12-24\"), or work it out from today (today + 1d)")]
    [InlineData("opening > \"25:00\"", "\"25:00\" is no time of day: write one as \"HH:mm\", from \"00:00\" to \"23:59\"")]
    [InlineData("pickup < \"24.12.2026 18:00\"", "\"24.12.2026 18:00\" is no date and time: write one as \"2026-12-24T18:00:00+01:00\", or work it out from now (now + 2h)")]
    [InlineData("len(pickup) > 3", "'len' needs text, not a date and time")]
    [InlineData("date(quantity)", "'date' needs a date and time, not a number")]
    [InlineData("weekday(opening)", "'weekday' needs a date or a date and time, not a time of day")]
    public void Type_errors_explain_what_fits(string text, string message)
    {
        var expr = ExpressionParser.Parse(text, out var error);
        Assert.True(expr is not null, error?.Message);
        var errors = new List<ExpressionError>();
        ExpressionChecker.Check(expr!, TypeOf, errors);
        Assert.Equal(message, Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("now + 3x", "'x' is not a duration unit in '3x'; use s, m, h, d or w (30m, 2h, 2d)", 7)]
    [InlineData("now + 2mo", "'mo' is not a duration unit in '2mo'; use s, m, h, d or w (30m, 2h, 2d)", 7)]
    [InlineData("now + 99999w", "'99999w' is longer than 100 years", 6)]
    public void Bad_durations_are_syntax_errors_with_an_offset(string text, string message, int offset)
    {
        Assert.Null(ExpressionParser.Parse(text, out var error));
        Assert.Equal((message, offset), (error!.Message, error.Offset));
    }
}
