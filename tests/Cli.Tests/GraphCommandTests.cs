namespace Chatbot.Cli.Tests;

public sealed class GraphCommandTests
{
    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    [Fact]
    public async Task A_flow_renders_as_the_golden_mermaid_chart()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "graph", Golden("graphbot"), "--flow", "buy");

        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(Golden("buy.mmd")).ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public async Task Every_flow_gets_its_own_flowchart()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "graph", Golden("graphbot"));

        Assert.Equal(0, exit);
        Assert.Equal(2, output.Split("flowchart TD").Length - 1);
        Assert.Contains("%% flow: take_note\nflowchart TD\n  start([\"take_note\"])\n  s0[\"ask note\"]", output);
    }

    [Fact]
    public async Task The_sample_bot_draws_its_sub_flow_call_and_confirmation_edit_path()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "graph", CliHarness.SampleFolder, "--flow", "place_order");

        Assert.Equal(0, exit);
        Assert.Contains("-.->|\"call\"| f_collect_contact", output);
        Assert.Contains("s5 -->|\"no\"| s0", output);
    }

    [Fact]
    public async Task Out_writes_the_chart_to_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "chatbot-graph-" + Guid.NewGuid().ToString("N") + ".mmd");
        try
        {
            var (exit, output, _) = await CliHarness.RunAsync("", "graph", Golden("graphbot"), "--flow", "buy", "--out", path);

            Assert.Equal(0, exit);
            Assert.Contains("wrote " + path, output);
            Assert.Equal(File.ReadAllText(Golden("buy.mmd")), File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_unknown_flow_is_a_usage_error_listing_the_flows()
    {
        var (exit, _, error) = await CliHarness.RunAsync("", "graph", Golden("graphbot"), "--flow", "sell");

        Assert.Equal(2, exit);
        Assert.Contains("no flow 'sell' (flows: buy, take_note)", error);
    }

    [Fact]
    public async Task A_bot_with_errors_is_not_drawn()
    {
        using var bot = new TempBot(withTests: false);
        bot.Replace("orders.yaml", "response: ask_order_id\n", "response: nope\n");

        var (exit, output, error) = await CliHarness.RunAsync("", "graph", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("error DLG2001", error);
    }
}
