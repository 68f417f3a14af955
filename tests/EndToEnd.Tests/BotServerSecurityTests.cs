using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.EndToEnd.Tests;

/// <summary>One BotServer process in local mode and a sink that records what reaches it.</summary>
public sealed class LocalBotServerFixture : IAsyncLifetime
{
    internal BotServerProcess Server { get; private set; } = null!;

    internal RequestSink Sink { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sink = await RequestSink.StartAsync();
        Server = await BotServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Understanding__Mode"] = "lexical",
            ["RateLimits__Enabled"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

/// <summary>Attacks of the red-team run (issue 18) against the real BotServer process, in local mode.</summary>
public sealed class BotServerSecurityTests(LocalBotServerFixture fixture) : IClassFixture<LocalBotServerFixture>, IDisposable
{
    private readonly BotServerProcess _server = fixture.Server;
    private readonly RequestSink _sink = fixture.Sink;
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    // F2: in local mode the bot posted its replies to numeric spellings of loopback and to link-local addresses.
    [Theory]
    [InlineData("http://2130706433:{0}/")]
    [InlineData("http://0x7f.1:{0}/")]
    [InlineData("http://017700000001:{0}/")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/")]
    public async Task Local_mode_never_calls_a_numeric_or_mapped_spelling_of_an_address(string serviceUrl)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, serviceUrl, _sink.Address.Port);

        var conversation = "c-" + Guid.NewGuid().ToString("N");
        var control = "c-" + Guid.NewGuid().ToString("N");

        using var refused = await PostMessageAsync(url, conversation);
        using var allowed = await PostMessageAsync($"http://127.0.0.1:{_sink.Address.Port}/", control);

        Assert.DoesNotContain(_sink.Requests, r => r.Contains(conversation, StringComparison.Ordinal));
        Assert.Contains(_sink.Requests, r => r.Contains(control, StringComparison.Ordinal));
    }

    // F11: Server: Kestrel and no security headers.
    [Theory]
    [InlineData("/")]
    [InlineData("/api/health")]
    public async Task Responses_carry_security_headers_and_do_not_name_the_server(string path)
    {
        using var response = await _http.GetAsync(new Uri(_server.BaseAddress, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(",", response.Headers.Server));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("script-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostMessageAsync(string serviceUrl, string conversationId)
    {
        var json = $$"""
            {"type":"message","id":"{{Guid.NewGuid():N}}","channelId":"emulator","serviceUrl":"{{serviceUrl}}",
             "from":{"id":"user-1"},"recipient":{"id":"bot"},"conversation":{"id":"{{conversationId}}"},"text":"hi"}
            """;
        return _http.PostAsync(new Uri(_server.BaseAddress, "/api/messages"), new StringContent(json, Encoding.UTF8, "application/json"));
    }

}

/// <summary>Records every request it gets (method, path); answers like a Connector.</summary>
internal sealed class RequestSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RequestSink(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<RequestSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        RequestSink? sink = null;
        app.Run(async context =>
        {
            sink!.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"1"}""");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink = new RequestSink(app, new Uri(address));
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
