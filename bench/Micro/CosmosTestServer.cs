using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chatbot.Bench.Micro;

/// <summary>tests/servers/cosmos/server.js on a free port with a certificate made for it; stopped by closing its stdin.</summary>
internal sealed class CosmosTestServer : IAsyncDisposable
{
    private readonly Process _node;
    private readonly byte[] _certificate;
    private readonly DirectoryInfo _folder;

    private CosmosTestServer(Process node, byte[] certificate, DirectoryInfo folder, string endpoint) =>
        (_node, _certificate, _folder, Endpoint) = (node, certificate, folder, endpoint);

    public string Endpoint { get; }

    /// <summary>The settings that point the Cosmos store at this server (Gateway mode, this endpoint only, container made on first use).</summary>
    public Dictionary<string, string?> StoreSettings() => new()
    {
        ["CosmosDb:Endpoint"] = Endpoint,
        ["CosmosDb:Key"] = Key,
        ["CosmosDb:ConnectionMode"] = "Gateway",
        ["CosmosDb:LimitToEndpoint"] = "true",
        ["CosmosDb:CreateIfMissing"] = "true",
    };

    /// <summary>A random account key (the server accepts any; a client still signs every request with it).</summary>
    public string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    public bool Validate(X509Certificate2 certificate, X509Chain chain, System.Net.Security.SslPolicyErrors errors) =>
        certificate.RawData.AsSpan().SequenceEqual(_certificate);

    /// <summary>Document requests the server has answered so far, by HTTP method (its <c>/_test/stats</c>).</summary>
    public async Task<Dictionary<string, int>> StatsAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(_certificate) };
        using var client = new HttpClient(handler);
        var json = await client.GetStringAsync(new Uri(new Uri(Endpoint), "/_test/stats?collection=conversations"));
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];
    }

    public static async Task<CosmosTestServer> StartAsync()
    {
        var serverFolder = Path.Combine(BenchDialog.Folder(), "..", "..", "tests", "servers", "cosmos");
        if (!Directory.Exists(Path.Combine(serverFolder, "node_modules")))
        {
            throw new InvalidOperationException($"The Cosmos test server is not installed in {serverFolder}: run scripts/setup.d/20-cosmos-server.sh.");
        }

        var folder = Directory.CreateTempSubdirectory("chatbot-turncost-cert-");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(folder.FullName, "cert.pem");
        var keyPath = Path.Combine(folder.FullName, "key.pem");
        await System.IO.File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await System.IO.File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

        var start = new ProcessStartInfo("node", ["server.js", "--cert", certPath, "--key", keyPath, "--port", "0", "--host", "127.0.0.1"])
        {
            WorkingDirectory = serverFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var node = Process.Start(start)!;
        while (await node.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("listening on port ", StringComparison.Ordinal))
            {
                _ = node.StandardOutput.ReadToEndAsync(); // keep draining so the server never blocks on its pipe
                return new CosmosTestServer(node, certificate.RawData, folder, $"https://127.0.0.1:{line["listening on port ".Length..]}/");
            }
        }

        throw new InvalidOperationException("The Cosmos test server exited before it listened.");
    }

    public async ValueTask DisposeAsync()
    {
        _node.StandardInput.Close(); // server.js exits when its stdin closes
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _node.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            _node.Kill();
        }

        _node.Dispose();
        _folder.Delete(recursive: true);
    }
}
