using Json.Schema;

namespace Chatbot.Cli.Tests;

/// <summary>
/// The flower shop in Bots/flowers uses every step construct (typed http bodies, headers, idempotency keys, on_status,
/// error_result, clear, goto limits, on_change, on_no prompts, variants): it validates, matches the published schemas,
/// its author tests pass in <c>chatbot test</c>, and <c>chatbot graph</c> draws its edges.
/// </summary>
public sealed class FlowersBotTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Bots", "flowers");

    [Fact]
    public async Task The_bot_is_valid_without_warnings()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "validate", Folder);

        Assert.True(exit == 0, output);
        Assert.Contains("valid (1 flows, 0 warning(s))", output);
    }

    [Fact]
    public async Task Its_author_tests_pass()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "test", Folder);

        Assert.True(exit == 0, output);
        Assert.Contains("Tests: 10 passed, 0 failed", output);
    }

    internal static readonly JsonSchema DialogsSchema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "dialogs.schema.json")));

    [Theory]
    [InlineData("bot.yaml")]
    [InlineData("tests/order_flowers.test.yaml")]
    public void Its_files_match_the_published_schemas(string file)
    {
        var json = file.StartsWith("tests/", StringComparison.Ordinal) ? TestSchemaTests.Schema : DialogsSchema;

        Assert.Equal("", TestSchemaTests.Violations(json, Path.Combine(Folder, file)));
    }

    [Fact]
    public async Task The_graph_draws_status_change_limit_and_clear_edges()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "graph", Folder);

        Assert.Equal(0, exit);
        Assert.Contains("s4 -->|\"404\"| s9", output);
        Assert.Contains("s7 -->|\"4xx\"| s14", output);
        Assert.Contains("s6 -.->|\"changed\"| s1", output);
        Assert.Contains("s6 -->|\"no: what to change\"| s6", output);
        Assert.Contains("s11 -->|\"goto (at most 1x)\"| s2", output);
        Assert.Contains("s11 -->|\"limit\"| s12", output);
        Assert.Contains("s10[\"clear street, postcode\"]", output);
    }
}
