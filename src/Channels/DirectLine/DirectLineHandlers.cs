using System.Buffers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.DirectLine;

/// <summary>
/// The Direct Line 3.0 requests Web Chat makes. Errors use Direct Line's shape <c>{"error":{"code","message"}}</c>;
/// the polling GET never answers 5xx (Web Chat would stop polling for good).
/// </summary>
internal sealed class DirectLineHandlers
{
    private readonly DirectLineConversations _conversations;
    private readonly DirectLineTokenService _tokens;
    private readonly DirectLineOptions _options;
    private readonly LimitsOptions _limits;
    private readonly TimeProvider _time;
    private readonly IDirectLineTurnHandler? _turnHandler;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private int _warnedNoHandler;

    public DirectLineHandlers(
        DirectLineConversations conversations,
        DirectLineTokenService tokens,
        IOptions<DirectLineOptions> options,
        IOptions<LimitsOptions> limits,
        TimeProvider time,
        ILogger<DirectLineHandlers> logger,
        IServiceProvider services)
    {
        _conversations = conversations;
        _tokens = tokens;
        _options = options.Value;
        _limits = WithBodyLimit(limits.Value, Math.Min(limits.Value.MaxBodyBytes, _options.MaxActivityBytes));
        _time = time;
        _logger = logger;
        _turnHandler = (IDirectLineTurnHandler?)services.GetService(typeof(IDirectLineTurnHandler));
        _stopping = ((IHostApplicationLifetime?)services.GetService(typeof(IHostApplicationLifetime)))?.ApplicationStopping ?? CancellationToken.None;
    }

    // POST tokens/generate: the secret (when configured) buys a token for a new conversation.
    public async Task GenerateTokenAsync(HttpContext context)
    {
        if (!AuthorizeSecret(context, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }

        var (user, _) = await ReadStartParametersAsync(context.Request);
        var feed = _conversations.Create(user.Id!);
        await WriteTokenAsync(context, StatusCodes.Status200OK, feed, _tokens.Issue(feed.ConversationId, feed.UserId), streamUrl: null);
    }

    // POST <page token path>: the built-in page's token server; issues a token for a new conversation without the
    // secret (the page cannot hold it). Off with DirectLine:EnablePageTokens=false.
    public async Task GeneratePageTokenAsync(HttpContext context)
    {
        if (!_options.EnablePageTokens)
        {
            await WriteErrorAsync(context, TokenCheck.Fail(StatusCodes.Status404NotFound, "NotFound", "The built-in Web Chat page is turned off (DirectLine:EnablePageTokens)."));
            return;
        }

        var (user, _) = await ReadStartParametersAsync(context.Request);
        var feed = _conversations.Create(user.Id!);
        await WriteTokenAsync(context, StatusCodes.Status200OK, feed, _tokens.Issue(feed.ConversationId, feed.UserId), streamUrl: null);
    }

    // POST tokens/refresh: a valid token buys a new one for the same conversation and user.
    public async Task RefreshTokenAsync(HttpContext context)
    {
        var check = _tokens.Validate(BearerOf(context.Request));
        if (!check.Succeeded)
        {
            await WriteErrorAsync(context, check);
            return;
        }

        var token = check.Token!;
        var feed = _conversations.GetOrAdd(token.ConversationId, token.UserId);
        await WriteTokenAsync(context, StatusCodes.Status200OK, feed, _tokens.Issue(feed.ConversationId, feed.UserId), streamUrl: null);
    }

    // POST conversations: with a token, starts that token's conversation; with the secret (or in local mode with
    // nothing), starts a new one. The bot gets a conversationUpdate once per conversation (the welcome).
    public async Task StartConversationAsync(HttpContext context)
    {
        var bearer = BearerOf(context.Request);
        var (user, locale) = await ReadStartParametersAsync(context.Request);
        ConversationFeed feed;
        string token;
        if (bearer is not null && !_tokens.IsSecret(bearer))
        {
            var check = _tokens.Validate(bearer);
            if (!check.Succeeded)
            {
                await WriteErrorAsync(context, check);
                return;
            }

            feed = _conversations.GetOrAdd(check.Token!.ConversationId, check.Token.UserId);
            token = bearer;
        }
        else if (!AuthorizeSecret(context, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }
        else
        {
            feed = _conversations.Create(user.Id!);
            token = _tokens.Issue(feed.ConversationId, feed.UserId);
        }

        var started = feed.TryMarkStarted();
        if (started)
        {
            DirectLineLog.ConversationStarted(_logger, feed.ConversationId);
            var conversationUpdate = new Activity
            {
                Type = ActivityTypes.ConversationUpdate,
                Id = feed.ConversationId + "|start",
                Timestamp = _time.GetUtcNow(),
                From = new ChannelAccount { Id = feed.UserId, Name = user.Name, Role = "user" },
                MembersAdded = [new ChannelAccount { Id = feed.UserId, Name = user.Name, Role = "user" }],
                Locale = locale,
            };
            Address(conversationUpdate, feed, context.Request);
            await RunTurnAsync(feed, conversationUpdate);
        }

        await WriteTokenAsync(context, started ? StatusCodes.Status201Created : StatusCodes.Status200OK, feed, token, StreamUrl(context.Request, feed, token, null));
    }

    // GET conversations/{id}: reconnect; answers a fresh streamUrl that resumes after the given watermark.
    public async Task GetConversationAsync(HttpContext context, string conversationId)
    {
        if (!AuthorizeConversation(context, conversationId, out var feed, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }

        var token = BearerOf(context.Request)!;
        if (_tokens.IsSecret(token))
        {
            token = _tokens.Issue(feed.ConversationId, feed.UserId);
        }

        var watermark = context.Request.Query["watermark"].ToString();
        await WriteTokenAsync(context, StatusCodes.Status200OK, feed, token, StreamUrl(context.Request, feed, token, watermark));
    }

    // GET conversations/{id}/activities?watermark=: never a 5xx.
    public async Task GetActivitiesAsync(HttpContext context, string conversationId)
    {
        var watermark = context.Request.Query["watermark"].ToString();
        FeedPage page;
        try
        {
            if (!AuthorizeConversation(context, conversationId, out var feed, out var failure))
            {
                await WriteErrorAsync(context, failure);
                return;
            }

            page = feed.Read(watermark);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DirectLineLog.ReadFailed(_logger, conversationId, e);
            page = new FeedPage([], string.IsNullOrEmpty(watermark) ? "0" : watermark, 0);
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, writer => WriteActivitySet(writer, page));
    }

    // POST conversations/{id}/activities: echo into the feed, then run the turn; answers {id}.
    public async Task PostActivityAsync(HttpContext context, string conversationId)
    {
        if (!AuthorizeConversation(context, conversationId, out var feed, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }

        var read = await ActivityReader.ReadAsync(context.Request, _limits, ActivityOrigin.DirectLineClient, context.RequestAborted);
        if (read.Activity is not { } activity)
        {
            await WriteResultAsync(context, read.Rejection!, entryId: null);
            return;
        }

        // The user is who the token says; the client's name for itself is kept.
        activity.From ??= new ChannelAccount();
        activity.From.Id = feed.UserId;
        activity.From.Role ??= "user";
        Address(activity, feed, context.Request);
        var entry = feed.Append(activity, _time.GetUtcNow());

        var forBot = ActivitySerializer.Deserialize(entry.Json)!;
        var result = await RunTurnAsync(feed, forBot);
        await WriteResultAsync(context, result, entry.Id);
    }

    // GET conversations/{id}/stream?t=<token>&watermark=: WebSocket push of {activities, watermark} frames.
    public async Task StreamAsync(HttpContext context, string conversationId)
    {
        var token = context.Request.Query["t"].ToString();
        var check = _tokens.Validate(string.IsNullOrEmpty(token) ? BearerOf(context.Request) : token);
        if (check.Succeeded && !string.Equals(check.Token!.ConversationId, conversationId, StringComparison.Ordinal))
        {
            check = TokenCheck.Fail(StatusCodes.Status403Forbidden, "TokenInvalid", "The token is for another conversation.");
        }

        if (!check.Succeeded)
        {
            await WriteErrorAsync(context, check);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await WriteErrorAsync(context, TokenCheck.Fail(StatusCodes.Status400BadRequest, "BadArgument", "This URL only accepts WebSocket connections."));
            return;
        }

        var feed = _conversations.GetOrAdd(conversationId, check.Token!.UserId);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
        var draining = DrainAsync(socket, closed);
        var reason = "closed by client";
        try
        {
            var page = feed.Read(context.Request.Query["watermark"].ToString());
            while (!closed.IsCancellationRequested)
            {
                if (page.Activities.Count > 0)
                {
                    await SendAsync(socket, Serialize(writer => WriteActivitySet(writer, page)), closed.Token);
                }

                try
                {
                    await feed.WaitForChangeAsync(page.LastSequence, closed.Token).WaitAsync(_options.KeepAliveInterval, _time, closed.Token);
                }
                catch (TimeoutException)
                {
                    feed.Touch(_time.GetUtcNow());
                    await SendAsync(socket, [], closed.Token);
                }

                page = feed.Read(page.Watermark);
            }
        }
        catch (OperationCanceledException)
        {
            reason = _stopping.IsCancellationRequested ? "server stopping" : reason;
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The connection broke; the client reconnects with GET conversations/{id} and its watermark.
            reason = e.GetType().Name;
        }
        finally
        {
            await closed.CancelAsync();
            await draining;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException)
                {
                    // The client went away first; nothing left to tell it.
                }
            }

            DirectLineLog.StreamEnded(_logger, conversationId, reason);
        }
    }

    private async Task<TurnResult> RunTurnAsync(ConversationFeed feed, Activity activity)
    {
        if (_turnHandler is null)
        {
            if (Interlocked.Exchange(ref _warnedNoHandler, 1) == 0)
            {
                DirectLineLog.NoTurnHandler(_logger);
            }

            return TurnResult.Ok;
        }

        // Not the request's token: a client that stops waiting must not cut the bot's answer short.
        await feed.TurnGate.WaitAsync(_stopping);
        try
        {
            return await _turnHandler.HandleAsync(activity, _stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // The handler's contract is to answer failures as results; this is a bug in it, so log it in full.
            DirectLineLog.TurnFailed(_logger, feed.ConversationId, e);
            return new TurnResult(StatusCodes.Status500InternalServerError, "The bot could not process this activity.");
        }
        finally
        {
            feed.TurnGate.Release();
        }
    }

    private void Address(Activity activity, ConversationFeed feed, HttpRequest request)
    {
        activity.ChannelId = Activities.Channels.DirectLine;
        activity.ServiceUrl = BaseUrl(request);
        activity.Conversation ??= new ConversationAccount();
        activity.Conversation.Id = feed.ConversationId;
        activity.Recipient = new ChannelAccount { Id = _options.BotId, Name = _options.BotName, Role = "bot" };
    }

    private bool AuthorizeSecret(HttpContext context, out TokenCheck failure)
    {
        failure = default;
        if (!_tokens.RequiresSecret)
        {
            return true;
        }

        var bearer = BearerOf(context.Request);
        if (bearer is null)
        {
            failure = TokenCheck.Fail(StatusCodes.Status401Unauthorized, "MissingSecret", "The Direct Line secret is required (Authorization: Bearer <secret>).");
            return false;
        }

        if (!_tokens.IsSecret(bearer))
        {
            failure = TokenCheck.Fail(StatusCodes.Status403Forbidden, "BadSecret", "The Direct Line secret is not valid.");
            return false;
        }

        return true;
    }

    private bool AuthorizeConversation(HttpContext context, string conversationId, out ConversationFeed feed, out TokenCheck failure)
    {
        feed = null!;
        failure = default;
        var bearer = BearerOf(context.Request);
        if (_tokens.IsSecret(bearer))
        {
            // The secret may act on any conversation, but only on ones that exist.
            var existing = _conversations.Find(conversationId);
            if (existing is null)
            {
                failure = TokenCheck.Fail(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");
                return false;
            }

            feed = existing;
            return true;
        }

        var check = _tokens.Validate(bearer);
        if (!check.Succeeded)
        {
            failure = check;
            return false;
        }

        if (!string.Equals(check.Token!.ConversationId, conversationId, StringComparison.Ordinal))
        {
            failure = TokenCheck.Fail(StatusCodes.Status403Forbidden, "TokenInvalid", "The token is for another conversation.");
            return false;
        }

        feed = _conversations.GetOrAdd(conversationId, check.Token.UserId);
        return true;
    }

    private static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && header.Length > Prefix.Length
            ? header[Prefix.Length..].Trim()
            : null;
    }

    private static string BaseUrl(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{DirectLineEndpointRouteBuilderExtensions.RoutePrefix}";

    private static string StreamUrl(HttpRequest request, ConversationFeed feed, string token, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}{DirectLineEndpointRouteBuilderExtensions.RoutePrefix}/conversations/{Uri.EscapeDataString(feed.ConversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return string.IsNullOrEmpty(watermark) ? url : url + "&watermark=" + Uri.EscapeDataString(watermark);
    }

    private static async Task<(ChannelAccount User, string? Locale)> ReadStartParametersAsync(HttpRequest request)
    {
        string? id = null, name = null, locale = null;
        if (request.ContentLength is > 0 and < 16 * 1024 || (request.ContentLength is null && request.ContentType is not null))
        {
            try
            {
                using var doc = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object)
                    {
                        id = user.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                        name = user.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    }

                    locale = root.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // The body is optional; an unreadable one is treated as absent.
            }
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            id = "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        }

        return (new ChannelAccount { Id = id, Name = name is { Length: <= 128 } ? name : null }, locale is { Length: <= 32 } ? locale : null);
    }

    private static LimitsOptions WithBodyLimit(LimitsOptions limits, int maxBodyBytes) => new()
    {
        MaxBodyBytes = maxBodyBytes,
        MaxJsonDepth = limits.MaxJsonDepth,
        MaxTextLength = limits.MaxTextLength,
        MaxAttachments = limits.MaxAttachments,
        MaxEntities = limits.MaxEntities,
    };

    // The turn's answer in Direct Line's shape: {id} for a handled activity, the invoke's own status and body for an
    // invoke (as /api/messages answers it), else {"error":{code,message}} with the status /api/messages would give.
    private async Task WriteResultAsync(HttpContext context, TurnResult result, string? entryId)
    {
        if (result.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (result.InvokeResponse is { } invoke)
        {
            await WriteJsonAsync(context, result.HttpStatus, writer =>
            {
                if (invoke.Body is { ValueKind: not JsonValueKind.Undefined } body)
                {
                    body.WriteTo(writer);
                }
                else
                {
                    WriteId(writer, entryId);
                }
            });
            return;
        }

        if (result.IsSuccess)
        {
            await WriteJsonAsync(context, StatusCodes.Status200OK, writer => WriteId(writer, entryId));
            return;
        }

        var code = result.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "MessageSizeTooBig",
            >= 500 => "BotError",
            _ => "BadArgument",
        };
        await WriteErrorAsync(context, TokenCheck.Fail(result.StatusCode, code, result.Reason ?? "The activity was not processed."));
    }

    private static void WriteId(Utf8JsonWriter writer, string? id)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteEndObject();
    }

    private Task WriteTokenAsync(HttpContext context, int status, ConversationFeed feed, string token, string? streamUrl) =>
        WriteJsonAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("conversationId", feed.ConversationId);
            writer.WriteString("token", token);
            writer.WriteNumber("expires_in", (long)_tokens.Lifetime.TotalSeconds);
            if (streamUrl is not null)
            {
                writer.WriteString("streamUrl", streamUrl);
            }

            writer.WriteEndObject();
        });

    private Task WriteErrorAsync(HttpContext context, TokenCheck failure)
    {
        DirectLineLog.Rejected(_logger, failure.Code ?? "Unknown");
        return WriteJsonAsync(context, failure.Status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", failure.Code);
            writer.WriteString("message", failure.Reason);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void WriteActivitySet(Utf8JsonWriter writer, FeedPage page)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("activities");
        foreach (var entry in page.Activities)
        {
            writer.WriteRawValue(entry.Json, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteString("watermark", page.Watermark);
        writer.WriteEndObject();
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var body = Serialize(write);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task SendAsync(WebSocket socket, byte[] frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    // Direct Line clients send only empty pings; reading them is how a close from the client is noticed.
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Closed either way.
        }

        await closed.CancelAsync();
    }
}
