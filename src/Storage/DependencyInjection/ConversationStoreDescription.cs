namespace Chatbot.Storage.DependencyInjection;

/// <summary>Which store <c>AddConversationStore</c> chose and why, for the startup log (never contains secrets).</summary>
/// <param name="Kind">"cosmos", "file" or "in-memory".</param>
/// <param name="Text">One line such as "Cosmos DB https://… database 'chatbot' …" or "local files in /app/.local/state".</param>
public sealed record ConversationStoreDescription(string Kind, string Text);
