namespace Chatbot.Storage.Resilience;

/// <summary>The health of a store without a circuit breaker: nothing is known without calling it, so it counts as available.</summary>
internal sealed class AlwaysAvailableStoreHealth : IConversationStoreHealth
{
    public static AlwaysAvailableStoreHealth Instance { get; } = new();

    public bool IsAvailable => true;
}
