using Microsoft.Extensions.AI;

namespace Chatbot.Cli.Tests;

/// <summary>
/// A stand-in for the LLM: answers structured-output calls with commands (JSON, as the real model would), counts calls,
/// and can fail every other call to play a flaky model.
/// </summary>
internal sealed class FakeModel(bool flaky = false) : IChatClient
{
    public int Calls { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        var user = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var json = flaky && Calls % 2 == 0
            ? """{"commands":[{"kind":"cannot_handle"}]}"""
            : user.Contains("laptop", StringComparison.OrdinalIgnoreCase)
                ? """{"commands":[{"kind":"start_flow","flow":"place_order"}]}"""
                : """{"commands":[{"kind":"cannot_handle"}]}""";
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, json)) { FinishReason = ChatFinishReason.Stop });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
