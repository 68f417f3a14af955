using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.DirectLine;

/// <summary>
/// The in-memory registry of Direct Line conversations, bounded in count (least recently used dropped first) and in
/// time (idle conversations dropped). Dropping a feed loses only its backlog: the dialog state lives in the store.
/// </summary>
internal sealed class DirectLineConversations
{
    private readonly ConcurrentDictionary<string, ConversationFeed> _feeds = new(StringComparer.Ordinal);
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _evictionGate = new();

    public DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    public int Count => _feeds.Count;

    /// <summary>Creates a conversation with a fresh random id for the user.</summary>
    public ConversationFeed Create(string userId)
    {
        // 128 random bits, URL-safe: ids are not secrets (tokens are), but they should not be guessable either.
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return GetOrAdd(id, userId);
    }

    /// <summary>The conversation if it is still held; touches it.</summary>
    public ConversationFeed? Find(string conversationId)
    {
        if (!_feeds.TryGetValue(conversationId, out var feed))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (now - feed.LastActive > _options.ConversationIdleTimeout)
        {
            _feeds.TryRemove(new KeyValuePair<string, ConversationFeed>(conversationId, feed));
            return null;
        }

        feed.Touch(now);
        return feed;
    }

    /// <summary>
    /// The conversation, re-created empty when a valid token names one this process no longer holds (dropped when idle,
    /// or the server restarted with the same signing key): the client keeps working instead of seeing "conversation ended".
    /// </summary>
    public ConversationFeed GetOrAdd(string conversationId, string userId)
    {
        var feed = Find(conversationId);
        if (feed is not null)
        {
            return feed;
        }

        MakeRoom();
        return _feeds.GetOrAdd(conversationId, id => new ConversationFeed(id, userId, _options.MaxActivitiesPerConversation, _time.GetUtcNow()));
    }

    private void MakeRoom()
    {
        lock (_evictionGate)
        {
            if (_feeds.Count < _options.MaxConversations)
            {
                return;
            }

            var now = _time.GetUtcNow();
            foreach (var (id, feed) in _feeds)
            {
                if (now - feed.LastActive > _options.ConversationIdleTimeout)
                {
                    _feeds.TryRemove(new KeyValuePair<string, ConversationFeed>(id, feed));
                }
            }

            while (_feeds.Count >= _options.MaxConversations)
            {
                var oldest = _feeds.Values.MinBy(f => f.LastActive);
                if (oldest is null || !_feeds.TryRemove(new KeyValuePair<string, ConversationFeed>(oldest.ConversationId, oldest)))
                {
                    break;
                }
            }
        }
    }
}
