namespace Chatbot.Storage.Resilience;

/// <summary>What this process currently believes about the store, known without calling it (for readiness).</summary>
public interface IConversationStoreHealth
{
    /// <summary>False while recent operations failed so often that the store is not being called.</summary>
    bool IsAvailable { get; }
}
