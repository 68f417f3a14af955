namespace Chatbot.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task The_sample_bot_is_valid()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "validate", CliHarness.SampleFolder);

        Assert.Equal(0, exit);
        Assert.Contains("valid (6 flows", output); // the sample's five plus shipment_notice, started by its order_shipped event
        Assert.DoesNotContain("error", output);
    }

    // The author4 trial: the guide had no whole bot to start from (which keys are required, how an enum's values are
    // written). The one it shows now must stay valid and match the schema.
    [Fact]
    public async Task The_whole_bot_the_authoring_guide_shows_is_valid_and_matches_the_schema()
    {
        var guide = File.ReadAllText(Path.Combine(CliHarness.SampleFolder, "README.md"));
        var intro = guide.IndexOf("A small bot in two languages, whole", StringComparison.Ordinal);
        Assert.True(intro >= 0, "dialogs/README.md lost its whole-bot example");
        var start = guide.IndexOf("```yaml\n", intro, StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = guide[start..guide.IndexOf("```", start, StringComparison.Ordinal)];
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-guide-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "bot.yaml"), yaml);

            var (exit, output, _) = await CliHarness.RunAsync("", "validate", folder);

            Assert.True(exit == 0, output);
            Assert.Contains("valid (1 flows, 0 warning(s))", output);
            Assert.Equal("", TestSchemaTests.Violations(FlowersBotTests.DialogsSchema, Path.Combine(folder, "bot.yaml")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_broken_response_reference_points_at_the_reference()
    {
        using var bot = new TempBot();
        var (line, column) = bot.Replace("orders.yaml", "response: ask_order_id\n", "response: ask_order_idd\n");

        var (exit, output, _) = await CliHarness.RunAsync("", "validate", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains($"{bot.PathOf("orders.yaml")}:{line}:{column + "response: ".Length}: error DLG2001: unknown response 'ask_order_idd' (did you mean 'ask_order_id'?)", output);
    }

    [Fact]
    public async Task A_broken_expression_points_into_the_expression()
    {
        using var bot = new TempBot();
        var (line, column) = bot.Replace("orders.yaml", "status == \"shipped\"", "status === \"shipped\"");

        var (exit, output, _) = await CliHarness.RunAsync("", "validate", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains($"{bot.PathOf("orders.yaml")}:{line}:{column + "status ==".Length}: error DLG2007: expression 'status === \"shipped\"' does not parse", output);
    }

    [Fact]
    public async Task A_placeholder_out_of_scope_points_at_the_text_to_edit()
    {
        using var bot = new TempBot();
        bot.Replace("orders.yaml", "Order {{ order_id }} has been delivered.", "Order {{ order_idx }} has been delivered.");
        var (line, column) = bot.Find("orders.yaml", "en: \"Order {{ order_idx }} has been delivered.\"");

        var (exit, output, _) = await CliHarness.RunAsync("", "validate", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains($"{bot.PathOf("orders.yaml")}:{line}:{column}: error DLG2009: placeholder '{{{{ order_idx }}}}' in response 'order_delivered'", output);
    }

    [Fact]
    public async Task A_missing_language_points_at_the_text()
    {
        using var bot = new TempBot();
        bot.Replace("support.yaml", "      de: Wie dringend ist es?\n", "");
        var (line, column) = bot.Find("support.yaml", "en: How urgent is it?");

        var (exit, output, _) = await CliHarness.RunAsync("", "validate", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains($"{bot.PathOf("support.yaml")}:{line}:{column}: error DLG2010: no 'de' text in response 'ask_urgency'", output);
        Assert.Contains("1 error(s)", output);
    }

    [Fact]
    public async Task Warnings_are_printed_but_do_not_fail()
    {
        using var bot = new TempBot();
        bot.Replace("orders.yaml", "  email_thanks:\n", "  unused_reply:\n    text: { en: Unused, de: Unbenutzt }\n  email_thanks:\n");

        var (exit, output, _) = await CliHarness.RunAsync("", "validate", bot.Folder);

        Assert.Equal(0, exit);
        Assert.Contains(": warning DLG3007: response 'unused_reply' is never used", output);
    }

    [Fact]
    public async Task A_missing_folder_is_an_error_with_its_name()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-bot-" + Guid.NewGuid().ToString("N"));

        var (exit, output, _) = await CliHarness.RunAsync("", "validate", missing);

        Assert.Equal(1, exit);
        Assert.Contains(missing, output);
    }

    [Theory]
    [InlineData(new string[0], "usage:")]
    [InlineData(new[] { "frobnicate", "dialogs" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "check", "dialogs" }, "unknown command 'check' (did you mean 'validate'?)")]
    [InlineData(new[] { "validate" }, "'validate' needs the folder")]
    [InlineData(new[] { "graph", "dialogs", "--colour", "red" }, "unknown option '--colour'")]
    [InlineData(new[] { "test", "dialogs", "--junit" }, "--junit needs a value")]
    [InlineData(new[] { "validate", "a", "b" }, "unexpected argument 'b'")]
    public async Task Usage_errors_exit_with_2_and_say_what_is_wrong(string[] args, string message)
    {
        var (exit, _, error) = await CliHarness.RunAsync("", args);

        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }

    // The author2 trial: "chatbot validate samples/helpdesk/bot.yaml" said "no *.yaml dialog files found in '…/bot.yaml'".
    [Fact]
    public async Task A_file_or_a_misspelt_folder_in_place_of_the_bots_folder_says_what_to_give()
    {
        using var bot = new TempBot(withTests: false);

        var file = await CliHarness.RunAsync("", "validate", bot.PathOf("orders.yaml"));
        var typo = await CliHarness.RunAsync("", "validate", bot.Folder + "x");

        Assert.Equal(1, file.Exit);
        Assert.Contains($"error DLG1007: no *.yaml dialog files found in '{bot.PathOf("orders.yaml")}' ('{bot.PathOf("orders.yaml")}' is a file: give the folder that holds the bot's files, {bot.Folder})", file.Out);
        Assert.Equal(1, typo.Exit);
        Assert.Contains($"(the folder does not exist; did you mean '{Path.GetFileName(bot.Folder)}'?)", typo.Out);
    }
}
