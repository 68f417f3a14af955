using System.Globalization;
using System.Text.RegularExpressions;

namespace Chatbot.Testing;

/// <summary>
/// Azurite (npm azurite, installed in tests/servers/azurite by scripts/setup.d/40-functions-host.sh): blob, queue and
/// table on free loopback ports, data in a fresh temporary folder that is deleted on dispose. Started with
/// <c>--skipApiVersionCheck</c>, else current Azure.Storage clients are refused ("The API version ... is not supported").
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account (public, documented with Azurite).</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known development key (public, documented with Azurite; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly DirectoryInfo _location;
    private ChildProcess _process;

    private AzuriteServer(ChildProcess process, DirectoryInfo location, Dictionary<string, Uri> endpoints)
    {
        _process = process;
        _location = location;
        BlobEndpoint = endpoints["Blob"];
        QueueEndpoint = endpoints["Queue"];
        TableEndpoint = endpoints["Table"];
    }

    /// <summary>e.g. <c>http://127.0.0.1:41223/devstoreaccount1</c></summary>
    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>A connection string with the explicit endpoints (what <c>AzureWebJobsStorage</c> and Azure.Storage clients take).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Azurite's own output (empty unless it failed: it runs with <c>--silent</c>).</summary>
    public string Output => _process.Output;

    /// <summary>Starts Azurite and waits until all three services listen. Fails with what to run when it is not installed.</summary>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var folder = RepositoryPaths.Combine("tests", "servers", "azurite");
        var main = Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed in {folder}: run scripts/setup.d/40-functions-host.sh (npm ci) or ./test.sh.");
        }

        var location = Directory.CreateTempSubdirectory("chatbot-azurite-");
        var process = Launch(location, 0, 0, 0);
        try
        {
            return new AzuriteServer(process, location, await ListeningAtAsync(process, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            location.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Stops the emulator, its data kept (the account is down: connections are refused) until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(10));

    /// <summary>Starts the emulator again on the same ports with the same data, after <see cref="StopAsync"/>.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        _process = Launch(_location, BlobEndpoint.Port, QueueEndpoint.Port, TableEndpoint.Port);
        await ListeningAtAsync(_process, cancellationToken).ConfigureAwait(false);
    }

    private static ChildProcess Launch(DirectoryInfo location, int blobPort, int queuePort, int tablePort) =>
        ChildProcess.Start("azurite", "node",
        [
            Path.Combine(RepositoryPaths.Combine("tests", "servers", "azurite"), "node_modules", "azurite", "dist", "src", "azurite.js"),
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", location.FullName,
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        ], RepositoryPaths.Combine("tests", "servers", "azurite"));

    private static async Task<Dictionary<string, Uri>> ListeningAtAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        var endpoints = new Dictionary<string, Uri>();
        foreach (var service in new[] { "Blob", "Queue", "Table" })
        {
            // The bound turns a broken install into a failure instead of a hang; readiness itself is the printed port.
            var line = await process.WaitForLineAsync(l => Listening().Match(l) is { Success: true } m && m.Groups["service"].Value == service,
                TimeSpan.FromSeconds(60), cancellationToken: cancellationToken).ConfigureAwait(false);
            var port = int.Parse(Listening().Match(line).Groups["port"].Value, CultureInfo.InvariantCulture);
            endpoints[service] = new Uri($"http://127.0.0.1:{port}/{AccountName}");
        }

        return endpoints;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            _location.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}
