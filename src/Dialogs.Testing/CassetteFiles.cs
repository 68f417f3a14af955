using Microsoft.Extensions.AI;

namespace Chatbot.Dialogs.Testing;

/// <summary>Where a test file's recorded model answers live: <c>x.test.yaml</c> -> <c>x.cassette.json</c> next to it.</summary>
internal static class CassetteFiles
{
    public static string PathFor(string testFile)
    {
        var name = Path.GetFileName(testFile);
        var stem = name.EndsWith(".test.yaml", StringComparison.OrdinalIgnoreCase) ? name[..^".test.yaml".Length]
            : name.EndsWith(".test.yml", StringComparison.OrdinalIgnoreCase) ? name[..^".test.yml".Length]
            : Path.GetFileNameWithoutExtension(name);
        return Path.Combine(Path.GetDirectoryName(testFile) ?? ".", stem + ".cassette.json");
    }
}

/// <summary>The model behind a replaying cassette: never called, because replay answers from the cassette or reports a miss.</summary>
internal sealed class NoModelChatClient : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("recorded mode replays answers and never calls a model");

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("recorded mode replays answers and never calls a model");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
