using Chatbot.Channels.Tests.Auth;
using Chatbot.Storage.Tests.Cosmos;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>
/// The sample settings plus what production sets: a bot app id with inbound and outbound tokens from the local token
/// issuer, and state in Cosmos DB (the Cosmos test server). The host trusts exactly the two test certificates
/// (<c>SSL_CERT_FILE</c>), as a deployed app trusts the public ones.
/// </summary>
public sealed class ProductionLikeFunctionsHost : FunctionsHostFixture
{
    public const string CosmosContainer = "conversations";

    private readonly DirectoryInfo _trustFolder = Directory.CreateTempSubdirectory("chatbot-functions-trust-");

    internal LocalIdentityServer Identity { get; private set; } = null!;

    public CosmosServerFixture Cosmos { get; } = new();

    /// <summary>The key other systems send with events (<c>Events__Key</c>).</summary>
    public const string EventKey = "production-like-event-key";

    /// <summary>The bot's app id (the audience of channel tokens, the client id of its own token requests).</summary>
    public static string AppId => LocalIdentityServer.ClientId;

    /// <summary>The claims of a Bot Framework channel token for this bot, for activities whose replies go to <paramref name="serviceUrl"/>.</summary>
    public static Dictionary<string, object?> ChannelClaims(string serviceUrl, DateTimeOffset now) =>
        new(TokenMinter.ChannelClaims(now)) { ["aud"] = AppId, ["serviceurl"] = serviceUrl };

    /// <summary>A valid channel token (signed with the issuer's published key) for this bot and <paramref name="serviceUrl"/>.</summary>
    public static string ChannelToken(string serviceUrl) => TokenMinter.Sign(ChannelClaims(serviceUrl, DateTimeOffset.UtcNow), TestKeys.Channel1);

    protected override async Task<IReadOnlyDictionary<string, string?>> StartDependenciesAsync()
    {
        Identity = await LocalIdentityServer.StartAsync();
        await Cosmos.InitializeAsync();
        var trusted = Path.Combine(_trustFolder.FullName, "trusted.pem");
        await File.WriteAllTextAsync(trusted, TestKeys.Certificate.ExportCertificatePem() + "\n" + Cosmos.CertificatePem + "\n");

        return new Dictionary<string, string?>
        {
            ["SSL_CERT_FILE"] = trusted,
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = LocalIdentityServer.ClientId,
            ["MicrosoftAppPassword"] = LocalIdentityServer.ClientSecret,
            ["ToBotFromChannelOpenIdMetadataUrl"] = Identity.ChannelMetadataUrl,
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = Identity.EmulatorMetadataUrl,
            ["ToChannelFromBotLoginUrl"] = Identity.LoginUrl,
            ["Connector__AllowedServiceUrlHosts__0"] = "127.0.0.1",
            ["Events__Key"] = EventKey,
            ["CosmosDb__Endpoint"] = Cosmos.Endpoint.ToString(),
            ["CosmosDb__Key"] = Cosmos.Key,
            ["CosmosDb__Database"] = "chatbot-functions",
            ["CosmosDb__Container"] = CosmosContainer,
            ["CosmosDb__CreateIfMissing"] = "true",
            // The test server speaks the gateway protocol only, at this one address.
            ["CosmosDb__ConnectionMode"] = "Gateway",
            ["CosmosDb__LimitToEndpoint"] = "true",
            // As in the Storage tests: the first operation of a cold worker includes creating the client and the
            // container, which on a busy 2-core machine can pass the sample's 10 s and turn the first turn into a 503.
            ["CosmosDb__OperationTimeout"] = "00:01:00",
            ["CosmosDb__RequestTimeout"] = "00:00:30",
        };
    }

    protected override async Task StopDependenciesAsync()
    {
        await Cosmos.DisposeAsync();
        if (Identity is not null) await Identity.DisposeAsync();
        _trustFolder.Delete(recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ProductionLikeCollection : ICollectionFixture<ProductionLikeFunctionsHost>
{
    public const string Name = "Functions host, production-like";
}
