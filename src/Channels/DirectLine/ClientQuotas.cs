namespace Chatbot.Channels.DirectLine;

/// <summary>
/// What each anonymous client (an address) may do on the Direct Line endpoint: how many conversations it holds, how
/// fast it starts new ones and how fast it posts. Bounded in memory: at most <see cref="MaxClients"/> entries; an
/// entry goes once its client holds nothing and its allowances are full again.
/// </summary>
/// <remarks>Not thread-safe: <see cref="DirectLineConversations"/> calls it under its lock.</remarks>
internal sealed class ClientQuotas(DirectLineOptions options, TimeProvider time)
{
    /// <summary>Clients tracked at once; beyond this, unknown clients are refused until idle ones are forgotten.</summary>
    public const int MaxClients = 100_000;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _lastSweep;

    public int Count => _entries.Count;

    public int Held(string client) => _entries.TryGetValue(client, out var entry) ? entry.Held : 0;

    /// <summary>Takes one of the client's conversation starts; false when it started too many in the last minute.</summary>
    public bool TryStart(string client) =>
        Get(client) is { } entry && entry.Starts.TryTake(time.GetTimestamp(), options.ConversationsPerClientPerMinute, time);

    /// <summary>Takes one of the client's posts; false when it posted too many in the last minute.</summary>
    public bool TryPost(string client) =>
        Get(client) is { } entry && entry.Posts.TryTake(time.GetTimestamp(), options.PostsPerClientPerMinute, time);

    public void AddHeld(string client)
    {
        if (Get(client) is { } entry)
        {
            entry.Held++;
        }
    }

    public void RemoveHeld(string client)
    {
        if (_entries.TryGetValue(client, out var entry) && entry.Held > 0)
        {
            entry.Held--;
        }
    }

    private Entry? Get(string client)
    {
        if (_entries.TryGetValue(client, out var entry))
        {
            return entry;
        }

        if (_entries.Count >= MaxClients && !Sweep())
        {
            return null;
        }

        var now = time.GetTimestamp();
        entry = new Entry(new Allowance(options.ConversationsPerClientPerMinute, now), new Allowance(options.PostsPerClientPerMinute, now));
        _entries[client] = entry;
        return entry;
    }

    // Forgets clients that hold nothing and have their whole allowance back (they would start exactly as a new entry).
    // At most once a second: under a flood of new addresses the scan would otherwise run for every request.
    private bool Sweep()
    {
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(_lastSweep, now) < TimeSpan.FromSeconds(1))
        {
            return false;
        }

        _lastSweep = now;
        foreach (var (client, entry) in _entries)
        {
            if (entry.Held == 0 && entry.Starts.IsFull(now, options.ConversationsPerClientPerMinute, time) && entry.Posts.IsFull(now, options.PostsPerClientPerMinute, time))
            {
                _entries.Remove(client);
            }
        }

        return _entries.Count < MaxClients;
    }

    private sealed class Entry(Allowance starts, Allowance posts)
    {
        public int Held { get; set; }

        public Allowance Starts { get; } = starts;

        public Allowance Posts { get; } = posts;
    }

    // A token bucket that holds a minute's worth and refills continuously.
    private sealed class Allowance(int perMinute, long now)
    {
        private double _tokens = perMinute;
        private long _updated = now;

        public bool TryTake(long now, int perMinute, TimeProvider time)
        {
            Refill(now, perMinute, time);
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }

        public bool IsFull(long now, int perMinute, TimeProvider time)
        {
            Refill(now, perMinute, time);
            return _tokens >= perMinute;
        }

        private void Refill(long now, int perMinute, TimeProvider time)
        {
            var elapsed = time.GetElapsedTime(_updated, now);
            _tokens = Math.Min(perMinute, _tokens + (elapsed / Minute * perMinute));
            _updated = now;
        }
    }
}
