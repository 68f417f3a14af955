using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chatbot.Channels.Tests.Auth;

/// <summary>
/// A local OpenID issuer over HTTPS on 127.0.0.1 (free port): channel and emulator metadata + JWKS (mutable, for
/// rotation) and a client-credentials token endpoint. Counts requests so tests can assert caching.
/// </summary>
internal sealed class LocalIdentityServer : IAsyncDisposable
{
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string ClientSecret = "test-secret-value-123";

    private readonly WebApplication _app;
    private int _channelKeyFetches;
    private int _channelMetadataRequests;
    private int _emulatorKeyFetches;
    private int _tokenRequests;

    private LocalIdentityServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public string ChannelMetadataUrl => BaseUrl + "/channel/v1/.well-known/openidconfiguration";
    public string EmulatorMetadataUrl => BaseUrl + "/emulator/v2.0/.well-known/openid-configuration";
    public string LoginUrl => BaseUrl + "/botframework.com";

    /// <summary>Keys the channel JWKS publishes (replace to rotate).</summary>
    public JsonArray ChannelKeys { get; set; } = [TestKeys.Channel1.ToJwk("msteams", "webchat", "directline")];
    public JsonArray EmulatorKeys { get; set; } = [TestKeys.Emulator.ToJwk(null)];
    public HttpStatusCode ChannelMetadataStatus { get; set; } = HttpStatusCode.OK;

    /// <summary>When set, the channel metadata endpoint answers 200 with this body instead of the metadata (a proxy's page, a broken issuer).</summary>
    public string? ChannelMetadataBody { get; set; }

    /// <summary>When set, the channel JWKS endpoint answers 200 with this body instead of <see cref="ChannelKeys"/>.</summary>
    public string? ChannelKeysBody { get; set; }

    /// <summary>When set, the channel metadata endpoint accepts requests and never answers (an issuer that hangs).</summary>
    public bool HangChannelMetadata { get; set; }

    /// <summary>Completes when a channel metadata request is hanging (see <see cref="HangChannelMetadata"/>).</summary>
    public Task ChannelMetadataHanging => _hungRequest.Task;

    private readonly TaskCompletionSource _hungRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public HttpStatusCode TokenEndpointStatus { get; set; } = HttpStatusCode.OK;

    /// <summary>Lifetime of issued access tokens.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;
    public string ExpectedScope { get; set; } = "https://api.botframework.com/.default";

    public int ChannelKeyFetches => Volatile.Read(ref _channelKeyFetches);
    public int ChannelMetadataRequests => Volatile.Read(ref _channelMetadataRequests);
    public int EmulatorKeyFetches => Volatile.Read(ref _emulatorKeyFetches);
    public int TokenRequests => Volatile.Read(ref _tokenRequests);
    public List<string> TokenPaths { get; } = [];

    public static async Task<LocalIdentityServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestKeys.Certificate)));
        var app = builder.Build();
        var server = new LocalIdentityServer(app);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return server;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/channel/v1/.well-known/openidconfiguration", async (HttpContext context) =>
        {
            Interlocked.Increment(ref _channelMetadataRequests);
            if (HangChannelMetadata)
            {
                _hungRequest.TrySetResult();
                // Never answers: the caller gives up (its timeout or cancellation) and the connection is dropped, or the
                // server stops (without this, stopping waits its whole shutdown timeout for the hung request).
                var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
                await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
            }

            if (ChannelMetadataBody is { } body)
            {
                return Results.Text(body, "application/json", System.Text.Encoding.UTF8, 200);
            }

            return ChannelMetadataStatus == HttpStatusCode.OK
                ? Json(new JsonObject { ["issuer"] = "https://api.botframework.com", ["jwks_uri"] = BaseUrl + "/channel/keys" })
                : Results.StatusCode((int)ChannelMetadataStatus);
        });
        app.MapGet("/channel/keys", () =>
        {
            Interlocked.Increment(ref _channelKeyFetches);
            return ChannelKeysBody is { } body
                ? Results.Text(body, "application/json", System.Text.Encoding.UTF8, 200)
                : Json(new JsonObject { ["keys"] = ChannelKeys.DeepClone() });
        });
        app.MapGet("/emulator/v2.0/.well-known/openid-configuration", () =>
            Json(new JsonObject { ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0", ["jwks_uri"] = BaseUrl + "/emulator/keys" }));
        app.MapGet("/emulator/keys", () =>
        {
            Interlocked.Increment(ref _emulatorKeyFetches);
            return Json(new JsonObject { ["keys"] = EmulatorKeys.DeepClone() });
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            lock (TokenPaths)
            {
                TokenPaths.Add(context.Request.Path);
            }

            if (TokenEndpointStatus != HttpStatusCode.OK)
            {
                return Json(new JsonObject { ["error"] = "temporarily_unavailable", ["error_description"] = "try later" }, (int)TokenEndpointStatus);
            }

            var form = await context.Request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials" || form["client_id"] != ClientId
                || form["client_secret"] != ClientSecret || form["scope"] != ExpectedScope)
            {
                return Json(new JsonObject { ["error"] = "invalid_client", ["error_description"] = "AADSTS7000215: Invalid client secret provided." }, 401);
            }

            return Json(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = TokenLifetimeSeconds,
                ["access_token"] = $"access-token-{TokenRequests}",
            });
        });
    }

    // Written by JsonNode itself: the test project disables reflection-based JSON, which Results.Json would need.
    private static IResult Json(JsonObject body, int statusCode = 200) =>
        Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, statusCode);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
