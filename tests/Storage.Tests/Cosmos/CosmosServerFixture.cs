using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Chatbot.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Chatbot.Storage.Tests.Cosmos;

/// <summary>
/// Starts tests/servers/cosmos/server.js (npm @vercel/cosmosdb-server) on a free loopback port with a certificate generated
/// here, and stops it afterwards. The client trusts exactly that certificate through the store's options hook, so no
/// validation is disabled anywhere. If the server is not installed the tests fail with what to run.
/// </summary>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    private readonly string _certFolder = Path.Combine(Path.GetTempPath(), "chatbot-cosmos-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _stderr = new();
    private Process? _node;
    private X509Certificate2? _certificate;

    /// <summary>https://127.0.0.1:{port}/</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The server's certificate (PEM), for a process that must trust it (e.g. via <c>SSL_CERT_FILE</c>).</summary>
    public string CertificatePem => _certificate!.ExportCertificatePem();

    /// <summary>Any well-formed key works: the test server does not check signatures, the SDK only needs base64.</summary>
    public string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public async Task InitializeAsync()
    {
        var serverFolder = Path.Combine(FindRepositoryRoot(), "tests", "servers", "cosmos");
        if (!Directory.Exists(Path.Combine(serverFolder, "node_modules", "@vercel", "cosmosdb-server")))
        {
            throw new InvalidOperationException(
                $"The Cosmos test server is not installed in {serverFolder}: run scripts/setup.d/20-cosmos-server.sh (npm ci) or ./test.sh.");
        }

        Directory.CreateDirectory(_certFolder);
        var (certPath, keyPath) = CreateCertificate();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = serverFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "server.js", "--cert", certPath, "--key", keyPath, "--port", "0", "--host", "127.0.0.1" })
        {
            start.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _node = new Process { StartInfo = start, EnableRaisingEvents = true };
        _node.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("listening on port ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(int.Parse(e.Data["listening on port ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        _node.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _node.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The Cosmos test server exited: {Stderr}"));
        _node.Start();
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();

        // The bound only turns a broken install into a failure instead of a hang; readiness itself is the printed port.
        var port = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Endpoint = new Uri($"https://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync()
    {
        if (_node is { HasExited: false })
        {
            _node.StandardInput.Close(); // server.js exits when its stdin closes
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _node.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                _node.Kill(entireProcessTree: true);
            }
        }

        _node?.Dispose();
        _certificate?.Dispose();
        if (Directory.Exists(_certFolder))
        {
            Directory.Delete(_certFolder, recursive: true);
        }
    }

    /// <summary>
    /// Freezes the server process (SIGSTOP): connections stay open and nothing answers, as a store that stopped
    /// responding; <see cref="ResumeAsync"/> (SIGCONT) lets it go on where it stopped.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>Resumes a frozen server (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, _node!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {_node.Id} failed ({kill.ExitCode}).");
    }

    /// <summary>What the server wrote to stderr (its stack traces), for failure messages.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Options for a store on this server: Gateway mode, this endpoint only, the test certificate pinned.</summary>
    public CosmosStoreOptions CreateOptions(string container, int maxDocumentBytes = StorageLimits.DefaultMaxDocumentBytes)
    {
        var pinned = _certificate!;
        return new CosmosStoreOptions
        {
            Endpoint = Endpoint.ToString(),
            Key = Key,
            Database = "chatbot-tests",
            Container = container,
            CreateIfMissing = true,
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            MaxDocumentBytes = maxDocumentBytes,
            OperationTimeout = TimeSpan.FromSeconds(60),
            RequestTimeout = TimeSpan.FromSeconds(30),
            // Trust exactly the certificate this fixture generated, for this client only.
            ServerCertificateValidation = (certificate, _, _) => certificate.RawData.AsSpan().SequenceEqual(pinned.RawData),
        };
    }

    /// <summary>Makes the next <paramref name="count"/> document requests of a container fail with <paramref name="status"/> (0 = hang).</summary>
    public async Task InjectFaultAsync(string container, int status, int count)
    {
        using var client = CreateControlClient();
        using var response = await client.PostAsJsonAsync(new Uri(Endpoint, "_test/faults"), new { collection = container, status, count });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many document requests of a container reached the server, by HTTP method.</summary>
    public async Task<Dictionary<string, int>> DocumentRequestsAsync(string container)
    {
        using var client = CreateControlClient();
        return (await client.GetFromJsonAsync<Dictionary<string, int>>(new Uri(Endpoint, $"_test/stats?collection={Uri.EscapeDataString(container)}")))!;
    }

    /// <summary>
    /// The next <paramref name="count"/> document requests of a container with one of <paramref name="methods"/> are
    /// carried out at once but answered only after <paramref name="delay"/>: a write the client gives up on is applied anyway.
    /// </summary>
    public async Task InjectLateAnswersAsync(string container, TimeSpan delay, int count, params string[] methods)
    {
        using var client = CreateControlClient();
        using var response = await client.PostAsJsonAsync(new Uri(Endpoint, "_test/faults"), new { collection = container, delayMs = (int)delay.TotalMilliseconds, count, methods });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Removes every injected fault.</summary>
    public async Task ClearFaultsAsync()
    {
        using var client = CreateControlClient();
        using var response = await client.DeleteAsync(new Uri(Endpoint, "_test/faults"));
        response.EnsureSuccessStatusCode();
    }

    private HttpClient CreateControlClient()
    {
        var pinned = _certificate!;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(pinned.RawData),
        };
        return new HttpClient(handler);
    }

    private (string CertPath, string KeyPath) CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=chatbot cosmos test server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
        _certificate = X509CertificateLoader.LoadCertificate(created.RawData);

        var certPath = Path.Combine(_certFolder, "cert.pem");
        var keyPath = Path.Combine(_certFolder, "key.pem");
        System.IO.File.WriteAllText(certPath, created.ExportCertificatePem());
        System.IO.File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Chatbot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Chatbot.sln not found above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class CosmosServerCollection : ICollectionFixture<CosmosServerFixture>
{
    public const string Name = "Cosmos test server";
}
