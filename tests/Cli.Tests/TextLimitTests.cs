namespace Chatbot.Cli.Tests;

/// <summary>
/// conv13's trial: <c>chatbot chat</c> and <c>chatbot test</c> read a message whole, the servers only its first
/// <c>Limits:MaxTextLength</c> characters (4,000 by default): an author's test could pass locally and behave otherwise
/// live. The CLI now cuts with the same setting and the channels' own code.
/// </summary>
public sealed class TextLimitTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(string? limit, string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new CliApp(new StringReader(stdin), output, error) { Setting = key => key == "Limits:MaxTextLength" ? limit : null };
        var exit = await app.RunAsync(args, CancellationToken.None);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Chat_cuts_a_message_at_the_servers_limit()
    {
        var (exit, output, _) = await RunAsync("20", "order a phone\n1\nsmall\n12 Baker Street, London NW1\n/state\n", "chat", CliHarness.SampleFolder, "--recognizer", "scripted");

        Assert.Equal(0, exit);
        Assert.Contains("\"address\":\"12 Baker Street, Lon\"", output);
    }

    [Fact]
    public async Task Test_cuts_a_message_at_the_servers_limit()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/long.test.yaml", """
            name: long
            cases:
              - name: a long address
                turns:
                  - user: order a phone
                  - user: "1"
                  - user: small
                  - user: 12 Baker Street, London NW1
                    slots: { address: "12 Baker Street, Lon" }
            """);

        var (exit, output, _) = await RunAsync("20", "", "test", bot.Folder, "--recognizer", "scripted");

        Assert.True(exit == 0, output);
        Assert.Contains("Tests: 1 passed, 0 failed", output);
    }

    [Fact]
    public async Task A_limit_that_is_no_positive_number_is_refused()
    {
        var (exit, _, error) = await RunAsync("0", "", "chat", CliHarness.SampleFolder);

        Assert.Equal(2, exit);
        Assert.Contains("chatbot: Limits:MaxTextLength must be a positive number of characters, not '0'", error);
    }
}
