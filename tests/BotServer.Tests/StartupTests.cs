using Chatbot.Dialogs.Runtime;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// What an operator sees at start now that the dialogs load and the pipeline is built in the background while the
/// server starts (issue 19): a broken folder still stops the host with file:line:col. (Every other test's first message
/// shows that a good folder is answered, on /api/messages and on Direct Line.)
/// </summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_dialogs_folder_with_errors_stops_the_host_at_start_with_file_line_and_column()
    {
        var folder = Directory.CreateTempSubdirectory("chatbot-broken-dialogs-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "bot.yaml"), "bot:\n  name: Broken\nflows:\n  greet:\n    steps:\n      - say: [unclosed\n");
            await using var host = new BotServerHost().WithSetting("Dialogs:Path", folder.FullName);

            var error = Record.Exception(() => host.CreateClient());

            var load = Assert.IsType<DialogLoadException>(error);
            Assert.Matches(@"bot\.yaml:\d+:\d+", load.Message);
            Assert.NotEmpty(load.Diagnostics);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
