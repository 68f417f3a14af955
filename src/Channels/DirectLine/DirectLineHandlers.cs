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
    // The start body is tiny ({"user": {...}, "locale"}): anything bigger is not a Direct Line client.
    private const int StartBodyLimit = 16 * 1024;

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

    // POST tokens/generate: the secret (when configured) buys a token for a new conversation. The secret holder (a
    // site's token server) chooses the user id.
    public async Task GenerateTokenAsync(HttpContext context)
    {
        if (!AuthorizeSecret(context, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }

        var start = await ReadStartParametersAsync(context.Request);
        if (start.Failure is { } problem)
        {
            await WriteErrorAsync(context, problem);
            return;
        }

        await IssueForNewConversationAsync(context, UserIdFor(context, start.User));
    }

    // POST <page token path>: the built-in page's token server; issues a token for a new conversation without the
    // secret (the page cannot hold it), for a user id the server picks: a caller-chosen one would let anyone act as (and
    // use up the rate limits of) another user. Off with DirectLine:EnablePageTokens=false.
    public async Task GeneratePageTokenAsync(HttpContext context)
    {
        if (!_options.EnablePageTokens)
        {
            await WriteErrorAsync(context, TokenCheck.Fail(StatusCodes.Status404NotFound, "NotFound", "The built-in Web Chat page is turned off (DirectLine:EnablePageTokens)."));
            return;
        }

        if (FromAnotherSite(context, out var crossSite))
        {
            await WriteErrorAsync(context, crossSite);
            return;
        }

        // The body carries nothing the server uses, but it is still read within the limit (an open endpoint).
        var start = await ReadStartParametersAsync(context.Request);
        if (start.Failure is { } problem)
        {
            await WriteErrorAsync(context, problem);
            return;
        }

        await IssueForNewConversationAsync(context, NewUserId());
    }

    // POST tokens/refresh: a valid token buys a new one for the same conversation and user; the old one is revoked.
    public async Task RefreshTokenAsync(HttpContext context)
    {
        if (!TryOpenConversation(context, conversationId: null, create: true, out var opened, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }

        using var pin = opened.Pin;
        var feed = opened.Feed!;
        var next = feed.Renew(opened.Token!.Generation, _time.GetUtcNow());
        if (next is null)
        {
            await WriteErrorAsync(context, Revoked());
            return;
        }

        // Streams opened with the old token close once its grace ends (see StreamAsync); the client reconnects.
        await WriteTokenAsync(context, StatusCodes.Status200OK, feed, _tokens.Issue(feed.ConversationId, feed.UserId, next.Value), streamUrl: null);
    }

    // POST conversations: with a token, starts that token's conversation; with the secret (or in local mode with
    // nothing), starts a new one. The caller is authenticated before the body is read. The bot gets a conversationUpdate
    // once per conversation (the welcome).
    public async Task StartConversationAsync(HttpContext context)
    {
        var bearer = BearerOf(context.Request);
        Opened opened;
        string token;
        if (bearer is not null && !_tokens.IsSecret(bearer))
        {
            if (!TryOpenConversation(context, conversationId: null, create: true, out opened, out var failure))
            {
                await WriteErrorAsync(context, failure);
                return;
            }

            token = bearer;
        }
        else if (!AuthorizeSecret(context, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }
        else
        {
            opened = default;
            token = string.Empty;
        }

        using var pin = opened.Pin;
        var start = await ReadStartParametersAsync(context.Request);
        if (start.Failure is { } problem)
        {
            await WriteErrorAsync(context, problem);
            return;
        }

        var feed = opened.Feed;
        var refusal = Refusal.None;
        using var created = feed is null ? CreateFor(context, UserIdFor(context, start.User), out refusal) : null;
        if (feed is null)
        {
            if (created?.Feed is not { } fresh)
            {
                await WriteErrorAsync(context, Refused(context, refusal));
                return;
            }

            feed = fresh;
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
                From = new ChannelAccount { Id = feed.UserId, Name = start.User.Name, Role = "user" },
                MembersAdded = [new ChannelAccount { Id = feed.UserId, Name = start.User.Name, Role = "user" }],
                Locale = start.Locale,
            };
            Address(conversationUpdate, feed);
            await RunTurnAsync(feed, conversationUpdate);
        }

        await WriteTokenAsync(context, started ? StatusCodes.Status201Created : StatusCodes.Status200OK, feed, token, StreamUrl(context.Request, feed, token, null));
    }

    // GET conversations/{id}: reconnect; answers a fresh streamUrl that resumes after the given watermark.
    public async Task GetConversationAsync(HttpContext context, string conversationId)
    {
        if (!TryOpenConversation(context, conversationId, create: true, out var opened, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }

        using var pin = opened.Pin;
        var feed = opened.Feed!;
        var token = opened.Token is null
            ? _tokens.Issue(feed.ConversationId, feed.UserId, feed.TokenGeneration)
            : BearerOf(context.Request)!;
        var watermark = context.Request.Query["watermark"].ToString();
        await WriteTokenAsync(context, StatusCodes.Status200OK, feed, token, StreamUrl(context.Request, feed, token, watermark));
    }

    // GET conversations/{id}/activities?watermark=: never a 5xx (Web Chat would stop polling for good), and it never
    // creates a conversation (polling must not push others out): a conversation this process no longer holds reads empty.
    public async Task GetActivitiesAsync(HttpContext context, string conversationId)
    {
        var watermark = context.Request.Query["watermark"].ToString();
        FeedPage page;
        try
        {
            if (!TryOpenConversation(context, conversationId, create: false, out var opened, out var failure))
            {
                await WriteErrorAsync(context, failure);
                return;
            }

            // Let go of the feed at once: a pin left behind kept the conversation busy for good (never idle, never
            // replaced), so a polling page ran out of room after MaxConversationsPerClient conversations.
            using (opened.Pin)
            {
                page = opened.Feed?.Read(watermark) ?? EmptyPage(watermark);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DirectLineLog.ReadFailed(_logger, conversationId, e);
            page = EmptyPage(watermark);
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, writer => WriteActivitySet(writer, page));
    }

    // POST conversations/{id}/activities: echo into the feed, then run the turn; answers {id}.
    public Task PostActivityAsync(HttpContext context, string conversationId) =>
        PostAsync(context, conversationId, c => ActivityReader.ReadAsync(c.Request, _limits, ActivityOrigin.DirectLineClient, c.RequestAborted));

    // POST conversations/{id}/upload: a multipart message with files, then the same path as a posted activity. The
    // file bytes are counted and dropped, never stored: the bot cannot read files, so each file becomes an attachment
    // with its name and content type only (no contentUrl). The userId query parameter is ignored: the token says who.
    public Task UploadAsync(HttpContext context, string conversationId) =>
        PostAsync(context, conversationId, c => UploadReader.ReadAsync(c.Request, _limits, _options.MaxUploadBytes, c.RequestAborted));

    private async Task PostAsync(HttpContext context, string conversationId, Func<HttpContext, Task<ActivityReadResult>> readActivity)
    {
        if (!TryOpenConversation(context, conversationId, create: true, out var opened, out var failure))
        {
            await WriteErrorAsync(context, failure);
            return;
        }

        using var pin = opened.Pin;
        var feed = opened.Feed!;

        // Before the body is read or echoed: one client posting fast must not cost memory or turns.
        if (opened.Token is not null && !_conversations.TryPost(ClientKey(context)))
        {
            context.Response.Headers.RetryAfter = "10";
            await WriteErrorAsync(context, TokenCheck.Fail(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many activities were posted from this address; slow down."));
            return;
        }

        var read = await readActivity(context);
        if (read.Activity is not { } activity)
        {
            await WriteResultAsync(context, read.Rejection!, entryId: null);
            return;
        }

        // The user is who the token says, and a user: a client must not post as the bot. Its name for itself is kept.
        activity.From ??= new ChannelAccount();
        activity.From.Id = feed.UserId;
        activity.From.Role = "user";
        Address(activity, feed);
        feed.MarkUsed();
        var entry = feed.Append(activity, _time.GetUtcNow());

        var forBot = ActivitySerializer.Deserialize(entry.Json)!;
        var result = await RunTurnAsync(feed, forBot);
        if (result.HttpStatus >= 500 && activity.Type == ActivityTypes.Message && _turnHandler is { } bot)
        {
            // The bot's words, not the endpoint's: in the user's language, and the author's where the dialogs say it.
            AppendNotHandled(feed, activity, entry.Id, bot.NotHandledNotice(forBot));
        }

        await WriteResultAsync(context, result, entry.Id);
    }

    // The user's message is echoed before its turn runs (Web Chat shows it as sent once the echo arrives), and Web Chat
    // takes a 5xx on the post as "sent" too and never posts again, unlike a channel. Without a word in the feed the
    // message would be dropped silently when the turn fails (store down, conversation busy, a bug); the user is told to
    // send it again. The turn left nothing behind (it is committed whole or not at all), so sending again is safe.
    private void AppendNotHandled(ConversationFeed feed, Activity message, string echoId, string text)
    {
        var notice = new Activity
        {
            Type = ActivityTypes.Message,
            From = _options.BotAccount(),
            Recipient = new ChannelAccount { Id = feed.UserId, Role = "user" },
            ReplyToId = echoId,
            Locale = message.Locale,
            Text = text,
        };
        notice.ChannelId = Activities.Channels.DirectLine;
        notice.ServiceUrl = DirectLineConnectorClient.LocalServiceUrl;
        feed.Append(notice, _time.GetUtcNow());
        DirectLineLog.NotHandled(_logger, feed.ConversationId);
    }

    // GET conversations/{id}/stream?t=<token>&watermark=: WebSocket push of {activities, watermark} frames. The stream
    // ends when its token expires or is revoked (the client reconnects with its current token), when the conversation
    // is dropped, or when newer streams of the same conversation push it out.
    public async Task StreamAsync(HttpContext context, string conversationId)
    {
        var query = context.Request.Query["t"].ToString();
        if (!TryOpenConversation(context, conversationId, create: true, out var opened, out var failure, string.IsNullOrEmpty(query) ? null : query))
        {
            await WriteErrorAsync(context, failure);
            return;
        }

        var feed = opened.Feed!;
        var token = opened.Token;
        opened.Pin?.Dispose();
        if (token is null)
        {
            await WriteErrorAsync(context, TokenCheck.Fail(StatusCodes.Status403Forbidden, "TokenInvalid", "A stream needs a conversation token, not the secret."));
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await WriteErrorAsync(context, TokenCheck.Fail(StatusCodes.Status400BadRequest, "BadArgument", "This URL only accepts WebSocket connections."));
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var slot = feed.OpenStream(_options.MaxStreamsPerConversation);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping, slot.Token);
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

                if (!page.HasMore)
                {
                    var now = _time.GetUtcNow();
                    if (now >= token.ExpiresAt || !feed.AcceptsToken(token.Generation, now))
                    {
                        reason = "token expired or revoked";
                        break;
                    }

                    // Wake for new activities, for a keep-alive, and at the token's expiry at the latest.
                    var wait = token.ExpiresAt - now < _options.KeepAliveInterval ? token.ExpiresAt - now : _options.KeepAliveInterval;
                    try
                    {
                        await feed.WaitForChangeAsync(page.LastSequence, closed.Token).WaitAsync(wait, _time, closed.Token);
                    }
                    catch (TimeoutException)
                    {
                        if (_time.GetUtcNow() < token.ExpiresAt)
                        {
                            feed.Touch(_time.GetUtcNow());
                            await SendAsync(socket, [], closed.Token);
                        }
                    }
                }

                page = feed.Read(page.Watermark);
            }
        }
        catch (OperationCanceledException)
        {
            reason = _stopping.IsCancellationRequested ? "server stopping"
                : slot.IsCancellationRequested ? "replaced by a newer stream or conversation dropped"
                : reason;
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The connection broke; the client reconnects with GET conversations/{id} and its watermark.
            reason = e.GetType().Name;
        }
        finally
        {
            feed.CloseStream(slot);
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

            slot.Dispose();
            DirectLineLog.StreamEnded(_logger, conversationId, reason);
        }
    }

    private async Task IssueForNewConversationAsync(HttpContext context, string userId)
    {
        using var created = CreateFor(context, userId, out var refusal);
        if (created?.Feed is not { } feed)
        {
            await WriteErrorAsync(context, Refused(context, refusal));
            return;
        }

        await WriteTokenAsync(context, StatusCodes.Status200OK, feed, _tokens.Issue(feed.ConversationId, feed.UserId), streamUrl: null);
    }

    // Without the secret the caller is anonymous: the conversation counts against its address.
    private Created? CreateFor(HttpContext context, string userId, out Refusal refusal)
    {
        var client = _tokens.IsSecret(BearerOf(context.Request)) ? null : ClientKey(context);
        return _conversations.Create(userId, client, out refusal);
    }

    private static TokenCheck Refused(HttpContext context, Refusal refusal)
    {
        if (refusal == Refusal.ClientTooFast)
        {
            context.Response.Headers.RetryAfter = "60";
            return TokenCheck.Fail(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many conversations were started from this address; wait a minute.");
        }

        context.Response.Headers.RetryAfter = "10";
        return TokenCheck.Fail(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "Too many conversations are busy right now; try again shortly.");
    }

    private static TokenCheck Revoked() =>
        TokenCheck.Fail(StatusCodes.Status403Forbidden, "TokenExpired", "The token was replaced by a refresh; use the new one.");

    private static FeedPage EmptyPage(string? watermark) =>
        new([], string.IsNullOrEmpty(watermark) ? "0" : watermark, 0);

    private static string NewUserId() => "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    // Only the secret holder (a site's token server, which knows its users) picks the user id; anonymous callers get one.
    private string UserIdFor(HttpContext context, ChannelAccount requested) =>
        _tokens.IsSecret(BearerOf(context.Request)) ? requested.Id! : NewUserId();

    /// <summary>
    /// The client a request counts against: its IP address (an IPv6 /64, the block one subscriber usually holds).
    /// Behind a reverse proxy, the host must apply forwarded headers (UseForwardedHeaders) for this to be the client.
    /// </summary>
    internal static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        return Convert.ToHexStringLower(bytes.AsSpan(0, 8)) + "/64";
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

        // Not the request's token: a client that stops waiting must not cut the bot's answer short. The caller holds a
        // pin on the feed for as long as this runs, so the answer always finds it.
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

    // The service URL is a fixed in-process address, never one built from the request (its Host header is the
    // client's to choose): replies to it go into the feed and nowhere else (DirectLineConnectorClient).
    private void Address(Activity activity, ConversationFeed feed)
    {
        activity.ChannelId = Activities.Channels.DirectLine;
        activity.ServiceUrl = DirectLineConnectorClient.LocalServiceUrl;
        activity.Conversation ??= new ConversationAccount();
        activity.Conversation.Id = feed.ConversationId;
        activity.Recipient = _options.BotAccount();
    }

    // Who may start a conversation without a token: the secret holder, or (no secret configured) anyone but a page of
    // another site.
    private bool AuthorizeSecret(HttpContext context, out TokenCheck failure)
    {
        failure = default;
        if (!_tokens.RequiresSecret)
        {
            return !FromAnotherSite(context, out failure);
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

    /// <summary>
    /// True (and the 403) when a browser says a page of another site sent the request (<c>Sec-Fetch-Site: cross-site</c>)
    /// to start a conversation without the secret. Such a page can send a plain POST without asking first (no CORS
    /// preflight) and never reads the answer (no CORS headers), so all it did was start a conversation, with its welcome
    /// turn, on its visitor's address and quota; nothing legitimate comes from there: the built-in page is same-origin,
    /// and other sites use their own token server with the secret (a header, so the browser asks first and is refused).
    /// </summary>
    private static bool FromAnotherSite(HttpContext context, out TokenCheck failure)
    {
        failure = default;
        if (!string.Equals(context.Request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        failure = TokenCheck.Fail(StatusCodes.Status403Forbidden, "Forbidden", "Conversations cannot be started from another site's page.");
        return true;
    }

    /// <summary>
    /// Checks the bearer (or <paramref name="queryToken"/>) against the conversation: the secret may act on any held
    /// conversation; a token only on its own, while neither expired nor revoked. With <paramref name="create"/>, a
    /// conversation a valid token names is re-created when this process no longer holds it (counted against the
    /// caller's address); without, <see cref="Opened.Feed"/> is null then. A null <paramref name="conversationId"/>
    /// means "the token's conversation". The opened feed is pinned until <see cref="Opened.Pin"/> is disposed.
    /// </summary>
    private bool TryOpenConversation(HttpContext context, string? conversationId, bool create, out Opened opened, out TokenCheck failure, string? queryToken = null)
    {
        opened = default;
        failure = default;
        var bearer = queryToken ?? BearerOf(context.Request);
        if (conversationId is not null && _tokens.IsSecret(bearer))
        {
            // The secret may act on any conversation, but only on ones that exist.
            var existing = _conversations.Find(conversationId);
            if (existing is null)
            {
                failure = TokenCheck.Fail(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");
                return false;
            }

            opened = new Opened(existing, existing.BeginTurn(), Token: null);
            return true;
        }

        var check = _tokens.Validate(bearer);
        if (!check.Succeeded)
        {
            failure = check;
            return false;
        }

        var token = check.Token!;
        if (conversationId is not null && !string.Equals(token.ConversationId, conversationId, StringComparison.Ordinal))
        {
            failure = TokenCheck.Fail(StatusCodes.Status403Forbidden, "TokenInvalid", "The token is for another conversation.");
            return false;
        }

        ConversationFeed? feed;
        IDisposable? pin;
        if (create)
        {
            if (_conversations.GetOrAdd(token.ConversationId, token.UserId, ClientKey(context), out var refusal) is not { } made)
            {
                failure = Refused(context, refusal);
                return false;
            }

            (feed, pin) = made;
        }
        else
        {
            feed = _conversations.Find(token.ConversationId);
            pin = feed?.BeginTurn();
        }

        if (feed is not null && !feed.AcceptsToken(token.Generation, _time.GetUtcNow()))
        {
            pin?.Dispose();
            failure = Revoked();
            return false;
        }

        opened = new Opened(feed, pin, token);
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

    private static string StreamUrl(HttpRequest request, ConversationFeed feed, string token, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}{DirectLineEndpointRouteBuilderExtensions.RoutePrefix}/conversations/{Uri.EscapeDataString(feed.ConversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return string.IsNullOrEmpty(watermark) ? url : url + "&watermark=" + Uri.EscapeDataString(watermark);
    }

    // The optional body of tokens/generate and conversations: {"user": {"id", "name"}, "locale"}. Read only after the
    // caller is authorised, never beyond StartBodyLimit; an unreadable body is treated as absent (as before).
    private async Task<StartParameters> ReadStartParametersAsync(HttpRequest request)
    {
        string? id = null, name = null, locale = null;
        var (body, failure) = await ReadBodyAsync(request, StartBodyLimit);
        if (body is null)
        {
            return new StartParameters(new ChannelAccount(), null, failure);
        }

        if (body.Length > 0)
        {
            try
            {
                using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
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
            id = NewUserId();
        }

        // Web Chat starts the conversation without a body, so the welcome would come in the bot's default language; the
        // browser's own language (Accept-Language, sent with every fetch) is what the user reads.
        locale = LanguageTag.Clean(locale) ?? PreferredLanguage(request);
        return new StartParameters(new ChannelAccount { Id = id, Name = name is { Length: <= 128 } ? name : null }, locale, null);
    }

    // The Accept-Language tag with the highest weight (the first of equals); "*" and tags weighted 0 name no language.
    private static string? PreferredLanguage(HttpRequest request)
    {
        IList<Microsoft.Net.Http.Headers.StringWithQualityHeaderValue> languages;
        try
        {
            languages = request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            return null;
        }

        string? best = null;
        var bestWeight = 0.0;
        foreach (var language in languages)
        {
            var weight = language.Quality ?? 1.0;
            if (weight > bestWeight && LanguageTag.Clean(language.Value.Value) is { } tag)
            {
                best = tag;
                bestWeight = weight;
            }
        }

        return best;
    }

    /// <summary>
    /// The request body, or a 413 without reading further once it exceeds <paramref name="limit"/> (a Content-Length over
    /// it is refused before anything is read; chunked bodies are cut off while reading).
    /// </summary>
    private static async Task<(byte[]? Body, TokenCheck Failure)> ReadBodyAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)n : 1024);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(4096), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return (null, TooLarge(limit));
                }
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, TokenCheck.Fail(e.StatusCode, "BadArgument", "The request body could not be read."));
        }

        return (buffer.WrittenSpan.ToArray(), default);
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
    // invoke (as /api/messages answers it; a failed invoke without a body, e.g. 501, as an error), else
    // {"error":{code,message}} with the status /api/messages would give.
    private async Task WriteResultAsync(HttpContext context, TurnResult result, string? entryId)
    {
        if (result.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (result.InvokeResponse is { } invoke && (invoke.Body is { ValueKind: not JsonValueKind.Undefined } || result.HttpStatus < 400))
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

        var code = result.HttpStatus switch
        {
            StatusCodes.Status413PayloadTooLarge => "MessageSizeTooBig",
            >= 500 => "BotError",
            _ => "BadArgument",
        };
        await WriteErrorAsync(context, TokenCheck.Fail(result.HttpStatus, code, result.Reason ?? "The activity was not processed."));
    }

    private static void WriteId(Utf8JsonWriter writer, string? id)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteEndObject();
    }

    private static TokenCheck TooLarge(int limit) =>
        TokenCheck.Fail(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The body is larger than {limit} bytes.");

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

/// <summary>A conversation a request may act on, pinned until <see cref="Pin"/> is disposed; <see cref="Token"/> is null for the secret.</summary>
internal readonly record struct Opened(ConversationFeed? Feed, IDisposable? Pin, DirectLineToken? Token);

/// <summary>What a client said when starting a conversation, or why its body was refused.</summary>
internal sealed record StartParameters(ChannelAccount User, string? Locale, TokenCheck? Failure);
