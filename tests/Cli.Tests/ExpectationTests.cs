namespace Chatbot.Cli.Tests;

/// <summary>Each expectation kind, failing on purpose, says what was expected and what happened.</summary>
public sealed class ExpectationTests
{
    [Theory]
    [InlineData("says: [ask_product, welcome]", "says: expected response 'welcome', got [ask_product]")]
    [InlineData("says_text: \"Which device\"", "says_text: expected the replies to contain 'Which device', got \"Which product would you like?\"")]
    [InlineData("asks: quantity", "asks: expected the bot to wait for slot 'quantity', but it waits for slot 'product'")]
    [InlineData("asks: null", "asks: expected the bot to wait for nothing, but it waits for slot 'product'")]
    [InlineData("slots: { product: laptop }", "slots: 'product' expected 'laptop', got (not set)")]
    [InlineData("flow_started: report_problem", "flow_started: expected 'report_problem', got [place_order]")]
    [InlineData("flow_completed: place_order", "flow_completed: expected 'place_order', got nothing")]
    [InlineData("flow_cancelled: place_order", "flow_cancelled: expected 'place_order', got nothing")]
    [InlineData("pattern: help", "pattern: expected 'help', got nothing")]
    [InlineData("handoff: true", "handoff: expected a handoff, got none")]
    [InlineData("buttons: [Laptop, Phone]", "buttons: expected [Laptop, Phone], got [Laptop (laptop), Phone (phone), Tablet (tablet)]")]
    [InlineData("events: [\"slot_set:product\"]", "events: expected 'slot_set:product', got [flow_started:place_order]")]
    public async Task A_failing_expectation_says_expected_and_actual(string expectation, string message)
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/one.test.yaml", $"""
            name: one
            cases:
              - name: case
                turns:
                  - user: place an order
                    {expectation}
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains($"one.test.yaml:6:9: {message}", output);
    }

    [Theory]
    [InlineData("says: [ask_product]")]
    [InlineData("asks: product")]
    [InlineData("slots: { product: null, quantity: null }")]
    [InlineData("flow_started: [place_order]")]
    [InlineData("handoff: false")]
    [InlineData("buttons: [Laptop, phone, Tablet]")]
    public async Task A_holding_expectation_passes(string expectation)
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/one.test.yaml", $"""
            name: one
            cases:
              - name: case
                turns:
                  - user: place an order
                    {expectation}
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Numbers_compare_by_value_and_commands_have_a_mapping_form()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/one.test.yaml", """
            name: one
            cases:
              - name: case
                turns:
                  - user: anything at all
                    commands: [{ start_flow: place_order }, { set_slot: { quantity: 2 } }, { set_slot: { product: phone } }]
                    slots: { quantity: 2.0, product: phone }
                    asks: size
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task A_case_mock_wins_over_the_file_mock()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/one.test.yaml", """
            name: one
            mocks:
              - service: orders
                path: /orders/*
                body: { status: delivered }
            cases:
              - name: case mock
                mocks:
                  - service: orders
                    method: GET
                    path: /orders/AB*
                    status: 503
                turns:
                  - user: where is my order
                  - user: AB12345
                    says: order_lookup_failed
              - name: file mock
                turns:
                  - user: where is my order
                  - user: AB12345
                    says: order_delivered
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.True(exit == 0, output);
        Assert.Contains("Tests: 2 passed, 0 failed", output);
    }
}
