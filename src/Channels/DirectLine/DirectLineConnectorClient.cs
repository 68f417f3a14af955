using System.Net;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Channels.Serialization;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.DirectLine;

/// <summary>
/// Routes the bot's activities for conversations held by the built-in Direct Line endpoint into their feeds
/// (in process, no HTTP); everything else goes to the wrapped client unchanged.
/// </summary>
/// <remarks>
/// An activity is local when its serviceUrl is <see cref="LocalServiceUrl"/>, the address the endpoint puts on every
/// activity it receives (or when it has no serviceUrl and its Direct Line conversation is held here). Such an activity never leaves the process: when its conversation is no longer held, the send
/// fails instead of falling back to HTTP (the bot's token must never follow a URL a client could have chosen).
/// </remarks>
internal sealed class DirectLineConnectorClient : IConnectorClient
{
    /// <summary>The serviceUrl of activities that arrived over the built-in endpoint (<c>.invalid</c> never resolves).</summary>
    public const string LocalServiceUrl = "https://directline.invalid/v3/directline/";

    private readonly IConnectorClient? _inner;
    private readonly DirectLineConversations _conversations;
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;

    public DirectLineConnectorClient(IConnectorClient? inner, DirectLineConversations conversations, IOptions<DirectLineOptions> options, TimeProvider time)
    {
        _inner = inner;
        _conversations = conversations;
        _options = options.Value;
        _time = time;
    }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return IsLocal(activity)
            ? Task.FromResult(Append(FeedOf(activity.Conversation?.Id), activity, keepId: false))
            : Inner(activity.ServiceUrl).SendAsync(activity, cancellationToken);
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);

        // Web Chat replaces the shown activity that has the same id.
        return IsLocal(activity)
            ? Task.FromResult(Append(FeedOf(activity.Conversation?.Id), activity, keepId: true))
            : Inner(activity.ServiceUrl).UpdateAsync(activity, cancellationToken);
    }

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        // Direct Line 3.0 has no way to take an activity back from a client: nothing to do for local conversations.
        return IsLocalServiceUrl(serviceUrl) || (string.IsNullOrEmpty(serviceUrl) && _conversations.Find(conversationId) is not null)
            ? Task.CompletedTask
            : Inner(serviceUrl).DeleteAsync(serviceUrl, conversationId, activityId, cancellationToken);
    }

    internal static bool IsLocalServiceUrl(string? serviceUrl) => string.Equals(serviceUrl, LocalServiceUrl, StringComparison.OrdinalIgnoreCase);

    // A Direct Line activity built without a serviceUrl (a bot that only copies the conversation) is local when the
    // conversation is held here; it could not go out over HTTP anyway.
    private bool IsLocal(Activity activity) =>
        IsLocalServiceUrl(activity.ServiceUrl)
        || (string.IsNullOrEmpty(activity.ServiceUrl)
            && (activity.ChannelId is null || string.Equals(activity.ChannelId, Activities.Channels.DirectLine, StringComparison.OrdinalIgnoreCase))
            && activity.Conversation?.Id is { Length: > 0 } id && _conversations.Find(id) is not null);

    // The turn pins its feed, so a reply finds it; only a send outside any turn can miss.
    private ConversationFeed FeedOf(string? conversationId) =>
        (string.IsNullOrEmpty(conversationId) ? null : _conversations.Find(conversationId))
        ?? throw new ConnectorException(HttpStatusCode.NotFound, "The Direct Line conversation is no longer held by this server; the activity was not delivered.");

    private ResourceResponse Append(ConversationFeed feed, Activity activity, bool keepId)
    {
        // A copy: the caller's activity object is theirs, the feed's JSON is ours.
        var copy = ActivitySerializer.Deserialize(ActivitySerializer.SerializeToUtf8Bytes(activity))!;
        copy.ChannelId = Activities.Channels.DirectLine;
        copy.From ??= _options.BotAccount();
        var entry = feed.Append(copy, _time.GetUtcNow(), keepId);
        return new ResourceResponse { Id = entry.Id };
    }

    private IConnectorClient Inner(string? serviceUrl) =>
        _inner ?? throw new InvalidOperationException(
            $"No connector client is registered for '{serviceUrl}': only local Direct Line conversations can be answered.");
}
