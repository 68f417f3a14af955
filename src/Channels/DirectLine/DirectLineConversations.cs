using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.DirectLine;

/// <summary>
/// The in-memory registry of Direct Line conversations, bounded in count, in bytes (per conversation and in total) and
/// in time (idle conversations dropped). Dropping a feed loses only its backlog: the dialog state lives in the store.
/// </summary>
/// <remarks>
/// Who can push whom out: a conversation whose turn is running is never dropped (the bot's answer must land in it). A
/// client without the secret holds at most <see cref="DirectLineOptions.MaxConversationsPerClient"/> conversations; a
/// new one beyond that replaces the client's own oldest, so one client alone cannot push out anyone else's. When the
/// whole registry is full, conversations nobody has written in go first, then the least recently used.
/// </remarks>
internal sealed class DirectLineConversations
{
    private readonly ConcurrentDictionary<string, ConversationFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ClientQuotas _clients;
    private readonly DirectLineOptions _options;
    private readonly FeedLimits _limits;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ByteBudget _budget;

    public DirectLineConversations(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _limits = FeedLimits.From(_options);
        _time = time;
        _budget = new ByteBudget(_options.MaxTotalBytes, MakeRoomForBytes);
        _clients = new ClientQuotas(_options, time);
    }

    public int Count => _feeds.Count;

    /// <summary>Bytes of activity JSON held by all conversations.</summary>
    public long TotalBytes => _budget.Used;

    /// <summary>
    /// Creates a conversation with a fresh random id for the user, pinned for its first turn (dispose the pin), or null
    /// with the reason: the client started too many in the last minute, or there is no room (its own conversations and
    /// everyone else's are all busy).
    /// </summary>
    public Created? Create(string userId, string? client, out Refusal refusal)
    {
        // 128 random bits, URL-safe: ids are not secrets (tokens are), but they should not be guessable either.
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return GetOrAdd(id, userId, client, out refusal);
    }

    /// <summary>Takes one of the anonymous client's posts for the minute; false when it posted too many.</summary>
    public bool TryPost(string client)
    {
        lock (_gate)
        {
            return _clients.TryPost(client);
        }
    }

    /// <summary>The conversation if it is still held; touches it. Never creates one.</summary>
    public ConversationFeed? Find(string conversationId)
    {
        if (!_feeds.TryGetValue(conversationId, out var feed))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (IsExpired(feed, now))
        {
            lock (_gate)
            {
                Remove(feed);
            }

            return null;
        }

        feed.Touch(now);
        return feed;
    }

    /// <summary>
    /// The conversation, pinned (dispose the pin when done), re-created empty when a valid token names one this process
    /// no longer holds (dropped, or the server restarted with the same signing key): the client keeps working instead
    /// of seeing "conversation ended". Null (with the reason) when it cannot be created.
    /// </summary>
    public Created? GetOrAdd(string conversationId, string userId, string? client, out Refusal refusal)
    {
        refusal = Refusal.None;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_feeds.TryGetValue(conversationId, out var existing) && !IsExpired(existing, now))
            {
                existing.Touch(now);
                return new Created(existing, existing.BeginTurn());
            }

            if (existing is not null)
            {
                Remove(existing);
            }

            if (client is not null && !_clients.TryStart(client))
            {
                refusal = Refusal.ClientTooFast;
                return null;
            }

            if ((client is not null && _clients.Held(client) >= _options.MaxConversationsPerClient
                    && !Evict(f => string.Equals(f.Client, client, StringComparison.Ordinal), now))
                || (_feeds.Count >= _options.MaxConversations && !Evict(_ => true, now)))
            {
                refusal = Refusal.NoRoom;
                return null;
            }

            var feed = new ConversationFeed(conversationId, userId, client, _limits, now, _budget);
            _feeds[conversationId] = feed;
            if (client is not null)
            {
                _clients.AddHeld(client);
            }

            return new Created(feed, feed.BeginTurn());
        }
    }

    // Busy feeds stay even over the total: the overshoot is bounded by MaxBytesPerConversation per running turn.
    private void MakeRoomForBytes()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_budget.IsOver && Evict(_ => true, now))
            {
            }
        }
    }

    // Drops one conversation among those matching: expired first, then unused, then the least recently active; never
    // one with a turn running. False when none could go.
    private bool Evict(Func<ConversationFeed, bool> among, DateTimeOffset now)
    {
        ConversationFeed? victim = null;
        foreach (var feed in _feeds.Values)
        {
            if (feed.IsBusy || !among(feed))
            {
                continue;
            }

            if (IsExpired(feed, now))
            {
                victim = feed;
                break;
            }

            if (victim is null || GoesFirst(feed, victim))
            {
                victim = feed;
            }
        }

        if (victim is null)
        {
            return false;
        }

        Remove(victim);
        return true;

        static bool GoesFirst(ConversationFeed a, ConversationFeed b) =>
            a.IsUsed != b.IsUsed ? !a.IsUsed : a.LastActive < b.LastActive;
    }

    private void Remove(ConversationFeed feed)
    {
        if (!_feeds.TryRemove(new KeyValuePair<string, ConversationFeed>(feed.ConversationId, feed)))
        {
            return;
        }

        if (feed.Client is { } client)
        {
            _clients.RemoveHeld(client);
        }

        _budget.Add(-feed.Detach());
    }

    private bool IsExpired(ConversationFeed feed, DateTimeOffset now) =>
        !feed.IsBusy && now - feed.LastActive > _options.ConversationIdleTimeout;
}

/// <summary>A conversation handed out by the registry, pinned (never dropped) until disposed.</summary>
internal sealed record Created(ConversationFeed Feed, IDisposable Pin) : IDisposable
{
    public void Dispose() => Pin.Dispose();
}

/// <summary>Why a conversation could not be created.</summary>
internal enum Refusal
{
    None,

    /// <summary>Every conversation that could make room is busy (429/503 to the client: try again shortly).</summary>
    NoRoom,

    /// <summary>The anonymous client started too many conversations in the last minute.</summary>
    ClientTooFast,
}
