using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Remembering;

/// <summary>
/// The copy of each conversation's last version this process keeps (configuration section <c>Storage:Remember</c>), so
/// the first read of a turn needs no store request (<see cref="IConversationStore.ReadLastKnownAsync"/>): bounded by
/// count and by bytes, least recently used first out.
/// </summary>
internal sealed class RememberOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage:Remember";

    /// <summary>
    /// True = a turn's first read is served from the copy when there is one; false or unset = every read goes to the
    /// store. Off unless turned on: a turn on a stale copy (the conversation's previous turn ran in another instance) runs
    /// again after its commit is refused, but its http steps have already called their services once on the old state;
    /// turn it on where a conversation's turns stay in one instance or the bot's http steps are idempotent. Cosmos DB saves
    /// a round trip and ~15 % client CPU per turn; the file store nothing measurable (bench/RESULTS.md, issue 19 session
    /// 14). The in-memory store never remembers.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Conversations remembered at most.</summary>
    public int MaxDocuments { get; set; } = 4096;

    /// <summary>
    /// Bytes remembered at most: documents, notes, ids and ETags, plus a fixed allowance per entry for the objects around
    /// them (a typical conversation ~1.5 KB: 4 MB is ~2,700 conversations).
    /// </summary>
    public long MaxBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>Checks the <c>Storage:Remember</c> settings at start, naming each setting that is out of range.</summary>
internal sealed class RememberOptionsValidator : IValidateOptions<RememberOptions>
{
    public ValidateOptionsResult Validate(string? name, RememberOptions options)
    {
        var failures = new List<string>();
        if (options.MaxDocuments is < 1 or > 1_000_000)
        {
            failures.Add($"Storage:Remember:MaxDocuments must be between 1 and 1000000; found {options.MaxDocuments}.");
        }

        if (options.MaxBytes is < 65_536 or > 1L << 32)
        {
            failures.Add($"Storage:Remember:MaxBytes must be between 65536 and 4294967296; found {options.MaxBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
