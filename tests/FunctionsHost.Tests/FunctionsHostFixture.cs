using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// src/BotFunctions under the real Azure Functions host, with Azurite as <c>AzureWebJobsStorage</c> and the Values of
/// local.settings.sample.json as its settings (plus what a derived fixture adds), started once per test collection.
/// The host can be restarted (same storage, same settings); its log goes to test-artifacts/ when the collection ends.
/// </summary>
public abstract class FunctionsHostFixture : IAsyncLifetime
{
    /// <summary>The host id (<c>AzureFunctionsWebHost__hostid</c>): names the host's locks and timer status in blob storage.</summary>
    public const string HostId = "chatbot-tests";

    private readonly DirectoryInfo _stateFolder = Directory.CreateTempSubdirectory("chatbot-functions-state-");
    private readonly StringBuilder _previousLogs = new();
    private Dictionary<string, string?> _settings = [];
    private HttpClient? _client;

    public AzuriteServer Azurite { get; private set; } = null!;

    /// <summary>The running host (a new one after <see cref="RestartHostAsync"/>).</summary>
    public FunctionsHostProcess Host { get; private set; } = null!;

    /// <summary>The settings the host runs with (its environment).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The last lines of the host's log, for failure messages.</summary>
    public string HostLog => Host.Process.Tail(120);

    /// <summary>The Values of the repository's local.settings.sample.json.</summary>
    public static Dictionary<string, string?> SampleSettings()
    {
        var values = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")))!["Values"]!.AsObject();
        return values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal);
    }

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        _settings = SampleSettings();
        _settings["AzureWebJobsStorage"] = Azurite.ConnectionString;
        _settings["AzureFunctionsWebHost__hostid"] = HostId;
        // The sample's relative state folder would land in the build output; each run gets its own.
        _settings["Storage__FilePath"] = _stateFolder.FullName;
        // An idle queue is polled ever less often, up to once a minute; tests enqueue long after the host started.
        _settings["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:01";
        foreach (var (key, value) in await StartDependenciesAsync())
        {
            _settings[key] = value;
        }

        await StartHostAsync();
    }

    /// <summary>Starts what the host's settings point at (token issuer, Cosmos...) and returns those settings.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>> StartDependenciesAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    protected virtual Task StopDependenciesAsync() => Task.CompletedTask;

    /// <summary>
    /// Stops the host gracefully, runs <paramref name="whileStopped"/> (e.g. to seed storage), and starts a new host
    /// process with the same settings and storage.
    /// </summary>
    public async Task RestartHostAsync(Func<Task>? whileStopped = null)
    {
        await StopHostAsync();
        if (whileStopped is not null) await whileStopped();
        await StartHostAsync();
    }

    /// <summary>Posts an activity to <c>/api/messages</c> as a channel would (with a bearer token when given).</summary>
    public Task<HttpResponseMessage> PostAsync(Activity activity, string? bearerToken = null) =>
        PostAsync(Encoding.UTF8.GetBytes(ActivitySerializer.Serialize(activity)), "application/json", bearerToken);

    /// <summary>
    /// Posts one activity, expects 200, and returns the messages the bot sent to <paramref name="channel"/> during the
    /// turn. The turn, replies included, finishes inside the invocation, so they have arrived when the answer comes.
    /// </summary>
    public async Task<List<Activity>> TurnAsync(LocalConnectorServer channel, Activity activity, string? bearerToken = null)
    {
        var before = channel.Messages.Count;
        using var response = await PostAsync(activity, bearerToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK,
            $"{activity.Type} '{activity.Text}' got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{HostLog}");
        return channel.Messages.Skip(before).ToList();
    }

    /// <summary>Sends any request to the host (relative URIs such as <c>api/events</c>).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client!.SendAsync(request);

    /// <summary>Posts raw bytes to <c>/api/messages</c> (no Content-Type header when <paramref name="contentType"/> is null).</summary>
    public async Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType, string? bearerToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new ByteArrayContent(body) };
        if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return await _client!.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        await StopHostAsync();
        await StopDependenciesAsync();
        await Azurite.DisposeAsync();
        try
        {
            _stateFolder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task StartHostAsync()
    {
        Host = await FunctionsHostProcess.StartAsync(RepositoryPaths.BuildOutput("BotFunctions"), _settings);
        _client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    private async Task StopHostAsync()
    {
        _client?.Dispose();
        _client = null;
        if (Host is null) return;
        await Host.DisposeAsync();
        _previousLogs.AppendLine(Host.Process.Output).AppendLine("----- host stopped -----");
        var artifacts = Directory.CreateDirectory(RepositoryPaths.Combine("test-artifacts"));
        await File.WriteAllTextAsync(Path.Combine(artifacts.FullName, $"functions-host-{GetType().Name}.log"), _previousLogs.ToString());
    }
}
