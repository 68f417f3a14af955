using Microsoft.Extensions.Options;

namespace Chatbot.Storage.InMemory;

/// <summary>
/// Bounds of the in-memory store (configuration section <c>Storage:InMemory</c>; <c>Storage:Provider=InMemory</c>): a
/// conversation not written for <see cref="TimeToLiveSeconds"/> expires, as with Cosmos DB's <c>ttl</c>, and beyond
/// <see cref="MaxDocuments"/> or <see cref="MaxBytes"/> the least recently used conversations are dropped. A dropped
/// conversation is a new conversation on its next message (docs/exactly-once.md).
/// </summary>
internal sealed class InMemoryStoreOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage:InMemory";

    /// <summary>
    /// Seconds after its last write (a turn's commit or delivery record) that a conversation expires; -1 or 0 = never.
    /// Same name and meaning as <c>CosmosDb:TimeToLiveSeconds</c>; same default (30 days).
    /// </summary>
    public int TimeToLiveSeconds { get; set; } = 30 * 24 * 60 * 60;

    /// <summary>Conversations held at most (least recently used first out).</summary>
    public int MaxDocuments { get; set; } = 10_000;

    /// <summary>
    /// Bytes held at most: documents, notes, ids and ETags, plus a fixed allowance per conversation for the objects around
    /// them (a typical conversation ~1.9 KB: 16 MB is ~8,800 conversations).
    /// </summary>
    public long MaxBytes { get; set; } = 16 * 1024 * 1024;
}

/// <summary>Checks the <c>Storage:InMemory</c> settings at start, naming each setting that is out of range.</summary>
internal sealed class InMemoryStoreOptionsValidator : IValidateOptions<InMemoryStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, InMemoryStoreOptions options)
    {
        var failures = new List<string>();
        if (options.TimeToLiveSeconds < -1)
        {
            failures.Add($"Storage:InMemory:TimeToLiveSeconds must be a number of seconds, or -1 / 0 for no expiry; found {options.TimeToLiveSeconds}.");
        }

        if (options.MaxDocuments is < 1 or > 10_000_000)
        {
            failures.Add($"Storage:InMemory:MaxDocuments must be between 1 and 10000000; found {options.MaxDocuments}.");
        }

        if (options.MaxBytes is < StorageLimits.DefaultMaxDocumentBytes or > 1L << 40)
        {
            failures.Add($"Storage:InMemory:MaxBytes must be between {StorageLimits.DefaultMaxDocumentBytes} and {1L << 40}; found {options.MaxBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
