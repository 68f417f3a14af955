using System.Net;
using Chatbot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Runs the real BotServer (its Program, AddChatbot and MapChatbot) in-process for tests, with configuration
/// overrides and service replacements. <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> talks to it.
/// </summary>
public sealed class BotServerHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> _serviceChanges = [];
    private readonly DirectoryInfo _stateFolder = Directory.CreateTempSubdirectory("chatbot-state-");

    /// <summary>The folder the local file store writes to (a fresh temporary folder, deleted on dispose).</summary>
    public string StateFolder => _stateFolder.FullName;

    /// <summary>Sets a configuration value (same names as appsettings / environment, e.g. <c>RateLimits:Enabled</c>).</summary>
    public BotServerHost WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Changes services after the bot registered its own (e.g. replace the store or the dialog engine).</summary>
    public BotServerHost WithServices(Action<IServiceCollection> change)
    {
        _serviceChanges.Add(change);
        return this;
    }

    /// <summary>
    /// Serves over real Kestrel on 127.0.0.1 (a free port) instead of the in-memory test server, for clients that need
    /// a real socket (browsers, other processes). Returns the base address, e.g. <c>http://127.0.0.1:41234/</c>.
    /// </summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Resolves a service from the running server.</summary>
    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Tests run without the sample dialogs' relative folder being the current directory; and rate limits would
        // make unrelated tests flaky unless a test asks for them.
        // UseSetting (not ConfigureAppConfiguration): Program reads some settings while registering services,
        // before configuration added by the factory later would be visible.
        builder.UseSetting("RateLimits:Enabled", "false");
        // Tests count what reaches the channel; the Emulator's trace activities would add to it unless a test asks for them.
        builder.UseSetting("Emulator:Trace", "false");
        builder.UseSetting("Storage:FilePath", StateFolder);
        if (SampleDialogs() is { } dialogs) builder.UseSetting("Dialogs:Path", dialogs);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // Test services run after Program's registrations, so they replace the bot's defaults.
        builder.ConfigureTestServices(services =>
        {
            foreach (var change in _serviceChanges) change(services);
        });
    }

    /// <summary>The repository's sample dialogs folder (the real bot), when the tests run inside the repository.</summary>
    public static string? SampleDialogs() =>
        RepositoryPaths.TryRoot is { } root && Directory.Exists(Path.Combine(root, "dialogs")) ? Path.Combine(root, "dialogs") : null;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        try
        {
            _stateFolder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
