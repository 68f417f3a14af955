using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded.Tests;

/// <summary>A small shop's top-level understanding request, as the engine would build it.</summary>
internal static class Requests
{
    public static readonly IReadOnlyList<FlowCandidate> Flows =
    [
        new("order_status", "Check where an order is", ["Where is my order?", "track my package", "has my order shipped"]),
        new("reset_password", "Reset a forgotten password", ["reset my password", "I forgot my password", "I can't log in"]),
        new("opening_hours", "Opening hours", ["when are you open", "what are your opening hours"]),
    ];

    public static UnderstandingRequest TopLevel(string text) => new()
    {
        Text = text,
        Language = "en",
        Flows = Flows,
        AllowedCommands = [CommandKind.StartFlow, CommandKind.CannotHandle],
        Revision = "r1",
    };
}
