using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatbot.Storage;

/// <summary>
/// Keys a flow registered (<c>order:AB12345</c>) mapped to the conversation that registered them, so another system can
/// address a conversation by something it knows. Each entry is one small document of the conversation store under an
/// id no conversation can have (<see cref="DocumentIds.ForIndexKey"/>): every store keeps entries the way it keeps
/// state (Cosmos: its own item and partition, the same container and time to live).
/// </summary>
/// <remarks>
/// An entry is never written in the same transaction as the state (in Cosmos it is another partition). It only ever
/// names the conversation whose turn wrote it, so an entry written for a turn whose state was then not committed sends
/// that conversation's own events to it, nobody else's.
/// </remarks>
public sealed class ConversationIndex(IConversationStore store)
{
    // Racing registrations of one key settle in a few rounds; more means something keeps rewriting it.
    private const int MaxConflicts = 3;

    /// <summary>The longest key accepted, in characters (before escaping).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>The conversation that registered <paramref name="key"/>, or null when none did (or its entry expired).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now.</exception>
    public async Task<IndexedConversation?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(Id(key), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Parse(stored);
    }

    /// <summary>
    /// Registers <paramref name="key"/> for <paramref name="conversation"/>. A key another conversation holds is taken
    /// over only when <paramref name="replace"/> is set (last writer wins); otherwise the first conversation keeps it.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached now; the entry may or may not be written.</exception>
    public async Task<IndexWrite> SetAsync(string key, IndexedConversation conversation, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var id = Id(key);
        var content = JsonSerializer.SerializeToUtf8Bytes(conversation, IndexJsonContext.Default.IndexedConversation);
        for (var conflicts = 0; ; conflicts++)
        {
            var stored = await store.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            var current = stored is null ? null : Parse(stored);
            if (current == conversation) return IndexWrite.Unchanged;
            if (current is not null && !replace) return IndexWrite.HeldByAnother;
            try
            {
                await store.WriteAsync(id, content, stored?.ETag, cancellationToken).ConfigureAwait(false);
                return current is null ? IndexWrite.Added : IndexWrite.Moved;
            }
            catch (ConcurrencyConflictException) when (conflicts < MaxConflicts)
            {
                // Someone registered or moved the key since the read: decide again on what is there now.
            }
        }
    }

    /// <summary>Removes the entry for <paramref name="key"/> if present.</summary>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) => store.DeleteAsync(Id(key), cancellationToken);

    private static string Id(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > MaxKeyLength) throw new ArgumentException($"The key is {key.Length} characters long; at most {MaxKeyLength} are allowed.", nameof(key));
        return DocumentIds.ForIndexKey(key);
    }

    private static IndexedConversation? Parse(StoredDocument stored)
    {
        try
        {
            return JsonSerializer.Deserialize(stored.Content.Span, IndexJsonContext.Default.IndexedConversation) is { ChannelId.Length: > 0, ConversationId.Length: > 0 } entry ? entry : null;
        }
        catch (JsonException)
        {
            // An entry nobody can read addresses nobody; the next registration of the key overwrites it.
            return null;
        }
    }
}

/// <summary>The conversation an index entry names: its channel and its id on that channel.</summary>
public sealed record IndexedConversation(
    [property: JsonPropertyName("channelId")] string ChannelId,
    [property: JsonPropertyName("conversation")] string ConversationId);

/// <summary>What <see cref="ConversationIndex.SetAsync"/> did.</summary>
public enum IndexWrite
{
    /// <summary>The key was new and now names the conversation.</summary>
    Added,

    /// <summary>The key already named the conversation; nothing was written.</summary>
    Unchanged,

    /// <summary>The key named another conversation and now names this one (replace was asked for).</summary>
    Moved,

    /// <summary>Another conversation holds the key and keeps it (replace was not asked for); nothing was written.</summary>
    HeldByAnother,
}

[JsonSerializable(typeof(IndexedConversation))]
internal sealed partial class IndexJsonContext : JsonSerializerContext;
