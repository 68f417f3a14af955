using Microsoft.Extensions.AI;

namespace Chatbot.Dialogs.Testing.Recording;

/// <summary>
/// Replays (or records) model answers from a <see cref="Cassette"/> so author tests run offline and deterministically.
/// Wrap the real client for <see cref="CassetteMode.Record"/>; in <see cref="CassetteMode.Replay"/> the inner client is never called.
/// </summary>
public sealed class CassetteChatClient : DelegatingChatClient
{
    private readonly Cassette _cassette;
    private readonly CassetteMode _mode;
    private readonly string? _modelId;

    /// <summary>Creates the client; <paramref name="modelId"/> is part of every key (a new model means re-recording).</summary>
    public CassetteChatClient(IChatClient innerClient, Cassette cassette, CassetteMode mode, string? modelId)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        _cassette = cassette;
        _mode = mode;
        _modelId = modelId;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        var key = Cassette.KeyOf(_modelId, list, options);
        if (_mode == CassetteMode.Replay)
        {
            if (!_cassette.TryGet(key, out var answer))
            {
                throw new CassetteMissException(key, _cassette.Path);
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text))
            {
                FinishReason = answer.FinishReason is null ? null : new ChatFinishReason(answer.FinishReason),
                ModelId = _modelId,
            };
        }

        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        _cassette.Put(key, new Cassette.RecordedAnswer(response.Text, response.FinishReason?.Value));
        return response;
    }
}
