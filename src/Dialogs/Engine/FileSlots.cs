using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// File slots: at an ask of a <c>file</c> slot the message's attachments are the answer. A command names a file of
/// this turn (<c>file:0</c>), never a URL or a name, so only what the channel reported can become a slot value; the
/// value stored is a small object (<c>name</c>, <c>content_type</c>, <c>size</c>, <c>url</c>, <c>id</c>), the bot
/// never downloads the file (dialogs/README.md, "File slots").
/// </summary>
internal static class FileSlots
{
    /// <summary>What a command's value for a file slot looks like: a reference to the turn's n-th file.</summary>
    public const string ReferencePrefix = "file:";

    /// <summary>The members of a stored file value, as templates read them (<c>{{ receipt.name }}</c>).</summary>
    public static readonly IReadOnlyList<string> Members = ["name", "content_type", "size", "url", "id"];

    public const string WrongType = "file type not accepted";
    public const string TooLarge = "file too large";

    /// <summary>True when the bot waits for the answer to an ask of a file slot.</summary>
    public static bool AtFileAsk(TurnContext turn) =>
        turn.State.Pending is null && turn.CurrentStep is AskStep ask && turn.Bot.FindSlot(turn.Top!.Flow, ask.Slot.Name) is { } slot && turn.Bot.TypeOf(slot).Kind == SlotKind.File;

    /// <summary>The answer the files give to the file ask: the first file the slot accepts, else the first file (refused with the reason).</summary>
    public static SetSlotCommand Answer(TurnContext turn, IReadOnlyList<InputFile> files)
    {
        var ask = (AskStep)turn.CurrentStep!;
        var slot = turn.Bot.SlotInfo(turn.Bot.FindSlot(turn.Top!.Flow, ask.Slot.Name)!, turn.Language);
        var index = Math.Max(0, files.ToList().FindIndex(f => Problem(slot, f) is null));
        return new SetSlotCommand(ask.Slot.Name, ReferencePrefix + index.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Accepts a file command's value: the stored object of the file it names, or the reason it cannot be the slot's value.</summary>
    public static bool TryAccept(SlotInfo slot, string value, IReadOnlyList<InputFile> files, out JsonElement stored, out string problem)
    {
        stored = default;
        if (!value.StartsWith(ReferencePrefix, StringComparison.Ordinal)
            || !int.TryParse(value.AsSpan(ReferencePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index >= files.Count)
        {
            problem = SlotValueParser.NotAFile;
            return false;
        }
        var file = files[index];
        if (Problem(slot, file) is { } refused)
        {
            problem = refused;
            return false;
        }
        problem = "";
        stored = ToJson(file);
        return true;
    }

    /// <summary>Why the slot refuses the file, or null. A size the channel did not report cannot exceed the limit.</summary>
    public static string? Problem(SlotInfo slot, InputFile file)
    {
        if (slot.Accept.Count > 0 && !slot.Accept.Any(a => Matches(a, file.ContentType))) return WrongType;
        if (slot.MaxSize is { } max && file.Size > max) return TooLarge;
        return null;
    }

    /// <summary><c>image/*</c> matches every <c>image/…</c>; otherwise the types must be equal (parameters such as <c>; charset</c> ignored).</summary>
    public static bool Matches(string accepted, string contentType)
    {
        var type = contentType.Split(';', 2)[0].Trim();
        if (accepted.EndsWith("/*", StringComparison.Ordinal))
        {
            return type.StartsWith(accepted[..^1], StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(accepted, type, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The pattern that says why a file answer failed (wrong type, too large, words instead of a file), recorded in the
    /// trace as <c>pattern:file_type</c> and the like; null for other problems.
    /// </summary>
    public static NameRef? PatternFor(TurnContext turn, string problem)
    {
        var patterns = turn.Bot.Definition.Patterns;
        var (pattern, name) = problem switch
        {
            WrongType => (patterns.FileType, "file_type"),
            TooLarge => (patterns.FileSize, "file_size"),
            SlotValueParser.NotAFile => (patterns.FileExpected, "file_expected"),
            _ => ((NameRef?)null, ""),
        };
        if (pattern is not null) turn.Trace.Events.Add("pattern:" + name);
        return pattern;
    }

    /// <summary>A member of a stored file value as text (<c>size</c> in bytes), or null when the file has none.</summary>
    public static string? Member(JsonElement value, string member) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(member, out var field)
            ? field.ValueKind switch
            {
                JsonValueKind.String => field.GetString(),
                JsonValueKind.Number => field.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>
    /// What a file slot accepts as people read it, for <c>{{ accepted.types }}</c>: "PDF files or images" / "PDF-Dateien
    /// oder Bilder", not the content types (<c>application/pdf, image/*</c>) that only the author knows.
    /// </summary>
    public static string DescribeAccepted(IReadOnlyList<string> accept, string language)
    {
        var de = language == "de";
        var names = accept.Select(type => DescribeType(type, de)).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + (de ? " oder " : " or ") + names[^1];
    }

    // Everyday names of the content types authors accept; others by their subtype ("application/x-gpx" -> "GPX").
    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "PDF",
        ["application/msword"] = "Word",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = "Word",
        ["application/vnd.ms-excel"] = "Excel",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = "Excel",
        ["application/vnd.ms-powerpoint"] = "PowerPoint",
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = "PowerPoint",
        ["application/vnd.oasis.opendocument.text"] = "ODT",
        ["text/plain"] = "Text",
        ["image/jpeg"] = "JPEG",
        ["image/svg+xml"] = "SVG",
    };

    private static string DescribeType(string contentType, bool de)
    {
        var slash = contentType.IndexOf('/', StringComparison.Ordinal);
        var family = slash < 0 ? contentType : contentType[..slash].ToLowerInvariant();
        var sub = slash < 0 ? "" : contentType[(slash + 1)..];
        if (sub == "*")
        {
            return family switch
            {
                "image" => de ? "Bilder" : "images",
                "video" => de ? "Videos" : "videos",
                "audio" => de ? "Audiodateien" : "audio files",
                "text" => de ? "Textdateien" : "text files",
                _ => de ? "Dateien" : "files",
            };
        }
        if (!TypeNames.TryGetValue(contentType, out var name))
        {
            var bare = sub.StartsWith("x-", StringComparison.OrdinalIgnoreCase) ? sub[2..] : sub;
            // A short plain subtype reads as its letters ("png" -> "PNG"); anything longer is shown as written.
            if (bare.Length is 0 or > 5 || !bare.All(char.IsAsciiLetterOrDigit)) return contentType;
            name = bare.ToUpperInvariant();
        }
        return family == "image" ? (de ? name + "-Bilder" : name + " images") : (de ? name + "-Dateien" : name + " files");
    }

    /// <summary>A size as people read it: 512 bytes, 200 KB, 1.5 MB (decimal units, the language's decimal separator).</summary>
    public static string FormatSize(long bytes, string language)
    {
        var (amount, unit) = bytes switch
        {
            >= 1_000_000_000 => (bytes / 1e9, "GB"),
            >= 1_000_000 => (bytes / 1e6, "MB"),
            >= 1_000 => (bytes / 1e3, "KB"),
            _ => (bytes, language == "de" ? "Bytes" : "bytes"),
        };
        var text = Math.Round(amount, 1).ToString("0.#", CultureInfo.InvariantCulture);
        return (language == "de" ? text.Replace('.', ',') : text) + " " + unit;
    }

    private static JsonElement ToJson(InputFile file)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", file.Name ?? "");
            writer.WriteString("content_type", file.ContentType);
            if (file.Size is { } size) writer.WriteNumber("size", size);
            if (file.Url is { } url) writer.WriteString("url", url);
            if (file.Id is { } id) writer.WriteString("id", id);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
