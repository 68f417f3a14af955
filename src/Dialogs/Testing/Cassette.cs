using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// Recorded model answers for one test file (<c>x.test.yaml</c> -> <c>x.cassette.json</c>), keyed by a hash of the
/// model name and the whole understanding request, so any change to the prompt's inputs is a miss, not a flake.
/// </summary>
public sealed class Cassette
{
    private readonly Dictionary<string, CassetteEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cassette path for a test file.</summary>
    public static string PathFor(string testFile)
    {
        var name = Path.GetFileName(testFile);
        var stem = name.EndsWith(".test.yaml", StringComparison.OrdinalIgnoreCase) ? name[..^".test.yaml".Length]
            : name.EndsWith(".test.yml", StringComparison.OrdinalIgnoreCase) ? name[..^".test.yml".Length]
            : Path.GetFileNameWithoutExtension(name);
        return Path.Combine(Path.GetDirectoryName(testFile) ?? ".", stem + ".cassette.json");
    }

    public int Count => _entries.Count;

    public bool TryGet(string key, out CassetteEntry entry) => _entries.TryGetValue(key, out entry!);

    public void Put(CassetteEntry entry) => _entries[entry.Key] = entry;

    /// <summary>The key: model + every field of the request that shapes a model's answer.</summary>
    public static string Key(string model, UnderstandingRequest request)
    {
        var b = new StringBuilder();
        void Line(string name, string? value) => b.Append(name).Append('=').Append(value).Append('\n');
        string Slot(SlotInfo s) => $"{s.Name}:{s.Kind}:{s.Description}:{s.Pattern}:{s.Sensitive}:{string.Join(",", s.Values.Select(v => v.Value + "(" + string.Join("|", v.Synonyms) + ")"))}";
        Line("model", model);
        Line("text", request.Text);
        Line("language", request.Language);
        foreach (var f in request.Flows) Line("flow", $"{f.Id}:{f.Description}:{string.Join("|", f.Examples)}:{string.Join(";", f.Slots.Select(Slot))}");
        Line("active", string.Join(",", request.ActiveFlows));
        Line("expected", request.ExpectedSlot is { } e ? Slot(e) : null);
        foreach (var s in request.Slots) Line("slot", Slot(s));
        Line("confirm", request.AwaitingConfirmation ? "yes" : "no");
        Line("allowed", string.Join(",", request.AllowedCommands));
        foreach (var h in request.History) Line("history", h.Speaker + ":" + h.Text);
        Line("now", request.Now?.ToString("O", CultureInfo.InvariantCulture));
        Line("tz", request.TimeZone);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(b.ToString())))[..24];
    }

    /// <summary>Reads a cassette; a missing file is an empty cassette.</summary>
    public static Cassette Load(string path)
    {
        var cassette = new Cassette();
        if (!File.Exists(path)) return cassette;
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array) return cassette;
        foreach (var e in entries.EnumerateArray())
        {
            var commands = new List<Command>();
            foreach (var c in e.GetProperty("commands").EnumerateArray())
            {
                if (CommandSyntax.TryParse(c.GetString() ?? "", out _) is { } command) commands.Add(command);
            }
            cassette.Put(new CassetteEntry(
                e.GetProperty("key").GetString() ?? "",
                e.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "",
                e.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "",
                e.TryGetProperty("path", out var p) ? p.GetString() ?? "recorded" : "recorded",
                commands));
        }
        return cassette;
    }

    /// <summary>Writes the cassette, entries sorted by key so re-recording gives small diffs.</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteNumber("version", 1);
        w.WriteStartArray("entries");
        foreach (var e in _entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("key", e.Key);
            w.WriteString("model", e.Model);
            w.WriteString("text", e.Text);
            w.WriteString("path", e.Path);
            w.WriteStartArray("commands");
            foreach (var c in e.Commands) w.WriteStringValue(CommandSyntax.Format(c));
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

/// <summary>One recorded answer: the key, the model, the user text (for people reading diffs) and the commands.</summary>
public sealed record CassetteEntry(string Key, string Model, string Text, string Path, IReadOnlyList<Command> Commands);

/// <summary>
/// Replays answers from a cassette; with a live recognizer it records instead. A request the cassette does not know is
/// flagged in <see cref="Misses"/> (the runner turns it into "re-record needed") and answered with no commands.
/// </summary>
internal sealed class CassetteUnderstanding(Cassette cassette, string model, IUnderstanding? live) : IUnderstanding
{
    public List<string> Misses { get; } = [];

    public async ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
    {
        var key = Cassette.Key(model, request);
        if (live is not null)
        {
            var result = await live.UnderstandAsync(request, cancellationToken);
            cassette.Put(new CassetteEntry(key, model, request.Text, result.Path, result.Commands));
            return result;
        }
        if (cassette.TryGet(key, out var entry))
        {
            return new UnderstandingResult { Path = "recorded", Commands = entry.Commands };
        }
        Misses.Add(request.Text);
        return UnderstandingResult.Empty("recorded");
    }
}
