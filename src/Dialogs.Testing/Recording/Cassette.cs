using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Chatbot.Dialogs.Testing.Recording;

/// <summary>
/// Recorded model answers for author tests, in one JSON file, keyed by a SHA-256 of the model and the full prompt
/// (messages, response format, temperature, token cap). A changed prompt gets a new key, so it is reported as
/// "re-record needed" instead of replaying a stale answer.
/// </summary>
public sealed class Cassette
{
    private readonly ConcurrentDictionary<string, RecordedAnswer> _answers;

    private Cassette(string path, ConcurrentDictionary<string, RecordedAnswer> answers)
    {
        Path = path;
        _answers = answers;
    }

    /// <summary>The cassette file.</summary>
    public string Path { get; }

    /// <summary>Number of recorded answers.</summary>
    public int Count => _answers.Count;

    /// <summary>Loads the cassette at <paramref name="path"/>, or starts an empty one if the file does not exist.</summary>
    public static Cassette Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var answers = new ConcurrentDictionary<string, RecordedAnswer>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?["answers"]?.AsObject()
                ?? throw new InvalidDataException($"{path}: not a cassette (expected an object with \"answers\").");
            foreach (var (key, value) in root)
            {
                answers[key] = new RecordedAnswer(value?["text"]?.GetValue<string>() ?? string.Empty, value?["finishReason"]?.GetValue<string>());
            }
        }

        return new Cassette(path, answers);
    }

    /// <summary>Writes the cassette (sorted keys, so recordings diff cleanly).</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var answers = new JsonObject();
        foreach (var (key, answer) in _answers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            answers[key] = new JsonObject { ["text"] = answer.Text, ["finishReason"] = answer.FinishReason };
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var json = new JsonObject { ["version"] = 1, ["answers"] = answers }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(Path, json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key of a prompt: SHA-256 over model id and the canonical prompt.</summary>
    public static string KeyOf(string? modelId, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var canonical = new StringBuilder();
        canonical.Append("model=").Append(modelId ?? options?.ModelId ?? "default").Append('\n');
        canonical.Append("temperature=").Append(options?.Temperature?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-").Append('\n');
        canonical.Append("max_tokens=").Append(options?.MaxOutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-").Append('\n');
        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } json)
        {
            canonical.Append("schema=").Append(json.SchemaName).Append(':').Append(schema.GetRawText()).Append('\n');
        }

        foreach (var message in messages)
        {
            canonical.Append(message.Role.Value).Append(": ").Append(message.Text).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    internal bool TryGet(string key, out RecordedAnswer answer) => _answers.TryGetValue(key, out answer!);

    internal void Put(string key, RecordedAnswer answer) => _answers[key] = answer;

    internal sealed record RecordedAnswer(string Text, string? FinishReason);
}
