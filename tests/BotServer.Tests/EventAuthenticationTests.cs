using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Channels.Tests.Auth;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// Issue 16 item 3b: POST /api/events with Entra ID bearer tokens (issued by the local token issuer, checked against
/// its OpenID metadata and keys) besides the shared key, and the per-caller rate limit (429 with Retry-After).
/// </summary>
public sealed class EventAuthenticationTests : ChannelServerTest
{
    private const string Key = "event-key-for-tests";
    private const string Audience = "api://chatbot-events";
    private const string OrderSystem = "0a0a0a0a-order-system-app";
    private const string Tenant = "72f988bf-tenant";
    private LocalIdentityServer _identity = null!;

    protected override BotServerHost CreateHost() =>
        new BotServerHost()
            .WithSetting("Events:Key", Key)
            .WithSetting("Events:Auth:Authority", _identity.BaseUrl + "/emulator/v2.0")
            .WithSetting("Events:Auth:Audience", Audience)
            .WithSetting("Events:Auth:AllowedClientIds:0", OrderSystem)
            .WithSetting("Events:Auth:AllowedRoles:0", "Events.Send")
            .WithSetting("Events:Auth:AllowedTenants:0", Tenant)
            .WithSetting("Events:RateLimit:TokenLimit", "4")
            .WithSetting("Events:RateLimit:TokensPerPeriod", "1")
            .WithSetting("Events:RateLimit:ReplenishmentPeriod", "01:00:00")
            // The issuer's certificate is a test one: trust exactly it, as a deployed app trusts the public ones.
            .WithServices(s => s.AddHttpClient("Chatbot.Events.Auth").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == TestKeys.Certificate.Thumbprint,
            }));

    public override async Task InitializeAsync()
    {
        _identity = await LocalIdentityServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _identity.DisposeAsync();
    }

    private static Dictionary<string, object?> Claims(DateTimeOffset now) => new()
    {
        ["iss"] = $"https://login.microsoftonline.com/{Tenant}/v2.0",
        ["tid"] = Tenant,
        ["aud"] = Audience,
        ["azp"] = OrderSystem,
        ["ver"] = "2.0",
        ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(59).ToUnixTimeSeconds(),
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> claims, string name, object? value) => new(claims) { [name] = value };

    private static string Token(Dictionary<string, object?> claims) => TokenMinter.Sign(claims, TestKeys.Emulator);

    private async Task<HttpResponseMessage> PostAsync(string conversation, string? bearer = null, string? key = null, string id = "e-1")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent(
                $$"""{ "id": "{{id}}", "name": "order_shipped", "channelId": "emulator", "conversation": "{{conversation}}", "payload": { "orderNumber": "AB12345" } }""",
                Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        if (key is not null) request.Headers.Add("X-Chatbot-Event-Key", key);
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task A_token_of_an_allowed_client_app_delivers_the_event()
    {
        var chat = ChannelConversation.Emulator(Channel.ServiceUrl);
        var hello = await Client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(chat.Message("m-1", "hello")), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        Channel.Clear();

        var response = await PostAsync(chat.Id, Token(Claims(DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Order AB12345 has shipped.", Assert.Single(Channel.Requests).Activity!.Text);
    }

    [Fact]
    public async Task An_app_with_an_allowed_role_passes_and_so_does_the_key()
    {
        // 404: past authentication, the conversation is unknown.
        var roleOnly = With(With(Claims(DateTimeOffset.UtcNow), "azp", "another-app"), "roles", new[] { "Events.Send" });
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("nobody", Token(roleOnly))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("nobody", key: Key)).StatusCode);
    }

    public static TheoryData<string> RejectedTokens => ["forged signature", "another audience", "expired", "app not allowed", "another tenant's issuer", "another tenant's app with an allowed role", "no token"];

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task A_token_that_does_not_check_out_is_401_naming_both_ways_in(string kind)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = Claims(now);
        var token = kind switch
        {
            "forged signature" => TokenMinter.Sign(claims, TestKeys.Forger, kid: TestKeys.Emulator.Kid),
            "another audience" => Token(With(claims, "aud", "api://another-api")),
            "expired" => Token(With(With(claims, "nbf", now.AddHours(-2).ToUnixTimeSeconds()), "exp", now.AddHours(-1).ToUnixTimeSeconds())),
            "app not allowed" => Token(With(claims, "azp", "some-other-app-of-the-tenant")),
            "another tenant's issuer" => Token(With(claims, "iss", "https://login.microsoftonline.com/another-tenant/v2.0")),
            // The authority serves every tenant (its issuer has {tenantid}): a valid token of another tenant whose admin
            // gave their own app the Events.Send role.
            "another tenant's app with an allowed role" => Token(With(With(With(With(claims,
                "iss", "https://login.microsoftonline.com/another-tenant/v2.0"), "tid", "another-tenant"), "azp", "their-app"), "roles", new[] { "Events.Send" })),
            "no token" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await PostAsync("nobody", token, key: kind == "no token" ? "wrong-key" : null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Send the event key in the X-Chatbot-Event-Key header or an Entra ID bearer token.", await response.Content.ReadAsStringAsync());
        Assert.Equal(["X-Chatbot-Event-Key", $"Bearer realm=\"events\", audience=\"{Audience}\""], response.Headers.WwwAuthenticate.Select(h => h.ToString()));
    }

    [Fact]
    public async Task A_caller_over_its_rate_limit_gets_429_with_retry_after_and_other_callers_are_unaffected()
    {
        var token = Token(Claims(DateTimeOffset.UtcNow));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("nobody", token, id: "r-" + i)).StatusCode);
        }

        var limited = await PostAsync("nobody", token, id: "r-4");

        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal("Too many events from this caller; retry after the time in Retry-After.", await limited.Content.ReadAsStringAsync());
        // The key is another caller with its own allowance.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("nobody", key: Key, id: "r-5")).StatusCode);
    }
}
