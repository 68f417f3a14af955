namespace Chatbot.EndToEnd.Tests;

/// <summary>BotServer started the way an operator starts a published app: <c>dotnet /app/Chatbot.BotServer.dll</c> from another folder.</summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("chatbot-cwd-").FullName;
    private readonly string _state = Directory.CreateTempSubdirectory("chatbot-state-").FullName;

    public void Dispose()
    {
        Directory.Delete(_elsewhere, recursive: true);
        Directory.Delete(_state, recursive: true);
    }

    // Found in the issue 19 profile: from another folder the app's appsettings.json was not read, so every request
    // wrote four Information lines (7 % of the CPU) and the Web Chat page was not found.
    [Fact]
    public async Task Started_from_another_folder_it_reads_its_own_settings()
    {
        await using var server = await BotServerProcess.StartAsync(
            settings: new Dictionary<string, string>
            {
                ["Understanding__Mode"] = "lexical",
                ["Storage__FilePath"] = _state,
            },
            workingDirectory: _elsewhere);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(server.BaseAddress, "/api/health"));
        response.EnsureSuccessStatusCode();

        // The host logs its content root just after it starts listening.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!server.Output.Contains("Content root path:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var appFolder = Path.Combine(RepoPaths.Root, "src", "BotServer", "bin", RepoPaths.Configuration, "net10.0");
        Assert.Contains("Content root path: " + appFolder, server.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_elsewhere));
    }
}
