using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Channels.Serialization;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.DirectLine;

/// <summary>
/// Routes the bot's activities for conversations held by the built-in Direct Line endpoint into their feeds
/// (in process, no HTTP); everything else goes to the wrapped client unchanged.
/// </summary>
internal sealed class DirectLineConnectorClient : IConnectorClient
{
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
        var feed = FindLocal(activity);
        return feed is null
            ? Inner(activity.ServiceUrl).SendAsync(activity, cancellationToken)
            : Task.FromResult(Append(feed, activity, keepId: false));
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var feed = FindLocal(activity);

        // Web Chat replaces the shown activity that has the same id.
        return feed is null
            ? Inner(activity.ServiceUrl).UpdateAsync(activity, cancellationToken)
            : Task.FromResult(Append(feed, activity, keepId: true));
    }

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        // Direct Line 3.0 has no way to take an activity back from a client: nothing to do for local conversations.
        return _conversations.Find(conversationId) is not null
            ? Task.CompletedTask
            : Inner(serviceUrl).DeleteAsync(serviceUrl, conversationId, activityId, cancellationToken);
    }

    private ConversationFeed? FindLocal(Activity activity)
    {
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            return null;
        }

        var isDirectLine = activity.ChannelId is null
            || string.Equals(activity.ChannelId, Activities.Channels.DirectLine, StringComparison.OrdinalIgnoreCase);
        return isDirectLine ? _conversations.Find(conversationId) : null;
    }

    private ResourceResponse Append(ConversationFeed feed, Activity activity, bool keepId)
    {
        // A copy: the caller's activity object is theirs, the feed's JSON is ours.
        var copy = ActivitySerializer.Deserialize(ActivitySerializer.SerializeToUtf8Bytes(activity))!;
        copy.ChannelId = Activities.Channels.DirectLine;
        copy.From ??= new ChannelAccount { Id = _options.BotId, Name = _options.BotName, Role = "bot" };
        var entry = feed.Append(copy, _time.GetUtcNow(), keepId);
        return new ResourceResponse { Id = entry.Id };
    }

    private IConnectorClient Inner(string? serviceUrl) =>
        _inner ?? throw new InvalidOperationException(
            $"No connector client is registered for '{serviceUrl}': only local Direct Line conversations can be answered.");
}
