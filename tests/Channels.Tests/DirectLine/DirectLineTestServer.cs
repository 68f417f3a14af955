using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Channels.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Channels.Tests.DirectLine;

/// <summary>A real Kestrel server on 127.0.0.1:0 with the Direct Line endpoints and a small fake bot behind them.</summary>
internal sealed class DirectLineTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DirectLineTestServer(WebApplication app, Uri baseAddress, RecordingConnectorClient inner)
    {
        _app = app;
        BaseAddress = baseAddress;
        Inner = inner;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The connector the router delegates to for conversations that are not local.</summary>
    public RecordingConnectorClient Inner { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DirectLineTestServer> StartAsync(
        Action<DirectLineOptions>? configure = null,
        TimeProvider? time = null,
        Func<IServiceProvider, IDirectLineTurnHandler?>? bot = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var inner = new RecordingConnectorClient();
        builder.Services.AddSingleton<IConnectorClient>(inner);
        builder.Services.AddDirectLine();
        builder.Services.Configure(configure ?? (_ => { }));
        var handler = bot ?? (sp => new EchoBot(sp.GetRequiredService<IConnectorClient>()));
        builder.Services.AddSingleton(sp => handler(sp) ?? new NoBot());
        var app = builder.Build();
        app.UseWebSockets();
        app.MapDirectLine();
        app.MapDirectLinePageToken("/api/webchat/token");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DirectLineTestServer(app, new Uri(address), inner);
    }

    public async Task<StartedConversation> StartConversationAsync(string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"start failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadJsonAsync();
        return new StartedConversation(
            body.GetProperty("conversationId").GetString()!,
            body.GetProperty("token").GetString()!,
            body.GetProperty("streamUrl").GetString()!,
            body.GetProperty("expires_in").GetInt32(),
            (int)response.StatusCode);
    }

    /// <summary>
    /// A client whose connections come from another loopback address (Linux routes all of 127/8 to lo), so the server
    /// sees a different client, as it would another machine.
    /// </summary>
    public HttpClient ClientFrom(IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        return Client.SendAsync(request);
    }

    public async Task<ActivityPage> GetActivitiesAsync(StartedConversation conversation, string? watermark = null)
    {
        var query = watermark is null ? string.Empty : "?watermark=" + Uri.EscapeDataString(watermark);
        using var response = await SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversation.Id}/activities{query}", conversation.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ActivityPage.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<string> PostMessageAsync(StartedConversation conversation, string text, string? clientActivityId = null)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new Dictionary<string, string> { ["id"] = "someone-else", ["name"] = "Ann" },
            ["channelData"] = new Dictionary<string, string> { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
        }, TestJson.Reflection);
        using var response = await SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversation.Id}/activities", conversation.Token, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadJsonAsync();
        return body.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Reads a claim of a Direct Line token (a JWT) without checking it.</summary>
internal static class Jwt
{
    public static string? Claim(string token, string claim)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty(claim).GetString();
    }
}

internal sealed record StartedConversation(string Id, string Token, string StreamUrl, int ExpiresIn, int Status);

internal sealed record ActivityPage(IReadOnlyList<JsonElement> Activities, string Watermark)
{
    public static ActivityPage Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return new ActivityPage(
            root.GetProperty("activities").EnumerateArray().ToArray(),
            root.GetProperty("watermark").GetString()!);
    }

    public IEnumerable<string?> Texts => Activities.Select(a => a.TryGetProperty("text", out var t) ? t.GetString() : null);
}

/// <summary>A fake bot: welcomes on conversationUpdate; answers a message with typing, then "echo: text".</summary>
internal sealed class EchoBot(IConnectorClient connector) : IDirectLineTurnHandler
{
    public List<Activity> Received { get; } = [];

    public async Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        lock (Received)
        {
            Received.Add(activity);
        }

        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            await connector.SendAsync(Reply(activity, ActivityTypes.Message, "Welcome!"), cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Message)
        {
            await connector.SendAsync(Reply(activity, ActivityTypes.Typing, null), cancellationToken);
            await connector.SendAsync(Reply(activity, ActivityTypes.Message, "echo: " + activity.Text), cancellationToken);
        }

        return TurnResult.Ok;
    }

    public string NotHandledNotice(Activity message) => FailingBot.Notice(message);

    public static Activity Reply(Activity to, string type, string? text) => new()
    {
        Type = type,
        Text = text,
        ChannelId = to.ChannelId,
        ServiceUrl = to.ServiceUrl,
        Conversation = new ConversationAccount { Id = to.Conversation!.Id },
        From = to.Recipient,
        Recipient = to.From,
        ReplyToId = to.Id,
    };
}

/// <summary>No bot at all: only the echo of the user's own activities appears.</summary>
internal sealed class NoBot : IDirectLineTurnHandler
{
    public Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(TurnResult.Ok);

    public string NotHandledNotice(Activity message) => FailingBot.Notice(message);
}

/// <summary>
/// A bot whose every message turn fails (answered, as the real pipeline answers failures, with a result): a bug (500) or
/// the store down (503 with Retry-After).
/// </summary>
internal sealed class FailingBot(int status = 500) : IDirectLineTurnHandler
{
    public Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(
        activity.Type != ActivityTypes.Message ? TurnResult.Ok
        : status == 503 ? TurnResult.Unavailable("State storage is unavailable; retry.", TimeSpan.FromSeconds(5))
        : new TurnResult(status, "The bot could not process this activity."));

    public string NotHandledNotice(Activity message) => Notice(message);

    /// <summary>The fakes' notice names the locale it was asked for (the real texts are the dialogs', tested in Bot.Tests).</summary>
    public static string Notice(Activity message) => $"not handled ({message.Locale})";
}

/// <summary>A bot that breaks its contract and throws.</summary>
internal sealed class ThrowingBot : IDirectLineTurnHandler
{
    public Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken) =>
        activity.Type == ActivityTypes.Message ? throw new InvalidOperationException("boom") : Task.FromResult(TurnResult.Ok);

    public string NotHandledNotice(Activity message) => FailingBot.Notice(message);
}

/// <summary>Records what the router passed on to the real connector.</summary>
internal sealed class RecordingConnectorClient : IConnectorClient
{
    public List<Activity> Sent { get; } = [];

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        Sent.Add(activity);
        return Task.FromResult(new ResourceResponse { Id = "remote-1" });
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        Sent.Add(activity);
        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
}
