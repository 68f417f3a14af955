using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// Local mode with a copy of the sample bot whose order check reminds after 2 s and expires after 6 s, so the timers
/// fall due while a test waits (the sample's own 10m/30m would not).
/// </summary>
public sealed class TimerFunctionsHost : FunctionsHostFixture
{
    private readonly DirectoryInfo _dialogs = Directory.CreateTempSubdirectory("chatbot-timer-dialogs-");

    protected override async Task<IReadOnlyDictionary<string, string?>> StartDependenciesAsync()
    {
        var sample = RepositoryPaths.Combine("dialogs");
        foreach (var file in Directory.GetFiles(sample, "*.yaml"))
        {
            var text = await File.ReadAllTextAsync(file);
            if (Path.GetFileName(file) == "orders.yaml")
            {
                text = Replace(Replace(text, "remind_after: 10m", "remind_after: 2s"), "expire_after: 30m", "expire_after: 6s");
            }

            await File.WriteAllTextAsync(Path.Combine(_dialogs.FullName, Path.GetFileName(file)), text);
        }

        return new Dictionary<string, string?> { ["Dialogs__Path"] = _dialogs.FullName };
    }

    protected override Task StopDependenciesAsync()
    {
        _dialogs.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static string Replace(string text, string find, string replace) =>
        text.Contains(find, StringComparison.Ordinal) ? text.Replace(find, replace, StringComparison.Ordinal)
            : throw new InvalidOperationException($"The sample's orders.yaml no longer holds '{find}'.");
}

[CollectionDefinition(Name)]
public sealed class TimerCollection : ICollectionFixture<TimerFunctionsHost>
{
    public const string Name = "Functions host, short timers";
}
