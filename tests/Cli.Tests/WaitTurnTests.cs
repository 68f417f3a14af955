namespace Chatbot.Cli.Tests;

/// <summary>
/// <c>wait:</c> turns in conversation tests: the user stays silent, and what the bot scheduled (reminders, expiry, the
/// call of an <c>async: true</c> step) arrives when due, as the host's queue would deliver it.
/// </summary>
public sealed class WaitTurnTests
{
    // A flow whose lookup is a slow call: the user hears "one moment", then the answer once the call is back.
    private const string SlowFlow = """
        flows:
          slow_check:
            examples: { en: [check slowly], de: [langsam prüfen] }
            slots:
              order_id: order_number
              status: text
            steps:
              - ask: order_id
                response: ask_order_id
              - http: orders
                path: "/orders/{{ order_id }}"
                async: true
                wait: slow_wait
                result: { status: $.status }
              - say: slow_status
        responses:
          slow_wait: { text: { en: "One moment, I am asking the order system.", de: "Einen Moment, ich frage das Bestellsystem." } }
          slow_status: { text: { en: "Status: {{ status }}.", de: "Status: {{ status }}." } }
        """;

    private static async Task<(int Exit, string Output)> RunAsync(string turns, bool slowFlow = false)
    {
        using var bot = new TempBot(withTests: false);
        if (slowFlow) bot.Write("slow.yaml", SlowFlow);
        bot.Write("tests/one.test.yaml", """
            name: one
            now: 2026-03-01T10:00:00Z
            mocks:
              - service: orders
                path: /orders/AB12345
                body: { status: shipped }
            cases:
              - name: case
                turns:

            """ + turns);
        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);
        return (exit, output);
    }

    [Fact]
    public async Task A_slow_call_answers_at_the_next_wait_and_messages_meanwhile_get_still_working()
    {
        var (exit, output) = await RunAsync("""
                  - user: check slowly
                    commands: [start_flow slow_check]
                  - user: AB12345
                    says: slow_wait
                    http: []
                  - user: are you there?
                    says: still_working
                  - wait: 2s
                    says: slow_status
                    says_text: "Status: shipped."
                    http: { service: orders, path: /orders/AB12345 }
                    flow_completed: slow_check
            """, slowFlow: true);

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Expecting_the_answer_before_any_wait_fails_with_what_was_said()
    {
        var (exit, output) = await RunAsync("""
                  - user: check slowly
                    commands: [start_flow slow_check]
                  - user: AB12345
                    says: slow_status
            """, slowFlow: true);

        Assert.Equal(1, exit);
        Assert.True(output.Contains("says: expected response 'slow_status', got [slow_wait]", StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task A_reminder_is_not_due_before_its_time_and_arrives_once()
    {
        var (exit, output) = await RunAsync("""
                  - user: where is my order
                    commands: [start_flow order_status]
                  - wait: 10m
                    says: order_id_reminder
                  - wait: 10m
                    says: order_id_reminder
            """);

        Assert.True(exit == 1, output);
        Assert.True(output.Contains("one.test.yaml:15:9: says: expected response 'order_id_reminder', got nothing", StringComparison.Ordinal), output);
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("9d")]
    [InlineData("0s")]
    public async Task A_wait_that_is_not_a_duration_up_to_8d_is_an_error_at_its_value(string wait)
    {
        var (exit, output) = await RunAsync($"      - wait: {wait}\n");

        Assert.Equal(1, exit);
        Assert.Contains($"one.test.yaml:10:15: error TST1009: 'wait' is a duration up to 8d like 30s, 10m, 2h or 1d, not '{wait}'", output, StringComparison.Ordinal);
    }
}
