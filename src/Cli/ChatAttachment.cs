using System.Globalization;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Cli;

/// <summary>
/// <c>/attach receipt.pdf [application/pdf] [120000]</c> in <c>chat</c>: a file as a channel reports it (name, content
/// type, size; never its bytes), so an author can answer a <c>file</c> slot's ask in the terminal. The content type
/// defaults from the name's extension; the size, when not given, is that of a local file of that name, else unknown.
/// </summary>
internal static class ChatAttachment
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png",
        [".gif"] = "image/gif", [".webp"] = "image/webp", [".heic"] = "image/heic", [".txt"] = "text/plain",
        [".csv"] = "text/csv", [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".zip"] = "application/zip",
    };

    /// <summary>The file the words after <c>/attach</c> describe; null when they name none.</summary>
    public static InputFile? Parse(string words)
    {
        var parts = words.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > 3) return null;
        string? type = null;
        long? size = null;
        foreach (var part in parts.Skip(1))
        {
            if (part.Contains('/', StringComparison.Ordinal) && type is null) type = part;
            else if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && size is null) size = bytes;
            else return null;
        }
        var path = parts[0];
        if (size is null && File.Exists(path)) size = new FileInfo(path).Length;
        type ??= Types.GetValueOrDefault(Path.GetExtension(path)) ?? "application/octet-stream";
        return new InputFile(type, Path.GetFileName(path)) { Size = size };
    }
}
