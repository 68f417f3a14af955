namespace Chatbot.Cli.Tests;

/// <summary><c>event:</c> turns in conversation tests: the sample's order_shipped event, as POST /api/events runs it.</summary>
public sealed class EventTurnTests
{
    private static async Task<(int Exit, string Output)> RunAsync(string turns)
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/one.test.yaml", "name: one\ncases:\n  - name: case\n    turns:\n" + turns);
        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);
        return (exit, output);
    }

    [Fact]
    public async Task An_event_refused_without_refused_in_the_test_fails_the_case_with_the_reason()
    {
        var (exit, output) = await RunAsync("      - event: order_shipped\n        payload: { estimatedDelivery: \"2026-03-03\" }\n");
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:5:9: the event was refused: payload field 'orderNumber' is required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_event_name_is_reported_before_running_with_a_suggestion()
    {
        var (exit, output) = await RunAsync("      - event: order_shiped\n        payload: { orderNumber: AB12345 }\n");
        Assert.Equal(1, exit);
        Assert.Contains("TST2001", output, StringComparison.Ordinal);
        Assert.Contains("unknown event 'order_shiped' (did you mean 'order_shipped'?)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_on_a_user_turn_is_an_error_at_the_payload()
    {
        var (exit, output) = await RunAsync("      - user: hello\n        payload: { orderNumber: AB12345 }\n");
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:6:18: error TST1005: 'payload' belongs to an 'event:' turn", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expecting_a_refusal_of_an_event_that_is_taken_fails()
    {
        var (exit, output) = await RunAsync("      - event: order_shipped\n        payload: { orderNumber: AB12345 }\n        refused: true\n");
        Assert.Equal(1, exit);
        Assert.Contains("refused: expected the event to be refused, but it was taken", output, StringComparison.Ordinal);
    }
}
