using System.Diagnostics.CodeAnalysis;

namespace Chatbot.Storage;

/// <summary>
/// A map by string key whose entries are kept in order of use and bounded by count and by bytes: putting an entry over
/// a bound drops the least recently used others. Not thread-safe: the owner locks. Used by the in-memory store
/// (its conversations) and by <c>Storage:Remember</c> (its copies).
/// </summary>
internal sealed class LeastRecentlyUsed<TEntry>(int maxCount, long maxBytes)
    where TEntry : LeastRecentlyUsed<TEntry>.Node
{
    private readonly Dictionary<string, TEntry> _entries = new(StringComparer.Ordinal);
    private TEntry? _newest;
    private TEntry? _oldest;

    /// <summary>One entry: its key, its counted bytes and its place in the order (the owner's fields are its own).</summary>
    internal abstract class Node(string key)
    {
        public string Key { get; } = key;

        /// <summary>What the entry counts against the byte bound (set by <see cref="Put"/>).</summary>
        public long Bytes { get; internal set; }

        internal TEntry? Newer;
        internal TEntry? Older;
    }

    public int Count => _entries.Count;

    /// <summary>Bytes of all entries, as last put.</summary>
    public long Bytes { get; private set; }

    /// <summary>The least recently used entry, or null.</summary>
    public TEntry? Oldest => _oldest;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TEntry entry) => _entries.TryGetValue(key, out entry);

    /// <summary>Makes <paramref name="entry"/> (already in the map) the most recently used.</summary>
    public void Use(TEntry entry)
    {
        if (_newest == entry) return;
        Unlink(entry);
        LinkAsNewest(entry);
    }

    /// <summary>
    /// Adds <paramref name="entry"/> or counts it again with <paramref name="bytes"/>, makes it the most recently used, and
    /// drops the least recently used others while a bound is exceeded (never the entry just put). Returns how many were
    /// dropped.
    /// </summary>
    public int Put(TEntry entry, long bytes)
    {
        if (_entries.TryGetValue(entry.Key, out var existing))
        {
            if (existing != entry) throw new InvalidOperationException($"Another entry is held for '{entry.Key}'.");
            Bytes -= entry.Bytes;
            Unlink(entry);
        }
        else
        {
            _entries.Add(entry.Key, entry);
        }

        entry.Bytes = bytes;
        Bytes += bytes;
        LinkAsNewest(entry);
        var dropped = 0;
        while (_oldest is { } oldest && oldest != entry && (_entries.Count > maxCount || Bytes > maxBytes))
        {
            Remove(oldest);
            dropped++;
        }

        return dropped;
    }

    /// <summary>Removes <paramref name="entry"/> when it is the one held for its key.</summary>
    public bool Remove(TEntry entry)
    {
        if (!_entries.TryGetValue(entry.Key, out var held) || held != entry) return false;
        _entries.Remove(entry.Key);
        Bytes -= entry.Bytes;
        Unlink(entry);
        return true;
    }

    /// <summary>Removes every entry <paramref name="drop"/> is true for; returns how many.</summary>
    public int RemoveWhere(Func<TEntry, bool> drop)
    {
        var removed = 0;
        for (var entry = _oldest; entry is not null;)
        {
            var next = entry.Newer;
            if (drop(entry) && Remove(entry)) removed++;
            entry = next;
        }

        return removed;
    }

    private void LinkAsNewest(TEntry entry)
    {
        entry.Older = _newest;
        entry.Newer = null;
        if (_newest is not null) _newest.Newer = entry;
        _newest = entry;
        _oldest ??= entry;
    }

    private void Unlink(TEntry entry)
    {
        if (entry.Newer is not null) entry.Newer.Older = entry.Older;
        else if (_newest == entry) _newest = entry.Older;
        if (entry.Older is not null) entry.Older.Newer = entry.Newer;
        else if (_oldest == entry) _oldest = entry.Newer;
        entry.Newer = entry.Older = null;
    }
}
