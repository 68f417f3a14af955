namespace Chatbot.Dialogs.Engine;

/// <summary>
/// A file or image the user sent: what kind it is and what it is called; the content stays with the channel. The host
/// fills <see cref="Url"/> only with the channel's own address for the file (never a URL the user could choose).
/// </summary>
public sealed record InputFile(string ContentType, string? Name)
{
    /// <summary>Bytes, when the channel reports them; null = unknown (a file slot's max_size then cannot refuse it).</summary>
    public long? Size { get; init; }

    /// <summary>The channel's address of the file (Teams download URL, Direct Line/Emulator content URL); null when it gave none we trust.</summary>
    public string? Url { get; init; }

    /// <summary>The channel's id for the file (Teams' uniqueId), if any.</summary>
    public string? Id { get; init; }
}
