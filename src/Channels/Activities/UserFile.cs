using System.Text.Json;
using Chatbot.Channels.Teams;
using Microsoft.AspNetCore.StaticFiles;

namespace Chatbot.Channels.Activities;

/// <summary>
/// A file the user sent, as the bot may hand it on: name, content type, size when the channel says it, and a URL only
/// when it is the channel's own (the bot never downloads; see <see cref="UserFiles"/>).
/// </summary>
public sealed record UserFile(string ContentType, string? Name)
{
    /// <summary>Bytes, when the channel reports them (Teams and Direct Line do not always); null = unknown.</summary>
    public long? Size { get; init; }

    /// <summary>Where the channel keeps the file: Teams' download URL, or a content URL on the activity's serviceUrl host; null otherwise.</summary>
    public string? Url { get; init; }

    /// <summary>The channel's id for the file (Teams' <c>uniqueId</c>); null when it has none.</summary>
    public string? Id { get; init; }
}

/// <summary>
/// Reads the files of a message without trusting user-controlled fields: a URL is kept only where the channel put it
/// (a Teams file download info attachment on an <c>msteams</c> activity, or a <c>contentUrl</c> on the host of the
/// activity's serviceUrl, as Direct Line, Web Chat and the Emulator serve uploads). Any other URL is dropped, so
/// nothing downstream fetches an address a user typed into an attachment.
/// </summary>
public static class UserFiles
{
    /// <summary>The content type Teams gives a file shared in a chat with the bot (content: downloadUrl, uniqueId, fileType).</summary>
    public const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    private const string CardPrefix = "application/vnd.microsoft.card.";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The files of the activity (cards and Teams' HTML copy of the text are not files).</summary>
    public static IReadOnlyList<UserFile> Read(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var files = new List<UserFile>();
        foreach (var attachment in activity.GetUserFiles())
        {
            var type = attachment.ContentType ?? "";
            if (type.StartsWith(CardPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            files.Add(string.Equals(type, TeamsFileDownloadInfo, StringComparison.OrdinalIgnoreCase)
                ? FromTeamsDownloadInfo(activity, attachment)
                : new UserFile(type.Length == 0 ? Guess(attachment.Name, null) : type, attachment.Name)
                {
                    Url = OnServiceHost(activity, attachment.ContentUrl),
                    Size = SizeOf(attachment),
                });
        }

        return files;
    }

    // Teams reports the file's extension (fileType), not its MIME type: the type is looked up from the extension.
    private static UserFile FromTeamsDownloadInfo(Activity activity, Attachment attachment)
    {
        var content = attachment.Content is { ValueKind: JsonValueKind.Object } c ? c : default;
        var fromTeams = activity.FromTeams();
        return new UserFile(Guess(attachment.Name, Text(content, "fileType")), attachment.Name)
        {
            // Teams puts a pre-authenticated SharePoint/OneDrive link here; only an activity from Teams is believed.
            Url = fromTeams && AbsoluteHttps(Text(content, "downloadUrl")) is { } url ? url : null,
            Id = Text(content, "uniqueId"),
            Size = SizeOf(attachment),
        };
    }

    private static string Guess(string? name, string? extension)
    {
        var probe = extension is { Length: > 0 } ? "f." + extension.TrimStart('.') : name ?? "";
        return ContentTypes.TryGetContentType(probe, out var type) ? type : "application/octet-stream";
    }

    private static string? OnServiceHost(Activity activity, string? contentUrl)
    {
        if (contentUrl is null || !Uri.TryCreate(contentUrl, UriKind.Absolute, out var url)) return null;
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var service)) return null;
        var sameHost = string.Equals(url.Host, service.Host, StringComparison.OrdinalIgnoreCase) && url.Port == service.Port;
        return sameHost && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == service.Scheme) ? url.AbsoluteUri : null;
    }

    private static string? AbsoluteHttps(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? url.AbsoluteUri : null;

    // Not a Bot Framework field: our Direct Line upload writes the byte count it read; other channels leave it out.
    private static long? SizeOf(Attachment attachment) =>
        attachment.Properties?.TryGetValue(SizeProperty, out var size) == true && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var bytes) && bytes >= 0 ? bytes : null;

    /// <summary>The attachment property that carries a file's size in bytes where the channel knows it.</summary>
    public const string SizeProperty = "size";

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
