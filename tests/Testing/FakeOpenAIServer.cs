using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Chatbot.Testing;

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 (free port) that answers chat completions from a per-test script,
/// Azure style (<c>/openai/deployments/{deployment}/chat/completions</c>) and OpenAI style (<c>/v1/chat/completions</c>).
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private FakeOpenAIServer(WebApplication app) => _app = app;

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completes when a request arrives (reset with <see cref="ExpectRequest"/>).</summary>
    public TaskCompletionSource RequestArrived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAIServer(app);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", server.HandleAsync);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException();
        server.BaseUri = new Uri(address);
        return server;
    }

    public void ExpectRequest() => RequestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the next request with a successful completion whose message content is <paramref name="content"/>.</summary>
    public void EnqueueContent(string content, string finishReason = "stop") =>
        _script.Enqueue(ctx => WriteCompletion(ctx, content, finishReason, refusal: null));

    /// <summary>Answers with structured commands.</summary>
    public void EnqueueCommands(params object[] commands) =>
        EnqueueContent(JsonSerializer.Serialize(new { commands }));

    public void EnqueueRefusal(string refusal) => _script.Enqueue(ctx => WriteCompletion(ctx, null, "stop", refusal));

    public void EnqueueStatus(int status, string? retryAfter = null) => _script.Enqueue(async ctx =>
    {
        ctx.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            ctx.Response.Headers.RetryAfter = retryAfter;
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync("""{"error":{"message":"scripted failure","type":"server_error","code":"scripted"}}""");
    });

    /// <summary>Holds the next request until <paramref name="release"/> completes (or the client gives up), then answers <paramref name="content"/> (a slow model).</summary>
    public void EnqueueHang(Task release, string content = """{"commands":[]}""") => _script.Enqueue(async ctx =>
    {
        try
        {
            await release.WaitAsync(ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await WriteCompletion(ctx, content, "stop", null);
    });

    /// <summary>Answers the next request with 200 and <paramref name="body"/> as the whole JSON body (a completion of an odd shape).</summary>
    public void EnqueueBody(string body) => _script.Enqueue(ctx =>
    {
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(body);
    });

    /// <summary>Sends 200 and the first half of a completion, then drops the connection (a proxy or the model server dying mid-answer).</summary>
    public void EnqueueDroppedBody(string content = """{"commands":[]}""") => _script.Enqueue(async ctx =>
    {
        var body = Completion(content, "stop", null);
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.WriteAsync(body[..(body.Length / 2)]);
        await ctx.Response.Body.FlushAsync();
        ctx.Abort();
    });

    /// <summary>
    /// Sends the next answer's status, headers and first half of its body at once, then holds the rest until
    /// <paramref name="release"/> completes (or the client gives up): a stalled, slow body.
    /// </summary>
    public void EnqueueStalledBody(Task release, string content = """{"commands":[]}""") => _script.Enqueue(async ctx =>
    {
        var body = Completion(content, "stop", null);
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body[..(body.Length / 2)]);
        await ctx.Response.Body.FlushAsync();
        try
        {
            await release.WaitAsync(ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await ctx.Response.WriteAsync(body[(body.Length / 2)..]);
    });

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString(), context.Request.Headers["api-key"].ToString(), JsonNode.Parse(body)!));
        RequestArrived.TrySetResult();
        if (_script.TryDequeue(out var step))
        {
            await step(context);
        }
        else
        {
            context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
            await context.Response.WriteAsync("no scripted answer");
        }
    }

    private static Task WriteCompletion(HttpContext context, string? content, string finishReason, string? refusal)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Completion(content, finishReason, refusal));
    }

    private static string Completion(string? content, string finishReason, string? refusal)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = refusal };
        var response = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "gpt-4o-test",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 321, ["completion_tokens"] = 12, ["total_tokens"] = 333 },
        };
        return response.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the server saw it.</summary>
public sealed record RecordedRequest(string PathAndQuery, string Authorization, string ApiKey, JsonNode Body)
{
    public string SystemPrompt => Body["messages"]![0]!["content"]!.ToString();

    public string UserPrompt => Body["messages"]![1]!["content"]!.ToString();
}
