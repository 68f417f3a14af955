using Chatbot.Storage;

namespace Chatbot.Bot.Hosting;

/// <summary>Ready when the conversation store answers a point read.</summary>
internal sealed class StorageReadinessCheck(IConversationStore store) : IReadinessCheck
{
    public string Name => "storage";

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.ReadAsync("health~probe", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
