using System.Collections.Concurrent;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Testing;

/// <summary>
/// Plays the channel's Bot Connector on 127.0.0.1 (a free port): accepts
/// <c>POST {prefix}/v3/conversations/{id}/activities[/{replyToId}]</c>, <c>PUT</c> and <c>DELETE .../activities/{id}</c>,
/// records every request (with its Authorization header), answers <c>{"id": "..."}</c>, and can be told to fail.
/// </summary>
public sealed class LocalConnectorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorRequest> _requests = new();
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource<bool> Signal)> _waiters = [];
    private int _failuresLeft;
    private int _failureStatus;
    private TimeSpan? _failureRetryAfter;
    private int _nextId;

    private LocalConnectorServer(WebApplication app, string pathPrefix)
    {
        _app = app;
        PathPrefix = pathPrefix;
    }

    /// <summary>The serviceUrl to put on inbound activities, e.g. <c>http://127.0.0.1:5123/amer/</c>.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>The path the serviceUrl carries before <c>/v3/</c> (Teams uses e.g. <c>amer/</c>).</summary>
    public string PathPrefix { get; }

    /// <summary>Called for every request before it is answered (e.g. to block it with a TaskCompletionSource).</summary>
    public Func<ConnectorRequest, Task>? OnRequest { get; set; }

    /// <summary>Every request answered so far (including failed ones), in arrival order.</summary>
    public IReadOnlyList<ConnectorRequest> Requests => [.. _requests];

    /// <summary>The activities the bot sent successfully (POST and PUT that were answered 200), in arrival order.</summary>
    public IReadOnlyList<Activity> Activities => [.. _requests.Where(r => r.Activity is not null && r.AnsweredStatus == 200).Select(r => r.Activity!)];

    /// <summary>The successfully received message activities (no typing indicators).</summary>
    public IReadOnlyList<Activity> Messages => [.. Activities.Where(a => a.Type == ActivityTypes.Message)];

    /// <summary>Starts a server on a free loopback port. <paramref name="pathPrefix"/> is kept in <see cref="ServiceUrl"/>.</summary>
    public static async Task<LocalConnectorServer> StartAsync(string pathPrefix = "", CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LocalConnectorServer(app, pathPrefix.Trim('/'));
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.ServiceUrl = address.TrimEnd('/') + "/" + (server.PathPrefix.Length > 0 ? server.PathPrefix + "/" : "");
        return server;
    }

    /// <summary>Makes the next <paramref name="count"/> requests fail with <paramref name="statusCode"/> (and Retry-After when given).</summary>
    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _failuresLeft = count;
            _failureStatus = statusCode;
            _failureRetryAfter = retryAfter;
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have been received (answered or failed).</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<bool> signal;
        lock (_gate)
        {
            if (_requests.Count >= count) return Task.CompletedTask;
            signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void Clear() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var path = rawTarget.Split('?', 2)[0];
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);

        var route = ParseRoute(path);
        if (route is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        Activity? activity = null;
        if (body.Length > 0)
        {
            try
            {
                activity = ActivitySerializer.Deserialize(Encoding.UTF8.GetBytes(body));
            }
            catch (System.Text.Json.JsonException)
            {
                context.Response.StatusCode = 400;
                return;
            }
        }

        int status = 200;
        TimeSpan? retryAfter = null;
        lock (_gate)
        {
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                status = _failureStatus;
                retryAfter = _failureRetryAfter;
            }
        }

        var id = $"reply-{Interlocked.Increment(ref _nextId)}";
        var recorded = new ConnectorRequest(
            context.Request.Method, path, route.Value.ConversationId, route.Value.ActivityId,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            activity, body, status, status == 200 ? id : null);

        if (OnRequest is { } hook) await hook(recorded).ConfigureAwait(false);
        Record(recorded);

        context.Response.StatusCode = status;
        if (retryAfter is { } wait) context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (status == 200 && !HttpMethods.IsDelete(context.Request.Method))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"id\":\"{id}\"}}", context.RequestAborted).ConfigureAwait(false);
        }
    }

    private void Record(ConnectorRequest request)
    {
        lock (_gate)
        {
            _requests.Enqueue(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_requests.Count >= _waiters[i].Count)
                {
                    _waiters[i].Signal.TrySetResult(true);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Finds <c>/v3/conversations/{id}/activities[/{activityId}]</c> after the prefix; ids are unescaped.</summary>
    private (string ConversationId, string? ActivityId)? ParseRoute(string path)
    {
        var expectedStart = "/" + (PathPrefix.Length > 0 ? PathPrefix + "/" : "") + "v3/conversations/";
        if (!path.StartsWith(expectedStart, StringComparison.Ordinal)) return null;
        var segments = path[expectedStart.Length..].Split('/');
        if (segments.Length is < 2 or > 3 || segments[1] != "activities" || segments[0].Length == 0) return null;
        return (Uri.UnescapeDataString(segments[0]), segments.Length == 3 ? Uri.UnescapeDataString(segments[2]) : null);
    }
}

/// <summary>One request the local Connector received, and how it was answered.</summary>
public sealed record ConnectorRequest(
    string Method,
    string Path,
    string ConversationId,
    string? ActivityId,
    string? Authorization,
    Activity? Activity,
    string Body,
    int AnsweredStatus,
    string? AssignedId);
